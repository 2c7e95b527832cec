/**
 * How a search runs, decided without the database (pure; query.ts executes it).
 *
 * Ranking everything that matches is what makes the naive design slow: `ts_rank` must read
 * every matching vector, 0.9 s for a word in 27 % of 100 k documents. Here every search is a
 * few GIN lookups that each return a BOUNDED number of rows:
 *
 *  - Tiers (relevance order): the document whose 文号 or 索引号 was typed; then documents whose
 *    TITLE has every query word (`'^word'` marks, vector.ts), ranked on the small head vector;
 *    then the other matches, ranked on the whole vector. Title matches rank above body matches.
 *  - A tier whose estimated size (document frequencies from search_terms) is small is read
 *    whole and ranked exactly ("exhaustive").
 *  - A larger tier is read newest first through a date WINDOW: an OR of 发布日期 bucket lexemes
 *    (year, month, day) covering the most recent documents, sized from the bucket counts so
 *    that it should hold about as many matches as the page needs. The GIN index intersects the
 *    window with the words and the filters, so only matches are fetched. Too few matches → the
 *    next, larger window further back ("rounds"), until enough or the range is exhausted. For
 *    the date order this is exact; for relevance it ranks the most recent candidates (a fixed
 *    block per page range, so pages 1–5 rank the same set and never overlap).
 *  - Counts: exact when every tier was read whole, otherwise matches-per-document seen in the
 *    windows times the documents in the date range ("约 N 条").
 */
import { toTsquery, requiredTokens, type ParsedQuery } from '../text/query.ts';
import { analyzeText, isSafeToken, quoteLexeme } from '../text/tokenize.ts';
import { facet, titleMark } from './vector.ts';

export interface SearchFilters {
  unitId?: number;
  /** with unitId: the unit and every unit below it (default) or the unit alone */
  subtree?: boolean;
  columnId?: number;
  /** 专题 topic id (doc_topics) */
  topicId?: number;
  /** 主题分类 code: two digits (first level) or four */
  subject?: string;
  /** 公文种类 code (taxonomy.ts DOC_TYPES) */
  docType?: string;
  /** 发文机关: a unit of the platform that issued (or co-issued) the document */
  issuerUnitId?: number;
  /** 有效性 code (taxonomy.ts VALIDITY) */
  validity?: string;
  publishedFrom?: string;
  publishedTo?: string;
  writtenFrom?: string;
  writtenTo?: string;
  /** what to find (items.ts RESULT_KINDS); absent or empty: everything */
  kinds?: Array<'document' | 'guide' | 'power' | 'report'>;
}

export type SortOrder = 'relevance' | 'date';

export const LIMITS = {
  /** title tier read whole up to this estimate: ranking reads only the small head vector */
  exhaustiveTitle: 2000,
  /** body tier read whole up to this estimate: ranking reads whole vectors (toasted when long) */
  exhaustiveBody: 300,
  /** date order read whole up to this estimate: nothing to rank, only dates */
  exhaustiveDate: 3000,
  /** most rows one round may read; protects against a far-off estimate */
  roundCap: 5000,
  maxRounds: 6,
  /** deepest result served (pages beyond are refused with a message) */
  maxResults: 1000,
  /** extra candidates beyond the page, in case some turn out withdrawn when the page is built */
  slack: 5,
} as const;

/** Relevance candidates per page range: pages within one block rank the same candidate set. */
export function candidateBlock(need: number): number {
  if (need <= 100) return 100;
  if (need <= 500) return 500;
  return LIMITS.maxResults;
}

// --- dates (strings only; legal dates are calendar days) -----------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
export const addDays = (d: string, n: number) => new Date(toMs(d) + n * DAY_MS).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface Histogram {
  /** indexed documents */
  total: number;
  /** 发布日期 counts by 'YYYY' and 'YYYYMM' */
  published: ReadonlyMap<string, number>;
  /** 成文日期 counts by 'YYYY' and 'YYYYMM' */
  written: ReadonlyMap<string, number>;
}

