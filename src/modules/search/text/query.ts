/**
 * The search box language (条例 第24条: the platform must offer 信息检索).
 *
 *   政务公开 2020            words: every word must match (AND)
 *   "政务公开工作要点"        a phrase, also “…” and 「…」 / 『…』: its words in this order
 *   -征求意见  -"年度报告"    exclusion of a word or a phrase
 *   朝政发〔2020〕12号        a 文号 in any common spelling ([2020], (2020), 2020年, 第12号,
 *                            Traditional 朝政發…): reported as `docNumber` so the document
 *                            carrying that number can be ranked first
 *
 * Everything else (& | ! ( ) : * < > \ ' …) is punctuation and is dropped by the tokenizer, so
 * no input can produce tsquery syntax; {@link toTsquery} builds the operators itself.
 *
 * Limits: the trimmed query may have at most {@link MAX_QUERY_LENGTH} characters; longer or
 * empty input gives `ok: false` with a zh/en message, never an exception, and a long input is
 * rejected before any segmentation work.
 */
import { docNumberSearchKey, parseDocNumber } from '../../documents/domain/docnumber.ts'
import { foldText } from './normalize.ts'
import { isSafeToken, queryTokensFolded, quoteLexeme } from './tokenize.ts'

export const MAX_QUERY_LENGTH = 200

export type QueryMessageCode =
  | 'empty'
  | 'too_long'
  | 'nothing_searchable'
  | 'only_exclusions'
  | 'unbalanced_quote'
  | 'words_ignored'

export interface QueryMessage {
  code: QueryMessageCode
  zh: string
  en: string
}

export interface DocNumberQuery {
  /** the 文号 as found in the query (after full-width and Traditional folding) */
  text: string
  /** GB/T 9704 form, e.g. 朝政发〔2020〕12号 */
  normalized: string
  /** documents' `docNumberSearchKey(docNumber)` equals this when it is the same 文号 */
  key: string
  /**
   * `key` first, then the keys with shorter 发文机关代字: words typed right before a 文号 stick
   * to it (关于朝政发〔2020〕12号 reads as 代字 关于朝政发), so match `= ANY(keys)` and prefer
   * the longest key that matches.
   */
  keys: string[]
}

export interface ParsedQuery {
  ok: boolean
  /** the input, trimmed */
  raw: string
  /** each free-text word (split at spaces) → its tokens */
  terms: string[][]
  /** each quoted phrase → its tokens, in order */
  phrases: string[][]
  /** each excluded word or phrase → its tokens */
  excluded: string[][]
  docNumber?: DocNumberQuery
  /** set when ok is false: show errors[0] instead of results */
  errors: QueryMessage[]
  /** the query ran, but the user may want to know */
  warnings: QueryMessage[]
}

const message = {
  empty: (): QueryMessage => ({
    code: 'empty',
    zh: '请输入搜索关键词',
    en: 'Please enter a search query.',
  }),
  tooLong: (length: number): QueryMessage => ({
    code: 'too_long',
    zh: `搜索内容过长（${length}个字），请精简到${MAX_QUERY_LENGTH}个字以内`,
    en: `The query is too long (${length} characters); please shorten it to at most ${MAX_QUERY_LENGTH}.`,
  }),
  nothingSearchable: (): QueryMessage => ({
    code: 'nothing_searchable',
    zh: '搜索内容只有标点符号或“的、和、关于”等常用词，请输入更具体的关键词',
    en: 'The query has only punctuation or very common words; please enter more specific words.',
  }),
  onlyExclusions: (): QueryMessage => ({
    code: 'only_exclusions',
    zh: '请至少输入一个要查找的词（以“-”开头的词表示排除，不能单独使用）',
    en: 'Please enter at least one word to search for; words starting with “-” only exclude.',
  }),
  unbalancedQuote: (): QueryMessage => ({
    code: 'unbalanced_quote',
    zh: '引号没有配对，已把引号后的全部内容作为一个短语查找',
    en: 'A quotation mark is not closed; everything after it was searched as one phrase.',
  }),
  wordsIgnored: (words: string[]): QueryMessage => ({
    code: 'words_ignored',
    zh: `以下内容只含标点或常用词，已忽略：${words.join('、')}`,
    en: `Ignored (only punctuation or very common words): ${words.join(', ')}`,
  }),
}

