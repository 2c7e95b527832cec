/**
 * Command line of the 权责清单 (jsonl.ts has the line format):
 *   gongkai powers export [--unit CODE] [--year YYYY] [--out FILE]
 *   gongkai powers import FILE.jsonl [--publish]      exit 0 done, 2 bad lines (nothing written)
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { exportLines, importLines } from './jsonl.ts';

function registerPowersCli(program: Command, kit: CliKit): void {
  const powers = program.commands.find((c) => c.name() === 'powers') ?? program.command('powers').description('lists of powers and responsibilities / 权责清单');
  powers.command('export')
    .description('export items as JSON Lines / 导出权责清单')
    .option('--unit <code>', 'only this unit / 仅导出该单位')
    .option('--year <yyyy>', 'only this year / 仅导出该年度')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(kit.withDb(async ({ database }, o: { unit?: string; year?: string; out?: string }) => {
      const lines = await exportLines(database.db, { unitCode: o.unit, year: o.year ? Number(o.year) : undefined });
      const text = lines.map((l) => l + '\n').join('');
      if (o.out) {
        writeFileSync(o.out, text, 'utf8');
        process.stderr.write(`exported ${lines.length} item(s) to ${o.out}\n`);
      } else process.stdout.write(text);
    }));
  powers.command('import')
    .description('import items from JSON Lines into draft lists / 导入权责清单')
    .argument('<file>', 'FILE.jsonl')
    .option('--publish', 'publish each imported list / 导入后发布')
    .action(kit.withDb(async ({ database }, file: string, o: { publish?: boolean }) => {
      const r = await importLines(database.db, kit.operator(), readFileSync(file, 'utf8'), { publish: o.publish });
      for (const e of r.errors) process.stderr.write(`第 ${e.line} 行 ${e.field}：${e.message.zh} / line ${e.line} ${e.field}: ${e.message.en}\n`);
      if (r.errors.length) return 2;
      for (const l of r.lists) process.stdout.write(`${l.unit} ${l.year}: ${l.added} added, ${l.updated} updated, ${l.removed} removed\n`);
    }));
}

CLI_EXTENSIONS.push(registerPowersCli);
