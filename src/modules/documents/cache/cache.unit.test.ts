import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { PageCache, TAG, etagOf, tagsForChange, unitIdsOfPath } from './cache.ts';
import { cookiePair, cookieValue, elderFromHeaders, etagMatches, keyForRequest, localeFromHeaders, notModified, serveRaw } from './hit.ts';

const HEADERS = { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'SAMEORIGIN', 'cache-control': 'public, no-cache', vary: 'Accept-Language, Cookie', 'set-cookie': 'a=b', 'content-length': '3' };

function put(c: PageCache, key: string, tags: string[], body = 'abc', gen = c.generation()) {
  return c.set({ key, body: Buffer.from(body), etag: etagOf(body), lastModifiedMs: Date.UTC(2024, 9, 15, 2, 30, 0, 700), tags, headers: HEADERS, generation: gen });
}

test('keys separate locale and elder mode', () => {
  assert.notEqual(PageCache.key('/u/a/', 'zh-CN', false), PageCache.key('/u/a/', 'en', false));
  assert.notEqual(PageCache.key('/u/a/', 'zh-CN', false), PageCache.key('/u/a/', 'zh-CN', true));
  const cases: [Record<string, string>, string][] = [
    [{}, 'zh-CN|0|/x'],
    [{ cookie: 'lang=en' }, 'en|0|/x'],
    [{ cookie: 'sid=1; elder=1; lang=zh-CN', 'accept-language': 'en-US' }, 'zh-CN|1|/x'],
    [{ 'accept-language': 'en-GB,en;q=0.9' }, 'en|0|/x'],
    [{ 'accept-language': 'zh-CN,en;q=0.5' }, 'zh-CN|0|/x'],
    [{ cookie: 'elder=0;lang=fr', 'accept-language': 'en' }, 'en|0|/x'],
  ];
  for (const [headers, want] of cases) assert.equal(keyForRequest({ url: '/x', headers }), want, JSON.stringify(headers));
  assert.equal(cookieValue('a=1; b="x y"; c=%E4%B8%AD', 'b'), 'x y');
  assert.equal(cookieValue('a=1; b=2; c=%E4%B8%AD', 'c'), '中');
  assert.equal(cookieValue('alang=en', 'lang'), undefined);
  assert.equal(localeFromHeaders(undefined, undefined), 'zh-CN');
  assert.equal(elderFromHeaders('elder=1'), true);
});

/** cookieValue as it was before cookiePair (one scan per name): the reference cookiePair must agree with. */
function oneCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let i = 0;
  while (i < header.length) {
    while (header.charCodeAt(i) === 32) i++;
    const eq = header.indexOf('=', i);
    if (eq < 0) return undefined;
    let end = header.indexOf(';', eq);
    if (end < 0) end = header.length;
    if (header.slice(i, eq).trim() === name) {
      const v = header.slice(eq + 1, end).trim();
      try {
        return decodeURIComponent(v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
      } catch {
        return v;
      }
    }
    i = end + 1;
  }
  return undefined;
}

test('cookiePair reads lang and elder in one pass, as two cookieValue calls would', () => {
  const headers = [
    undefined, '', 'lang=en', 'elder=1', 'lang=en; elder=1', 'elder=1;lang=zh-CN', 'sid=abc; _csrf=x%y; lang=en',
    'lang=fr; lang=en; elder=0; elder=1', ' lang = en ;  elder= 1 ', 'lang="en"; elder="1"', 'lang="', 'lang=%E4%B8%AD; elder=%ZZ',
    'alang=en; elderly=1', 'novalue; lang=en', 'x=1; =2; lang', 'lang=en;', ';;lang=en', 'elder=1; lang=en; elder=0',
  ];
  for (const h of headers) {
    assert.deepEqual(cookiePair(h, 'lang', 'elder'), [oneCookie(h, 'lang'), oneCookie(h, 'elder')], String(h));
    assert.equal(cookieValue(h, 'lang'), oneCookie(h, 'lang'), String(h));
    assert.equal(cookieValue(h, 'elder'), oneCookie(h, 'elder'), String(h));
  }
  assert.deepEqual(cookiePair('lang=fr; lang=en; elder=0; elder=1', 'lang', 'elder'), ['fr', '0']);
  assert.equal(keyForRequest({ url: '/y', headers: { cookie: 'elder=1; lang=en' } }), 'en|1|/y');
});

test('set stores headers without per-response ones and serves them back', () => {
  const c = new PageCache();
  assert.equal(put(c, 'k', ['doc:1']), true);
  const e = c.get('k')!;
  assert.ok(e);
  assert.deepEqual(e.headers.filter((_, i) => i % 2 === 0), ['content-type', 'x-frame-options', 'cache-control', 'vary', 'etag', 'last-modified']);
  assert.equal(e.lastModified, 'Tue, 15 Oct 2024 02:30:00 GMT');
  assert.deepEqual(e.headers304.filter((_, i) => i % 2 === 0), ['cache-control', 'vary', 'etag', 'last-modified']);
  assert.equal(e.headers200.at(-1), '3');
});

