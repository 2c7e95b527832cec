/**
 * The stored per-column counts and link copies of migration 1130_column_counts (store/column-counts.ts)
 * stay right through the commands that change a list — publish, edit, move to another column,
 * withdraw, republish — and through a plain SQL delete; and the column page read from them
 * (store/column-page.ts) is the page the scope query (`publicDocumentPage`) gives.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument, publishDocument, reopenDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument } from '../commands.ts';
import { publicDocumentPage } from './queries.ts';
import { columnDocumentPage } from './column-page.ts';
import { validInput } from './fixtures.test-helper.ts';

let t: TestDb;
let unitId: number;
let col: Record<string, number> = {};
let slugs: string[] = [];
const ctx = systemContext('test');

before(async () => {
  t = await testDatabase();
  const tree = await seedTree(t.db);
  unitId = tree.bureau.id;
  const rows = await t.db.selectFrom('doc_columns').select(['id', 'slug']).where('unit_id', '=', unitId).execute();
  col = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  slugs = rows.map((r) => r.slug);
});
after(async () => t.close());

/** published, last_change of a column; and whether every link copy matches its document. */
async function counts(slug: string): Promise<{ published: number; last: number | null }> {
  const r = await t.db.selectFrom('column_counts').select(['published', 'last_change']).where('column_id', '=', col[slug]).executeTakeFirstOrThrow();
  return { published: r.published, last: r.last_change ? new Date(r.last_change).getTime() : null };
}
async function assertConsistent(): Promise<void> {
  const drift = await sql<{ column_id: number; stored: number; real: number }>`
    select c.id as column_id, coalesce(cc.published, -1) as stored,
      (select count(*)::int from document_columns dc join documents d on d.id = dc.document_id
       where dc.column_id = c.id and d.status = 'published' and d.disclosure = 'proactive') as real
    from doc_columns c left join column_counts cc on cc.column_id = c.id
    where coalesce(cc.published, -1) <> (select count(*)::int from document_columns dc join documents d on d.id = dc.document_id
       where dc.column_id = c.id and d.status = 'published' and d.disclosure = 'proactive')`.execute(t.db);
  assert.deepEqual(drift.rows, [], 'stored counts equal the real ones for every column');
  const copies = await sql<{ n: number }>`select count(*)::int as n from document_columns dc join documents d on d.id = dc.document_id
    where dc.public <> (d.status = 'published' and d.disclosure = 'proactive') or dc.published_at is distinct from d.published_at`.execute(t.db);
  assert.equal(copies.rows[0].n, 0, 'every link carries its document’s public state and date');
}
/** `later`: a document left the list without a trace in the scope (deleted); the stored Last-Modified is then the deletion's. */
async function samePage(slug: string, page = 1, later = false): Promise<void> {
  const a = await publicDocumentPage(t.db, { columnId: col[slug] }, page, 2);
  const b = await columnDocumentPage(t.db, [col[slug]], page, 2);
  if (later) {
    assert.ok(b.lastModified!.getTime() >= a.lastModified!.getTime());
    b.lastModified = a.lastModified;
  }
  assert.deepEqual({ ...b, lastModified: b.lastModified?.getTime() }, { ...a, lastModified: a.lastModified?.getTime() });
}

async function publish(columns: string[], title: string): Promise<number> {
  const r = await createDocument(t.db, ctx, unitId, validInput({ columns, title }));
  await submitDocument(t.db, ctx, r.document.id);
  await reviewDocument(t.db, ctx, r.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx, r.document.id, { lateReason: '历史文件补录公开' });
  return r.document.id;
}

test('column counts follow publish, move, withdraw, republish and delete; the page read from them is the scope query’s', async () => {
  const [a, b] = ['plans', 'statistics'].map((s) => { assert.ok(col[s], `column ${s} of ${slugs.join(' ')}`); return s; });
  const start = { a: await counts(a), b: await counts(b) };
  // a draft is not listed
  const draft = await createDocument(t.db, ctx, unitId, validInput({ columns: [a], title: '草稿不计数' }));
  assert.equal((await counts(a)).published, start.a.published);
  const d1 = await publish([a], '第一份公开文件');
  const d2 = await publish([a, b], '第二份公开文件');
  assert.equal((await counts(a)).published, start.a.published + 2);
  assert.equal((await counts(b)).published, start.b.published + 1);
  await assertConsistent();
  await samePage(a);
  await samePage(a, 2);
  const lastA = (await counts(a)).last!;
  assert.ok(lastA > 0);

  // moved from a to b by an edit of the published document: a loses it, and its list changed
  await updateDocument(t.db, ctx, d1, validInput({ columns: [b], title: '第一份公开文件' }));
  assert.equal((await counts(a)).published, start.a.published + 1);
  assert.equal((await counts(b)).published, start.b.published + 2);
  assert.ok((await counts(a)).last! >= lastA, 'Last-Modified of the list it left does not go back');
  await assertConsistent();
  await samePage(b);

  // withdrawn: out of the count; the list's Last-Modified moves to the withdrawal
  const beforeWithdraw = (await counts(b)).last!;
  await withdrawDocument(t.db, ctx, d2, '内容有误需要更正');
  assert.equal((await counts(a)).published, start.a.published);
  assert.equal((await counts(b)).published, start.b.published + 1);
  const w = await t.db.selectFrom('documents').select('updated_at').where('id', '=', d2).executeTakeFirstOrThrow();
  assert.equal((await counts(b)).last, Math.max(beforeWithdraw, new Date(w.updated_at).getTime()));
  await assertConsistent();
  await samePage(b);

  // reopened and published again: back in both
  await reopenDocument(t.db, ctx, d2);
  const d2again = await t.db.selectFrom('documents').select('status').where('id', '=', d2).executeTakeFirstOrThrow();
  assert.notEqual(d2again.status, 'published');
  await submitDocument(t.db, ctx, d2);
  await reviewDocument(t.db, ctx, d2, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx, d2, { lateReason: '历史文件补录公开' });
  assert.equal((await counts(a)).published, start.a.published + 1);
  assert.equal((await counts(b)).published, start.b.published + 2);
  await assertConsistent();

  // deleted (cascade of the links): counted out in the same statement
  await sql`delete from documents where id in (${d1}, ${draft.document.id})`.execute(t.db);
  assert.equal((await counts(b)).published, start.b.published + 1);
  await assertConsistent();
  await samePage(a, 1, true);
  await samePage(b, 1, true);

  // a sub-column's documents count once in its parent's list
  const [sub] = (await sql<{ id: number }>`insert into doc_columns (unit_id, parent_id, slug, name_zh, name_en, column_type)
    values (${unitId}, ${col[b]}, 'bench-sub', '子栏目', 'Sub', 'other') returning id`.execute(t.db)).rows;
  assert.equal((await t.db.selectFrom('column_counts').select('published').where('column_id', '=', sub.id).executeTakeFirstOrThrow()).published, 0);
  await sql`insert into document_columns (document_id, column_id) values (${d2}, ${sub.id})`.execute(t.db);
  await assertConsistent();
  const whole = await columnDocumentPage(t.db, [col[b], sub.id], 1, 50);
  const scope = await publicDocumentPage(t.db, { columnId: col[b] }, 1, 50);
  assert.deepEqual(whole.items.map((x) => x.id), scope.items.map((x) => x.id));
  assert.equal(whole.total, scope.total);
});
