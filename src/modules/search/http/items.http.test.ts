// 办事指南, 权责清单 items and annual reports in the search (#11 item 8) through the real app:
// found by a word of their title once published (not before, not after withdrawal), labelled
// with their kind and linked to their public page; the kind filter; unit scoping; the API shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { saveGuide, setGuideStatus } from '../../guides/commands.ts';
import { createList, importItems, moveList } from '../../powers/commands.ts';
import { publishReport, reopenReport, saveNarrative } from '../../reports/commands.ts';
import { loadUnitReport } from '../../reports/store/assemble.ts';
import { reportUnitById } from '../../reports/store/repository.ts';
import { importManualFigures } from '../../reports/commands.ts';
import { insertFixture } from '../../reports/store/fixtures.test-helper.ts';
import { MANUAL_2021 } from '../../reports/domain/test-fixture.ts';
import { indexingOf } from '../jobs.ts';
import { rebuildItems } from '../store/items.ts';

let t: TestApp;
let c: Client;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');
const q = encodeURIComponent;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  c = new Client(t.app);
});
after(async () => t.close());

const settle = async () => indexingOf(t.db.db)!.idle();

async function api(query: string) {
  const r = await c.get(`/api/v1/search?${query}`);
  assert.equal(r.statusCode, 200, r.body);
  return JSON.parse(r.body) as { total: number; results: { kind: string; id: number; title: string; url: string; unit: { slug: string }; title_html: string; snippet_html: string; index_no: string }[] };
}

const guide = (name: string) => ({
  name, basis: '《测试市犬只管理条例》第九条', conditions: '年满十八周岁', materials: '身份证', place: '政务服务中心一楼', office: '测试市司法局',
  fees: '不收费', hours: '工作日 9:00—17:00', phone: '0421-5550001', process: '申请、受理、决定', kind: 'public_service', code: 'G-1', time_limit: '5个工作日', online_url: '',
});

test('a guide is found by a word of its title once published, labelled and linked; not before, not after withdrawal', async () => {
  const id = await saveGuide(t.db.db, sys, { id: null, unitId: tree.bureau.id }, guide('犬只登记证核发'));
  await settle();
  assert.equal((await api(`q=${q('犬只登记')}`)).total, 0, 'a draft is not searchable');
  await setGuideStatus(t.db.db, sys, id, 'published');
  await settle();
  const r = await api(`q=${q('犬只登记')}`);
  assert.equal(r.total, 1);
  assert.equal(r.results[0].kind, 'guide');
  assert.equal(r.results[0].id, id);
  assert.equal(r.results[0].url, `/u/bureau/guides/${id}`);
  assert.equal(r.results[0].unit.slug, 'bureau');
  assert.match(r.results[0].title_html, /<mark>登记<\/mark>/);
  const page = await c.get(`/search?q=${q('犬只登记')}`);
  assert.match(page.body, new RegExp(`href="/u/bureau/guides/${id}"`));
  assert.match(page.body, /办事指南/);
  await setGuideStatus(t.db.db, sys, id, 'withdrawn');
  await settle();
  assert.equal((await api(`q=${q('犬只登记')}`)).total, 0, 'withdrawn');
});

test('a 权责清单 is searchable once published; a newer year replaces it; returned to draft it is gone', async () => {
  const item = (code: string, name: string) => ({ type: 'licensing' as const, code, name, basis: '《中华人民共和国律师法》第十八条', subject: '测试市卫生健康委员会', duties: '受理、审查、决定', accountability: '不依法受理的' });
  const l19 = await createList(t.db.db, sys, tree.other.id, 2019);
  await importItems(t.db.db, sys, l19, [item('WJW-1', '医疗机构执业登记'), item('WJW-2', '母婴保健技术服务许可')], 'test');
  await settle();
  assert.equal((await api(`q=${q('医疗机构执业登记')}`)).total, 0, 'a draft list is not searchable');
  await moveList(t.db.db, sys, l19, 'publish');
  await settle();
  let r = await api(`q=${q('医疗机构执业登记')}`);
  assert.equal(r.total, 1);
  assert.equal(r.results[0].kind, 'power');
  assert.match(r.results[0].url, new RegExp(`^/u/other/powers/items/\\d+$`));
  const old = r.results[0].id;
  const l20 = await createList(t.db.db, sys, tree.other.id, 2020);
  await importItems(t.db.db, sys, l20, [item('WJW-1', '医疗机构执业登记')], 'test');
  await moveList(t.db.db, sys, l20, 'publish');
  await settle();
  r = await api(`q=${q('医疗机构执业登记')}`);
  assert.equal(r.total, 1, 'the 2020 list replaces the 2019 one');
  assert.notEqual(r.results[0].id, old);
  assert.equal((await api(`q=${q('母婴保健技术服务许可')}`)).total, 0, 'an item the newer list dropped');
  await moveList(t.db.db, sys, l20, 'return');
  await settle();
  r = await api(`q=${q('医疗机构执业登记')}`);
  assert.equal(r.total, 1, 'back to the 2019 list');
  assert.equal(r.results[0].id, old);
});

