/**
 * Zip-bomb fences (audit 2026-12-04 F3): declared sizes judged without inflating, the byte budget of
 * the inflate, and a real DOCX read as before. Bombs are built in memory (test/helpers/zip-bomb.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docxBomb } from '../../../test/helpers/zip-bomb.ts';
import { sniffAttachment } from '../../modules/documents/domain/filetype.ts';
import { renderDocx } from './docx.ts';
import { extractDocxText } from './extract.ts';
import { entryBudget, readZipEntry, zipBombReason, ZipLimitError, ZIP_LIMITS } from './zip.ts';

const MiB = 1024 * 1024;

test('budget per member: the ratio to its compressed size, at least 1 MiB, at most the entry limit', () => {
  assert.equal(entryBudget(10), ZIP_LIMITS.ratioFloorBytes);
  assert.equal(entryBudget(20_000), 20_000 * ZIP_LIMITS.ratio);
  assert.equal(entryBudget(5 * MiB), ZIP_LIMITS.entryBytes);
});

test('a bomb that declares its size is named by the central directory alone, and refused as an upload', async () => {
  const bomb = docxBomb({ inflatedMiB: 1024, honest: true });
  assert.ok(bomb.length < 1.2 * MiB, `${bomb.length} bytes`);
  assert.match(zipBombReason(bomb) ?? '', /word\/document\.xml: 1073741824 bytes/);
  const t0 = performance.now();
  const r = await sniffAttachment(bomb, '通知.docx');
  assert.ok(performance.now() - t0 < 1000, 'judged without inflating');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'zip_bomb');
  assert.match(!r.ok ? r.message.zh : '', /压缩炸弹/);
  assert.match(!r.ok ? r.message.en : '', /zip bomb/);
});

test('a bomb that lies about its size stops at the byte budget: an error, not a gigabyte', () => {
  const bomb = docxBomb({ inflatedMiB: 1024, honest: false });
  assert.equal(zipBombReason(bomb), null, 'the directory says 1 KB');
  const rss = process.memoryUsage().rss;
  assert.throws(() => readZipEntry(bomb, 'word/document.xml'), (e) => e instanceof ZipLimitError && /inflates past 33554432 bytes/.test(e.message));
  assert.throws(() => extractDocxText(bomb), ZipLimitError);
  const grew = (process.memoryUsage().rss - rss) / MiB;
  assert.ok(grew < 200, `RSS grew ${grew.toFixed(0)} MB`);
  // under a smaller budget it stops sooner
  assert.throws(() => readZipEntry(bomb, 'word/document.xml', { ...ZIP_LIMITS, entryBytes: 2 * MiB }), /past 2097152/);
});

test('a bomb whose members add up past the total is named', () => {
  const small = docxBomb({ inflatedMiB: 8, honest: true });
  assert.equal(zipBombReason(small, { ...ZIP_LIMITS, ratio: Infinity }), null);
  assert.match(zipBombReason(small, { ...ZIP_LIMITS, ratio: Infinity, totalBytes: 4 * MiB }) ?? '', /in all/);
});

test('a real DOCX passes the fences and gives its text', async () => {
  const docx = await renderDocx({ title: '关于开展政务公开工作的通知', blocks: [{ type: 'paragraph', runs: '各单位：现将有关事项通知如下。' }] });
  assert.equal(zipBombReason(docx), null);
  assert.match(extractDocxText(docx), /现将有关事项通知如下/);
  const r = await sniffAttachment(docx, '通知.docx');
  assert.equal(r.ok && r.kind, 'docx');
});
