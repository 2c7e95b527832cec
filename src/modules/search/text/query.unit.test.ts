import { test } from 'node:test'
import assert from 'node:assert/strict'
import { findDocNumber, highlightTokensOf, MAX_QUERY_LENGTH, parseQuery, requiredTokens, toTsquery } from './query.ts'

test('free text: one term per word', () => {
  const q = parseQuery('  政务公开 2020  ')
  assert.equal(q.ok, true)
  assert.equal(q.raw, '政务公开 2020')
  assert.deepEqual(q.terms, [['政务公开'], ['2020']])
  assert.deepEqual(q.phrases, [])
  assert.deepEqual(q.excluded, [])
  assert.equal(toTsquery(q), "'政务公开' & '2020'")
})

test('a word of several tokens: AND by default, phrase operator on request', () => {
  const q = parseQuery('朝阳市政务公开')
  assert.deepEqual(q.terms, [['朝阳市', '政务公开']])
  assert.equal(toTsquery(q), "('朝阳市' & '政务公开')")
  assert.equal(toTsquery(q, { words: 'phrase' }), "('朝阳市' <-> '政务公开')")
})

const PHRASES: Array<[string, string[][], string[][]]> = [
  ['"政务公开工作要点"', [['政务公开', '工作要点']], []],
  ['“政务公开工作要点”', [['政务公开', '工作要点']], []],
  ['”政务公开工作要点”', [['政务公开', '工作要点']], []],
  ['「依申请公开」', [['依申请公开']], []],
  ['『主动公开』', [['主动公开']], []],
  ['＂年度报告＂', [['年度报告']], []],
  ['-"年度报告" 政务公开', [], [['年度报告']]],
  ['政务公开 -“征求意见稿”', [], [['征求意见', '稿']]],
]

for (const [input, phrases, excluded] of PHRASES) {
  test(`phrases and exclusions: ${input}`, () => {
    const q = parseQuery(input)
    assert.equal(q.ok, true, JSON.stringify(q.errors))
    assert.deepEqual(q.phrases, phrases)
    assert.deepEqual(q.excluded, excluded)
  })
}

test('phrases, words and exclusions together', () => {
  const q = parseQuery('"政务公开工作要点" 2020 -征求意见 -"年度报告"')
  assert.deepEqual(q.phrases, [['政务公开', '工作要点']])
  assert.deepEqual(q.terms, [['2020']])
  assert.deepEqual(q.excluded, [['年度报告'], ['征求意见']])
  assert.equal(toTsquery(q), "'2020' & ('政务公开' <-> '工作要点') & !'年度报告' & !'征求意见'")
})

test('a hyphen inside a word is not an exclusion', () => {
  const q = parseQuery('COVID-19 疫情')
  assert.deepEqual(q.terms, [['covid', '19'], ['疫情']])
  assert.deepEqual(q.excluded, [])
})

test('an unclosed quote: the rest is one phrase, with a warning', () => {
  const q = parseQuery('"政务公开 工作要点')
  assert.equal(q.ok, true)
  assert.deepEqual(q.phrases, [['政务公开', '工作要点']])
  assert.deepEqual(q.warnings.map((w) => w.code), ['unbalanced_quote'])
})

const DOC_NUMBERS = [
  '朝政发〔2020〕12号',
  '朝政发[2020]12号',
  '朝政发［2020］12号',
  '朝政发(2020)12号',
  '朝政发（2020）12号',
  '朝政发【2020】12号',
  '朝政发2020年12号',
  '朝政发〔2020〕第12号',
  '朝政发〔2020〕012号',
  '朝政发〔２０２０〕１２号',
  '朝政發〔2020〕12號',
  '朝政发 〔2020〕 12 号',
]

for (const input of DOC_NUMBERS) {
  test(`文号 ${input} → one key`, () => {
    const q = parseQuery(input)
    assert.equal(q.ok, true)
    assert.equal(q.docNumber?.normalized, '朝政发〔2020〕12号')
    assert.equal(q.docNumber?.key, '朝政发〔2020〕12号')
    assert.deepEqual(q.terms, [['朝政', '发', '2020', '12', '号']])
    assert.equal(toTsquery(q), "('朝政' & '2020' & '12')")
  })
}

test('a 文号 among other words, with words glued in front', () => {
  const q = parseQuery('关于朝政发[2020]第12号的通知 解读')
  assert.deepEqual(q.docNumber?.keys, ['关于朝政发〔2020〕12号', '于朝政发〔2020〕12号', '朝政发〔2020〕12号', '政发〔2020〕12号'])
  assert.deepEqual(q.terms.slice(1), [['通知'], ['解读']])
})

