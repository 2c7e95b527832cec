/**
 * The working-day calendar (工作日) used for every period of the 政府信息公开条例 (Arts. 30, 32, 33).
 *
 * A working day is Monday–Friday, minus the statutory holidays, plus the weekend days that the State
 * Council's annual notice makes working days (调休上班) — 《全国年节及纪念日放假办法》 Arts. 2, 6, 7.
 * Layers, later wins:
 *   1. the Monday–Friday rule;
 *   2. the national list (chinese-days data, or any `HolidayEntry[]` such as a DB table);
 *   3. admin overrides with `scope: 'national'` (e.g. next year's notice entered before the package has it);
 *   4. admin overrides with `scope: 'county:<code>'`, only when the calendar is built for that county —
 *      local ethnic holidays are set by local governments (放假办法 Art. 4), e.g. in 喀左.
 * A year with no national data still counts Monday–Friday, but every caller gets a warning for it.
 */
import { addDays, assertIsoDate, compareDates, isIsoDate, isWeekend, yearOf } from './dates.ts';
import { chineseDaysEntries, type HolidayEntry } from './holiday-data.ts';

export type { HolidayEntry } from './holiday-data.ts';

export interface LocalizedText {
  zh: string;
  en: string;
}

export type CalendarScope = 'national' | `county:${string}`;

/** One admin-entered correction of the calendar (a row of the override table). */
export interface CalendarOverride {
  date: string;
  isWorkday: boolean;
  scope: CalendarScope;
  /** The notice it comes from, e.g. 国办发明电〔2026〕7号 or a county government's notice number. */
  source?: string;
  note?: string;
  /** Festival name to show (e.g. 那达慕); falls back to the note, then to the national entry's name. */
  name?: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: string;
  workday: boolean;
  /** 'holiday' = a statutory or local day off; 'makeup' = a weekend day worked (调休上班). */
  kind: DayKind;
  name?: string;
  nameEn?: string;
  source?: string;
  /** false when the date's year has no national data, so only Monday–Friday was applied. */
  hasData: boolean;
}

/** A holiday or make-up working day that a counted range went through, for traces. */
export interface CrossedDay {
  date: string;
  kind: 'holiday' | 'makeup';
  name: string;
  nameEn?: string;
}

export interface CalendarWarning {
  code: 'calendar_year_missing';
  year: number;
  message: LocalizedText;
}

export interface WorkCalendarOptions {
  /** National list; defaults to the chinese-days data. */
  entries?: readonly HolidayEntry[];
  overrides?: readonly CalendarOverride[];
  /** County (administrative division) code whose `county:<code>` overrides apply. */
  county?: string | null;
}

interface Special {
  isWorkday: boolean;
  name?: string;
  nameEn?: string;
  source?: string;
}

const SCOPE = /^(national|county:[0-9A-Za-z_-]+)$/;

/** Guards the day-by-day walks against a corrupt table that would make every day a day off. */
const MAX_CALENDAR_DAYS_PER_WALK = 50_000;

export class WorkCalendar {
  readonly county: string | null;
  private readonly special = new Map<string, Special>();
  private readonly covered = new Set<number>();

  constructor(options: WorkCalendarOptions = {}) {
    this.county = options.county ?? null;
    for (const e of options.entries ?? chineseDaysEntries()) {
      assertIsoDate(e.date, 'holiday entry date');
      this.special.set(e.date, { isWorkday: e.isWorkday, name: e.name, nameEn: e.nameEn, source: e.source });
      // Every annual notice names days off, so a year with at least one is a year with data.
      if (!e.isWorkday) this.covered.add(yearOf(e.date));
    }
    const overrides = options.overrides ?? [];
    for (const o of overrides) validateOverride(o);
    // National overrides first, then this county's, so the county wins on the same date.
    const national = overrides.filter((o) => o.scope === 'national');
    const local = overrides.filter((o) => this.county !== null && o.scope === `county:${this.county}`);
    for (const o of [...national, ...local]) {
      const base = this.special.get(o.date);
      this.special.set(o.date, {
        isWorkday: o.isWorkday,
        name: o.name ?? o.note ?? base?.name,
        nameEn: o.name || o.note ? undefined : base?.nameEn,
        source: o.source ?? `override (${o.scope})`,
      });
      if (o.scope === 'national' && !o.isWorkday) this.covered.add(yearOf(o.date));
    }
  }

  hasDataFor(year: number): boolean {
    return this.covered.has(year);
  }

