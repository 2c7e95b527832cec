/**
 * The dashboard leads with each role's own queue (#14.9): the items themselves (title, number,
 * due date, link), most urgent first, then the counts — editors their drafts, returned and
 * scheduled documents; reviewers what awaits their review; handlers applications due soon or
 * overdue; supervisors overdue unpublished documents. Scoped: nobody sees another unit's items.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../test/helpers/app.ts';
import { PASSWORD } from '../../../test/helpers/fixtures.ts';
import { ctxFor as docCtx } from '../documents/store/fixtures.test-helper.ts';
import { validInput } from '../documents/store/fixtures.test-helper.ts';
import { createDocument, publishDocument, returnDocument, reviewDocument, submitDocument } from '../documents/commands.ts';
import { registerByStaff } from '../requests/intake-commands.ts';
import { applyStep } from '../requests/commands.ts';
import { ctxFor as reqCtx, paperApplication, requestsTree } from '../requests/store/fixtures.test-helper.ts';
import { systemContext } from '../../core/commands/context.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof requestsTree>>;

before(async () => {
  t = await testApp();
  tree = await requestsTree(t.db.db);
  const db = t.db.db;
  const editor = await docCtx(db, 'editor');
  const reviewer = await docCtx(db, 'reviewer');
  const sys = systemContext('test');
  // the editor's own work: an overdue draft, a recent one, one returned, one scheduled
  await createDocument(db, editor, tree.bureau.id, validInput({ title: '编辑的近期草稿', writtenDate: shanghaiDate(), docNumber: '测司发〔2026〕2号' }));
  await createDocument(db, editor, tree.bureau.id, validInput({ title: '编辑的超期草稿', writtenDate: '2024-01-08', docNumber: '测司发〔2024〕1号' }));
  const ret = await createDocument(db, editor, tree.bureau.id, validInput({ title: '被退回的文件' }));
  await submitDocument(db, editor, ret.document.id);
  await returnDocument(db, reviewer, ret.document.id, '请补充政策依据');
  const sch = await createDocument(db, editor, tree.bureau.id, validInput({ title: '定时发布的文件' }));
  await submitDocument(db, editor, sch.document.id);
  await reviewDocument(db, reviewer, sch.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(db, reviewer, sch.document.id, { publishAt: '2099-01-04T01:00:00Z', lateReason: '测试' });
  // awaiting review: one on time, one long overdue (listed first)
  const fresh = await createDocument(db, editor, tree.bureau.id, validInput({ title: '待审核的新文件', writtenDate: shanghaiDate() }));
  await submitDocument(db, editor, fresh.document.id);
  const old = await createDocument(db, editor, tree.bureau.id, validInput({ title: '待审核的超期文件', writtenDate: '2024-03-04' }));
  await submitDocument(db, editor, old.document.id);
  // another unit's document: nobody of the bureau sees it
  const other = await createDocument(db, sys, tree.other.id, validInput({ title: '卫健委待审核文件' }));
  await submitDocument(db, sys, other.document.id);
  // an application registered long ago: overdue for the handler
  await registerByStaff(db, t.cfg, await reqCtx(db, 'handler'), tree.bureau.id, paperApplication('2024-01-02', { info_title: '某项目审批结果' }), { today: shanghaiDate() });
  // an extension approved today: its 延期答复告知书 is a draft awaiting the reviewer's signature
  const today = shanghaiDate();
  const ext = await registerByStaff(db, t.cfg, await reqCtx(db, 'handler'), tree.bureau.id, paperApplication(today, { info_title: '某路段改造资金' }), { today });
  await applyStep(db, await reqCtx(db, 'handler'), ext.caseId, { type: 'accept', date: today }, { today });
  await applyStep(db, await reqCtx(db, 'reviewer'), ext.caseId, { type: 'extend', date: today, workdays: 20, reason: '需要调取档案', approvedBy: '张主任' }, { today });
});
after(async () => t?.close());

async function dashboard(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  const r = await c.get('/admin');
  assert.equal(r.statusCode, 200);
  return r.body;
}

/** The part of the page between the queue heading and the next queue or the counts. */
function queue(body: string, title: string): string {
  const start = body.indexOf(`>${title} <`);
  assert.ok(start > 0, `queue ${title} is shown`);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

test('editors: my drafts (overdue first, with 文号 and due date), returned to me with the reason, my scheduled — before the counts', async () => {
  const b = await dashboard('editor');
  assert.ok(b.indexOf('我的待办') < b.indexOf('工作概况'), 'the queue leads');
  const drafts = queue(b, '我的草稿');
  assert.ok(drafts.indexOf('编辑的超期草稿') < drafts.indexOf('编辑的近期草稿'), 'most urgent first');
  assert.match(drafts, /测司发〔2024〕1号/);
  assert.match(drafts, /已超期/);
  assert.match(drafts, /期限 <time datetime="2024-02-04">/, '20 working days after 8 Jan 2024 (4 Feb was a 调休 working day)');
  assert.match(drafts, /href="\/admin\/documents\/\d+"/);
  assert.match(queue(b, '退回给我修改的文件'), /被退回的文件[\s\S]*请补充政策依据/);
  assert.match(queue(b, '我的定时发布'), /定时发布的文件[\s\S]*定时发布于/);
  assert.doesNotMatch(b, />待我审核 </, 'editors do not review');
});

test('reviewers: awaiting my review, the overdue one first; no other unit’s documents', async () => {
  const b = await dashboard('reviewer');
  const q = queue(b, '待我审核');
  assert.ok(q.indexOf('待审核的超期文件') >= 0 && q.indexOf('待审核的超期文件') < q.indexOf('待审核的新文件'));
  assert.match(q, /（2）/, 'the count');
  assert.doesNotMatch(b, /卫健委待审核文件/);
  assert.ok(b.indexOf('待我审核') < b.indexOf('待审核的文件</a>'), 'items before the counts');
});

test('handlers: applications due soon or overdue, with their numbers and due dates', async () => {
  const b = await dashboard('handler');
  const q = queue(b, '即将到期和已逾期的申请');
  assert.match(q, /某项目审批结果/);
  assert.match(q, /已超期/);
  assert.match(q, /href="\/admin\/requests\/\d+"/);
  assert.doesNotMatch(b, />我的草稿 </);
});

test('reviewers: draft 延期答复告知书 awaiting my signature; not the handler', async () => {
  const q = queue(await dashboard('reviewer'), '待我签发的延期/延迟答复告知书');
  assert.match(q, /延期答复告知书/);
  assert.match(q, /href="\/admin\/requests\/\d+\/letters\/\d+"/);
  assert.match(q, /（1）/, 'the count');
  assert.doesNotMatch(await dashboard('handler'), />待我签发的延期\/延迟答复告知书 </);
});

test('supervisors: overdue unpublished documents of the whole scope', async () => {
  const b = await dashboard('supervisor');
  const q = queue(b, '超期未公开的文件');
  assert.match(q, /待审核的超期文件/);
  assert.match(q, /卫健委待审核文件/, 'the supervisor oversees the city');
  assert.doesNotMatch(b, />待我审核 </);
});