/** Opening quotation mark → the marks that close it. IMEs often produce ” for both ends. */
const QUOTES: Record<string, string> = {
  '"': '"“”',
  '“': '"“”',
  '”': '"“”',
  '「': '」',
  '『': '』',
}

function refuse(raw: string, error: QueryMessage): ParsedQuery {
  return { ok: false, raw, terms: [], phrases: [], excluded: [], errors: [error], warnings: [] }
}

/** Length in characters (code points), as a person counts them. */
function charLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

export function parseQuery(input: unknown): ParsedQuery {
  const raw = typeof input === 'string' ? input.trim() : ''
  if (raw === '') return refuse(raw, message.empty())
  // Checked before any folding or segmentation, so a huge input costs nothing.
  if (raw.length > MAX_QUERY_LENGTH * 2 || charLength(raw) > MAX_QUERY_LENGTH) {
    return refuse(raw, message.tooLong(charLength(raw)))
  }

  // Case is kept until tokenizing, so a 文号 with a Latin 代字 keeps its key.
  const text = foldText(raw, { keepCase: true })
  const warnings: QueryMessage[] = []
  const phrases: string[][] = []
  const excluded: string[][] = []
  const terms: string[][] = []
  const ignored: string[] = []

  // 1. Quoted phrases, cut out of the text (replaced by a space).
  let rest = ''
  for (let i = 0; i < text.length; ) {
    const closers = QUOTES[text[i]]
    if (!closers) {
      rest += text[i++]
      continue
    }
    let j = i + 1
    while (j < text.length && !closers.includes(text[j])) j++
    if (j >= text.length) warnings.push(message.unbalancedQuote())
    const body = text.slice(i + 1, j)
    // -"…" excludes the phrase: the '-' must start a word.
    const negated = rest.endsWith('-') && (rest.length === 1 || /\s/.test(rest[rest.length - 2]))
    if (negated) rest = rest.slice(0, -1)
    const tokens = queryTokensFolded(foldText(body))
    if (tokens.length > 0) (negated ? excluded : phrases).push(tokens)
    else if (body.trim()) ignored.push(body.trim())
    rest += ' '
    i = j + 1
  }

  // 2. A 文号 outside quotes (it may contain spaces: 朝政发 〔2020〕 12 号).
  const docNumber = findDocNumber(rest)
  if (docNumber) {
    rest = rest.slice(0, docNumber.start) + ' ' + rest.slice(docNumber.end)
    const tokens = queryTokensFolded(foldText(docNumber.query.normalized))
    if (tokens.length > 0) terms.push(tokens)
  }

  // 3. Words; a leading '-' excludes, a leading '+' (must contain) is what words do anyway.
  for (const word of rest.split(/\s+/)) {
    if (!word) continue
    const negated = word.startsWith('-')
    const body = word.replace(/^[-+]+/, '')
    if (!body) continue
    const tokens = queryTokensFolded(foldText(body))
    if (tokens.length > 0) (negated ? excluded : terms).push(tokens)
    else ignored.push(word)
  }

  if (ignored.length > 0) warnings.push(message.wordsIgnored(ignored))
  const parsed: ParsedQuery = {
    ok: true,
    raw,
    terms,
    phrases,
    excluded,
    errors: [],
    warnings,
  }
  if (docNumber) parsed.docNumber = docNumber.query
  if (terms.length === 0 && phrases.length === 0) {
    parsed.ok = false
    parsed.errors.push(excluded.length > 0 ? message.onlyExclusions() : message.nothingSearchable())
  }
  return parsed
}

// 文号 as people type it (GB/T 9704-2012 §7.2.4 form and the usual deviations). The 代字 is a
// run of Han characters or Latin letters; parseDocNumber (documents/domain/docnumber.ts) then
// decides whether it really is one and gives the standard form.
const OPEN = '〔\\[(【〖{<《「'
const CLOSE = '〕\\])】〗}>》」'
const AGENCY = '[\\u4e00-\\u9fa5A-Za-z]'
const DOC_NUMBER_RE = new RegExp(
  `(${AGENCY}{2,30})\\s*(?:[${OPEN}]\\s*\\d{4}\\s*[${CLOSE}]|\\d{4}\\s*年)\\s*(?:第\\s*)?\\d{1,6}\\s*(?:号|(?=\\s|$))` +
    `|(${AGENCY}{1,30}令)\\s*第\\s*\\d{1,6}\\s*号`,
  'u',
)

