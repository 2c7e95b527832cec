/** Data access for units. Lists take the caller's scope (subtree prefixes) so filtering happens in SQL. */
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { UnitsTable } from '../../../core/db/schema.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { treeOrder } from '../domain/tree.ts';

export type Unit = Selectable<UnitsTable>;

export interface UnitRow extends Unit {
  parent_code: string | null;
}

/** A row of a unit list, with its level in that list (0 = a tree's top) for indentation in tree order. */
export interface UnitListRow extends UnitRow {
  level: number;
}

function base(db: DbOrTx) {
  return db.selectFrom('units as u').leftJoin('units as p', 'p.id', 'u.parent_id').selectAll('u').select('p.code as parent_code');
}

/** Units in tree order (each right after its parent), with `level` for indentation. */
export async function listUnits(db: DbOrTx, opts: { scope?: string[]; activeOnly?: boolean; type?: string } = {}): Promise<UnitListRow[]> {
  let q = base(db);
  if (opts.scope) q = q.where(inScope('u.path', opts.scope));
  if (opts.activeOnly) q = q.where('u.active', '=', true);
  if (opts.type) q = q.where('u.type', '=', opts.type);
  return treeOrder(await q.execute());
}

export const unitById = (db: DbOrTx, id: number) => base(db).where('u.id', '=', id).executeTakeFirst();
export const unitByCode = (db: DbOrTx, code: string) => base(db).where('u.code', '=', code).executeTakeFirst();

/**
 * The unit at /u/<slug>/. Active units only, unless `includeInactive`: the portal pages of a
 * deactivated or merged unit stay reachable because its published documents and reports remain
 * public under it (条例 第十条: the organ that made the information is the one that disclosed it).
 */
export const unitBySlug = (db: DbOrTx, slug: string, opts: { includeInactive?: boolean } = {}) => {
  const q = base(db).where('u.slug', '=', slug);
  return (opts.includeInactive ? q : q.where('u.active', '=', true)).executeTakeFirst();
};

/**
 * A unit named by an API client: its 统一社会信用代码 (code) or its site slug, whichever is given — the
 * documents API historically took codes and search took slugs; both take either (codes and slugs cannot
 * collide: a code is 18 upper-case alphanumerics, a slug lower-case).
 */
export async function unitByRef(db: DbOrTx, ref: string): Promise<Unit | undefined> {
  return (await unitByCode(db, ref)) ?? (await base(db).where('u.slug', '=', ref).executeTakeFirst());
}

/**
 * A unit named by an operator (CLI argument, --parent, --into, --unit): its code in any case or its
 * site slug. Codes are stored upper-case; slugs lower-case, so the two never collide.
 */
export async function unitByCodeOrSlug(db: DbOrTx, ref: string): Promise<Unit | undefined> {
  const r = ref.trim();
  if (!r) return undefined;
  return (await unitByCode(db, r.toUpperCase())) ?? (await base(db).where('u.slug', '=', r).executeTakeFirst());
}

export async function childrenOf(db: DbOrTx, id: number): Promise<Unit[]> {
  return db.selectFrom('units').selectAll().where('parent_id', '=', id).where('active', '=', true).orderBy('sort_order').orderBy('id').execute();
}

/** Units merged into this one (their history now sits under it). */
export async function mergedInto(db: DbOrTx, id: number): Promise<Unit[]> {
  return db.selectFrom('units').selectAll().where('merged_into_id', '=', id).orderBy('deactivated_on').orderBy('id').execute();
}

/** The unit and its ancestors, root first (for breadcrumbs). */
export async function ancestry(db: DbOrTx, u: Unit): Promise<Unit[]> {
  const ids = u.path.split('/').filter(Boolean).map(Number);
  const rows = await db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
}

export async function rootUnit(db: DbOrTx): Promise<Unit | undefined> {
  return db.selectFrom('units').selectAll().where('parent_id', 'is', null).orderBy('id').limit(1).executeTakeFirst();
}

/**
 * SQL condition: the unit (columns under `alias`) existed in `year` — active, or deactivated during or
 * after that year. A unit deactivated (or merged) in 2026 still owes its 2026 report and still counts
 * in its government's 2026 summary; from 2027 on it leaves the required-report lists.
 */
export function existedIn(year: number, alias = 'units'): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.active`)} or extract(year from ${sql.ref(`${alias}.deactivated_on`)}) >= ${year})`;
}
