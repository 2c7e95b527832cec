/**
 * Chinese word segmentation for the search index and for queries (jieba, via @node-rs/jieba 2).
 *
 * Query side ({@link queryTokens}): jieba `cut` (not search mode, HMM on) on the folded query,
 * with the government vocabulary of govdict.ts loaded, so 政务公开 or 依申请公开 is one token.
 *
 * Index side ({@link analyzeText}, {@link indexTokens}) must contain every token such a query
 * can produce wherever the text contains it. So for each text:
 *  1. WORDS: the same `cut` as queries (HMM on, government vocabulary) — the positional stream.
 *  2. EDGE WORDS: the dictionary words across the edges of each government word. A custom
 *     word can take a character from its neighbour (市政府办公室 → 市 / 政府办公室;
 *     县政府信息公开 → 县 / 政府信息公开), and then 市政府 or 县政府 would be unfindable. These
 *     are the words a query cutting through the government word gives (see {@link edgeWords}).
 *  3. SUB-WORDS: every dictionary word of two or more characters inside a word of three or
 *     more — jieba's search mode (`cutForSearch`: 政务公开 → 政务, 公开), extended to sub-words
 *     of four or more characters (政府信息公开 → 信息公开), which search mode never yields.
 *
 * The text stream ({@link indexTokens}) puts the words first, in order, then the rest:
 * `to_tsvector('simple', …)` numbers tokens in order and the phrase operator `<->` needs
 * consecutive words at consecutive positions; jieba's search-mode order (政务/公开/政务公开/
 * 工作/要点/工作要点) would put sub-words between them and break every phrase.
 * {@link toTsvectorLiteral} instead gives the extra tokens the position of their word.
 *
 * Both sides drop punctuation and a short list of function words, and split what jieba keeps
 * together around symbols (covid-19 → covid, 19; 3.14% → 3, 14), so every token is made of
 * letters, digits and marks only. That makes tokens parser-neutral — PostgreSQL's text-search
 * parser turns each into exactly one lexeme whatever the database locale — and no token can
 * carry tsquery syntax (& | ! ( ) : * ' \ <->).
 */
import { foldText } from './normalize.ts'
import { GOV_WORD_GUESSED_PARTS, govWordSet } from './govdict.ts'
import { gov } from './segmenter.ts'

/** Load the dictionary now (≈ 0.3 s), so that the first search or indexing does not wait. */
export function warmUpTokenizer(): void {
  gov().cut('政务公开', true)
}

/**
 * Function words dropped on both sides. They occur in almost every document (关于…的通知), so
 * they cost index space and rank nothing. Only whole tokens are dropped: 的 goes, 目的 stays.
 */
export const STOP_TOKENS: ReadonlySet<string> = new Set([
  '的', '地', '得', '之', '了', '着', '过', '和', '与', '及', '跟', '同', '或', '或者', '以及', '及其',
  '并', '并且', '而', '而且', '且', '在', '于', '是', '对', '对于', '关于', '把', '被', '将', '向',
  '从', '由', '以', '其', '该', '此', '这', '那', '等', '等等', '也', '都', '又', '就', '则', '即',
  '但', '但是', '所', '啊', '吧', '呢', '吗', '么', '呀', '嘛', '哦',
])

/** Longest token kept. Longer runs are URLs, base64 or tables glued together, not words, and
 * PostgreSQL refuses lexemes over 2 KB anyway. An 18-character 统一社会信用代码 fits. */
export const MAX_TOKEN_LENGTH = 64

const TOKEN = /^[\p{L}\p{N}\p{M}]+$/u
const TOKEN_RUN = /[\p{L}\p{N}\p{M}]+/gu
const HAN = /\p{Script=Han}/u

/** CJK Unified Ideographs and extension A, the Han characters of nearly all text */
const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)

/** Whether every character is a letter, digit or mark. Han characters and ASCII letters and
 * digits are decided by code (they are nearly all of the text; a Unicode-property regular
 * expression per token cost ~70 ms per MB), anything else by the regular expression. */
