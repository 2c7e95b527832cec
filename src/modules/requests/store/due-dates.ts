/**
 * The stored answer deadline of open cases, recomputed in bulk (条例 第三十三条, the working-day
 * calendar of each unit's county).
 *
 * A case's due date (`due_on`, `deadline_state`, `paused_since`, `remaining_workdays`) changes only
 * when an event is recorded — `applyStep` and the intake commands store it in the event's
 * transaction — or when the holiday calendar is corrected. For the latter this module registers a
 * listener (`onCalendarChanged`): the calendar command recomputes every open case in its own
 * transaction, with the calendar as that transaction sees it, so lists, counts and the dashboard
 * read stored dates and never count working days per page view. The hourly reminder job calls the
 * same function (remaining working days move with the date).
 *
 * Events are read for all open cases in one query (ordered by case and sequence), not one query per
 * case, and only changed rows are written, 500 to a statement.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { WorkCalendar } from '../../../core/calendar/index.ts';
import { calendarFor, countyOfUnitCode, onCalendarChanged } from '../../../core/calendar/store.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import type { CaseEvent } from '../domain/index.ts';
import { caseDeadlineOrNull, deadlineColumns } from './deadline.ts';
import { OPEN_DB_STATUSES } from './repository.ts';

type CalendarOf = (county: string | null) => WorkCalendar | Promise<WorkCalendar>;

/** Statuses with a running, paused or stopped clock (an unconfirmed online submission has none yet). */
const CLOCKED = OPEN_DB_STATUSES.filter((s) => s !== 'submitted');

/**
 * Recomputes the stored deadline columns of the given cases, or of every open case, as of `today`.
 * A history the engine rejects (possible for imported data) keeps its stored values. Returns the
 * number of rows changed.
 */
export async function refreshCaseDeadlines(
  tx: DbOrTx,
  which: { ids: number[] } | 'open',
  o: { today?: string; calendarOf?: CalendarOf } = {},
): Promise<number> {
  const today = o.today ?? shanghaiDate();
  const calendarOf: CalendarOf = o.calendarOf ?? ((county) => calendarFor(tx, county));
  let q = tx.selectFrom('request_cases as c').innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.due_on', 'c.deadline_state', 'c.paused_since', 'c.remaining_workdays', 'u.code'])
    .where('c.status', 'in', CLOCKED);
  if (which !== 'open') {
    if (!which.ids.length) return 0;
    q = q.where('c.id', 'in', which.ids);
  }
  const cases = await q.orderBy('c.id').execute();
  if (!cases.length) return 0;
  const changes: { id: number; cols: ReturnType<typeof deadlineColumns> }[] = [];
  // events in slices of cases, so a city's open cases never sit in memory all at once
  for (let i = 0; i < cases.length; i += 2000) {
    const slice = cases.slice(i, i + 2000);
    const rows = await tx.selectFrom('request_events').select(['case_id', 'data'])
      .where('case_id', 'in', slice.map((c) => c.id)).orderBy('case_id').orderBy('seq').execute();
    const events = new Map<number, CaseEvent[]>();
    for (const r of rows) (events.get(r.case_id) ?? events.set(r.case_id, []).get(r.case_id)!).push(r.data as CaseEvent);
    for (const c of slice) {
      const d = caseDeadlineOrNull(events.get(c.id) ?? [], await calendarOf(countyOfUnitCode(c.code)), today);
      if (!d) continue;
      const cols = deadlineColumns(d);
      if (cols.due_on !== c.due_on || cols.deadline_state !== c.deadline_state || cols.paused_since !== c.paused_since || cols.remaining_workdays !== c.remaining_workdays) {
        changes.push({ id: c.id, cols });
      }
    }
  }
  for (let i = 0; i < changes.length; i += 500) {
    const values = changes.slice(i, i + 500).map(({ id, cols: x }) => sql`(${id}::int, ${x.due_on}::date, ${x.deadline_state}::text, ${x.paused_since}::date, ${x.remaining_workdays}::int)`);
    await sql`update request_cases as c set due_on = v.due_on, deadline_state = v.state, paused_since = v.paused_since, remaining_workdays = v.remaining
      from (values ${sql.join(values)}) as v(id, due_on, state, paused_since, remaining) where c.id = v.id`.execute(tx);
  }
  return changes.length;
}

// A corrected holiday or 调休 day moves answer deadlines: recompute them in the calendar's transaction.
onCalendarChanged(async (tx, calendarOf) => {
  await refreshCaseDeadlines(tx, 'open', { calendarOf });
});
