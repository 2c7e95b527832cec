/**
 * `gongkai backup [--out FILE]` and `gongkai restore FILE [--force]` (security audit F6;
 * docs/operations.md). One file, a .tar.gz:
 *   manifest.json   format, app version, database kind and server version, time, the migration
 *                   list, each part's row count and SHA-256, the attachments' count and size, the
 *                   ids (not the keys) of the PII keys in use
 *   db/*.jsonl      every table, one row per line (core/db/dump.ts), db/sequences.json
 *   files/aa/bb/<sha256>   the attachments, content-addressed: a file's name is its SHA-256
 * The backup runs beside the server (on the embedded database through its socket): the tables
 * are read in one snapshot transaction, then the attachments are copied (they are only ever
 * added, never changed, so every file a row of the snapshot names is there).
 *
 * NOT in the backup: GONGKAI_PII_KEY, GONGKAI_AUDIT_KEY and SESSION_SECRET (in development the
 * generated DATA_DIR/.pii-key, .audit-key and .session-secret); restore warns when a key in use at
 * backup time is not configured. The applicants' personal data in the backup is
 * ciphertext that only the PII key decrypts: keep the key elsewhere (a password safe, the
 * deployment's secret store), never next to the backups.
 *
 * Restore: refuses a target that has tables or attachments unless --force (which moves an
 * embedded target aside, and drops and recreates a PostgreSQL schema); refuses a backup made
 * by a newer version (migrations this version does not have); checks every part against the
 * manifest before touching the target; on the embedded database it needs the server stopped. An
 * older backup is restored at its own migration level (exactly its migrations), then upgraded with
 * this version's others — also those numbered below its last one (a module's own range).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import * as tar from 'tar';
import { CLI_EXTENSIONS, type CliKit } from './extensions.ts';
import { loadConfig, ConfigError, type Config } from '../config/env.ts';
import { openDatabase } from '../core/db/index.ts';
import { allMigrations } from '../core/db/migrate.ts';
import { dumpSchema, loadSchema, schemaTables, type TablePart } from '../core/db/dump.ts';
import { acquireLock, DataDirBusy } from '../core/db/lock.ts';
import { AppError } from '../core/http/errors.ts';
import { configurePiiKeys, keyId } from '../core/pii/crypto.ts';
import { macKeyId } from '../core/audit/keys.ts';

export const BACKUP_FORMAT = 'gongkai-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  database: { kind: 'pglite' | 'postgres'; serverVersion: string };
  migrations: string[];
  tables: TablePart[];
  sequences: { file: string; sha256: string };
  files: { count: number; bytes: number; note: string };
  secrets: { included: false; piiKeyIds: string[]; note: string };
}

const refuse = (zh: string, en: string) => new AppError(409, 'conflict', { zh, en });

function appVersion(): { name: string; version: string } {
  const p = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: p.name, version: p.version };
}

/** Every file under `dir` (relative paths); [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1));
}

const sha256File = (path: string) =>
  new Promise<string>((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('error', rej).on('end', () => res(h.digest('hex')));
  });

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

// --- backup -----------------------------------------------------------------------------------

export async function backup(cfg: Config, database: { db: Kysely<unknown>; kind: 'pglite' | 'postgres' }, outFile: string): Promise<Manifest> {
  const out = resolve(outFile);
  const stage = mkdtempSync(join(dirname(out), '.gongkai-backup-'));
  try {
    mkdirSync(join(stage, 'db'));
    // one snapshot of every table (on the embedded database the server waits meanwhile)
    const parts = await database.db.transaction().setIsolationLevel('repeatable read').execute((trx) => dumpSchema(trx, stage));
    const { rows: migs } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    const { rows: ver } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
    const filesDir = join(cfg.dataDir, 'files');
    const files = filesUnder(filesDir);
    let bytes = 0;
    for (const f of files) bytes += statSync(join(filesDir, f)).size;
    if (files.length) symlinkSync(filesDir, join(stage, 'files'));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      app: appVersion(),
      createdAt: new Date().toISOString(),
      database: { kind: database.kind, serverVersion: ver[0]?.v ?? '' },
      migrations: migs.map((m) => m.name),
      tables: parts.tables,
      sequences: parts.sequences,
      files: { count: files.length, bytes, note: 'files/aa/bb/<sha256>: each attachment is named by the SHA-256 of its content' },
      secrets: {
        included: false,
        piiKeyIds: cfg.piiKeys.map(keyId),
        note: 'GONGKAI_PII_KEY and SESSION_SECRET are not in the backup; keep them elsewhere. Without the PII key the applicants’ personal data cannot be decrypted.',
      },
    };
    writeFileSync(join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const tmp = `${out}.${process.pid}.tmp`;
    // manifest first: a restore reads it before anything else
    await tar.c({ gzip: true, file: tmp, cwd: stage, portable: true, follow: true }, ['manifest.json', 'db', ...(files.length ? ['files'] : [])]);
    chmodSync(tmp, 0o600); // personal data (encrypted) and account hashes: for the operator only
    renameSync(tmp, out);
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

// --- restore ----------------------------------------------------------------------------------

/** Reads and checks the manifest and every part of an extracted backup. */
export async function checkBackup(dir: string): Promise<Manifest> {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw refuse('这不是 gongkai 备份文件（缺少 manifest.json）', 'not a gongkai backup (no manifest.json)');
  }
  if (m.format !== BACKUP_FORMAT) throw refuse('这不是 gongkai 备份文件', 'not a gongkai backup');
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw refuse(`备份格式版本 ${m.formatVersion} 比本程序新（${BACKUP_FORMAT_VERSION}）：请用较新版本的 gongkai 恢复`, `backup format ${m.formatVersion} is newer than this program's (${BACKUP_FORMAT_VERSION}): restore with a newer gongkai`);
  }
  const known = Object.keys(allMigrations()).sort();
  const unknown = m.migrations.filter((x) => !known.includes(x));
  if (unknown.length) {
    throw refuse(`备份来自较新版本的 gongkai（${m.app.version}），含本版本没有的数据库迁移：${unknown.join(', ')}。请用相同或更新的版本恢复。`,
      `the backup comes from a newer gongkai (${m.app.version}) with migrations this version does not have: ${unknown.join(', ')}. Restore with the same or a newer version.`);
  }
  // A newer version may add a migration numbered below ones the backup ran (a module's own range, e.g.
  // 0904 after 0920): the backup is still loadable at its own level, then upgraded (as start-up does).
  if (!m.migrations.length || !m.migrations.includes(known[0])) {
    throw refuse(`备份的数据库迁移与本版本不兼容（${m.app.version}）`, `the backup's migrations do not match this version's (backup from ${m.app.version})`);
  }
  for (const p of [...m.tables, m.sequences]) {
    const path = join(dir, p.file);
    if (!existsSync(path) || (await sha256File(path)) !== p.sha256) {
      throw refuse(`备份已损坏：${p.file} 与清单的 SHA-256 不符`, `the backup is damaged: ${p.file} does not match the manifest's SHA-256`);
    }
  }
  const files = filesUnder(join(dir, 'files'));
  if (files.length !== m.files.count) throw refuse(`备份已损坏：附件应有 ${m.files.count} 个，实有 ${files.length} 个`, `the backup is damaged: ${files.length} attachments instead of ${m.files.count}`);
  for (const f of files) {
    const name = f.split(/[\\/]/).pop()!;
    if ((await sha256File(join(dir, 'files', f))) !== name) throw refuse(`备份已损坏：附件 ${f} 的内容与名称不符`, `the backup is damaged: attachment ${f} does not match its name`);
  }
  return m;
}

