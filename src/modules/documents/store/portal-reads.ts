/**
 * The reads of an uncached public page, one query per page kind (issue #15): a miss used to cost
 * the document page 11 queries and a column list 4, each a round trip to the database.
 *
 *   documentPageRead(db, unitSlug, id) → the unit at /u/<slug>/, the document with its unit,
 *       issuers, columns, topics, attachments, linked and interpreting documents (with their units'
 *       slugs), the page's Last-Modified and the unit's enabled column tree — one query;
 *   unitColumnsRead(db, unitSlug) → the unit and its enabled column tree — one query (a column
 *       list then reads its page with `publicDocumentPage`, also one query).
 *
 * The document itself comes as one JSON value (`to_json(d)`): one JSON.parse instead of ~50 columns
 * each parsed by its type (a third of the read's CPU). The JSON parts come back with timestamps as
 * strings: `dates` turns them into Date as the row-by-row reads in repository.ts return them
 * (portal-reads.db.test.ts checks the two reads agree on every document of a corpus). The texts are `prepared` (named statements on
 * PostgreSQL, planned once per connection). The column tree comes as JSON only when this process has
 * not cached it at the catalog's current token (column-tree.ts): it is shared and frozen.
 */
import { CompiledQuery } from 'kysely';
import { prepared, type DbOrTx } from '../../../core/db/index.ts';
import type { UnitRow } from '../../units/repository.ts';
import type { ColumnNode, DocumentDetail, DocumentRef, DocumentRow } from './repository.ts';
import { CATALOG_VERSION, cachedTree, columnTreeOf, columnsJsonUnlessCached, type Cached } from './column-tree.ts';

const UNIT = `(select u.*, p.code as parent_code from units u left join units p on p.id = u.parent_id where u.slug = $1)`;
// the tree only when this process has not cached it at the current catalog token (column-tree.ts)
const COLUMNS = (param: string) => `${columnsJsonUnlessCached(param)} as columns_json, ${CATALOG_VERSION} || ':' || u.id as columns_key`;
const REF = (alias: string) => `json_build_object('id', ${alias}.id, 'index_no', ${alias}.index_no, 'title', ${alias}.title, 'status', ${alias}.status,
  'disclosure', ${alias}.disclosure, 'publish_date', ${alias}.publish_date, 'published_at', ${alias}.published_at, 'unit_id', ${alias}.unit_id,
  'interpretation_kind', ${alias}.interpretation_kind, 'unit_slug', ru.slug)`;
const ONE_REF = (col: string) => `(select ${REF('r')} from documents r join units ru on ru.id = r.unit_id where r.id = d.${col})`;

export const DOCUMENT_PAGE = prepared('document_page', `
select to_json(u) as unit_json, ${COLUMNS('$3')}, to_json(d) as doc_json,
  (select json_build_object('id', x.id, 'code', x.code, 'name', x.name, 'short_name', x.short_name, 'slug', x.slug, 'path', x.path, 'type', x.type)
     from units x where x.id = d.unit_id) as doc_unit_json,
  (select coalesce(json_agg(json_build_object('position', i.position, 'unit_id', i.unit_id, 'name', i.name, 'unit_code', iu.code, 'unit_slug', iu.slug) order by i.position), '[]'::json)
     from document_issuers i left join units iu on iu.id = i.unit_id where i.document_id = d.id) as issuers_json,
  (select coalesce(json_agg(json_build_object('id', c.id, 'unit_id', c.unit_id, 'slug', c.slug, 'name_zh', c.name_zh, 'name_en', c.name_en, 'column_type', c.column_type) order by c.unit_id, c.sort, c.id), '[]'::json)
     from document_columns dc join doc_columns c on c.id = dc.column_id where dc.document_id = d.id) as doc_columns_json,
  (select coalesce(json_agg(json_build_object('id', t.id, 'key', t.key, 'slug', t.slug, 'name_zh', t.name_zh, 'name_en', t.name_en, 'parent_id', t.parent_id) order by t.key), '[]'::json)
     from document_topics dt join doc_topics t on t.id = dt.topic_id where dt.document_id = d.id) as topics_json,
  (select coalesce(json_agg(json_build_object('id', a.id, 'document_id', a.document_id, 'position', a.position, 'filename', a.filename, 'kind', a.kind, 'mime', a.mime,
            'size', a.size, 'sha256', a.sha256, 'text_state', a.text_state, 'created_by', a.created_by, 'created_at', a.created_at) order by a.position, a.id), '[]'::json)
     from document_attachments a where a.document_id = d.id) as attachments_json,
  (select coalesce(json_agg(${REF('r')} order by r.published_at, r.id), '[]'::json)
     from documents r join units ru on ru.id = r.unit_id where r.interprets_id = d.id) as interpretations_json,
  ${ONE_REF('interprets_id')} as interprets_json,
  ${ONE_REF('amended_by_id')} as amended_by_json,
  ${ONE_REF('repealed_by_id')} as repealed_by_json,
  (select max(x.updated_at) from documents x where x.id in (d.id, d.interprets_id, d.amended_by_id, d.repealed_by_id) or x.interprets_id = d.id) as page_last_modified
from ${UNIT} u left join documents d on d.id = $2`);

