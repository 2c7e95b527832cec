/**
 * What one document puts into the search index (pure; no database). 条例 第二十四条 asks for
 * 信息检索 on the platform; this decides what a search can find and filter on.
 *
 * The index is ONE weighted tsvector per document (`search_docs.doc_tsv`, one GIN index):
 *  - the words of the title (weight A), of the summary, keywords, 文号 and 发文机关 (B), of the
 *    body (C) and of the attachments' text (D), each field analysed by text/tokenize.ts
 *    (`toTsvectorLiteral(analyzeText(…))`: words with their sub-words at the same position);
 *  - the title's words once more with a `^` in front (`'^政务公开'`), so "the title has every
 *    query word" is a query on the same index (title matches rank above body matches);
 *  - facet lexemes without positions (`'~u12'` unit, `'~s5'` every unit above it, `'~p202403'`
 *    publication month …), so every filter — unit subtree, column, topic, 公文种类, 发文机关,
 *    有效性, date buckets — is a term ANDed inside the GIN index instead of a heap filter. The
 *    date buckets also let a broad query look at the most recent documents first
 *    (query.ts: the "window").
 * `^` and `~` cannot come out of the tokenizer (its tokens are letters, digits and marks only), so
 * no query word can collide with a facet or a title mark.
 */
import { analyzeText, quoteLexeme, toTsvectorLiteral, type IndexedWord } from '../text/tokenize.ts';

/** The text of very long documents is cut here before analysis: positions stop at 16 383 anyway
 * (PostgreSQL), and a tsvector must stay under 1 MB. */
export const MAX_BODY_CHARS = 100_000;
export const MAX_ATTACHMENT_CHARS = 100_000;

export interface IndexSource {
  docId: number;
  unitId: number;
  /** units.path of the owner, '/1/5/9/' (the ids of the unit and all units above it) */
  unitPath: string;
  title: string;
  summary: string | null;
  keywords: readonly string[];
  docNumber: string | null;
  issuers: readonly { unitId: number | null; name: string }[];
  body: string;
  /** extracted text of each attachment (empty strings allowed) */
  attachments: readonly string[];
  /** 发布日期 'YYYY-MM-DD' */
  publishDate: string | null;
  /** 成文日期 'YYYY-MM-DD' */
  writtenDate: string | null;
  docType: string | null;
  validity: string | null;
  /** 主题分类 code ('0201'), see documents/domain/taxonomy.ts */
  topicCode: string | null;
  /** the document's columns and every column above them */
  columnIds: readonly number[];
  /** the document's 专题 topics and every topic above them */
  topicIds: readonly number[];
}

/** Facet lexemes. The letter after `~` names the facet; ids and codes follow. */
export const facet = {
  unit: (id: number) => `~u${id}`,
  /** the document's unit or a unit above it: the subtree filter */
  subtree: (id: number) => `~s${id}`,
  issuer: (id: number) => `~i${id}`,
  column: (id: number) => `~c${id}`,
  topic: (id: number) => `~t${id}`,
  /** 主题分类: both the two-digit first level and the full code */
  subject: (code: string) => `~g${code}`,
  docType: (code: string) => `~k${code}`,
  validity: (code: string) => `~v${code}`,
  /** 发布日期 buckets: year 'YYYY' or month 'YYYYMM' under `~p`, day 'YYYYMMDD' under `~d`
   * (apart, so that the few hundred year and month counts are one short index range) */
  published: (bucket: string) => (bucket.length === 8 ? `~d${bucket}` : `~p${bucket}`),
  /** 成文日期 buckets: year and month under `~w`, day under `~x` */
  written: (bucket: string) => (bucket.length === 8 ? `~x${bucket}` : `~w${bucket}`),
  /** one of SAMPLE_BUCKETS slices of the documents by id: counting the matches in a slice and
   * scaling up estimates a large result's size without reading it all (query.ts) */
  sample: (bucket: number) => `~h${bucket}`,
};

export const SAMPLE_BUCKETS = 256;

