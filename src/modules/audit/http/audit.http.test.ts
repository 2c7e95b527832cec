/**
 * The audit pages an auditor uses: sentences in both languages, filters (unit subtree, user, kind,
 * dates, sign-ins hidden), bad filters as 400 with the message, scope (supervisors and
 * administrators see their subtree; editors nothing), keyset paging, CSV of the filtered view
 * (BOM, formula cells neutralised, the export itself audited), per-object history with its links,
 * uploads and refused uploads as their own actions, and the public checkpoint page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { auditKeyring, recordAudit, writeCheckpoint, CHECKPOINT_FILE } from '../../../core/audit/index.ts';
import { createDocument } from '../../documents/commands.ts';
import { addAttachment } from '../../documents/store/attachments.ts';
import { ctxFor, validInput } from '../../documents/store/fixtures.test-helper.ts';
import { join } from 'node:path';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let docId: number;
let townDoc: number;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  const editor = await ctxFor(t.db.db, 'editor');
  const d = await createDocument(t.db.db, editor, tree.bureau.id, validInput({ title: '=HYPERLINK("http://x")关于法治宣传的通知' }));
  docId = d.document.id;
  const store = { dataDir: t.cfg.dataDir, maxUploadMb: 1 };
  await addAttachment(t.db.db, editor, store, docId, { filename: '图解.png', data: PNG });
  await assert.rejects(addAttachment(t.db.db, editor, store, docId, { filename: '宏病毒.exe', data: Buffer.from('MZ not allowed') }));
  townDoc = (await createDocument(t.db.db, systemContext('test'), tree.town.id, validInput({ title: '某镇的通知' }))).document.id;
});
after(() => t.close());

/** The entries' sentences as text (the filter's option labels also contain sentence fragments). */
const said = (html: string) => [...html.matchAll(/<p class="audit-what">(.*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, '')).join('\n');

async function as(user: string, lang?: 'en') {
  const c = new Client(t.app);
  if (lang) c.cookies.set('lang', 'en');
  await c.login(user, PASSWORD);
  return c;
}

test('uploads and refused uploads are their own actions, with the file name and the reason', async () => {
  const rows = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).where('subject_type', '=', 'document').where('subject_id', '=', String(docId)).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => r.action), ['document.create', 'document.attachment.add', 'document.attachment.refused']);
  assert.equal((rows[1].summary as { filename: string }).filename, '图解.png');
  assert.deepEqual([(rows[2].summary as { filename: string }).filename, (rows[2].summary as { reason: string }).reason], ['宏病毒.exe', 'extension_not_allowed']);
});

test('the list reads as sentences in Chinese and English', async () => {
  const sys = await as('sysadmin');
  const r = await sys.get('/admin/audit');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /司法局 editor 为<a href="\/admin\/documents\/\d+">《=HYPERLINK\(&quot;http:\/\/x&quot;\)关于法治宣传的通知》<\/a>上传了附件“图解.png”/);
  assert.match(r.body, /上传附件“宏病毒.exe”被拒绝：不允许的文件类型/);
  assert.match(r.body, /测试市政府 sysadmin 登录了系统/);
  assert.doesNotMatch(said(r.body), /document\.create/, 'codes are details, not the text');
  const en = await as('sysadmin', 'en');
  const e = await en.get('/admin/audit');
  assert.match(e.body, /editor \(司法局\) created the document <a href="\/admin\/documents\/\d+">“=HYPERLINK/);
  assert.match(e.body, /sysadmin \(测试市政府\) signed in/);
});

test('filters: kind, sign-ins hidden, user, unit alone or with its subtree, dates; bad values are a 400 with the message', async () => {
  const sys = await as('sysadmin');
  const signins = await sys.get('/admin/audit?action=kind%3Asignin');
  assert.match(said(signins.body), /登录了系统/);
  assert.doesNotMatch(said(signins.body), /上传了附件/);
  const hidden = await sys.get('/admin/audit?nologin=1');
  assert.doesNotMatch(said(hidden.body), /登录了系统/);
  assert.match(said(hidden.body), /上传了附件/);
  const byUser = await sys.get(`/admin/audit?user=${tree.users.editor}`);
  assert.match(said(byUser.body), /上传了附件/);
  assert.doesNotMatch(said(byUser.body), /sysadmin 登录了系统/);
  const county = await sys.get(`/admin/audit?unit=${tree.county.id}`);
  assert.match(said(county.body), /《某镇的通知》/);
  const countyOnly = await sys.get(`/admin/audit?unit=${tree.county.id}&sub=0`);
  assert.doesNotMatch(said(countyOnly.body), /《某镇的通知》/);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  assert.match(said((await sys.get(`/admin/audit?from=${today}&to=${today}`)).body), /上传了附件/);
  assert.match((await sys.get('/admin/audit?from=2001-01-01&to=2001-12-31')).body, /没有符合条件的记录/);
  const bad = await sys.get('/admin/audit?from=2024-02-30&to=yesterday&action=DROP%20TABLE');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /日期应为“年-月-日”/);
  assert.match(bad.body, /操作代码格式不正确/);
  const reversed = await sys.get('/admin/audit?from=2024-03-02&to=2024-03-01');
  assert.equal(reversed.statusCode, 400);
  assert.match(reversed.body, /结束日期不能早于开始日期/);
});

