/**
 * A fresh database for each test file.
 *  - PGlite (default): an in-memory instance loaded from a migrated snapshot, made once and kept in
 *    .test-data/ keyed by the migration names (loading takes ~0.5 s; initdb + migrate takes seconds).
 *  - PostgreSQL (when TEST_DATABASE_URL is set, as CI does): a new schema per file, dropped at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/core/db/index.ts';
import { allMigrations, migrateToLatest } from '../../src/core/db/migrate.ts';
import './audit-key.ts';
import './pii-key.ts';

export const usingPostgres = !!process.env.TEST_DATABASE_URL;

/** The migrated PGlite data dir, made once per set of migrations (also seeds a data dir a child server opens). */
export async function pgliteSnapshot(): Promise<Blob> {
  const migs = allMigrations();
  const h = createHash('sha256');
  for (const k of Object.keys(migs).sort()) h.update(k).update(migs[k].up.toString());
  const key = h.digest('hex').slice(0, 16);
  const dir = join(process.cwd(), '.test-data');
  const file = join(dir, `pglite-${key}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const d = await openDatabase({ databaseUrl: null, memory: true });
  await migrateToLatest(d.db);
  const blob = await d.pglite!.dumpDataDir('gzip');
  await d.close();
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, file); // atomic: parallel test files never read a half-written snapshot
  return blob;
}

export interface TestDb extends Database {
  cleanup(): Promise<void>;
  schema?: string;
}

export async function testDatabase(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = 't_' + randomBytes(6).toString('hex');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const d = await openDatabase({ databaseUrl: url, schema, poolSize: 4 });
    await migrateToLatest(d.db);
    return {
      ...d,
      schema,
      async cleanup() {
        await d.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const d = await openDatabase({ databaseUrl: null, memory: true, loadDataDir: await pgliteSnapshot() });
  await migrateToLatest(d.db); // no-op unless migrations changed since the snapshot
  return { ...d, cleanup: () => d.close() };
}