/** The search_terms key ranges holding the year and month counts ([from, to) in "C" order). */
export const MONTH_RANGES = { published: ['~p', '~q'], written: ['~w', '~x'] } as const;

/** The lexeme standing for "this word is in the title". */
export const titleMark = (lexeme: string) => `^${lexeme}`;

/** Every lexeme that counts the indexed documents in search_terms (never a tsvector lexeme:
 * tsvector lexemes have at least one character after the `~`). */
export const TOTAL_KEY = '~';

const CODE = /^[a-z0-9_]{1,40}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface SearchVector {
  /** tsvector literals (`$n::tsvector`), combined by DOC_TSV_SQL */
  title: string;
  /** the words of the title that quote another document's title (splitTitle): weight B */
  quoted: string;
  titleMarks: string;
  quotedMarks: string;
  head: string;
  body: string;
  attachments: string;
  facets: string;
  /** the distinct lexemes of the combined vector, for the document-frequency table */
  lexemes: string[];
}

/** Same as the literal for the word, every lexeme with `^` in front (positions kept, so a
 * quoted phrase can be asked of the title alone). Lexemes never contain a quote. */
export function markTitleLiteral(literal: string): string {
  return literal.replace(/'([^']*)':/g, (_, l: string) => `'${titleMark(l)}':`);
}

/** A Latin token no text holds: jieba keeps it whole and the tokenizer keeps it (letters and
 * digits), so it marks where one field ends in the analysis of all of them. */
const FIELD_MARK = 'qz7fieldmark9xj';

/**
 * analyzeText of each text, from ONE analysis of them all joined by a marker: each call into
 * jieba costs ~0.3 ms whatever the length, and a short document has three or four fields.
 * Segmentation never crosses the newlines around the marker, so the words are the same as
 * analysing each text alone (vector.unit.test.ts checks it).
 */
export function analyzeFields(texts: readonly string[]): IndexedWord[][] {
  const present = texts.map((t) => !!t && t.trim() !== '');
  const joined = texts.filter((_, i) => present[i]).join(`\n${FIELD_MARK}\n`);
  const out: IndexedWord[][] = texts.map(() => []);
  if (!joined) return out;
  const words = analyzeText(joined);
  let field = present.indexOf(true);
  for (const w of words) {
    if (w.word === FIELD_MARK) {
      field = present.indexOf(true, field + 1);
      continue;
    }
    out[field].push(w);
  }
  return out;
}

function dateBuckets(date: string | null, make: (b: string) => string): string[] {
  const m = date ? DATE.exec(date) : null;
  return m ? [make(m[1]), make(m[1] + m[2]), make(m[1] + m[2] + m[3])] : [];
}

/** The facet lexemes of a document (see `facet`). */
export function facetLexemes(s: IndexSource): string[] {
  const out = new Set<string>();
  out.add(facet.unit(s.unitId));
  for (const id of s.unitPath.split('/')) if (/^\d+$/.test(id)) out.add(facet.subtree(Number(id)));
  out.add(facet.subtree(s.unitId));
  for (const i of s.issuers) if (i.unitId !== null) out.add(facet.issuer(i.unitId));
  for (const id of s.columnIds) out.add(facet.column(id));
  for (const id of s.topicIds) out.add(facet.topic(id));
  if (s.topicCode && /^\d{2,8}$/.test(s.topicCode)) {
    out.add(facet.subject(s.topicCode.slice(0, 2)));
    out.add(facet.subject(s.topicCode));
  }
  if (s.docType && CODE.test(s.docType)) out.add(facet.docType(s.docType));
  if (s.validity && CODE.test(s.validity)) out.add(facet.validity(s.validity));
  for (const b of dateBuckets(s.publishDate, facet.published)) out.add(b);
  for (const b of dateBuckets(s.writtenDate, facet.written)) out.add(b);
  out.add(facet.sample(s.docId % SAMPLE_BUCKETS));
  return [...out];
}

const LEXEME_IN_LITERAL = /'([^']*)'/g;

