/**
 * A unit's column tree, read once per change instead of once per uncached page (issue #15 item 1).
 *
 * Every public page of a unit needs its enabled column tree (the breadcrumb of a document, the walk
 * of a column URL). As JSON it is ~10 KB for the 28 columns of a standard catalog, and parsing it,
 * turning its dates and building the tree took ~0.27 ms of the ~1.9 ms an uncached document page
 * costs in CPU. The tree changes only when staff edit the catalog, so:
 *
 *   doc_catalog_version (one row)  a random token, replaced by a statement-level trigger after every
 *       insert, update, delete or truncate of doc_columns, in the same transaction as the change;
 *   the page query passes the key of its cached tree (`token:unitId`, `cachedTree`) and gets the
 *       tree's JSON only when that is not the current key (`columnsJsonUnlessCached`), with the
 *       current key;
 *   `columnTreeOf` keeps the parsed, frozen tree per database handle and unit slug, with its key.
 *
 * The check is in the page's one query, so every app node sees an edit on its next read — no
 * notification needed — and a token (not a counter) cannot come back after a restore from backup.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { ColumnNode, ColumnRow } from './repository-catalog.ts';
import { columnTree } from './repository-catalog.ts';

export const columnTreeMigrations: Record<string, Migration> = {
  '1180_documents_catalog_version': {
    async up(db: Kysely<unknown>) {
      await sql`create table doc_catalog_version (only_row boolean primary key default true check (only_row), token text not null)`.execute(db);
      await sql`insert into doc_catalog_version (token) values (md5(random()::text || clock_timestamp()::text))`.execute(db);
      await sql`create function gk_doc_catalog_changed() returns trigger language plpgsql as $$
        begin
          update doc_catalog_version set token = md5(random()::text || clock_timestamp()::text);
          return null;
        end $$`.execute(db);
      await sql`create trigger doc_columns_catalog_version after insert or update or delete or truncate on doc_columns
        for each statement execute function gk_doc_catalog_changed()`.execute(db);
    },
  },
};

/** SQL: the current catalog token. */
export const CATALOG_VERSION = `(select token from doc_catalog_version)`;

/**
 * SQL: the enabled columns of unit `u` as JSON, or null when `$param` is the key of the tree cached
 * for this unit at the current token (`token:unitId` — a slug that moves to another unit misses).
 */
export const columnsJsonUnlessCached = (param: string) => `case when ${param}::text = ${CATALOG_VERSION} || ':' || u.id then null else
  (select coalesce(json_agg(c order by c.sort, c.id), '[]'::json) from doc_columns c where c.unit_id = u.id and c.enabled) end`;

export interface Cached {
  key: string;
  tree: ColumnNode[];
}
/** database handle → unit slug → tree; a handle is one database (tests open many in one process) */
const trees = new WeakMap<object, Map<string, Cached>>();
const MAX_UNITS = 5000;

function frozen<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) frozen(v);
    Object.freeze(o);
  }
  return o;
}

/** The tree this process holds for the unit at `unitSlug`, if any: a read passes its key to the page query
 * and keeps the entry itself, so a newer tree stored by a concurrent request cannot take it away. */
export function cachedTree(db: DbOrTx, unitSlug: string): Cached | undefined {
  return trees.get(db)?.get(unitSlug);
}

/**
 * The column tree of the unit at `unitSlug`: built from `json` when the query sent it (and kept,
 * frozen: callers share it and must not change it), else `held` — the entry whose key the read sent,
 * which the database has just confirmed current.
 */
export function columnTreeOf(db: DbOrTx, unitSlug: string, key: string, json: Record<string, unknown>[] | null, held: Cached | undefined): ColumnNode[] {
  if (json === null) {
    if (held && held.key === key) return held.tree;
    throw new Error(`column tree of /u/${unitSlug}/: the query sent no columns and the read held none under ${key}`);
  }
  let perDb = trees.get(db);
  if (!perDb) trees.set(db, (perDb = new Map()));
  for (const c of json) if (typeof c.created_at === 'string') c.created_at = new Date(c.created_at);
  const tree = frozen(columnTree(json as unknown as ColumnRow[]));
  if (perDb.size >= MAX_UNITS) perDb.clear();
  perDb.set(unitSlug, { key, tree });
  return tree;
}