/** Fills the connection's current schema from the backup, all in one transaction. */
async function loadInto(db: Kysely<unknown>, dir: string, m: Manifest, o: { dropFirst: boolean }): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(conn);
      const schema = rows[0].s;
      if (o.dropFirst) {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(conn);
        await sql`create schema ${sql.id(schema)}`.execute(conn);
      } else if ((await schemaTables(conn)).length) {
        throw refuse('目标数据库不是空的：如确要覆盖，请加 --force', 'the target database is not empty: add --force to replace it');
      }
      // exactly the backup's migrations first (so the columns match its rows), then the rest of this version's
      const all = allMigrations();
      const theirs = Object.fromEntries(m.migrations.map((n) => [n, all[n]]));
      const to = await new Migrator({ db: conn, provider: { getMigrations: async () => theirs }, migrationTableSchema: schema, disableTransactions: true }).migrateToLatest();
      if (to.error) throw to.error;
      await loadSchema(conn, dir, m);
      const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => all }, migrationTableSchema: schema, disableTransactions: true, allowUnorderedMigrations: true });
      const rest = await migrator.migrateToLatest();
      if (rest.error) throw rest.error;
      await sql`commit`.execute(conn);
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw e;
    }
  });
}

const nonEmptyDir = (d: string) => existsSync(d) && readdirSync(d).length > 0;