test('invalidation by tag removes exactly the tagged pages', () => {
  const c = new PageCache();
  put(c, 'doc1', [TAG.doc(1), TAG.unit(5)]);
  put(c, 'doc2', [TAG.doc(2), TAG.doc(1), TAG.unit(5)]); // doc 2 links doc 1 (an interpretation)
  put(c, 'list5', [TAG.unit(5)]);
  put(c, 'list9', [TAG.unit(9)]);
  put(c, 'feed', [TAG.feeds, TAG.unit(9)]);
  assert.equal(c.invalidate([TAG.doc(1)]), 2);
  assert.deepEqual(c.keys().sort(), ['feed', 'list5', 'list9']);
  assert.equal(c.invalidate([TAG.unit(5), TAG.feeds]), 2);
  assert.deepEqual(c.keys(), ['list9']);
  assert.equal(c.invalidate(['nothing']), 0);
});

test('a render that started before an invalidation is not stored (no stale withdrawn page)', () => {
  const c = new PageCache();
  const gen = c.generation();
  c.invalidate([TAG.doc(1)]); // the document is withdrawn while the page renders
  assert.equal(put(c, 'doc1', [TAG.doc(1)], 'old', gen), false);
  assert.equal(c.get('doc1'), undefined);
  assert.equal(put(c, 'doc1', [TAG.doc(1)], 'new'), true);
});

test('entries expire after the TTL, and the byte budget evicts the oldest', () => {
  let now = 1000;
  const c = new PageCache({ ttlMs: 50, maxBytes: 40, now: () => now });
  put(c, 'a', [], '0123456789');
  now += 49;
  assert.ok(c.get('a'));
  now += 1;
  assert.equal(c.get('a'), undefined);
  assert.equal(c.size, 0);
  put(c, 'a', ['t'], '0123456789');
  put(c, 'b', ['t'], '0123456789');
  put(c, 'c', ['t'], '0123456789');
  put(c, 'd', ['t'], '0123456789');
  put(c, 'e', ['t'], '0123456789');
  assert.deepEqual(c.keys(), ['b', 'c', 'd', 'e']);
  assert.equal(c.totalBytes, 40);
  put(c, 'c', ['t'], 'abcdefghij'); // replacing an entry moves it to the end and re-counts
  assert.deepEqual(c.keys(), ['b', 'd', 'e', 'c']);
  assert.equal(c.totalBytes, 40);
  assert.equal(put(c, 'big', ['t'], '01234567890'), false, 'a page over a quarter of the budget is not kept');
  assert.equal(c.invalidate(['t']), 4);
  assert.equal(c.totalBytes, 0);
});

test('conditional requests: If-None-Match wins over If-Modified-Since', () => {
  const lm = Date.UTC(2024, 9, 15, 2, 30, 0, 700);
  const cases: [Record<string, string>, boolean][] = [
    [{}, false],
    [{ 'if-none-match': '"abc"' }, true],
    [{ 'if-none-match': 'W/"abc"' }, true],
    [{ 'if-none-match': '"x", "abc"' }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': '"x"', 'if-modified-since': 'Wed, 16 Oct 2024 00:00:00 GMT' }, false],
    [{ 'if-modified-since': 'Tue, 15 Oct 2024 02:30:00 GMT' }, true],
    [{ 'if-modified-since': 'Tue, 15 Oct 2024 02:29:59 GMT' }, false],
    [{ 'if-modified-since': 'garbage' }, false],
  ];
  for (const [h, want] of cases) assert.equal(notModified(h, '"abc"', lm), want, JSON.stringify(h));
  assert.equal(etagMatches(undefined, '"a"'), false);
});

test('tagsForChange covers the documents, units with ancestors, topics, feeds, sitemap and home', () => {
  const tags = tagsForChange({ documentIds: [3, 4], unitIds: unitIdsOfPath('/1/5/9/'), topicSlugs: ['six'] });
  for (const t of ['doc:3', 'doc:4', 'unit:1', 'unit:5', 'unit:9', 'topic:six', 'topics', 'feeds', 'sitemap', 'home']) assert.ok(tags.includes(t), t);
  assert.deepEqual(unitIdsOfPath('/'), []);
});

test('serveRaw answers hits (200, HEAD, 304) on a real socket and passes misses on', async () => {
  const c = new PageCache();
  put(c, PageCache.key('/cached', 'zh-CN', false), [], 'hello');
  put(c, PageCache.key('/cached', 'en', false), [], 'hi');
  const server: Server = createServer((req, res) => {
    if (serveRaw(c, req, res)) return;
    res.writeHead(404).end('miss');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: b, headers: res.headers }));
      });
      r.on('error', reject);
      r.end();
    });
  try {
    const a = await get('/cached');
    assert.equal(a.status, 200);
    assert.equal(a.body, 'hello');
    assert.equal(a.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(a.headers['set-cookie'], undefined);
    assert.equal(a.headers['etag'], etagOf('hello'));
    assert.equal((await get('/cached', { cookie: 'lang=en' })).body, 'hi');
    const h = await get('/cached', {}, 'HEAD');
    assert.equal(h.status, 200);
    assert.equal(h.headers['content-length'], '5');
    const nm = await get('/cached', { 'if-none-match': etagOf('hello') });
    assert.equal(nm.status, 304);
    assert.equal(nm.body, '');
    assert.equal(nm.headers['etag'], etagOf('hello'));
    assert.equal((await get('/cached', {}, 'POST')).status, 404);
    assert.equal((await get('/other')).status, 404);
    assert.equal((await get('/cached', { cookie: 'elder=1' })).status, 404);
    assert.equal(c.hits, 4);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
