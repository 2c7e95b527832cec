/**
 * The audit list, filtered by the policy in SQL and fast on a million rows (see README: plans).
 *
 *  - Scope: the units a user may audit (`audit.view`, unit subtree × role). When the scope is every
 *    unit there is no unit condition at all; otherwise the query runs once per unit id
 *    (`unnest(ids) cross join lateral (… where unit_id = u.id … order by id desc limit n)`), so each
 *    unit is read newest-first from (unit_id, id) and a quiet unit never makes PostgreSQL walk the
 *    whole log (a `join units … path like` lets the planner guess wrong and scan 1 M rows).
 *  - Dates: turned into an id range through (at, id) — recordAudit keeps `at` non-decreasing along
 *    the chain — so an old month is an index range, not a scan from the newest row backwards.
 *    An actor or subject filter is more selective than any unit: then a plain filter on unit ids.
 *  - Kinds: the list of their codes (catalogue + codes present in the log), matched by (action, id).
 *  - Paging: keyset on id (`before` = older, `after` = newer); no total count over a million rows.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../core/db/index.ts';
import { codesOfKind, kindOf, type KindKey } from '../domain/catalogue.ts';

export interface AuditFilter {
  unitId?: number;
  /** with the unit's subtree (default) */
  sub: boolean;
  /** an account id, or 'system' for events without one (system, scheduler, command line, public) */
  actor?: number | 'system';
  kind?: KindKey;
  action?: string;
  hideSignins: boolean;
  /** Asia/Shanghai calendar days, inclusive */
  from?: string;
  to?: string;
  /** one object's history: its own rows and those of objects belonging to it (a case's letters) */
  subjects?: { type: string; ids: string[] }[];
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  unit_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  summary: unknown;
  ip: string | null;
}

export interface UnitScope {
  /** no unit condition needed: the scope is every unit */
  all: boolean;
  ids: number[];
  /** rows without a unit (system events, sign-in failures of unknown names): whole-cluster auditors only */
  includeNull: boolean;
}

export interface ScopeUnit {
  id: number;
  path: string;
  name: string;
  short_name: string;
  depth: number;
}

export async function unitsInScope(db: Db, scope: string[]): Promise<{ units: ScopeUnit[]; total: number }> {
  const all = await db.selectFrom('units').select(['id', 'path', 'name', 'short_name', 'depth']).orderBy('path').execute();
  return { units: all.filter((u) => scope.some((p) => u.path.startsWith(p))), total: all.length };
}

/** Which units' rows a filter reads, within the scope. `null` = the asked unit is outside the scope. */
export function unitScope(scope: string[], inScope: { units: ScopeUnit[]; total: number }, f: Pick<AuditFilter, 'unitId' | 'sub'>): UnitScope | null {
  if (f.unitId !== undefined) {
    const target = inScope.units.find((u) => u.id === f.unitId);
    if (!target) return null;
    const ids = f.sub ? inScope.units.filter((u) => u.path.startsWith(target.path)).map((u) => u.id) : [target.id];
    return { all: false, ids, includeNull: false };
  }
  const includeNull = scope.some((p) => p.split('/').filter(Boolean).length === 1);
  return { all: inScope.units.length === inScope.total, ids: inScope.units.map((u) => u.id), includeNull };
}

let actionCache: { at: number; db: Db; codes: string[] } | null = null;

/** The distinct codes in the log (a loose index scan over (action, id): ~100 probes), cached a minute. */
export async function actionsInLog(db: Db): Promise<string[]> {
  if (actionCache && actionCache.db === db && Date.now() - actionCache.at < 60_000) return actionCache.codes;
  const { rows } = await sql<{ action: string }>`
    with recursive t(action) as (
      (select action from audit_log order by action limit 1)
      union all
      select (select a.action from audit_log a where a.action > t.action order by a.action limit 1) from t where t.action is not null
    )
    select action from t where action is not null`.execute(db);
  actionCache = { at: Date.now(), db, codes: rows.map((r) => r.action) };
  return actionCache.codes;
}

/** Start of a Shanghai calendar day (UTC+8, no DST) as an instant. */
export const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDay = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

/** The id range holding the dates; null when no row falls in it. */
async function idRange(db: Db, from?: string, to?: string): Promise<{ lo: number; hi: number } | null> {
  let lo = 0;
  let hi = Number.MAX_SAFE_INTEGER;
  if (from) {
    const r = await db.selectFrom('audit_log').select('id').where('at', '>=', dayStart(from)).orderBy('at').orderBy('id').limit(1).executeTakeFirst();
    if (!r) return null;
    lo = Number(r.id);
  }
  if (to) {
    const r = await db.selectFrom('audit_log').select('id').where('at', '<', nextDay(to)).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!r) return null;
    hi = Number(r.id);
  }
  return lo <= hi ? { lo, hi } : null;
}

