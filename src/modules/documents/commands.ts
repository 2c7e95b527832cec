/**
 * Write use-cases for documents: check the policy (policy.ts) and the workflow
 * (domain/workflow.ts), write, audit — in one transaction — then tell listeners.
 *
 * API summary (pages, API and CLI call the same functions; `ctx.actor === null` = system/CLI):
 *   createDocument(db, ctx, unitId, input: DocumentInput)                → CommandResult
 *   updateDocument(db, ctx, id, patch: DocumentInput, opts?: EditOptions)  → CommandResult
 *       draft: plain edit; published: 'edit_published' (new version; PII needs acknowledgement)
 *   submitDocument(db, ctx, id)                                          → CommandResult
 *   recallDocument(db, ctx, id)  — the submitter takes it back before review (撤回提交)
 *   returnDocument(db, ctx, id, reason)                                  → CommandResult
 *   reviewDocument(db, ctx, id, {confidentialityChecked, personalInfoChecked})  → CommandResult
 *   publishDocument(db, ctx, id, {acknowledgePersonalData?, publishAt?, lateReason?}) → CommandResult
 *       publishAt (ISO, future) schedules instead; the job publishes it (publishDueDocuments);
 *       a person publishing after the 第二十六条 / 第6点 limit must give lateReason (kept, audited)
 *   unscheduleDocument(db, ctx, id) / reopenDocument(db, ctx, id, reason?)
 *   withdrawDocument(db, ctx, id, reason, {withdrawInterpretations?}) — chosen published 解读 of a
 *       withdrawn policy are withdrawn with it; the others stay published (the page lists them)
 *   Saving, submitting and reviewing count ID/mobile/bank-card numbers (domain/pii.ts) into
 *   personal_data_findings and return a warning; redaction: store/redact.ts.
 *   publishDueDocuments(db, now?) → number published (idempotent; run by the job)
 *   setIndexPattern(db, ctx, unitId, pattern)
 *   onDocumentsChanged(listener) → unsubscribe; events after commit:
 *       { unitIds, documentIds, kind: 'publish' | 'withdraw' | 'edit' } (publish also for scheduled ones)
 *   Attachments: store/attachments.ts (addAttachment, removeAttachment); columns/topics: store/columns.ts;
 *   API tokens: accounts/commands/tokens.ts.
 * Errors: AppError — 403 forbidden, 404 notFound, 409 conflict (wrong status), 422 invalid (fields),
 *   422 'personal_data_unacknowledged' (field acknowledgePersonalData) when ID/mobile numbers were found,
 *   422 invalid (field lateReason) when a late publication has no reason.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import type { Msg } from '../../core/render/i18n.ts';
import './policy.ts';
import { applyTransition, transitionFor, type Actor as WfActor, type TransitionInput, type WorkflowAction, type WorkflowState } from './domain/workflow.ts';
import { validatePattern } from './domain/indexno.ts';
import { getDocument, type DocumentDetail, type DocumentRow } from './store/repository.ts';
import {
  allocateIndexNo, personalDataCount, plainText, recordVersion, resolveInput, shanghaiYearMonth, storeTimeliness, syncValidity, writeRelations,
  type DocumentInput,
} from './store/write.ts';
import { refreshDeadlines } from './store/deadlines.ts';

export type { DocumentInput } from './store/write.ts';

const DOC: Msg = { zh: '文件', en: 'document' };

export interface CommandResult {
  document: DocumentDetail;
  /** Non-blocking notes (validation warnings, personal-data findings acknowledged). */
  warnings: Msg[];
}

export interface EditOptions {
  /** edit_published: the editor saw the ID/mobile findings and publishes anyway. */
  acknowledgePersonalData?: boolean;
  /** edit_published: what changed, kept with the version. */
  changeNote?: string;
  now?: Date;
}

// --- change notifications -----------------------------------------------------------------------

export interface DocumentsChanged {
  unitIds: number[];
  documentIds: number[];
  kind: 'publish' | 'withdraw' | 'edit';
  /** every public page changes (the site footer, say): the page cache starts afresh */
  all?: boolean;
}
type Listener = (e: DocumentsChanged) => void;
const listeners = new Set<Listener>();

