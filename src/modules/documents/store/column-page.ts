/**
 * A public column list's page from the stored count and the link index (migration
 * `1130_column_counts`, store/column-counts.ts): two index lookups and 20 row fetches, whatever the
 * size of the column, instead of a read of its whole scope. One query, prepared on PostgreSQL.
 * The page's rows come back as one JSON array (one `JSON.parse`, not 20 rows of 14 columns each
 * parsed by type: `pg`'s row parsing and its 60 timestamp parses were ~7 % of an uncached list).
 */
import { CompiledQuery } from 'kysely';
import { prepared, type DbOrTx } from '../../../core/db/index.ts';
import { PER_PAGE, type PublicListItem, type PublicPage } from './queries.ts';
import { dates } from './portal-reads.ts';

const ITEM = `json_build_object('id', d.id, 'index_no', d.index_no, 'title', d.title, 'doc_number', d.doc_number, 'publish_date', d.publish_date,
  'published_at', d.published_at, 'updated_at', d.updated_at, 'unit_id', d.unit_id, 'interprets_id', d.interprets_id,
  'unit_slug', u.slug, 'unit_short_name', u.short_name)`;
/** the page's documents, newest first, as one JSON array (`from`: a subquery of document_id, published_at) ('[]' for an empty page) */
export const ITEMS = (from: string) => `(select coalesce(json_agg(${ITEM} order by s.published_at desc, s.document_id desc), '[]'::json)
  from ${from} s join documents d on d.id = s.document_id join units u on u.id = d.unit_id)`;
export const CLAMP = (n: string) => `(least($2::int, greatest(1, ceil(${n} / $3::numeric)::int)))`;

/** One column without enabled sub-columns (nearly all of them): its count row, then an index range of its public links. */
const ONE_COLUMN_PAGE = prepared('column_page', `
select cc.published as n, cc.last_change as last, ${CLAMP('cc.published')} as p,
  ${ITEMS(`(select l.document_id, l.published_at from document_columns l where l.column_id = $1 and l.public
        order by l.published_at desc, l.document_id desc limit $3 offset (${CLAMP('cc.published')} - 1) * $3)`)} as items
from column_counts cc
where cc.column_id = $1`);

/** A column and its sub-columns: a document listed in two of them counts once. */
const SUBTREE_PAGE = prepared('column_subtree_page', `
with agg as (
  select (select count(distinct l.document_id) from document_columns l where l.column_id = any($1::int[]) and l.public)::int as n,
         (select max(cc.last_change) from column_counts cc where cc.column_id = any($1::int[])) as last)
select agg.n, agg.last, ${CLAMP('agg.n')} as p,
  ${ITEMS(`(select l.document_id, max(l.published_at) as published_at from document_columns l where l.column_id = any($1::int[]) and l.public
        group by l.document_id order by 2 desc, 1 desc limit $3 offset (${CLAMP('agg.n')} - 1) * $3)`)} as items
from agg`);

/**
 * Page `page` (clamped to [1, pages]) of the public documents of a column and its enabled
 * sub-columns (`columnIds`, the column first), newest first — the same answer as
 * `publicDocumentPage(db, { columnId })`, read from the stored count and the link index.
 */
export async function columnDocumentPage(db: DbOrTx, columnIds: readonly number[], page: number, perPage = PER_PAGE): Promise<PublicPage> {
  const want = pageWanted(page);
  const r = columnIds.length === 1
    ? await db.executeQuery<ListRow>(CompiledQuery.raw(ONE_COLUMN_PAGE, [columnIds[0], want, perPage]))
    : await db.executeQuery<ListRow>(CompiledQuery.raw(SUBTREE_PAGE, [[...columnIds], want, perPage]));
  return listPage(r.rows[0], perPage);
}

/** The row a list query built with {@link CLAMP} and {@link ITEMS} gives: count, Last-Modified, page, items. */
export type ListRow = { n: number; last: Date | null; p: number; items: Record<string, unknown>[] };
/** The page number asked for, as the list queries take it: an integer in [1, 2^31 − 1]. */
export const pageWanted = (page: number): number => Math.min(2_147_483_647, Math.max(1, Math.floor(page) || 1));
/** A {@link ListRow} (none: an empty list) as the page the views take. */
export function listPage(head: ListRow | undefined, perPage: number): PublicPage {
  const total = Number(head?.n ?? 0);
  const items = (head?.items ?? []).map((x) => dates<PublicListItem>(x, ['published_at', 'updated_at']));
  return { items, total, page: Number(head?.p ?? 1), pages: Math.max(1, Math.ceil(total / perPage)), lastModified: head?.last ? new Date(head.last) : null };
}

/** A column of the enabled tree and its descendants, the column first. */
export function subtreeIds(column: { id: number; children: readonly { id: number; children: readonly unknown[] }[] }): number[] {
  const out = [column.id];
  for (const ch of column.children) out.push(...subtreeIds(ch as Parameters<typeof subtreeIds>[0]));
  return out;
}
