/**
 * `npx gongkai …` — the operator's command line. Same configuration as the server (embedded data
 * dir or DATABASE_URL). Commands run as the operator ("cli:<user>") and are audited like any other
 * write. Errors print in Chinese and English and exit with status 2 (bad input) or 1 (failure).
 *
 * Start-up is kept short (issue #14): this file loads commander and the command definitions only.
 * The database, the configuration and the modules are imported by the command that runs — core
 * commands inside their action (core.ts), module commands through the table in commands.ts.
 * bin/gongkai.js runs the compiled copy in dist/ when it is up to date (`npm run build`).
 */
import { Command } from 'commander';
import { kit } from './kit.ts';
import { registerCore } from './core.ts';
import { registerCliExtensions } from './extensions.ts';
import { addStubs, GROUPS, invokedCommand, loadCommands, orderCommands } from './commands.ts';

export { withDb, reportError } from './kit.ts';

const program = new Command();
program.name('gongkai').description('gongkai 政务公开平台 — command line').showHelpAfterError();

registerCore(program, kit);
const core = program.commands.map((c) => c.name());
// GONGKAI_CLI_LOAD_ALL=1: every module's commands, as before issue #14 (a check that the table is right)
const wanted = process.env.GONGKAI_CLI_LOAD_ALL === '1' ? GROUPS.map((g) => g.name) : [invokedCommand(process.argv.slice(2))].filter((n) => n !== null);
await loadCommands(wanted);
registerCliExtensions(program, kit);
addStubs(program);
orderCommands(program, core);

await program.parseAsync(process.argv);