/** What a restore brought back: the backup's manifest, and the audit keys its log was chained with. */
export type Restored = Manifest & { auditKeyIds: string[] };

export async function restore(cfg: Config, file: string, o: { force?: boolean; log?: (s: string) => void } = {}): Promise<Restored> {
  const log = o.log ?? (() => {});
  if (!existsSync(file)) throw refuse(`找不到备份文件 ${file}`, `no such backup file ${file}`);
  mkdirSync(cfg.dataDir, { recursive: true });
  configurePiiKeys(cfg.piiKeys); // migrations newer than the backup may encrypt its rows (0920)
  const lock = cfg.databaseUrl ? null : (() => {
    try {
      return acquireLock(cfg.dataDir, { role: 'cli', command: 'restore' });
    } catch (e) {
      if (e instanceof DataDirBusy) {
        throw refuse(`数据目录正被进程 ${e.holder.pid}（${e.holder.command}）使用：恢复前请先停止服务`, `the data dir is in use by pid ${e.holder.pid} (${e.holder.command}): stop the server before restoring`);
      }
      throw e;
    }
  })();
  const stage = mkdtempSync(join(cfg.dataDir, '.restore-'));
  try {
    const archive = join(stage, 'archive');
    mkdirSync(archive);
    try {
      // regular files and folders only; node-tar also strips absolute paths and ".."
      await tar.x({ file, cwd: archive, strict: true, filter: (_p, e) => 'type' in e && (e.type === 'File' || e.type === 'Directory') });
    } catch (e) {
      throw refuse(`无法读取备份文件：${(e as Error).message}`, `cannot read the backup file: ${(e as Error).message}`);
    }
    const m = await checkBackup(archive);
    log(`备份 / backup: ${m.createdAt}, gongkai ${m.app.version}, ${m.database.kind} ${m.database.serverVersion}, ${m.tables.reduce((n, t) => n + t.rows, 0)} rows, ${m.files.count} attachments`);
    const filesDir = join(cfg.dataDir, 'files');
    const pgdata = join(cfg.dataDir, 'pgdata');
    let auditKeyIds: string[] = [];
    const aside = `before-restore-${stamp()}`;
    if (!o.force && nonEmptyDir(filesDir)) throw refuse(`目标数据目录已有附件（${filesDir}）：如确要覆盖，请加 --force`, `the target already has attachments (${filesDir}): add --force to replace them`);
    if (cfg.databaseUrl) {
      const d = await openDatabase({ databaseUrl: cfg.databaseUrl, poolSize: 1 });
      try {
        await loadInto(d.db as unknown as Kysely<unknown>, archive, m, { dropFirst: !!o.force });
        auditKeyIds = await auditKeyIdsOf(d.db as unknown as Kysely<unknown>);
      } finally {
        await d.close();
      }
    } else {
      if (!o.force && nonEmptyDir(pgdata)) throw refuse(`目标数据目录已有数据库（${pgdata}）：如确要覆盖，请加 --force`, `the target already has a database (${pgdata}): add --force to replace it`);
      // built beside the target, moved into place only when complete
      const d = await openDatabase({ databaseUrl: null, dataDir: stage });
      try {
        await loadInto(d.db as unknown as Kysely<unknown>, archive, m, { dropFirst: false });
        auditKeyIds = await auditKeyIdsOf(d.db as unknown as Kysely<unknown>);
      } finally {
        await d.close();
      }
      if (existsSync(pgdata)) {
        renameSync(pgdata, `${pgdata}.${aside}`);
        log(`原数据库已移至 / the previous database was moved to ${pgdata}.${aside}`);
      }
      renameSync(join(stage, 'pgdata'), pgdata);
    }
    if (existsSync(filesDir) && nonEmptyDir(filesDir)) {
      renameSync(filesDir, `${filesDir}.${aside}`);
      log(`原附件已移至 / the previous attachments were moved to ${filesDir}.${aside}`);
    }
    rmSync(filesDir, { recursive: true, force: true });
    if (existsSync(join(archive, 'files'))) renameSync(join(archive, 'files'), filesDir);
    return { ...m, auditKeyIds };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    lock?.release();
  }
}

