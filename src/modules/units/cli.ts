/**
 * Command line of the units module (beside `units list|create` in src/cli): a unit's lifecycle, run as
 * the operator through the same commands as the admin pages —
 * A unit is named by its code or its slug, wherever one is asked for.
 *   gongkai units move CODE --parent CODE
 *   gongkai units merge CODE --into CODE --reason TEXT [--date YYYY-MM-DD]
 *   gongkai units deactivate CODE --reason TEXT [--date YYYY-MM-DD]
 *   gongkai units activate CODE
 * Exit 0 done, 2 refused (the reason on stderr, in Chinese and English).
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { notFound } from '../../core/http/errors.ts';
import type { Db } from '../../core/db/index.ts';
import { unitByCodeOrSlug } from './store/repository.ts';
import { activateUnit, deactivateUnit, mergeUnit, moveUnit } from './commands/lifecycle.ts';

/** The unit named on the command line by its code or its slug (`gongkai units move wt-4 --parent shuangta`). */
export async function idOf(db: Db, ref: string): Promise<number> {
  const u = await unitByCodeOrSlug(db, ref);
  if (!u) throw notFound({ zh: '单位', en: 'unit' });
  return u.id;
}

function registerUnitsCli(program: Command, kit: CliKit): void {
  const units = program.commands.find((c) => c.name() === 'units') ?? program.command('units').description('units of the site cluster / 站群单位');
  units.command('move')
    .description('move a unit and its subtree under another parent / 迁移单位')
    .argument('<code>', 'unit code or slug / 单位代码或网址名')
    .requiredOption('--parent <code>', 'new parent: unit code or slug / 新的上级单位代码或网址名')
    .action(kit.withDb(async ({ database }, code: string, o: { parent: string }) => {
      await moveUnit(database.db, kit.operator(), await idOf(database.db, code), { parent_code: o.parent });
      console.log(`moved ${code} under ${o.parent} / 已迁移`);
    }));
  units.command('merge')
    .description('merge a unit into another; its history stays under that unit / 合并单位')
    .argument('<code>', 'unit code or slug / 单位代码或网址名')
    .requiredOption('--into <code>', 'receiving unit: code or slug / 并入单位代码或网址名')
    .requiredOption('--reason <text>', 'basis, e.g. the reform plan / 依据')
    .option('--date <date>', 'effective date YYYY-MM-DD (default today)')
    .action(kit.withDb(async ({ database }, code: string, o: { into: string; reason: string; date?: string }) => {
      await mergeUnit(database.db, kit.operator(), await idOf(database.db, code), { target_code: o.into, reason: o.reason, date: o.date });
      console.log(`merged ${code} into ${o.into} / 已合并`);
    }));
  units.command('deactivate')
    .description('deactivate a unit (no active sub-units, no unfinished applications) / 停用单位')
    .argument('<code>', 'unit code or slug / 单位代码或网址名')
    .requiredOption('--reason <text>', 'basis / 依据')
    .option('--date <date>', 'effective date YYYY-MM-DD (default today)')
    .action(kit.withDb(async ({ database }, code: string, o: { reason: string; date?: string }) => {
      await deactivateUnit(database.db, kit.operator(), await idOf(database.db, code), { reason: o.reason, date: o.date });
      console.log(`deactivated ${code} / 已停用`);
    }));
  units.command('activate')
    .description('reactivate a deactivated (not merged) unit / 恢复单位')
    .argument('<code>', 'unit code or slug / 单位代码或网址名')
    .action(kit.withDb(async ({ database }, code: string) => {
      await activateUnit(database.db, kit.operator(), await idOf(database.db, code));
      console.log(`activated ${code} / 已恢复`);
    }));
}

CLI_EXTENSIONS.push(registerUnitsCli);
