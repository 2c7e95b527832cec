/**
 * The review pages over HTTP (#14.6, #14.7 and the smaller defects of the staff audit §1): the
 * reviewer reads the whole document before the review ticks; staff preview and attachment
 * downloads of unpublished documents (scoped, never cached); the PII warning of the text being
 * saved; redaction through the page; recall; 解读 title; timeliness wording and lists.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument } from '../commands.ts';
import { addAttachment } from '../store/attachments.ts';
import { getVersionSnapshot } from '../store/repository.ts';
import { validInput } from '../store/fixtures.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
const ID = '110101199003071234';

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  await createUser(t.db.db, sys, { username: 'otherreviewer', display_name: '卫健委审核', password: PASSWORD, unit_code: tree.other.code, grants: [{ role: 'reviewer', unit_code: tree.other.code }] });
});
after(async () => t?.close());

async function as(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}

/** A submitted document of the bureau with a DOCX attachment and personal numbers in body and file. */
async function submitted(title: string) {
  const editor = await as('editor');
  const created = await editor.submit('/admin/documents/new', '/admin/documents', {
    unit: String(tree.bureau.id), title, summary: '本通知的内容概述。', docNumber: '测司发〔2024〕9号', docType: 'notice', legalForm: 'none', writtenDate: '2024-10-08', topic: '1603',
    keywords: '法治', source: '测试市司法局', disclosure: 'proactive', bodyHtml: `<p>正文第一段：联系人身份证号${ID}。</p><p>正文第二段。</p>`,
  });
  assert.equal(created.statusCode, 303);
  const id = Number((created.headers.location as string).split('/').pop());
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('附件：联系电话13912345678')] }] }));
  await addAttachment(t.db.db, sys, { dataDir: t.cfg.dataDir, maxUploadMb: 5 }, id, { filename: '报名表.docx', data: docx });
  assert.equal((await editor.submit(`/admin/documents/${id}`, `/admin/documents/${id}/submit`, {})).statusCode, 303);
  return { id, editor };
}

test('the reviewer sees the whole document, its attachments and the PII findings before the review ticks', async () => {
  const { id } = await submitted('测试市司法局关于审核页面的通知');
  const reviewer = await as('reviewer');
  const page = await reviewer.get(`/admin/documents/${id}`);
  assert.equal(page.statusCode, 200);
  const b = page.body;
  assert.doesNotMatch(b, /当前状态下您不能修改本文件/);
  assert.match(b, /正文第一段/, 'the body');
  assert.match(b, /正文第二段/);
  assert.match(b, /测司发〔2024〕9号/, '文号');
  assert.match(b, /测试市司法局<\/dd>/, '发文机关');
  assert.match(b, /公开属性/);
  assert.match(b, /主动公开/);
  assert.match(b, /本通知的内容概述/, '内容概述');
  assert.match(b, new RegExp(`href="/admin/documents/${id}/attachments/\\d+">报名表\\.docx`), 'the attachment opens through the staff route');
  assert.match(b, /Word 文档（DOCX）/, 'a kind, not a MIME type');
  assert.doesNotMatch(b, /application\/vnd\.openxmlformats/);
  assert.match(b, /110101\*{8}1234/, 'the ID with a wrong check digit is listed');
  assert.match(b, /可能的身份证号/);
  assert.match(b, /139\*{4}5678/, 'the mobile inside the DOCX is listed');
  assert.match(b, /附件：报名表\.docx/);
  // the ticks come after the document and the findings, and refer to them
  const at = (re: RegExp) => b.search(re);
  assert.ok(at(/正文第二段/) < at(/name="confidentialityChecked"/));
  assert.ok(at(/id="h-pii"/) < at(/name="personalInfoChecked"/));
  assert.match(b, /包括核查自动发现的 2 处疑似个人信息/);
  // the staff download works for the unpublished file, privately
  const href = /href="(\/admin\/documents\/\d+\/attachments\/\d+)"/.exec(b)![1];
  const file = await reviewer.get(href);
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['cache-control']), /no-store/);
  assert.match(String(file.headers['content-disposition']), /attachment/);
  // the English console says the same
  reviewer.cookies.set('lang', 'en');
  const en = (await reviewer.get(`/admin/documents/${id}`)).body;
  for (const re of [/All fields/, /As published/, /Personal-information check \(Art\. 15\)/, /possible ID card number/, /Word document \(DOCX\)/, /including the 2 possible personal numbers found/]) assert.match(en, re);
});

