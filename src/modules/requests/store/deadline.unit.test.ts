/**
 * The due date of a case with the 条例 第三十五条 steps, on the national calendar: asking for reasons
 * leaves the Art. 33 clock alone; a reasonable later period replaces the due date, is what `overdue`
 * is judged by, and later consultations do not move it. Steps go through the domain as applyStep does.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nationalCalendar } from '../../../core/calendar/index.ts';
import { applyEvent, openCase, overdue, type Actor, type CaseEventInput, type CaseState } from '../domain/index.ts';
import { caseDeadline, deadlineColumns } from './deadline.ts';

const cal = nationalCalendar();
const staff: Actor = { id: 'staff-1', roles: ['unit_admin', 'case_handler', 'reviewer'] };
const TODAY = '2024-12-31';

/** Registers on 2024-09-02 (a Monday) and applies the steps, each checked against the current due date. */
function run(steps: CaseEventInput[], today = TODAY): CaseState {
  const o = openCase({ type: 'register', date: '2024-09-02', id: 'c1', unitId: 'u1' }, staff, '2024-09-02');
  assert.ok(o.ok);
  let s = o.value.state;
  for (const input of steps) {
    const d = caseDeadline(s.events, cal, today);
    const r = applyEvent(s, input, staff, today, { calendar: cal, dueDate: d.due ?? d.projectedDue });
    assert.ok(r.ok, !r.ok ? `${input.type}: ${r.error.code} ${r.error.zh}` : '');
    s = r.value.state;
  }
  return s;
}

const ACCEPT: CaseEventInput = { type: 'accept', date: '2024-09-02' };
const ASK: CaseEventInput = { type: 'request_reasons', date: '2024-09-04', facts: '一个月内提出申请62件', replyBy: '2024-09-11' };
const LATER: CaseEventInput = { type: 'set_reasonable_period', date: '2024-09-20', dueDate: '2024-11-29', reason: '需逐件检索审查', approvedBy: '张主任' };

describe('条例 第三十五条 and the due date', () => {
  it('asking for reasons does not stop or move the Art. 33 clock', () => {
    const plain = caseDeadline(run([ACCEPT]).events, cal, '2024-09-10');
    const asked = caseDeadline(run([ACCEPT, ASK], '2024-09-10').events, cal, '2024-09-10');
    assert.equal(plain.due, '2024-09-30', '20 working days after 2024-09-02 (中秋 off, 09-14 worked)');
    assert.equal(asked.due, plain.due);
    assert.equal(asked.state, 'running');
    assert.deepEqual(asked.trace, plain.trace);
  });

  it('a later period replaces the due date, with the trace citing Art. 35; overdue is judged by it', () => {
    const s = run([ACCEPT, ASK, LATER]);
    const d = caseDeadline(s.events, cal, '2024-11-29');
    assert.equal(d.due, '2024-11-29');
    assert.equal(d.state, 'running');
    assert.equal(d.overdue, false, 'on the later date the answer is not late');
    assert.equal(caseDeadline(s.events, cal, '2024-12-02').overdue, true, 'after it, it is');
    const last = d.trace.at(-1)!;
    assert.equal(last.step, 'result');
    assert.match(last.text.zh, /2024-11-29.*第三十五条/);
    assert.ok(d.trace.some((e) => /依照《条例》第三十五条确定延迟答复的合理期限/.test(e.text.zh) && e.text.zh.includes('由2024-09-30延至')), 'says from which date to which');
    assert.equal(d.trace.filter((e) => e.step === 'result').length, 1, 'one result line');
    assert.deepEqual(deadlineColumns(d), { due_on: '2024-11-29', deadline_state: 'running', paused_since: null, remaining_workdays: null });
    // the domain's overdue question with the stored due date
    assert.equal(overdue(s, '2024-12-02', d.due!), true);
    assert.equal(overdue(s, '2024-11-15', d.due!), false, 'past the Art. 33 date but within the later period: not overdue');
  });

  it('a consultation after the later period does not move it (the organ fixed the date itself)', () => {
    const s = run([ACCEPT, ASK, LATER, { type: 'start_consultation', date: '2024-09-23', parties: [{ kind: 'third_party', name: '某公司' }] }, { type: 'end_consultation', date: '2024-10-25', outcome: 'consented' }]);
    const d = caseDeadline(s.events, cal, TODAY);
    assert.equal(d.due, '2024-11-29');
    assert.ok(d.trace.some((e) => /不再顺延该期限/.test(e.text.zh)));
    const art35 = d.trace.findIndex((e) => e.article === '《条例》第三十五条');
    const consult = d.trace.findIndex((e) => e.step === 'consultation_started');
    assert.ok(art35 >= 0 && art35 < consult, 'the trace is in date order: the later date, then the consultation');
    // a consultation begun after the Art. 33 date (2024-09-30) but within the later period is not “after the due date”
    const afterArt33 = run([ACCEPT, ASK, LATER, { type: 'start_consultation', date: '2024-10-15', parties: [{ kind: 'third_party', name: '某公司' }] }, { type: 'end_consultation', date: '2024-10-25', outcome: 'consented' }]);
    const w = caseDeadline(afterArt33.events, cal, TODAY);
    assert.equal(w.due, '2024-11-29');
    assert.ok(!w.warnings.some((x) => x.code === 'pause_after_due'));
    const open = run([ACCEPT, ASK, LATER, { type: 'start_consultation', date: '2024-09-23', parties: [{ kind: 'third_party', name: '某公司' }] }]);
    const p = caseDeadline(open.events, cal, '2024-10-10');
    assert.equal(p.state, 'running', 'no pause while consulting: the date stands');
    assert.equal(p.due, '2024-11-29');
    assert.equal(p.projectedDue, undefined);
  });

  it('a later period set while a consultation pauses the clock starts from the date it was paused to', () => {
    const s = run([
      ACCEPT, ASK,
      { type: 'start_consultation', date: '2024-09-05', parties: [{ kind: 'third_party', name: '某公司' }] },
      { ...LATER, date: '2024-09-20' },
    ], '2024-09-20');
    const d = caseDeadline(s.events, cal, TODAY);
    assert.equal(d.due, '2024-11-29');
    assert.equal(d.state, 'running');
    assert.ok(d.trace.some((e) => e.article === '《条例》第三十五条'));
  });

  it('a case without Art. 35 steps is the engine’s result unchanged', () => {
    const s = run([ACCEPT, { type: 'extend', date: '2024-09-20', workdays: 10, reason: '需协调', approvedBy: '张主任' }]);
    const d = caseDeadline(s.events, cal, TODAY);
    assert.equal(d.due, '2024-10-18', '2024-09-30 + 10 working days across 国庆 (10-12 worked)');
    assert.ok(!d.trace.some((e) => e.article === '《条例》第三十五条'));
  });
});
