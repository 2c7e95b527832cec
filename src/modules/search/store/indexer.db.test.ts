// Keeping the index equal to what is published (indexer.ts, jobs.ts): term counts stay exact,
// changes made behind the commands' back are caught up within seconds, and the reconciler
// removes what no longer exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { JOBS, runJobOnce } from '../../../core/jobs/index.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument, updateDocument } from '../../documents/commands.ts';
import { seedSearchFixtures, type Fixtures } from './fixtures.test-helper.ts';
import { catchUp, indexDocuments, rebuildIndex, reconcileSlice } from './indexer.ts';
import { startIndexing } from '../jobs.ts';
import { search } from './query.ts';
import { TOTAL_KEY } from '../domain/vector.ts';

let d: TestDb;
let fx: Fixtures;
before(async () => {
  d = await testDatabase();
  fx = await seedSearchFixtures(d.db);
});
after(async () => d.cleanup());

async function titles(q: string): Promise<string[]> {
  const r = await search(d.db, { q, perPage: 50 });
  assert.ok(r.ok);
  return r.hits.map((h) => h.title);
}

/** search_terms must equal a recount over search_docs, lexeme by lexeme. */
async function assertTermsExact() {
  const recount = (await sql<{ lexeme: string; n: number }>`
    select l as lexeme, count(*)::int as n from search_docs, unnest(tsvector_to_array(doc_tsv)) l group by l
    union all select ${TOTAL_KEY}, count(*)::int from search_docs`.execute(d.db)).rows;
  const stored = (await sql<{ lexeme: string; df: number }>`select lexeme, df from search_terms`.execute(d.db)).rows;
  const a = new Map(recount.map((r) => [r.lexeme, Number(r.n)]));
  const b = new Map(stored.map((r) => [r.lexeme, Number(r.df)]));
  assert.equal(b.size, a.size, 'same lexemes');
  for (const [l, n] of a) assert.equal(b.get(l), n, `df of ${l}`);
}

test('term counts are exact after indexing, and after reindexing the same documents again', async () => {
  await assertTermsExact();
  await indexDocuments(d.db, Object.values(fx.ids));
  await assertTermsExact();
});

test('a rebuild gives the same index and the same counts', async () => {
  const before = (await sql<{ n: number }>`select count(*)::int as n from search_docs`.execute(d.db)).rows[0].n;
  const r = await rebuildIndex(d.db, { dataDir: fx.dataDir });
  assert.equal(r.documents, before);
  await assertTermsExact();
  assert.deepEqual(await titles('法治宣传'), ['测试市司法局关于开展法治宣传月活动的通知']);
});

test('a rebuild and a concurrent reindex neither duplicate rows nor double-count terms', async () => {
  await Promise.all([rebuildIndex(d.db), indexDocuments(d.db, Object.values(fx.ids)), catchUp(d.db)]);
  await assertTermsExact();
  const dup = await sql<{ n: number }>`select count(*)::int as n from (select doc_id from search_docs group by doc_id having count(*) > 1) x`.execute(d.db);
  assert.equal(dup.rows[0].n, 0);
});

test('catch-up indexes a change made directly in the database (no event) and keeps counts exact', async () => {
  await catchUp(d.db); // sets the watermark
  await sql`update documents set title = '测试市司法局关于开展宪法宣传周活动的通知', updated_at = now() where id = ${fx.ids.law}`.execute(d.db);
  assert.deepEqual(await titles('宪法宣传周'), []);
  const r = await catchUp(d.db);
  assert.equal(r.indexed, 1);
  assert.deepEqual(await titles('宪法宣传周'), ['测试市司法局关于开展宪法宣传周活动的通知']);
  assert.deepEqual(await catchUp(d.db), { indexed: 0, removed: 0 }, 'nothing left to do');
  await assertTermsExact();
});

