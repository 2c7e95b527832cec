/**
 * `gongkai import requests`: good lines imported as cases that count in the annual report like
 * platform cases, bad lines reported with their number and reason, re-import updating by (unit, ref).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { computeReport } from '../../reports/domain/compute.ts';
import { importRequests, parseImportLine } from './importer.ts';
import { caseRecordsForReport, eventsOf } from './repository.ts';
import { caseTextColumns, requestsTree } from './fixtures.test-helper.ts';
import { formatImportResult } from '../cli.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof requestsTree>>;
const ctx = systemContext('cli:test');
const TODAY = '2025-01-31';

before(async () => {
  d = await testDatabase();
  tree = await requestsTree(d.db);
});
after(async () => d.cleanup());

const line = (o: Record<string, unknown>) => JSON.stringify({ unit: CODES.bureau, applicant: { category: 'natural', name: '历史申请人' }, channel: 'online', received: '2023-12-20', timeline: [], ...o });

const FILE = [
  line({ ref: '2023-0001', result: '3.3.2', concluded: '2024-01-15' }),
  line({ ref: '2023-0002', applicant: { category: 'commercial', name: '某公司' }, timeline: [{ type: 'extended', date: '2024-01-10', workdays: 10 }] }),
  line({ ref: '2023-0003', received: '2023-11-01', result: '3.3.6.3', concluded: '2023-11-20' }),
  '',
  '# a comment line',
  line({ ref: '2023-0004', result: '3.3.3.6', concluded: '2024-02-01', appeals: [{ kind: 'review', outcome: 'upheld', filed: '2024-02-20', decided: '2024-04-10' }, { kind: 'litigation_direct', outcome: 'pending' }] }),
  '{ not json',
  line({ ref: '2023-0006', result: '3.9.9', concluded: '2024-01-15' }),
  line({ ref: '2023-0007', result: '3.3.1' }),
  line({ ref: '2023-0008', unit: '91211300MA0NOSUCH0' }),
  line({ ref: '2023-0009', timeline: [{ type: 'extended', date: '2024-03-20', workdays: 10 }] }),
  line({ ref: '2023-0010', received: '2023-12-20', timeline: [{ type: 'corrected', date: '2023-12-22' }] }),
  line({ ref: '2023-0011', applicant: { category: 'alien', name: 'x' } }),
  line({ ref: '2023-0012', appeals: [{ kind: 'review', outcome: 'upheld' }] }),
];

test('the line parser: structural reasons in both languages', () => {
  const rows: [string, RegExp][] = [
    ['{ not json', /不是有效的 JSON/],
    ['[]', /JSON 对象/],
    [line({ ref: '' }), /ref/],
    [line({ ref: 'x', channel: 'pigeon' }), /channel/],
    [line({ ref: 'x', received: '2023-02-30' }), /received/],
    [line({ ref: 'x', result: '3.3.1' }), /result 与 concluded/],
    [line({ ref: 'x', result: '3.3.1', concluded: '2023-12-01' }), /concluded 早于 received/],
    [line({ ref: 'x', appeals: [{ kind: 'review', outcome: 'pending', decided: '2024-01-01' }] }), /尚未审结/],
  ];
  for (const [text, re] of rows) {
    const r = parseImportLine(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.match(r.reason.zh, re, text);
      assert.ok(r.reason.en.length > 5);
    }
  }
  assert.ok(parseImportLine(line({ ref: 'ok' })).ok);
});

test('good lines are imported, bad ones reported with their line number and reason', async () => {
  const r = await importRequests(d.db, ctx, FILE, { today: TODAY });
  assert.equal(r.created, 5);
  assert.equal(r.updated, 0);
  assert.deepEqual(r.errors.map((e) => e.line), [7, 8, 9, 10, 11, 12, 13]);
  assert.match(r.errors.find((e) => e.line === 10)!.reason.zh, /单位代码/);
  assert.match(r.errors.find((e) => e.line === 11)!.reason.zh, /延期须在答复期限届满前决定/, 'the timeline is checked by the deadline engine');
  assert.match(r.errors.find((e) => e.line === 12)!.reason.zh, /./);
  assert.deepEqual(r.warnings.map((w) => w.line), [14], 'an appeal with an outcome but no decision date is warned about');
  const out = formatImportResult(r);
  assert.match(out, /第 9 行（2023-0007）：result 与 concluded/);

  const rows = await d.db.selectFrom('request_cases').select(['ref', 'status', 'source', 'result_row', 'concluded_on', 'due_on', 'category', 'tracking_no']).where('source', '=', 'import').orderBy('ref').execute();
  assert.deepEqual(rows.map((x) => [x.ref, x.status, x.result_row]), [
    ['2023-0001', 'closed', '3.3.2'], ['2023-0002', 'accepted', null], ['2023-0003', 'closed', '3.3.6.3'], ['2023-0004', 'closed', '3.3.3.6'], ['2023-0012', 'accepted', null],
  ]);
  assert.equal(rows[1].due_on, '2024-02-01', 'received 2023-12-20 + 20 working days (元旦 off) = 01-18, + a 10-day extension');
  const id = (await d.db.selectFrom('request_cases').select('id').where('ref', '=', '2023-0001').executeTakeFirstOrThrow()).id;
  assert.deepEqual((await eventsOf(d.db, id)).map((e) => e.type), ['register', 'accept', 'answer', 'close']);
});

test('imported cases count in the annual report exactly like platform cases', async () => {
  const recs = await caseRecordsForReport(d.db, [tree.bureau.id], 2024);
  const byRef = Object.fromEntries(recs.map((r) => [r.ref, r]));
  assert.equal(byRef['2023-0003'], undefined, 'concluded in 2023: not a 2024 case');
  assert.deepEqual(byRef['2023-0001'], { id: byRef['2023-0001'].id, unit: CODES.bureau, ref: '2023-0001', applicantCategory: 'natural', received: '2023-12-20', concluded: '2024-01-15', result: '3.3.2', appeals: [] });
  const rep = computeReport(CODES.bureau, 2024, { cases: recs, docs: [] }).report;
  assert.equal(rep.table3['3.2'].total, 4, 'carried over from 2023 (0003 was concluded in 2023)');
  assert.equal(rep.table3['3.2'].commercial, 1);
  assert.equal(rep.table3['3.3.2'].natural, 1);
  assert.equal(rep.table3['3.3.3.6'].natural, 1);
  assert.equal(rep.table3['3.4'].total, 2, 'still open at the end of 2024');
  assert.deepEqual(rep.table4.review, { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
  assert.equal(rep.table4.litigation_direct.pending, 1);
});

test('re-importing a (unit, ref) updates it instead of duplicating; a platform case is never overwritten', async () => {
  const before = await d.db.selectFrom('request_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const r = await importRequests(d.db, ctx, [line({ ref: '2023-0002', applicant: { category: 'commercial', name: '某公司' }, result: '3.3.1', concluded: '2024-01-25' })], { today: TODAY });
  assert.deepEqual([r.created, r.updated, r.errors.length], [0, 1, 0]);
  const after = await d.db.selectFrom('request_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
  const row = await d.db.selectFrom('request_cases').select(['status', 'result_row', 'id']).where('ref', '=', '2023-0002').executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.result_row], ['closed', '3.3.1']);
  assert.deepEqual((await eventsOf(d.db, row.id)).map((e) => e.type), ['register', 'accept', 'answer', 'close'], 'events replaced, not appended');

  await d.db.insertInto('request_cases').values({ unit_id: tree.bureau.id, ref: 'P-1', tracking_no: 'P-1', source: 'online', status: 'submitted', channel: 'online', category: 'natural', ...caseTextColumns('甲', 'x') }).execute();
  const clash = await importRequests(d.db, ctx, [line({ ref: 'P-1' })], { today: TODAY });
  assert.equal(clash.errors.length, 1);
  assert.match(clash.errors[0].reason.zh, /已是本平台受理的案件/);
});

test('the CLI reads a JSONL file (streamed) and reports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-import-'));
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, [line({ ref: 'F-1', result: '3.3.4.1', concluded: '2024-01-10' }), 'oops'].join('\n'));
  const { createInterface } = await import('node:readline');
  const { createReadStream } = await import('node:fs');
  const r = await importRequests(d.db, ctx, createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity }), { today: TODAY });
  assert.deepEqual([r.created, r.errors.map((e) => e.line)], [1, [2]]);
});
