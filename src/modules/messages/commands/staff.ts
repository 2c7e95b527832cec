/**
 * Staff use-cases of 留言/咨询: assign to a colleague, transfer to another unit, answer (optionally
 * linking the policy document the question is about), publish with the asker's consent (personal data
 * removed: domain `redact`), set aside with a reason, merge into a FAQ entry, set the unit's answer
 * period, and read an asker's contact (audited). Every write checks the policy on the message's unit,
 * follows the state machine (domain `nextStatus`) and records its audit event in one transaction.
 */
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { defineRules } from '../../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import type { Config } from '../../../config/env.ts';
import { decryptPii, decryptPiiBytes } from '../../../core/pii/crypto.ts';
import { unitById } from '../../units/repository.ts';
import { nextStatus, redact, REJECT_REASONS, STATUS_NAMES, validateAnswer, validateWorkdays, LIMITS, type Action, type RejectReason, type Status } from '../domain/rules.ts';

defineRules({
  'message.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  'message.handle': ['system_admin', 'unit_admin', 'editor', 'case_handler'],
  'message.publish': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'message.settings': ['system_admin', 'unit_admin'],
});

const MESSAGE: Msg = { zh: '留言', en: 'message' };
const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Locks the message, checks `action` on its unit and that the state machine allows `step`. */
async function lockFor(tx: Tx, ctx: CommandContext, id: number, action: string, step: Action) {
  const m = okId(id) ? await tx.selectFrom('messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!m) throw notFound(MESSAGE);
  const unit = (await unitById(tx, m.unit_id))!;
  authorize(ctx, action, unit.path);
  const to = nextStatus(m.status as Status, step);
  if (!to) throw conflict({ zh: `留言当前状态为“${STATUS_NAMES[m.status as Status].zh}”，不能执行此操作`, en: `The message is “${STATUS_NAMES[m.status as Status].en}”; this cannot be done now` });
  return { m, unit, to };
}

const audit = (tx: Tx, ctx: CommandContext, action: string, m: { id: number; unit_id: number; tracking_no: string }, summary: Record<string, unknown> = {}) =>
  recordAudit(tx, ctx.audit, { action, unitId: m.unit_id, subjectType: 'message', subjectId: m.id, summary: { tracking_no: m.tracking_no, ...summary } });

/** Gives the message to a member of its unit's staff. */
export async function assignMessage(db: Db, ctx: CommandContext, id: number, raw: { user_id?: unknown }): Promise<void> {
  const userId = Number(str(raw.user_id));
  await inTransaction(db, async (tx) => {
    const { m, to } = await lockFor(tx, ctx, id, 'message.handle', 'assign');
    const u = okId(userId) ? await tx.selectFrom('users').select(['id', 'display_name', 'unit_id', 'disabled']).where('id', '=', userId).executeTakeFirst() : undefined;
    if (!u || u.disabled || u.unit_id !== m.unit_id) throw invalid({ user_id: { zh: '请选择本单位的办理人', en: 'Choose a handler of this unit' } });
    await tx.updateTable('messages').set({ status: to, assigned_to: u.id, updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.assign', m, { assignee: u.display_name });
  });
}

/** Transfers the message to another (active) unit; the asker's due date is kept. */
export async function transferMessage(db: Db, ctx: CommandContext, id: number, raw: { unit_id?: unknown; note?: unknown }): Promise<void> {
  const target = Number(str(raw.unit_id));
  await inTransaction(db, async (tx) => {
    const { m, to } = await lockFor(tx, ctx, id, 'message.handle', 'transfer');
    const t = okId(target) ? await unitById(tx, target) : undefined;
    if (!t || !t.active || t.id === m.unit_id) throw invalid({ unit_id: { zh: '请选择另一个在用的单位', en: 'Choose another active unit' } });
    await tx.updateTable('messages').set({ status: to, unit_id: t.id, assigned_to: null, transfers: m.transfers + 1, updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.transfer', m, { to: t.name, to_unit: t.id });
  });
}

/** Answers (or corrects the answer before it is published); `document_index_no` links a published policy document. */
export async function answerMessage(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<void> {
  const { answer, errors } = validateAnswer(raw);
  const indexNo = str(raw.document_index_no);
  await inTransaction(db, async (tx) => {
    let documentId: number | null = null;
    if (indexNo) {
      const d = await tx.selectFrom('documents').select('id').where('index_no', '=', indexNo).where('status', '=', 'published').where('disclosure', '=', 'proactive').executeTakeFirst();
      if (!d) errors.document_index_no = { zh: '未找到该索引号的已公开文件', en: 'No published document has this index number' };
      else documentId = d.id;
    }
    if (Object.keys(errors).length) throw invalid(errors);
    const { m, to } = await lockFor(tx, ctx, id, 'message.handle', 'answer');
    await tx.updateTable('messages').set({ status: to, answer, answered_on: m.answered_on ?? today, answered_by: ctx.audit.name, document_id: documentId, updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.answer', m, { chars: answer.length, late: today > m.due_on });
  });
}

/**
 * Publishes an answered message — only with the asker's consent. The published question is the
 * staff-edited text (or the original), with personal data removed by `redact` either way.
 */
export async function publishMessage(db: Db, cfg: Pick<Config, 'piiKeys'>, ctx: CommandContext, id: number, raw: Record<string, unknown>): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { m, to } = await lockFor(tx, ctx, id, 'message.publish', 'publish');
    if (!m.consent) throw conflict({ zh: '留言人未同意公开，不能公开此留言', en: 'The asker did not agree to publication; this message cannot be published' });
    const name = m.name_enc ? decryptPii(cfg.piiKeys, 'name', m.name_enc) : '';
    const contact = decryptPii(cfg.piiKeys, 'contact', m.contact_enc);
    const clean = (s: string) => redact(s.split(contact).join('[联系方式已隐去]'), name);
    const subject = (str(raw.public_subject) || m.subject).slice(0, LIMITS.subject);
    const body = (str(raw.public_body) || m.body).slice(0, LIMITS.body);
    await tx.updateTable('messages').set({ status: to, public_subject: clean(subject), public_body: clean(body), public_answer: clean(m.answer ?? ''), published_at: new Date(), updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.publish', m);
  });
}

/** Sets a message aside (spam, abuse, duplicate …) with the reason; the asker sees the reason on the status page. */
export async function rejectMessage(db: Db, ctx: CommandContext, id: number, raw: { reason?: unknown; note?: unknown }): Promise<void> {
  const reason = str(raw.reason) as RejectReason;
  const note = str(raw.note).slice(0, LIMITS.reason);
  if (!REJECT_REASONS.includes(reason)) throw invalid({ reason: { zh: '请选择不予处理的理由', en: 'Choose the reason' } });
  await inTransaction(db, async (tx) => {
    const { m, to } = await lockFor(tx, ctx, id, 'message.handle', 'reject');
    await tx.updateTable('messages').set({ status: to, reject_reason: reason, reject_note: note, updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.reject', m, { reason });
  });
}

/** Merges an answered question into a FAQ entry of its unit: an existing one (`faq_id`) or a new one (`question`, `answer`). */
export async function mergeIntoFaq(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { m } = await lockFor(tx, ctx, id, 'message.publish', 'faq');
    let faqId = Number(str(raw.faq_id));
    if (faqId) {
      const f = okId(faqId) ? await tx.selectFrom('message_faqs').select(['id', 'unit_id']).where('id', '=', faqId).executeTakeFirst() : undefined;
      if (!f || f.unit_id !== m.unit_id) throw invalid({ faq_id: { zh: '请选择本单位的常见问题', en: 'Choose a FAQ entry of this unit' } });
    } else {
      const question = str(raw.question) || m.public_subject || redact(m.subject);
      const answer = str(raw.answer) || m.public_answer || m.answer || '';
      const errors: Record<string, Msg> = {};
      if (question.length < 2 || question.length > 200) errors.question = { zh: '请填写常见问题（2–200 字）', en: 'Enter the question (2–200 characters)' };
      if (answer.length < 5 || answer.length > LIMITS.answer) errors.answer = { zh: '请填写常见问题的答复（至少 5 字）', en: 'Enter the answer (at least 5 characters)' };
      if (Object.keys(errors).length) throw invalid(errors);
      faqId = (await tx.insertInto('message_faqs').values({ unit_id: m.unit_id, question, answer }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await tx.updateTable('messages').set({ faq_id: faqId, updated_at: new Date() }).where('id', '=', m.id).execute();
    await audit(tx, ctx, 'message.faq', m, { faq: faqId });
    return faqId;
  });
}

/** A unit's answer period in working days (1–30); new messages use it. */
export async function setAnswerWorkdays(db: Db, ctx: CommandContext, unitId: number, raw: { workdays?: unknown }): Promise<void> {
  const n = validateWorkdays(raw.workdays);
  if (n === null) throw invalid({ workdays: { zh: '答复期限须为 1 至 30 个工作日', en: 'The answer period must be 1 to 30 working days' } });
  await inTransaction(db, async (tx) => {
    const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'message.settings', unit.path);
    await tx.insertInto('message_settings').values({ unit_id: unit.id, answer_workdays: n }).onConflict((oc) => oc.column('unit_id').doUpdateSet({ answer_workdays: n, updated_at: new Date() })).execute();
    await recordAudit(tx, ctx.audit, { action: 'message.settings', unitId: unit.id, subjectType: 'unit', subjectId: unit.id, summary: { workdays: n } });
  });
}

/** The asker's name and contact, for staff who handle the message; each reading is audited. */
export async function revealContact(db: Db, cfg: Pick<Config, 'piiKeys'>, ctx: CommandContext, id: number): Promise<{ name: string; contact: string }> {
  return inTransaction(db, async (tx) => {
    const m = okId(id) ? await tx.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!m) throw notFound(MESSAGE);
    authorize(ctx, 'message.handle', (await unitById(tx, m.unit_id))!.path);
    await audit(tx, ctx, 'message.contact.view', m);
    return { name: m.name_enc ? decryptPii(cfg.piiKeys, 'name', m.name_enc) : '', contact: decryptPii(cfg.piiKeys, 'contact', m.contact_enc) };
  });
}

/** The attachments' names (decrypted) for staff who may see the message; the bytes only through `readAttachment`. */
export async function attachmentList(db: Db, cfg: Pick<Config, 'piiKeys'>, messageId: number) {
  const rows = await db.selectFrom('message_attachments').select(['id', 'mime', 'size', 'filename_enc']).where('message_id', '=', messageId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, mime: r.mime, size: r.size, filename: decryptPii(cfg.piiKeys, 'attachment_name', r.filename_enc) }));
}

/** One attachment's bytes, for staff who handle the message; each reading is audited. */
export async function readAttachment(db: Db, cfg: Pick<Config, 'piiKeys'>, ctx: CommandContext, messageId: number, attachmentId: number) {
  return inTransaction(db, async (tx) => {
    const m = okId(messageId) ? await tx.selectFrom('messages').select(['id', 'unit_id', 'tracking_no']).where('id', '=', messageId).executeTakeFirst() : undefined;
    const a = m && okId(attachmentId) ? await tx.selectFrom('message_attachments').selectAll().where('id', '=', attachmentId).where('message_id', '=', m.id).executeTakeFirst() : undefined;
    if (!m || !a) throw notFound({ zh: '附件', en: 'attachment' });
    authorize(ctx, 'message.handle', (await unitById(tx, m.unit_id))!.path);
    await audit(tx, ctx, 'message.attachment.view', m, { attachment: a.id });
    return { mime: a.mime, filename: decryptPii(cfg.piiKeys, 'attachment_name', a.filename_enc), bytes: decryptPiiBytes(cfg.piiKeys, 'attachment', a.content_enc) };
  });
}
