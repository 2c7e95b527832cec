/**
 * A case's data and its events. The state is what the events add up to: `evolve` folds one recorded
 * event into the state without judging it (used to rebuild a case from stored events), while
 * workflow.ts (with step-rules.ts) decides whether an event may happen at all. The events are both
 * the audit trail and the case's public timeline.
 */
import type { ApplicantCategory, Channel } from './applicant.ts';
import type { Disposition } from './dispositions.ts';
import type { CaseStatus, TransitionName } from './states.ts';

export interface ConsultedParty {
  /** Art. 32: a third party whose rights may be affected; Art. 34: another organ that co-made the information. */
  kind: 'third_party' | 'organ';
  name: string;
}

export const CONSULTATION_OUTCOMES = ['consented', 'objected', 'no_reply', 'mixed'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

export const DELIVERY_METHODS = ['in_person', 'post', 'email', 'online', 'fax'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const FEE_METHODS = ['per_request', 'per_volume'] as const;
/** 国办函〔2020〕109号 Art. 3: charge by the request (按件) or by volume (按量), never both. */
export type FeeMethod = (typeof FEE_METHODS)[number];

/** What the caller asks to happen; `date` (YYYY-MM-DD) is when it legally happened, default today. */
export type CaseEventInput =
  | { type: 'register'; date: string; channel?: Channel; category?: ApplicantCategory }
  | { type: 'accept'; date?: string; handlerId?: string }
  | { type: 'request_correction'; date?: string; items: string[]; correctBy: string }
  | { type: 'correct'; date?: string; lateReason?: string }
  | { type: 'abandon'; date?: string }
  | { type: 'start_consultation'; date?: string; parties: ConsultedParty[] }
  | { type: 'end_consultation'; date?: string; outcome: ConsultationOutcome; note?: string }
  | { type: 'extend'; date?: string; workdays: number; reason: string; approvedBy: string }
  /** Art. 35: `facts` — the number and frequency that look excessive; `replyBy` — the date to explain by. */
  | { type: 'request_reasons'; date?: string; facts: string; replyBy: string }
  /** Art. 35: the reasons are reasonable; `dueDate` — the later due date set (after the current one). */
  | { type: 'set_reasonable_period'; date?: string; dueDate: string; reason: string; approvedBy: string }
  | { type: 'send_fee_notice'; date?: string; amountYuan: number; method: FeeMethod; payBy?: string }
  | { type: 'record_fee_paid'; date?: string }
  | { type: 'fee_lapse'; date?: string }
  | { type: 'answer'; date?: string; disposition: Disposition }
  | { type: 'deliver'; date?: string; method: DeliveryMethod; note?: string }
  | { type: 'close'; date?: string }
  /** `byApplicant`: the applicant withdrew on the status page themselves (not recorded by staff for them). */
  | { type: 'withdraw'; date?: string; reason?: string; byApplicant?: boolean }
  | { type: 'transfer'; date?: string; toUnitId: string; reason: string };

type Recorded<E> = E extends { type: infer T } ? Omit<E, 'date'> & { type: T; date: string } : never;

/** An event as stored: the input with its date settled, who did it, when it was recorded, and the move. */
export type CaseEvent = Recorded<CaseEventInput> & {
  actorId: string;
  /** The day it was entered (may be later than `date` for a letter recorded after it went out). */
  recordedOn: string;
  from: CaseStatus | null;
  to: CaseStatus;
};

export interface CaseState {
  id?: string;
  unitId?: string;
  /** The applicant's account, when they applied online; lets them withdraw their own case. */
  applicantId?: string;
  category?: ApplicantCategory;
  channel?: Channel;
  status: CaseStatus;
  /** Receipt date under Art. 31. */
  receivedOn: string;
  correction?: { requestedOn: string; correctBy: string; items: string[]; correctedOn?: string; lateReason?: string };
  /** The current or latest consultation. */
  consultation?: { startedOn: string; parties: ConsultedParty[]; endedOn?: string; outcome?: ConsultationOutcome };
  consultationCount: number;
  extension?: { decidedOn: string; workdays: number; reason: string; approvedBy: string };
  /** Art. 35: the applicant was asked to explain the number or frequency of their requests. */
  reasons?: { requestedOn: string; replyBy: string; facts: string };
  /** Art. 35: the later due date set after reasonable reasons (replaces the Art. 33 due date). */
  reasonablePeriod?: { decidedOn: string; dueDate: string; reason: string; approvedBy: string };
  fee?: { noticeOn: string; amountYuan: number; method: FeeMethod; payBy: string; paidOn?: string };
  disposition?: Disposition;
  /** The day the result was reached: the reply, the abandonment, the lapse or the withdrawal. */
  concludedOn?: string;
  delivery?: { on: string; method: DeliveryMethod };
  transfer?: { on: string; toUnitId: string; reason: string };
  closedOn?: string;
  events: CaseEvent[];
}

export const emptyCase = (e: Extract<CaseEvent, { type: 'register' }>, ids: Pick<CaseState, 'id' | 'unitId' | 'applicantId'>): CaseState => ({
  ...ids,
  ...(e.category ? { category: e.category } : {}),
  ...(e.channel ? { channel: e.channel } : {}),
  status: 'registered',
  receivedOn: e.date,
  consultationCount: 0,
  events: [e],
});

/** Folds one recorded event into the state. No checks: the event was accepted when it was recorded. */
export function evolve(s: CaseState, e: CaseEvent): CaseState {
  const next: CaseState = { ...s, status: e.to, events: [...s.events, e] };
  switch (e.type) {
    case 'register':
      return { ...next, receivedOn: e.date };
    case 'request_correction':
      return { ...next, correction: { requestedOn: e.date, correctBy: e.correctBy, items: [...e.items] } };
    case 'correct':
      return { ...next, correction: { ...s.correction!, correctedOn: e.date, ...(e.lateReason ? { lateReason: e.lateReason } : {}) } };
    case 'abandon':
      return { ...next, disposition: { key: 'correction_lapsed' }, concludedOn: e.date };
    case 'start_consultation':
      return { ...next, consultation: { startedOn: e.date, parties: [...e.parties] }, consultationCount: s.consultationCount + 1 };
    case 'end_consultation':
      return { ...next, consultation: { ...s.consultation!, endedOn: e.date, outcome: e.outcome } };
    case 'extend':
      return { ...next, extension: { decidedOn: e.date, workdays: e.workdays, reason: e.reason, approvedBy: e.approvedBy } };
    case 'request_reasons':
      return { ...next, reasons: { requestedOn: e.date, replyBy: e.replyBy, facts: e.facts } };
    case 'set_reasonable_period':
      return { ...next, reasonablePeriod: { decidedOn: e.date, dueDate: e.dueDate, reason: e.reason, approvedBy: e.approvedBy } };
    case 'send_fee_notice':
      return { ...next, fee: { noticeOn: e.date, amountYuan: e.amountYuan, method: e.method, payBy: e.payBy! } };
    case 'record_fee_paid':
      return { ...next, fee: { ...s.fee!, paidOn: e.date } };
    case 'fee_lapse':
      return { ...next, disposition: { key: 'fee_unpaid' }, concludedOn: e.date };
    case 'answer':
      return { ...next, disposition: e.disposition, concludedOn: e.date };
    case 'deliver':
      return { ...next, delivery: { on: e.date, method: e.method } };
    case 'close':
      return { ...next, closedOn: e.date };
    case 'withdraw':
      return { ...next, disposition: { key: 'withdrawn', ...(e.reason ? { reason: e.reason } : {}) }, concludedOn: e.date };
    case 'transfer':
      return { ...next, transfer: { on: e.date, toUnitId: e.toUnitId, reason: e.reason } };
    case 'accept':
      return next;
  }
}

/** Rebuilds a case from its stored events (the first must be `register`). */
export function replayCase(events: readonly CaseEvent[], ids: Pick<CaseState, 'id' | 'unitId' | 'applicantId'> = {}): CaseState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'register') throw new Error('a case history starts with its register event');
  return rest.reduce(evolve, emptyCase(first, ids));
}

export type { TransitionName };