/** The page cache subscribes here; called after the transaction committed. Returns an unsubscribe function. */
export function onDocumentsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Also for a change to a unit's pages that involves no document (its agency information, say):
 * `documentIds` empty, `unitIds` the unit — the unit's cached pages are dropped.
 */
export function emitDocumentsChanged(e: DocumentsChanged): void {
  if (!e.documentIds.length && !e.unitIds.length && !e.all) return;
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      // a listener's failure must not undo or fail a committed command
    }
  }
}

/** Units a change shows up under: the owner and the joint issuers on the platform. */
async function affectedUnits(tx: Tx, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const r = await sql<{ unit_id: number }>`
    select unit_id from documents where id in (${sql.join(ids)})
    union select unit_id from document_issuers where unit_id is not null and document_id in (${sql.join(ids)})`.execute(tx);
  return [...new Set(r.rows.map((x) => x.unit_id))].sort((a, b) => a - b);
}

// --- helpers (also used by store/publication.ts; not for other modules) ---------------------------------

export async function load(tx: Tx, id: number, lock = true): Promise<DocumentDetail> {
  if (lock && Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648) await sql`select id from documents where id = ${id} for update`.execute(tx);
  const d = await getDocument(tx, id);
  if (!d) throw notFound(DOC);
  return d;
}

function stateOf(d: DocumentRow): WorkflowState {
  const iso = (x: Date | null) => (x ? new Date(x).toISOString() : null);
  return {
    status: d.status, version: d.version, confidentialityChecked: d.confidentiality_checked, personalInfoChecked: d.personal_info_checked,
    publishAt: iso(d.publish_at), publishedAt: iso(d.published_at), publishDate: d.publish_date, withdrawnAt: iso(d.withdrawn_at),
    withdrawalReason: d.withdrawal_reason, returnReason: d.return_reason,
  };
}

/** The workflow role the context acts in on this unit: the first of its roles there that the transition allows. */
function workflowActor(ctx: CommandContext, unitPath: string, action: WorkflowAction): WfActor {
  if (!ctx.actor) return action === 'publish_due' ? 'scheduler' : 'system_admin';
  const roles = ctx.actor.grants.filter((g) => unitPath.startsWith(g.unitPath)).map((g) => g.role);
  const def = transitionFor(action);
  return roles.find((r) => def?.actors.includes(r)) ?? roles[0] ?? 'supervisor';
}

function piiError(message: Msg): AppError {
  return new AppError(422, 'personal_data_unacknowledged', message, { acknowledgePersonalData: message });
}

/** Runs a workflow transition and stores the new state. Returns the transition's warnings. */
export async function transition(tx: Tx, ctx: CommandContext, d: DocumentDetail, action: WorkflowAction, input: TransitionInput, now: Date, audit: Record<string, unknown> = {}): Promise<{ warnings: Msg[]; recordVersion: boolean; state: WorkflowState }> {
  const r = applyTransition(stateOf(d), action, workflowActor(ctx, d.unit.path, action), input, now);
  if (!r.ok) {
    if (r.code === 'forbidden') throw forbidden();
    if (r.code === 'invalid_state' || r.code === 'not_due') throw conflict(r.message);
    if (r.code === 'personal_data_unacknowledged') throw piiError(r.message);
    const field = r.code.startsWith('reason') ? 'reason' : r.code.startsWith('publish_at') ? 'publishAt' : r.code === 'review_checks_required' ? 'confidentialityChecked' : 'action';
    throw invalid({ [field]: r.message });
  }
  const s = r.state;
  await tx.updateTable('documents').set({
    status: s.status, version: s.version, confidentiality_checked: s.confidentialityChecked, personal_info_checked: s.personalInfoChecked,
    publish_at: s.publishAt, published_at: s.publishedAt, publish_date: s.publishDate, withdrawn_at: s.withdrawnAt,
    withdrawal_reason: s.withdrawalReason, return_reason: s.returnReason, updated_at: now, updated_by: ctx.audit.id,
  }).where('id', '=', d.id).execute();
  await recordAudit(tx, ctx.audit, {
    action: `document.${action}`, unitId: d.unit_id, subjectType: 'document', subjectId: d.id,
    summary: { index_no: d.index_no, from: r.event.from, to: r.event.to, reason: r.event.reason, version: s.version, ...(r.event.details.publishAt ? { publish_at: r.event.details.publishAt } : {}), ...audit },
  });
  return { warnings: r.warnings, recordVersion: r.recordVersion, state: s };
}