const ORDER_GLUE = /^(?:关于|根据|依据|依照|按照|印发|转发|执行|落实|贯彻|废止|修改)+/u

interface FoundDocNumber {
  start: number
  end: number
  query: DocNumberQuery
}

/** Find the first 文号 in the text and its keys. */
export function findDocNumber(text: string): FoundDocNumber | undefined {
  const m = DOC_NUMBER_RE.exec(text)
  if (!m) return undefined
  const found = m[0]
  const parsed = parseDocNumber(found)
  if (!parsed.ok) return undefined
  const agency = parsed.agencyCode
  const tail = parsed.normalized.slice(agency.length)
  const keys: string[] = []
  const add = (a: string): void => {
    const key = docNumberSearchKey(a + tail)
    if (!keys.includes(key)) keys.push(key)
  }
  add(agency)
  if (parsed.form === 'standard') {
    // 代字 are short (国发, 朝政发, 辽政公领发): try every shorter ending, down to two characters.
    for (let k = 1; agency.length - k >= 2; k++) add(agency.slice(k))
  } else {
    // An order names the whole organ (朝阳市人民政府令): only drop a leading linking word.
    const stripped = agency.replace(ORDER_GLUE, '')
    if (stripped.length >= 2 && stripped !== agency) add(stripped)
  }
  return {
    start: m.index,
    end: m.index + found.length,
    query: { text: found.trim(), normalized: parsed.normalized, key: keys[0], keys },
  }
}

const SINGLE_HAN = /^\p{Script=Han}$/u

/**
 * The tokens of one free-text word that the search requires. A single Han character next to
 * longer tokens is usually what segmentation left over (朝阳 / 市 / 政府办公室, 朝政 / 发), and
 * the document may have it inside a longer word, where the index does not hold it alone; so it
 * is dropped when the word has other tokens. A word that is only single characters keeps them.
 */
export function requiredTokens(tokens: readonly string[]): string[] {
  const safe = tokens.filter(isSafeToken)
  const longer = safe.filter((t) => !SINGLE_HAN.test(t))
  return longer.length > 0 ? longer : safe
}

export interface TsqueryOptions {
  /**
   * How the tokens of one free-text word combine: 'and' (default; 朝阳市政务公开 finds a text
   * with 朝阳市 and 政务公开 anywhere — ranking by proximity is the SQL's job) or 'phrase'
   * (adjacent, in order). Quoted phrases always use the phrase operator.
   */
  words?: 'and' | 'phrase'
}

function group(tokens: readonly string[], op: '&' | '<->'): string | undefined {
  const lexemes = tokens.filter(isSafeToken).map(quoteLexeme)
  if (lexemes.length === 0) return undefined
  return lexemes.length === 1 ? lexemes[0] : `(${lexemes.join(` ${op} `)})`
}

/**
 * A tsquery string for `to_tsquery('simple', $1)` (or `$1::tsquery`): the AND of all words and
 * phrases, with `!` for exclusions. Every operand is a quoted lexeme made of letters and digits
 * only; all operators come from here. Returns null when there is nothing to search for (the
 * query was refused or only had exclusions), and the caller should not run the search then.
 */
export function toTsquery(parsed: ParsedQuery, options: TsqueryOptions = {}): string | null {
  if (!parsed.ok) return null
  const wordOp = options.words === 'phrase' ? '<->' : '&'
  const positive: string[] = []
  for (const t of parsed.terms) {
    const g = group(wordOp === '&' ? requiredTokens(t) : t, wordOp)
    if (g) positive.push(g)
  }
  for (const p of parsed.phrases) {
    const g = group(p, '<->')
    if (g) positive.push(g)
  }
  if (positive.length === 0) return null
  const negative: string[] = []
  for (const e of parsed.excluded) {
    const g = group(e, '<->')
    if (g) negative.push(`!${g}`)
  }
  return [...positive, ...negative].join(' & ')
}

/** The tokens to highlight in results: what the query requires, longest first. */
export function highlightTokensOf(parsed: ParsedQuery): string[] {
  const all = new Set<string>()
  for (const t of parsed.terms) for (const x of requiredTokens(t)) all.add(x)
  for (const p of parsed.phrases) for (const x of p) all.add(x)
  return [...all].sort((a, b) => b.length - a.length)
}
