import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import {
  analyzeText,
  indexTokens,
  isSafeToken,
  queryTokens,
  STOP_TOKENS,
  toTsvectorLiteral,
  toTsvectorText,
} from './tokenize.ts'
import { GOV_WORDS } from './govdict.ts'
import { foldText } from './normalize.ts'

const TITLE = '朝阳市人民政府办公室关于印发2020年政务公开工作要点的通知'

test('a government title: words, numbers and sub-words', () => {
  const tokens = indexTokens(TITLE)
  for (const t of ['朝阳市', '人民政府', '办公室', '印发', '2020', '政务公开', '工作要点', '通知']) {
    assert.ok(tokens.includes(t), `word ${t} in ${tokens.join('/')}`)
  }
  for (const t of ['政务', '公开', '工作', '要点', '政府', '人民']) {
    assert.ok(tokens.includes(t), `sub-word ${t} in ${tokens.join('/')}`)
  }
  assert.ok(!tokens.includes('的') && !tokens.includes('关于'), 'function words dropped')
})

test('words come first, in text order, then the extra tokens', () => {
  const tokens = indexTokens('政务公开工作要点')
  assert.deepEqual(tokens.slice(0, 2), ['政务公开', '工作要点'])
  assert.deepEqual(new Set(tokens.slice(2)), new Set(['政务', '公开', '工作', '要点']))
})

test('a Traditional query gives the same tokens as the Simplified one', () => {
  assert.deepEqual(queryTokens('政務公開'), queryTokens('政务公开'))
  assert.deepEqual(queryTokens('政務公開'), ['政务公开'])
  assert.deepEqual(queryTokens('依申請公開 規範性文件'), ['依申请公开', '规范性文件'])
  assert.deepEqual(indexTokens('政務公開'), indexTokens('政务公开'))
})

const LATIN_AND_NUMBERS: Array<[string, string[]]> = [
  ['２０２０年', ['2020', '年']],
  ['ＣＯＶＩＤ－19', ['covid', '19']],
  ['v2.0', ['v2', '0']],
  ['增长3.14%', ['增长', '3', '14']],
  ['e-mail', ['e', 'mail']],
  ['统一社会信用代码91210000123456789X', ['统一', '社会', '信用', '代码', '91210000123456789x']],
]

for (const [input, expected] of LATIN_AND_NUMBERS) {
  test(`numbers and Latin words are kept: ${input}`, () => {
    assert.deepEqual(queryTokens(input), expected)
  })
}

const GOV_SAMPLE = [
  '政务公开', '政府信息公开', '依申请公开', '主动公开', '规范性文件', '营商环境', '六稳', '六保',
  '权责清单', '行政许可', '行政处罚', '放管服', '应急预案', '年度报告', '新冠肺炎', '疫情防控',
]

for (const w of GOV_SAMPLE) {
  test(`government word ${w} stays whole in a query`, () => {
    assert.deepEqual(queryTokens(w), [w])
    assert.deepEqual(queryTokens(`关于${w}的通知`), [w, '通知'])
  })
}

const PARTS: Array<[string, string[]]> = [
  ['政务公开', ['政务', '公开']],
  ['政府信息公开', ['政府', '信息', '公开', '信息公开', '政府信息']],
  ['依申请公开', ['依申请', '申请', '公开']],
  ['规范性文件', ['规范', '规范性', '文件']],
  ['新冠肺炎疫情防控', ['新冠', '肺炎', '疫情', '防控']],
  ['中华人民共和国', ['中华', '人民', '共和国', '人民共和国']],
]

for (const [text, parts] of PARTS) {
  test(`the index also holds the parts of ${text}`, () => {
    const tokens = indexTokens(text)
    for (const p of parts) assert.ok(tokens.includes(p), `${p} in ${tokens.join('/')}`)
  })
}

test('every government word typed as a query is found in a sentence that contains it', () => {
  const missing: string[] = []
  for (const w of GOV_WORDS) {
    const sentence = `朝阳市人民政府关于${w}工作的通知`
    const index = new Set(indexTokens(sentence))
    for (const t of queryTokens(w)) if (!index.has(t)) missing.push(`${w}:${t}`)
  }
  assert.deepEqual(missing, [])
})

