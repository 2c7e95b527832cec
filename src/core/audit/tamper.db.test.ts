/**
 * The four techniques of the security audit (2026-12-04, F4), played by someone with database
 * access but without GONGKAI_AUDIT_KEY, each on a fresh database:
 *   1. plain UPDATE / DELETE / TRUNCATE → refused by the database;
 *   2. trigger disabled + edit          → `edited`;
 *   3. edit + re-chain + head updated   → `downgraded` / `edited` and the checkpoint no longer matches;
 *   4. TRUNCATE of log and head         → `log_emptied`, `head_missing`.
 * Before the chain was keyed, 3 and 4 verified as "intact".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { inTransaction, type Db } from '../db/index.ts';
import { recordAudit, verifyAudit, auditKeyring, writeCheckpoint, readCheckpoints, keyringFrom, rowHash, rowMac, GENESIS, type VerifyResult } from './index.ts';
import { parseCheckpoints, signCheckpoint } from './checkpoints.ts';

const actor = { id: null, name: 'tester' };

async function fresh(n = 6): Promise<{ d: TestDb; file: string }> {
  const d = await testDatabase();
  for (let i = 0; i < n; i++) {
    await inTransaction(d.db, (tx) => recordAudit(tx, actor, { action: 'test.write', unitId: null, subjectType: 'test', subjectId: i, summary: { after: { i } } }));
  }
  return { d, file: join(mkdtempSync(join(tmpdir(), 'gk-anchor-')), 'audit-checkpoints.jsonl') };
}

const verify = (db: Db, file: string) => verifyAudit(db, { checkpoints: readCheckpoints(file) });
const kinds = (r: VerifyResult) => [...new Set(r.problems.map((p) => p.kind))].sort();

async function triggers(db: Db, on: boolean) {
  const verb = on ? sql`enable` : sql`disable`;
  await sql`alter table audit_log ${verb} trigger user`.execute(db);
  await sql`alter table audit_head ${verb} trigger user`.execute(db);
}

/** What an attacker without the key can do: recompute every hash from `fromId` with `hash`, then fix the head. */
async function rechain(db: Db, fromId: number, hash: (prev: string, r: Record<string, unknown>) => { hash: string; scheme: number; keyId: string | null }) {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  for (const r of rows) {
    if (Number(r.id) >= fromId) {
      const h = hash(prev, r as unknown as Record<string, unknown>);
      await db.updateTable('audit_log').set({ prev_hash: prev, hash: h.hash, key_id: h.keyId }).where('id', '=', r.id).execute();
      await sql`update audit_log set hash_scheme = ${h.scheme} where id = ${r.id}`.execute(db);
      prev = h.hash;
    } else prev = r.hash;
  }
  await db.updateTable('audit_head').set({ last_hash: prev, count: rows.length, last_id: Number(rows[rows.length - 1].id) }).execute();
}

test('1. plain UPDATE, DELETE and TRUNCATE of the log and its head are refused', async () => {
  const { d } = await fresh(2);
  try {
    await assert.rejects(sql`update audit_log set actor_name = 'x'`.execute(d.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(d.db), /append-only/);
    await assert.rejects(sql`truncate audit_log`.execute(d.db), /append-only/);
    await assert.rejects(sql`delete from audit_head`.execute(d.db), /only moves forward/);
    await assert.rejects(sql`truncate audit_head`.execute(d.db), /only moves forward/);
    await assert.rejects(sql`update audit_head set count = 0`.execute(d.db), /only moves forward/);
    const r = await verifyAudit(d.db);
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.count, 2);
  } finally {
    await d.cleanup();
  }
});

test('2. triggers disabled and a row edited: the keyed hash no longer matches', async () => {
  const { d, file } = await fresh();
  try {
    await writeCheckpoint(d.db, auditKeyring(), file);
    const mid = Number((await d.db.selectFrom('audit_log').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow()).id);
    await triggers(d.db, false);
    await sql`update audit_log set actor_name = 'someone-else', summary = '{"tampered":true}' where id = ${mid}`.execute(d.db);
    const r = await verify(d.db, file);
    assert.equal(r.ok, false);
    assert.deepEqual(kinds(r), ['edited']);
    assert.equal(r.problems[0].id, mid);
    assert.match(r.problems[0].zh, /被修改/);
  } finally {
    await d.cleanup();
  }
});

