/**
 * Runs a search (plan.ts decides the shape; this issues the SQL). 条例 第二十四条: 信息检索 over
 * everything published proactively, across the whole site cluster.
 *
 *   search(db, {q, filters, sort, page, perPage}) → SearchOutcome
 *
 * Every statement is PostgreSQL that PGlite runs too: `@@` on one GIN index, `ts_rank` on a
 * bounded set of rows, `count(*) over ()`. Withdrawn or no-longer-public documents are dropped
 * against the live documents table when the page is assembled, so they vanish from results the
 * moment their status changes, before the index catches up.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { parseQuery, highlightTokensOf, type ParsedQuery, type QueryMessage } from '../text/query.ts';
import { didYouMean } from '../text/suggest.ts';
import { facet, MONTH_RANGES, SAMPLE_BUCKETS, titleMark, TOTAL_KEY } from '../domain/vector.ts';
import { ITEM_KINDS, RESULT_KINDS, itemDisplayRows, searchItems, type ItemDisplay, type ItemKind, type ResultKind } from './items.ts';
import { displayRows, itemHit, toHits, type Candidate, type DisplayRow, type SearchHit } from './hits.ts';
import {
  addDays, allOf, andSelectivity, anyOf, candidateBlock, closeRange, coverBuckets, decompound, docsInRange, estimateCount, facetSelectivity, facetTerms,
  LIMITS, newestWindow, queryParts, unknownWordParts, windowTarget, type DateRange, type DayLoader, type Histogram, type QueryParts, type SearchFilters, type SortOrder,
} from '../domain/plan.ts';

export type { SearchFilters, SortOrder } from '../domain/plan.ts';
export type { SearchHit } from './hits.ts';

export const MAX_PER_PAGE = 50;

export interface SearchRequest {
  q: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  /** 1-based */
  page?: number;
  perPage?: number;
}


export interface TierReport {
  tier: 'number' | 'title' | 'text' | 'all';
  mode: 'lookup' | 'exhaustive' | 'window';
  rounds: number;
  matches: number;
  exact: boolean;
}

export interface SearchMessage {
  code: QueryMessage['code'] | 'page_too_deep' | 'relaxed';
  zh: string;
  en: string;
}

export type SearchOutcome =
  | { ok: false; error: SearchMessage }
  | {
      ok: true;
      query: ParsedQuery;
      hits: SearchHit[];
      /** matching documents: exact when `totalExact`, else an estimate (show "约 N 条") */
      total: number;
      totalExact: boolean;
      page: number;
      perPage: number;
      /** pages that can be asked for (at most LIMITS.maxResults results) */
      pages: number;
      suggestion: string | null;
      warnings: SearchMessage[];
      plan: TierReport[];
    };


// --- statistics ----------------------------------------------------------------------------------

interface Stats {
  hist: Histogram;
  df: (lexeme: string) => number;
  days: DayLoader;
}

async function loadStats(db: DbOrTx, lexemes: readonly string[], written: boolean): Promise<Stats> {
  const [pFrom, pTo] = MONTH_RANGES.published;
  const [wFrom, wTo] = MONTH_RANGES.written;
  const rows = (await sql<{ lexeme: string; df: number }>`
    select lexeme, df from search_terms
    where lexeme in (${sql.join([TOTAL_KEY, ...lexemes])})
       or (lexeme >= ${pFrom} and lexeme < ${pTo})
       ${written ? sql`or (lexeme >= ${wFrom} and lexeme < ${wTo})` : sql``}`.execute(db)).rows;
  const dfs = new Map<string, number>();
  const published = new Map<string, number>();
  const writtenCounts = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.df);
    dfs.set(r.lexeme, n);
    if (r.lexeme.startsWith(pFrom)) published.set(r.lexeme.slice(2), n);
    else if (r.lexeme.startsWith(wFrom)) writtenCounts.set(r.lexeme.slice(2), n);
  }
  const dayCache = new Map<string, Map<string, number>>();
  const days: DayLoader = async (ym) => {
    let m = dayCache.get(ym);
    if (!m) {
      m = new Map();
      const from = facet.published(`${ym}01`);
      const to = facet.published(`${ym}32`);
      const r = await sql<{ lexeme: string; df: number }>`select lexeme, df from search_terms where lexeme >= ${from} and lexeme < ${to}`.execute(db);
      for (const x of r.rows) m.set(x.lexeme.slice(2), Number(x.df));
      dayCache.set(ym, m);
    }
    return m;
  };
  return { hist: { total: dfs.get(TOTAL_KEY) ?? 0, published, written: writtenCounts }, df: (l) => dfs.get(l) ?? 0, days };
}

