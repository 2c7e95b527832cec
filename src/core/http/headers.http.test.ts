/**
 * Security headers (audit F14), sign-in before body validation on staff routes, and TRUST_PROXY
 * hop counts (F5): a client-written left-most X-Forwarded-For does not change the address that
 * rate limits and the audit log see.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../test/helpers/fixtures.ts';
import { PERMISSIONS_POLICY } from './headers.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
  await seedTree(t.db.db);
});
after(async () => t?.close());

test('every response: Permissions-Policy; framing denied consistently (CSP frame-ancestors none + XFO DENY)', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/' });
  assert.equal(r.headers['permissions-policy'], PERMISSIONS_POLICY);
  assert.equal(r.headers['x-frame-options'], 'DENY');
  assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(r.headers['cross-origin-resource-policy'], 'same-origin', 'pages stay same-origin');
  assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS without Secure cookies');
  assert.equal(r.headers['x-robots-tag'], undefined, 'the portal is indexed');
});

test('helmet\'s headers on every kind of answer: a page, a 404, a refused input, a JSON API error', async () => {
  const answers = [
    await t.app.inject({ method: 'GET', url: '/' }),
    await t.app.inject({ method: 'GET', url: '/no-such-page' }),
    await t.app.inject({ method: 'GET', url: '/u/city/doc/abc%00' }),
    await t.app.inject({ method: 'GET', url: '/api/v1/documents/999999999' }),
  ];
  assert.deepEqual(answers.map((r) => r.statusCode >= 400), [false, true, true, true]);
  for (const r of answers) {
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /^default-src 'self';/, `${r.statusCode}: CSP`);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(r.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['x-powered-by'], undefined);
  }
});

test('/admin: Cache-Control no-store and X-Robots-Tag noindex on every response, signed in or not', async () => {
  const anon = await t.app.inject({ method: 'GET', url: '/admin/login' });
  assert.equal(anon.headers['cache-control'], 'no-store');
  assert.match(String(anon.headers['x-robots-tag']), /noindex/);
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  for (const url of ['/admin', '/admin/users', '/admin/audit', '/admin/units', '/admin/no-such-page']) {
    const r = await c.get(url);
    assert.equal(r.headers['cache-control'], 'no-store', url);
    assert.match(String(r.headers['x-robots-tag']), /noindex/, url);
  }
});

test('the public read API answers anonymous requests with CORP cross-origin (embeddable); not with a session, not elsewhere', async () => {
  const pub = await t.app.inject({ method: 'GET', url: `/api/v1/units/${CODES.bureau}/columns` });
  assert.equal(pub.statusCode, 200);
  assert.equal(pub.headers['cross-origin-resource-policy'], 'cross-origin');
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/documents' });
  assert.equal(list.headers['cross-origin-resource-policy'], 'cross-origin');
  const c = new Client(t.app);
  await c.login('editor', PASSWORD);
  const withSession = await c.get(`/api/v1/units/${CODES.bureau}/columns`);
  assert.equal(withSession.headers['cross-origin-resource-policy'], 'same-origin');
  const status = await t.app.inject({ method: 'GET', url: '/api/v1/requests/status?tracking=x&code=y' });
  assert.equal(status.headers['cross-origin-resource-policy'], 'same-origin', 'an applicant’s status is not public');
  const missing = await t.app.inject({ method: 'GET', url: '/api/v1/documents/999999' });
  assert.equal(missing.headers['cross-origin-resource-policy'], 'same-origin', 'errors stay same-origin');
});

test('staff routes: an anonymous request is 401 before its body is parsed or validated', async () => {
  const bad = { method: 'POST' as const, payload: { nonsense: 1 } };
  const steps = await t.app.inject({ ...bad, url: '/api/v1/requests/1/steps' });
  assert.equal(steps.statusCode, 401, steps.body);
  const appeal = await t.app.inject({ ...bad, url: '/api/v1/requests/1/appeals' });
  assert.equal(appeal.statusCode, 401);
  const doc = await t.app.inject({ ...bad, url: '/api/v1/documents' });
  assert.equal(doc.statusCode, 401);
  assert.equal(JSON.parse(doc.body).error.code, 'unauthenticated');
  // a truncated multipart body to an admin form, anonymously: 401, not a parser error
  const multi = await t.app.inject({ method: 'POST', url: '/admin/documents', payload: '--zz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx', headers: { 'content-type': 'multipart/form-data; boundary=zz' } });
  assert.equal(multi.statusCode, 401);
  // signed in, the staff JSON API still refuses forms (CSRF defence) before validating them
  const c = new Client(t.app);
  await c.login('handler', PASSWORD);
  const form = await c.post('/api/v1/requests/1/steps', { type: 'accept' });
  assert.equal(form.statusCode, 415);
});

test('TRUST_PROXY=1: the address is the one the proxy appended, whatever the client wrote left of it', async () => {
  const p = await testApp({ TRUST_PROXY: '1' });
  try {
    const post = (xff: string) => p.app.inject({ method: 'POST', url: '/admin/login', payload: 'username=x&password=y', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff }, remoteAddress: '10.0.0.5' });
    // the login form allows 20 a minute per address: 20 spoofed left-most values are one address
    for (let i = 0; i < 20; i++) assert.equal((await post(`198.51.100.${i}, 203.0.113.7`)).statusCode, 403, 'refused for the missing CSRF token, but counted');
    const over = await post('198.51.100.99, 203.0.113.7');
    assert.equal(over.statusCode, 429, 'rate limit reached despite a new left-most address');
    // another real client (another address appended by the proxy) is not affected
    assert.equal((await post('198.51.100.1, 203.0.113.8')).statusCode, 403);
  } finally {
    await p.close();
  }
});
