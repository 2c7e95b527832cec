/** Which command's modules the CLI imports for a command line (src/cli/commands.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invokedCommand } from './commands.ts';

test('the table command a command line runs, or none', () => {
  const cases: [string[], string | null][] = [
    [[], null],
    [['--help'], null],
    [['migrate'], null],
    [['units', 'list', '--json'], null], // core.ts defines it
    [['units', 'create', '--code', 'X'], null],
    [['units', 'list', '--help'], null],
    [['units'], 'units'], // the units help lists move, merge … too
    [['units', '--help'], 'units'],
    [['units', 'move', 'X', '--parent', 'Y'], 'units'],
    [['help', 'units'], 'units'],
    [['help', 'units', 'list'], null],
    [['import', 'documents', 'f.jsonl'], 'import'],
    [['--unknown', 'report', 'annual'], 'report'],
    [['restore', 'b.tar.gz', '--force'], 'restore'],
    [['nonsense'], null],
  ];
  for (const [args, want] of cases) assert.equal(invokedCommand(args), want, args.join(' '));
});
