/**
 * A case's answer deadline, recomputed from its events by the calendar engine (条例 第三十条至第三十三条)
 * with the working-day calendar of the unit's county, and the columns stored for list queries.
 *
 * 条例 第三十五条: when the organ finds the applicant's reasons reasonable but cannot answer within the
 * Art. 33 period, it sets a reasonable later due date. That date, chosen by staff and told to the
 * applicant in the 延迟答复告知书, replaces the engine's result: the answer is due on it, the case is
 * overdue after it, and nothing recorded later moves it (Art. 33 ¶3 and the fee rules pause the Art. 33
 * period; the Art. 35 date is a date the organ fixed itself — see README “Choices”).
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import { AppError } from '../../../core/http/errors.ts';
import { calendarFor, countyOfUnitCode } from '../../../core/calendar/store.ts';
import { computeDeadline, showDate, TimelineError, type DeadlineResult, type TraceEntry, type WorkCalendar } from '../../../core/calendar/index.ts';
import { reasonablePeriodOf, toDeadlineTimeline, type CaseEvent, type RuleError } from '../domain/index.ts';

const ART35 = '《条例》第三十五条';
/** Steps that would pause an Art. 33 period; after an Art. 35 date they no longer move it. */
const PAUSING = new Set<CaseEvent['type']>(['start_consultation', 'send_fee_notice']);

export const calendarForUnit = (db: DbOrTx, unitCode: string): Promise<WorkCalendar> => calendarFor(db, countyOfUnitCode(unitCode));

export function caseDeadline(events: readonly CaseEvent[], cal: WorkCalendar, today: string): DeadlineResult {
  const r = computeDeadline(toDeadlineTimeline(events), cal, { today });
  const rp = reasonablePeriodOf(events);
  return rp ? withReasonablePeriod(r, events, rp, cal, today) : r;
}

/** The engine's result with the Art. 35 date in place of its due date, and the trace saying why. */
function withReasonablePeriod(
  r: DeadlineResult,
  events: readonly CaseEvent[],
  rp: Extract<CaseEvent, { type: 'set_reasonable_period' }>,
  cal: WorkCalendar,
  today: string,
): DeadlineResult {
  // the Art. 33 due date when the later period was set (the engine over the events up to then)
  const upTo = events.slice(0, events.indexOf(rp) + 1);
  const then = computeDeadline(toDeadlineTimeline(upTo), cal, { today: rp.date });
  const before = then.due ?? then.projectedDue ?? null;
  const due = rp.dueDate;
  const trace: TraceEntry[] = r.trace.filter((e) => e.step !== 'result');
  // in date order: after what happened up to that day, before anything later
  const at = trace.findIndex((e) => e.date !== undefined && e.date > rp.date);
  const later = at === -1 ? [] : trace.splice(at);
  trace.push({
    step: 'extended', date: rp.date, due, article: ART35,
    text: {
      zh: `${showDate(rp.date).zh}本机关认为申请人说明的理由合理，但无法在第三十三条规定的期限内答复，依照${ART35}确定延迟答复的合理期限并告知申请人，答复期限${before ? `由${before}` : ''}延至${showDate(due).zh}`,
      en: `on ${showDate(rp.date).en} the organ found the applicant's reasons reasonable but could not answer within the Art. 33 period; under Art. 35 it set a reasonable later due date and told the applicant: the due date moves${before ? ` from ${before}` : ''} to ${showDate(due).en}`,
    },
  });
  trace.push(...later);
  if (events.slice(events.indexOf(rp) + 1).some((e) => PAUSING.has(e.type))) {
    trace.push({
      step: 'extended', due, article: ART35,
      text: {
        zh: '此后的征求意见等期间不再顺延该期限：合理期限由本机关自行确定，应已考虑办理所需的时间',
        en: 'consultations after it do not move this date: the organ set the period itself, allowing for the time it needs',
      },
    });
  }
  trace.push({
    step: 'result', date: due, due,
    text: { zh: `答复期限：${showDate(due).zh}（依照${ART35}确定的合理期限）`, en: `answer due: ${showDate(due).en} (the reasonable period set under Art. 35)` },
  });
  const { projectedDue: _paused, ...rest } = r;
  // “the answer was already due when the pause began” speaks of the Art. 33 date, which no longer applies
  const warnings = r.warnings.filter((w) => w.code !== 'pause_after_due');
  // the organ fixed this date itself: it does not depend on a holiday arrangement still to come
  return { ...rest, state: 'running', due, paused: false, stopped: false, remainingWorkdays: null, pausedSince: null, overdue: today > due, trace, warnings, provisional: false, provisionalYears: [] };
}

/** Like caseDeadline, but a history the engine rejects (possible for imported data) gives null. */
export function caseDeadlineOrNull(events: readonly CaseEvent[], cal: WorkCalendar, today: string): DeadlineResult | null {
  if (!events.length) return null;
  try {
    return caseDeadline(events, cal, today);
  } catch (e) {
    if (e instanceof TimelineError) return null;
    throw e;
  }
}

export function deadlineColumns(r: DeadlineResult | null) {
  return {
    due_on: r?.due ?? null,
    deadline_state: r?.state ?? null,
    paused_since: r?.pausedSince ?? null,
    remaining_workdays: r?.remainingWorkdays ?? null,
  };
}

/** A domain rule broken → 422 with its bilingual message and the article it enforces. */
export function ruleFailed(e: RuleError): AppError {
  const art = e.article ? (e.article.startsWith('第') ? `《条例》${e.article}` : e.article) : '';
  return new AppError(422, e.code, { zh: art ? `${e.zh}（${art}）` : e.zh, en: e.en });
}

export function timelineFailed(e: TimelineError): AppError {
  return new AppError(422, e.code, e.messages);
}
