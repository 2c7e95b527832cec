/**
 * The one-query reads of an uncached public page (store/portal-reads.ts) give the same document as the
 * row-by-row read the staff pages use (`getDocument`): every column with its type (Date for timestamps,
 * 'YYYY-MM-DD' strings for dates, arrays for keywords), issuers, columns, topics, attachments,
 * interpretations and the amended/repealed links — for every document of a synthetic corpus that has
 * policies, 解读, amendments, repeals and withdrawn documents.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { loadCorpus, loadUnits } from '../../../../bench/load.ts';
import { documentPageRead } from './portal-reads.ts';
import { getDocument } from './repository.ts';

let t: TestDb;
before(async () => {
  t = await testDatabase();
  await loadCorpus(t.db, await loadUnits(t.db), 400);
});
after(async () => t.close());

/** the page read's references also carry their unit's slug (for links); the staff read's do not */
function withoutSlugs<T>(doc: T): T {
  const strip = (r: Record<string, unknown> | null) => {
    if (!r) return r;
    const { unit_slug: _s, ...rest } = r;
    return rest;
  };
  const d = doc as Record<string, unknown>;
  return { ...d, interprets: strip(d.interprets as never), amendedBy: strip(d.amendedBy as never), repealedBy: strip(d.repealedBy as never),
    interpretations: (d.interpretations as Record<string, unknown>[]).map(strip) } as T;
}

test('the page read equals the row-by-row read for every document of the corpus', async () => {
  const docs = (await sql<{ id: number; slug: string }>`select d.id, u.slug from documents d join units u on u.id = d.unit_id order by d.id`.execute(t.db)).rows;
  assert.ok(docs.length >= 300);
  const kinds = { interprets: 0, amended: 0, repealed: 0, interpretations: 0, withdrawn: 0 };
  for (const { id, slug } of docs) {
    const page = await documentPageRead(t.db, slug, id);
    const staff = await getDocument(t.db, id);
    assert.ok(page?.doc && staff, `document ${id}`);
    assert.deepEqual(withoutSlugs(page.doc), staff, `document ${id}`);
    if (staff.interprets) kinds.interprets++;
    if (staff.amendedBy) kinds.amended++;
    if (staff.repealedBy) kinds.repealed++;
    if (staff.interpretations.length) kinds.interpretations++;
    if (staff.status === 'withdrawn') kinds.withdrawn++;
    assert.ok(staff.created_at instanceof Date && page.doc.updated_at instanceof Date);
  }
  for (const [k, n] of Object.entries(kinds)) assert.ok(n > 0, `the corpus has documents with ${k}`);
});

test('no such document: the unit and its columns, no document; no such unit: undefined', async () => {
  const slug = (await sql<{ slug: string }>`select slug from units order by id limit 1`.execute(t.db)).rows[0].slug;
  const r = await documentPageRead(t.db, slug, 99_999_999);
  assert.ok(r && r.doc === undefined && r.columns.length > 0 && r.unit.slug === slug);
  assert.equal(await documentPageRead(t.db, 'no-such-unit', 1), undefined);
  assert.equal((await documentPageRead(t.db, slug, Number.NaN))?.doc, undefined);
});
