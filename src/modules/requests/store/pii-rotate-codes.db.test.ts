/**
 * #14 item 8 loose end: `gongkai pii rotate` also re-encrypts the query code kept for an online
 * submission's receipt (`request_cases.query_code_enc`) and the stored responses of idempotent creates
 * (`request_idempotency.response_enc`); after rotation both read back with the new key alone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { unitById } from '../../units/repository.ts';
import { submitOnline } from '../intake-commands.ts';
import { rotatePii } from './pii-rotate.ts';
import { configurePiiKeys, decryptPii, encryptPii, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';
import { application, requestsTree } from './fixtures.test-helper.ts';

let d: TestDb;
let old: readonly Buffer[];
let caseId: number;

before(async () => {
  d = await testDatabase();
  const cfg = testConfig();
  old = cfg.piiKeys;
  const tree = await requestsTree(d.db);
  const unit = (await unitById(d.db, tree.bureau.id))!;
  const r = await submitOnline(d.db, cfg, unit, application({ name: '韩述文' }), [], { ip: null });
  assert.equal(r.kind, 'created');
  caseId = r.kind === 'created' ? r.caseId : 0;
});
after(async () => d.cleanup());

test('rotation re-encrypts kept query codes and stored idempotent responses; they read back after the old key is dropped', async () => {
  const code = 'QC' + randomBytes(6).toString('hex').toUpperCase();
  const response = JSON.stringify({ trackingNo: 'YSQ-DEMO-0001', queryCode: code });
  await d.db.updateTable('request_cases').set({ query_code_enc: encryptPii(old, 'query_code', code) }).where('id', '=', caseId).execute();
  await d.db.insertInto('request_idempotency').values({ scope: 'test:rotate', key: 'rotate-key-0001', body_hash: 'x'.repeat(64), status: 201, response_enc: encryptPii(old, 'idempotency', response) }).execute();
  // a claim still running (no response yet) is left alone
  await d.db.insertInto('request_idempotency').values({ scope: 'test:rotate', key: 'rotate-key-0002', body_hash: 'y'.repeat(64) }).execute();
  const fresh = randomBytes(32);
  const rotated = [fresh, ...old];
  configurePiiKeys(rotated);
  try {
    const r = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.ok(r.queryCodes >= 1, `queryCodes ${r.queryCodes}`);
    assert.equal(r.idempotency, 1);
    const c = await d.db.selectFrom('request_cases').select('query_code_enc').where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(tokenKeyId(c.query_code_enc!), keyId(fresh));
    assert.equal(decryptPii([fresh], 'query_code', c.query_code_enc!), code, 'readable with the new key alone');
    const rows = await d.db.selectFrom('request_idempotency').select(['key', 'response_enc']).where('scope', '=', 'test:rotate').orderBy('key').execute();
    assert.equal(decryptPii([fresh], 'idempotency', rows[0].response_enc!), response);
    assert.equal(rows[1].response_enc, null);
    const audit = await d.db.selectFrom('audit_log').select('summary').where('action', '=', 'request.pii.rotate').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const summary = (typeof audit.summary === 'string' ? JSON.parse(audit.summary) : audit.summary) as Record<string, number>;
    assert.equal(summary.idempotency, 1);
    assert.equal(summary.queryCodes, r.queryCodes);
    const again = await rotatePii(d.db, systemContext('cli:test'), rotated);
    assert.deepEqual([again.queryCodes, again.idempotency], [0, 0], 'idempotent');
  } finally {
    await rotatePii(d.db, systemContext('cli:test'), [old[0], fresh]);
    configurePiiKeys(old);
  }
});
