/**
 * Typed reads of documents. Nothing here checks the policy: public readers use the `Public`
 * functions (published 主动公开 only), admin lists pass the caller's scope (`scopePaths(actor,
 * 'document.view')`) so filtering happens in SQL.
 *
 * API summary (for pages, feeds, API, reports):
 *   getDocument(db, id) / getDocumentByIndexNo(db, indexNo)   → DocumentDetail | undefined (any status)
 *   getPublicDocument(db, id)           → {kind:'ok', doc} | {kind:'withdrawn', …} | undefined
 *   listPublicDocuments(db, filter, {cursor, limit})   → {data: DocumentListItem[], nextCursor}
 *       keyset over (published_at desc, id desc); filter: PublicDocumentFilter
 *   listDocuments(db, {scope, unitId?, status?, q?, limit, offset})  → {rows, total}  (admin)
 *   documentStatusCounts(db, scope)      → Record<status, number>
 *   interpretationsOf(db, policyId, {publicOnly})   → DocumentRef[]
 *   policiesWithoutInterpretation(db, {scope?, unitIds?, from?, to?, limit?}) → DocumentRef[]
 *   listVersions(db, id) / getVersionSnapshot(db, id, v) / diffDocumentVersions(db, id, a, b)
 *   attachmentsOf(db, id) / getAttachment(db, attachmentId)
 *   publicDocumentIds(db, {afterId, limit})  → sitemap rows
 *   catalog: see repository-catalog.ts (columns, topics, freshness)
 *   validity: see repository-validity.ts (validity events and annual-report counts)
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { badRequest } from '../../../core/http/errors.ts';
import type { DocumentsTable, DocumentAttachmentsTable, DocumentStatus } from './tables.ts';
import { diffVersions, type VersionDiff, type VersionSnapshot } from '../domain/diff.ts';
import { docNumberSearchKey } from '../domain/docnumber.ts';

export * from './repository-catalog.ts';
export * from './repository-validity.ts';

export type DocumentRow = Selectable<DocumentsTable>;
export type AttachmentRow = Omit<Selectable<DocumentAttachmentsTable>, 'text_content'>;

export interface DocumentRef {
  id: number;
  index_no: string;
  title: string;
  status: DocumentStatus;
  disclosure: string;
  publish_date: string | null;
  published_at: Date | null;
  unit_id: number;
  interpretation_kind: string | null;
}

export interface Issuer {
  position: number;
  unit_id: number | null;
  name: string;
  unit_code: string | null;
  unit_slug: string | null;
}

export interface ColumnRef {
  id: number;
  unit_id: number;
  slug: string;
  name_zh: string;
  name_en: string;
  column_type: string;
}

export interface TopicRef {
  id: number;
  key: string;
  slug: string;
  name_zh: string;
  name_en: string;
  parent_id: number | null;
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  short_name: string;
  slug: string;
  path: string;
  type: string;
}

export interface DocumentDetail extends DocumentRow {
  unit: UnitRef;
  issuers: Issuer[];
  columns: ColumnRef[];
  topics: TopicRef[];
  attachments: AttachmentRow[];
  interprets: DocumentRef | null;
  interpretations: DocumentRef[];
  amendedBy: DocumentRef | null;
  repealedBy: DocumentRef | null;
}

const REF_COLS = ['d.id', 'd.index_no', 'd.title', 'd.status', 'd.disclosure', 'd.publish_date', 'd.published_at', 'd.unit_id', 'd.interpretation_kind'] as const;
const ATT_COLS = ['id', 'document_id', 'position', 'filename', 'kind', 'mime', 'size', 'sha256', 'text_state', 'created_by', 'created_at'] as const;

async function refById(db: DbOrTx, id: number | null): Promise<DocumentRef | null> {
  if (id === null) return null;
  return (await db.selectFrom('documents as d').select(REF_COLS).where('d.id', '=', id).executeTakeFirst()) ?? null;
}

async function detail(db: DbOrTx, row: DocumentRow | undefined): Promise<DocumentDetail | undefined> {
  if (!row) return undefined;
  const [unit, issuers, columns, topics, attachments, interpretations] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'name', 'short_name', 'slug', 'path', 'type']).where('id', '=', row.unit_id).executeTakeFirstOrThrow(),
    db.selectFrom('document_issuers as i').leftJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.position', 'i.unit_id', 'i.name', 'u.code as unit_code', 'u.slug as unit_slug'])
      .where('i.document_id', '=', row.id).orderBy('i.position').execute(),
    db.selectFrom('document_columns as dc').innerJoin('doc_columns as c', 'c.id', 'dc.column_id')
      .select(['c.id', 'c.unit_id', 'c.slug', 'c.name_zh', 'c.name_en', 'c.column_type'])
      .where('dc.document_id', '=', row.id).orderBy('c.unit_id').orderBy('c.sort').orderBy('c.id').execute(),
    db.selectFrom('document_topics as dt').innerJoin('doc_topics as t', 't.id', 'dt.topic_id')
      .select(['t.id', 't.key', 't.slug', 't.name_zh', 't.name_en', 't.parent_id'])
      .where('dt.document_id', '=', row.id).orderBy('t.key').execute(),
    db.selectFrom('document_attachments').select(ATT_COLS).where('document_id', '=', row.id).orderBy('position').orderBy('id').execute(),
    interpretationsOf(db, row.id, { publicOnly: false }),
  ]);
  return {
    ...row, unit, issuers, columns, topics, attachments, interpretations,
    interprets: await refById(db, row.interprets_id),
    amendedBy: await refById(db, row.amended_by_id),
    repealedBy: await refById(db, row.repealed_by_id),
  };
}

/** Any status; the caller checks `document.view` on `doc.unit.path`. */
export async function getDocument(db: DbOrTx, id: number): Promise<DocumentDetail | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  return detail(db, await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function getDocumentByIndexNo(db: DbOrTx, indexNo: string): Promise<DocumentDetail | undefined> {
  return detail(db, await db.selectFrom('documents').selectAll().where('index_no', '=', indexNo).executeTakeFirst());
}

export type PublicDocumentResult =
  | { kind: 'ok'; doc: DocumentDetail }
  | { kind: 'withdrawn'; id: number; title: string; withdrawnAt: Date | null; unit: UnitRef };

/** Only published 主动公开 documents are public; a withdrawn one answers 'withdrawn' (show 410), anything else undefined (404). */
export async function getPublicDocument(db: DbOrTx, id: number): Promise<PublicDocumentResult | undefined> {
  return publicView(await getDocument(db, id));
}

/** What the public may see of a document read with any status (see `getPublicDocument`). */
export function publicView(doc: DocumentDetail | undefined): PublicDocumentResult | undefined {
  if (!doc || doc.disclosure !== 'proactive') return undefined;
  if (doc.status === 'published') {
    // Interpretations and links shown publicly must themselves be public.
    const pub = (r: DocumentRef | null) => (r && r.status === 'published' && r.disclosure === 'proactive' ? r : null);
    return {
      kind: 'ok',
      doc: { ...doc, interprets: pub(doc.interprets), amendedBy: pub(doc.amendedBy), repealedBy: pub(doc.repealedBy), interpretations: doc.interpretations.filter((r) => pub(r)) },
    };
  }
  if (doc.status === 'withdrawn' && doc.published_at) return { kind: 'withdrawn', id: doc.id, title: doc.title, withdrawnAt: doc.withdrawn_at, unit: doc.unit };
  return undefined;
}

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

export type AdminListItem = Pick<DocumentRow, 'id' | 'index_no' | 'title' | 'doc_number' | 'status' | 'disclosure' | 'legal_form' | 'written_date' | 'publish_date' | 'publish_at' | 'published_at' | 'updated_at' | 'version' | 'unit_id' | 'interprets_id'> & { unit_name: string; unit_path: string };

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

// --- interpretations (2020 要点 第7点: 解读随文件同步) ------------------------------------------

export async function interpretationsOf(db: DbOrTx, policyId: number, o: { publicOnly?: boolean } = {}): Promise<DocumentRef[]> {
  let q = db.selectFrom('documents as d').select(REF_COLS).where('d.interprets_id', '=', policyId);
  if (o.publicOnly) q = q.where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive');
  return q.orderBy('d.published_at').orderBy('d.id').execute();
}

function withoutInterpretation(db: DbOrTx, o: { scope?: string[]; unitIds?: number[]; from?: string; to?: string }) {
  let q = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .where('d.status', '=', 'published')
    .where('d.legal_form', 'in', ['regulation', 'normative', 'other_policy'])
    .where('d.interprets_id', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('documents as i').select('i.id').whereRef('i.interprets_id', '=', 'd.id').where('i.status', '=', 'published'),
    )));
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitIds?.length) q = q.where('d.unit_id', 'in', o.unitIds);
  if (o.from) q = q.where('d.publish_date', '>=', o.from);
  if (o.to) q = q.where('d.publish_date', '<=', o.to);
  return q;
}

