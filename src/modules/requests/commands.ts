/**
 * The staff workflow of a case: each step is the domain's `applyEvent` (roles, state, dates and the
 * rule of the step, with its article) inside one transaction that stores the typed event, recomputes
 * and stores the due date (computeDeadline, the unit's county calendar), drafts or issues the letter
 * the step calls for, and records the audit event. Pages, the API and the CLI all call these.
 */
import { inTransaction, sql, type DbOrTx, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { TimelineError } from '../../core/calendar/index.ts';
import {
  applyEvent, dispositionPrecondition, DISPOSITIONS, isIsoDate, LETTER_KINDS, noticesBlockingAnswer, replyContextOf, replyKind, TRANSITIONS, validateDisposition,
  type Actor as DomainActor, type CaseEvent, type CaseEventInput, type CaseState, type Disposition, type FeeMethod,
} from './domain/index.ts';
import { caseById, eventsOf, lettersOf, lockCase, stateOf, type CaseWithUnit } from './store/repository.ts';
import { calendarForUnit, caseDeadline, caseDeadlineOrNull, deadlineColumns, ruleFailed, timelineFailed } from './store/deadline.ts';
import { domainActor, rolesAt } from './policy.ts';
import { createDraft, issueInTx } from './store/letters-store.ts';
import { createTransferIntake } from './intake-commands.ts';
import { storeEvent } from './store/case-store.ts';
import { piiKeys } from '../../core/pii/crypto.ts';
import { encryptDeliveryNote } from './store/letters-pii.ts';
import { isApplicantProof, type ApplicantProof } from './store/status.ts';

export const CASE = { zh: '申请', en: 'application' };

/** Facts a step's letter needs beyond the event itself. */
export interface StepExtras {
  /** Consultation letter (条例 第三十二条): why the third party's interests are touched. */
  concern?: string;
  /** Fee notice (国办函〔2020〕109号): what the fee rests on and how to pay. */
  feeBasis?: string;
  feePayment?: string;
}

export interface StepOptions {
  /** The injected clock (YYYY-MM-DD, Asia/Shanghai); default today. */
  today?: string;
  extras?: StepExtras;
  /** Render DOCX/PDF when issuing (the demo seed defers it to the first download). */
  render?: boolean;
  /**
   * The applicant acting on their own application, proven by its tracking number and query code
   * (status.ts `proveApplicant`). No staff rule is asked then; the domain lets the applicant take only
   * the applicant's steps (withdraw), and records them as the actor. `ctx` must carry no staff user.
   */
  applicant?: ApplicantProof;
}

/** The applicant as the domain sees them: whoever holds this case's query code. */
export const applicantActor = (c: { id: number }): DomainActor => ({ id: `applicant:case-${c.id}`, roles: ['applicant'] });

export interface StepResult {
  event: CaseEvent;
  warnings: { zh: string; en: string }[];
  letterIds: number[];
}

async function loadForStep(tx: Tx, caseId: number) {
  await lockCase(tx, caseId);
  const c = await caseById(tx, caseId);
  if (!c) throw notFound(CASE);
  const events = await eventsOf(tx, caseId);
  return { c, events };
}

/** Applies one workflow step to a registered case. */
export async function applyStep(db: DbOrTx, ctx: CommandContext, caseId: number, input: CaseEventInput, opts: StepOptions = {}): Promise<StepResult> {
  const today = opts.today ?? shanghaiDate();
  return inTransaction(db, async (tx) => {
    const { c, events } = await loadForStep(tx, caseId);
    const proof = opts.applicant;
    if (proof !== undefined && (!isApplicantProof(proof) || proof.caseId !== c.id || ctx.actor !== null)) throw forbidden();
    if (!proof) authorize(ctx, 'request.view', c.unit_path);
    if (input.type === 'register' || !(input.type in TRANSITIONS)) throw new AppError(422, 'unknown_event', { zh: '无法识别的办理步骤', en: 'Unknown step' });
    if (!proof) authorize(ctx, `request.step.${input.type}`, c.unit_path);
    const recorded = stateOf(c, events);
    if (!recorded) throw conflict({ zh: '该申请尚未登记确认，请先登记', en: 'Register (confirm) the application first' });
    if (input.type === 'answer') {
      const blocking = noticesBlockingAnswer(await lettersOf(tx, c.id));
      if (blocking.length) {
        const zh = blocking.map((k) => LETTER_KINDS[k].title).join('、');
        const en = blocking.map((k) => LETTER_KINDS[k].label.en).join(', ');
        throw new AppError(422, 'notice_unissued', { zh: `${zh}尚为草稿，请先签发后再答复`, en: `Issue the ${en} first: it is still a draft` }, { letters: { zh: `未签发：${zh}`, en: `not issued: ${en}` } });
      }
    }
    const actor = proof ? applicantActor(c) : domainActor(ctx, c.unit_path);
    // the query code proves the applicant's ownership of this application
    const state = proof ? { ...recorded, applicantId: actor.id } : recorded;
    const cal = await calendarForUnit(tx, c.unit_code);
    const before = caseDeadlineOrNull(events, cal, today);
    const r = applyEvent(state, input, actor, today, { calendar: cal, dueDate: before?.due ?? before?.projectedDue });
    if (!r.ok) throw ruleFailed(r.error);
    const { event, state: next } = r.value;
    const all = [...events, event];
    let after;
    try {
      after = caseDeadline(all, cal, today);
    } catch (e) {
      if (e instanceof TimelineError) throw timelineFailed(e);
      throw e;
    }
    await storeEvent(tx, ctx, c, events.length + 1, event);
    const handler = handlerAfter(ctx, c, event);
    await tx
      .updateTable('request_cases')
      .set({
        status: next.status,
        ...deadlineColumns(after),
        concluded_on: next.concludedOn ?? null,
        result_row: next.concludedOn && next.disposition && !next.transfer ? DISPOSITIONS[next.disposition.key].row : null,
        disposition: next.disposition ? JSON.stringify(next.disposition) : null,
        ...(event.type === 'answer' ? { draft_disposition: null } : {}),
        ...(handler !== undefined ? { handler_id: handler } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(tx, ctx.audit, {
      action: `request.${event.type}`,
      unitId: c.unit_id,
      subjectType: 'request_case',
      subjectId: c.id,
      summary: { ref: c.ref, from: event.from, to: event.to, date: event.date, due: after.due },
    });
    const letterIds = await stepLetters(tx, ctx, { ...c, ...deadlineColumns(after), status: next.status }, next, event, { ...opts, today, due: after.due });
    return { event, warnings: r.value.warnings.map((w) => ({ zh: w.zh, en: w.en })), letterIds };
  });
}

/** Whoever accepts an unassigned case becomes its handler (条例 第四十五条: 登记、审核、办理). */
function handlerAfter(ctx: CommandContext, c: CaseWithUnit, e: CaseEvent): number | undefined {
  if (e.type !== 'accept' && e.type !== 'register') return undefined;
  if (e.type === 'accept' && e.handlerId && /^\d+$/.test(e.handlerId)) return Number(e.handlerId);
  if (c.handler_id !== null || !ctx.actor) return undefined;
  const roles = rolesAt(ctx.actor, c.unit_path);
  return roles.includes('case_handler') || roles.includes('unit_admin') ? ctx.actor.userId : undefined;
}

/** The letter each step calls for: drafted for staff to check, or — a signed reply — issued at once. */
async function stepLetters(tx: Tx, ctx: CommandContext, c: CaseWithUnit, s: CaseState, e: CaseEvent, o: StepOptions & { today: string; due: string | null }): Promise<number[]> {
  const date = e.date;
  switch (e.type) {
    case 'request_correction':
      return [await createDraft(tx, ctx, c, 'correction_notice', (b) => ({ ...b, items: e.items, correctBy: e.correctBy }), { date })];
    case 'start_consultation': {
      const ids: number[] = [];
      for (const p of e.parties) {
        ids.push(await createDraft(tx, ctx, c, 'consultation_letter', (b) => ({ organ: b.organ, number: b.number, date, receivedOn: b.receivedOn, request: b.request, recipient: p, ...(o.extras?.concern ? { concern: o.extras.concern } : {}), seal: b.seal }), { date, recipient: p.name }));
      }
      return ids;
    }
    case 'extend':
      return [await createDraft(tx, ctx, c, 'extension_notice', (b) => ({ ...b, workdays: e.workdays, reason: e.reason, ...(o.due ? { newDueDate: o.due } : {}) }), { date })];
    case 'request_reasons':
      return [await createDraft(tx, ctx, c, 'reasons_request', (b) => ({ ...b, facts: e.facts, replyBy: e.replyBy }), { date })];
    case 'set_reasonable_period':
      return [
        await createDraft(tx, ctx, c, 'delay_notice', (b) => ({ ...b, reason: e.reason, dueDate: e.dueDate, ...(s.reasons ? { reasonsRequestedOn: s.reasons.requestedOn } : {}) }), { date }),
      ];
    case 'send_fee_notice':
      return [
        await createDraft(tx, ctx, c, 'fee_notice', (b) => ({
          ...b, method: e.method as FeeMethod, amountYuan: e.amountYuan, payBy: e.payBy!,
          basis: o.extras?.feeBasis?.trim() || '您本月提出的政府信息公开申请数量超出了免予收费的范围',
          payment: o.extras?.feePayment?.trim() || '持本通知书到本机关政府信息公开工作机构办理缴费',
        }), { date }),
      ];
    case 'answer': {
      const kind = replyKind(e.disposition.key);
      const drafts = (await lettersOf(tx, c.id)).filter((l) => l.status === 'draft' && l.kind === kind);
      const id = drafts.length ? drafts[drafts.length - 1].id : await createDraft(tx, ctx, c, kind, (b) => ({ ...b, disposition: e.disposition, context: replyContextOf(s) }), { date });
      await issueInTx(tx, ctx, id, { date, render: o.render });
      return [id];
    }
    case 'abandon':
    case 'fee_lapse':
    case 'withdraw': {
      const d = s.disposition!;
      return [await createDraft(tx, ctx, c, replyKind(d.key), (b) => ({ ...b, disposition: d, context: replyContextOf(s) }), { date })];
    }
    case 'transfer': {
      const id = await createTransferIntake(tx, ctx, c, Number(e.toUnitId), o.today);
      await tx.updateTable('request_cases').set({ transferred_to: id }).where('id', '=', c.id).execute();
      return [];
    }
    default:
      return [];
  }
}

/**
 * The handler drafts the reply (one template per result of 条例 第三十六条); the draft letter can be edited
 * until a reviewer signs it with `signReply`.
 */
export async function draftReply(db: DbOrTx, ctx: CommandContext, caseId: number, d: Disposition, opts: { today?: string } = {}): Promise<number> {
  const today = opts.today ?? shanghaiDate();
  return inTransaction(db, async (tx) => {
    const { c, events } = await loadForStep(tx, caseId);
    const roles = rolesAt(ctx.actor, c.unit_path);
    if (!roles.some((r) => ['unit_admin', 'case_handler', 'reviewer'].includes(r))) authorize(ctx, 'request.handle', c.unit_path);
    const state = stateOf(c, events);
    if (!state || !TRANSITIONS.answer.from.includes(state.status)) {
      throw conflict({ zh: '案件当前状态不能起草答复', en: 'A reply cannot be drafted in this state' });
    }
    const v = validateDisposition(d);
    if (!v.ok) throw ruleFailed(v.error);
    const pre = dispositionPrecondition(state, d);
    if (pre) throw ruleFailed(pre);
    if (DISPOSITIONS[d.key].via !== 'answer') throw ruleFailed({ code: 'disposition_not_by_answer', zh: '该结果由相应的办理步骤产生，不能起草答复', en: 'This result comes from its own step' });
    // a new draft replaces the earlier drafts of any reply
    const old = (await lettersOf(tx, c.id)).filter((l) => l.status === 'draft' && l.kind.startsWith('reply.'));
    if (old.length) await tx.deleteFrom('request_letters').where('id', 'in', old.map((l) => l.id)).execute();
    await tx.updateTable('request_cases').set({ draft_disposition: JSON.stringify(d), updated_at: new Date() }).where('id', '=', c.id).execute();
    const id = await createDraft(tx, ctx, c, replyKind(d.key), (b) => ({ ...b, disposition: d, context: replyContextOf(state) }), { date: today });
    await recordAudit(tx, ctx.audit, { action: 'request.reply.draft', unitId: c.unit_id, subjectType: 'request_case', subjectId: c.id, summary: { ref: c.ref, disposition: d.key, row: DISPOSITIONS[d.key].row } });
    return id;
  });
}

/** The reviewer approves the drafted reply: the `answer` step with the drafted result, and the reply issued (条例 第三十三条、第三十六条). */
export async function signReply(db: DbOrTx, ctx: CommandContext, caseId: number, opts: { date?: string; today?: string; render?: boolean } = {}): Promise<StepResult> {
  const c = await caseById(db, caseId);
  if (!c) throw notFound(CASE);
  const d = c.draft_disposition as Disposition | null;
  if (!d) throw conflict({ zh: '尚未起草答复', en: 'No reply has been drafted yet' });
  return applyStep(db, ctx, caseId, { type: 'answer', date: opts.date, disposition: d }, { today: opts.today, render: opts.render });
}

/**
 * Records the delivery (送达) of an issued letter; delivering the reply (or the notice that ends the
 * case) is also the case's `deliver` step (条例 第四十五条).
 */
export async function recordDelivery(db: DbOrTx, ctx: CommandContext, letterId: number, input: { method: string; date: string; note?: string }, opts: { today?: string } = {}): Promise<void> {
  const today = opts.today ?? shanghaiDate();
  await inTransaction(db, async (tx) => {
    const l = await tx.selectFrom('request_letters').select(['id', 'case_id', 'kind', 'status', 'delivered_on']).where('id', '=', letterId).executeTakeFirst();
    if (!l) throw notFound({ zh: '文书', en: 'letter' });
    const c = (await caseById(tx, l.case_id))!;
    authorize(ctx, 'request.handle', c.unit_path);
    if (l.status !== 'issued') throw conflict({ zh: '文书签发后才能送达', en: 'Only an issued letter can be delivered' });
    if (!isIsoDate(input.date) || input.date > today) throw new AppError(422, 'bad_date', { zh: '送达日期无效或晚于今天', en: 'The delivery date is invalid or in the future' });
    if (!['in_person', 'post', 'email', 'online', 'fax'].includes(input.method)) throw new AppError(422, 'bad_input', { zh: '请选择送达方式', en: 'Choose how it was delivered' });
    if (c.status !== 'submitted' && TRANSITIONS.deliver.from.includes(c.status as never) && l.kind.startsWith('reply.')) {
      // the note (a postal tracking number …) is kept encrypted on the letter only, not in the clear event record
      await applyStep(tx, ctx, c.id, { type: 'deliver', date: input.date, method: input.method as never }, { today });
    }
    await tx.updateTable('request_letters').set({ delivery_method: input.method, delivered_on: input.date, delivery_note_enc: encryptDeliveryNote(piiKeys(), input.note?.trim() || null) }).where('id', '=', letterId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.letter.deliver', unitId: c.unit_id, subjectType: 'request_letter', subjectId: letterId, summary: { kind: l.kind, method: input.method, date: input.date } });
  });
}

export async function assignHandler(db: DbOrTx, ctx: CommandContext, caseId: number, userId: number | null): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockCase(tx, caseId);
    const c = await caseById(tx, caseId);
    if (!c) throw notFound(CASE);
    authorize(ctx, 'request.assign', c.unit_path);
    if (userId !== null) {
      // the handler must be able to handle cases of this unit
      const ok = await tx
        .selectFrom('role_assignments as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .innerJoin('users as x', 'x.id', 'r.user_id')
        .select('r.id')
        .where('r.user_id', '=', userId)
        .where('x.disabled', '=', false)
        .where('r.role', 'in', ['case_handler', 'unit_admin'])
        .where(sql<boolean>`${c.unit_path} like u.path || '%'`)
        .executeTakeFirst();
      if (!ok) throw new AppError(422, 'bad_handler', { zh: '该用户不是本单位的申请办理人员', en: 'That user does not handle applications of this unit' });
    }
    await tx.updateTable('request_cases').set({ handler_id: userId, updated_at: new Date() }).where('id', '=', caseId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.assign', unitId: c.unit_id, subjectType: 'request_case', subjectId: caseId, summary: { ref: c.ref, before: c.handler_id, after: userId } });
  });
}
