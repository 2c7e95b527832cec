/**
 * The portal as a citizen meets it (issue #11 item 1): home and unit pages with a search box, the
 * latest documents and 解读, 专题 and 互动/办事 entrances; the footer from the settings row (edited
 * at /admin/portal/settings, CSRF, audited); robots.txt, 网站地图, 联系我们; site-wide and 专题 feeds,
 * autodiscovery, no 1970 in empty feeds; a sitemap beyond documents; the 政策解读 column; validity.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Client, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { PASSWORD, seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument, type DocumentInput } from '../../documents/commands.ts';
import { ensureTopics } from '../../documents/store/columns.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

async function publish(unitId: number, extra: Partial<DocumentInput> = {}): Promise<number> {
  const db = t.db.db;
  const id = (await createDocument(db, ctx, unitId, validInput(extra))).document.id;
  await submitDocument(db, ctx, id);
  await reviewDocument(db, ctx, id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(db, ctx, id);
  return id;
}

let policy: number;
let interp: number;
let expired: number;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  policy = await publish(tree.bureau.id, { title: '测试市司法局关于规范行政执法的办法', legalForm: 'normative', validity: 'effective', docNumber: '测司发〔2024〕3号', columns: ['regulations-and-normative-documents'], topics: ['six-stabilities-six-guarantees/policies'] });
  // a 解读 filed in no column: it must still sit somewhere a citizen can click to
  interp = await publish(tree.bureau.id, { title: '《规范行政执法的办法》政策解读', interpretationOf: policy, interpretationKind: 'text', docNumber: null });
  expired = await publish(tree.bureau.id, { title: '测试市司法局关于试行某制度的通知', legalForm: 'normative', validity: 'expired', docNumber: '测司发〔2019〕1号', effectiveDate: '2019-03-01', expiryDate: '2021-02-28', columns: ['regulations-and-normative-documents'] });
});
after(async () => t?.close());

test('the city home has a search box, the latest documents and 解读, 专题, 政府信息公开 and 互动/办事 entrances — and no console link', async () => {
  const r = await get('/');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<form method="get" action="\/search" role="search"[^>]*>/);
  assert.match(r.body, /<input type="search" id="home-q" name="q"/);
  assert.match(r.body, /<label for="home-q" class="sr-only">搜索全站信息<\/label>/);
  assert.match(r.body, /<h2 id="h-latest">最新信息<\/h2>/);
  assert.ok(r.body.includes(`href="/u/bureau/doc/${policy}"`), 'latest documents listed');
  assert.ok(r.body.includes(`href="/u/bureau/doc/${interp}"`), 'latest 解读 listed');
  assert.match(r.body, /href="\/latest"/);
  assert.match(r.body, /href="\/interpretations"/);
  assert.match(r.body, /href="\/topics\/six-stabilities-six-guarantees"/);
  assert.match(r.body, /href="\/topics\/"/);
  for (const href of ['/u/city/xxgk/', '/u/city/xxgk/zn', '/apply', '/ysqgk/status', '/u/city/xxgk/fdzdgknr/licensing-and-services']) assert.ok(r.body.includes(`href="${href}"`), href);
  assert.match(r.body, /互动交流/);
  assert.match(r.body, /办事服务/);
  assert.doesNotMatch(r.body, /href="\/admin"|管理后台/);
});

test('a unit home searches within the unit and lists its latest documents and 解读, with its feeds', async () => {
  const r = await get('/u/bureau/');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<input type="hidden" name="unit" value="bureau"\/>/);
  assert.ok(r.body.includes(`href="/u/bureau/doc/${policy}"`));
  assert.ok(r.body.includes(`href="/u/bureau/doc/${interp}"`));
  assert.match(r.body, /href="\/u\/bureau\/latest"/);
  assert.match(r.body, /href="\/u\/bureau\/xxgk\/zcjd"/);
  assert.match(r.body, /<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="\/u\/bureau\/feed.xml"\/>/);
  assert.doesNotMatch(r.body, /管理后台/);
  // another unit's home does not list the bureau's documents
  assert.ok(!(await get('/u/other/')).body.includes(`/u/bureau/doc/${policy}"`));
});

test('the unit’s 政策解读 column lists its 解读, and the 解读 page leads back to it', async () => {
  const col = await get('/u/bureau/xxgk/zcjd');
  assert.equal(col.statusCode, 200);
  assert.ok(col.body.includes(`href="/u/bureau/doc/${interp}"`));
  assert.ok(!col.body.includes(`href="/u/bureau/doc/${policy}"`), 'policies are not 解读');
  assert.match((await get('/u/bureau/xxgk/')).body, /href="\/u\/bureau\/xxgk\/zcjd">政策解读</);
  const doc = await get(`/u/bureau/doc/${interp}`);
  assert.match(doc.body, /<a href="\/u\/bureau\/xxgk\/zcjd">政策解读<\/a>/);
  assert.equal((await get('/u/nosuch/xxgk/zcjd')).statusCode, 404);
  const all = await get('/interpretations');
  assert.ok(all.body.includes(`href="/u/bureau/doc/${interp}"`));
  const latest = await get('/u/bureau/latest?page=1');
  for (const id of [policy, interp, expired]) assert.ok(latest.body.includes(`href="/u/bureau/doc/${id}"`), String(id));
});

test('a policy that is no longer in force says so above its text, with its dates', async () => {
  const r = await get(`/u/bureau/doc/${expired}`);
  assert.match(r.body, /<p class="warn validity-banner" role="note"><strong>本文件已失效，不再执行，内容仅供查阅。<\/strong>失效日期：2021年2月28日。/);
  assert.match(r.body, /<dt>施行日期<\/dt><dd>2019年3月1日<\/dd>/);
  assert.match(r.body, /<dt>失效日期<\/dt><dd>2021年2月28日<\/dd>/);
  assert.doesNotMatch((await get(`/u/bureau/doc/${policy}`)).body, /validity-banner/);
  assert.match((await get(`/u/bureau/doc/${expired}`, { cookie: 'lang=en' })).body, /This document has expired/);
});

test('every public page has the footer: 党政机关标识, ICP and 公安 numbers, 网站地图, 联系我们, 我为政府网站找错', async () => {
  for (const url of ['/', '/u/bureau/', `/u/bureau/doc/${policy}`, '/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents', '/topics/', '/no/such/page']) {
    const r = await get(url);
    assert.match(r.body, /<img src="\/static\/conac-demo.svg" width="55" height="67" alt="党政机关网站标识"\/>/, url);
    assert.match(r.body, /辽ICP备00000000号/, url);
    assert.match(r.body, /辽公网安备00000000000000号/, url);
    assert.match(r.body, /<a href="\/sitemap">网站地图<\/a>/, url);
    assert.match(r.body, /<a href="\/contact">联系我们<\/a>/, url);
    assert.match(r.body, /我为政府网站找错/, url);
    assert.doesNotMatch(r.body, /管理后台/, url);
  }
  assert.equal((await get('/static/conac-demo.svg')).statusCode, 200);
});

test('robots.txt keeps out the console and search and names the sitemap; 网站地图 and 联系我们 are real pages', async () => {
  const r = await get('/robots.txt');
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /text\/plain/);
  assert.match(r.body, /^User-agent: \*$/m);
  assert.match(r.body, /^Disallow: \/admin$/m);
  assert.match(r.body, /^Disallow: \/search$/m);
  assert.match(r.body, /^Sitemap: http:\/\/localhost:3000\/sitemap.xml$/m);
  const map = await get('/sitemap');
  assert.equal(map.statusCode, 200);
  for (const href of ['/u/city/', '/u/bureau/', '/u/town/xxgk/', '/u/bureau/xxgk/zcjd', '/topics/six-stabilities-six-guarantees', '/contact']) assert.ok(map.body.includes(`href="${href}"`), href);
  const contact = await get('/contact');
  assert.equal(contact.statusCode, 200);
  assert.match(contact.body, /测试市司法局/);
  assert.match(contact.body, /0421-5550001/);
});

test('the sitemap lists unit homes, columns, 专题, the 政策解读 lists and the documents', async () => {
  const sm = await get('/sitemap.xml');
  assert.equal(XMLValidator.validate(sm.body), true);
  const urls: string[] = [xml.parse(sm.body).urlset.url].flat().map((u: { loc: string }) => u.loc);
  const B = 'http://localhost:3000';
  for (const u of ['/', '/u/bureau/', '/u/bureau/xxgk/', '/u/bureau/xxgk/zn', '/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents', '/u/bureau/xxgk/zcjd',
    '/topics/six-stabilities-six-guarantees', '/topics/six-stabilities-six-guarantees/policies', `/u/bureau/doc/${policy}`]) assert.ok(urls.includes(B + u), u);
  assert.equal(new Set(urls).size, urls.length, 'no URL twice');
  assert.ok(!urls.some((u) => u.includes('/zfxxgk')), 'the catalog root is the /xxgk/ index');
});

test('a site-wide feed and one per 专题, offered in <head>; an empty feed carries no 1970 date', async () => {
  for (const url of ['/feed.xml', '/topics/six-stabilities-six-guarantees/feed.xml']) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.equal(XMLValidator.validate(r.body), true, url);
    const items = [xml.parse(r.body).rss.channel.item].flat().map((x: { link: string }) => x.link);
    assert.ok(items.includes(`http://localhost:3000/u/bureau/doc/${policy}`), url);
  }
  const atom = await get('/atom.xml');
  assert.equal(XMLValidator.validate(atom.body), true);
  assert.ok([xml.parse(atom.body).feed.entry].flat().length >= 3);
  assert.equal((await get('/topics/nosuch/feed.xml')).statusCode, 404);
  // the epidemic topic has no documents here
  for (const url of ['/topics/epidemic-prevention/feed.xml', '/topics/epidemic-prevention/atom.xml', '/u/town/feed.xml']) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.doesNotMatch(r.body, /1970/, url);
  }
  const home = await get('/');
  assert.match(home.body, /<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="\/feed.xml"\/>/);
  assert.match(home.body, /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="\/atom.xml"\/>/);
  assert.match((await get('/topics/six-stabilities-six-guarantees')).body, /<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="\/topics\/six-stabilities-six-guarantees\/feed.xml"\/>/);
  assert.match((await get('/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents')).body, /href="\/u\/bureau\/xxgk\/fdzdgknr\/regulations-and-normative-documents\/feed.xml"\/>/);
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const FORM = { sponsor: '测试市人民政府办公厅', contact_address: '测试市中心路1号', contact_phone: '0421-5550000', contact_email: 'web@example.org', icp_no: '辽ICP备12345678号-2', psb_no: '辽公网安备21130202000123号', find_error_url: 'https://zhaocuo.example.org/x', conac_url: 'https://conac.example.org/y' };

test('footer settings: system admins only, CSRF, bad input refused with nothing written, a save shows on every page and is audited', async () => {
  assert.equal((await get('/admin/portal/settings')).statusCode, 302, 'anonymous: sign in first');
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  assert.equal((await county.get('/admin/portal/settings')).statusCode, 403);

  const admin = new Client(t.app);
  await admin.login('sysadmin', PASSWORD);
  const form = await admin.get('/admin/portal/settings');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  assert.match((await admin.get('/admin')).body, /href="\/admin\/portal\/settings"/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
  const post = (fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) => {
    const m = multipart(fields, file);
    return t.app.inject({ method: 'POST', url: '/admin/portal/settings', payload: m.payload, headers: { ...m.headers, cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: 'http://localhost:3000' } });
  };
  // warm the page cache, so the save must drop it
  assert.match((await get(`/u/bureau/doc/${policy}`)).body, /辽ICP备00000000号/);

  assert.equal((await post(FORM)).statusCode, 403, 'no CSRF token');
  const bad = await post({ ...FORM, _csrf: csrf, icp_no: 'ICP-123', find_error_url: 'javascript:alert(1)' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /ICP备案号格式应如/);
  assert.match(bad.body, /请填写以 https:\/\/ 或 http:\/\/ 开头的网址/);
  assert.equal(await t.db.db.selectFrom('portal_settings').select('id').executeTakeFirst(), undefined, 'nothing written');
  const svg = await post({ ...FORM, _csrf: csrf }, { name: 'conac_image', filename: 'x.png', type: 'image/png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  assert.equal(svg.statusCode, 422);
  assert.match(svg.body, /图片须为 PNG、JPEG 或 GIF 格式/);

  const ok = await post({ ...FORM, _csrf: csrf }, { name: 'conac_image', filename: 'mark.png', type: 'image/png', data: PNG });
  assert.equal(ok.statusCode, 303);
  for (const url of ['/', `/u/bureau/doc/${policy}`, '/contact']) {
    const r = await get(url);
    assert.match(r.body, /辽ICP备12345678号-2/, url);
    assert.match(r.body, /辽公网安备21130202000123号/, url);
    assert.match(r.body, /测试市人民政府办公厅/, url);
    assert.match(r.body, /href="https:\/\/zhaocuo.example.org\/x"/, url);
    assert.doesNotMatch(r.body, /辽ICP备00000000号/, url);
  }
  const img = /<a class="conac" href="https:\/\/conac.example.org\/y" rel="noopener"><img src="([^"]+)"/.exec((await get('/')).body)?.[1];
  assert.ok(img?.startsWith('/site-assets/conac?v='), img);
  const served = await get(img!);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/png');
  assert.deepEqual(served.rawPayload, PNG);
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary', 'actor_name']).where('action', '=', 'settings.portal.update').execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actor_name, 'sysadmin');
  assert.match(JSON.stringify(audit[0].summary), /icp_no.*conac_image/);
});
