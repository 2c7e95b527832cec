/**
 * What every command's action uses: a database for the length of the action, the operator as the
 * acting context, errors turned into clear messages. Nothing heavy is imported up front — the database,
 * the configuration and the page-cache announcement load when an action runs, not for `--help`.
 */
import { userInfo } from 'node:os';
import type { boot as Boot } from '../boot.ts';
import type { CommandContext } from '../core/commands/context.ts';
import { AppError } from '../core/http/errors.ts';
import type { CliKit } from './extensions.ts';

type Booted = Awaited<ReturnType<typeof Boot>>;

let contextModule: typeof import('../core/commands/context.ts') | null = null;

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** The operator ("cli:<user>"); commands run as the system and are audited under this name. */
export function operator(): CommandContext {
  // withDb loads the module before the action runs; only an action calls this
  if (!contextModule) throw new Error('operator() outside a database action');
  return contextModule.systemContext(`cli:${operatorName()}`);
}

/** Runs an action with a database, closing it afterwards and turning errors into clear messages. */
export function withDb<A extends unknown[]>(fn: (db: Booted, ...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    const [{ boot }, { announceChanges }, context] = await Promise.all([import('../boot.ts'), import('./peers.ts'), import('../core/commands/context.ts')]);
    contextModule = context;
    const booted = await boot({ role: 'cli' });
    const changes = announceChanges(booted.database);
    let code = 0;
    try {
      await resolveUnitOptions(booted.database.db, args);
      code = (await fn(booted, ...args)) ?? 0;
    } catch (e) {
      code = reportError(e);
    } finally {
      await changes.flush();
      await booted.database.close();
    }
    process.exitCode = code;
  };
}

/**
 * `--unit` names a unit by its code or its slug in every command (#14 item 11): a value that is the slug
 * of a unit is replaced by that unit's code before the action runs, so the commands, which look units up
 * by code, take either. Anything else is left as given (a code, or an unknown name the command reports).
 */
export async function resolveUnitOptions(db: Booted['database']['db'], args: readonly unknown[]): Promise<void> {
  const opts = args.filter((a): a is { unit: string } => !!a && typeof a === 'object' && !Array.isArray(a) && typeof (a as { unit?: unknown }).unit === 'string' && !('commands' in a));
  if (!opts.length) return;
  const { unitByCodeOrSlug } = await import('../modules/units/repository.ts');
  for (const o of opts) {
    const u = await unitByCodeOrSlug(db, o.unit);
    if (u) o.unit = u.code;
  }
}

/** Prints an error in Chinese and English; 2 for bad input (AppError), 1 for a failure. */
export function reportError(e: unknown): number {
  if (e instanceof AppError) {
    console.error(`错误：${e.msg.zh}\nerror: ${e.msg.en}`);
    for (const [k, m] of Object.entries(e.fields ?? {})) console.error(`  ${k}: ${m.zh} (${m.en})`);
    return 2;
  }
  console.error(`失败 / failed: ${(e as Error).message}`);
  return 1;
}

export const kit: CliKit = { withDb, operator, reportError };
