/**
 * Domain modules add their CLI commands here (documents import/export, requests import, reports …):
 * a module's `cli.ts` pushes a registration when it is imported. src/cli/commands.ts imports a
 * module's `cli.ts` only when its command runs (or its help is asked for), so this file and the kit
 * type must stay free of heavy imports — `gongkai --help` loads them.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../core/commands/context.ts';
import type { boot } from '../boot.ts';

export interface CliKit {
  withDb: <A extends unknown[]>(fn: (b: Awaited<ReturnType<typeof boot>>, ...args: A) => Promise<number | void>) => (...args: A) => Promise<void>;
  operator: () => CommandContext;
  reportError: (e: unknown) => number;
}

/** Extra registrations from the modules imported so far (see commands.ts). */
export const CLI_EXTENSIONS: ((program: Command, kit: CliKit) => void)[] = [];

export function registerCliExtensions(program: Command, kit: CliKit): void {
  for (const ext of CLI_EXTENSIONS) ext(program, kit);
}