/** After a (first or renewed) publication: timeliness, 有效性 history, version snapshot. */
export async function afterPublication(tx: Tx, ctx: CommandContext, id: number, version: number, today: string, note: string | null, firstTime: boolean): Promise<void> {
  if (firstTime) {
    await storeTimeliness(tx, id, today);
    // its clock stopped; its open interpretations' 同步 clock (2020 要点 第7点) starts now
    await refreshDeadlines(tx, { ids: [id] });
    await refreshDeadlines(tx, { interpretationsOf: id });
  }
  await syncValidity(tx, id, today);
  await recordVersion(tx, ctx, id, version, note);
}

export async function done(db: Db, work: (tx: Tx) => Promise<{ id: number; warnings: Msg[]; kind: DocumentsChanged['kind'] | null; alsoChanged?: number[] }>): Promise<CommandResult> {
  let event: DocumentsChanged | null = null;
  const res = await inTransaction(db, async (tx) => {
    const r = await work(tx);
    const ids = [r.id, ...(r.alsoChanged ?? [])];
    if (r.kind) event = { unitIds: await affectedUnits(tx, ids), documentIds: ids, kind: r.kind };
    return { document: (await getDocument(tx, r.id))!, warnings: r.warnings };
  });
  if (event) emitDocumentsChanged(event);
  return res;
}

export const todayOf = (now: Date) => shanghaiDate(now);

/** The warning shown when the text being saved or submitted holds personal numbers (条例 第十五条). */
export const personalDataWarning = (n: number): Msg => ({
  zh: `标题、正文或附件中发现 ${n} 处疑似个人信息（身份证号、手机号或银行卡号），请逐一核查，不应公开的请脱敏（《条例》第十五条）`,
  en: `${n} possible personal number(s) (ID card, mobile or bank card) in the title, body or attachments: check each and redact what must not be published (Art. 15)`,
});

/** Counts the numbers in the text as now stored, keeps the count on the document, and warns. */
export async function recountPersonalData(tx: Tx, id: number): Promise<{ n: number; warnings: Msg[] }> {
  const n = await personalDataCount(tx, id);
  await tx.updateTable('documents').set({ personal_data_findings: n }).where('id', '=', id).execute();
  return { n, warnings: n ? [personalDataWarning(n)] : [] };
}

// --- commands -----------------------------------------------------------------------------------

export async function createDocument(db: Db, ctx: CommandContext, unitId: number, input: DocumentInput, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const unit = await tx.selectFrom('units').select(['id', 'code', 'name', 'short_name', 'slug', 'path', 'type']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'document.create', unit.path);
    const r = await resolveInput(tx, unit, input, { mode: 'draft', today: todayOf(now) });
    if (r.values.external_id) {
      const dup = await tx.selectFrom('documents').select('id').where('unit_id', '=', unit.id).where('external_id', '=', r.values.external_id).executeTakeFirst();
      if (dup) throw invalid({ externalId: { zh: '本单位已有相同外部编号的文件', en: 'This unit already has a document with this external id' } });
    }
    const ym = shanghaiYearMonth(r.values.written_date ?? todayOf(now));
    const idx = await allocateIndexNo(tx, unit, { ...ym, topic: r.values.topic_code });
    const ins = await tx.insertInto('documents').values({
      ...r.values, unit_id: unit.id, index_no: idx.indexNo, index_year: idx.year, index_serial: idx.serial,
      created_by: ctx.audit.id, updated_by: ctx.audit.id, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await writeRelations(tx, ins.id, r);
    await refreshDeadlines(tx, { ids: [ins.id] });
    const pii = await recountPersonalData(tx, ins.id);
    await recordAudit(tx, ctx.audit, { action: 'document.create', unitId: unit.id, subjectType: 'document', subjectId: ins.id, summary: { after: { index_no: idx.indexNo, title: r.values.title, doc_number: r.values.doc_number }, personal_data_findings: pii.n } });
    return { id: ins.id, warnings: [...r.warnings.map((w) => w.message), ...pii.warnings], kind: null };
  });
}