function isTokenChars(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (isHan(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue
    if (c < 0x80) return false
    return TOKEN.test(t)
  }
  return t.length > 0
}

/** True if the string is a token this module could emit (letters, digits, marks only). */
export function isSafeToken(t: string): boolean {
  return t.length > 0 && t.length <= MAX_TOKEN_LENGTH && TOKEN.test(t)
}

function keep(t: string): boolean {
  return t.length <= MAX_TOKEN_LENGTH && !STOP_TOKENS.has(t)
}

/** Tokens with their offsets in the folded text, as parallel arrays (a text has ~200 k
 * tokens per MB; one object each doubled the garbage-collection time). */
interface Pieces {
  tokens: string[]
  starts: number[]
}

/** jieba tokens → parser-neutral pieces with their offsets, stop tokens dropped. jieba keeps
 * every character of its input, so a running sum of lengths gives each offset. */
function toPieces(raw: readonly string[]): Pieces {
  const tokens: string[] = []
  const starts: number[] = []
  let offset = 0
  for (const r of raw) {
    if (isTokenChars(r)) {
      if (keep(r)) {
        tokens.push(r)
        starts.push(offset)
      }
    } else if (r.length > 1 || r.charCodeAt(0) >= 0x80) {
      for (const m of r.matchAll(TOKEN_RUN)) {
        if (keep(m[0])) {
          tokens.push(m[0])
          starts.push(offset + m.index)
        }
      }
    }
    offset += r.length
  }
  return { tokens, starts }
}

/**
 * Dictionary sub-words of each distinct word of ≥ 3 characters that contains a Han character.
 * All such words go to jieba in one call, separated by newlines (which jieba emits as tokens of
 * their own), so the cost is one native call per text, not one per word. `cutAll` lists every
 * dictionary word inside, which is what `cutForSearch` draws its 2- and 3-character pieces from;
 * single characters are left out (they would match almost everything).
 */
function subWords(words: Iterable<string>): Map<string, string[]> {
  const result = new Map<string, string[]>()
  const todo: string[] = []
  for (const w of words) {
    if (result.has(w)) continue
    result.set(w, GOV_WORD_GUESSED_PARTS.get(w)?.slice() ?? [])
    if (w.length >= 3 && HAN.test(w)) todo.push(w)
  }
  if (todo.length === 0) return result
  let i = 0
  let seen = new Set<string>()
  for (const t of gov().cutAll(todo.join('\n'))) {
    if (t === '\n') {
      i++
      seen = new Set<string>()
      continue
    }
    const w = todo[i]
    if (w === undefined) break
    if (t.length < 2 || t === w || !w.includes(t) || seen.has(t) || !TOKEN.test(t) || !keep(t)) continue
    seen.add(t)
    result.get(w)!.push(t)
  }
  return result
}

/** A word of the index and the further tokens found where it stands. */
export interface IndexedWord {
  word: string
  /** other-segmentation words starting inside this word, and dictionary sub-words */
  extra: readonly string[]
}

/** How far from a government word a neighbouring word may start or end to be part of a probe. */
const EDGE_REACH = 8

/**
 * Words across the edges of the government words (市政府 in 朝阳 / 市 / 政府办公室): a query that
 * cuts through a government word is segmented without it (市政府 → 市政府), so the index needs
 * the words such a query gives there. For each government word, the text from the start of one
 * of the two words before it up to each character inside it, and from each character inside it
 * to the end of one of the two words after it, is segmented as a query would be, with
 * dictionary words only (jieba's guesses of unknown words there are noise: 年政, 市司); the words
 * that cross the government word's edge are kept, under the word where they start.
 *
 * Only what a query could give is added: full mode (every dictionary word) would also put 开工
 * into 政务公开 / 工作要点, where no segmentation has it. All probes go to jieba in one call
 * (joined by newlines; probes are Han only, since jieba keeps digits and letters together with
 * a newline), so indexing needs one segmenter, not a second with jieba's stock dictionary
 * (≈ 45 MB outside the JS heap, #15 item 4). tokenize.unit.test.ts checks on the seed plan that
 * every dictionary word of the stock segmentation is in the index and every word it guesses is
 * found by its query tokens.
 */
/** Edge words of a government word in a context seen before: key (the context and where the
 * word and its neighbours stand in it) → [offset in the context, word, …]. The same government
 * words stand beside the same neighbours again and again (政府信息公开工作), so most of a
 * document's, and of the next document's, are answered here. Bounded. */
const edgeCache = new Map<string, readonly (number | string)[]>()
const EDGE_CACHE_MAX = 10_000

function edgeWords(folded: string, words: Pieces): Array<string[] | undefined> {
  const { tokens, starts } = words
  const extras: Array<string[] | undefined> = new Array(tokens.length)
  const ours = govWordSet()
  /** under the word where it starts (binary search: contexts come in no order) */
  const add = (start: number, word: string): void => {
    let lo = 0
    let hi = tokens.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= start) lo = mid
      else hi = mid - 1
    }
    const list = (extras[lo] ??= [])
    if (!list.includes(word)) list.push(word)
  }
  const addAll = (at: number, found: readonly (number | string)[]): void => {
    for (let k = 0; k < found.length; k += 2) add(at + (found[k] as number), found[k + 1] as string)
  }
  // contexts not in the cache, and their probes: text, the context they belong to, its offset, edge
  const todo = new Map<string, { at: number[]; found: (number | string)[] }>()
  const probes: { text: string; ctx: { at: number[]; found: (number | string)[] }; from: number; edge: number }[] = []
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]
    if (word.length < 2 || !ours.has(word)) continue
    const s = starts[i]
    const e = s + word.length
    // the Han run around the word, at most EDGE_REACH characters each way
    let lo = s
    while (lo > 0 && s - lo < EDGE_REACH && isHan(folded.charCodeAt(lo - 1))) lo--
    let hi = e
    while (hi < folded.length && hi - e < EDGE_REACH && isHan(folded.charCodeAt(hi))) hi++
    const before: number[] = []
    const after: number[] = []
    for (let n = 1; n <= 2; n++) {
      if (i - n >= 0 && starts[i - n] >= lo && starts[i - n] < s) before.push(starts[i - n])
      const end = i + n < tokens.length ? starts[i + n] + tokens[i + n].length : -1
      if (end > e && end <= hi) after.push(end)
    }
    if (before.length === 0 && after.length === 0) continue
    const a = before.length ? Math.min(...before) : s
    const b = after.length ? Math.max(...after) : e
    const text = folded.slice(a, b)
    const key = `${before.map((x) => x - a).join(',')}|${s - a},${e - a}|${after.map((x) => x - a).join(',')}|${text}`
    const known = edgeCache.get(key)
    if (known) {
      addAll(a, known)
      continue
    }
    let ctx = todo.get(key)
    if (ctx) {
      ctx.at.push(a)
      continue
    }
    todo.set(key, (ctx = { at: [a], found: [] }))
    for (let j = s + 1; j < e; j++) {
      for (const x of before) probes.push({ text: folded.slice(x, j), ctx, from: x - a, edge: s - a })
      for (const y of after) probes.push({ text: folded.slice(j, y), ctx, from: j - a, edge: e - a })
    }
  }
  if (probes.length > 0) {
    let p = 0
    let offset = 0
    for (const t of gov().cut(probes.map((x) => x.text).join('\n'), false)) {
      if (t === '\n') {
        p++
        offset = 0
        continue
      }
      const start = offset
      offset += t.length
      const pr = probes[p]
      if (!pr) break
      if (start < pr.edge - pr.from && pr.edge - pr.from < offset && !STOP_TOKENS.has(t) && isTokenChars(t)) {
        const f = pr.ctx.found
        let dup = false
        for (let k = 0; k < f.length; k += 2) if (f[k] === pr.from + start && f[k + 1] === t) dup = true
        if (!dup) f.push(pr.from + start, t)
      }
    }
  }
  if (edgeCache.size + todo.size > EDGE_CACHE_MAX) edgeCache.clear()
  for (const [key, ctx] of todo) {
    edgeCache.set(key, ctx.found)
    for (const a of ctx.at) addAll(a, ctx.found)
  }
  return extras
}

