/**
 * Tables 3 and 4 counted in SQL, for area summaries over hundreds of units (a city's 100 000 cases):
 * one GROUP BY per table instead of loading every case into JavaScript. It applies exactly the rules of
 * domain/compute.ts (annual-report.md "Counting rules and checks"; 条例 第五十条):
 *   3.1   received in the year                  3.2  received before it, not concluded before it
 *   3.3.* concluded in the year, by result row   3.4  received by 31 December, not concluded by then
 *   table 4: an outcome counts in the year it was decided; an appeal filed by 31 December and
 *   undecided then counts as 尚未审结 (filing date: filed, else the case's conclusion, else its receipt).
 * The cases are those requests/store/repository.ts `caseRecordsForReport` gives: received (第三十一条 date
 * set), not transferred to another unit (the receiving unit counts it).
 * The per-case path (computeReport) stays the reference and gives the drill-down; a test and the
 * benchmark check that both paths give the same figures for every unit.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { AnnualReport, Table4GroupCode } from '../domain/types.ts';
import { APPLICANT_COLUMNS, formatForYear, resultRowCodes, TABLE4_GROUPS, TABLE4_OUTCOMES } from '../domain/formats.ts';
import { emptyTables34 } from '../domain/shape.ts';
import { resultRow, type ResultCode } from '../domain/compute.ts';

export type Tables34 = Pick<AnnualReport, 'table3' | 'table4'>;

/** unit id → tables 3 and 4 of the year (every unit given gets an entry, zeros when it has no cases). */
export async function countTables34(db: DbOrTx, unitIds: number[], year: number): Promise<Map<number, Tables34>> {
  const out = new Map<number, Tables34>();
  const f = formatForYear(year);
  for (const id of unitIds) out.set(id, emptyTables34(f));
  if (!unitIds.length) return out;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const units = sql.join(unitIds);

  // One pass over the cases for table 3: the flow columns (3.1, 3.2, 3.4) per unit and category, and
  // the result row of the cases concluded in the year. Cases concluded before the year count nowhere
  // (unless received in it — a data error the per-case path also counts in 3.1), so they are skipped.
  // The groups come back as one JSON text per unit: parsing 500 strings is far cheaper in Node than
  // tens of thousands of rows through the driver.
  const [flow, appeals] = await Promise.all([
    sql<{ unit_id: number; g: string }>`
      select unit_id, json_agg(json_build_array(category, result_row, r31, r32, r34, n))::text as g from (
        select unit_id, category,
          case when concluded_on between ${start} and ${end} then result_row end as result_row,
          count(*) filter (where received_on >= ${start})::int as r31,
          count(*) filter (where received_on < ${start} and (concluded_on is null or concluded_on >= ${start}))::int as r32,
          count(*) filter (where concluded_on is null or concluded_on > ${end})::int as r34,
          count(*) filter (where concluded_on between ${start} and ${end} and result_row is not null)::int as n
        from request_cases
        where unit_id in (${units}) and received_on <= ${end} and transferred_to is null
          and (concluded_on is null or concluded_on >= ${start} or received_on >= ${start})
        group by 1, 2, 3) s
      group by unit_id`.execute(db),
    sql<{ unit_id: number; kind: string; cell: string | null; n: number }>`
      select c.unit_id, a.kind,
        case
          when a.outcome <> 'pending' and a.decided_on between ${start} and ${end} then a.outcome
          when coalesce(a.filed_on, c.concluded_on, c.received_on) <= ${end} and (a.outcome = 'pending' or a.decided_on > ${end}) then 'pending'
        end as cell,
        count(*)::int as n
      from request_appeals a
      -- driven from the (few) appeals, one index probe per appeal; 'offset 0' keeps the planner from
      -- turning this into a scan of every case
      cross join lateral (
        select unit_id, concluded_on, received_on from request_cases c
        where c.id = a.case_id and c.unit_id in (${units}) and c.received_on is not null and c.transferred_to is null
        offset 0) c
      where a.kind in (${sql.join([...TABLE4_GROUPS])}) and a.outcome in (${sql.join([...TABLE4_OUTCOMES])})
        and (a.outcome = 'pending' or a.decided_on >= ${start})
      group by 1, 2, 3`.execute(db),
  ]);

  type Col = (typeof APPLICANT_COLUMNS)[number];
  const bump = (t: Tables34, row: string, col: Col, n: number) => {
    t.table3[row][col] += n;
    t.table3[row].total += n;
  };
  const valid = new Set(resultRowCodes(f));
  const categories = new Set<string>(APPLICANT_COLUMNS);
  for (const u of flow.rows) {
    const t = out.get(u.unit_id)!;
    for (const [category, result, r31, r32, r34, n] of JSON.parse(u.g) as [string, string | null, number, number, number, number][]) {
      if (!categories.has(category)) continue; // an unknown category is not counted in table 3 (the per-case path warns)
      const col = category as Col;
      bump(t, '3.1', col, r31);
      bump(t, '3.2', col, r32);
      bump(t, '3.4', col, r34);
      if (!result || !n) continue;
      const row = resultRow(result as ResultCode, f.id);
      if (!valid.has(row)) continue; // the per-case path warns about it; neither counts it in 3.3
      bump(t, row, col, n);
      bump(t, '3.3.7', col, n);
    }
  }
  for (const r of appeals.rows) {
    if (!r.cell) continue;
    const g = out.get(r.unit_id)!.table4[r.kind as Table4GroupCode];
    g[r.cell as (typeof TABLE4_OUTCOMES)[number]] += r.n;
    g.total += r.n;
  }
  return out;
}
