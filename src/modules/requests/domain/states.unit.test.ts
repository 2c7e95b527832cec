import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayCase, type CaseEventInput } from './case.ts';
import {
  actor,
  ALL_STATES,
  APPLICANT_ID,
  caseIn,
  CTX,
  must,
  RECEIVED,
  registered,
  RELEASE,
  staff,
  TODAY,
  weekdayCalendar,
} from './fixtures.test-helper.ts';
import { answeredLate, dueSoon, isAwaitingApplicant, isConcluded, isOpen, isPaused, overdue, reportRow } from './queries.ts';
import { availableTransitions, ROLES, TRANSITION_NAMES, TRANSITIONS, type CaseStatus, type TransitionName } from './states.ts';
import { applyEvent, openCase } from './workflow.ts';
import type { CaseContext } from './step-rules.ts';

/** A valid input for each step, given a case in one of its from-states (see fixtures for the dates). */
const VALID = {
  accept: { type: 'accept' },
  request_correction: { type: 'request_correction', date: '2024-10-10', items: ['请写明所需文件的名称或文号'], correctBy: '2024-10-25' },
  correct: { type: 'correct', date: '2024-10-15' },
  abandon: { type: 'abandon' },
  start_consultation: { type: 'start_consultation', parties: [{ kind: 'third_party', name: '某建设有限公司' }] },
  end_consultation: { type: 'end_consultation', outcome: 'consented' },
  extend: { type: 'extend', workdays: 20, reason: '需要调取档案', approvedBy: '张主任' },
  request_reasons: { type: 'request_reasons', facts: '一个月内提出申请62件', replyBy: '2025-01-10' },
  set_reasonable_period: { type: 'set_reasonable_period', dueDate: '2025-03-31', reason: '需逐件检索审查', approvedBy: '张主任' },
  send_fee_notice: { type: 'send_fee_notice', amountYuan: 100, method: 'per_request' },
  record_fee_paid: { type: 'record_fee_paid' },
  fee_lapse: { type: 'fee_lapse' },
  answer: { type: 'answer', disposition: RELEASE },
  deliver: { type: 'deliver', method: 'post' },
  close: { type: 'close' },
  withdraw: { type: 'withdraw' },
  transfer: { type: 'transfer', toUnitId: 'unit-b', reason: '信息由其他单位制作' },
} satisfies Record<Exclude<TransitionName, 'register'>, CaseEventInput>;

const ASK_REASONS: CaseEventInput = { type: 'request_reasons', date: '2024-10-09', facts: '自2024年9月1日至10月8日提出申请62件', replyBy: '2024-10-16' };
/** A case in `status` whose applicant was asked for reasons first (Art. 35), where the state allows it. */
function asked(status: CaseStatus) {
  if (status === 'accepted') return must(caseIn('accepted'), ASK_REASONS);
  if (status === 'consultation') return must(must(caseIn('accepted'), ASK_REASONS), { type: 'start_consultation', date: '2024-10-10', parties: [{ kind: 'third_party', name: '某公司' }] });
  return caseIn(status);
}
/** Steps whose rule needs an earlier step that the state alone does not show. */
const PREPARED: Partial<Record<TransitionName, (status: CaseStatus) => ReturnType<typeof caseIn>>> = { set_reasonable_period: asked };

describe('transitions table', () => {
  it('has a label, an article and roles for every transition; supervisors and editors can do nothing', () => {
    for (const name of TRANSITION_NAMES) {
      const t = TRANSITIONS[name];
      assert.equal(t.name, name);
      assert.ok(t.label.zh && t.label.en && t.article, name);
      assert.ok(t.roles.length > 0, name);
      assert.ok(!t.roles.includes('supervisor'), `${name}: supervisors are read-only`);
      assert.ok(!t.roles.includes('editor'), `${name}: editors do not handle cases`);
    }
    assert.deepEqual(
      TRANSITION_NAMES.filter((n) => TRANSITIONS[n].roles.includes('applicant')),
      ['correct', 'withdraw'],
      'the applicant can only submit a correction and withdraw',
    );
  });

  it('lists the buttons a role sees in a state', () => {
    assert.deepEqual(availableTransitions('answered', ['case_handler']).map((t) => t.name), ['deliver']);
    assert.deepEqual(availableTransitions('accepted', ['supervisor']), []);
    assert.deepEqual(availableTransitions('correction_requested', ['applicant']).map((t) => t.name).sort(), ['correct', 'withdraw']);
  });
});

