/**
 * The CLI socket (socket.ts) on a real PGlite: a client's transaction holds the session from BEGIN
 * to COMMIT — the server's own queries wait for it and never run inside it — and a client that
 * disconnects mid-transaction is rolled back. (On the old code there was no socket at all: the
 * CLI opened the files a second time, security audit F2.)
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from './index.ts';
import { servePGlite, socketFile, SOCKET_PORT, type SocketServer } from './socket.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-sock-'));
let d: Database;
let s: SocketServer;
const notes: string[] = [];

before(async () => {
  d = await openDatabase({ databaseUrl: null, memory: true });
  await sql`create table t (id int primary key, v text)`.execute(d.db);
  s = await servePGlite(d.pglite!, join(dir, 'run'), { onNotification: (c, p) => notes.push(`${c}:${p}`) });
});
after(async () => {
  await s.close();
  await d.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = async () => {
  const c = new pg.Client({ host: s.dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' });
  await c.connect();
  return c;
};

test('the socket is private to the owner (0600, in a 0700 directory)', () => {
  assert.equal(statSync(socketFile(s.dir)).mode & 0o777, 0o600);
  assert.equal(statSync(s.dir).mode & 0o777, 0o700);
});

test('a client transaction never interleaves with the server’s queries', async () => {
  const c = await client();
  try {
    await c.query('begin');
    await c.query(`insert into t values (1, 'cli')`);
    // the server's query must wait for the client's COMMIT (it would otherwise see — or join — the
    // uncommitted transaction of the one PGlite session)
    let serverDone = false;
    const server = sql<{ n: number }>`select count(*)::int as n from t`.execute(d.db).then((r) => {
      serverDone = true;
      return r.rows[0].n;
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(serverDone, false, 'server query waits while the client is in a transaction');
    await c.query(`insert into t values (2, 'cli')`);
    await c.query('commit');
    assert.equal(await server, 2);
    // and the other way round: a server transaction holds the client off until it commits
    const order: string[] = [];
    const tx = d.db.transaction().execute(async (trx) => {
      await sql`insert into t values (3, 'server')`.execute(trx);
      await new Promise((r) => setTimeout(r, 200));
      order.push('server commit');
    });
    await new Promise((r) => setTimeout(r, 20));
    const r = await c.query('select count(*)::int as n from t');
    order.push('client read');
    await tx;
    assert.deepEqual(order, ['server commit', 'client read']);
    assert.equal(r.rows[0].n, 3);
  } finally {
    await c.end();
  }
});

test('a client gone mid-transaction is rolled back and frees the session', async () => {
  const c = await client();
  c.on('error', () => {}); // the cut below is deliberate
  await c.query('begin');
  await c.query(`insert into t values (10, 'lost')`);
  // no COMMIT: the connection is cut
  (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from t where id = 10`.execute(d.db);
  assert.equal(rows[0].n, 0, 'the half-done transaction is gone');
  const { rows: tx } = await sql<{ s: string }>`select pg_current_xact_id_if_assigned()::text as s`.execute(d.db);
  assert.equal(tx[0].s, null, 'the session is no longer inside the client transaction');
});

test('large messages split across socket reads, errors, notifications', async () => {
  const c = await client();
  try {
    const big = 'x'.repeat(3 * 1024 * 1024);
    await c.query('insert into t values ($1, $2)', [20, big]);
    const r = await c.query('select length(v) as n from t where id = 20');
    assert.equal(Number(r.rows[0].n), big.length);
    await assert.rejects(c.query('insert into t values (20, $1)', ['dup']), /duplicate key/);
    // after an error the session is usable again, for the client and for the server
    assert.equal((await c.query('select 1 as one')).rows[0].one, 1);
    await sql`listen chan`.execute(d.db);
    await c.query(`select pg_notify('chan', 'hello')`);
    assert.deepEqual(notes, ['chan:hello']);
  } finally {
    await c.end();
  }
});
