/**
 * Site health over HTTP: scope (a county admin sees its county only), the staff API and its bad
 * input (400 naming the field), work-order steps with CSRF and their refusals, the settings form,
 * and the pre-publish warnings on a document's console page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { importRecords } from '../../documents/store/importer.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { runCheck } from '../run.ts';

let t: TestApp;
let draftId = 0;
const sys = systemContext('test');

before(async () => {
  t = await testApp();
  await seedTree(t.db.db);
  const rec = (unit: string, title: string, status: 'published' | 'draft' = 'published') => ({ ...validInput({ title, bodyHtml: '<p>截止目前进展顺利。<a href="/u/nowhere/latest">链接</a></p>' }), unit, status, ...(status === 'published' ? { publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z' } : {}) });
  const r = await importRecords(t.db.db, sys, [rec(CODES.bureau, '测试市司法局关于某事项的通知'), rec(CODES.town, '某镇关于某事项的通知'), rec(CODES.bureau, '测试市司法局关于签定协议的通知（草稿）', 'draft')], { dataDir: mkdtempSync(join(tmpdir(), 'gk-health-')), maxUploadMb: 5 });
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  draftId = (await t.db.db.selectFrom('documents').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
  await runCheck(t.db.db, sys, { trigger: 'cli', asOf: '2020-09-10', ownHosts: [] });
});
after(async () => t?.close());

test('the page and the API are scoped: the county admin sees the county and the town, not the bureau; anonymous → 401', async () => {
  const anon = await new Client(t.app).json('GET', `/api/v1/health?unit=${CODES.town}`);
  assert.equal(anon.statusCode, 401);
  const county = new Client(t.app);
  await county.login('countyadmin', PASSWORD);
  const page = await county.get('/admin/health');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /某镇/);
  assert.doesNotMatch(page.body, /测试市司法局关于某事项/);
  assert.equal((await county.json('GET', `/api/v1/health?unit=${CODES.bureau}`)).statusCode, 404);
  const api = await county.json('GET', `/api/v1/health?unit=${CODES.town}&kind=typo`);
  assert.equal(api.statusCode, 200);
  const body = api.json() as { sites: { code: string; verdict: string; vetoes: string[] }[]; findings: { kind: string; text: string }[] };
  assert.deepEqual(body.sites.map((s) => s.code), [CODES.town]);
  assert.ok(body.findings.length >= 1 && body.findings.every((f) => f.kind === 'typo'));
  assert.match(body.findings[0].text, /截止目前.*截至目前/);
  const bad = await county.json('GET', '/api/v1/health?kind=nonsense');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /kind/);
  // an empty site code (found by the fuzz run: a 500) is a 404 naming the unit, not a crash
  const empty = await county.get('/admin/health/sites/');
  assert.equal(empty.statusCode, 404);
  assert.match(empty.body, /单位/);
});

test('work orders: assign with CSRF, an editor may fix but not verify; verifying while still found needs a reason', async () => {
  const order = await t.db.db.selectFrom('health_orders as o').innerJoin('health_findings as f', 'f.id', 'o.finding_id').innerJoin('units as u', 'u.id', 'o.unit_id')
    .where('u.code', '=', CODES.bureau).where('f.kind', '=', 'typo').select('o.id').executeTakeFirstOrThrow();
  const admin = new Client(t.app);
  await admin.login('sysadmin', PASSWORD);
  assert.equal((await admin.post(`/admin/health/orders/${order.id}`, { step: 'fix' })).statusCode, 403, 'no CSRF token');
  const editorId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow()).id;
  const noOne = await admin.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'assign', assignee: '' });
  assert.equal(noOne.statusCode, 422);
  assert.match(noOne.body, /承办人/);
  assert.equal((await admin.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'assign', assignee: String(editorId) })).statusCode, 303);
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.equal((await editor.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'fix', note: '已改' })).statusCode, 303);
  assert.equal((await editor.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'verify' })).statusCode, 403);
  const still = await admin.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'verify' });
  assert.equal(still.statusCode, 422);
  assert.match(still.body, /仍发现该问题/);
  assert.equal((await admin.submit('/admin/health', `/admin/health/orders/${order.id}`, { step: 'verify', note: '误报：此处为引文' })).statusCode, 303);
  assert.equal((await t.db.db.selectFrom('health_orders').select('state').where('id', '=', order.id).executeTakeFirstOrThrow()).state, 'verified');
});

test('settings: a bad typo line is 422 naming the line; the editor cannot open them', async () => {
  const admin = new Client(t.app);
  await admin.login('sysadmin', PASSWORD);
  const bad = await admin.submit('/admin/health/settings', '/admin/health/settings', { typos: '签定=签订\n没有等号', sensitive: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /第 2 行/);
  assert.equal((await admin.submit('/admin/health/settings', '/admin/health/settings', { typos: '签定=签订', sensitive: '演示敏感词' })).statusCode, 303);
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.equal((await editor.get('/admin/health/settings')).statusCode, 403);
});

test('pre-publish: the draft\u2019s console page warns about its typo and broken link, without blocking', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const page = await editor.get(`/admin/documents/${draftId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /发布前检查提示/);
  assert.match(page.body, /“签定”应为“签订”/);
  assert.match(page.body, /\/u\/nowhere\/latest/);
});