/** Published policy documents (规章, 规范性文件, 其他政策文件) that have no published interpretation. */
export async function policiesWithoutInterpretation(
  db: DbOrTx,
  o: { scope?: string[]; unitIds?: number[]; from?: string; to?: string; limit?: number } = {},
): Promise<(DocumentRef & { unit_name: string })[]> {
  return withoutInterpretation(db, o).select([...REF_COLS, 'u.name as unit_name'])
    .orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(o.limit ?? 200).execute();
}

/** How many there are (the dashboard figure). */
export async function policiesWithoutInterpretationCount(db: DbOrTx, o: { scope?: string[] } = {}): Promise<number> {
  return Number((await withoutInterpretation(db, o).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

// --- versions -----------------------------------------------------------------------------------

export interface VersionInfo {
  version: number;
  change_note: string | null;
  created_by: number | null;
  created_by_name: string;
  created_at: Date;
}

export async function listVersions(db: DbOrTx, documentId: number): Promise<VersionInfo[]> {
  return db.selectFrom('document_versions').select(['version', 'change_note', 'created_by', 'created_by_name', 'created_at'])
    .where('document_id', '=', documentId).orderBy('version', 'desc').execute();
}

export async function getVersionSnapshot(db: DbOrTx, documentId: number, version: number): Promise<VersionSnapshot | undefined> {
  const r = await db.selectFrom('document_versions').select('snapshot').where('document_id', '=', documentId).where('version', '=', version).executeTakeFirst();
  if (!r) return undefined;
  return (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as VersionSnapshot;
}

/** diff.ts between two stored versions (undefined when either is missing). */
export async function diffDocumentVersions(db: DbOrTx, documentId: number, from: number, to: number): Promise<VersionDiff | undefined> {
  const [a, b] = await Promise.all([getVersionSnapshot(db, documentId, from), getVersionSnapshot(db, documentId, to)]);
  return a && b ? diffVersions(a, b) : undefined;
}

// --- attachments --------------------------------------------------------------------------------

export async function attachmentsOf(db: DbOrTx, documentId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('document_attachments').select(ATT_COLS).where('document_id', '=', documentId).orderBy('position').orderBy('id').execute();
}

/** An attachment with what access needs: its document's status, disclosure and unit path. */
export async function getAttachment(db: DbOrTx, id: number): Promise<(AttachmentRow & { status: DocumentStatus; disclosure: string; unit_path: string; unit_id: number }) | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  return db.selectFrom('document_attachments as a').innerJoin('documents as d', 'd.id', 'a.document_id').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['a.id', 'a.document_id', 'a.position', 'a.filename', 'a.kind', 'a.mime', 'a.size', 'a.sha256', 'a.text_state', 'a.created_by', 'a.created_at', 'd.status', 'd.disclosure', 'u.path as unit_path', 'd.unit_id'])
    .where('a.id', '=', id).executeTakeFirst();
}

// --- sitemap ------------------------------------------------------------------------------------

export async function publicDocumentIds(db: DbOrTx, o: { afterId?: number; limit?: number } = {}): Promise<{ id: number; unit_slug: string; updated_at: Date; published_at: Date }[]> {
  return db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'u.slug as unit_slug', 'd.updated_at', sql<Date>`d.published_at`.as('published_at')])
    .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive')
    .where('d.id', '>', o.afterId ?? 0).orderBy('d.id').limit(Math.min(50_000, o.limit ?? 50_000)).execute();
}