/** Day counts ('YYYYMMDD' → documents) of one month ('YYYYMM'), from search_terms. */
export type DayLoader = (yyyymm: string) => Promise<ReadonlyMap<string, number>>;

export interface DateRange {
  from: string;
  to: string;
}

function yearsOf(counts: ReadonlyMap<string, number>): number[] {
  const ys: number[] = [];
  for (const [k, n] of counts) if (k.length === 4 && n > 0) ys.push(Number(k));
  return ys.sort((a, b) => a - b);
}

/** The whole range of the histogram's dates (for an open-ended filter). */
export function closeRange(from: string | undefined, to: string | undefined, counts: ReadonlyMap<string, number>): DateRange | null {
  const ys = yearsOf(counts);
  if (ys.length === 0) return null;
  const lo = `${pad(ys[0], 4)}-01-01`;
  const hi = `${pad(ys[ys.length - 1], 4)}-12-31`;
  const r = { from: from && from > lo ? from : lo, to: to && to < hi ? to : hi };
  return r.from <= r.to ? r : null;
}

/**
 * Bucket lexemes whose union is exactly the days of the range: whole years, whole months, and
 * single days at the ends. Only years that hold documents are listed. Empty: no document can be
 * in the range.
 */
export function coverBuckets(range: DateRange, counts: ReadonlyMap<string, number>, make: (bucket: string) => string): string[] {
  const out: string[] = [];
  for (const y of yearsOf(counts)) {
    const ys = `${pad(y, 4)}-01-01`;
    const ye = `${pad(y, 4)}-12-31`;
    if (ye < range.from || ys > range.to) continue;
    if (range.from <= ys && ye <= range.to) {
      out.push(make(pad(y, 4)));
      continue;
    }
    for (let m = 1; m <= 12; m++) {
      const ym = `${pad(y, 4)}${pad(m)}`;
      if (!counts.get(ym)) continue;
      const ms = `${pad(y, 4)}-${pad(m)}-01`;
      const me = `${pad(y, 4)}-${pad(m)}-${pad(daysInMonth(y, m))}`;
      if (me < range.from || ms > range.to) continue;
      if (range.from <= ms && me <= range.to) {
        out.push(make(ym));
        continue;
      }
      const first = range.from > ms ? range.from : ms;
      const last = range.to < me ? range.to : me;
      for (let d = first; d <= last; d = addDays(d, 1)) out.push(make(d.replace(/-/g, '')));
    }
  }
  return out;
}

export interface Window {
  /** first day of the window; the window is [start, range.to] */
  start: string;
  /** documents in it (all of them, before words and filters) */
  docs: number;
  /** the window reaches back to range.from: nothing older is left */
  complete: boolean;
}

/**
 * The most recent part of the range that holds at least `targetDocs` documents, in whole
 * years, months or days: a unit is taken whole when that does not overshoot the target more
 * than twice, otherwise split (years into months, months into days — day counts are loaded
 * only for the months split).
 */
export async function newestWindow(range: DateRange, targetDocs: number, hist: Histogram, days: DayLoader): Promise<Window> {
  const counts = hist.published;
  let docs = 0;
  let start = range.to;
  let done = false;
  const take = (n: number, unitStart: string) => {
    docs += n;
    start = unitStart > range.from ? unitStart : range.from;
    if (docs >= targetDocs) done = true;
  };
  const visitMonth = async (y: number, m: number): Promise<void> => {
    const ym = `${pad(y, 4)}${pad(m)}`;
    const n = counts.get(ym) ?? 0;
    if (n === 0) return;
    const ms = `${pad(y, 4)}-${pad(m)}-01`;
    const me = `${pad(y, 4)}-${pad(m)}-${pad(daysInMonth(y, m))}`;
    if (me < range.from || ms > range.to) return;
    if (range.from <= ms && me <= range.to && docs + n <= targetDocs * 2) return take(n, ms);
    const dayCounts = await days(ym);
    for (let d = me < range.to ? me : range.to; d >= ms && d >= range.from && !done; d = addDays(d, -1)) {
      const c = dayCounts.get(d.replace(/-/g, '')) ?? 0;
      if (c > 0) take(c, d);
    }
  };
  for (const y of yearsOf(counts).reverse()) {
    if (done) break;
    const ys = `${pad(y, 4)}-01-01`;
    const ye = `${pad(y, 4)}-12-31`;
    if (ye < range.from || ys > range.to) continue;
    const n = counts.get(pad(y, 4)) ?? 0;
    if (range.from <= ys && ye <= range.to && docs + n <= targetDocs * 2) {
      take(n, ys);
      continue;
    }
    for (let m = 12; m >= 1 && !done; m--) await visitMonth(y, m);
  }
  return { start: done ? start : range.from, docs, complete: !done || start <= range.from };
}

