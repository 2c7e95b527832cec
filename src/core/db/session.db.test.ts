/**
 * What every PostgreSQL connection of the pool runs with (index.ts openDatabase): no JIT compilation.
 * PostgreSQL compiles a query whose estimated cost passes jit_above_cost, and a plan with a costly
 * branch that never runs spent 276 ms compiling for a 1 ms answer (the 法定主动公开内容 counts at
 * 500,000 documents, docs/perf-notes.md). PGlite has no JIT: PostgreSQL only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from './index.ts';

const url = process.env.TEST_DATABASE_URL;

test('every pooled PostgreSQL connection has JIT off, the first query included', { skip: !url && 'PostgreSQL only (TEST_DATABASE_URL)' }, async () => {
  const d = await openDatabase({ databaseUrl: url!, poolSize: 3 });
  try {
    // three connections at once: each new one is set up before its first query
    const r = await Promise.all([1, 2, 3].map(() => sql<{ jit: string; pid: number }>`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`.execute(d.db)));
    assert.equal(new Set(r.map((x) => x.rows[0].pid)).size, 3, 'three connections');
    assert.deepEqual(r.map((x) => x.rows[0].jit), ['off', 'off', 'off']);
  } finally {
    await d.close();
  }
});
