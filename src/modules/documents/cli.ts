/**
 * Command line of the documents module:
 *   gongkai import documents FILE.jsonl [--unit CODE] [--batch N]     exit 0 all good, 2 some lines bad
 *   gongkai export documents [--unit CODE [--subtree]] [--out FILE] [--no-attachment-content]
 *   gongkai documents publish-due | refresh-validity                   run a job once
 */
import type { Command } from 'commander';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { importFile, type ImportResult } from './store/importer.ts';
import { exportDocuments } from './store/exporter.ts';
import { publishDueDocuments } from './commands.ts';
import { refreshValidity } from './jobs.ts';

async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i++) if (b[i] === 10) n++;
    if (b.length) last = b[b.length - 1];
  }
  return last === 10 ? n : n + 1;
}

/** A bar on a terminal; periodic plain lines otherwise (logs, CI). Both on stderr. */
function progress(total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '导入 importing [{bar}] {percentage}% | {value}/{total} 行 lines', hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { update: (n: number) => bar.update(Math.min(n, total)), stop: () => bar.stop() };
  }
  let lastAt = 0;
  return {
    update: (n: number) => {
      if (Date.now() - lastAt >= 5000) {
        lastAt = Date.now();
        process.stderr.write(`importing: ${n}/${total} lines\n`);
      }
    },
    stop: () => {},
  };
}

function report(r: ImportResult): number {
  for (const e of r.errors) process.stderr.write(`第 ${e.line} 行 / line ${e.line}: ${e.message}\n`);
  process.stdout.write(`导入完成 / import done: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.errors.length} bad line(s)\n`);
  return r.errors.length ? 2 : 0;
}

const sub = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerDocumentsCli(program: Command, kit: CliKit): void {
  sub(program, 'import', 'import data / 导入数据')
    .command('documents')
    .description('import documents from JSON Lines (docs/import-format.md) / 批量导入文件')
    .argument('<file>', 'FILE.jsonl')
    .option('--unit <code>', 'unit code for lines without "unit" / 默认单位代码')
    .option('--batch <n>', 'lines per transaction', '200')
    .action(kit.withDb(async ({ database, cfg }, file: string, o: { unit?: string; batch: string }) => {
      const total = await countLines(file);
      const bar = progress(total);
      try {
        const r = await importFile(database.db, kit.operator(), file, {
          unitCode: o.unit, batchSize: Number(o.batch) || 200, dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb, onProgress: bar.update,
        });
        bar.update(total);
        bar.stop();
        return report(r);
      } catch (e) {
        bar.stop();
        throw e;
      }
    }));

  sub(program, 'export', 'export data / 导出数据')
    .command('documents')
    .description('export documents as JSON Lines (the import format) / 导出文件')
    .option('--unit <code>', 'only this unit / 仅导出该单位')
    .option('--subtree', 'with the unit’s descendants / 含下级单位')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--no-attachment-content', 'attachments by sha256 only (for the same installation)')
    .action(kit.withDb(async ({ database, cfg }, o: { unit?: string; subtree?: boolean; out?: string; attachmentContent: boolean }) => {
      const out = o.out ? createWriteStream(o.out, { encoding: 'utf8' }) : process.stdout;
      let n = 0;
      for await (const line of exportDocuments(database.db, { unitCode: o.unit, subtree: o.subtree, dataDir: cfg.dataDir, attachments: o.attachmentContent })) {
        if (!out.write(line + '\n')) await once(out, 'drain');
        n++;
      }
      if (o.out) {
        (out as ReturnType<typeof createWriteStream>).end();
        await once(out, 'finish');
        process.stderr.write(`exported ${n} document(s) to ${o.out}\n`);
      }
    }));

  const docs = sub(program, 'documents', 'documents / 政府信息');
  docs.command('publish-due').description('publish scheduled documents that are due / 执行定时发布')
    .action(kit.withDb(async ({ database }) => {
      console.log(`published ${await publishDueDocuments(database.db)} document(s)`);
    }));
  docs.command('refresh-validity').description('update 有效性 from effective/expiry dates / 按日期更新有效性')
    .action(kit.withDb(async ({ database }) => {
      console.log(`updated ${await refreshValidity(database.db)} document(s)`);
    }));
}

CLI_EXTENSIONS.push(registerDocumentsCli);
