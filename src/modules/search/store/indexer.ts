/**
 * Keeps the search index (search_docs, search_terms) equal to what is published.
 *
 * Only published 主动公开 documents (解读 included) are indexed (条例 第十三条: what is disclosed
 * proactively is what the public may search; 依申请公开 and 不予公开 items never are). Three
 * paths keep it current:
 *  1. `onDocumentsChanged` (after commit) → `indexDocuments(ids)` at once (jobs.ts wires it);
 *  2. the catch-up job every few seconds → `catchUp`: documents whose updated_at moved past the
 *     watermark and whose row is missing, stale or no longer public (another process, an import,
 *     a scheduled publication);
 *  3. the same job → `reconcileSlice`: walks all ids a slice per tick and fixes anything else
 *     (deleted documents, changed attachments, a unit moved in the tree, a long transaction
 *     that committed behind the watermark).
 * Query time also joins the live documents status (query.ts), so a withdrawn document is gone
 * from results before any of this runs.
 *
 * Writes hold a transaction-level advisory lock, so concurrent indexers (several web nodes, the
 * job) never double-count a term. `search_terms.df` is kept by deltas: −1 for each lexeme of
 * the replaced row, +1 for each of the new one.
 */
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type DbOrTx, type Tx } from '../../../core/db/index.ts';
import { docNumberSearchKey } from '../../documents/domain/docnumber.ts';
import { attachmentTexts, type ExtractOptions } from './extract.ts';
import { buildSearchVectors, TOTAL_KEY, type IndexSource, type SearchVector } from '../domain/vector.ts';

/** pg_advisory_xact_lock key of index writes ('search' in hex-ish). */
const INDEX_LOCK = 0x5ea4c4;
const BATCH = 200;

export interface IndexOptions extends ExtractOptions {
  /** documents per transaction (default 200) */
  batch?: number;
}

export interface PreparedDoc {
  docId: number;
  unitId: number;
  unitPath: string;
  sortDate: string;
  /** timestamps as PostgreSQL text, so microseconds survive the round trip */
  publishedAt: string;
  writtenDate: string | null;
  docNumberKey: string | null;
  updatedAt: string;
  attachSig: string;
  vector: SearchVector;
}

interface SourceRow {
  id: number;
  unit_id: number;
  path: string;
  title: string;
  summary: string | null;
  keywords: string[] | null;
  doc_number: string | null;
  body_text: string;
  publish_date: string | null;
  published_at: string;
  published_day: string;
  written_date: string | null;
  doc_type: string | null;
  validity: string | null;
  topic_code: string | null;
  updated_at: string;
  attach_sig: string;
}

async function idLists(db: DbOrTx, query: ReturnType<typeof sql<{ document_id: number; id: number }>>): Promise<Map<number, number[]>> {
  const m = new Map<number, number[]>();
  for (const r of (await query.execute(db)).rows) {
    const l = m.get(r.document_id) ?? [];
    l.push(r.id);
    m.set(r.document_id, l);
  }
  return m;
}

