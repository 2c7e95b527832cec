import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTimeliness, timelinessDeadline } from './timeliness.ts';
import type { WorkdayCalendar } from './timeliness.ts';

// A stand-in for src/core/calendar: Monday–Friday are working days, no holidays. Counts the days
// after `a` up to and including `b`.
const monFri: WorkdayCalendar = {
  countWorkdays(a, b) {
    const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86400000;
    const from = day(a);
    const to = day(b);
    if (to <= from) return 0;
    let n = 0;
    for (let d = from + 1; d <= to; d++) {
      const wd = new Date(d * 86400000).getUTCDay();
      if (wd !== 0 && wd !== 6) n++;
    }
    return n;
  },
};

const TODAY = '2020-12-31';

// 2020-08-25 is a Tuesday. +5 WD = 09-01 (Tue), +6 = 09-02, +20 = 09-22, +21 = 09-23.
const CASES: Array<[string, Parameters<typeof computeTimeliness>[0], { workdays: number; art26: boolean; policy: boolean }]> = [
  ['same day', { writtenDate: '2020-08-25', publishDate: '2020-08-25' }, { workdays: 0, art26: false, policy: false }],
  ['20 working days is on time (Art. 26)', { writtenDate: '2020-08-25', publishDate: '2020-09-22' }, { workdays: 20, art26: false, policy: false }],
  ['21 working days is late (Art. 26)', { writtenDate: '2020-08-25', publishDate: '2020-09-23' }, { workdays: 21, art26: true, policy: false }],
  ['policy at 5 working days is on time', { writtenDate: '2020-08-25', publishDate: '2020-09-01', isPolicy: true }, { workdays: 5, art26: false, policy: false }],
  ['policy at 6 working days is late', { writtenDate: '2020-08-25', publishDate: '2020-09-02', isPolicy: true }, { workdays: 6, art26: false, policy: true }],
  ['interpretation at 6 working days is late', { writtenDate: '2020-08-25', publishDate: '2020-09-02', isInterpretation: true }, { workdays: 6, art26: false, policy: true }],
  ['non-policy at 6 working days is fine', { writtenDate: '2020-08-25', publishDate: '2020-09-02' }, { workdays: 6, art26: false, policy: false }],
  ['a change restarts the clock (形成或者变更之日)', { writtenDate: '2020-01-02', changedDate: '2020-08-25', publishDate: '2020-09-22' }, { workdays: 20, art26: false, policy: false }],
  ['weekend publication after a Friday', { writtenDate: '2020-08-28', publishDate: '2020-08-30' }, { workdays: 0, art26: false, policy: false }],
];

for (const [name, input, expected] of CASES) {
  test(name, () => {
    const r = computeTimeliness(input, monFri, { today: TODAY });
    assert.equal(r.workdays, expected.workdays);
    assert.equal(r.art26Overdue, expected.art26);
    assert.equal(r.policyOverdue, expected.policy);
    assert.equal(r.published, true);
  });
}

test('an unpublished item runs against today', () => {
  const r = computeTimeliness({ writtenDate: '2020-08-25' }, monFri, { today: '2020-09-01' });
  assert.equal(r.published, false);
  assert.equal(r.endDate, '2020-09-01');
  assert.equal(r.workdays, 5);
  assert.equal(r.remainingWorkdays, 15);
  const p = computeTimeliness({ writtenDate: '2020-08-25', isPolicy: true }, monFri, { today: '2020-09-02' });
  assert.equal(p.remainingWorkdays, -1);
  assert.equal(p.policyOverdue, true);
});

test('an interpretation lagging its policy is flagged (要点 第7点: 同步)', () => {
  const sync = computeTimeliness(
    { writtenDate: '2020-08-25', publishDate: '2020-08-26', isInterpretation: true, policyPublishDate: '2020-08-26' },
    monFri, { today: TODAY },
  );
  assert.equal(sync.interpretationLagWorkdays, 0);
  assert.equal(sync.interpretationLate, false);
  const late = computeTimeliness(
    { writtenDate: '2020-09-01', publishDate: '2020-09-03', isInterpretation: true, policyPublishDate: '2020-08-25' },
    monFri, { today: TODAY },
  );
  assert.equal(late.interpretationLagWorkdays, 7);
  assert.equal(late.interpretationLate, true);
  assert.equal(late.policyOverdue, false);
});

