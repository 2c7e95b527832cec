import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions, applyTransition, initialState, shanghaiDate, TRANSITIONS } from './workflow.ts';
import type { Actor, DocStatus, TransitionInput, WorkflowAction, WorkflowState } from './workflow.ts';

const NOW = new Date('2020-09-01T02:00:00Z'); // 10:00 in 朝阳
const ROLES: Actor[] = ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor', 'scheduler'];

function stateIn(status: DocStatus, extra: Partial<WorkflowState> = {}): WorkflowState {
  const reviewed = ['reviewed', 'scheduled', 'published', 'withdrawn'].includes(status);
  return {
    ...initialState(),
    status,
    confidentialityChecked: reviewed,
    personalInfoChecked: reviewed,
    publishAt: status === 'scheduled' ? '2020-09-01T01:00:00.000Z' : null,
    version: status === 'published' || status === 'withdrawn' ? 1 : 0,
    ...extra,
  };
}

// Input that satisfies every action's own requirements, so only the role and state decide.
const GOOD_INPUT: Record<WorkflowAction, TransitionInput> = {
  edit: {},
  submit: {},
  recall: {},
  return: { reason: '请补充文号' },
  review: { confidentialityChecked: true, personalInfoChecked: true },
  publish: {},
  schedule: { publishAt: '2020-09-02T00:00:00Z' },
  unschedule: {},
  publish_due: {},
  edit_published: { changeNote: '更正错别字' },
  withdraw: { reason: '文件已被废止' },
  reopen: {},
};

const FROM: Record<WorkflowAction, DocStatus> = {
  edit: 'draft', submit: 'draft', recall: 'submitted', return: 'submitted', review: 'submitted', publish: 'reviewed', schedule: 'reviewed',
  unschedule: 'scheduled', publish_due: 'scheduled', edit_published: 'published', withdraw: 'published', reopen: 'withdrawn',
};

// Who may do what: editors draft and submit; reviewers review/publish; admins everything;
// case handlers and supervisors nothing; the scheduler only publishes when due.
const MAY: Record<WorkflowAction, Actor[]> = {
  edit: ['system_admin', 'unit_admin', 'editor'],
  submit: ['system_admin', 'unit_admin', 'editor'],
  recall: ['system_admin', 'unit_admin', 'editor'],
  return: ['system_admin', 'unit_admin', 'reviewer'],
  review: ['system_admin', 'unit_admin', 'reviewer'],
  publish: ['system_admin', 'unit_admin', 'reviewer'],
  schedule: ['system_admin', 'unit_admin', 'reviewer'],
  unschedule: ['system_admin', 'unit_admin', 'reviewer'],
  publish_due: ['scheduler'],
  edit_published: ['system_admin', 'unit_admin', 'reviewer'],
  withdraw: ['system_admin', 'unit_admin', 'reviewer'],
  reopen: ['system_admin', 'unit_admin'],
};

const TO: Record<WorkflowAction, DocStatus> = {
  edit: 'draft', submit: 'submitted', recall: 'draft', return: 'draft', review: 'reviewed', publish: 'published', schedule: 'scheduled',
  unschedule: 'reviewed', publish_due: 'published', edit_published: 'published', withdraw: 'withdrawn', reopen: 'draft',
};

for (const action of Object.keys(MAY) as WorkflowAction[]) {
  for (const role of ROLES) {
    const allowed = MAY[action].includes(role);
    test(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
      const r = applyTransition(stateIn(FROM[action]), action, role, GOOD_INPUT[action], NOW);
      assert.equal(r.ok, allowed, JSON.stringify(r));
      if (r.ok) {
        assert.equal(r.state.status, TO[action]);
        assert.equal(r.event.from, FROM[action]);
        assert.equal(r.event.actor, role);
      } else assert.equal(r.code, 'forbidden');
    });
  }
}

test('the table covers every action exactly once', () => {
  assert.deepEqual(TRANSITIONS.map((t) => t.action).sort(), Object.keys(MAY).sort());
});

test('wrong state is refused', () => {
  const r = applyTransition(stateIn('draft'), 'publish', 'reviewer', {}, NOW);
  assert.ok(!r.ok && r.code === 'invalid_state');
  const w = applyTransition(stateIn('draft'), 'withdraw', 'unit_admin', { reason: '原因说明' }, NOW);
  assert.ok(!w.ok && w.code === 'invalid_state');
});

test('review requires both the 保密审查 and the 个人信息检查 confirmations', () => {
  for (const input of [{}, { confidentialityChecked: true }, { personalInfoChecked: true }, { confidentialityChecked: true, personalInfoChecked: false }]) {
    const r = applyTransition(stateIn('submitted'), 'review', 'reviewer', input, NOW);
    assert.ok(!r.ok && r.code === 'review_checks_required', JSON.stringify(input));
  }
  const ok = applyTransition(stateIn('submitted'), 'review', 'reviewer', GOOD_INPUT.review, NOW);
  assert.ok(ok.ok && ok.state.confidentialityChecked && ok.state.personalInfoChecked);
});

test('publishing sets the Asia/Shanghai 发布日期 and asks for a version snapshot', () => {
  const late = new Date('2020-09-01T17:30:00Z'); // 01:30 on 2 September in 朝阳
  const r = applyTransition(stateIn('reviewed'), 'publish', 'reviewer', {}, late);
  assert.ok(r.ok);
  assert.equal(r.state.publishDate, '2020-09-02');
  assert.equal(r.state.publishedAt, '2020-09-01T17:30:00.000Z');
  assert.equal(r.state.version, 1);
  assert.equal(r.recordVersion, true);
  assert.equal(shanghaiDate(new Date('2020-12-31T16:00:00Z')), '2021-01-01');
});