// --- running one tier ----------------------------------------------------------------------------

interface Tier {
  name: 'title' | 'text' | 'all';
  /** the words part of the tsquery */
  words: string;
  /** share of documents expected to match the words */
  selectivity: number;
  rank: 'head' | 'doc' | null;
  /** what ts_rank scores (default: the query's positive part) */
  rankQuery?: string;
  exhaustiveMax: number;
  /** candidates wanted (ranked tiers: the block to rank; date: the rows to show) */
  want: number;
}

interface TierResult {
  rows: Candidate[];
  count: number;
  exact: boolean;
  report: TierReport;
}

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

interface Context {
  db: DbOrTx;
  limits: Limits;
  stats: Stats;
  parts: QueryParts;
  /** facet operands, the 成文日期 cover and (exhaustive reads only) the 发布日期 cover */
  filters: string[];
  publishedCover: string | null;
  range: DateRange;
  rangeDocs: number;
  filterSelectivity: number;
}

/**
 * ts_rank weights {D, C, B, A} of the title tier. Every document there has all the words in its
 * title, so how the title holds them decides; the summary's B words only break ties. With the
 * default B weight (0.4) ts_rank's AND score saturates on the many B matches of a 解读 whose
 * summary repeats the policy's title, and the shorter vector won: each 解读 outranked its policy
 * (“农业新型经营主体” put the policy 7th). Words a title quotes from another's (vector.ts
 * splitTitle) weigh B too, so a policy outranks what merely quotes its title.
 */
const HEAD_WEIGHTS = '{0.1,0.2,0.1,1.0}';

async function readRows(c: Context, tier: Tier, tsquery: string, k: number, rankAtMost: number): Promise<{ rows: Candidate[]; n: number }> {
  const matched: Candidate['matched'] = tier.name === 'title' ? 'title' : 'text';
  // The inner query reads every match of this (bounded) window — dates only, from the small
  // heap — and keeps the newest `rankAtMost`; only those are ranked, reading their vectors.
  const rq = tier.rankQuery ?? c.parts.positive;
  const rankExpr = tier.rank === 'head' ? sql`ts_rank(${HEAD_WEIGHTS}::float4[], x.head_tsv, ${rq}::tsquery, 1)`
    : tier.rank === 'doc' ? sql`ts_rank(x.doc_tsv, ${rq}::tsquery, 1)` : sql`0::real`;
  const vectorCol = tier.rank === 'head' ? sql`, s.head_tsv` : tier.rank === 'doc' ? sql`, s.doc_tsv` : sql``;
  const r = await sql<{ doc_id: number; sort_date: string; rank: number; n: number }>`
    select x.doc_id, x.sort_date, ${rankExpr} as rank, x.n
    from (
      select s.doc_id, s.sort_date ${vectorCol}, count(*) over () as n
      from search_docs s
      where s.doc_tsv @@ ${tsquery}::tsquery
      order by s.sort_date desc, s.doc_id desc
      limit ${rankAtMost}
    ) x
    order by ${tier.rank ? sql`rank desc, ` : sql``}x.sort_date desc, x.doc_id desc
    limit ${k}`.execute(c.db);
  return {
    rows: r.rows.map((x) => ({ kind: 'document' as const, id: x.doc_id, rank: Number(x.rank), date: String(x.sort_date), matched })),
    n: r.rows.length ? Number(r.rows[0].n) : 0,
  };
}

