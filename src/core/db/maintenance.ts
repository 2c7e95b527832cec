/**
 * Housekeeping of the embedded database (PGlite), which has no autovacuum: PostgreSQL's background
 * workers do not exist in a single-process WebAssembly build, and its statistics collector does not
 * count changes there either (n_mod_since_analyze stays 0). Left alone, an embedded site's tables are
 * never analyzed — the planner keeps the estimates of the empty tables the migrations created
 * (reltuples −1) however many documents are imported — and never vacuumed: dead rows stay, and an
 * empty visibility map makes every index-only scan read the table too.
 *
 * So a job does here what autovacuum does on a PostgreSQL server (where this does nothing):
 *   - every hour, `vacuum (analyze)` each table that was never analyzed or whose size moved by more
 *     than a fifth (and 8 pages) since its last analysis — a table that grew by imports or churned by
 *     edits; the file size is the only change count PGlite keeps;
 *   - once a night (03:00–04:00 Shanghai time), `vacuum (analyze)` of the whole database, for the
 *     changes that do not move a table's size (updates into free space, deletions).
 * The database is one session: the site waits while it runs (0.2 s for a small site, seconds after
 * a large import), which is why the full pass is at night and the hourly one touches changed tables only.
 */
import { sql } from 'kysely';
import type { Database } from './index.ts';

/** The Shanghai hour (0–23) of the nightly full pass. */
export const NIGHTLY_HOUR = 3;

export interface Maintenance {
  /** the tables vacuumed and analyzed ('*': the whole database) */
  tables: string[];
  ms: number;
}

/** Tables whose statistics no longer describe them: never analyzed, or the size moved by > 20 % (and 8 pages). */
export async function staleTables(d: Database): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
      and pg_relation_size(c.oid) > 0
      and (c.reltuples < 0 or abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > greatest(8, c.relpages / 5))
    order by c.relname`.execute(d.db);
  return r.rows.map((x) => x.name);
}

/**
 * One maintenance pass on the embedded database (null on PostgreSQL, whose autovacuum does this):
 * the stale tables, or everything with `full`.
 */
export async function maintainEmbedded(d: Database, o: { full?: boolean } = {}): Promise<Maintenance | null> {
  if (d.kind !== 'pglite' || !d.pglite) return null;
  const t0 = performance.now();
  const tables = o.full ? ['*'] : await staleTables(d);
  if (o.full) await d.pglite.exec('vacuum (analyze)');
  else for (const t of tables) await d.pglite.exec(`vacuum (analyze) "${t.replaceAll('"', '""')}"`);
  return { tables, ms: Math.round(performance.now() - t0) };
}

/** The Shanghai hour of `now`. */
export const shanghaiHour = (now: Date = new Date()): number => (now.getUTCHours() + 8) % 24;
