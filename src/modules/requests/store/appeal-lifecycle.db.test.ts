/**
 * #14.4: an appeal (行政复议/行政诉讼) is one row from filing to outcome. Its outcome is recorded by
 * updating that row — a second entry is refused — and table 4 counts each appeal once by its current
 * state; the migration merges the double entries the old add-only model produced; the cross-case
 * register filters by state, kind and year within the user's units.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { AppError } from '../../../core/http/errors.ts';
import { countTables34 } from '../../reports/store/counting.ts';
import { registerByStaff } from '../intake-commands.ts';
import { recordAppeal, updateAppeal } from './supervision.ts';
import { mergeDuplicateAppeals } from './migrations-workflow.ts';
import { appealRegister, registerCsv } from '../http/appeal-register.tsx';
import { ctxFor, paperApplication, requestsTree } from './fixtures.test-helper.ts';

const TODAY = '2025-12-31';
let d: TestDb;
let tree: Awaited<ReturnType<typeof requestsTree>>;
before(async () => {
  d = await testDatabase();
  tree = await requestsTree(d.db);
});
after(async () => d?.cleanup());

const review = async (unitId: number, year: number) => (await countTables34(d.db, [unitId], year)).get(unitId)!.table4.review;

test('filed → outcome on the same row: a second entry for the outcome is refused, table 4 counts the appeal once', async () => {
  const handler = await ctxFor(d.db, 'handler');
  const { caseId } = await registerByStaff(d.db, testConfig(), handler, tree.bureau.id, paperApplication('2024-09-02'), { today: TODAY });
  const id = await recordAppeal(d.db, handler, caseId, { kind: 'review', outcome: 'pending', filed_on: '2024-10-10', body: '测试市人民政府' }, { today: TODAY });
  assert.deepEqual(await review(tree.bureau.id, 2024), { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });

  // the old way — the outcome as a new entry — would count the appeal twice
  const e = await recordAppeal(d.db, handler, caseId, { kind: 'review', outcome: 'upheld', filed_on: '2024-10-10', decided_on: '2025-03-01' }, { today: TODAY }).then(() => null, (x: unknown) => x);
  assert.ok(e instanceof AppError && e.status === 409 && e.code === 'appeal_pending' && /更新/.test(e.msg.zh), String(e));

  await updateAppeal(d.db, handler, id, { outcome: 'upheld', decided_on: '2025-03-01' }, { today: TODAY, caseId });
  const rows = await d.db.selectFrom('request_appeals').selectAll().where('case_id', '=', caseId).execute();
  assert.equal(rows.length, 1, 'one row per appeal');
  assert.deepEqual([rows[0].outcome, rows[0].filed_on, rows[0].decided_on, rows[0].body], ['upheld', '2024-10-10', '2025-03-01', '测试市人民政府'], 'unsent fields keep their value');
  assert.deepEqual(await review(tree.bureau.id, 2024), { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 }, 'pending at the end of 2024');
  assert.deepEqual(await review(tree.bureau.id, 2025), { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 }, 'decided in 2025');

  // the decided appeal entered again (a colleague recording the outcome a second time) is refused too
  const again = await recordAppeal(d.db, handler, caseId, { kind: 'review', outcome: 'upheld', filed_on: '2024-10-10', decided_on: '2025-03-01', body: '测试市人民政府' }, { today: TODAY }).then(() => null, (x: unknown) => x);
  assert.ok(again instanceof AppError && again.status === 409 && again.code === 'appeal_recorded' && /更新/.test(again.msg.zh), String(again));
  assert.deepEqual(await review(tree.bureau.id, 2025), { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 }, 'still counted once');

  // another appeal of the same kind, filed on another date, is a new row; an update names its case
  const other = await recordAppeal(d.db, handler, caseId, { kind: 'review', outcome: 'corrected', filed_on: '2025-05-06', decided_on: '2025-07-01' }, { today: TODAY });
  assert.ok(other > id);
  await assert.rejects(updateAppeal(d.db, handler, id, { outcome: 'other' }, { today: TODAY, caseId: caseId + 1000 }), (x: unknown) => x instanceof AppError && x.status === 404);
  await assert.rejects(updateAppeal(d.db, handler, id, { outcome: 'pending' }, { today: TODAY }), (x: unknown) => x instanceof AppError && x.status === 422 && !!x.fields?.decided_on, 'pending with a decision date');
});

test('migration 0900 merges a pending entry with its later outcome entry, and leaves distinct appeals alone', async () => {
  const handler = await ctxFor(d.db, 'countyadmin');
  const { caseId } = await registerByStaff(d.db, testConfig(), handler, tree.county.id, paperApplication('2024-03-04'), { today: TODAY });
  const row = (o: Record<string, string | null>) => ({ case_id: caseId, kind: 'litigation_direct' as const, outcome: 'pending' as const, filed_on: null, decided_on: null, note: null, created_by: 'old', ...o });
  await d.db.insertInto('request_appeals').values([
    row({ filed_on: '2024-05-01', note: '双塔区法院立案' }),
    row({ outcome: 'corrected', decided_on: '2025-02-01', note: '判决撤销' }),
    row({ kind: 'review', filed_on: '2024-06-01' }), // another appeal: different kind, still pending
  ] as never).execute();
  const before = (await countTables34(d.db, [tree.county.id], 2024)).get(tree.county.id)!.table4.litigation_direct;
  assert.equal(before.pending, 2, 'the old double entry counts twice');
  assert.equal(await mergeDuplicateAppeals(d.db), 1);
  const rows = await d.db.selectFrom('request_appeals').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.kind, r.outcome, r.filed_on, r.decided_on, r.note]), [
    ['litigation_direct', 'corrected', '2024-05-01', '2025-02-01', '双塔区法院立案；判决撤销'],
    ['review', 'pending', '2024-06-01', null, null],
  ]);
  const after = (await countTables34(d.db, [tree.county.id], 2024)).get(tree.county.id)!.table4.litigation_direct;
  assert.equal(after.pending, 1);
  assert.equal(await mergeDuplicateAppeals(d.db), 0, 'idempotent');
});

test('the register: all appeals of the units the user sees, by state, kind and table-4 year; CSV with the same rows', async () => {
  const bureauScope = [tree.bureau.path];
  const all = await appealRegister(d.db, ['/'], {});
  assert.ok(all.length >= 3);
  const bureau = await appealRegister(d.db, bureauScope, {});
  assert.ok(bureau.length >= 2 && bureau.every((r) => r.unit_name === tree.bureau.name), 'scope by unit');
  assert.ok((await appealRegister(d.db, ['/'], { state: 'pending' })).every((r) => r.outcome === 'pending'));
  assert.ok((await appealRegister(d.db, ['/'], { state: 'decided' })).every((r) => r.outcome !== 'pending'));
  assert.ok((await appealRegister(d.db, ['/'], { kind: 'litigation_direct' })).every((r) => r.kind === 'litigation_direct'));
  const y2024 = await appealRegister(d.db, bureauScope, { year: '2024' });
  assert.deepEqual(y2024.map((r) => r.filed_on), ['2024-10-10'], 'pending at the end of 2024');
  const y2025 = await appealRegister(d.db, bureauScope, { year: '2025' });
  assert.equal(y2025.length, 2);
  const csv = registerCsv('zh-CN', y2025);
  assert.ok(csv.startsWith('\ufeff申请编号,'));
  assert.equal(csv.trim().split('\r\n').length, 3);
  assert.match(csv, /行政复议,结果维持,2024-10-10,2025-03-01,测试市人民政府/);
});
