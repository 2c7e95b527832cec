/**
 * Expected values below were counted by hand from the State Council holiday notices
 * (国务院办公厅关于YYYY年部分节假日安排的通知, 2020–2026, and the 2020 Spring Festival extension
 * 国办发明电〔2020〕1号 that made 2020-01-31 and the 2020-02-01 make-up Saturday days off).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, fromDayNumber, toDayNumber } from './dates.ts';
import { WorkCalendar, nationalCalendar, nextYearDataWarning, type CalendarOverride, type DayKind } from './calendar.ts';

const cal = nationalCalendar();
const pick = (d: { workday: boolean; kind: string; name?: string; provisional?: boolean; hasData: boolean }) => ({ workday: d.workday, kind: d.kind, name: d.name, provisional: d.provisional, hasData: d.hasData });

describe('dayInfo: holidays and make-up days 2020–2026', () => {
  const table: [date: string, workday: boolean, kind: DayKind, name?: string][] = [
    // 2020 Spring Festival with the extension
    ['2020-01-19', true, 'makeup', '春节'], // Sunday worked before the holiday
    ['2020-01-24', false, 'holiday', '春节'],
    ['2020-01-31', false, 'holiday', '春节'], // Friday, added by 国办发明电〔2020〕1号
    ['2020-02-01', false, 'holiday', '春节'], // was a make-up Saturday, cancelled by the extension
    ['2020-02-02', false, 'holiday', '春节'],
    ['2020-02-03', true, 'workday'],
    // 2020 National Day + Mid-autumn
    ['2020-09-27', true, 'makeup', '国庆节'],
    ['2020-10-08', false, 'holiday'],
    ['2020-10-10', true, 'makeup', '国庆节'],
    // 2021
    ['2021-02-07', true, 'makeup', '春节'],
    ['2021-02-11', false, 'holiday', '春节'],
    ['2021-02-18', true, 'workday'],
    ['2021-02-20', true, 'makeup', '春节'],
    ['2021-09-18', true, 'makeup', '中秋'],
    ['2021-09-26', true, 'makeup', '国庆节'],
    ['2021-10-09', true, 'makeup', '国庆节'],
    // 2022
    ['2022-01-29', true, 'makeup', '春节'],
    ['2022-01-30', true, 'makeup', '春节'],
    ['2022-01-31', false, 'holiday', '春节'],
    ['2022-04-02', true, 'makeup', '清明'],
    ['2022-10-08', true, 'makeup', '国庆节'],
    ['2022-10-09', true, 'makeup', '国庆节'],
    // year boundary: New Year 2023 ran 2022-12-31 … 2023-01-02
    ['2022-12-31', false, 'holiday'],
    ['2023-01-02', false, 'holiday'],
    ['2023-01-03', true, 'workday'],
    // 2023
    ['2023-01-28', true, 'makeup', '春节'],
    ['2023-06-25', true, 'makeup', '端午'],
    ['2023-09-29', false, 'holiday'],
    ['2023-10-07', true, 'makeup', '国庆节'],
    ['2023-10-08', true, 'makeup', '国庆节'],
    // 2024
    ['2024-02-04', true, 'makeup', '春节'],
    ['2024-02-16', false, 'holiday', '春节'],
    ['2024-02-18', true, 'makeup', '春节'],
    ['2024-09-14', true, 'makeup', '中秋'],
    ['2024-09-29', true, 'makeup', '国庆节'],
    ['2024-10-01', false, 'holiday', '国庆节'],
    ['2024-10-07', false, 'holiday', '国庆节'],
    ['2024-10-12', true, 'makeup', '国庆节'],
    ['2024-10-19', false, 'weekend'],
    ['2024-10-21', true, 'workday'],
    // 2025 (first year of the 2024 revision: 除夕 is a holiday, Labour Day 2 days)
    ['2025-01-26', true, 'makeup', '春节'],
    ['2025-01-28', false, 'holiday', '春节'],
    ['2025-02-08', true, 'makeup', '春节'],
    ['2025-04-27', true, 'makeup', '劳动节'],
    ['2025-09-28', true, 'makeup', '国庆节'],
    ['2025-10-08', false, 'holiday'],
    ['2025-10-11', true, 'makeup', '国庆节'],
    // 2026
    ['2026-01-04', true, 'makeup', '元旦'],
    ['2026-02-14', true, 'makeup', '春节'],
    ['2026-02-23', false, 'holiday', '春节'],
    ['2026-02-28', true, 'makeup', '春节'],
    ['2026-09-20', true, 'makeup', '国庆节'],
    ['2026-10-07', false, 'holiday', '国庆节'],
    ['2026-10-10', true, 'makeup', '国庆节'],
  ];
  for (const [date, workday, kind, name] of table) {
    it(`${date} is ${kind}${name ? ` (${name})` : ''}`, () => {
      const info = cal.dayInfo(date);
      assert.equal(info.workday, workday);
      assert.equal(cal.isWorkday(date), workday);
      assert.equal(info.kind, kind);
      if (name) assert.equal(info.name, name);
      assert.equal(info.hasData, true);
    });
  }
});

describe('addWorkdays: the n-th working day after the date', () => {
  const table: [start: string, n: number, expected: string, why: string][] = [
    ['2020-09-25', 20, '2020-10-29', 'reference vector: 09-27 and 10-10 worked, 10-01…10-08 off'],
    ['2020-09-25', 7, '2020-10-12', 'correction-notice vector'],
    ['2020-09-25', 15, '2020-10-22', 'third-party vector'],
    ['2020-01-20', 20, '2020-02-25', '2020 extension: 01-24…02-02 off (02-21 without it)'],
    ['2020-01-17', 1, '2020-01-19', 'make-up Sunday counts'],
    ['2020-01-23', 1, '2020-02-03', '2020-01-31 and 2020-02-01 are not working days'],
    ['2019-12-31', 1, '2020-01-02', 'New Year across the year boundary'],
    ['2021-02-05', 5, '2021-02-18', 'Spring Festival 2021 with make-up 02-07'],
    ['2021-09-17', 3, '2021-09-23', 'Mid-autumn 2021 with make-up Saturday 09-18'],
    ['2022-01-28', 3, '2022-02-07', 'make-up Saturday and Sunday 01-29/30'],
    ['2022-12-30', 1, '2023-01-03', 'New Year 2023 starts on 2022-12-31'],
    ['2022-12-30', 20, '2023-02-02', 'across the year and Spring Festival 2023'],
    ['2023-09-27', 5, '2023-10-10', 'National Day 2023 with make-up 10-07/08'],
    ['2024-02-02', 20, '2024-03-06', 'Spring Festival 2024, make-up Sundays 02-04 and 02-18'],
    ['2024-09-27', 20, '2024-10-30', 'the issue example'],
    ['2025-01-24', 20, '2025-02-27', 'Spring Festival 2025 with 除夕 off'],
    ['2025-09-26', 7, '2025-10-13', 'National Day 2025 (8 days)'],
    ['2025-12-31', 1, '2026-01-04', 'make-up Sunday right after New Year 2026'],
    ['2026-02-13', 20, '2026-03-19', 'Spring Festival 2026 (9 days)'],
    ['2026-09-18', 20, '2026-10-22', 'Mid-autumn and National Day 2026'],
    ['2024-10-05', 0, '2024-10-05', 'n = 0 returns the date itself'],
  ];
  for (const [start, n, expected, why] of table) {
    it(`${start} + ${n} = ${expected} (${why})`, () => {
      assert.equal(cal.addWorkdays(start, n), expected);
    });
  }

  it('rejects negative or fractional n and bad dates', () => {
    assert.throws(() => cal.addWorkdays('2024-01-01', -1), RangeError);
    assert.throws(() => cal.addWorkdays('2024-01-01', 1.5), RangeError);
    assert.throws(() => cal.addWorkdays('2024-02-30', 1), RangeError);
  });
});

describe('countWorkdays: working days in (a, b]', () => {
  const table: [a: string, b: string, expected: number][] = [
    ['2020-01-20', '2020-02-25', 20],
    ['2020-01-23', '2020-02-03', 1],
    ['2020-09-30', '2020-10-10', 2],
    ['2022-12-30', '2023-01-03', 1],
    ['2024-10-20', '2024-11-05', 12],
    ['2026-02-13', '2026-02-28', 6],
    ['2024-10-05', '2024-10-05', 0],
    ['2024-11-05', '2024-10-20', 0],
  ];
  for (const [a, b, expected] of table) {
    it(`(${a}, ${b}] has ${expected}`, () => assert.equal(cal.countWorkdays(a, b), expected));
  }
});

describe('crossedDays', () => {
  it('lists holidays and make-up days, not ordinary weekends', () => {
    const crossed = cal.crossedDays('2020-01-17', '2020-02-04');
    assert.deepEqual(crossed.map((c) => `${c.date}:${c.kind}`), [
      '2020-01-19:makeup',
      '2020-01-24:holiday', '2020-01-25:holiday', '2020-01-26:holiday', '2020-01-27:holiday', '2020-01-28:holiday',
      '2020-01-29:holiday', '2020-01-30:holiday', '2020-01-31:holiday', '2020-02-01:holiday', '2020-02-02:holiday',
    ]);
    assert.ok(crossed.every((c) => c.name === '春节'));
    assert.equal(crossed[0].nameEn, 'Spring Festival');
  });
});

describe('data coverage and warnings', () => {
  it('covers 2004–2026 from chinese-days and nothing else', () => {
    const years = cal.yearsCovered();
    assert.equal(years[0], 2004);
    assert.equal(years[years.length - 1], 2026);
    assert.equal(years.length, 23);
    assert.equal(cal.hasDataFor(2003), false);
    assert.equal(cal.hasDataFor(2027), false);
  });

  it('warns once per year without data', () => {
    assert.deepEqual(cal.warningsFor(['2024-05-01', '2026-12-31']), []);
    const w = cal.warningsFor(['2027-03-01', '2027-05-01', '2024-01-01']);
    assert.equal(w.length, 1);
    assert.equal(w[0].year, 2027);
    assert.match(w[0].message.zh, /2027年/);
    assert.match(w[0].message.en, /2027/);
    assert.equal(cal.dayInfo('2027-03-01').hasData, false);
    assert.deepEqual(cal.warningsForRange('2026-12-10', '2028-01-01').map((x) => x.year), [2027, 2028]);
  });

  it('a year without data counts Monday–Friday minus the fixed-date statutory holidays', () => {
    // 元旦 2027-01-01 is a Friday: a day off whatever the notice will say (放假办法 第二条)
    assert.deepEqual(pick(cal.dayInfo('2027-01-01')), { workday: false, kind: 'holiday', name: '元旦', provisional: true, hasData: false });
    assert.equal(cal.isWorkday('2027-01-02'), false);
    assert.equal(cal.isWorkday('2027-01-04'), true);
    // 2024 amendment: 劳动节 5月1日、2日; 国庆节 10月1日至3日 (2027-05-03 is a Monday: still counted as a working day)
    assert.deepEqual(['2027-04-30', '2027-05-03', '2027-09-30', '2027-10-04'].map((d) => cal.isWorkday(d)), [true, true, true, true]);
    assert.deepEqual(['2028-05-01', '2028-05-02', '2028-10-02', '2028-10-03'].map((d) => cal.isWorkday(d)), [false, false, false, false]);
    // lunar holidays are not guessed: 2027 春节 (about 6 February) stays a working day until the notice is entered
    assert.equal(cal.isWorkday('2027-02-08'), true);
    // before the 2024 amendment (2008–2024) 劳动节 was one day
    const bare = new WorkCalendar({ entries: [] });
    assert.deepEqual(['2024-05-01', '2024-05-02', '2024-10-01'].map((d) => bare.isWorkday(d)), [false, true, false]);
    assert.equal(bare.hasDataFor(2024), false);
  });

  it('loaded years never get the fallback (the package data decides)', () => {
    // 2026-05-01..05 are days off, 2026-05-09 (Saturday) a make-up working day in the 2026 notice
    assert.equal(cal.dayInfo('2026-05-01').provisional, undefined);
    assert.equal(cal.dayInfo('2026-05-01').hasData, true);
  });

  const dashboard: [today: string, warnYear: number | null][] = [
    ['2026-11-30', null],
    ['2026-12-01', 2027],
    ['2026-12-31', 2027],
    ['2025-12-15', null],
    ['2027-01-10', 2027],
  ];
  for (const [today, warnYear] of dashboard) {
    it(`nextYearDataWarning on ${today} → ${warnYear ?? 'none'}`, () => {
      assert.equal(nextYearDataWarning(today, cal)?.year ?? null, warnYear);
    });
  }
});

describe('overrides', () => {
  const kazuo = '211324'; // 喀喇沁左翼蒙古族自治县
  const overrides: CalendarOverride[] = [
    { date: '2027-01-01', isWorkday: false, scope: 'national', source: '国办发明电〔2026〕示例号', name: '元旦' },
    { date: '2024-07-08', isWorkday: false, scope: `county:${kazuo}`, source: '喀左县示例通知', name: '那达慕' },
    { date: '2024-10-12', isWorkday: false, scope: 'national', source: '示例更正', note: '取消调休' },
    { date: '2024-10-12', isWorkday: true, scope: `county:${kazuo}`, source: '县示例通知' },
    { date: '2024-10-07', isWorkday: true, scope: 'national', source: '示例更正' },
  ];

  it('a national override applies, but one entered day does not load the year', () => {
    const c = new WorkCalendar({ overrides });
    assert.equal(c.hasDataFor(2027), false);
    const info = c.dayInfo('2027-01-01');
    assert.deepEqual([info.workday, info.kind, info.name, info.source], [false, 'holiday', '元旦', '国办发明电〔2026〕示例号']);
    assert.equal(nextYearDataWarning('2026-12-01', c)?.year, 2027);
    assert.deepEqual(c.warningsFor(['2027-03-01']).map((w) => w.year), [2027]);
  });

  it('an explicit national year record loads the year; a county record does not', () => {
    const county = new WorkCalendar({ overrides, years: [{ year: 2027, scope: `county:${kazuo}`, source: '喀左县示例通知' }] });
    assert.equal(county.hasDataFor(2027), false);
    assert.deepEqual(county.coverage(2027), { year: 2027, national: null, counties: [{ county: kazuo, source: '喀左县示例通知' }] });
    const c = new WorkCalendar({ overrides, years: [{ year: 2027, scope: 'national', source: '国办发明电〔2026〕示例号' }] });
    assert.equal(c.hasDataFor(2027), true);
    assert.equal(nextYearDataWarning('2026-12-01', c), null);
    assert.deepEqual(c.coverage(2027).national, { by: 'notice', source: '国办发明电〔2026〕示例号' });
    assert.deepEqual(c.coverage(2025).national, { by: 'package', source: c.coverage(2025).national!.source });
    assert.match(c.coverage(2025).national!.source, /^chinese-days \d/);
    assert.deepEqual(c.yearsCovered().slice(-2), [2026, 2027]);
    // loaded: no fallback any more — a date the notice left alone is an ordinary day
    assert.equal(c.dayInfo('2027-10-04').provisional, undefined);
  });

  it('county entries apply only to that county', () => {
    const national = new WorkCalendar({ overrides });
    const local = new WorkCalendar({ overrides, county: kazuo });
    const other = new WorkCalendar({ overrides, county: '211302' });
    assert.equal(national.isWorkday('2024-07-08'), true);
    assert.equal(other.isWorkday('2024-07-08'), true);
    assert.deepEqual([local.isWorkday('2024-07-08'), local.dayInfo('2024-07-08').name], [false, '那达慕']);
    // (2024-07-05, 2024-07-10]: 07-08, 09, 10 nationally; 喀左 loses 07-08
    assert.equal(national.countWorkdays('2024-07-05', '2024-07-10'), 3);
    assert.equal(local.countWorkdays('2024-07-05', '2024-07-10'), 2);
    assert.equal(national.hasDataFor(2024), true);
  });

  it('county beats national, national beats the package data', () => {
    const national = new WorkCalendar({ overrides });
    const local = new WorkCalendar({ overrides, county: kazuo });
    assert.deepEqual([national.isWorkday('2024-10-12'), national.dayInfo('2024-10-12').kind, national.dayInfo('2024-10-12').name], [false, 'holiday', '取消调休']);
    assert.deepEqual([local.isWorkday('2024-10-12'), local.dayInfo('2024-10-12').kind], [true, 'makeup']);
    assert.deepEqual([national.isWorkday('2024-10-07'), national.dayInfo('2024-10-07').kind], [true, 'workday']);
  });

  it('rejects malformed overrides', () => {
    assert.throws(() => new WorkCalendar({ overrides: [{ date: '2024-13-01', isWorkday: false, scope: 'national' }] }), RangeError);
    assert.throws(() => new WorkCalendar({ overrides: [{ date: '2024-10-01', isWorkday: false, scope: 'city:1' as 'national' }] }), RangeError);
  });
});

describe('countWorkdays by running counts equals a walk day by day (#15 item 3)', () => {
  const walk = (c: WorkCalendar, a: string, b: string) => {
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (c.isWorkday(d)) n++;
    return n;
  };
  const county = new WorkCalendar({
    county: '211324',
    overrides: [
      { date: '2024-07-08', isWorkday: false, scope: 'county:211324', source: '示例' },
      { date: '2024-10-12', isWorkday: true, scope: 'county:211324', source: '示例' },
      { date: '2028-05-06', isWorkday: true, scope: 'national', source: '示例' },
    ],
  });
  // deterministic pseudo-random ranges: within a day, a month, across years, into years without data
  let seed = 15;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const base = toDayNumber('2019-06-01');
  const ranges: [string, string][] = [['2023-12-31', '2024-01-01'], ['2024-02-28', '2024-03-01'], ['2026-12-30', '2028-01-02'], ['2020-01-01', '2020-01-01']];
  for (let i = 0; i < 60; i++) {
    const a = base + rnd(3650);
    ranges.push([fromDayNumber(a), fromDayNumber(a + rnd(i % 3 === 0 ? 1500 : 60) - 5)]);
  }
  for (const c of [cal, county]) {
    it(`${c.county ?? 'national'}: ${ranges.length} ranges`, () => {
      for (const [a, b] of ranges) assert.equal(c.countWorkdays(a, b), walk(c, a, b), `(${a}, ${b}]`);
    });
  }
  it('still refuses a range over the walk limit and bad dates', () => {
    assert.throws(() => cal.countWorkdays('1900-01-01', '2099-01-01'), /range too long/);
    assert.throws(() => cal.countWorkdays('2024-02-30', '2024-03-05'), RangeError);
  });
});
