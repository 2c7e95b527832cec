// The search page and API through the real app (test/helpers/app.ts): results, filters, the
// messages for bad input (never a 500), escaping, and documents leaving the results at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { withdrawDocument } from '../../documents/commands.ts';
import { seedSearchFixtures, type Fixtures } from '../store/fixtures.test-helper.ts';
import { indexDocuments } from '../store/indexer.ts';
import { indexingOf } from '../jobs.ts';

let t: TestApp;
let fx: Fixtures;
let c: Client;
before(async () => {
  t = await testApp();
  fx = await seedSearchFixtures(t.db.db);
  c = new Client(t.app);
});
after(async () => t.close());

const q = (s: string) => encodeURIComponent(s);

test('the page without a query shows the form only', async () => {
  const r = await c.get('/search');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<form[^>]+role="search"/);
  assert.match(r.body, /name="q"/);
  assert.doesNotMatch(r.body, /class="search-results"/);
});

test('the page lists results with highlighted titles, counts and links to the documents', async () => {
  const r = await c.get(`/search?q=${q('政务公开')}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /共找到 5 条结果/);
  assert.match(r.body, new RegExp(`href="/u/city/doc/${fx.ids.plan}"`));
  assert.match(r.body, /<mark>政务公开<\/mark>/);
  assert.match(r.body, /测政办发〔2020〕12号/);
});

test('per unit: ?unit=<slug> searches the unit and the units below it', async () => {
  const r = await c.get(`/search?q=${q('政务公开')}&unit=county`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<h1>测试县人民政府 · 信息检索<\/h1>/);
  assert.match(r.body, /共找到 1 条结果/);
  assert.match(r.body, new RegExp(`/u/county/doc/${fx.ids.forest}`));
  assert.match(r.body, /href="\/search\?unit=county" aria-current="page"/);
  // the unit's code (what /api/v1/documents takes) names the same unit
  const code = (await t.db.db.selectFrom('units').select('code').where('slug', '=', 'county').executeTakeFirstOrThrow()).code;
  const byCode = await c.get(`/api/v1/search?q=${q('政务公开')}&unit=${code}`);
  assert.equal(byCode.statusCode, 200, byCode.body);
  assert.deepEqual((byCode.json() as { results: { id: number }[] }).results.map((x) => x.id), [fx.ids.forest]);
});

test('filters and sort order on the page', async () => {
  const r = await c.get(`/search?q=${q('政务公开')}&type=notice&from=2019-01-01&sort=date`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /共找到 2 条结果/);
  assert.ok(r.body.indexOf(`/doc/${fx.ids.forest}"`) < r.body.indexOf(`/doc/${fx.ids.plan}"`), 'newest first');
});

test('an empty and a 2,000-character query get a clear message on the page (no 500)', async () => {
  let r = await c.get('/search?q=');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /role="alert"[^]*请输入搜索关键词/);
  r = await c.get(`/search?q=${q('政'.repeat(2000))}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /搜索内容过长（2000个字），请精简到200个字以内/);
  r = await c.get(`/search?q=${'a'.repeat(2000)}`);
  assert.match(r.body, /搜索内容过长/);
});

test('a bad filter is a 400 page naming the field', async () => {
  const r = await c.get(`/search?q=${q('政务公开')}&unit=nowhere&from=2020-13-01`);
  assert.equal(r.statusCode, 400);
  assert.match(r.body, /未找到该单位/);
  assert.match(r.body, /日期格式应为 YYYY-MM-DD/);
});

test('a title with <script> is shown as text', async () => {
  await sql`update documents set title = '<script>alert(1)</script>' || title where id = ${fx.ids.script}`.execute(t.db.db);
  await indexDocuments(t.db.db, [fx.ids.script]);
  const r = await c.get(`/search?q=${q('卫生健康政策解读')}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(r.body, /<script>alert/);
  const a = await c.json('GET', `/api/v1/search?q=${q('卫生健康政策解读')}`);
  assert.match(a.json().results[0].title_html, /&lt;script&gt;/);
});

test('API: results as JSON with the same filters', async () => {
  const r = await c.json('GET', `/api/v1/search?q=${q('普法')}&issuer=bureau&per_page=5`);
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.total, 2);
  assert.equal(body.total_exact, true);
  assert.equal(body.per_page, 5);
  assert.deepEqual(body.results.map((x: { id: number }) => x.id).sort(), [fx.ids.joint, fx.ids.law].sort());
  const law = body.results.find((x: { id: number }) => x.id === fx.ids.law);
  assert.equal(law.url, `/u/bureau/doc/${fx.ids.law}`);
  assert.equal(law.unit.slug, 'bureau');
  assert.match(law.index_no, /\/2020-/);
});

test('API: a 文号 in any spelling finds its document first', async () => {
  const r = await c.json('GET', `/api/v1/search?q=${q('测政办发[2020]12号')}`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().results[0].id, fx.ids.plan);
  assert.equal(r.json().results[0].matched, 'number');
});

test('API: empty, over-long and only-punctuation queries are 400 with a code and message', async () => {
  for (const [query, code, text] of [['', 'empty', '请输入搜索关键词'], [q('政'.repeat(2000)), 'too_long', '2000个字'], [q('！？'), 'nothing_searchable', '标点']] as const) {
    const r = await c.json('GET', `/api/v1/search?q=${query}`);
    assert.equal(r.statusCode, 400, code);
    assert.equal(r.json().error.code, code);
    assert.ok(r.json().error.message.includes(text), r.json().error.message);
  }
  const r = await c.json('GET', '/api/v1/search');
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.code, 'empty');
  const en = await c.json('GET', '/api/v1/search?q=', undefined, { 'accept-language': 'en' });
  assert.equal(en.json().error.message, 'Please enter a search query.');
});

test('API: bad filters are 400 with field messages', async () => {
  const r = await c.json('GET', `/api/v1/search?q=${q('政务公开')}&type=memo&from=2021-01-01&to=2020-01-01&page=abc`);
  assert.equal(r.statusCode, 400);
  const f = r.json().error.fields;
  assert.ok(f.type && f.to && f.page, JSON.stringify(f));
});

test('a document withdrawn through the command leaves the results at once', async () => {
  const before = await c.json('GET', `/api/v1/search?q=${q('琉璃瓦')}`);
  assert.deepEqual(before.json().results.map((x: { id: number }) => x.id), [fx.ids.withdrawn]);
  await withdrawDocument(t.db.db, systemContext('test'), fx.ids.withdrawn, '测试撤回');
  const after = await c.json('GET', `/api/v1/search?q=${q('琉璃瓦')}`);
  assert.deepEqual(after.json().results, []);
  await indexingOf(t.db.db)!.idle();
  assert.equal(await t.db.db.selectFrom('search_docs').select('doc_id').where('doc_id', '=', fx.ids.withdrawn).executeTakeFirst(), undefined, 'and the index row is gone');
});

test('API: rate limited per client', async () => {
  const other = new Client(t.app, '10.9.8.7');
  let last = 0;
  for (let i = 0; i < 61; i++) last = (await other.json('GET', `/api/v1/search?q=${q('低保')}`)).statusCode;
  assert.equal(last, 429);
});
