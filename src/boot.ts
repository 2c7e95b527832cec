/** Shared start-up for every role: validated config → database → migrations. */
import { loadConfig, ConfigError, type Config } from './config/env.ts';
import { openDatabase, type Database } from './core/db/index.ts';
import { migrateToLatest } from './core/db/migrate.ts';

export async function boot(opts: { migrate?: boolean } = {}): Promise<{ cfg: Config; database: Database }> {
  let cfg: Config;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  if (opts.migrate !== false) await migrateToLatest(database.db);
  return { cfg, database };
}