test('another unit’s reviewer gets 404 for the page, the preview and the file; the public portal stays 404', async () => {
  const { id } = await submitted('测试市司法局关于范围的通知');
  const other = await as('otherreviewer');
  assert.equal((await other.get(`/admin/documents/${id}`)).statusCode, 404);
  assert.equal((await other.get(`/admin/documents/${id}/preview`)).statusCode, 404);
  const att = await t.db.db.selectFrom('document_attachments').select('id').where('document_id', '=', id).executeTakeFirstOrThrow();
  assert.equal((await other.get(`/admin/documents/${id}/attachments/${att.id}`)).statusCode, 404);
  const reviewer = await as('reviewer');
  assert.equal((await reviewer.get(`/u/bureau/doc/${id}`)).statusCode, 404, 'the portal URL is for published documents only, signed in or not');
  const anon = await t.app.inject({ url: `/admin/documents/${id}/preview` });
  assert.equal(anon.statusCode, 302, 'anonymous: to the sign-in page');
  assert.match(String(anon.headers.location), /\/admin\/login/);
});

test('the staff preview renders the portal page with a banner, never cached, not indexed', async () => {
  const { id } = await submitted('测试市司法局关于预览的通知');
  const reviewer = await as('reviewer');
  const r = await reviewer.get(`/admin/documents/${id}/preview`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /预览 · 未发布/);
  assert.match(r.body, /<h1 id="doc-title" class="doc-title">测试市司法局关于预览的通知<\/h1>/, 'the portal document view');
  assert.match(r.body, /正文第一段/);
  assert.match(r.body, /<meta name="robots" content="noindex, nofollow"/);
  assert.match(String(r.headers['cache-control']), /no-store/);
  assert.match(String(r.headers['x-robots-tag']), /noindex/);
  assert.match(r.body, new RegExp(`/admin/documents/${id}/attachments/\\d+`));
});

test('the edit form warns with the matches of the text being saved, not of the stored text', async () => {
  const editor = await as('editor');
  const { document: d } = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '表单个人信息提示', bodyHtml: '<p>联系人手机13812345678</p>' }));
  const page = `/admin/documents/${d.id}`;
  const first = await editor.get(page);
  assert.match(first.body, /138\*{4}5678/, 'the stored draft is checked too');
  // a refused save (bad date) shows the typed text's numbers: the mobile was removed, an ID added
  const form = { title: '表单个人信息提示', summary: '概述', docType: 'notice', legalForm: 'none', writtenDate: '2024-13-40', disclosure: 'proactive', bodyHtml: `<p>证件号${ID}</p>` };
  const bad = await editor.submit(page, page, form);
  assert.equal(bad.statusCode, 422);
  const warning = bad.body.slice(bad.body.indexOf('id="pii-warning"'));
  assert.match(warning, /110101\*{8}1234/);
  assert.doesNotMatch(bad.body.slice(bad.body.indexOf('id="pii-warning"'), bad.body.indexOf('id="h-pii"')), /138\*{4}5678/);
  // saved: the page after the redirect warns with the saved text
  const saved = await editor.submit(page, page, { ...form, writtenDate: '2024-10-08' });
  assert.equal(saved.statusCode, 303);
  const after = await editor.get(page);
  assert.match(after.body, /id="pii-warning"/);
  assert.match(after.body, /110101\*{8}1234/);
});