const byRank = (a: Candidate, b: Candidate) => b.rank - a.rank || (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id);
const byDate = (a: Candidate, b: Candidate) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id);

async function runTier(c: Context, tier: Tier): Promise<TierResult> {
  const est = c.rangeDocs * tier.selectivity * c.filterSelectivity;
  const k = Math.max(1, tier.want);
  if (est <= tier.exhaustiveMax || c.rangeDocs <= tier.exhaustiveMax) {
    const { rows, n } = await readRows(c, tier, allOf(tier.words, ...c.filters, c.publishedCover), k, c.limits.roundCap);
    return { rows, count: n, exact: true, report: { tier: tier.name, mode: 'exhaustive', rounds: 1, matches: n, exact: true } };
  }
  // Newest first, window after window, until enough candidates or the range is exhausted.
  const rows: Candidate[] = [];
  let found = 0;
  let seen = 0;
  let upper = c.range.to;
  let exact = false;
  let rounds = 0;
  const sel = Math.max(tier.selectivity * c.filterSelectivity, 1e-9);
  while (rounds < c.limits.maxRounds) {
    rounds++;
    const last = rounds === c.limits.maxRounds;
    const targetDocs = last ? Number.POSITIVE_INFINITY : windowTarget(Math.max(1, k - found), sel, rounds > 1 ? { found, docs: seen } : undefined);
    const w = await newestWindow({ from: c.range.from, to: upper }, targetDocs, c.stats.hist, c.stats.days);
    const cover = coverBuckets({ from: w.start, to: upper }, c.stats.hist.published, facet.published);
    if (cover.length) {
      // A window that reaches back to the start of the range is written as "not newer than what
      // earlier rounds read" (a NOT of their few buckets) instead of an OR of every older year:
      // merging the posting lists of ten year buckets is the costliest part of a broad window.
      let dates: string | null = anyOf(cover);
      if (w.start <= c.range.from) {
        const newer = rounds === 1 ? [] : coverBuckets({ from: addDays(upper, 1), to: c.range.to }, c.stats.hist.published, facet.published);
        dates = allOf(c.publishedCover, newer.length ? `!${anyOf(newer)}` : null) || null;
      }
      // A window may hold more matches than asked (whole months, estimates): rank the newest 2k.
      const r = await readRows(c, tier, allOf(tier.words, ...c.filters, dates), k, Math.min(c.limits.roundCap, 2 * k));
      rows.push(...r.rows);
      found += r.n;
    }
    seen += w.docs;
    if (w.complete) {
      exact = true;
      break;
    }
    if (found >= k) break;
    upper = addDays(w.start, -1);
  }
  rows.sort(tier.rank ? byRank : byDate);
  const count = exact ? found : estimateCount(found, seen, c.rangeDocs);
  return { rows: rows.slice(0, k), count, exact, report: { tier: tier.name, mode: 'window', rounds, matches: found, exact } };
}

/**
 * The size of a result too large to read whole, from a sample: the matches among the documents
 * of one id slice (`~h0`, 1/256 of them; four, then sixteen slices when one holds too few), scaled up. The
 * windows' own matches-per-document would do too, but the newest documents are not a fair
 * sample of the old ones (annual reports all come out in the first quarter, for one).
 * A query of one word without filters needs no sample: its document frequency is the answer.
 */
async function sampledCount(c: Context, words: string, required: readonly string[], filtered: boolean, guess: number): Promise<number> {
  const total = c.stats.hist.total;
  if (!filtered && required.length === 1 && !words.includes('!') && !words.includes('<->')) return c.stats.df(required[0]);
  // A phrase is checked on the stored vector of every candidate (the GIN index knows words, not
  // their order): counting one slice of a common phrase reads hundreds of long vectors. Its count
  // stays the windows' estimate.
  if (words.includes('<->')) return guess;
  // Start with as many slices as the tiers' own estimate says will hold ~25 matches.
  const first = guess >= 25 * SAMPLE_BUCKETS ? 1 : guess >= (25 * SAMPLE_BUCKETS) / 4 ? 4 : 16;
  for (const slices of [1, 4, 16].filter((n) => n >= first)) {
    const lexemes = Array.from({ length: slices }, (_, i) => facet.sample(i));
    const r = await sql<{ n: number }>`
      select count(*)::int as n from search_docs s
      where s.doc_tsv @@ ${allOf(words, ...c.filters, c.publishedCover, anyOf(lexemes))}::tsquery`.execute(c.db);
    const n = Number(r.rows[0]?.n ?? 0);
    const inSample = lexemes.reduce((a, l) => a + c.stats.df(l), 0);
    if (n >= 25 || slices === 16) return inSample > 0 ? Math.round((n * total) / inSample) : n;
  }
  return 0;
}

