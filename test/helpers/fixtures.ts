/** A small unit tree and one user per role, for tests that need people and places. */
import type { Db } from '../../src/core/db/index.ts';
import { systemContext } from '../../src/core/commands/context.ts';
import { createUnit } from '../../src/modules/units/commands.ts';
import { createUser } from '../../src/modules/accounts/commands/users.ts';
import { makeUscc } from '../../src/modules/units/uscc.ts';

// passes the password rule (length, classes, and zxcvbn ≥ 10^10 guesses — core/auth/password-rule.ts)
export const PASSWORD = 'Lantern-Tea-47!';

export const CODES = {
  city: makeUscc('211300', 'TT000001'),
  bureau: makeUscc('211300', 'TT000002'),
  county: makeUscc('211302', 'TT000003'),
  town: makeUscc('211302', 'TT000004'),
  other: makeUscc('211300', 'TT000005'),
};

export async function seedTree(db: Db) {
  const ctx = systemContext('test');
  const city = await createUnit(db, ctx, { code: CODES.city, name: '测试市人民政府', short_name: '测试市政府', type: 'city_government', slug: 'city' });
  const bureau = await createUnit(db, ctx, { code: CODES.bureau, name: '测试市司法局', short_name: '司法局', type: 'department', slug: 'bureau', parent_code: CODES.city, phone: '0421-5550001' });
  const county = await createUnit(db, ctx, { code: CODES.county, name: '测试县人民政府', short_name: '测试县政府', type: 'county_government', slug: 'county', parent_code: CODES.city });
  const town = await createUnit(db, ctx, { code: CODES.town, name: '测试县某镇人民政府', short_name: '某镇', type: 'township', slug: 'town', parent_code: CODES.county });
  const other = await createUnit(db, ctx, { code: CODES.other, name: '测试市卫生健康委员会', short_name: '卫健委', type: 'department', slug: 'other', parent_code: CODES.city });
  const users: Record<string, number> = {};
  const mk = async (username: string, role: string, unit: string) => {
    const u = await createUser(db, ctx, { username, display_name: username, password: PASSWORD, unit_code: unit, grants: [{ role, unit_code: unit }] });
    users[username] = u.id;
  };
  await mk('sysadmin', 'system_admin', CODES.city);
  await mk('countyadmin', 'unit_admin', CODES.county);
  await mk('editor', 'editor', CODES.bureau);
  await mk('reviewer', 'reviewer', CODES.bureau);
  await mk('handler', 'case_handler', CODES.bureau);
  await mk('supervisor', 'supervisor', CODES.city);
  return { city, bureau, county, town, other, users };
}
