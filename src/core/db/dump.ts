/**
 * A logical dump of gongkai's own schema, the same on PGlite and PostgreSQL (backup.ts uses it):
 * every table's rows as PostgreSQL's own row text (`t::text`, each column through its type's
 * output function, which its input function reads back exactly: jsonb, bytea, tsvector, arrays,
 * timestamps, numerics), one JSON string per line, in primary-key order; and each sequence's
 * position. Reading happens in one REPEATABLE READ, READ ONLY transaction, so the dump is one
 * consistent snapshot even while the server writes (on the embedded database the socket relay
 * holds the session for that transaction: the server waits the seconds it takes).
 *
 * Why not pg_dump: the embedded database is PostgreSQL 18 (PGlite) and the machine's client
 * tools are older (Debian 12: 15), pg_dump refuses a newer server; and one format for both kinds
 * lets an installation move from the embedded database to PostgreSQL by backup and restore.
 *
 * Loading: the target schema is created by our migrations up to the backup's last migration
 * (so columns match exactly), tables are filled parents first (foreign keys), self references
 * (units.parent_id, documents.interprets_id …) are set in a second pass, sequences are set, and
 * the remaining migrations of this version run on top. No superuser rights are needed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Session and throttling state, scheduling and Kysely's own bookkeeping are not data. */
export const NOT_DUMPED = new Set(['kysely_migration', 'kysely_migration_lock', 'sessions', 'login_attempts', 'job_runs']);

export interface TablePart {
  name: string;
  rows: number;
  file: string;
  sha256: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function tablesOf(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  return rows.map((r) => r.name).filter((n) => !NOT_DUMPED.has(n));
}

async function primaryKey(db: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ col: string }>`
    select a.attname as col from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = (current_schema() || '.' || ${ident(table)})::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return rows.map((r) => r.col);
}

async function sequencesOf(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S' order by c.relname`.execute(db);
  return rows.map((r) => r.name);
}

const BATCH = 2000;

/** Writes db/<table>.jsonl and db/sequences.json under `dir`; `db` should be a snapshot transaction. */
export async function dumpSchema(db: AnyDb, dir: string): Promise<{ tables: TablePart[]; sequences: { file: string; sha256: string } }> {
  const tables: TablePart[] = [];
  for (const name of await tablesOf(db)) {
    const pk = await primaryKey(db, name);
    const file = `db/${name}.jsonl`;
    const out = createWriteStream(join(dir, file));
    const hash = createHash('sha256');
    let rows = 0;
    let last: string | null = null;
    const t = ident(name);
    const order = sql.raw(pk.length ? pk.map((c) => `t.${ident(c)}`).join(', ') : 't::text');
    for (;;) {
      const after: RawBuilder<unknown> = last === null || !pk.length
        ? sql``
        : sql`where (${sql.raw(pk.map((c) => `t.${ident(c)}`).join(', '))}) > (${sql.join(pk.map((c) => sql`(${last}::${sql.raw(t)}).${sql.raw(ident(c))}`))})`;
      const page = pk.length ? sql`limit ${BATCH}` : sql``;
      const { rows: batch }: { rows: { r: string }[] } = await sql<{ r: string }>`select t::text as r from ${sql.raw(t)} t ${after} order by ${order} ${page}`.execute(db);
      for (const row of batch) {
        const line = JSON.stringify(row.r) + '\n';
        hash.update(line);
        if (!out.write(line)) await once(out, 'drain');
      }
      rows += batch.length;
      if (!pk.length || batch.length < BATCH) break;
      last = batch[batch.length - 1].r;
    }
    out.end();
    await once(out, 'finish');
    tables.push({ name, rows, file, sha256: hash.digest('hex') });
  }
  const seqs: Record<string, { last_value: string; is_called: boolean }> = {};
  for (const s of await sequencesOf(db)) {
    const { rows } = await sql<{ last_value: string; is_called: boolean }>`select last_value::text as last_value, is_called from ${sql.raw(ident(s))}`.execute(db);
    seqs[s] = rows[0];
  }
  const seqText = JSON.stringify(seqs, null, 1);
  const seqFile = 'db/sequences.json';
  writeFileSync(join(dir, seqFile), seqText);
  return { tables, sequences: { file: seqFile, sha256: createHash('sha256').update(seqText).digest('hex') } };
}

