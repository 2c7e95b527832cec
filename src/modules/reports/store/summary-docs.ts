/**
 * Table 2's documents for an area summary (#15 item 3): the same records `normativeDocsFor` gives,
 * but a document without validity events up to 31 December is read as part of a group, not a row.
 * What table 2 counts of such a document depends only on where its dates fall against the year
 * (before it, in it, after it), its kind and its 有效性 — so the database counts the documents per
 * (unit, kind, those three places, 有效性) and this module hands computeTable2 one record per
 * group that stands for its documents (`count`), dated at a representative day of each place. A city's 20,000 规章/规范性文件 are
 * ~100 groups instead of 20,000 rows through the driver (the summary's slowest query: ~90 ms → a
 * few); since migration 1176 the groups' counts are kept at write time (store/policy-counts.ts), so a
 * view reads those few hundred counter rows, not the documents. Documents with validity events are read one by one, as before. The records carry no real id:
 * a summary has no drill-down (its parts' figures only).
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { NormativeDocRecord } from '../domain/compute.ts';
import { normativeDocsFor, VALIDITY_OF, type ReportUnit } from './sources.ts';

type Place = 'b' | 'i' | 'a';
interface Group { unit_id: number; legal_form: string; issued: Place; published: Place | null; validity: string | null; changed: Place | null }

export async function normativeDocsForSummary(db: DbOrTx, units: ReportUnit[], year: number): Promise<NormativeDocRecord[]> {
  if (!units.length) return [];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const ids = sql.join(units.map((u) => u.id));
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const yearPlace = (col: string) => sql`case when ${sql.ref(col)} = 0 then null when ${sql.ref(col)} < ${year} then 'b' when ${sql.ref(col)} = ${year} then 'i' else 'a' end`;
  const place = (col: string) => `case when ${col} is null then null when ${col} < '${start}' then 'b' when ${col} <= '${end}' then 'i' else 'a' end`;
  const key = sql.raw(`unit_id, legal_form, ${place('coalesce(written_date, publish_date)')} as issued, ${place('publish_date')} as published, validity,
    ${place(`case validity when 'expired' then expiry_date when 'not_yet_effective' then coalesce(written_date, publish_date) else changed_date end`)} as changed`);
  const scope = sql`unit_id in (${ids}) and legal_form in ('regulation', 'normative') and status = 'published' and coalesce(written_date, publish_date) <= ${end}`;
  // every document in its group, then the (few) documents with events taken out of theirs: cheaper
  // than an anti-join per document
  const [withEvents, groups] = await Promise.all([
    sql<Group & { id: number }>`select d.id, ${key} from documents d
      where ${scope} and d.id in (select e.document_id from validity_events e where e.date <= ${end})`.execute(db),
    // the groups from the counts a trigger keeps (store/policy-counts.ts): a date's place against the
    // year is its year's (before 1 January ⇔ an earlier year; up to 31 December ⇔ at most this year)
    sql<Group & { n: number }>`select unit_id, legal_form, ${yearPlace('issued_year')} as issued, ${yearPlace('published_year')} as published,
        nullif(validity, '') as validity, ${yearPlace('changed_year')} as changed, sum(n)::int as n
      from document_policy_counts where unit_id in (${ids}) and issued_year between 1 and ${year} and n > 0
      group by 1, 2, 3, 4, 5, 6`.execute(db),
  ]);
  const keyOf = (g: Group) => `${g.unit_id}|${g.legal_form}|${g.issued}|${g.published}|${g.validity}|${g.changed}`;
  const eventful = new Map<string, number>();
  for (const r of withEvents.rows) eventful.set(keyOf(r), (eventful.get(keyOf(r)) ?? 0) + 1);
  const day: Record<Place, string> = { b: `${year - 1}-07-01`, i: `${year}-07-01`, a: `${year + 1}-07-01` };
  const out: NormativeDocRecord[] = [];
  for (const g of groups.rows) {
    const issued = day[g.issued];
    // as normativeDocsFor: a document without events says its 有效性 now, dated by the column that carries it
    const when = g.changed ? day[g.changed] : null;
    const events = g.validity && g.validity !== 'effective' && when && when <= end && VALIDITY_OF[g.validity] ? [{ date: when, validity: VALIDITY_OF[g.validity] }] : [];
    const unit = codeOf.get(g.unit_id)!;
    const kind = g.legal_form === 'regulation' ? 'regulation' : 'normative';
    const n = g.n - (eventful.get(keyOf(g)) ?? 0);
    // one record for the whole group (computeTable2 counts it n times): expanding it into n records
    // made the city's summary validate and sort 20,000 records' dates per view
    if (n > 0) out.push({ id: `${g.unit_id}:${out.length}`, unit, kind, issued, ...(g.published ? { published: day[g.published] } : {}), events, count: n });
  }
  if (withEvents.rows.length) out.push(...(await normativeDocsFor(db, units, year, withEvents.rows.map((r) => r.id))));
  return out;
}