const COLS = sql`a.id, a.at, a.actor_id, a.actor_name, a.unit_id, a.action, a.subject_type, a.subject_id, a.summary, a.ip`;

export interface Page {
  before?: number;
  after?: number;
  limit: number;
}

/** Conditions every branch of the query shares (never the unit: that is how branches differ). */
async function conditions(db: Db, f: AuditFilter, page: Page): Promise<RawBuilder<unknown>[] | null> {
  const c: RawBuilder<unknown>[] = [];
  if (f.actor === 'system') c.push(sql`a.actor_id is null`);
  else if (f.actor !== undefined) c.push(sql`a.actor_id = ${f.actor}`);
  if (f.action) c.push(sql`a.action = ${f.action}`);
  else if (f.kind) {
    const codes = [...new Set([...codesOfKind(f.kind), ...(await actionsInLog(db)).filter((a) => kindOf(a) === f.kind)])];
    c.push(sql`a.action = any(${codes}::text[])`);
  }
  if (f.hideSignins && f.kind !== 'signin' && !f.action) c.push(sql`a.action <> all(${codesOfKind('signin')}::text[])`);
  if (f.from || f.to) {
    const r = await idRange(db, f.from, f.to);
    if (!r) return null;
    c.push(sql`a.id between ${r.lo} and ${r.hi}`);
    if (f.from) c.push(sql`a.at >= ${dayStart(f.from)}`);
    if (f.to) c.push(sql`a.at < ${nextDay(f.to)}`);
  }
  if (f.subjects?.length) {
    c.push(sql`(${sql.join(f.subjects.map((s) => sql`(a.subject_type = ${s.type} and a.subject_id = any(${s.ids}::text[]))`), sql` or `)})`);
  }
  if (page.before !== undefined) c.push(sql`a.id < ${page.before}`);
  if (page.after !== undefined) c.push(sql`a.id > ${page.after}`);
  return c;
}

/** One page of rows, newest first. `after` reads the page just newer than that id. */
export async function listAudit(db: Db, units: UnitScope, f: AuditFilter, page: Page): Promise<AuditRow[]> {
  if (!units.all && !units.ids.length && !units.includeNull) return [];
  const conds = await conditions(db, f, page);
  if (!conds) return [];
  const where = (extra: RawBuilder<unknown>[]) => {
    const all = [...extra, ...conds];
    return all.length ? sql`where ${sql.join(all, sql` and `)}` : sql``;
  };
  const dir = page.after !== undefined ? sql`asc` : sql`desc`;
  const n = page.limit;
  let q: RawBuilder<AuditRow>;
  if (units.all) {
    q = sql<AuditRow>`select ${COLS} from audit_log a ${where(units.includeNull ? [] : [sql`a.unit_id is not null`])} order by a.id ${dir} limit ${n}`;
  } else if (f.subjects?.length || f.actor !== undefined) {
    // one object's or one account's rows are few and have their own index: a plain filter is enough
    const unit = units.includeNull ? sql`(a.unit_id = any(${units.ids}::int[]) or a.unit_id is null)` : sql`a.unit_id = any(${units.ids}::int[])`;
    q = sql<AuditRow>`select ${COLS} from audit_log a ${where([unit])} order by a.id ${dir} limit ${n}`;
  } else {
    // ids first (an index-only read of (unit_id, id) when no other filter), then the page's rows
    const perUnit = sql`select x.id from unnest(${units.ids}::int[]) u(id)
      cross join lateral (select a.id from audit_log a ${where([sql`a.unit_id = u.id`])} order by a.id ${dir} limit ${n}) x`;
    const nulls = sql`select y.id from (select a.id from audit_log a ${where([sql`a.unit_id is null`])} order by a.id ${dir} limit ${n}) y`;
    const ids = sql`select z.id from (${perUnit}${units.includeNull ? sql` union all ${nulls}` : sql``}) z order by z.id ${dir} limit ${n}`;
    q = sql<AuditRow>`select ${COLS} from audit_log a where a.id in (${ids}) order by a.id ${dir}`;
  }
  const rows = (await q.execute(db)).rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) }));
  return page.after !== undefined ? rows.reverse() : rows;
}
