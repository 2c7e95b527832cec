import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument, emitDocumentsChanged, publishDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument, type DocumentInput } from '../commands.ts';
import { ensureTopics } from '../store/columns.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { validInput } from '../store/fixtures.test-helper.ts';
import { pageCacheOf } from './portal-routes.tsx';
import { sitemapSettings } from './sitemap.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

async function publish(unitId: number, extra: Partial<DocumentInput> = {}): Promise<number> {
  const db = t.db.db;
  const r = await createDocument(db, ctx, unitId, validInput(extra));
  const id = r.document.id;
  await submitDocument(db, ctx, id);
  await reviewDocument(db, ctx, id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(db, ctx, id);
  return id;
}
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const COL = '/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents';

let policy: number;
let interp: number;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  policy = await publish(tree.bureau.id, {
    title: '测试市司法局关于印发"行政执法"办法 & 细则的通知', legalForm: 'normative', validity: 'effective', docNumber: '测司发〔2024〕3号',
    columns: ['regulations-and-normative-documents'], topics: ['six-stabilities-six-guarantees/policies'], keywords: ['行政执法', '办法'], source: '测试市司法局',
  });
  interp = await publish(tree.bureau.id, { title: '《行政执法办法》政策解读', interpretationOf: policy, interpretationKind: 'text', docNumber: null, columns: ['regulations-and-normative-documents'] });
});
after(async () => t?.close());

test('the document page shows the metadata box, the body, its interpretation and the article meta tags', async () => {
  const r = await get(`/u/bureau/doc/${policy}`);
  assert.equal(r.statusCode, 200);
  for (const label of ['索引号', '发文机关', '文号', '成文日期', '发布日期', '主题分类', '有效性', '公文种类']) assert.ok(r.body.includes(`<dt>${label}</dt>`), label);
  assert.match(r.body, /测司发〔2024〕3号/);
  assert.match(r.body, /公安、安全、司法\\司法/);
  assert.match(r.body, /<h1 id="doc-title" class="doc-title">测试市司法局关于印发&quot;行政执法&quot;办法 &amp; 细则的通知<\/h1>/);
  assert.match(r.body, /<meta name="ArticleTitle" content="测试市司法局关于印发&quot;行政执法&quot;办法 &amp; 细则的通知"\/>/);
  assert.match(r.body, /<meta name="PubDate" content="\d{4}-\d{2}-\d{2} \d{2}:\d{2}"\/>/);
  assert.match(r.body, /<meta name="ContentSource" content="测试市司法局"\/>/);
  assert.match(r.body, /<meta name="Keywords" content="行政执法,办法"\/>/);
  assert.match(r.body, /<meta name="Url" content="http:\/\/localhost:3000\/u\/bureau\/doc\/\d+"\/>/);
  assert.match(r.body, new RegExp(`href="/u/bureau/doc/${interp}">《行政执法办法》政策解读</a>`));
  // breadcrumbs lead back through the column tree
  assert.match(r.body, /<a href="\/u\/bureau\/xxgk\/fdzdgknr">法定主动公开内容<\/a>/);
  assert.match(r.body, /<a href="\/u\/bureau\/xxgk\/fdzdgknr\/regulations-and-normative-documents">法规文件<\/a>/);
  assert.equal((r.body.match(/aria-current="page"/g) ?? []).length, 2, 'the nav item and the last crumb');
  const i = await get(`/u/bureau/doc/${interp}`);
  assert.match(i.body, /解读的政策文件/);
  assert.match(i.body, new RegExp(`href="/u/bureau/doc/${policy}"`));
  const print = await get(`/u/bureau/doc/${policy}?print=1`);
  assert.equal(print.statusCode, 200);
  assert.doesNotMatch(print.body, /class="masthead"/);
  assert.match(print.body, /<dt>索引号<\/dt>/);
  assert.match(print.body, /rel="canonical"/);
  // another unit's address for the document redirects to its own
  const wrong = await get(`/u/other/doc/${policy}`);
  assert.equal(wrong.statusCode, 301);
  assert.equal(wrong.headers.location, `/u/bureau/doc/${policy}`);
});

