import { test } from 'node:test'
import assert from 'node:assert/strict'
import { escapeHtml, highlightTitle, snippet } from './highlight.ts'
import { highlightTokensOf, parseQuery } from './query.ts'

const tokensOf = (q: string): string[] => highlightTokensOf(parseQuery(q))

/** The text of an HTML snippet: marks removed, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

test('a title made of markup comes out as text', () => {
  assert.equal(highlightTitle('<script>alert(1)</script>', tokensOf('政务公开')), '&lt;script&gt;alert(1)&lt;/script&gt;')
  assert.equal(highlightTitle('<script>alert(1)</script>', ['script']), '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;')
  assert.equal(snippet('<img src=x onerror="alert(1)">', ['img']), '&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt;')
})

test('the only markup in the output is <mark>', () => {
  const html = snippet(`<b>"政务公开"</b> & 'x' <mark>fake</mark>`, tokensOf('政务公开 fake'))
  assert.equal(html.replace(/<\/?mark>/g, '').includes('<'), false)
  assert.equal(html.replace(/<\/?mark>/g, '').includes('>'), false)
  assert.match(html, /&lt;mark&gt;<mark>fake<\/mark>&lt;\/mark&gt;/)
})

test('escapeHtml escapes the five characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
})

test('title: marks every match, keeps the original Traditional and full-width characters', () => {
  assert.equal(
    highlightTitle('關於印發２０２０年政務公開工作要點的通知', tokensOf('政务公开 2020')),
    '關於印發<mark>２０２０</mark>年<mark>政務公開</mark>工作要點的通知',
  )
})

test('tokens given unfolded (upper case, Traditional) still match', () => {
  assert.equal(highlightTitle('政务公开 ABC', ['政務公開', 'ABC']), '<mark>政务公开</mark> <mark>ABC</mark>')
})

test('Latin words and numbers match whole, Chinese anywhere', () => {
  assert.equal(highlightTitle('start art 20201 2020', ['art', '2020']), 'start <mark>art</mark> 20201 <mark>2020</mark>')
  assert.equal(highlightTitle('ART', ['art']), '<mark>ART</mark>')
  assert.equal(highlightTitle('推进政务公开标准化', ['公开']), '推进政务<mark>公开</mark>标准化')
})

test('overlapping matches merge into one mark', () => {
  assert.equal(highlightTitle('政务公开', ['政务公开', '公开', '政务']), '<mark>政务公开</mark>')
  assert.equal(highlightTitle('政务公开工作', ['政务公开', '公开工作']), '<mark>政务公开工作</mark>')
})

test('a length-changing fold (㍿ → 株式会社) still marks the original character', () => {
  assert.equal(highlightTitle('甲㍿乙', ['株式会社']), '甲<mark>㍿</mark>乙')
  assert.equal(highlightTitle('①号文件', ['1']), '<mark>①</mark>号文件')
})

const filler = (n: number): string => '本段为其他内容说明。'.repeat(n)

test('snippet: the window with most matches, cut with ellipses, within maxLen', () => {
  const text = `${filler(20)}各单位要全面推进政务公开，做好2020年政务公开工作要点落实。${filler(20)}`
  const html = snippet(text, tokensOf('政务公开 2020'), { maxLen: 60 })
  assert.ok(html.startsWith('…') && html.endsWith('…'), html)
  assert.match(html, /<mark>政务公开<\/mark>.*<mark>2020<\/mark>/)
  const visible = textOf(html).replace(/…/g, '')
  assert.ok(visible.length <= 60, `${visible.length}`)
  assert.ok(text.includes(visible))
})

test('snippet: prefers the passage with more distinct words over repeats of one', () => {
  const text = `政务公开。政务公开。政务公开。${filler(30)}依申请公开的政务公开事项。${filler(30)}`
  const html = snippet(text, tokensOf('政务公开 依申请公开'), { maxLen: 40 })
  assert.match(html, /<mark>依申请公开<\/mark>/)
})

test('snippet: starts at a sentence start near the first match', () => {
  const text = `${filler(10)}第二句讲政务公开。${filler(10)}`
  const html = snippet(text, ['政务公开'], { maxLen: 50 })
  assert.ok(textOf(html).startsWith('…第二句讲政务公开'), html)
})

test('snippet: short text is shown whole; no match shows the beginning', () => {
  assert.equal(snippet('政务公开\n\n工作', ['工作']), '政务公开 <mark>工作</mark>')
  const html = snippet(filler(30), ['不存在的词'], { maxLen: 30 })
  assert.equal(html, `${filler(3)}…`)
})

test('snippet: a match near the end pulls the window back to a full length', () => {
  const text = `${filler(30)}结尾处的政务公开`
  const visible = textOf(snippet(text, ['政务公开'], { maxLen: 40 })).replace(/^…/, '')
  assert.equal(visible.length, 40)
  assert.ok(visible.endsWith('政务公开'))
})

test('snippet: never cuts a surrogate pair', () => {
  const text = '𠀀'.repeat(100) + '政务公开' + '𠀀'.repeat(100)
  const html = snippet(text, ['政务公开'], { maxLen: 21 })
  assert.equal(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(html), false)
})

test('empty text and empty tokens', () => {
  assert.equal(snippet('', ['政务']), '')
  assert.equal(highlightTitle('', ['政务']), '')
  assert.equal(highlightTitle('<政务>', []), '&lt;政务&gt;')
})

test('snippet: only the first maxScan characters are searched', () => {
  const text = `${filler(20)}政务公开`
  assert.doesNotMatch(snippet(text, ['政务公开'], { maxLen: 20, maxScan: 100 }), /<mark>/)
  assert.match(snippet(text, ['政务公开'], { maxLen: 20 }), /<mark>政务公开<\/mark>$/)
  assert.ok(snippet(text, ['x'], { maxLen: 100, maxScan: 100 }).endsWith('…'))
})
