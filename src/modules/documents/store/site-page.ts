/**
 * A page of the whole site's or one unit's public documents — everything, or the 政策解读 only —
 * from the stored counts (migration `1200_unit_counts`, store/unit-counts.ts) and an index range of
 * the public documents (documents_public_idx, documents_unit_public_idx and the two 解读 indexes),
 * instead of a read of the site's or the unit's whole scope. One query, prepared on PostgreSQL:
 * the count and Last-Modified (a unit's row, or the sum over the units), then `perPage` documents
 * from the page's offset in the index. Used by the city and unit homes, /latest, /interpretations,
 * /u/<unit>/latest and /u/<unit>/xxgk/zcjd.
 */
import { CompiledQuery } from 'kysely';
import { prepared, type DbOrTx } from '../../../core/db/index.ts';
import { ITEMS, listPage, pageWanted, type ListRow } from './column-page.ts';
import { PER_PAGE, type PublicPage } from './queries.ts';

type Scope = 'site' | 'unit';
/** The site (no unit) or one unit's own documents; only the 解读 with `interpretations`. */
export interface SiteListFilter { unitId?: number; interpretations?: boolean }
type Kind = 'all' | 'interp';

/**
 * $1: the unit (null for the site: the condition folds away), $2: the page, $3: per page. The offset
 * is the parameters' own, not clamped by the count in SQL as the column and topic pages do: an
 * offset computed from a subquery is planned as 10 % of the rows, which made the site's 解读 list
 * (a subset of the documents with another usable index) sort all 76,000 解读 for page 1 — 108 ms at
 * 500,000 documents while the table's visibility map was empty (the embedded database never
 * vacuums on its own). A page past the end is asked again as the last page.
 */
function text(scope: Scope, kind: Kind): string {
  const [n, last] = kind === 'interp' ? ['uc.interpretations', 'uc.interpretations_last_change'] : ['uc.published', 'uc.last_change'];
  const where = scope === 'unit' ? 'uc.unit_id = $1' : '$1::int is null';
  const docs = [
    `d.status = 'published' and d.disclosure = 'proactive'`,
    ...(kind === 'interp' ? ['d.interprets_id is not null'] : []),
    ...(scope === 'unit' ? ['d.unit_id = $1'] : []),
  ].join(' and ');
  return prepared(`site_page_${scope}_${kind}`, `
with agg as (select coalesce(sum(${n}), 0)::int as n, max(${last}) as last from unit_counts uc where ${where})
select agg.n, agg.last, $2::int as p,
  ${ITEMS(`(select d.id as document_id, d.published_at from documents d where ${docs}
        order by d.published_at desc, d.id desc limit $3 offset ($2::int - 1) * $3)`)} as items
from agg`);
}

const TEXTS: Record<`${Scope}_${Kind}`, string> = {
  site_all: text('site', 'all'), site_interp: text('site', 'interp'), unit_all: text('unit', 'all'), unit_interp: text('unit', 'interp'),
};

/**
 * Page `page` (clamped to [1, pages]) of the public documents of the site or of `unitId` (its own,
 * not its sub-units'), only the 解读 with `interpretations`, newest first — the same answer as
 * `publicDocumentPage(db, { unitId, interpretations })`, whose Last-Modified it may pass when a
 * listed document was deleted (the deletion dates the list).
 */
export async function siteDocumentPage(db: DbOrTx, f: SiteListFilter, page: number, perPage = PER_PAGE): Promise<PublicPage> {
  const t = TEXTS[`${f.unitId === undefined ? 'site' : 'unit'}_${f.interpretations ? 'interp' : 'all'}`];
  const read = async (p: number) => (await db.executeQuery<ListRow>(CompiledQuery.raw(t, [f.unitId ?? null, p, perPage]))).rows[0];
  const want = pageWanted(page);
  let head = await read(want);
  const last = Math.max(1, Math.ceil(Number(head?.n ?? 0) / perPage));
  if (want > last) head = await read(last);
  return listPage(head, perPage);
}
