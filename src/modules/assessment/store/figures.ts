/**
 * The assessment's counts, for every unit in scope at once: one aggregate query per source table
 * (documents, 解读 links, request cases, appeals, messages, consultations, annual reports, columns,
 * training), each grouped by unit and month, so the whole city costs a handful of queries whatever
 * its size (bench/assessment.ts). The rates and the score are computed from these in domain/.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { COLUMN_TYPES } from '../../documents/domain/taxonomy.ts';
import { reportDeadline } from '../../reports/domain/deadlines.ts';
import { participationRows } from '../../reports/store/participation.ts';
import { emptyFigures, type Figures, type IndicatorKey } from '../domain/indicators.ts';

export interface UnitFigures { id: number; name: string; short_name: string; path: string; type: string; parent_id: number | null; figures: Figures; months: Figures[] }

type Row = { unit_id: number; m: number | null; num: number | string; den: number | string };

/** Unit types that publish a government's report (条例 第四十九条: by 31 March); the others are departments (31 January). */
const GOVERNMENT_TYPES = new Set(['city_government', 'county_government']);
const days = (code: string) => COLUMN_TYPES.find((c) => c.code === code)!.freshnessDays!;

export async function unitFigures(db: DbOrTx, o: { year: number; ref: string; scope: string[] }): Promise<UnitFigures[]> {
  const from = `${o.year}-01-01`;
  const to = `${o.year}-12-31`;
  const ref = sql`cast(${o.ref} as date)`;
  const scope: Expression<SqlBool> = inScope('u.path', o.scope);
  const units = await db.selectFrom('units as u').select(['u.id', 'u.name', 'u.short_name', 'u.path', 'u.type', 'u.parent_id']).where('u.active', '=', true).where(scope).orderBy('u.path').execute();
  const byId = new Map<number, UnitFigures>(units.map((u) => [u.id, { ...u, figures: emptyFigures(), months: Array.from({ length: 12 }, emptyFigures) }]));
  const put = (key: IndicatorKey, rows: Row[]) => {
    for (const r of rows) {
      const u = byId.get(r.unit_id);
      if (!u) continue;
      const num = Number(r.num);
      const den = Number(r.den);
      u.figures[key].num += num;
      u.figures[key].den += den;
      if (r.m !== null && r.m >= 1 && r.m <= 12) { u.months[r.m - 1][key].num += num; u.months[r.m - 1][key].den += den; }
    }
  };
  const run = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Row[];

  // documents published in the year: on time (stored at publication, store/deadlines.ts) and policies with a published 解读
  const docs = (await sql`
    select d.unit_id, extract(month from d.publish_date)::int as m,
      count(*) filter (where d.timeliness_workdays is not null) as den_t,
      count(*) filter (where d.timeliness_workdays is not null and d.timeliness_art26_overdue is not true and d.timeliness_policy_overdue is not true) as num_t,
      count(*) filter (where d.legal_form <> 'none' and d.interprets_id is null) as den_p,
      count(*) filter (where d.legal_form <> 'none' and d.interprets_id is null and exists (select 1 from documents i where i.interprets_id = d.id and i.status = 'published')) as num_p
    from documents d join units u on u.id = d.unit_id
    where d.status = 'published' and d.disclosure = 'proactive' and d.publish_date between ${from} and ${to} and ${scope}
    group by 1, 2`.execute(db)).rows as { unit_id: number; m: number; den_t: string; num_t: string; den_p: string; num_p: string }[];
  put('docs_on_time', docs.map((r) => ({ unit_id: r.unit_id, m: r.m, num: r.num_t, den: r.den_t })));
  put('interpretation', docs.map((r) => ({ unit_id: r.unit_id, m: r.m, num: r.num_p, den: r.den_p })));

  // requests concluded in the year, and open ones whose due date passed before the reference day
  put('requests_on_time', await run(sql`
    select c.unit_id, extract(month from coalesce(c.concluded_on, c.due_on))::int as m, count(*) as den,
      count(*) filter (where c.concluded_on is not null and c.concluded_on <= c.due_on) as num
    from request_cases c join units u on u.id = c.unit_id
    where c.due_on is not null and ${scope}
      and ((c.concluded_on between ${from} and ${to}) or (c.concluded_on is null and c.due_on >= ${from} and c.due_on < ${ref}))
    group by 1, 2`));

  // appeals (复议, 诉讼) decided in the year; 'corrected' = the organ lost (被纠错)
  put('appeals', await run(sql`
    select c.unit_id, extract(month from a.decided_on)::int as m, count(*) as den, count(*) filter (where a.outcome <> 'corrected') as num
    from request_appeals a join request_cases c on c.id = a.case_id join units u on u.id = c.unit_id
    where a.outcome <> 'pending' and a.decided_on between ${from} and ${to} and ${scope}
    group by 1, 2`));

  // messages and consultations: the shared participation query (reports/store/participation.ts), so the
  // annual report's narrative and /admin/messages show the same figures
  const part = await participationRows(db, { year: o.year, ref: o.ref, scope: o.scope });
  for (const key of ['messages_on_time', 'messages_answered', 'consultation_feedback'] as const) put(key, part.filter((r) => r.key === key));

  // columns due for updates (国办秘函〔2019〕19号): 动态要闻 at any level, first-level 通知公告 and 政策文件
  put('freshness', await run(sql`
    with latest as (
      select dc.column_id, max(d.publish_date) as d
      from document_columns dc join documents d on d.id = dc.document_id
      where d.status = 'published' and d.publish_date <= ${ref}
      group by dc.column_id)
    select col.unit_id, extract(month from ${ref})::int as m, count(*) as den,
      count(*) filter (where l.d is not null and ${ref} - l.d <= case when col.column_type = 'news' then cast(${days('news')} as integer) else cast(${days('notice')} as integer) end) as num
    from doc_columns col join units u on u.id = col.unit_id left join latest l on l.column_id = col.id
    where col.enabled and (col.column_type = 'news' or (col.column_type in ('notice', 'policy') and col.parent_id is null)) and ${scope}
    group by 1, 2`));

  // annual report on the previous year, published by the statutory date of this year
  const reports = (await sql`
    select r.unit_id, min(r.published_on)::text as published_on
    from annual_reports r join units u on u.id = r.unit_id
    where r.year = ${o.year - 1} and r.status = 'published' and r.published_on is not null and ${scope}
    group by 1`.execute(db)).rows as { unit_id: number; published_on: string }[];
  const published = new Map(reports.map((r) => [r.unit_id, r.published_on]));
  for (const u of byId.values()) {
    const due = reportDeadline(GOVERNMENT_TYPES.has(u.type) ? 'government' : 'department', o.year - 1);
    const on = published.get(u.id);
    if (on === undefined && o.ref <= due) continue; // not due yet: does not count
    put('report_on_time', [{ unit_id: u.id, m: Number(due.slice(5, 7)), num: on !== undefined && on <= due ? 1 : 0, den: 1 }]);
  }

  // training: person-hours attended by each unit's staff (den: the unit, so a county sums its units)
  const hours = await run(sql`
    select a.unit_id, extract(month from t.held_on)::int as m, coalesce(sum(t.hours), 0) as num, 0 as den
    from training_attendance a join trainings t on t.id = a.training_id join units u on u.id = a.unit_id
    where t.held_on between ${from} and ${to} and ${scope}
    group by 1, 2`);
  put('training', hours);
  for (const u of byId.values()) u.figures.training.den = 1;
  return [...byId.values()];
}
