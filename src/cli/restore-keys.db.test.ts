/**
 * Restore and the audit key (issue #10 items 4–5). GONGKAI_AUDIT_KEY is not in a backup, like the
 * PII key. Restored on a machine without it — the restore drill's spare folder, where development
 * generates a fresh DATA_DIR/.audit-key — `gongkai audit verify` reports every keyed row as
 * tampered. On the old code restore said nothing about it (it warned about the PII key only), so
 * the drill's step 2 met a tampering alarm with no explanation. Restore now names the audit keys
 * the restored log was chained with that the configuration lacks.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabase } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/app.ts';
import { TEST_AUDIT_KEY } from '../../test/helpers/audit-key.ts';
import { inTransaction } from '../core/db/index.ts';
import { recordAudit } from '../core/audit/index.ts';
import { macKeyId } from '../core/audit/keys.ts';
import { auditKeyIdsOf, auditKeyWarning } from './backup.ts';
import type { Kysely } from 'kysely';

const db = await testDatabase();
after(() => db.cleanup());

test('restore names the audit keys of the restored log that GONGKAI_AUDIT_KEY lacks, and only those', async () => {
  await inTransaction(db.db, (tx) => recordAudit(tx, { id: null, name: 'test' }, { action: 'unit.create', unitId: null, subjectType: 'unit', subjectId: 1 }));
  const ids = await auditKeyIdsOf(db.db as unknown as Kysely<unknown>);
  const ours = macKeyId(Buffer.from(TEST_AUDIT_KEY, 'base64'));
  assert.deepEqual(ids, [ours], 'the log is chained with the test key');

  const other = randomBytes(32).toString('base64');
  const w = auditKeyWarning(testConfig({ GONGKAI_AUDIT_KEY: other }), ids);
  assert.ok(w, 'a machine with another audit key is warned');
  assert.ok(w.includes(ours), 'naming the missing key by its id');
  assert.match(w, /GONGKAI_AUDIT_KEY/);
  assert.match(w, /审计日志/);
  assert.ok(!w.includes(other) && !w.includes(TEST_AUDIT_KEY), 'never the keys themselves');

  assert.equal(auditKeyWarning(testConfig({ GONGKAI_AUDIT_KEY: TEST_AUDIT_KEY }), ids), null, 'the same key: no warning');
  assert.equal(auditKeyWarning(testConfig({ GONGKAI_AUDIT_KEY: `${other},${TEST_AUDIT_KEY}` }), ids), null, 'the old key kept second (rotation): no warning');
  assert.equal(auditKeyWarning(testConfig({ GONGKAI_AUDIT_KEY: other }), []), null, 'an empty or unkeyed log: nothing to say');
});