describe('every transition × role × state', () => {
  for (const name of TRANSITION_NAMES) {
    if (name === 'register') continue;
    const t = TRANSITIONS[name];
    for (const role of ROLES) {
      const allowed = t.roles.includes(role);
      it(`${name} by ${role}: ${allowed ? 'allowed from ' + t.from.join('/') : 'forbidden'}`, () => {
        for (const state of ALL_STATES) {
          const before = (PREPARED[name] ?? caseIn)(state);
          const r = applyEvent(before, VALID[name], actor(role), TODAY, CTX);
          const where: string = `${name} by ${role} from ${state}`;
          if (!allowed) {
            assert.equal(r.ok, false, where);
            if (!r.ok) assert.equal(r.error.code, 'forbidden_role', where);
          } else if (!t.from.includes(state)) {
            assert.equal(r.ok, false, where);
            if (!r.ok) {
              assert.equal(r.error.code, 'invalid_transition', where);
              assert.match(r.error.zh, /案件当前状态为/);
            }
          } else {
            assert.ok(r.ok, `${where}: ${!r.ok ? r.error.code + ' ' + r.error.zh : ''}`);
            if (r.ok) {
              const to: CaseStatus = t.to === 'same' ? state : t.to;
              assert.equal(r.value.state.status, to, where);
              assert.equal(r.value.event.type, name);
              assert.equal(r.value.event.from, state);
              assert.equal(r.value.event.to, to);
              assert.equal(r.value.event.actorId, actor(role).id);
              assert.equal(r.value.state.events.length, before.events.length + 1);
              assert.equal(before.status, state, 'the old state is not mutated');
            }
          }
        }
      });
    }
  }

  it('register (openCase) is for staff only', () => {
    for (const role of ROLES) {
      const r = openCase({ type: 'register', date: RECEIVED, applicantId: APPLICANT_ID }, actor(role), RECEIVED);
      assert.equal(r.ok, TRANSITIONS.register.roles.includes(role), role);
      if (r.ok) assert.equal(r.value.state.status, 'registered');
    }
  });
});

describe('who may act', () => {
  it('tells a supervisor that supervision is read-only', () => {
    const r = applyEvent(caseIn('accepted'), VALID.answer, actor('supervisor'), TODAY, CTX);
    assert.ok(!r.ok && r.error.code === 'forbidden_role' && /监督人员只能查看/.test(r.error.zh) && /read-only/.test(r.error.en));
  });
  it('lets an applicant withdraw only their own application', () => {
    const other = { id: 'someone-else', roles: ['applicant'] as const };
    const r = applyEvent(caseIn('accepted'), { type: 'withdraw' }, { ...other, roles: [...other.roles] }, TODAY, CTX);
    assert.ok(!r.ok && r.error.code === 'not_own_case');
    const mine = applyEvent(caseIn('accepted'), { type: 'withdraw' }, actor('applicant'), TODAY, CTX);
    assert.ok(mine.ok && mine.value.state.disposition?.key === 'withdrawn');
  });
});

type Case = { name: string; state: () => ReturnType<typeof caseIn>; input: CaseEventInput; today?: string; ctx?: CaseContext; code: string | null; article?: RegExp };

