/**
 * The seeded demo city as a test database. Seeding the whole demo costs most of a minute, so on PGlite
 * it is done once per source tree and day and kept as a snapshot in .test-data/demo-<key>.tar.gz; key =
 * SHA-256 of every file under src/ and test/helpers/ but tests and READMEs, the migrations and the UTC date (the
 * demo's dates are relative to today). A file whose key differs is seeded afresh: a change to any
 * seeder, command or migration gives a new snapshot, never a stale one. PostgreSQL: seeded in the
 * file's schema each time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/core/db/index.ts';
import { openDatabase } from '../../src/core/db/index.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { testDatabase, usingPostgres, type TestDb } from './db.ts';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (!/\.test\.tsx?$|\.md$/.test(name)) out.push(p); // not tests, not prose
  }
  return out;
}

/** The key of the demo a seeding of today's sources makes. */
export function demoKey(): string {
  const h = createHash('sha256').update(new Date().toISOString().slice(0, 10));
  for (const f of [...sources(join(process.cwd(), 'src')), ...sources(join(process.cwd(), 'test', 'helpers'))]) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** A database holding the demo `seed` makes; on PGlite loaded from the day's snapshot when there is one. */
export async function demoDatabase(seed: (db: Db) => Promise<void>): Promise<TestDb & { fromSnapshot: boolean }> {
  if (usingPostgres) {
    const d = await testDatabase();
    await seed(d.db);
    return { ...d, fromSnapshot: false };
  }
  const dir = join(process.cwd(), '.test-data');
  const key = demoKey();
  const file = join(dir, `demo-${key}.tar.gz`);
  if (existsSync(file)) {
    const d = await openDatabase({ databaseUrl: null, memory: true, loadDataDir: new Blob([readFileSync(file)]) });
    await migrateToLatest(d.db);
    return { ...d, cleanup: () => d.close(), fromSnapshot: true };
  }
  const d = await testDatabase();
  await seed(d.db);
  const blob = await d.pglite!.dumpDataDir('gzip');
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(dir)) if (/^demo-[0-9a-f]{16}\.tar\.gz$/.test(old)) rmSync(join(dir, old), { force: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, file); // atomic: a parallel reader never sees half a file
  return { ...d, fromSnapshot: false };
}