interface Analysis {
  words: string[]
  /** per word, the extra tokens at its place (undefined: none) */
  extras: Array<readonly string[] | undefined>
}

function analyze(text: string): Analysis {
  const folded = foldText(text)
  if (!folded) return { words: [], extras: [] }
  const pieces = toPieces(gov().cut(folded, true))
  const other = edgeWords(folded, pieces)
  const words = pieces.tokens

  // Sub-words of every word and of every other-segmentation word (only ≥ 3 characters have any).
  const long = new Set<string>()
  for (const w of words) if (w.length >= 3) long.add(w)
  for (const e of other) if (e) for (const t of e) if (t.length >= 3) long.add(t)
  const subs = subWords(long)

  const extras: Array<readonly string[] | undefined> = new Array(words.length)
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    const own = word.length >= 3 ? subs.get(word) : undefined
    const o = other[i]
    if (!o) {
      extras[i] = own && own.length > 0 ? own : undefined
      continue
    }
    const seen = new Set<string>([word])
    const extra: string[] = []
    for (const t of [...o, ...o.flatMap((e) => subs.get(e) ?? []), ...(own ?? [])]) {
      if (!seen.has(t)) {
        seen.add(t)
        extra.push(t)
      }
    }
    extras[i] = extra
  }
  return { words, extras }
}

