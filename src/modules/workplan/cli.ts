/**
 * Command line of the work plans (jsonl.ts has the format):
 *   gongkai workplan import FILE            exit 0 done, 2 bad records or refused (nothing written)
 *   gongkai workplan parse-text FILE --unit CODE|SLUG [--title T] [--doc-number N]   the plain text → JSON Lines on stdout
 *   gongkai workplan export ID [--out FILE]
 *   gongkai workplan list
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { AppError } from '../../core/http/errors.ts';
import { importPlan } from './commands.ts';
import { exportPlan, formatErrors, parsePlanFile } from './jsonl.ts';
import { parsePlanText } from './domain/text.ts';
import { LONG_TERM } from './domain/plan.ts';
import { listPlans } from './store/queries.ts';

function registerWorkplanCli(program: Command, kit: CliKit): void {
  const wp = program.commands.find((c) => c.name() === 'workplan') ?? program.command('workplan').description('work-plan task supervision / 政务公开工作要点督办');
  wp.command('import')
    .description('import a plan from JSON Lines or a JSON array / 导入工作要点')
    .argument('<file>', 'FILE.jsonl or FILE.json')
    .action(kit.withDb(async ({ database }, file: string) => {
      const { plan, errors } = parsePlanFile(readFileSync(file, 'utf8'));
      for (const m of formatErrors(errors)) process.stderr.write(`${m.zh} / ${m.en}\n`);
      if (!plan) return 2;
      try {
        const r = await importPlan(database.db, kit.operator(), plan, 'cli');
        process.stdout.write(`plan ${r.planId}: ${r.tasks} tasks, ${r.assignments} unit assignments\n`);
        for (const u of r.unresolved) process.stdout.write(`task ${u.task}: unresolved / 未匹配单位 ${u.names.join('、')}\n`);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        for (const [f, m] of Object.entries(e.fields ?? { '-': e.msg })) process.stderr.write(`${f}：${m.zh} / ${f}: ${m.en}\n`);
        return 2;
      }
    }));
  wp.command('parse-text')
    .description('read a published plain-text plan into the import format / 将工作要点文本转换为导入格式')
    .argument('<file>', 'the plain text (UTF-8)')
    .requiredOption('--unit <ref>', 'the plan\u2019s government: unit code or slug / 计划所属政府')
    .option('--title <title>', 'the plan\u2019s title (default: the heading of the text)')
    .option('--doc-number <n>', '文号')
    .action((file: string, o: { unit: string; title?: string; docNumber?: string }) => {
      const { plan, problems } = parsePlanText(readFileSync(file, 'utf8'), { unit: o.unit, title: o.title, docNumber: o.docNumber });
      for (const p of problems) process.stderr.write(`第 ${p.line} 行：${p.message}\n`);
      if (problems.length) return void (process.exitCode = 2);
      const { sections, tasks, ...head } = plan;
      const lines = [{ type: 'plan', ...head }, ...sections.map((s) => ({ type: 'section', ...s })), ...tasks.map((t) => ({ type: 'task', ...t, deadline: t.deadline ?? LONG_TERM }))];
      process.stdout.write(lines.map((l) => JSON.stringify(l) + '\n').join(''));
    });
  wp.command('export')
    .description('export a plan as JSON Lines / 导出工作要点')
    .argument('<id>', 'plan id (gongkai workplan list)')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(kit.withDb(async ({ database }, id: string, o: { out?: string }) => {
      const lines = await exportPlan(database.db, /^\d{1,9}$/.test(id) ? Number(id) : 0);
      if (!lines) { process.stderr.write(`no plan ${id}\n`); return 2; }
      const text = lines.map((l) => l + '\n').join('');
      if (o.out) writeFileSync(o.out, text, 'utf8');
      else process.stdout.write(text);
    }));
  wp.command('list')
    .description('list the plans / 列出工作要点')
    .action(kit.withDb(async ({ database }) => {
      for (const p of await listPlans(database.db)) process.stdout.write(`${p.id}\t${p.year}\t${p.unit_code}\t${p.task_count}\t${p.title}\n`);
    }));
}

CLI_EXTENSIONS.push(registerWorkplanCli);
