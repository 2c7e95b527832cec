/**
 * The life of an application for disclosure (依申请公开), 《政府信息公开条例》 Arts. 27–45, as data:
 * the states a case can be in, and a table of the transitions between them with who may make each one
 * and the article that allows it. The rules that need more than the table (dates, counts, the content
 * of a decision) are in workflow.ts and step-rules.ts; the questions asked of a case (open? paused?
 * overdue?) in queries.ts.
 *
 *   registered ─accept→ accepted ─answer→ answered ─deliver→ delivered ─close→ closed
 *        │                 │ ↺ extend (once, ≤ 20 working days, Art. 33)
 *        │                 ├─request_correction→ correction_requested ─correct→ accepted
 *        │                 │                          └─abandon→ abandoned (3.3.6.1)
 *        │                 ├─request_reasons↺ (Art. 35: asks why so many; the clock keeps running)
 *        │                 │     ├─ reasons not reasonable: answer 不予处理 (3.3.5.4)
 *        │                 │     └─set_reasonable_period↺ (reasons reasonable: a later due date, fixed)
 *        │                 ├─start_consultation→ consultation ─end_consultation→ accepted
 *        │                 └─send_fee_notice→ fee_notice_sent ─record_fee_paid→ accepted
 *        │                                          └─fee_lapse→ fee_unpaid (3.3.6.2)
 *        ├─transfer→ transferred (another unit of the cluster, before handling begins)
 *        └─ any open state ─withdraw→ withdrawn (3.3.6.3)
 */
import type { LocalizedText } from './rule-error.ts';

