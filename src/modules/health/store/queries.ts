/** Reads for the pages and the API, filtered by the policy in SQL (unit subtree × role). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';

export interface SiteScoreRow { unit_id: number; code: string; name: string; path: string; run_id: number; as_of: string; points: number; verdict: string; vetoes: string[]; deductions: Record<string, number>; open: number }

/** Each unit's latest score in the scope (optionally one subtree), with its open findings. */
export async function latestScores(db: DbOrTx, scope: string[], subtree?: string): Promise<SiteScoreRow[]> {
  let q = db.selectFrom('units as u')
    .innerJoin('health_scores as s', (j) => j.onRef('s.unit_id', '=', 'u.id').on('s.id', '=', (eb) => eb.selectFrom('health_scores as t').select((e) => e.fn.max('t.id').as('m')).whereRef('t.unit_id', '=', 'u.id')))
    .where(inScope('u.path', scope))
    .select(['u.id as unit_id', 'u.code', 'u.name', 'u.path', 's.run_id', sql<string>`s.as_of::text`.as('as_of'), 's.points', 's.verdict', 's.vetoes', 's.deductions'])
    .select((eb) => eb.selectFrom('health_findings as f').whereRef('f.unit_id', '=', 'u.id').where('f.resolved_at', 'is', null).select(sql<number>`count(*)::int`.as('n')).as('open'));
  if (subtree) q = q.where('u.path', 'like', subtree.replace(/[%_\\]/g, '\\$&') + '%');
  const rows = await q.orderBy('u.path').execute();
  return rows.map((r) => ({ ...r, points: Number(r.points), open: Number(r.open ?? 0), deductions: (typeof r.deductions === 'string' ? JSON.parse(r.deductions) : r.deductions) as Record<string, number> }));
}

export async function scoreHistory(db: DbOrTx, unitId: number, limit = 20) {
  return db.selectFrom('health_scores').where('unit_id', '=', unitId).select(['run_id', sql<string>`as_of::text`.as('as_of'), 'points', 'verdict', 'vetoes']).orderBy('run_id', 'desc').limit(limit).execute();
}

export interface FindingRow { id: number; unit_id: number; unit_name: string; unit_path: string; kind: string; severity: string; subject_type: string; subject_id: number | null; detail: Record<string, unknown>; first_seen_at: Date; resolved_at: Date | null; order_id: number; state: string; assignee: string | null; note: string }

export async function findings(db: DbOrTx, o: { scope: string[]; subtree?: string; kind?: string; state?: string; open?: boolean; limit?: number; offset?: number }): Promise<FindingRow[]> {
  let q = db.selectFrom('health_findings as f').innerJoin('units as u', 'u.id', 'f.unit_id').innerJoin('health_orders as o', 'o.finding_id', 'f.id').leftJoin('users as us', 'us.id', 'o.assignee_id')
    .where(inScope('u.path', o.scope))
    .select(['f.id', 'f.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'f.kind', 'f.severity', 'f.subject_type', 'f.subject_id', 'f.detail', 'f.first_seen_at', 'f.resolved_at', 'o.id as order_id', 'o.state', 'us.username as assignee', 'o.note']);
  if (o.subtree) q = q.where('u.path', 'like', o.subtree.replace(/[%_\\]/g, '\\$&') + '%');
  if (o.kind) q = q.where('f.kind', '=', o.kind);
  if (o.state) q = q.where('o.state', '=', o.state);
  if (o.open !== false) q = q.where((eb) => eb.or([eb('f.resolved_at', 'is', null), eb('o.state', 'not in', ['verified', 'closed'])]));
  const rows = await q.orderBy(sql`case f.severity when 'veto' then 0 else 1 end`).orderBy('u.path').orderBy('f.id').limit(o.limit ?? 200).offset(o.offset ?? 0).execute();
  return rows.map((r) => ({ ...r, detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown> })) as FindingRow[];
}

export async function orderById(db: DbOrTx, id: number) {
  return db.selectFrom('health_orders as o').innerJoin('units as u', 'u.id', 'o.unit_id').select(['o.id', 'o.unit_id', 'u.path']).where('o.id', '=', id).executeTakeFirst();
}

/** People an order of the unit can be assigned to: active users of the unit's subtree. */
export async function assignees(db: DbOrTx, unitPath: string) {
  return db.selectFrom('users as us').innerJoin('units as u', 'u.id', 'us.unit_id').where('us.disabled', '=', false).where('u.path', 'like', unitPath.replace(/[%_\\]/g, '\\$&') + '%')
    .select(['us.id', 'us.username', 'us.display_name']).orderBy('us.username').limit(200).execute();
}
