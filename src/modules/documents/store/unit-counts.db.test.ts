/**
 * The stored per-unit counts of migration 1200_unit_counts (store/unit-counts.ts) stay exact through
 * every way a document changes — publish, an edit that makes it a 解读, withdraw, republish, a move
 * to another unit, a bulk insert and a plain SQL delete — and the site and unit lists read from them
 * (store/site-page.ts) are the pages the scope query (`publicDocumentPage`) gives, on every page.
 * Also: the 法定主动公开内容 counts read from the column counts equal a join of the documents.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createDocument, publishDocument, reopenDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument } from '../commands.ts';
import { childColumnCounts, publicDocumentPage } from './queries.ts';
import { siteDocumentPage } from './site-page.ts';
import { UNIT_RECOUNT } from './unit-counts.ts';
import { publishedDocument, validInput } from './fixtures.test-helper.ts';

let t: TestDb;
let units: { bureau: number; other: number; county: number };
const ctx = systemContext('test');

before(async () => {
  t = await testDatabase();
  const tree = await seedTree(t.db);
  units = { bureau: tree.bureau.id, other: tree.other.id, county: tree.county.id };
});
after(async () => t.close());

/** Every unit's stored counts equal a recount; `later`: a deletion may have dated a list past its documents. */
async function assertCounts(step: string, later = false): Promise<void> {
  const real = (await sql.raw<{ unit_id: number; published: number; interpretations: number; last_change: Date | null; interpretations_last_change: Date | null }>(UNIT_RECOUNT).execute(t.db)).rows;
  const stored = await t.db.selectFrom('unit_counts' as never).selectAll().execute() as unknown as typeof real;
  const byUnit = new Map(stored.map((r) => [r.unit_id, r]));
  for (const r of real) {
    const s = byUnit.get(r.unit_id) ?? { published: 0, interpretations: 0, last_change: null, interpretations_last_change: null };
    assert.deepEqual([s.published, s.interpretations], [r.published, r.interpretations], `${step}: unit ${r.unit_id}: published and 解读 counts`);
    for (const k of ['last_change', 'interpretations_last_change'] as const) {
      const [a, b] = [r[k] ? new Date(r[k]).getTime() : null, s[k] ? new Date(s[k]).getTime() : null];
      if (!later) assert.equal(b, a, `${step}: unit ${r.unit_id}: ${k}`);
      else if (a !== null) assert.ok(b !== null && b >= a, `${step}: unit ${r.unit_id}: ${k} not older`);
    }
  }
}

/** Every page (2 a page, and one past the end) of the site's and each unit's lists, all and 解读, as the scope query gives it. */
async function samePages(later = false): Promise<void> {
  for (const unitId of [undefined, units.bureau, units.other, units.county]) {
    for (const interpretations of [false, true]) {
      const f = { unitId, interpretations };
      const first = await publicDocumentPage(t.db, f, 1, 2);
      for (let page = 1; page <= first.pages + 1; page++) {
        const a = await publicDocumentPage(t.db, f, page, 2);
        const b = await siteDocumentPage(t.db, f, page, 2);
        const label = `${unitId ?? 'site'} ${interpretations ? '解读' : 'all'} page ${page}`;
        if (later) {
          if (a.lastModified) assert.ok(b.lastModified!.getTime() >= a.lastModified.getTime(), `${label}: Last-Modified not older`);
          b.lastModified = a.lastModified;
        }
        assert.deepEqual({ ...b, lastModified: b.lastModified?.getTime() }, { ...a, lastModified: a.lastModified?.getTime() }, label);
      }
    }
  }
}

const publish = (unitId: number, title: string, extra = {}) => publishedDocument(t.db, ctx, unitId, validInput({ title, ...extra }));

