/**
 * Who may do what with applications. The workflow steps take their roles from the domain table
 * (domain/states.ts TRANSITIONS): case handlers handle, reviewers and unit administrators approve
 * extensions and sign replies (条例 第三十三条第二款、第四十五条), supervisors read masked data only.
 */
import { defineRules, type Actor } from '../../core/auth/policy.ts';
import { can } from '../../core/auth/policy.ts';
import { isRole, type Role } from '../../core/auth/roles.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { TRANSITION_NAMES, TRANSITIONS, type Actor as DomainActor, type Role as DomainRole, type TransitionName } from './domain/index.ts';

const stepRules = Object.fromEntries(
  TRANSITION_NAMES.map((n) => [`request.step.${n}`, TRANSITIONS[n].roles.filter((r): r is Role => isRole(r))]),
) as Record<`request.step.${TransitionName}`, Role[]>;

defineRules({
  'request.view': ['system_admin', 'unit_admin', 'reviewer', 'case_handler', 'supervisor'],
  /** Enter applications, draft letters, record deliveries and appeals. */
  'request.handle': ['unit_admin', 'case_handler'],
  /** Sign replies and extension notices (审核). */
  'request.approve': ['unit_admin', 'reviewer'],
  'request.assign': ['unit_admin', 'case_handler'],
  /** Full identity numbers, phones and addresses: only the case's handler (see canViewPii). */
  'request.pii.view': ['unit_admin', 'case_handler'],
  'request.appeal': ['unit_admin', 'case_handler'],
  'request.inbox': ['system_admin', 'unit_admin'],
  /** 督办: a dated instruction to the handler and the unit administrator (条例 第四十七条). */
  'request.supervise': ['supervisor', 'system_admin'],
  ...stepRules,
});

/** The roles the actor holds on a unit (grants on the unit or an ancestor); the CLI and jobs hold every staff role. */
export function rolesAt(actor: Actor | null, unitPath: string): DomainRole[] {
  if (!actor) return ['system_admin', 'unit_admin', 'case_handler', 'reviewer'];
  return [...new Set(actor.grants.filter((g) => unitPath.startsWith(g.unitPath)).map((g) => g.role as DomainRole))];
}

export function domainActor(ctx: CommandContext, unitPath: string): DomainActor {
  return { id: ctx.actor ? String(ctx.actor.userId) : `system:${ctx.audit.name}`, roles: rolesAt(ctx.actor, unitPath) };
}

/**
 * Full personal data is shown to the case's handler: the assigned handler, or — before anyone is
 * assigned — any handler of the unit (someone has to register and contact the applicant).
 */
export function canViewPii(actor: Actor | null, c: { unit_path: string; handler_id: number | null }): boolean {
  if (!actor || !can(actor, 'request.pii.view', c.unit_path)) return false;
  return c.handler_id === null || c.handler_id === actor.userId;
}

/** Letters that answer the application are signed like the decision itself; notices by the handler. */
export function issueAction(kind: string): string {
  // signed by whoever approves the later date (条例 第三十三条第二款、第三十五条)
  if (kind === 'extension_notice' || kind === 'delay_notice') return 'request.approve';
  if (kind.startsWith('reply.')) {
    const key = kind.slice('reply.'.length);
    return ['correction_lapsed', 'fee_unpaid', 'withdrawn'].includes(key) ? 'request.handle' : 'request.approve';
  }
  return 'request.handle';
}
