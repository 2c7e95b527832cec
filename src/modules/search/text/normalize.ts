/**
 * Text folding for search: the one function that both the index side and the query side run,
 * so that what a person types and what a document says meet in the same form.
 *
 *   1. NFKC — full-width letters, digits and punctuation become half-width (２０２０ → 2020,
 *      ＡＢＣ → ABC, （ → (, the ideographic space → ' '), CJK compatibility ideographs become the
 *      unified ones.
 *   2. Lower-case (Latin and other cased scripts).
 *   3. Traditional → Simplified with OpenCC data (opencc-js), so that 政務公開 finds 政务公开.
 *   4. Zero-width characters removed, control characters and whitespace runs collapsed to one
 *      space, ends trimmed.
 *
 * Why a hand-built converter rather than `Converter({ from: 'tw', to: 'cn' })`: measured on the
 * seed texts, 'tw' misses Hong Kong forms (衞生 stays 衞生), 'hk' misses Taiwan forms (著手 stays
 * 著手), and the phrase presets ('twp') rewrite vocabulary (文件 → 文档), which is wrong for
 * government text. Merging the TW and HK variant tables (they never disagree: 0 conflicting
 * keys in opencc-js 1.4.2) in front of the standard TS tables handles 政務/規範/條例, 衞/綫/裏 and
 * 著手 alike, and is faster than 'tw' because it skips the segmentation pass (73 ms of CPU for
 * 1 MB of Traditional text, against 133 ms for 'tw' and 103 ms for 'hk'; bench.ts, README).
 *
 * Speed: most documents are Simplified already. A text that contains none of the characters the
 * tables would change (plus the first changed character of each phrase entry such as
 * 反覆 → 反复) is left as is without running the converter, which gives the same
 * result and costs a table lookup per character (~3 ms per MB) instead of two trie passes.
 */
import { ConverterFactory } from 'opencc-js/core'
import type { ConverterFunction, DictLike } from 'opencc-js/core'
import { from, to } from 'opencc-js/preset/t2cn'

interface TsConverter {
  convert: ConverterFunction
  /** BMP characters whose presence means the converter could change the text, by code unit
   * (a table lookup per character is ~20× faster than a 3,000-character regex class) */
  triggerBmp: Uint8Array
  /** the same for characters outside the BMP, by code point */
  triggerAstral: Set<number>
}

let converter: TsConverter | undefined

function dictPairs(dict: DictLike): ReadonlyArray<readonly [string, string]> {
  if (typeof dict !== 'string') return dict
  if (dict === '') return []
  // opencc-js serialises a table as "src dst|src dst|…"
  return dict.split('|').map((entry) => {
    const [src, dst] = entry.split(' ')
    return [src, dst ?? src] as const
  })
}

/** Built once, on first use: ~100 ms (tables, then one conversion per table entry). */
function getConverter(): TsConverter {
  if (converter) return converter
  const variants = [...from.tw[0], ...from.hk[0]]
  const standard = to.cn
  const convert = ConverterFactory(variants, ...standard)
  // The variant tables map in both directions on the way (台 → 臺 → 台), so what counts is the
  // net effect of the whole converter, tested per table entry.
  const triggers = new Set<string>()
  for (const dict of [...variants, ...standard.flat()]) {
    for (const [src] of dictPairs(dict)) {
      const chars = [...src]
      if (chars.some((c) => triggers.has(c))) continue
      const out = [...convert(src)]
      // A phrase entry can change text none of whose characters change alone (反覆 → 反复):
      // its first changed character joins the set, and any text containing it is converted.
      const i = chars.findIndex((c, k) => out[k] !== c)
      if (i >= 0) triggers.add(chars[i])
    }
  }
  const triggerBmp = new Uint8Array(0x10000)
  const triggerAstral = new Set<number>()
  for (const t of triggers) {
    const cp = t.codePointAt(0)!
    if (cp < 0x10000) triggerBmp[cp] = 1
    else triggerAstral.add(cp)
  }
  converter = { convert, triggerBmp, triggerAstral }
  return converter
}