/** The document's current fields as an input, so a patch can be merged onto it. */
export function inputOf(d: DocumentDetail): DocumentInput {
  return {
    title: d.title, summary: d.summary, issuingUnits: d.issuers.map((i) => i.unit_code ?? i.name), docNumber: d.doc_number, docType: d.doc_type,
    legalForm: d.legal_form, normativeRegNo: d.normative_reg_no, writtenDate: d.written_date, changedDate: d.changed_date, effectiveDate: d.effective_date,
    expiryDate: d.expiry_date, topic: d.topic_code, validity: d.validity, amendedBy: d.amended_by_id, repealedBy: d.repealed_by_id, keywords: d.keywords,
    source: d.source, disclosure: d.disclosure, disclosureReason: d.disclosure_reason, withheldGround: d.withheld_ground,
    columns: d.columns.map((c) => c.slug), topics: d.topics.map((t) => t.key), interpretationOf: d.interprets_id, interpretationKind: d.interpretation_kind,
    bodyHtml: d.body_html, externalId: d.external_id,
  };
}

export async function updateDocument(db: Db, ctx: CommandContext, id: number, patch: DocumentInput, opts: EditOptions = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return editDocumentContent(db, ctx, id, { ...opts, now }, async (tx, d) => {
    const merged = { ...inputOf(d), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const r = await resolveInput(tx, d.unit, merged, { mode: d.status === 'published' ? 'publish' : 'draft', today: todayOf(now), selfId: d.id, publishDate: d.publish_date });
    if (r.values.external_id && r.values.external_id !== d.external_id) {
      const dup = await tx.selectFrom('documents').select('id').where('unit_id', '=', d.unit_id).where('external_id', '=', r.values.external_id).where('id', '!=', d.id).executeTakeFirst();
      if (dup) throw invalid({ externalId: { zh: '本单位已有相同外部编号的文件', en: 'This unit already has a document with this external id' } });
    }
    await tx.updateTable('documents').set({ ...r.values, updated_at: now, updated_by: ctx.audit.id }).where('id', '=', d.id).execute();
    await writeRelations(tx, d.id, r);
    return r.warnings.map((w) => w.message);
  });
}

/**
 * The shared edit path (fields, attachments): a draft is edited in place ('edit'); a published
 * document goes through 'edit_published' — personal-data check with acknowledgement, a new
 * version with its snapshot, and a change notification. Other statuses refuse (409).
 */
export async function editDocumentContent(
  db: Db, ctx: CommandContext, id: number, opts: EditOptions, mutate: (tx: Tx, d: DocumentDetail) => Promise<Msg[]>,
  /** the mutation records its own, more specific audit event (attachments); a draft then gets no generic 'document.edit' */
  o: { ownAudit?: boolean } = {},
): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.edit', d.unit.path);
    const published = d.status === 'published';
    const action: WorkflowAction = published ? 'edit_published' : 'edit';
    // who may edit in which status, decided on the stored state before anything is written
    const check = applyTransition(stateOf(d), action, workflowActor(ctx, d.unit.path, action), { personalDataFindings: 0 }, now);
    if (!check.ok) {
      if (check.code === 'forbidden') throw forbidden();
      throw conflict(check.message);
    }
    const warnings = await mutate(tx, d);
    if (published) {
      const findings = await personalDataCount(tx, d.id);
      const t = await transition(tx, ctx, d, 'edit_published', { personalDataFindings: findings, acknowledgePersonalData: opts.acknowledgePersonalData, changeNote: opts.changeNote }, now);
      await tx.updateTable('documents').set({ personal_data_findings: findings }).where('id', '=', d.id).execute();
      await afterPublication(tx, ctx, d.id, t.state.version, todayOf(now), plainText(opts.changeNote, true), false);
      return { id: d.id, warnings: [...warnings, ...t.warnings], kind: 'edit' };
    }
    // dates, legal form or the policy link may have changed: the stored 公开时效 deadline follows
    await refreshDeadlines(tx, { ids: [d.id] });
    const pii = await recountPersonalData(tx, d.id);
    if (!o.ownAudit) await recordAudit(tx, ctx.audit, { action: 'document.edit', unitId: d.unit_id, subjectType: 'document', subjectId: d.id, summary: { index_no: d.index_no, personal_data_findings: pii.n } });
    return { id: d.id, warnings: [...warnings, ...pii.warnings], kind: null };
  });
}

