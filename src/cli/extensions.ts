/** Domain modules add their CLI commands here (import, export, workdays, deadline, report …). */
import type { Command } from 'commander';
import type { CommandContext } from '../core/commands/context.ts';
import type { boot } from '../boot.ts';

export interface CliKit {
  withDb: <A extends unknown[]>(fn: (b: Awaited<ReturnType<typeof boot>>, ...args: A) => Promise<number | void>) => (...args: A) => Promise<void>;
  operator: () => CommandContext;
  reportError: (e: unknown) => number;
}

export function registerCliExtensions(_program: Command, _kit: CliKit): void {}
