/**
 * Migrations look at their own schema only. Kysely's migrator asks the introspector for every table of
 * every schema (with pg_get_serial_sequence per column) before it runs; on a PostgreSQL server where
 * another schema is dropped meanwhile — other tenants, other test files, a `gongkai restore` — that
 * failed with `schema "…" does not exist` (a CI run on 2026-12-04 failed so: `gongkai migrate` exit 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { testDatabase, usingPostgres } from '../../../test/helpers/db.ts';
import { migrateToLatest, scopedIntrospection } from './migrate.ts';

test('the introspection the migrator sees lists this schema’s tables only', async () => {
  const d = await testDatabase();
  const other = 'o_' + randomBytes(5).toString('hex');
  try {
    await sql`create schema ${sql.id(other)}`.execute(d.db);
    await sql`create table ${sql.id(other, 'kysely_migration')} (id serial primary key)`.execute(d.db);
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(d.db);
    const i = scopedIntrospection(d.db, rows[0].s);
    const tables = await i.getTables({ withInternalKyselyTables: true });
    assert.ok(tables.some((t) => t.name === 'kysely_migration' && t.schema === rows[0].s), 'its own bookkeeping table');
    assert.ok(tables.some((t) => t.name === 'documents'));
    assert.ok(!tables.some((t) => t.schema !== rows[0].s), 'no table of another schema');
    assert.deepEqual((await i.getSchemas()).map((s) => s.name), [rows[0].s]);
    assert.deepEqual(await migrateToLatest(d.db), [], 'already migrated: nothing to run');
  } finally {
    await sql`drop schema if exists ${sql.id(other)} cascade`.execute(d.db);
    await d.cleanup();
  }
});

test('migrating while other schemas come and go on the same server', { skip: usingPostgres ? false : 'PostgreSQL only (PGlite is one database per process)' }, async () => {
  const d = await testDatabase();
  const url = process.env.TEST_DATABASE_URL!;
  const churn = new pg.Client({ connectionString: url });
  await churn.connect();
  let stop = false;
  const names: string[] = [];
  const loop = (async () => {
    while (!stop) {
      const s = 'c_' + randomBytes(5).toString('hex');
      names.push(s);
      await churn.query(`create schema ${s}; create table ${s}.t (id serial primary key, a text, b text, c text)`);
      await churn.query(`drop schema ${s} cascade`);
    }
  })();
  try {
    for (let i = 0; i < 15; i++) assert.deepEqual(await migrateToLatest(d.db), []);
  } finally {
    stop = true;
    await loop;
    for (const s of names) await churn.query(`drop schema if exists ${s} cascade`);
    await churn.end();
    await d.cleanup();
  }
  assert.ok(names.length > 5, `the other client made and dropped ${names.length} schemas meanwhile`);
});
