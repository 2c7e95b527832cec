/**
 * Reads of the catalog: a unit's columns (as a tree), 专题 topics, and per-column freshness for
 * the monitor (国办秘函〔2019〕19号 "栏目不更新": dynamic columns 2 weeks, notices/policies 6 months).
 *
 *   columnsOfUnit(db, unitId, {enabledOnly}) → ColumnNode[] (roots, children nested, in order)
 *   columnBySlug(db, unitId, slug) / columnById(db, id)   → ColumnRow | undefined
 *   listTopics(db, {activeOnly}) → TopicNode[];  topicByKey(db, key) → TopicRow | undefined
 *   columnFreshness(db, unitId) → [{column_id, slug, name_zh, column_type, documents, last_published_at}]
 *   indexPatternOf(db, unitId) → string (DEFAULT_INDEX_PATTERN unless the unit set one)
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { DocColumnsTable, DocTopicsTable } from './tables.ts';
import { DEFAULT_INDEX_PATTERN } from '../domain/indexno.ts';

export type ColumnRow = Selectable<DocColumnsTable>;
export type TopicRow = Selectable<DocTopicsTable>;
export interface ColumnNode extends ColumnRow {
  children: ColumnNode[];
}
export interface TopicNode extends TopicRow {
  children: TopicNode[];
}

function tree<T extends { id: number; parent_id: number | null }>(rows: T[]): (T & { children: (T & { children: unknown[] })[] })[] {
  type N = T & { children: N[] };
  const nodes = new Map<number, N>(rows.map((r) => [r.id, { ...r, children: [] as N[] }]));
  const roots: N[] = [];
  for (const r of rows) {
    const n = nodes.get(r.id)!;
    const p = r.parent_id === null ? undefined : nodes.get(r.parent_id);
    if (p) p.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Rows of one unit's columns (ordered by sort, id) as a tree. */
export const columnTree = (rows: ColumnRow[]): ColumnNode[] => tree(rows) as ColumnNode[];

export async function columnsOfUnit(db: DbOrTx, unitId: number, o: { enabledOnly?: boolean } = {}): Promise<ColumnNode[]> {
  let q = db.selectFrom('doc_columns').selectAll().where('unit_id', '=', unitId);
  if (o.enabledOnly) q = q.where('enabled', '=', true);
  const rows = await q.orderBy('sort').orderBy('id').execute();
  return tree(rows) as ColumnNode[];
}

export async function columnBySlug(db: DbOrTx, unitId: number, slug: string): Promise<ColumnRow | undefined> {
  return db.selectFrom('doc_columns').selectAll().where('unit_id', '=', unitId).where('slug', '=', slug).executeTakeFirst();
}

export async function columnById(db: DbOrTx, id: number): Promise<ColumnRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  return db.selectFrom('doc_columns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTopics(db: DbOrTx, o: { activeOnly?: boolean } = {}): Promise<TopicNode[]> {
  let q = db.selectFrom('doc_topics').selectAll();
  if (o.activeOnly) q = q.where('active', '=', true);
  const rows = await q.orderBy('sort').orderBy('id').execute();
  return tree(rows) as TopicNode[];
}

export async function topicByKey(db: DbOrTx, key: string): Promise<TopicRow | undefined> {
  return db.selectFrom('doc_topics').selectAll().where('key', '=', key).executeTakeFirst();
}

export interface ColumnFreshness {
  column_id: number;
  slug: string;
  name_zh: string;
  column_type: string;
  parent_id: number | null;
  documents: number;
  last_published_at: Date | null;
}

/** Per enabled column of a unit: how many public documents it holds directly and when it last got one. */
export async function columnFreshness(db: DbOrTx, unitId: number): Promise<ColumnFreshness[]> {
  const rows = await db
    .selectFrom('doc_columns as c')
    .leftJoin('document_columns as dc', 'dc.column_id', 'c.id')
    .leftJoin('documents as d', (j) => j.onRef('d.id', '=', 'dc.document_id').on('d.status', '=', 'published').on('d.disclosure', '=', 'proactive'))
    .select(['c.id as column_id', 'c.slug', 'c.name_zh', 'c.column_type', 'c.parent_id', sql<number>`count(d.id)`.as('documents'), sql<Date | null>`max(d.published_at)`.as('last_published_at')])
    .where('c.unit_id', '=', unitId)
    .where('c.enabled', '=', true)
    .groupBy(['c.id', 'c.slug', 'c.name_zh', 'c.column_type', 'c.parent_id', 'c.sort'])
    .orderBy('c.sort').orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, documents: Number(r.documents) }));
}

export async function indexPatternOf(db: DbOrTx, unitId: number): Promise<string> {
  const r = await db.selectFrom('document_unit_settings').select('index_pattern').where('unit_id', '=', unitId).executeTakeFirst();
  return r?.index_pattern ?? DEFAULT_INDEX_PATTERN;
}
