/**
 * The two document lists: the public keyset list (published 主动公开 only; pages, feeds, the Open
 * API) and the staff console's list and status counts (filtered in SQL by the caller's scope,
 * `scopePaths(actor, 'document.view')`). Exported through repository.ts like the other reads.
 *
 *   listPublicDocuments(db, filter, {cursor, limit})   → {data: DocumentListItem[], nextCursor}
 *       keyset over (published_at desc, id desc); filter: PublicDocumentFilter; MAX_PAGE a page
 *   encodeCursor(publishedAt, id) / decodeCursor(cursor)   (opaque base64url; a bad one is a 400)
 *   listDocuments(db, {scope, unitId?, status?, q?, limit, offset})  → {rows, total}  (admin)
 *   documentStatusCounts(db, scope)      → Record<status, number>
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { badRequest } from '../../../core/http/errors.ts';
import type { DocumentsTable, DocumentStatus } from './tables.ts';
import { docNumberSearchKey } from '../domain/docnumber.ts';


// --- public list (keyset) -----------------------------------------------------------------------

export interface PublicDocumentFilter {
  unitId?: number;
  /** include the unit's descendants (by units.path) */
  subtree?: boolean;
  columnId?: number;
  /** topic key ('six-stabilities-six-guarantees' includes its sections) */
  topicKey?: string;
  docType?: string;
  legalForm?: string;
  /** any form of a 文号 or a fragment; matched with docNumberSearchKey as a substring */
  docNumber?: string;
  publishedFrom?: string;
  publishedTo?: string;
  writtenFrom?: string;
  writtenTo?: string;
  validity?: string;
  interpretsId?: number;
}

export interface DocumentListItem {
  id: number;
  index_no: string;
  title: string;
  summary: string | null;
  doc_number: string | null;
  doc_type: string | null;
  legal_form: string;
  written_date: string | null;
  publish_date: string | null;
  published_at: Date;
  effective_date: string | null;
  expiry_date: string | null;
  topic_code: string | null;
  validity: string | null;
  keywords: string[];
  source: string | null;
  interprets_id: number | null;
  interpretation_kind: string | null;
  updated_at: Date;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_slug: string;
  issuers: string[];
}

export const MAX_PAGE = 100;

