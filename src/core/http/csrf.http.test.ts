/**
 * CSRF (audit F9): a token and secret cookie minted by an attacker do not work with a victim's
 * session; unsafe requests from another origin are refused; with Secure cookies the names carry
 * the `__Host-` prefix. Normal forms — signed-in and anonymous — keep working.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../test/helpers/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await testApp({ GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn' });
  await seedTree(t.db.db);
});
after(async () => t?.close());

// the form posted: creating an API token (cheap, and an attacker would love one made in the victim's name)
const tokenCount = async () => (await t.db.db.selectFrom('api_tokens').select('id').execute()).length;
const tokenForm = (name: string, csrf: string) => ({ _csrf: csrf, name });
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1];
const csrfCookie = (c: Client) => c.cookies.get('_csrf')!;

test('victim’s session + an attacker-minted _csrf cookie and token → 403, nothing created', async () => {
  const victim = new Client(t.app);
  await victim.login('sysadmin', PASSWORD);
  const n = await tokenCount();

  // anonymous: any public form hands out a (cookie, token) pair
  const anon = new Client(t.app, '10.66.0.1');
  const anonToken = token((await anon.get('/admin/login')).body);
  // signed in as the attacker's own (lesser) account
  const own = new Client(t.app, '10.66.0.2');
  await own.login('editor', PASSWORD);
  const ownToken = token((await own.get('/admin')).body);

  for (const [who, attacker, tok] of [['anonymous', anon, anonToken], ['own session', own, ownToken]] as const) {
    const forged = await t.app.inject({
      method: 'POST', url: '/admin/tokens',
      payload: new URLSearchParams(tokenForm(`evil ${who}`, tok)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gk_session=${victim.cookies.get('gk_session')}; _csrf=${csrfCookie(attacker)}` },
    });
    assert.equal(forged.statusCode, 403, `${who}: ${forged.body.slice(0, 200)}`);
    assert.match(forged.body, /表单已过期或来源不明/);
  }
  assert.equal(await tokenCount(), n, 'nothing created');

  // the victim's own form works, also with its own Origin or the public URL's
  const tok = await victim.csrf('/admin/tokens');
  const ok = await victim.post('/admin/tokens', tokenForm('ok-a', tok), { origin: 'http://localhost' });
  assert.equal(ok.statusCode, 200, (/class="error"[^<]*<[^]*?<\/p>/.exec(ok.body) ?? [ok.body.slice(0, 200)])[0]);
  const ok2 = await victim.post('/admin/tokens', tokenForm('ok-b', tok), { origin: 'https://gk.example.gov.cn', referer: 'https://gk.example.gov.cn/admin/tokens' });
  assert.equal(ok2.statusCode, 200);
  assert.equal(await tokenCount(), n + 2);
});

test('a token from before sign-in, or from another session, does not work after it', async () => {
  const c = new Client(t.app, '10.67.0.1');
  const before = token((await c.get('/admin/login')).body);
  await c.login('sysadmin', PASSWORD);
  const r = await c.post('/admin/tokens', tokenForm('stale', before));
  assert.equal(r.statusCode, 403);
});

test('unsafe requests from another origin are refused before anything runs', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const tok = await c.csrf('/admin/tokens');
  const n = await tokenCount();
  for (const headers of <Record<string, string>[]>[
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { origin: 'http://localhost.evil.example' },
    { referer: 'https://evil.example/page' },
    { origin: 'https://gk.example.gov.cn.evil.example' },
  ]) {
    const r = await c.post('/admin/tokens', tokenForm('cross', tok), headers);
    assert.equal(r.statusCode, 403, JSON.stringify(headers));
    assert.match(r.body, /请求来源不是本站/);
  }
  // an anonymous public form and the sign-in form too
  const anon = new Client(t.app, '10.68.0.1');
  const lt = token((await anon.get('/admin/login')).body);
  const login = await anon.post('/admin/login', { _csrf: lt, username: 'sysadmin', password: PASSWORD }, { origin: 'https://evil.example' });
  assert.equal(login.statusCode, 403);
  assert.equal(anon.cookies.get('gk_session'), undefined, 'no login CSRF');
  assert.equal(await tokenCount(), n);
  // GET is not checked; an API client with a Bearer token is not a browser (its token decides)
  assert.equal((await c.get('/admin/tokens', { origin: 'https://evil.example' })).statusCode, 200);
  const api = await t.app.inject({ method: 'POST', url: '/api/v1/documents', payload: {}, headers: { origin: 'https://evil.example', authorization: 'Bearer gk_invalid' } });
  assert.equal(api.statusCode, 401);
});

test('with Secure cookies the session and CSRF cookies are __Host- prefixed, and sign-in works with them', async () => {
  const s = await testApp({ COOKIE_SECURE: 'true' });
  try {
    await seedTree(s.db.db);
    const c = new Client(s.app);
    const page = await c.get('/admin/login');
    const csrfSet = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((x) => x.startsWith('__Host-gk_csrf='));
    assert.ok(csrfSet, 'CSRF cookie named __Host-gk_csrf');
    assert.match(csrfSet, /; Path=\//);
    assert.match(csrfSet, /; Secure/);
    assert.doesNotMatch(csrfSet, /Domain=/i);
    const r = await c.post('/admin/login', { _csrf: token(page.body), username: 'sysadmin', password: PASSWORD, next: '/admin' });
    assert.equal(r.statusCode, 303);
    const sessionSet = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((x) => x.startsWith('__Host-gk_session='));
    assert.ok(sessionSet, 'session cookie named __Host-gk_session');
    assert.match(sessionSet, /; Secure/);
    assert.match(sessionSet, /; HttpOnly/);
    assert.equal(c.cookies.get('gk_session'), undefined);
    assert.equal((await c.get('/admin')).statusCode, 200, 'the prefixed cookie signs in');
    // a plain gk_session cookie is not read at all
    assert.equal((await s.app.inject({ method: 'GET', url: '/admin', headers: { cookie: `gk_session=${c.cookies.get('__Host-gk_session')}` } })).statusCode, 302);
    assert.match(([] as string[]).concat((await s.app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security'] ?? []).join(), /^max-age=31536000$/, 'HSTS without includeSubDomains');
  } finally {
    await s.close();
  }
});
