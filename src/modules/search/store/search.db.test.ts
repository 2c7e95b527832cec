// Search over the real database (PGlite by default, PostgreSQL with TEST_DATABASE_URL): what is
// found, in which order, with which filters — on the fixture documents (fixtures.test-helper.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { withdrawDocument } from '../../documents/commands.ts';
import { seedSearchFixtures, type FixtureKey, type Fixtures } from './fixtures.test-helper.ts';
import { indexDocuments } from './indexer.ts';
import { search, type SearchFilters, type SearchRequest, type Limits } from './query.ts';

let d: TestDb;
let fx: Fixtures;
before(async () => {
  d = await testDatabase();
  fx = await seedSearchFixtures(d.db);
});
after(async () => d.cleanup());

async function found(q: string, o: Omit<SearchRequest, 'q'> = {}, tuning: Partial<Limits> = {}) {
  const r = await search(d.db, { perPage: 50, ...o, q }, tuning);
  assert.ok(r.ok, `search ${q}: ${r.ok ? '' : r.error.zh}`);
  return r;
}
const keysOf = (ids: number[]) => ids.map((id) => (Object.keys(fx.ids) as FixtureKey[]).find((k) => fx.ids[k] === id) ?? `#${id}`);
async function keys(q: string, o: Omit<SearchRequest, 'q'> = {}, tuning: Partial<Limits> = {}): Promise<string[]> {
  return keysOf((await found(q, o, tuning)).hits.map((h) => h.id));
}
const sorted = (xs: string[]) => [...xs].sort();

// Government vocabulary is segmented as words (text/govdict.ts) and found as words and sub-words.
const VOCABULARY: [string, FixtureKey[]][] = [
  ['政务公开', ['expired', 'forest', 'interpretation', 'news2022', 'plan']],
  ['政府信息公开', ['plan']],
  ['信息公开', ['plan']],
  ['营商环境', ['interpretation', 'plan']],
  ['工作要点', ['interpretation', 'plan']],
  ['法治宣传', ['law']],
  ['森林防火', ['forest']],
  ['低保', ['lowIncome']],
  ['普法', ['joint', 'law']],
  ['家庭医生', ['script']],
];
for (const [q, expected] of VOCABULARY) {
  test(`government vocabulary: ${q} → ${expected.join(', ')}`, async () => {
    assert.deepEqual(sorted(await keys(q)), sorted(expected));
  });
}

const TRADITIONAL: [string, string][] = [
  ['政務公開', '政务公开'],
  ['法治宣傳', '法治宣传'],
  ['營商環境', '营商环境'],
  ['森林防火工作', '森林防火工作'],
];
for (const [trad, simp] of TRADITIONAL) {
  test(`a Traditional query finds the Simplified documents: ${trad}`, async () => {
    const a = await keys(trad);
    assert.ok(a.length > 0);
    assert.deepEqual(a, await keys(simp));
  });
}

const DOC_NUMBERS = ['测政办发〔2020〕12号', '测政办发[2020]12号', '测政办发2020年12号', '测政办发（2020）012号', '测政办發〔2020〕12號', '关于测政办发〔2020〕12号'];
for (const q of DOC_NUMBERS) {
  test(`文号 ${q} finds its document first`, async () => {
    const r = await found(q);
    assert.equal(r.hits[0]?.id, fx.ids.plan);
    assert.equal(r.hits[0]?.matched, 'number');
  });
}

test('an 索引号 finds its document first', async () => {
  const row = await d.db.selectFrom('documents').select('index_no').where('id', '=', fx.ids.law).executeTakeFirstOrThrow();
  const r = await found(row.index_no);
  assert.equal(r.hits[0]?.id, fx.ids.law);
  assert.equal(r.hits[0]?.matched, 'number');
});

