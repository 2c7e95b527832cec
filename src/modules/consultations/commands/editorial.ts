/**
 * Staff use-cases of 重大行政决策 participation. A unit's editors keep its 决策事项目录, write the draft and
 * explanation, schedule hearings and moderate comments; its reviewers (and admins) publish the call for
 * comments, the feedback (采纳情况) and hearing records, and mark a decision made. Each write is audited.
 */
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { defineRules } from '../../../core/auth/policy.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { sanitizeRichText } from '../../documents/domain/sanitize.ts';
import { unitById } from '../../units/repository.ts';
import {
  adoptionBlocker, checkWindow, DECISION_STATUSES, phaseOf, validateConsultation, validateDecision, validateFeedback, validateHearing, validateModeration,
  type DecisionStatus,
} from '../domain/rules.ts';

defineRules({
  'consultation.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'consultation.edit': ['system_admin', 'unit_admin', 'editor'],
  'consultation.moderate': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'consultation.publish': ['system_admin', 'unit_admin', 'reviewer'],
});

const DECISION = { zh: '决策事项', en: 'decision' };
const CONSULTATION = { zh: '征求意见', en: 'consultation' };
const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

async function unitFor(tx: Tx, ctx: CommandContext, unitId: number, action: string) {
  const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, action, unit.path);
  return unit;
}

