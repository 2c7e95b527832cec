/**
 * Published 办事指南, 权责清单 items and 年度报告 in the search (#11 item 8): a side table,
 * `search_items`, beside `search_docs`, with the same kind of weighted vector (vector.ts: title
 * A, title marks, head B, body C, unit and date facets) under its own GIN index.
 *
 * Why a side table rather than rows in search_docs: the documents' statistics (search_terms:
 * document frequencies, the 发布日期 histogram the date windows are cut from, the sampled
 * counts) and the reconciler's id ranges stay exactly what they were, so the documents path runs
 * the same SQL on the same data. These items are few (a unit has tens of guides, a few hundred
 * powers, one report a year), so their query is always read whole: one GIN lookup, newest
 * `ITEM_CAP` matches ranked (README: "Guides, powers, reports").
 *
 * What is indexed: published guides (service_guides.status); the items of each unit's latest
 * published 权责清单 (a newer year replaces the older one in the search; older years stay on the
 * unit's powers page); published annual reports. `syncItems(db, kind, unitIds)` compares what
 * should be indexed with what is (a stamp per item: its source updated_at, the list's, the unit's
 * path) and writes the difference; the publish commands call `publishedChanged` (published.ts),
 * the catch-up job reconciles every kind once a minute, `rebuildItems` starts afresh.
 */
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type DbOrTx } from '../../../core/db/index.ts';
import type { PublishedKind } from '../published.ts';
import { buildSearchVectors, facet, type IndexSource, type SearchVector } from '../domain/vector.ts';
import { TYPE_NAMES } from '../../powers/domain/rules.ts';

export type ItemKind = PublishedKind;
export const ITEM_KINDS: readonly ItemKind[] = ['guide', 'power', 'report'];
export type ResultKind = 'document' | ItemKind;
export const RESULT_KINDS: readonly ResultKind[] = ['document', ...ITEM_KINDS];

/** Matches of the item query ranked at most (newest first beyond). */
export const ITEM_CAP = 2000;
/** Text kept for snippets. */
const TEXT_CHARS = 20_000;

interface ItemSource {
  id: number;
  unit_id: number;
  path: string;
  slug: string;
  unit_name: string;
  stamp: string;
  day: string;
  title: string;
  head: string;
  body: string;
  url: string;
}

const lines = (...xs: Array<string | null | undefined>) => xs.filter((x) => x && x.trim()).join('\n');
const unitScope = (alias: string, unitIds: readonly number[] | null): RawBuilder<unknown> =>
  unitIds ? sql`and ${sql.ref(alias)} in (${sql.join(unitIds.length ? unitIds : [-1])})` : sql``;

/** The stamps of what should be indexed (cheap: no text). */
function desired(kind: ItemKind, unitIds: readonly number[] | null, withText: boolean, ids?: readonly number[]): RawBuilder<ItemSource> {
  const only = (col: string) => (ids ? sql`and ${sql.ref(col)} in (${sql.join(ids.length ? ids : [-1])})` : sql``);
  if (kind === 'guide') {
    return sql<ItemSource>`
      select g.id, g.unit_id, u.path, u.slug, u.name as unit_name, g.updated_at::text || '|' || u.path as stamp,
             to_char(coalesce(g.published_at, g.updated_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
             ${withText ? sql`g.name as title, concat_ws(E'\n', g.office, g.code) as head,
             concat_ws(E'\n', g.basis, g.conditions, g.materials, g.place, g.fees, g.hours, g.time_limit, g.process, g.phone) as body` : sql`'' as title, '' as head, '' as body`},
             '/u/' || u.slug || '/guides/' || g.id as url
      from service_guides g join units u on u.id = g.unit_id
      where g.status = 'published' ${unitScope('g.unit_id', unitIds)} ${only('g.id')}`;
  }
  if (kind === 'power') {
    return sql<ItemSource>`
      select i.id, l.unit_id, u.path, u.slug, u.name as unit_name,
             l.id || ':' || l.updated_at::text || ':' || i.updated_at::text || '|' || u.path as stamp,
             to_char(coalesce(l.published_at, l.updated_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
             ${withText ? sql`i.name as title, concat_ws(E'\n', i.code, i.type, i.subject) as head,
             concat_ws(E'\n', i.basis, i.duties, i.accountability) as body` : sql`'' as title, '' as head, '' as body`},
             '/u/' || u.slug || '/powers/items/' || i.id as url
      from power_lists l join power_items i on i.list_id = l.id join units u on u.id = l.unit_id
      where l.status = 'published' ${unitScope('l.unit_id', unitIds)} ${only('i.id')}
        and l.year = (select max(l2.year) from power_lists l2 where l2.unit_id = l.unit_id and l2.status = 'published')`;
  }
  return sql<ItemSource>`
    select r.id, r.unit_id, u.path, u.slug, u.name as unit_name, r.updated_at::text || '|' || u.path as stamp,
           coalesce(r.published_on::text, to_char(coalesce(r.published_at, r.updated_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')) as day,
           u.name || r.year || '年政府信息公开工作年度报告' || case when r.kind = 'summary' then '（汇总）' else '' end as title,
           '' as head, ${withText ? sql`coalesce(r.narrative::text, '')` : sql`''`} as body,
           '/u/' || u.slug || '/xxgk/nb/' || r.year || '-' || r.kind as url
    from annual_reports r join units u on u.id = r.unit_id
    where r.status = 'published' ${unitScope('r.unit_id', unitIds)} ${only('r.id')}`;
}

