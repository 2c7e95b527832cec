/**
 * The idempotency store on a real database: a claim left by a process that died before it stored its
 * answer is taken over by a resend after STALE_CLAIM_SECONDS (before, every resend got 409 "still being
 * processed" for a day and the submission was lost); a fresh claim still answers 409; a public form's
 * key (oncePerContent) replays the same content and takes other content as a new submission.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import { AppError } from './errors.ts';
import { bodyHash, idempotent, oncePerContent, STALE_CLAIM_SECONDS } from './idempotency.ts';

let d: TestDb;
const keys = testConfig().piiKeys;
before(async () => {
  d = await testDatabase();
});
after(async () => d.cleanup());

test('a claim abandoned by a dead process is taken over after STALE_CLAIM_SECONDS; a fresh one answers 409', async () => {
  const o = { scope: 'test:stale', key: 'stale-key-0001', hash: bodyHash({ body: '意见' }), field: 'guard_token' };
  // the first process claimed the key and died before storing its answer
  await d.db.insertInto('request_idempotency').values({ scope: o.scope, key: o.key, body_hash: o.hash }).execute();
  let runs = 0;
  const run = async () => ({ status: 201, value: ++runs });
  const fresh = await idempotent(d.db, keys, o, run).catch((e: AppError) => e);
  assert.ok(fresh instanceof AppError && fresh.status === 409, 'a claim of a moment ago may still be running');
  assert.equal(runs, 0);
  await sql`update request_idempotency set created_at = now() - make_interval(secs => ${STALE_CLAIM_SECONDS + 5}) where scope = ${o.scope}`.execute(d.db);
  const taken = await idempotent(d.db, keys, o, run);
  assert.deepEqual([taken.status, taken.value, taken.replayed, runs], [201, 1, false, 1], 'the resend runs and is answered');
  const replay = await idempotent(d.db, keys, o, run);
  assert.deepEqual([replay.value, replay.replayed, runs], [1, true, 1], 'and is stored for the next resend');
});

test('a public form key: the same content replays, other content is a new submission, never a 422', async () => {
  let runs = 0;
  const run = async () => ({ status: 201, value: ++runs });
  const send = (body: string) => oncePerContent(d.db, keys, { scope: 'form:test', key: 'guard-token-0001', hash: bodyHash({ body }), field: 'guard_token' }, run);
  const a = await send('第一条意见');
  const again = await send('第一条意见');
  const b = await send('第二条意见');
  assert.deepEqual([a.value, again.value, again.replayed, b.value, b.replayed], [1, 1, true, 2, false]);
  const other = await idempotent(d.db, keys, { scope: 'form:test2', key: 'guard-token-0001', hash: bodyHash({ body: '一' }), field: 'guard_token' }, run);
  const refused = await idempotent(d.db, keys, { scope: 'form:test2', key: 'guard-token-0001', hash: bodyHash({ body: '二' }), field: 'guard_token' }, run).catch((e: AppError) => e);
  assert.equal(other.replayed, false);
  assert.ok(refused instanceof AppError && refused.status === 422, 'a staff form key keeps refusing other content');
});