/** Everything indexed about the given documents that are published 主动公开 (others are skipped). */
export async function loadSources(db: DbOrTx, ids: readonly number[], o: ExtractOptions = {}): Promise<PreparedDoc[]> {
  if (ids.length === 0) return [];
  const list = sql.join(ids);
  const rows = (await sql<SourceRow>`
    select d.id, d.unit_id, u.path, d.title, d.summary, d.keywords, d.doc_number, d.body_text, d.publish_date,
           d.published_at::text as published_at, to_char(d.published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as published_day,
           d.written_date, d.doc_type, d.validity, d.topic_code, d.updated_at::text as updated_at,
           (select count(*) || ':' || coalesce(max(a.id), 0) from document_attachments a where a.document_id = d.id) as attach_sig
    from documents d join units u on u.id = d.unit_id
    where d.id in (${list}) and d.status = 'published' and d.disclosure = 'proactive' and d.published_at is not null`.execute(db)).rows;
  if (rows.length === 0) return [];
  const found = sql.join(rows.map((r) => r.id));
  const issuerRows = (await sql<{ document_id: number; unit_id: number | null; name: string }>`
    select document_id, unit_id, name from document_issuers where document_id in (${found}) order by document_id, position`.execute(db)).rows;
  const issuers = new Map<number, { unitId: number | null; name: string }[]>();
  for (const r of issuerRows) {
    const l = issuers.get(r.document_id) ?? [];
    l.push({ unitId: r.unit_id, name: r.name });
    issuers.set(r.document_id, l);
  }
  // A document filed under a sub-column is found when its parent column is chosen too.
  const columns = await idLists(db, sql<{ document_id: number; id: number }>`
    with recursive up(document_id, id) as (
      select document_id, column_id from document_columns where document_id in (${found})
      union
      select up.document_id, c.parent_id from up join doc_columns c on c.id = up.id where c.parent_id is not null
    ) select document_id, id from up`);
  const topics = await idLists(db, sql<{ document_id: number; id: number }>`
    with recursive up(document_id, id) as (
      select document_id, topic_id from document_topics where document_id in (${found})
      union
      select up.document_id, t.parent_id from up join doc_topics t on t.id = up.id where t.parent_id is not null
    ) select document_id, id from up`);
  const attachments = await attachmentTexts(db, rows.map((r) => r.id), o);
  const sources = rows.map((r): IndexSource => ({
    docId: r.id,
    unitId: r.unit_id,
    unitPath: r.path,
    title: r.title,
    summary: r.summary,
    keywords: r.keywords ?? [],
    docNumber: r.doc_number,
    issuers: issuers.get(r.id) ?? [],
    body: r.body_text ?? '',
    attachments: attachments.get(r.id) ?? [],
    publishDate: r.publish_date ?? r.published_day,
    writtenDate: r.written_date,
    docType: r.doc_type,
    validity: r.validity,
    topicCode: r.topic_code,
    columnIds: columns.get(r.id) ?? [],
    topicIds: topics.get(r.id) ?? [],
  }));
  const vectors = buildSearchVectors(sources);
  return rows.map((r, i) => {
    const source = sources[i];
    return {
      docId: r.id,
      unitId: r.unit_id,
      unitPath: r.path,
      sortDate: source.publishDate!,
      publishedAt: r.published_at,
      writtenDate: r.written_date,
      docNumberKey: r.doc_number ? docNumberSearchKey(r.doc_number) || null : null,
      updatedAt: r.updated_at,
      attachSig: r.attach_sig,
      vector: vectors[i],
    };
  });
}

/** The SQL row of a prepared document; `doc_tsv` and `head_tsv` are combined by PostgreSQL. */
function valuesRow(p: PreparedDoc) {
  const v = p.vector;
  return sql`(${p.docId}::int, ${p.unitId}::int, ${p.unitPath}, ${p.sortDate}::date, ${p.publishedAt}::timestamptz, ${p.writtenDate}::date,
    ${p.docNumberKey}, ${v.title}::tsvector, ${v.titleMarks}::tsvector, ${v.quoted}::tsvector, ${v.quotedMarks}::tsvector, ${v.head}::tsvector, ${v.body}::tsvector,
    ${v.attachments}::tsvector, ${v.facets}::tsvector, ${p.updatedAt}::timestamptz, ${p.attachSig})`;
}

