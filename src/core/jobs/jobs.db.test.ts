/**
 * Background-job bookkeeping (security audit F2 d, issue #15 item 5): advisory-lock keys derive from
 * the job's name (the old code numbered them by registration order, so two processes with other
 * module sets or versions used different keys for one job), and a run is claimed once per interval
 * cluster-wide in job_runs; the lock is held on a connection of its own, not on one the run needs (core/db/locks.ts).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/helpers/db.ts';
import { claimRun, jobLockKey, runJobOnce, type Job } from './index.ts';
import { openDatabase } from '../db/index.ts';
import type { Config } from '../../config/env.ts';

const d = await testDatabase();
after(() => d.cleanup());

test('a job’s advisory-lock key comes from its name alone', () => {
  assert.equal(jobLockKey('search.catch-up'), jobLockKey('search.catch-up'));
  assert.notEqual(jobLockKey('search.catch-up'), jobLockKey('sessions.purge'));
  // fixed across processes and releases: this number must never change for this name
  assert.equal(jobLockKey('sessions.purge'), -103159725719424);
  assert.ok(Number.isSafeInteger(jobLockKey('documents.publish_due')));
});

test('of several nodes claiming one interval, exactly one runs; the next interval is claimable again', async () => {
  const job: Job = { name: 'test.claim', everyMs: 60_000, run: async () => {} };
  const claims = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((n) => claimRun(d.db, job, n)));
  assert.equal(claims.filter(Boolean).length, 1, claims.join());
  assert.equal(await claimRun(d.db, job, 'n5'), false, 'not again within the interval');
  await sql`update job_runs set last_run_at = now() - interval '61 seconds' where name = 'test.claim'`.execute(d.db);
  const next = await Promise.all(['n1', 'n2'].map((n) => claimRun(d.db, job, n)));
  assert.equal(next.filter(Boolean).length, 1);
  const row = await d.db.selectFrom('job_runs').selectAll().where('name', '=', 'test.claim').executeTakeFirstOrThrow();
  assert.equal(Number(row.runs), 2);
});

test('more jobs due at once than the pool has connections all run (the lock is not held on a pool connection)', { skip: !process.env.TEST_DATABASE_URL && 'the advisory lock is PostgreSQL only' }, async () => {
  // two pooled connections, three jobs due together whose runs each need a connection for their work:
  // with each lock held on a pool connection, two runs held both and waited for a third — forever
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const small = await openDatabase({ databaseUrl: url.toString(), schema: d.schema, poolSize: 2 });
  try {
    const ran: string[] = [];
    const jobs: Job[] = ['a', 'b', 'c'].map((n) => ({
      name: `test.pool-${n}`, everyMs: 60_000,
      run: async (db) => {
        await sql`select pg_sleep(0.1)`.execute(db.db);
        ran.push(n);
      },
    }));
    const quiet = { info() {}, warn() {}, error() {} };
    const all = Promise.all(jobs.map((j) => runJobOnce(j, small, {} as Config, quiet)));
    const timeout = new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000).unref());
    const result = await Promise.race([all, timeout]);
    assert.notEqual(result, 'hung', 'the runs waited for each other’s connections');
    assert.deepEqual(result, [true, true, true]);
    assert.deepEqual(ran.sort(), ['a', 'b', 'c']);
    // and the locks were released: the next interval's run takes them again
    await sql`update job_runs set last_run_at = now() - interval '61 seconds' where name like 'test.pool-%'`.execute(small.db);
    assert.equal(await runJobOnce(jobs[0], small, {} as Config, quiet), true);
  } finally {
    // on the old code the hung runs keep two connections checked out for good: do not wait for them
    await Promise.race([small.close(), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }
});
