/**
 * Regression tests for the eight causes of the 439 answers 500 an outside test found (issue #10
 * item 7), each request as it was sent. The harness in test/fuzz/ sends the whole corpus to every
 * route; these name the causes one by one, so a regression says which.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { Client } from '../../../test/helpers/app.ts';
import { fuzzEnv, TRUNCATED_MULTIPART, type FuzzEnv } from '../../../test/fuzz/harness.ts';
import type { SignedIn } from '../auth/authz-matrix.test-helper.ts';

let env: FuzzEnv;
let admin: SignedIn;
before(async () => {
  env = await fuzzEnv();
  admin = env.world.actors['system_admin@city'];
});
after(async () => env?.close());

const cookie = (who: SignedIn) => [...who.client!.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const get = (url: string, who?: SignedIn, accept = 'text/html') =>
  env.app.inject({ method: 'GET', url, headers: { accept, ...(who ? { cookie: cookie(who) } : {}) }, remoteAddress: who?.ip ?? '10.8.0.1' });
const form = (url: string, body: string, who: SignedIn) =>
  env.app.inject({ method: 'POST', url, payload: `_csrf=${encodeURIComponent(who.csrf)}&${body}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(who) }, remoteAddress: who.ip });
const api = (method: 'PATCH' | 'POST', url: string, text: string) =>
  env.app.inject({ method, url, payload: text, headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${admin.bearer}` }, remoteAddress: admin.ip });
const code = (r: LightMyRequestResponse) => (JSON.parse(r.body) as { error: { code: string } }).error.code;

test('1. U+0000 in a path, a query or a form (anonymous too): 400 in the visitor’s language', async () => {
  for (const url of ['/u/%00/', '/search?q=x&unit=%00', '/u/m-county/doc/%00', '/guides?q=a%00b']) {
    const r = await get(url);
    assert.equal(r.statusCode, 400, url);
    assert.match(r.body, /不允许的字符/, url);
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/, 'the refusal carries the security headers');
  }
  const en = await env.app.inject({ method: 'GET', url: '/search?q=%00', headers: { 'accept-language': 'en' } });
  assert.equal(en.statusCode, 400);
  assert.match(en.body, /not allowed/);
  // the sign-in form's username
  const visitor = new Client(env.app, '10.8.0.2');
  const csrf = await visitor.csrf('/admin/login');
  const r = await visitor.post('/admin/login', { _csrf: csrf, username: 'm.system_admin.city\u0000', password: 'x', next: '/admin' });
  assert.equal(r.statusCode, 400);
});

test('2. ids past 2^31−1, fractional or in exponent form: 404 (paths) or 400 (query)', async () => {
  for (const url of ['/admin/requests/2147483648', '/admin/units/1.5', '/admin/units/1e309/move', '/admin/tokens/99999999999/revoke', '/admin/documents/new?unit=2147483648']) {
    const r = await get(url, admin);
    assert.ok(r.statusCode === 404 || r.statusCode === 200, `${url}: ${r.statusCode}`);
    if (url.includes('?')) assert.equal(r.statusCode, 200, 'an unknown unit in a query is ignored: the form for the own unit');
  }
  const posted = await form('/admin/documents/settings', 'unit=2147483648&index_pattern=x', admin);
  assert.ok(posted.statusCode >= 400 && posted.statusCode < 500, `settings: ${posted.statusCode}`);
  for (const unit of ['2147483648', '1.5', '1e309']) {
    const reg = await form('/admin/requests', `unit_id=${unit}`, admin);
    assert.ok(reg.statusCode === 404 || reg.statusCode === 422, `register in unit ${unit}: ${reg.statusCode} (not the database's 400)`);
  }
  const off = await get('/api/v1/requests?offset=1e309', admin, 'application/json');
  assert.equal(off.statusCode, 400);
  assert.equal(code(off), 'bad_request', 'refused by the route, not by the database');
  assert.match(off.body, /offset/);
  const letter = await get(`/admin/requests/${env.world.places.own.request}/letters/99999999999999999999999.pdf`, admin);
  assert.equal(letter.statusCode, 404);
  const year = await get('/admin/calendar/years/new?year=1e23', admin);
  assert.equal(year.statusCode, 200, 'an impossible year falls back to next year');
});

test('3. handler_id=abc: 422 naming the handler, nothing assigned', async () => {
  const id = env.world.places.own.request;
  const r = await form(`/admin/requests/${id}/assign`, 'handler_id=abc', admin);
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /承办人无效/);
  const c = await env.world.db.selectFrom('request_cases').select('handler_id').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(c.handler_id, null);
});

test('4. impossible dates: refused with the field named, never a 500', async () => {
  const doc = env.world.places.own.document;
  const changed = await api('PATCH', `/api/v1/documents/${doc}`, JSON.stringify({ changedDate: '2024-13-01' }));
  assert.ok(changed.statusCode === 400 || changed.statusCode === 422, `changedDate: ${changed.statusCode}`);
  assert.match(changed.body, /changedDate/);
  const unit = env.world.places.own.unit;
  const filed = await form(`/admin/units/${unit.id}`, `name=${encodeURIComponent('矩阵县人民政府')}&responsible_filed_on=2024-02-30`, admin);
  assert.equal(filed.statusCode, 422);
  assert.match(filed.body, /备案日期格式应为/, 'the filing date is named (2024-02-30 passed Date.parse and reached PostgreSQL)');
  const day = await form('/admin/calendar', 'date=0000-01-01&is_workday=0&scope=national&source=x&confirm=1', admin);
  assert.equal(day.statusCode, 422, 'a calendar entry on year 0 is refused on its field (PostgreSQL has no year 0)');
  // the audit CSV is streamed: a date PostgreSQL refuses used to cut the answer off half-way
  const csv = await get('/admin/audit/export.csv?from=0000-01-01', admin);
  assert.ok(csv.statusCode >= 400 && csv.statusCode < 500, `audit export from year 0: ${csv.statusCode}`);
  const published = await get('/api/v1/documents?published_from=0000-01-01', undefined, 'application/json');
  assert.equal(published.statusCode, 400);
  assert.match(published.body, /published_from/, 'the field is named');
  for (const url of ['/search?q=x&from=0000-01-01&to=2024-02-30']) {
    const r = await get(url);
    assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
  }
});

test('5. a truncated multipart body: 401 without parsing for anonymous, 400 for a signed-in user', async () => {
  const send = (who: SignedIn | null) =>
    env.app.inject({ method: 'POST', url: '/admin/documents', payload: TRUNCATED_MULTIPART.body, headers: { 'content-type': TRUNCATED_MULTIPART.type, ...(who ? { cookie: cookie(who), 'x-csrf-token': who.csrf } : {}) }, remoteAddress: who?.ip ?? '10.8.0.3' });
  const anon = await send(null);
  assert.ok(anon.statusCode === 401 || anon.statusCode === 403, `anonymous: ${anon.statusCode}`);
  const signed = await send(admin);
  assert.equal(signed.statusCode, 400);
  assert.match(signed.body, /上传的内容不完整/);
});

test('6. __proto__, constructor and prototype keys: 400 in JSON and in forms', async () => {
  const j = await api('PATCH', `/api/v1/documents/${env.world.places.own.document}`, '{"title":"x","nested":{"__proto__":{"isAdmin":true}}}');
  assert.equal(j.statusCode, 400);
  const f = await form('/admin/account/password', '__proto__%5BisAdmin%5D=1&current_password=x', admin);
  assert.equal(f.statusCode, 400);
  assert.match(f.body, /不允许的字段名/);
  const q = await get('/search?constructor%5Bprototype%5D%5Bx%5D=1');
  assert.equal(q.statusCode, 400);
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype untouched');
});

test('7. a non-ASCII back in /prefs: 303 to the percent-encoded path', async () => {
  const r = await get('/prefs?lang=en&back=%2F%E4%B8%AD%E6%96%87');
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/%E4%B8%AD%E6%96%87');
});

test('8. lone surrogates (and NUL) in JSON, and a surrogate’s UTF-8 in a URL: 400', async () => {
  const doc = env.world.places.own.document;
  const lone = await api('PATCH', `/api/v1/documents/${doc}`, '{"title":"a\\ud800b"}');
  assert.equal(lone.statusCode, 400);
  assert.equal(code(lone), 'bad_characters');
  const nul = await api('PATCH', `/api/v1/documents/${doc}`, '{"title":"a\\u0000b"}');
  assert.equal(nul.statusCode, 400);
  const pair = await api('PATCH', `/api/v1/documents/${doc}`, '{"summary":"表情 \\ud83d\\ude00"}');
  assert.ok(pair.statusCode < 400, `a valid surrogate pair passes: ${pair.statusCode} ${pair.body.slice(0, 200)}`);
  const url = await get('/search?q=%ED%A0%80');
  assert.equal(url.statusCode, 400);
});

test('a leftover PostgreSQL data exception is a 400 with a message, not a 500 with details', async () => {
  const { inputError } = await import('./input-guard.ts');
  const fake = { isMultipart: () => false } as never;
  assert.equal(inputError(Object.assign(new Error('invalid input syntax for type integer: "x"'), { code: '22P02' }), fake)?.status, 400);
  assert.equal(inputError(Object.assign(new Error('date/time field value out of range'), { code: '22008' }), fake)?.status, 400);
  assert.equal(inputError(Object.assign(new Error('deadlock'), { code: '40P01' }), fake), null, 'not a data exception: still a 500');
  assert.equal(inputError(new Error('Unexpected end of multipart data'), fake), null, 'not multipart: still a 500');
});