async function lockDecision(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const d = okId(id) ? await tx.selectFrom('decisions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!d) throw notFound(DECISION);
  return { decision: d, unit: await unitFor(tx, ctx, d.unit_id, action) };
}

async function lockConsultation(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const c = okId(id) ? await tx.selectFrom('consultations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!c) throw notFound(CONSULTATION);
  return { consultation: c, unit: await unitFor(tx, ctx, c.unit_id, action) };
}

/** Adds (id null) or edits an entry of a unit's 决策事项目录 (第三条第三款). */
export async function saveDecision(db: Db, ctx: CommandContext, o: { id: number | null; unitId: number }, raw: Record<string, unknown>, today = shanghaiDate()): Promise<number> {
  const { value, errors } = validateDecision(raw, today);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    let id = o.id;
    let unitId: number;
    if (id === null) {
      unitId = (await unitFor(tx, ctx, o.unitId, 'consultation.edit')).id;
      id = (await tx.insertInto('decisions').values({ unit_id: unitId, ...value }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const { decision } = await lockDecision(tx, ctx, id, 'consultation.edit');
      unitId = decision.unit_id;
      await tx.updateTable('decisions').set({ ...value, updated_at: new Date() }).where('id', '=', id).execute();
    }
    await recordAudit(tx, ctx.audit, { action: 'consultation.decision.save', unitId, subjectType: 'decision', subjectId: id, summary: { title: value.title, year: value.year } });
    return id;
  });
}

/** Moves a catalogue entry on; "decided" needs every consultation's feedback published (domain `adoptionBlocker`). */
export async function setDecisionStatus(db: Db, ctx: CommandContext, id: number, raw: { status?: unknown; decided_on?: unknown }, today = shanghaiDate()): Promise<void> {
  const status = String(raw.status ?? '') as DecisionStatus;
  if (!DECISION_STATUSES.includes(status)) throw invalid({ status: { zh: '请选择状态', en: 'Choose a status' } });
  const decidedOn = String(raw.decided_on ?? '').trim() || today;
  if (status === 'adopted' && (!/^\d{4}-\d{2}-\d{2}$/.test(decidedOn) || decidedOn > today)) throw invalid({ decided_on: { zh: '决策日期须为不晚于今天的有效日期', en: 'The decision date must be a valid date, not in the future' } });
  await inTransaction(db, async (tx) => {
    const { decision } = await lockDecision(tx, ctx, id, 'consultation.publish');
    if (status === 'adopted') {
      const cs = await tx.selectFrom('consultations').select(['title', 'published_at', 'feedback_published_at']).where('decision_id', '=', id).execute();
      const blocker = adoptionBlocker(cs.map((c) => ({ title: c.title, published: !!c.published_at, feedback_published: !!c.feedback_published_at })));
      if (blocker) throw new AppError(409, 'feedback_missing', blocker, { status: blocker });
    }
    await tx.updateTable('decisions').set({ status, decided_on: status === 'adopted' ? decidedOn : null, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.decision.status', unitId: decision.unit_id, subjectType: 'decision', subjectId: id, summary: { title: decision.title, from: decision.status, to: status } });
  });
}

async function documentIds(tx: Tx, indexNos: string[]): Promise<{ ids: number[]; error: Msg | null }> {
  if (!indexNos.length) return { ids: [], error: null };
  const rows = await tx.selectFrom('documents').select(['id', 'index_no', 'status', 'disclosure']).where('index_no', 'in', indexNos).execute();
  const ok = new Map(rows.filter((r) => r.status === 'published' && r.disclosure === 'proactive').map((r) => [r.index_no, r.id]));
  const bad = indexNos.filter((n) => !ok.has(n));
  if (bad.length) return { ids: [], error: { zh: `以下索引号不是已主动公开的文件：${bad.join('、')}`, en: `Not published documents: ${bad.join(', ')}` } };
  return { ids: indexNos.map((n) => ok.get(n)!), error: null };
}

/** Creates (id null) or edits the call for comments of a decision, while it is unpublished. */
export async function saveConsultation(db: Db, ctx: CommandContext, o: { id: number | null; decisionId: number }, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateConsultation(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const row = { title: value.title, draft_html: sanitizeRichText(value.draft_html), explanation_html: sanitizeRichText(value.explanation_html), opens_on: value.opens_on, closes_on: value.closes_on, short_reason: value.short_reason };
  return inTransaction(db, async (tx) => {
    const docs = await documentIds(tx, value.related);
    if (docs.error) throw invalid({ related: docs.error });
    let id = o.id;
    let unitId: number;
    if (id === null) {
      const { decision } = await lockDecision(tx, ctx, o.decisionId, 'consultation.edit');
      unitId = decision.unit_id;
      id = (await tx.insertInto('consultations').values({ decision_id: decision.id, unit_id: unitId, ...row }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const { consultation } = await lockConsultation(tx, ctx, id, 'consultation.edit');
      if (consultation.published_at) throw conflict({ zh: '征求意见已发布，不能再修改草案和期限', en: 'The consultation is published; its draft and window can no longer change' });
      unitId = consultation.unit_id;
      await tx.updateTable('consultations').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
      await tx.deleteFrom('consultation_documents').where('consultation_id', '=', id).execute();
    }
    for (const [i, d] of docs.ids.entries()) await tx.insertInto('consultation_documents').values({ consultation_id: id, document_id: d, position: i }).execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.save', unitId, subjectType: 'consultation', subjectId: id, summary: { title: value.title, opens_on: value.opens_on, closes_on: value.closes_on, short_reason: value.short_reason || undefined } });
    return id;
  });
}

/** Publishes the call for comments (第十五条): the window may not start before the day it is published. */
export async function publishConsultation(db: Db, ctx: CommandContext, id: number, today = shanghaiDate()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { consultation: c } = await lockConsultation(tx, ctx, id, 'consultation.publish');
    if (c.published_at) throw conflict({ zh: '征求意见已发布', en: 'Already published' });
    const errors = checkWindow(c);
    if (c.opens_on < today) errors.opens_on = { zh: '开始日期已过，请改为今天或以后再发布（否则征求意见期限被缩短）', en: 'The opening date has passed: move it to today or later (else the window is shortened)' };
    if (Object.keys(errors).length) throw invalid(errors);
    await tx.updateTable('consultations').set({ published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await tx.updateTable('decisions').set({ status: 'consulting', updated_at: new Date() }).where('id', '=', c.decision_id).where('status', '=', 'planned').execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.publish', unitId: c.unit_id, subjectType: 'consultation', subjectId: id, summary: { title: c.title, opens_on: c.opens_on, closes_on: c.closes_on } });
  });
}

/** Publishes a pending comment, or refuses it with a reason (shown publicly as a count per reason). */
export async function moderateComment(db: Db, ctx: CommandContext, commentId: number, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateModeration(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const k = okId(commentId) ? await tx.selectFrom('consultation_comments').select(['id', 'consultation_id', 'status']).where('id', '=', commentId).forUpdate().executeTakeFirst() : undefined;
    if (!k) throw notFound({ zh: '意见', en: 'comment' });
    const { consultation } = await lockConsultation(tx, ctx, k.consultation_id, 'consultation.moderate');
    if (k.status !== 'pending') throw conflict({ zh: '该意见已审核', en: 'This comment was already moderated' });
    await tx.updateTable('consultation_comments').set({ status: value.action === 'publish' ? 'published' : 'rejected', reject_reason: value.reason, moderated_by: ctx.audit.name, moderated_at: new Date() }).where('id', '=', k.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.comment.moderate', unitId: consultation.unit_id, subjectType: 'consultation', subjectId: consultation.id, summary: { comment: k.id, result: value.action, reason: value.reason ?? undefined } });
    return consultation.id;
  });
}

/**
 * Publishes the 意见采纳情况 (第十八条, 第三十二条): after the window closed and every comment was moderated,
 * a verdict for each published comment (with the reason when not adopted) and a summary.
 */
export async function publishFeedback(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { consultation: c } = await lockConsultation(tx, ctx, id, 'consultation.publish');
    if (c.feedback_published_at) throw conflict({ zh: '采纳情况已公布', en: 'The feedback is already published' });
    const phase = phaseOf({ published: !!c.published_at, opens_on: c.opens_on, closes_on: c.closes_on }, today);
    if (phase !== 'closed') throw conflict({ zh: '征求意见结束后才能公布采纳情况', en: 'The feedback can be published only after the consultation closed' });
    const comments = await tx.selectFrom('consultation_comments').select(['id', 'status']).where('consultation_id', '=', id).execute();
    if (comments.some((k) => k.status === 'pending')) throw conflict({ zh: '还有意见未审核，请先审核全部意见', en: 'Some comments are still awaiting moderation' });
    const published = comments.filter((k) => k.status === 'published').map((k) => k.id);
    const { value, errors } = validateFeedback(raw, published);
    if (Object.keys(errors).length) throw invalid(errors);
    for (const [cid, v] of value.verdicts) await tx.updateTable('consultation_comments').set({ adoption: v.adoption, response: v.response }).where('id', '=', cid).execute();
    await tx.updateTable('consultations').set({ feedback_summary: value.summary, feedback_published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await tx.updateTable('decisions').set({ status: 'deciding', updated_at: new Date() }).where('id', '=', c.decision_id).where('status', 'in', ['planned', 'consulting']).execute();
    const adopted = [...value.verdicts.values()].filter((v) => v.adoption === 'adopted').length;
    await recordAudit(tx, ctx.audit, { action: 'consultation.feedback.publish', unitId: c.unit_id, subjectType: 'consultation', subjectId: id, summary: { title: c.title, received: comments.length, published: published.length, adopted } });
  });
}

/** Schedules (id null) or changes a hearing (第十六条) of a consultation. */
export async function saveHearing(db: Db, ctx: CommandContext, o: { id: number | null; consultationId: number }, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateHearing(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    let consultationId = o.consultationId;
    if (o.id !== null) {
      const h = okId(o.id) ? await tx.selectFrom('hearings').select(['consultation_id', 'record_published_at']).where('id', '=', o.id).forUpdate().executeTakeFirst() : undefined;
      if (!h) throw notFound({ zh: '听证会', en: 'hearing' });
      if (h.record_published_at) throw conflict({ zh: '听证会记录已公布，不能再修改', en: 'The record is published; the hearing can no longer change' });
      consultationId = h.consultation_id;
    }
    const { consultation: c } = await lockConsultation(tx, ctx, consultationId, 'consultation.edit');
    const id = o.id === null
      ? (await tx.insertInto('hearings').values({ consultation_id: c.id, ...value }).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.updateTable('hearings').set(value).where('id', '=', o.id).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(tx, ctx.audit, { action: 'consultation.hearing.save', unitId: c.unit_id, subjectType: 'consultation', subjectId: c.id, summary: { hearing: id, held_on: value.held_on, place: value.place } });
    return id;
  });
}

async function lockHearing(tx: Tx, ctx: CommandContext, hearingId: number, action: string) {
  const h = okId(hearingId) ? await tx.selectFrom('hearings').selectAll().where('id', '=', hearingId).forUpdate().executeTakeFirst() : undefined;
  if (!h) throw notFound({ zh: '听证会', en: 'hearing' });
  return { hearing: h, ...(await lockConsultation(tx, ctx, h.consultation_id, action)) };
}

/** Chooses (or not) a person who signed up; the chosen names are published before the hearing (第十六条第三款). */
export async function selectSignup(db: Db, ctx: CommandContext, signupId: number, selected: boolean): Promise<number> {
  return inTransaction(db, async (tx) => {
    const s = okId(signupId) ? await tx.selectFrom('hearing_signups').select(['id', 'hearing_id']).where('id', '=', signupId).forUpdate().executeTakeFirst() : undefined;
    if (!s) throw notFound({ zh: '报名', en: 'sign-up' });
    const { hearing, consultation } = await lockHearing(tx, ctx, s.hearing_id, 'consultation.edit');
    if (selected) {
      const n = await tx.selectFrom('hearing_signups').select((eb) => eb.fn.countAll<number>().as('n')).where('hearing_id', '=', hearing.id).where('status', '=', 'selected').where('id', '<>', s.id).executeTakeFirstOrThrow();
      if (Number(n.n) >= hearing.seats) throw conflict({ zh: `名额已满（${hearing.seats} 人）`, en: `All ${hearing.seats} seats are taken` });
    }
    await tx.updateTable('hearing_signups').set({ status: selected ? 'selected' : 'not_selected' }).where('id', '=', s.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.hearing.select', unitId: consultation.unit_id, subjectType: 'consultation', subjectId: consultation.id, summary: { hearing: hearing.id, signup: s.id, selected } });
    return consultation.id;
  });
}

/** Publishes the record of a hearing that took place (第十七条: the record the participants confirmed). */
export async function publishHearingRecord(db: Db, ctx: CommandContext, hearingId: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<number> {
  const record = String(raw.record ?? '').trim();
  if (!record) throw invalid({ record: { zh: '请填写听证会记录', en: 'The record is required' } });
  if (record.length > 50_000) throw invalid({ record: { zh: '听证会记录不能超过 50000 字', en: 'At most 50,000 characters' } });
  return inTransaction(db, async (tx) => {
    const { hearing, consultation } = await lockHearing(tx, ctx, hearingId, 'consultation.publish');
    if (hearing.held_on > today) throw conflict({ zh: '听证会尚未举行', en: 'The hearing has not taken place yet' });
    if (hearing.record_published_at) throw conflict({ zh: '听证会记录已公布', en: 'The record is already published' });
    await tx.updateTable('hearings').set({ record_text: record, record_published_at: new Date() }).where('id', '=', hearing.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'consultation.hearing.record', unitId: consultation.unit_id, subjectType: 'consultation', subjectId: consultation.id, summary: { hearing: hearing.id, held_on: hearing.held_on } });
    return consultation.id;
  });
}