test('personal data found before publishing must be acknowledged', () => {
  const blocked = applyTransition(stateIn('reviewed'), 'publish', 'reviewer', { personalDataFindings: 2 }, NOW);
  assert.ok(!blocked.ok && blocked.code === 'personal_data_unacknowledged');
  assert.ok(!blocked.ok && blocked.message.zh.includes('2'));
  const ok = applyTransition(stateIn('reviewed'), 'publish', 'reviewer', { personalDataFindings: 2, acknowledgePersonalData: true }, NOW);
  assert.ok(ok.ok && ok.warnings.length === 1);
  const edit = applyTransition(stateIn('published'), 'edit_published', 'reviewer', { personalDataFindings: 1 }, NOW);
  assert.ok(!edit.ok && edit.code === 'personal_data_unacknowledged');
});

test('withdrawal and return keep a reason', () => {
  for (const [action, from] of [['withdraw', 'published'], ['return', 'submitted']] as const) {
    const r = applyTransition(stateIn(from), action, 'reviewer', { reason: '  ' }, NOW);
    assert.ok(!r.ok && r.code === 'reason_required');
    const long = applyTransition(stateIn(from), action, 'reviewer', { reason: '长'.repeat(501) }, NOW);
    assert.ok(!long.ok && long.code === 'reason_too_long');
  }
  const w = applyTransition(stateIn('published'), 'withdraw', 'reviewer', { reason: '已被新文件替代' }, NOW);
  assert.ok(w.ok);
  assert.equal(w.state.withdrawalReason, '已被新文件替代');
  assert.equal(w.state.withdrawnAt, NOW.toISOString());
  assert.equal(w.event.reason, '已被新文件替代');
});

test('a returned document loses its review and must be reviewed again', () => {
  const r = applyTransition(stateIn('reviewed'), 'return', 'reviewer', { reason: '标题有误' }, NOW);
  assert.ok(r.ok);
  assert.equal(r.state.confidentialityChecked, false);
  assert.equal(r.state.returnReason, '标题有误');
  const resubmitted = applyTransition(r.state, 'submit', 'editor', {}, NOW);
  assert.ok(resubmitted.ok && resubmitted.state.returnReason === null);
  const p = applyTransition(stateIn('reviewed', { confidentialityChecked: false }), 'publish', 'unit_admin', {}, NOW);
  assert.ok(!p.ok && p.code === 'review_checks_required');
});

test('scheduling: future time only; the scheduler publishes only when due', () => {
  const past = applyTransition(stateIn('reviewed'), 'schedule', 'reviewer', { publishAt: '2020-08-31T00:00:00Z' }, NOW);
  assert.ok(!past.ok && past.code === 'publish_at_past');
  const missing = applyTransition(stateIn('reviewed'), 'schedule', 'reviewer', { publishAt: 'soon' }, NOW);
  assert.ok(!missing.ok && missing.code === 'publish_at_required');
  const s = applyTransition(stateIn('reviewed'), 'schedule', 'reviewer', { publishAt: '2020-09-03T00:00:00Z' }, NOW);
  assert.ok(s.ok && s.state.publishAt === '2020-09-03T00:00:00.000Z');
  const early = applyTransition(s.state, 'publish_due', 'scheduler', {}, NOW);
  assert.ok(!early.ok && early.code === 'not_due');
  const due = applyTransition(s.state, 'publish_due', 'scheduler', { personalDataFindings: 1 }, '2020-09-03T00:00:01Z');
  assert.ok(due.ok && due.state.status === 'published' && due.state.publishDate === '2020-09-03' && due.state.publishAt === null);
});

test('edits of a published document bump the version and keep the first publication date', () => {
  const first = applyTransition(stateIn('reviewed'), 'publish', 'reviewer', {}, NOW);
  assert.ok(first.ok);
  const edit = applyTransition(first.state, 'edit_published', 'reviewer', { changeNote: '更正附件' }, '2020-10-09T02:00:00Z');
  assert.ok(edit.ok);
  assert.equal(edit.state.version, 2);
  assert.equal(edit.state.publishDate, '2020-09-01');
  assert.equal(edit.recordVersion, true);
  assert.equal(edit.event.details.changeNote, '更正附件');
  const draftEdit = applyTransition(stateIn('draft'), 'edit', 'editor', {}, NOW);
  assert.ok(draftEdit.ok && !draftEdit.recordVersion);
});

test('allowedActions drives the buttons', () => {
  assert.deepEqual(allowedActions('draft', 'editor'), ['edit', 'submit']);
  assert.deepEqual(allowedActions('submitted', 'reviewer'), ['return', 'review']);
  assert.deepEqual(allowedActions('submitted', 'editor'), ['recall']);
  assert.deepEqual(allowedActions('reviewed', 'editor'), [], 'once reviewed, only the reviewer can send it back');
  assert.deepEqual(allowedActions('published', 'supervisor'), []);
  assert.deepEqual(allowedActions('withdrawn', 'unit_admin'), ['reopen']);
});

test('recall: the submission goes back to draft before review (撤回提交)', () => {
  const r = applyTransition(stateIn('submitted'), 'recall', 'editor', {}, NOW);
  assert.ok(r.ok);
  assert.equal(r.state.status, 'draft');
  const late = applyTransition(stateIn('reviewed'), 'recall', 'editor', {}, NOW);
  assert.ok(!late.ok && late.code === 'invalid_state');
  const reviewer = applyTransition(stateIn('submitted'), 'recall', 'reviewer', {}, NOW);
  assert.ok(!reviewer.ok && reviewer.code === 'forbidden');
});
