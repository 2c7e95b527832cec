/**
 * Memory of the segmenter (issue #15 item 4): one segmenter, its dictionary read without jieba's
 * idf.txt and without part-of-speech tags, segmenting exactly as the packaged dictionary does.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { stockDictionary } from './segmenter.ts'
import { GOV_WORD_GUESSED_PARTS, GOV_WORDS, govDictText } from './govdict.ts'

test('the stock dictionary without tags segments as the packaged one (seed texts)', () => {
  const full = Jieba.withDict(dict)
  const lean = Jieba.withDict(stockDictionary())
  assert.ok(stockDictionary().length < dict.length * 0.9, 'tags are cut off')
  const text = readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8')
  assert.ok(text.length > 1000)
  assert.deepEqual(lean.cut(text, true), full.cut(text, true))
  assert.deepEqual(lean.cutAll(text), full.cutAll(text))
  assert.deepEqual(lean.cutForSearch(text, true), full.cutForSearch(text, true))
})

test('loading both dictionaries does not load @node-rs/jieba/dict (idf.txt, 11 MB kept)', () => {
  // a fresh process: this file itself imports @node-rs/jieba/dict for the comparison above
  const script = `
    import { createRequire } from 'node:module'
    const { warmUpTokenizer, indexTokens } = await import(${JSON.stringify(new URL('./tokenize.ts', import.meta.url).href)})
    warmUpTokenizer()
    if (indexTokens('朝阳市政府办公室').length === 0) throw new Error('no tokens')
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /jieba[\\\\/]dict\\.js$/.test(k))
    console.log(JSON.stringify(loaded))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), [])
})

test('indexing needs no second segmenter: memory stays where queries left it', () => {
  // a fresh process: the segmenter is loaded for a query, then a long text is indexed. A second
  // segmenter with jieba's stock dictionary (as before #15 item 4) took ≈ 40 MB more here.
  const script = `
    const { indexTokens, queryTokens, warmUpTokenizer } = await import(${JSON.stringify(new URL('./tokenize.ts', import.meta.url).href)})
    const { readFileSync } = await import('node:fs')
    warmUpTokenizer()
    queryTokens('市政府')
    globalThis.gc()
    const before = process.memoryUsage().rss
    const text = readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8')
    const index = indexTokens(text + '朝阳市政府办公室关于减税降费的通知')
    globalThis.gc()
    console.log(JSON.stringify({ grew: (process.memoryUsage().rss - before) / 1048576, index }))`
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  const { grew, index } = JSON.parse(out.trim().split('\n').at(-1)!) as { grew: number; index: string[] }
  for (const w of ['市政府', '办公室', '减税降费', '降费']) assert.ok(index.includes(w), `${w} indexed`)
  console.log(`indexing grew the process by ${grew.toFixed(1)} MB`)
  assert.ok(grew < 20, `indexing grew the process by ${grew.toFixed(1)} MB`)
})

test('the guessed parts of government words are what the stock segmentation gives (regenerate when the vocabulary changes)', () => {
  const stock = Jieba.withDict(dict)
  const gov = Jieba.withDict(dict)
  gov.loadDict(Buffer.from(govDictText(), 'utf8'))
  const expected: [string, string[]][] = []
  for (const w of GOV_WORDS) {
    const inside = new Set(gov.cutAll(w))
    const guessed = stock.cut(w, true).filter((p) => p.length >= 2 && p !== w && !inside.has(p))
    if (guessed.length > 0) expected.push([w, guessed])
  }
  assert.ok(expected.length > 0)
  assert.deepEqual([...GOV_WORD_GUESSED_PARTS].map(([w, p]) => [w, [...p]]), expected)
})
