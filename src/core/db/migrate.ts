/**
 * Migrations are TypeScript, in each module's `migrations.ts`, run in name order at start-up
 * (and by `gongkai migrate`). Names start with a sortable number so the order is the file's order.
 * Modules number their migrations in their own range (core 0001–0099, documents 0100…, units 0510…),
 * so a release can add a lower-numbered migration than one an installation already ran: those run
 * too (allowUnorderedMigrations) instead of stopping the start-up.
 */
import { Migrator, sql, type Migration } from 'kysely';
import type { Db } from './index.ts';
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
  const migrator = new Migrator({ db, provider: { getMigrations: async () => allMigrations() }, migrationTableSchema: rows[0]?.schema ?? 'public', allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
