/**
 * The CLI names a unit by its code or its slug (#14 item 11: `gongkai units move wt-4 --parent shuangta`
 * answered "未找到该单位" — only codes were looked up). The positional unit of `units
 * move|merge|deactivate|activate`, `--parent`, `--into` and every command's `--unit` take either.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { resolveUnitOptions } from '../../cli/kit.ts';
import { makeUscc } from './domain/uscc.ts';
import { createUnit } from './commands/units.ts';
import { deactivateUnit, mergeUnit, moveUnit } from './commands/lifecycle.ts';
import { unitByCode, unitByCodeOrSlug } from './store/repository.ts';
import { idOf } from './cli.ts';

let d: TestDb;
const sys = systemContext('cli:test');

before(async () => {
  d = await testDatabase();
  await seedTree(d.db);
});
after(async () => d.cleanup());

test('unitByCodeOrSlug: a code (any case, spaces trimmed) or a slug; nothing for an unknown name', async () => {
  assert.equal((await unitByCodeOrSlug(d.db, CODES.county))?.slug, 'county');
  assert.equal((await unitByCodeOrSlug(d.db, ` ${CODES.county.toLowerCase()} `))?.slug, 'county');
  assert.equal((await unitByCodeOrSlug(d.db, 'county'))?.code, CODES.county);
  assert.equal(await unitByCodeOrSlug(d.db, 'no-such-unit'), undefined);
  assert.equal(await unitByCodeOrSlug(d.db, '  '), undefined);
});

test('units move|merge|deactivate by slug: the unit, its new parent and the receiving unit', async () => {
  await createUnit(d.db, sys, { code: makeUscc('211302', 'RF000001'), name: '测试县某街道办事处', type: 'township', slug: 'street', parent_code: CODES.county });
  await createUnit(d.db, sys, { code: makeUscc('211324', 'RF000002'), name: '测试第二县人民政府', type: 'county_government', slug: 'county-b', parent_code: CODES.city });
  await createUnit(d.db, sys, { code: makeUscc('211302', 'RF000003'), name: '测试县临时办公室', type: 'office', slug: 'temp-office', parent_code: CODES.county });
  await createUnit(d.db, sys, { code: makeUscc('211302', 'RF000004'), name: '测试县撤销办公室', type: 'office', slug: 'gone-office', parent_code: CODES.county });

  // the CLI's positional argument
  const street = await idOf(d.db, 'street');
  assert.equal(street, (await unitByCode(d.db, makeUscc('211302', 'RF000001')))!.id);
  await assert.rejects(idOf(d.db, 'no-such-unit'), /not found|未找到/i);

  await moveUnit(d.db, sys, street, { parent_code: 'county-b' });
  const moved = await unitByCodeOrSlug(d.db, 'street');
  assert.equal(moved?.parent_id, (await unitByCode(d.db, makeUscc('211324', 'RF000002')))!.id, 'moved under the unit named by its slug');

  await mergeUnit(d.db, sys, await idOf(d.db, 'temp-office'), { target_code: 'county', reason: '机构改革方案' });
  const merged = await d.db.selectFrom('units').select(['active', 'merged_into_id']).where('slug', '=', 'temp-office').executeTakeFirstOrThrow();
  assert.equal(merged.active, false);
  assert.equal(merged.merged_into_id, (await unitByCode(d.db, CODES.county))!.id, 'merged into the unit named by its slug');

  await deactivateUnit(d.db, sys, await idOf(d.db, 'gone-office'), { reason: '职能划转' });
  assert.equal((await d.db.selectFrom('units').select('active').where('slug', '=', 'gone-office').executeTakeFirstOrThrow()).active, false);
});

test('every command’s --unit: a slug becomes the unit’s code before the action runs; codes and unknown names are kept', async () => {
  const bySlug = { unit: 'bureau', year: '2025' };
  const byCode = { unit: CODES.town };
  const unknown = { unit: 'nowhere' };
  const none = { year: '2025' };
  await resolveUnitOptions(d.db, ['positional', bySlug, byCode, unknown, none]);
  assert.deepEqual(bySlug, { unit: CODES.bureau, year: '2025' });
  assert.equal(byCode.unit, CODES.town);
  assert.equal(unknown.unit, 'nowhere', 'left for the command to report');
  assert.deepEqual(none, { year: '2025' });
});
