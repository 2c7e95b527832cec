/**
 * The database: PostgreSQL dialect only. Embedded PGlite (on disk in the data dir) by default; a
 * PostgreSQL server when DATABASE_URL is set. Both get the same type parsing: `date` columns come
 * back as 'YYYY-MM-DD' strings (legal dates are calendar days, never instants), int8 as numbers.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.ts';
import { PREPARED } from './pglite-prepared.ts';
import { AdvisoryLocks } from './locks.ts';
import { SOCKET_PORT } from './socket.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Db | Tx;
export { sql };

const DATE_OID = 1082;
const INT8_OID = 20;
const parseInt8 = (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
};

pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, parseInt8);

/**
 * Marks a hot query's exact SQL text (run it with `CompiledQuery.raw(text, params)`): on PostgreSQL
 * each pooled connection then parses and plans it once, as a named prepared statement, and reuses
 * the plan; on PGlite the session does the same (pglite-prepared.ts). Returns the text.
 */
export function prepared(name: string, text: string): string {
  PREPARED.set(text, `gk_${name}`);
  return text;
}

/** pg's client, sending the texts registered with `prepared` as named statements. */
class PreparingClient extends pg.Client {}
/** pg's own query, looked up at each call so that a tool patching pg.Client (bench/staff.ts BENCH_PROFILE) sees every query. */
const plainQuery = (self: pg.Client, ...a: unknown[]) => (pg.Client.prototype.query as (...x: unknown[]) => unknown).apply(self, a);
(PreparingClient.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (args.length === 2 && typeof args[0] === 'string' && Array.isArray(args[1])) {
    const name = PREPARED.get(args[0]);
    if (name) return plainQuery(this, { name, text: args[0], values: args[1] });
  }
  return plainQuery(this, ...args);
};

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** the PGlite instance, when embedded in this process (for snapshots in tests) */
  pglite?: PGlite;
  /** true when this process reaches the embedded database through the server's socket (socket.ts) */
  remote?: boolean;
  /**
   * Embedded server only: LISTEN in the one session and call `fn` for each NOTIFY on the channel,
   * whether it came from this process or from a CLI through the socket. Returns "unlisten".
   */
  listen?(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * PostgreSQL only: session advisory locks on a connection of their own (locks.ts), so that a
   * holder does not keep one of the pool's connections while its work needs others.
   */
  locks?: AdvisoryLocks;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl: string | null;
  dataDir?: string;
  /** in-memory PGlite, optionally loaded from a snapshot (tests) */
  memory?: boolean;
  loadDataDir?: Blob;
  /** embedded database served by another process on this socket directory (socket.ts) */
  socketDir?: string;
  /** PostgreSQL: run in this schema (tests create one per file) */
  schema?: string;
  poolSize?: number;
}

export async function openDatabase(o: DbOptions): Promise<Database> {
  if (o.databaseUrl) {
    const options = o.schema ? `-c search_path=${o.schema},public` : undefined;
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize ?? 10, Client: PreparingClient, options });
    // No JIT compilation for our queries: PostgreSQL compiles a query whose *estimated* cost passes
    // jit_above_cost, and a plan with a costly branch that never runs (the 法定主动公开内容 counts'
    // sub-column count) spent 276 ms compiling for a 1 ms answer (#15, bench:sweep at 500,000
    // documents). A session setting, not a startup option, so that a pooler in front (PgBouncer) is
    // not asked for an unsupported startup parameter; the client runs it before any other query.
    pool.on('connect', (client) => void client.query('set jit = off').catch(() => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const locks = new AdvisoryLocks({ connectionString: o.databaseUrl, options });
    return { db, kind: 'postgres', locks, close: async () => { await locks.close(); await db.destroy(); } };
  }
  if (o.socketDir) {
    // one connection: PGlite is one session, and the relay serialises it with the server's queries
    const pool = new pg.Pool({ host: o.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'pglite', remote: true, close: () => db.destroy() };
  }
  let dir: string | undefined;
  if (!o.memory) {
    dir = join(o.dataDir ?? './data', 'pgdata');
    mkdirSync(dir, { recursive: true });
  }
  // GONGKAI_PGLITE_SHARED_BUFFERS_MB (validated with the rest of the configuration, config/env.ts): the
  // WASM heap holds the whole of shared_buffers from the start (resident, not just reserved), so
  // PostgreSQL's 128 MB default alone was a third of the server's memory (issue #15.4); the data files
  // stay in the operating system's cache. 16 MB: 29 MB less RSS than 32, the same page and search
  // speed on the demo city and on 5,000 documents (docs/perf-notes.md, stop 24).
  const sharedBuffersMb = Number(process.env.GONGKAI_PGLITE_SHARED_BUFFERS_MB ?? 16) || 16;
  const pglite = await PGlite.create({
    dataDir: dir,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`],
    loadDataDir: o.loadDataDir,
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

/** Run `fn` in a transaction; commands use this so their audit event commits (or not) with the change. */
export function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return (db as Db).transaction().execute(fn);
}
