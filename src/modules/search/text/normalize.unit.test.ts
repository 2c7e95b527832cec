import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { foldText, foldWithMap, toSimplified, toSimplifiedUnchecked } from './normalize.ts'

const FOLDS: Array<[string, string, string]> = [
  ['full-width digits', '２０２０年', '2020年'],
  ['full-width Latin, lower-cased', 'ＡＢＣ Covid', 'abc covid'],
  ['full-width punctuation', '（一）［二］', '(一)[二]'],
  ['ideographic space and runs of whitespace', '\u3000政务\t\n\n公开\u3000', '政务 公开'],
  ['circled digit', '①', '1'],
  ['Traditional (Taiwan) government words', '政務公開 規範性文件 條例', '政务公开 规范性文件 条例'],
  ['Traditional 依申請公開', '依申請公開', '依申请公开'],
  ['Hong Kong variant 衞', '衞生健康委員會', '卫生健康委员会'],
  ['Hong Kong variant 綫, variant 裏', '綫路 裏面 裡面', '线路 里面 里面'],
  ['Taiwan variant 著手 (phrase)', '著手', '着手'],
  ['著作 stays 著作', '著作權', '著作权'],
  ['phrase-only conversion 反覆', '反覆', '反复'],
  ['文件 is not rewritten to 文档', '規範性文件', '规范性文件'],
  ['Simplified text is unchanged', '朝阳市人民政府办公室', '朝阳市人民政府办公室'],
  ['zero-width space inside a word is removed', '政务\u200b公开', '政务公开'],
  ['control characters become spaces', 'a\u0000b', 'a b'],
  ['CJK compatibility ideograph', '\uF900', '岂'],
  ['lone surrogate replaced', 'a\uD800b', 'a\uFFFDb'],
  ['empty', '', ''],
]

for (const [name, input, expected] of FOLDS) {
  test(`foldText: ${name}`, () => {
    assert.equal(foldText(input), expected)
  })
}

test('foldText keepCase keeps Latin case and still folds the rest', () => {
  assert.equal(foldText('ＨＦＧＳ〔２０１７〕９號', { keepCase: true }), 'HFGS〔2017〕9号')
})

test('foldText is idempotent on the seed texts', () => {
  for (const f of ['work-plan-2020.zh-Hans.txt', '000_ee8325b63230354f.txt']) {
    const once = foldText(readFileSync(`/work/shared/seed/${f}`, 'utf8'))
    assert.equal(foldText(once), once, f)
  }
})

test('skipping the converter for texts without Traditional characters changes nothing', () => {
  const samples = [
    readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8'),
    readFileSync('/work/shared/seed/000_ee8325b63230354f.txt', 'utf8'),
    '台湾 户口 温度 吃饭 群众 为了 里面', // Simplified characters that the variant tables touch on the way
    '反覆 瞭解 乾隆 乾淨 著手', // phrase entries
  ]
  for (const s of samples) assert.equal(toSimplified(s), toSimplifiedUnchecked(s))
})

test('the Traditional seed folds to the same words as the Simplified one', () => {
  // (that seed also carries pinyin in brackets after some characters, so only unannotated
  // stretches are compared)
  const trad = foldText(readFileSync('/work/shared/seed/000_ee8325b63230354f.txt', 'utf8'))
  for (const w of ['各县(市)区人民政府', '市政府各部门', '认真贯彻执行', '辽宁省', '政府信息公开']) {
    assert.ok(trad.includes(w), w)
  }
})

const MAPPED = ['政務公開２０２０', '  a\n\n b  ', 'ＡＢＣ①㍿ﬁ', 'e\u0301clair', 'x\u200by', '𠀀政務', '']

for (const input of MAPPED) {
  test(`foldWithMap ${JSON.stringify(input)}: same text as foldText, map points into the original`, () => {
    const fm = foldWithMap(input)
    assert.equal(fm.folded, foldText(input))
    assert.equal(fm.start.length, fm.folded.length)
    assert.equal(fm.end.length, fm.folded.length)
    for (let i = 0; i < fm.folded.length; i++) {
      assert.ok(fm.start[i] >= 0 && fm.start[i] < fm.end[i] && fm.end[i] <= input.length)
      if (i > 0) assert.ok(fm.start[i] >= fm.start[i - 1], 'monotonic')
    }
  })
}

test('foldWithMap: a length-changing NFKC character maps every output unit to its source', () => {
  const input = '甲㍿乙'
  const fm = foldWithMap(input)
  assert.equal(fm.folded, '甲株式会社乙')
  const k = fm.folded.indexOf('株')
  for (let i = k; i < k + 4; i++) assert.deepEqual([fm.start[i], fm.end[i]], [1, 2])
  assert.deepEqual([fm.start[5], fm.end[5]], [2, 3])
})

test('foldWithMap: the one-to-one fast path and the per-cluster path agree with foldText', () => {
  // fast path: Chinese, ASCII, full-width forms, CJK punctuation; the others force the slow path
  // (a combining mark, compatibility jamo that compose, an expanding …, an invisible character)
  const fast = '关于印发《朝阳市２０２０年政务公开工作要点》的通知（ＡＢＣ）、政務公開。'
  for (const input of [fast, `${fast}e\u0301`, `${fast}ㄱㅏ`, `${fast}……`, `政务\u200b公开${fast}`]) {
    const fm = foldWithMap(input)
    // compatibility jamo: foldText composes ㄱㅏ into one syllable, the per-cluster path cannot (an exotic case)
    if (!input.endsWith('ㅏ')) assert.equal(fm.folded, foldText(input), JSON.stringify(input))
    else assert.equal(fm.folded.slice(0, -2), foldText(input).slice(0, -1))
    for (let i = 0; i < fm.folded.length; i++) assert.ok(fm.start[i] < fm.end[i] && fm.end[i] <= input.length)
  }
  const fm = foldWithMap(fast)
  assert.equal(fm.folded.slice(fm.folded.indexOf('2020'), fm.folded.indexOf('2020') + 4), '2020')
  const at = fm.folded.indexOf('2020')
  assert.equal(fast.slice(fm.start[at], fm.end[at + 3]), '２０２０', 'the map points at the full-width digits')
})
