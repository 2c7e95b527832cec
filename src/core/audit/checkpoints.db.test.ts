/**
 * The checkpoint job: written when the log moved, skipped when it did not, and once more when the
 * scheduler stops (shutdown); the public page reads the end of the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabase } from '../../../test/helpers/db.ts';
import { inTransaction, type Db } from '../db/index.ts';
import { startJobs } from '../jobs/index.ts';
import { auditKeyring, recordAudit, recentCheckpoints, writeCheckpoint, checkSignature, CHECKPOINT_FILE } from './index.ts';

const quiet = { info() {}, warn() {}, error() {} };
const write = (db: Db, i: number) =>
  inTransaction(db, (tx) => recordAudit(tx, { id: null, name: 't' }, { action: 'test.write', unitId: null, subjectType: 'test', subjectId: i }));

test('a checkpoint only when the head moved; the scheduler writes one at shutdown; signatures verify', async () => {
  const d = await testDatabase();
  const cfg = testConfig();
  const file = join(cfg.auditAnchorDir, CHECKPOINT_FILE);
  try {
    assert.equal(await writeCheckpoint(d.db, auditKeyring(), file), null, 'an empty log has nothing to sign');
    await write(d.db, 1);
    const a = await writeCheckpoint(d.db, auditKeyring(), file);
    assert.ok(a);
    assert.equal(await writeCheckpoint(d.db, auditKeyring(), file), null, 'unchanged head: no new line');
    await write(d.db, 2);
    const jobs = await startJobs(d, cfg, quiet);
    await jobs.stop();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[1].count, a.count + 1);
    const recent = recentCheckpoints(file, 10);
    assert.deepEqual(recent.map((c) => c.count), [a.count, a.count + 1]);
    assert.ok(recent.every((c) => checkSignature(c, auditKeyring()) === 'ok'));
  } finally {
    await d.cleanup();
  }
});