test('title matches rank above body matches', async () => {
  const r = await found('政务公开');
  const order = keysOf(r.hits.map((h) => h.id));
  const titled: FixtureKey[] = ['plan', 'expired', 'news2022', 'interpretation'];
  for (const k of titled) assert.ok(order.indexOf(k) < order.indexOf('forest'), `${k} before forest: ${order.join(',')}`);
  assert.equal(r.hits.find((h) => h.id === fx.ids.forest)?.matched, 'text');
  assert.equal(r.hits.find((h) => h.id === fx.ids.plan)?.matched, 'title');
});

const SYNTAX: [string, FixtureKey[]][] = [
  ['"政务公开工作要点"', ['interpretation', 'plan']],
  ['"工作要点政务公开"', []],
  ['政务公开 -考核', ['forest', 'interpretation', 'news2022', 'plan']],
  ['政务公开 -"工作要点"', ['expired', 'forest', 'news2022']],
  ['森林防火 政务公开', ['forest']],
];
for (const [q, expected] of SYNTAX) {
  test(`query language: ${q}`, async () => {
    assert.deepEqual(sorted(await keys(q)), sorted(expected));
  });
}

async function columnId(unit: 'city' | 'bureau', slug: string) {
  return (await d.db.selectFrom('doc_columns').select('id').where('unit_id', '=', fx.tree[unit].id).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
async function topicId(key: string) {
  return (await d.db.selectFrom('doc_topics').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
}

const FILTERS: [string, string, () => Promise<SearchFilters>, FixtureKey[]][] = [
  ['unit subtree (county and its town)', '通知', async () => ({ unitId: fx.tree.county.id }), ['forest', 'joint']],
  ['unit subtree includes the town', '低保', async () => ({ unitId: fx.tree.county.id }), ['lowIncome']],
  ['unit alone excludes the town', '低保', async () => ({ unitId: fx.tree.county.id, subtree: false }), []],
  ['公文种类', '政务公开', async () => ({ docType: 'notice' }), ['expired', 'forest', 'plan']],
  ['有效性', '政务公开', async () => ({ validity: 'expired' }), ['expired']],
  ['发文机关 (joint issuer)', '普法', async () => ({ issuerUnitId: fx.tree.bureau.id }), ['joint', 'law']],
  ['发文机关 (lead only)', '普法', async () => ({ issuerUnitId: fx.tree.county.id }), ['joint']],
  ['发布日期 from', '政务公开', async () => ({ publishedFrom: '2021-01-01' }), ['forest', 'news2022']],
  ['发布日期 to', '政务公开', async () => ({ publishedTo: '2020-12-31' }), ['expired', 'interpretation', 'plan']],
  ['发布日期 one day', '政务公开', async () => ({ publishedFrom: '2020-08-25', publishedTo: '2020-08-25' }), ['plan']],
  ['发布日期 with no document', '政务公开', async () => ({ publishedFrom: '2030-01-01' }), []],
  ['成文日期', '政务公开', async () => ({ writtenFrom: '2020-08-01', writtenTo: '2020-08-31' }), ['interpretation', 'plan']],
  ['栏目', '政务公开', async () => ({ columnId: await columnId('city', 'rules') }), ['plan']],
  ['专题 (parent topic covers its sections)', '政务公开', async () => ({ topicId: await topicId('six-stabilities-six-guarantees') }), ['plan']],
  ['主题分类 first level', '普法', async () => ({ subject: '16' }), ['law']],
  ['filters combined', '政务公开', async () => ({ unitId: fx.tree.city.id, subtree: false, docType: 'notice', publishedFrom: '2019-01-01' }), ['plan']],
  ['a subtree holds everything below it', '政务公开', async () => ({ unitId: fx.tree.city.id, docType: 'notice', publishedFrom: '2019-01-01' }), ['forest', 'plan']],
];
for (const [name, q, filters, expected] of FILTERS) {
  test(`filter: ${name}`, async () => {
    const f = await filters();
    assert.deepEqual(sorted(await keys(q, { filters: f })), sorted(expected));
    // the window path (forced) agrees with the exhaustive one
    assert.deepEqual(sorted(await keys(q, { filters: f, sort: 'date' }, { exhaustiveDate: 0 })), sorted(expected));
  });
}

test('sort by date: newest first', async () => {
  const r = await found('政务公开', { sort: 'date' });
  const dates = r.hits.map((h) => h.publishDate!);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.equal(r.hits[0].id, fx.ids.news2022);
});

test('the window path gives the same date order and an exact count once it reaches the oldest document', async () => {
  const exhaustive = await found('政务公开', { sort: 'date' });
  const windowed = await found('政务公开', { sort: 'date' }, { exhaustiveDate: 0 });
  assert.deepEqual(windowed.hits.map((h) => h.id), exhaustive.hits.map((h) => h.id));
  assert.equal(windowed.total, exhaustive.total);
  assert.ok(windowed.plan.some((p) => p.mode === 'window'));
  // relevance through windows: the same documents (ranked within the candidates)
  const rel = await found('政务公开', {}, { exhaustiveTitle: 0, exhaustiveBody: 0 });
  assert.deepEqual(sorted(keysOf(rel.hits.map((h) => h.id))), sorted(keysOf(exhaustive.hits.map((h) => h.id))));
});

test('a window that stops early estimates the count (约): document frequency, or a sample', async () => {
  // a first window sized for one match holds one: no second round, the oldest documents unread
  const r = await found('政务公开', { sort: 'date', perPage: 1 }, { exhaustiveDate: 0, maxRounds: 2, slack: 0 });
  assert.equal(r.hits.length, 1);
  assert.equal(r.hits[0].id, fx.ids.news2022);
  assert.equal(r.totalExact, false);
  assert.equal(r.total, 5, 'one word, no filter: its document frequency');
  // two words: the id slices ~h0…~h15 hold every fixture document, so the sample is the whole
  // (every fixture summary says 内容概述见正文, so the first window cannot hold them all)
  const exact = await found('内容概述 正文');
  const sampled = await found('内容概述 正文', { sort: 'date', perPage: 1 }, { exhaustiveDate: 0, maxRounds: 2, slack: 0 });
  assert.equal(sampled.totalExact, false);
  assert.equal(sampled.total, exact.total);
});

test('pages do not overlap and together give every result', async () => {
  const all = (await found('政务公开')).hits.map((h) => h.id);
  const pages: number[] = [];
  for (let page = 1; page <= 3; page++) pages.push(...(await found('政务公开', { page, perPage: 2 })).hits.map((h) => h.id));
  assert.deepEqual(pages, all);
  const p1 = await found('政务公开', { page: 1, perPage: 2 });
  assert.equal(p1.total, all.length);
  assert.equal(p1.totalExact, true);
  assert.equal(p1.pages, Math.ceil(all.length / 2));
});

test('attachment text is found, with the snippet from the attachment', async () => {
  const r = await found('公务接待费');
  assert.deepEqual(keysOf(r.hits.map((h) => h.id)), ['budget']);
  assert.match(r.hits[0].snippetHtml, /<mark>公务<\/mark><mark>接待费<\/mark>/);
});

test('an attachment without text_content is extracted from the stored PDF (and only with the file store)', async () => {
  await sql`update document_attachments set text_content = null where document_id = ${fx.ids.budget}`.execute(d.db);
  await sql`delete from search_attachment_text`.execute(d.db);
  await indexDocuments(d.db, [fx.ids.budget]);
  assert.deepEqual(await keys('公务接待费'), []);
  await indexDocuments(d.db, [fx.ids.budget], { dataDir: fx.dataDir });
  assert.deepEqual(await keys('公务接待费'), ['budget']);
  const kept = await d.db.selectFrom('search_attachment_text').select('text').executeTakeFirstOrThrow();
  assert.match(kept.text, /公务接待费/);
  assert.match((await found('公务接待费')).hits[0].snippetHtml, /<mark>接待费<\/mark>/);
});

test('highlighting escapes HTML: a title with <script> shows as text', async () => {
  // the documents module strips tags from titles it is given; a title from elsewhere (an old
  // system, SQL) may still hold one
  await sql`update documents set title = '<script>alert(1)</script>' || title where id = ${fx.ids.script}`.execute(d.db);
  await indexDocuments(d.db, [fx.ids.script]);
  const r = await found('卫生健康政策解读');
  const hit = r.hits.find((h) => h.id === fx.ids.script)!;
  assert.ok(hit, 'found');
  assert.ok(!hit.titleHtml.includes('<script>'));
  assert.match(hit.titleHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(hit.titleHtml, /<mark>/);
});

test('依申请公开 documents are never indexed nor found', async () => {
  assert.deepEqual(await keys('琉璃瓦'), ['withdrawn']);
  const row = await d.db.selectFrom('search_docs').select('doc_id').where('doc_id', '=', fx.ids.onRequest).executeTakeFirst();
  assert.equal(row, undefined);
});

test('a withdrawn document disappears at once (live status), then leaves the index', async () => {
  assert.deepEqual(await keys('琉璃瓦'), ['withdrawn']);
  await withdrawDocument(d.db, systemContext('test'), fx.ids.withdrawn, '测试撤回');
  // not reindexed yet: the row is still there, but the live status hides it
  assert.ok(await d.db.selectFrom('search_docs').select('doc_id').where('doc_id', '=', fx.ids.withdrawn).executeTakeFirst());
  assert.deepEqual(await keys('琉璃瓦'), []);
  assert.deepEqual(await keys('琉璃瓦', { sort: 'date' }), []);
  const r = await indexDocuments(d.db, [fx.ids.withdrawn]);
  assert.deepEqual(r, { indexed: 0, removed: 1 });
  assert.equal(await d.db.selectFrom('search_docs').select('doc_id').where('doc_id', '=', fx.ids.withdrawn).executeTakeFirst(), undefined);
});

test('empty and over-long queries are refused with a clear message', async () => {
  for (const [q, code] of [['', 'empty'], ['   ', 'empty'], ['政'.repeat(2000), 'too_long'], ['的 和 ！', 'nothing_searchable'], ['-政务', 'only_exclusions']] as const) {
    const r = await search(d.db, { q });
    assert.equal(r.ok, false, q.slice(0, 10));
    if (!r.ok) {
      assert.equal(r.error.code, code);
      assert.ok(r.error.zh.length > 0 && r.error.en.length > 0);
    }
  }
  const long = await search(d.db, { q: 'a'.repeat(2000) });
  assert.ok(!long.ok && /2000/.test(long.error.zh));
});

test('a page beyond the first 1000 results is refused with a message', async () => {
  const r = await search(d.db, { q: '政务公开', page: 60, perPage: 20 });
  assert.ok(!r.ok && r.error.code === 'page_too_deep');
});

test('did you mean: a common mistyping gets a suggestion', async () => {
  const r = await found('政物公开');
  assert.equal(r.suggestion, '政务公开');
});

test('a compound no document holds in one piece is searched as its parts: 三公经费 finds “三公”经费', async () => {
  const r = await found('三公经费');
  assert.deepEqual(keysOf(r.hits.map((h) => h.id)), ['budget']);
  assert.match(r.hits[0].snippetHtml, /<mark>三公<\/mark>”<mark>经费<\/mark>/);
});

test('a query typed as a sentence falls back to documents with some of its words, and says so', async () => {
  const r = await found('春季森林防火工作什么时候开始');
  assert.equal(keysOf([r.hits[0].id])[0], 'forest');
  assert.ok(r.warnings.some((w) => w.code === 'relaxed'));
  // a query whose words all match never relaxes
  assert.ok(!(await found('森林防火')).warnings.some((w) => w.code === 'relaxed'));
});
