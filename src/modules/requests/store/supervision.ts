/**
 * Supervision of cases: administrative reconsideration and litigation records (行政复议、行政诉讼 —
 * table 4 of the annual report, 条例 第五十条第三项; remedies of 第五十一条), audited views of the
 * applicant's full personal data, and the in-app reminders list.
 */
import { inTransaction, type DbOrTx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { isIsoDate } from '../domain/index.ts';
import { caseById } from './repository.ts';
import { canViewPii } from '../policy.ts';
import { decryptOrNull, decryptPii, decryptPiiBytes, piiKeys } from '../../../core/pii/crypto.ts';

export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const APPEAL_OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const APPEAL_KIND_LABELS: Record<AppealKind, Msg> = {
  review: { zh: '行政复议', en: 'Administrative reconsideration' },
  litigation_direct: { zh: '行政诉讼（未经复议直接起诉）', en: 'Lawsuit without prior reconsideration' },
  litigation_after_review: { zh: '行政诉讼（复议后起诉）', en: 'Lawsuit after reconsideration' },
};
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, Msg> = {
  upheld: { zh: '结果维持', en: 'Upheld' },
  corrected: { zh: '结果纠正', en: 'Corrected' },
  other: { zh: '其他结果', en: 'Other result' },
  pending: { zh: '尚未审结', en: 'Pending' },
};

export interface AppealInput {
  kind?: string;
  outcome?: string;
  filed_on?: string;
  decided_on?: string;
  /** 复议机关 or the court */
  body?: string;
  note?: string;
}

function validateAppeal(raw: AppealInput, today: string) {
  const e: Record<string, Msg> = {};
  const kind = (raw.kind ?? '').trim();
  const outcome = (raw.outcome ?? 'pending').trim();
  const filed = (raw.filed_on ?? '').trim() || null;
  const decided = (raw.decided_on ?? '').trim() || null;
  if (!(APPEAL_KINDS as readonly string[]).includes(kind)) e.kind = { zh: '请选择复议或诉讼类别', en: 'Choose the kind' };
  if (!(APPEAL_OUTCOMES as readonly string[]).includes(outcome)) e.outcome = { zh: '请选择结果', en: 'Choose the outcome' };
  if (filed && (!isIsoDate(filed) || filed > today)) e.filed_on = { zh: '提起日期无效', en: 'Invalid filing date' };
  if (decided && (!isIsoDate(decided) || decided > today)) e.decided_on = { zh: '决定（判决）日期无效', en: 'Invalid decision date' };
  // The report counts a result in the year it was decided (reports/domain/compute.ts), so it needs that date.
  if (outcome !== 'pending' && !decided && !e.decided_on) e.decided_on = { zh: '已有结果的，请填写决定或判决日期', en: 'Enter the decision date of a decided case' };
  if (outcome === 'pending' && decided) e.decided_on = { zh: '尚未审结的，不应填写决定日期', en: 'A pending case has no decision date' };
  if (filed && decided && decided < filed) e.decided_on = { zh: '决定日期不能早于提起日期', en: 'Decided before it was filed' };
  const body = (raw.body ?? '').trim();
  if (body.length > 100) e.body = { zh: '复议机关或法院名称过长（不超过100字）', en: 'The body or court name is too long (100 characters at most)' };
  if (Object.keys(e).length) throw invalid(e);
  return { kind: kind as AppealKind, outcome: outcome as AppealOutcome, filed_on: filed, decided_on: decided, body: body || null, note: raw.note?.trim().slice(0, 500) || null };
}

export const APPEAL_ALREADY_RECORDED = {
  zh: '本案已登记一件同类、提起日期相同的复议或诉讼；请在该记录上更新结果，不要另行登记（否则表四会重复统计）',
  en: 'An appeal of this kind filed on this date is already recorded for this case; update that record instead of recording it again (table 4 would count it twice)',
};

export const APPEAL_ALREADY_PENDING = {
  zh: '本案已登记一件同类且尚未审结的复议或诉讼；请在该记录上更新结果，不要另行登记（否则表四会重复统计）',
  en: 'A pending appeal of this kind is already recorded for this case; update its outcome instead of recording it again (table 4 would count it twice)',
};

export async function recordAppeal(db: DbOrTx, ctx: CommandContext, caseId: number, raw: AppealInput, opts: { today?: string } = {}): Promise<number> {
  return inTransaction(db, async (tx) => {
    const c = await caseById(tx, caseId);
    if (!c) throw notFound({ zh: '申请', en: 'application' });
    // authorised before the input is judged: someone who may not record appeals learns nothing from 422s
    authorize(ctx, 'request.appeal', c.unit_path);
    const v = validateAppeal(raw, opts.today ?? shanghaiDate());
    // An appeal is one row from filing to outcome (#14.4): an outcome recorded as a new entry while the
    // same kind is pending on the case is the pending one's outcome — refused, pointing to the update.
    const pending = await tx.selectFrom('request_appeals').select('id').where('case_id', '=', caseId).where('kind', '=', v.kind).where('outcome', '=', 'pending').executeTakeFirst();
    if (pending && v.outcome !== 'pending' && (!v.filed_on || (await sameFiling(tx, pending.id, v.filed_on)))) {
      throw new AppError(409, 'appeal_pending', APPEAL_ALREADY_PENDING, { outcome: APPEAL_ALREADY_PENDING });
    }
    // The same appeal entered again after its outcome was recorded (same kind, same filing date — a
    // colleague recording the decision a second time) would count twice in table 4 as well.
    if (v.filed_on) {
      const same = await tx.selectFrom('request_appeals').select('id').where('case_id', '=', caseId).where('kind', '=', v.kind).where('filed_on', '=', v.filed_on).executeTakeFirst();
      if (same) throw new AppError(409, 'appeal_recorded', APPEAL_ALREADY_RECORDED, { filed_on: APPEAL_ALREADY_RECORDED });
    }
    const row = await tx.insertInto('request_appeals').values({ case_id: caseId, ...v, created_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'request.appeal.add', unitId: c.unit_id, subjectType: 'request_case', subjectId: caseId, summary: { ref: c.ref, appeal: row.id, kind: v.kind, outcome: v.outcome } });
    return row.id;
  });
}

/** A pending appeal filed on another date than the new entry's is another appeal (e.g. a second 复议 after a new reply). */
async function sameFiling(tx: DbOrTx, pendingId: number, filed: string): Promise<boolean> {
  const p = await tx.selectFrom('request_appeals').select('filed_on').where('id', '=', pendingId).executeTakeFirstOrThrow();
  return !p.filed_on || p.filed_on === filed;
}

/**
 * Moves an appeal on in its life (filed → outcome) in place: the same row, so table 4 counts it once
 * by its current state. Fields left out keep their value (the kind never changes: a lawsuit after
 * reconsideration is a new appeal). `opts.caseId`, when given, must be the appeal's case.
 */
export async function updateAppeal(db: DbOrTx, ctx: CommandContext, appealId: number, raw: AppealInput, opts: { today?: string; caseId?: number } = {}): Promise<void> {
  await inTransaction(db, async (tx) => {
    const a = await tx.selectFrom('request_appeals').selectAll().where('id', '=', appealId).executeTakeFirst();
    if (!a || (opts.caseId !== undefined && a.case_id !== opts.caseId)) throw notFound({ zh: '复议诉讼记录', en: 'appeal' });
    const c = (await caseById(tx, a.case_id))!;
    authorize(ctx, 'request.appeal', c.unit_path);
    const keep = (k: keyof AppealInput, old: string | null) => (raw[k] === undefined ? old ?? undefined : raw[k]);
    const v = validateAppeal({ kind: a.kind, outcome: raw.outcome ?? a.outcome, filed_on: keep('filed_on', a.filed_on), decided_on: keep('decided_on', a.decided_on), body: keep('body', a.body), note: keep('note', a.note) }, opts.today ?? shanghaiDate());
    await tx.updateTable('request_appeals').set({ ...v, updated_at: new Date() }).where('id', '=', appealId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.appeal.update', unitId: c.unit_id, subjectType: 'request_case', subjectId: c.id, summary: { appeal: appealId, before: { kind: a.kind, outcome: a.outcome, decided_on: a.decided_on }, after: { kind: v.kind, outcome: v.outcome, decided_on: v.decided_on } } });
  });
}

export interface RevealedPii {
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

/**
 * The applicant's full identity number, phone, e-mail and address, for the case's handler only
 * (个人信息保护法 第五十一条: access control), each view recorded in the audit log (without the data).
 */
export async function revealPii(db: DbOrTx, ctx: CommandContext, keys: readonly Buffer[], caseId: number): Promise<RevealedPii> {
  return inTransaction(db, async (tx) => {
    const c = await caseById(tx, caseId);
    if (!c) throw notFound({ zh: '申请', en: 'application' });
    if (ctx.actor && !canViewPii(ctx.actor, c)) throw forbidden();
    await recordAudit(tx, ctx.audit, { action: 'request.pii.view', unitId: c.unit_id, subjectType: 'request_case', subjectId: caseId, summary: { ref: c.ref, fields: ['id_number', 'phone', 'email', 'address', 'postcode'] } });
    return {
      idNumber: decryptOrNull(keys, 'id_number', c.id_number_enc),
      phone: decryptOrNull(keys, 'phone', c.phone_enc),
      email: decryptOrNull(keys, 'email', c.email_enc),
      address: decryptOrNull(keys, 'address', c.address_enc),
      postcode: c.postcode,
    };
  });
}

/** An attachment (often an identity document scan): for the case's handler only, each download audited. */
export async function attachmentForHandler(db: DbOrTx, ctx: CommandContext, caseId: number, attachmentId: number) {
  return inTransaction(db, async (tx) => {
    const c = await caseById(tx, caseId);
    if (!c) throw notFound({ zh: '申请', en: 'application' });
    if (ctx.actor && !canViewPii(ctx.actor, c)) throw forbidden();
    const a = await tx.selectFrom('request_attachments').selectAll().where('id', '=', attachmentId).where('case_id', '=', caseId).executeTakeFirst();
    if (!a) throw notFound({ zh: '附件', en: 'attachment' });
    await recordAudit(tx, ctx.audit, { action: 'request.attachment.view', unitId: c.unit_id, subjectType: 'request_case', subjectId: caseId, summary: { ref: c.ref, attachment: a.id, sha256: a.sha256 } });
    const keys = piiKeys();
    return { id: a.id, mime: a.mime, size: a.size, sha256: a.sha256, filename: decryptPii(keys, 'attachment_name', a.filename_enc), content: decryptPiiBytes(keys, 'attachment', a.content_enc) };
  });
}

export async function notificationsFor(db: DbOrTx, userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  let q = db
    .selectFrom('request_notifications as n')
    .innerJoin('request_cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.kind', 'n.due_on', 'n.message', 'n.created_at', 'n.read_at', 'c.id as case_id', 'c.ref'])
    .where('n.user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('n.read_at', 'is', null);
  return q.orderBy('n.id', 'desc').limit(opts.limit ?? 100).execute();
}

export async function markNotificationsRead(db: DbOrTx, userId: number, ids?: number[]): Promise<void> {
  let q = db.updateTable('request_notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids?.length) q = q.where('id', 'in', ids);
  await q.execute();
}
