/**
 * Sign-in throttling instead of lockout (audit F11) and what a password change shuts out (F10).
 *  - The same answer for an unknown name, a wrong password and an account throttled elsewhere;
 *    only the address that must wait is told so, and equally for names that do not exist.
 *  - The right password from a fresh address always signs in, also under a distributed attack.
 *  - Every failure is its own audit event user.login.failed; an administrator sees the state and 解锁.
 *  - A new password (by an administrator or the user) ends sessions and revokes API tokens.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { authenticate } from '../commands/sign-in.ts';
import { createUser } from '../commands/users.ts';
import { actorForApiToken, createApiToken } from '../commands/tokens.ts';
import { THROTTLE } from '../domain/throttle.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

const attempt = (ip: string, username: string, password: string) => new Client(t.app, ip).submit('/admin/login', '/admin/login', { username, password });
/** Failures recorded as if just made (the doubling wait then runs from now). */
const moreFailures = (username: string, ip: string, n: number) =>
  t.db.db.insertInto('login_attempts').values(Array.from({ length: n }, () => ({ username, ip, ok: false, at: new Date() }))).execute();
const errorText = (body: string) => /<div class="error-summary" role="alert"><p>([^<]*)<\/p>/.exec(body)?.[1];

test('no lockout and no enumeration: unknown, wrong and throttled-elsewhere answer alike; the right password from another address works', async () => {
  const A = '10.1.0.1';
  const B = '10.1.0.2';
  // the account and a name that does not exist behave the same from address A
  for (const name of ['reviewer', 'nobody-here']) {
    for (let i = 1; i <= THROTTLE.freeFailures + 1; i++) {
      const r = await attempt(A, name, 'wrong-password-1');
      assert.equal(r.statusCode, 401, `${name} attempt ${i}`);
      assert.equal(errorText(r.body), '用户名或密码不正确');
    }
    // two more failures (15 s, then 30 s): address A now waits a minute — margin for a slow machine
    await moreFailures(name, A, 2);
    const wait = await attempt(A, name, name === 'reviewer' ? PASSWORD : 'x');
    assert.equal(wait.statusCode, 429, `${name}: address A now waits`);
    const after = Number(wait.headers['retry-after']);
    assert.ok(after >= 1 && after <= 60, `Retry-After ${after}`);
    assert.match(errorText(wait.body)!, /从本地址对该用户名的登录尝试失败次数过多，请 (\d+ 秒|1 分钟)后再试/);
  }
  // from address B: a wrong password for the throttled account = an unknown name = 401, same text
  const wrongB = await attempt(B, 'reviewer', 'wrong-password-2');
  const unknownB = await attempt(B, 'nobody-else', 'wrong-password-2');
  assert.equal(wrongB.statusCode, 401);
  assert.equal(unknownB.statusCode, 401);
  assert.equal(errorText(wrongB.body), errorText(unknownB.body));
  assert.equal(wrongB.headers['retry-after'], undefined);
  // and the right password from B signs in (the old lock answered 423 to everyone for 15 minutes)
  const ok = await attempt(B, 'reviewer', PASSWORD);
  assert.equal(ok.statusCode, 303);
  assert.doesNotMatch(ok.body + JSON.stringify(ok.headers), /423|已被锁定/);
});

test('a distributed attack past the account ceiling slows every attempt but never refuses the right password', async () => {
  const now = new Date();
  const rows = Array.from({ length: THROTTLE.accountCeiling + 5 }, (_, i) => ({ username: 'handler', ip: `10.2.${Math.floor(i / 200)}.${i % 200}`, ok: false, at: new Date(now.getTime() - i * 1000) }));
  await t.db.db.insertInto('login_attempts').values(rows).execute();
  await t.db.db.insertInto('login_attempts').values(rows.map((r) => ({ ...r, username: 'no-such-handler' }))).execute();
  const slept: number[] = [];
  const sleep = async (ms: number) => { slept.push(ms); };
  const good = await authenticate(t.db.db, 'handler', PASSWORD, '10.3.0.1', { sleep });
  assert.equal(good.ok, true, 'the right password from a fresh address');
  const bad = await authenticate(t.db.db, 'handler', 'wrong-password-3', '10.3.0.2', { sleep });
  const ghost = await authenticate(t.db.db, 'no-such-handler', 'wrong-password-3', '10.3.0.2', { sleep });
  assert.ok(!bad.ok && !ghost.ok);
  assert.equal(bad.error.status, 401);
  assert.deepEqual(ghost.error.msg, bad.error.msg, 'an unknown name under the same attack answers alike');
  assert.deepEqual(slept, [THROTTLE.accountSlowMs, THROTTLE.accountSlowMs, THROTTLE.accountSlowMs], 'each attempt was slowed');
  const calm = await authenticate(t.db.db, 'editor', 'wrong-password-3', '10.3.0.3', { sleep });
  assert.equal(calm.ok, false);
  assert.equal(slept.length, 3, 'an account without the attack is not slowed');
});

