/**
 * Upgrading an installation whose log was written with plain SHA-256: the migration adds the scheme
 * column without touching a row, the old rows verify as they are, and new rows are keyed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator, sql } from 'kysely';
import '../../../test/helpers/audit-key.ts';
import { openDatabase, inTransaction, type Database } from '../db/index.ts';
import { allMigrations, migrateToLatest } from '../db/migrate.ts';
import { recordAudit, verifyAudit, rowHash, GENESIS } from './index.ts';

async function emptyDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const d = await openDatabase({ databaseUrl: null, memory: true });
    return { ...d, drop: () => d.close() };
  }
  const schema = 't_' + randomBytes(6).toString('hex');
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const d = await openDatabase({ databaseUrl: url, schema, poolSize: 2 });
  return { ...d, drop: async () => { await d.close(); await run(`drop schema ${schema} cascade`); } };
}

test('rows written before the key keep their hashes and verify after the migration; new rows are keyed', async () => {
  const d = await emptyDatabase();
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(d.db);
    const before = Object.fromEntries(Object.entries(allMigrations()).filter(([name]) => name < '0550'));
    const old = new Migrator({ db: d.db, provider: { getMigrations: async () => before }, migrationTableSchema: rows[0].schema });
    const res = await old.migrateToLatest();
    assert.equal(res.error, undefined);
    // three rows exactly as the old recordAudit wrote them
    let prev = GENESIS;
    for (let i = 1; i <= 3; i++) {
      const row = { at: new Date(Date.UTC(2025, 5, i, 8)), actor_id: null, actor_name: 'cli:root', unit_id: null, action: 'unit.create', subject_type: 'unit', subject_id: String(i), summary: { after: { i } }, ip: null };
      const hash = rowHash(prev, row);
      const ins = await sql<{ id: number }>`insert into audit_log (at, actor_id, actor_name, unit_id, action, subject_type, subject_id, summary, ip, prev_hash, hash)
        values (${row.at}, null, ${row.actor_name}, null, ${row.action}, ${row.subject_type}, ${row.subject_id}, ${JSON.stringify(row.summary)}, null, ${prev}, ${hash}) returning id`.execute(d.db);
      await sql`insert into audit_head (id, last_id, last_hash, count) values (1, ${ins.rows[0].id}, ${hash}, ${i})
        on conflict (id) do update set last_id = excluded.last_id, last_hash = excluded.last_hash, count = excluded.count`.execute(d.db);
      prev = hash;
    }
    const hashesBefore = (await sql<{ hash: string }>`select hash from audit_log order by id`.execute(d.db)).rows.map((r) => r.hash);

    await migrateToLatest(d.db);
    const after = await d.db.selectFrom('audit_log').select(['hash', 'hash_scheme', 'key_id']).orderBy('id').execute();
    assert.deepEqual(after.map((r) => r.hash), hashesBefore, 'history is not rewritten');
    assert.deepEqual(after.map((r) => r.hash_scheme), [1, 1, 1]);
    assert.equal((await verifyAudit(d.db)).ok, true);

    await inTransaction(d.db, (tx) => recordAudit(tx, { id: null, name: 'test' }, { action: 'unit.update', unitId: null, subjectType: 'unit', subjectId: 1 }));
    const r = await verifyAudit(d.db);
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.equal(r.count, 4);
    const last = await d.db.selectFrom('audit_log').select(['hash_scheme', 'prev_hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(last.hash_scheme, 2);
    assert.equal(last.prev_hash, hashesBefore[2], 'the keyed chain continues from the last unkeyed row');
  } finally {
    await d.drop();
  }
});