function needsConversion(s: string, c: TsConverter): boolean {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    if (u < 0x3400) continue // no Han below U+3400
    if (c.triggerBmp[u]) return true
    if (u >= 0xd800 && u <= 0xdbff && c.triggerAstral.has(s.codePointAt(i)!)) return true
  }
  return false
}

/** Traditional → Simplified only (no other folding). Skips texts the converter would leave
 * unchanged anyway (see the header). */
export function toSimplified(s: string): string {
  const c = getConverter()
  return needsConversion(s, c) ? c.convert(s) : s
}

/** The converter without the skip, for tests that check the skip changes nothing. */
export function toSimplifiedUnchecked(s: string): string {
  return getConverter().convert(s)
}

// Lone surrogates would reach jieba's UTF-8 conversion and PostgreSQL as invalid text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const ANY_SURROGATE = /[\uD800-\uDFFF]/
// Invisible characters that copy-paste from Word/PDF leaves inside words (政务\u200b公开).
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g

/** Fold a text for matching: NFKC, lower-case, Traditional → Simplified, collapsed whitespace.
 * `keepCase` skips lower-casing (for 文号 detection, whose keys keep Latin case). */
export function foldText(input: string, options?: { keepCase?: boolean }): string {
  if (!input) return ''
  let s = (ANY_SURROGATE.test(input) ? input.replace(LONE_SURROGATE, '\uFFFD') : input)
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .normalize('NFKC')
  if (!options?.keepCase) s = s.toLowerCase()
  return toSimplified(s).replace(/\s+/gu, ' ').trim()
}

/**
 * The folded text plus, for every UTF-16 unit of it, the range of the original text it came
 * from, so that highlighting can match on folded text and still print the original characters.
 */
export interface FoldedText {
  folded: string
  /** start[i] = index in the original of the character that produced folded[i] */
  start: Int32Array
  /** end[i] = index just after that original character (and its combining marks) */
  end: Int32Array
}

// Per-character fold cache: a text uses a few thousand distinct characters at most, and
// normalising each one anew costs ~100 ms per MB.
const pieceCache = new Map<string, string>()

function foldPiece(cluster: string): string {
  if (cluster.length === 1) {
    const code = cluster.charCodeAt(0)
    if (code < 0x80) {
      // tabs, newlines and other C0 controls all become a space, like CONTROL in foldText
      if (code < 0x20 || code === 0x7f) return ' '
      return cluster.toLowerCase()
    }
  }
  let piece = pieceCache.get(cluster)
  if (piece === undefined) {
    let s = cluster.replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE, '').replace(CONTROL, ' ')
    s = s.normalize('NFKC').toLowerCase()
    piece = s
    if (pieceCache.size < 20_000) pieceCache.set(cluster, piece)
  }
  return piece
}

/**
 * Same folding as {@link foldText}, character by character, keeping the position map. The
 * result equals foldText(input) except in exotic cases (context-dependent lower-casing such as
 * Greek final sigma), which only matter for highlighting.
 */