test('publication before formation is reported, not counted negative', () => {
  const r = computeTimeliness({ writtenDate: '2020-08-25', publishDate: '2020-08-20' }, monFri, { today: TODAY });
  assert.equal(r.publishedBeforeStart, true);
  assert.equal(r.workdays, 0);
});

test('limits are configurable and dates are checked', () => {
  const r = computeTimeliness({ writtenDate: '2020-08-25', publishDate: '2020-09-01' }, monFri, { today: TODAY, art26Limit: 4 });
  assert.equal(r.art26Overdue, true);
  assert.throws(() => computeTimeliness({ writtenDate: '2020/08/25' }, monFri, { today: TODAY }), TypeError);
});

test('the calendar decides what a working day is', () => {
  // A calendar where every day counts (as if 调休 made all days working days) changes the answer.
  const everyDay: WorkdayCalendar = { countWorkdays: (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000) };
  const r = computeTimeliness({ writtenDate: '2020-08-25', publishDate: '2020-09-22' }, everyDay, { today: TODAY });
  assert.equal(r.workdays, 28);
  assert.equal(r.art26Overdue, true);
});

// addWorkdays for the same Monday–Friday stand-in.
const monFriAdd = {
  addWorkdays(date: string, n: number): string {
    let t = Date.parse(`${date}T00:00:00Z`);
    for (let left = n; left > 0;) {
      t += 86400000;
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) left--;
    }
    return new Date(t).toISOString().slice(0, 10);
  },
};

test('stored deadline: due and late-from dates (2020-08-25 is a Tuesday)', () => {
  assert.deepEqual(timelinessDeadline({ writtenDate: '2020-08-25' }, monFriAdd), { due: '2020-09-22', lateFrom: '2020-09-23' });
  assert.deepEqual(timelinessDeadline({ writtenDate: '2020-08-25', isPolicy: true }, monFriAdd), { due: '2020-09-01', lateFrom: '2020-09-02' });
  // a Friday's 5th working day is the next Friday; the 6th, Monday — Saturday and Sunday are not late yet
  assert.deepEqual(timelinessDeadline({ writtenDate: '2020-08-21', isPolicy: true }, monFriAdd), { due: '2020-08-28', lateFrom: '2020-08-31' });
  // an interpretation written after its policy came out: the 同步 clock (5 after the policy) ends first
  assert.deepEqual(timelinessDeadline({ writtenDate: '2020-09-10', isInterpretation: true, policyPublishDate: '2020-09-01' }, monFriAdd), { due: '2020-09-08', lateFrom: '2020-09-09' });
});

test('an open item is flagged by computeTimeliness exactly from lateFrom on', () => {
  const inputs = [
    { writtenDate: '2020-08-25' }, { writtenDate: '2020-08-21', isPolicy: true }, { writtenDate: '2020-08-29', isInterpretation: true },
    { writtenDate: '2020-08-10', isInterpretation: true, policyPublishDate: '2020-08-20' }, { writtenDate: '2020-01-02', changedDate: '2020-08-26', isPolicy: true },
  ];
  for (const input of inputs) {
    const { lateFrom } = timelinessDeadline(input, monFriAdd);
    for (let d = Date.parse('2020-08-20T00:00:00Z'); d <= Date.parse('2020-10-15T00:00:00Z'); d += 86400000) {
      const today = new Date(d).toISOString().slice(0, 10);
      const r = computeTimeliness(input, monFri, { today });
      assert.equal(r.art26Overdue || r.policyOverdue || r.interpretationLate, today >= lateFrom, `${JSON.stringify(input)} on ${today}`);
    }
  }
});