/** Analyse a document text: its words in order, each with the extra tokens at its place. */
export function analyzeText(text: string): IndexedWord[] {
  const { words, extras } = analyze(text)
  return words.map((word, i) => ({ word, extra: extras[i] ?? [] }))
}

/**
 * Index tokens of a text: its words in order, then the extra tokens (once per occurrence of
 * their word, so that frequencies stay right for ranking). Feed to {@link toTsvectorText}.
 */
export function indexTokens(text: string): string[] {
  const { words, extras } = analyze(text)
  const out = words.slice()
  for (const e of extras) if (e) for (const s of e) out.push(s)
  return out
}

/**
 * The space-joined string for `to_tsvector('simple', $1)`. Every token is checked again here
 * (letters, digits and marks only), so whatever reaches the SQL cannot contain `:` `'` `\` or
 * tsquery operators, and PostgreSQL's parser makes exactly one lexeme of each.
 */
export function toTsvectorText(tokens: readonly string[]): string {
  return tokens.filter(isSafeToken).join(' ')
}

/** PostgreSQL's limits for a tsvector: positions 1..16383, at most 256 positions per lexeme. */
const MAX_POSITION = 16_383
const MAX_POSITIONS_PER_LEXEME = 256

/**
 * Alternative to to_tsvector: a tsvector literal for `$1::tsvector` in which every extra token
 * shares the position of its word ('政务':1 '公开':1 '政务公开':1 '工作':2 …). With it a phrase
 * also matches across sub-words ("公开工作" finds 政务公开工作要点), which the words-then-rest
 * text cannot do. The cast runs no parser, so the result does not depend on the database's
 * locale or text-search configuration.
 */
export function toTsvectorLiteral(analysed: readonly IndexedWord[]): string {
  const positions = new Map<string, number[]>()
  const add = (lexeme: string, pos: number): void => {
    if (!isSafeToken(lexeme)) return
    let list = positions.get(lexeme)
    if (!list) positions.set(lexeme, (list = []))
    if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== pos) list.push(pos)
  }
  analysed.forEach((a, i) => {
    const pos = Math.min(i + 1, MAX_POSITION)
    add(a.word, pos)
    for (const s of a.extra) add(s, pos)
  })
  const parts: string[] = []
  for (const [lexeme, list] of positions) parts.push(`${quoteLexeme(lexeme)}:${list.join(',')}`)
  return parts.join(' ')
}

/** Quote a lexeme for a tsvector/tsquery literal. Tokens never contain ' or \, but a literal
 * is SQL-adjacent, so escape anyway rather than rely on it. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

/** Query tokens of already-folded text (query.ts folds once and calls this per segment).
 * `hmm: false` turns jieba's guessing of unknown words off: the result then shows which
 * characters no dictionary word covers (suggest.ts uses that to spot typos). */
export function queryTokensFolded(folded: string, options?: { hmm?: boolean }): string[] {
  if (!folded) return []
  const out: string[] = []
  for (const t of toPieces(gov().cut(folded, options?.hmm ?? true)).tokens) if (!out.includes(t)) out.push(t)
  return out
}

/** Tokens of a query text: jieba `cut` (not search mode) on the folded text, deduplicated. */
export function queryTokens(text: string, options?: { hmm?: boolean }): string[] {
  return queryTokensFolded(foldText(text), options)
}
