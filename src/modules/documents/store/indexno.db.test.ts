/**
 * 索引号 allocation (条例 第十二条; reference.md §4.2: unique per unit and year, never reused):
 * concurrent creation and publishing — on PostgreSQL (TEST_DATABASE_URL) these transactions really
 * run in parallel on a pool — configurable patterns, and imported numbers that the counter skips.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, usingPostgres, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import { createDocument, publishDocument, reviewDocument, setIndexPattern, submitDocument } from '../commands.ts';
import { importLines } from './importer.ts';
import { ctxFor, validInput } from './fixtures.test-helper.ts';

let t: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
before(async () => {
  t = await testDatabase();
  tree = await seedTree(t.db);
});
after(async () => t.close());

test(`concurrent creation and publishing give distinct, gap-free serials (${usingPostgres ? 'PostgreSQL pool' : 'PGlite'})`, async () => {
  const editor = await ctxFor(t.db, 'editor');
  const N = 24;
  const made = await Promise.all(Array.from({ length: N }, (_, i) => createDocument(t.db, editor, tree.bureau.id, validInput({ title: `并发创建的第${i + 1}份文件` }))));
  const serials = made.map((m) => m.document.index_serial).sort((a, b) => a - b);
  assert.deepEqual(serials, Array.from({ length: N }, (_, i) => i + 1));
  assert.equal(new Set(made.map((m) => m.document.index_no)).size, N);
  for (const m of made) assert.equal(m.document.index_no, `${CODES.bureau}/2020-${String(m.document.index_serial).padStart(5, '0')}`);

  // publish them all at once too: numbers do not change and stay unique
  for (const m of made) {
    await submitDocument(t.db, sys, m.document.id);
    await reviewDocument(t.db, sys, m.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  }
  const pub = await Promise.all(made.map((m) => publishDocument(t.db, sys, m.document.id)));
  assert.deepEqual(pub.map((p) => p.document.index_no), made.map((m) => m.document.index_no));
  const rows = await t.db.selectFrom('documents').select('index_no').where('unit_id', '=', tree.bureau.id).execute();
  assert.equal(new Set(rows.map((r) => r.index_no)).size, rows.length);
  const counter = await t.db.selectFrom('index_counters').select('last_serial').where('unit_id', '=', tree.bureau.id).where('year', '=', 2020).executeTakeFirstOrThrow();
  assert.equal(counter.last_serial, N);
});

test('serials restart per year and per unit; a unit may configure its pattern', async () => {
  const a = await createDocument(t.db, sys, tree.county.id, validInput({ writtenDate: '2021-03-01' }));
  const b = await createDocument(t.db, sys, tree.county.id, validInput({ writtenDate: '2020-03-01' }));
  assert.equal(a.document.index_no, `${CODES.county}/2021-00001`);
  assert.equal(b.document.index_no, `${CODES.county}/2020-00001`);
  await assert.rejects(setIndexPattern(t.db, sys, tree.town.id, '{YYYY}-{serial:3}'), (e: unknown) => e instanceof AppError && e.status === 422);
  await assert.rejects(setIndexPattern(t.db, await ctxFor(t.db, 'editor'), tree.bureau.id, '{unitCode}-{YYYY}{MM}-{serial:4}'), (e: unknown) => e instanceof AppError && e.status === 403);
  await setIndexPattern(t.db, sys, tree.town.id, '{unitCode}/{YYYY}{MM}-{serial:4}');
  const c = await createDocument(t.db, sys, tree.town.id, validInput({ writtenDate: '2020-10-09' }));
  assert.equal(c.document.index_no, `${CODES.town}/202010-0001`);
});

test('numbers brought by an import are never handed out again', async () => {
  const r = await importLines(t.db, sys, [JSON.stringify({ indexNo: `${CODES.other}/2020-00007`, title: '导入的历史文件', topic: '1301' })], { dataDir: '/nonexistent', maxUploadMb: 1, unitCode: CODES.other });
  assert.deepEqual(r.errors, []);
  const next = await createDocument(t.db, sys, tree.other.id, validInput());
  assert.equal(next.document.index_no, `${CODES.other}/2020-00008`);
});
