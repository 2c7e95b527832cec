/** Domain modules add their CLI commands here (workdays, deadline, import, export, report …). */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../core/commands/context.ts';
import type { boot } from '../boot.ts';
import { calendarFor } from '../core/calendar/store.ts';
import { deadlineCommand, workdaysAddCommand, workdaysCountCommand, type CommandResult } from '../core/calendar/index.ts';
import { shanghaiDate } from '../core/render/i18n.ts';

export interface CliKit {
  withDb: <A extends unknown[]>(fn: (b: Awaited<ReturnType<typeof boot>>, ...args: A) => Promise<number | void>) => (...args: A) => Promise<void>;
  operator: () => CommandContext;
  reportError: (e: unknown) => number;
}

/** Extra registrations from modules (documents import/export, requests import, reports …). */
export const CLI_EXTENSIONS: ((program: Command, kit: CliKit) => void)[] = [];

function emit(r: CommandResult): number {
  if (r.exitCode === 0) process.stdout.write(r.stdout);
  else process.stderr.write(r.stdout);
  return r.exitCode;
}

export function registerCliExtensions(program: Command, kit: CliKit): void {
  const wd = program.command('workdays').description("working days on China's holiday calendar / 工作日计算");
  wd.command('add')
    .description('the n-th working day after DATE (DATE itself not counted) / 第 n 个工作日')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'working days')
    .option('--county <code>', 'apply the local holidays of a county (division code, e.g. 211324)')
    .action(kit.withDb(async ({ database }, date: string, n: string, o: { county?: string }) => emit(workdaysAddCommand([date, n], { calendar: await calendarFor(database.db, o.county ?? null) }))));
  wd.command('count')
    .description('working days in (A, B] / 两日期间的工作日数')
    .argument('<a>', 'YYYY-MM-DD')
    .argument('<b>', 'YYYY-MM-DD')
    .option('--county <code>', 'apply the local holidays of a county')
    .action(kit.withDb(async ({ database }, a: string, b: string, o: { county?: string }) => emit(workdaysCountCommand([a, b], { calendar: await calendarFor(database.db, o.county ?? null) }))));
  program
    .command('deadline')
    .description('due date of an application from its timeline (JSON on stdin), with the trace / 答复期限计算')
    .option('--json', 'print {"due":"YYYY-MM-DD","trace":[…]}')
    .option('--county <code>', 'apply the local holidays of a county')
    .option('--en', 'English trace')
    .action(
      kit.withDb(async ({ database }, o: { json?: boolean; county?: string; en?: boolean }) => {
        let input = '';
        try {
          input = readFileSync(0, 'utf8');
        } catch {
          input = '';
        }
        return emit(deadlineCommand(input, { json: o.json, today: shanghaiDate(), calendar: await calendarFor(database.db, o.county ?? null), lang: o.en ? 'en' : 'zh' }));
      }),
    );
  for (const ext of CLI_EXTENSIONS) ext(program, kit);
}
