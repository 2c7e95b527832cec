/**
 * How an application comes in (条例 第二十九条、第三十一条):
 *   - online, by the citizen: validated in full, then written in one transaction as an intake record
 *     ('submitted') with a tracking number and a secret query code; the receipt date is set when staff
 *     confirm it (第三十一条第三项: the day both sides confirm). If anything fails after validation, the
 *     raw submission is kept, encrypted, in `request_submissions_inbox` for staff to recover — a
 *     citizen's application is never lost.
 *   - by staff, for applications received in person, by post, by ordinary letter or by fax, with the
 *     receipt date of 第三十一条 for each channel (domain `receiptDate`).
 *   - by transfer from another unit of the cluster (第十条), as an intake record of the receiving unit.
 */
import type { Db, DbOrTx, Tx } from '../../core/db/index.ts';
import { inTransaction } from '../../core/db/index.ts';
import { recordAudit, type AuditActor } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import type { Config } from '../../config/env.ts';
import type { JobLogger } from '../../core/jobs/index.ts';
import { sniffAttachment } from '../documents/domain/filetype.ts';
import { unitById, type Unit } from '../units/repository.ts';
import { openCase, receiptDate, type Channel, type ReceiptFacts } from './domain/index.ts';
import { validateApplication, validateStaffEntry, type IntakeValue } from './domain/intake.ts';
import { hashQueryCode, makeQueryCode } from './http/guard.ts';
import { decryptOrNull, decryptPii, encryptPii, piiKeys } from '../../core/pii/crypto.ts';
import { attachmentColumns, freshTrackingNo, insertCase, storeEvent } from './store/case-store.ts';
import { caseById, type CaseWithUnit } from './store/repository.ts';
import { calendarForUnit, caseDeadline, deadlineColumns, ruleFailed } from './store/deadline.ts';
import { domainActor } from './policy.ts';
import { createDraft } from './store/letters-store.ts';

export interface Upload {
  filename: string;
  data: Buffer;
}

export const MAX_ATTACHMENTS = 3;

