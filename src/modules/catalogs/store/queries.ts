/** Reads of the standard catalogs; public reads see published catalogs only. */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { CATALOG_ROOT, urlSlug } from '../../portal/skeleton.ts';

export interface CatalogRow { id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string; unit_type: string; area: string; year: number; status: string; published_at: Date | null; updated_at: Date; updated_by: string; row_count: number }
export interface RowRow { id: number; catalog_id: number; seq: number; item1: string; item2: string; content: string; basis: string; deadline: string; deadline_kind: string; deadline_n: number; trigger: string | null; subject: string; channels: string[]; audiences: string[]; modes: string[]; levels: string[]; updated_at: Date }
export interface LinkRow { id: number; row_id: number; kind: 'column' | 'topic' | 'document'; target_id: number; label: string; href: string }
export interface Pubs { firstAfter: string | null; last: string | null }

export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

const catalogsQ = (db: DbOrTx) =>
  db.selectFrom('catalogs as c').innerJoin('units as u', 'u.id', 'c.unit_id').selectAll('c')
    .select(['u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path', 'u.type as unit_type'])
    .select((eb) => eb.selectFrom('catalog_rows as r').whereRef('r.catalog_id', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('row_count'));
const fix = (r: Record<string, unknown>) => ({ ...r, row_count: Number(r.row_count ?? 0) }) as CatalogRow;

export async function listCatalogs(db: DbOrTx, o: { scope?: string[]; unitId?: number; subtreeOf?: string; area?: string; year?: number; publishedOnly?: boolean } = {}): Promise<CatalogRow[]> {
  let q = catalogsQ(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitId !== undefined) q = q.where('c.unit_id', '=', o.unitId);
  if (o.subtreeOf) q = q.where('u.path', 'like', o.subtreeOf.replace(/[%_\\]/g, '\\$&') + '%');
  if (o.area) q = q.where('c.area', '=', o.area);
  if (o.year !== undefined) q = q.where('c.year', '=', o.year);
  if (o.publishedOnly) q = q.where('c.status', '=', 'published');
  return (await q.orderBy('u.path').orderBy('c.year', 'desc').orderBy('c.area').limit(1000).execute()).map(fix);
}

export async function catalogById(db: DbOrTx, id: number): Promise<CatalogRow | undefined> {
  if (!okId(id)) return undefined;
  const r = await catalogsQ(db).where('c.id', '=', id).executeTakeFirst();
  return r ? fix(r) : undefined;
}

const rowCols = ['r.id', 'r.catalog_id', 'r.seq', 'r.item1', 'r.item2', 'r.content', 'r.basis', 'r.deadline', 'r.deadline_kind', 'r.deadline_n', 'r.trigger_date as trigger', 'r.subject', 'r.channels', 'r.audiences', 'r.modes', 'r.levels', 'r.updated_at'] as const;

export async function rowsOf(db: DbOrTx, catalogIds: number[]): Promise<RowRow[]> {
  if (!catalogIds.length) return [];
  return (await db.selectFrom('catalog_rows as r').select(rowCols).where('r.catalog_id', 'in', catalogIds).orderBy('r.catalog_id').orderBy('r.seq').orderBy('r.id').limit(20000).execute()) as RowRow[];
}

export async function rowById(db: DbOrTx, id: number): Promise<RowRow | undefined> {
  if (!okId(id)) return undefined;
  return (await db.selectFrom('catalog_rows as r').select(rowCols).where('r.id', '=', id).executeTakeFirst()) as RowRow | undefined;
}

/** The links of rows, each with a label and the public address of what it points to (withdrawn documents drop out). */
export async function linksOf(db: DbOrTx, rowIds: number[]): Promise<LinkRow[]> {
  if (!rowIds.length) return [];
  const r = await sql<{ id: number; row_id: number; kind: LinkRow['kind']; target_id: number; label: string; unit_slug: string | null }>`
    select l.id, l.row_id, 'column' as kind, col.id as target_id, col.name_zh as label, u.slug as unit_slug
      from catalog_links l join doc_columns col on col.id = l.column_id join units u on u.id = col.unit_id where l.row_id in (${sql.join(rowIds)})
    union all
    select l.id, l.row_id, 'topic', t.id, t.name_zh, null
      from catalog_links l join doc_topics t on t.id = l.topic_id where l.row_id in (${sql.join(rowIds)})
    union all
    select l.id, l.row_id, 'document', d.id, d.title, u.slug
      from catalog_links l join documents d on d.id = l.document_id join units u on u.id = d.unit_id
      where l.row_id in (${sql.join(rowIds)}) and d.status = 'published'
    order by 1`.execute(db);
  const colIds = r.rows.filter((x) => x.kind === 'column').map((x) => Number(x.target_id));
  const cols = new Map<number, { parent_id: number | null; slug: string }>();
  if (colIds.length) {
    const units = db.selectFrom('doc_columns').select('unit_id').where('id', 'in', colIds);
    for (const c of await db.selectFrom('doc_columns').select(['id', 'parent_id', 'slug']).where('unit_id', 'in', units).execute()) cols.set(c.id, c);
  }
  const topicSlugs = new Map((await db.selectFrom('doc_topics').select(['id', 'slug', 'parent_id']).execute()).map((t) => [t.id, t]));
  const colPath = (id: number) => {
    const segs: string[] = [];
    for (let c = cols.get(id), n = 0; c && n < 10; c = c.parent_id === null ? undefined : cols.get(c.parent_id), n++) if (c.slug !== CATALOG_ROOT) segs.unshift(urlSlug(c.slug));
    return segs.join('/');
  };
  const topicPath = (id: number) => {
    const t = topicSlugs.get(id);
    const p = t?.parent_id ? topicSlugs.get(t.parent_id) : undefined;
    return p ? `${p.slug}/${t!.slug}` : t?.slug ?? '';
  };
  return r.rows.map((x) => {
    const id = Number(x.target_id);
    const href = x.kind === 'column' ? `/u/${x.unit_slug}/xxgk/${colPath(id)}` : x.kind === 'topic' ? `/topics/${topicPath(id)}` : `/u/${x.unit_slug}/doc/${id}`;
    return { id: Number(x.id), row_id: Number(x.row_id), kind: x.kind, target_id: id, label: x.label, href };
  });
}

/**
 * For each row, its linked publications: the first published on or after the row's trigger date (any,
 * without one) and the latest. A column counts its published documents, a topic the documents of the
 * catalog's unit and the units below it, a document itself. Withdrawn or unpublished ones do not count.
 */
export async function publicationsOf(db: DbOrTx, rowIds: number[]): Promise<Map<number, Pubs>> {
  const out = new Map<number, Pubs>();
  if (!rowIds.length) return out;
  const r = await sql<{ row_id: number; first_after: string | null; last: string | null }>`
    with pubs as (
      select l.row_id, d.publish_date from catalog_links l
        join document_columns dc on dc.column_id = l.column_id join documents d on d.id = dc.document_id
        where l.row_id in (${sql.join(rowIds)}) and l.column_id is not null and d.status = 'published'
      union all
      select l.row_id, d.publish_date from catalog_links l
        join catalog_rows cr on cr.id = l.row_id join catalogs c on c.id = cr.catalog_id join units cu on cu.id = c.unit_id
        join document_topics dt on dt.topic_id = l.topic_id join documents d on d.id = dt.document_id join units du on du.id = d.unit_id
        where l.row_id in (${sql.join(rowIds)}) and l.topic_id is not null and d.status = 'published' and du.path like cu.path || '%'
      union all
      select l.row_id, d.publish_date from catalog_links l join documents d on d.id = l.document_id
        where l.row_id in (${sql.join(rowIds)}) and l.document_id is not null and d.status = 'published'
    )
    select p.row_id, min(p.publish_date) filter (where r.trigger_date is null or p.publish_date >= r.trigger_date)::text as first_after, max(p.publish_date)::text as last
    from pubs p join catalog_rows r on r.id = p.row_id
    where p.publish_date is not null
    group by p.row_id`.execute(db);
  for (const x of r.rows) out.set(Number(x.row_id), { firstAfter: x.first_after, last: x.last });
  return out;
}
