/**
 * Read queries the pages need that repository.ts does not offer: numbered pages (`?page=N`,
 * stable URLs, 20 a page) for the public column and topic lists, the 法定主动公开内容 counts,
 * sitemap slices, the admin list with a column filter, and the awaiting-review count (timeliness
 * lists and counts: store/deadlines.ts; dashboard queues: store/queues.ts). Public queries
 * only ever see published 主动公开 documents (条例 第十三条: 依申请公开 and 不予公开 are never listed).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { docNumberSearchKey } from '../domain/docnumber.ts';
import type { DocumentStatus } from './tables.ts';

export const PER_PAGE = 20;
/** Deep pages cost an OFFSET scan; nobody reads page 5,000 of a column, crawlers use the sitemap. */
export const MAX_PAGE_NUMBER = 5_000;

const like = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export interface PublicListItem {
  id: number;
  index_no: string;
  title: string;
  doc_number: string | null;
  publish_date: string | null;
  published_at: Date;
  updated_at: Date;
  unit_id: number;
  unit_slug: string;
  unit_short_name: string;
  interprets_id: number | null;
}

export interface PublicListFilter {
  /** The column and its sub-columns. */
  columnId?: number;
  unitId?: number;
  /** A topic key; includes its sections ('key/…'). */
  topicKey?: string;
  /** Only 政策解读 (documents that interpret a policy): the unit's 政策解读 column. */
  interpretations?: boolean;
}

export interface PublicPage {
  items: PublicListItem[];
  total: number;
  page: number;
  pages: number;
  /** Newest change among everything listed, for Last-Modified (null when empty). */
  lastModified: Date | null;
}

