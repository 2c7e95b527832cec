/**
 * The unit forms and lists through the app: the create form offers only the types allowed under the
 * chosen parent (and the server refuses the rest), move/merge/deactivate pages with their refusals,
 * and every unit list in tree order — admin list, /apply, portal home.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { makeUscc } from '../domain/uscc.ts';
import { createUnit } from '../commands/units.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const PARK = makeUscc('211300', 'HT000900');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  // a scenic area created after the county's township: a depth sort would list the township after it
  await createUnit(t.db.db, systemContext('test'), { code: PARK, name: '测试景区管理委员会', short_name: '景区管委会', type: 'park', slug: 'scenic', parent_code: CODES.city, sort_order: 50 });
});
after(async () => t.close());

const options = (html: string, select: string) => {
  const m = new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  return m ? [...m[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((x) => [x[1], x[2]]) : [];
};

test('new unit: step 1 picks the parent, step 2 offers only the types allowed under it', async () => {
  const c = new Client(t.app);
  await c.login('countyadmin', PASSWORD);
  // the county admin may create under the county only (the township allows no sub-unit): no step 1
  const direct = await c.get('/admin/units/new');
  assert.equal(direct.statusCode, 200);
  assert.match(direct.body, /<strong>上级单位<\/strong>：测试县人民政府/);
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const step1 = await sys.get('/admin/units/new');
  assert.deepEqual(options(step1.body, 'f-parent').map((o) => o[0]), [CODES.city, CODES.county], 'in tree order; the bureau, town and park allow no sub-unit');
  assert.equal(options(step1.body, 'f-parent')[1][1], '　测试县人民政府');
  const cityForm = await sys.get(`/admin/units/new?parent=${CODES.city}`);
  assert.deepEqual(options(cityForm.body, 'f-type').map((o) => o[0]), ['county_government', 'department', 'office', 'park']);
  const form = await c.get(`/admin/units/new?parent=${CODES.county}`);
  assert.deepEqual(options(form.body, 'f-type').map((o) => o[0]), ['department', 'office', 'township', 'park']);
  assert.doesNotMatch(form.body, /value="city_government"/);
  const bad = await c.get(`/admin/units/new?parent=${CODES.town}`);
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /不能在该单位之下新建单位/);
});

test('the audit reproduction: a county admin posting 市人民政府 under a township gets 422, nothing stored', async () => {
  const c = new Client(t.app);
  await c.login('countyadmin', PASSWORD);
  const n = (await t.db.db.selectFrom('units').select('id').execute()).length;
  const r = await c.submit(`/admin/units/new?parent=${CODES.county}`, '/admin/units', { code: makeUscc('211302', 'HT000001'), name: '双塔区测试单位', type: 'city_government', parent_code: CODES.town, slug: 'fake-city' });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /“市人民政府”不能设在“乡镇人民政府（街道办事处）”之下/);
  const r2 = await c.submit(`/admin/units/new?parent=${CODES.county}`, '/admin/units', { code: makeUscc('211302', 'HT000002'), name: '县里的市政府', type: 'city_government', parent_code: CODES.county, slug: 'fake-city2' });
  assert.equal(r2.statusCode, 422);
  assert.match(r2.body, /只能设立：政府工作部门、其他直属单位、乡镇人民政府（街道办事处）、园（景）区管委会/);
  // the re-rendered form still offers only the allowed types
  assert.deepEqual(options(r2.body, 'f-type').map((o) => o[0]), ['department', 'office', 'township', 'park']);
  assert.equal((await t.db.db.selectFrom('units').select('id').execute()).length, n);
  const ok = await c.submit(`/admin/units/new?parent=${CODES.county}`, '/admin/units', { code: makeUscc('211302', 'HT000003'), name: '测试县某街道办事处', type: 'township', parent_code: CODES.county, slug: 'street-ok' });
  assert.equal(ok.statusCode, 303);
});

test('edit: the type select lists only types allowed under the parent, and only for the parent’s admins', async () => {
  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  const page = await sys.get(`/admin/units/${tree.bureau.id}`);
  assert.deepEqual(options(page.body, 'f-type').map((o) => o[0]), ['county_government', 'department', 'office', 'park']);
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  const own = await county.get(`/admin/units/${tree.county.id}`);
  assert.equal(own.statusCode, 200);
  assert.doesNotMatch(own.body, /id="f-type"/, 'the county admin cannot retype the county');
  assert.match(own.body, /单位类型由上级单位的管理员设定/);
  const token = await county.csrf(`/admin/units/${tree.county.id}`);
  const hack = await county.post(`/admin/units/${tree.county.id}`, { _csrf: token, name: '测试县人民政府', slug: 'county', type: 'park' });
  assert.equal(hack.statusCode, 403);
});

test('lists are in tree order: admin units list, /apply dropdown, portal home', async () => {
  const c = new Client(t.app);
  await c.login('sysadmin', PASSWORD);
  const list = (await c.get('/admin/units')).body;
  const pos = (s: string, body: string) => body.indexOf(s);
  assert.ok(pos('测试县某镇人民政府', list) > pos('测试县人民政府', list));
  assert.ok(pos('测试县某镇人民政府', list) < pos('测试景区管理委员会', list), 'the township is listed under its county, before the scenic area');
  assert.match(list, /class="tree-l2"><a href="\/u\/town\/">测试县某镇人民政府<\/a><span class="sr-only">（测试县政府的下级单位）<\/span>/);
  const apply = (await t.app.inject({ url: '/apply' })).body;
  const opts = options(apply, 'f-unit');
  const names = opts.map((o) => o[1].trim());
  assert.ok(names.indexOf('测试县某镇人民政府') === names.indexOf('测试县人民政府') + 1, names.join(','));
  assert.ok(names.indexOf('测试景区管理委员会') > names.indexOf('测试县某镇人民政府'));
  assert.equal(opts.find((o) => o[0] === 'town')![1], '　　测试县某镇人民政府', 'indented two levels');
  const home = (await t.app.inject({ url: '/' })).body;
  // the township is nested in the county's list item
  assert.match(home, /<li><a href="\/u\/county\/">测试县人民政府<\/a><ul class="unit-list"><li><a href="\/u\/town\/">测试县某镇人民政府<\/a><\/li>/);
});

test('move, merge and deactivate pages: offered to the parent’s admins, refusals shown on the page', async () => {
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  // the county admin administers the township's parent → may deactivate it; not the county itself
  assert.equal((await county.get(`/admin/units/${tree.town.id}/deactivate`)).statusCode, 200);
  assert.equal((await county.get(`/admin/units/${tree.county.id}/deactivate`)).statusCode, 403);
  assert.equal((await county.get(`/admin/units/${tree.bureau.id}/move`)).statusCode, 404);
  const listBody = (await county.get('/admin/units')).body;
  assert.match(listBody, new RegExp(`/admin/units/${tree.town.id}/deactivate`));
  assert.doesNotMatch(listBody, new RegExp(`/admin/units/${tree.county.id}/deactivate`));

  const sys = new Client(t.app);
  await sys.login('sysadmin', PASSWORD);
  // move: only parents where the type may sit, never the current one or the unit's own subtree
  const move = await sys.get(`/admin/units/${tree.town.id}/move`);
  assert.deepEqual(options(move.body, 'f-parent_code').map((o) => o[0]), [], 'no other county exists');
  assert.match(move.body, /没有您有权管理、且本单位类型可以设在其下的其他上级单位/);
  const mv = await sys.get(`/admin/units/${tree.bureau.id}/move`);
  assert.deepEqual(options(mv.body, 'f-parent_code').map((o) => o[0]), [CODES.county]);
  // deactivate with a missing reason: 422 on the page; with active sub-units: 409 on the page
  const token = await sys.csrf(`/admin/units/${tree.other.id}/deactivate`);
  const noReason = await sys.post(`/admin/units/${tree.other.id}/deactivate`, { _csrf: token, date: '2026-01-05', reason: '' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /请填写依据/);
  const withKids = await sys.post(`/admin/units/${tree.county.id}/deactivate`, { _csrf: token, reason: '撤销' });
  assert.equal(withKids.statusCode, 409);
  assert.match(withKids.body, /在用的下级单位/);
  // merge the health commission into the bureau
  const merge = await sys.get(`/admin/units/${tree.other.id}/merge`);
  assert.ok(options(merge.body, 'f-target_code').some((o) => o[0] === CODES.bureau));
  const r = await sys.post(`/admin/units/${tree.other.id}/merge`, { _csrf: token, target_code: CODES.bureau, date: '2026-01-05', reason: '测试机构改革方案' });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/admin/units?done=merged');
  const after = (await sys.get('/admin/units?done=merged')).body;
  assert.match(after, /单位已合并/);
  assert.match(after, /已并入司法局/);
  // the merged unit leaves the portal lists and /apply, but its page stays, pointing to the successor
  assert.doesNotMatch((await t.app.inject({ url: '/' })).body, /测试市卫生健康委员会/);
  assert.doesNotMatch((await t.app.inject({ url: '/apply' })).body, /测试市卫生健康委员会/);
  const page = await t.app.inject({ url: '/u/other/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /本单位已于2026年1月5日并入<a href="\/u\/bureau\/">测试市司法局<\/a>/);
  const succ = await t.app.inject({ url: '/u/bureau/' });
  assert.match(succ.body, /已并入本单位的原单位[\s\S]*测试市卫生健康委员会/);
  // the application form of a merged unit is not offered; its guide leads to its home
  assert.notEqual((await t.app.inject({ url: '/u/other/xxgk/ysqgk' })).statusCode, 200);
  const guide = await t.app.inject({ url: '/u/other/xxgk/zn' });
  assert.deepEqual([guide.statusCode, guide.headers.location], [303, '/u/other/']);
  assert.equal((await t.app.inject({ url: '/u/other/xxgk/' })).statusCode, 200);
});