  yearsCovered(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  dayInfo(date: string): DayInfo {
    assertIsoDate(date);
    const hasData = this.covered.has(yearOf(date));
    const s = this.special.get(date);
    const weekend = isWeekend(date);
    if (!s) return { date, workday: !weekend, kind: weekend ? 'weekend' : 'workday', hasData };
    const kind: DayKind = s.isWorkday ? (weekend ? 'makeup' : 'workday') : 'holiday';
    const info: DayInfo = { date, workday: s.isWorkday, kind, hasData };
    if (s.name) info.name = s.name;
    if (s.nameEn) info.nameEn = s.nameEn;
    if (s.source) info.source = s.source;
    return info;
  }

  /** The n-th working day after `date`; `date` itself is never counted (n = 0 returns `date`). */
  addWorkdays(date: string, n: number): string {
    assertIsoDate(date);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`workdays must be a whole number ≥ 0, got ${n}`);
    let d = date;
    let left = n;
    for (let steps = 0; left > 0; steps++) {
      if (steps > MAX_CALENDAR_DAYS_PER_WALK) throw new RangeError('calendar has no working days ahead');
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** Working days in (a, b]: after a, up to and including b. 0 when b is not after a. */
  countWorkdays(a: string, b: string): number {
    assertIsoDate(a);
    assertIsoDate(b);
    let count = 0;
    for (let d = addDays(a, 1), steps = 0; compareDates(d, b) <= 0; d = addDays(d, 1), steps++) {
      if (steps > MAX_CALENDAR_DAYS_PER_WALK) throw new RangeError('range too long');
      if (this.isWorkday(d)) count++;
    }
    return count;
  }

  /** Holidays and make-up working days in (a, b], in date order, for "how this date was computed". */
  crossedDays(a: string, b: string): CrossedDay[] {
    assertIsoDate(a);
    assertIsoDate(b);
    const out: CrossedDay[] = [];
    for (let d = addDays(a, 1), steps = 0; compareDates(d, b) <= 0; d = addDays(d, 1), steps++) {
      if (steps > MAX_CALENDAR_DAYS_PER_WALK) throw new RangeError('range too long');
      const info = this.dayInfo(d);
      if (info.kind !== 'holiday' && info.kind !== 'makeup') continue;
      const c: CrossedDay = { date: d, kind: info.kind, name: info.name ?? (info.kind === 'holiday' ? '放假' : '调休上班') };
      if (info.nameEn) c.nameEn = info.nameEn;
      out.push(c);
    }
    return out;
  }

  /** One warning per year, among the given dates' years, that has no national data. */
  warningsFor(dates: Iterable<string>): CalendarWarning[] {
    const years = new Set<number>();
    for (const d of dates) if (isIsoDate(d)) years.add(yearOf(d));
    return [...years].sort((a, b) => a - b).filter((y) => !this.covered.has(y)).map(missingYearWarning);
  }

  /** Like warningsFor, for every year that the range [a, b] touches. */
  warningsForRange(a: string, b: string): CalendarWarning[] {
    assertIsoDate(a);
    assertIsoDate(b);
    const dates: string[] = [];
    for (let y = Math.min(yearOf(a), yearOf(b)); y <= Math.max(yearOf(a), yearOf(b)); y++) dates.push(`${y}-01-01`);
    return this.warningsFor(dates);
  }
}

export function missingYearWarning(year: number): CalendarWarning {
  return {
    code: 'calendar_year_missing',
    year,
    message: {
      zh: `尚未载入${year}年的节假日安排（国务院办公厅关于${year}年部分节假日安排的通知），${year}年的日期暂按周一至周五计算工作日，结果可能不准确。请管理员录入该年的放假和调休上班日期。`,
      en: `No holiday data for ${year} (the State Council notice on the ${year} holiday arrangements) is loaded; dates in ${year} are counted as Monday–Friday only and may be wrong. An administrator should enter that year's days off and make-up working days.`,
    },
  };
}

/**
 * For the dashboard: a warning when the calendar lacks the current year, or — from 1 December on,
 * when the next year's notice is normally out — the next year. `today` is injected (YYYY-MM-DD).
 */
export function nextYearDataWarning(
  today: string,
  calendar: Pick<WorkCalendar, 'hasDataFor'>,
): CalendarWarning | null {
  assertIsoDate(today, 'today');
  const year = yearOf(today);
  if (!calendar.hasDataFor(year)) return missingYearWarning(year);
  if (today.slice(5) >= '12-01' && !calendar.hasDataFor(year + 1)) return missingYearWarning(year + 1);
  return null;
}

function validateOverride(o: CalendarOverride): void {
  if (!isIsoDate(o.date)) throw new RangeError(`calendar override has a bad date: ${JSON.stringify(o.date)}`);
  if (typeof o.isWorkday !== 'boolean') throw new RangeError(`calendar override ${o.date}: isWorkday must be a boolean`);
  if (typeof o.scope !== 'string' || !SCOPE.test(o.scope)) {
    throw new RangeError(`calendar override ${o.date}: scope must be 'national' or 'county:<code>', got ${JSON.stringify(o.scope)}`);
  }
}

let defaultCalendar: WorkCalendar | null = null;

/** The national calendar from the package data alone, built once (no overrides, no county). */
export function nationalCalendar(): WorkCalendar {
  defaultCalendar ??= new WorkCalendar();
  return defaultCalendar;
}
