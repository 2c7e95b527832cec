/**
 * The case's events, turned into the deadline engine's timeline, give the statutory due dates — checked
 * against the real engine and calendar (src/core/calendar) with the vectors of reference.md §1.8.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeDeadline, nationalCalendar } from '../../../core/calendar/index.ts';
import type { CaseEventInput, CaseState } from './case.ts';
import { staff } from './fixtures.test-helper.ts';
import { toDeadlineTimeline } from './timeline.ts';
import { applyEvent, openCase } from './workflow.ts';

const calendar = nationalCalendar();
const TODAY = '2020-12-31';

function run(received: string, steps: CaseEventInput[], dueDate = '2020-12-31'): CaseState {
  const r = openCase({ type: 'register', date: received }, staff, TODAY);
  assert.ok(r.ok);
  let s = r.value.state;
  for (const step of steps) {
    const next = applyEvent(s, step, staff, TODAY, { calendar, dueDate });
    assert.ok(next.ok, !next.ok ? `${step.type}: ${next.error.zh}` : '');
    s = next.value.state;
  }
  return s;
}

describe('toDeadlineTimeline', () => {
  it('maps exactly the steps that move the deadline, in order', () => {
    const s = run('2020-09-25', [
      { type: 'accept', date: '2020-09-25' },
      { type: 'request_correction', date: '2020-09-28', items: ['写明文号'], correctBy: '2020-10-16' },
      { type: 'correct', date: '2020-10-12' },
      { type: 'start_consultation', date: '2020-10-13', parties: [{ kind: 'third_party', name: '甲公司' }] },
      { type: 'extend', date: '2020-10-14', workdays: 15, reason: '征求第三方意见', approvedBy: '张主任' },
      { type: 'end_consultation', date: '2020-10-20', outcome: 'objected' },
      { type: 'send_fee_notice', date: '2020-10-21', amountYuan: 200, method: 'per_volume' },
      { type: 'record_fee_paid', date: '2020-10-23' },
      { type: 'answer', date: '2020-10-26', disposition: { key: 'not_held' } },
      { type: 'deliver', date: '2020-10-27', method: 'post' },
    ]);
    assert.deepEqual(toDeadlineTimeline(s.events), {
      received: '2020-09-25',
      events: [
        { type: 'correction_requested', date: '2020-09-28', correctBy: '2020-10-16' },
        { type: 'corrected', date: '2020-10-12' },
        { type: 'consultation_started', date: '2020-10-13' },
        { type: 'extended', date: '2020-10-14', workdays: 15 },
        { type: 'consultation_ended', date: '2020-10-20' },
        { type: 'fee_notice_sent', date: '2020-10-21' },
        { type: 'fee_paid', date: '2020-10-23' },
      ],
    });
  });

  it('needs the register event', () => {
    assert.throws(() => toDeadlineTimeline([]), /register/);
  });
});

describe('with the deadline engine and the national calendar', () => {
  it('received 2020-09-25 is due 2020-10-29 (调休 Sunday and Saturday count, 国庆 does not)', () => {
    const s = run('2020-09-25', [{ type: 'accept', date: '2020-09-25' }]);
    assert.equal(computeDeadline(toDeadlineTimeline(s.events), calendar).due, '2020-10-29');
  });

  it('received 2020-01-20 is due 2020-02-25 (the 2020 Spring Festival extension)', () => {
    const s = run('2020-01-20', []);
    assert.equal(computeDeadline(toDeadlineTimeline(s.events), calendar).due, '2020-02-25');
  });

  it('a correction restarts the 20 days from the corrected application (Art. 30)', () => {
    const s = run('2020-09-25', [
      { type: 'request_correction', date: '2020-10-12', items: ['写明文号'], correctBy: '2020-10-20' },
      { type: 'correct', date: '2020-10-15' },
    ]);
    const d = computeDeadline(toDeadlineTimeline(s.events), calendar);
    assert.equal(d.due, calendar.addWorkdays('2020-10-15', 20));
    assert.equal(d.warnings.filter((w) => w.code === 'correction_notice_late').length, 0, '2020-10-12 is the 7th working day');
  });

  it('the state machine refuses the correction the engine would call late', () => {
    const r = openCase({ type: 'register', date: '2020-09-25' }, staff, TODAY);
    assert.ok(r.ok);
    const late = applyEvent(r.value.state, { type: 'request_correction', date: '2020-10-13', items: ['写明文号'], correctBy: '2020-10-20' }, staff, TODAY, { calendar });
    assert.ok(!late.ok && late.error.code === 'correction_notice_late');
  });

  it('an extension adds its working days; consultation time is not counted (Art. 33)', () => {
    const base = computeDeadline(toDeadlineTimeline(run('2020-09-25', []).events), calendar).due!;
    const s = run('2020-09-25', [
      { type: 'accept', date: '2020-09-25' },
      { type: 'start_consultation', date: '2020-10-12', parties: [{ kind: 'organ', name: '朝阳市财政局' }] },
      { type: 'end_consultation', date: '2020-10-16', outcome: 'consented' },
      { type: 'extend', date: '2020-10-20', workdays: 20, reason: '信息量大', approvedBy: '张主任' },
    ]);
    const d = computeDeadline(toDeadlineTimeline(s.events), calendar);
    assert.equal(d.extensionWorkdays, 20);
    assert.equal(d.pausedWorkdays, 4, 'Tue 10-13 … Fri 10-16 are not counted');
    assert.equal(d.due, calendar.addWorkdays(base, 24));
  });
});
