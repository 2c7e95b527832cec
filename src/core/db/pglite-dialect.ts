/**
 * A Kysely dialect for the embedded PGlite database. PGlite is one PostgreSQL session in WASM, so
 * "connections" are handed out one at a time through a queue: a transaction holds the only
 * connection until it commits, and nothing else interleaves with it. Everything else (SQL, adapter,
 * introspection) is Kysely's own PostgreSQL dialect.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';
import { PREPARED, queryPrepared } from './pglite-prepared.ts';

export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    return prev.then(() => release);
  }
}

const mutexes = new WeakMap<PGlite, Mutex>();
/**
 * The one lock of a PGlite session, shared by every Kysely instance on it and by the CLI socket
 * (socket.ts): whoever holds it owns the session until it releases it.
 */
export function pgliteMutex(pg: PGlite): Mutex {
  let m = mutexes.get(pg);
  if (!m) mutexes.set(pg, (m = new Mutex()));
  return m;
}

class PGliteConnection implements DatabaseConnection {
  constructor(private pg: PGlite) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const name = PREPARED.get(q.sql);
    const r = name ? await queryPrepared<R>(this.pg, name, q.sql, q.parameters) : await this.pg.query<R>(q.sql, [...q.parameters]);
    const cmd = (r as { command?: string }).command;
    const affected = cmd && /^(INSERT|UPDATE|DELETE|MERGE)$/.test(cmd) ? BigInt(r.affectedRows ?? 0) : undefined;
    return { rows: r.rows, numAffectedRows: affected };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

class PGliteDriver implements Driver {
  private mutex: Mutex;
  private releases = new WeakMap<DatabaseConnection, () => void>();
  private conn: PGliteConnection;
  constructor(private pg: PGlite) {
    this.conn = new PGliteConnection(pg);
    this.mutex = pgliteMutex(pg);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    // a fresh wrapper per acquisition so release is tied to this holder
    const c = Object.create(this.conn) as PGliteConnection;
    this.releases.set(c, release);
    return c;
  }
  async beginTransaction(c: DatabaseConnection, s: TransactionSettings) {
    await c.executeQuery(CompiledQuery.raw(s.isolationLevel ? `begin isolation level ${s.isolationLevel}` : 'begin'));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection) {
    this.releases.get(c)?.();
    this.releases.delete(c);
  }
  async destroy() {
    await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private pg: PGlite) {}
  createAdapter() { return new PostgresAdapter(); }
  createDriver() { return new PGliteDriver(this.pg); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
  createIntrospector(db: Kysely<unknown>) { return new PostgresIntrospector(db); }
}
