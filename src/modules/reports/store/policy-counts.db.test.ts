/**
 * The stored counts of table 2's policy documents (document_policy_counts, migration 1176, kept by a
 * trigger on documents) equal a fresh count after every kind of write: a published insert, a draft
 * published later, a 有效性 change, a changed kind, a move to another unit, a rolled-back update and a
 * delete; and the area summary's groups read from them give the per-document figures.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { freshPolicyCounts } from './policy-counts.ts';
import { normativeDocsFor } from './sources.ts';
import { reportUnitById, unitsInSubtree } from './repository.ts';
import { normativeDocsForSummary } from './summary-docs.ts';
import { computeTable2 } from '../domain/compute.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
});
after(async () => d.cleanup());

type Row = { unit_id: number; legal_form: string; issued_year: number; published_year: number; validity: string; changed_year: number; n: number };
const key = (r: Row) => `${r.unit_id}/${r.legal_form}/${r.issued_year}/${r.published_year}/${r.validity}/${r.changed_year}`;
async function stored(): Promise<Record<string, number>> {
  const rows = (await sql<Row>`select * from document_policy_counts where n <> 0`.execute(d.db)).rows;
  return Object.fromEntries(rows.map((r) => [key(r), r.n]));
}
async function fresh(): Promise<Record<string, number>> {
  const rows = (await sql<Row>`select * from (${freshPolicyCounts}) f(unit_id, legal_form, issued_year, published_year, validity, changed_year, n)`.execute(d.db)).rows;
  return Object.fromEntries(rows.map((r) => [key(r), r.n]));
}
const same = async (what: string) => assert.deepEqual(await stored(), await fresh(), what);

let serial = 0;
async function insert(o: Record<string, unknown>): Promise<number> {
  serial++;
  const r = await d.db.insertInto('documents').values({
    unit_id: tree.city.id, index_no: `PC-${serial}`, index_year: 2024, index_serial: 70000 + serial, title: `计数${serial}`,
    legal_form: 'normative', status: 'published', written_date: '2024-03-01', publish_date: '2024-03-05', published_at: '2024-03-05T02:00:00Z',
    validity: 'effective', ...o,
  } as never).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

test('the stored policy counts equal a fresh count after each kind of write', async () => {
  await same('before any write (backfill)');
  const a = await insert({});
  const b = await insert({ legal_form: 'regulation', written_date: '2022-11-30', publish_date: '2023-01-04' });
  await same('published inserts');
  assert.ok(Object.keys(await stored()).length >= 2, 'the inserts are counted');
  const c = await insert({ status: 'draft', publish_date: null, published_at: null });
  await same('a draft is not counted');
  await d.db.updateTable('documents').set({ status: 'published', publish_date: '2025-02-01', published_at: new Date('2025-02-01T02:00:00Z') } as never).where('id', '=', c).execute();
  await same('the draft published');
  await d.db.updateTable('documents').set({ validity: 'expired', expiry_date: '2025-06-30' } as never).where('id', '=', a).execute();
  await d.db.updateTable('documents').set({ validity: 'amended', changed_date: '2024-12-31' } as never).where('id', '=', b).execute();
  await same('有效性 changes');
  await d.db.updateTable('documents').set({ legal_form: 'none' } as never).where('id', '=', c).execute();
  await same('no longer a policy document');
  await d.db.updateTable('documents').set({ unit_id: tree.other.id } as never).where('id', '=', a).execute();
  await same('moved to another unit');
  const before = await stored();
  await d.db.transaction().execute(async (tx) => {
    await tx.updateTable('documents').set({ status: 'draft' } as never).where('id', '=', b).execute();
    throw new Error('roll back');
  }).catch(() => undefined);
  assert.deepEqual(await stored(), before, 'a rolled-back write leaves the counts');
  await same('after the rollback');
  await d.db.deleteFrom('documents').where('id', 'in', [a, b, c]).execute();
  await same('deleted');
});

test('the summary groups read from the stored counts give the per-document table 2', async () => {
  const dates = ['2019-05-02', '2021-01-01', '2022-12-31', '2024-06-15'];
  for (const validity of ['effective', 'not_yet_effective', 'amended', 'repealed', 'expired']) {
    for (let i = 0; i < dates.length; i++) {
      await insert({ validity, written_date: dates[i], publish_date: dates[(i + 1) % 4], expiry_date: dates[(i + 2) % 4], changed_date: dates[(i + 3) % 4], unit_id: i % 2 ? tree.city.id : tree.other.id });
    }
  }
  const all = await unitsInSubtree(d.db, (await reportUnitById(d.db, tree.city.id))!);
  for (let year = 2019; year <= 2025; year++) {
    const [one, grouped] = [await normativeDocsFor(d.db, all, year), await normativeDocsForSummary(d.db, all, year)];
    assert.equal(grouped.reduce((n, r) => n + (r.count ?? 1), 0), one.length, `${year}: as many documents`);
    for (const u of all) assert.deepEqual(computeTable2(u.code, year, { docs: grouped }).report.table2, computeTable2(u.code, year, { docs: one }).report.table2, `${u.code} ${year}`);
  }
});