test('drafts, non-public and unknown documents are 404; bad ids too', async () => {
  const draft = await createDocument(t.db.db, ctx, tree.bureau.id, validInput({ title: '草稿文件标题' }));
  const onRequest = await publish(tree.bureau.id, { title: '依申请公开的文件', disclosure: 'on_request', disclosureReason: '涉及第三方合法权益需征求意见' });
  for (const url of [`/u/bureau/doc/${draft.document.id}`, `/u/bureau/doc/${onRequest}`, '/u/bureau/doc/999999', '/u/bureau/doc/abc', '/u/bureau/doc/99999999999999', '/u/nosuch/doc/1']) {
    assert.equal((await get(url)).statusCode, 404, url);
  }
  const list = await get(COL);
  assert.doesNotMatch(list.body, /依申请公开的文件|草稿文件标题/);
});

test('ETag and Last-Modified; conditional requests get 304', async () => {
  const url = `/u/bureau/doc/${policy}`;
  const a = await get(url);
  const etag = a.headers.etag as string;
  const lm = a.headers['last-modified'] as string;
  assert.match(etag, /^"[\w-]{22}"$/);
  assert.ok(lm && !Number.isNaN(Date.parse(lm)));
  assert.equal(a.headers['cache-control'], 'public, no-cache');
  assert.match(String(a.headers.vary), /Accept-Language/);
  const b = await get(url, { 'if-none-match': etag });
  assert.equal(b.statusCode, 304);
  assert.equal(b.body, '');
  assert.equal((await get(url, { 'if-modified-since': lm })).statusCode, 304);
  assert.equal((await get(url, { 'if-none-match': '"other"' })).statusCode, 200);
  assert.equal((await get(url, { 'if-modified-since': new Date(Date.parse(lm) - 1000).toUTCString() })).statusCode, 200);
  // the column list too
  const l = await get(COL);
  assert.equal((await get(COL, { 'if-none-match': l.headers.etag as string })).statusCode, 304);
  // English and elder mode are different representations with their own tags
  const en = await get(url, { cookie: 'lang=en' });
  assert.notEqual(en.headers.etag, etag);
  assert.match(en.body, /Index no\./);
});

test('cache: a hit is served from memory; publish shows up at once; withdraw is 410 at once, even when cached', async () => {
  const cache = pageCacheOf(t.app)!;
  const id = await publish(tree.bureau.id, { title: '缓存测试文件甲', columns: ['regulations-and-normative-documents'] });
  const url = `/u/bureau/doc/${id}`;
  assert.equal((await get(url)).statusCode, 200);
  const hits = cache.hits;
  const again = await get(url);
  assert.equal(again.statusCode, 200);
  assert.equal(cache.hits, hits + 1, 'second request is a cache hit');
  // variants of the URL are rendered but never stored (no copies filling the cache)
  const size = cache.size;
  for (const v of [`/u/%62ureau/doc/${id}`, `${url}?utm_source=x`, `${url}?print=1&x=1`]) assert.equal((await get(v)).statusCode, 200, v);
  assert.equal(cache.size, size);
  assert.match((await get(COL)).body, /缓存测试文件甲/);

  // publishing another document: the cached list shows it immediately
  const list1 = await get(COL);
  const id2 = await publish(tree.bureau.id, { title: '缓存测试文件乙', columns: ['regulations-and-normative-documents'] });
  const list2 = await get(COL);
  assert.match(list2.body, /缓存测试文件乙/);
  assert.notEqual(list1.headers.etag, list2.headers.etag);

  // an edit of the published document replaces the cached page
  await updateDocument(t.db.db, ctx, id, { title: '缓存测试文件甲（修订）' }, { changeNote: '修改标题' });
  assert.match((await get(url)).body, /缓存测试文件甲（修订）/);

  // withdrawal: the cached page, the list and the feed drop it immediately
  await get(url);
  await get('/u/bureau/feed.xml');
  await withdrawDocument(t.db.db, ctx, id, '内容有误，需要更正');
  const gone = await get(url);
  assert.equal(gone.statusCode, 410);
  assert.match(gone.body, /已撤回/);
  assert.doesNotMatch(gone.body, /缓存测试文件甲/);
  assert.doesNotMatch((await get(COL)).body, /缓存测试文件甲/);
  assert.doesNotMatch((await get('/u/bureau/feed.xml')).body, /缓存测试文件甲/);
  assert.equal((await get(`${url}?print=1`)).statusCode, 410);
  await withdrawDocument(t.db.db, ctx, id2, '测试撤回第二篇');
});

