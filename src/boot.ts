/** Shared start-up for every role: validated config → database → migrations. */
import { loadConfig, ConfigError, type Config } from './config/env.ts';
import { openDatabase, type Database } from './core/db/index.ts';
import { migrateToLatest } from './core/db/migrate.ts';
import { commandLine, openEmbedded, VersionMismatch, type Role } from './core/db/embedded.ts';
import { DataDirBusy } from './core/db/lock.ts';
import { configureAudit } from './core/audit/index.ts';
import { configurePiiKeys } from './core/pii/crypto.ts';

/** Exit status when the data dir is held by another process (EX_TEMPFAIL: try again later). */
export const EXIT_BUSY = 75;

export async function boot(opts: { migrate?: boolean; role?: Role } = {}): Promise<{ cfg: Config; database: Database }> {
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
  // the audit chain's keys and checkpoint folder come from the environment, never from the database
  configureAudit({ keys: cfg.auditKeys, anchorDir: cfg.auditAnchorDir });
  // personal data at rest: the repository and migration 0920 decrypt/encrypt with these
  configurePiiKeys(cfg.piiKeys);
  if (cfg.databaseUrl) {
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: cfg.databasePoolSize });
    if (opts.migrate !== false) await migrateToLatest(database.db);
    return { cfg, database };
  }
  // the embedded database: one process owns the data dir; the CLI goes through the server (F2)
  const role = opts.role ?? 'server';
  try {
    const database = await openEmbedded(cfg.dataDir, {
      role,
      command: commandLine(),
      migrate: opts.migrate,
      onWait: (h) => console.error(`数据目录正被进程 ${h.pid}（${h.command}）使用，等待中… / the data dir is in use by pid ${h.pid} (${h.command}), waiting…`),
      log: (msg, err) => console.error(msg, err),
    });
    return { cfg, database };
  } catch (e) {
    if (e instanceof DataDirBusy || e instanceof VersionMismatch) {
      console.error(e.message);
      process.exit(e instanceof DataDirBusy ? EXIT_BUSY : 1);
    }
    if (role === 'cli') {
      // e.g. the server's socket refuses us (another OS user): a message, not a stack trace
      console.error(`失败 / failed: ${(e as Error).message}`);
      process.exit(1);
    }
    throw e;
  }
}
