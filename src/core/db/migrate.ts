/**
 * Migrations are TypeScript, in each module's `migrations.ts`, run in name order at start-up
 * (and by `gongkai migrate`). Names start with a sortable number so the order is the file's order.
 * Modules number their migrations in their own range (core 0001–0099, documents 0100…, units 0510…),
 * so a release can add a lower-numbered migration than one an installation already ran: those run
 * too (allowUnorderedMigrations) instead of stopping the start-up.
 */
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type TableMetadata } from 'kysely';
import type { Db } from './index.ts';
import type { DB } from './schema.ts';
import { migrations as core } from './core-migrations.ts';
import { moduleMigrations } from './registry.ts';

export function allMigrations(): Record<string, Migration> {
  const all: Record<string, Migration> = { ...core };
  for (const m of moduleMigrations) Object.assign(all, m);
  return all;
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in *any* schema unless told which one; name ours, so
  // several schemas on one server (tests, tenants) never see each other's migration state.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const migrator = new Migrator({ db: withIntrospection(db, scopedIntrospection(db, schema)), provider: { getMigrations: async () => allMigrations() }, migrationTableSchema: schema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * What Kysely's migrator asks before it runs ("does my schema, do my tables exist?"), answered from this
 * schema alone. Its own introspector reads every column of every schema on the server and calls
 * pg_get_serial_sequence for each, which fails with `schema "…" does not exist` when another schema is
 * dropped meanwhile (other tenants or test files on one server) — and is slow with many schemas.
 */
export function scopedIntrospection(db: Db, schema: string): DatabaseIntrospector {
  const tables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm') order by c.relname`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: r.kind === 'v' || r.kind === 'm', columns: [] }));
  };
  return {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    getTables: tables,
    async getMetadata() {
      return { tables: await tables() };
    },
  };
}

/** `db` with `introspection` replaced; every other member is the instance's own (bound to it). */
function withIntrospection<T extends Kysely<DB>>(db: T, introspection: DatabaseIntrospector): T {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
