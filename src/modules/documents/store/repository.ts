/**
 * Typed reads of documents. Nothing here checks the policy: public readers use the `Public`
 * functions (published 主动公开 only), admin lists pass the caller's scope (`scopePaths(actor,
 * 'document.view')`) so filtering happens in SQL.
 *
 * API summary (for pages, feeds, API, reports):
 *   getDocument(db, id) / getDocumentByIndexNo(db, indexNo)   → DocumentDetail | undefined (any status)
 *   getPublicDocument(db, id)           → {kind:'ok', doc} | {kind:'withdrawn', …} | undefined
 *   interpretationsOf(db, policyId, {publicOnly})   → DocumentRef[]
 *   policiesWithoutInterpretation(db, {scope?, unitIds?, from?, to?, limit?}) → DocumentRef[]
 *   listVersions(db, id) / getVersionSnapshot(db, id, v) / diffDocumentVersions(db, id, a, b)
 *   attachmentsOf(db, id) / getAttachment(db, attachmentId)
 *   publicDocumentIds(db, {afterId, limit})  → sitemap rows
 *   lists: see repository-lists.ts (the public keyset list, the staff list and status counts)
 *   catalog: see repository-catalog.ts (columns, topics, freshness)
 *   validity: see repository-validity.ts (validity events and annual-report counts)
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import type { DocumentsTable, DocumentAttachmentsTable, DocumentStatus } from './tables.ts';
import { diffVersions, type VersionDiff, type VersionSnapshot } from '../domain/diff.ts';

export * from './repository-catalog.ts';
export * from './repository-validity.ts';
export * from './repository-lists.ts';

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
