import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument } from '../commands.ts';
import { validInput } from '../store/fixtures.test-helper.ts';
import { beijingInstant, inputFromForm } from './admin-routes.tsx';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
// a 1×1 PNG: the attachment type is read from the bytes (domain/filetype.ts)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

const form = (extra: Record<string, string | string[]> = {}) => ({
  title: '测试市司法局关于加强行政复议工作的意见',
  summary: '对全市行政复议工作提出意见。',
  docNumber: '测司发〔2024〕7号',
  docType: 'opinion',
  legalForm: 'normative',
  validity: 'effective',
  writtenDate: '2024-10-08',
  topic: '1603',
  keywords: '行政复议，意见',
  source: '测试市司法局',
  disclosure: 'proactive',
  columns: ['regulations-and-normative-documents'],
  bodyHtml: '<p>各区县司法局：</p><p onclick="x()">现提出如下意见。</p><script>alert(1)</script>',
  ...extra,
});

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, id: number, csrf: string, file?: { name: string; data: Buffer; type: string }) {
  const m = multipart({ _csrf: csrf }, file);
  return t.app.inject({ method: 'POST', url: `/admin/documents/${id}/attachments`, payload: m.body, headers: { 'content-type': m.type, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

test('form helpers: Beijing time for scheduling, issuers in order with the lead first', () => {
  assert.equal(beijingInstant('2030-01-02T08:30'), '2030-01-02T00:30:00.000Z');
  assert.equal(beijingInstant(''), null);
  assert.throws(() => beijingInstant('2030/01/02 08:30'), /publication time/);
  const req = { body: { title: 'x', issuerLead: '', issuerJoint: ['B', 'A'], issuerOther: '某领导小组、另一机构', columns: 'c1' } } as never;
  const input = inputFromForm(req, 'OWNER');
  assert.deepEqual(input.issuingUnits, ['OWNER', 'B', 'A', '某领导小组', '另一机构']);
  assert.deepEqual(input.columns, ['c1']);
  assert.equal(input.docNumber, null);
});

test('editor → reviewer → portal: create, refuse bad input, submit, review with both checks, publish', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const bad = await editor.submit('/admin/documents/new', '/admin/documents', form({ unit: String(tree.bureau.id), title: '', writtenDate: '2024-13-40' }));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /error-summary/);
  assert.match(bad.body, /href="#f-title"/);
  assert.match(bad.body, /href="#f-writtenDate"/);
  assert.match(bad.body, /测司发〔2024〕7号/, 'the form keeps what was typed');

  const created = await editor.submit('/admin/documents/new', '/admin/documents', form({ unit: String(tree.bureau.id) }));
  assert.equal(created.statusCode, 303);
  const page = created.headers.location as string;
  const id = Number(page.split('/').pop());
  const view = await editor.get(page);
  assert.equal(view.statusCode, 200);
  assert.match(view.body, /提交审核/);
  assert.doesNotMatch(view.body, /审核通过/, 'an editor cannot approve');
  assert.doesNotMatch(view.body, /alert\(1\)|onclick/, 'the body was sanitised');
  assert.match(view.body, /公开时效/);

  assert.equal((await editor.submit(page, `/admin/documents/${id}/submit`, {})).statusCode, 303);
  const reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  const r1 = await reviewer.submit(page, `/admin/documents/${id}/review`, { confidentialityChecked: '1' });
  assert.equal(r1.statusCode, 422, 'both checks are required');
  assert.match(r1.body, /保密审查和个人信息检查/);
  assert.equal((await reviewer.submit(page, `/admin/documents/${id}/review`, { confidentialityChecked: '1', personalInfoChecked: '1' })).statusCode, 303);
  const reviewed = await reviewer.get(page);
  assert.match(reviewed.body, /定时发布时间/);
  assert.doesNotMatch(reviewed.body, />撤回</);
  const late = await reviewer.submit(page, `/admin/documents/${id}/publish`, { publishAt: '' });
  assert.equal(late.statusCode, 422, 'written in 2024: publishing now is late and needs a reason (条例 第二十六条)');
  assert.match(late.body, /超期发布原因/);
  assert.equal((await reviewer.submit(page, `/admin/documents/${id}/publish`, { publishAt: '', lateReason: '补录历史文件' })).statusCode, 303);
  const pub = await t.app.inject({ url: `/u/bureau/doc/${id}` });
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /测试市司法局关于加强行政复议工作的意见/);

  // an edit of the published document keeps a version whose diff is visible
  const published = await reviewer.get(page);
  assert.match(published.body, /修改已发布信息/);
  const edited = await reviewer.submit(page, page, form({ title: '测试市司法局关于进一步加强行政复议工作的意见', changeNote: '标题调整' }));
  assert.equal(edited.statusCode, 303);
  const versions = await reviewer.get(`${page}/versions`);
  assert.equal(versions.statusCode, 200);
  assert.match(versions.body, /标题调整/);
  assert.match(versions.body, /<ins>进一步<\/ins>/);
  assert.match((await t.app.inject({ url: `/u/bureau/doc/${id}` })).body, /进一步加强/);

  // withdrawal needs a reason and takes the page down at once
  const noReason = await reviewer.submit(page, `/admin/documents/${id}/withdraw`, { reason: '' });
  assert.equal(noReason.statusCode, 422);
  assert.equal((await reviewer.submit(page, `/admin/documents/${id}/withdraw`, { reason: '发现内容需要更正' })).statusCode, 303);
  assert.equal((await t.app.inject({ url: `/u/bureau/doc/${id}` })).statusCode, 410);
  assert.match((await reviewer.get(page)).body, /发现内容需要更正/);
});

test('the list is scoped in SQL to the user’s units and filters by status and column', async () => {
  const sys = systemContext('test');
  await createDocument(t.db.db, sys, tree.other.id, validInput({ title: '卫健委的草稿文件' }));
  await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '司法局的草稿文件', columns: ['statistics'] }));
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const list = await editor.get('/admin/documents');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /司法局的草稿文件/);
  assert.doesNotMatch(list.body, /卫健委的草稿文件/);
  const drafts = await editor.get('/admin/documents?status=withdrawn');
  assert.doesNotMatch(drafts.body, /司法局的草稿文件/);
  const col = (await t.db.db.selectFrom('doc_columns').select('id').where('unit_id', '=', tree.bureau.id).where('slug', '=', 'statistics').executeTakeFirstOrThrow()).id;
  const byCol = await editor.get(`/admin/documents?unit=${tree.bureau.id}&column=${col}`);
  assert.match(byCol.body, /司法局的草稿文件/);
  assert.doesNotMatch(byCol.body, /加强行政复议/);
  // another unit's document is not found, not forbidden
  const other = await t.db.db.selectFrom('documents').select('id').where('unit_id', '=', tree.other.id).executeTakeFirstOrThrow();
  assert.equal((await editor.get(`/admin/documents/${other.id}`)).statusCode, 404);
  const sup = new Client(t.app);
  await sup.login('supervisor', PASSWORD);
  const all = await sup.get('/admin/documents');
  assert.match(all.body, /卫健委的草稿文件/);
  assert.doesNotMatch(all.body, /新建文件/, 'supervisors only read');
});

