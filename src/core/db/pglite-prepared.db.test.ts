/**
 * Named prepared statements on PGlite (pglite-prepared.ts): a text registered with `prepared()` is
 * parsed once and then only bound and executed, and gives the rows `PGlite.query` gives — dates,
 * int8, json, nulls, parameters of every kind — and survives a change of the table under `select *`.
 * PostgreSQL prepares through pg's named statements instead (index.ts): nothing to check there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery } from 'kysely';
import { openDatabase, prepared, type Database } from './index.ts';

let d: Database;
before(async () => {
  d = await openDatabase({ databaseUrl: null, memory: true });
  await d.pglite!.exec(`create table t (id int8 primary key, day date, at timestamptz, doc json, note text);
    insert into t values (1, '2024-02-29', '2024-03-01T02:00:00Z', '{"a":[1,"二"]}', null), (2, null, null, null, '说明')`);
});
after(async () => d?.close());

const TEXT = prepared('test_rows', 'select t.*, $2::text as echo, $3::int[] as list from t where id >= $1 order by id');
const STAR = prepared('test_star', 'select * from t where id = $1');

test('a prepared text gives what PGlite.query gives, parsed by the same parsers', async () => {
  const params = [1, '回声', [3, 4]];
  const plain = await d.pglite!.query(TEXT, params);
  let parses = 0;
  const protocol = d.pglite!.execProtocol.bind(d.pglite!);
  d.pglite!.execProtocol = ((m: Uint8Array, o: never) => (m[0] === 0x50 && parses++, protocol(m, o))) as typeof protocol;
  for (let i = 0; i < 3; i++) {
    const r = await d.db.executeQuery(CompiledQuery.raw(TEXT, params));
    assert.deepEqual(r.rows, plain.rows);
  }
  d.pglite!.execProtocol = protocol;
  assert.equal(parses, 1, 'parsed (and planned) once, then bound and executed');
  const [one] = (await d.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(TEXT, [2, null, null]))).rows;
  assert.deepEqual(one, { id: 2, day: null, at: null, doc: null, note: '说明', echo: null, list: null });
  const [first] = plain.rows as Record<string, unknown>[];
  assert.equal(first.day, '2024-02-29');
  assert.ok(first.at instanceof Date);
  assert.deepEqual(first.doc, { a: [1, '二'] });
});

test('errors come back as errors, and a table changed under select * is prepared again', async () => {
  await assert.rejects(d.db.executeQuery(CompiledQuery.raw(TEXT, ['x', 'y', null])), /invalid input syntax/);
  assert.equal((await d.db.executeQuery(CompiledQuery.raw(STAR, [1]))).rows.length, 1, 'the session still works after an error');
  await d.pglite!.exec(`alter table t add column extra text default '新'`);
  const [row] = (await d.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(STAR, [1]))).rows;
  assert.equal(row.extra, '新');
});

test('the embedded database starts with shared_buffers of 16 MB, or GONGKAI_PGLITE_SHARED_BUFFERS_MB', async () => {
  // the whole pool is resident in the process from the start (#15 item 4): 32 MB cost 29 MB more RSS for no speed
  const show = async (x: Database) => (await x.pglite!.query<{ shared_buffers: string }>('show shared_buffers')).rows[0].shared_buffers;
  assert.equal(await show(d), '16MB');
  const saved = process.env.GONGKAI_PGLITE_SHARED_BUFFERS_MB;
  process.env.GONGKAI_PGLITE_SHARED_BUFFERS_MB = '24';
  const other = await openDatabase({ databaseUrl: null, memory: true });
  try {
    assert.equal(await show(other), '24MB');
  } finally {
    await other.close();
    if (saved === undefined) delete process.env.GONGKAI_PGLITE_SHARED_BUFFERS_MB;
    else process.env.GONGKAI_PGLITE_SHARED_BUFFERS_MB = saved;
  }
});
