/**
 * The unit's column tree is read from the database once per catalog change (store/column-tree.ts,
 * migration 1180_documents_catalog_version): later page reads share the cached, frozen tree, and any
 * change to doc_columns — rename, disable, add, delete, even a plain SQL update — is seen on the next read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { documentPageRead, unitColumnsRead } from './portal-reads.ts';
import { cachedTree, columnTreeOf } from './column-tree.ts';
import type { ColumnNode } from './repository-catalog.ts';

let t: TestDb;

before(async () => {
  t = await testDatabase();
  await seedTree(t.db);
});
after(async () => t.close());

const flat = (ns: ColumnNode[]): ColumnNode[] => ns.flatMap((n) => [n, ...flat(n.children)]);
const names = async (slug: string) => flat((await unitColumnsRead(t.db, slug))!.columns).map((c) => `${c.slug}=${c.name_zh}`).sort();

test('a second read shares the first read\'s tree, frozen', async () => {
  const a = await unitColumnsRead(t.db, 'bureau');
  const b = await unitColumnsRead(t.db, 'bureau');
  assert.ok(a && b && a.columns.length > 0);
  assert.equal(b.columns, a.columns, 'the cached tree, not a new one');
  assert.ok(Object.isFrozen(a.columns) && Object.isFrozen(a.columns[0]) && Object.isFrozen(a.columns[0].children));
  assert.throws(() => { (a.columns[0] as { name_zh: string }).name_zh = 'x'; }, TypeError);
  // the document page's read shares it too
  const d = await documentPageRead(t.db, 'bureau', 1);
  assert.equal(d!.columns, a.columns);
});

test('a rename and a disabled column show on the next read', async () => {
  const before = await names('bureau');
  const col = await t.db.selectFrom('doc_columns').select(['id', 'slug']).where('unit_id', '=', (await t.db.selectFrom('units').select('id').where('slug', '=', 'bureau').executeTakeFirstOrThrow()).id).where('enabled', '=', true).where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  await sql`update doc_columns set name_zh = '改名后的栏目' where id = ${col.id}`.execute(t.db);
  assert.ok((await names('bureau')).includes(`${col.slug}=改名后的栏目`));
  await sql`update doc_columns set enabled = false where id = ${col.id}`.execute(t.db);
  assert.ok(!(await names('bureau')).some((x) => x.startsWith(`${col.slug}=`)), 'a disabled column leaves the tree');
  await sql`update doc_columns set enabled = true, name_zh = 'x' where id = ${col.id}`.execute(t.db);
  assert.equal((await names('bureau')).length, before.length);
});

test('an edit of another unit\'s columns, or a rolled-back edit, keeps the tree right', async () => {
  const a = (await unitColumnsRead(t.db, 'bureau'))!.columns;
  await sql`update doc_columns set name_zh = name_zh || '（改）' where unit_id = (select id from units where slug = 'other')`.execute(t.db);
  const b = (await unitColumnsRead(t.db, 'bureau'))!.columns;
  assert.deepEqual(b, a, 'same content after another unit\'s edit (read again, since the token is global)');
  await assert.rejects(t.db.transaction().execute(async (tx) => {
    await sql`update doc_columns set name_zh = '回滚' where unit_id = (select id from units where slug = 'bureau')`.execute(tx);
    throw new Error('roll back');
  }));
  assert.ok((await names('bureau')).every((x) => !x.endsWith('=回滚')), 'the rolled-back names never show');
  assert.equal((await unitColumnsRead(t.db, 'bureau'))!.columns, b, 'and the cached tree stays valid');
});

test('a slug that moves to another unit gets that unit\'s tree', async () => {
  const before = await names('county');
  assert.ok(before.length > 0);
  await sql`update units set slug = 'county-old' where slug = 'county'`.execute(t.db);
  await sql`update units set slug = 'county' where slug = 'town'`.execute(t.db);
  const town = flat((await unitColumnsRead(t.db, 'county'))!.columns);
  const townId = (await t.db.selectFrom('units').select('id').where('slug', '=', 'county').executeTakeFirstOrThrow()).id;
  assert.ok(town.length > 0 && town.every((c) => c.unit_id === townId), 'the columns of the unit now at /u/county/');
  await sql`update units set slug = 'town' where slug = 'county'`.execute(t.db);
  await sql`update units set slug = 'county' where slug = 'county-old'`.execute(t.db);
  assert.deepEqual(await names('county'), before);
});

test('a newer tree stored by a concurrent request does not fail a read whose query confirmed the older key', async () => {
  const a = (await unitColumnsRead(t.db, 'bureau'))!.columns;
  const held = cachedTree(t.db, 'bureau');
  assert.ok(held && held.tree === a);
  // another request, after a catalog edit, stores its newer tree while this read's query (sent with held.key) was in flight
  columnTreeOf(t.db, 'bureau', 'newer-token:0', [], undefined);
  assert.equal(cachedTree(t.db, 'bureau')!.key, 'newer-token:0');
  // the database answered "your key is current" (no JSON): the read uses the tree it held, not an error
  assert.equal(columnTreeOf(t.db, 'bureau', held.key, null, held), a);
  assert.throws(() => columnTreeOf(t.db, 'bureau', held.key, null, undefined), /held none/);
  // and the next read refreshes from the database
  assert.ok((await unitColumnsRead(t.db, 'bureau'))!.columns.length > 0);
});
