/** Guides and bundles as JSON Lines: export → import into a fresh database gives the same lines; a bad line refuses the whole file. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { CODES, seedTree } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { saveBundle, saveGuide, setGuideStatus } from './commands.ts';
import { exportGuideLines, importGuideLines } from './jsonl.ts';
import { listGuides } from './store/queries.ts';

let a: TestDb;
let b: TestDb;
let treeA: Awaited<ReturnType<typeof seedTree>>;
let treeB: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');
const full = (name: string, code: string) => ({ kind: 'licensing', code, name, basis: '《某条例》第三条', conditions: '符合条件的申请人', materials: '1. 申请书\n2. 身份证明', place: '政务服务中心', office: '测试市司法局', fees: '不收费', hours: '工作日', phone: '0421-5550001', process: '1. 申请\n2. 受理', time_limit: '5 个工作日', online_url: 'https://example.org/x' });

before(async () => {
  [a, b] = await Promise.all([testDatabase(), testDatabase()]);
  treeA = await seedTree(a.db);
  treeB = await seedTree(b.db);
});
after(async () => Promise.all([a.cleanup(), b.cleanup()]));

test('export → import --publish into a fresh database gives the same guides, statuses and bundles', async () => {
  const g1 = await saveGuide(a.db, ctx, { id: null, unitId: treeA.bureau.id }, full('法律援助申请', 'SFJ-1'));
  const g2 = await saveGuide(a.db, ctx, { id: null, unitId: treeA.bureau.id }, full('公证事项', ''));
  await saveGuide(a.db, ctx, { id: null, unitId: treeA.bureau.id }, { name: '律师执业（草稿）', code: 'SFJ-3' });
  const g4 = await saveGuide(a.db, ctx, { id: null, unitId: treeA.other.id }, full('预防接种', 'WJW-1'));
  await setGuideStatus(a.db, ctx, g1, 'published');
  await setGuideStatus(a.db, ctx, g2, 'published');
  await setGuideStatus(a.db, ctx, g4, 'published');
  await setGuideStatus(a.db, ctx, g4, 'withdrawn');
  await saveBundle(a.db, ctx, { id: null, unitId: treeA.city.id }, { name: '法律事务"一件事"', description: '说明', guides: [String(g2), String(g1)] });
  const lines = await exportGuideLines(a.db);
  assert.equal(lines.length, 5);
  const r = await importGuideLines(b.db, ctx, lines.join('\n') + '\n', { publish: true });
  assert.deepEqual(r.errors, []);
  assert.equal(r.created, 4);
  assert.equal(r.bundles, 1);
  assert.deepEqual(await exportGuideLines(b.db), lines);
  // again: nothing new, the same lines (guides matched by code, or by name without one)
  const again = await importGuideLines(b.db, ctx, lines.join('\n'), { publish: true });
  assert.equal(again.created, 0);
  assert.equal(again.updated, 4);
  assert.deepEqual(await exportGuideLines(b.db), lines);
  // scope of --unit
  assert.ok((await exportGuideLines(a.db, { unitCode: CODES.other })).every((l) => JSON.parse(l).unit === CODES.other));
  // audited as the module's own writes
  const actions = (await b.db.selectFrom('audit_log').select('action').where('action', 'like', 'guide.%').execute()).map((x) => x.action);
  assert.ok(actions.includes('guide.create') && actions.includes('guide.publish') && actions.includes('guide.bundle.save'));
  assert.ok(treeB);
});

test('without --publish imported guides are drafts; a bad line names line and field and nothing is stored', async () => {
  const good = JSON.stringify({ type: 'guide', unit: CODES.county, status: 'published', ...full('低保申请', 'XQ-1') });
  const r0 = await importGuideLines(b.db, ctx, good);
  assert.deepEqual(r0.errors, []);
  assert.equal((await listGuides(b.db, { unitId: treeB.county.id })).find((g) => g.code === 'XQ-1')?.status, 'draft');
  const before = await b.db.selectFrom('service_guides').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const bad = [
    JSON.stringify({ type: 'guide', unit: CODES.county, ...full('新事项', 'XQ-2') }),
    JSON.stringify({ type: 'guide', unit: CODES.county, ...full('', 'XQ-3'), phone: 'abc' }),
    '{not json',
    JSON.stringify({ type: 'guide', unit: '000000000000000000', name: 'x' }),
    JSON.stringify({ type: 'bundle', unit: CODES.county, name: '一件事', guides: [{ unit: CODES.county, code: 'XQ-2' }, { unit: CODES.bureau, code: 'SFJ-1' }] }),
    JSON.stringify({ type: 'guide', unit: CODES.county, status: 'published', name: '不全的', code: 'XQ-4' }),
  ].join('\n');
  const r = await importGuideLines(b.db, ctx, bad, { publish: true });
  const seen = r.errors.map((e) => `${e.line}:${e.field}`);
  for (const s of ['2:name', '2:phone', '3:-', '4:unit', '5:guides[1]', '6:basis']) assert.ok(seen.includes(s), `${s} in ${seen.join(' ')}`);
  assert.ok(r.errors.every((e) => e.message.zh && e.message.en));
  const e5 = r.errors.find((e) => e.line === 5)!;
  assert.match(e5.message.zh, /下级单位/);
  const after = await b.db.selectFrom('service_guides').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n), 'nothing stored');
});
