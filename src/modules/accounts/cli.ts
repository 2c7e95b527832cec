/**
 * Command line of the accounts module (API tokens; `gongkai user create` is in src/cli/index.ts):
 *   gongkai token create --user NAME --name LABEL [--days N]    prints the token once (stdout)
 *   gongkai token list --user NAME
 *   gongkai token revoke ID
 * The operator runs these as the system context; every change is audited like one made on a page.
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './commands/tokens.ts';

export function registerAccountsCli(program: Command, kit: CliKit): void {
  const token = program.commands.find((c) => c.name() === 'token') ?? program.command('token').description('API tokens for the write API / API 令牌');
  token.command('create').description('create a token (printed once) / 创建令牌')
    .requiredOption('--user <username>', 'the user the token acts as')
    .requiredOption('--name <label>', 'what the token is for')
    .option('--days <n>', 'expires after N days')
    .action(kit.withDb(async ({ database }, o: { user: string; name: string; days?: string }) => {
      const u = await database.db.selectFrom('users').select('id').where('username', '=', o.user).executeTakeFirst();
      if (!u) {
        console.error(`no such user: ${o.user}`);
        return 2;
      }
      const t = await createApiToken(database.db, kit.operator(), { userId: u.id, name: o.name, expiresInDays: o.days ? Number(o.days) : null });
      console.log(t.token);
      console.error(`token ${t.id} created for ${o.user}; it is shown only once / 令牌仅显示一次`);
    }));
  token.command('list').description('list a user’s tokens').requiredOption('--user <username>', 'user name')
    .action(kit.withDb(async ({ database }, o: { user: string }) => {
      const u = await database.db.selectFrom('users').select('id').where('username', '=', o.user).executeTakeFirst();
      if (!u) return 2;
      for (const t of await listApiTokens(database.db, u.id)) {
        console.log(`${t.id}\t${t.token_prefix}…\t${t.name}\t${t.revoked_at ? 'revoked' : t.expires_at ? `expires ${new Date(t.expires_at).toISOString().slice(0, 10)}` : 'active'}`);
      }
    }));
  token.command('revoke').description('revoke a token').argument('<id>', 'token id')
    .action(kit.withDb(async ({ database }, id: string) => {
      if (!/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2 ** 31 - 1) {
        console.error(`not a token id: ${id}`);
        return 2;
      }
      await revokeApiToken(database.db, kit.operator(), Number(id));
      console.log(`token ${id} revoked`);
    }));
}

CLI_EXTENSIONS.push(registerAccountsCli);