test('an address spraying many names is refused for a while, whatever the name', async () => {
  const C = '10.4.0.1';
  const now = new Date();
  await t.db.db.insertInto('login_attempts').values(Array.from({ length: THROTTLE.ipFailures }, (_, i) => ({ username: `spray${i}`, ip: C, ok: false, at: now }))).execute();
  for (const name of ['supervisor', 'never-existed']) {
    const r = await authenticate(t.db.db, name, PASSWORD, C);
    assert.ok(!r.ok);
    assert.equal(r.error.status, 429);
    assert.equal(r.error.code, 'login_throttled');
  }
});

test('each failure is audited as user.login.failed, never with the password; unknown names are not recorded', async () => {
  const secret = 'Unique-Secret-Attempt-9!';
  await attempt('10.5.0.1', 'editor', secret);
  await attempt('10.5.0.1', secret, secret);
  const rows = await t.db.db.selectFrom('audit_log').select(['action', 'subject_id', 'summary', 'ip', 'actor_name', 'unit_id']).where('action', '=', 'user.login.failed').where('ip', '=', '10.5.0.1').orderBy('id').execute();
  assert.equal(rows.length, 2);
  assert.equal(rows[0].subject_id, String(tree.users.editor));
  assert.equal(rows[0].unit_id, tree.bureau.id, 'the account’s unit, so its administrators see it');
  assert.deepEqual(rows[0].summary, { username: 'editor', reason: 'wrong_password' });
  assert.equal(rows[1].subject_id, null);
  assert.deepEqual(rows[1].summary, { reason: 'unknown_user' });
  assert.ok(!JSON.stringify(rows).includes(secret), 'neither the password nor an unknown typed name');
  assert.equal(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'user.lockout').executeTakeFirst(), undefined);
});

test('the admin page shows the throttling and 解锁 clears it (audited as user.unlock)', async () => {
  const D = '10.6.0.1';
  const victim = (await createUser(t.db.db, sys, { username: 'town.clerk', display_name: '镇办事员', password: PASSWORD, unit_code: CODES.town, grants: [{ role: 'editor', unit_code: CODES.town }] })).id;
  for (let i = 0; i <= THROTTLE.freeFailures; i++) await attempt(D, 'town.clerk', 'wrong-password-4');
  await moreFailures('town.clerk', D, 3);
  assert.equal((await attempt(D, 'town.clerk', PASSWORD)).statusCode, 429, 'address D waits (2 min)');

  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  const page = await county.get(`/admin/users/${victim}`);
  assert.match(page.body, /登录保护/);
  assert.ok(page.body.includes(`<code>${D}</code>`));
  assert.match(page.body, /需等待 \d+ 秒/);
  assert.match(page.body, />解锁</);
  const un = await county.submit(`/admin/users/${victim}`, `/admin/users/${victim}/unlock`, {});
  assert.equal(un.statusCode, 303);
  const after = await county.get(un.headers.location as string);
  assert.match(after.body, /已解锁/);
  assert.match(after.body, /没有待计的登录失败/);
  const audit = await t.db.db.selectFrom('audit_log').select(['actor_name', 'summary']).where('action', '=', 'user.unlock').where('subject_id', '=', String(victim)).executeTakeFirstOrThrow();
  assert.equal(audit.actor_name, 'countyadmin');
  assert.equal((await attempt(D, 'town.clerk', PASSWORD)).statusCode, 303, 'address D may sign in at once');
  // without CSRF, or by someone out of reach: refused
  assert.equal((await county.post(`/admin/users/${victim}/unlock`, {})).statusCode, 403);
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.equal((await editor.submit('/admin', `/admin/users/${victim}/unlock`, {})).statusCode, 404);
});

