import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { makeUscc } from '../domain/uscc.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t.close());

test('GET /api/v1/units lists code, name, short name, type, parent code and URL', async () => {
  const r = await t.app.inject({ url: '/api/v1/units' });
  assert.equal(r.statusCode, 200);
  const body = r.json() as { data: Record<string, unknown>[]; count: number };
  assert.equal(body.count, 5);
  const bureau = body.data.find((u) => u.code === CODES.bureau)!;
  assert.deepEqual(
    { name: bureau.name, short_name: bureau.short_name, type: bureau.type, parent_code: bureau.parent_code, url: bureau.url },
    { name: '测试市司法局', short_name: '司法局', type: 'department', parent_code: CODES.city, url: 'http://localhost:3000/u/bureau/' },
  );
  const filtered = (await t.app.inject({ url: '/api/v1/units?type=township' })).json() as { count: number };
  assert.equal(filtered.count, 1);
});

test('the city home lists units by type; a unit home shows the standard column skeleton and meta tags', async () => {
  const home = await t.app.inject({ url: '/' });
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /县（市）区人民政府/);
  assert.match(home.body, /href="\/u\/county\/"/);
  const unit = await t.app.inject({ url: '/u/bureau/' });
  assert.equal(unit.statusCode, 200);
  for (const col of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']) assert.ok(unit.body.includes(col), col);
  for (const meta of ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnType']) assert.match(unit.body, new RegExp(`<meta name="${meta}" content="[^"]+"`));
  assert.match(unit.body, /<a class="skip" href="#main">/);
  assert.match(unit.body, /0421-5550001/);
});

test('the guide page (Art. 12) is generated from the unit registry', async () => {
  const r = await t.app.inject({ url: '/u/bureau/xxgk/zn' });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /测试市司法局政府信息公开指南/);
  assert.match(r.body, /第十二条/);
  assert.match(r.body, /0421-5550001/);
});

test('language and elder-mode switches are plain links that set a cookie and return', async () => {
  const r = await t.app.inject({ url: '/prefs?lang=en&back=%2Fu%2Fbureau%2F' });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/u/bureau/');
  const en = await t.app.inject({ url: '/u/bureau/', cookies: { lang: 'en' } });
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, />Government information</);
  const elder = await t.app.inject({ url: '/u/bureau/', cookies: { elder: '1' } });
  assert.match(elder.body, /<html lang="zh-CN" class="elder"/);
  // no open redirect
  for (const back of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const x = await t.app.inject({ url: `/prefs?lang=en&back=${encodeURIComponent(back)}` });
    assert.equal(x.headers.location, '/', back);
  }
});

test('unknown pages are a 404 in the user language, without stack traces', async () => {
  const r = await t.app.inject({ url: '/u/no-such-unit/' });
  assert.equal(r.statusCode, 404);
  assert.match(r.body, /未找到该单位/);
  assert.doesNotMatch(r.body, /at .*\.ts:\d+/);
  const api = await t.app.inject({ url: '/api/v1/nothing', headers: { 'accept-language': 'en' } });
  assert.equal(api.statusCode, 404);
  assert.deepEqual(Object.keys(api.json().error).sort(), ['code', 'message']);
});

