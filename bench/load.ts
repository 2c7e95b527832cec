/**
 * Bulk-loads the synthetic corpus (documents/demo/corpus.ts) for the benchmarks: the demo units (with
 * their standard columns), the 专题 topics, then documents, issuers, column and topic links in
 * multi-row `insert … select from unnest(…)` batches — one statement per few thousand rows, the
 * same SQL on PostgreSQL and PGlite. It skips the importer's validation and sanitising (the
 * corpus is ours and well-formed) so a million documents load in minutes, not hours.
 */
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../src/core/db/index.ts';
import { inTransaction } from '../src/core/db/index.ts';
import { systemContext } from '../src/core/commands/context.ts';
import { createUnit } from '../src/modules/units/commands.ts';
import { DEMO_UNITS, demoUnitFields } from '../src/modules/units/demo.ts';
import { ensureTopics } from '../src/modules/documents/store/columns.ts';
import { synthesizeDocumentsIter } from '../src/modules/documents/demo/corpus.ts';
import type { CorpusUnit } from '../src/modules/documents/demo/corpus-parts.ts';
import type { ImportRecord } from '../src/modules/documents/store/importer.ts';

export interface LoadResult {
  documents: number;
  published: number;
  seconds: number;
}

/** The demo city's units and topics; returns the corpus' view of the units. */
export async function loadUnits(db: Db): Promise<CorpusUnit[]> {
  const ctx = systemContext('bench');
  const codes: Record<string, string> = {};
  for (const [i, u] of DEMO_UNITS.entries()) {
    const f = demoUnitFields(u, i);
    await createUnit(db, ctx, { ...f, parent_code: u.parent ? codes[u.parent] : null });
    codes[u.key] = f.code;
  }
  await inTransaction(db, (tx) => ensureTopics(tx));
  return DEMO_UNITS.map((u, i) => ({ code: demoUnitFields(u, i).code, name: u.name, shortName: u.short, type: u.type, key: u.key }));
}

