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
 *
 * A year is "loaded" only by an explicit record per source: the years the package bundles in full
 * (chineseDaysYears), or a year an administrator confirmed as complete after entering the State
 * Council's notice (`years` with scope 'national'). Entering one day off loads nothing. A county may
 * also confirm its local holidays for a year (scope 'county:<code>'), shown beside the national status.
 * For a year that is not loaded the calendar counts Monday–Friday minus the fixed-date statutory
 * holidays (statutory.ts: 元旦, 劳动节, 国庆节), and every caller gets a warning that the result is
 * provisional; the lunar holidays and the make-up days cannot be known before the notice.
 */
import { addDays, assertIsoDate, compareDates, fromDayNumber, isIsoDate, isWeekend, toDayNumber, yearOf } from './dates.ts';
import { chineseDaysEntries, chineseDaysSource, chineseDaysYears, type HolidayEntry } from './holiday-data.ts';
import { fixedStatutoryHoliday, STATUTORY_SOURCE } from './statutory.ts';

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

/** "This year's arrangement is complete" for a scope, set by an administrator (the calendar_years table). */
export interface CalendarYearMark {
  year: number;
  scope: CalendarScope;
  /** The notice it was entered from, e.g. 国办发明电〔2026〕7号. */
  source: string;
}

/** Where a year's national arrangement comes from, if it is loaded. */
export interface YearCoverage {
  year: number;
  /** 'package' = bundled chinese-days data; 'notice' = confirmed by an administrator; null = not loaded. */
  national: { by: 'package' | 'notice'; source: string } | null;
  /** Counties (division codes) whose local holidays for the year an administrator confirmed. */
  counties: { county: string; source: string }[];
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
  /** false when the date's year is not loaded, so only Monday–Friday and the fixed-date holidays apply. */
  hasData: boolean;
  /** true for a fixed-date statutory holiday applied while the year is not loaded (statutory.ts). */
  provisional?: boolean;
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
  /** Years `entries` cover in full; defaults to the package's years when `entries` is defaulted, else none. */
  entryYears?: readonly number[];
  /** Source named for `entryYears` (default: the package name and version). */
  entrySource?: string;
  overrides?: readonly CalendarOverride[];
  /** Years confirmed complete by an administrator, per scope. */
  years?: readonly CalendarYearMark[];
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
  /** year → where its national arrangement comes from */
  private readonly covered = new Map<number, { by: 'package' | 'notice'; source: string }>();
  private readonly countyYears = new Map<number, { county: string; source: string }[]>();
  /**
   * year → running count of its working days (entry i: 1 January up to and including its i-th day),
   * built on first use. A calendar never changes after construction (an edit builds a new one:
   * store.ts calendarFor), so counting working days over years is two look-ups, not a walk per call:
   * the 公开时效 page and the stored deadlines count them for every row (#15 item 3).
   */
  private readonly running = new Map<number, Int16Array>();

  constructor(options: WorkCalendarOptions = {}) {
    this.county = options.county ?? null;
    for (const e of options.entries ?? chineseDaysEntries()) {
      assertIsoDate(e.date, 'holiday entry date');
      this.special.set(e.date, { isWorkday: e.isWorkday, name: e.name, nameEn: e.nameEn, source: e.source });
    }
    const entryYears = options.entryYears ?? (options.entries ? [] : chineseDaysYears());
    const entrySource = options.entrySource ?? chineseDaysSource();
    for (const y of entryYears) this.covered.set(y, { by: 'package', source: entrySource });
    for (const m of options.years ?? []) {
      if (!Number.isInteger(m.year) || typeof m.scope !== 'string' || !SCOPE.test(m.scope)) throw new RangeError(`calendar year mark is malformed: ${JSON.stringify(m)}`);
      if (m.scope === 'national') {
        if (!this.covered.has(m.year)) this.covered.set(m.year, { by: 'notice', source: m.source });
      } else {
        const list = this.countyYears.get(m.year) ?? this.countyYears.set(m.year, []).get(m.year)!;
        list.push({ county: m.scope.slice('county:'.length), source: m.source });
      }
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
    }
  }

  /** Whether the year's national arrangement is loaded (bundled, or confirmed by an administrator). */
  hasDataFor(year: number): boolean {
    return this.covered.has(year);
  }

  yearsCovered(): number[] {
    return [...this.covered.keys()].sort((a, b) => a - b);
  }

  /** Where the year's national arrangement, and any county's local one, comes from. */
  coverage(year: number): YearCoverage {
    return { year, national: this.covered.get(year) ?? null, counties: [...(this.countyYears.get(year) ?? [])] };
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  dayInfo(date: string): DayInfo {
    assertIsoDate(date);
    const hasData = this.covered.has(yearOf(date));
    const s = this.special.get(date);
    const weekend = isWeekend(date);
    if (!s) {
      // Not loaded yet: the fixed-date statutory holidays are days off whatever the notice will say.
      const fixed = hasData ? null : fixedStatutoryHoliday(date);
      if (fixed) return { date, workday: false, kind: 'holiday', name: fixed.name, nameEn: fixed.nameEn, source: STATUTORY_SOURCE, hasData, provisional: true };
      return { date, workday: !weekend, kind: weekend ? 'weekend' : 'workday', hasData };
    }
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
    const span = toDayNumber(b) - toDayNumber(a);
    if (span <= 0) return 0;
    // the limit the day-by-day walk had (it threw on its (MAX + 2)-th day)
    if (span > MAX_CALENDAR_DAYS_PER_WALK + 1) throw new RangeError('range too long');
    let count = this.workdaysThisYearUpTo(b) - this.workdaysThisYearUpTo(a);
    for (let y = yearOf(a); y < yearOf(b); y++) {
      const t = this.runningCount(y);
      count += t[t.length - 1];
    }
    return count;
  }

  /** Working days from 1 January of `iso`'s year up to and including `iso`. */
  private workdaysThisYearUpTo(iso: string): number {
    const y = yearOf(iso);
    return this.runningCount(y)[toDayNumber(iso) - toDayNumber(`${y}-01-01`)];
  }

  private runningCount(year: number): Int16Array {
    let t = this.running.get(year);
    if (!t) {
      const first = toDayNumber(`${year}-01-01`);
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      t = new Int16Array(leap ? 366 : 365);
      for (let i = 0, n = 0; i < t.length; i++) {
        if (this.isWorkday(fromDayNumber(first + i))) n++;
        t[i] = n;
      }
      this.running.set(year, t);
    }
    return t;
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
      zh: `尚未载入${year}年的节假日安排（国务院办公厅关于${year}年部分节假日安排的通知），${year}年的日期为暂定：按双休日和《全国年节及纪念日放假办法》规定的固定日期节日（元旦、劳动节、国庆节）推算，春节、清明节、端午节、中秋节和调休尚未计入，国家公布安排后可能调整。请管理员录入该年的放假和调休上班日期，并确认该年安排已完整载入。`,
      en: `The ${year} holiday arrangements (the State Council notice) are not loaded; dates in ${year} are provisional: counted on weekends and the fixed-date statutory holidays (New Year's Day, Labour Day, National Day) only — the Spring Festival, Qingming, Dragon Boat and Mid-Autumn holidays and the make-up days are not yet known, so they may change. An administrator should enter that year's days off and make-up working days and confirm the year as complete.`,
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