test('attachments: multipart upload with the CSRF token as a field; type checked by content; wrong token refused', async () => {
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  const d = await createDocument(t.db.db, systemContext('test'), tree.bureau.id, validInput({ title: '附件测试文件' }));
  const page = `/admin/documents/${d.document.id}`;
  const csrf = await editor.csrf(page);
  const ok = await upload(editor, d.document.id, csrf, { name: '图解.png', data: PNG, type: 'image/png' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  const view = await editor.get(page);
  assert.match(view.body, /图解\.png/);
  const fake = await upload(editor, d.document.id, csrf, { name: 'fake.pdf', data: Buffer.from('MZ this is not a pdf'), type: 'application/pdf' });
  assert.equal(fake.statusCode, 422);
  assert.match(fake.body, /f-file-err/);
  assert.equal((await upload(editor, d.document.id, 'not-the-token', { name: 'x.png', data: PNG, type: 'image/png' })).statusCode, 403);
  assert.equal((await upload(editor, d.document.id, csrf)).statusCode, 422, 'no file chosen');
  const rows = await t.db.db.selectFrom('document_attachments').select('id').where('document_id', '=', d.document.id).execute();
  assert.equal(rows.length, 1);
  const del = await editor.submit(page, `${page}/attachments/${rows[0].id}/delete`, {});
  assert.equal(del.statusCode, 303);
  assert.doesNotMatch((await editor.get(page)).body, /图解\.png/);
});

test('personal data: publishing needs the explicit acknowledgement the page asks for', async () => {
  const sys = systemContext('test');
  const d = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '含有联系电话的通知', bodyHtml: '<p>联系人手机：13912345678</p>' }));
  const reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  const page = `/admin/documents/${d.document.id}`;
  await reviewer.submit(page, `${page}/submit`, {}); // reviewers cannot submit: stays a draft
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  assert.equal((await editor.submit(page, `${page}/submit`, {})).statusCode, 303);
  await reviewer.submit(page, `${page}/review`, { confidentialityChecked: '1', personalInfoChecked: '1' });
  const view = await reviewer.get(page);
  assert.match(view.body, /139\*\*\*\*5678/);
  const refused = await reviewer.submit(page, `${page}/publish`, { lateReason: '补录历史文件' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /我已核查/);
  assert.equal((await t.app.inject({ url: `/u/bureau/doc/${d.document.id}` })).statusCode, 404);
  assert.equal((await reviewer.submit(page, `${page}/publish`, { acknowledgePersonalData: '1', lateReason: '补录历史文件' })).statusCode, 303);
  assert.equal((await t.app.inject({ url: `/u/bureau/doc/${d.document.id}` })).statusCode, 200);
});

