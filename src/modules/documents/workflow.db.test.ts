/**
 * The document workflow on a real database: who may do each step (policy × workflow), the
 * review checks, personal-data acknowledgement, versions and their diff, scheduled publishing,
 * withdrawal, timeliness and the 有效性 history.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree } from '../../../test/helpers/fixtures.ts';
import { systemContext, type CommandContext } from '../../core/commands/context.ts';
import { AppError } from '../../core/http/errors.ts';
import {
  createDocument, onDocumentsChanged, publishDocument, publishDueDocuments, reopenDocument, returnDocument, reviewDocument, submitDocument,
  updateDocument, withdrawDocument, type DocumentsChanged,
} from './commands.ts';
import { diffDocumentVersions, getDocument, getPublicDocument, listVersions, interpretationsOf, policiesWithoutInterpretation, columnsOfUnit, validityOn } from './store/repository.ts';
import { ctxFor, validInput } from './store/fixtures.test-helper.ts';
import { refreshValidity } from './jobs.ts';

let t: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const ctx: Record<string, CommandContext> = {};
const events: DocumentsChanged[] = [];

before(async () => {
  t = await testDatabase();
  tree = await seedTree(t.db);
  for (const u of ['sysadmin', 'countyadmin', 'editor', 'reviewer', 'handler', 'supervisor']) ctx[u] = await ctxFor(t.db, u);
  onDocumentsChanged((e) => events.push(e));
});
after(async () => t.close());

// validInput() was written in 2020: publishing it now is late (条例 第二十六条), which needs a reason
const LATE = '历史文件补录公开';

async function status(id: number) {
  return (await getDocument(t.db, id))!.status;
}

async function refused(p: Promise<unknown>, httpStatus: number, code?: string) {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === httpStatus && (!code || e.code === code));
}

test('creating a unit gives it the standard catalog columns (国办公开办函〔2019〕61号, 条例 第二十条)', async () => {
  const cols = await columnsOfUnit(t.db, tree.bureau.id);
  assert.equal(cols.length, 1);
  assert.equal(cols[0].slug, 'zfxxgk');
  const statutory = cols[0].children.find((c) => c.slug === 'statutory')!;
  const art20 = statutory.children.filter((c) => c.statutory_ref?.includes('第20条'));
  assert.equal(art20.length, 15);
  assert.equal(art20[6].name_zh, '财政预决算');
  // departments carry the Art. 21 items as optional, disabled until the unit enables them
  assert.ok(statutory.children.some((c) => c.slug === 'social-assistance' && c.optional && !c.enabled));
  const town = (await columnsOfUnit(t.db, tree.town.id))[0].children.find((c) => c.slug === 'statutory')!;
  assert.ok(town.children.some((c) => c.slug === 'rural-policy' && c.enabled));
});

test('the full workflow: editor drafts and submits, reviewer reviews and publishes, with the right refusals', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ docNumber: '测司发[2020]第012号' }));
  assert.equal(d.status, 'draft');
  assert.equal(d.doc_number, '测司发〔2020〕12号', '文号 normalised (GB/T 9704)');
  assert.match(d.index_no, /^[0-9A-Z]{18}\/2020-\d{5}$/);
  assert.deepEqual(d.issuers.map((i) => i.unit_id), [tree.bureau.id], 'default issuer: the owning unit');

  // out of scope, or the wrong role, is refused by the policy
  await refused(createDocument(t.db, ctx.editor, tree.county.id, validInput()), 403);
  await refused(createDocument(t.db, ctx.supervisor, tree.bureau.id, validInput()), 403);
  await refused(createDocument(t.db, ctx.reviewer, tree.bureau.id, validInput()), 403);
  await refused(submitDocument(t.db, ctx.reviewer, d.id), 403);
  await refused(submitDocument(t.db, ctx.handler, d.id), 403);
  // the reviewer cannot skip submission; the editor cannot review
  await refused(reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true }), 409);
  await submitDocument(t.db, ctx.editor, d.id);
  assert.equal(await status(d.id), 'submitted');
  await refused(updateDocument(t.db, ctx.editor, d.id, { title: '改标题' }), 409);
  await refused(reviewDocument(t.db, ctx.editor, d.id, { confidentialityChecked: true, personalInfoChecked: true }), 403);
  // 保密审查 and 个人信息检查 must both be confirmed (条例 第十七条, 第十五条)
  await refused(reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true }), 422);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await refused(publishDocument(t.db, ctx.editor, d.id), 403);
  await refused(publishDocument(t.db, ctx.supervisor, d.id), 403);
  const before = events.length;
  const pub = await publishDocument(t.db, ctx.reviewer, d.id, { now: new Date('2020-08-27T02:00:00Z') });
  assert.equal(pub.document.status, 'published');
  assert.equal(pub.document.publish_date, '2020-08-27');
  assert.equal(pub.document.version, 1);
  assert.equal(pub.document.timeliness_workdays, 2, '25 Aug → 27 Aug = 2 working days');
  assert.equal(pub.document.timeliness_art26_overdue, false);
  assert.deepEqual(events.slice(before), [{ unitIds: [tree.bureau.id], documentIds: [d.id], kind: 'publish' }]);
  assert.equal((await getPublicDocument(t.db, d.id))?.kind, 'ok');

  // the unit admin of another subtree can do nothing here; the system admin can
  await refused(withdrawDocument(t.db, ctx.countyadmin, d.id, '内容有误需要更正'), 403);
  await refused(withdrawDocument(t.db, ctx.reviewer, d.id, ''), 422);
  const w = await withdrawDocument(t.db, ctx.sysadmin, d.id, '内容有误需要更正');
  assert.equal(w.document.status, 'withdrawn');
  assert.equal(w.document.withdrawal_reason, '内容有误需要更正');
  assert.equal(events.at(-1)?.kind, 'withdraw');
  assert.equal((await getPublicDocument(t.db, d.id))?.kind, 'withdrawn');
  // reopening is for unit administrators only
  await refused(reopenDocument(t.db, ctx.reviewer, d.id), 403);
  await reopenDocument(t.db, ctx.sysadmin, d.id);
  assert.equal(await status(d.id), 'draft');
  assert.equal(await getPublicDocument(t.db, d.id), undefined);
});

test('return sends a document back with a reason and clears the review checks', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput());
  await submitDocument(t.db, ctx.editor, d.id);
  await refused(returnDocument(t.db, ctx.reviewer, d.id, ' '), 422);
  const r = await returnDocument(t.db, ctx.reviewer, d.id, '请补充内容概述');
  assert.equal(r.document.status, 'draft');
  assert.equal(r.document.return_reason, '请补充内容概述');
  assert.equal(r.document.confidentiality_checked, false);
});

test('submission requires what the 目录 must show (条例 第十二条)', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ summary: null, docType: null }));
  await assert.rejects(submitDocument(t.db, ctx.editor, d.id), (e: unknown) => e instanceof AppError && e.status === 422 && !!e.fields?.summary && !!e.fields?.docType);
});

test('ID or mobile numbers block publication until acknowledged (条例 第十五条)', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ bodyHtml: '<p>联系人：张三，电话13912345678。</p>' }));
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await assert.rejects(publishDocument(t.db, ctx.reviewer, d.id, { lateReason: LATE }), (e: unknown) => e instanceof AppError && e.code === 'personal_data_unacknowledged' && !!e.fields?.acknowledgePersonalData);
  assert.equal(await status(d.id), 'reviewed');
  const r = await publishDocument(t.db, ctx.reviewer, d.id, { acknowledgePersonalData: true, lateReason: LATE });
  assert.equal(r.document.status, 'published');
  assert.equal(r.document.personal_data_findings, 1);
  assert.equal(r.warnings.length, 1);
});

test('editing a published document keeps a version; the diff shows what changed', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput());
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx.reviewer, d.id, { lateReason: LATE });
  // editors edit drafts only; reviewers edit published documents
  await refused(updateDocument(t.db, ctx.editor, d.id, { title: '新标题' }), 403);
  const before = events.length;
  const e = await updateDocument(t.db, ctx.reviewer, d.id, { title: '测试市司法局关于开展法治宣传周活动的通知', bodyHtml: '<p>各区县司法局：</p><p>现将有关事项补充通知如下。</p>' }, { changeNote: '更正活动名称' });
  assert.equal(e.document.version, 2);
  assert.equal(e.document.status, 'published');
  assert.deepEqual(events.slice(before).map((x) => x.kind), ['edit']);
  const versions = await listVersions(t.db, d.id);
  assert.deepEqual(versions.map((v) => [v.version, v.change_note, v.created_by_name]), [[2, '更正活动名称', 'reviewer'], [1, null, 'reviewer']]);
  const diff = (await diffDocumentVersions(t.db, d.id, 1, 2))!;
  assert.equal(diff.changed, true);
  const title = diff.fields.find((f) => f.field === 'title')!;
  assert.ok(title.segments.some((s) => s.op === 'delete' && s.text.includes('月')));
  assert.ok(title.segments.some((s) => s.op === 'insert' && s.text.includes('周')));
  assert.ok(diff.body.some((p) => p.op === 'change'));
  assert.ok(!diff.fields.some((f) => f.field === 'docNumber'));
});

test('scheduled publishing: the job publishes due documents once, as the scheduler', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput());
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  const now = new Date('2030-01-01T00:00:00Z');
  await refused(publishDocument(t.db, ctx.reviewer, d.id, { publishAt: '2029-12-31T00:00:00Z', now, lateReason: LATE }), 422);
  const s = await publishDocument(t.db, ctx.reviewer, d.id, { publishAt: '2030-01-02T01:00:00Z', now, lateReason: LATE });
  assert.equal(s.document.status, 'scheduled');
  assert.equal(await publishDueDocuments(t.db, new Date('2030-01-02T00:59:00Z')), 0);
  assert.equal(await status(d.id), 'scheduled');
  const before = events.length;
  assert.equal(await publishDueDocuments(t.db, new Date('2030-01-02T01:00:00Z')), 1);
  const p = (await getDocument(t.db, d.id))!;
  assert.equal(p.status, 'published');
  assert.equal(p.publish_date, '2030-01-02');
  assert.equal(p.version, 1);
  assert.deepEqual(events.slice(before).map((x) => [x.kind, x.documentIds]), [['publish', [d.id]]]);
  assert.equal(await publishDueDocuments(t.db, new Date('2030-01-03T00:00:00Z')), 0, 'idempotent');
  const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_name']).where('subject_type', '=', 'document').where('subject_id', '=', String(d.id)).orderBy('id').execute();
  assert.deepEqual(audit.map((a) => a.action), ['document.create', 'document.submit', 'document.review', 'document.schedule', 'document.publish_due']);
  assert.equal(audit.at(-1)!.actor_name, 'scheduler');
});

test('interpretations link to their policy; policies without one are listed; timeliness flags (2020 要点 第6、7点)', async () => {
  const sys = systemContext('test');
  const publish = async (id: number, now: Date) => {
    await submitDocument(t.db, sys, id, { now });
    await reviewDocument(t.db, sys, id, { confidentialityChecked: true, personalInfoChecked: true }, { now });
    return publishDocument(t.db, sys, id, { now });
  };
  const { document: policy } = await createDocument(t.db, sys, tree.bureau.id, validInput({ title: '测试市促进就业若干政策措施', legalForm: 'normative', normativeRegNo: 'CSCR-2020-001', docType: 'opinion', writtenDate: '2020-06-01', validity: 'effective' }));
  const pp = await publish(policy.id, new Date('2020-06-15T02:00:00Z'));
  assert.equal(pp.document.timeliness_workdays, 10, 'Mon 1 June → Mon 15 June 2020');
  assert.equal(pp.document.timeliness_policy_overdue, true, 'policies: more than 5 working days');
  assert.equal(pp.document.timeliness_art26_overdue, false);
  assert.equal(pp.document.validity, 'effective');
  assert.equal(await validityOn(t.db, policy.id, '2020-12-31'), 'effective');
  let missing = await policiesWithoutInterpretation(t.db, { unitIds: [tree.bureau.id] });
  assert.ok(missing.some((m) => m.id === policy.id));

  const { document: interp } = await createDocument(t.db, sys, tree.bureau.id, validInput({ title: '《测试市促进就业若干政策措施》图解', interpretationOf: policy.index_no, interpretationKind: 'graphic', docNumber: null, writtenDate: '2020-06-15' }));
  assert.equal(interp.interprets_id, policy.id);
  const ip = await publish(interp.id, new Date('2020-06-16T02:00:00Z'));
  assert.equal(ip.document.interpretation_lag_workdays, 1);
  assert.deepEqual((await interpretationsOf(t.db, policy.id, { publicOnly: true })).map((r) => r.id), [interp.id]);
  missing = await policiesWithoutInterpretation(t.db, { unitIds: [tree.bureau.id] });
  assert.ok(!missing.some((m) => m.id === policy.id));

  // repeal: a later document repeals the policy; the history records when
  const { document: repealer } = await createDocument(t.db, sys, tree.bureau.id, validInput({ title: '关于废止部分规范性文件的决定', docType: 'decision', legalForm: 'normative', writtenDate: '2021-03-01', validity: 'effective' }));
  await publish(repealer.id, new Date('2021-03-02T02:00:00Z'));
  await updateDocument(t.db, sys, policy.id, { validity: 'repealed', repealedBy: repealer.id }, { now: new Date('2021-03-03T02:00:00Z') });
  assert.equal(await validityOn(t.db, policy.id, '2020-12-31'), 'effective');
  assert.equal(await validityOn(t.db, policy.id, '2021-12-31'), 'repealed');
});

test('rich text and titles are stored sanitised (XSS neutralised)', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({
    title: '<img src=x onerror=alert(1)>关于<script>alert(2)</script>通知',
    summary: '<b onclick="x()">概述</b>',
    bodyHtml: '<p onclick="steal()">正文<script>alert(3)</script><a href="javascript:alert(4)">链接</a><img src="data:image/png;base64,AAA"></p>',
  }));
  assert.equal(d.title, '关于通知');
  assert.equal(d.summary, '概述');
  assert.doesNotMatch(d.body_html, /script|onclick|javascript:|data:/i);
  assert.match(d.body_html, /正文/);
});

test('the validity job moves 有效性 along the dates and keeps the history (reference.md §4.5)', async () => {
  const sys = systemContext('test');
  const now = new Date('2030-01-07T02:00:00Z');
  const { document: d } = await createDocument(t.db, sys, tree.bureau.id, validInput({
    title: '测试市司法局关于试行某项制度的规定', legalForm: 'normative', docType: 'notice', writtenDate: '2030-01-03', validity: 'effective',
    effectiveDate: '2030-02-01', expiryDate: '2030-06-01',
  }), { now });
  await submitDocument(t.db, sys, d.id, { now });
  await reviewDocument(t.db, sys, d.id, { confidentialityChecked: true, personalInfoChecked: true }, { now });
  const p = await publishDocument(t.db, sys, d.id, { now });
  assert.equal(p.document.validity, 'not_yet_effective');
  const seen: DocumentsChanged[] = [];
  const off = onDocumentsChanged((e) => seen.push(e));
  assert.equal(await refreshValidity(t.db, '2030-01-31'), 0);
  assert.equal(await refreshValidity(t.db, '2030-02-01'), 1);
  assert.equal((await getDocument(t.db, d.id))!.validity, 'effective');
  assert.equal(await refreshValidity(t.db, '2030-02-02'), 0, 'idempotent');
  assert.equal(await refreshValidity(t.db, '2030-06-05'), 1);
  off();
  assert.deepEqual(seen.map((e) => [e.kind, e.documentIds]), [['edit', [d.id]], ['edit', [d.id]]]);
  assert.equal(await validityOn(t.db, d.id, '2030-01-20'), 'not_yet_effective');
  assert.equal(await validityOn(t.db, d.id, '2030-03-01'), 'effective');
  assert.equal(await validityOn(t.db, d.id, '2030-06-01'), 'expired', 'expired from the expiry date on');
});
