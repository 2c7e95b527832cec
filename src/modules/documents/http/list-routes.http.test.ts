/**
 * The staff document list's XLSX export (current filters, the actor's scope only) and its bulk
 * actions: each ticked document goes through its own command and checks; a mixed selection is
 * answered with what was done and what was refused, and why.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument, reviewDocument, submitDocument } from '../commands.ts';
import { publishDocument } from '../store/publication.ts';
import { getDocument, columnsOfUnit } from '../store/repository.ts';
import { validInput } from '../store/fixtures.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let editor: Client;
let reviewer: Client;
const sys = systemContext('test');
const ids: Record<string, number> = {};

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  const mk = async (key: string, unitId: number, title: string, n: number) => {
    ids[key] = (await createDocument(t.db.db, sys, unitId, validInput({ title, docNumber: `测司发〔2020〕${n}号`, writtenDate: '2026-01-05' }))).document.id;
  };
  await mk('a', tree.bureau.id, '司法局草稿甲', 1);
  await mk('b', tree.bureau.id, '司法局草稿乙', 2);
  await mk('pub', tree.bureau.id, '司法局已发布丙', 3);
  await mk('other', tree.other.id, '卫健委草稿丁', 4);
  await submitDocument(t.db.db, sys, ids.pub);
  await reviewDocument(t.db.db, sys, ids.pub, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db.db, sys, ids.pub, { acknowledgePersonalData: true, lateReason: '测试' });
  editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
});
after(async () => t?.close());

test('the XLSX export has the list’s header and rows, follows the filters, and holds no other unit’s documents', async () => {
  const list = await editor.get('/admin/documents?status=draft');
  assert.match(list.body, /href="\/admin\/documents\/export\.xlsx\?status=draft"/);
  const r = await editor.get('/admin/documents/export.xlsx');
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /spreadsheetml/);
  const rows = (await readSheet(r.rawPayload)) as unknown[][];
  assert.deepEqual(rows[0], ['标题', '索引号', '文号', '所属单位', '状态', '发布日期', '更新时间']);
  const titles = rows.slice(1).map((x) => x[0]);
  assert.deepEqual([...titles].sort(), ['司法局已发布丙', '司法局草稿乙', '司法局草稿甲'].sort());
  assert.ok(!titles.includes('卫健委草稿丁'), 'another unit’s document is not exported');
  const pubRow = rows.find((x) => x[0] === '司法局已发布丙')!;
  assert.equal(pubRow[4], '已发布');
  assert.equal(pubRow[3], '测试市司法局');
  const drafts = (await readSheet((await editor.get('/admin/documents/export.xlsx?status=published')).rawPayload)) as unknown[][];
  assert.deepEqual(drafts.slice(1).map((x) => x[0]), ['司法局已发布丙']);
  const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'document.export').execute();
  assert.equal(audit.length, 2);
  assert.equal((await new Client(t.app).get('/admin/documents/export.xlsx')).statusCode >= 300, true, 'signed-out: refused');
});

test('bulk submit: permitted drafts are submitted; a published one and an invisible one are refused, with reasons', async () => {
  const csrf = await editor.csrf('/admin/documents');
  const noCsrf = await editor.post('/admin/documents/bulk', { action: 'submit', ids: [String(ids.a)] });
  assert.equal(noCsrf.statusCode, 403, 'CSRF checked');
  assert.equal((await getDocument(t.db.db, ids.a))!.status, 'draft');
  const r = await editor.post('/admin/documents/bulk', { _csrf: csrf, action: 'submit', ids: [String(ids.a), String(ids.pub), String(ids.other), String(ids.b)] });
  assert.equal(r.statusCode, 200);
  const done = /<ul class="bulk-done">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '';
  const refused = /<ul class="bulk-refused">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '';
  assert.match(done, /司法局草稿甲/);
  assert.match(done, /司法局草稿乙/);
  assert.match(refused, /司法局已发布丙/);
  assert.match(refused, /文件不存在或您无权查看/);
  assert.ok(!r.body.includes('卫健委草稿丁'), 'the invisible document’s title is not revealed');
  assert.equal((await getDocument(t.db.db, ids.a))!.status, 'submitted');
  assert.equal((await getDocument(t.db.db, ids.b))!.status, 'submitted');
  assert.equal((await getDocument(t.db.db, ids.pub))!.status, 'published');
  assert.equal((await getDocument(t.db.db, ids.other))!.status, 'draft');
});

test('bulk withdraw: an editor may not withdraw (403, nothing changes); a reviewer withdraws the published one, the drafts are refused', async () => {
  const csrf = await editor.csrf('/admin/documents');
  const denied = await editor.post('/admin/documents/bulk', { _csrf: csrf, action: 'withdraw', reason: '内容已过时', ids: [String(ids.pub)] });
  assert.equal(denied.statusCode, 403);
  assert.match(denied.body, /您无权对该文件执行此操作/);
  assert.equal((await getDocument(t.db.db, ids.pub))!.status, 'published');
  const rcsrf = await reviewer.csrf('/admin/documents');
  const r = await reviewer.post('/admin/documents/bulk', { _csrf: rcsrf, action: 'withdraw', reason: '内容已过时', ids: [String(ids.pub), String(ids.a)] });
  assert.equal(r.statusCode, 200);
  assert.match(/<ul class="bulk-done">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '', /司法局已发布丙/);
  assert.match(/<ul class="bulk-refused">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '', /司法局草稿甲/);
  assert.equal((await getDocument(t.db.db, ids.pub))!.status, 'withdrawn');
  const bad = await reviewer.post('/admin/documents/bulk', { _csrf: rcsrf, action: 'withdraw' });
  assert.equal(bad.statusCode, 422, 'nothing ticked');
});

test('bulk move to column: the column picker appears once a unit is chosen; the document is moved through the edit command', async () => {
  const cols = await columnsOfUnit(t.db.db, tree.bureau.id, { enabledOnly: true });
  const target = cols[cols.length - 1];
  const page = await editor.get(`/admin/documents?unit=${tree.bureau.id}`);
  assert.match(page.body, /name="column"/);
  assert.match(page.body, new RegExp(`value="${target.slug}"`));
  const csrf = await editor.csrf(`/admin/documents?unit=${tree.bureau.id}`);
  await t.db.db.updateTable('documents').set({ status: 'draft' }).where('id', '=', ids.b).execute();
  const r = await editor.post('/admin/documents/bulk', { _csrf: csrf, action: 'move', column: target.slug, ids: [String(ids.b), String(ids.other)], back: `/admin/documents?unit=${tree.bureau.id}` });
  assert.equal(r.statusCode, 200);
  assert.deepEqual((await getDocument(t.db.db, ids.b))!.columns.map((c) => c.slug), [target.slug]);
  assert.match(r.body, new RegExp(`href="/admin/documents\\?unit=${tree.bureau.id}"`));
});
