/**
 * Background jobs. A small in-process scheduler runs each registered job on its interval; the
 * same jobs run in `gongkai worker` when GONGKAI_WORKER=false separates them from the web nodes.
 * Each job must be idempotent (it may run on several nodes); jobs that must run once per tick
 * take a PostgreSQL advisory lock.
 */
import { sql } from 'kysely';
import type { Database } from '../db/index.ts';
import type { Config } from '../../config/env.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';

export interface JobLogger {
  info(o: unknown, m?: string): void;
  warn(o: unknown, m?: string): void;
  error(o: unknown, m?: string): void;
}

export interface Job {
  name: string;
  everyMs: number;
  run(database: Database, cfg: Config, log: JobLogger): Promise<void>;
}

/** Modules append their jobs (scheduled publishing, reminders, index catch-up …). */
export const JOBS: Job[] = [
  { name: 'sessions.purge', everyMs: 3600_000, run: async (d) => purgeExpiredSessions(d.db) },
];

let lockKey = 7_000_000;
const keys = new Map<string, number>();

export async function runJobOnce(job: Job, database: Database, cfg: Config, log: JobLogger): Promise<boolean> {
  if (!keys.has(job.name)) keys.set(job.name, lockKey++);
  const key = keys.get(job.name)!;
  if (database.kind === 'pglite') {
    // one process owns the embedded database: no other node can run the job, and holding its only
    // connection for a lock would block the job's own queries
    try {
      await job.run(database, cfg, log);
    } catch (err) {
      log.error({ err, job: job.name }, 'job failed');
    }
    return true;
  }
  return database.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return false;
    try {
      await job.run(database, cfg, log);
    } catch (err) {
      log.error({ err, job: job.name }, 'job failed');
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
    return true;
  });
}

export async function startJobs(database: Database, cfg: Config, log: JobLogger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const job of JOBS) {
    const tick = () => {
      const p = runJobOnce(job, database, cfg, log).finally(() => running.delete(p));
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs));
    setTimeout(tick, 2_000).unref();
  }
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