test('an order number (令) without a year', () => {
  const q = parseQuery('朝阳市人民政府令第3号')
  assert.equal(q.docNumber?.normalized, '朝阳市人民政府令第3号')
  assert.deepEqual(q.docNumber?.keys, ['朝阳市人民政府令第3号'])
  assert.deepEqual(parseQuery('根据朝阳市人民政府令第3号').docNumber?.keys, ['根据朝阳市人民政府令第3号', '朝阳市人民政府令第3号'])
})

test('not 文号: a year alone, a number without an agency, a 文号 inside quotes', () => {
  assert.equal(parseQuery('2020年 12号').docNumber, undefined)
  assert.equal(parseQuery('〔2020〕12号').docNumber, undefined)
  assert.equal(parseQuery('"朝政发〔2020〕12号"').docNumber, undefined)
  assert.equal(findDocNumber('政务公开工作要点'), undefined)
})

test('empty query: a clear message, no exception', () => {
  for (const input of ['', '   ', '\u3000', null, undefined, 42]) {
    const q = parseQuery(input)
    assert.equal(q.ok, false)
    assert.equal(q.errors[0].code, 'empty')
    assert.equal(q.errors[0].zh, '请输入搜索关键词')
    assert.ok(q.errors[0].en.length > 0)
    assert.equal(toTsquery(q), null)
  }
})

test('a 2,000-character query is refused with a clear message', () => {
  const q = parseQuery('政'.repeat(2000))
  assert.equal(q.ok, false)
  assert.equal(q.errors[0].code, 'too_long')
  assert.match(q.errors[0].zh, /2000个字/)
  assert.match(q.errors[0].zh, /200个字以内/)
  assert.match(q.errors[0].en, /too long/)
  assert.deepEqual(q.terms, [])
  assert.equal(toTsquery(q), null)
})

test('the length limit counts characters after trimming', () => {
  assert.equal(parseQuery(' '.repeat(50) + '政务公开'.repeat(MAX_QUERY_LENGTH / 4) + ' '.repeat(50)).ok, true)
  assert.equal(parseQuery('政'.repeat(MAX_QUERY_LENGTH + 1)).errors[0]?.code, 'too_long')
  // 200 characters but 230 UTF-16 units: characters count, not units
  const astral = '𠀀'.repeat(30) + ' ' + '政务公开'.repeat(42) + '政'
  assert.equal([...astral].length, MAX_QUERY_LENGTH)
  assert.equal(parseQuery(astral).ok, true)
})

test('only punctuation or function words, only exclusions: refused with a message', () => {
  assert.equal(parseQuery('的 了 ！？').errors[0].code, 'nothing_searchable')
  assert.equal(parseQuery('-政务公开').errors[0].code, 'only_exclusions')
})

const INJECTIONS = [
  'a & b | !c <-> :*',
  "'政务公开' & '",
  '\\\'; drop table documents; --',
  'a:* | b:A & !!c',
  '政务公开 <2> 2020',
  '(((政务公开',
  '"a\'b" \\"',
  "'' \\\\ ''",
]

for (const input of INJECTIONS) {
  test(`tsquery injection attempt ${JSON.stringify(input)} gives plain quoted lexemes`, () => {
    const tsq = toTsquery(parseQuery(input))
    if (tsq === null) return
    // Strip the operators this module writes; what is left must be quoted plain tokens.
    const operands = tsq.replace(/!|\(|\)| & | <-> /g, ' ').trim().split(/\s+/)
    for (const o of operands) assert.match(o, /^'[\p{L}\p{N}\p{M}]+'$/u, tsq)
  })
}

test('single Han characters left over by segmentation are not required', () => {
  assert.deepEqual(requiredTokens(['朝阳', '市', '政府办公室']), ['朝阳', '政府办公室'])
  assert.deepEqual(requiredTokens(['市']), ['市'])
  assert.deepEqual(requiredTokens(['v2', '0']), ['v2', '0'])
})

test('highlight tokens: required tokens and phrases, longest first, no exclusions', () => {
  const q = parseQuery('"工作要点" 2020 政务公开 -征求意见 依申请')
  const tokens = highlightTokensOf(q)
  assert.deepEqual(new Set(tokens), new Set(['工作要点', '政务公开', '2020', '依申请']))
  assert.equal(tokens.at(-1), '依申请')
})
