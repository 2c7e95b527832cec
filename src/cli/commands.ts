/**
 * The command table: which module defines each top-level command that is not in core.ts, and what to
 * import to get it. `gongkai <command> …` imports only that command's modules (their `cli.ts` pushes
 * its registration onto CLI_EXTENSIONS); for every other command the CLI adds a stub with the name
 * and summary below, which is all `gongkai --help` shows. A module that adds a command adds a line
 * here; src/cli/startup.db.test.ts checks that each summary is the one the module registers.
 */
import type { Command } from 'commander';

export interface CommandGroup {
  name: string;
  summary: string;
  /** Imports, in order (registration order decides e.g. which module describes `import`). */
  load: (() => Promise<unknown>)[];
  /** Subcommands core.ts defines itself: running one of them needs no import. */
  core?: readonly string[];
}

const backup = () => import('./backup.ts');
const documents = () => import('../modules/documents/cli.ts');
const requests = () => import('../modules/requests/cli.ts');
const guides = () => import('../modules/guides/cli.ts');
const agency = () => import('../modules/agency/cli.ts');
const media = () => import('../modules/media/cli.ts');

export const GROUPS: readonly CommandGroup[] = [
  { name: 'backup', summary: 'back up the database and the attachments into one .tar.gz (not the PII key) / 备份数据库与附件', load: [backup] },
  { name: 'restore', summary: 'restore a backup into an empty data dir or schema (--force replaces) / 从备份恢复', load: [backup] },
  { name: 'units', summary: 'units of the site cluster / 站群单位', load: [() => import('../modules/units/cli.ts')], core: ['list', 'create'] },
  { name: 'token', summary: 'API tokens for the write API / API 令牌', load: [() => import('../modules/accounts/cli.ts')] },
  {
    name: 'calendar',
    summary: 'holiday arrangements of the working-day calendar / 工作日历',
    // a changed holiday arrangement moves the documents' disclosure deadlines and the open cases' answer
    // deadlines: those listeners (onCalendarChanged) live in the documents and requests modules and must
    // be registered before the import runs
    load: [() => import('../modules/calendar/cli.ts'), () => import('../modules/documents/store/deadlines.ts'), () => import('../modules/requests/store/due-dates.ts')],
  },
  { name: 'import', summary: 'import data / 导入数据', load: [documents, requests, guides, agency, media] },
  { name: 'export', summary: 'export data / 导出数据', load: [documents, guides, agency, media] },
  { name: 'documents', summary: 'documents / 政府信息', load: [documents] },
  { name: 'pii', summary: 'personal data at rest / 个人信息加密', load: [requests] },
  { name: 'report', summary: 'annual reports on government information disclosure / 政府信息公开工作年度报告', load: [() => import('../modules/reports/cli.ts')] },
  { name: 'powers', summary: 'lists of powers and responsibilities / 权责清单', load: [() => import('../modules/powers/cli.ts')] },
  { name: 'workplan', summary: 'work-plan task supervision / 政务公开工作要点督办', load: [() => import('../modules/workplan/cli.ts')] },
  { name: 'catalogs', summary: 'basic-level standard disclosure catalogs / 基层政务公开标准目录', load: [() => import('../modules/catalogs/cli.ts')] },
  { name: 'search', summary: 'full-text search index / 全文检索索引', load: [() => import('../modules/search/cli.ts')] },
  { name: 'health', summary: 'site health checks / 网站健康检查', load: [() => import('../modules/health/cli.ts')] },
];

/**
 * The table command the arguments run (`help X` names X), or null: `--help`, nothing, a core command,
 * or a subcommand core.ts defines (`units list`; `units list --help` too, but not `units --help`).
 */
export function invokedCommand(args: readonly string[]): string | null {
  const words = args.filter((a) => !a.startsWith('-'));
  const [name, sub] = words[0] === 'help' ? words.slice(1) : words;
  const group = GROUPS.find((g) => g.name === name);
  if (!group || (sub !== undefined && group.core?.includes(sub))) return null;
  return group.name;
}

/** Imports the modules of the named commands, one after the other. */
export async function loadCommands(names: readonly string[]): Promise<void> {
  for (const g of GROUPS) {
    if (!names.includes(g.name)) continue;
    for (const load of g.load) await load();
  }
}

/** Adds a stub (name and summary) for each table command the loaded modules did not register. */
export function addStubs(program: Command): void {
  for (const g of GROUPS) {
    if (!program.commands.some((c) => c.name() === g.name)) program.command(g.name).description(g.summary);
  }
}

/** Puts the top-level commands in a fixed order (core first, then the table), however they loaded. */
export function orderCommands(program: Command, core: readonly string[]): void {
  const order = [...core, ...GROUPS.map((g) => g.name).filter((n) => !core.includes(n))];
  const rank = (c: Command) => {
    const i = order.indexOf(c.name());
    return i < 0 ? order.length : i;
  };
  (program.commands as Command[]).sort((a, b) => rank(a) - rank(b));
}
