/**
 * Hostile input (issue #10 item 7): no route answers 5xx, echoes markup unescaped or shows a stack
 * trace. `npm test` runs a fast subset (every route × anonymous and an administrator × a few
 * payloads in each place); `npm run fuzz` (FUZZ_FULL=1) sends the whole corpus. See harness.ts and
 * docs/security.md#hostile-input. FUZZ_ONLY=<regexp> limits the routes; FUZZ_LOG=1 prints errors.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, fuzzEnv, summarize, type FuzzEnv } from './harness.ts';

let env: FuzzEnv;
before(async () => {
  env = await fuzzEnv();
});
after(async () => env?.close());

test('hostile input on every route: no 5xx, no reflected markup, no stack trace', async () => {
  const full = !!process.env.FUZZ_FULL;
  const r = await fuzz(env, { full, only: process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined });
  const counts = { '5xx': 0, markup: 0, stack: 0, reset: 0 };
  for (const f of r.findings) counts[f.problem]++;
  console.log(`fuzz (${full ? 'full' : 'fast'}): ${r.routes} routes, ${r.keys} keys, ${r.requests} requests ${JSON.stringify(r.byStatus)}, 5xx ${counts['5xx']}, reflected markup ${counts.markup}, stack traces ${counts.stack}, connections dropped ${counts.reset}, ${(r.ms / 1000).toFixed(1)} s`);
  assert.ok(r.requests > r.routes * 2, 'every route was sent something');
  assert.deepEqual(summarize(r.findings), [], 'hostile input answered with a 5xx, reflected markup or a stack trace');
  // the administrator's session survived the run, so its probes reached the handlers
  const admin = env.world.actors['system_admin@city'];
  const still = await admin.client!.get('/admin');
  assert.equal(still.statusCode, 200, 'the administrator is still signed in');
});
