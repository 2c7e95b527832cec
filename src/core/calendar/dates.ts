/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings.
 *
 * Legal dates in gongkai are Asia/Shanghai calendar days, not instants, so they are kept as strings and
 * converted to a plain day number through UTC only; no local time zone can shift a date by one day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar date written `YYYY-MM-DD`, years 1000–9999 (rejects 2024-02-30, 2024-2-3, 0000-01-01 …). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // years before 1000 are no record's (and PostgreSQL has no year 0: 0000-01-01 failed there, issue #10 item 7)
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Throws a RangeError naming the bad value; callers that face user input check with isIsoDate first. */
export function assertIsoDate(s: unknown, what = 'date'): asserts s is string {
  if (!isIsoDate(s)) throw new RangeError(`${what} must be a YYYY-MM-DD calendar date, got ${JSON.stringify(s)}`);
}

/** Days since 1970-01-01 for an ISO date. */
export function toDayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(toDayNumber(iso) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** ISO strings of the same shape sort as dates, so plain comparison is correct. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function weekdayName(iso: string, lang: 'zh' | 'en'): string {
  return (lang === 'zh' ? WEEKDAY_ZH : WEEKDAY_EN)[weekday(iso)];
}
