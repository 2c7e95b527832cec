/**
 * "Did you mean" for common typing mistakes in government terms. Most come from pinyin input
 * methods, which offer a same-sounding character (政务 zhèngwù → 政物, 申请 → 申清).
 *
 *  1. A small table of frequent mis-typings, replaced anywhere in the query.
 *  2. For a short query (3–6 Han characters) that is not a known term and that jieba's
 *     dictionaries cannot cover without a stray single character (营商 / 坏 / 境), a government
 *     term at edit distance 1 (one character replaced, added or missing).
 *
 * The result is a suggestion to show ("您是不是要找：…"), never a silent rewrite of the query.
 */
import { foldText } from './normalize.ts'
import { GOV_WORDS, govWordSet } from './govdict.ts'
import { queryTokens } from './tokenize.ts'
import { MAX_QUERY_LENGTH } from './query.ts'

/** [typed, meant]. A typed form must not occur inside correct text (tests check it against the
 * government vocabulary): 以申请公开 is left out because 可以申请公开 is correct. */
export const COMMON_TYPOS: ReadonlyArray<readonly [string, string]> = [
  ['政物公开', '政务公开'],
  ['正务公开', '政务公开'],
  ['政务公凯', '政务公开'],
  ['政务功开', '政务公开'],
  ['信息公凯', '信息公开'],
  ['主动公凯', '主动公开'],
  ['依申清', '依申请'],
  ['依伸请', '依申请'],
  ['依申情', '依申请'],
  ['营商环竟', '营商环境'],
  ['营商坏境', '营商环境'],
  ['营商还境', '营商环境'],
  ['规范姓文件', '规范性文件'],
  ['规范型文件', '规范性文件'],
  ['行政处法', '行政处罚'],
  ['行政许克', '行政许可'],
  ['行政复意', '行政复议'],
  ['放管复', '放管服'],
  ['放官服', '放管服'],
  ['权责清丹', '权责清单'],
  ['权责青单', '权责清单'],
  ['应急预按', '应急预案'],
  ['应急预安', '应急预案'],
  ['疫情防空', '疫情防控'],
  ['疫情方控', '疫情防控'],
  ['新冠肺严', '新冠肺炎'],
  ['新官肺炎', '新冠肺炎'],
  ['三公经废', '三公经费'],
  ['社会求助', '社会救助'],
  ['最低生活保账', '最低生活保障'],
]

/** True if a and b differ by exactly one replaced, inserted or deleted character. */
export function editDistanceIsOne(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) return i < a.length && a.slice(i + 1).join('') === b.slice(i + 1).join('')
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  return short.slice(i).join('') === long.slice(i + 1).join('')
}

const HAN_ONLY = /^\p{Script=Han}+$/u
const SINGLE_HAN = /^\p{Script=Han}$/u

/** A corrected query to offer, or null. */
export function didYouMean(query: string): string | null {
  const folded = foldText(typeof query === 'string' ? query : '')
  if (!folded || [...folded].length > MAX_QUERY_LENGTH) return null

  let corrected = folded
  for (const [typed, meant] of COMMON_TYPOS) corrected = corrected.split(typed).join(meant)
  if (corrected !== folded) return corrected

  const chars = [...folded]
  if (chars.length < 3 || chars.length > 6 || !HAN_ONLY.test(folded)) return null
  const words = govWordSet()
  if (words.has(folded)) return null
  // Only when the dictionaries stumble: 政府公开 cuts into 政府 / 公开 and is a fine query,
  // 行政处纷 leaves 处 and 纷 uncovered (without HMM, which would glue them into a "word").
  if (!queryTokens(folded, { hmm: false }).some((t) => SINGLE_HAN.test(t))) return null
  let best: string | null = null
  for (const w of GOV_WORDS) {
    const wc = [...w]
    if (!editDistanceIsOne(chars, wc)) continue
    // A replaced character (same length) is the usual input-method mistake: prefer it.
    if (wc.length === chars.length) return w
    best ??= w
  }
  return best
}