test('the government dictionary does not hide words the stock dictionary finds (seed texts)', () => {
  // 市政府办公室 is cut 市 / 政府办公室 by some custom dictionaries; 市政府 must stay findable.
  // Every dictionary word of the stock segmentation is in the index; a word it only guesses
  // (HMM: 因新冠 in 对因新冠肺炎…) is found by its query tokens (因 / 新冠).
  const stock = Jieba.withDict(dict)
  const inDictionary = new Set(Buffer.from(dict).toString('utf8').split('\n').map((line) => line.split(' ')[0]))
  const text = foldText(readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8'))
  const lost: string[] = []
  let checked = 0
  for (const sentence of text.split(/[。；;！？!?]/)) {
    const index = new Set(indexTokens(sentence))
    for (const w of stock.cut(sentence, true)) {
      if (w.length < 2 || !/^\p{Script=Han}+$/u.test(w) || STOP_TOKENS.has(w)) continue
      checked++
      if (inDictionary.has(w) ? !index.has(w) : !queryTokens(w).every((t) => index.has(t))) lost.push(w)
    }
  }
  assert.ok(checked > 1000, `${checked} words checked`)
  assert.deepEqual(lost, [])
  for (const s of ['市政府办公室', '县政府信息公开', '政务信息公开', '朝阳市政府办公室', '重大行政决策程序', '加强政务信息公开']) {
    const index = indexTokens(s)
    for (const w of stock.cut(s, true)) assert.ok(index.includes(w), `${w} in ${index.join('/')}`)
  }
})

test('words across a government word are those a query gives, not every dictionary word there', () => {
  // full mode would add 开工 (政务公开 / 工作要点): a search for 开工 must not find 工作要点
  assert.ok(!indexTokens('政务公开工作要点').includes('开工'), indexTokens('政务公开工作要点').join('/'))
  assert.ok(indexTokens('县政府信息公开指南').includes('县政府'))
})

test('punctuation and tsquery syntax never reach a token', () => {
  const nasty = `a & b | !c <-> :* 'x' \\ "q" (d) 政务:公开 ' OR 1=1 -- ; 〔2020〕 ＆ ｜ ！`
  const tokens = [...indexTokens(nasty), ...queryTokens(nasty)]
  assert.ok(tokens.length > 0)
  for (const t of tokens) assert.ok(isSafeToken(t), JSON.stringify(t))
  for (const t of tokens) assert.doesNotMatch(t, /[&|!<>:*'\\"()\s-]/)
})

test('runs longer than 64 characters are not tokens', () => {
  const long = 'a'.repeat(65)
  assert.deepEqual(indexTokens(`${long} 政务公开`).filter((t) => t === long), [])
  assert.ok(queryTokens('b'.repeat(64)).includes('b'.repeat(64)))
})

test('empty and punctuation-only input give no tokens', () => {
  assert.deepEqual(indexTokens(''), [])
  assert.deepEqual(indexTokens(' ，。！…—— '), [])
  assert.deepEqual(queryTokens('的 了 和'), [])
})

test('toTsvectorText joins tokens and drops anything that is not a plain token', () => {
  assert.equal(toTsvectorText(['政务公开', '2020']), '政务公开 2020')
  assert.equal(toTsvectorText(['a:b', "o'k", '\\', 'x y', '', '好']), '好')
})

test('toTsvectorLiteral gives each extra token the position of its word', () => {
  assert.equal(
    toTsvectorLiteral(analyzeText('政务公开工作要点')),
    "'政务公开':1 '政务':1 '公开':1 '工作要点':2 '工作':2 '要点':2",
  )
})

test('toTsvectorLiteral keeps at most 256 positions per lexeme and positions ≤ 16383', () => {
  const lit = toTsvectorLiteral(analyzeText('公开 '.repeat(300)))
  assert.equal(lit.split(':')[1].split(',').length, 256)
  const far = toTsvectorLiteral(analyzeText('开 '.repeat(16_390) + '尾'))
  assert.match(far, /'尾':16383$/)
})