export const CASE_STATUSES = [
  'registered',
  'accepted',
  'correction_requested',
  'consultation',
  'fee_notice_sent',
  'answered',
  'delivered',
  'closed',
  'abandoned',
  'fee_unpaid',
  'withdrawn',
  'transferred',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, LocalizedText> = {
  registered: { zh: '已登记', en: 'registered' },
  accepted: { zh: '办理中', en: 'in progress' },
  correction_requested: { zh: '待补正', en: 'awaiting correction' },
  consultation: { zh: '征求意见中', en: 'in consultation' },
  fee_notice_sent: { zh: '待缴费', en: 'awaiting fee payment' },
  answered: { zh: '已答复，待送达', en: 'answered, to be delivered' },
  delivered: { zh: '已送达', en: 'delivered' },
  closed: { zh: '已归档', en: 'closed' },
  abandoned: { zh: '视为放弃申请', en: 'abandoned' },
  fee_unpaid: { zh: '逾期未缴费', en: 'fee not paid' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  transferred: { zh: '已转办', en: 'transferred' },
};

/** States in which the organ still owes a decision (the case counts in 结转下年度 if still here on 31 Dec). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent'];

export const ROLES = ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, LocalizedText> = {
  system_admin: { zh: '系统管理员', en: 'system administrator' },
  unit_admin: { zh: '单位管理员', en: 'unit administrator' },
  editor: { zh: '信息编辑', en: 'editor' },
  reviewer: { zh: '审核人', en: 'reviewer' },
  case_handler: { zh: '承办人', en: 'case handler' },
  supervisor: { zh: '监督人员', en: 'supervisor' },
  applicant: { zh: '申请人', en: 'applicant' },
};

export const TRANSITION_NAMES = [
  'register',
  'accept',
  'request_correction',
  'correct',
  'abandon',
  'start_consultation',
  'end_consultation',
  'extend',
  'request_reasons',
  'set_reasonable_period',
  'send_fee_notice',
  'record_fee_paid',
  'fee_lapse',
  'answer',
  'deliver',
  'close',
  'withdraw',
  'transfer',
] as const;

export type TransitionName = (typeof TRANSITION_NAMES)[number];

export interface Transition {
  name: TransitionName;
  /** States it may start from; empty for `register`, which creates the case. */
  from: readonly CaseStatus[];
  /** The state it leads to; `same` keeps the state (an extension changes the deadline, not the phase). */
  to: CaseStatus | 'same';
  roles: readonly Role[];
  label: LocalizedText;
  /** The article of law that provides for this step. */
  article: string;
}

const STAFF: readonly Role[] = ['unit_admin', 'case_handler'];
/** The states where the applicant can still withdraw: the organ has not yet decided. */
export const WITHDRAWABLE_STATUSES: readonly CaseStatus[] = OPEN_STATUSES;
const WITHDRAWABLE = WITHDRAWABLE_STATUSES;

/*
 * Roles: supervisors (监督) read everything and change nothing; editors work on proactive disclosure,
 * not on cases; the system administrator keeps the platform running and may route (accept, transfer,
 * close) but does not take decisions that the law gives to the organ's disclosure body. Decisions that
 * answer the applicant are signed off by a reviewer or the unit administrator (审核, Art. 45); the
 * extension needs the approval of the head of the disclosure body (Art. 33 ¶2), which the same roles record.
 */
export const TRANSITIONS: Readonly<Record<TransitionName, Transition>> = {
  register: {
    name: 'register',
    from: [],
    to: 'registered',
    // Registration fixes the receipt date of Art. 31, which for online and fax applications is the day
    // both sides confirm: a person of the organ confirms, so the applicant's own submission is an intake
    // record until staff register it.
    roles: STAFF,
    label: { zh: '登记申请', en: 'register the application' },
    article: '第二十九条、第三十一条',
  },
  accept: {
    name: 'accept',
    from: ['registered'],
    to: 'accepted',
    roles: ['system_admin', ...STAFF],
    label: { zh: '受理并分办', en: 'accept for handling' },
    article: '第四十五条',
  },
  request_correction: {
    name: 'request_correction',
    from: ['registered', 'accepted'],
    to: 'correction_requested',
    roles: STAFF,
    label: { zh: '一次性告知补正', en: 'request correction (once)' },
    article: '第三十条',
  },
  correct: {
    name: 'correct',
    from: ['correction_requested'],
    to: 'accepted',
    roles: [...STAFF, 'applicant'],
    label: { zh: '收到补正申请', en: 'corrected application received' },
    article: '第三十条',
  },
  abandon: {
    name: 'abandon',
    from: ['correction_requested'],
    to: 'abandoned',
    roles: STAFF,
    label: { zh: '逾期未补正，视为放弃', en: 'no correction in time: abandoned' },
    article: '第三十条',
  },
  start_consultation: {
    name: 'start_consultation',
    from: ['accepted'],
    to: 'consultation',
    roles: STAFF,
    label: { zh: '书面征求第三方或其他机关意见', en: 'consult a third party or another organ' },
    article: '第三十二条、第三十四条',
  },
  end_consultation: {
    name: 'end_consultation',
    from: ['consultation'],
    to: 'accepted',
    roles: STAFF,
    label: { zh: '征求意见结束', en: 'consultation ended' },
    article: '第三十二条、第三十三条第三款、第三十四条',
  },
  extend: {
    name: 'extend',
    from: ['accepted', 'consultation'],
    to: 'same',
    roles: ['unit_admin', 'reviewer'],
    label: { zh: '延长答复期限', en: 'extend the answer period' },
    article: '第三十三条第二款',
  },
  request_reasons: {
    name: 'request_reasons',
    from: ['accepted'],
    // Art. 35 does not stop the answer period (compare Art. 30 and Art. 33 ¶3, which say so expressly):
    // the case stays where it is and the clock runs on. See README “Choices”.
    to: 'same',
    roles: STAFF,
    label: { zh: '要求申请人说明理由', en: 'ask the applicant to give reasons' },
    article: '第三十五条',
  },
  set_reasonable_period: {
    name: 'set_reasonable_period',
    from: ['accepted', 'consultation'],
    to: 'same',
    // Art. 35: the reasons are reasonable but the answer cannot be given within the Art. 33 period; a
    // later, reasonable due date is set and the applicant told. Recorded by those who approve extensions.
    roles: ['unit_admin', 'reviewer'],
    label: { zh: '确定延迟答复的合理期限', en: 'set a reasonable later due date' },
    article: '第三十五条',
  },
  send_fee_notice: {
    name: 'send_fee_notice',
    from: ['accepted'],
    to: 'fee_notice_sent',
    roles: STAFF,
    label: { zh: '发出收费通知', en: 'send the fee notice' },
    article: '第四十二条',
  },
  record_fee_paid: {
    name: 'record_fee_paid',
    from: ['fee_notice_sent'],
    to: 'accepted',
    roles: STAFF,
    label: { zh: '确认已缴费', en: 'record the payment' },
    article: '第四十二条',
  },
  fee_lapse: {
    name: 'fee_lapse',
    from: ['fee_notice_sent'],
    to: 'fee_unpaid',
    roles: STAFF,
    label: { zh: '逾期未缴费，不再处理', en: 'fee not paid in time: not processed' },
    article: '第四十二条',
  },
  answer: {
    name: 'answer',
    from: ['registered', 'accepted'],
    to: 'answered',
    roles: ['unit_admin', 'reviewer'],
    label: { zh: '审核并作出答复', en: 'approve and issue the reply' },
    article: '第三十三条、第三十六条、第三十七条',
  },
  deliver: {
    name: 'deliver',
    from: ['answered', 'abandoned', 'fee_unpaid'],
    to: 'delivered',
    roles: STAFF,
    label: { zh: '送达', en: 'deliver' },
    article: '第四十五条',
  },
  close: {
    name: 'close',
    from: ['delivered', 'abandoned', 'fee_unpaid', 'withdrawn', 'transferred'],
    to: 'closed',
    roles: ['system_admin', ...STAFF],
    label: { zh: '办结归档', en: 'close and archive' },
    article: '第四十五条',
  },
  withdraw: {
    name: 'withdraw',
    from: WITHDRAWABLE,
    to: 'withdrawn',
    roles: ['applicant', ...STAFF],
    label: { zh: '撤回申请', en: 'withdraw the application' },
    // The 条例 has no article on withdrawal; an application is the applicant's to withdraw before a
    // decision, and the annual report counts it as 其他处理 (row 3.3.6.3).
    article: '条例未作专门规定（计入“其他处理”）',
  },
  transfer: {
    name: 'transfer',
    from: ['registered'],
    to: 'transferred',
    roles: ['system_admin', 'unit_admin'],
    label: { zh: '转至负责公开的单位办理', en: 'transfer to the responsible unit' },
    // Art. 10: the organ that made (or holds) the information discloses it. Inside the site cluster an
    // application sent to the wrong unit is routed before it is handled; once handling has begun the
    // unit answers under Art. 36(5) instead.
    article: '第十条',
  },
};

/** The transitions a person with these roles could make from this state, for showing buttons. */
export function availableTransitions(status: CaseStatus, roles: readonly Role[]): Transition[] {
  return Object.values(TRANSITIONS).filter((t) => t.from.includes(status) && t.roles.some((r) => roles.includes(r)));
}

export function canRole(role: Role, transition: TransitionName): boolean {
  return TRANSITIONS[transition].roles.includes(role);
}