function lexemesOf(lit: string, into: Set<string>): void {
  for (const m of lit.matchAll(LEXEME_IN_LITERAL)) into.add(m[1]);
}

/** A title that names another document in 《》 without being its carrier: 解读 (政策解读：《关于…的通知》),
 * 图解, news of a meeting that adopted it. A carrier says so before the quote (关于印发《…》的通知). */
const CARRIER = /(印发|转发|发布|公布|颁布|修订|制定|出台)\s*$/;

/**
 * The title's own words and the words it quotes from another document's title. A document that
 * merely quotes a policy's title must not outrank the policy on those words, so quoted words
 * weigh B (as a summary's) instead of A; they still count as title words for the title tier.
 */
export function splitTitle(title: string): { own: string; quoted: string } {
  const open = title.indexOf('《');
  if (open < 0 || CARRIER.test(title.slice(0, open))) return { own: title, quoted: '' };
  const quoted: string[] = [];
  const own = title.replace(/《([^《》]*)》/g, (_, q: string) => {
    quoted.push(q);
    return '\n';
  });
  return { own, quoted: quoted.join('\n') };
}

/** Texts analysed per document, in this order (fieldTexts). */
const FIELDS = 5;

function fieldTexts(s: IndexSource): string[] {
  const head = [s.summary ?? '', s.keywords.join(' '), s.docNumber ?? '', s.issuers.map((i) => i.name).join(' ')].filter(Boolean).join('\n');
  let attachmentText = '';
  for (const a of s.attachments) {
    if (attachmentText.length >= MAX_ATTACHMENT_CHARS) break;
    attachmentText += (attachmentText ? '\n' : '') + a;
  }
  const cut = (t: string, max: number) => (t.length > max ? t.slice(0, max) : t);
  const { own, quoted } = splitTitle(s.title);
  return [own, quoted, head, cut(s.body ?? '', MAX_BODY_CHARS), cut(attachmentText, MAX_ATTACHMENT_CHARS)];
}

function vectorOf(s: IndexSource, fields: readonly IndexedWord[][]): SearchVector {
  const [title, quoted, head, body, attachments] = fields.map((f) => (f.length ? toTsvectorLiteral(f) : ''));
  // Quoted title words: marks like the rest of the title (a literal of their own: positions
  // never run on from the title's), weight B (indexer.ts).
  const titleMarks = markTitleLiteral(title);
  const quotedMarks = markTitleLiteral(quoted);
  const facets = facetLexemes(s).map(quoteLexeme).join(' ');
  const all = new Set<string>();
  for (const l of [title, titleMarks, quoted, quotedMarks, head, body, attachments, facets]) lexemesOf(l, all);
  return { title, titleMarks, quoted, quotedMarks, head, body, attachments, facets, lexemes: [...all] };
}

/** Analyse a document into the literals of its index entry (title, head, body, attachments). */
export function buildSearchVector(s: IndexSource): SearchVector {
  return vectorOf(s, analyzeFields(fieldTexts(s)));
}

/** Characters analysed in one call by buildSearchVectors. */
const BATCH_CHARS = 200_000;

/**
 * buildSearchVector for many documents, their fields analysed together in calls of up to
 * ~200 000 characters: a short document costs ~0.3 ms in call overhead alone when analysed
 * on its own (measured on the synthetic corpus, 240 characters a document: 1.0 → 0.3 ms).
 */
export function buildSearchVectors(sources: readonly IndexSource[]): SearchVector[] {
  const out: SearchVector[] = [];
  for (let i = 0; i < sources.length; ) {
    const texts: string[] = [];
    let chars = 0;
    let j = i;
    while (j < sources.length && (j === i || chars < BATCH_CHARS)) {
      const f = fieldTexts(sources[j]);
      for (const t of f) chars += t.length;
      texts.push(...f);
      j++;
    }
    const fields = analyzeFields(texts);
    for (let k = i; k < j; k++) out.push(vectorOf(sources[k], fields.slice((k - i) * FIELDS, (k - i) * FIELDS + FIELDS)));
    i = j;
  }
  return out;
}
