/**
 * Units on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): placement rules on create
 * and edit, move (the materialised path and depth of a whole subtree, in one transaction; authority over
 * both parents), merge (children moved, history kept under the receiving unit, grants kept, authority at
 * both ends), deactivate (leaves lists, still owes the year's report), every change audited.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree, CODES, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext, actorContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { AppError } from '../../../core/http/errors.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { registerByStaff } from '../../requests/intake-commands.ts';
import { paperApplication } from '../../requests/store/fixtures.test-helper.ts';
import { reportOverview } from '../../reports/store/status.ts';
import { unitsInSubtree } from '../../reports/store/repository.ts';
import { makeUscc } from '../domain/uscc.ts';
import { listUnits, unitByCode, unitById } from '../store/repository.ts';
import { createUnit, updateUnit } from './units.ts';
import { activateUnit, deactivateUnit, mergeUnit, moveUnit } from './lifecycle.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
const code = (n: string, div = '211302') => makeUscc(div, `LC${n.padStart(6, '0')}`);

async function ctxFor(username: string): Promise<CommandContext> {
  const u = await d.db.selectFrom('users').select(['id', 'username', 'display_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return actorContext({ userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, grants: await loadGrants(d.db, u.id) }, '127.0.0.1');
}

async function rejects(p: Promise<unknown>, status: number, re?: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, status, JSON.stringify(e.fields ?? e.msg));
    if (re) assert.match(JSON.stringify({ m: e.msg.zh, f: e.fields }), re);
    return true;
  });
}

const audits = (action: string, subject: number) =>
  d.db.selectFrom('audit_log').select(['summary', 'actor_name']).where('action', '=', action).where('subject_id', '=', String(subject)).orderBy('id').execute();

before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
  // a second county with its own admin, to test authority at both ends
  await createUnit(d.db, sys, { code: makeUscc('211324', 'LC000900'), name: '测试自治县人民政府', short_name: '自治县政府', type: 'county_government', slug: 'county2', parent_code: CODES.city });
  await createUser(d.db, sys, { username: 'county2admin', display_name: 'c2', password: PASSWORD, unit_code: makeUscc('211324', 'LC000900'), grants: [{ role: 'unit_admin', unit_code: makeUscc('211324', 'LC000900') }] });
});
after(async () => d.cleanup());

test('create: the type must fit the parent — for a county admin and for the CLI alike', async () => {
  const admin = await ctxFor('countyadmin');
  // the audit's reproduction: a 市人民政府 under a township
  await rejects(createUnit(d.db, admin, { code: code('1'), name: '双塔区测试单位', type: 'city_government', parent_code: CODES.town, slug: 'fake-city' }), 422, /不能设在/);
  await rejects(createUnit(d.db, sys, { code: code('2'), name: '第二个市政府', type: 'city_government', parent_code: CODES.county, slug: 'fake-city2' }), 422, /不能设在/);
  await rejects(createUnit(d.db, sys, { code: code('3'), name: '无上级的部门', type: 'department', slug: 'rootless' }), 422, /最上级/);
  await rejects(createUnit(d.db, admin, { code: code('4'), name: '镇下的部门', type: 'department', parent_code: CODES.town, slug: 'dept-under-town' }), 422);
  assert.equal(await unitByCode(d.db, code('1')), undefined, 'nothing stored');
  const ok = await createUnit(d.db, admin, { code: code('5'), name: '测试县某街道办事处', type: 'township', parent_code: CODES.county, slug: 'street5' });
  assert.equal(ok.path, `${tree.county.path}${ok.id}/`);
});

test('edit: a type change must fit the parent and the children, and is decided above the unit', async () => {
  const admin = await ctxFor('countyadmin');
  // the county's own admin may edit its registry but not turn the county into something else
  await rejects(updateUnit(d.db, admin, tree.county.id, { type: 'park' }), 403);
  const edited = await updateUnit(d.db, admin, tree.county.id, { responsible_official: '县负责人' });
  assert.equal(edited.type, 'county_government');
  // the system: a park under the city is allowed, but the county has a township below it
  await rejects(updateUnit(d.db, sys, tree.county.id, { type: 'park' }), 422, /下级单位/);
  await rejects(updateUnit(d.db, sys, tree.bureau.id, { type: 'township' }), 422, /不能设在/);
  const office = await updateUnit(d.db, sys, tree.bureau.id, { type: 'office' });
  assert.equal(office.type, 'office');
  await updateUnit(d.db, sys, tree.bureau.id, { type: 'department' });
});

test('move: new parent, path and depth; authority over both the old and the new parent', async () => {
  const dept = await createUnit(d.db, sys, { code: code('10'), name: '测试县教育局', type: 'department', parent_code: CODES.county, slug: 'county-edu' });
  const county2 = (await unitByCode(d.db, makeUscc('211324', 'LC000900')))!;
  const admin = await ctxFor('countyadmin');
  const admin2 = await ctxFor('county2admin');
  // authority over one end only → 403, nothing moved
  await rejects(moveUnit(d.db, admin, dept.id, { parent_code: county2.code }), 403);
  await rejects(moveUnit(d.db, admin2, dept.id, { parent_code: county2.code }), 403);
  assert.equal((await unitById(d.db, dept.id))!.parent_id, tree.county.id);
  // both ends: the system operator (or a city-level admin)
  await moveUnit(d.db, sys, dept.id, { parent_code: county2.code });
  const moved = (await unitById(d.db, dept.id))!;
  assert.deepEqual([moved.parent_id, moved.path, moved.depth], [county2.id, `${county2.path}${dept.id}/`, 2]);
  const ev = await audits('unit.move', dept.id);
  assert.equal((ev[0].summary as { before: { parent: string } }).before.parent, CODES.county);
  assert.deepEqual((ev[0].summary as { after: { parent: string; path: string } }).after, { parent: county2.code, path: moved.path });
  // rules: not under itself or its subtree, not where its type may not sit, never the root
  await rejects(moveUnit(d.db, sys, tree.county.id, { parent_code: CODES.town }), 422, /本单位或其下级单位/);
  await rejects(moveUnit(d.db, sys, tree.town.id, { parent_code: CODES.city }), 422, /不能设在/);
  await rejects(moveUnit(d.db, sys, dept.id, { parent_code: county2.code }), 422, /已在此上级单位之下/);
  await rejects(moveUnit(d.db, sys, tree.city.id, { parent_code: CODES.county }), 409, /根单位/);
});

test('move: a county with its townships — every path and depth in the subtree follows', async () => {
  // a second city root (only the command line may create one) to move a whole county subtree to
  const city2 = await createUnit(d.db, sys, { code: makeUscc('211400', 'LC000100'), name: '测试第二市人民政府', type: 'city_government', slug: 'city2' });
  const c3 = await createUnit(d.db, sys, { code: makeUscc('211381', 'LC000300'), name: '测试市第三县', short_name: '第三县', type: 'county_government', slug: 'county3', parent_code: CODES.city });
  const t1 = await createUnit(d.db, sys, { code: makeUscc('211381', 'LC000301'), name: '第三县一镇', type: 'township', slug: 'c3-t1', parent_code: c3.code });
  const t2 = await createUnit(d.db, sys, { code: makeUscc('211381', 'LC000302'), name: '第三县二镇', type: 'township', slug: 'c3-t2', parent_code: c3.code });
  await moveUnit(d.db, sys, c3.id, { parent_code: city2.code });
  for (const [id, path] of [[c3.id, `/${city2.id}/${c3.id}/`], [t1.id, `/${city2.id}/${c3.id}/${t1.id}/`], [t2.id, `/${city2.id}/${c3.id}/${t2.id}/`]] as const) {
    const u = (await unitById(d.db, id))!;
    assert.equal(u.path, path);
    assert.equal(u.depth, path.split('/').filter(Boolean).length - 1);
  }
  assert.equal((await audits('unit.move', c3.id))[0].summary && ((await audits('unit.move', c3.id))[0].summary as { subtree: number }).subtree, 3);
  // and back, so the later tests see it under the first city
  await moveUnit(d.db, sys, c3.id, { parent_code: CODES.city });
  await moveUnit(d.db, sys, t1.id, { parent_code: CODES.county });
  // the invariant over the whole table: path = parent's path + id, depth = parent's depth + 1
  const all = await d.db.selectFrom('units').select(['id', 'parent_id', 'path', 'depth']).execute();
  const byId = new Map(all.map((u) => [u.id, u]));
  for (const u of all) {
    const p = u.parent_id === null ? null : byId.get(u.parent_id)!;
    assert.equal(u.path, `${p?.path ?? '/'}${u.id}/`, `path of ${u.id}`);
    assert.equal(u.depth, p ? p.depth + 1 : 0, `depth of ${u.id}`);
  }
});

test('merge: sub-units move to B, A becomes B’s inactive child marked merged; grants kept; authority at both ends', async () => {
  // A = county3 (two townships, one moved away above, one left) merged into the first county
  const a = (await unitByCode(d.db, makeUscc('211381', 'LC000300')))!;
  await createUser(d.db, sys, { username: 'c3editor', display_name: 'c3', password: PASSWORD, unit_code: a.code, grants: [{ role: 'editor', unit_code: a.code }] });
  const admin = await ctxFor('countyadmin');
  // the county admin has authority over B (its county) but not over A's parent (the city)
  await rejects(mergeUnit(d.db, admin, a.id, { target_code: CODES.county, reason: '机构改革方案' }), 403);
  await rejects(mergeUnit(d.db, sys, a.id, { target_code: CODES.county }), 422, /请填写依据/);
  await rejects(mergeUnit(d.db, sys, a.id, { target_code: a.code, reason: 'x' }), 422, /不能并入本单位/);
  const t2 = (await unitByCode(d.db, makeUscc('211381', 'LC000302')))!;
  await rejects(mergeUnit(d.db, sys, a.id, { target_code: t2.code, reason: 'x' }), 422, /下级单位/);
  await mergeUnit(d.db, sys, a.id, { target_code: CODES.county, reason: '测试机构改革方案', date: '2026-06-30' }, '2026-12-04');
  const after = (await unitById(d.db, a.id))!;
  assert.deepEqual([after.active, after.merged_into_id, after.parent_id, after.deactivated_on], [false, tree.county.id, tree.county.id, '2026-06-30']);
  assert.equal(after.path, `${tree.county.path}${a.id}/`);
  const kid = (await unitById(d.db, t2.id))!;
  assert.deepEqual([kid.parent_id, kid.path, kid.depth], [tree.county.id, `${tree.county.path}${t2.id}/`, 2]);
  // grants on A stay on A (they reach only A's history); nobody gained B
  const g = await d.db.selectFrom('role_assignments as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['r.unit_id']).where('u.username', '=', 'c3editor').execute();
  assert.deepEqual(g.map((x) => x.unit_id), [a.id]);
  // B's admin now reaches A's history (A sits in B's subtree)
  assert.ok(after.path.startsWith(tree.county.path));
  const ev = await audits('unit.merge', a.id);
  const s = ev[0].summary as { before: { parent: string }; after: { merged_into: string; parent: string }; children_moved: string[]; reason: string };
  assert.deepEqual([s.before.parent, s.after.parent, s.after.merged_into, s.children_moved, s.reason], [CODES.city, CODES.county, CODES.county, [t2.code], '测试机构改革方案']);
  assert.equal((await audits('unit.merge.receive', tree.county.id)).length, 1);
  assert.equal((await audits('unit.move', t2.id)).length, 1);
  // merged units cannot come back; inactive units leave the active lists
  await rejects(activateUnit(d.db, sys, a.id), 409, /已合并/);
  assert.ok(!(await listUnits(d.db, { activeOnly: true })).some((u) => u.id === a.id));
});

test('unfinished applications block deactivation and merge (finish or transfer first)', async () => {
  const handler = await ctxFor('handler');
  await registerByStaff(d.db, testConfig(), handler, tree.bureau.id, paperApplication('2026-11-02'), { today: '2026-11-03' });
  await rejects(deactivateUnit(d.db, sys, tree.bureau.id, { reason: '撤销' }, '2026-12-04'), 409, /未办结/);
  await rejects(mergeUnit(d.db, sys, tree.bureau.id, { target_code: CODES.other, reason: '合并' }, '2026-12-04'), 409, /未办结/);
  assert.equal((await unitById(d.db, tree.bureau.id))!.active, true);
});

test('deactivate: refused with active sub-units; the unit still owes the report of its last year, not the next', async () => {
  await rejects(deactivateUnit(d.db, sys, tree.county.id, { reason: '撤销' }, '2026-12-04'), 409, /下级单位/);
  await rejects(deactivateUnit(d.db, sys, tree.other.id, { reason: '撤销', date: '2027-01-01' }, '2026-12-04'), 422, /不能晚于今天/);
  const supervisor = await ctxFor('supervisor');
  await rejects(deactivateUnit(d.db, supervisor, tree.other.id, { reason: '撤销' }, '2026-12-04'), 403);
  await deactivateUnit(d.db, sys, tree.other.id, { reason: '机构改革撤销', date: '2026-03-31' }, '2026-12-04');
  const u = (await unitById(d.db, tree.other.id))!;
  assert.deepEqual([u.active, u.deactivated_on], [false, '2026-03-31']);
  const ev = await audits('unit.deactivate', tree.other.id);
  assert.deepEqual((ev[0].summary as { after: unknown }).after, { active: false, deactivated_on: '2026-03-31' });
  const root = [tree.city.path];
  const owes = async (year: number) => (await reportOverview(d.db, root, year, '2026-12-04')).rows.some((r) => r.unit.id === tree.other.id);
  assert.equal(await owes(2025), true);
  assert.equal(await owes(2026), true, 'deactivated in 2026: still owes the 2026 report');
  assert.equal(await owes(2027), false, 'from the year after it leaves the list');
  const city = (await d.db.selectFrom('units').select(['id', 'code', 'name', 'short_name', 'type', 'path', 'slug', 'parent_id']).where('id', '=', tree.city.id).executeTakeFirstOrThrow());
  assert.ok((await unitsInSubtree(d.db, city, 2026)).some((x) => x.id === tree.other.id));
  assert.ok(!(await unitsInSubtree(d.db, city, 2027)).some((x) => x.id === tree.other.id));
  // reactivation is decided above the unit too, and clears the date
  await activateUnit(d.db, sys, tree.other.id, { reason: '恢复' });
  assert.deepEqual([(await unitById(d.db, tree.other.id))!.active, (await unitById(d.db, tree.other.id))!.deactivated_on], [true, null]);
});

test('listUnits returns tree order with levels (townships under their county, not after the last city body)', async () => {
  await createUnit(d.db, sys, { code: makeUscc('211300', 'LC000800'), name: '测试景区管委会', type: 'park', slug: 'scenic', parent_code: CODES.city, sort_order: 99 });
  const rows = await listUnits(d.db, { activeOnly: true });
  const idx = (c: string) => rows.findIndex((r) => r.code === c);
  assert.ok(idx(CODES.town) > idx(CODES.county));
  assert.ok(idx(CODES.town) < idx(makeUscc('211300', 'LC000800')), 'the township comes before the scenic area');
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (r.parent_id === null) continue;
    // the parent appears before the child, and everything between them is deeper than the parent
    const p = rows.findIndex((x) => x.id === r.parent_id);
    assert.ok(p < i && rows.slice(p + 1, i).every((x) => x.level > rows[p].level), `${r.name} sits under its parent`);
    assert.equal(r.level, rows[p].level + 1);
  }
});
