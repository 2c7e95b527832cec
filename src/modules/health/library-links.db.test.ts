/**
 * Links to the media library (`/library/<key>`) are checked like document links: broken when no item
 * has the key or when the item's unit is inactive (its files are then 404), in a check run and in the
 * warnings before publishing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { importRecords } from '../documents/store/importer.ts';
import { validInput } from '../documents/store/fixtures.test-helper.ts';
import { runCheck } from './run.ts';
import { documentWarnings } from './prepublish.tsx';

let d: TestDb;
const sys = systemContext('test');
const KEEP = 'aaaaaaaaaaaaaaaaaaaaaaaa.png';
const GONE_UNIT = 'bbbbbbbbbbbbbbbbbbbbbbbb.png';
const NONE = 'cccccccccccccccccccccccc.pdf';
let docId = 0;

before(async () => {
  d = await testDatabase();
  await seedTree(d.db);
  const unit = async (code: string) => (await d.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const item = (key: string, unit_id: number) => ({ key, unit_id, kind: 'png', mime: 'image/png', name: key, alt: '示意图', filename: 'a.png', size: 10, sha256: 'f'.repeat(64) });
  await d.db.insertInto('library_items').values([item(KEEP, await unit(CODES.bureau)), item(GONE_UNIT, await unit(CODES.other))]).execute();
  await d.db.updateTable('units').set({ active: false }).where('code', '=', CODES.other).execute();
  const body = `<p><img src="/library/${KEEP}" alt="示意图"><img src="/library/${GONE_UNIT}" alt="旧图"><a href="/library/${NONE}">表格</a></p>`;
  const r = await importRecords(d.db, sys, [
    { ...validInput({ title: '测试市司法局媒体库引用测试', bodyHtml: body }), unit: CODES.bureau, status: 'published', publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z' },
  ], { dataDir: mkdtempSync(join(tmpdir(), 'gk-health-lib-')), maxUploadMb: 5 });
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  docId = (await d.db.selectFrom('documents').select('id').where('title', '=', '测试市司法局媒体库引用测试').executeTakeFirstOrThrow()).id;
});
after(async () => d?.cleanup());

test('a check run finds the links to a missing library item and to an inactive unit\'s item, not the good one', async () => {
  const r = await runCheck(d.db, sys, { trigger: 'cli', asOf: '2020-09-10', ownHosts: [], unitCode: CODES.bureau });
  const links = r.findings.filter((f) => f.kind === 'link').map((f) => [f.detail.href, f.detail.verdict]).sort();
  assert.deepEqual(links, [[`/library/${GONE_UNIT}`, 'library-missing'], [`/library/${NONE}`, 'library-missing']]);
});

test('the warnings before publishing name the same two links', async () => {
  const w = await documentWarnings(d.db, docId);
  const links = w.filter((x) => x.kind === 'link').map((x) => x.detail.href).sort();
  assert.deepEqual(links, [`/library/${GONE_UNIT}`, `/library/${NONE}`]);
});
