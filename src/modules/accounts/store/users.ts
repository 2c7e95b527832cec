/**
 * Reads of users and their grants. `manageableBy` is domain/manage.ts's rule as SQL, so lists show
 * the 编辑 link and the token overview only for users the actor may change (filtered in the query).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope, scopePaths, type Actor } from '../../../core/auth/policy.ts';
import type { ManagedUser } from '../domain/manage.ts';

export interface UserGrant {
  role: string;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unitPath: string;
}

export interface UserRecord extends ManagedUser {
  id: number;
  username: string;
  display_name: string;
  email: string | null;
  disabled: boolean;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  grants: UserGrant[];
}

export async function grantsOf(db: DbOrTx, userId: number): Promise<UserGrant[]> {
  const rows = await db.selectFrom('role_assignments as r').innerJoin('units as n', 'n.id', 'r.unit_id')
    .select(['r.role', 'r.unit_id', 'n.code as unit_code', 'n.short_name as unit_name', 'n.path'])
    .where('r.user_id', '=', userId).orderBy('n.path').orderBy('r.role').execute();
  return rows.map(({ path, ...g }) => ({ ...g, unitPath: path }));
}

/** A user with home unit and every grant (with unit paths), or undefined. */
export async function userRecord(db: DbOrTx, id: number): Promise<UserRecord | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
  const u = await db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.disabled', 'u.unit_id', 'n.code as unit_code', 'n.name as unit_name', 'n.path'])
    .where('u.id', '=', id).executeTakeFirst();
  if (!u) return undefined;
  const { path, ...rest } = u;
  return { ...rest, homePath: path, grants: await grantsOf(db, id) };
}

/** Grants as the audit log records them (user.grants.change). */
export const auditGrants = (gs: { role: string; unit_id: number; unit_code: string }[]) =>
  gs.map((g) => ({ role: g.role, unit_id: g.unit_id, unit_code: g.unit_code })).sort((a, b) => a.unit_id - b.unit_id || a.role.localeCompare(b.role));

/**
 * SQL: the user (`users as u` joined to its home unit `n`) may be changed by `actor` — home unit in
 * the actor's user.manage scope and no grant outside it (nor a system_admin grant outside the
 * actor's role.grant.system_admin scope).
 */
export function manageableBy(actor: Actor | null, userId = 'u.id', homePath = 'n.path'): Expression<SqlBool> {
  const manage = scopePaths(actor, 'user.manage');
  if (!manage.length) return sql<SqlBool>`false`;
  const sys = scopePaths(actor, 'role.grant.system_admin');
  return sql<SqlBool>`(${inScope(homePath, manage)} and not exists (
    select 1 from role_assignments gr join units gn on gn.id = gr.unit_id
    where gr.user_id = ${sql.ref(userId)}
      and (not ${inScope('gn.path', manage)} or (gr.role = 'system_admin' and not ${inScope('gn.path', sys)}))))`;
}