/** Each rule beyond the table, with the article it enforces. `code: null` = allowed. */
const RULES: Case[] = [
  // Art. 30 — one correction notice, within 7 working days of receipt (2024-10-08 → by 2024-10-17).
  { name: 'correction on the 7th working day', state: () => caseIn('accepted'), input: { ...VALID.request_correction, date: '2024-10-17' }, code: null },
  { name: 'correction on the 8th working day', state: () => caseIn('accepted'), input: { ...VALID.request_correction, date: '2024-10-18' }, code: 'correction_notice_late', article: /第三十条/ },
  { name: 'correction without a calendar', state: () => caseIn('accepted'), input: VALID.request_correction, ctx: {}, code: 'context_required' },
  { name: 'a second correction', state: () => must(caseIn('correction_requested'), { type: 'correct', date: '2024-10-10' }), input: { ...VALID.request_correction, date: '2024-10-11' }, code: 'correction_once', article: /第三十条/ },
  { name: 'correction after a consultation', state: () => must(caseIn('consultation'), { type: 'end_consultation', date: '2024-10-10', outcome: 'consented' }), input: { ...VALID.request_correction, date: '2024-10-11' }, code: 'correction_not_first' },
  { name: 'correction listing nothing', state: () => caseIn('accepted'), input: { ...VALID.request_correction, items: [] }, code: 'bad_input' },
  { name: 'correction deadline not after the notice', state: () => caseIn('accepted'), input: { ...VALID.request_correction, correctBy: '2024-10-10' }, code: 'bad_input' },
  { name: 'late correction without a reason', state: () => caseIn('correction_requested'), input: { type: 'correct', date: '2024-10-21' }, code: 'correction_late_without_reason' },
  { name: 'late correction with a good reason', state: () => caseIn('correction_requested'), input: { type: 'correct', date: '2024-10-21', lateReason: '申请人住院' }, code: null },
  { name: 'abandon on the correction deadline', state: () => caseIn('correction_requested'), input: { type: 'abandon', date: '2024-10-18' }, code: 'correction_period_running' },
  { name: 'abandon the day after', state: () => caseIn('correction_requested'), input: { type: 'abandon', date: '2024-10-19' }, code: null },
  // Art. 33 ¶2 — one extension, at most 20 working days, approved, before the due date.
  { name: 'extension of 21 days', state: () => caseIn('accepted'), input: { ...VALID.extend, workdays: 21 }, code: 'extension_too_long', article: /第三十三条第二款/ },
  { name: 'extension of 0 days', state: () => caseIn('accepted'), input: { ...VALID.extend, workdays: 0 }, code: 'bad_input' },
  { name: 'extension without approval', state: () => caseIn('accepted'), input: { ...VALID.extend, approvedBy: ' ' }, code: 'bad_input' },
  { name: 'extension without a due date', state: () => caseIn('accepted'), input: VALID.extend, ctx: { calendar: weekdayCalendar }, code: 'context_required' },
  { name: 'extension after the due date', state: () => caseIn('accepted'), input: VALID.extend, ctx: { ...CTX, dueDate: '2024-11-05' }, code: 'extension_after_due' },
  { name: 'extension on the due date', state: () => caseIn('accepted'), input: { ...VALID.extend, date: '2024-11-05' }, ctx: { ...CTX, dueDate: '2024-11-05' }, code: null },
  { name: 'a second extension', state: () => must(caseIn('accepted'), { ...VALID.extend, date: '2024-10-20' }), input: VALID.extend, code: 'extension_once' },
  // Art. 35 — asking for reasons (once, with the facts and a date), then a later period (after reasons,
  // later than the current due date, decided before it runs out, once) or 不予处理 (after reasons).
  { name: 'reasons without the facts', state: () => caseIn('accepted'), input: { ...ASK_REASONS, facts: ' ' }, code: 'bad_input', article: /第三十五条/ },
  { name: 'reasons due on the day asked', state: () => caseIn('accepted'), input: { ...ASK_REASONS, replyBy: '2024-10-09' }, code: 'bad_input' },
  { name: 'reasons asked twice', state: () => asked('accepted'), input: { ...ASK_REASONS, date: '2024-10-10' }, code: 'reasons_once', article: /第三十五条/ },
  { name: 'reasons asked', state: () => caseIn('accepted'), input: ASK_REASONS, code: null },
  { name: 'later period without asking for reasons', state: () => caseIn('accepted'), input: VALID.set_reasonable_period, code: 'no_prior_reasons_request', article: /第三十五条/ },
  { name: 'later period not after the current due date', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, dueDate: '2025-01-31' }, code: 'reasonable_period_not_later', article: /第三十五条/ },
  { name: 'later period earlier than the current due date', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, dueDate: '2025-01-15' }, code: 'reasonable_period_not_later' },
  { name: 'later period the day after the due date', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, dueDate: '2025-02-01' }, code: null },
  { name: 'later period decided after the due date', state: () => asked('accepted'), input: VALID.set_reasonable_period, ctx: { ...CTX, dueDate: '2024-11-05' }, code: 'reasonable_period_after_due' },
  { name: 'later period without a current due date', state: () => asked('accepted'), input: VALID.set_reasonable_period, ctx: { calendar: weekdayCalendar }, code: 'context_required' },
  { name: 'later period without a reason', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, reason: '' }, code: 'bad_input' },
  { name: 'later period without approval', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, approvedBy: '' }, code: 'bad_input' },
  { name: 'later period with a bad date', state: () => asked('accepted'), input: { ...VALID.set_reasonable_period, dueDate: '2025-02-30' }, code: 'bad_input' },
  { name: 'later period set twice', state: () => must(asked('accepted'), { ...VALID.set_reasonable_period, date: '2024-10-20' }), input: { ...VALID.set_reasonable_period, dueDate: '2025-04-30' }, code: 'reasonable_period_once' },
  { name: 'Art. 33 extension after the later period', state: () => must(asked('accepted'), { ...VALID.set_reasonable_period, date: '2024-10-20' }), input: VALID.extend, code: 'extension_after_reasonable_period', article: /第三十五条/ },
  { name: 'fee notice after the later period', state: () => must(asked('accepted'), { ...VALID.set_reasonable_period, date: '2024-10-20' }), input: VALID.send_fee_notice, code: 'fee_notice_after_reasonable_period' },
  { name: 'not handled (3.3.5.4) without asking for reasons', state: () => caseIn('accepted'), input: { type: 'answer', disposition: { key: 'excessive_requests', reason: '理由与申请内容无关' } }, code: 'no_prior_reasons_request', article: /第三十五条/ },
  { name: 'not handled (3.3.5.4) after asking for reasons', state: () => asked('accepted'), input: { type: 'answer', disposition: { key: 'excessive_requests', reason: '理由与申请内容无关' } }, code: null },
  { name: 'a withdrawal note of 501 characters', state: () => caseIn('accepted'), input: { type: 'withdraw', reason: '字'.repeat(501) }, code: 'bad_input' },
  // Arts. 32, 34 — no reply only after the 15 working days (2024-10-09 + 15 = 2024-10-30).
  { name: 'no reply before 15 working days', state: () => caseIn('consultation'), input: { type: 'end_consultation', date: '2024-10-29', outcome: 'no_reply' }, code: 'consultation_period_running' },
  { name: 'no reply after 15 working days', state: () => caseIn('consultation'), input: { type: 'end_consultation', date: '2024-10-30', outcome: 'no_reply' }, code: null },
  { name: 'an objection any time', state: () => caseIn('consultation'), input: { type: 'end_consultation', date: '2024-10-10', outcome: 'objected' }, code: null },
  { name: 'consultation with nobody', state: () => caseIn('accepted'), input: { type: 'start_consultation', parties: [] }, code: 'bad_input' },
  // Art. 42, 109号 — one fee notice, a positive amount, one method, payment within 20 working days.
  { name: 'fee of 0 yuan', state: () => caseIn('accepted'), input: { ...VALID.send_fee_notice, amountYuan: 0 }, code: 'bad_input' },
  { name: 'fee with both methods', state: () => caseIn('accepted'), input: { ...VALID.send_fee_notice, method: 'both' as never }, code: 'bad_input' },
  { name: 'fee notice after the due date', state: () => caseIn('accepted'), input: VALID.send_fee_notice, ctx: { ...CTX, dueDate: '2024-11-05' }, code: 'fee_notice_after_due' },
  { name: 'a second fee notice', state: () => must(caseIn('fee_notice_sent'), { type: 'record_fee_paid', date: '2024-10-10' }), input: VALID.send_fee_notice, code: 'fee_notice_once' },
  { name: 'lapse on the payment deadline', state: () => caseIn('fee_notice_sent'), input: { type: 'fee_lapse', date: '2024-11-06' }, code: 'fee_period_running' },
  // Arts. 36, 37 — an answer needs a complete disposition that an answer can give.
  { name: 'answer without disposition', state: () => caseIn('accepted'), input: { type: 'answer' } as unknown as CaseEventInput, code: 'disposition_required' },
  { name: 'refusal without a reason', state: () => caseIn('accepted'), input: { type: 'answer', disposition: { key: 'refuse_state_secret' } }, code: 'disposition_incomplete' },
  { name: 'answer “abandoned”', state: () => caseIn('accepted'), input: { type: 'answer', disposition: { key: 'correction_lapsed' } }, code: 'disposition_not_by_answer' },
  { name: 'unclear after correction, never corrected', state: () => caseIn('accepted'), input: { type: 'answer', disposition: { key: 'unclear_after_correction' } }, code: 'no_prior_correction' },
  { name: 'unclear after correction, corrected', state: () => must(caseIn('correction_requested'), { type: 'correct', date: '2024-10-15' }), input: { type: 'answer', disposition: { key: 'unclear_after_correction' } }, code: null },
  { name: 'answer on the spot (当场答复) from registered', state: () => caseIn('registered'), input: { type: 'answer', disposition: RELEASE }, code: null },
  // Dates.
  { name: 'a date in the future', state: () => caseIn('accepted'), input: { type: 'answer', date: '2025-01-01', disposition: RELEASE }, code: 'future_date' },
  { name: 'a date before the previous step', state: () => caseIn('consultation'), input: { type: 'end_consultation', date: '2024-10-08', outcome: 'consented' }, code: 'date_out_of_order' },
  { name: 'a date that does not exist', state: () => caseIn('accepted'), input: { type: 'answer', date: '2024-11-31', disposition: RELEASE }, code: 'bad_date' },
  { name: 'transfer to the same unit', state: () => caseIn('registered'), input: { ...VALID.transfer, toUnitId: 'unit-a' }, code: 'transfer_to_self' },
];

