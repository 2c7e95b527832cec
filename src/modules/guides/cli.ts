/**
 * Command line of the service guides (jsonl.ts has the line format):
 *   gongkai export guides [--unit CODE] [--out FILE]
 *   gongkai import guides FILE.jsonl [--publish]      exit 0 done, 2 bad lines (nothing written)
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { registerExchange } from '../../cli/exchange.ts';
import { exportGuideLines, importGuideLines, type GuidesImportResult } from './jsonl.ts';

function registerGuidesCli(program: Command, kit: CliKit): void {
  registerExchange(program, kit, {
    kind: 'guides',
    what: 'service guides and 一件事 bundles / 办事指南',
    exportLines: exportGuideLines,
    importLines: importGuideLines,
    publish: 'give each guide the status its line names (published needs the ten elements) / 按行内状态发布',
    summary: (r) => {
      const g = r as GuidesImportResult;
      return `导入完成 / import done: ${g.created} created, ${g.updated} updated, ${g.statusChanged} status change(s), ${g.bundles} bundle(s)`;
    },
  });
}

CLI_EXTENSIONS.push(registerGuidesCli);
