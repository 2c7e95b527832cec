/**
 * Memory of the segmenter (issue #15 item 4): the dictionaries are read without jieba's idf.txt
 * and without part-of-speech tags, and segment exactly as the packaged dictionary does.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { stockDictionary } from './tokenize.ts'

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
    warmUpTokenizer(true)
    if (indexTokens('朝阳市政府办公室').length === 0) throw new Error('no tokens')
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /jieba[\\\\/]dict\\.js$/.test(k))
    console.log(JSON.stringify(loaded))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), [])
})

test('the stock segmenter is let go after a while without indexing, and comes back when needed', async () => {
  const { indexTokens, queryTokens, segmentersLoaded, setStockIdleMs } = await import('./tokenize.ts')
  setStockIdleMs(150)
  try {
    const before = indexTokens('朝阳市政府办公室')
    assert.ok(before.includes('市政府'), before.join('/'))
    assert.equal(segmentersLoaded().stock, true)
    queryTokens('政务公开') // queries do not keep it
    await new Promise((r) => setTimeout(r, 400))
    assert.deepEqual(segmentersLoaded(), { gov: true, stock: false })
    assert.deepEqual(indexTokens('朝阳市政府办公室'), before)
    assert.equal(segmentersLoaded().stock, true)
  } finally {
    setStockIdleMs(120_000)
  }
})