export function foldWithMap(input: string): FoldedText {
  // Stage 1: NFKC + lower-case. Fast path: every UTF-16 unit folds alone to exactly one unit
  // (Chinese, ASCII, full-width forms, CJK punctuation — nearly every government text), so the
  // map is the identity. Otherwise per grapheme-ish cluster (a code point and its combining
  // marks; NFKC never composes across such clusters in practice).
  let pre: string
  let s1: ArrayLike<number>
  let e1: ArrayLike<number>
  const units = foldUnitByUnit(input)
  if (units !== null) {
    pre = units
    const st = new Int32Array(input.length)
    const en = new Int32Array(input.length)
    for (let i = 0; i < input.length; i++) {
      st[i] = i
      en[i] = i + 1
    }
    s1 = st
    e1 = en
  } else {
    const pieces: string[] = []
    const pStart: number[] = []
    const pEnd: number[] = []
    const cluster = /\P{M}\p{M}*|\p{M}+/gsu
    for (const m of input.matchAll(cluster)) {
      pieces.push(foldPiece(m[0]))
      pStart.push(m.index)
      pEnd.push(m.index + m[0].length)
    }
    pre = ''
    const st: number[] = []
    const en: number[] = []
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k]
      pre += p
      for (let u = 0; u < p.length; u++) {
        st.push(pStart[k])
        en.push(pEnd[k])
      }
    }
    s1 = st
    e1 = en
  }

  // Stage 2: Traditional → Simplified on the whole text (phrase entries need context). The
  // tables map characters one to one, so the length is kept; if a table ever maps to a longer
  // or shorter string, convert code point by code point instead and rebuild the map.
  let conv = toSimplified(pre)
  let s2: ArrayLike<number> = s1
  let e2: ArrayLike<number> = e1
  if (conv.length !== pre.length) {
    conv = ''
    const st: number[] = []
    const en: number[] = []
    s2 = st
    e2 = en
    let i = 0
    for (const cp of pre) {
      const out = toSimplified(cp)
      conv += out
      for (let u = 0; u < out.length; u++) {
        st.push(s1[i])
        en.push(e1[i])
      }
      i += cp.length
    }
  }

  // Stage 3: collapse whitespace, trim.
  const out: string[] = []
  const start = new Int32Array(conv.length)
  const end = new Int32Array(conv.length)
  let n = 0
  let pendingSpace = -1
  for (let i = 0; i < conv.length; i++) {
    const code = conv.charCodeAt(i)
    if (isSpace(code)) {
      if (n > 0 && pendingSpace < 0) pendingSpace = i
      continue
    }
    if (pendingSpace >= 0) {
      out.push(' ')
      start[n] = s2[pendingSpace]
      end[n] = e2[pendingSpace]
      n++
      pendingSpace = -1
    }
    out.push(conv[i])
    start[n] = s2[i]
    end[n] = e2[i]
    n++
  }
  return { folded: out.join(''), start: start.slice(0, n), end: end.slice(0, n) }
}

/** `/\s/u` on one UTF-16 unit, without a regular expression per character. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

// Per UTF-16 unit: its fold when it folds alone to exactly one unit and cannot combine with a
// neighbour under NFKC (≥ 0), NOT_ONE_TO_ONE, or UNKNOWN before first use. Combining marks,
// surrogates and Hangul jamo (which compose with the next character), and characters that vanish
// or expand (invisible ones, …, ㍿) are not one to one.
const UNKNOWN = -1
const NOT_ONE_TO_ONE = -2
const unitFold = new Int32Array(0x10000).fill(UNKNOWN)

function foldOneUnit(code: number): number {
  const known = unitFold[code]
  if (known !== UNKNOWN) return known
  let f = NOT_ONE_TO_ONE
  const ch = String.fromCharCode(code)
  const jamo = (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff) || (code >= 0xff9e && code <= 0xffdc)
  if (!(code >= 0xd800 && code <= 0xdfff) && !jamo && !/\p{M}/u.test(ch)) {
    const p = foldPiece(ch)
    if (p.length === 1 && !/\p{M}/u.test(p)) f = p.charCodeAt(0)
  }
  unitFold[code] = f
  return f
}

/** The stage-1 fold of a text whose every unit folds one to one, or null. */
function foldUnitByUnit(input: string): string | null {
  const codes = new Uint16Array(input.length)
  for (let i = 0; i < input.length; i++) {
    const f = foldOneUnit(input.charCodeAt(i))
    if (f < 0) return null
    codes[i] = f
  }
  let out = ''
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.subarray(i, i + 4096))
  return out
}
