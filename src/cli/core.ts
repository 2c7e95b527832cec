/**
 * The commands of src/cli itself — migrate, seed, units list|create, user, audit, config, workdays,
 * deadline. Their definitions are always registered (so `gongkai --help` shows their options), but
 * what they run is imported inside the action: `--help` loads commander and this file, nothing of
 * the database, the server or the modules.
 */
import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliKit } from './extensions.ts';
import type { CommandResult } from '../core/calendar/index.ts';

function emit(r: CommandResult): number {
  if (r.exitCode === 0) process.stdout.write(r.stdout);
  else process.stderr.write(r.stdout);
  return r.exitCode;
}

export function registerCore(program: Command, kit: CliKit): void {
  const { withDb, operator } = kit;

  program
    .command('migrate')
    .description('create or update the database schema / 创建或升级数据库结构')
    .action(async () => {
      const [{ boot }, { migrateToLatest }] = await Promise.all([import('../boot.ts'), import('../core/db/migrate.ts')]);
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
        // every module's demo seeder registers itself when the module loads: load them all
        await import('../modules/index.ts');
        const { seedDemo } = await import('../modules/system/seed.ts');
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
        const { listUnits } = await import('../modules/units/repository.ts');
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
    .option('--parent <code>', 'parent unit: code or slug / 上级单位代码或网址名')
    .addOption(new Option('--type <type>', 'unit type').choices(['city_government', 'county_government', 'department', 'office', 'township', 'park']).default('department'))
    .option('--short-name <name>', 'short name / 简称')
    .option('--slug <slug>', 'URL slug (default: the code in lower case)')
    .action(
      withDb(async ({ database }, o: { code: string; name: string; parent?: string; type: string; shortName?: string; slug?: string }) => {
        const [{ createUnit }, { unitByCodeOrSlug }] = await Promise.all([import('../modules/units/commands.ts'), import('../modules/units/repository.ts')]);
        const parent = o.parent === undefined ? null : ((await unitByCodeOrSlug(database.db, o.parent))?.code ?? o.parent);
        const u = await createUnit(database.db, operator(), { code: o.code, name: o.name, parent_code: parent, type: o.type, short_name: o.shortName, slug: o.slug });
        console.log(`created ${u.code} ${u.name} (/u/${u.slug}/)`);
      }),
    );

  const user = program.command('user').description('user accounts / 用户账号');
  user
    .command('create')
    .description('create a user / 新建用户')
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--unit <code>', 'unit the user belongs to: code or slug')
    .option('--name <display>', 'display name / 姓名')
    .option('--email <email>', 'e-mail')
    .option('--password <pw>', 'password (default: generated and printed)')
    .option('--role <role[@unit]>', 'grant a role, on --unit or on the given unit code (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(
      withDb(async ({ database }, o: { username: string; unit: string; name?: string; email?: string; password?: string; role: string[] }) => {
        const [{ createUser }, { generatePassword }, { unitByCodeOrSlug }] = await Promise.all([import('../modules/accounts/commands/users.ts'), import('../modules/system/seed.ts'), import('../modules/units/repository.ts')]);
        const codeOf = async (ref: string) => (await unitByCodeOrSlug(database.db, ref))?.code ?? ref;
        const password = o.password ?? generatePassword();
        const grants = await Promise.all(o.role.map(async (r) => {
          const [role, unit] = r.split('@');
          return { role, unit_code: await codeOf(unit ?? o.unit) };
        }));
        const u = await createUser(database.db, operator(), { username: o.username, display_name: o.name, email: o.email, password, unit_code: await codeOf(o.unit), grants });
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
        const { readCheckpoints, verifyAudit } = await import('../core/audit/index.ts');
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
        const { auditKeyring, CHECKPOINT_FILE, writeCheckpoint } = await import('../core/audit/index.ts');
        const file = join(cfg.auditAnchorDir, CHECKPOINT_FILE);
        const cp = await writeCheckpoint(database.db, auditKeyring(), file);
        console.log(cp ? `checkpoint written / 已写入校验点: #${cp.headId}, ${cp.count} entries → ${file}` : `nothing new to sign / 无新记录，未写入 (${file})`);
      }),
    );

  program
    .command('config')
    .description('print every configuration variable as a Markdown table / 配置项说明')
    .action(async () => console.log((await import('../config/env.ts')).settingsTable()));

  const calendarOf = async (db: Parameters<typeof import('../core/calendar/store.ts').calendarFor>[0], county: string | undefined) => (await import('../core/calendar/store.ts')).calendarFor(db, county ?? null);
  const wd = program.command('workdays').description("working days on China's holiday calendar / 工作日计算");
  wd.command('add')
    .description('the n-th working day after DATE (DATE itself not counted) / 第 n 个工作日')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'working days')
    .option('--county <code>', 'apply the local holidays of a county (division code, e.g. 211324)')
    .action(withDb(async ({ database }, date: string, n: string, o: { county?: string }) => {
      const { workdaysAddCommand } = await import('../core/calendar/index.ts');
      return emit(workdaysAddCommand([date, n], { calendar: await calendarOf(database.db, o.county) }));
    }));
  wd.command('count')
    .description('working days in (A, B] / 两日期间的工作日数')
    .argument('<a>', 'YYYY-MM-DD')
    .argument('<b>', 'YYYY-MM-DD')
    .option('--county <code>', 'apply the local holidays of a county')
    .action(withDb(async ({ database }, a: string, b: string, o: { county?: string }) => {
      const { workdaysCountCommand } = await import('../core/calendar/index.ts');
      return emit(workdaysCountCommand([a, b], { calendar: await calendarOf(database.db, o.county) }));
    }));
  program
    .command('deadline')
    .description('due date of an application from its timeline (JSON on stdin), with the trace / 答复期限计算')
    .option('--json', 'print {"due":"YYYY-MM-DD","trace":[…]}')
    .option('--county <code>', 'apply the local holidays of a county')
    .option('--en', 'English trace')
    .action(
      withDb(async ({ database }, o: { json?: boolean; county?: string; en?: boolean }) => {
        let input = '';
        try {
          input = readFileSync(0, 'utf8');
        } catch {
          input = '';
        }
        const [{ deadlineCommand }, { shanghaiDate }] = await Promise.all([import('../core/calendar/index.ts'), import('../core/render/i18n.ts')]);
        return emit(deadlineCommand(input, { json: o.json, today: shanghaiDate(), calendar: await calendarOf(database.db, o.county), lang: o.en ? 'en' : 'zh' }));
      }),
    );
}