test('an administrator’s new password ends the user’s sessions and revokes their API tokens', async () => {
  const user = new Client(t.app, '10.8.0.1');
  await user.login('handler', PASSWORD);
  assert.equal((await user.get('/admin')).statusCode, 200);
  const tok = await createApiToken(t.db.db, sys, { userId: tree.users.handler, name: '办理系统' });
  const admin = new Client(t.app, '10.8.0.2');
  await admin.login('sysadmin', PASSWORD);
  const page = await admin.get(`/admin/users/${tree.users.handler}`);
  assert.match(page.body, /修改后该用户的所有登录将退出，其全部接口令牌将被撤销/, 'the form says so');
  const r = await admin.submit(`/admin/users/${tree.users.handler}`, `/admin/users/${tree.users.handler}`, { display_name: 'handler', password: 'Maple-Ferry-63$', grant: `case_handler@${CODES.bureau}` });
  assert.equal(r.statusCode, 303);
  assert.equal((await user.get('/admin')).statusCode, 302, 'signed out');
  assert.equal(await actorForApiToken(t.db.db, tok.token), null, 'token revoked');
  const api = await t.app.inject({ method: 'POST', url: '/api/v1/documents', payload: { unit: CODES.bureau, title: 'x', writtenDate: '2020-10-09' }, headers: { authorization: `Bearer ${tok.token}` } });
  assert.equal(api.statusCode, 401);
  const a = await t.db.db.selectFrom('audit_log').select('summary').where('action', '=', 'user.password').where('subject_id', '=', String(tree.users.handler)).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(a.summary, { username: 'handler', by: 'administrator', sessions_ended: 1, tokens_revoked: 1 });
  assert.equal((await admin.get('/admin')).statusCode, 200, 'the administrator stays signed in');
});

test('users change their own password: the current one is required; other sessions end, this one stays; tokens revoked', async () => {
  const here = new Client(t.app, '10.9.0.1');
  await here.login('supervisor', PASSWORD);
  const elsewhere = new Client(t.app, '10.9.0.2');
  await elsewhere.login('supervisor', PASSWORD);
  const tok = await createApiToken(t.db.db, sys, { userId: tree.users.supervisor, name: '督查系统' });
  const page = await here.get('/admin/account');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/admin\/account"[^>]*>我的账号</);
  assert.match(page.body, /您在其他浏览器和设备上的登录将全部退出（当前登录保留），您的全部接口令牌将被撤销/);

  const wrong = await here.submit('/admin/account', '/admin/account/password', { current: 'not-it', password: 'Willow-Lamp-52%', confirm: 'Willow-Lamp-52%' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /当前密码不正确/);
  const weak = await here.submit('/admin/account', '/admin/account/password', { current: PASSWORD, password: 'Password123!', confirm: 'Password123!' });
  assert.equal(weak.statusCode, 422);
  assert.match(weak.body, /密码太容易被猜中/);
  const differ = await here.submit('/admin/account', '/admin/account/password', { current: PASSWORD, password: 'Willow-Lamp-52%', confirm: 'Willow-Lamp-53%' });
  assert.equal(differ.statusCode, 422);
  assert.match(differ.body, /两次输入的新密码不一致/);
  assert.ok(await actorForApiToken(t.db.db, tok.token), 'nothing changed yet');

  const ok = await here.submit('/admin/account', '/admin/account/password', { current: PASSWORD, password: 'Willow-Lamp-52%', confirm: 'Willow-Lamp-52%' });
  assert.equal(ok.statusCode, 303);
  const done = await here.get(ok.headers.location as string);
  assert.equal(done.statusCode, 200, 'this session stays');
  assert.match(done.body, /密码已修改。其他浏览器和设备上的登录已退出，您的接口令牌已撤销/);
  assert.equal((await elsewhere.get('/admin')).statusCode, 302, 'the other session ended');
  assert.equal(await actorForApiToken(t.db.db, tok.token), null);
  await new Client(t.app, '10.9.0.3').login('supervisor', 'Willow-Lamp-52%');
});