/** Documents in the range, from the bucket counts (day counts only for partial months). */
export async function docsInRange(range: DateRange, hist: Histogram, days: DayLoader): Promise<number> {
  return (await newestWindow(range, Number.POSITIVE_INFINITY, hist, days)).docs;
}

// --- the tsquery pieces --------------------------------------------------------------------------

export interface QueryParts {
  /** words and phrases, AND, with the exclusions (plain lexemes) */
  plain: string;
  /** the same without exclusions: what ts_rank scores */
  positive: string;
  /** positive with every lexeme as its title mark: "the title has it all" */
  titlePositive: string;
  /** ' & !…' or '' */
  exclusions: string;
  hasPhrase: boolean;
  /** lexemes each match must have (for estimates) */
  required: string[];
}

export function queryParts(parsed: ParsedQuery): QueryParts | null {
  const plain = toTsquery(parsed);
  const positive = toTsquery({ ...parsed, excluded: [] });
  if (!plain || !positive) return null;
  const required = new Set<string>();
  for (const t of parsed.terms) for (const x of requiredTokens(t)) required.add(x);
  for (const p of parsed.phrases) for (const x of p) if (isSafeToken(x)) required.add(x);
  return {
    plain,
    positive,
    // toTsquery quotes every lexeme itself, and lexemes are letters and digits only
    titlePositive: positive.replace(/'([^']*)'/g, (_, l: string) => quoteLexeme(titleMark(l))),
    exclusions: plain.slice(positive.length),
    hasPhrase: parsed.phrases.some((p) => p.length > 1) || positive.includes('<->'),
    required: [...required],
  };
}

/** AND of the filter facets (each an operand of the final tsquery), dates not included. */
export function facetTerms(f: SearchFilters): string[] {
  const out: string[] = [];
  if (f.unitId !== undefined) out.push(f.subtree === false ? facet.unit(f.unitId) : facet.subtree(f.unitId));
  if (f.columnId !== undefined) out.push(facet.column(f.columnId));
  if (f.topicId !== undefined) out.push(facet.topic(f.topicId));
  if (f.subject) out.push(facet.subject(f.subject));
  if (f.docType) out.push(facet.docType(f.docType));
  if (f.issuerUnitId !== undefined) out.push(facet.issuer(f.issuerUnitId));
  if (f.validity) out.push(facet.validity(f.validity));
  return out;
}

/** `(a | b | c)` of lexemes, or the lexeme alone. */
export function anyOf(lexemes: readonly string[]): string {
  const q = lexemes.map(quoteLexeme);
  return q.length === 1 ? q[0] : `(${q.join(' | ')})`;
}

/** AND of query pieces (each in parentheses, so `|` inside one stays inside), skipping empty ones. */
export function allOf(...parts: Array<string | null | undefined | false>): string {
  return parts.filter((p): p is string => !!p).map((p) => `(${p})`).join(' & ');
}

// --- words the index does not know ------------------------------------------------------------

const HAN3 = /^\p{Script=Han}{3,}$/u;

/**
 * Dictionary parts of the query's words that no indexed document holds, to look up before
 * `decompound`. A query word may be a compound that documents never contain in one piece:
 * 三公经费 is written “三公”经费 (quotes split it), so the index has 三公 and 经费 only.
 */
