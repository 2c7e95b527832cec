/**
 * The calendar as the application uses it: chinese-days data plus the admin override table and the
 * year records (calendar_years: which years' arrangements an administrator confirmed complete),
 * built once per scope and rebuilt when either changes (both tables are tiny).
 */
import type { DbOrTx } from '../db/index.ts';
import { WorkCalendar, type CalendarOverride, type CalendarScope, type CalendarYearMark } from './calendar.ts';

let cache: { version: number; byCounty: Map<string, WorkCalendar> } = { version: 0, byCounty: new Map() };
let loaded: { overrides: CalendarOverride[]; years: CalendarYearMark[] } | null = null;
let loadedAt = 0;
// Other app nodes learn of an override within this long (the table changes a few times a year).
const TTL_MS = 60_000;

export async function loadOverrides(db: DbOrTx): Promise<CalendarOverride[]> {
  const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, isWorkday: r.is_workday, scope: r.scope as CalendarScope, source: r.source ?? undefined, note: r.note ?? undefined, name: r.name ?? undefined }));
}

export async function loadYearMarks(db: DbOrTx): Promise<CalendarYearMark[]> {
  const rows = await db.selectFrom('calendar_years').select(['year', 'scope', 'source']).orderBy('year').orderBy('scope').execute();
  return rows.map((r) => ({ year: r.year, scope: r.scope as CalendarScope, source: r.source }));
}

/** The calendar for a county (its division code) or the national one (null). */
export async function calendarFor(db: DbOrTx, county: string | null = null): Promise<WorkCalendar> {
  if (!loaded || Date.now() - loadedAt > TTL_MS) {
    loaded = { overrides: await loadOverrides(db), years: await loadYearMarks(db) };
    loadedAt = Date.now();
    cache = { version: cache.version + 1, byCounty: new Map() };
  }
  const key = county ?? '';
  let cal = cache.byCounty.get(key);
  if (!cal) {
    cal = new WorkCalendar({ overrides: loaded.overrides, years: loaded.years, county });
    cache.byCounty.set(key, cal);
  }
  return cal;
}

/** Call after writing the override or year tables. */
export function invalidateCalendar(): void {
  loaded = null;
  cache = { version: cache.version + 1, byCounty: new Map() };
}

/** Something a module stored from the calendar (e.g. documents' 公开时效 due dates), to recompute. */
export type CalendarListener = (tx: DbOrTx, calendarOf: (county: string | null) => WorkCalendar) => Promise<void>;
const listeners = new Set<CalendarListener>();

/** Modules register here what they must recompute when the calendar changes. Returns an unsubscribe function. */
export function onCalendarChanged(listener: CalendarListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Call inside the transaction that wrote the override or year tables: drops the cache and runs the
 * listeners in that transaction (so their results commit or roll back with the change), each
 * handed calendars built from the table as the transaction sees it — not cached, since the
 * change may still roll back.
 */
export async function calendarChanged(tx: DbOrTx): Promise<void> {
  invalidateCalendar();
  if (!listeners.size) return;
  const [overrides, years] = await Promise.all([loadOverrides(tx), loadYearMarks(tx)]);
  const built = new Map<string, WorkCalendar>();
  const calendarOf = (county: string | null) => {
    let cal = built.get(county ?? '');
    if (!cal) built.set(county ?? '', (cal = new WorkCalendar({ overrides, years, county })));
    return cal;
  };
  for (const l of listeners) await l(tx, calendarOf);
}

/** The county division code of a unit code (统一社会信用代码 characters 3–8), for county-scoped holidays. */
export function countyOfUnitCode(code: string): string | null {
  return /^[0-9A-Z]{2}\d{6}/.test(code) && code.length === 18 ? code.slice(2, 8) : null;
}