/** The narrative is stored as JSON: index its strings, not its keys. */
function jsonStrings(text: string): string {
  if (!text.startsWith('{') && !text.startsWith('[')) return text;
  try {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(text));
    return out.join('\n');
  } catch {
    return '';
  }
}

const typeName = new Map<string, string>(Object.entries(TYPE_NAMES).map(([code, m]) => [code, m.zh]));

function sourceOf(kind: ItemKind, r: ItemSource): { src: IndexSource; text: string } {
  const body = kind === 'report' ? jsonStrings(r.body) : r.body;
  const head = kind === 'power' ? r.head.split('\n').map((x) => typeName.get(x) ?? x).join('\n') : r.head;
  return {
    src: {
      docId: r.id, unitId: r.unit_id, unitPath: r.path, title: r.title, summary: head, keywords: [], docNumber: null, issuers: [],
      body, attachments: [], publishDate: r.day, writtenDate: null, docType: null, validity: null, topicCode: null, columnIds: [], topicIds: [],
    },
    text: lines(head, body).slice(0, TEXT_CHARS),
  };
}

function valuesRow(kind: ItemKind, r: ItemSource, text: string, v: SearchVector) {
  return sql`(${kind}, ${r.id}::int, ${r.unit_id}::int, ${r.path}, ${r.day}::date, ${r.title}, ${text}, ${r.url}, ${r.stamp},
    ${v.title}::tsvector, ${v.titleMarks}::tsvector, ${v.head}::tsvector, ${v.body}::tsvector, ${v.facets}::tsvector)`;
}

async function writeItems(db: DbOrTx, kind: ItemKind, rows: readonly ItemSource[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const built = chunk.map((r) => sourceOf(kind, r));
    const vectors = buildSearchVectors(built.map((b) => b.src));
    await sql`
      insert into search_items (kind, item_id, unit_id, unit_path, sort_date, title, text, url, stamp, tsv, head_tsv, indexed_at)
      select v.kind, v.item_id, v.unit_id, v.unit_path, v.sort_date, v.title, v.text, v.url, v.stamp,
             setweight(v.t, 'A') || setweight(v.tm, 'A') || setweight(v.h, 'B') || setweight(v.b, 'C') || v.f,
             setweight(v.t, 'A') || setweight(v.h, 'B'), now()
      from (values ${sql.join(chunk.map((r, j) => valuesRow(kind, r, built[j].text, vectors[j])))})
        as v(kind, item_id, unit_id, unit_path, sort_date, title, text, url, stamp, t, tm, h, b, f)
      on conflict (kind, item_id) do update set unit_id = excluded.unit_id, unit_path = excluded.unit_path, sort_date = excluded.sort_date,
        title = excluded.title, text = excluded.text, url = excluded.url, stamp = excluded.stamp, tsv = excluded.tsv,
        head_tsv = excluded.head_tsv, indexed_at = excluded.indexed_at`.execute(db);
  }
}

export interface ItemSyncResult {
  indexed: number;
  removed: number;
}

/**
 * Make the index of `kind` (for these units, or all) equal to what is published: items missing or
 * stale are (re)written, items no longer published (withdrawn, a list returned to draft or
 * replaced by a newer year, a report reopened) removed.
 */
export async function syncItems(db: DbOrTx, kind: ItemKind, unitIds: readonly number[] | null = null): Promise<ItemSyncResult> {
  const want = (await desired(kind, unitIds, false).execute(db)).rows;
  const have = (await sql<{ item_id: number; stamp: string }>`
    select item_id, stamp from search_items where kind = ${kind} ${unitScope('unit_id', unitIds)}`.execute(db)).rows;
  const haveStamp = new Map(have.map((h) => [h.item_id, h.stamp]));
  const wantIds = new Set(want.map((w) => w.id));
  const stale = want.filter((w) => haveStamp.get(w.id) !== w.stamp).map((w) => w.id);
  const gone = have.filter((h) => !wantIds.has(h.item_id)).map((h) => h.item_id);
  if (stale.length === 0 && gone.length === 0) return { indexed: 0, removed: 0 };
  const rows = stale.length ? (await desired(kind, unitIds, true, stale).execute(db)).rows : [];
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < gone.length; i += 1000) {
      await sql`delete from search_items where kind = ${kind} and item_id in (${sql.join(gone.slice(i, i + 1000))})`.execute(tx);
    }
    await writeItems(tx, kind, rows);
  });
  return { indexed: rows.length, removed: gone.length };
}

