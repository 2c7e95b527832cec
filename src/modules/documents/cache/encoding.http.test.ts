/**
 * Precompressed cached pages (issue #15 item 2): a cached page is kept as brotli and gzip too;
 * a hit answers with the variant the client accepts, its own ETag, Last-Modified,
 * `Vary: Accept-Encoding`, and 304 on If-None-Match — through Fastify (inject) and on the raw
 * fast path (a real socket).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { withdrawDocument } from '../commands.ts';
import { publishedDocument, validInput } from '../store/fixtures.test-helper.ts';
import { pageCacheOf } from '../http/portal-routes.tsx';
import { acceptedEncoding } from './encoding.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
const ctx = systemContext('test');

async function publish(title: string): Promise<number> {
  return publishedDocument(t.db.db, ctx, tree.bureau.id, validInput({ title, bodyHtml: `<p>${'依法公开的政府信息正文。'.repeat(200)}</p>` }));
}

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t?.close());

test('Accept-Encoding: brotli first, then gzip, never what q=0 refuses', () => {
  assert.equal(acceptedEncoding(undefined), null);
  assert.equal(acceptedEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(acceptedEncoding('gzip'), 'gzip');
  assert.equal(acceptedEncoding('br;q=0, gzip'), 'gzip');
  assert.equal(acceptedEncoding('gzip;q=0.5, br;q=0.2'), 'gzip');
  assert.equal(acceptedEncoding('*'), 'br');
  assert.equal(acceptedEncoding('*;q=0'), null);
  assert.equal(acceptedEncoding('identity'), null);
});

test('a cached page is served as brotli or gzip with its own ETag, Vary and 304 (inject)', async () => {
  const id = await publish('压缩变体测试文件');
  const url = `/u/bureau/doc/${id}`;
  const miss = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(miss.statusCode, 200);
  assert.equal(miss.headers['content-encoding'], undefined, 'the miss is sent as rendered');
  assert.match(String(miss.headers.vary), /Accept-Encoding/);
  await pageCacheOf(t.app)!.compressed();

  const plain = await t.app.inject({ url });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, miss.body);
  const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
  assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `brotli ${br.rawPayload.length} vs ${plain.rawPayload.length}`);
  const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);

  const tags = new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]);
  assert.equal(tags.size, 3, 'one ETag per encoding');
  for (const r of [plain, br, gz]) {
    assert.match(String(r.headers.vary), /Accept-Encoding/);
    assert.equal(r.headers['last-modified'], miss.headers['last-modified']);
  }
  const nm = await t.app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
  assert.equal(nm.statusCode, 304);
  assert.equal(nm.headers.etag, br.headers.etag);
  // the brotli tag does not validate the gzip representation
  assert.equal((await t.app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) } })).statusCode, 200);
});

test('the raw fast path sends the precompressed bodies on a real socket, 304s, and drops a withdrawn page', async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  const raw = (path: string, headers: Record<string, string> = {}) => new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts), headers: res.headers }));
    });
    r.on('error', reject);
    r.end();
  });
  const cache = pageCacheOf(t.app)!;
  const id = await publish('快速通道压缩测试');
  const url = `/u/bureau/doc/${id}`;
  const first = await raw(url);
  await cache.compressed();
  const hits = cache.hits;
  const br = await raw(url, { 'accept-encoding': 'br' });
  assert.equal(cache.hits, hits + 1, 'served from the cache');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(Number(br.headers['content-length']), br.body.length);
  assert.equal(brotliDecompressSync(br.body).toString('utf8'), first.body.toString('utf8'));
  assert.equal(br.headers['content-security-policy'], first.headers['content-security-policy'], 'security headers kept');
  const gz = await raw(url, { 'accept-encoding': 'gzip' });
  assert.equal(gunzipSync(gz.body).toString('utf8'), first.body.toString('utf8'));
  assert.equal((await raw(url, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).status, 304);
  assert.equal((await raw(url, { 'if-none-match': String(first.headers.etag) })).status, 304);
  const ims = await raw(url, { 'accept-encoding': 'gzip', 'if-modified-since': String(gz.headers['last-modified']) });
  assert.equal(ims.status, 304);
  await withdrawDocument(t.db.db, ctx, id, '压缩缓存撤回测试');
  assert.equal((await raw(url, { 'accept-encoding': 'br' })).status, 410);
});

test('a cache hit sends every header the miss sent, same names and values (but Date and the per-variant ones)', async () => {
  // Found by an audit of the fast path: pages were stored before the onSend security hook, so a hit lacked Permissions-Policy.
  const id = await publish('缓存命中响应头测试');
  const url = `/u/bureau/doc/${id}`;
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const cmp = (miss: Record<string, unknown>, hit: Record<string, unknown>, how: string) => {
    const names = (h: Record<string, unknown>) => Object.keys(h).filter((k) => !skip.has(k)).sort();
    assert.deepEqual(names(hit), names(miss), `${how}: same header names`);
    for (const k of names(miss)) assert.equal(String(hit[k]), String(miss[k]), `${how}: ${k}`);
  };
  const miss = await t.app.inject({ url });
  assert.ok(miss.headers['permissions-policy'], 'the miss has the security headers');
  const hits = pageCacheOf(t.app)!.hits;
  const hit = await t.app.inject({ url });
  assert.equal(pageCacheOf(t.app)!.hits, hits + 1, 'served from the cache');
  cmp(miss.headers, hit.headers, 'inject');
  // and on the raw fast path, on a real socket
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  const get = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path: url }, (res) => { res.resume(); res.on('end', () => resolve(res.headers)); });
    r.on('error', reject);
    r.end();
  });
  const before = pageCacheOf(t.app)!.hits;
  const rawHit = await get();
  assert.equal(pageCacheOf(t.app)!.hits, before + 1, 'served from the cache');
  cmp(miss.headers, rawHit, 'raw');
});
