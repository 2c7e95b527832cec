/**
 * Command line of the agency information (jsonl.ts has the line format):
 *   gongkai export agency [--unit CODE] [--out FILE]
 *   gongkai import agency FILE.jsonl [--publish]      exit 0 done, 2 bad lines (nothing written)
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { registerExchange } from '../../cli/exchange.ts';
import { exportAgencyLines, importAgencyLines, type AgencyImportResult } from './jsonl.ts';

function registerAgencyCli(program: Command, kit: CliKit): void {
  registerExchange(program, kit, {
    kind: 'agency',
    what: 'agency information (functions, departments, leaders) / 机构信息',
    exportLines: exportAgencyLines,
    importLines: importAgencyLines,
    publish: 'publish each imported draft as the next version / 导入后发布新版本',
    summary: (r) => (r as AgencyImportResult).units.map((u) => `${u.unit}: ${u.departments} department(s), ${u.leaders} leader(s)${u.version !== null ? `, version ${u.version}` : ''}`).join('\n'),
  });
}

CLI_EXTENSIONS.push(registerAgencyCli);
