/**
 * `gongkai export KIND` / `gongkai import KIND FILE.jsonl` for the kinds whose module keeps a JSON
 * Lines format of its own (guides, agency, media-accounts): the same options, messages and exit codes
 * as the other imports — every bad line named by line and field in Chinese and English, exit 2 and
 * nothing written when one is bad.
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Db } from '../core/db/index.ts';
import type { CommandContext } from '../core/commands/context.ts';
import type { LineError } from '../core/jsonl.ts';
import type { CliKit } from './extensions.ts';

export interface Exchange {
  kind: string;
  what: string;
  exportLines: (db: Db, o: { unitCode?: string }) => Promise<string[]>;
  importLines: (db: Db, ctx: CommandContext, text: string, o: { publish?: boolean }) => Promise<{ errors: LineError[] }>;
  /** What `--publish` does, or undefined when the kind has no publication. */
  publish?: string;
  summary: (r: { errors: LineError[] }) => string;
}

const sub = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerExchange(program: Command, kit: CliKit, x: Exchange): void {
  sub(program, 'export', 'export data / 导出数据')
    .command(x.kind)
    .description(`export ${x.what} as JSON Lines (docs/guides-agency-media-format.md)`)
    .option('--unit <code>', 'only this unit / 仅导出该单位')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(kit.withDb(async ({ database }, o: { unit?: string; out?: string }) => {
      const lines = await x.exportLines(database.db, { unitCode: o.unit });
      const text = lines.map((l) => l + '\n').join('');
      if (o.out) {
        writeFileSync(o.out, text, 'utf8');
        process.stderr.write(`exported ${lines.length} line(s) to ${o.out}\n`);
      } else process.stdout.write(text);
    }));
  const imp = sub(program, 'import', 'import data / 导入数据')
    .command(x.kind)
    .description(`import ${x.what} from JSON Lines (docs/guides-agency-media-format.md)`)
    .argument('<file>', 'FILE.jsonl');
  if (x.publish) imp.option('--publish', x.publish);
  imp.action(kit.withDb(async ({ database }, file: string, o: { publish?: boolean }) => {
    const r = await x.importLines(database.db, kit.operator(), readFileSync(file, 'utf8'), { publish: o.publish });
    for (const e of r.errors) process.stderr.write(`第 ${e.line} 行 ${e.field}：${e.message.zh} / line ${e.line} ${e.field}: ${e.message.en}\n`);
    if (r.errors.length) return 2;
    process.stdout.write(x.summary(r) + '\n');
  }));
}
