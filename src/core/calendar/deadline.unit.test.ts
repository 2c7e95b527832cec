/**
 * Deadline engine, table-driven. Every expected date was counted by hand on the official holiday
 * arrangements (see calendar.unit.test.ts); the count is written beside each case.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar, nationalCalendar } from './calendar.ts';
import { computeDeadline, type DeadlineResult } from './deadline.ts';
import { answerDue, correctionNoticeDue, feePaymentDue, thirdPartyReplyDue } from './periods.ts';
import { TimelineError, validateTimeline, type TimelineErrorCode, type TimelineEvent } from './timeline.ts';
import { describeCrossed, formatTrace } from './trace.ts';

const cal = nationalCalendar();
const ev = (type: TimelineEvent['type'], date: string, workdays?: number) =>
  (workdays === undefined ? { type, date } : { type, date, workdays }) as TimelineEvent;

const ISSUE_EXAMPLE = {
  received: '2024-09-27',
  events: [
    ev('correction_requested', '2024-09-30'),
    ev('corrected', '2024-10-15'),
    ev('consultation_started', '2024-10-20'),
    ev('consultation_ended', '2024-11-05'),
    ev('extended', '2024-11-20', 20),
  ],
};

describe('fixed periods (Arts. 30, 32, 33; fee rules)', () => {
  const table: [name: string, fn: typeof answerDue, start: string, expected: string][] = [
    ['answer 20', answerDue, '2020-09-25', '2020-10-29'],
    ['answer 20 over the 2020 extension', answerDue, '2020-01-20', '2020-02-25'],
    ['correction notice 7', correctionNoticeDue, '2020-09-25', '2020-10-12'],
    ['correction notice 7 (ends on make-up Saturday 2021-02-20)', correctionNoticeDue, '2021-02-05', '2021-02-20'],
    ['correction notice 7 (ends on make-up Saturday 2024-10-12)', correctionNoticeDue, '2024-09-27', '2024-10-12'],
    ['third party 15', thirdPartyReplyDue, '2020-09-25', '2020-10-22'],
    ['third party 15', thirdPartyReplyDue, '2024-10-20', '2024-11-08'], // 10-21…25, 28…11-01, 11-04…08
    ['fee payment 20', feePaymentDue, '2025-01-27', '2025-03-03'], // 02-05,06,07, 02-08 Sat, 02-10 … 03-03
  ];
  for (const [name, fn, start, expected] of table) {
    it(`${name}: ${start} → ${expected}`, () => {
      const r = fn(start, cal);
      assert.equal(r.due, expected);
      assert.equal(r.trace.length, 1);
      assert.equal(r.trace[0].due, expected);
      assert.ok(r.trace[0].text.zh.includes(expected));
    });
  }
});

interface Case {
  name: string;
  received: string;
  events: TimelineEvent[];
  today?: string;
  expect: Partial<DeadlineResult>;
  warnings?: string[];
}

const cases: Case[] = [
  { name: 'plain 20 days over National Day 2020', received: '2020-09-25', events: [],
    expect: { state: 'running', due: '2020-10-29', pausedWorkdays: 0, extensionWorkdays: 0, correctionNoticeDue: '2020-10-12' } },
  { name: 'plain 20 days over the 2020 Spring Festival extension', received: '2020-01-20', events: [],
    expect: { due: '2020-02-25' } },
  { name: 'plain 20 days over New Year 2023 and Spring Festival 2023', received: '2022-12-30', events: [],
    expect: { due: '2023-02-02' } },
  { name: 'the issue example: correction, consultation, extension',
    ...ISSUE_EXAMPLE,
    // restart: 20 after 10-15 = 11-12; pause (10-20, 11-05] = 12 → 11-28; +20 → 12-26
    expect: { state: 'running', due: '2024-12-26', periodStart: '2024-10-15', pausedWorkdays: 12, extensionWorkdays: 20 } },
  { name: 'correction restarts the 20 days (Spring Festival 2021)', received: '2021-02-05',
    events: [ev('correction_requested', '2021-02-08'), ev('corrected', '2021-02-22')],
    expect: { due: '2021-03-22', periodStart: '2021-02-22', correctionNoticeDue: '2021-02-20' } },
  { name: 'waiting for the correction: no due date', received: '2024-09-27',
    events: [{ type: 'correction_requested', date: '2024-09-30', correctBy: '2024-10-21' }],
    expect: { state: 'awaiting_correction', due: null, stopped: true, paused: false, correctBy: '2024-10-21', periodStart: null } },
  { name: 'late correction notice is reported, not rejected', received: '2020-09-25',
    events: [ev('correction_requested', '2020-10-13'), ev('corrected', '2020-10-14')],
    expect: { due: '2020-11-11' }, warnings: ['correction_notice_late'] },
  { name: 'correction after the deadline the organ set', received: '2024-09-27',
    events: [{ type: 'correction_requested', date: '2024-09-30', correctBy: '2024-10-10' }, ev('corrected', '2024-10-15')],
    expect: { due: '2024-11-12' }, warnings: ['correction_late'] },
  { name: 'consultation over nothing special (after National Day 2023)', received: '2023-09-20',
    // due 10-24 (07 and 08 Oct worked); pause (10-09, 10-20] = 9 → 11-06
    events: [ev('consultation_started', '2023-10-09'), ev('consultation_ended', '2023-10-20')],
    expect: { due: '2023-11-06', pausedWorkdays: 9 } },
  { name: 'fee notice pause across Spring Festival 2025', received: '2025-01-20',
    // due 02-21; pause (01-27, 02-10] = 02-05,06,07,08(Sat),10 = 5 → 02-28
    events: [ev('fee_notice_sent', '2025-01-27'), ev('fee_paid', '2025-02-10')],
    expect: { due: '2025-02-28', pausedWorkdays: 5 } },
  { name: 'fee paid after its 20-day limit', received: '2025-01-20',
    // pause (01-27, 03-04] = 21 → 02-21 + 21 = 03-24
    events: [ev('fee_notice_sent', '2025-01-27'), ev('fee_paid', '2025-03-04')],
    expect: { due: '2025-03-24', pausedWorkdays: 21 }, warnings: ['fee_paid_late'] },
  { name: 'third party answers after 15 working days', received: '2024-10-15',
    // due 11-12; pause (10-20, 11-12] = 12 + 11-06,07,08,11,12 = 17 → 11-12 + 17 = 12-05
    events: [ev('consultation_started', '2024-10-20'), ev('consultation_ended', '2024-11-12')],
    expect: { due: '2024-12-05', pausedWorkdays: 17 }, warnings: ['third_party_reply_late'] },
  { name: 'two overlapping consultations count once (Qingming 2024)', received: '2024-03-01',
    // due 03-29; union (03-11, 03-27] = 12 → 04-17 (04-04…06 off, 04-07 Sunday worked)
    events: [ev('consultation_started', '2024-03-11'), ev('consultation_started', '2024-03-13'),
      ev('consultation_ended', '2024-03-20'), ev('consultation_ended', '2024-03-27')],
    expect: { due: '2024-04-17', pausedWorkdays: 12 } },
  { name: 'fee notice during a consultation counts once', received: '2024-03-01',
    events: [ev('consultation_started', '2024-03-11'), ev('fee_notice_sent', '2024-03-18'),
      ev('consultation_ended', '2024-03-20'), ev('fee_paid', '2024-03-27')],
    expect: { due: '2024-04-17', pausedWorkdays: 12 } },
  { name: 'extension decided on the due date (National Day 2022)', received: '2022-09-23',
    // due 10-26 (10-08/09 worked); +20 → 11-23
    events: [ev('extended', '2022-10-26', 20)],
    expect: { due: '2022-11-23', extensionWorkdays: 20 } },
  { name: 'shorter extension', received: '2024-09-27', events: [ev('extended', '2024-10-08', 5)],
    expect: { due: '2024-11-06', extensionWorkdays: 5 } }, // 10-30 + 10-31, 11-01, 04, 05, 06
  { name: 'extension decided during a pause', received: '2022-09-23',
    // due 10-26; pause (10-20, 11-15] = 18; +15 extension → 33 after 10-26 = 12-12
    events: [ev('consultation_started', '2022-10-20'), ev('extended', '2022-11-10', 15), ev('consultation_ended', '2022-11-15')],
    // the third party's 15 days ended 11-10, so the late answer is flagged
    expect: { due: '2022-12-12', pausedWorkdays: 18, extensionWorkdays: 15 }, warnings: ['third_party_reply_late'] },
  { name: 'a pause that begins after the due date adds nothing', received: '2022-09-23',
    events: [ev('consultation_started', '2022-10-28'), ev('consultation_ended', '2022-11-04')],
    expect: { due: '2022-10-26', pausedWorkdays: 0 }, warnings: ['pause_after_due'] },
  { name: 'an open consultation: paused with the days left', received: '2024-09-27',
    // due 10-30; left (10-14, 10-30] = 12; today 10-21: 5 paused so far → 11-06
    events: [ev('consultation_started', '2024-10-14')], today: '2024-10-21',
    expect: { state: 'paused', due: null, paused: true, stopped: false, remainingWorkdays: 12, pausedSince: '2024-10-14', projectedDue: '2024-11-06' } },
  { name: 'overdue flag with an injected today', received: '2024-09-27', events: [], today: '2024-10-31',
    expect: { due: '2024-10-30', overdue: true } },
  { name: 'not overdue on the due date', received: '2024-09-27', events: [], today: '2024-10-30',
    expect: { overdue: false } },
  { name: 'a due date in a year without data: Monday–Friday and a warning', received: '2026-12-10',
    // 12-11, 14…18, 21…25, 28…31, (2027-01-01 元旦: a fixed statutory day off even before the notice), 01-04…08 → 2027-01-08
    events: [], expect: { due: '2027-01-08', provisional: true, provisionalYears: [2027] }, warnings: ['calendar_year_missing'] },
];

describe('computeDeadline', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = computeDeadline({ received: c.received, events: c.events }, cal, c.today ? { today: c.today } : {});
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(r[k as keyof DeadlineResult], v, k);
      assert.deepEqual(r.warnings.map((w) => w.code), c.warnings ?? []);
      assert.equal(r.trace[r.trace.length - 1].step, 'result');
    });
  }

  it('one entered 2027 day off does not make 2027 exact: still provisional, still warned', () => {
    const c = new WorkCalendar({ overrides: [{ date: '2027-01-01', isWorkday: false, scope: 'national', source: '示例' }] });
    const r = computeDeadline({ received: '2026-12-10', events: [] }, c);
    assert.equal(r.due, '2027-01-08');
    assert.deepEqual(r.warnings.map((w) => w.code), ['calendar_year_missing']);
    assert.equal(r.provisional, true);
  });

  it('the 2027 case is exact once the year is confirmed complete', () => {
    const c = new WorkCalendar({
      overrides: [{ date: '2027-01-01', isWorkday: false, scope: 'national', source: '示例' }],
      years: [{ year: 2027, scope: 'national', source: '示例' }],
    });
    const r = computeDeadline({ received: '2026-12-10', events: [] }, c);
    assert.equal(r.due, '2027-01-08');
    assert.deepEqual(r.warnings, []);
    assert.equal(r.provisional, false);
    assert.deepEqual(r.provisionalYears, []);
  });

  it('a due date in a loaded year is not provisional', () => {
    const r = computeDeadline({ received: '2024-09-27', events: [] }, cal);
    assert.equal(r.due, '2024-10-30');
    assert.equal(r.provisional, false);
  });
});

describe('trace', () => {
  const r = computeDeadline(ISSUE_EXAMPLE, cal);

  it('has one structured entry per step', () => {
    assert.deepEqual(r.trace.map((t) => t.step), [
      'received', 'period', 'correction_requested', 'corrected', 'period',
      'consultation_started', 'consultation_ended', 'extended', 'result',
    ]);
    assert.deepEqual(r.trace.map((t) => t.due ?? null), [
      null, '2024-10-30', null, null, '2024-11-12', null, '2024-11-28', '2024-12-26', '2024-12-26',
    ]);
    assert.equal(r.trace[2].limit, '2024-10-12');
    assert.equal(r.trace[5].limit, '2024-11-08');
    assert.equal(r.trace[6].workdays, 12);
    for (const t of r.trace) assert.ok(t.text.zh.length > 0 && t.text.en.length > 0);
  });

  it('lists the holidays and make-up days it crossed', () => {
    const first = r.trace[1];
    assert.ok(first.crossed?.some((c) => c.date === '2024-09-29' && c.kind === 'makeup' && c.name === '国庆节'));
    assert.ok(first.crossed?.some((c) => c.date === '2024-10-12' && c.kind === 'makeup'));
    assert.equal(first.crossed?.filter((c) => c.kind === 'holiday').length, 7);
    assert.match(first.text.zh, /国庆节放假 2024-10-01至2024-10-07/);
    assert.match(first.text.zh, /国庆节调休上班 2024-09-29、2024-10-12/);
    assert.match(first.text.en, /National Day holiday 2024-10-01 to 2024-10-07/);
  });

  it('cites the articles', () => {
    const text = formatTrace(r.trace).join('\n');
    for (const art of ['第三十条', '第三十一条', '第三十二条', '第三十三条第二款', '第三十三条第三款']) assert.ok(text.includes(art), art);
  });

  it('describes the 2020 extension in the first period', () => {
    const t = computeDeadline({ received: '2020-01-20', events: [] }, cal).trace[1];
    assert.match(t.text.zh, /春节放假 2020-01-24至2020-02-02/);
    assert.deepEqual(describeCrossed([]), { zh: '', en: '' });
  });
});

describe('invalid timelines are rejected', () => {
  const r = '2024-09-27';
  const table: [name: string, input: unknown, code: TimelineErrorCode, index: number | null][] = [
    ['not an object', [], 'not_an_object', null],
    ['bad receipt date', { received: '2024-02-30', events: [] }, 'bad_received', null],
    ['events not an array', { received: r, events: {} }, 'bad_events', null],
    ['unknown event type', { received: r, events: [{ type: 'approved', date: r }] }, 'unknown_event_type', 0],
    ['bad event date', { received: r, events: [{ type: 'extended', date: '2024/10/01', workdays: 5 }] }, 'bad_event_date', 0],
    ['event before receipt', { received: r, events: [ev('consultation_started', '2024-09-26')] }, 'event_before_received', 0],
    ['events out of date order', { received: r, events: [ev('consultation_started', '2024-10-10'), ev('consultation_ended', '2024-10-09')] }, 'out_of_order', 1],
    ['corrected without a request', { received: r, events: [ev('corrected', '2024-10-09')] }, 'out_of_order', 0],
    ['consultation ended without start', { received: r, events: [ev('consultation_ended', '2024-10-09')] }, 'out_of_order', 0],
    ['fee paid without notice', { received: r, events: [ev('fee_paid', '2024-10-09')] }, 'out_of_order', 0],
    ['second fee notice while one is open', { received: r, events: [ev('fee_notice_sent', '2024-10-09'), ev('fee_notice_sent', '2024-10-10')] }, 'out_of_order', 1],
    ['correction after a consultation', { received: r, events: [ev('consultation_started', '2024-10-08'), ev('consultation_ended', '2024-10-09'), ev('correction_requested', '2024-10-09')] }, 'out_of_order', 2],
    ['anything while awaiting correction', { received: r, events: [ev('correction_requested', '2024-09-30'), ev('extended', '2024-10-08', 5)] }, 'out_of_order', 1],
    ['second correction request', { received: r, events: [ev('correction_requested', '2024-09-30'), ev('corrected', '2024-10-08'), ev('correction_requested', '2024-10-09')] }, 'second_correction', 2],
    ['second extension', { received: r, events: [ev('extended', '2024-10-08', 5), ev('extended', '2024-10-09', 5)] }, 'second_extension', 1],
    ['extension over 20 days', { received: r, events: [ev('extended', '2024-10-08', 21)] }, 'extension_too_long', 0],
    ['extension without days', { received: r, events: [{ type: 'extended', date: '2024-10-08' }] }, 'bad_extension_workdays', 0],
    ['extension of 0 days', { received: r, events: [ev('extended', '2024-10-08', 0)] }, 'bad_extension_workdays', 0],
    ['extension of 2.5 days', { received: r, events: [ev('extended', '2024-10-08', 2.5)] }, 'bad_extension_workdays', 0],
    ['extension after the due date (due 2024-10-30)', { received: r, events: [ev('extended', '2024-10-31', 10)] }, 'extension_after_due', 0],
    ['extension during a pause begun after the due date', { received: r, events: [ev('consultation_started', '2024-10-31'), ev('extended', '2024-11-01', 10)] }, 'extension_after_due', 1],
  ];
  for (const [name, input, code, index] of table) {
    it(name, () => {
      assert.throws(() => computeDeadline(input, cal), (e: unknown) => {
        assert.ok(e instanceof TimelineError);
        assert.equal(e.code, code);
        assert.equal(e.eventIndex, index);
        assert.ok(e.messages.zh.length > 0 && e.messages.en.length > 0);
        if (index !== null) assert.ok(e.messages.zh.startsWith(`第${index + 1}个事件`), e.messages.zh);
        return true;
      });
    });
  }

  it('explains the limit in the message', () => {
    assert.throws(() => validateTimeline({ received: r, events: [ev('extended', '2024-10-08', 25)] }),
      (e: TimelineError) => /不得超过20个工作日/.test(e.messages.zh) && /第三十三条/.test(e.messages.zh));
    assert.throws(() => computeDeadline({ received: r, events: [ev('extended', '2024-10-31', 10)] }, cal),
      (e: TimelineError) => e.messages.zh.includes('2024-10-30'));
  });

  it('validateTimeline returns the typed timeline for a good one', () => {
    const t = validateTimeline(ISSUE_EXAMPLE);
    assert.equal(t.received, '2024-09-27');
    // a key the engine does not read is refused, not ignored (#14 item 3)
    assert.throws(() => validateTimeline({ ...ISSUE_EXAMPLE, extra: 1 }), (e: unknown) => e instanceof TimelineError && e.code === 'unknown_key');
    assert.equal(t.events.length, 5);
    assert.deepEqual(validateTimeline({ received: r }).events, []);
  });
});