/** The document whose 文号 (any spelling) or 索引号 was typed, within the filters. */
async function numberTier(c: Context, parsed: ParsedQuery): Promise<Candidate[]> {
  const keys = parsed.docNumber?.keys ?? [];
  const indexNo = parsed.raw.length <= 60 && /^[0-9A-Za-z]/.test(parsed.raw) && /\d/.test(parsed.raw) ? parsed.raw : null;
  if (keys.length === 0 && !indexNo) return [];
  const filter = c.filters.length || c.publishedCover ? sql`and s.doc_tsv @@ ${allOf(...c.filters, c.publishedCover)}::tsquery` : sql``;
  const r = await sql<{ doc_id: number; sort_date: string; doc_number_key: string | null }>`
    select s.doc_id, s.sort_date, s.doc_number_key from search_docs s
    where (${keys.length ? sql`s.doc_number_key in (${sql.join(keys)})` : sql`false`}
           ${indexNo ? sql`or s.doc_id in (select id from documents where index_no = ${indexNo})` : sql``})
      ${filter}
    order by s.sort_date desc, s.doc_id desc
    limit 20`.execute(c.db);
  // The longest 代字 that matches first (keys are longest first), then the newest.
  const pos = (k: string | null) => (k && keys.includes(k) ? keys.indexOf(k) : -1);
  return r.rows
    .map((x) => ({ kind: 'document' as const, id: x.doc_id, rank: -pos(x.doc_number_key), date: String(x.sort_date), matched: 'number' as const }))
    .sort(byRank);
}

const keyOf = (x: { kind: ResultKind; id: number }) => `${x.kind}:${x.id}`;

const tooDeep = (): SearchMessage => ({
  code: 'page_too_deep',
  zh: `最多显示前${LIMITS.maxResults}条结果，请增加关键词或筛选条件缩小范围`,
  en: `Only the first ${LIMITS.maxResults} results can be shown; add words or filters to narrow the search.`,
});

const EMPTY_RANGE = Symbol('empty');

/**
 * Search. `tuning` overrides the planner's thresholds (tests force the window path on a small
 * corpus; the benchmark compares settings).
 */