/** Opaque cursor: base64url of [published_at ISO, id]. */
export function encodeCursor(publishedAt: Date, id: number): string {
  return Buffer.from(JSON.stringify([new Date(publishedAt).toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { publishedAt: string; id: number } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && Number.isSafeInteger(id)) return { publishedAt: at, id: id as number };
  } catch {
    // fall through
  }
  throw badRequest({ zh: '分页游标无效', en: 'Invalid cursor' }, { cursor: { zh: '分页游标无效', en: 'Invalid cursor' } });
}

/** 00:00 Asia/Shanghai (UTC+8, no daylight saving) of a day, plus `days`. */
function shanghaiMidnight(day: string, days: number): Date {
  const t = Date.parse(`${day}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(t)) throw badRequest({ zh: '日期格式应为YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' });
  return new Date(t + days * 86_400_000);
}

export async function listPublicDocuments(
  db: DbOrTx,
  f: PublicDocumentFilter,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<{ data: DocumentListItem[]; nextCursor: string | null }> {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(page.limit ?? 20)));
  let q = db
    .selectFrom('documents as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'd.id', 'd.index_no', 'd.title', 'd.summary', 'd.doc_number', 'd.doc_type', 'd.legal_form', 'd.written_date', 'd.publish_date',
      'd.effective_date', 'd.expiry_date', 'd.topic_code', 'd.validity', 'd.keywords', 'd.source', 'd.interprets_id', 'd.interpretation_kind',
      'd.updated_at', 'd.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.slug as unit_slug',
    ])
    .select(sql<Date>`d.published_at`.as('published_at'))
    .where('d.status', '=', 'published')
    .where('d.disclosure', '=', 'proactive');
  if (f.unitId !== undefined) {
    if (f.subtree) {
      const root = await db.selectFrom('units').select('path').where('id', '=', f.unitId).executeTakeFirst();
      const prefix = (root?.path ?? '/none/').replace(/[%_\\]/g, '\\$&') + '%';
      q = q.where('d.unit_id', 'in', (eb) => eb.selectFrom('units as s').select('s.id').where('s.path', 'like', prefix));
    } else q = q.where('d.unit_id', '=', f.unitId);
  }
  if (f.columnId !== undefined) {
    // the column and its sub-columns, resolved first (a handful of ids) so the plan stays an index walk
    const ids = (await sql<{ id: number }>`with recursive sub(id) as (select ${f.columnId}::int union all select c.id from doc_columns c join sub on c.parent_id = sub.id) select id from sub`.execute(db)).rows.map((r) => r.id);
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('document_columns as dc').select('dc.document_id').whereRef('dc.document_id', '=', 'd.id').where('dc.column_id', 'in', ids),
    ));
  }
  if (f.topicKey !== undefined) {
    const key = f.topicKey;
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('document_topics as dt').innerJoin('doc_topics as t', 't.id', 'dt.topic_id').select('dt.document_id').whereRef('dt.document_id', '=', 'd.id')
        .where((eb) => eb.or([eb('t.key', '=', key), eb('t.key', 'like', key.replace(/[%_\\]/g, '\\$&') + '/%')])),
    ));
  }
  if (f.docType) q = q.where('d.doc_type', '=', f.docType);
  if (f.legalForm) q = q.where('d.legal_form', '=', f.legalForm);
  if (f.validity) q = q.where('d.validity', '=', f.validity);
  if (f.interpretsId !== undefined) q = q.where('d.interprets_id', '=', f.interpretsId);
  if (f.docNumber) {
    const key = docNumberSearchKey(f.docNumber);
    if (key) q = q.where('d.doc_number', 'like', '%' + key.replace(/[%_\\]/g, '\\$&') + '%');
  }
  // 发布日期 is the Asia/Shanghai day of published_at (kept so by the workflow and the importer), so
  // a date range is a range of the keyset column itself: the same index serves it.
  if (f.publishedFrom) q = q.where('d.published_at', '>=', shanghaiMidnight(f.publishedFrom, 0));
  if (f.publishedTo) q = q.where('d.published_at', '<', shanghaiMidnight(f.publishedTo, 1));
  if (f.writtenFrom) q = q.where('d.written_date', '>=', f.writtenFrom);
  if (f.writtenTo) q = q.where('d.written_date', '<=', f.writtenTo);
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    q = q.where(sql<boolean>`(d.published_at, d.id) < (${c.publishedAt}::timestamptz, ${c.id}::int)`);
  }
  const rows = await q.orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const issuers = pageRows.length
    ? await db.selectFrom('document_issuers').select(['document_id', 'name']).where('document_id', 'in', pageRows.map((r) => r.id)).orderBy('document_id').orderBy('position').execute()
    : [];
  const byDoc = new Map<number, string[]>();
  for (const i of issuers) byDoc.set(i.document_id, [...(byDoc.get(i.document_id) ?? []), i.name]);
  const data = pageRows.map((r) => ({ ...r, keywords: r.keywords ?? [], issuers: byDoc.get(r.id) ?? [] }));
  const last = pageRows[pageRows.length - 1];
  return { data, nextCursor: more && last ? encodeCursor(last.published_at, last.id) : null };
}

// --- admin list ---------------------------------------------------------------------------------

export interface AdminListOptions {
  /** scopePaths(actor, 'document.view'); omit for the system (CLI) */
  scope?: string[];
  unitId?: number;
  status?: DocumentStatus;
  /** title, 索引号 or 文号 contains */
  q?: string;
  limit?: number;
  offset?: number;
}

export type AdminListItem = Pick<Selectable<DocumentsTable>, 'id' | 'index_no' | 'title' | 'doc_number' | 'status' | 'disclosure' | 'legal_form' | 'written_date' | 'publish_date' | 'publish_at' | 'published_at' | 'updated_at' | 'version' | 'unit_id' | 'interprets_id'> & { unit_name: string; unit_path: string };

export async function listDocuments(db: DbOrTx, o: AdminListOptions): Promise<{ rows: AdminListItem[]; total: number }> {
  let q = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id');
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitId !== undefined) q = q.where('d.unit_id', '=', o.unitId);
  if (o.status) q = q.where('d.status', '=', o.status);
  if (o.q?.trim()) {
    const s = '%' + o.q.trim().replace(/[%_\\]/g, '\\$&') + '%';
    const dn = '%' + docNumberSearchKey(o.q.trim()).replace(/[%_\\]/g, '\\$&') + '%';
    q = q.where((eb) => eb.or([eb('d.title', 'ilike', s), eb('d.index_no', 'ilike', s), eb('d.doc_number', 'like', dn)]));
  }
  const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'd.id', 'd.index_no', 'd.title', 'd.doc_number', 'd.status', 'd.disclosure', 'd.legal_form', 'd.written_date', 'd.publish_date', 'd.publish_at',
      'd.published_at', 'd.updated_at', 'd.version', 'd.unit_id', 'd.interprets_id', 'u.name as unit_name', 'u.path as unit_path',
    ])
    .orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc')
    .limit(Math.max(1, Math.min(500, o.limit ?? 50))).offset(Math.max(0, o.offset ?? 0))
    .execute();
  return { rows, total };
}

export async function documentStatusCounts(db: DbOrTx, scope?: string[]): Promise<Record<DocumentStatus, number>> {
  let q = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.status', sql<number>`count(*)`.as('n')]).groupBy('d.status');
  if (scope) q = q.where(inScope('u.path', scope));
  const out: Record<DocumentStatus, number> = { draft: 0, submitted: 0, reviewed: 0, scheduled: 0, published: 0, withdrawn: 0 };
  for (const r of await q.execute()) out[r.status] = Number(r.n);
  return out;
}