test('3a. edit and re-chain with plain SHA-256 (all the attacker can compute): downgraded, and the checkpoint differs', async () => {
  const { d, file } = await fresh();
  try {
    assert.ok(await writeCheckpoint(d.db, auditKeyring(), file));
    const first = Number((await d.db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
    await triggers(d.db, false);
    await sql`update audit_log set actor_name = 'someone-else' where id = ${first + 3}`.execute(d.db);
    const sha = (prev: string, r: Record<string, unknown>) => ({ hash: rowHash(prev, r as never), scheme: 1, keyId: null });
    // from the edited row on: unkeyed rows after keyed ones
    await rechain(d.db, first + 3, sha);
    let r = await verifyAudit(d.db, { checkpoints: { checkpoints: [], badLines: [] } });
    assert.deepEqual(kinds(r), ['downgraded']);
    // the whole log from its first row, so no keyed row is left to give it away: the checkpoint does
    await rechain(d.db, first, sha);
    r = await verify(d.db, file);
    assert.equal(r.ok, false);
    assert.deepEqual(kinds(r), ['checkpoint_mismatch']);
    assert.match(r.problems[0].zh, /重新计算哈希链/);
  } finally {
    await d.cleanup();
  }
});

test('3b. edit and re-chain with a key of the attacker’s own: every rewritten row fails, and so does the checkpoint', async () => {
  const { d, file } = await fresh();
  try {
    await writeCheckpoint(d.db, auditKeyring(), file);
    const ids = (await d.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((x) => Number(x.id));
    const fake = randomBytes(32);
    const realId = auditKeyring().current.id; // the key id is public: it is in every row
    await triggers(d.db, false);
    await sql`update audit_log set summary = '{"tampered":true}' where id = ${ids[3]}`.execute(d.db);
    await rechain(d.db, ids[3], (prev, r) => ({ hash: rowMac(fake, realId, prev, r as never), scheme: 2, keyId: realId }));
    const r = await verify(d.db, file);
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems.filter((p) => p.kind === 'edited').map((p) => p.id), ids.slice(3));
    assert.ok(kinds(r).includes('checkpoint_mismatch'));
  } finally {
    await d.cleanup();
  }
});

test('4. TRUNCATE of the log and the head: an empty log with checkpoints is tampering', async () => {
  const { d, file } = await fresh();
  try {
    await writeCheckpoint(d.db, auditKeyring(), file);
    await triggers(d.db, false);
    await sql`truncate audit_log`.execute(d.db);
    await sql`truncate audit_head`.execute(d.db);
    await triggers(d.db, true);
    const r = await verify(d.db, file);
    assert.equal(r.ok, false);
    assert.equal(r.count, 0);
    assert.deepEqual(kinds(r), ['head_missing', 'log_emptied']);
    assert.match(r.problems.find((p) => p.kind === 'log_emptied')!.zh, /审计日志为空/);
  } finally {
    await d.cleanup();
  }
});

test('the tail deleted and the head moved back: fewer rows than a checkpoint counted', async () => {
  const { d, file } = await fresh();
  try {
    await writeCheckpoint(d.db, auditKeyring(), file);
    const rows = await d.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
    await triggers(d.db, false);
    await sql`delete from audit_log where id > ${rows[2].id}`.execute(d.db);
    await d.db.updateTable('audit_head').set({ last_id: rows[2].id, last_hash: rows[2].hash, count: 3 }).execute();
    const r = await verify(d.db, file);
    assert.equal(r.ok, false);
    assert.deepEqual(kinds(r), ['checkpoint_count', 'checkpoint_row_missing']);
  } finally {
    await d.cleanup();
  }
});

test('rows from before the key (scheme 1) still verify; the chain goes on keyed; a forged checkpoint is reported', async () => {
  const d = await testDatabase();
  try {
    // two rows as the old code wrote them: plain SHA-256, no key id
    let prev = GENESIS;
    for (let i = 1; i <= 2; i++) {
      const row = { at: new Date(Date.UTC(2026, 0, i)), actor_id: null, actor_name: 'old', unit_id: null, action: 'test.legacy', subject_type: 'test', subject_id: String(i), summary: {}, ip: null };
      const hash = rowHash(prev, row);
      const { rows } = await sql<{ id: number }>`insert into audit_log (at, actor_id, actor_name, unit_id, action, subject_type, subject_id, summary, ip, prev_hash, hash)
        values (${row.at}, null, 'old', null, 'test.legacy', 'test', ${row.subject_id}, '{}', null, ${prev}, ${hash}) returning id`.execute(d.db);
      if (i === 1) await d.db.insertInto('audit_head').values({ id: 1, last_id: rows[0].id, last_hash: hash, count: 1 }).execute();
      else await d.db.updateTable('audit_head').set({ last_id: rows[0].id, last_hash: hash, count: sql`count + 1` }).execute();
      prev = hash;
    }
    await inTransaction(d.db, (tx) => recordAudit(tx, actor, { action: 'test.keyed', unitId: null, subjectType: 'test', subjectId: 3 }));
    const all = await d.db.selectFrom('audit_log').select(['id', 'hash_scheme', 'key_id']).orderBy('id').execute();
    assert.deepEqual(all.map((r) => r.hash_scheme), [1, 1, 2]);
    assert.equal(all[2].key_id, auditKeyring().current.id);
    const dir = mkdtempSync(join(tmpdir(), 'gk-anchor-'));
    const file = join(dir, 'audit-checkpoints.jsonl');
    await writeCheckpoint(d.db, auditKeyring(), file);
    let r = await verify(d.db, file);
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.checkpoints, 1);

    // a checkpoint signed by another key, and one whose count was raised after signing
    const other = keyringFrom([randomBytes(32)]);
    const forged = signCheckpoint(other, { headId: 99, headHash: 'a'.repeat(64), count: 99 }, new Date());
    const good = readCheckpoints(file).checkpoints[0];
    const altered = { ...good, count: good.count + 5 };
    r = await verifyAudit(d.db, { checkpoints: parseCheckpoints([JSON.stringify(forged), JSON.stringify(altered), 'not json'].join('\n')) });
    assert.equal(r.ok, false);
    assert.deepEqual(kinds(r), ['checkpoint_signature', 'checkpoint_unreadable']);
    assert.equal(r.problems.filter((p) => p.kind === 'checkpoint_signature').length, 2);
  } finally {
    await d.cleanup();
  }
});
