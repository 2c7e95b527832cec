/** External links: bounded total, one request at a time per host with the interval between, HEAD→GET fallback, timeouts, private addresses never requested. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExternal } from './external.ts';

test('polite external checks with an injected fetch and clock', async () => {
  const calls: { url: string; method: string; at: number }[] = [];
  let now = 0;
  const sleeps: number[] = [];
  const fetch = (async (url: string, init: { method: string }) => {
    calls.push({ url, method: init.method, at: now });
    if (url.includes('nohead') && init.method === 'HEAD') return new Response(null, { status: 405 });
    if (url.includes('gone')) return new Response(null, { status: 404 });
    if (url.includes('slow')) throw Object.assign(new Error('t'), { name: 'TimeoutError' });
    return new Response(null, { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const sleep = async (ms: number) => { sleeps.push(ms); now += ms; };
  const urls = ['https://a.gov.cn/1', 'https://a.gov.cn/gone', 'https://a.gov.cn/nohead', 'https://b.gov.cn/slow', 'http://127.0.0.1/x', 'http://192.168.1.2/y', 'https://c.gov.cn/late'];
  const r = await checkExternal(urls, { fetch, sleep, maxTotal: 6, perHostIntervalMs: 2000, concurrency: 2 });
  assert.equal(r.size, 6, 'the seventh URL is left for a later run');
  assert.equal(r.has('https://c.gov.cn/late'), false);
  assert.deepEqual(r.get('https://a.gov.cn/1'), { ok: true });
  assert.deepEqual(r.get('https://a.gov.cn/gone'), { ok: false, reason: 'http-404' });
  assert.deepEqual(r.get('https://a.gov.cn/nohead'), { ok: true });
  assert.deepEqual(r.get('https://b.gov.cn/slow'), { ok: false, reason: 'timeout' });
  assert.deepEqual(r.get('http://127.0.0.1/x'), { ok: false, reason: 'private-address' });
  assert.deepEqual(r.get('http://192.168.1.2/y'), { ok: false, reason: 'private-address' });
  assert.ok(!calls.some((c) => /127\.0\.0\.1|192\.168/.test(c.url)), 'private addresses are never requested');
  assert.deepEqual(calls.filter((c) => c.url.includes('nohead')).map((c) => c.method), ['HEAD', 'GET']);
  assert.ok(sleeps.every((ms) => ms === 2000) && sleeps.length >= 2, 'the per-host interval between requests to one host');
});
