/**
 * Speed of the search text side on ~1 MB of text (the seed work plan, repeated).
 * Run: node --import tsx src/modules/search/text/bench.ts
 * Reports CPU milliseconds (median of 5 runs), which is steadier than wall time on a shared
 * machine, and MB/s from it. The numbers in README.md come from this script.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as OpenCC from 'opencc-js'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { foldText, toSimplifiedUnchecked } from './normalize.ts'
import { indexTokens, analyzeText, toTsvectorLiteral, warmUpTokenizer } from './tokenize.ts'
import { parseQuery, toTsquery, highlightTokensOf } from './query.ts'
import { snippet } from './highlight.ts'

const SEED = '/work/shared/seed'
const simp = readFileSync(`${SEED}/work-plan-2020.zh-Hans.txt`, 'utf8')
const trad = readFileSync(`${SEED}/000_ee8325b63230354f.txt`, 'utf8')

function toSize(s: string, bytes: number): string {
  let out = ''
  while (Buffer.byteLength(out) < bytes) out += s + '\n'
  return out
}

function cpuMs(f: () => unknown): number {
  const c = process.cpuUsage()
  f()
  const d = process.cpuUsage(c)
  return (d.user + d.system) / 1000
}

function median(f: () => unknown, runs = 5): number {
  f() // warm
  const xs = Array.from({ length: runs }, () => cpuMs(f)).sort((a, b) => a - b)
  return xs[Math.floor(runs / 2)]
}

function line(name: string, ms: number, mb?: number): void {
  const rate = mb ? `  ${(mb / (ms / 1000)).toFixed(1)} MB/s` : ''
  console.log(`${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms${rate}`)
}

export function main(): void {
  const mbSimp = toSize(simp, 1 << 20)
  const mbTrad = toSize(trad, 1 << 20)
  const mb = Buffer.byteLength(mbSimp) / (1 << 20)
  console.log(`text: ${Buffer.byteLength(mbSimp)} bytes (${mbSimp.length} characters) of Simplified, same of Traditional\n`)

  line('cold: first foldText (builds the converter)', cpuMs(() => foldText('政務')))
  line('cold: first indexTokens (loads the dictionary)', cpuMs(() => warmUpTokenizer()))

  console.log('\n-- folding, 1 MB')
  line('foldText, Simplified (converter skipped)', median(() => foldText(mbSimp)), mb)
  line('foldText, Traditional', median(() => foldText(mbTrad)), mb)
  line('converter alone (merged tw+hk variants), Trad.', median(() => toSimplifiedUnchecked(mbTrad)), mb)
  for (const from of ['t', 'tw', 'hk'] as const) {
    const c = OpenCC.Converter({ from, to: 'cn' })
    line(`opencc-js Converter({from:'${from}'}) alone, Trad.`, median(() => c(mbTrad)), mb)
  }

  console.log('\n-- segmentation, 1 MB of folded Simplified text')
  const folded = foldText(mbSimp)
  const stock = Jieba.withDict(dict)
  line('jieba cut (stock dictionary)', median(() => stock.cut(folded, true)), mb)
  line('jieba cutForSearch (stock dictionary)', median(() => stock.cutForSearch(folded, true)), mb)
  line('indexTokens (fold + cut + edge words + sub-words)', median(() => indexTokens(mbSimp)), mb)
  line('toTsvectorLiteral(analyzeText(…))', median(() => toTsvectorLiteral(analyzeText(mbSimp))), mb)

  console.log('\n-- per request')
  const queries = ['政务公开', '朝政发〔2020〕12号', '"政务公开工作要点" -年度报告', '政務公開 營商環境 2020']
  line('parseQuery + toTsquery (per query)', median(() => queries.forEach((q) => toTsquery(parseQuery(q)))) / queries.length)
  const tokens = highlightTokensOf(parseQuery('政务公开 六稳'))
  line(`snippet of an ${Math.round(simp.length / 1000)} k-character body`, median(() => snippet(simp, tokens), 21))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
