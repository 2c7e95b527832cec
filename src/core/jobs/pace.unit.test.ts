import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer } from './pace.ts';

test('the rest owed keeps the work to its share of the time', () => {
  assert.equal(Pacer.restFor(2, 1), 0);
  assert.equal(Pacer.restFor(2, 0.5), 2);
  assert.equal(Pacer.restFor(2, 0.2), 8);
});

test('a share outside (0, 1] is refused', () => {
  assert.throws(() => new Pacer({ share: 0 }), RangeError);
  assert.throws(() => new Pacer({ share: 1.5 }), RangeError);
});

test('paced work yields the event loop: a timer fires while a long loop runs', async () => {
  // A fixed amount of work (not a fixed wall time), so a loaded machine only makes the test slower:
  // 150 items of ≥ 0.2 ms are ≥ 30 ms of work, i.e. several 2-ms slices. A 1-ms interval timer is
  // due before each ≥ 2-ms rest ends, so it fires during the rests — it could not fire at all if the
  // loop never yielded.
  const pacer = new Pacer({ share: 0.5, sliceMs: 2 });
  let fired = 0;
  const timer = setInterval(() => fired++, 1);
  for (let i = 0; i < 150; i++) {
    const t = performance.now();
    while (performance.now() - t < 0.2) { /* a small item of work */ }
    await pacer.tick();
  }
  clearInterval(timer);
  assert.ok(pacer.sleeps >= 1, `the pacer rested ${pacer.sleeps} times`);
  assert.ok(pacer.slept >= 2 * pacer.sleeps, `each rest is at least one slice: ${pacer.slept} ms in ${pacer.sleeps}`);
  assert.ok(fired >= 1, `the timer fired ${fired} times during the paced loop`);
});

test('unyielding work starves the same timer (the check above can fail)', () => {
  let fired = 0;
  const timer = setInterval(() => fired++, 1);
  const t = performance.now();
  while (performance.now() - t < 30) { /* work that never yields */ }
  clearInterval(timer);
  assert.equal(fired, 0);
});

test('unpaced work never sleeps', async () => {
  const pacer = new Pacer();
  const end = performance.now() + 10;
  while (performance.now() < end) await pacer.tick();
  assert.equal(pacer.slept, 0);
});
