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
  const pacer = new Pacer({ share: 0.5, sliceMs: 2 });
  let fired = 0;
  const timer = setInterval(() => fired++, 1);
  const end = performance.now() + 60;
  while (performance.now() < end) {
    const t = performance.now();
    while (performance.now() - t < 0.2) { /* a small item of work */ }
    await pacer.tick();
  }
  clearInterval(timer);
  assert.ok(fired > 5, `the timer fired ${fired} times during the paced loop`);
  assert.ok(pacer.slept > 10, `the pacer slept ${pacer.slept} ms`);
});

test('unpaced work never sleeps', async () => {
  const pacer = new Pacer();
  const end = performance.now() + 10;
  while (performance.now() < end) await pacer.tick();
  assert.equal(pacer.slept, 0);
});
