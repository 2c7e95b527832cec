/**
 * Scratch PostgreSQL databases for the benchmarks: created on BENCH_DATABASE_URL's server
 * (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
 */
import pg from 'pg';

export const adminUrl = (): string => process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server answers at `url` within two seconds. */
export async function postgresReachable(url = adminUrl()): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function onServer(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** The database `name` on the admin server: its URL, and `drop()`. `create: false` uses an existing one. */
export async function scratchPostgres(name: string, o: { create?: boolean } = {}): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  if (o.create !== false) await onServer(`create database ${name}`);
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return { name, url: u.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}
