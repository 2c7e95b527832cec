import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t.close());

test('admin pages need a session: a GET redirects to the login page', async () => {
  const c = new Client(t.app);
  const r = await c.get('/admin/units');
  assert.equal(r.statusCode, 302);
  assert.match(r.headers.location as string, /^\/admin\/login\?next=%2Fadmin%2Funits/);
});

test('sign in, see the dashboard, sign out', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const dash = await c.get('/admin');
  assert.equal(dash.statusCode, 200);
  assert.match(dash.body, /工作台/);
  assert.match(dash.body, /系统管理员/);
  const session = c.cookies.get('gk_session');
  assert.ok(session);
  // the stored session is a hash, not the cookie's token
  const rows = await t.db.db.selectFrom('sessions').select('id_hash').execute();
  assert.ok(rows.every((r) => !session!.includes(r.id_hash)));
  const token = /name="_csrf" value="([^"]+)"/.exec(dash.body)![1];
  const out = await c.post('/admin/logout', { _csrf: token });
  assert.equal(out.statusCode, 303);
  assert.equal((await c.get('/admin')).statusCode, 302);
});

test('a form posted without or with a wrong CSRF token is refused and changes nothing', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const before = await t.db.db.selectFrom('units').select('id').execute();
  const noToken = await c.post('/admin/units', { code: 'CSRF0001', name: '不应创建', parent_code: CODES.city, type: 'department', slug: 'csrf-a' });
  assert.equal(noToken.statusCode, 403);
  assert.match(noToken.body, /表单已过期或来源不明/);
  const wrong = await c.post('/admin/units', { _csrf: 'forged-token', code: 'CSRF0002', name: '不应创建', parent_code: CODES.city, type: 'department', slug: 'csrf-b' });
  assert.equal(wrong.statusCode, 403);
  const login = await new Client(t.app).post('/admin/login', { username: 'sysadmin', password: PASSWORD });
  assert.equal(login.statusCode, 403, 'login form also needs its token');
  const afterRows = await t.db.db.selectFrom('units').select('id').execute();
  assert.equal(afterRows.length, before.length);
});

test('the login page answers in English when asked', async () => {
  const c = new Client(t.app);
  const r = await c.get('/admin/login', { 'accept-language': 'en-US,en;q=0.9' });
  assert.match(r.body, /Sign in to the admin console/);
  assert.match(r.body, /<html lang="en"/);
});

test('a unit admin manages users in its subtree only and cannot grant system admin', async () => {
  const c = new Client(t.app);
  await c.login('countyadmin', PASSWORD);
  const list = await c.get('/admin/users');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /countyadmin/);
  assert.doesNotMatch(list.body, />editor</, 'users of other subtrees are filtered out in SQL');
  const bad = await c.submit('/admin/users/new', '/admin/users', { username: 'town.editor', display_name: '镇信息员', password: PASSWORD, unit_code: CODES.town, grant: [`system_admin@${CODES.town}`] });
  assert.equal(bad.statusCode, 403);
  assert.equal(await t.db.db.selectFrom('users').select('id').where('username', '=', 'town.editor').executeTakeFirst(), undefined);
  const ok = await c.submit('/admin/users/new', '/admin/users', { username: 'town.editor', display_name: '镇信息员', password: PASSWORD, unit_code: CODES.town, grant: [`editor@${CODES.town}`] });
  assert.equal(ok.statusCode, 303);
  const other = await c.get(`/admin/users/${tree.users.editor}`);
  assert.equal(other.statusCode, 404, 'a user outside the subtree is "not found"');
});

test('bad input on the user forms: 422 with the field named, nothing stored', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const cases: [Record<string, string | string[]>, RegExp][] = [
    [{ username: 'Bad Name!', display_name: 'x', password: PASSWORD, unit_code: CODES.city }, /用户名为 3–32 位/],
    [{ username: 'weakpw', display_name: 'x', password: 'short', unit_code: CODES.city }, /密码至少需要 10 个字符/],
    [{ username: 'noclass', display_name: 'x', password: 'alllowercaseletters', unit_code: CODES.city }, /至少三类/],
    // meet the length/class rule, but are common, patterned or repeated (zxcvbn, audit F12)
    [{ username: 'common1', display_name: 'x', password: 'Password123!', unit_code: CODES.city }, /密码太容易被猜中：这是常见密码或其简单变形/],
    [{ username: 'common2', display_name: 'x', password: 'Qwerty12345', unit_code: CODES.city }, /密码太容易被猜中/],
    [{ username: 'repeat1', display_name: 'x', password: 'AAAAAAAAAa1', unit_code: CODES.city }, /含有重复的字符或片段/],
    [{ username: 'keyboard1', display_name: 'x', password: 'ZAQ!2wsxCDE#', unit_code: CODES.city }, /密码太容易被猜中/],
    [{ username: 'badunit', display_name: 'x', password: PASSWORD, unit_code: 'NOPE0000' }, /所属单位不存在/],
    [{ username: 'badmail', display_name: 'x', email: 'not-an-email', password: PASSWORD, unit_code: CODES.city }, /电子邮箱格式不正确/],
    [{ username: 'badrole', display_name: 'x', password: PASSWORD, unit_code: CODES.city, grant: [`overlord@${CODES.city}`] }, /未知角色/],
    [{ username: 'sysadmin', display_name: 'x', password: PASSWORD, unit_code: CODES.city }, /该用户名已存在/],
  ];
  const count = async () => (await t.db.db.selectFrom('users').select('id').execute()).length;
  const n = await count();
  for (const [form, msg] of cases) {
    const r = await c.submit('/admin/users/new', '/admin/users', form);
    assert.equal(r.statusCode, 422, JSON.stringify(form));
    assert.match(r.body, msg);
    assert.match(r.body, /role="alert"/);
  }
  assert.equal(await count(), n);
  const upd = await c.submit(`/admin/users/${tree.users.editor}`, `/admin/users/${tree.users.editor}`, { display_name: '', email: 'bad@', grant: [`editor@${CODES.bureau}`] });
  assert.equal(upd.statusCode, 422);
  const still = await t.db.db.selectFrom('users').select('display_name').where('id', '=', tree.users.editor).executeTakeFirstOrThrow();
  assert.equal(still.display_name, 'editor');
});

test('passwords are stored as argon2id hashes', async () => {
  const u = await t.db.db.selectFrom('users').select('password_hash').where('username', '=', 'sysadmin').executeTakeFirstOrThrow();
  assert.match(u.password_hash, /^\$argon2id\$/);
});
