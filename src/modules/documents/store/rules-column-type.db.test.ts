/**
 * Migration 1185_documents_rules_column_type (store/migrations.ts): the 政府信息公开制度 column
 * (slug `rules`) of every existing unit gets its own column type `disclosure_rules` instead of the
 * guide's `disclosure_guide`; the guide and a unit's own columns keep theirs, and new units get the
 * new type from the catalog (domain/catalog.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { migrations } from './migrations.ts';
import { unitColumnsRead } from './portal-reads.ts';
import type { ColumnNode } from './repository-catalog.ts';

let t: TestDb;

before(async () => {
  t = await testDatabase();
  await seedTree(t.db);
});
after(async () => t.cleanup());

const MIGRATION = '1185_documents_rules_column_type';
const types = async (slug: string) => Object.fromEntries((await t.db.selectFrom('doc_columns').select(['unit_id', 'column_type']).where('slug', '=', slug).execute()).map((r) => [r.unit_id, r.column_type]));
const flat = (ns: ColumnNode[]): ColumnNode[] => ns.flatMap((n) => [n, ...flat(n.children)]);

test('a new unit\'s 制度 column has the type disclosure_rules, its guide disclosure_guide', async () => {
  assert.ok(migrations[MIGRATION], 'the migration is registered');
  const rules = Object.values(await types('rules'));
  assert.equal(rules.length, 5);
  assert.ok(rules.every((x) => x === 'disclosure_rules'), rules.join(', '));
  assert.ok(Object.values(await types('guide')).every((x) => x === 'disclosure_guide'));
});

test('the migration converts an existing 制度 column of the old type, and nothing else', async () => {
  // the rows as an older version created them
  await sql`update doc_columns set column_type = 'disclosure_guide' where slug = 'rules'`.execute(t.db);
  // a unit's own column of the old type (not standard) keeps the type the unit chose
  const other = await t.db.selectFrom('units').select('id').where('slug', '=', 'other').executeTakeFirstOrThrow();
  await sql`update doc_columns set is_standard = false where slug = 'rules' and unit_id = ${other.id}`.execute(t.db);
  const guideBefore = await types('guide');
  const cached = flat((await unitColumnsRead(t.db, 'bureau'))!.columns).find((c) => c.slug === 'rules')!;
  assert.equal(cached.column_type, 'disclosure_guide');

  await migrations[MIGRATION].up(t.db as never);

  const after = await types('rules');
  for (const [unitId, type] of Object.entries(after)) assert.equal(type, Number(unitId) === other.id ? 'disclosure_guide' : 'disclosure_rules', `unit ${unitId}`);
  assert.deepEqual(await types('guide'), guideBefore, 'the guide keeps its type');
  // the public column tree sees the change at once (the catalog token moves with the update)
  const read = flat((await unitColumnsRead(t.db, 'bureau'))!.columns).find((c) => c.slug === 'rules')!;
  assert.equal(read.column_type, 'disclosure_rules');
  // running it again changes nothing
  await migrations[MIGRATION].up(t.db as never);
  assert.deepEqual(await types('rules'), after);
});
