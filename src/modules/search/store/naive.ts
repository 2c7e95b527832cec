/**
 * The reference design the search issue measures against — NOT used by the portal. One
 * unweighted tsvector per document from `to_tsvector('simple', …)` over the pre-segmented text
 * (title, summary, body, attachments: text/tokenize.ts `indexTokens`), a GIN index, and
 * `ts_rank` over every match. scripts/relevance.ts compares its ranking with ours on the judged
 * queries; bench/search.ts compares its speed.
 */
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../../core/db/index.ts';
import { indexTokens, toTsvectorText } from '../text/tokenize.ts';
import { parseQuery, toTsquery } from '../text/query.ts';
import { loadSources } from './indexer.ts';

export interface NaiveDoc {
  docId: number;
  unitId: number;
  sortDate: string;
  text: string;
}

/** The space-joined tokens the naive index is built from. */
export function naiveText(parts: readonly (string | null | undefined)[]): string {
  return toTsvectorText(indexTokens(parts.filter(Boolean).join('\n')));
}

export async function createNaiveTable(db: DbOrTx): Promise<void> {
  await sql`drop table if exists naive_docs`.execute(db);
  await sql`create table naive_docs (doc_id integer primary key, unit_id integer not null, sort_date date not null, tsv tsvector not null)`.execute(db);
}

export async function insertNaive(db: DbOrTx, docs: readonly NaiveDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    await sql`insert into naive_docs (doc_id, unit_id, sort_date, tsv)
      select v.doc_id, v.unit_id, v.sort_date, to_tsvector('simple', v.t)
      from (values ${sql.join(chunk.map((d) => sql`(${d.docId}::int, ${d.unitId}::int, ${d.sortDate}::date, ${d.text})`))}) as v(doc_id, unit_id, sort_date, t)`.execute(db);
  }
}

export async function createNaiveIndex(db: DbOrTx): Promise<void> {
  await sql`create index naive_docs_tsv_idx on naive_docs using gin (tsv)`.execute(db);
  await sql`analyze naive_docs`.execute(db);
}

/** Build the naive index of every published 主动公开 document (small corpora: relevance runs). */
export async function buildNaiveIndex(db: Db): Promise<number> {
  await createNaiveTable(db);
  const ids = (await sql<{ id: number }>`select id from documents where status = 'published' and disclosure = 'proactive' order by id`.execute(db)).rows.map((r) => r.id);
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const docs = await loadSources(db, ids.slice(i, i + 500));
    const bodies = (await sql<{ id: number; title: string; summary: string | null; body_text: string }>`
      select id, title, summary, body_text from documents where id in (${sql.join(docs.map((d) => d.docId))})`.execute(db)).rows;
    const att = (await sql<{ document_id: number; text: string }>`
      select document_id, coalesce(text_content, '') as text from document_attachments where document_id in (${sql.join(docs.map((d) => d.docId))})`.execute(db)).rows;
    await insertNaive(db, docs.map((d) => {
      const b = bodies.find((x) => x.id === d.docId)!;
      return { docId: d.docId, unitId: d.unitId, sortDate: d.sortDate, text: naiveText([b.title, b.summary, b.body_text, ...att.filter((a) => a.document_id === d.docId).map((a) => a.text)]) };
    }));
    n += docs.length;
  }
  await createNaiveIndex(db);
  return n;
}

export interface NaiveFilters {
  unitIds?: readonly number[];
  from?: string;
  to?: string;
}

/** The naive query: every match ranked by ts_rank, the first `limit` ids (live status joined). */
export async function naiveSearch(db: DbOrTx, q: string, f: NaiveFilters = {}, limit = 20): Promise<number[]> {
  const tsq = toTsquery(parseQuery(q));
  if (!tsq) return [];
  const r = await sql<{ doc_id: number }>`
    select n.doc_id from naive_docs n join documents d on d.id = n.doc_id
    where n.tsv @@ to_tsquery('simple', ${tsq}) and d.status = 'published' and d.disclosure = 'proactive'
      ${f.unitIds?.length ? sql`and n.unit_id in (${sql.join(f.unitIds)})` : sql``}
      ${f.from ? sql`and n.sort_date >= ${f.from}::date` : sql``}
      ${f.to ? sql`and n.sort_date <= ${f.to}::date` : sql``}
    order by ts_rank(n.tsv, to_tsquery('simple', ${tsq})) desc, n.doc_id desc
    limit ${limit}`.execute(db);
  return r.rows.map((x) => x.doc_id);
}
