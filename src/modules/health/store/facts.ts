/**
 * What the checks read, from the database only (never by fetching pages): the units of the run,
 * their columns with counts and last publish dates, published documents in batches, policies without
 * 解读, open messages, and the link index (documents, attachments, slugs, the route table).
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { LinkIndex } from '../domain/links.ts';

export interface UnitFacts { id: number; code: string; name: string; slug: string; path: string; last_publish: string | null }

export async function unitsOf(db: DbOrTx, scopePath: string | null): Promise<UnitFacts[]> {
  let q = db.selectFrom('units as u').where('u.active', '=', true)
    .select(['u.id', 'u.code', 'u.name', 'u.slug', 'u.path'])
    .select((eb) => eb.selectFrom('documents as d').whereRef('d.unit_id', '=', 'u.id').where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive')
      .select(sql<string | null>`max(d.publish_date)::text`.as('m')).as('last_publish'));
  if (scopePath) q = q.where('u.path', 'like', scopePath.replace(/[%_\\]/g, '\\$&') + '%');
  return (await q.orderBy('u.path').execute()) as UnitFacts[];
}

export interface ColumnRow { id: number; unit_id: number; slug: string; name_zh: string; column_type: string; first_level: boolean; has_children: boolean; count: number; last: string | null }

export async function columnsOf(db: DbOrTx, unitIds: number[]): Promise<ColumnRow[]> {
  if (!unitIds.length) return [];
  const r = await sql<ColumnRow>`
    select c.id, c.unit_id, c.slug, c.name_zh, c.column_type,
      (c.parent_id is null or p.parent_id is null) as first_level,
      exists (select 1 from doc_columns k where k.parent_id = c.id and k.enabled) as has_children,
      coalesce(s.n, 0)::int as count, s.last::text as last
    from doc_columns c
    left join doc_columns p on p.id = c.parent_id
    left join (
      select dc.column_id, count(*) as n, max(d.publish_date) as last
      from document_columns dc join documents d on d.id = dc.document_id
      where d.status = 'published' and d.disclosure = 'proactive'
      group by dc.column_id
    ) s on s.column_id = c.id
    where c.enabled and c.unit_id in (${sql.join(unitIds)})
    order by c.unit_id, c.sort, c.id`.execute(db);
  return r.rows;
}

export interface DocRow {
  id: number; unit_id: number; title: string; summary: string | null; body_html: string; body_text: string; index_no: string | null; publish_date: string | null;
  topic_code: string | null; legal_form: string; doc_number: string | null; written_date: string | null; validity: string | null; interprets_id: number | null; issuers: number;
}

/** Published, proactively disclosed documents of the units, `limit` at a time after id `after` (keyset, bounded memory). */
export async function documentBatch(db: DbOrTx, unitIds: number[], after: number, limit: number): Promise<DocRow[]> {
  if (!unitIds.length) return [];
  return (await db.selectFrom('documents as d')
    .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').where('d.unit_id', 'in', unitIds).where('d.id', '>', after)
    .select(['d.id', 'd.unit_id', 'd.title', 'd.summary', 'd.body_html', 'd.body_text', 'd.index_no', 'd.publish_date', 'd.topic_code', 'd.legal_form', 'd.doc_number', 'd.written_date', 'd.validity', 'd.interprets_id'])
    .select((eb) => eb.selectFrom('document_issuers as i').whereRef('i.document_id', '=', 'd.id').select(sql<number>`count(*)::int`.as('n')).as('issuers'))
    .orderBy('d.id').limit(limit).execute()) as DocRow[];
}

/** One document's facts in any status (the pre-publish warnings). */
export async function documentFacts(db: DbOrTx, id: number): Promise<DocRow | undefined> {
  return (await db.selectFrom('documents as d').where('d.id', '=', id)
    .select(['d.id', 'd.unit_id', 'd.title', 'd.summary', 'd.body_html', 'd.body_text', 'd.index_no', 'd.publish_date', 'd.topic_code', 'd.legal_form', 'd.doc_number', 'd.written_date', 'd.validity', 'd.interprets_id'])
    .select((eb) => eb.selectFrom('document_issuers as i').whereRef('i.document_id', '=', 'd.id').select(sql<number>`count(*)::int`.as('n')).as('issuers'))
    .executeTakeFirst()) as DocRow | undefined;
}

export async function uninterpreted(db: DbOrTx, unitIds: number[]): Promise<{ id: number; unit_id: number; title: string; legal_form: string; publish_date: string | null }[]> {
  if (!unitIds.length) return [];
  return db.selectFrom('documents as d')
    .where('d.status', '=', 'published').where('d.legal_form', 'in', ['regulation', 'normative', 'other_policy']).where('d.interprets_id', 'is', null).where('d.unit_id', 'in', unitIds)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('documents as i').select('i.id').whereRef('i.interprets_id', '=', 'd.id').where('i.status', '=', 'published'))))
    .select(['d.id', 'd.unit_id', 'd.title', 'd.legal_form', 'd.publish_date']).orderBy('d.id').execute();
}

export async function openMessages(db: DbOrTx, unitIds: number[], asOf: string): Promise<{ id: number; unit_id: number; tracking_no: string; status: string; received_on: string; due_on: string }[]> {
  if (!unitIds.length) return [];
  return db.selectFrom('messages').where('unit_id', 'in', unitIds).where('status', 'in', ['received', 'assigned']).where('due_on', '<', asOf)
    .select(['id', 'unit_id', 'tracking_no', 'status', 'received_on', 'due_on']).orderBy('id').execute();
}

/** The link index over the whole cluster (links cross units), plus the GET routes the server last recorded. */
export async function linkIndex(db: DbOrTx): Promise<LinkIndex> {
  const [docs, atts, units, routes, library] = await Promise.all([
    db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').select(['d.id', 'u.slug']).execute(),
    db.selectFrom('document_attachments as a').innerJoin('documents as d', 'd.id', 'a.document_id').where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').select(['a.id', 'a.document_id']).execute(),
    db.selectFrom('units').where('active', '=', true).select('slug').execute(),
    getMeta<string[]>(db, 'routes'),
    libraryKeys(db),
  ]);
  return { documents: new Map(docs.map((d) => [d.id, d.slug])), attachments: new Set(atts.map((a) => `${a.document_id}/${a.id}`)), slugs: new Set(units.map((u) => u.slug)), routes: routes ?? [], library };
}

/** The media library keys served at /library/<key>: items of active units (all of them, or just `keys`). */
export async function libraryKeys(db: DbOrTx, keys?: string[]): Promise<Set<string>> {
  if (keys && !keys.length) return new Set();
  let q = db.selectFrom('library_items as i').innerJoin('units as u', 'u.id', 'i.unit_id').where('u.active', '=', true).select('i.key');
  if (keys) q = q.where('i.key', 'in', keys);
  return new Set((await q.execute()).map((r) => r.key));
}

export async function getMeta<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const r = await db.selectFrom('health_meta').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as T : undefined;
}

export async function setMeta(db: DbOrTx, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  await db.insertInto('health_meta').values({ key, value: v }).onConflict((oc) => oc.column('key').doUpdateSet({ value: v, updated_at: new Date() })).execute();
}
