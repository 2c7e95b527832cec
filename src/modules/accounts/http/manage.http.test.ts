/**
 * Audit 2026-12-04 F1: a unit administrator could reset the password of a user homed in its unit
 * who also holds system_admin on the city, sign in as them and become system administrator.
 * Changing a user (and everything else acting on them: edit page, tokens, unlock) now needs
 * user.manage over every grant the user holds, and the right to grant system_admin for that grant.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { actorContext, systemContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { AppError } from '../../../core/http/errors.ts';
import { createUser, updateUser } from '../commands/users.ts';
import { actorForApiToken, createApiToken } from '../commands/tokens.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
const HIJACK = 'Hijacked-Pass-42!';
const ids: Record<string, number> = {};

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  // homed in the county (the county admin's unit), editor there — and system_admin of the city
  ids.escalate = (await createUser(t.db.db, sys, { username: 'fz.escalate', display_name: '区编辑兼系统管理员', password: PASSWORD, unit_code: CODES.county, grants: [{ role: 'editor', unit_code: CODES.county }, { role: 'system_admin', unit_code: CODES.city }] })).id;
  // homed in the county, with a grant sideways (the bureau is not under the county)
  ids.sideways = (await createUser(t.db.db, sys, { username: 'fz.sideways', display_name: '区编辑兼局审核员', password: PASSWORD, unit_code: CODES.county, grants: [{ role: 'editor', unit_code: CODES.county }, { role: 'reviewer', unit_code: CODES.bureau }] })).id;
  // entirely within the county's subtree
  ids.town = (await createUser(t.db.db, sys, { username: 'fz.town', display_name: '镇编辑', password: PASSWORD, unit_code: CODES.town, grants: [{ role: 'editor', unit_code: CODES.town }] })).id;
});
after(async () => t?.close());

const login = async (user: string, password = PASSWORD, ip = '127.0.0.1') => {
  const c = new Client(t.app, ip);
  await c.login(user, password);
  return c;
};
const hashOf = async (id: number) => (await t.db.db.selectFrom('users').select(['password_hash', 'disabled', 'display_name', 'email']).where('id', '=', id).executeTakeFirstOrThrow());

test('a unit admin cannot see, change, disable or take over a user of its unit who holds system_admin elsewhere', async () => {
  const county = await login('countyadmin');
  const before = await hashOf(ids.escalate);
  const csrf = await county.csrf('/admin/users');

  // the audit's reproduction: GET 200, POST 303, then sign in as the user
  assert.equal((await county.get(`/admin/users/${ids.escalate}`)).statusCode, 404, 'the edit page is "not found"');
  const hijack = await county.post(`/admin/users/${ids.escalate}`, { _csrf: csrf, display_name: '被改名', password: HIJACK, grant: `editor@${CODES.county}` });
  assert.equal(hijack.statusCode, 404);
  const disable = await county.post(`/admin/users/${ids.escalate}`, { _csrf: csrf, display_name: '区编辑兼系统管理员', disabled: '1', grant: `editor@${CODES.county}` });
  assert.equal(disable.statusCode, 404);
  assert.equal((await county.post(`/admin/users/${ids.escalate}/unlock`, { _csrf: csrf })).statusCode, 404);

  const after = await hashOf(ids.escalate);
  assert.deepEqual(after, before, 'nothing changed: password, disabled flag, name, e-mail');
  const tryHijack = await new Client(t.app, '10.7.0.1').submit('/admin/login', '/admin/login', { username: 'fz.escalate', password: HIJACK });
  assert.equal(tryHijack.statusCode, 401, 'the new password does not work');
  const grants = await loadGrants(t.db.db, ids.escalate);
  assert.ok(grants.some((g) => g.role === 'system_admin'), 'the system_admin grant is kept');

  // the list shows the user (home unit in scope) but offers no 编辑 link
  const list = await county.get('/admin/users');
  assert.match(list.body, /fz\.escalate/);
  assert.ok(!list.body.includes(`href="/admin/users/${ids.escalate}"`));
  assert.ok(list.body.includes(`href="/admin/users/${ids.town}"`), 'a user entirely in scope has the link');

  // the command refuses too (pages, API and CLI share it)
  await assert.rejects(updateUser(t.db.db, actorContext({ userId: tree.users.countyadmin, username: 'countyadmin', displayName: 'c', unitId: tree.county.id, grants: await loadGrants(t.db.db, tree.users.countyadmin) }, null), ids.escalate, { password: HIJACK }),
    (e: unknown) => e instanceof AppError && e.status === 403);
  assert.deepEqual(await hashOf(ids.escalate), before);
});

test('a grant sideways (another department) puts the user out of the unit admin’s reach too', async () => {
  const county = await login('countyadmin');
  assert.equal((await county.get(`/admin/users/${ids.sideways}`)).statusCode, 404);
  const r = await county.submit('/admin/users', `/admin/users/${ids.sideways}`, { display_name: 'x', password: HIJACK, grant: `editor@${CODES.county}` });
  assert.equal(r.statusCode, 404);
  const g = await loadGrants(t.db.db, ids.sideways);
  assert.deepEqual(g.map((x) => x.role).sort(), ['editor', 'reviewer'], 'the reviewer grant on the bureau is not removed either');
});

test('API tokens of such a user: not listed, not shown, not revocable by the unit admin', async () => {
  const tok = await createApiToken(t.db.db, sys, { userId: ids.escalate, name: '城市系统' });
  const county = await login('countyadmin');
  const overview = await county.get('/admin/tokens');
  assert.ok(!overview.body.includes(`/admin/tokens?user=${ids.escalate}`), 'not among the users in scope');
  assert.equal((await county.get(`/admin/tokens?user=${ids.escalate}`)).statusCode, 404);
  assert.equal((await county.get(`/admin/tokens/${tok.id}/revoke`)).statusCode, 403);
  assert.equal((await county.submit('/admin/tokens', `/admin/tokens/${tok.id}/revoke`, {})).statusCode, 403);
  assert.ok(await actorForApiToken(t.db.db, tok.token), 'the token still works');
  // the system administrator may
  const admin = await login('sysadmin');
  assert.equal((await admin.get(`/admin/tokens?user=${ids.escalate}`)).statusCode, 200);
});

test('positive: the unit admin changes a user entirely in its subtree; the system admin changes the escalated one', async () => {
  const county = await login('countyadmin');
  const page = await county.get(`/admin/users/${ids.town}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /登录保护/);
  const r = await county.submit(`/admin/users/${ids.town}`, `/admin/users/${ids.town}`, { display_name: '镇信息员', password: 'Copper-Kettle-88#', grant: [`editor@${CODES.town}`, `reviewer@${CODES.town}`] });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, `/admin/users/${ids.town}?done=password`);
  const shown = await county.get(r.headers.location as string);
  assert.match(shown.body, /密码已修改。该用户的所有登录已退出，其全部接口令牌已撤销/);
  await login('fz.town', 'Copper-Kettle-88#');
  const audit = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).where('subject_type', '=', 'user').where('subject_id', '=', String(ids.town)).orderBy('id').execute();
  const grantsChange = audit.find((a) => a.action === 'user.grants.change');
  assert.ok(grantsChange, 'user.grants.change recorded');
  const sum = grantsChange.summary as { before: { role: string; unit_code: string }[]; after: { role: string; unit_code: string }[] };
  assert.deepEqual(sum.before.map((g) => g.role), ['editor']);
  assert.deepEqual(sum.after.map((g) => g.role).sort(), ['editor', 'reviewer']);
  assert.ok(sum.after.every((g) => g.unit_code === CODES.town));
  assert.ok(audit.some((a) => a.action === 'user.password'));
  assert.ok(audit.some((a) => a.action === 'user.update'), 'the name change');

  const admin = await login('sysadmin');
  assert.equal((await admin.get(`/admin/users/${ids.escalate}`)).statusCode, 200);
  const ok = await admin.submit(`/admin/users/${ids.escalate}`, `/admin/users/${ids.escalate}`, { display_name: '区编辑兼系统管理员', grant: [`editor@${CODES.county}`, `system_admin@${CODES.city}`] });
  assert.equal(ok.statusCode, 303);
});