describe('rules of each step', () => {
  for (const c of RULES) {
    it(`${c.name} → ${c.code ?? 'allowed'}`, () => {
      const r = applyEvent(c.state(), c.input, staff, c.today ?? TODAY, c.ctx ?? CTX);
      if (c.code === null) {
        assert.ok(r.ok, !r.ok ? `${r.error.code}: ${r.error.zh}` : '');
      } else {
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.error.code, c.code, r.error.zh);
          assert.ok(r.error.zh.length > 0 && r.error.en.length > 0, 'messages in both languages');
          if (c.article) assert.match(r.error.article ?? '', c.article);
        }
      }
    });
  }

  it('an extension keeps the state and records the days', () => {
    const r = applyEvent(caseIn('consultation'), VALID.extend, staff, TODAY, CTX);
    assert.ok(r.ok);
    assert.equal(r.value.state.status, 'consultation');
    assert.deepEqual(r.value.state.extension, { decidedOn: TODAY, workdays: 20, reason: '需要调取档案', approvedBy: '张主任' });
  });

  it('Art. 35: asking for reasons keeps the state and the clock; the later period is recorded; 不予处理 counts in 3.3.5.4', () => {
    const r = applyEvent(caseIn('accepted'), ASK_REASONS, staff, TODAY, CTX);
    assert.ok(r.ok);
    assert.equal(r.value.state.status, 'accepted', 'no pause: the case stays in progress');
    assert.equal(isPaused(r.value.state), false);
    assert.deepEqual(r.value.state.reasons, { requestedOn: '2024-10-09', replyBy: '2024-10-16', facts: ASK_REASONS.facts });
    const late = applyEvent(caseIn('accepted'), { ...ASK_REASONS, replyBy: '2024-11-20' }, staff, TODAY, { ...CTX, dueDate: '2024-11-05' });
    assert.ok(late.ok);
    assert.deepEqual(late.value.warnings.map((w) => w.code), ['reasons_reply_after_due'], 'a reply date past the due date is flagged: the clock does not stop');
    const p = applyEvent(asked('consultation'), VALID.set_reasonable_period, actor('reviewer'), TODAY, CTX);
    assert.ok(p.ok);
    assert.equal(p.value.state.status, 'consultation');
    assert.deepEqual(p.value.state.reasonablePeriod, { decidedOn: TODAY, dueDate: '2025-03-31', reason: '需逐件检索审查', approvedBy: '张主任' });
    const no = must(asked('accepted'), { type: 'answer', date: '2024-10-20', disposition: { key: 'excessive_requests', reason: '理由不合理' } });
    assert.equal(no.status, 'answered');
    assert.equal(reportRow(no), '3.3.5.4');
  });

  it('a withdrawal records whether the applicant made it themselves, whatever the caller says', () => {
    const own = applyEvent(caseIn('accepted'), { type: 'withdraw', reason: '已通过其他途径获得' }, actor('applicant'), TODAY, CTX);
    assert.ok(own.ok);
    assert.equal((own.value.event as { byApplicant?: boolean }).byApplicant, true);
    assert.equal(own.value.event.actorId, APPLICANT_ID);
    const forThem = applyEvent(caseIn('accepted'), { type: 'withdraw', byApplicant: true }, actor('case_handler'), TODAY, CTX);
    assert.ok(forThem.ok);
    assert.equal((forThem.value.event as { byApplicant?: boolean }).byApplicant, undefined, 'staff recording a withdrawal cannot claim the applicant did it online');
    for (const status of ['answered', 'delivered', 'closed', 'withdrawn', 'abandoned', 'fee_unpaid', 'transferred'] as CaseStatus[]) {
      const r = applyEvent(caseIn(status), { type: 'withdraw' }, actor('applicant'), TODAY, CTX);
      assert.ok(!r.ok && r.error.code === 'invalid_transition', `${status}: no withdrawal once decided`);
    }
  });

  it('a fee notice without a payment date gets 20 working days from the calendar', () => {
    const r = applyEvent(caseIn('accepted'), { ...VALID.send_fee_notice, date: '2024-10-09' }, staff, TODAY, CTX);
    assert.ok(r.ok);
    assert.equal(r.value.state.fee?.payBy, '2024-11-06');
    assert.equal((r.value.event as { payBy?: string }).payBy, '2024-11-06', 'the computed date is recorded in the event');
  });

  it('warns when refusing on third-party grounds without consulting, and when answering late', () => {
    const refusal = { key: 'refuse_third_party' as const, reason: '涉及个人隐私' };
    const r = applyEvent(caseIn('accepted'), { type: 'answer', disposition: refusal }, staff, TODAY, { ...CTX, dueDate: '2024-11-05' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.warnings.map((w) => w.code).sort(), ['answered_late', 'third_party_not_consulted']);
    const consulted = must(caseIn('consultation'), { type: 'end_consultation', date: '2024-10-10', outcome: 'objected' });
    const r2 = applyEvent(consulted, { type: 'answer', disposition: refusal }, staff, TODAY, CTX);
    assert.ok(r2.ok && r2.value.warnings.length === 0);
  });

  it('records the result and the report row of each ending', () => {
    const rows: [CaseStatus, string, string][] = [
      ['answered', 'release', '3.3.1'],
      ['abandoned', 'correction_lapsed', '3.3.6.1'],
      ['fee_unpaid', 'fee_unpaid', '3.3.6.2'],
      ['withdrawn', 'withdrawn', '3.3.6.3'],
    ];
    for (const [status, key, row] of rows) {
      const c = caseIn(status);
      assert.equal(c.disposition?.key, key, status);
      assert.equal(reportRow(c), row, status);
      assert.ok(c.concludedOn, status);
    }
    assert.equal(reportRow(caseIn('transferred')), null, 'a transferred case counts at the receiving unit');
    assert.equal(reportRow(caseIn('accepted')), null);
  });
});

