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
import { createUser } from '../modules/accounts/commands.ts';
import { seedDemo, generatePassword } from '../modules/system/seed.ts';
import { verifyAudit } from '../core/audit/index.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { registerCliExtensions } from './extensions.ts';
// Loading the modules registers their commands (CLI_EXTENSIONS), demo seeders and policy rules.
import '../modules/index.ts';

const operator = () => systemContext(`cli:${(() => { try { return userInfo().username; } catch { return 'operator'; } })()}`);

/** Runs an action with a database, closing it afterwards and turning errors into clear messages. */
export function withDb<A extends unknown[]>(fn: (db: Awaited<ReturnType<typeof boot>>, ...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    const booted = await boot();
    let code = 0;
    try {
      code = (await fn(booted, ...args)) ?? 0;
    } catch (e) {
      code = reportError(e);
    } finally {
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
    const { database } = await boot({ migrate: false });
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
      for (const u of rows) console.log(`${u.code}\t${u.type.padEnd(17)}\t${'  '.repeat(u.depth)}${u.name}`);
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
  .description('check the hash chain; exit 1 if any row was edited or deleted / 校验审计日志')
  .option('--json', 'print JSON')
  .action(
    withDb(async ({ database }, o: { json?: boolean }) => {
      const r = await verifyAudit(database.db);
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else if (r.ok) console.log(`audit log intact: ${r.count} entries / 审计日志完整：共 ${r.count} 条`);
      else {
        console.log(`AUDIT LOG TAMPERED / 审计日志被篡改: ${r.problems.length} problem(s) in ${r.count} entries`);
        for (const p of r.problems) console.log(`  - ${p.message}`);
      }
      return r.ok ? 0 : 1;
    }),
  );

program
  .command('config')
  .description('print every configuration variable as a Markdown table / 配置项说明')
  .action(() => console.log(settingsTable()));

registerCliExtensions(program, { withDb, operator, reportError });

await program.parseAsync(process.argv);
