/**
 * The case's events as the deadline engine (src/core/calendar/timeline.ts) reads them:
 * `{ received, events: [{ type, date, workdays? }] }`. Only the steps that move the answer deadline of
 * Art. 33 appear; the engine decides the due date, this module never counts working days.
 */
import type { CaseEvent } from './case.ts';

export type DeadlineEvent =
  | { type: 'correction_requested'; date: string; correctBy?: string }
  | { type: 'corrected'; date: string }
  | { type: 'consultation_started'; date: string }
  | { type: 'consultation_ended'; date: string }
  | { type: 'fee_notice_sent'; date: string }
  | { type: 'fee_paid'; date: string }
  | { type: 'extended'; date: string; workdays: number };

export interface DeadlineTimeline {
  /** Receipt date (Art. 31). */
  received: string;
  events: DeadlineEvent[];
}

function toDeadlineEvent(e: CaseEvent): DeadlineEvent | null {
  switch (e.type) {
    case 'request_correction': // Art. 30: the period restarts from the corrected application
      return { type: 'correction_requested', date: e.date, correctBy: e.correctBy };
    case 'correct':
      return { type: 'corrected', date: e.date };
    case 'start_consultation': // Art. 33 ¶3: consultation time is not counted
      return { type: 'consultation_started', date: e.date };
    case 'end_consultation':
      return { type: 'consultation_ended', date: e.date };
    case 'send_fee_notice': // 109号: the time until payment is not counted
      return { type: 'fee_notice_sent', date: e.date };
    case 'record_fee_paid':
      return { type: 'fee_paid', date: e.date };
    case 'extend': // Art. 33 ¶2
      return { type: 'extended', date: e.date, workdays: e.workdays };
    default:
      return null;
  }
}

/**
 * The later due date set under Art. 35 (reasons reasonable, the Art. 33 period cannot be met), if any.
 * The engine knows only Art. 30–33; this date replaces its result (requests/store/deadline.ts). Asking for
 * reasons (`request_reasons`) is not here: Art. 35 does not stop the clock.
 */
export function reasonablePeriodOf(caseEvents: readonly CaseEvent[]): Extract<CaseEvent, { type: 'set_reasonable_period' }> | null {
  let found: Extract<CaseEvent, { type: 'set_reasonable_period' }> | null = null;
  for (const e of caseEvents) if (e.type === 'set_reasonable_period') found = e;
  return found;
}

/** The deadline engine's input for a case, from its recorded events (the first is `register`). */
export function toDeadlineTimeline(caseEvents: readonly CaseEvent[]): DeadlineTimeline {
  const register = caseEvents.find((e) => e.type === 'register');
  if (!register) throw new Error('toDeadlineTimeline: the case has no register event (receipt date)');
  const events: DeadlineEvent[] = [];
  for (const e of caseEvents) {
    const d = toDeadlineEvent(e);
    if (d) events.push(d);
  }
  return { received: register.date, events };
}
