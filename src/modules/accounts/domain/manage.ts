/**
 * Who may change whom. A user is managed — password, e-mail, name, disabled flag, role grants,
 * sign-in unlock, sessions, API tokens — only by someone who could have granted *everything* the
 * user holds: `user.manage` over the user's home unit and over the unit of every grant, plus
 * `role.grant.system_admin` there for a system_admin grant. Otherwise a unit administrator could
 * reset the password of a user homed in their unit who also holds a city-wide role, sign in as
 * them and hold that role (audit 2026-12-04, F1). Such users are managed by an administrator whose
 * scope covers all their grants.
 */
import { can, type Actor } from '../../../core/auth/policy.ts';

export interface ManagedUser {
  /** unit path of the user's home unit */
  homePath: string;
  grants: { role: string; unitPath: string }[];
}

/** May `actor` grant `role` on the unit at `unitPath`? */
export function canGrant(actor: Actor | null, role: string, unitPath: string): boolean {
  return can(actor, 'user.manage', unitPath) && (role !== 'system_admin' || can(actor, 'role.grant.system_admin', unitPath));
}

/** May `actor` change `user` (see the file comment)? */
export function canManageUser(actor: Actor | null, user: ManagedUser): boolean {
  return can(actor, 'user.manage', user.homePath) && user.grants.every((g) => canGrant(actor, g.role, g.unitPath));
}