test('site and unit lists from the stored counts equal the scope query through publish, 解读, withdraw, republish, move and delete', async () => {
  await assertCounts('new database');
  const draft = await createDocument(t.db, ctx, units.bureau, validInput({ title: '草稿不列出' }));
  const policies: number[] = [];
  for (let i = 0; i < 3; i++) policies.push(await publish(units.bureau, `司法局政策文件第${i + 1}号`));
  const other = await publish(units.other, '卫健委通知');
  const interp = await publish(units.bureau, '司法局政策文件第1号解读', { interpretationOf: policies[0], interpretationKind: 'text' });
  await assertCounts('published');
  await samePages();
  assert.equal((await siteDocumentPage(t.db, { interpretations: true }, 1)).total, 1);
  assert.equal((await siteDocumentPage(t.db, { unitId: units.bureau }, 1)).total, 4);

  // an edit makes a published document a 解读: counted as one at once
  await updateDocument(t.db, ctx, policies[2], validInput({ title: '司法局政策文件第2号解读', interpretationOf: policies[1], interpretationKind: 'text' }));
  await assertCounts('解读 edit');
  await samePages();
  assert.equal((await siteDocumentPage(t.db, { unitId: units.bureau, interpretations: true }, 1)).total, 2);

  // withdrawn: out of the lists, whose Last-Modified moves to the withdrawal
  await withdrawDocument(t.db, ctx, interp, '内容有误需要更正');
  await assertCounts('withdrawn');
  await samePages();
  // reopened and published again
  await reopenDocument(t.db, ctx, interp);
  await submitDocument(t.db, ctx, interp);
  await reviewDocument(t.db, ctx, interp, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(t.db, ctx, interp, { lateReason: '历史文件补录公开' });
  await assertCounts('republished');
  await samePages();

  // moved to another unit (as a merger's transfer does): it leaves one unit's lists (dated by the
  // move, which none of the documents left there shows) and joins the other's
  await sql`update documents set unit_id = ${units.county}, updated_at = now() where id = ${policies[1]}`.execute(t.db);
  await assertCounts('moved', true);
  await samePages(true);

  // deleted: gone from the lists at once
  await sql`delete from documents where id in (${policies[0]}, ${other}, ${draft.document.id})`.execute(t.db);
  await assertCounts('deleted', true);
  await samePages(true);
  assert.equal((await siteDocumentPage(t.db, {}, 1)).total, 3);

  // a page past the end is the last page
  const last = await siteDocumentPage(t.db, {}, 999, 2);
  assert.deepEqual([last.page, last.items.length], [2, 1]);
});

test('a bulk insert of published documents in two units counts each once', async () => {
  const before = (await siteDocumentPage(t.db, {}, 1)).total;
  await sql`insert into documents (unit_id, index_no, index_year, index_serial, title, doc_type, legal_form, topic_code, disclosure, status, published_at, publish_date, body_html, body_text)
    select u, 'BULK-' || u || '-' || g, 2020, 9000 + g, '批量导入文件' || g, 'notice', 'none', '1603', case when g % 3 = 0 then 'on_request' else 'proactive' end,
           case when g % 4 = 0 then 'draft' else 'published' end, now() - g * interval '1 hour', current_date, '<p>正文</p>', '正文'
    from unnest(${[units.bureau, units.other]}::int[]) u cross join generate_series(1, 12) g`.execute(t.db);
  await assertCounts('bulk insert', true);
  await samePages(true);
  // 12 a unit: 3 drafts, and of the 9 published 3 are 依申请公开 — 6 public each
  assert.equal((await siteDocumentPage(t.db, {}, 1)).total, before + 12);
});

test('法定主动公开内容 counts from the column counts equal a join of the documents, sub-columns included', async () => {
  const col = async (slug: string) => (await t.db.selectFrom('doc_columns').select('id').where('unit_id', '=', units.bureau).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const statutory = await col('statutory');
  const child = (await t.db.selectFrom('doc_columns').select(['id', 'slug']).where('parent_id', '=', statutory).where('enabled', '=', true).orderBy('id').execute());
  assert.ok(child.length >= 2, 'the standard catalog has columns under 法定主动公开内容');
  // one child gets a sub-column; documents in the child, in the sub-column, and in both
  const sub = await t.db.insertInto('doc_columns').values({ unit_id: units.bureau, parent_id: child[0].id, slug: 'sub-test', name_zh: '测试子栏目', name_en: 'Sub-column test', column_type: 'list', sort: 1 } as never).returning('id').executeTakeFirstOrThrow();
  await publish(units.bureau, '子栏目文件', { columns: [child[0].slug] });
  const both = await publish(units.bureau, '两个栏目的文件', { columns: [child[0].slug, child[1].slug] });
  await t.db.insertInto('document_columns').values([{ document_id: both, column_id: (sub as { id: number }).id }] as never).execute();
  const real = await sql<{ root: number; n: number; last: Date | null }>`
    with recursive sub(id, root) as (
      select id, id from doc_columns where parent_id = ${statutory} and enabled
      union all select c.id, sub.root from doc_columns c join sub on c.parent_id = sub.id where c.enabled)
    select sub.root, count(distinct d.id)::int as n, max(d.published_at) as last from sub
    left join document_columns dc on dc.column_id = sub.id
    left join documents d on d.id = dc.document_id and d.status = 'published' and d.disclosure = 'proactive' group by sub.root`.execute(t.db);
  const got = new Map((await childColumnCounts(t.db, statutory)).map((x) => [x.column_id, x]));
  assert.equal(got.size, real.rows.length);
  for (const r of real.rows) {
    const g = got.get(r.root)!;
    assert.deepEqual([g.documents, g.last_published_at?.getTime() ?? null], [r.n, r.last ? new Date(r.last).getTime() : null], `column ${r.root}`);
  }
  assert.equal(got.get(child[0].id)!.documents, 2, 'a document in the column and its sub-column counts once');
});
