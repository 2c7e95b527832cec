/**
 * The one declarative policy layer. A rule says which roles may perform an action; a role is
 * granted on a unit and reaches that unit's whole subtree (unit paths are materialised as
 * '/1/5/9/'). The same rules answer three questions:
 *   - routes:  `can(actor, action, unitPath)` → allow or 403/404
 *   - lists:   `scopePaths(actor, action)` → the subtree prefixes a SQL `where path like …` keeps
 *   - views:   `actor.can(action, unitPath)` decides which buttons are shown
 * Modules contribute their rules to RULES below; an action without a rule is denied.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from './roles.ts';

export type Rule = readonly Role[];

export const RULES: Record<string, Rule> = {
  // admin console
  'admin.enter': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  // units (site cluster and the 备案 registry of work points 21–22)
  'unit.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  'unit.create': ['system_admin', 'unit_admin'],
  'unit.update': ['system_admin', 'unit_admin'],
  'unit.registry.update': ['system_admin', 'unit_admin'],
  // accounts
  'user.view': ['system_admin', 'unit_admin', 'supervisor'],
  'user.manage': ['system_admin', 'unit_admin'],
  'role.grant.system_admin': ['system_admin'],
  // oversight
  'audit.view': ['system_admin', 'unit_admin', 'supervisor'],
  'settings.manage': ['system_admin'],
};

/** Modules add their rules at import time through this (keeps a module's rules beside its code). */
export function defineRules(rules: Record<string, Rule>): void {
  for (const [k, v] of Object.entries(rules)) {
    if (RULES[k] && RULES[k].join() !== v.join()) throw new Error(`policy rule ${k} defined twice differently`);
    RULES[k] = v;
  }
}

export interface Grant {
  role: Role;
  unitId: number;
  unitPath: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  grants: Grant[];
}

export function can(actor: Actor | null, action: string, unitPath: string | null = null): boolean {
  if (!actor) return false;
  const rule = RULES[action];
  if (!rule) return false;
  return actor.grants.some((g) => rule.includes(g.role) && (unitPath === null || unitPath.startsWith(g.unitPath)));
}

/** The subtree prefixes in which `actor` may do `action`; [] means nowhere. Nested prefixes are merged. */
export function scopePaths(actor: Actor | null, action: string): string[] {
  if (!actor) return [];
  const rule = RULES[action];
  if (!rule) return [];
  const paths = [...new Set(actor.grants.filter((g) => rule.includes(g.role)).map((g) => g.unitPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** SQL condition: `column` (a unit path) lies within the actor's scope for `action`. */
export function inScope(column: Expression<string> | string, paths: string[]): Expression<SqlBool> {
  if (!paths.length) return sql<SqlBool>`false`;
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`(${sql.join(paths.map((p) => sql`${col} like ${p.replace(/[%_\\]/g, '\\$&') + '%'}`), sql` or `)})`;
}

/** Roles a user holds anywhere (for menus). */
export function rolesOf(actor: Actor | null): Set<Role> {
  return new Set(actor?.grants.map((g) => g.role) ?? []);
}