interface CheckedFile {
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/** Attachments are typed by their bytes, never their names (documents/domain/filetype.ts). */
async function checkUploads(files: Upload[], maxBytes: number, errors: Record<string, Msg>): Promise<CheckedFile[]> {
  const real = files.filter((f) => f.filename || f.data.length);
  if (real.length > MAX_ATTACHMENTS) errors.attachments = { zh: `最多上传 ${MAX_ATTACHMENTS} 个附件`, en: `At most ${MAX_ATTACHMENTS} attachments` };
  const out: CheckedFile[] = [];
  for (const f of real.slice(0, MAX_ATTACHMENTS)) {
    const r = await sniffAttachment(f.data, f.filename, { maxBytes });
    if (!r.ok) {
      errors.attachments = { zh: `附件“${f.filename.slice(0, 60)}”：${r.message.zh}`, en: `Attachment “${f.filename.slice(0, 60)}”: ${r.message.en}` };
      continue;
    }
    out.push({ filename: f.filename.split(/[\\/]/).pop()!.slice(0, 120), mime: r.mime, size: r.size, sha256: r.sha256, data: f.data });
  }
  return out;
}

/** Stored encrypted (name and bytes, core/pii/crypto.ts): often an identity document scan. */
async function insertAttachments(tx: Tx, keys: readonly Buffer[], caseId: number, files: CheckedFile[]): Promise<void> {
  for (const f of files) {
    await tx.insertInto('request_attachments').values({ case_id: caseId, mime: f.mime, size: f.size, sha256: f.sha256, ...attachmentColumns(keys, f) }).execute();
  }
}

export type SubmitResult =
  | { kind: 'created'; caseId: number; trackingNo: string; queryCode: string }
  | { kind: 'inbox'; inboxId: number };

export interface SubmitMeta {
  ip: string | null;
  now?: Date;
  log?: Pick<JobLogger, 'warn' | 'error'>;
}

const PUBLIC: (ip: string | null) => AuditActor = (ip) => ({ id: null, name: 'public', ip });

interface InboxPayload {
  unitId: number;
  submittedAt: string;
  intake: IntakeValue;
  attachments: { filename: string; base64: string }[];
}

/** A citizen's online application. Throws 422 (nothing stored) on bad input. */
export async function submitOnline(db: Db, cfg: Config, unit: Unit, raw: Record<string, unknown>, files: Upload[], meta: SubmitMeta): Promise<SubmitResult> {
  const now = meta.now ?? new Date();
  const today = shanghaiDate(now);
  const { value, errors } = validateApplication(raw, { today, requireIdentity: true });
  const checked = await checkUploads(files, cfg.maxUploadMb * 1024 * 1024, errors);
  if (!unit.active) errors.unit = { zh: '该单位已停止受理', en: 'This unit no longer accepts applications' };
  if (Object.keys(errors).length) throw invalid(errors);

  const queryCode = makeQueryCode();
  try {
    const queryCodeHash = await hashQueryCode(queryCode);
    const created = await inTransaction(db, async (tx) => {
      const trackingNo = await freshTrackingNo(tx, today);
      const caseId = await insertCase(tx, cfg.piiKeys, { unitId: unit.id, trackingNo, queryCodeHash, source: 'online', status: 'submitted', channel: 'online', intake: value, submittedAt: now });
      await keepQueryCodeForReceipt(tx, cfg.piiKeys, caseId, queryCode);
      await insertAttachments(tx, cfg.piiKeys, caseId, checked);
      await recordAudit(tx, PUBLIC(meta.ip), { action: 'request.submit', unitId: unit.id, subjectType: 'request_case', subjectId: caseId, summary: { tracking_no: trackingNo, category: value.category, attachments: checked.length } });
      return { caseId, trackingNo };
    });
    return { kind: 'created', ...created, queryCode };
  } catch (err) {
    // Validated but not stored: keep the submission (encrypted) for staff, and tell the citizen so.
    const payload: InboxPayload = { unitId: unit.id, submittedAt: now.toISOString(), intake: value, attachments: checked.map((f) => ({ filename: f.filename, base64: f.data.toString('base64') })) };
    const code = (err as { code?: string }).code ?? (err as Error).name ?? 'error';
    const inbox = await db
      .insertInto('request_submissions_inbox')
      .values({ unit_id: unit.id, payload_enc: encryptPii(cfg.piiKeys, 'submission', JSON.stringify(payload)), error_code: String(code).slice(0, 60), status: 'pending' })
      .returning('id')
      .executeTakeFirst()
      .catch((e2: unknown) => {
        meta.log?.error({ errCode: (e2 as { code?: string }).code ?? 'unknown' }, 'request submission could not be stored, not even in the inbox');
        return undefined;
      });
    if (!inbox) throw err;
    meta.log?.warn({ inboxId: inbox.id, errCode: String(code) }, 'request submission kept in the inbox after a storage error');
    return { kind: 'inbox', inboxId: inbox.id };
  }
}

export interface RegisterResult {
  caseId: number;
  trackingNo: string;
  queryCode: string;
  warnings: Msg[];
}

/** The 回执 prints the query code (#14.8); for an online submission it waits, encrypted, until staff confirm it. */
async function keepQueryCodeForReceipt(tx: Tx, keys: readonly Buffer[], caseId: number, code: string): Promise<void> {
  await tx.updateTable('request_cases').set({ query_code_enc: encryptPii(keys, 'query_code', code) }).where('id', '=', caseId).execute();
}

/**
 * Registers the case's first event and its receipt letter draft inside a transaction. The receipt
 * prints the query code: the one just made (staff entry), else the one kept since the online
 * submission, which is then forgotten.
 */
async function registerInTx(tx: Tx, ctx: CommandContext, c: CaseWithUnit, channel: Channel, receivedOn: string, today: string, code?: string): Promise<void> {
  const queryCode = code ?? (c.query_code_enc ? decryptOrNull(piiKeys(), 'query_code', c.query_code_enc) ?? undefined : undefined);
  const r = openCase({ type: 'register', date: receivedOn, channel, category: c.category as never, id: String(c.id), unitId: String(c.unit_id) }, domainActor(ctx, c.unit_path), today);
  if (!r.ok) throw ruleFailed(r.error);
  const cal = await calendarForUnit(tx, c.unit_code);
  const d = caseDeadline([r.value.event], cal, today);
  await storeEvent(tx, ctx, c, 1, r.value.event);
  const handler = ctx.actor && (ctx.actor.grants.some((g) => c.unit_path.startsWith(g.unitPath) && (g.role === 'case_handler' || g.role === 'unit_admin'))) ? ctx.actor.userId : null;
  await tx
    .updateTable('request_cases')
    .set({ status: 'registered', received_on: receivedOn, ...deadlineColumns(d), ...(c.handler_id === null && handler ? { handler_id: handler } : {}), updated_at: new Date() })
    .where('id', '=', c.id)
    .execute();
  await recordAudit(tx, ctx.audit, { action: 'request.register', unitId: c.unit_id, subjectType: 'request_case', subjectId: c.id, summary: { ref: c.ref, channel, received: receivedOn, due: d.due } });
  const fresh = { ...c, received_on: receivedOn };
  await createDraft(tx, ctx, fresh, 'receipt', (b) => ({ ...b, channel, caseNo: c.tracking_no ?? c.ref, ...(d.due ? { dueDate: d.due } : {}), ...(queryCode ? { queryCode } : {}) }), { date: today < receivedOn ? receivedOn : today });
  if (c.query_code_enc) await tx.updateTable('request_cases').set({ query_code_enc: null }).where('id', '=', c.id).execute();
}

/** An application received in person, by post, by ordinary letter or by fax, entered by staff. */
export async function registerByStaff(db: Db, cfg: Config, ctx: CommandContext, unitId: number, raw: Record<string, unknown>, opts: { today?: string } = {}): Promise<RegisterResult> {
  const today = opts.today ?? shanghaiDate();
  const unit = await unitById(db, unitId);
  if (!unit || !unit.active) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, 'request.step.register', unit.path);
  const { value, errors } = validateStaffEntry(raw, { today });
  if (Object.keys(errors).length) throw invalid(errors);
  const queryCode = makeQueryCode();
  const queryCodeHash = await hashQueryCode(queryCode);
  return inTransaction(db, async (tx) => {
    const trackingNo = await freshTrackingNo(tx, value.receivedOn);
    const caseId = await insertCase(tx, cfg.piiKeys, { unitId, trackingNo, queryCodeHash, source: 'staff', status: 'submitted', channel: value.channel, intake: value });
    const c = (await caseById(tx, caseId))!;
    await registerInTx(tx, ctx, c, value.channel, value.receivedOn, today, queryCode);
    return { caseId, trackingNo, queryCode, warnings: value.warnings };
  });
}

