/**
 * Crash-safety storms (issue #10, #12): the real server in a child process (`startServer`) on a data
 * dir or schema prepared from the migrated test snapshot, N simulated citizens posting at once, the
 * server killed with SIGKILL mid-storm and started again; the test then checks that every acknowledged
 * submission is in the database. Used by test/crash/*.test.ts.
 *
 *   const cli = cliSandbox('storm');
 *   const seeded = await prepareStormData(cli, async (db) => …);   // before the server starts
 *   const server = await startServer(stormEnv(cli));
 *   const tally = newTally();
 *   const clients = Array.from({ length: 8 }, () => stormClient(attempt, () => stop, tally, seq));
 */
import { randomInt } from 'node:crypto';
import { openDatabase, type Db } from '../../src/core/db/index.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { pgliteSnapshot } from './db.ts';
import type { CliSandbox } from './cli.ts';

/**
 * The server's environment: no jobs, no demo, one proxy hop trusted — so each simulated citizen has its
 * own address (`someone()` in X-Forwarded-For; the per-address limits are the abuse guard and not what
 * a storm is about).
 */
export const stormEnv = (cli: CliSandbox): NodeJS.ProcessEnv => ({ ...cli.env, GONGKAI_WORKER: 'false', GONGKAI_DEMO: 'false', TRUST_PROXY: '1' });

/** A random client address for X-Forwarded-For. */
export const someone = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/**
 * The sandbox's database, migrated from the test snapshot (a first boot would spend a minute on initdb
 * and migrations), with `seed` run on it; closed again before the server opens it.
 */
export async function prepareStormData<T>(cli: CliSandbox, seed: (db: Db) => Promise<T>): Promise<T> {
  await cli.setup();
  const d = await openDatabase(cli.databaseUrl ? { databaseUrl: cli.databaseUrl } : { databaseUrl: null, dataDir: cli.dir, loadDataDir: await pgliteSnapshot() });
  try {
    await migrateToLatest(d.db);
    return await seed(d.db);
  } finally {
    await d.close();
  }
}

export interface StormTally {
  /** what the server acknowledged as stored (a tracking number, a comment's marker …) */
  acknowledged: string[];
  /** acknowledged as kept for staff after a storage error (202) */
  kept: string[];
  refused: number;
  /** requests cut by the kill (or refused while the server was down): not acknowledged */
  failed: number;
}

export const newTally = (): StormTally => ({ acknowledged: [], kept: [], refused: 0, failed: 0 });

/** One submission: `{ ack }` stored, `{ kept }` kept, null refused; a throw is a failed connection. */
export type StormAttempt = (n: number) => Promise<{ ack: string } | { kept: string } | null>;

/** One citizen: submits again and again until `stop()`, counting each outcome. */
export async function stormClient(attempt: StormAttempt, stop: () => boolean, tally: StormTally, seq: { n: number }, o: { retryMs?: number } = {}): Promise<void> {
  while (!stop()) {
    const n = ++seq.n;
    try {
      const r = await attempt(n);
      if (r && 'ack' in r) tally.acknowledged.push(r.ack);
      else if (r && 'kept' in r) tally.kept.push(r.kept);
      else tally.refused++;
    } catch {
      // the connection died with the server (or it is not back yet): not acknowledged, so not counted
      tally.failed++;
      if (stop()) return;
      await new Promise((r) => setTimeout(r, o.retryMs ?? 20));
    }
  }
}
