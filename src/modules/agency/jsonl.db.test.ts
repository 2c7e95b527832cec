/** Agency information as JSON Lines: export → import into a fresh database gives the same draft (photos too); a bad line refuses the file. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { CODES, seedTree } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { placeholderPhoto } from './demo/agency.ts';
import { saveDepartment, saveFunctions, saveLeader } from './commands.ts';
import { exportAgencyLines, importAgencyLines } from './jsonl.ts';
import { draftOf, latestVersion } from './store/queries.ts';

let a: TestDb;
let b: TestDb;
let treeA: Awaited<ReturnType<typeof seedTree>>;
let treeB: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');

before(async () => {
  [a, b] = await Promise.all([testDatabase(), testDatabase()]);
  treeA = await seedTree(a.db);
  treeB = await seedTree(b.db);
});
after(async () => Promise.all([a.cleanup(), b.cleanup()]));

test('export → import --publish into a fresh database gives the same draft and publishes it', async () => {
  await saveFunctions(a.db, ctx, treeA.bureau.id, { functions: '<p>负责全市法治建设。</p>' });
  await saveDepartment(a.db, ctx, treeA.bureau.id, null, { name: '办公室', functions: '综合协调', phone: '0421-5550002', sort_order: '1' });
  await saveDepartment(a.db, ctx, treeA.bureau.id, null, { name: '法治督察科', functions: '督察', phone: '', sort_order: '2' });
  await saveLeader(a.db, ctx, treeA.bureau.id, null, { name: '甲某', title: '局长', duties: '全面工作', cv: '简历', sort_order: '1' }, { data: placeholderPhoto(1) });
  await saveLeader(a.db, ctx, treeA.bureau.id, null, { name: '乙某', title: '副局长', duties: '分管', cv: '', sort_order: '2' });
  await saveFunctions(a.db, ctx, treeA.county.id, { functions: '<p>县政府职能。</p>' });
  const lines = await exportAgencyLines(a.db);
  assert.equal(lines.length, 6);
  assert.match(JSON.parse(lines[3]).photo, /^data:image\/png;base64,/);
  const r = await importAgencyLines(b.db, ctx, lines.join('\n'), { publish: true });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(await exportAgencyLines(b.db), lines);
  assert.equal((await latestVersion(b.db, treeB.bureau.id))?.version, 1);
  // again: the same draft, no new version, no new photo row
  const photos = (await b.db.selectFrom('agency_photos').select('id').execute()).length;
  const again = await importAgencyLines(b.db, ctx, lines.join('\n'), { publish: true });
  assert.deepEqual(again.units.map((u) => u.version), [1, 1]);
  assert.equal((await b.db.selectFrom('agency_photos').select('id').execute()).length, photos);
  // a file with one department fewer removes it from the draft (deleteDepartment, audited)
  await importAgencyLines(b.db, ctx, lines.filter((l) => !l.includes('法治督察科')).join('\n'));
  assert.deepEqual((await draftOf(b.db, treeB.bureau.id)).departments.map((d) => d.name), ['办公室']);
  const actions = (await b.db.selectFrom('audit_log').select('action').where('action', 'like', 'agency.%').execute()).map((x) => x.action);
  for (const x of ['agency.functions.update', 'agency.department.save', 'agency.leader.save', 'agency.publish', 'agency.department.delete']) assert.ok(actions.includes(x), x);
  assert.ok((await exportAgencyLines(a.db, { unitCode: CODES.county })).every((l) => JSON.parse(l).unit === CODES.county));
});

test('a bad line names its line and field in both languages and nothing is stored', async () => {
  const before = await draftOf(b.db, treeB.town.id);
  const bad = [
    JSON.stringify({ type: 'functions', unit: CODES.town, functions: '<p>镇职能</p>' }),
    JSON.stringify({ type: 'department', unit: CODES.town, name: '', phone: '电话' }),
    JSON.stringify({ type: 'leader', unit: CODES.town, name: '丙某', title: '镇长', photo: 'data:image/gif;base64,R0lGOD' }),
    JSON.stringify({ type: 'leader', unit: CODES.town, name: '丁某', title: '副镇长', sort_order: 'first' }),
    JSON.stringify({ type: 'chief', unit: CODES.town }),
    JSON.stringify({ type: 'leader', unit: CODES.town, name: '丙某', title: '镇长' }),
  ].join('\n');
  const r = await importAgencyLines(b.db, ctx, bad);
  const seen = r.errors.map((e) => `${e.line}:${e.field}`);
  for (const s of ['2:name', '2:phone', '3:photo', '4:sort_order', '5:type', '6:name']) assert.ok(seen.includes(s), `${s} in ${seen.join(' ')}`);
  assert.ok(r.errors.every((e) => e.message.zh && e.message.en));
  assert.deepEqual(await draftOf(b.db, treeB.town.id), before);
  // --publish without the functions is refused before anything is written
  const r2 = await importAgencyLines(b.db, ctx, JSON.stringify({ type: 'department', unit: CODES.town, name: '党政办' }), { publish: true });
  assert.deepEqual(r2.errors.map((e) => `${e.line}:${e.field}`), ['1:functions']);
  assert.deepEqual(await draftOf(b.db, treeB.town.id), before);
});
