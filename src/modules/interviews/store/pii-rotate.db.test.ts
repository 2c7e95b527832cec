/**
 * Askers' contacts of 在线访谈/发布会 questions (and kept questions) are ciphertext at rest and
 * `gongkai pii rotate` re-encrypts them under the new key (they were left out before).
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { decryptPii, encryptPii, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';
import { rotatePii } from '../../requests/store/pii-rotate.ts';

let d: TestDb;
const cfg = testConfig();
before(async () => { d = await testDatabase(); });
after(async () => d.cleanup());

test('interview questions’ contacts are encrypted at rest and rotated by gongkai pii rotate', async () => {
  const tree = await seedTree(d.db);
  const e = await d.db.insertInto('interviews').values({ unit_id: tree.bureau.id, kind: 'interview', title: '测试访谈', topic: '测试', starts_at: new Date(), created_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await d.db.insertInto('interview_questions').values([1, 2, 3].map((i) => ({ interview_id: e.id, name: '', contact_enc: encryptPii(cfg.piiKeys, 'contact', `1390000000${i}`), body: `问题${i}`, asked_during: 'before', created_at: new Date() }))).execute();
  await d.db.insertInto('interview_questions_kept').values({ interview_id: e.id, payload_enc: encryptPii(cfg.piiKeys, 'submission', JSON.stringify({ contact: '13900000009', body: '暂存' })), error_code: 'x', created_at: new Date() }).execute();
  const stored = await d.db.selectFrom('interview_questions').select('contact_enc').execute();
  assert.ok(stored.every((r) => !r.contact_enc.includes('1390000000')), 'no plaintext contact at rest');
  const fresh = randomBytes(32);
  const r = await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys]);
  assert.equal(r.interviews, 4);
  const after1 = await d.db.selectFrom('interview_questions').select('contact_enc').orderBy('id').execute();
  assert.ok(after1.every((x) => tokenKeyId(x.contact_enc) === keyId(fresh)));
  assert.equal(decryptPii([fresh], 'contact', after1[0].contact_enc), '13900000001');
  const kept = await d.db.selectFrom('interview_questions_kept').select('payload_enc').executeTakeFirstOrThrow();
  assert.equal(JSON.parse(decryptPii([fresh], 'submission', kept.payload_enc)).contact, '13900000009');
  assert.equal((await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys])).interviews, 0, 'idempotent');
});