test('withdrawing a policy removes it from its interpretation page; withdrawing the interpretation removes it from the policy page', async () => {
  const p = await publish(tree.other.id, { title: '卫健委政策文件', legalForm: 'normative', validity: 'effective' });
  assert.doesNotMatch((await get(`/u/other/doc/${p}`)).body, /卫健委政策解读/); // now cached without it
  // an interpretation published by another unit still shows up on the cached policy page
  const i = await publish(tree.county.id, { title: '卫健委政策解读', interpretationOf: p, interpretationKind: 'graphic' });
  let policyPage = '';
  for (let tries = 0; tries < 50 && !/卫健委政策解读/.test(policyPage); tries++) {
    await new Promise((r) => setTimeout(r, 20));
    policyPage = (await get(`/u/other/doc/${p}`)).body;
  }
  assert.match(policyPage, /卫健委政策解读/);
  // and a publication elsewhere in the unit leaves the cached policy page alone
  const cache = pageCacheOf(t.app)!;
  const hits = cache.hits;
  await publish(tree.other.id, { title: '卫健委另一份通知' });
  await get(`/u/other/doc/${p}`);
  assert.equal(cache.hits, hits + 1);
  assert.match((await get(`/u/county/doc/${i}`)).body, /卫健委政策文件/);
  await withdrawDocument(t.db.db, ctx, i, '解读需要重新审核');
  assert.doesNotMatch((await get(`/u/other/doc/${p}`)).body, /卫健委政策解读/);
  await withdrawDocument(t.db.db, ctx, p, '政策文件需要重新审核');
  assert.equal((await get(`/u/other/doc/${p}`)).statusCode, 410);
  assert.equal((await get(`/u/county/doc/${i}`)).statusCode, 410);
});

test('the raw fast path answers hits on a real socket and still drops withdrawn documents', async () => {
  const cache = pageCacheOf(t.app)!;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  const fetchRaw = (path: string, headers: Record<string, string> = {}) => new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: b, headers: res.headers }));
    });
    r.on('error', reject);
    r.end();
  });
  const id = await publish(tree.bureau.id, { title: '快速通道测试文件' });
  const first = await fetchRaw(`/u/bureau/doc/${id}`);
  assert.equal(first.status, 200);
  const misses = cache.misses;
  const hits = cache.hits;
  const second = await fetchRaw(`/u/bureau/doc/${id}`);
  assert.equal(second.body, first.body);
  assert.equal(cache.misses, misses, 'no render');
  assert.equal(cache.hits, hits + 1);
  // the cached response carries the security headers the first response had
  for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'etag', 'last-modified', 'content-type']) assert.equal(second.headers[h], first.headers[h], h);
  assert.equal(second.headers['set-cookie'], undefined);
  assert.equal((await fetchRaw(`/u/bureau/doc/${id}`, { 'if-none-match': first.headers.etag as string })).status, 304);
  await withdrawDocument(t.db.db, ctx, id, '快速通道撤回测试');
  assert.equal((await fetchRaw(`/u/bureau/doc/${id}`)).status, 410);
});

test('column lists: 20 a page, stable ?page=N URLs, sub-column counts on the 法定主动公开内容 page', async () => {
  for (let i = 0; i < 22; i++) await publish(tree.county.id, { title: `县政府统计信息第${i + 1}号`, columns: ['statistics'], docNumber: null });
  const base = '/u/county/xxgk/fdzdgknr/statistics';
  const p1 = await get(base);
  assert.equal(p1.statusCode, 200);
  assert.equal((p1.body.match(/县政府统计信息第/g) ?? []).length, 20);
  assert.match(p1.body, /href="\/u\/county\/xxgk\/fdzdgknr\/statistics\?page=2"/);
  const p2 = await get(`${base}?page=2`);
  assert.equal((p2.body.match(/县政府统计信息第/g) ?? []).length, 2);
  assert.match(p2.body, /县政府统计信息第1号/, 'oldest on the last page');
  const far = await get(`${base}?page=99`);
  assert.equal(far.statusCode, 200, 'out-of-range pages show the last page');
  const idx = await get('/u/county/xxgk/fdzdgknr');
  assert.equal(idx.statusCode, 200);
  assert.match(idx.body, /《条例》第二十条规定的信息/);
  assert.match(idx.body, /《条例》第二十一条规定的信息/);
  assert.match(idx.body, /统计信息<\/a><\/th><td>[^<]*<\/td><td class="num">22<\/td>/);
  assert.equal((await get('/u/county/xxgk/fdzdgknr/no-such-column')).statusCode, 404);
  assert.equal((await get('/u/county/xxgk/zd')).statusCode, 200, 'the 制度 column (zd → rules)');
});

