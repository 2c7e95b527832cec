// The SQL contract of the text side, on the real database (PGlite by default, PostgreSQL when
// TEST_DATABASE_URL is set): what toTsvectorText / toTsvectorLiteral / toTsquery produce is
// read by PostgreSQL exactly as intended, and user input cannot break or steer a tsquery.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts'
import { analyzeText, indexTokens, toTsvectorLiteral, toTsvectorText } from './tokenize.ts'
import { parseQuery, toTsquery } from './query.ts'

let d: TestDb
before(async () => {
  d = await testDatabase()
})
after(async () => d.cleanup())

async function lexemes(vectorSql: ReturnType<typeof sql>): Promise<string[]> {
  const r = await sql<{ l: string }>`select unnest(tsvector_to_array(${vectorSql})) as l`.execute(d.db)
  return r.rows.map((x) => x.l).sort()
}

const TEXTS = [
  '朝阳市人民政府办公室关于印发2020年政务公开工作要点的通知',
  'COVID-19 疫情 v2.0 增长3.14% e-mail 91210000123456789X Ａｂｃ',
  `a & b | !c <-> :* 'x' \\ "q" (d) 政务:公开 ' OR 1=1 --`,
  readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8'),
]

for (const text of TEXTS) {
  test(`to_tsvector('simple') keeps every token as exactly one lexeme: ${text.slice(0, 20)}…`, async () => {
    const tokens = indexTokens(text)
    const expected = [...new Set(tokens)].sort()
    assert.deepEqual(await lexemes(sql`to_tsvector('simple', ${toTsvectorText(tokens)})`), expected)
    assert.deepEqual(await lexemes(sql`${toTsvectorLiteral(analyzeText(text))}::tsvector`), expected)
  })
}

const DOCS: Record<string, string> = {
  plan: '朝阳市人民政府办公室关于印发2020年政务公开工作要点的通知',
  guide: '县政府信息公开指南',
  office: '朝阳市政府办公室2019年度工作总结',
  covid: '新冠肺炎疫情防控工作方案（第二版）',
  report: '2020年政府信息公开工作年度报告',
}

/** Ids of the documents that match the query, both index forms (they must agree unless a
 * phrase crosses a sub-word, see below). */
async function search(q: string, form: 'text' | 'literal' = 'text'): Promise<string[]> {
  const tsq = toTsquery(parseQuery(q))
  assert.notEqual(tsq, null, q)
  const out: string[] = []
  for (const [id, body] of Object.entries(DOCS)) {
    const vector =
      form === 'text'
        ? sql`to_tsvector('simple', ${toTsvectorText(indexTokens(body))})`
        : sql`${toTsvectorLiteral(analyzeText(body))}::tsvector`
    const r = await sql<{ m: boolean; c: boolean }>`
      select ${vector} @@ to_tsquery('simple', ${tsq}) as m, ${vector} @@ ${tsq}::tsquery as c`.execute(d.db)
    assert.equal(r.rows[0].m, r.rows[0].c, `to_tsquery and ::tsquery agree for ${tsq}`)
    if (r.rows[0].m) out.push(id)
  }
  return out.sort()
}

const SEARCHES: Array<[string, string[]]> = [
  ['政务公开', ['plan']],
  ['政務公開', ['plan']], // Traditional query, Simplified document
  ['公开', ['guide', 'plan', 'report']], // sub-word of 政务公开 / 政府信息公开
  ['信息公开', ['guide', 'report']], // four-character sub-word of 政府信息公开
  ['市政府', ['office']], // 朝阳市政府办公室 must not lose 市政府
  ['县政府', ['guide']],
  ['２０２０', ['plan', 'report']],
  ['新冠 防控', ['covid']],
  ['"政务公开工作要点"', ['plan']],
  ['"工作要点政务公开"', []], // phrase order matters
  ['2020 -年度报告', ['plan']],
  ['公开 -"政务公开"', ['guide', 'report']],
  ['朝政发〔2020〕12号', []], // no document cites it; the query still runs
]

for (const [q, expected] of SEARCHES) {
  test(`search ${q} → ${expected.join(', ') || 'nothing'}`, async () => {
    assert.deepEqual(await search(q), expected)
    assert.deepEqual(await search(q, 'literal'), expected)
  })
}

test('a phrase across sub-words: the literal form matches by design (shared positions)', async () => {
  // 政务公开 | 工作要点 and 政府信息公开 | 工作年度报告: 公开 and 工作 are sub-words of
  // neighbouring words. The text form matches here only because the sub-word tail happens to
  // list them next to each other; the literal form matches because they share positions.
  assert.deepEqual(await search('"公开工作"', 'literal'), ['plan', 'report'])
  assert.deepEqual(await search('"信息公开指南"', 'literal'), ['guide'])
  // The text form holds 信息公开 only in its tail, away from 指南: the reason the README
  // recommends the literal form for the index.
  assert.deepEqual(await search('"信息公开指南"', 'text'), [])
  assert.deepEqual(await search('"办公室印发"', 'literal'), ['plan'])
  // The price: a sub-word that is not at the end of its word also sits next to the following
  // word, so this phrase, which is not in the text, matches 人民政府 | 办公室 (README).
  assert.deepEqual(await search('"人民办公室"', 'literal'), ['plan'])
  assert.deepEqual(await search('"人民办公室"', 'text'), [])
})

const INJECTIONS = [
  'a & b | !c <-> :*',
  "'政务公开' & '",
  "\\'; select pg_sleep(10); --",
  'a:* | b:A & !!c',
  '政务公开 <2> 2020',
  '(((政务公开',
  '"a\'b" \\"',
  "'' \\\\ ''",
  '政务公开:* | 2020:ABCD',
]

for (const input of INJECTIONS) {
  test(`PostgreSQL reads the tsquery of ${JSON.stringify(input)} as plain AND of its words`, async () => {
    const parsed = parseQuery(input)
    const tsq = toTsquery(parsed)
    if (tsq === null) return
    const r = await sql<{ q: string }>`select to_tsquery('simple', ${tsq})::text as q`.execute(d.db)
    // No prefix (:*), weight (:A) or OR (|) survives; only & ! <-> and quoted lexemes.
    assert.doesNotMatch(r.rows[0].q, /:|\|/)
    const words = parsed.terms.flat().concat(parsed.phrases.flat())
    for (const lexeme of r.rows[0].q.match(/'[^']*'/g) ?? []) assert.ok(words.includes(lexeme.slice(1, -1)), lexeme)
  })
}
