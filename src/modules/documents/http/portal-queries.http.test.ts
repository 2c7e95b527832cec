/**
 * Queries per uncached portal page (issue #15): the document page and a column list each read the
 * database a fixed, small number of times — no N+1 over units, columns or interpretations.
 * Counts every statement the app sends (PGlite's query/exec, or pg.Client#query on PostgreSQL)
 * while it renders a page the cache refuses (an unknown query string).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import type { DocumentInput } from '../commands.ts';
import { ensureTopics } from '../store/columns.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { publishedDocument, validInput } from '../store/fixtures.test-helper.ts';

let t: TestApp;
const ctx = systemContext('test');
const seen: string[] = [];
let counting = false;

async function publish(unitId: number, extra: Partial<DocumentInput> = {}): Promise<number> {
  return publishedDocument(t.db.db, ctx, unitId, validInput(extra));
}

function countQueries() {
  const note = (q: unknown) => {
    if (counting) seen.push(typeof q === 'string' ? q : String((q as { text?: string; name?: string })?.text ?? (q as { name?: string })?.name ?? q));
  };
  const pgl = t.db.pglite;
  if (pgl) {
    const query = pgl.query.bind(pgl);
    const exec = pgl.exec.bind(pgl);
    pgl.query = ((q: string, ...rest: unknown[]) => (note(q), (query as (...a: unknown[]) => unknown)(q, ...rest))) as typeof pgl.query;
    pgl.exec = ((q: string, ...rest: unknown[]) => (note(q), (exec as (...a: unknown[]) => unknown)(q, ...rest))) as typeof pgl.exec;
    // the prepared texts run as Bind/Execute of a named statement (core/db/pglite-prepared.ts)
    const protocol = pgl.execProtocol.bind(pgl);
    pgl.execProtocol = ((m: Uint8Array, ...rest: unknown[]) => (m[0] === 0x42 && note('(bind of a prepared statement)'), (protocol as (...a: unknown[]) => unknown)(m, ...rest))) as typeof pgl.execProtocol;
  } else {
    // at the wire: a statement is a simple Query, or an Execute of the extended protocol (the
    // pool's clients send the prepared texts as named statements, core/db/index.ts)
    type Conn = { query: (...a: unknown[]) => unknown; execute: (...a: unknown[]) => unknown; parse: (...a: unknown[]) => unknown; bind: (...a: unknown[]) => unknown };
    const proto = (pg as unknown as { Connection: { prototype: Conn } }).Connection.prototype;
    const { query, execute, bind, parse } = proto;
    let text = '';
    let parsed = '';
    proto.parse = function (this: unknown, ...a: unknown[]) {
      parsed = (a[0] as { text?: string } | undefined)?.text ?? '';
      return parse.apply(this, a);
    };
    proto.query = function (this: unknown, ...a: unknown[]) {
      note(a[0]);
      return query.apply(this, a);
    };
    proto.bind = function (this: unknown, ...a: unknown[]) {
      const c = a[0] as { statement?: string } | undefined;
      text = c?.statement ? `(named statement ${c.statement})` : parsed;
      return bind.apply(this, a);
    };
    proto.execute = function (this: unknown, ...a: unknown[]) {
      note(text);
      return execute.apply(this, a);
    };
  }
}

/**
 * The statements sent while one request of `url` runs. The counter sees the whole process, and the
 * search index catches up on the test's publications in the background (on PostgreSQL, over the
 * pool's other connections): the fewest of a few tries is the page's own count.
 */
async function queriesFor(url: string, want: number): Promise<{ status: number; n: number; sql: string[] }> {
  let best: { status: number; n: number; sql: string[] } | null = null;
  for (let i = 0; i < 6 && (!best || best.n > want); i++) {
    if (i) await new Promise((r) => setTimeout(r, 500));
    seen.length = 0;
    counting = true;
    const r = await t.app.inject({ url });
    counting = false;
    if (!best || seen.length < best.n) best = { status: r.statusCode, n: seen.length, sql: [...seen] };
  }
  return best!;
}

let policy: number;
before(async () => {
  t = await testApp();
  const tree = await seedTree(t.db.db);
  await inTransaction(t.db.db, (tx) => ensureTopics(tx));
  policy = await publish(tree.bureau.id, { legalForm: 'normative', validity: 'effective', columns: ['regulations-and-normative-documents'] });
  for (let i = 0; i < 3; i++) await publish(tree.bureau.id, { title: `《办法》解读 ${i}`, interpretationOf: policy, interpretationKind: 'text', docNumber: null, columns: ['regulations-and-normative-documents'] });
  for (let i = 0; i < 5; i++) await publish(tree.bureau.id, { title: `规范性文件 ${i}`, columns: ['regulations-and-normative-documents'] });
  countQueries();
  // warm-up: per-process lookups (settings, prepared plans) are not what a page costs
  await t.app.inject({ url: `/u/bureau/doc/${policy}?warm=1` });
  await t.app.inject({ url: '/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents?warm=1' });
});
after(async () => t?.close());

test('an uncached document page (a policy with three interpretations) reads the database once', async () => {
  const r = await queriesFor(`/u/bureau/doc/${policy}?bench=uncached`, 1);
  assert.equal(r.status, 200);
  assert.equal(r.n, 1, `expected 1 query, got ${r.n}:\n${r.sql.join('\n---\n')}`);
});

test('an uncached column list reads the database at most twice (the column, then the page of documents)', async () => {
  const r = await queriesFor('/u/bureau/xxgk/fdzdgknr/regulations-and-normative-documents?bench=uncached', 2);
  assert.equal(r.status, 200);
  assert.ok(r.n >= 1 && r.n <= 2, `expected ≤ 2 queries, got ${r.n}:\n${r.sql.join('\n---\n')}`);
});