/** Every kind, every unit (the catch-up job, `gongkai search reindex`). */
export async function syncAllItems(db: DbOrTx): Promise<ItemSyncResult> {
  const total = { indexed: 0, removed: 0 };
  for (const k of ITEM_KINDS) {
    const r = await syncItems(db, k);
    total.indexed += r.indexed;
    total.removed += r.removed;
  }
  return total;
}

/** Empty the items index and build it again. */
export async function rebuildItems(db: DbOrTx): Promise<number> {
  await sql`delete from search_items`.execute(db);
  return (await syncAllItems(db)).indexed;
}

// --- querying ------------------------------------------------------------------------------------

export interface ItemCandidate {
  kind: ItemKind;
  id: number;
  rank: number;
  date: string;
  inTitle: boolean;
}

export interface ItemQuery {
  /** tsquery of the words (with exclusions) */
  words: string;
  /** tsquery "the title has every word" */
  titleWords: string;
  /** what ts_rank scores */
  rankQuery: string;
  kinds: readonly ItemKind[];
  unitId?: number;
  subtree?: boolean;
  from?: string;
  to?: string;
  /** ts_rank weights of the title tier (query.ts HEAD_WEIGHTS) */
  headWeights: string;
}

/** Matching items, newest ITEM_CAP ranked: title matches on the head vector (as the documents'
 * title tier), others on the whole vector. `count` is exact. */
export async function searchItems(db: DbOrTx, q: ItemQuery): Promise<{ rows: ItemCandidate[]; count: number }> {
  if (q.kinds.length === 0) return { rows: [], count: 0 };
  const unit = q.unitId ? (q.subtree === false ? facet.unit(q.unitId) : facet.subtree(q.unitId)) : null;
  const match = unit ? `(${q.words}) & '${unit}'` : q.words;
  const r = await sql<{ kind: ItemKind; item_id: number; sort_date: string; in_title: boolean; rank: number; n: number }>`
    select x.kind, x.item_id, x.sort_date::text as sort_date, x.in_title,
           case when x.in_title then ts_rank(${q.headWeights}::float4[], x.head_tsv, ${q.rankQuery}::tsquery, 1)
                else ts_rank(x.tsv, ${q.rankQuery}::tsquery, 1) end as rank, x.n
    from (
      select s.kind, s.item_id, s.sort_date, s.head_tsv, s.tsv, s.tsv @@ ${q.titleWords}::tsquery as in_title, count(*) over () as n
      from search_items s
      where s.tsv @@ ${match}::tsquery ${q.kinds.length < ITEM_KINDS.length ? sql`and s.kind in (${sql.join([...q.kinds])})` : sql``}
        ${q.from ? sql`and s.sort_date >= ${q.from}::date` : sql``} ${q.to ? sql`and s.sort_date <= ${q.to}::date` : sql``}
      order by s.sort_date desc, s.item_id desc
      limit ${ITEM_CAP}
    ) x`.execute(db);
  return {
    rows: r.rows.map((x) => ({ kind: x.kind, id: x.item_id, rank: Number(x.rank), date: String(x.sort_date), inTitle: !!x.in_title })),
    count: r.rows.length ? Number(r.rows[0].n) : 0,
  };
}

export interface ItemDisplay {
  kind: ItemKind;
  id: number;
  title: string;
  text: string;
  url: string;
  date: string;
  unit_id: number;
  unit_slug: string;
  unit_name: string;
}

/** What the page shows of these items — only those still published (the live check). */
export async function itemDisplayRows(db: DbOrTx, keys: readonly { kind: ItemKind; id: number }[]): Promise<Map<string, ItemDisplay>> {
  const out = new Map<string, ItemDisplay>();
  for (const kind of ITEM_KINDS) {
    const ids = keys.filter((k) => k.kind === kind).map((k) => k.id);
    if (ids.length === 0) continue;
    const live = new Set((await desired(kind, null, false, ids).execute(db)).rows.map((r) => r.id));
    const r = await sql<ItemDisplay>`
      select s.kind, s.item_id as id, s.title, s.text, s.url, s.sort_date::text as date, u.id as unit_id, u.slug as unit_slug, u.name as unit_name
      from search_items s join units u on u.id = s.unit_id
      where s.kind = ${kind} and s.item_id in (${sql.join(ids)})`.execute(db);
    for (const x of r.rows) if (live.has(x.id)) out.set(`${kind}:${x.id}`, x);
  }
  return out;
}
