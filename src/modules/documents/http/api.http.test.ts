/**
 * The documents Open API over HTTP: filters and keyset pagination, what is public (published
 * 主动公开 only; withdrawn → 410), sanitised output, the Bearer-token write endpoints and who may
 * call each, attachments (type by content, download headers), and the OpenAPI document.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { ensureTopics } from '../store/columns.ts';
import { importLines, type ImportRecord } from '../store/importer.ts';
import { createApiToken } from '../../accounts/commands/tokens.ts';
import { budgetPdf } from '../demo/seed.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const sys = systemContext('test');

const doc = (n: number, unit: string, extra: Partial<ImportRecord> = {}): ImportRecord => ({
  unit, indexNo: `${unit}/2020-${String(n).padStart(5, '0')}`, status: 'published', title: `第${n}号测试文件`, summary: '概述。',
  docNumber: `测政发〔2020〕${n}号`, docType: 'notice', legalForm: 'none', writtenDate: `2020-0${1 + (n % 9)}-10`, publishDate: `2020-0${1 + (n % 9)}-12`,
  publishedAt: `2020-0${1 + (n % 9)}-12T0${n % 10}:00:00.000Z`, topic: '0201', bodyHtml: `<p>第${n}号正文</p>`, ...extra,
});

before(async () => {
  t = await testApp();
  await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  const lines: ImportRecord[] = [
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => doc(n, CODES.bureau, { columns: n % 2 ? ['statistics'] : [] })),
    doc(8, CODES.county, { docType: 'opinion', topics: ['six-stabilities-six-guarantees/policies'] }),
    doc(9, CODES.town, { docNumber: '某镇发[2020]第09号', legalForm: 'normative', validity: 'effective' }),
    // same published_at as no. 1, to exercise the id tie-break of the keyset
    doc(10, CODES.city, { publishedAt: doc(1, CODES.city).publishedAt, publishDate: doc(1, CODES.city).publishDate }),
    doc(11, CODES.bureau, { status: 'draft' }),
    doc(12, CODES.bureau, { status: 'withdrawn', withdrawalReason: '内容有误已撤回' }),
    doc(13, CODES.bureau, { disclosure: 'on_request', disclosureReason: '涉及第三方合法权益' }),
  ];
  const r = await importLines(t.db.db, sys, lines.map((l) => JSON.stringify(l)), { dataDir: t.cfg.dataDir, maxUploadMb: 5 });
  assert.deepEqual(r.errors, []);
  for (const u of ['editor', 'reviewer', 'supervisor', 'countyadmin']) {
    const user = await t.db.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow();
    tokens[u] = (await createApiToken(t.db.db, sys, { userId: user.id, name: 'test' })).token;
  }
});
after(async () => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const send = (method: 'POST' | 'PATCH', url: string, who: string | null, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: who ? auth(who) : {} });
type Item = { id: number; index_no: string; published_at: string; title: string; unit: { code: string } };

test('the list holds only published 主动公开 documents, newest first, and the cursor walks it exactly once', async () => {
  const all = (await get('/api/v1/documents?limit=100')).json() as { data: Item[]; next_cursor: string | null };
  assert.equal(all.data.length, 10);
  assert.equal(all.next_cursor, null);
  const pairs = all.data.map((d) => [d.published_at, d.id] as const);
  for (let i = 1; i < pairs.length; i++) assert.ok(pairs[i - 1][0] > pairs[i][0] || (pairs[i - 1][0] === pairs[i][0] && pairs[i - 1][1] > pairs[i][1]), 'published_at desc, id desc');
  assert.ok(!all.data.some((d) => /第1[123]号/.test(d.title)), 'no draft, withdrawn or on-request document');
  const walked: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/v1/documents?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.statusCode, 200);
    const page = res.json() as { data: Item[]; next_cursor: string | null };
    assert.ok(page.data.length <= 3);
    walked.push(...page.data.map((d) => d.id));
    cursor = page.next_cursor;
  } while (cursor);
  assert.deepEqual(walked, all.data.map((d) => d.id));
  assert.equal((await get('/api/v1/documents?cursor=bm90LWEtY3Vyc29y')).statusCode, 400);
  assert.equal((await get('/api/v1/documents?limit=101')).statusCode, 400);
  // per_page, the name /api/v1/search uses, is the same as limit (it was silently ignored)
  assert.equal(((await get('/api/v1/documents?per_page=3')).json() as { data: Item[] }).data.length, 3);
  assert.equal(((await get('/api/v1/documents?per_page=3&limit=5')).json() as { data: Item[] }).data.length, 5, 'limit wins');
  assert.equal((await get('/api/v1/documents?per_page=500')).statusCode, 400);
});

test('filters: unit (and subtree), column, topic, type, 文号 in any bracket style, dates, validity', async () => {
  const ids = async (q: string) => ((await get(`/api/v1/documents?limit=100&${q}`)).json() as { data: Item[] }).data.map((d) => d.title.replace(/\D/g, '')).sort((a, b) => +a - +b);
  assert.deepEqual(await ids(`unit=${CODES.bureau}`), ['1', '2', '3', '4', '5', '6', '7']);
  assert.deepEqual(await ids(`unit=${CODES.county}`), ['8']);
  assert.deepEqual(await ids(`unit=${CODES.county}&subtree=1`), ['8', '9']);
  assert.deepEqual(await ids(`unit=${CODES.bureau}&column=statistics`), ['1', '3', '5', '7']);
  assert.deepEqual(await ids(`unit=${CODES.bureau}&column=statutory`), ['1', '3', '5', '7'], 'a column includes its sub-columns');
  assert.deepEqual(await ids('topic=six-stabilities-six-guarantees'), ['8']);
  assert.deepEqual(await ids('type=opinion'), ['8']);
  assert.deepEqual(await ids(`doc_number=${encodeURIComponent('某镇发（2020）9号')}`), ['9']);
  assert.deepEqual(await ids(`doc_number=${encodeURIComponent('测政发[2020]')}`).then((x) => x.length), 9);
  assert.deepEqual(await ids('published_from=2020-03-01&published_to=2020-04-30'), ['2', '3']);
  assert.deepEqual(await ids('written_from=2020-09-01'), ['8']);
  assert.deepEqual(await ids('validity=effective'), ['9']);
  assert.equal((await get('/api/v1/documents?unit=NOPE')).statusCode, 400);
  // a unit's site slug works as its code does (search takes slugs; integrators mix them)
  assert.deepEqual(await ids('unit=bureau'), await ids(`unit=${CODES.bureau}`));
  assert.equal((await get('/api/v1/documents?column=statistics')).statusCode, 400, 'a column slug needs a unit');
});

test('one document: public when published 主动公开; draft and on-request 404; withdrawn 410', async () => {
  const list = (await get(`/api/v1/documents?unit=${CODES.bureau}&limit=100`)).json() as { data: Item[] };
  const one = await get(`/api/v1/documents/${list.data[0].id}`);
  assert.equal(one.statusCode, 200);
  const body = one.json();
  assert.equal(body.unit.code, CODES.bureau);
  assert.ok(!('status' in body), 'internal fields are not public');
  const idOf = async (n: number) => (await t.db.db.selectFrom('documents').select('id').where('index_no', '=', `${CODES.bureau}/2020-000${n}`).executeTakeFirstOrThrow()).id;
  assert.equal((await get(`/api/v1/documents/${await idOf(11)}`)).statusCode, 404);
  assert.equal((await get(`/api/v1/documents/${await idOf(13)}`)).statusCode, 404);
  const w = await get(`/api/v1/documents/${await idOf(12)}`);
  assert.equal(w.statusCode, 410);
  assert.equal(w.json().error.code, 'withdrawn');
  // with a token, the user sees a draft of their unit with its status
  const d = await get(`/api/v1/documents/${await idOf(11)}`, auth('editor'));
  assert.equal(d.statusCode, 200);
  assert.equal(d.json().status, 'draft');
  assert.equal((await get(`/api/v1/documents/${await idOf(11)}`, auth('countyadmin'))).statusCode, 404, 'out of scope');
  assert.equal((await get('/api/v1/documents/99999999')).statusCode, 404);
});

test('write endpoints: Bearer token required; each role may do only its steps; XSS stored and returned sanitised', async () => {
  const body = { unit: CODES.bureau, title: '<script>alert(1)</script>关于<b>测试</b>的通知', summary: '概述内容', docType: 'notice', writtenDate: '2020-10-09', topic: '0201', bodyHtml: '<p onmouseover="x()">正文<img src=x onerror=alert(1)><script>alert(2)</script></p>' };
  assert.equal((await send('POST', '/api/v1/documents', null, body)).statusCode, 401);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/documents', payload: body, headers: { authorization: 'Bearer gk_wrong' } })).statusCode, 401);
  assert.equal((await send('POST', '/api/v1/documents', 'supervisor', body)).statusCode, 403);
  assert.equal((await send('POST', '/api/v1/documents', 'reviewer', body)).statusCode, 403);
  assert.equal((await send('POST', '/api/v1/documents', 'editor', { ...body, unit: CODES.county })).statusCode, 403);
  const bad = await send('POST', '/api/v1/documents', 'editor', { ...body, docNumber: '测政发2020年' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.json().error.fields.docNumber);
  const created = await send('POST', '/api/v1/documents', 'editor', body);
  assert.equal(created.statusCode, 201, created.body);
  const d = created.json().data;
  assert.equal(d.title, '关于测试的通知');
  assert.doesNotMatch(d.body_html, /script|onmouseover|onerror/);
  const id = d.id;
  assert.equal((await send('POST', `/api/v1/documents/${id}/review`, 'reviewer', { confidentialityChecked: true, personalInfoChecked: true })).statusCode, 409, 'not submitted yet');
  assert.equal((await send('POST', `/api/v1/documents/${id}/submit`, 'reviewer')).statusCode, 403);
  assert.equal((await send('POST', `/api/v1/documents/${id}/submit`, 'editor')).statusCode, 200);
  // the submitter may take it back before review (撤回提交), then submit again
  assert.equal((await send('POST', `/api/v1/documents/${id}/recall`, 'reviewer')).statusCode, 403);
  const recalled = await send('POST', `/api/v1/documents/${id}/recall`, 'editor');
  assert.equal(recalled.statusCode, 200);
  assert.equal(recalled.json().data.status, 'draft');
  assert.equal((await send('POST', `/api/v1/documents/${id}/submit`, 'editor')).statusCode, 200);
  assert.equal((await send('POST', `/api/v1/documents/${id}/review`, 'editor', { confidentialityChecked: true, personalInfoChecked: true })).statusCode, 403);
  assert.equal((await send('POST', `/api/v1/documents/${id}/review`, 'reviewer', { confidentialityChecked: true, personalInfoChecked: true })).statusCode, 200);
  assert.equal((await send('POST', `/api/v1/documents/${id}/publish`, 'editor', {})).statusCode, 403);
  const late = await send('POST', `/api/v1/documents/${id}/publish`, 'reviewer', {});
  assert.equal(late.statusCode, 422, 'written in 2020: a late publication needs a reason (条例 第二十六条)');
  assert.ok(late.json().error.fields.lateReason);
  const pub = await send('POST', `/api/v1/documents/${id}/publish`, 'reviewer', { lateReason: '补录历史文件' });
  assert.equal(pub.statusCode, 200);
  assert.equal(pub.json().data.status, 'published');
  // the public API returns the same sanitised text
  const pubGet = (await get(`/api/v1/documents/${id}`)).json();
  assert.equal(pubGet.title, '关于测试的通知');
  assert.doesNotMatch(pubGet.body_html, /script|onmouseover|onerror/);
  // editing a published document: reviewers only; PII needs acknowledgement
  assert.equal((await send('PATCH', `/api/v1/documents/${id}`, 'editor', { summary: '新的概述' })).statusCode, 403);
  const pii = await send('PATCH', `/api/v1/documents/${id}`, 'reviewer', { bodyHtml: '<p>身份证号 110101199003074514</p>' });
  assert.equal(pii.statusCode, 422);
  assert.equal(pii.json().error.code, 'personal_data_unacknowledged');
  const ok = await send('PATCH', `/api/v1/documents/${id}`, 'reviewer', { summary: '新的概述', changeNote: '补充概述' });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().data.version, 2);
  assert.equal((await send('POST', `/api/v1/documents/${id}/withdraw`, 'reviewer', { reason: '' })).statusCode, 422);
  assert.equal((await send('POST', `/api/v1/documents/${id}/withdraw`, 'reviewer', { reason: '信息已过时' })).statusCode, 200);
  assert.equal((await get(`/api/v1/documents/${id}`)).statusCode, 410);
});

test('attachments: type decided by content (spoofs refused), downloads with safe headers; drafts only for their users', async () => {
  const c = (await send('POST', '/api/v1/documents', 'editor', { unit: CODES.bureau, title: '附件测试文件', writtenDate: '2020-10-09' })).json().data;
  const upload = (name: string, data: Buffer) => t.app.inject({ method: 'POST', url: `/api/v1/documents/${c.id}/attachments?filename=${encodeURIComponent(name)}`, payload: data, headers: { ...auth('editor'), 'content-type': 'application/octet-stream' } });
  const html = await upload('通知.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
  assert.equal(html.statusCode, 422);
  assert.match(html.json().error.fields.file, /网页|HTML/);
  const exe = await upload('表格.xlsx', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]));
  assert.equal(exe.statusCode, 422);
  const pdf = await budgetPdf('预算公开表', [['收入', '1']]);
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  assert.equal((await upload('图片.pdf', Buffer.concat([png, Buffer.alloc(64)]))).statusCode, 422, 'a PNG named .pdf');
  const ok = await upload('朝阳市 2020年预算.pdf', pdf);
  assert.equal(ok.statusCode, 200, ok.body);
  const att = ok.json().data.attachments[0];
  assert.equal(att.mime, 'application/pdf');
  // a draft's file is not public; its users get it with a token
  assert.equal((await get(att.url)).statusCode, 404);
  const dl = await get(att.url, auth('editor'));
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
  assert.match(String(dl.headers['content-disposition']), /^attachment; filename="[ -~]+\.pdf"; filename\*=UTF-8''%E6%9C%9D%E9%98%B3%E5%B8%82%202020/);
  assert.ok(dl.rawPayload.equals(pdf));
  assert.equal((await get(att.url.replace(`/documents/${c.id}/`, '/documents/1/'))).statusCode, 404, 'attachment id under another document');
});

test('OpenAPI document and browsable docs', async () => {
  const spec = (await get('/api/docs/json')).json() as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>>; components: { securitySchemes: Record<string, unknown> } };
  assert.match(spec.openapi, /^3\./);
  for (const p of ['/api/v1/documents', '/api/v1/documents/{id}', '/api/v1/documents/{id}/publish', '/api/v1/units']) assert.ok(spec.paths[p], p);
  assert.ok(!Object.keys(spec.paths).some((p) => p.startsWith('/admin') || p === '/'), 'pages are not in the API document');
  const params = spec.paths['/api/v1/documents'].get.parameters!.map((x) => x.name);
  for (const q of ['unit', 'subtree', 'column', 'topic', 'type', 'doc_number', 'published_from', 'published_to', 'written_from', 'written_to', 'validity', 'cursor', 'limit']) assert.ok(params.includes(q), q);
  assert.ok(spec.components.securitySchemes.bearerAuth);
  const ui = await get('/api/docs/');
  assert.equal(ui.statusCode, 200);
  assert.match(String(ui.headers['content-security-policy']), /script-src 'self'(;|$)/);
});
