import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSlowed, addressBlocked, pairDelaySeconds, pairWaitSeconds, THROTTLE } from './throttle.ts';

test('per name + address: free failures, then a doubling wait, capped', () => {
  assert.deepEqual([0, 1, 2, 3].map(pairDelaySeconds), [0, 0, 0, 0]);
  assert.deepEqual([4, 5, 6, 7, 8, 9, 10].map(pairDelaySeconds), [15, 30, 60, 120, 240, 480, 900]);
  assert.equal(pairDelaySeconds(50), THROTTLE.maxDelaySeconds);
});

test('the wait runs from the last failure', () => {
  const last = new Date('2026-12-05T08:00:00Z');
  assert.equal(pairWaitSeconds(4, last, new Date('2026-12-05T08:00:05Z')), 10);
  assert.equal(pairWaitSeconds(4, last, new Date('2026-12-05T08:00:15Z')), 0);
  assert.equal(pairWaitSeconds(3, last, last), 0);
  assert.equal(pairWaitSeconds(9, null, last), 0);
});

test('the account ceiling slows, the address limit refuses', () => {
  assert.equal(accountSlowed(THROTTLE.accountCeiling - 1), false);
  assert.equal(accountSlowed(THROTTLE.accountCeiling), true);
  assert.equal(addressBlocked(THROTTLE.ipFailures), true);
  assert.equal(addressBlocked(THROTTLE.ipFailures - 1), false);
});