/** Re-validates in 'publish' mode: what the 目录 must show (条例 第十二条) is required from submission on. */
export async function requireComplete(tx: Tx, d: DocumentDetail, now: Date): Promise<void> {
  await resolveInput(tx, d.unit, inputOf(d), { mode: 'publish', today: todayOf(now), selfId: d.id, publishDate: d.publish_date });
}

export async function submitDocument(db: Db, ctx: CommandContext, id: number, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.submit', d.unit.path);
    await requireComplete(tx, d, now);
    const pii = await recountPersonalData(tx, d.id);
    const t = await transition(tx, ctx, d, 'submit', {}, now, { personal_data_findings: pii.n });
    await tx.updateTable('documents').set({ submitted_by: ctx.audit.id }).where('id', '=', d.id).execute();
    return { id, warnings: [...t.warnings, ...pii.warnings], kind: null };
  });
}

/** 撤回提交: the person who submitted takes the document back to draft while it awaits review. */
export async function recallDocument(db: Db, ctx: CommandContext, id: number, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.submit', d.unit.path);
    // a colleague's submission is for the reviewer to return, with a reason
    if (ctx.actor && d.submitted_by !== ctx.audit.id) {
      throw new AppError(403, 'forbidden', { zh: '只有提交人可以撤回提交', en: 'Only the person who submitted it can recall it' });
    }
    const t = await transition(tx, ctx, d, 'recall', {}, now);
    return { id, warnings: t.warnings, kind: null };
  });
}

export async function returnDocument(db: Db, ctx: CommandContext, id: number, reason: string, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.review', d.unit.path);
    const t = await transition(tx, ctx, d, 'return', { reason: plainText(reason, true) ?? '' }, now);
    return { id, warnings: t.warnings, kind: null };
  });
}

export async function reviewDocument(db: Db, ctx: CommandContext, id: number, checks: { confidentialityChecked?: boolean; personalInfoChecked?: boolean }, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.review', d.unit.path);
    // the 个人信息检查 tick certifies these findings (the review page lists them): record how many
    const pii = await recountPersonalData(tx, d.id);
    const t = await transition(tx, ctx, d, 'review', { confidentialityChecked: checks.confidentialityChecked === true, personalInfoChecked: checks.personalInfoChecked === true }, now, { personal_data_findings: pii.n });
    return { id, warnings: [...t.warnings, ...pii.warnings], kind: null };
  });
}

/** Sets a unit's 索引号 pattern (domain/indexno.ts). Existing numbers never change. */
export async function setIndexPattern(db: Db, ctx: CommandContext, unitId: number, pattern: string): Promise<void> {
  const check = validatePattern(pattern);
  if (!check.ok) throw invalid({ index_pattern: check.errors[0].message });
  await inTransaction(db, async (tx) => {
    const u = await tx.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'document.settings', u.path);
    await tx.insertInto('document_unit_settings').values({ unit_id: unitId, index_pattern: pattern.trim(), updated_at: new Date() })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ index_pattern: pattern.trim(), updated_at: new Date() })).execute();
    await recordAudit(tx, ctx.audit, { action: 'document.settings.index_pattern', unitId, subjectType: 'unit', subjectId: unitId, summary: { after: { index_pattern: pattern.trim() } } });
  });
}

// publishing, scheduling, withdrawal, reopening and the scheduled-publication job
export { publishDocument, unscheduleDocument, withdrawDocument, reopenDocument, publishDueDocuments } from './store/publication.ts';
