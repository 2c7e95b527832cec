/**
 * Work orders (整改工单): every finding opens one for its unit — 待处理 → 已指派 → 已整改 → 已核验 → 已关闭.
 * 国办秘函〔2019〕19号 expects problems found in a check to be 整改 and reported back; work point 15 puts
 * the 管理主体责任 on each site's unit. A verification needs the latest run to no longer find the
 * problem (the checker is the evidence), or a written reason (a false positive).
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const STATES = ['open', 'assigned', 'fixed', 'verified', 'closed'] as const;
export type OrderState = (typeof STATES)[number];
export const STATE_NAMES: Record<OrderState, Msg> = {
  open: { zh: '待处理', en: 'Open' },
  assigned: { zh: '已指派', en: 'Assigned' },
  fixed: { zh: '已整改', en: 'Fixed' },
  verified: { zh: '已核验', en: 'Verified' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export type Step = 'assign' | 'fix' | 'verify' | 'reject' | 'close';
export const STEPS: Record<Step, { from: readonly OrderState[]; to: OrderState; action: string; label: Msg }> = {
  assign: { from: ['open', 'assigned'], to: 'assigned', action: 'health.assign', label: { zh: '指派', en: 'Assign' } },
  fix: { from: ['open', 'assigned'], to: 'fixed', action: 'health.fix', label: { zh: '标记已整改', en: 'Mark fixed' } },
  verify: { from: ['fixed'], to: 'verified', action: 'health.verify', label: { zh: '核验通过', en: 'Verify' } },
  reject: { from: ['fixed'], to: 'assigned', action: 'health.verify', label: { zh: '核验不通过，退回', en: 'Send back' } },
  close: { from: ['verified'], to: 'closed', action: 'health.verify', label: { zh: '关闭', en: 'Close' } },
};

/** Who may do what, on the unit's subtree (core/auth/policy.ts). */
export const RULES = {
  'health.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  'health.run': ['system_admin', 'unit_admin', 'supervisor'],
  'health.assign': ['system_admin', 'unit_admin', 'supervisor'],
  'health.fix': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'health.verify': ['system_admin', 'unit_admin', 'supervisor'],
  'health.configure': ['system_admin'],
} as const;

export type StepError = 'state' | 'still-found' | 'assignee' | 'note';

/**
 * Checks a step: `stillFound` — the latest run still reports the finding; verifying then needs a
 * note (why it is a false positive). Returns null when the step may go ahead.
 */
export function stepError(step: Step, state: OrderState, o: { stillFound: boolean; assignee?: string | null; note?: string }): StepError | null {
  const s = STEPS[step];
  if (!s.from.includes(state)) return 'state';
  if (step === 'assign' && !o.assignee) return 'assignee';
  if (step === 'reject' && !o.note?.trim()) return 'note';
  if (step === 'verify' && o.stillFound && !o.note?.trim()) return 'still-found';
  return null;
}

/** A finding seen again after its order was closed reopens it (the problem came back). */
export const reopenedState = (state: OrderState): OrderState | null => (state === 'closed' || state === 'verified' ? 'open' : null);
