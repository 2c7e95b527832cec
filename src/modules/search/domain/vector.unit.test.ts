// What a document puts into the index (vector.ts): words, title marks and facet lexemes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeText } from '../text/tokenize.ts';
import { analyzeFields, buildSearchVector, buildSearchVectors, facet, facetLexemes, markTitleLiteral, MAX_BODY_CHARS, splitTitle, type IndexSource } from './vector.ts';

const SOURCE: IndexSource = {
  docId: 7,
  unitId: 9,
  unitPath: '/1/5/9/',
  title: '朝阳市人民政府办公室关于印发2020年政务公开工作要点的通知',
  summary: '部署全年政务公开重点工作。',
  keywords: ['政务公开', '工作要点'],
  docNumber: '朝政办发〔2020〕12号',
  issuers: [{ unitId: 9, name: '朝阳市人民政府办公室' }, { unitId: null, name: '朝阳市政务公开领导小组' }, { unitId: 12, name: '朝阳市司法局' }],
  body: '现将工作要点印发给你们。',
  attachments: ['附件：任务分工表'],
  publishDate: '2020-08-25',
  writtenDate: '2020-08-20',
  docType: 'notice',
  validity: 'effective',
  topicCode: '0201',
  columnIds: [31, 30],
  topicIds: [4, 3],
};

test('facets: unit, every unit above it, issuers on the platform, columns, topics, codes and date buckets', () => {
  assert.deepEqual(new Set(facetLexemes(SOURCE)), new Set([
    '~u9', '~s1', '~s5', '~s9', '~i9', '~i12', '~c31', '~c30', '~t4', '~t3', '~g02', '~g0201', '~knotice', '~veffective',
    '~p2020', '~p202008', '~d20200825', '~w2020', '~w202008', '~x20200820', '~h7',
  ]));
});

test('facet names: year and month buckets apart from day buckets', () => {
  assert.equal(facet.published('2020'), '~p2020');
  assert.equal(facet.published('202008'), '~p202008');
  assert.equal(facet.published('20200825'), '~d20200825');
  assert.equal(facet.written('20200825'), '~x20200825');
});

test('missing or malformed fields give no facet', () => {
  const f = facetLexemes({ ...SOURCE, issuers: [], columnIds: [], topicIds: [], topicCode: 'x', docType: 'Bad Code!', validity: null, writtenDate: '2020/08/20', publishDate: null });
  assert.deepEqual(new Set(f), new Set(['~u9', '~s1', '~s5', '~s9', '~h7']));
});

test('title marks keep the positions of the title words', () => {
  assert.equal(markTitleLiteral("'政务公开':1 '政务':1 '工作':2"), "'^政务公开':1 '^政务':1 '^工作':2");
});

test('the vector holds title words, their marks, head, body, attachment words and facets', () => {
  const v = buildSearchVector(SOURCE);
  const lex = new Set(v.lexemes);
  for (const l of ['政务公开', '政务', '公开', '^政务公开', '^通知', '部署', '分工', '~u9', '~d20200825', '领导小组']) assert.ok(lex.has(l), l);
  assert.ok(!lex.has('^部署'), 'summary words are not title words');
  assert.ok(!lex.has('^分工'), 'attachment words are not title words');
  assert.ok(v.title.includes("'政务公开':"));
  assert.ok(v.titleMarks.includes("'^政务公开':"));
  assert.equal(v.lexemes.length, lex.size, 'distinct');
});

test('text can never produce a facet or a title mark', () => {
  const src = { ...SOURCE, title: '~u1 ^政务 ~p1999', body: "'~s2':1 ^^x ~~ ~d19990101", summary: null, keywords: [], attachments: [], issuers: [] };
  const v = buildSearchVector(src);
  const own = new Set(facetLexemes(src));
  const textual = v.lexemes.filter((l) => !own.has(l) && !l.startsWith('^'));
  for (const l of textual) assert.match(l, /^[\p{L}\p{N}\p{M}]+$/u, l);
  for (const l of ['~u1', '~s2', '~p1999', '~d19990101']) assert.ok(!v.lexemes.includes(l), l);
  // marks come only from title words (letters and digits after the ^)
  for (const l of v.lexemes.filter((x) => x.startsWith('^'))) assert.match(l, /^\^[\p{L}\p{N}\p{M}]+$/u, l);
});

test('very long bodies are cut before analysis', () => {
  const body = '甲'.repeat(10) + '政务公开'.repeat(MAX_BODY_CHARS / 4) + '琉璃瓦';
  const v = buildSearchVector({ ...SOURCE, body });
  assert.ok(v.lexemes.includes('政务公开'));
  assert.ok(!v.lexemes.includes('琉璃瓦'));
});

test('analysing the fields together gives each field the words it gets alone', () => {
  const plan = readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8');
  const fields = [SOURCE.title, '部署全年政务公开重点工作。政务公开 工作要点 朝政办发〔2020〕12号', '', plan.slice(0, 3000), '附件：任务分工表 COVID-19 3.14%', '市政府办公室'];
  assert.deepEqual(analyzeFields(fields), fields.map((f) => (f ? analyzeText(f) : [])));
  assert.deepEqual(analyzeFields(['', '  ']), [[], []]);
});

test('vectors built in a batch equal vectors built one by one', () => {
  const plan = readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8');
  const sources: IndexSource[] = [
    SOURCE,
    { ...SOURCE, docId: 8, title: '第二个文件：疫情防控', body: plan, attachments: [], summary: null, keywords: [] },
    { ...SOURCE, docId: 9, title: '空正文', body: '', attachments: ['', '附件文字'], issuers: [] },
  ];
  assert.deepEqual(buildSearchVectors(sources), sources.map(buildSearchVector));
});

test('a title quoting another document’s title in 《》 keeps those words apart (weight B), a carrier (关于印发《…》) does not', () => {
  assert.deepEqual(splitTitle('政策解读：《关于加大农业新型经营主体金融支持力度的通知》'), { own: '政策解读：\n', quoted: '关于加大农业新型经营主体金融支持力度的通知' });
  assert.deepEqual(splitTitle('朝阳市人民政府关于印发《朝阳市重点领域信用分级分类监管办法》的通知'), { own: '朝阳市人民政府关于印发《朝阳市重点领域信用分级分类监管办法》的通知', quoted: '' });
  assert.deepEqual(splitTitle('朝阳市“证照分离”改革实施办法'), { own: '朝阳市“证照分离”改革实施办法', quoted: '' });
  const v = buildSearchVector({ ...SOURCE, title: '图解：《政务公开工作要点》' });
  assert.ok(v.quoted.includes("'政务公开':"), 'quoted words in their own literal');
  assert.ok(!v.title.includes("'政务公开':"));
  assert.ok(v.quotedMarks.includes("'^政务公开':"), 'still title words for the title tier');
});
