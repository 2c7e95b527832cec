/**
 * The demo media library: each demo unit (市政府办公室, 市司法局, 双塔区) gets its files, every image
 * with a text alternative, names marked 【演示】; one published document of each shows the unit's
 * first image, so the item lists where it is used and its delete is refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import { createUnit } from '../../units/commands.ts';
import { DEMO_UNITS, demoUnitFields } from '../../units/demo.ts';
import { importRecords } from '../../documents/store/importer.ts';
import { validInput } from '../../documents/store/fixtures.test-helper.ts';
import { readStoredFile } from '../../documents/store/attachments.ts';
import { deleteItem } from '../commands.ts';
import { usagesOf } from '../store/queries.ts';
import { DEMO_LIBRARY, seedLibrary } from './library.ts';

let d: TestDb;
const sys = systemContext('seed');
const dataDir = mkdtempSync(join(tmpdir(), 'gk-library-demo-'));
const saved = process.env.GONGKAI_DATA_DIR;

before(async () => {
  d = await testDatabase();
  const codes: Record<string, string> = {};
  for (const key of ['city', 'szfb', 'sfj', 'shuangta']) {
    const i = DEMO_UNITS.findIndex((u) => u.key === key);
    const u = DEMO_UNITS[i];
    const f = demoUnitFields(u, i);
    await createUnit(d.db, sys, { ...f, parent_code: u.parent ? codes[u.parent] : null });
    codes[key] = f.code;
  }
  const r = await importRecords(d.db, sys, ['szfb', 'sfj', 'shuangta'].map((k, n) => ({
    ...validInput({ title: `演示单位${n}的通知`, bodyHtml: '<p>第一段。</p><p>第二段。</p>' }), unit: codes[k], status: 'published' as const, publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z',
  })), { dataDir, maxUploadMb: 20 });
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  process.env.GONGKAI_DATA_DIR = dataDir; // the seeder stores where the configuration says
});
after(async () => {
  if (saved === undefined) delete process.env.GONGKAI_DATA_DIR;
  else process.env.GONGKAI_DATA_DIR = saved;
  await d?.cleanup();
});

test('three units get their files, images described, one document each shows an image, whose delete is refused', async () => {
  const res = await seedLibrary(d.db, sys, () => {});
  const expected = Object.values(DEMO_LIBRARY).reduce((n, f) => n + f.length, 0);
  assert.deepEqual(res, { items: expected, documents: 3 });
  const items = await d.db.selectFrom('library_items as i').innerJoin('units as u', 'u.id', 'i.unit_id').select(['i.id', 'i.key', 'i.kind', 'i.name', 'i.alt', 'i.sha256', 'u.slug']).orderBy('i.id').execute();
  assert.deepEqual([...new Set(items.map((i) => i.slug))], ['szfb', 'sfj', 'shuangta']);
  for (const i of items) {
    assert.match(i.name, /^【演示】/);
    assert.ok(i.kind === 'pdf' || i.alt.length >= 10, `${i.name}: an image says what it shows`);
    assert.ok(readStoredFile(dataDir, i.sha256), `${i.name}: bytes stored`);
  }
  assert.ok(items.some((i) => i.kind === 'pdf') && items.filter((i) => i.kind === 'png').length >= 8);
  for (const slug of ['szfb', 'sfj', 'shuangta']) {
    const first = items.find((i) => i.slug === slug && i.kind === 'png')!;
    const used = await usagesOf(d.db, first.key);
    assert.equal(used.length, 1, `${slug}: one document shows ${first.name}`);
    const body = (await d.db.selectFrom('documents').select('body_html').where('id', '=', used[0].id).executeTakeFirstOrThrow()).body_html;
    assert.ok(body.includes(`<img src="/library/${first.key}" alt="${first.alt}"`), body);
    assert.ok(body.startsWith('<p>第一段。</p>') && body.includes('<p>第二段。</p>'), 'inserted after the first paragraph, nothing lost');
    await assert.rejects(deleteItem(d.db, systemContext('test'), first.id, { dataDir }), (e: unknown) => e instanceof AppError && e.status === 409);
  }
});
