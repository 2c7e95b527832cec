/**
 * Named prepared statements on PGlite (issue #15, docs/perf-notes.md). `PGlite.query` parses and
 * plans its text on every call (an unnamed statement, five protocol round trips into the WASM
 * module); for the public pages' one-query reads, planning was two thirds of the work: the document
 * page's query took 12.8 ms a call on the bench corpus, 3.9 ms as a prepared statement. The texts
 * registered with `prepared()` (index.ts) are therefore parsed and described once per PGlite
 * instance under their name, then run with Bind/Execute/Sync in one message — the same protocol
 * messages a pg client sends for a named statement on PostgreSQL. Parameters and results go
 * through the instance's own serializers and parsers, so rows are what `query` would return.
 */
import type { PGlite } from '@electric-sql/pglite';

interface Statement {
  params: number[];
  fields: { name: string; oid: number }[];
}
interface Message {
  name: string;
  dataTypeIDs?: number[];
  fields?: ({ name: string; dataTypeID: number } | string | null)[];
  text?: string;
}

/** SQL text → statement name of the hot queries (`prepared()` in index.ts). */
export const PREPARED = new Map<string, string>();

const statements = new WeakMap<PGlite, Map<string, Statement>>();
const enc = new TextEncoder();

/** One frontend message: its type byte, its length, its parts. */
function message(type: string, parts: Uint8Array[]): Uint8Array {
  const len = 4 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(1 + len);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, len);
  let at = 5;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const cstr = (s: string) => {
  const b = enc.encode(s);
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
};
const int16 = (n: number) => new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n);
  return b;
};
const concat = (parts: Uint8Array[]) => message('\0', parts).subarray(5);
const SYNC = message('S', []);

function bind(name: string, values: (string | null)[]): Uint8Array {
  const parts: Uint8Array[] = [cstr(''), cstr(name), int16(0), int16(values.length)];
  for (const v of values) {
    if (v === null) parts.push(int32(-1));
    else {
      const b = enc.encode(v);
      parts.push(int32(b.length), b);
    }
  }
  parts.push(int16(0)); // results in text, as PGlite's own query
  return message('B', parts);
}

async function describe(pg: PGlite, name: string, text: string): Promise<Statement> {
  const r = await pg.execProtocol(concat([message('P', [cstr(name), cstr(text), int16(0)]), message('D', [enc.encode('S'), cstr(name)]), SYNC]), {});
  const msgs = r.messages as unknown as Message[];
  const params = msgs.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [];
  const row = msgs.find((m) => m.name === 'rowDescription');
  const fields = ((row?.fields ?? []) as { name: string; dataTypeID: number }[]).map((f) => ({ name: f.name, oid: f.dataTypeID }));
  return { params, fields };
}

/** Runs `text` as the named statement `name` of this PGlite session (prepared on first use). */
export async function queryPrepared<R>(pg: PGlite, name: string, text: string, params: readonly unknown[]): Promise<{ rows: R[]; command?: string; affectedRows?: number }> {
  try {
    return await run<R>(pg, name, text, params);
  } catch (e) {
    // a column added to a table under `select *` (a migration while running): prepare it afresh, once
    if (!(e instanceof Error && /cached plan must not change result type/.test(e.message))) throw e;
    await pg.runExclusive(() => pg.execProtocol(concat([message('C', [enc.encode('S'), cstr(name)]), SYNC]), {}));
    statements.get(pg)?.delete(name);
    return run<R>(pg, name, text, params);
  }
}

function run<R>(pg: PGlite, name: string, text: string, params: readonly unknown[]): Promise<{ rows: R[]; command?: string; affectedRows?: number }> {
  return pg.runExclusive(async () => {
    let mine = statements.get(pg);
    if (!mine) statements.set(pg, (mine = new Map()));
    let st = mine.get(name);
    if (!st) mine.set(name, (st = await describe(pg, name, text)));
    const serializers = pg.serializers as Record<number, ((v: unknown) => string) | undefined>;
    const values = params.map((v, i) => (v === null || v === undefined ? null : (serializers[st.params[i]]?.(v) ?? String(v))));
    const r = await pg.execProtocol(concat([bind(name, values), message('E', [cstr(''), int32(0)]), SYNC]), {});
    const parsers = pg.parsers as Record<number, ((v: string, oid: number) => unknown) | undefined>;
    const rows: R[] = [];
    let command: string | undefined;
    for (const m of r.messages as unknown as Message[]) {
      if (m.name === 'dataRow') {
        const o: Record<string, unknown> = {};
        const cells = m.fields as (string | null)[];
        st.fields.forEach((f, i) => {
          const v = cells[i];
          o[f.name] = v === null ? null : parsers[f.oid] ? parsers[f.oid]!(v, f.oid) : v;
        });
        rows.push(o as R);
      } else if (m.name === 'commandComplete') command = m.text?.split(' ')[0];
    }
    return { rows, command };
  });
}
