import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PageCache, PEER_CHANNEL, etagOf, linkPeers } from './cache.ts';

// LISTEN/NOTIFY needs a PostgreSQL server; PGlite is one process and needs no peers.
const url = process.env.TEST_DATABASE_URL;
const skip = url ? false : 'PostgreSQL only (set TEST_DATABASE_URL): PGlite runs in one process and has no other nodes';

function put(c: PageCache, key: string, tags: string[]) {
  c.set({ key, body: Buffer.from(key), etag: etagOf(key), lastModifiedMs: 0, tags, headers: {}, generation: c.generation() });
}

async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(cond(), what);
}

test('a change announced by one node empties the same pages on the others, and only those', { skip }, async () => {
  const a = new PageCache();
  const b = new PageCache();
  const la = await linkPeers(url!, a);
  const lb = await linkPeers(url!, b);
  const sender = new pg.Client({ connectionString: url });
  await sender.connect();
  try {
    for (const c of [a, b]) {
      put(c, 'doc1', ['doc:1']);
      put(c, 'doc2', ['doc:2']);
    }
    await sender.query('select pg_notify($1, $2)', [PEER_CHANNEL, la.payload(['doc:1'])]);
    await until(() => b.get('doc1') === undefined, 'node B dropped doc 1');
    assert.ok(b.get('doc2'), 'node B kept doc 2');
    assert.ok(a.get('doc1'), 'node A ignores its own announcement (it invalidated locally)');
    // a change too large for one NOTIFY asks everyone to clear
    const huge = Array.from({ length: 2000 }, (_, i) => `doc:${i + 10}`);
    assert.match(la.payload(huge), /"all":true/);
    assert.match(la.payload('all'), /"all":true/);
    await sender.query('select pg_notify($1, $2)', [PEER_CHANNEL, la.payload(huge)]);
    await until(() => b.size === 0, 'node B cleared');
    // messages that are not ours are ignored
    put(b, 'doc3', ['doc:3']);
    await sender.query('select pg_notify($1, $2)', [PEER_CHANNEL, 'not json']);
    await sender.query('select pg_notify($1, $2)', [PEER_CHANNEL, lb.payload(['doc:3'])]);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(b.get('doc3'));
  } finally {
    await sender.end();
    await la.close();
    await lb.close();
  }
});
