/**
 * Static publication (static-mirror.ts): the cache's default-locale pages as files for nginx,
 * written when stored, deleted the moment they leave the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PageCache, etagOf } from './cache.ts';
import { StaticMirror, headersConf, staticFileOf } from './static-mirror.ts';

const HTML = ['Content-Type', 'text/html; charset=utf-8', 'X-Frame-Options', 'SAMEORIGIN', 'Content-Security-Policy', "default-src 'self'", 'Cache-Control', 'public, no-cache', 'Vary', 'Accept-Encoding, Accept-Language, Cookie', 'ETag', '', 'Last-Modified', '', 'Content-Length', ''];
const MODIFIED = Date.UTC(2024, 9, 15, 2, 30, 0);
/** A page long enough to be compressed (encoding.ts MIN_COMPRESS_BYTES). */
const page = (text: string) => `<p>${text}</p>` + '<p>依法公开的政府信息正文。</p>'.repeat(80);

function setup(o: { now?: () => number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gk-static-'));
  const logs: string[] = [];
  const mirror = new StaticMirror(dir, (m) => logs.push(m));
  const cache = new PageCache({ mirror, ...o });
  const put = (key: string, tags: string[], body = '<p>页面</p>', headers: string[] = HTML, gen = cache.generation()) =>
    cache.set({ key, body: Buffer.from(body), etag: etagOf(body), lastModifiedMs: MODIFIED, tags, headers, generation: gen });
  return { dir, pages: join(dir, 'pages'), mirror, cache, put, logs };
}

test('only default-locale pages at plain canonical paths become files', () => {
  assert.equal(staticFileOf('zh-CN|0|/'), '.page.html');
  assert.equal(staticFileOf('zh-CN|0|/topics/'), 'topics/.page.html');
  assert.equal(staticFileOf('zh-CN|0|/u/city/doc/12'), 'u/city/doc/12.page.html');
  assert.equal(staticFileOf('zh-CN|0|/u/city/xxgk/zcwj-gfxwj'), 'u/city/xxgk/zcwj-gfxwj.page.html');
  assert.equal(staticFileOf('zh-CN|0|/u/city/'), 'u/city/.page.html', 'a page and its redirect …');
  assert.equal(staticFileOf('zh-CN|0|/u/city'), 'u/city.page.html', '… never share a file');
  assert.equal(staticFileOf('zh-CN|0|/a/index.html'), 'a/index.html.page.html');
  for (const key of ['en|0|/u/city', 'zh-CN|1|/u/city', 'zh-CN|0|/u/city?page=2', 'zh-CN|0|/a/.page', 'zh-CN|0|/a/b.page.html', 'zh-CN|0|/a/b.page.html/c', 'zh-CN|0|/u/../etc', 'zh-CN|0|/u/./x', 'zh-CN|0|/u//x', 'zh-CN|0|//', 'zh-CN|0|/u/%2e%2e/x', 'zh-CN|0|/u/.hidden', 'zh-CN|0|/专题', 'zh-CN|0|u/city']) {
    assert.equal(staticFileOf(key), null, key);
  }
});

test('a stored page is written with its time, gzipped beside it once compressed, and deleted when invalidated', async () => {
  const { pages, cache, put, mirror } = setup();
  assert.ok(put('zh-CN|0|/u/city/doc/7', ['doc:7', 'unit:1'], page('文件七')));
  const file = join(pages, 'u/city/doc/7.page.html');
  assert.equal(readFileSync(file, 'utf8'), page('文件七'));
  assert.equal(statSync(file).mtimeMs, MODIFIED);
  await cache.compressed();
  assert.equal(gunzipSync(readFileSync(file + '.gz')).toString('utf8'), page('文件七'));
  assert.equal(statSync(file + '.gz').mtimeMs, MODIFIED);
  assert.equal(mirror.count, 1);

  assert.equal(cache.invalidate(['doc:7']), 1);
  assert.equal(existsSync(file), false, 'a withdrawn page is no longer a file');
  assert.equal(existsSync(file + '.gz'), false);
  assert.equal(mirror.count, 0);
});

test('what the cache does not store is not written: other locales, a render overtaken by a change, non-HTML', () => {
  const { pages, cache, put } = setup();
  put('en|0|/u/city', ['unit:1']);
  put('zh-CN|1|/u/city', ['unit:1']);
  const gen = cache.generation();
  cache.invalidate(['doc:1']);
  assert.equal(put('zh-CN|0|/u/city', ['unit:1'], '<p>旧</p>', HTML, gen), false);
  put('zh-CN|0|/feeds/atom', ['feeds'], '<feed/>', ['Content-Type', 'application/atom+xml; charset=utf-8']);
  assert.equal(existsSync(join(pages, 'u/city.page.html')), false);
  assert.equal(existsSync(join(pages, 'feeds/atom.page.html')), false);
  assert.equal(cache.size, 3);
});

test('a newer version replaces the file and drops the older one\'s gzip until its own is ready', async () => {
  const { pages, cache, put } = setup();
  put('zh-CN|0|/u/city/', ['unit:1'], page('一'));
  await cache.compressed();
  const file = join(pages, 'u/city/.page.html');
  assert.ok(existsSync(file + '.gz'));
  put('zh-CN|0|/u/city/', ['unit:1'], page('二'));
  assert.equal(readFileSync(file, 'utf8'), page('二'));
  assert.equal(existsSync(file + '.gz'), false, 'no stale compressed copy');
  await cache.compressed();
  assert.equal(gunzipSync(readFileSync(file + '.gz')).toString('utf8'), page('二'));
});

test('clear, eviction and expiry delete the files too; start empties only the pages folder', () => {
  let now = 1_000_000;
  const { dir, pages, cache, put } = setup({ now: () => now });
  put('zh-CN|0|/a', ['x']);
  put('zh-CN|0|/b', ['y']);
  now += 11 * 60_000;
  put('zh-CN|0|/c', ['z']);
  assert.equal(cache.sweep(), 2, 'the two older pages expired');
  assert.equal(existsSync(join(pages, 'a.page.html')), false);
  assert.equal(existsSync(join(pages, 'b.page.html')), false);
  assert.ok(existsSync(join(pages, 'c.page.html')));
  cache.clear();
  assert.equal(existsSync(join(pages, 'c.page.html')), false);

  writeFileSync(join(dir, 'keep.txt'), 'operator');
  mkdirSync(join(pages, 'stale'), { recursive: true });
  writeFileSync(join(pages, 'stale/.page.html'), 'from a crashed process');
  new StaticMirror(dir);
  assert.equal(existsSync(join(pages, 'stale/.page.html')), false);
  assert.equal(readFileSync(join(dir, 'keep.txt'), 'utf8'), 'operator');

  const small = setup();
  const big = new PageCache({ maxBytes: 40, mirror: small.mirror, compress: false });
  const body = '<p>x</p>'.padEnd(10, ' ');
  big.set({ key: 'zh-CN|0|/one', body: Buffer.from(body), etag: etagOf(body), lastModifiedMs: MODIFIED, tags: [], headers: HTML, generation: big.generation() });
  for (const k of ['two', 'three', 'four', 'five']) big.set({ key: `zh-CN|0|/${k}`, body: Buffer.from(body), etag: etagOf(body), lastModifiedMs: MODIFIED, tags: [], headers: HTML, generation: big.generation() });
  assert.equal(existsSync(join(small.pages, 'one.page.html')), false, 'evicted from the cache, deleted from the folder');
  assert.ok(existsSync(join(small.pages, 'five.page.html')));
});

test('headers.conf repeats the page headers for nginx, and refuses what nginx would read differently', () => {
  const { dir, put } = setup();
  put('zh-CN|0|/', ['home']);
  const conf = readFileSync(join(dir, 'headers.conf'), 'utf8');
  assert.match(conf, /^add_header X-Frame-Options "SAMEORIGIN" always;$/m);
  assert.match(conf, /^add_header Content-Security-Policy "default-src 'self'" always;$/m);
  assert.match(conf, /^add_header Vary "Accept-Encoding, Accept-Language, Cookie" always;$/m);
  assert.match(conf, /^add_header Cache-Control "public, no-cache" always;$/m);
  assert.doesNotMatch(conf, /Content-Type|ETag|Last-Modified|Content-Length/);
  assert.throws(() => headersConf(['X-A', 'a$b']), /cannot be written/);
  assert.throws(() => headersConf(['X-A', 'a"b']), /cannot be written/);

  const bad = setup();
  bad.put('zh-CN|0|/x', [], '<p/>', ['Content-Type', 'text/html', 'X-Odd', '$host']);
  assert.equal(existsSync(join(bad.pages, 'x.page.html')), false, 'a page whose headers nginx cannot repeat is not published');
  assert.match(bad.logs.join('\n'), /could not write/);
});

test('one headers.conf for every file: a page with other headers is not published, and a changed list asks for a reload', () => {
  const { dir, pages, put, logs } = setup();
  put('zh-CN|0|/a', []);
  const conf = readFileSync(join(dir, 'headers.conf'), 'utf8');
  put('zh-CN|0|/b', [], '<p>b</p>', [...HTML, 'X-Robots-Tag', 'noindex']);
  assert.equal(existsSync(join(pages, 'b.page.html')), false, 'never sent with /a\'s headers');
  assert.equal(readFileSync(join(dir, 'headers.conf'), 'utf8'), conf, 'headers.conf unchanged');
  assert.ok(existsSync(join(pages, 'a.page.html')));

  // a new process whose pages carry other headers (a setting changed): the file is replaced, and the log says to reload nginx
  const next = new PageCache({ mirror: new StaticMirror(dir, (m) => logs.push(m)) });
  next.set({ key: 'zh-CN|0|/c', body: Buffer.from('<p>c</p>'), etag: etagOf('<p>c</p>'), lastModifiedMs: MODIFIED, tags: [], headers: [...HTML, 'Strict-Transport-Security', 'max-age=15552000'], generation: next.generation() });
  assert.match(readFileSync(join(dir, 'headers.conf'), 'utf8'), /Strict-Transport-Security/);
  assert.match(logs.join('\n'), /reload nginx/);
});
