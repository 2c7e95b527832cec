/**
 * The console's document list on a big database (#15 item 3): a bounded count and offset (at most
 * LIST_MAX_ROWS rows are counted and paged through; `capped` says there are more), and the stored
 * 公开时效 deadlines equal to the pure rule (domain/timeliness.ts) for every open document.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { adminDocumentPage, LIST_MAX_ROWS } from './queries.ts';
import { refreshDeadlines } from './deadlines.ts';
import { legalFormOf } from '../domain/taxonomy.ts';
import { timelinessDeadline } from '../domain/timeliness.ts';

let t: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;

before(async () => {
  t = await testDatabase();
  tree = await seedTree(t.db);
  // 12 documents of the bureau: 9 drafts written on different days (3 of them policies), 3 published
  await sql`insert into documents (unit_id, index_no, index_year, index_serial, title, legal_form, written_date, publish_date, status, published_at, disclosure, validity, updated_at)
    select ${tree.bureau.id}, 'LIST-' || i, 2030, i, '列表测试' || i, case when i % 3 = 0 then 'normative' else 'none' end,
      date '2030-01-02' + i * 5, case when i > 9 then date '2030-03-01' end, case when i > 9 then 'published' else 'draft' end,
      case when i > 9 then timestamptz '2030-03-01 10:00+08' end, 'proactive', 'effective', timestamptz '2030-04-01 10:00+08' + i * interval '1 hour'
    from generate_series(1, 12) as i`.execute(t.db);
});
after(async () => t.cleanup());

test('the list counts at most maxRows documents and pages only through them (bounded offset)', async () => {
  assert.ok(LIST_MAX_ROWS >= 1000, 'the default bound leaves room for ordinary work');
  const all = await adminDocumentPage(t.db, { scope: [tree.bureau.path], page: 1, perPage: 5 });
  assert.deepEqual([all.total, all.capped, all.pages], [12, false, 3]);
  assert.equal(all.rows[0].title, '列表测试12', 'newest change first');
  const capped = await adminDocumentPage(t.db, { scope: [tree.bureau.path], page: 99, perPage: 4, maxRows: 10 });
  assert.deepEqual([capped.total, capped.capped, capped.pages, capped.page], [10, true, 3, 3]);
  assert.deepEqual(capped.rows.map((r) => r.title), ['列表测试4', '列表测试3'], 'the last page ends at the bound');
  const exact = await adminDocumentPage(t.db, { scope: [tree.bureau.path], page: 1, maxRows: 12 });
  assert.equal(exact.capped, false, 'exactly at the bound is not capped');
});

test('stored deadlines of open documents equal the pure 条例 第二十六条 / 要点 第6点 rule; recomputing changes nothing', async () => {
  await refreshDeadlines(t.db, 'open');
  const rows = await t.db.selectFrom('documents').select(['id', 'status', 'written_date', 'legal_form', 'timeliness_due', 'timeliness_late_from']).where('index_no', 'like', 'LIST-%').execute();
  const cal = await calendarFor(t.db, tree.bureau.code.slice(2, 8));
  let open = 0;
  for (const r of rows) {
    if (r.status !== 'draft') {
      assert.equal(r.timeliness_due, null, 'published: no open clock');
      continue;
    }
    open++;
    const want = timelinessDeadline({ writtenDate: r.written_date!, isPolicy: legalFormOf(r.legal_form)?.isPolicy ?? false }, cal);
    assert.deepEqual([r.timeliness_due, r.timeliness_late_from], [want.due, want.lateFrom], `document ${r.id}`);
  }
  assert.equal(open, 9);
  assert.equal(await refreshDeadlines(t.db, 'open'), 0, 'stored = computed');
});
