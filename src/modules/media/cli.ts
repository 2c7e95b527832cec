/**
 * Command line of the 政务新媒体 registry (jsonl.ts has the line format):
 *   gongkai export media-accounts [--unit CODE] [--out FILE]
 *   gongkai import media-accounts FILE.jsonl          exit 0 done, 2 bad lines (nothing written)
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { registerExchange } from '../../cli/exchange.ts';
import { exportMediaLines, importMediaLines, type MediaImportResult } from './jsonl.ts';

function registerMediaCli(program: Command, kit: CliKit): void {
  registerExchange(program, kit, {
    kind: 'media-accounts',
    what: 'government new-media accounts with their inspections / 政务新媒体',
    exportLines: exportMediaLines,
    importLines: (db, ctx, text) => importMediaLines(db, ctx, text),
    summary: (r) => {
      const m = r as MediaImportResult;
      return `导入完成 / import done: ${m.created} created, ${m.updated} updated, ${m.inspections} inspection(s)`;
    },
  });
}

CLI_EXTENSIONS.push(registerMediaCli);
