/**
 * Highlighted titles and snippets for search results.
 *
 * Matching runs on the folded text (so a Traditional or full-width document matches the
 * Simplified query tokens), and the output prints the ORIGINAL characters: foldWithMap keeps,
 * for every folded character, the range of the original it came from, which also covers the
 * rare NFKC cases where folding changes the length (① → 1, ㍿ → 株式会社, ﬁ → fi).
 *
 * Output is HTML in which everything but the <mark> elements is escaped: a document titled
 * <script>alert(1)</script> comes out as that text. Render it unescaped (preact:
 * dangerouslySetInnerHTML) only because of that guarantee; tests pin it.
 */
import { foldText, foldWithMap } from './normalize.ts'
import type { FoldedText } from './normalize.ts'

export interface SnippetOptions {
  /** length of the snippet in characters, not counting the ellipses (default 120) */
  maxLen?: number
  /** only the first this many characters of the text are searched for matches (default
   * 100,000): folding costs ~0.3 ms per KB, and a snippet from the first 100 KB is as good */
  maxScan?: number
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
}

/** Escaped, with whitespace runs (newlines of the body) shown as one space. */
function plain(s: string): string {
  return escapeHtml(s.replace(/\s+/gu, ' '))
}

/** A match as a range of the original text, and which token it is. */
interface Match {
  start: number
  end: number
  token: number
}

/** Most matches considered; a body with thousands of hits needs no more to pick a window. */
const MAX_MATCHES = 2000

const ASCII_WORD = /[a-z0-9]/

/**
 * All occurrences of the tokens in the folded text, as merged ranges of the original text.
 * Latin words and numbers must stand alone (2020 does not light up inside 20201, art not inside
 * start); Chinese has no such boundary, so Han tokens match anywhere.
 */
function findMatches(fm: FoldedText, tokens: readonly string[]): Match[] {
  const text = fm.folded
  // Tokens from highlightTokensOf are folded already; folding again makes raw words work too.
  const uniq = [...new Set(tokens.map((t) => foldText(t)).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  )
  const raw: Array<{ fs: number; fe: number; token: number }> = []
  uniq.forEach((tok, ti) => {
    const boundedStart = ASCII_WORD.test(tok[0])
    const boundedEnd = ASCII_WORD.test(tok[tok.length - 1])
    for (let at = text.indexOf(tok); at >= 0 && raw.length < MAX_MATCHES; at = text.indexOf(tok, at + 1)) {
      const end = at + tok.length
      if (boundedStart && at > 0 && ASCII_WORD.test(text[at - 1])) continue
      if (boundedEnd && end < text.length && ASCII_WORD.test(text[end])) continue
      raw.push({ fs: at, fe: end, token: ti })
    }
  })
  raw.sort((a, b) => a.fs - b.fs || b.fe - a.fe)
  const merged: Match[] = []
  for (const r of raw) {
    const start = fm.start[r.fs]
    const end = fm.end[r.fe - 1]
    const last = merged[merged.length - 1]
    if (last && start < last.end) {
      if (end > last.end) last.end = end
      continue
    }
    merged.push({ start, end, token: r.token })
  }
  return merged
}

/** Render original[from, to) with the matches inside it marked. */
function render(original: string, from: number, to: number, matches: readonly Match[]): string {
  let out = ''
  let pos = from
  for (const m of matches) {
    const s = Math.max(m.start, from)
    const e = Math.min(m.end, to)
    if (e <= s || s < pos) continue
    out += plain(original.slice(pos, s)) + `<mark>${plain(original.slice(s, e))}</mark>`
    pos = e
  }
  return out + plain(original.slice(pos, to))
}

/** Do not cut a surrogate pair in two. */
function atCodePoint(s: string, i: number): number {
  const c = s.charCodeAt(i)
  return i > 0 && i < s.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i
}

const SENTENCE_END = /[。！？；!?;\n]/

/**
 * The window of `maxLen` characters with the most distinct matched tokens (then the most
 * matches), starting a little before its first match — at a sentence start if one is near.
 */
function chooseWindow(original: string, matches: readonly Match[], maxLen: number): [number, number] {
  const len = original.length
  if (len <= maxLen) return [0, len]
  if (matches.length === 0) return [0, atCodePoint(original, maxLen)]
  const lead = Math.floor(maxLen / 5)
  const span = maxLen - lead
  let best = 0
  let bestScore = -1
  let j = 0
  const count = new Map<number, number>()
  for (let i = 0; i < matches.length; i++) {
    if (j < i) j = i // a match longer than the span leaves nothing counted
    // two pointers: matches[i..j) are those ending within `span` of matches[i].start
    while (j < matches.length && matches[j].end <= matches[i].start + span) {
      count.set(matches[j].token, (count.get(matches[j].token) ?? 0) + 1)
      j++
    }
    const score = count.size * 10_000 + (j - i)
    if (score > bestScore) {
      bestScore = score
      best = i
    }
    const t = matches[i].token
    const c = (count.get(t) ?? 1) - 1
    if (c <= 0) count.delete(t)
    else count.set(t, c)
  }
  const first = matches[best].start
  let start = Math.max(0, first - lead)
  for (let k = first - 1; k >= start; k--) {
    if (SENTENCE_END.test(original[k])) {
      start = k + 1
      break
    }
  }
  let end = Math.min(len, start + maxLen)
  if (end - start < maxLen) start = Math.max(0, end - maxLen)
  start = atCodePoint(original, start)
  end = atCodePoint(original, end)
  // Leading spaces would only show as a gap after the ellipsis.
  while (start < first && /\s/.test(original[start])) start++
  return [start, end]
}

/**
 * A snippet of `text` around the best cluster of matches of `tokens` (query tokens, already
 * folded: highlightTokensOf(parseQuery(q))), as escaped HTML with <mark> around matches and …
 * where the text was cut. Without matches, the beginning of the text.
 */
export function snippet(fullText: string, tokens: readonly string[], options: SnippetOptions = {}): string {
  if (!fullText) return ''
  let text = fullText
  const maxLen = Math.max(10, Math.floor(options.maxLen ?? 120))
  const maxScan = Math.max(maxLen, Math.floor(options.maxScan ?? 100_000))
  if (text.length > maxScan) text = text.slice(0, atCodePoint(text, maxScan))
  const fm = foldWithMap(text)
  const matches = findMatches(fm, tokens)
  let [start, end] = chooseWindow(text, matches, maxLen)
  while (start < end && /\s/.test(text[start])) start++
  while (end > start && /\s/.test(text[end - 1])) end--
  const body = render(text, start, end, matches)
  const more = end < text.length ? text.slice(end).trim() !== '' : fullText.length > text.length
  return `${start > 0 ? '…' : ''}${body}${more ? '…' : ''}`
}

/** The whole title, escaped, with <mark> around matches of the query tokens. */
export function highlightTitle(title: string, tokens: readonly string[]): string {
  if (!title) return ''
  const matches = findMatches(foldWithMap(title), tokens)
  return render(title, 0, title.length, matches)
}
