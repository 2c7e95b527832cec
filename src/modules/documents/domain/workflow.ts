// The publishing workflow of a document, as data plus one pure transition function.
//
//   draft ──submit──▶ submitted ──review──▶ reviewed ──publish──▶ published ──withdraw──▶ withdrawn
//     ▲  ▲──recall───────┤                    │  ╰─schedule─▶ scheduled ─publish_due─╯        │
//     ╰──────return──────┴────────────────────┴──────────────────┘                  reopen ──╯
//
// - recall (撤回提交): the submitter takes a submission back while nobody has reviewed it yet (the
//   command checks it is the same person; the reviewer's 'return' covers everyone else).
//
// - 条例 第十七条 (审查机制, 保守国家秘密法) and 第四条第(四)项 (组织开展对拟公开政府信息的审查): the
//   reviewer must confirm the 保密审查 before anything goes out.
// - 条例 第十五条 (个人隐私): the reviewer also confirms the personal-information check, and the
//   publish step makes whoever publishes acknowledge any ID/mobile numbers pii.ts found.
// - 条例 第五十三条 makes stale or wrong published information a liability; withdrawal is therefore
//   recorded with its reason, and edits of a published document keep a version (diff.ts).
//
// Roles: editors draft and submit; reviewers review, publish, schedule, return and withdraw;
// unit_admin and system_admin may do everything; case_handler and supervisor do none of it
// (supervisors read). Timed publication is carried out by the job runner as 'scheduler'.

import type { Label } from './taxonomy.ts';

export type DocStatus = 'draft' | 'submitted' | 'reviewed' | 'scheduled' | 'published' | 'withdrawn';
export type Role = 'system_admin' | 'unit_admin' | 'editor' | 'reviewer' | 'case_handler' | 'supervisor';
export type Actor = Role | 'scheduler';
export type WorkflowAction =
  | 'edit'
  | 'submit'
  | 'recall'
  | 'return'
  | 'review'
  | 'publish'
  | 'schedule'
  | 'unschedule'
  | 'publish_due'
  | 'edit_published'
  | 'withdraw'
  | 'reopen';