const SEP = '\u001f';
const stripTags = (html: string) => html.replace(/<\/(p|h\d|li|tr)>/g, '\n').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Column order of the unnest; each entry: [column, SQL array type].
const DOC_COLS: [string, string][] = [
  ['id', 'int'], ['unit_id', 'int'], ['index_no', 'text'], ['index_year', 'int'], ['index_serial', 'int'], ['external_id', 'text'], ['title', 'text'],
  ['summary', 'text'], ['doc_number', 'text'], ['doc_type', 'text'], ['legal_form', 'text'], ['normative_reg_no', 'text'], ['written_date', 'date'],
  ['publish_date', 'date'], ['effective_date', 'date'], ['expiry_date', 'date'], ['topic_code', 'text'], ['validity', 'text'], ['keywords', 'text'],
  ['source', 'text'], ['disclosure', 'text'], ['disclosure_reason', 'text'], ['interprets_id', 'int'], ['amended_by_id', 'int'], ['repealed_by_id', 'int'],
  ['interpretation_kind', 'text'], ['body_html', 'text'], ['body_text', 'text'], ['status', 'text'], ['version', 'int'], ['published_at', 'timestamptz'],
  ['withdrawn_at', 'timestamptz'], ['withdrawal_reason', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

type Cell = string | number | null;

async function insertDocuments(db: DbOrTx, rows: Cell[][]): Promise<void> {
  if (!rows.length) return;
  const arrays = DOC_COLS.map((_, i) => rows.map((r) => r[i]));
  const names = sql.raw(DOC_COLS.map(([c]) => c).join(', '));
  const params = sql.join(DOC_COLS.map(([, ty], i) => sql`${arrays[i]}::${sql.raw(ty === 'date' || ty === 'timestamptz' ? 'text' : ty)}[]`));
  const select = sql.raw(DOC_COLS.map(([c, ty]) => (c === 'keywords' ? `coalesce(string_to_array(t.keywords, E'\\x1f'), '{}')` : ty === 'date' ? `t.${c}::date` : ty === 'timestamptz' ? `t.${c}::timestamptz` : `t.${c}`)).join(', '));
  await sql`insert into documents (${names}) select ${select} from unnest(${params}) as t(${names})`.execute(db);
}

async function insertPairs(db: DbOrTx, table: 'document_columns' | 'document_topics', col: 'column_id' | 'topic_id', pairs: [number, number][]): Promise<void> {
  if (!pairs.length) return;
  await sql`insert into ${sql.table(table)} (document_id, ${sql.ref(col)}) select * from unnest(${pairs.map((p) => p[0])}::int[], ${pairs.map((p) => p[1])}::int[]) on conflict do nothing`.execute(db);
}

async function insertIssuers(db: DbOrTx, rows: [number, number, number | null, string][]): Promise<void> {
  if (!rows.length) return;
  await sql`insert into document_issuers (document_id, position, unit_id, name)
    select * from unnest(${rows.map((r) => r[0])}::int[], ${rows.map((r) => r[1])}::int[], ${rows.map((r) => r[2])}::int[], ${rows.map((r) => r[3])}::text[])`.execute(db);
}

/** Loads `n` synthetic documents spread over 2016–2024; `onProgress` gets the running count. */
export async function loadCorpus(db: Db, units: CorpusUnit[], n: number, o: { seed?: number; batch?: number; onProgress?: (done: number) => void } = {}): Promise<LoadResult> {
  const started = Date.now();
  const batch = o.batch ?? 2000;
  const unitRows = await db.selectFrom('units').select(['id', 'code', 'name']).execute();
  const unitByCode = new Map(unitRows.map((u) => [u.code, u]));
  const cols = await db.selectFrom('doc_columns').select(['id', 'unit_id', 'slug']).execute();
  const colId = new Map(cols.map((c) => [`${c.unit_id}|${c.slug}`, c.id]));
  const topics = await db.selectFrom('doc_topics').select(['id', 'key']).execute();
  const topicId = new Map(topics.map((x) => [x.key, x.id]));
  const byIndex = new Map<string, number>();
  const serials = new Map<string, number>();
  let id = Number((await sql<{ m: number | null }>`select max(id) as m from documents`.execute(db)).rows[0]?.m ?? 0);
  let docs: Cell[][] = [];
  let colPairs: [number, number][] = [];
  let topicPairs: [number, number][] = [];
  let issuers: [number, number, number | null, string][] = [];
  let count = 0;
  let published = 0;

  const flush = async () => {
    await inTransaction(db, async (tx) => {
      await insertDocuments(tx, docs);
      await insertIssuers(tx, issuers);
      await insertPairs(tx, 'document_columns', 'column_id', colPairs);
      await insertPairs(tx, 'document_topics', 'topic_id', topicPairs);
    });
    docs = [];
    colPairs = [];
    topicPairs = [];
    issuers = [];
    o.onProgress?.(count);
  };

  const ref = (v: ImportRecord['interpretationOf']) => (v === null || v === undefined ? null : (byIndex.get(String(v)) ?? null));
  for (const r of synthesizeDocumentsIter(n, units, o.seed ?? 20200825, { years: [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] })) {
    const unit = unitByCode.get(r.unit ?? '');
    if (!unit) continue;
    id++;
    const year = Number((r.writtenDate ?? '2020').slice(0, 4));
    const sk = `${unit.id}|${year}`;
    const serial = (serials.get(sk) ?? 0) + 1;
    serials.set(sk, serial);
    const indexNo = r.indexNo ?? `${unit.code}/${year}-${String(serial).padStart(5, '0')}`;
    byIndex.set(indexNo, id);
    const status = r.status ?? 'published';
    const at = r.publishedAt ?? null;
    const isPublished = status === 'published' || status === 'withdrawn';
    if (status === 'published' && (r.disclosure ?? 'proactive') === 'proactive') published++;
    const keywords = Array.isArray(r.keywords) ? r.keywords : typeof r.keywords === 'string' ? r.keywords.split(/[,，]/) : [];
    const body = r.bodyHtml ?? '';
    docs.push([
      id, unit.id, indexNo, year, serial, r.externalId ?? null, r.title ?? '', r.summary ?? null, r.docNumber ?? null, r.docType ?? null, r.legalForm ?? 'none',
      r.normativeRegNo ?? null, r.writtenDate ?? null, isPublished ? (r.publishDate ?? null) : null, r.effectiveDate ?? null, r.expiryDate ?? null, r.topic ?? null,
      r.validity ?? null, keywords.length ? keywords.join(SEP) : null, r.source ?? null, r.disclosure ?? 'proactive', r.disclosureReason ?? null,
      ref(r.interpretationOf), ref(r.amendedBy), ref(r.repealedBy), r.interpretationKind ?? null, body, stripTags(body), status, isPublished ? 1 : 0,
      isPublished ? at : null, status === 'withdrawn' ? (r.withdrawnAt ?? at) : null, status === 'withdrawn' ? (r.withdrawalReason ?? '撤回') : null,
      at ?? new Date().toISOString(), status === 'withdrawn' ? (r.withdrawnAt ?? at) : (at ?? new Date().toISOString()),
    ]);
    for (const s of r.columns ?? []) {
      const c = colId.get(`${unit.id}|${s}`);
      if (c) colPairs.push([id, c]);
    }
    for (const k of r.topics ?? []) {
      const tId = topicId.get(k);
      if (tId) topicPairs.push([id, tId]);
    }
    (r.issuingUnits?.length ? r.issuingUnits : [unit.code]).forEach((code, pos) => {
      const u = unitByCode.get(code);
      issuers.push([id, pos, u?.id ?? null, u?.name ?? code]);
    });
    count++;
    if (docs.length >= batch) await flush();
  }
  await flush();
  await sql`select setval('documents_id_seq', ${Math.max(id, 1)})`.execute(db);
  await sql`analyze`.execute(db);
  return { documents: count, published, seconds: (Date.now() - started) / 1000 };
}
