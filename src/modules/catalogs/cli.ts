/**
 * Command line of the standard catalogs (jsonl.ts has the line format):
 *   gongkai catalogs export [--unit CODE] [--area 21] [--year YYYY] [--out FILE]
 *   gongkai catalogs import FILE.jsonl [--publish]      exit 0 done, 2 bad lines (nothing written)
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { exportLines, importLines } from './jsonl.ts';

function registerCatalogsCli(program: Command, kit: CliKit): void {
  const cmd = program.commands.find((c) => c.name() === 'catalogs') ?? program.command('catalogs').description('basic-level standard disclosure catalogs / 基层政务公开标准目录');
  cmd.command('export')
    .description('export catalog rows as JSON Lines / 导出标准目录')
    .option('--unit <code>', 'only this unit / 仅导出该单位')
    .option('--area <code>', 'only this area (01–26 or its name) / 仅导出该领域')
    .option('--year <yyyy>', 'only this year / 仅导出该年度')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(kit.withDb(async ({ database }, o: { unit?: string; area?: string; year?: string; out?: string }) => {
      const lines = await exportLines(database.db, { unitCode: o.unit, area: o.area, year: o.year ? Number(o.year) : undefined });
      const text = lines.map((l) => l + '\n').join('');
      if (o.out) {
        writeFileSync(o.out, text, 'utf8');
        process.stderr.write(`exported ${lines.length} row(s) to ${o.out}\n`);
      } else process.stdout.write(text);
    }));
  cmd.command('import')
    .description('import catalog rows from JSON Lines into draft catalogs / 导入标准目录')
    .argument('<file>', 'FILE.jsonl')
    .option('--publish', 'publish each imported catalog / 导入后发布')
    .action(kit.withDb(async ({ database }, file: string, o: { publish?: boolean }) => {
      const r = await importLines(database.db, kit.operator(), readFileSync(file, 'utf8'), { publish: o.publish });
      for (const e of r.errors) process.stderr.write(`第 ${e.line} 行 ${e.field}：${e.message.zh} / line ${e.line} ${e.field}: ${e.message.en}\n`);
      if (r.errors.length) return 2;
      for (const c of r.catalogs) process.stdout.write(`${c.unit} ${c.area} ${c.year}: ${c.added} added, ${c.updated} updated, ${c.removed} removed\n`);
    }));
}

CLI_EXTENSIONS.push(registerCatalogsCli);