export const STATUSES: readonly ({ code: DocStatus } & Label)[] = [
  { code: 'draft', zh: '草稿', en: 'Draft' },
  { code: 'submitted', zh: '待审核', en: 'Submitted' },
  { code: 'reviewed', zh: '已审核', en: 'Reviewed' },
  { code: 'scheduled', zh: '定时发布', en: 'Scheduled' },
  { code: 'published', zh: '已发布', en: 'Published' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
];

const EDITING: Actor[] = ['editor', 'unit_admin', 'system_admin'];
const REVIEWING: Actor[] = ['reviewer', 'unit_admin', 'system_admin'];
const ADMINS: Actor[] = ['unit_admin', 'system_admin'];

export interface TransitionDef {
  action: WorkflowAction;
  from: DocStatus[];
  /** null: the status does not change. */
  to: DocStatus | null;
  actors: Actor[];
  label: Label;
}

export const TRANSITIONS: readonly TransitionDef[] = [
  { action: 'edit', from: ['draft'], to: null, actors: EDITING, label: { zh: '编辑', en: 'Edit' } },
  { action: 'submit', from: ['draft'], to: 'submitted', actors: EDITING, label: { zh: '提交审核', en: 'Submit for review' } },
  { action: 'recall', from: ['submitted'], to: 'draft', actors: EDITING, label: { zh: '撤回提交', en: 'Recall the submission' } },
  { action: 'return', from: ['submitted', 'reviewed', 'scheduled'], to: 'draft', actors: REVIEWING, label: { zh: '退回修改', en: 'Return to draft' } },
  { action: 'review', from: ['submitted'], to: 'reviewed', actors: REVIEWING, label: { zh: '审核通过', en: 'Approve' } },
  { action: 'publish', from: ['reviewed'], to: 'published', actors: REVIEWING, label: { zh: '立即发布', en: 'Publish now' } },
  { action: 'schedule', from: ['reviewed'], to: 'scheduled', actors: REVIEWING, label: { zh: '定时发布', en: 'Schedule' } },
  { action: 'unschedule', from: ['scheduled'], to: 'reviewed', actors: REVIEWING, label: { zh: '取消定时', en: 'Cancel schedule' } },
  { action: 'publish_due', from: ['scheduled'], to: 'published', actors: ['scheduler'], label: { zh: '到时发布', en: 'Publish on schedule' } },
  { action: 'edit_published', from: ['published'], to: null, actors: REVIEWING, label: { zh: '修改已发布信息', en: 'Edit published' } },
  { action: 'withdraw', from: ['published'], to: 'withdrawn', actors: REVIEWING, label: { zh: '撤回', en: 'Withdraw' } },
  { action: 'reopen', from: ['withdrawn'], to: 'draft', actors: ADMINS, label: { zh: '重新编辑', en: 'Reopen as draft' } },
];

export interface WorkflowState {
  status: DocStatus;
  /** Published version number; 0 until first publication, +1 for every edit of a published document. */
  version: number;
  confidentialityChecked: boolean;
  personalInfoChecked: boolean;
  /** ISO timestamp (UTC) for a scheduled publication. */
  publishAt: string | null;
  /** ISO timestamp of the first publication (kept across later edits). */
  publishedAt: string | null;
  /** 发布日期 in Asia/Shanghai derived from publishedAt. */
  publishDate: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  /** Why a reviewer sent it back; shown to the editor, cleared on the next submit. */
  returnReason: string | null;
}

export function initialState(): WorkflowState {
  return {
    status: 'draft',
    version: 0,
    confidentialityChecked: false,
    personalInfoChecked: false,
    publishAt: null,
    publishedAt: null,
    publishDate: null,
    withdrawnAt: null,
    withdrawalReason: null,
    returnReason: null,
  };
}

export interface TransitionInput {
  /** return, withdraw: required. reopen: optional. */
  reason?: string;
  /** review: both must be true (保密审查, 个人信息检查). */
  confidentialityChecked?: boolean;
  personalInfoChecked?: boolean;
  /** schedule: ISO timestamp in the future. */
  publishAt?: string;
  /** publish, publish_due, edit_published: how many ID/mobile numbers pii.ts found. */
  personalDataFindings?: number;
  /** publish, edit_published: the publisher has seen the findings and publishes anyway. */
  acknowledgePersonalData?: boolean;
  /** edit_published: what changed (kept with the version). */
  changeNote?: string;
}

export interface TransitionEvent {
  action: WorkflowAction;
  from: DocStatus;
  to: DocStatus;
  actor: Actor;
  at: string;
  reason: string | null;
  details: Record<string, unknown>;
}

export type TransitionResult =
  | {
      ok: true;
      state: WorkflowState;
      event: TransitionEvent;
      /** The caller must snapshot the document as a new version (first publication and edits of published documents). */
      recordVersion: boolean;
      warnings: Label[];
    }
  | { ok: false; code: string; message: Label };

const fail = (code: string, message: Label): TransitionResult => ({ ok: false, code, message });

const REASON_MAX = 500;

/** 发布日期 for an instant: the calendar day in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function toDate(now: Date | string): Date {
  const d = now instanceof Date ? now : new Date(now);
  if (Number.isNaN(d.getTime())) throw new TypeError('now must be a valid Date or ISO timestamp');
  return d;
}

export function transitionFor(action: WorkflowAction): TransitionDef | undefined {
  return TRANSITIONS.find((t) => t.action === action);
}

/** Actions an actor may take from a status: drives which buttons a page shows. */
export function allowedActions(status: DocStatus, actor: Actor): WorkflowAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.actors.includes(actor)).map((t) => t.action);
}

function checkPersonalData(input: TransitionInput, actor: Actor): { error?: TransitionResult; warnings: Label[] } {
  const n = input.personalDataFindings ?? 0;
  if (n <= 0) return { warnings: [] };
  const warning: Label = {
    zh: `正文或附件中发现 ${n} 处疑似身份证号或手机号，请确认已脱敏或确需公开`,
    en: `${n} possible ID or mobile number(s) found in the body or attachments`,
  };
  // The scheduler cannot acknowledge; the reviewer did when scheduling (see schedule below).
  if (actor !== 'scheduler' && input.acknowledgePersonalData !== true) {
    return { error: fail('personal_data_unacknowledged', warning), warnings: [] };
  }
  return { warnings: [warning] };
}