test('security headers: CSP, no sniffing, frame denial', async () => {
  const r = await t.app.inject({ url: '/' });
  assert.match(r.headers['content-security-policy'] as string, /default-src 'self'/);
  assert.match(r.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

test('health and readiness', async () => {
  assert.deepEqual((await t.app.inject({ url: '/healthz' })).json(), { status: 'ok' });
  const ready = (await t.app.inject({ url: '/readyz' })).json();
  assert.equal(ready.status, 'ready');
});

test('a system admin creates a unit through the admin form; it appears on the portal and in the audit log', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const code = makeUscc('211300', 'TT000099');
  const r = await c.submit('/admin/units/new', '/admin/units', { code, name: '测试市应急管理局', short_name: '应急局', type: 'department', parent_code: CODES.city, slug: 'yjj', phone: '0421-5550077', responsible_official: '测试员', responsible_title: '副局长', responsible_filed_on: '2020-09-15' });
  assert.equal(r.statusCode, 303);
  const page = await t.app.inject({ url: '/u/yjj/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /测试市应急管理局/);
  const a = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.create').where('actor_name', '=', 'sysadmin').execute();
  assert.equal(a.length, 1);
});

test('bad input on the unit forms: 422 naming each field, nothing stored', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const n = (await t.db.db.selectFrom('units').select('id').execute()).length;
  const cases: [Record<string, string>, RegExp][] = [
    [{ code: '', name: '', parent_code: CODES.city, type: 'department', slug: 'x1' }, /请填写单位代码[\s\S]*请填写单位名称/],
    [{ code: makeUscc('211300', 'TT000050').slice(0, 17) + '0', name: '校验位错', parent_code: CODES.city, type: 'department', slug: 'x2' }, /校验位不正确/],
    [{ code: 'GOOD0001', name: '类型错', parent_code: CODES.city, type: 'kingdom', slug: 'x3' }, /有效的单位类型/],
    [{ code: 'GOOD0002', name: '网址错', parent_code: CODES.city, type: 'department', slug: 'Bad Slug!' }, /网址标识只能使用/],
    [{ code: 'GOOD0003', name: '上级错', parent_code: 'NOPE9999', type: 'department', slug: 'x4' }, /上级单位代码不存在/],
    [{ code: CODES.bureau, name: '重复', parent_code: CODES.city, type: 'department', slug: 'x5' }, /该单位代码已存在/],
    [{ code: 'GOOD0004', name: '电话错', parent_code: CODES.city, type: 'department', slug: 'x6', phone: 'call me', email: 'nope', responsible_filed_on: '2020-13-45' }, /电话号码格式不正确[\s\S]*电子邮箱格式不正确[\s\S]*备案日期格式/],
    [{ code: 'GOOD0005', name: '<script>alert(1)</script>', parent_code: CODES.city, type: 'department', slug: 'bureau' }, /该网址标识已被使用/],
  ];
  for (const [form, msg] of cases) {
    const r = await c.submit('/admin/units/new', '/admin/units', form);
    assert.equal(r.statusCode, 422, JSON.stringify(form));
    assert.match(r.body, msg);
    assert.doesNotMatch(r.body, /<script>alert/, 'echoed input is escaped');
  }
  assert.equal((await t.db.db.selectFrom('units').select('id').execute()).length, n);
  const upd = await c.submit(`/admin/units/${tree.bureau.id}`, `/admin/units/${tree.bureau.id}`, { name: '', slug: 'bureau', type: 'department', email: 'x' });
  assert.equal(upd.statusCode, 422);
  const still = await t.db.db.selectFrom('units').select('name').where('id', '=', tree.bureau.id).executeTakeFirstOrThrow();
  assert.equal(still.name, '测试市司法局');
});

test('registry edits are audited with before and after', async () => {
  const c = new Client(t.app);
  await c.login('countyadmin', PASSWORD);
  const r = await c.submit(`/admin/units/${tree.town.id}`, `/admin/units/${tree.town.id}`, { name: '测试县某镇人民政府', slug: 'town', type: 'township', responsible_official: '新负责人', responsible_title: '副镇长', responsible_filed_on: '2021-01-05' });
  assert.equal(r.statusCode, 303);
  const ev = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.registry.update').where('subject_id', '=', String(tree.town.id)).executeTakeFirstOrThrow();
  const s = ev.summary as { before: Record<string, unknown>; after: Record<string, unknown> };
  assert.equal(s.after.responsible_official, '新负责人');
  assert.equal(s.before.responsible_official, null);
  assert.equal(ev.actor_name, 'countyadmin');
});

test('scope: a county admin sees and edits only its subtree; an editor edits no unit', async () => {
  const c = new Client(t.app);
  await c.login('countyadmin', PASSWORD);
  const list = await c.get('/admin/units');
  assert.match(list.body, /测试县某镇人民政府/);
  assert.doesNotMatch(list.body, /测试市司法局/);
  assert.equal((await c.get(`/admin/units/${tree.bureau.id}`)).statusCode, 404);
  const token = await c.csrf(`/admin/units/${tree.town.id}`);
  const hack = await c.post(`/admin/units/${tree.bureau.id}`, { _csrf: token, name: '被篡改', slug: 'bureau', type: 'department' });
  assert.equal(hack.statusCode, 403);
  const e = new Client(t.app);
  await e.login('editor', PASSWORD);
  const el = await e.get('/admin/units');
  assert.equal(el.statusCode, 200);
  assert.doesNotMatch(el.body, /新建单位/, 'no create button for an editor');
  assert.doesNotMatch(el.body, new RegExp(`/admin/units/${tree.bureau.id}"`), 'no edit link for an editor');
  assert.equal((await e.get('/admin/units/new')).statusCode, 403);
});