/** Tables in an order where every referenced table comes before the tables referencing it. */
async function loadOrder(db: AnyDb, names: string[]): Promise<{ order: string[]; selfRefs: Map<string, string[]> }> {
  const { rows } = await sql<{ t: string; r: string; cols: string[] }>`
    select c.conrelid::regclass::text as t, c.confrelid::regclass::text as r,
      array(select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any(c.conkey))::text[] as cols
    from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
  const strip = (s: string) => s.replace(/^.*\./, '').replace(/^"|"$/g, '');
  const deps = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  const selfRefs = new Map<string, string[]>();
  for (const fk of rows) {
    const t = strip(fk.t);
    const r = strip(fk.r);
    if (t === r) selfRefs.set(t, [...(selfRefs.get(t) ?? []), ...fk.cols]);
    else deps.get(t)?.add(r);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (seen.has(n)) return;
    if (path.has(n)) throw new Error(`foreign keys form a cycle through ${n}`);
    path.add(n);
    for (const d of deps.get(n) ?? []) if (deps.has(d)) visit(d, path);
    path.delete(n);
    seen.add(n);
    order.push(n);
  };
  for (const n of names) visit(n, new Set());
  return { order, selfRefs };
}

async function columnsOf(db: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ col: string }>`
    select attname as col from pg_attribute
    where attrelid = (current_schema() || '.' || ${ident(table)})::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  return rows.map((r) => r.col);
}

async function* batches(path: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let batch: string[] = [];
  let bytes = 0;
  for await (const line of lines) {
    if (!line) continue;
    const r = JSON.parse(line) as string;
    batch.push(r);
    bytes += r.length;
    if (batch.length >= 500 || bytes > 8 << 20) {
      yield batch;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) yield batch;
}

/** Loads a dump into an empty schema at the dump's migration level (inside the caller's transaction). */
export async function loadSchema(db: AnyDb, dir: string, parts: { tables: TablePart[]; sequences: { file: string } }): Promise<number> {
  const present = new Set(await tablesOf(db));
  for (const t of parts.tables) if (!present.has(t.name)) throw new Error(`table ${t.name} of the backup does not exist in the restored schema`);
  const { order, selfRefs } = await loadOrder(db, parts.tables.map((t) => t.name));
  // A restore puts rows back verbatim: the tables' own triggers (the audit log's append-only and
  // forward-only head guards, timestamps) stay off while it runs, inside the caller's transaction,
  // and are switched back on before it commits. Foreign keys (system triggers) stay checked.
  const guarded = (await sql<{ name: string }>`
    select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
    where not g.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(db)).rows.map((r) => r.name).filter((n) => present.has(n));
  for (const name of guarded) await sql`alter table ${sql.raw(ident(name))} disable trigger user`.execute(db);
  // rows the migrations themselves inserted (default settings …) are in the dump as they were then
  await sql`truncate ${sql.join(parts.tables.map((t) => sql.raw(ident(t.name))))} cascade`.execute(db);
  const byName = new Map(parts.tables.map((t) => [t.name, t]));
  let total = 0;
  for (const name of order) {
    const part = byName.get(name)!;
    const t = sql.raw(ident(name));
    const cols = await columnsOf(db, name);
    const later = new Set(selfRefs.get(name) ?? []);
    const pk = await primaryKey(db, name);
    const list = sql.raw(cols.map(ident).join(', '));
    const values = sql.raw(cols.map((c) => (later.has(c) ? 'null' : `(s.x).${ident(c)}`)).join(', '));
    for await (const rows of batches(join(dir, part.file))) {
      await sql`insert into ${t} (${list}) select ${values} from (select u.r::${t} as x from unnest(${rows}::text[]) as u(r)) s`.execute(db);
      if (later.size) {
        const set = sql.raw([...later].map((c) => `${ident(c)} = (s.x).${ident(c)}`).join(', '));
        const match = sql.raw(pk.map((c) => `d.${ident(c)} = (s.x).${ident(c)}`).join(' and '));
        const any = sql.raw([...later].map((c) => `(s.x).${ident(c)} is not null`).join(' or '));
        await sql`update ${t} as d set ${set} from (select u.r::${t} as x from unnest(${rows}::text[]) as u(r)) s where ${match} and (${any})`.execute(db);
      }
      total += rows.length;
    }
  }
  const seqs = JSON.parse(readFileSync(join(dir, parts.sequences.file), 'utf8')) as Record<string, { last_value: string; is_called: boolean }>;
  for (const [name, v] of Object.entries(seqs)) {
    await sql`select setval((current_schema() || '.' || ${ident(name)})::regclass, ${v.last_value}::bigint, ${v.is_called})`.execute(db);
  }
  for (const name of guarded) await sql`alter table ${sql.raw(ident(name))} enable trigger user`.execute(db);
  return total;
}

/** Whether the current schema holds any table (a restore target must be empty, unless --force). */
export async function schemaTables(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') order by 1`.execute(db);
  return rows.map((r) => r.name);
}