describe('history', () => {
  it('rebuilds the same state from the recorded events', () => {
    let s = registered();
    for (const input of [
      { type: 'accept', date: '2024-10-08' },
      { type: 'request_correction', date: '2024-10-09', items: ['写明文号'], correctBy: '2024-10-18' },
      { type: 'correct', date: '2024-10-14' },
      { type: 'request_reasons', date: '2024-10-14', facts: '一个月内提出申请62件', replyBy: '2024-10-18' },
      { type: 'start_consultation', date: '2024-10-15', parties: [{ kind: 'third_party', name: '甲公司' }] },
      { type: 'extend', date: '2024-10-20', workdays: 10, reason: '征求意见', approvedBy: '张主任' },
      { type: 'end_consultation', date: '2024-11-06', outcome: 'no_reply' },
      { type: 'answer', date: '2024-11-07', disposition: RELEASE },
      { type: 'deliver', date: '2024-11-08', method: 'post' },
      { type: 'close', date: '2024-11-09' },
    ] as CaseEventInput[]) {
      s = must(s, input);
    }
    const { id, unitId, applicantId } = s;
    assert.deepEqual(replayCase(s.events, { id, unitId, applicantId }), s);
    assert.equal(s.status, 'closed');
    assert.throws(() => replayCase(s.events.slice(1)), /register/);
  });
});

