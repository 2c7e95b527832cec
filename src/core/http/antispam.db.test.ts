import test from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from '../../../test/helpers/db.ts';
import { inTransaction } from '../db/index.ts';
import { contactAllowed, purgeContactLog } from './antispam.ts';

test('per-contact limit: parallel submissions from one contact never pass the limit; other contacts and scopes are separate', async () => {
  const d = await testDatabase();
  try {
    const o = { secret: 's'.repeat(40), scope: 'comment', max: 3, windowMs: 3600_000 };
    const tries = await Promise.all(Array.from({ length: 8 }, () => inTransaction(d.db, (tx) => contactAllowed(tx, { ...o, contact: '13800138000' }))));
    assert.equal(tries.filter(Boolean).length, 3);
    assert.equal(await inTransaction(d.db, (tx) => contactAllowed(tx, { ...o, contact: '+86 138 0013 8000' })), false);
    assert.equal(await inTransaction(d.db, (tx) => contactAllowed(tx, { ...o, contact: '13900139000' })), true);
    assert.equal(await inTransaction(d.db, (tx) => contactAllowed(tx, { ...o, scope: 'message', contact: '13800138000' })), true);
    // a failed store counts nothing: the row goes with the rolled-back transaction
    await assert.rejects(inTransaction(d.db, async (tx) => {
      await contactAllowed(tx, { ...o, contact: '13700137000' });
      throw new Error('store failed');
    }));
    const rows = await d.db.selectFrom('form_contact_log').selectAll().execute();
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => !r.contact_key.includes('138')));
    await purgeContactLog(d.db, -1000);
    assert.equal((await d.db.selectFrom('form_contact_log').selectAll().execute()).length, 0);
  } finally {
    await d.cleanup();
  }
});
