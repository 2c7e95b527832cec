/**
 * The review workflow of #14 on a real database: the personal-data check on save, submit and
 * review (with the audit's ID 110101199003071234, whose check digit is wrong), attachments in the
 * check, redaction of the body and every version, recall of a submission, the reason for a late
 * publication, withdrawing a policy with its interpretations, and the stored 公开时效 deadline
 * (on create and edit, on the policy's publication, on a calendar correction).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { addOverride } from '../../calendar/commands/calendar.ts';
import {
  createDocument, publishDocument, recallDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument,
} from '../commands.ts';
import { addAttachment } from './attachments.ts';
import { redactPersonalData } from './redact.ts';
import { diffDocumentVersions, getDocument, getVersionSnapshot } from './repository.ts';
import { scanDocument } from './pii-scan.ts';
import { budgetPdf } from '../demo/seed.ts';
import { ctxFor, validInput } from './fixtures.test-helper.ts';

let t: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const ctx: Record<string, CommandContext> = {};
const sys = systemContext('test');
const ID = '110101199003071234'; // the staff audit's number: …1233 would be the valid check digit
const LATE = '历史文件补录公开';
const store = { dataDir: mkdtempSync(join(tmpdir(), 'gongkai-review-')), maxUploadMb: 5 };

before(async () => {
  t = await testDatabase();
  tree = await seedTree(t.db);
  await createUser(t.db, systemContext('test'), { username: 'editor2', display_name: 'editor2', password: PASSWORD, unit_code: tree.bureau.code, grants: [{ role: 'editor', unit_code: tree.bureau.code }] });
  for (const u of ['editor', 'editor2', 'reviewer', 'sysadmin']) ctx[u] = await ctxFor(t.db, u);
});
after(async () => t.close());

const refused = (p: Promise<unknown>, status: number, field?: string) =>
  assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === status && (!field || !!e.fields?.[field]));

async function audit(id: number) {
  return t.db.selectFrom('audit_log').select(['action', 'summary']).where('subject_type', '=', 'document').where('subject_id', '=', String(id)).orderBy('id').execute();
}

test('the PII check runs on save, on submit and at review, and flags the ID with a wrong check digit', async () => {
  const created = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ bodyHtml: `<p>申请人身份证号${ID}。</p>` }));
  const d = created.document;
  assert.equal(d.personal_data_findings, 1, 'the ID is found although its check digit is wrong');
  assert.match(created.warnings.map((w) => w.zh).join(), /1 处疑似个人信息/);
  const edited = await updateDocument(t.db, ctx.editor, d.id, { bodyHtml: `<p>申请人身份证号${ID}，手机13812345678。</p>` });
  assert.equal(edited.document.personal_data_findings, 2);
  assert.match(edited.warnings.map((w) => w.zh).join(), /2 处疑似个人信息/);
  const submitted = await submitDocument(t.db, ctx.editor, d.id);
  assert.match(submitted.warnings.map((w) => w.zh).join(), /2 处/);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  const a = await audit(d.id);
  const summary = (action: string) => a.find((x) => x.action === action)!.summary as Record<string, unknown>;
  assert.equal(summary('document.submit').personal_data_findings, 2);
  assert.equal(summary('document.review').personal_data_findings, 2, 'the review records what the 个人信息检查 tick covered');
  assert.doesNotMatch(JSON.stringify(a), /110101199003071234|13812345678/, 'no number in the audit log');
  // publication still needs the acknowledgement
  await assert.rejects(publishDocument(t.db, ctx.reviewer, d.id, { lateReason: LATE }), (e: unknown) => e instanceof AppError && e.code === 'personal_data_unacknowledged');
});

test('attachments are part of the check; a file without text is reported as not checked', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '附件个人信息检查' }));
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`联系人身份证号：${ID}`)] }] }));
  const added = await addAttachment(t.db, ctx.editor, store, d.id, { filename: '名单.docx', data: docx });
  assert.equal(added.document.personal_data_findings, 1, 'the DOCX text is counted on save');
  const pdf = await budgetPdf('联系人', [['电话', '13912345678']]);
  await addAttachment(t.db, ctx.editor, store, d.id, { filename: '附表.pdf', data: pdf });
  const doc = (await getDocument(t.db, d.id))!;
  const report = await scanDocument(t.db, doc, { dataDir: store.dataDir });
  const id = report.findings.find((f) => f.masked === '110101********1234')!;
  assert.ok(id.inFile && id.places.some((p) => p.zh === '附件：名单.docx'));
  assert.equal(id.kind, 'id_card_possible');
  assert.ok(report.findings.some((f) => f.masked === '139****5678'), 'the PDF text was read');
  assert.deepEqual(report.attachments.map((a) => a.state), ['checked', 'checked']);
  // a file whose text is unavailable (none stored, the extractor finds nothing) is listed for a human check
  const pdfRow = doc.attachments.find((a) => a.filename === '附表.pdf')!;
  await t.db.updateTable('document_attachments').set({ text_content: null }).where('id', '=', pdfRow.id).execute();
  const again = await scanDocument(t.db, doc, { dataDir: '/nonexistent' });
  assert.equal(again.attachments.find((a) => a.id === pdfRow.id)!.state, 'unavailable');
});

test('redaction masks the chosen numbers in the body and in every stored version, and is audited without them', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '脱敏测试', bodyHtml: `<p>身份证号<b>110101</b>199003071234，电话13812345678。</p>` }));
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx.reviewer, d.id, { acknowledgePersonalData: true, lateReason: LATE });
  await updateDocument(t.db, ctx.reviewer, d.id, { bodyHtml: `<p>身份证号${ID}，电话13812345678，已更正。</p>` }, { acknowledgePersonalData: true, changeNote: '更正' });
  const before = JSON.stringify(await getVersionSnapshot(t.db, d.id, 1));
  assert.match(before, /199003071234/, 'the history held the number');

  const report = await scanDocument(t.db, (await getDocument(t.db, d.id))!, { versions: true });
  const key = report.findings.find((f) => f.masked === '110101********1234')!.key;
  await refused(redactPersonalData(t.db, await ctxFor(t.db, 'handler'), d.id, { keys: [key] }), 403);
  await refused(redactPersonalData(t.db, ctx.reviewer, d.id, { keys: [] }), 422, 'keys');
  const r = await redactPersonalData(t.db, ctx.reviewer, d.id, { keys: [key], style: 'partial' });
  assert.doesNotMatch(r.document.body_html + r.document.body_text, /199003071234/);
  assert.match(r.document.body_text, /110101\*{8}1234/);
  assert.match(r.document.body_text, /13812345678/, 'numbers not chosen stay');
  for (const v of [1, 2]) {
    const snap = JSON.stringify(await getVersionSnapshot(t.db, d.id, v));
    assert.doesNotMatch(snap, /199003071234/, `version ${v} no longer keeps the number`);
    assert.match(snap, /\*{6}/);
  }
  const diff = JSON.stringify(await diffDocumentVersions(t.db, d.id, 1, 2));
  assert.doesNotMatch(diff, /199003071234/);
  const ev = (await audit(d.id)).find((x) => x.action === 'document.redact')!;
  assert.ok(ev, 'the redaction is audited');
  assert.equal((ev.summary as { numbers: number }).numbers, 1);
  assert.equal((ev.summary as { versions: number }).versions, 2);
  assert.doesNotMatch(JSON.stringify(ev.summary), /1101011990|13812345678/);
  assert.equal((await getDocument(t.db, d.id))!.personal_data_findings, 1, 'the mobile remains');
});

test('recall: only the submitter, only before review', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '撤回提交测试' }));
  await submitDocument(t.db, ctx.editor, d.id);
  await refused(recallDocument(t.db, ctx.editor2, d.id), 403);
  await refused(recallDocument(t.db, ctx.reviewer, d.id), 403);
  const r = await recallDocument(t.db, ctx.editor, d.id);
  assert.equal(r.document.status, 'draft');
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await refused(recallDocument(t.db, ctx.editor, d.id), 409);
  assert.deepEqual((await audit(d.id)).map((a) => a.action), ['document.create', 'document.submit', 'document.recall', 'document.submit', 'document.review']);
});

test('a late publication asks the person publishing for the reason, and keeps it', async () => {
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '超期发布测试', legalForm: 'normative', validity: 'effective' }));
  await submitDocument(t.db, ctx.editor, d.id);
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true });
  await refused(publishDocument(t.db, ctx.reviewer, d.id), 422, 'lateReason');
  await refused(publishDocument(t.db, ctx.reviewer, d.id, { lateReason: '  ' }), 422, 'lateReason');
  const p = await publishDocument(t.db, ctx.reviewer, d.id, { lateReason: '等待上级批复' });
  assert.equal(p.document.late_reason, '等待上级批复');
  assert.equal(p.document.timeliness_policy_overdue, true);
  const ev = (await audit(d.id)).find((a) => a.action === 'document.publish')!.summary as Record<string, unknown>;
  assert.equal(ev.late_reason, '等待上级批复');
  // on time: no reason asked
  const { document: fresh } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '按时发布', writtenDate: '2030-03-04' }), { now: new Date('2030-03-04T02:00:00Z') });
  const now = new Date('2030-03-05T02:00:00Z');
  await submitDocument(t.db, ctx.editor, fresh.id, { now });
  await reviewDocument(t.db, ctx.reviewer, fresh.id, { confidentialityChecked: true, personalInfoChecked: true }, { now });
  assert.equal((await publishDocument(t.db, ctx.reviewer, fresh.id, { now })).document.late_reason, null);
});

test('withdrawing a policy leaves its 解读 published unless chosen, and withdraws the chosen ones with it', async () => {
  const publish = async (title: string, extra = {}) => {
    const { document: d } = await createDocument(t.db, sys, tree.bureau.id, validInput({ title, ...extra }));
    await submitDocument(t.db, sys, d.id);
    await reviewDocument(t.db, sys, d.id, { confidentialityChecked: true, personalInfoChecked: true });
    return (await publishDocument(t.db, sys, d.id)).document;
  };
  const policy = await publish('测试市某政策', { legalForm: 'normative', validity: 'effective' });
  const a = await publish('《测试市某政策》政策解读', { interpretationOf: policy.id, interpretationKind: 'text', docNumber: null });
  const b = await publish('《测试市某政策》图解', { interpretationOf: policy.id, interpretationKind: 'graphic', docNumber: null });
  const w = await withdrawDocument(t.db, ctx.reviewer, policy.id, '政策已废止', { withdrawInterpretations: [a.id, 999999] });
  assert.equal(w.document.status, 'withdrawn');
  assert.equal((await getDocument(t.db, a.id))!.status, 'withdrawn');
  assert.match((await getDocument(t.db, a.id))!.withdrawal_reason!, /所解读的政策文件已撤回：政策已废止/);
  assert.equal((await getDocument(t.db, b.id))!.status, 'published', 'not chosen: stays published');
});

test('the 公开时效 deadline is stored on create and edit, follows the policy’s publication and calendar corrections', async () => {
  const cal = await calendarFor(t.db);
  const { document: d } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '时效测试', writtenDate: '2031-03-03' }));
  assert.equal(d.timeliness_due, cal.addWorkdays('2031-03-03', 20));
  assert.equal(d.timeliness_late_from, cal.addWorkdays('2031-03-03', 21));
  const e = await updateDocument(t.db, ctx.editor, d.id, { legalForm: 'normative', validity: 'effective' });
  assert.equal(e.document.timeliness_due, cal.addWorkdays('2031-03-03', 5), 'a policy: 5 working days');

  // an interpretation's 同步 clock starts when its policy is published
  const { document: interp } = await createDocument(t.db, ctx.editor, tree.bureau.id, validInput({ title: '时效测试解读', writtenDate: '2031-03-20', interpretationOf: d.id, interpretationKind: 'text', docNumber: null }));
  assert.equal(interp.timeliness_due, cal.addWorkdays('2031-03-20', 5));
  const now = new Date('2031-03-05T02:00:00Z');
  await submitDocument(t.db, ctx.editor, d.id, { now });
  await reviewDocument(t.db, ctx.reviewer, d.id, { confidentialityChecked: true, personalInfoChecked: true }, { now });
  await publishDocument(t.db, ctx.reviewer, d.id, { now });
  const after = (await getDocument(t.db, interp.id))!;
  assert.equal(after.timeliness_due, cal.addWorkdays('2031-03-05', 5), 'five working days after the policy came out');
  assert.equal((await getDocument(t.db, d.id))!.timeliness_due, null, 'published: no open deadline');

  // a day declared off moves the deadline, in the calendar command's own transaction
  const before = (await getDocument(t.db, interp.id))!.timeliness_due!;
  await addOverride(t.db, sys, { date: cal.addWorkdays('2031-03-05', 1), is_workday: false, scope: 'national', source: '测试通知〔2031〕1号', name: '测试假日' });
  const moved = (await getDocument(t.db, interp.id))!.timeliness_due!;
  assert.ok(moved > before, `${moved} after ${before}`);
  assert.equal(moved, (await calendarFor(t.db)).addWorkdays('2031-03-05', 5));
});