export function applyTransition(
  state: WorkflowState,
  action: WorkflowAction,
  actor: Actor,
  input: TransitionInput,
  now: Date | string,
): TransitionResult {
  const def = transitionFor(action);
  if (!def) return fail('unknown_action', { zh: '未知的操作', en: 'Unknown action' });
  if (!def.actors.includes(actor)) {
    return fail('forbidden', { zh: `当前角色无权执行“${def.label.zh}”`, en: `This role may not ${def.label.en.toLowerCase()}` });
  }
  if (!def.from.includes(state.status)) {
    const from = STATUSES.find((s) => s.code === state.status)!;
    return fail('invalid_state', {
      zh: `“${from.zh}”状态下不能执行“${def.label.zh}”`,
      en: `Cannot ${def.label.en.toLowerCase()} a document that is ${from.en.toLowerCase()}`,
    });
  }
  const at = toDate(now);
  const atIso = at.toISOString();
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const next: WorkflowState = { ...state };
  let warnings: Label[] = [];
  let recordVersion = false;
  const details: Record<string, unknown> = {};

  switch (action) {
    case 'edit':
      break;
    case 'submit':
      next.returnReason = null;
      break;
    case 'recall':
      // back to the editor's desk; nothing was reviewed, so there is nothing to clear but the reason
      next.returnReason = null;
      break;
    case 'return':
      if (!reason) return fail('reason_required', { zh: '退回时须填写退回原因', en: 'A reason is required to return a document' });
      if (reason.length > REASON_MAX) return fail('reason_too_long', { zh: '原因不能超过500字', en: 'The reason is too long' });
      next.returnReason = reason;
      // A returned document must be reviewed again from scratch.
      next.confidentialityChecked = false;
      next.personalInfoChecked = false;
      next.publishAt = null;
      break;
    case 'review':
      if (input.confidentialityChecked !== true || input.personalInfoChecked !== true) {
        return fail('review_checks_required', {
          zh: '审核通过前须确认已完成保密审查和个人信息检查',
          en: 'Confirm the confidentiality review and the personal-information check before approving',
        });
      }
      next.confidentialityChecked = true;
      next.personalInfoChecked = true;
      break;
    case 'schedule': {
      const when = input.publishAt ? new Date(input.publishAt) : null;
      if (!when || Number.isNaN(when.getTime())) {
        return fail('publish_at_required', { zh: '请填写定时发布时间', en: 'A publication time is required' });
      }
      if (when.getTime() <= at.getTime()) {
        return fail('publish_at_past', { zh: '定时发布时间须晚于当前时间', en: 'The publication time must be in the future' });
      }
      const pii = checkPersonalData(input, actor);
      if (pii.error) return pii.error;
      warnings = pii.warnings;
      next.publishAt = when.toISOString();
      details.publishAt = next.publishAt;
      break;
    }
    case 'unschedule':
      next.publishAt = null;
      break;
    case 'publish':
    case 'publish_due': {
      if (!state.confidentialityChecked || !state.personalInfoChecked) {
        return fail('review_checks_required', { zh: '未完成保密审查和个人信息检查，不能发布', en: 'The review checks are not complete' });
      }
      if (action === 'publish_due' && (!state.publishAt || Date.parse(state.publishAt) > at.getTime())) {
        return fail('not_due', { zh: '尚未到定时发布时间', en: 'The scheduled time has not come' });
      }
      const pii = checkPersonalData(input, actor);
      if (pii.error) return pii.error;
      warnings = pii.warnings;
      next.publishAt = null;
      next.publishedAt = state.publishedAt ?? atIso;
      next.publishDate = state.publishDate ?? shanghaiDate(at);
      next.withdrawnAt = null;
      next.withdrawalReason = null;
      next.version = state.version + 1;
      recordVersion = true;
      break;
    }
    case 'edit_published': {
      const pii = checkPersonalData(input, actor);
      if (pii.error) return pii.error;
      warnings = pii.warnings;
      next.version = state.version + 1;
      recordVersion = true;
      if (input.changeNote?.trim()) details.changeNote = input.changeNote.trim().slice(0, REASON_MAX);
      break;
    }
    case 'withdraw':
      if (!reason) return fail('reason_required', { zh: '撤回时须填写撤回原因', en: 'A reason is required to withdraw a document' });
      if (reason.length > REASON_MAX) return fail('reason_too_long', { zh: '原因不能超过500字', en: 'The reason is too long' });
      next.withdrawnAt = atIso;
      next.withdrawalReason = reason;
      break;
    case 'reopen':
      next.confidentialityChecked = false;
      next.personalInfoChecked = false;
      break;
  }

  if (def.to) next.status = def.to;
  if (warnings.length) details.personalDataFindings = input.personalDataFindings;
  details.version = next.version;
  return {
    ok: true,
    state: next,
    event: { action, from: state.status, to: next.status, actor, at: atIso, reason: reason || null, details },
    recordVersion,
    warnings,
  };
}
