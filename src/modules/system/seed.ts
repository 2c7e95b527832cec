/**
 * The demo seed: the city of the work plan as a tree of units, an administrator, one user per
 * role, and whatever each module adds (documents, cases …) through DEMO_SEEDERS. Runs once, on
 * an empty database; `gongkai seed demo` runs it by hand.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../core/db/index.ts';
import { systemContext, type CommandContext } from '../../core/commands/context.ts';
import { createUnit } from '../units/commands.ts';
import { DEMO_UNITS, demoUnitFields } from '../units/demo.ts';
import { createUser } from '../accounts/commands/users.ts';
import { passwordProblems } from '../../core/auth/password-rule.ts';
import { loadConfig, type Config } from '../../config/env.ts';
import { piiKeys, piiKeysConfigured } from '../../core/pii/crypto.ts';

export type DemoSeeder = { name: string; run: (db: Db, ctx: CommandContext, log: (s: string) => void) => Promise<void> };
/** Modules append their seeders here (in dependency order). */
export const DEMO_SEEDERS: DemoSeeder[] = [];

/**
 * The configuration a demo seeder works with: the environment's, but with the personal-data keys this
 * process runs with (configured at start-up; a test app's own keys in tests), so that what a seeder
 * encrypts is what the process decrypts.
 */
export function seedConfig(): Config {
  const cfg = loadConfig();
  return piiKeysConfigured() ? { ...cfg, piiKeys: [...piiKeys()] } : cfg;
}

export interface SeedResult {
  created: boolean;
  adminPassword?: string;
  users: { username: string; role: string; unit: string }[];
}

export function generatePassword(): string {
  // 3 of 4 classes guaranteed: a prefix, then random base64url; drawn again in the (unlikely) case
  // the random part happens to look guessable to the password rule
  for (;;) {
    const pw = 'Gk-' + randomBytes(12).toString('base64url') + '9';
    if (!passwordProblems(pw, 'admin')) return pw;
  }
}

export async function seedDemo(db: Db, opts: { dataDir?: string; adminPassword?: string | null; log?: (s: string) => void } = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const existing = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false, users: [] };
  const ctx = systemContext('seed');
  const codes: Record<string, string> = {};
  for (const [i, u] of DEMO_UNITS.entries()) {
    const f = demoUnitFields(u, i);
    await createUnit(db, ctx, { ...f, parent_code: u.parent ? codes[u.parent] : null });
    codes[u.key] = f.code;
  }
  log(`units: ${DEMO_UNITS.length}`);
  const adminPassword = opts.adminPassword ?? generatePassword();
  const users: SeedResult['users'] = [];
  await createUser(db, ctx, { username: 'admin', display_name: '平台管理员', password: adminPassword, unit_code: codes.city, grants: [{ role: 'system_admin', unit_code: codes.city }] });
  users.push({ username: 'admin', role: 'system_admin', unit: '朝阳市人民政府' });
  // one demo account per role, sharing the admin's password (demo only)
  const demo: [string, string, string, string][] = [
    ['szfb.admin', '政务公开科管理员', 'unit_admin', 'szfb'],
    ['sfj.editor', '司法局信息员', 'editor', 'sfj'],
    ['sfj.reviewer', '司法局审核员', 'reviewer', 'sfj'],
    ['szfb.handler', '依申请办理员', 'case_handler', 'szfb'],
    ['city.supervisor', '公开办督查员', 'supervisor', 'city'],
    ['shuangta.admin', '双塔区公开办', 'unit_admin', 'shuangta'],
  ];
  for (const [username, name, role, unit] of demo) {
    await createUser(db, ctx, { username, display_name: name, password: adminPassword, unit_code: codes[unit], grants: [{ role, unit_code: codes[unit] }] });
    users.push({ username, role, unit });
  }
  for (const s of DEMO_SEEDERS) {
    log(`seeding ${s.name}…`);
    await s.run(db, ctx, log);
  }
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(
      join(opts.dataDir, 'demo-credentials.txt'),
      `gongkai demo accounts (password for all): ${adminPassword}\n` + users.map((u) => `${u.username}\t${u.role}\t${u.unit}`).join('\n') + '\n',
      { mode: 0o600 },
    );
  }
  return { created: true, adminPassword, users };
}
