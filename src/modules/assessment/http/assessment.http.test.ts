/**
 * Through the app: training records (record, attendees, scope, bad input named, CSV) and the
 * assessment (ranking, drill-down, charts as accessible SVG, CSV/XLSX, the API with session/token
 * and scope, the weights page: validation and who may change them).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { addAttendees, createTraining } from '../../training/commands.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let trainingId: number;
const sys = systemContext('test');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  trainingId = await createTraining(t.db.db, sys, tree.city.id, { held_on: '2020-04-16', topic: '条例专题培训', organiser: '市政府办公室', hours: '3', note: '' }, '2020-12-31');
  await addAttendees(t.db.db, sys, trainingId, tree.bureau.id, '甲演示\n乙演示');
  await addAttendees(t.db.db, sys, trainingId, tree.town.id, '丙演示');
});
after(async () => {
  await t.close();
});

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}

test('training: the supervisor records a training; bad input is named; the county admin sees only its county', async () => {
  const sup = await signedIn('supervisor');
  const list = await sup.get('/admin/training?year=2020');
  assert.equal(list.statusCode, 200, list.body.slice(0, 300));
  assert.match(list.body, /条例专题培训/);
  const bad = await sup.submit('/admin/training', '/admin/training', { unit: String(tree.city.id), held_on: '2020-02-30', topic: '', organiser: 'x', hours: '0' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /培训日期/);
  assert.match(bad.body, /学时须为/);
  const ok = await sup.submit('/admin/training', '/admin/training', { unit: String(tree.city.id), held_on: '2020-05-20', topic: '<b>解读</b>培训', organiser: '公开科', hours: '1.5' });
  assert.equal(ok.statusCode, 303);
  const page = await sup.get(ok.headers.location as string);
  assert.match(page.body, /&lt;b>解读&lt;\/b>培训/);
  const county = await signedIn('countyadmin');
  assert.doesNotMatch((await county.get('/admin/training?year=2020')).body, /条例专题培训/);
  assert.equal((await county.get(`/admin/training/${trainingId}`)).statusCode, 404);
  const csv = await sup.get('/admin/training/export.csv?year=2020');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /条例专题培训.*测试市司法局,甲演示/);
  assert.equal((await sup.get('/admin/training?year=20x0')).statusCode, 400);
});

test('assessment: ranking with accessible SVG charts, drill-down, exports; a county admin sees its county only', async () => {
  const sup = await signedIn('supervisor');
  const res = await sup.get('/admin/assessment?year=2020');
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  assert.match(res.body, /<svg class="chart" role="img" aria-labelledby="c-trend-t c-trend-d"/);
  assert.match(res.body, /<title id="c-units-t">/);
  assert.match(res.body, /测试县人民政府/);
  const unit = await sup.get(`/admin/assessment/units/${tree.bureau.id}?year=2020`);
  assert.equal(unit.statusCode, 200);
  assert.match(unit.body, /培训学时/);
  const csv = await sup.get('/admin/assessment/export.csv?year=2020');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /测试市司法局/);
  const xlsx = await sup.get('/admin/assessment/export.xlsx?year=2020');
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.readUInt32LE(0), 0x04034b50);
  const county = await signedIn('countyadmin');
  const cres = await county.get('/admin/assessment?year=2020');
  assert.equal(cres.statusCode, 200);
  assert.doesNotMatch(cres.body, /测试市司法局/);
  assert.equal((await county.get(`/admin/assessment/units/${tree.bureau.id}?year=2020`)).statusCode, 404);
  const editor = await signedIn('editor');
  assert.equal((await editor.get('/admin/assessment?year=2020')).statusCode, 403);
});

test('API: anonymous 401, session with scope, figures equal the page; training hours counted', async () => {
  const anon = await t.app.inject({ method: 'GET', url: '/api/v1/assessment?year=2020' });
  assert.equal(anon.statusCode, 401);
  const bad = await t.app.inject({ method: 'GET', url: '/api/v1/assessment?year=2020', headers: { authorization: 'Bearer gk_nope' } });
  assert.equal(bad.statusCode, 401);
  const sup = await signedIn('supervisor');
  const res = await sup.json('GET', '/api/v1/assessment?year=2020');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { units: { id: number; indicators: Record<string, { num: number; den: number }> }[]; counties: { id: number; indicators: Record<string, { num: number }> }[] };
  const bureau = body.units.find((u) => u.id === tree.bureau.id)!;
  assert.equal(bureau.indicators.training.num, 6); // two attendees × 3 hours
  assert.equal(body.counties.find((u) => u.id === tree.county.id)!.indicators.training.num, 3); // the town's attendee counts for its county
  const county = await signedIn('countyadmin');
  const cj = (await county.json('GET', '/api/v1/assessment?year=2020')).json() as { units: { id: number }[] };
  assert.deepEqual(cj.units.map((u) => u.id).sort(), [tree.county.id, tree.town.id].sort());
  assert.equal((await sup.json('GET', '/api/v1/assessment?year=abcd')).statusCode, 400);
});

test('weights: validated (sum 100, field named), saved by the city supervisor, refused to a county admin', async () => {
  const sup = await signedIn('supervisor');
  const form = { docs_on_time: '15', interpretation: '10', requests_on_time: '15', appeals: '10', freshness: '10', messages_on_time: '10', messages_answered: '5', consultation_feedback: '5', report_on_time: '10', training: '10', trainingTarget: '8' };
  const bad = await sup.submit('/admin/assessment/weights?year=2020', '/admin/assessment/weights?year=2020', { ...form, training: '11' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /合计|之和须为 100/);
  const ok = await sup.submit('/admin/assessment/weights?year=2020', '/admin/assessment/weights?year=2020', { ...form, training: '20', docs_on_time: '5' });
  assert.equal(ok.statusCode, 303);
  const api = (await sup.json('GET', '/api/v1/assessment?year=2020')).json() as { weights: Record<string, number>; training_target: number };
  assert.equal(api.weights.training, 20);
  assert.equal(api.training_target, 8);
  const county = await signedIn('countyadmin');
  assert.equal((await county.get('/admin/assessment/weights?year=2020')).statusCode, 403);
});
