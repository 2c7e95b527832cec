/**
 * 有效性 history for the annual report (政府信息公开工作年度报告 table 2, reference.md §2.3, §4.5):
 * 本年制发 (issued), 本年废止 (repealed — expired counted too, as §4.5 suggests) and 现行有效 (in
 * force on 31 December: effective or amended) per legal form (规章 / 行政规范性文件).
 *
 *   validityEvents(db, {from, to, unitIds?}) → ValidityEventRow[]
 *   validityOn(db, documentId, date) → validity code on that day (latest event on or before it)
 *   legalFormYearCounts(db, year, {unitIds?}) → { regulation: {issued, repealed, inForce}, normative: {…} }
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';

export interface ValidityEventRow {
  id: number;
  document_id: number;
  date: string;
  validity: string;
  related_document_id: number | null;
  note: string | null;
  unit_id: number;
  legal_form: string;
}

export async function validityEvents(db: DbOrTx, o: { from: string; to: string; unitIds?: number[] }): Promise<ValidityEventRow[]> {
  let q = db.selectFrom('validity_events as e').innerJoin('documents as d', 'd.id', 'e.document_id')
    .select(['e.id', 'e.document_id', 'e.date', 'e.validity', 'e.related_document_id', 'e.note', 'd.unit_id', 'd.legal_form'])
    .where('e.date', '>=', o.from).where('e.date', '<=', o.to);
  if (o.unitIds?.length) q = q.where('d.unit_id', 'in', o.unitIds);
  return q.orderBy('e.date').orderBy('e.id').execute();
}

export async function validityOn(db: DbOrTx, documentId: number, date: string): Promise<string | null> {
  const r = await db.selectFrom('validity_events').select('validity').where('document_id', '=', documentId).where('date', '<=', date)
    .orderBy('date', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.validity ?? null;
}

export interface YearCounts {
  issued: number;
  repealed: number;
  inForce: number;
}

/** Counts of published 规章 and 行政规范性文件 for the annual report's year (calendar year, Asia/Shanghai days). */
export async function legalFormYearCounts(db: DbOrTx, year: number, o: { unitIds?: number[] } = {}): Promise<Record<'regulation' | 'normative', YearCounts>> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const units = o.unitIds?.length ? sql`and d.unit_id in (${sql.join(o.unitIds)})` : sql``;
  const r = await sql<{ legal_form: string; issued: number; repealed: number; in_force: number }>`
    select d.legal_form,
      count(*) filter (where d.publish_date between ${from} and ${to}) as issued,
      count(*) filter (where exists (
        select 1 from validity_events e where e.document_id = d.id and e.validity in ('repealed', 'expired') and e.date between ${from} and ${to})) as repealed,
      count(*) filter (where d.publish_date <= ${to} and (
        select e.validity from validity_events e where e.document_id = d.id and e.date <= ${to} order by e.date desc, e.id desc limit 1
      ) in ('effective', 'amended')) as in_force
    from documents d
    where d.legal_form in ('regulation', 'normative') and d.published_at is not null ${units}
    group by d.legal_form`.execute(db);
  const out = { regulation: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 0, repealed: 0, inForce: 0 } };
  for (const row of r.rows) {
    const k = row.legal_form as 'regulation' | 'normative';
    out[k] = { issued: Number(row.issued), repealed: Number(row.repealed), inForce: Number(row.in_force) };
  }
  return out;
}
