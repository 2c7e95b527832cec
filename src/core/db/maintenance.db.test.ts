/**
 * The embedded database's housekeeping (maintenance.ts): PGlite has no autovacuum, so without the job
 * a table filled after its creation is never analyzed and the planner keeps the empty table's
 * estimates. The pass analyzes (and vacuums) exactly the tables that changed, then nothing until they
 * change again; on PostgreSQL it does nothing (the server's autovacuum does it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from './index.ts';
import { maintainEmbedded, shanghaiHour, staleTables } from './maintenance.ts';

let d: Database;
before(async () => {
  d = await openDatabase({ databaseUrl: null, memory: true });
  await d.pglite!.exec(`create table big (id int primary key, v text); create table small (id int primary key);
    insert into big select g, repeat('政务公开', 20) || g from generate_series(1, 20000) g; insert into small values (1)`);
});
after(async () => d?.close());

const stats = async (t: string) => (await d.pglite!.query<{ reltuples: number; relallvisible: number }>(`select reltuples, relallvisible from pg_class where relname = $1`, [t])).rows[0];

test('tables filled since their creation are analyzed and vacuumed; then nothing until they change', async () => {
  assert.equal((await stats('big')).reltuples, -1, 'PGlite never analyzed the table on its own');
  assert.deepEqual(await staleTables(d), ['big', 'small']);
  const m = (await maintainEmbedded(d))!;
  assert.deepEqual(m.tables, ['big', 'small']);
  const s = await stats('big');
  assert.equal(s.reltuples, 20000, 'the planner now knows the table');
  assert.ok(s.relallvisible > 0, 'vacuumed: the visibility map lets index-only scans skip the table');
  assert.deepEqual((await maintainEmbedded(d))!.tables, [], 'nothing changed since');

  // a bulk import grows one table by far more than a fifth: that table only
  await d.pglite!.exec(`insert into big select g, repeat('政务公开', 20) || g from generate_series(20001, 40000) g`);
  assert.deepEqual((await maintainEmbedded(d))!.tables, ['big']);
  assert.equal((await stats('big')).reltuples, 40000);

  // the nightly pass does the whole database
  assert.deepEqual((await maintainEmbedded(d, { full: true }))!.tables, ['*']);
});

test('the nightly hour is Shanghai time', () => {
  assert.equal(shanghaiHour(new Date('2026-12-07T19:30:00Z')), 3);
  assert.equal(shanghaiHour(new Date('2026-12-08T03:00:00Z')), 11);
});

test('nothing to do on PostgreSQL', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' }, async () => {
  const pg = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, poolSize: 1 });
  try {
    assert.equal(await maintainEmbedded(pg), null);
  } finally {
    await pg.close();
  }
});
