/**
 * `npx gongkai …` — the operator's command line. Same configuration as the server (embedded data
 * dir or DATABASE_URL). Commands run as the operator ("cli:<user>") and are audited like any other
 * write. Errors print in Chinese and English and exit with status 2 (bad input) or 1 (failure).
 */
import { Command, Option } from 'commander';
import { userInfo } from 'node:os';
import { boot } from '../boot.ts';
import { AppError } from '../core/http/errors.ts';
import { systemContext } from '../core/commands/context.ts';
import { settingsTable } from '../config/env.ts';
import { listUnits } from '../modules/units/repository.ts';
import { createUnit } from '../modules/units/commands.ts';
import { createUser } from '../modules/accounts/commands/users.ts';
import { seedDemo, generatePassword } from '../modules/system/seed.ts';
import { auditKeyring, CHECKPOINT_FILE, readCheckpoints, verifyAudit, writeCheckpoint } from '../core/audit/index.ts';
import { join } from 'node:path';
import { migrateToLatest } from '../core/db/migrate.ts';
import { registerCliExtensions } from './extensions.ts';
import { announceChanges } from './peers.ts';
import './backup.ts'; // registers `backup` and `restore`
// Loading the modules registers their commands (CLI_EXTENSIONS), demo seeders and policy rules.
import '../modules/index.ts';

const operator = () => systemContext(`cli:${(() => { try { return userInfo().username; } catch { return 'operator'; } })()}`);

/** Runs an action with a database, closing it afterwards and turning errors into clear messages. */
export function withDb<A extends unknown[]>(fn: (db: Awaited<ReturnType<typeof boot>>, ...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    const booted = await boot({ role: 'cli' });
    const changes = announceChanges(booted.database);
    let code = 0;
    try {
      code = (await fn(booted, ...args)) ?? 0;
    } catch (e) {
      code = reportError(e);
    } finally {
      await changes.flush();
      await booted.database.close();
    }
    process.exitCode = code;
  };
}

export function reportError(e: unknown): number {
  if (e instanceof AppError) {
    console.error(`错误：${e.msg.zh}\nerror: ${e.msg.en}`);
    for (const [k, m] of Object.entries(e.fields ?? {})) console.error(`  ${k}: ${m.zh} (${m.en})`);
    return 2;
  }
  console.error(`失败 / failed: ${(e as Error).message}`);
  return 1;
}

const program = new Command();
program.name('gongkai').description('gongkai 政务公开平台 — command line').showHelpAfterError();

program
  .command('migrate')
  .description('create or update the database schema / 创建或升级数据库结构')
  .action(async () => {
    const { database } = await boot({ migrate: false, role: 'cli' });
    try {
      const done = await migrateToLatest(database.db);
      console.log(done.length ? `applied: ${done.join(', ')}` : 'schema is up to date / 数据库结构已是最新');
    } finally {
      await database.close();
    }
  });

const seed = program.command('seed').description('load data / 载入数据');
seed
  .command('demo')
  .description('load the demo city (only into an empty database) / 载入演示数据')
  .action(
    withDb(async ({ cfg, database }) => {
      const r = await seedDemo(database.db, { dataDir: cfg.dataDir, adminPassword: cfg.adminPassword, log: console.log });
      if (!r.created) {
        console.log('the database already has units; nothing seeded / 数据库已有单位数据，未重复载入');
        return;
      }
      console.log(`demo created. admin password: ${cfg.adminPassword ? '(GONGKAI_ADMIN_PASSWORD)' : r.adminPassword}`);
    }),
  );

const units = program.command('units').description('units of the site cluster / 站群单位');
units
  .command('list')
  .description('list units / 列出单位')
  .option('--json', 'print JSON')
  .action(
    withDb(async ({ database }, opts: { json?: boolean }) => {
      const rows = await listUnits(database.db);
      if (opts.json) {
        console.log(JSON.stringify(rows.map((u) => ({ code: u.code, name: u.name, short_name: u.short_name, type: u.type, parent_code: u.parent_code, slug: u.slug, active: u.active })), null, 2));
        return;
      }
      for (const u of rows) console.log(`${u.code}\t${u.type.padEnd(17)}\t${'  '.repeat(u.level)}${u.name}`);
    }),
  );
