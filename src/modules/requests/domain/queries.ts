/**
 * Questions asked of a case, one small pure function per phase (for list filters, dashboards and
 * reminders). Due dates come from the deadline engine (src/core/calendar); these only compare.
 */
import type { CaseState } from './case.ts';
import { reportRowOf, type ReportRow } from './dispositions.ts';
import { daysBetween } from './rule-error.ts';
import { OPEN_STATUSES } from './states.ts';

type Case = Pick<CaseState, 'status'>;

/** The organ still owes a decision (Art. 33). */
export function isOpen(c: Case): boolean {
  return OPEN_STATUSES.includes(c.status);
}

/** Waiting for the applicant: a correction (Art. 30) or a fee payment (Art. 42). */
export function isAwaitingApplicant(c: Case): boolean {
  return c.status === 'correction_requested' || c.status === 'fee_notice_sent';
}

/**
 * The answer clock is not running: during a consultation (Art. 33 ¶3) or a fee notice (109号), and while
 * a correction is awaited — the period then starts again from the corrected application (Art. 30).
 */
export function isPaused(c: Case): boolean {
  return c.status === 'consultation' || c.status === 'fee_notice_sent' || c.status === 'correction_requested';
}

/** A reply has been issued but not yet delivered. */
export function isAwaitingDelivery(c: Case): boolean {
  return c.status === 'answered';
}

/** The case has its result (the row it counts in for the year of `concludedOn`). */
export function isConcluded(c: Pick<CaseState, 'status' | 'concludedOn' | 'transfer'>): boolean {
  return !!c.concludedOn && !c.transfer;
}

/**
 * Open, running, and due within `days` (calendar days by default; pass `countWorkdays` from the
 * calendar to count working days, e.g. “3 working days left”). Not for paused cases: their due date moves.
 */
export function dueSoon(
  c: Case,
  today: string,
  dueDate: string,
  days: number,
  countWorkdays?: (from: string, to: string) => number,
): boolean {
  if (!isOpen(c) || isPaused(c) || today > dueDate) return false;
  const left = countWorkdays ? countWorkdays(today, dueDate) : daysBetween(today, dueDate);
  return left <= days;
}

/** Open, running, and past its due date (Art. 33). */
export function overdue(c: Case, today: string, dueDate: string): boolean {
  return isOpen(c) && !isPaused(c) && today > dueDate;
}

/** Answered after the due date the engine computed (for supervision and the annual report's narrative). */
export function answeredLate(c: Pick<CaseState, 'concludedOn' | 'disposition'>, dueDate: string): boolean {
  return !!c.concludedOn && !!c.disposition && c.concludedOn > dueDate;
}

/** The annual-report row a concluded case counts in; null while open or when transferred away. */
export function reportRow(c: Pick<CaseState, 'status' | 'concludedOn' | 'transfer' | 'disposition'>): ReportRow | null {
  return isConcluded(c) && c.disposition ? reportRowOf(c.disposition) : null;
}