/**
 * Staff confirm an online (or transferred) application: the confirmation date is its receipt date
 * (第三十一条第三项: 双方确认之日), from which the 20 working days run.
 */
export async function confirmSubmission(db: DbOrTx, ctx: CommandContext, caseId: number, input: { date?: string }, opts: { today?: string } = {}): Promise<void> {
  const today = opts.today ?? shanghaiDate();
  await inTransaction(db, async (tx) => {
    const c = await caseById(tx, caseId);
    if (!c) throw notFound({ zh: '申请', en: 'application' });
    authorize(ctx, 'request.step.register', c.unit_path);
    if (c.status !== 'submitted') throw conflict({ zh: '该申请已登记', en: 'The application is already registered' });
    const date = input.date?.trim() || today;
    const channel = c.channel as Channel;
    const submitted = c.submitted_at ? shanghaiDate(new Date(c.submitted_at)) : undefined;
    const facts: ReceiptFacts = channel === 'in_person' ? { channel, handedIn: date } : channel === 'post' ? { channel, signedFor: date } : { channel, confirmed: date, ...(submitted && channel !== 'letter' ? { submitted } : {}) };
    const r = receiptDate({ ...facts, today });
    if (!r.ok) throw new AppError(422, r.error.code, { zh: r.error.zh, en: r.error.en }, { date: { zh: r.error.zh, en: r.error.en } });
    await registerInTx(tx, ctx, c, channel, r.value.date, today);
  });
}

