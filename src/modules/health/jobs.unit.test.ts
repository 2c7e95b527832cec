/**
 * The scheduled run's pacing (issue #13: the portal's p95 during a run): its document checks hand the
 * event loop back after at most about half a millisecond of work, so a request that arrives during a
 * slice waits a fraction of a millisecond, not the Pacer's default 2 ms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_SHARE, JOB_SLICE_MS, jobRunOptions } from './jobs.ts';
import { pacerFor } from './run.ts';

const cfg = { publicUrl: 'https://www.example.gov.cn', siteDomain: 'example.gov.cn' };

test('the scheduled run is paced to its share, in slices under a millisecond', () => {
  const o = jobRunOptions(cfg);
  assert.equal(o.trigger, 'job');
  assert.equal(o.pace, JOB_SHARE);
  assert.equal(o.sliceMs, JOB_SLICE_MS);
  assert.ok(JOB_SLICE_MS < 1, `slice ${JOB_SLICE_MS} ms`);
  assert.deepEqual(o.ownHosts.sort(), ['example.gov.cn', 'www.example.gov.cn']);
});

test("the scheduled run's pacer holds the loop about half a millisecond at a stretch (every stretch of a 2-ms pacer is ≥ 2 ms)", async () => {
  // run.ts builds its pacer from the options; share 0.5 keeps the test short (the slices do not depend on it)
  const pacer = pacerFor({ ...jobRunOptions(cfg), pace: 0.5 });
  // 200 items of ≥ 0.1 ms: ≥ 20 ms of work. Time stolen by a busy machine lengthens an item, and counts
  // in `worked` as in the pacer's clock, so the average stretch stays slice + one item whatever the load.
  let worked = 0;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    while (performance.now() - t < 0.1) { /* a document's checks */ }
    worked += performance.now() - t;
    await pacer.tick();
  }
  assert.ok(pacer.sleeps >= 1, `rested ${pacer.sleeps} times`);
  const stretch = worked / pacer.sleeps;
  assert.ok(stretch < 1.5, `the loop was held ${stretch.toFixed(2)} ms at a stretch on average (${pacer.sleeps} rests in ${worked.toFixed(1)} ms)`);
});

test('an unpaced run (the CLI, an administrator) never rests', async () => {
  const pacer = pacerFor({});
  const end = performance.now() + 5;
  while (performance.now() < end) await pacer.tick();
  assert.equal(pacer.sleeps, 0);
});