test('topic pages gather documents across units', async () => {
  await publish(tree.county.id, { title: '县政府六稳六保政策', topics: ['six-stabilities-six-guarantees/policies'] });
  const r = await get('/topics/six-stabilities-six-guarantees');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /县政府六稳六保政策/);
  assert.match(r.body, /测试市司法局关于印发&quot;行政执法&quot;办法 &amp; 细则的通知/);
  const s = await get('/topics/six-stabilities-six-guarantees/policies');
  assert.match(s.body, /县政府六稳六保政策/);
  assert.equal((await get('/topics/six-stabilities-six-guarantees/nope')).statusCode, 404);
  assert.equal((await get('/topics/nope')).statusCode, 404);
  assert.match((await get('/topics/')).body, /六稳六保/);
});

test('feeds (RSS 2.0 and Atom, per unit and per column) and the sitemap are valid XML', async () => {
  for (const url of ['/u/bureau/feed.xml', `${COL}/feed.xml`]) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.match(String(r.headers['content-type']), /application\/rss\+xml/);
    assert.equal(XMLValidator.validate(r.body), true, url);
    const ch = xml.parse(r.body).rss.channel;
    const items = [ch.item].flat();
    assert.ok(items.some((x: { title: string }) => x.title === '测试市司法局关于印发"行政执法"办法 & 细则的通知'), url);
  }
  for (const url of ['/u/bureau/atom.xml', `${COL}/atom.xml`]) {
    const r = await get(url);
    assert.equal(XMLValidator.validate(r.body), true, url);
    const entries = [xml.parse(r.body).feed.entry].flat();
    assert.ok(entries.some((x: { id: string }) => x.id === `http://localhost:3000/u/bureau/doc/${policy}`), url);
  }
  const sm = await get('/sitemap.xml');
  assert.equal(XMLValidator.validate(sm.body), true);
  const urls = [xml.parse(sm.body).urlset.url].flat().map((u: { loc: string }) => u.loc);
  assert.ok(urls.includes(`http://localhost:3000/u/bureau/doc/${policy}`));
  assert.equal((await get('/sitemap-1.xml')).statusCode, 404, 'no parts below 50,000 URLs');
  assert.equal((await get('/u/nosuch/feed.xml')).statusCode, 404);
});

test('past the per-file limit /sitemap.xml becomes an index of /sitemap-<n>.xml parts that cover every document once', async () => {
  const saved = sitemapSettings.perFile;
  sitemapSettings.perFile = 4;
  pageCacheOf(t.app)!.clear();
  try {
    const idx = await get('/sitemap.xml');
    assert.equal(XMLValidator.validate(idx.body), true);
    const parts = [xml.parse(idx.body).sitemapindex.sitemap].flat().map((s: { loc: string }) => s.loc);
    assert.ok(parts.length >= 2);
    assert.equal(parts[0], 'http://localhost:3000/sitemap-1.xml');
    const seen: string[] = [];
    for (const loc of parts) {
      const r = await get(new URL(loc).pathname);
      assert.equal(r.statusCode, 200, loc);
      assert.equal(XMLValidator.validate(r.body), true, loc);
      const urls = [xml.parse(r.body).urlset.url].flat().map((u: { loc: string }) => u.loc);
      assert.ok(urls.length <= 4);
      seen.push(...urls);
    }
    assert.equal(new Set(seen).size, seen.length, 'no URL twice');
    assert.ok(seen.includes(`http://localhost:3000/u/bureau/doc/${policy}`));
    assert.equal((await get(`/sitemap-${parts.length + 1}.xml`)).statusCode, 404);
    assert.equal((await get('/sitemap-0.xml')).statusCode, 404);
  } finally {
    sitemapSettings.perFile = saved;
    pageCacheOf(t.app)!.clear();
  }
});

test('a bulk change (an import) empties the whole cache', async () => {
  const cache = pageCacheOf(t.app)!;
  await get(`/u/bureau/doc/${policy}`);
  await get(COL);
  assert.ok(cache.size >= 2);
  emitDocumentsChanged({ unitIds: [tree.county.id], documentIds: Array.from({ length: 1001 }, (_, i) => 100_000 + i), kind: 'publish' });
  assert.equal(cache.size, 0);
});