test('redaction through the page masks body and versions; recall and 解读 title', async () => {
  const { document: d } = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '页面脱敏测试', legalForm: 'normative', validity: 'effective', bodyHtml: `<p>身份证号${ID}</p>` }));
  await submitDocument(t.db.db, sys, d.id);
  await reviewDocument(t.db.db, sys, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db.db, sys, d.id, { acknowledgePersonalData: true });
  const reviewer = await as('reviewer');
  const page = `/admin/documents/${d.id}`;
  const view = await reviewer.get(page);
  const key = /name="keys" value="([0-9a-f]{20})"/.exec(view.body)![1];
  const other = await as('otherreviewer');
  assert.equal((await other.post(`${page}/redact`, { _csrf: await other.csrf('/admin/documents'), keys: key })).statusCode, 404);
  assert.equal((await reviewer.submit(page, `${page}/redact`, {})).statusCode, 422, 'nothing chosen');
  const done = await reviewer.submit(page, `${page}/redact`, { keys: key, style: 'full' });
  assert.equal(done.statusCode, 303);
  assert.doesNotMatch((await t.app.inject({ url: `/u/bureau/doc/${d.id}` })).body, /199003071234/, 'the public page');
  assert.match((await t.app.inject({ url: `/u/bureau/doc/${d.id}` })).body, /\*{18}/);
  assert.doesNotMatch(JSON.stringify(await getVersionSnapshot(t.db.db, d.id, 1)), /199003071234/, 'the version history');
  assert.match((await reviewer.get(done.headers.location as string)).body, /已脱敏所选号码/);

  // 解读 of this policy: one pair of title marks
  const editor = await as('editor');
  const np = await editor.get(`/admin/documents/new?interprets=${d.id}`);
  assert.match(np.body, /value="《页面脱敏测试》政策解读"/);
  const wrapped = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '《测试市行政规范性文件管理办法》' }));
  assert.match((await editor.get(`/admin/documents/new?interprets=${wrapped.document.id}`)).body, /value="《测试市行政规范性文件管理办法》政策解读"/);

  // recall: the submitter sees the button; after recalling, the draft is back
  const { id } = await submitted('测试市司法局关于撤回提交的通知');
  const mine = await as('editor');
  const sub = await mine.get(`/admin/documents/${id}`);
  assert.match(sub.body, /撤回提交/);
  assert.doesNotMatch((await reviewer.get(`/admin/documents/${id}`)).body, />撤回提交</, 'not for the reviewer');
  const recalled = await mine.submit(`/admin/documents/${id}`, `/admin/documents/${id}/recall`, {});
  assert.equal(recalled.statusCode, 303);
  const back = await mine.get(recalled.headers.location as string);
  assert.match(back.body, /已撤回提交/);
  assert.match(back.body, /提交审核/, 'a draft again');
});

test('timeliness: "已超期 N 个工作日", a reason at publication, the lists paginated and linked from the dashboard', async () => {
  const { document: d } = await createDocument(t.db.db, sys, tree.bureau.id, validInput({ title: '超期很久的政策', legalForm: 'normative', validity: 'effective', writtenDate: '2024-01-08' }));
  await submitDocument(t.db.db, sys, d.id);
  await reviewDocument(t.db.db, sys, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  const reviewer = await as('reviewer');
  const page = `/admin/documents/${d.id}`;
  const view = await reviewer.get(page);
  assert.match(view.body, /已超期 \d+ 个工作日/);
  assert.doesNotMatch(view.body, /剩余 -\d/);
  assert.match(view.body, /超期发布原因/, 'the publish form asks for the reason');
  const list = await reviewer.get('/admin/documents/timeliness');
  assert.match(list.body, /超期很久的政策/);
  assert.match(list.body, /应公开日期/);
  const refused = await reviewer.submit(page, `${page}/publish`, {});
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /请填写超期发布的原因/);
  assert.equal((await reviewer.submit(page, `${page}/publish`, { lateReason: '等待市政府常务会议审议' })).statusCode, 303);
  assert.match((await reviewer.get(page)).body, /超期发布原因：等待市政府常务会议审议/);
  const dash = await reviewer.get('/admin');
  assert.match(dash.body, /href="\/admin\/documents\/timeliness\?view=late"/, 'the 已超期发布 figure is a link');
  const late = await reviewer.get('/admin/documents/timeliness?view=late');
  assert.match(late.body, /超期很久的政策/);
  assert.match(late.body, /等待市政府常务会议审议/);
  assert.equal((await reviewer.get('/admin/documents/timeliness?view=late&page=99')).statusCode, 200, 'a page past the end shows the last');
});

test('a submit refused for missing metadata says which field, in the workflow panel (was a bare 422)', async () => {
  const editor = await as('editor');
  const created = await editor.submit('/admin/documents/new', '/admin/documents', {
    unit: String(tree.bureau.id), title: '测试市司法局关于缺少主题分类的通知', summary: '概述。', docNumber: '测司发〔2024〕10号', docType: 'notice', legalForm: 'none', writtenDate: '2024-10-08',
    keywords: '法治', source: '测试市司法局', disclosure: 'proactive', bodyHtml: '<p>正文。</p>',
  });
  assert.equal(created.statusCode, 303);
  const id = Number((created.headers.location as string).split('/').pop());
  const res = await editor.submit(`/admin/documents/${id}`, `/admin/documents/${id}/submit`, {});
  assert.equal(res.statusCode, 422);
  const panel = res.body.slice(res.body.indexOf('id="h-workflow"'));
  assert.match(panel, /<div class="error-summary" role="alert"><p>主题分类：/, 'the missing field is named where the button was pressed');
});