describe('phase queries', () => {
  const TABLE: Record<CaseStatus, [open: boolean, awaitingApplicant: boolean, paused: boolean]> = {
    registered: [true, false, false],
    accepted: [true, false, false],
    correction_requested: [true, true, true],
    consultation: [true, false, true],
    fee_notice_sent: [true, true, true],
    answered: [false, false, false],
    delivered: [false, false, false],
    closed: [false, false, false],
    abandoned: [false, false, false],
    fee_unpaid: [false, false, false],
    withdrawn: [false, false, false],
    transferred: [false, false, false],
  };
  for (const status of ALL_STATES) {
    it(`${status}: open/awaiting applicant/paused = ${TABLE[status].join('/')}`, () => {
      const c = caseIn(status);
      assert.deepEqual([isOpen(c), isAwaitingApplicant(c), isPaused(c)], TABLE[status]);
      assert.equal(isConcluded(c), !isOpen(c) && status !== 'transferred');
    });
  }

  it('due soon and overdue', () => {
    const open = caseIn('accepted');
    const cases: [string, string, number, boolean, boolean][] = [
      // today, due, days, dueSoon, overdue
      ['2024-11-01', '2024-11-05', 3, false, false],
      ['2024-11-02', '2024-11-05', 3, true, false],
      ['2024-11-05', '2024-11-05', 3, true, false],
      ['2024-11-06', '2024-11-05', 3, false, true],
    ];
    for (const [today, due, days, soon, late] of cases) {
      assert.equal(dueSoon(open, today, due, days), soon, `dueSoon ${today}`);
      assert.equal(overdue(open, today, due), late, `overdue ${today}`);
    }
    // Working days: Fri 2024-11-01 → Tue 2024-11-05 is 2 working days.
    const count = (a: string, b: string) => {
      let n = 0;
      for (let d = a; d < b; ) {
        d = weekdayCalendar.addWorkdays(d, 1);
        if (d <= b) n++;
      }
      return n;
    };
    assert.equal(dueSoon(open, '2024-11-01', '2024-11-05', 2, count), true);
    // Paused or finished cases are neither.
    assert.equal(overdue(caseIn('consultation'), '2024-12-01', '2024-11-05'), false);
    assert.equal(overdue(caseIn('answered'), '2024-12-01', '2024-11-05'), false);
    assert.equal(dueSoon(caseIn('correction_requested'), '2024-11-04', '2024-11-05', 3), false);
    assert.equal(answeredLate(caseIn('answered'), '2024-10-09'), true);
    assert.equal(answeredLate(caseIn('answered'), '2024-10-10'), false);
  });
});