const UNIT_COLUMNS = prepared('unit_columns', `select to_json(u) as unit_json, ${COLUMNS('$2')} from ${UNIT} u`);

type Json = Record<string, unknown>;
/** documents' timestamptz columns (its date columns stay 'YYYY-MM-DD' strings, as core/db parses them) */
const DOC_TIMESTAMPS = ['publish_at', 'published_at', 'withdrawn_at', 'created_at', 'updated_at'] as const;
/** Timestamps inside JSON arrive as strings; the row-by-row reads give Date objects. */
export function dates<T>(o: Json, keys: readonly string[]): T {
  for (const k of keys) if (typeof o[k] === 'string') o[k] = new Date(o[k] as string);
  return o as T;
}
const unitOf = (j: Json) => dates<UnitRow>(j, ['created_at', 'updated_at']);
const columnsOf = (db: DbOrTx, slug: string, r: Json, held: Cached | undefined) => columnTreeOf(db, slug, r.columns_key as string, r.columns_json as Json[] | null, held);
type Ref = DocumentRef & { unit_slug: string };
const refOf = (j: Json | null) => (j ? dates<Ref>(j, ['published_at']) : null);

export interface DocumentPageRead {
  unit: UnitRow;
  columns: ColumnNode[];
  /** Any status (the caller applies `publicView`); undefined when there is no such document. */
  doc: DocumentDetail | undefined;
  /** unit id → slug of every linked or interpreting document's unit. */
  slugs: Record<number, string>;
  lastModified: Date | null;
}

/** undefined = no unit at /u/<slug>/ (inactive units included: their documents stay public). */
export async function documentPageRead(db: DbOrTx, unitSlug: string, id: number): Promise<DocumentPageRead | undefined> {
  const docId = Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647 ? id : 0;
  const held = cachedTree(db, unitSlug);
  const r = (await db.executeQuery<Json>(CompiledQuery.raw(DOCUMENT_PAGE, [unitSlug, docId, held?.key ?? '']))).rows[0];
  if (!r) return undefined;
  const unit = unitOf(r.unit_json as Json);
  const columns = columnsOf(db, unitSlug, r, held);
  if (!r.doc_json) return { unit, columns, doc: undefined, slugs: {}, lastModified: null };
  const row = dates<DocumentRow>(r.doc_json as Json, DOC_TIMESTAMPS);
  const { doc_unit_json, issuers_json, doc_columns_json, topics_json, attachments_json, interpretations_json, interprets_json, amended_by_json, repealed_by_json, page_last_modified } = r;
  const interpretations = (interpretations_json as Json[]).map((x) => refOf(x)!);
  const [interprets, amendedBy, repealedBy] = [interprets_json, amended_by_json, repealed_by_json].map((x) => refOf(x as Json | null));
  const slugs: Record<number, string> = {};
  for (const x of [interprets, amendedBy, repealedBy, ...interpretations]) if (x) slugs[x.unit_id] = x.unit_slug;
  const doc: DocumentDetail = {
    ...row,
    unit: doc_unit_json as DocumentDetail['unit'],
    issuers: issuers_json as DocumentDetail['issuers'],
    columns: doc_columns_json as DocumentDetail['columns'],
    topics: topics_json as DocumentDetail['topics'],
    attachments: (attachments_json as Json[]).map((a) => dates<DocumentDetail['attachments'][number]>(a, ['created_at'])),
    interpretations, interprets, amendedBy, repealedBy,
  };
  return { unit, columns, doc, slugs, lastModified: page_last_modified ? new Date(page_last_modified as string | Date) : null };
}

/** The unit at /u/<slug>/ and its enabled column tree; undefined = no such unit. */
export async function unitColumnsRead(db: DbOrTx, unitSlug: string): Promise<{ unit: UnitRow; columns: ColumnNode[] } | undefined> {
  const held = cachedTree(db, unitSlug);
  const r = (await db.executeQuery<Json>(CompiledQuery.raw(UNIT_COLUMNS, [unitSlug, held?.key ?? '']))).rows[0];
  return r ? { unit: unitOf(r.unit_json as Json), columns: columnsOf(db, unitSlug, r, held) } : undefined;
}
