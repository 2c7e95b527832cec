/**
 * The console pages for API tokens (/admin/tokens): a token is shown once and then only by its
 * prefix, works as a Bearer token on the write API until revoked, is managed by its user or by an
 * administrator who may change that user; forms need CSRF and refuse bad input with 422 storing
 * nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUser } from '../commands/users.ts';
import { actorForApiToken, createApiToken } from '../commands/tokens.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  // an editor of the town, which lies under the county (the county admin's scope)
  const u = await createUser(t.db.db, sys, { username: 'towneditor', display_name: '镇编辑', password: PASSWORD, unit_code: CODES.town, grants: [{ role: 'editor', unit_code: CODES.town }] });
  tree.users.towneditor = u.id;
});
after(async () => t?.close());

const TOKEN_RE = /gk_[A-Za-z0-9_-]{43}/;
const apiCreate = (token: string, title: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/documents', payload: { unit: CODES.bureau, title, writtenDate: '2020-10-09' }, headers: { authorization: `Bearer ${token}` } });
const tokenCount = async () => Number((await t.db.db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) => (await t.db.db.selectFrom('audit_log').select('subject_id').where('action', '=', action).execute()).map((r) => Number(r.subject_id));
const login = async (user: string) => {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
};

test('create shows the token once, the list then only its prefix; it works as Bearer until revoked', async () => {
  const editor = await login('editor');
  const list = await editor.get('/admin');
  assert.match(list.body, /href="\/admin\/tokens"[^>]*>接口令牌</, 'linked from the admin navigation');
  const empty = await editor.get('/admin/tokens');
  assert.equal(empty.statusCode, 200);
  assert.equal(empty.headers['cache-control'], 'no-store');
  assert.match(empty.body, /暂无令牌/);
  assert.doesNotMatch(empty.body, /管辖范围内用户的令牌/, 'an editor manages no one else');

  const created = await editor.submit('/admin/tokens', '/admin/tokens', { name: '信息报送系统', expiresInDays: '30' });
  assert.equal(created.statusCode, 200);
  assert.equal(created.headers['cache-control'], 'no-store', 'the one page with the token is never cached');
  const token = TOKEN_RE.exec(created.body)?.[0];
  assert.ok(token, 'the token is on the response page');
  assert.match(created.body, /只显示这一次/);
  assert.match(created.body, /role="alert"/);
  const row = await t.db.db.selectFrom('api_tokens').selectAll().where('user_id', '=', tree.users.editor).executeTakeFirstOrThrow();
  assert.equal(row.name, '信息报送系统');
  assert.notEqual(row.token_hash, token, 'only a hash is stored');
  assert.equal(row.token_prefix, token.slice(0, 10));
  const days = (new Date(row.expires_at!).getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in 30 days (${days})`);
  assert.ok((await audits('apitoken.create')).includes(row.id), 'audited');

  const after = await editor.get('/admin/tokens');
  assert.ok(after.body.includes(`${row.token_prefix}…`), 'the list shows the prefix');
  assert.ok(!after.body.includes(token), 'but never the token again');
  assert.match(after.body, /信息报送系统/);
  assert.match(after.body, /从未使用/);

  const ok = await apiCreate(token, '令牌创建的文件');
  assert.equal(ok.statusCode, 201, ok.body);
  assert.match((await editor.get('/admin/tokens')).body, /badge green/);
  assert.doesNotMatch((await editor.get('/admin/tokens')).body, /从未使用/, 'last use is recorded');

  const confirm = await editor.get(`/admin/tokens/${row.id}/revoke`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /确定要撤销令牌“信息报送系统”吗？/);
  const revoked = await editor.submit(`/admin/tokens/${row.id}/revoke`, `/admin/tokens/${row.id}/revoke`, {});
  assert.equal(revoked.statusCode, 303);
  assert.equal(revoked.headers.location, '/admin/tokens?done=revoked');
  assert.equal((await apiCreate(token, '撤销后的文件')).statusCode, 401, 'a revoked token stops working');
  const listed = await editor.get('/admin/tokens?done=revoked');
  assert.match(listed.body, /令牌已撤销/);
  assert.match(listed.body, /已撤销/);
  assert.ok((await audits('apitoken.revoke')).includes(row.id));
  const again = await editor.get(`/admin/tokens/${row.id}/revoke`);
  assert.match(again.body, /该令牌已于/);
  assert.doesNotMatch(again.body, /确认撤销/);
});

test('bad name or 有效期 → 422 with every message, nothing stored; no CSRF → refused', async () => {
  const editor = await login('editor');
  const n0 = await tokenCount();
  const bad = await editor.submit('/admin/tokens', '/admin/tokens', { name: '', expiresInDays: '0' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /error-summary/);
  assert.match(bad.body, /href="#f-name"/);
  assert.match(bad.body, /href="#f-expiresInDays"/);
  assert.match(bad.body, /有效期应为1到3650天/);
  assert.ok(!TOKEN_RE.test(bad.body));
  const forms: Record<string, string>[] = [{ name: 'x'.repeat(61) }, { name: '正常名称', expiresInDays: '3651' }, { name: '正常名称', expiresInDays: '1.5' }, { name: '正常名称', expiresInDays: 'abc' }];
  for (const form of forms) {
    const r = await editor.submit('/admin/tokens', '/admin/tokens', form);
    assert.equal(r.statusCode, 422, JSON.stringify(form));
  }
  const xss = await editor.submit('/admin/tokens', '/admin/tokens', { name: '<script>alert(1)</script>', expiresInDays: '-1' });
  assert.equal(xss.statusCode, 422);
  assert.ok(xss.body.includes('&lt;script>alert(1)&lt;/script>'), 'what was typed comes back escaped');
  assert.ok(!xss.body.includes('<script>alert(1)'));
  assert.equal(await tokenCount(), n0, 'nothing stored');

  const noCsrf = await editor.post('/admin/tokens', { name: '没有CSRF' });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(noCsrf.body, /表单已过期或来源不明/);
  assert.equal(await tokenCount(), n0);
  const mine = await createApiToken(t.db.db, sys, { userId: tree.users.editor, name: '保留' });
  assert.equal((await editor.post(`/admin/tokens/${mine.id}/revoke`, {})).statusCode, 403);
  assert.equal((await editor.post(`/admin/tokens/${mine.id}/revoke`, { _csrf: 'forged' })).statusCode, 403);
  assert.ok(await actorForApiToken(t.db.db, mine.token), 'still valid');
});

test('a unit administrator sees and revokes the tokens of users in scope; another unit’s admin gets 403/404', async () => {
  const bureauToken = await createApiToken(t.db.db, sys, { userId: tree.users.editor, name: '司法局系统' });
  const townToken = await createApiToken(t.db.db, sys, { userId: tree.users.towneditor, name: '镇系统' });
  const county = await login('countyadmin');
  const overview = await county.get('/admin/tokens');
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /管辖范围内用户的令牌/);
  assert.ok(overview.body.includes(`/admin/tokens?user=${tree.users.towneditor}`), 'the town editor is in the county admin’s scope');
  assert.ok(!overview.body.includes(`/admin/tokens?user=${tree.users.editor}"`), 'the bureau editor is not');

  // outside the scope: the user is not shown (404) and the token cannot be revoked (403)
  const hidden = await county.get(`/admin/tokens?user=${tree.users.editor}`);
  assert.equal(hidden.statusCode, 404);
  assert.match(hidden.body, /未找到该用户，或您无权访问/);
  assert.equal((await county.get(`/admin/tokens/${bureauToken.id}/revoke`)).statusCode, 403);
  const refused = await county.submit('/admin/tokens', `/admin/tokens/${bureauToken.id}/revoke`, {});
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /您无权管理该用户的接口令牌/);
  assert.ok(await actorForApiToken(t.db.db, bureauToken.token), 'the bureau token still works');
  assert.equal((await county.get('/admin/tokens/99999999/revoke')).statusCode, 404);
  assert.equal((await county.get('/admin/tokens?user=abc')).statusCode, 404);

  const theirs = await county.get(`/admin/tokens?user=${tree.users.towneditor}`);
  assert.equal(theirs.statusCode, 200);
  assert.ok(theirs.body.includes(`${townToken.prefix}…`));
  assert.ok(!theirs.body.includes(townToken.token));
  assert.doesNotMatch(theirs.body, /action="\/admin\/tokens"/, 'no creating tokens for someone else');
  const done = await county.submit(`/admin/tokens/${townToken.id}/revoke`, `/admin/tokens/${townToken.id}/revoke`, {});
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `/admin/tokens?user=${tree.users.towneditor}&done=revoked`);
  assert.equal((await apiCreate(townToken.token, '撤销后')).statusCode, 401);

  // the system admin reaches every unit; the page speaks English when asked
  const admin = await login('sysadmin');
  assert.equal((await admin.get(`/admin/tokens?user=${tree.users.editor}`)).statusCode, 200);
  admin.cookies.set('lang', 'en');
  const en = await admin.get('/admin/tokens');
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, /<h1>API tokens<\/h1>/);
  assert.match(en.body, /Tokens of users in your scope/);
});