test('scheduling, the dashboard widget, policies without interpretation and the timeliness page', async () => {
  const sys = systemContext('test');
  const late = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '迟迟未发布的规范性文件', legalForm: 'normative', validity: 'effective', writtenDate: '2020-01-06' }));
  const editor = new Client(t.app);
  await editor.login('editor', PASSWORD);
  await editor.submit(`/admin/documents/${late.document.id}`, `/admin/documents/${late.document.id}/submit`, {});
  const reviewer = new Client(t.app);
  await reviewer.login('reviewer', PASSWORD);
  const dash = await reviewer.get('/admin');
  assert.match(dash.body, /待审核的文件/);
  assert.match(dash.body, /超期未公开的文件/);
  const tl = await reviewer.get('/admin/documents/timeliness');
  assert.match(tl.body, /迟迟未发布的规范性文件/);
  assert.match(tl.body, /超过20个工作日/);
  const page = `/admin/documents/${late.document.id}`;
  await reviewer.submit(page, `${page}/review`, { confidentialityChecked: '1', personalInfoChecked: '1' });
  const sched = await reviewer.submit(page, `${page}/publish`, { publishAt: '2099-01-01T09:00', lateReason: '等待配套文件' });
  assert.equal(sched.statusCode, 303);
  const v = await reviewer.get(page);
  assert.match(v.body, /定时发布于/);
  assert.match(v.body, /取消定时/);
  assert.equal((await reviewer.submit(page, `${page}/unschedule`, {})).statusCode, 303);
  assert.equal((await reviewer.submit(page, `${page}/publish`, { lateReason: '等待配套文件' })).statusCode, 303);
  const un = await reviewer.get('/admin/documents/uninterpreted');
  assert.match(un.body, /迟迟未发布的规范性文件/);
  const np = await editor.get(`/admin/documents/new?interprets=${late.document.id}`);
  assert.match(np.body, /《迟迟未发布的规范性文件》政策解读/);
  assert.equal((await reviewer.submit(page, `${page}/nonsense`, {})).statusCode, 404);
  assert.equal((await reviewer.submit(page, `${page}/submit`, {})).statusCode, 403, 'reviewers do not submit');
  const again = await editor.submit(page, `${page}/submit`, {});
  assert.equal(again.statusCode, 409, 'a published document cannot be submitted');
  assert.match(again.body, /不能执行/);
});
