/**
 * A case's answer deadline, recomputed from its events by the calendar engine (条例 第三十条至第三十三条)
 * with the working-day calendar of the unit's county, and the columns stored for list queries.
 */
import type { DbOrTx } from '../../core/db/index.ts';
import { AppError } from '../../core/http/errors.ts';
import { calendarFor, countyOfUnitCode } from '../../core/calendar/store.ts';
import { computeDeadline, TimelineError, type DeadlineResult, type WorkCalendar } from '../../core/calendar/index.ts';
import { toDeadlineTimeline, type CaseEvent, type RuleError } from './domain/index.ts';

export const calendarForUnit = (db: DbOrTx, unitCode: string): Promise<WorkCalendar> => calendarFor(db, countyOfUnitCode(unitCode));

export function caseDeadline(events: readonly CaseEvent[], cal: WorkCalendar, today: string): DeadlineResult {
  return computeDeadline(toDeadlineTimeline(events), cal, { today });
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
