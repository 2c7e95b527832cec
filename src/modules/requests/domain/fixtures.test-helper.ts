/**
 * Shared test fixtures for the requests domain: a Monday–Friday calendar (holidays are the calendar
 * engine's business, not this module's), actors with one role each, and a case driven into each state.
 */
import type { CaseEventInput, CaseState } from './case.ts';
import type { Disposition } from './dispositions.ts';
import { CASE_STATUSES, type CaseStatus, type Role } from './states.ts';
import { applyEvent, openCase, type Actor } from './workflow.ts';
import type { CaseContext, WorkdayCalendar } from './step-rules.ts';

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Weekdays only; `date` itself never counts, like the engine's addWorkdays. */
export const weekdayCalendar: WorkdayCalendar = {
  addWorkdays(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (w !== 0 && w !== 6) left--;
    }
    return d;
  },
};

export const APPLICANT_ID = 'applicant-1';
export const TODAY = '2024-12-31';
/** A Tuesday. */
export const RECEIVED = '2024-10-08';
export const CTX: CaseContext = { calendar: weekdayCalendar, dueDate: '2025-01-31' };

export const actor = (role: Role): Actor => ({ id: role === 'applicant' ? APPLICANT_ID : `${role}-1`, roles: [role] });
export const staff: Actor = { id: 'staff-1', roles: ['unit_admin', 'case_handler', 'reviewer'] };

export const RELEASE: Disposition = {
  key: 'release',
  released: [{ description: '《双塔区2024年老旧小区改造计划》' }],
  provision: '以电子邮件发送',
};

export function must(s: CaseState, input: CaseEventInput, today = TODAY, ctx: CaseContext = CTX): CaseState {
  const r = applyEvent(s, input, staff, today, ctx);
  if (!r.ok) throw new Error(`fixture step ${input.type} failed: ${r.error.code} ${r.error.zh}`);
  return r.value.state;
}

export function registered(): CaseState {
  const r = openCase({ type: 'register', date: RECEIVED, channel: 'online', category: 'natural', id: 'case-1', unitId: 'unit-a', applicantId: APPLICANT_ID }, staff, RECEIVED);
  if (!r.ok) throw new Error(r.error.zh);
  return r.value.state;
}

/** A case in each state, reached by the usual path. Dates: received 2024-10-08, steps in the following days. */
export function caseIn(status: CaseStatus): CaseState {
  const reg = registered();
  const acc = () => must(reg, { type: 'accept', date: RECEIVED });
  const corr = () => must(acc(), { type: 'request_correction', date: '2024-10-09', items: ['请写明文件名称或文号'], correctBy: '2024-10-18' });
  const fee = () => must(acc(), { type: 'send_fee_notice', date: '2024-10-09', amountYuan: 100, method: 'per_request', payBy: '2024-11-06' });
  const ans = () => must(acc(), { type: 'answer', date: '2024-10-10', disposition: RELEASE });
  const del = () => must(ans(), { type: 'deliver', date: '2024-10-11', method: 'email' });
  switch (status) {
    case 'registered':
      return reg;
    case 'accepted':
      return acc();
    case 'correction_requested':
      return corr();
    case 'consultation':
      return must(acc(), { type: 'start_consultation', date: '2024-10-09', parties: [{ kind: 'third_party', name: '某建设有限公司' }] });
    case 'fee_notice_sent':
      return fee();
    case 'answered':
      return ans();
    case 'delivered':
      return del();
    case 'closed':
      return must(del(), { type: 'close', date: '2024-10-12' });
    case 'abandoned':
      return must(corr(), { type: 'abandon', date: '2024-10-21' });
    case 'fee_unpaid':
      return must(fee(), { type: 'fee_lapse', date: '2024-11-07' });
    case 'withdrawn':
      return must(acc(), { type: 'withdraw', date: '2024-10-09' });
    case 'transferred':
      return must(reg, { type: 'transfer', date: '2024-10-08', toUnitId: 'unit-b', reason: '该信息由双塔区住房和城乡建设局制作' });
  }
}

export const ALL_STATES: readonly CaseStatus[] = CASE_STATUSES;
