/**
 * Background jobs. A small in-process scheduler runs each registered job on its interval; the
 * same jobs run in `gongkai worker` when GONGKAI_WORKER=false separates them from the web nodes.
 * Each job runs once per interval across all nodes: a run first claims the job's row in
 * `job_runs` (claimRun); on PostgreSQL an advisory lock also keeps runs from overlapping. Jobs
 * stay idempotent all the same (a node may die in mid-run; the next interval repeats the work).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../db/index.ts';
import type { Config } from '../../config/env.ts';
import { join } from 'node:path';
import { purgeExpiredSessions } from '../auth/sessions.ts';
import { purgeContactLog } from '../http/antispam.ts';
import { auditKeyring, CHECKPOINT_FILE, writeCheckpoint } from '../audit/index.ts';
import { maintainEmbedded, NIGHTLY_HOUR, shanghaiHour } from '../db/maintenance.ts';

export interface JobLogger {
  info(o: unknown, m?: string): void;
  warn(o: unknown, m?: string): void;
  error(o: unknown, m?: string): void;
}

export interface Job {
  name: string;
  everyMs: number;
  run(database: Database, cfg: Config, log: JobLogger): Promise<void>;
  /** run once more when the scheduler stops (shutdown), after the last tick finished */
  atShutdown?: boolean;
}

/**
 * Signs the audit head and appends it to GONGKAI_AUDIT_ANCHOR_DIR (security audit F4): outside the
 * database, so truncating or re-chaining the log is caught by `gongkai audit verify`. The same line
 * goes to the application log, a second copy out of the database's reach.
 */
async function auditCheckpoint(d: Database, cfg: Config, log: JobLogger) {
  const cp = await writeCheckpoint(d.db, auditKeyring(), join(cfg.auditAnchorDir, CHECKPOINT_FILE));
  if (cp) log.info({ auditCheckpoint: cp }, 'audit checkpoint');
}

/** The embedded database's vacuum and analyze (core/db/maintenance.ts; nothing on PostgreSQL). */
async function databaseMaintenance(d: Database, _cfg: Config, log: JobLogger) {
  const m = await maintainEmbedded(d, { full: shanghaiHour() === NIGHTLY_HOUR });
  if (m?.tables.length) log.info({ vacuumAnalyze: m.tables, ms: m.ms }, 'embedded database maintenance');
}

/** Modules append their jobs (scheduled publishing, reminders, index catch-up …). */
export const JOBS: Job[] = [
  { name: 'sessions.purge', everyMs: 3600_000, run: async (d) => purgeExpiredSessions(d.db) },
  { name: 'antispam.purge', everyMs: 24 * 3600_000, run: async (d) => purgeContactLog(d.db) },
  { name: 'audit.checkpoint', everyMs: 5 * 60_000, atShutdown: true, run: auditCheckpoint },
  { name: 'database.maintenance', everyMs: 3600_000, run: databaseMaintenance },
];

/** This process, as recorded in job_runs.last_node. */
export const NODE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * The advisory-lock key of a job: from its name, so every process and every release agrees on
 * it (it used to be the registration order, which differs between versions and module sets).
 * 48 bits of SHA-256, a safe integer, inside PostgreSQL's bigint key space.
 */
export function jobLockKey(name: string): number {
  return createHash('sha256').update(`gongkai.job:${name}`).digest().readIntBE(0, 6);
}

/** How often a node looks whether a job is due: a quarter of its interval (at least 1 s). */
export const tickMs = (job: Job) => Math.max(1000, Math.floor(job.everyMs / 4));

/**
 * Claims this interval's run of the job for this node, cluster-wide: one atomic statement that
 * succeeds for exactly one caller per interval (the row lock of the upsert orders concurrent
 * claims; the second sees the new last_run_at). The margin of half a tick absorbs timer jitter,
 * so runs are between 7/8 and 9/8 of the interval apart, whatever the number of nodes.
 */
export async function claimRun(db: Database['db'], job: Job, node: string = NODE_ID): Promise<boolean> {
  const gapMs = job.everyMs - Math.floor(tickMs(job) / 2);
  const r = await sql<{ name: string }>`
    insert into job_runs (name, last_run_at, last_node) values (${job.name}, now(), ${node})
    on conflict (name) do update set last_run_at = now(), last_node = excluded.last_node, runs = job_runs.runs + 1
      where job_runs.last_run_at <= now() - make_interval(secs => ${gapMs / 1000})
    returning name`.execute(db);
  return r.rows.length > 0;
}

async function runClaimed(job: Job, database: Database, cfg: Config, log: JobLogger): Promise<boolean> {
  if (!(await claimRun(database.db, job))) return false;
  let error: string | null = null;
  try {
    await job.run(database, cfg, log);
  } catch (err) {
    error = String((err as Error)?.message ?? err).slice(0, 2000);
    log.error({ err, job: job.name }, 'job failed');
  }
  await sql`update job_runs set last_finished_at = now(), last_error = ${error} where name = ${job.name} and last_node = ${NODE_ID}`
    .execute(database.db)
    .catch((err) => log.warn({ err, job: job.name }, 'could not record the end of a job run'));
  return true;
}

/** Runs the job if this interval's run is still unclaimed; true when it ran here. */
export async function runJobOnce(job: Job, database: Database, cfg: Config, log: JobLogger): Promise<boolean> {
  if (database.kind === 'pglite') {
    // one process owns the embedded database, and holding its only connection for a lock would
    // block the job's own queries: the claim alone decides
    return runClaimed(job, database, cfg, log);
  }
  // PostgreSQL: the advisory lock keeps a run that outlasts its interval from overlapping the
  // next one (on this node or another); the claim keeps two nodes from running the same tick. The
  // lock lives on a connection of its own (core/db/locks.ts), not on one of the pool's.
  const key = jobLockKey(job.name);
  const locks = database.locks!;
  if (!(await locks.tryLock(key))) return false;
  try {
    return await runClaimed(job, database, cfg, log);
  } finally {
    await locks.unlock(key).catch((err) => log.warn({ err, job: job.name }, 'could not release a job lock'));
  }
}

export async function startJobs(database: Database, cfg: Config, log: JobLogger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const job of JOBS) {
    let busy = false; // never two runs of one job in this process
    const tick = () => {
      if (busy) return;
      busy = true;
      const p = runJobOnce(job, database, cfg, log)
        .catch((err) => log.error({ err, job: job.name }, 'job could not start'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, tickMs(job)));
    setTimeout(tick, cfg.jobsStartDelayMs ?? 2_000).unref();
  }
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
      for (const job of JOBS.filter((j) => j.atShutdown)) await runJobOnce(job, database, cfg, log);
    },
  };
}