test('who sees what: the audit scope is the unit subtree; editors have no audit log', async () => {
  const county = await as('countyadmin');
  const r = await county.get('/admin/audit');
  assert.equal(r.statusCode, 200);
  assert.match(said(r.body), /《某镇的通知》/);
  assert.doesNotMatch(said(r.body), /图解\.png/, 'the bureau is outside the county');
  assert.doesNotMatch(said(r.body), /sysadmin 登录了系统/, 'events of units outside the scope');
  const outside = await county.get(`/admin/audit?unit=${tree.bureau.id}`);
  assert.equal(outside.statusCode, 400, 'a unit outside the scope is refused, not silently empty');
  const sup = await as('supervisor');
  assert.match(said((await sup.get('/admin/audit')).body), /图解\.png/);
  const editor = await as('editor');
  assert.equal((await editor.get('/admin/audit')).statusCode, 403);
  assert.equal((await editor.get(`/admin/audit/history/document/${docId}`)).statusCode, 403);
});

test('keyset paging: older and newer pages, no entry twice', async () => {
  await inTransaction(t.db.db, async (tx) => {
    for (let i = 0; i < 60; i++) await recordAudit(tx, { id: null, name: 'system' }, { action: 'settings.update', unitId: null, subjectType: 'setting', subjectId: `k${i}` });
  });
  const sys = await as('sysadmin');
  const first = await sys.get('/admin/audit?action=settings.update');
  const ids = (html: string) => [...html.matchAll(/（第 (\d+) 条）/g)].map((m) => Number(m[1]));
  const a = ids(first.body);
  assert.equal(a.length, 50);
  const older = /href="([^"]*before=\d+[^"]*)" rel="next"/.exec(first.body)![1].replace(/&amp;/g, '&');
  const second = await sys.get(older);
  const b = ids(second.body);
  assert.equal(b.length, 10);
  assert.ok(Math.max(...b) < Math.min(...a));
  const newer = /href="([^"]*after=\d+[^"]*)" rel="prev"/.exec(second.body)![1].replace(/&amp;/g, '&');
  assert.deepEqual(ids((await sys.get(newer)).body), a);
});

test('CSV export of the filtered view: UTF-8 with BOM, one line per entry, formula cells neutralised, the export audited', async () => {
  const sys = await as('sysadmin');
  const r = await sys.get(`/admin/audit/export.csv?unit=${tree.bureau.id}&nologin=1`);
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /text\/csv; charset=utf-8/);
  assert.match(String(r.headers['content-disposition']), /attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
  assert.equal(r.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
  const lines = r.body.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], '时间,操作人,操作,单位,操作代码,对象类型,对象编号,对象名称,变更摘要,IP 地址（登录）,记录编号');
  assert.ok(lines.some((l) => l.includes('document.attachment.add') && l.includes(`"'=HYPERLINK(""http://x"")关于法治宣传的通知"`)), lines.join('\n'));
  assert.ok(!lines.some((l) => l.includes('user.login,')), 'the filter applies');
  const exp = await t.db.db.selectFrom('audit_log').select(['action', 'summary']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(exp.action, 'audit.export');
  assert.deepEqual((exp.summary as { filter: { unitId: number } }).filter.unitId, tree.bureau.id);
});

test('per-object history: linked from the document, only its entries, 404 outside the scope', async () => {
  const sys = await as('sysadmin');
  const page = await sys.get(`/admin/documents/${docId}`);
  assert.match(page.body, new RegExp(`href="/admin/audit/history/document/${docId}">操作记录`));
  const h = await sys.get(`/admin/audit/history/document/${docId}`);
  assert.equal(h.statusCode, 200);
  assert.match(h.body, /<h1>文件《=HYPERLINK\(&quot;http:\/\/x&quot;\)关于法治宣传的通知》的操作记录<\/h1>/);
  assert.match(said(h.body), /新建了文件/);
  assert.match(said(h.body), /被拒绝/);
  assert.doesNotMatch(said(h.body), /《某镇的通知》/);
  assert.doesNotMatch(said(h.body), /登录了系统/);
  const csv = await sys.get(`/admin/audit/history/document/${docId}/export.csv`);
  assert.equal(csv.statusCode, 200);
  // header, create, upload, refused upload, and this export itself (recorded before the rows are read)
  assert.equal(csv.body.trim().split('\r\n').length, 1 + 4);
  const user = await sys.get(`/admin/users/${tree.users.editor}`);
  assert.match(user.body, new RegExp(`href="/admin/audit/history/user/${tree.users.editor}">操作记录`));
  const uh = await sys.get(`/admin/audit/history/user/${tree.users.editor}`);
  assert.match(said(uh.body), /新建了用户/);
  assert.match(uh.body, new RegExp(`href="/admin/audit\\?user=${tree.users.editor}"`));
  const county = await as('countyadmin');
  assert.equal((await county.get(`/admin/audit/history/document/${docId}`)).statusCode, 404);
  assert.equal((await county.get(`/admin/audit/history/document/${townDoc}`)).statusCode, 200);
  assert.equal((await sys.get('/admin/audit/history/secret/1')).statusCode, 404);
  assert.equal((await sys.get('/admin/audit/history/document/999999')).statusCode, 404);
});

test('the public checkpoint page: public key, recent checkpoints, the file and the key to download', async () => {
  const anon = new Client(t.app);
  const empty = await anon.get('/transparency/audit');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /尚无校验点/);
  const cp = await writeCheckpoint(t.db.db, auditKeyring(), join(t.cfg.auditAnchorDir, CHECKPOINT_FILE));
  assert.ok(cp);
  const r = await anon.get('/transparency/audit');
  assert.match(r.body, /-----BEGIN PUBLIC KEY-----/);
  assert.ok(r.body.includes(cp.headHash));
  assert.ok(r.body.includes(auditKeyring().signer.keyId));
  assert.match(r.body, /href="\/transparency\/audit"/, 'linked from the footer');
  const pem = await anon.get('/transparency/audit/public-key.pem');
  assert.equal(pem.body, auditKeyring().signer.publicPem);
  const file = await anon.get('/transparency/audit/checkpoints.jsonl');
  assert.deepEqual(JSON.parse(file.body.trim()), cp);
});
