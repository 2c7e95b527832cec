/**
 * Background-job bookkeeping (security audit F2 d, issue #15 item 5): advisory-lock keys derive from
 * the job's name (the old code numbered them by registration order, so two processes with other
 * module sets or versions used different keys for one job), and a run is claimed once per interval
 * cluster-wide in job_runs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/helpers/db.ts';
import { claimRun, jobLockKey, type Job } from './index.ts';

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
