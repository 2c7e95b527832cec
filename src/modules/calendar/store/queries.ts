/** Reads of the calendar tables (the override rows, the year records) and the counties they may be scoped to. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { placeName, type CountyOption } from '../domain/scope.ts';

export async function listOverrides(db: DbOrTx, o: { year?: number; limit?: number } = {}) {
  let q = db.selectFrom('calendar_overrides').selectAll();
  if (o.year) q = q.where('date', '>=', `${o.year}-01-01`).where('date', '<=', `${o.year}-12-31`);
  return q.orderBy('date', 'desc').orderBy('scope').limit(o.limit ?? 500).execute();
}

export type OverrideRow = Awaited<ReturnType<typeof listOverrides>>[number];

export async function overridesOn(db: DbOrTx, dates: string[], scope: string) {
  if (!dates.length) return [];
  return db.selectFrom('calendar_overrides').selectAll().where('scope', '=', scope).where('date', 'in', dates).execute();
}

export async function yearMarks(db: DbOrTx) {
  return db.selectFrom('calendar_years').selectAll().orderBy('year', 'desc').orderBy('scope').execute();
}

export type YearMarkRow = Awaited<ReturnType<typeof yearMarks>>[number];

/** Entries per year and scope, days off and make-up days apart (for the year status table). */
export async function entryCounts(db: DbOrTx): Promise<{ year: number; scope: string; off: number; work: number }[]> {
  const { rows } = await sql<{ year: number; scope: string; off: string; work: string }>`
    select extract(year from date)::int as year, scope,
           sum(case when is_workday then 0 else 1 end) as off, sum(case when is_workday then 1 else 0 end) as work
    from calendar_overrides group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => ({ year: Number(r.year), scope: r.scope, off: Number(r.off), work: Number(r.work) }));
}

/** County/district governments with a 统一社会信用代码 (its characters 3–8 are the division code). */
export async function countyOptions(db: DbOrTx): Promise<CountyOption[]> {
  const rows = await db.selectFrom('units').select(['code', 'name', 'short_name', 'path', 'sort_order', 'id'])
    .where('type', '=', 'county_government').where('active', '=', true).orderBy('sort_order').orderBy('id').execute();
  const out: CountyOption[] = [];
  for (const r of rows) {
    if (r.code.length !== 18 || !/^\d{6}$/.test(r.code.slice(2, 8))) continue;
    const code = r.code.slice(2, 8);
    if (!out.some((c) => c.code === code)) out.push({ code, place: placeName(r), path: r.path });
  }
  return out;
}

/** The path of the county government a 'county:<code>' scope belongs to (for authorization), or null. */
export async function countyPath(db: DbOrTx, code: string): Promise<string | null> {
  const u = await db.selectFrom('units').select('path').where('type', '=', 'county_government').where('code', 'like', `__${code}%`).orderBy('id').executeTakeFirst();
  return u?.path ?? null;
}
