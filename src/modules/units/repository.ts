/** Data access for units. Lists take the caller's scope (subtree prefixes) so filtering happens in SQL. */
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../core/db/index.ts';
import type { UnitsTable } from '../../core/db/schema.ts';
import { inScope } from '../../core/auth/policy.ts';

export type Unit = Selectable<UnitsTable>;

export interface UnitRow extends Unit {
  parent_code: string | null;
}

function base(db: DbOrTx) {
  return db.selectFrom('units as u').leftJoin('units as p', 'p.id', 'u.parent_id').selectAll('u').select('p.code as parent_code');
}

export async function listUnits(db: DbOrTx, opts: { scope?: string[]; activeOnly?: boolean; type?: string } = {}): Promise<UnitRow[]> {
  let q = base(db);
  if (opts.scope) q = q.where(inScope('u.path', opts.scope));
  if (opts.activeOnly) q = q.where('u.active', '=', true);
  if (opts.type) q = q.where('u.type', '=', opts.type);
  return q.orderBy('u.depth').orderBy('u.sort_order').orderBy('u.id').execute();
}

export const unitById = (db: DbOrTx, id: number) => base(db).where('u.id', '=', id).executeTakeFirst();
export const unitByCode = (db: DbOrTx, code: string) => base(db).where('u.code', '=', code).executeTakeFirst();
export const unitBySlug = (db: DbOrTx, slug: string) => base(db).where('u.slug', '=', slug).where('u.active', '=', true).executeTakeFirst();

export async function childrenOf(db: DbOrTx, id: number): Promise<Unit[]> {
  return db.selectFrom('units').selectAll().where('parent_id', '=', id).where('active', '=', true).orderBy('sort_order').orderBy('id').execute();
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