export async function search(db: DbOrTx, req: SearchRequest, tuning: Partial<Limits> = {}): Promise<SearchOutcome> {
  const limits: Limits = { ...LIMITS, ...tuning };
  const asTyped = parseQuery(req.q);
  if (!asTyped.ok) return { ok: false, error: asTyped.errors[0] };
  const perPage = Math.max(1, Math.min(MAX_PER_PAGE, Math.floor(req.perPage ?? 20)));
  const page = Math.max(1, Math.floor(req.page ?? 1));
  const need = page * perPage;
  if (need - perPage >= limits.maxResults) return { ok: false, error: tooDeep() };
  const f = req.filters ?? {};
  const sort: SortOrder = req.sort === 'date' ? 'date' : 'relevance';
  const facets = facetTerms(f);
  const hasWritten = !!(f.writtenFrom || f.writtenTo);

  // 1. statistics (one query; a second one only for a word no document holds), then the date
  // ranges as bucket covers
  const typed = queryParts(asTyped)!;
  const samples = Array.from({ length: 16 }, (_, i) => facet.sample(i));
  let stats = await loadStats(db, [...typed.required, ...typed.required.map(titleMark), ...facets, ...samples], hasWritten);
  let parsed = asTyped;
  const unknown = unknownWordParts(asTyped, stats.df);
  if (unknown.size) {
    const partsOf = [...new Set([...unknown.values()].flat())];
    stats = { ...stats, df: await extendDf(db, stats, [...partsOf, ...partsOf.map(titleMark)]) };
    parsed = decompound(asTyped, unknown, stats.df);
  }
  const parts = parsed === asTyped ? typed : queryParts(parsed)!;
  const plainRequired = parts.required;
  const titleRequired = plainRequired.map(titleMark);

  // Guides, 权责清单 items, annual reports (items.ts): their own small table, read whole. A
  // filter only documents have (column, 专题, 主题分类, 公文种类, 发文机关, 有效性, 成文日期) leaves them out.
  const kinds = f.kinds?.length ? f.kinds : RESULT_KINDS;
  const docsOn = kinds.includes('document');
  const docOnly = !!(f.columnId || f.topicId || f.subject || f.docType || f.issuerUnitId || f.validity || f.writtenFrom || f.writtenTo);
  const itemKinds = docOnly ? [] : ITEM_KINDS.filter((k) => kinds.includes(k));
  // A word no document holds was searched as its parts (decompound); an item may hold it whole.
  const either = (a: string, b: string) => (a === b ? a : `(${a} | ${b})`);
  const items = itemKinds.length
    ? await searchItems(db, {
        words: either(typed.positive, parts.positive) + parts.exclusions,
        titleWords: either(typed.titlePositive, parts.titlePositive) + parts.exclusions,
        rankQuery: either(typed.positive, parts.positive),
        kinds: itemKinds, unitId: f.unitId, subtree: f.subtree, from: f.publishedFrom, to: f.publishedTo, headWeights: HEAD_WEIGHTS,
      })
    : { rows: [], count: 0 };
  const itemCandidates = (inTitle: boolean | null): Candidate[] => items.rows
    .filter((x) => inTitle === null || x.inTitle === inTitle)
    .map((x) => ({ kind: x.kind, id: x.id, rank: x.rank, date: x.date, matched: x.inTitle ? 'title' as const : 'text' as const }));
  const ranges = ((): { published: DateRange; written: DateRange | null } | typeof EMPTY_RANGE => {
    const published = closeRange(f.publishedFrom, f.publishedTo, stats.hist.published);
    if (!published) return EMPTY_RANGE;
    if (!hasWritten) return { published, written: null };
    const written = closeRange(f.writtenFrom, f.writtenTo, stats.hist.written);
    return written ? { published, written } : EMPTY_RANGE;
  })();
  const warnings: SearchMessage[] = [...parsed.warnings];
  const empty = (): SearchOutcome => ({
    ok: true, query: parsed, hits: [], total: 0, totalExact: true, page, perPage, pages: 0, suggestion: didYouMean(req.q), warnings, plan: [],
  });
  const itemsOnly = () => {
    const all = itemCandidates(null).sort(sort === 'date' ? byDate : (a, b) => Number(b.matched === 'title') - Number(a.matched === 'title') || byRank(a, b));
    return assemble([[], all], 0, true, null, [], []);
  };
  if (!docsOn || ranges === EMPTY_RANGE) return items.count ? itemsOnly() : empty();
  const publishedCoverList = f.publishedFrom || f.publishedTo ? coverBuckets(ranges.published, stats.hist.published, facet.published) : null;
  const writtenCoverList = ranges.written ? coverBuckets(ranges.written, stats.hist.written, facet.written) : null;
  if (publishedCoverList?.length === 0 || writtenCoverList?.length === 0) return items.count ? itemsOnly() : empty();
  if (writtenCoverList) {
    // the written cover's own counts give the filter's share (day buckets included)
    stats = { ...stats, df: await extendDf(db, stats, writtenCoverList) };
  }
  const total = stats.hist.total;
  const rangeDocs = publishedCoverList ? await docsInRange(ranges.published, stats.hist, stats.days) : total;
  let filterSelectivity = facetSelectivity(facets, stats.df, total);
  if (writtenCoverList && total > 0) filterSelectivity *= Math.min(1, writtenCoverList.reduce((n, l) => n + stats.df(l), 0) / total);

  const c: Context = {
    db, limits, stats, parts, range: ranges.published, rangeDocs, filterSelectivity,
    filters: [...facets.map((x) => anyOf([x])), ...(writtenCoverList ? [anyOf(writtenCoverList)] : [])],
    publishedCover: publishedCoverList ? anyOf(publishedCoverList) : null,
  };

  // 2. tiers
  const slack = limits.slack;
  const plan: TierReport[] = [];
  const plainSel = andSelectivity(plainRequired.map(stats.df), total);
  // A result this large will not be read whole, so its count will be sampled (below): start the
  // sample now, beside the tiers (another pooled connection on PostgreSQL).
  const filtered = c.filters.length > 0 || c.publishedCover !== null;
  const prior = c.rangeDocs * plainSel * c.filterSelectivity;
  const early = prior > Math.max(limits.exhaustiveTitle, limits.exhaustiveDate) ? sampledCount(c, parts.plain, plainRequired, filtered, prior) : null;
  early?.catch(() => undefined); // awaited below, or dropped when the tiers were read whole
  const numbered = await numberTier(c, parsed);
  if (numbered.length) plan.push({ tier: 'number', mode: 'lookup', rounds: 1, matches: numbered.length, exact: true });
  const results: Candidate[][] = [numbered];
  let count = 0;
  let exact = true;
  if (sort === 'date') {
    const r = await runTier(c, {
      name: 'all', words: parts.plain, selectivity: plainSel, rank: null, exhaustiveMax: limits.exhaustiveDate, want: need + slack + numbered.length,
    });
    results.push(items.count ? [...r.rows, ...itemCandidates(null)].sort(byDate) : r.rows);
    count = r.count;
    exact = r.exact;
    plan.push(r.report);
  } else {
    const block = candidateBlock(need) + slack + numbered.length;
    const titleSel = andSelectivity(titleRequired.map(stats.df), total);
    const title = await runTier(c, {
      name: 'title', words: parts.titlePositive + parts.exclusions, selectivity: titleSel, rank: 'head', exhaustiveMax: limits.exhaustiveTitle, want: block,
    });
    // Enough title matches for this page: the other matches only count. When the title tier was
    // not read whole the count is sampled below anyway, so they are not read at all; otherwise a
    // small window of them gives their count.
    const titleFills = title.rows.length >= need + slack + numbered.length;
    results.push(items.count ? [...title.rows, ...itemCandidates(true)].sort(byRank) : title.rows);
    plan.push(title.report);
    if (titleFills && !title.exact) {
      count = title.count;
      exact = false;
    } else {
      const text = await runTier(c, {
        name: 'text',
        words: allOf(parts.positive, `!(${parts.titlePositive})`) + parts.exclusions,
        selectivity: Math.max(plainSel - titleSel, plainSel * 0.05),
        rank: 'doc',
        exhaustiveMax: limits.exhaustiveBody,
        want: titleFills ? 20 : block,
      });
      if (!titleFills) results.push(items.count ? [...text.rows, ...itemCandidates(false)].sort(byRank) : text.rows);
      count = title.count + text.count;
      exact = title.exact && text.exact;
      plan.push(text.report);
    }
  }

  // Nothing has every word of a query typed as a sentence (2020年公务员考试面试时间): show what
  // has some of them, most words first (ts_rank of the OR), and say so.
  const words = parsed.terms.flat().filter((t) => plainRequired.includes(t));
  if (count === 0 && items.count === 0 && numbered.length === 0 && !parsed.docNumber && parsed.phrases.length === 0 && words.length >= 2) {
    const any = anyOf(words);
    const r = await runTier(c, {
      name: 'text', words: any + parts.exclusions, rankQuery: any, selectivity: Math.min(1, words.reduce((n, w) => n + stats.df(w), 0) / Math.max(total, 1)),
      rank: sort === 'date' ? null : 'doc', exhaustiveMax: sort === 'date' ? limits.exhaustiveDate : limits.exhaustiveBody, want: candidateBlock(need) + slack,
    });
    if (r.count > 0) {
      results.push(r.rows);
      count = r.count;
      exact = r.exact;
      plan.push(r.report);
      warnings.push({ code: 'relaxed', zh: '没有同时包含全部关键词的文件，以下是包含部分关键词的结果', en: 'No document has all the words; these have some of them.' });
    }
  }

  // Not read whole: the count is estimated (约 N 条), never below what was actually seen. The
  // sample is counted while the page is built, if it was not started early.
  let sampled: Promise<number> | null = null;
  if (!exact) {
    const relaxed = warnings.some((w) => w.code === 'relaxed');
    if (early && !relaxed && !parts.plain.includes('<->')) sampled = early;
    else {
      const words = relaxed ? anyOf(parsed.terms.flat().filter((t) => plainRequired.includes(t))) + parts.exclusions : parts.plain;
      sampled = sampledCount(c, words, relaxed ? [] : plainRequired, filtered, count);
      sampled.catch(() => undefined); // awaited below; a failure of the page query first must not leave it unhandled
    }
  }

  return assemble(results, count, exact, sampled, numbered, plan);

  // 3. the page: merge tiers (a number match first, once), drop what is no longer public
  async function assemble(results: Candidate[][], docCount: number, exact: boolean, sampled: Promise<number> | null, numbered: Candidate[], plan: TierReport[]): Promise<SearchOutcome> {
    const seen = new Set<string>();
    const merged: Candidate[] = [];
    for (const list of results) {
      for (const x of list) {
        if (seen.has(keyOf(x))) continue;
        seen.add(keyOf(x));
        merged.push(x);
      }
    }
    const slice = merged.slice(need - perPage, need + limits.slack);
    const [rows, itemRows] = await Promise.all([
      displayRows(db, slice.filter((x) => x.kind === 'document').map((x) => x.id)),
      itemDisplayRows(db, slice.filter((x): x is Candidate & { kind: ItemKind } => x.kind !== 'document')),
    ]);
    const seenDocs = [...seen].filter((k) => k.startsWith('document:')).length;
    if (sampled) docCount = Math.max(seenDocs, await sampled);
    const numberOnly = numbered.filter((x) => !results.slice(1).some((l) => l.some((y) => y.kind === 'document' && y.id === x.id))).length;
    const count = docCount + numberOnly + items.count;
    const tokens = highlightTokensOf(parsed);
    const live = slice.flatMap((x): Array<{ c: Candidate; d: DisplayRow | ItemDisplay }> => {
      const d = x.kind === 'document' ? rows.get(x.id) : itemRows.get(keyOf(x));
      return d ? [{ c: x, d }] : [];
    }).slice(0, perPage);
    const docHits = await toHits(db, live.flatMap((l) => (l.c.kind === 'document' ? [l as { c: Candidate; d: DisplayRow }] : [])), tokens);
    let di = 0;
    const hits = live.map((l) => (l.c.kind === 'document' ? docHits[di++] : itemHit(l.c, l.d as ItemDisplay, tokens)));
    const shown = Math.min(count, limits.maxResults);
    return {
      ok: true,
      query: parsed,
      hits,
      total: count,
      totalExact: exact,
      page,
      perPage,
      pages: Math.ceil(shown / perPage),
      // a mistyped word finds little, or only part of the query: offer the correction
      suggestion: count < 5 || warnings.some((w) => w.code === 'relaxed') ? didYouMean(req.q) : null,
      warnings,
      plan,
    };
  }
}

async function extendDf(db: DbOrTx, stats: Stats, lexemes: readonly string[]): Promise<(l: string) => number> {
  const r = await sql<{ lexeme: string; df: number }>`select lexeme, df from search_terms where lexeme in (${sql.join(lexemes)})`.execute(db);
  const extra = new Map(r.rows.map((x) => [x.lexeme, Number(x.df)]));
  return (l) => extra.get(l) ?? stats.df(l);
}