/** Insert rows (the caller removed any previous row of these documents). */
export async function insertRows(db: DbOrTx, docs: readonly PreparedDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const chunk = docs.slice(i, i + BATCH);
    // Weights: title A (words and title marks), words the title quotes from another document's
    // title B (their marks A: still title words; vector.ts splitTitle), summary/keywords/文号/发文机关 B, body C,
    // attachments D (the default); facets carry no position. `||` shifts positions past the
    // left side, so a phrase stays inside its field.
    await sql`
      insert into search_docs (doc_id, unit_id, unit_path, sort_date, published_at, written_date, doc_number_key,
                               doc_tsv, head_tsv, source_updated_at, attach_sig, indexed_at)
      select v.doc_id, v.unit_id, v.unit_path, v.sort_date, v.published_at, v.written_date, v.doc_number_key,
             setweight(v.t, 'A') || setweight(v.tm, 'A') || setweight(v.q, 'B') || setweight(v.qm, 'A') || setweight(v.h, 'B') || setweight(v.b, 'C') || v.a || v.f,
             setweight(v.t, 'A') || setweight(v.q, 'B') || setweight(v.h, 'B'),
             v.updated_at, v.attach_sig, now()
      from (values ${sql.join(chunk.map(valuesRow))})
        as v(doc_id, unit_id, unit_path, sort_date, published_at, written_date, doc_number_key, t, tm, q, qm, h, b, a, f, updated_at, attach_sig)`.execute(db);
  }
}

/** Add `delta` to the document frequencies (rows reaching 0 are removed). */
export async function applyTermDeltas(db: DbOrTx, delta: ReadonlyMap<string, number>): Promise<void> {
  const entries = [...delta].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += 2000) {
    const chunk = entries.slice(i, i + 2000);
    await sql`
      insert into search_terms (lexeme, df)
      select l, d from (values ${sql.join(chunk.map(([l, d]) => sql`(${l}::text, ${d}::int)`))}) as v(l, d)
      on conflict (lexeme) do update set df = search_terms.df + excluded.df`.execute(db);
  }
  const dropped = entries.filter(([, d]) => d < 0).map(([l]) => l);
  for (let i = 0; i < dropped.length; i += 2000) {
    await sql`delete from search_terms where df <= 0 and lexeme in (${sql.join(dropped.slice(i, i + 2000))})`.execute(db);
  }
}

/** Replace the index rows of `ids`: prepared documents are (re)inserted, the others removed.
 * Returns the ids that had a row. */
async function writeIndex(tx: Tx, ids: readonly number[], prepared: readonly PreparedDoc[]): Promise<number[]> {
  await sql`select pg_advisory_xact_lock(${INDEX_LOCK})`.execute(tx);
  const list = sql.join(ids);
  const old = (await sql<{ doc_id: number; lexemes: string[] }>`
    select doc_id, tsvector_to_array(doc_tsv) as lexemes from search_docs where doc_id in (${list})`.execute(tx)).rows;
  const delta = new Map<string, number>();
  const add = (l: string, d: number) => delta.set(l, (delta.get(l) ?? 0) + d);
  for (const r of old) {
    add(TOTAL_KEY, -1);
    for (const l of r.lexemes) add(l, -1);
  }
  for (const p of prepared) {
    add(TOTAL_KEY, 1);
    for (const l of p.vector.lexemes) add(l, 1);
  }
  await sql`delete from search_docs where doc_id in (${list})`.execute(tx);
  await insertRows(tx, prepared);
  await applyTermDeltas(tx, delta);
  return old.map((r) => r.doc_id);
}

export interface IndexResult {
  indexed: number;
  removed: number;
}

/**
 * (Re)index these documents now: published 主动公开 ones are written, any other (withdrawn,
 * draft, 依申请公开, deleted) is removed from the index.
 */
export async function indexDocuments(db: Db, ids: readonly number[], o: IndexOptions = {}): Promise<IndexResult> {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648))];
  const result: IndexResult = { indexed: 0, removed: 0 };
  const size = o.batch ?? BATCH;
  for (let i = 0; i < unique.length; i += size) {
    const chunk = unique.slice(i, i + size);
    // Reading and analysing happen outside the transaction; if the document changes meanwhile,
    // its updated_at moves and the catch-up job indexes it again.
    const prepared = await loadSources(db, chunk, o);
    const had = await inTransaction(db, (tx) => writeIndex(tx, chunk, prepared));
    const kept = new Set(prepared.map((p) => p.docId));
    result.indexed += prepared.length;
    result.removed += had.filter((id) => !kept.has(id)).length;
  }
  return result;
}