units
  .command('create')
  .description('create a unit / 新建单位')
  .requiredOption('--code <code>', '统一社会信用代码 (18 chars) or internal code')
  .requiredOption('--name <name>', 'full name / 单位名称')
  .option('--parent <code>', 'parent unit code / 上级单位代码')
  .addOption(new Option('--type <type>', 'unit type').choices(['city_government', 'county_government', 'department', 'office', 'township', 'park']).default('department'))
  .option('--short-name <name>', 'short name / 简称')
  .option('--slug <slug>', 'URL slug (default: the code in lower case)')
  .action(
    withDb(async ({ database }, o: { code: string; name: string; parent?: string; type: string; shortName?: string; slug?: string }) => {
      const u = await createUnit(database.db, operator(), { code: o.code, name: o.name, parent_code: o.parent ?? null, type: o.type, short_name: o.shortName, slug: o.slug });
      console.log(`created ${u.code} ${u.name} (/u/${u.slug}/)`);
    }),
  );

const user = program.command('user').description('user accounts / 用户账号');
user
  .command('create')
  .description('create a user / 新建用户')
  .requiredOption('--username <name>', 'user name')
  .requiredOption('--unit <code>', 'unit code the user belongs to')
  .option('--name <display>', 'display name / 姓名')
  .option('--email <email>', 'e-mail')
  .option('--password <pw>', 'password (default: generated and printed)')
  .option('--role <role[@unit]>', 'grant a role, on --unit or on the given unit code (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .action(
    withDb(async ({ database }, o: { username: string; unit: string; name?: string; email?: string; password?: string; role: string[] }) => {
      const password = o.password ?? generatePassword();
      const grants = o.role.map((r) => {
        const [role, unit] = r.split('@');
        return { role, unit_code: unit ?? o.unit };
      });
      const u = await createUser(database.db, operator(), { username: o.username, display_name: o.name, email: o.email, password, unit_code: o.unit, grants });
      console.log(`created user ${u.username}${o.password ? '' : `; password: ${password}`}`);
    }),
  );

const audit = program.command('audit').description('the audit log / 审计日志');
audit
  .command('verify')
  .description('check the hash chain against the signed checkpoints; exit 1 if rows were edited, deleted, re-chained or truncated / 校验审计日志')
  .option('--json', 'print JSON {ok,count,problems,checkpoints}')
  .option('--anchors <file>', 'checkpoint file to compare with (default: GONGKAI_AUDIT_ANCHOR_DIR/audit-checkpoints.jsonl), e.g. a copy kept elsewhere')
  .action(
    withDb(async ({ database }, o: { json?: boolean; anchors?: string }) => {
      const r = await verifyAudit(database.db, o.anchors ? { checkpoints: readCheckpoints(o.anchors) } : {});
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else if (r.ok) console.log(`audit log intact: ${r.count} entries, ${r.checkpoints} checkpoint(s) matched / 审计日志完整：共 ${r.count} 条，核对校验点 ${r.checkpoints} 个`);
      else {
        console.log(`AUDIT LOG TAMPERED / 审计日志被篡改: ${r.problems.length} problem(s) in ${r.count} entries / 共 ${r.count} 条，发现 ${r.problems.length} 处问题`);
        for (const p of r.problems) console.log(`  - ${p.zh}\n    ${p.message}`);
      }
      return r.ok ? 0 : 1;
    }),
  );
audit
  .command('checkpoint')
  .description('sign the current head and append it to the checkpoint file now (the server does this every 5 minutes) / 立即写入审计校验点')
  .action(
    withDb(async ({ database, cfg }) => {
      const file = join(cfg.auditAnchorDir, CHECKPOINT_FILE);
      const cp = await writeCheckpoint(database.db, auditKeyring(), file);
      console.log(cp ? `checkpoint written / 已写入校验点: #${cp.headId}, ${cp.count} entries → ${file}` : `nothing new to sign / 无新记录，未写入 (${file})`);
    }),
  );

program
  .command('config')
  .description('print every configuration variable as a Markdown table / 配置项说明')
  .action(() => console.log(settingsTable()));

registerCliExtensions(program, { withDb, operator, reportError });

await program.parseAsync(process.argv);
