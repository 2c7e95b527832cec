/**
 * Opening the embedded database safely (security audit F2). One process owns a data dir at a
 * time (lock.ts):
 *  - the server (`npm start`, `gongkai worker`) takes the lock, opens PGlite, migrates, and
 *    serves the session on the data dir's socket (socket.ts) for the CLI;
 *  - a CLI command takes the lock when nobody holds it (server stopped) and opens the files
 *    itself; when the server holds it, it connects to the server's socket instead;
 *  - anything else (a second server, a CLI while another CLI runs, a server still starting)
 *    waits a little, then stops with a message in both languages (DataDirBusy).
 * PostgreSQL (DATABASE_URL) needs none of this: the server takes care of concurrent sessions.
 */
import { sql } from 'kysely';
import { openDatabase, type Database } from './index.ts';
import { acquireLock, DataDirBusy, readLock, type DataDirLock, type LockInfo } from './lock.ts';
import { allMigrations, migrateToLatest } from './migrate.ts';
import { pgliteMutex } from './pglite-dialect.ts';
import { servePGlite, socketDirFor } from './socket.ts';

export type Role = 'server' | 'cli';

export interface EmbeddedOptions {
  role: Role;
  /** shown to other processes in the lock (e.g. "web", "import documents") */
  command: string;
  migrate?: boolean;
  /** how long to wait for a holder that does not (yet) serve the socket; default 30 s (CLI), 120 s (server, waiting for a CLI) */
  waitMs?: number;
  /** called once when we start waiting, with the holder */
  onWait?: (holder: LockInfo) => void;
  log?: (msg: string, err?: unknown) => void;
}

/** The command line as the lock shows it: "import documents FILE" rather than a path to tsx. */
export function commandLine(argv: string[] = process.argv): string {
  const i = argv.findIndex((a) => /(gongkai(\.js)?|main\.ts|cli[\\/]index\.ts)$/.test(a));
  return (i >= 0 ? argv.slice(i + 1) : argv.slice(2)).join(' ').slice(0, 200) || 'gongkai';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Migrations this code knows that the database has not run, and the reverse. */
export async function migrationGap(database: Database): Promise<{ missing: string[]; unknown: string[] }> {
  const known = Object.keys(allMigrations()).sort();
  let done: string[] = [];
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    done = rows.map((r) => r.name);
  } catch {
    done = [];
  }
  return { missing: known.filter((k) => !done.includes(k)), unknown: done.filter((d) => !known.includes(d)) };
}

export class VersionMismatch extends Error {}

async function openLocked(dataDir: string, lock: DataDirLock, o: EmbeddedOptions): Promise<Database> {
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: null, dataDir });
    if (o.migrate !== false) await migrateToLatest(database.db);
  } catch (e) {
    lock.release();
    throw e;
  }
  const pg = database.pglite!;
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const dispatch = (channel: string, payload: string) => {
    for (const fn of listeners.get(channel) ?? []) {
      try {
        fn(payload);
      } catch (err) {
        o.log?.('database notification handler failed', err);
      }
    }
  };
  let socket: Awaited<ReturnType<typeof servePGlite>> | null = null;
  if (o.role === 'server') {
    socket = await servePGlite(pg, socketDirFor(dataDir), { onNotification: dispatch, log: o.log });
    lock.setSocketDir(socket.dir);
  }
  const close = database.close;
  return {
    ...database,
    async listen(channel, fn) {
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        // under the session lock: LISTEN must not land inside a CLI's transaction
        const release = await pgliteMutex(pg).acquire();
        try {
          await pg.listen(channel, (payload) => dispatch(channel, payload));
        } finally {
          release();
        }
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      lock.setSocketDir(null);
      await socket?.close();
      try {
        await close();
      } finally {
        lock.release();
      }
    },
  };
}

async function openRemote(socketDir: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: null, socketDir });
  try {
    await sql`select 1`.execute(database.db);
    const gap = await migrationGap(database);
    if (gap.unknown.length || gap.missing.length) {
      throw new VersionMismatch([
        gap.unknown.length
          ? `错误：正在运行的服务比本命令行版本新（数据库已有本版本不认识的迁移：${gap.unknown.join(', ')}）。请使用与服务相同版本的 gongkai。`
          : `错误：正在运行的服务是旧版本（数据库缺少迁移：${gap.missing.join(', ')}）。请先重启服务（启动时自动升级数据库），再运行命令。`,
        gap.unknown.length
          ? `error: the running server is newer than this CLI (the database has migrations this version does not know: ${gap.unknown.join(', ')}). Use the same gongkai version as the server.`
          : `error: the running server is an older version (the database lacks migrations ${gap.missing.join(', ')}). Restart the server first (it upgrades the database at start), then run the command.`,
      ].join('\n'));
    }
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/**
 * Opens the embedded database in DATA_DIR for this role, as described above. Throws DataDirBusy
 * (message in both languages) when that is impossible after waiting.
 */
export async function openEmbedded(dataDir: string, o: EmbeddedOptions): Promise<Database> {
  const waitMs = o.waitMs ?? (o.role === 'cli' ? 30_000 : 120_000);
  const deadline = Date.now() + waitMs;
  let waited = false;
  for (;;) {
    let lock: DataDirLock;
    try {
      lock = acquireLock(dataDir, { role: o.role, command: o.command });
    } catch (e) {
      if (!(e instanceof DataDirBusy)) throw e;
      const h = e.holder;
      if (o.role === 'cli' && h.socketDir) {
        try {
          return await openRemote(h.socketDir);
        } catch (err) {
          if (err instanceof VersionMismatch) throw err;
          // the server is stopping, or its socket is gone: look at the lock again
          const now = readLock(dataDir);
          if (now && now.nonce === h.nonce && now.socketDir && Date.now() > deadline) throw err;
        }
      } else if (o.role === 'server' && h.role === 'server') {
        throw e; // a second server never waits: it is a mistake, say so at once
      }
      if (Date.now() > deadline) throw e;
      if (!waited) o.onWait?.(h);
      waited = true;
      await sleep(250);
      continue;
    }
    return openLocked(dataDir, lock, o);
  }
}
