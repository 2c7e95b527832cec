/**
 * The national holiday / make-up-workday list shipped by the `chinese-days` package.
 *
 * Each year the State Council General Office publishes a notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * naming the days off and the weekend days worked instead (调休上班), under 《全国年节及纪念日放假办法》.
 * `chinese-days` bundles those notices as JSON (2004–2026 in 1.5.7, including the 2020 Spring Festival
 * extension of 国办发明电〔2020〕1号), so nothing is fetched at run time.
 *
 * The package is CommonJS with no `exports` map, so its JSON file can be required directly; it is read
 * once per process and cached here. A database-backed holiday table can feed the same `HolidayEntry`
 * shape to `WorkCalendar` instead.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** One day that differs from the Monday–Friday rule, as published nationally. */
export interface HolidayEntry {
  date: string;
  /** false = statutory day off (放假); true = weekend day made a working day (调休上班). */
  isWorkday: boolean;
  /** Chinese name of the festival, from the data (春节, 国庆节, 中秋 …). */
  name: string;
  nameEn: string;
  /** Where the entry came from, shown in traces. */
  source: string;
}

/** `{"2020-01-24": "Spring Festival,春节,3", …}` — English name, Chinese name, statutory length. */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: readonly HolidayEntry[] | null = null;

/** The package's entries, sorted by date. Loaded on first use, then shared. */
export function chineseDaysEntries(): readonly HolidayEntry[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const source = `chinese-days ${version}`;
  const entries: HolidayEntry[] = [];
  const add = (table: Record<string, string>, isWorkday: boolean) => {
    for (const [date, label] of Object.entries(table)) {
      const [nameEn = '', name = ''] = label.split(',');
      entries.push({ date, isWorkday, name: name.trim(), nameEn: nameEn.trim(), source });
    }
  };
  add(data.holidays, false);
  add(data.workdays, true);
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cached = Object.freeze(entries);
  return cached;
}

let years: readonly number[] | null = null;

/**
 * The years whose national arrangement the package bundles in full: one `dist/years/<YYYY>.json` per
 * State Council notice it ships. This is the package's own statement of coverage — a year counts as
 * loaded because the package publishes that year's file, not because some row of that year exists.
 */
export function chineseDaysYears(): readonly number[] {
  if (years) return years;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
  years = Object.freeze(readdirSync(dir).map((f) => /^(\d{4})\.json$/.exec(f)?.[1]).filter((y): y is string => !!y).map(Number).sort((a, b) => a - b));
  return years;
}

/** e.g. "chinese-days 1.5.7", the source named for the package's years. */
export function chineseDaysSource(): string {
  const require = createRequire(import.meta.url);
  return `chinese-days ${(require('chinese-days/package.json') as { version: string }).version}`;
}
