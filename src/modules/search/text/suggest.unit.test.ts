import { test } from 'node:test'
import assert from 'node:assert/strict'
import { COMMON_TYPOS, didYouMean, editDistanceIsOne } from './suggest.ts'
import { GOV_WORDS, govWordSet } from './govdict.ts'

const SUGGESTIONS: Array<[string, string]> = [
  ['政物公开', '政务公开'],
  ['依申清', '依申请'],
  ['依申清公开', '依申请公开'],
  ['政務公凱', '政务公开'], // Traditional input is folded first
  ['规范姓文件 2020', '规范性文件 2020'], // the table applies anywhere in a longer query
  ['营商坏境', '营商环境'],
  ['权责清丹', '权责清单'],
  ['放管复', '放管服'],
  ['行政许克', '行政许可'],
  // edit distance 1 against the government vocabulary (not in the table)
  ['行政处纷', '行政处罚'],
  ['应急预桉', '应急预案'],
  ['政府信息公', '政府信息公开'],
]

for (const [typed, meant] of SUGGESTIONS) {
  test(`did you mean: ${typed} → ${meant}`, () => {
    assert.equal(didYouMean(typed), meant)
  })
}

const NO_SUGGESTION = ['政务公开', '政府公开', '市政府', '2020', '', '   ', 'x'.repeat(300), '可以申请公开', '一个很长的正常查询语句不需要纠正']

for (const q of NO_SUGGESTION) {
  test(`no suggestion for ${JSON.stringify(q.slice(0, 20))}`, () => {
    assert.equal(didYouMean(q), null)
  })
}

test('the typo table: every correction is a government word, no typo hides inside correct text', () => {
  const words = govWordSet()
  for (const [typed, meant] of COMMON_TYPOS) {
    assert.ok(words.has(meant), meant)
    assert.notEqual(typed, meant)
    for (const w of GOV_WORDS) assert.ok(!w.includes(typed), `${typed} inside ${w}`)
  }
})

const DISTANCES: Array<[string, string, boolean]> = [
  ['政物公开', '政务公开', true],
  ['政务公', '政务公开', true],
  ['政务公开开', '政务公开', true],
  ['政务开公', '政务公开', false],
  ['政务', '政务公开', false],
  ['政务公开', '政务公开', false],
]

for (const [a, b, expected] of DISTANCES) {
  test(`edit distance 1: ${a} / ${b} → ${expected}`, () => {
    assert.equal(editDistanceIsOne([...a], [...b]), expected)
    assert.equal(editDistanceIsOne([...b], [...a]), expected)
  })
}