export function unknownWordParts(parsed: ParsedQuery, df: (lexeme: string) => number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of [...parsed.terms.flat(), ...parsed.phrases.flat()]) {
    if (out.has(t) || df(t) > 0 || !HAN3.test(t)) continue;
    const parts = analyzeText(t).flatMap((a) => (a.word === t ? a.extra : [a.word, ...a.extra]));
    if (parts.length) out.set(t, [...new Set(parts)].filter((x) => x !== t && isSafeToken(x)));
  }
  return out;
}

/** Cover `word` left to right with the longest known parts; null when some character is left over. */
function tile(word: string, parts: readonly string[], df: (lexeme: string) => number): string[] | null {
  const known = parts.filter((p) => df(p) > 0).sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (let i = 0; i < word.length; ) {
    const p = known.find((k) => word.startsWith(k, i));
    if (!p) return null;
    out.push(p);
    i += p.length;
  }
  return out.length > 1 ? out : null;
}

/**
 * The query with every unknown word replaced by the phrase of its known parts (三公经费 →
 * "三公 经费", which matches “三公”经费: punctuation takes no position in the index). A word that
 * cannot be covered is left alone (it then finds nothing, which is the truth).
 */
export function decompound(parsed: ParsedQuery, parts: ReadonlyMap<string, readonly string[]>, df: (lexeme: string) => number): ParsedQuery {
  const tiles = new Map<string, string[]>();
  for (const [w, ps] of parts) {
    const t = tile(w, ps, df);
    if (t) tiles.set(w, t);
  }
  if (tiles.size === 0) return parsed;
  const terms: string[][] = [];
  const phrases: string[][] = [];
  for (const term of parsed.terms) {
    const kept = term.filter((t) => !tiles.has(t));
    for (const t of term) if (tiles.has(t)) phrases.push(tiles.get(t)!);
    if (kept.length) terms.push(kept);
  }
  for (const p of parsed.phrases) phrases.push(p.flatMap((t) => tiles.get(t) ?? [t]));
  const excluded = parsed.excluded.map((e) => e.flatMap((t) => tiles.get(t) ?? [t]));
  return { ...parsed, terms, phrases, excluded };
}

// --- estimates -----------------------------------------------------------------------------------

/**
 * Share of documents holding all the lexemes. Words of one query are correlated (政务 and 公开
 * travel together), so instead of the product of their shares this takes the rarest one times
 * the square roots of the others — between "independent" and "always together".
 */
export function andSelectivity(dfs: readonly number[], total: number): number {
  if (total <= 0) return 0;
  if (dfs.length === 0) return 1;
  const s = dfs.map((d) => Math.min(1, Math.max(0, d) / total)).sort((a, b) => a - b);
  let sel = s[0];
  for (let i = 1; i < s.length; i++) sel *= Math.sqrt(s[i]);
  return sel;
}

/** Share of documents passing the (non-date) filters, taken as independent of each other. */
export function facetSelectivity(facets: readonly string[], df: (lexeme: string) => number, total: number): number {
  let sel = 1;
  for (const f of facets) sel *= total > 0 ? Math.min(1, df(f) / total) : 0;
  return sel;
}

/** Documents to put in a window so that it should hold `matches` matches (with 50 % slack). */
export function windowTarget(matches: number, selectivity: number, observed?: { found: number; docs: number }): number {
  const fromShare = (sel: number) => Math.ceil((matches * 1.5) / Math.max(sel, 1e-9));
  if (!observed || observed.docs <= 0) return fromShare(selectivity);
  // What the earlier windows showed beats the estimate.
  if (observed.found > 0) return fromShare(observed.found / observed.docs);
  // No match at all: the words are rarer here than the estimate says (vocabulary changes over the
  // years), but by how much is unknown. Grow geometrically — the next window twice the documents
  // seen so far — rather than jump to the whole range, whose every match would then be read.
  return Math.max(2 * observed.docs, fromShare(selectivity));
}

/** The count to show: exact, or scaled from what the windows saw. */
export function estimateCount(found: number, docsSeen: number, docsInRange: number): number {
  if (docsSeen <= 0) return found;
  return Math.max(found, Math.round((found / docsSeen) * docsInRange));
}
