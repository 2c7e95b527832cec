import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { PageCache, etagOf } from './cache.ts';
import { PEER_CHANNEL, linkPeers, peerChannel, quoteChannel } from './peers.ts';
import { openDatabase } from '../../../core/db/index.ts';
import { announceChanges } from '../../../cli/peers.ts';
import { emitDocumentsChanged } from '../commands.ts';

// LISTEN/NOTIFY needs a PostgreSQL server; PGlite is one process and needs no peers.
const url = process.env.TEST_DATABASE_URL;
const skip = url ? false : 'PostgreSQL only (set TEST_DATABASE_URL): PGlite runs in one process and has no other nodes (its one channel, `public`, is covered by the beside-server test)';

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

/** The URL of a deployment working in `schema` (as an operator configures one, and the CLI tests do). */
function inSchema(schema: string) {
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

// Two installations in one database (the test suite runs one schema per file; two deployments may
// share a database): NOTIFY reaches every session of the database, and `doc:1` is a different
// document in each schema. On the old code every node listened on one database-wide channel, so a
// change in one schema cleared the other's cached pages (the beside-server test failed now and then
// on PostgreSQL while other test files ran).
test('a change in one schema leaves the pages cached by another schema’s nodes alone', { skip }, async () => {
  const tag = randomBytes(4).toString('hex');
  const [sa, sb] = [`pc_a_${tag}`, `pc_b_${tag}`];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${sa}; create schema ${sb}`);
  const a1 = new PageCache();
  const a2 = new PageCache();
  const b = new PageCache();
  const la1 = await linkPeers(inSchema(sa), a1);
  const la2 = await linkPeers(inSchema(sa), a2);
  const lb = await linkPeers(inSchema(sb), b);
  const dbA = await openDatabase({ databaseUrl: url!, schema: sa, poolSize: 1 });
  try {
    assert.equal(la1.channel, la2.channel, 'the nodes of one schema share a channel');
    assert.notEqual(la1.channel, lb.channel, 'another schema has its own');
    const fill = () => {
      for (const c of [a1, a2, b]) put(c, 'doc1', ['doc:1']);
    };
    // a node of schema A announces a change, as the portal does (http/portal-routes.tsx `drop`)
    fill();
    await admin.query('select pg_notify($1, $2)', [la1.channel, la1.payload(['doc:1'])]);
    await until(() => a2.get('doc1') === undefined, 'the other node of schema A dropped doc 1');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(b.get('doc1'), 'schema B’s node kept its doc 1');
    // a CLI command working in schema A announces its changes (cli/peers.ts)
    fill();
    const announce = announceChanges(dbA);
    emitDocumentsChanged({ unitIds: [1], documentIds: [1], kind: 'edit' });
    await announce.flush();
    await until(() => a1.size === 0 && a2.size === 0, 'both nodes of schema A cleared');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(b.get('doc1'), 'schema B’s node kept its doc 1 after a CLI change in schema A');
  } finally {
    await Promise.all([la1.close(), la2.close(), lb.close(), dbA.close()]);
    await admin.query(`drop schema ${sa} cascade; drop schema ${sb} cascade`);
    await admin.end();
  }
});

test('a schema’s channel name fits PostgreSQL’s identifier limit and survives quoting', { skip }, async () => {
  assert.equal(peerChannel('public'), PEER_CHANNEL);
  assert.equal(peerChannel(null), PEER_CHANNEL);
  assert.equal(peerChannel('t_abc'), 'gongkai_page_cache_t_abc');
  const long = 'Gov"Schema-' + '政务'.repeat(20);
  const channel = peerChannel(long);
  assert.ok(Buffer.byteLength(channel) <= 63, channel);
  assert.notEqual(channel, peerChannel(long + 'x'), 'different long names, different channels');
  // LISTEN on the quoted name hears pg_notify on the same text
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const odd = peerChannel('Mixed"Case');
    const heard: string[] = [];
    c.on('notification', (m) => heard.push(`${m.channel}:${m.payload}`));
    await c.query(`listen ${quoteChannel(channel)}; listen ${quoteChannel(odd)}`);
    await c.query('select pg_notify($1, $2), pg_notify($3, $4)', [channel, 'long', odd, 'odd']);
    await until(() => heard.length === 2, 'both notifications heard');
    assert.deepEqual(heard.sort(), [`${channel}:long`, `${odd}:odd`].sort());
  } finally {
    await c.end();
  }
});