// --- catching up ---------------------------------------------------------------------------------

async function getState(db: DbOrTx, key: string): Promise<string | null> {
  const r = await db.selectFrom('search_state').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

async function setState(db: DbOrTx, key: string, value: string): Promise<void> {
  await sql`insert into search_state (key, value, updated_at) values (${key}, ${value}, now())
            on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(db);
}

const STATUSES = ['draft', 'submitted', 'reviewed', 'scheduled', 'published', 'withdrawn'];

export interface CatchUpOptions extends IndexOptions {
  /** documents examined per query (default 500) */
  limit?: number;
  /** re-examine changes this far behind the watermark: a transaction that committed late (default 60 s) */
  overlapMs?: number;
  /** stop after this many queries; the next run continues (default 20) */
  maxRounds?: number;
}

/**
 * Index what changed since the watermark (documents.updated_at) and is not yet in the index as
 * it is now. Returns what it did; cheap when nothing changed (one index range scan).
 */
export async function catchUp(db: Db, o: CatchUpOptions = {}): Promise<IndexResult> {
  const limit = o.limit ?? 500;
  const overlap = Math.max(0, Math.round((o.overlapMs ?? 60_000) / 1000));
  const mark = (await getState(db, 'watermark')) ?? '-infinity';
  const units = (await db.selectFrom('units').select('id').execute()).map((u) => u.id);
  const result: IndexResult = { indexed: 0, removed: 0 };
  if (units.length === 0) return result;
  let cursor: { at: string; id: number } | null = null;
  for (let round = 0; round < (o.maxRounds ?? 20); round++) {
    const at: { at: string; id: number } | null = cursor;
    const since: RawBuilder<unknown> = at
      ? sql`d.updated_at >= ${at.at}::timestamptz and (d.updated_at > ${at.at}::timestamptz or d.id > ${at.id})`
      : sql`d.updated_at >= ${mark}::timestamptz - make_interval(secs => ${overlap})`;
    // unit_id and status lists let PostgreSQL walk documents_unit_status_idx (unit, status, updated_at).
    const rows: { id: number; at: string; stale: boolean }[] = (await sql<{ id: number; at: string; stale: boolean }>`
      select d.id, d.updated_at::text as at,
             case when d.status = 'published' and d.disclosure = 'proactive'
                  then s.doc_id is null or s.source_updated_at is distinct from d.updated_at
                  else s.doc_id is not null end as stale
      from documents d left join search_docs s on s.doc_id = d.id
      where d.unit_id in (${sql.join(units)}) and d.status in (${sql.join(STATUSES)}) and ${since}
      order by d.updated_at, d.id
      limit ${limit}`.execute(db)).rows;
    const stale = rows.filter((r) => r.stale).map((r) => r.id);
    if (stale.length) {
      const r = await indexDocuments(db, stale, o);
      result.indexed += r.indexed;
      result.removed += r.removed;
    }
    if (rows.length) cursor = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
    if (rows.length < limit) break;
  }
  // Never moves back (two runs at once on different nodes: the later of the two wins).
  if (cursor) await sql`
    insert into search_state (key, value, updated_at) values ('watermark', ${cursor.at}, now())
    on conflict (key) do update set updated_at = now(),
      value = case when search_state.value::timestamptz < excluded.value::timestamptz then excluded.value else search_state.value end`.execute(db);
  return result;
}

/**
 * Compare one slice of ids with the index and fix every difference; the cursor moves on and
 * wraps, so the whole index is checked every (documents ÷ size) runs.
 */
export async function reconcileSlice(db: Db, o: IndexOptions & { size?: number } = {}): Promise<IndexResult & { cursor: number }> {
  const size = o.size ?? 2000;
  const from = Number((await getState(db, 'reconcile_cursor')) ?? '0') || 0;
  const to = from + size;
  const rows = (await sql<{ id: number }>`
    select coalesce(d.id, s.doc_id) as id
    from (select * from documents where id >= ${from} and id < ${to}) d
    left join units u on u.id = d.unit_id
    full join (select doc_id, source_updated_at, attach_sig, unit_path from search_docs where doc_id >= ${from} and doc_id < ${to}) s on s.doc_id = d.id
    where case when d.id is not null and d.status = 'published' and d.disclosure = 'proactive'
               then s.doc_id is null or s.source_updated_at is distinct from d.updated_at or s.unit_path is distinct from u.path
                    or s.attach_sig is distinct from (select count(*) || ':' || coalesce(max(a.id), 0) from document_attachments a where a.document_id = d.id)
               else s.doc_id is not null end`.execute(db)).rows;
  const r = rows.length ? await indexDocuments(db, rows.map((x) => x.id), o) : { indexed: 0, removed: 0 };
  const max = (await sql<{ m: number | null }>`select greatest((select max(id) from documents), (select max(doc_id) from search_docs)) as m`.execute(db)).rows[0]?.m ?? 0;
  const next = to > (max ?? 0) ? 0 : to;
  await setState(db, 'reconcile_cursor', String(next));
  return { ...r, cursor: next };
}

// --- full rebuild --------------------------------------------------------------------------------

export interface RebuildOptions extends ExtractOptions {
  /** documents per batch (default 1000) */
  batch?: number;
  onProgress?: (done: number) => void;
}

/**
 * Rebuild the whole index from the documents tables: empty it, drop the GIN index, insert every
 * published 主动公开 document in id batches, write the term counts once at the end, and build
 * the GIN index in one pass (much faster than maintaining it row by row). Search is empty while
 * it runs. It holds the indexing lock (at session level, on one connection) throughout, so the
 * catch-up job and change events wait and then see the rebuilt rows — no row twice, no term
 * counted twice.
 */
export async function rebuildIndex(db: Db, o: RebuildOptions = {}): Promise<{ documents: number; ms: number }> {
  const t0 = performance.now();
  const batch = o.batch ?? 1000;
  const done = await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${INDEX_LOCK})`.execute(conn);
    try {
      await sql`truncate search_docs, search_terms`.execute(conn);
      await sql`drop index if exists search_docs_tsv_idx`.execute(conn);
      const df = new Map<string, number>();
      let lastId = 0;
      let n = 0;
      for (;;) {
        const ids = (await sql<{ id: number }>`
          select id from documents where id > ${lastId} and status = 'published' and disclosure = 'proactive'
          order by id limit ${batch}`.execute(conn)).rows.map((r) => r.id);
        if (ids.length === 0) break;
        lastId = ids[ids.length - 1];
        const prepared = await loadSources(conn, ids, o);
        await insertRows(conn, prepared);
        for (const p of prepared) for (const l of p.vector.lexemes) df.set(l, (df.get(l) ?? 0) + 1);
        df.set(TOTAL_KEY, (df.get(TOTAL_KEY) ?? 0) + prepared.length);
        n += prepared.length;
        o.onProgress?.(n);
      }
      await applyTermDeltas(conn, df);
      await conn.transaction().execute(async (tx) => {
        // A GIN build sorts its entries in memory; the default 64 MB makes it spill and crawl.
        await sql`set local maintenance_work_mem = '512MB'`.execute(tx);
        await sql`create index search_docs_tsv_idx on search_docs using gin (doc_tsv)`.execute(tx);
      });
      await sql`analyze search_docs`.execute(conn);
      return n;
    } finally {
      await sql`select pg_advisory_unlock(${INDEX_LOCK})`.execute(conn);
    }
  });
  return { documents: done, ms: performance.now() - t0 };
}
