import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { brotliWindowBits, compressBody } from './encoding.ts';

const page = (n: number) => {
  const rows: string[] = [];
  for (let i = 0; rows.join('').length < n; i++) rows.push(`<li><a href="/u/chaoyang/doc/${i}">朝阳市人民政府办公室关于第${i}号文件的通知</a><time>2026-12-${(i % 28) + 1}</time></li>\n`);
  return Buffer.from(`<!doctype html><html lang="zh-CN"><body><ul>\n${rows.join('')}</ul></body></html>`);
};

test('a page that fits in 64 KB is brotli-compressed with a 64 KB window (small hash tables), and decodes', async () => {
  const body = page(40_000);
  const out = await compressBody(body);
  assert.ok(out.br && out.gzip);
  // RFC 7932 §9.1: the stream header's first bit 0 means WBITS = 16
  assert.equal(out.br[0] & 1, 0, 'window of 2^16');
  assert.deepEqual(brotliDecompressSync(out.br), body);
  assert.deepEqual(gunzipSync(out.gzip), body);
  assert.ok(out.br.length < body.length / 4, `${out.br.length} of ${body.length}`);
});

test('larger pages keep the default window', () => {
  assert.equal(brotliWindowBits(65_536), 16);
  assert.equal(brotliWindowBits(65_537), 22);
});