/** The PII keys configured now vs. those in use when the backup was made. */
export function keyWarning(cfg: Config, m: Manifest): string | null {
  const now = cfg.piiKeys.map(keyId);
  const missing = m.secrets.piiKeyIds.filter((k) => !now.includes(k));
  if (!missing.length) return null;
  return [
    `警告：备份时使用的个人信息密钥（编号 ${missing.join(', ')}）不在当前的 GONGKAI_PII_KEY 中。申请人的个人信息在配置该密钥前无法解密。`,
    `warning: the PII key(s) in use at backup time (id ${missing.join(', ')}) are not in the current GONGKAI_PII_KEY. Applicants' personal data cannot be decrypted until that key is configured.`,
  ].join('\n');
}

/** The audit keys (their ids, `macKeyId`) the rows of a database's audit log were chained with. */
export async function auditKeyIdsOf(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ k: string }>`select distinct key_id as k from audit_log where key_id is not null order by 1`.execute(db);
  return rows.map((r) => r.k);
}

/**
 * The audit keys configured now vs. those the restored log was chained with. GONGKAI_AUDIT_KEY
 * (in development the generated DATA_DIR/.audit-key) is not in the backup: restored without it,
 * `gongkai audit verify` reports every keyed row as tampered, a false alarm the restore drill
 * would otherwise meet with no explanation.
 */
export function auditKeyWarning(cfg: Config, auditKeyIds: readonly string[]): string | null {
  const now = cfg.auditKeys.map(macKeyId);
  const missing = auditKeyIds.filter((k) => !now.includes(k));
  if (!missing.length) return null;
  return [
    `警告：备份中的审计日志所用密钥（编号 ${missing.join(', ')}）不在当前的 GONGKAI_AUDIT_KEY 中。配置该密钥（可列在新密钥之后）之前，gongkai audit verify 会将这些记录报告为被篡改。`,
    `warning: the audit log in the backup was chained with key(s) ${missing.join(', ')}, which are not in the current GONGKAI_AUDIT_KEY. Until that key is configured (it may follow a new key in the list), gongkai audit verify reports those rows as tampered.`,
  ].join('\n');
}

export function registerBackupCli(program: import('commander').Command, kit: CliKit): void {
  program
    .command('backup')
    .description('back up the database and the attachments into one .tar.gz (not the PII key) / 备份数据库与附件')
    .option('--out <file>', 'the backup file (default: gongkai-backup-<time>.tar.gz)')
    .action(kit.withDb(async ({ cfg, database }, o: { out?: string }) => {
      const out = o.out ?? `gongkai-backup-${stamp()}.tar.gz`;
      const t0 = Date.now();
      const m = await backup(cfg, database as unknown as { db: Kysely<unknown>; kind: 'pglite' | 'postgres' }, out);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`备份完成 / backup written: ${resolve(out)} (${rows} rows in ${m.tables.length} tables, ${m.files.count} attachments, ${Math.round(statSync(out).size / 1024)} kB, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      console.error('注意：备份不含 GONGKAI_PII_KEY、GONGKAI_AUDIT_KEY 与 SESSION_SECRET，请另行妥善保管密钥 / note: GONGKAI_PII_KEY, GONGKAI_AUDIT_KEY and SESSION_SECRET are not in the backup: keep them safe elsewhere');
    }));
  program
    .command('restore')
    .description('restore a backup into an empty data dir or schema (--force replaces) / 从备份恢复')
    .argument('<file>', 'the backup file')
    .option('--force', 'replace a non-empty target (an embedded one is moved aside, a PostgreSQL schema is dropped)')
    .action(async (file: string, o: { force?: boolean }) => {
      let cfg: Config;
      try {
        cfg = loadConfig();
      } catch (e) {
        if (e instanceof ConfigError) {
          console.error(e.message);
          process.exitCode = 78;
          return;
        }
        throw e;
      }
      try {
        const m = await restore(cfg, file, { force: o.force, log: (s) => console.error(s) });
        console.log(`恢复完成 / restored: ${m.tables.reduce((n, t) => n + t.rows, 0)} rows, ${m.files.count} attachments (backup of ${m.createdAt})`);
        for (const w of [keyWarning(cfg, m), auditKeyWarning(cfg, m.auditKeyIds)]) if (w) console.error(w);
      } catch (e) {
        process.exitCode = kit.reportError(e);
      }
    });
}

CLI_EXTENSIONS.push(registerBackupCli);
