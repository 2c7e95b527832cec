/**
 * Audit 2026-12-04 F14 "validation before authorisation": recordAppeal judged the input before
 * the actor, so someone without request.appeal got 422 for a bad body. Now 403 whatever the body.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { AppError } from '../../../core/http/errors.ts';
import { registerByStaff } from '../intake-commands.ts';
import { recordAppeal, updateAppeal } from './supervision.ts';
import { ctxFor, paperApplication, requestsTree } from './fixtures.test-helper.ts';

let d: TestDb;
before(async () => {
  d = await testDatabase();
});
after(async () => d?.cleanup());

test('recordAppeal and updateAppeal: 403 for an actor without the right, even with a bad body; 422 for one with it', async () => {
  const tree = await requestsTree(d.db);
  const handler = await ctxFor(d.db, 'handler');
  const supervisor = await ctxFor(d.db, 'supervisor');
  const { caseId } = await registerByStaff(d.db, testConfig(), handler, tree.bureau.id, paperApplication('2024-09-02'), { today: '2024-12-31' });
  const bad = { kind: 'nonsense', outcome: 'whatever', filed_on: '2024-13-45' };
  await assert.rejects(recordAppeal(d.db, supervisor, caseId, bad, { today: '2024-12-31' }), (e: unknown) => e instanceof AppError && e.status === 403);
  await assert.rejects(recordAppeal(d.db, handler, caseId, bad, { today: '2024-12-31' }), (e: unknown) => e instanceof AppError && e.status === 422);
  const id = await recordAppeal(d.db, handler, caseId, { kind: 'review', outcome: 'pending', filed_on: '2024-10-10' }, { today: '2024-12-31' });
  await assert.rejects(updateAppeal(d.db, supervisor, id, bad, { today: '2024-12-31' }), (e: unknown) => e instanceof AppError && e.status === 403);
});