test('an annual report is searchable once published and gone once reopened', async () => {
  await insertFixture(t.db.db, 2024, tree.bureau.id, tree.other.id);
  await importManualFigures(t.db.db, sys, tree.bureau.id, 2024, MANUAL_2021);
  const bureau = (await reportUnitById(t.db.db, tree.bureau.id))!;
  const draft = (await loadUnitReport(t.db.db, bureau, 2024)).narrative;
  const fill = (s: string) => s.replace(/【待填写：[^】]*】/g, '（已核实）');
  await saveNarrative(t.db.db, sys, bureau.id, 2024, 'unit', {
    preface: draft.preface,
    part1: draft.part1.map((s) => fill(s.paragraphs.join('\n'))),
    part5: draft.part5.map((s) => fill(s.paragraphs.join('\n'))),
    part6: fill(draft.part6.join('\n')),
  });
  await settle();
  assert.equal((await api(`q=${q('司法局 年度报告')}&kind=report`)).total, 0);
  await publishReport(t.db.db, sys, bureau.id, 2024, 'unit', '2025-01-20');
  await settle();
  const r = await api(`q=${q('司法局 年度报告')}&kind=report`);
  assert.equal(r.total, 1);
  assert.equal(r.results[0].kind, 'report');
  assert.equal(r.results[0].title, '测试市司法局2024年政府信息公开工作年度报告');
  assert.equal(r.results[0].url, '/u/bureau/xxgk/nb/2024-unit');
  assert.equal((await c.get(r.results[0].url)).statusCode, 200, 'the link opens the report');
  await reopenReport(t.db.db, sys, bureau.id, 2024, 'unit', '更正数据');
  await settle();
  assert.equal((await api(`q=${q('司法局 年度报告')}&kind=report`)).total, 0);
});

test('the kind filter, unit scoping (units below included, sub=0 not) and bad kinds', async () => {
  const a = await saveGuide(t.db.db, sys, { id: null, unitId: tree.town.id }, guide('渔船登记证明核发'));
  await setGuideStatus(t.db.db, sys, a, 'published');
  await settle();
  assert.equal((await api(`q=${q('渔船登记')}`)).total, 1);
  assert.equal((await api(`q=${q('渔船登记')}&kind=guide`)).total, 1);
  assert.equal((await api(`q=${q('渔船登记')}&kind=document`)).total, 0);
  assert.equal((await api(`q=${q('渔船登记')}&kind=power,report`)).total, 0);
  assert.equal((await api(`q=${q('渔船登记')}&kind=document,guide`)).total, 1);
  assert.equal((await api(`q=${q('渔船登记')}&unit=county`)).total, 1, 'the county includes its town');
  assert.equal((await api(`q=${q('渔船登记')}&unit=county&sub=0`)).total, 0);
  assert.equal((await api(`q=${q('渔船登记')}&unit=bureau`)).total, 0);
  assert.equal((await api(`q=${q('渔船登记')}&type=notice`)).total, 0, 'a documents-only filter leaves items out');
  const bad = await c.get(`/api/v1/search?q=${q('渔船')}&kind=video`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /"kind"/);
  const page = await c.get(`/search?q=${q('渔船登记')}&kind=guide`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<select id="[^"]*" name="kind"/);
  // `gongkai search reindex` rebuilds the items too
  assert.ok((await rebuildItems(t.db.db)) >= 1);
  assert.equal((await api(`q=${q('渔船登记')}`)).total, 1);
});

test('the OpenAPI schema documents the kind parameter and each result’s kind', async () => {
  const r = await c.get('/api/docs/json');
  assert.equal(r.statusCode, 200);
  const spec = JSON.parse(r.body) as { paths: Record<string, { get?: { parameters?: { name: string; description?: string }[]; responses: Record<string, unknown> } }> };
  const op = spec.paths['/api/v1/search'].get!;
  const kind = op.parameters!.find((p) => p.name === 'kind');
  assert.ok(kind, 'kind parameter');
  assert.match(JSON.stringify(op.responses), /"kind"/);
  assert.match(JSON.stringify(op.responses), /"guide"/);
});