/** Transfer to another unit of the cluster (条例 第十条): the receiving unit gets an intake record with the same query code. */
export async function createTransferIntake(tx: Tx, ctx: CommandContext, src: CaseWithUnit, toUnitId: number, today: string): Promise<number> {
  const target = await unitById(tx, toUnitId);
  if (!target || !target.active) throw new AppError(422, 'bad_unit', { zh: '接收单位不存在或已停用', en: 'The receiving unit does not exist or is inactive' }, { to_unit: { zh: '请选择接收单位', en: 'Choose the receiving unit' } });
  const full = await tx.selectFrom('request_cases').selectAll().where('id', '=', src.id).executeTakeFirstOrThrow();
  const trackingNo = await freshTrackingNo(tx, today);
  const { id: _id, created_at: _c, updated_at: _u, ...copy } = full;
  const row = await tx
    .insertInto('request_cases')
    .values({
      ...copy,
      unit_id: toUnitId, ref: trackingNo, tracking_no: trackingNo, source: 'transfer', status: 'submitted', submitted_at: new Date(),
      received_on: null, due_on: null, deadline_state: null, paused_since: null, remaining_workdays: null, concluded_on: null, result_row: null,
      disposition: null, draft_disposition: null, handler_id: null, transferred_to: null, transferred_from: src.id, query_code_enc: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = await tx.selectFrom('request_attachments').selectAll().where('case_id', '=', src.id).execute();
  for (const { id: _a, case_id: _b, created_at: _d, ...f } of files) await tx.insertInto('request_attachments').values({ ...f, case_id: row.id }).execute();
  await recordAudit(tx, ctx.audit, { action: 'request.transfer.in', unitId: toUnitId, subjectType: 'request_case', subjectId: row.id, summary: { from: src.ref, tracking_no: trackingNo } });
  return row.id;
}

// ── The submissions inbox ────────────────────────────────────────────────────────────────────────────

export async function recoverInbox(db: Db, cfg: Config, ctx: CommandContext, inboxId: number): Promise<{ caseId: number; trackingNo: string; queryCode: string }> {
  const entry = await db.selectFrom('request_submissions_inbox').selectAll().where('id', '=', inboxId).executeTakeFirst();
  if (!entry || entry.status !== 'pending') throw notFound({ zh: '暂存申请', en: 'kept submission' });
  const unit = entry.unit_id ? await unitById(db, entry.unit_id) : undefined;
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, 'request.inbox', unit.path);
  const p = JSON.parse(decryptPii(cfg.piiKeys, 'submission', entry.payload_enc)) as InboxPayload;
  const queryCode = makeQueryCode();
  const queryCodeHash = await hashQueryCode(queryCode);
  const submittedAt = new Date(p.submittedAt);
  return inTransaction(db, async (tx) => {
    const trackingNo = await freshTrackingNo(tx, shanghaiDate(submittedAt));
    const caseId = await insertCase(tx, cfg.piiKeys, { unitId: unit.id, trackingNo, queryCodeHash, source: 'online', status: 'submitted', channel: 'online', intake: p.intake, submittedAt });
    await keepQueryCodeForReceipt(tx, cfg.piiKeys, caseId, queryCode);
    const files = await checkUploads(p.attachments.map((a) => ({ filename: a.filename, data: Buffer.from(a.base64, 'base64') })), Number.MAX_SAFE_INTEGER, {});
    await insertAttachments(tx, cfg.piiKeys, caseId, files);
    await tx.updateTable('request_submissions_inbox').set({ status: 'recovered', case_id: caseId, resolved_by: ctx.audit.name, resolved_at: new Date() }).where('id', '=', inboxId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.inbox.recover', unitId: unit.id, subjectType: 'request_case', subjectId: caseId, summary: { inbox: inboxId, tracking_no: trackingNo } });
    return { caseId, trackingNo, queryCode };
  });
}

export async function discardInbox(db: Db, ctx: CommandContext, inboxId: number, reason: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const entry = await tx.selectFrom('request_submissions_inbox').selectAll().where('id', '=', inboxId).executeTakeFirst();
    if (!entry || entry.status !== 'pending') throw notFound({ zh: '暂存申请', en: 'kept submission' });
    const unit = entry.unit_id ? await unitById(tx, entry.unit_id) : undefined;
    authorize(ctx, 'request.inbox', unit?.path ?? '/');
    if (!reason.trim()) throw invalid({ reason: { zh: '请写明理由（如重复提交）', en: 'Give a reason (e.g. a duplicate)' } });
    await tx.updateTable('request_submissions_inbox').set({ status: 'discarded', resolved_by: ctx.audit.name, resolved_at: new Date() }).where('id', '=', inboxId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.inbox.discard', unitId: entry.unit_id, subjectType: 'request_inbox', subjectId: inboxId, summary: { reason: reason.trim().slice(0, 200) } });
  });
}
