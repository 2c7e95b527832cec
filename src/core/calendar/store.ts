/**
 * The calendar as the application uses it: chinese-days data plus the admin override table,
 * built once per scope and rebuilt when an override changes (the table is tiny).
 */
import type { DbOrTx } from '../db/index.ts';
import { WorkCalendar, type CalendarOverride, type CalendarScope } from './calendar.ts';

let cache: { version: number; byCounty: Map<string, WorkCalendar> } = { version: 0, byCounty: new Map() };
let loaded: CalendarOverride[] | null = null;
let loadedAt = 0;
// Other app nodes learn of an override within this long (the table changes a few times a year).
const TTL_MS = 60_000;

export async function loadOverrides(db: DbOrTx): Promise<CalendarOverride[]> {
  const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, isWorkday: r.is_workday, scope: r.scope as CalendarScope, source: r.source ?? undefined, note: r.note ?? undefined, name: r.name ?? undefined }));
}

/** The calendar for a county (its division code) or the national one (null). */
export async function calendarFor(db: DbOrTx, county: string | null = null): Promise<WorkCalendar> {
  if (!loaded || Date.now() - loadedAt > TTL_MS) {
    loaded = await loadOverrides(db);
    loadedAt = Date.now();
    cache = { version: cache.version + 1, byCounty: new Map() };
  }
  const key = county ?? '';
  let cal = cache.byCounty.get(key);
  if (!cal) {
    cal = new WorkCalendar({ overrides: loaded, county });
    cache.byCounty.set(key, cal);
  }
  return cal;
}

/** Call after writing the override table. */
export function invalidateCalendar(): void {
  loaded = null;
  cache = { version: cache.version + 1, byCounty: new Map() };
}

/** The county division code of a unit code (统一社会信用代码 characters 3–8), for county-scoped holidays. */
export function countyOfUnitCode(code: string): string | null {
  return /^[0-9A-Z]{2}\d{6}/.test(code) && code.length === 18 ? code.slice(2, 8) : null;
}
