/** The column fill of the demo: realistic, unique, marked as demo data, valid for publication. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillRecords, addressee, DEMO_MARK, type EmptyColumn } from './corpus-fill.ts';
import { attachmentDocx, attachmentName } from './attachments.ts';
import { extractDocxText } from '../../../core/docs/index.ts';
import { demoCorpusUnits, budgetRows } from './seed.ts';
import { synthesizeDocuments } from './corpus.ts';
import { validateDocumentMetadata } from '../domain/validate.ts';
import { parseDocNumber } from '../domain/docnumber.ts';

const units = demoCorpusUnits();
const plan = readFileSync(join(import.meta.dirname, 'corpus', 'work-plan-2020.zh-Hans.txt'), 'utf8');
const cols: EmptyColumn[] = units.flatMap((u) => [
  { unitCode: u.code, slug: 'rules', name: '政府信息公开制度', type: 'disclosure_rules', statutoryRef: null },
  { unitCode: u.code, slug: 'organisation', name: '机构职能', type: 'other', statutoryRef: '政府信息公开条例 第20条第2项' },
  { unitCode: u.code, slug: 'emergencies', name: '突发公共事件应对', type: 'emergency', statutoryRef: null },
]);

test('every empty column gets two documents that pass publication validation, each marked as demo data', () => {
  const recs = fillRecords(cols, units, plan);
  assert.equal(recs.length, cols.length * 2);
  for (const d of recs) {
    const v = validateDocumentMetadata({ ...d }, { mode: 'publish', today: '2020-12-31' });
    assert.ok(v.ok, `${d.title}: ${v.ok ? '' : JSON.stringify(v.errors.map((e) => [e.field, e.message.zh]))}`);
    assert.ok(d.bodyHtml!.includes(DEMO_MARK) && d.summary!.includes('演示数据'), 'marked as demo');
    assert.ok(d.bodyHtml!.includes('《朝阳市2020年政务公开工作要点》提出：'), 'quotes the plan');
    assert.ok(!d.bodyHtml!.includes('有效期至'));
    assert.ok(d.publishDate! >= d.writtenDate!);
    if (d.docNumber) assert.ok(parseDocNumber(d.docNumber).ok, d.docNumber);
  }
  assert.ok(recs.some((d) => d.docNumber) && recs.some((d) => !d.docNumber), '文号 only for issued documents');
});

test('titles, 索引号 and 文号 are unique, also against the corpus the demo seeds first', () => {
  const corpus = synthesizeDocuments(300, units, 20200825);
  const all = [...corpus, ...fillRecords(cols, units, plan)];
  for (const key of ['title', 'indexNo', 'externalId'] as const) assert.equal(new Set(all.map((d) => d[key])).size, all.length, `${key} unique`);
  const nums = all.filter((d) => d.docNumber).map((d) => d.docNumber);
  assert.equal(new Set(nums).size, nums.length, '文号 unique');
});

test('a budget PDF states the figures of its body', () => {
  const budget = synthesizeDocuments(300, units, 20200825).find((d) => d.columns?.includes('budgets-and-final-accounts'))!;
  const rows = budgetRows(budget.bodyHtml!);
  assert.equal(rows.length, 3);
  for (const [k, v] of rows) assert.ok(budget.bodyHtml!.includes(`<td>${k}</td><td>${v.replace(' 万元', '')}</td>`));
});

test('the 政府信息公开制度 column gets the unit\'s own disclosure rules, each issued by a notice with a 文号', () => {
  const u = units[0];
  const recs = fillRecords([{ unitCode: u.code, slug: 'rules', name: '政府信息公开制度', type: 'disclosure_rules', statutoryRef: null }], units, plan);
  assert.deepEqual(recs.map((d) => d.title), [`${u.name}关于印发《${u.name}政府信息公开保密审查制度》的通知`, `${u.name}关于印发《${u.name}依申请公开政府信息工作规程》的通知`]);
  for (const d of recs) {
    assert.ok(d.docNumber && parseDocNumber(d.docNumber).ok, `文号: ${d.docNumber}`);
    assert.ok(d.bodyHtml!.includes('<h3>一、总则</h3>') && d.bodyHtml!.includes('20个工作日'), 'the rules themselves, with the statutory time limit');
    assert.ok(!d.bodyHtml!.includes('三、下一步工作'), 'not the generic column text');
    assert.ok(d.bodyHtml!.includes(DEMO_MARK));
    const v = validateDocumentMetadata({ ...d }, { mode: 'publish', today: '2020-12-31' });
    assert.ok(v.ok, JSON.stringify(v.ok ? '' : v.errors));
  }
});

test('the 制度 notice is addressed to whom the unit writes: a government to the governments and departments below it', () => {
  const rulesOf = (type: string) => {
    const u = units.find((x) => x.type === type)!;
    return { u, recs: fillRecords([{ unitCode: u.code, slug: 'rules', name: '政府信息公开制度', type: 'disclosure_rules', statutoryRef: null }], units, plan) };
  };
  const opens = (html: string) => /^<p>([^<]+)：<\/p>/.exec(html)?.[1];
  const city = rulesOf('city_government');
  for (const d of city.recs) assert.equal(opens(d.bodyHtml!), '各县（市）区人民政府，市政府各部门、各直属机构');
  for (const d of rulesOf('county_government').recs) assert.match(opens(d.bodyHtml!)!, /^各乡镇人民政府、街道办事处，[区县市]政府各部门$/);
  for (const type of ['department', 'park', 'office']) {
    for (const d of rulesOf(type).recs) assert.equal(opens(d.bodyHtml!), '各科室、各直属单位', type);
  }
  for (const d of rulesOf('township').recs) assert.ok(!opens(d.bodyHtml!)!.includes('各科室、各直属单位'));
  assert.equal(addressee({ type: 'county_government', name: '朝阳市双塔区人民政府' }), '各乡镇人民政府、街道办事处，区政府各部门');
  assert.equal(addressee({ type: 'county_government', name: '建平县人民政府' }), '各乡镇人民政府、街道办事处，县政府各部门');
  assert.equal(addressee({ type: 'township', name: '某县某镇人民政府' }), '各村民委员会，镇直各单位');
  assert.equal(addressee({ type: 'township', name: '某区某街道办事处' }), '各社区居民委员会，街道各科室');
  assert.equal(addressee({ type: 'department', name: '朝阳市民政局' }), '各科室、各直属单位');
});

test('the Word attachment of a 制度 notice holds the 制度 only (title and articles), not the covering notice', async () => {
  const u = units.find((x) => x.type === 'city_government')!;
  for (const r of fillRecords([{ unitCode: u.code, slug: 'rules', name: '政府信息公开制度', type: 'disclosure_rules', statutoryRef: null }], units, plan)) {
    const name = attachmentName(r)!;
    assert.ok(name.startsWith(u.name) && (name.endsWith('保密审查制度') || name.endsWith('依申请公开政府信息工作规程')), name);
    const text = extractDocxText(await attachmentDocx(r, name));
    assert.ok(text.includes(name), 'the title');
    assert.ok(text.includes('一、总则') && text.includes('四、监督检查') && text.includes('20个工作日'), 'the articles');
    for (const covering of ['印发给你们', '各县（市）区人民政府', '政务公开工作要点》提出', `\n${u.name}\n`]) assert.ok(!text.includes(covering), `not the covering notice: ${covering}`);
    // the notice names its 附件 after its text and before its 落款 (organ, date)
    assert.ok(r.bodyHtml!.includes(`印发给你们，请认真贯彻执行。</p><p>附件：${name}</p><p>${u.name}</p><p>`), r.bodyHtml ?? '');
  }
});
