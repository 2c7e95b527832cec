/**
 * Command line of the calendar module, through the same commands as /admin/calendar —
 *   gongkai calendar import FILE [--scope national|county:NNNNNN] [--complete] [--dry-run]
 *       the annual notice in the text or JSON format of domain/notice.ts; --dry-run prints the preview only
 *   gongkai calendar complete YEAR --source NOTICE_NO [--scope …]   confirm the year's arrangement as complete
 *   gongkai calendar status [YEAR]                                   where each year's arrangement comes from
 * Exit 0 done, 2 bad input (line-numbered messages on stderr).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { calendarFor } from '../../core/calendar/store.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { importNotice, markYear, planImport } from './commands/calendar.ts';

function registerCalendarCli(program: Command, kit: CliKit): void {
  const cal = program.command('calendar').description('holiday arrangements of the working-day calendar / 工作日历');
  cal.command('import')
    .description('import an annual holiday notice (text or JSON) / 导入年度放假安排')
    .argument('<file>', 'the notice as text or JSON')
    .option('--scope <scope>', "national, or county:<division code>", 'national')
    .option('--complete', 'also confirm the year as complete / 同时确认该年已完整载入')
    .option('--dry-run', 'print what would change, write nothing / 只预览')
    .action(kit.withDb(async ({ database }, file: string, o: { scope: string; complete?: boolean; dryRun?: boolean }) => {
      const raw = { text: readFileSync(file, 'utf8'), scope: o.scope, mark_complete: o.complete ? '1' : '0' };
      const { plan, errors, fields } = await planImport(database.db, raw);
      if (!plan) {
        for (const e of errors) console.error(`${e.line ? `第 ${e.line} 行 / line ${e.line}: ` : ''}${e.message.zh} / ${e.message.en}`);
        for (const [k, m] of Object.entries(fields)) if (k !== 'text') console.error(`${k}: ${m.zh} / ${m.en}`);
        return 2;
      }
      for (const r of plan.rows) console.log(`${r.date}\t${r.isWorkday ? '上班' : '放假'}\t${r.name}\t${r.status}${r.warning ? `\t注意：${r.warning.zh}` : ''}`);
      if (o.dryRun) return 0;
      const done = await importNotice(database.db, kit.operator(), raw);
      console.log(`imported ${done.year}: ${done.added} added, ${done.changed} changed, ${done.unchanged} unchanged${done.marked ? '; year confirmed complete / 已确认完整载入' : ''}`);
    }));
  cal.command('complete')
    .description("confirm a year's arrangement as complete / 确认年度安排已完整载入")
    .argument('<year>', 'YYYY')
    .requiredOption('--source <no>', 'the notice number / 通知文号')
    .option('--scope <scope>', 'national, or county:<division code>', 'national')
    .action(kit.withDb(async ({ database }, year: string, o: { source: string; scope: string }) => {
      await markYear(database.db, kit.operator(), { year, scope: o.scope, source: o.source });
      console.log(`${year} (${o.scope}) confirmed complete / 已确认完整载入`);
    }));
  cal.command('status')
    .description('where each year’s national arrangement comes from / 各年载入情况')
    .argument('[year]', 'YYYY (default: this year and the next)')
    .action(kit.withDb(async ({ database }, year?: string) => {
      const c = await calendarFor(database.db);
      const now = Number(shanghaiDate().slice(0, 4));
      for (const y of year ? [Number(year)] : [now, now + 1]) {
        const cov = c.coverage(y);
        const nat = cov.national ? `${cov.national.by === 'package' ? 'bundled' : 'confirmed'}: ${cov.national.source}` : 'NOT LOADED (provisional) / 未载入（暂定）';
        console.log(`${y}\t${nat}${cov.counties.map((k) => `\tcounty:${k.county} confirmed (${k.source})`).join('')}`);
      }
    }));
}

CLI_EXTENSIONS.push(registerCalendarCli);