test('catch-up removes a document that stopped being public', async () => {
  await sql`update documents set disclosure = 'on_request', disclosure_reason = '测试', updated_at = now() where id = ${fx.ids.news2022}`.execute(d.db);
  const r = await catchUp(d.db);
  assert.equal(r.removed, 1);
  assert.equal(await d.db.selectFrom('search_docs').select('doc_id').where('doc_id', '=', fx.ids.news2022).executeTakeFirst(), undefined);
  await assertTermsExact();
});

test('the reconciler removes a deleted document and re-adds a row lost from the index', async () => {
  await sql`delete from documents where id = ${fx.ids.lowIncome}`.execute(d.db);
  await sql`delete from search_docs where doc_id = ${fx.ids.forest}`.execute(d.db); // as if lost
  let removed = 0;
  let indexed = 0;
  for (let i = 0; i < 3; i++) {
    const r = await reconcileSlice(d.db, { size: 100_000 });
    removed += r.removed;
    indexed += r.indexed;
  }
  assert.equal(removed, 1);
  assert.equal(indexed, 1);
  assert.deepEqual(await titles('低保'), []);
  assert.deepEqual(await titles('森林防火'), ['测试县人民政府关于做好春季森林防火工作的通知']);
  // the lost row was deleted behind the indexer's back, so its terms were counted twice now;
  // a rebuild makes the counts exact again
  await rebuildIndex(d.db);
  await assertTermsExact();
});

test('a published document is searchable right after the command (onDocumentsChanged)', async () => {
  const indexing = startIndexing(d.db);
  try {
    const ctx = systemContext('test');
    const { document } = await createDocument(d.db, ctx, fx.tree.bureau.id, {
      title: '测试市司法局关于开展人民调解员培训的通知', summary: '培训安排。', docType: 'notice', legalForm: 'none', writtenDate: '2020-11-02',
      topic: '1603', keywords: ['人民调解'], source: '测试市司法局', disclosure: 'proactive', bodyHtml: '<p>开展人民调解员培训。</p>',
    });
    await submitDocument(d.db, ctx, document.id);
    await reviewDocument(d.db, ctx, document.id, { confidentialityChecked: true, personalInfoChecked: true });
    await publishDocument(d.db, ctx, document.id);
    await indexing.idle();
    assert.deepEqual(await titles('人民调解员'), ['测试市司法局关于开展人民调解员培训的通知']);
    await updateDocument(d.db, ctx, document.id, { title: '测试市司法局关于开展人民调解员业务培训的通知', summary: '培训安排。' }, { changeNote: '改标题' });
    await indexing.idle();
    assert.deepEqual(await titles('业务培训'), ['测试市司法局关于开展人民调解员业务培训的通知']);
    await assertTermsExact();
  } finally {
    indexing.stop();
  }
});

test('the catch-up job finds a change made behind the commands within seconds', { timeout: 30_000 }, async () => {
  const job = JOBS.find((j) => j.name === 'search.catch-up');
  assert.ok(job, 'registered in JOBS');
  assert.ok(job.everyMs <= 10_000, 'runs every few seconds');
  await catchUp(d.db);
  const quiet = { info() {}, warn() {}, error() {} };
  // The scheduler of core/jobs, with this job alone: startJobs would run every module's job, and
  // on the 4-connection test pool their advisory-lock connections can starve each other.
  const cfg = testConfig();
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runJobOnce(job, d, cfg, quiet));
  }, job.everyMs);
  const jobs = { stop: async () => { clearInterval(timer); await running; } };
  try {
    const t0 = Date.now();
    await sql`update documents set title = '测试市人民政府关于印发政务公开工作评估办法的通知', updated_at = now() where id = ${fx.ids.expired}`.execute(d.db);
    let seen = false;
    while (!seen && Date.now() - t0 < 20_000) {
      await new Promise((r) => setTimeout(r, 250));
      seen = (await titles('评估办法')).length === 1;
    }
    const s = (Date.now() - t0) / 1000;
    assert.ok(seen, 'indexed by the job');
    assert.ok(s < 12, `caught up in ${s.toFixed(1)} s`);
  } finally {
    await jobs.stop();
  }
});