/** Which documents a list covers, whatever their status (see `publicDocumentPage` for why). */
function scopeFilter(f: PublicListFilter): Expression<SqlBool> {
  const parts = [sql`true`];
  if (f.unitId !== undefined) parts.push(sql`d.unit_id = ${f.unitId}`);
  if (f.interpretations) parts.push(sql`d.interprets_id is not null`);
  if (f.columnId !== undefined) {
    parts.push(sql`exists (select 1 from document_columns dc where dc.document_id = d.id and dc.column_id in (
      with recursive sub(id) as (select ${f.columnId}::int union all select c.id from doc_columns c join sub on c.parent_id = sub.id where c.enabled)
      select id from sub))`);
  }
  if (f.topicKey !== undefined) {
    parts.push(sql`exists (select 1 from document_topics dt join doc_topics t on t.id = dt.topic_id
      where dt.document_id = d.id and (t.key = ${f.topicKey} or t.key like ${like(f.topicKey) + '/%'}))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * One numbered page of published documents, newest first. `page` is clamped to [1, pages].
 * One query (issue #15): the list's scope is read once, counted, and the page cut from it.
 */
export async function publicDocumentPage(db: DbOrTx, f: PublicListFilter, page: number, perPage = PER_PAGE): Promise<PublicPage> {
  const want = Math.max(1, Math.floor(page) || 1);
  // Last-Modified counts every document of the list's scope, withdrawn ones included: a
  // withdrawal bumps updated_at, so a client revalidating with If-Modified-Since gets the list
  // without the withdrawn item instead of a 304.
  const r = await sql<PublicListItem & { n: number; last: Date | null; p: number }>`
    with scope as materialized (
      select d.id, d.published_at, d.updated_at, (d.status = 'published' and d.disclosure = 'proactive') as public
      from documents d where d.status in ('published', 'withdrawn') and ${scopeFilter(f)}),
    agg as (
      select count(*) filter (where public)::int as n, max(updated_at) as last,
             least(${want}::int, greatest(1, ceil(count(*) filter (where public) / ${perPage}::numeric)::int)) as p
      from scope)
    select agg.n, agg.last, agg.p, x.*
    from agg left join lateral (
      select d.id, d.index_no, d.title, d.doc_number, d.publish_date, d.published_at, d.updated_at, d.unit_id, d.interprets_id,
             u.slug as unit_slug, u.short_name as unit_short_name
      from (select s.id, s.published_at from scope s where s.public order by s.published_at desc, s.id desc
            limit ${perPage} offset (agg.p - 1) * ${perPage}) s
      join documents d on d.id = s.id join units u on u.id = d.unit_id
      order by s.published_at desc, s.id desc) x on true
    order by x.published_at desc, x.id desc`.execute(db);
  const head = r.rows[0];
  const total = Number(head?.n ?? 0);
  const items = r.rows.filter((x) => x.id !== null).map(({ n: _n, last: _l, p: _p, ...item }) => item as PublicListItem);
  return { items, total, page: Number(head?.p ?? 1), pages: Math.max(1, Math.ceil(total / perPage)), lastModified: head?.last ? new Date(head.last) : null };
}

export interface StatutoryCount {
  column_id: number;
  documents: number;
  last_published_at: Date | null;
}

/**
 * For each enabled child of `parentId` (the 法定主动公开内容 column): public documents in it and its
 * sub-columns (each once), and the newest publication among them. From the stored counts and the
 * link index (store/column-counts.ts): a column without enabled sub-columns reads its count row, and
 * every column its newest public link — not a join of the columns' documents (1.15 s for a unit's
 * catalog at 500,000 documents, `npm run bench:sweep`).
 */
export async function childColumnCounts(db: DbOrTx, parentId: number): Promise<StatutoryCount[]> {
  const r = await sql<{ root: number; n: number; last: Date | null }>`
    with recursive sub(id, root) as (
      select id, id from doc_columns where parent_id = ${parentId} and enabled
      union all
      select c.id, sub.root from doc_columns c join sub on c.parent_id = sub.id where c.enabled),
    roots as (select root, array_agg(id) as ids from sub group by root)
    select r.root,
      case when cardinality(r.ids) = 1 then coalesce((select cc.published from column_counts cc where cc.column_id = r.root), 0)
           else (select count(distinct l.document_id) from document_columns l where l.column_id = any(r.ids) and l.public) end::int as n,
      (select max(x.published_at) from unnest(r.ids) c(id) cross join lateral (
         select l.published_at from document_columns l where l.column_id = c.id and l.public and l.published_at is not null
         order by l.published_at desc limit 1) x) as last
    from roots r`.execute(db);
  return r.rows.map((x) => ({ column_id: Number(x.root), documents: Number(x.n), last_published_at: x.last ? new Date(x.last) : null }));
}

export interface PublicTopic {
  id: number;
  key: string;
  slug: string;
  name_zh: string;
  name_en: string;
  basis: string | null;
  parent_id: number | null;
}

/** A top-level topic and its sections, active only. */
export async function publicTopic(db: DbOrTx, slug: string): Promise<{ topic: PublicTopic; sections: PublicTopic[] } | undefined> {
  const topic = await db.selectFrom('doc_topics').select(['id', 'key', 'slug', 'name_zh', 'name_en', 'basis', 'parent_id'])
    .where('key', '=', slug).where('parent_id', 'is', null).where('active', '=', true).executeTakeFirst();
  if (!topic) return undefined;
  const sections = await db.selectFrom('doc_topics').select(['id', 'key', 'slug', 'name_zh', 'name_en', 'basis', 'parent_id'])
    .where('parent_id', '=', topic.id).where('active', '=', true).orderBy('sort').orderBy('id').execute();
  return { topic, sections };
}

export async function activeTopics(db: DbOrTx): Promise<PublicTopic[]> {
  return db.selectFrom('doc_topics').select(['id', 'key', 'slug', 'name_zh', 'name_en', 'basis', 'parent_id'])
    .where('parent_id', 'is', null).where('active', '=', true).orderBy('sort').orderBy('id').execute();
}

/** The policies the given documents interpret (for cache invalidation of the policies' pages). */
export async function policiesOf(db: DbOrTx, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('documents').select('interprets_id').where('id', 'in', [...ids]).where('interprets_id', 'is not', null).execute();
  return [...new Set(rows.map((r) => r.interprets_id!))];
}

// --- sitemap ------------------------------------------------------------------------------------

/** The site's public documents and the newest change of its lists (the sitemap's count and lastmod), from the stored per-unit counts (store/unit-counts.ts). */
export async function publicDocumentCount(db: DbOrTx): Promise<{ total: number; last: Date | null }> {
  const r = await sql<{ n: number; last: Date | null }>`select coalesce(sum(published), 0)::int as n, max(last_change) as last from unit_counts`.execute(db);
  return { total: Number(r.rows[0]?.n ?? 0), last: r.rows[0]?.last ? new Date(r.rows[0].last) : null };
}

/** The `part`-th slice (1-based) of public documents in id order, for /sitemap-<part>.xml. */
export async function publicDocumentSlice(db: DbOrTx, part: number, size: number): Promise<{ id: number; unit_slug: string; updated_at: Date }[]> {
  return publicDocumentRange(db, (part - 1) * size, size);
}

/** `limit` public documents in id order from `offset` (the sitemap's parts after the site's own pages). */
export async function publicDocumentRange(db: DbOrTx, offset: number, limit: number): Promise<{ id: number; unit_slug: string; updated_at: Date }[]> {
  if (limit <= 0) return [];
  return (await sql<{ id: number; unit_slug: string; updated_at: Date }>`
    select d.id, u.slug as unit_slug, d.updated_at from documents d join units u on u.id = d.unit_id
    where d.status = 'published' and d.disclosure = 'proactive'
    order by d.id limit ${limit} offset ${Math.max(0, offset)}`.execute(db)).rows;
}

// --- admin --------------------------------------------------------------------------------------

export interface AdminListFilter {
  scope?: string[];
  status?: DocumentStatus;
  columnId?: number;
  unitId?: number;
  q?: string;
  page: number;
  perPage?: number;
  /** default LIST_MAX_ROWS */
  maxRows?: number;
}

export interface AdminRow {
  id: number;
  index_no: string;
  title: string;
  doc_number: string | null;
  status: DocumentStatus;
  disclosure: string;
  legal_form: string;
  publish_date: string | null;
  publish_at: Date | null;
  updated_at: Date;
  version: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  interprets_id: number | null;
  timeliness_art26_overdue: boolean | null;
  timeliness_policy_overdue: boolean | null;
}

/**
 * The list counts and pages through at most this many documents (a bounded offset: page 334 of 30
 * is the last); past it the page asks for a filter (unit, status, column or text) instead of
 * counting and skipping a hundred thousand rows on every view.
 */
export const LIST_MAX_ROWS = 10_000;

/**
 * The console's document list, filtered in SQL to the caller's scope, newest change first
 * (documents_updated_idx, migration 1070). `capped`: more than LIST_MAX_ROWS match, `total` is then
 * LIST_MAX_ROWS.
 */
export async function adminDocumentPage(db: DbOrTx, f: AdminListFilter): Promise<{ rows: AdminRow[]; total: number; capped: boolean; page: number; pages: number }> {
  const perPage = f.perPage ?? 30;
  let q = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id');
  if (f.scope) q = q.where(inScope('u.path', f.scope));
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.unitId !== undefined) q = q.where('d.unit_id', '=', f.unitId);
  if (f.columnId !== undefined) {
    const col = f.columnId;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('document_columns as dc').select('dc.document_id').whereRef('dc.document_id', '=', 'd.id').where('dc.column_id', '=', col)));
  }
  const text = f.q?.trim();
  if (text) {
    const s = '%' + like(text) + '%';
    const dn = '%' + like(docNumberSearchKey(text)) + '%';
    q = q.where((eb) => eb.or([eb('d.title', 'ilike', s), eb('d.index_no', 'ilike', s), eb('d.doc_number', 'like', dn)]));
  }
  const maxRows = f.maxRows ?? LIST_MAX_ROWS;
  const counted = Number((await db.selectFrom(q.select(sql`1`.as('x')).limit(maxRows + 1).as('b')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const capped = counted > maxRows;
  const total = Math.min(counted, maxRows);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(f.page) || 1), pages);
  const rows = await q
    .select([
      'd.id', 'd.index_no', 'd.title', 'd.doc_number', 'd.status', 'd.disclosure', 'd.legal_form', 'd.publish_date', 'd.publish_at', 'd.updated_at',
      'd.version', 'd.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'd.interprets_id', 'd.timeliness_art26_overdue', 'd.timeliness_policy_overdue',
    ])
    .orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc')
    .limit(Math.max(0, Math.min(perPage, total - (page - 1) * perPage))).offset((page - 1) * perPage)
    .execute();
  return { rows, total, capped, page, pages };
}

/** Documents waiting for a reviewer (status submitted) in the scope. */
export async function awaitingReviewCount(db: DbOrTx, scope: string[]): Promise<number> {
  const r = await db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(sql<number>`count(*)`.as('n')).where('d.status', '=', 'submitted').where(inScope('u.path', scope)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Candidate policies a document may interpret or be amended/repealed by: published policy documents in scope. */
export async function linkablePolicies(db: DbOrTx, scope: string[] | undefined, limit = 200): Promise<{ id: number; title: string; index_no: string; doc_number: string | null }[]> {
  let q = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.title', 'd.index_no', 'd.doc_number'])
    .where('d.status', '=', 'published')
    .where('d.legal_form', 'in', ['regulation', 'normative', 'other_policy']);
  if (scope) q = q.where(inScope('u.path', scope));
  return q.orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}
