/**
 * Whether a step may happen to a case, and the case after it. Pure: the clock (`today`) and the
 * working-day calendar come in from outside; nothing here counts holidays. Each rule cites its article.
 *
 * Order of checks: the actor's role (supervisors are read-only), the case's state (states.ts table),
 * the dates (not in the future, not before the previous event), then the rule of the step itself
 * (step-rules.ts: `checkStepRule`, with the constants, the `CaseContext` and the error codes).
 */
import { CHANNELS, APPLICANT_CATEGORIES } from './applicant.ts';
import { emptyCase, evolve, type CaseEvent, type CaseEventInput, type CaseState } from './case.ts';
import { fail, isIsoDate, ruleError, type Result, type RuleError } from './rule-error.ts';
import { STATUS_LABELS, TRANSITIONS, type Role, type Transition } from './states.ts';
import { checkStepRule, type CaseContext, type CaseErrorCode } from './step-rules.ts';

export interface Actor {
  id: string;
  roles: readonly Role[];
}

export type ApplyResult = Result<{ state: CaseState; event: CaseEvent; warnings: RuleError[] }, CaseErrorCode>;

function checkActor(t: Transition, actor: Actor, applicantId: string | undefined): RuleError<CaseErrorCode> | null {
  const allowed = actor.roles.filter((r) => t.roles.includes(r));
  if (allowed.length === 0) {
    const readOnly = actor.roles.length > 0 && actor.roles.every((r) => r === 'supervisor');
    return ruleError(
      'forbidden_role',
      readOnly ? `监督人员只能查看案件，不能“${t.label.zh}”` : `您的角色无权“${t.label.zh}”`,
      readOnly ? `supervisors are read-only and cannot ${t.label.en}` : `your role may not ${t.label.en}`,
    );
  }
  // An applicant acts only on their own application.
  if (allowed.every((r) => r === 'applicant') && (!applicantId || applicantId !== actor.id)) {
    return ruleError('not_own_case', '申请人只能处理本人提出的申请', 'an applicant can act only on their own application');
  }
  return null;
}

function checkDate(date: string, today: string, after: string): RuleError<CaseErrorCode> | null {
  if (!isIsoDate(date)) return ruleError('bad_date', `日期无效（应为 YYYY-MM-DD）：${date}`, `not a YYYY-MM-DD date: ${date}`);
  if (!isIsoDate(today)) return ruleError('bad_date', `“今天”的日期无效：${today}`, `today is not a YYYY-MM-DD date: ${today}`);
  if (date > today) return ruleError('future_date', `日期 ${date} 晚于今天（${today}），不能预先登记`, `${date} is after today (${today})`);
  if (date < after) {
    return ruleError('date_out_of_order', `日期 ${date} 早于上一步骤的日期 ${after}`, `${date} is before the previous step (${after})`);
  }
  return null;
}

const err = (e: RuleError<CaseErrorCode>) => ({ ok: false as const, error: e });

/** Registers a new application (Arts. 29, 31). `input.date` is the receipt date from `receiptDate()`. */
export function openCase(
  input: Extract<CaseEventInput, { type: 'register' }> & { id?: string; unitId?: string; applicantId?: string },
  actor: Actor,
  today: string,
): ApplyResult {
  const t = TRANSITIONS.register;
  const who = checkActor(t, actor, input.applicantId);
  if (who) return err(who);
  const bad = checkDate(input.date, today, '0000-01-01');
  if (bad) return err(bad);
  if (input.channel !== undefined && !CHANNELS.includes(input.channel)) return fail('bad_input', `申请方式无效：${input.channel}`, `unknown channel ${input.channel}`, '第二十九条');
  if (input.category !== undefined && !APPLICANT_CATEGORIES.includes(input.category)) {
    return fail('bad_input', `申请人类别无效：${input.category}`, `unknown applicant category ${input.category}`);
  }
  const event: CaseEvent = {
    type: 'register',
    date: input.date,
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.category ? { category: input.category } : {}),
    actorId: actor.id,
    recordedOn: today,
    from: null,
    to: 'registered',
  };
  const state = emptyCase(event as Extract<CaseEvent, { type: 'register' }>, { id: input.id, unitId: input.unitId, applicantId: input.applicantId });
  return { ok: true, value: { state, event, warnings: [] } };
}

/**
 * Applies one step to a case: the new state and the recorded event, or the rule it breaks (zh/en,
 * with the article). `today` is the injected clock; `ctx` carries the calendar and the current due date.
 */
export function applyEvent(s: CaseState, input: CaseEventInput, actor: Actor, today: string, ctx: CaseContext = {}): ApplyResult {
  if (input.type === 'register' || !(input.type in TRANSITIONS)) {
    return fail('unknown_event', `无法识别的操作：${JSON.stringify(input.type)}`, `unknown step ${JSON.stringify(input.type)}`);
  }
  const t = TRANSITIONS[input.type];
  const who = checkActor(t, actor, s.applicantId);
  if (who) return err(who);
  if (!t.from.includes(s.status)) {
    return fail(
      'invalid_transition',
      `案件当前状态为“${STATUS_LABELS[s.status].zh}”，不能“${t.label.zh}”`,
      `a case that is ${STATUS_LABELS[s.status].en} cannot ${t.label.en}`,
      t.article,
    );
  }
  const date = input.date ?? today;
  const last = s.events.length ? s.events[s.events.length - 1].date : s.receivedOn;
  const bad = checkDate(date, today, last < s.receivedOn ? s.receivedOn : last);
  if (bad) return err(bad);

  const warnings: RuleError[] = [];
  const extra: Partial<Record<string, unknown>> = {};
  const rule = checkStepRule(s, { ...input, date }, ctx, warnings, extra);
  if (rule) return err(rule);

  let given: CaseEventInput = input;
  if (input.type === 'withdraw') {
    // Who withdrew follows from the actor's role, never from the caller's say-so.
    const { byApplicant: _claimed, ...rest } = input;
    given = rest;
    const granting = actor.roles.filter((r) => t.roles.includes(r));
    if (granting.every((r) => r === 'applicant')) extra.byApplicant = true;
  }
  const to = t.to === 'same' ? s.status : t.to;
  const event = { ...given, ...extra, date, actorId: actor.id, recordedOn: today, from: s.status, to } as CaseEvent;
  return { ok: true, value: { state: evolve(s, event), event, warnings } };
}
