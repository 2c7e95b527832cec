/**
 * The annual report through the app: admin pages (checks, drill-down, forms with 422 errors, publish
 * rules per role), the public 政府信息公开年报 column with its DOCX/PDF/JSON downloads (opened and their
 * table text checked), the settings form and the dashboard widget.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { extractDocxText, extractPdfText } from '../../../core/docs/index.ts';
import { MANUAL_2021 } from '../domain/test-fixture.ts';
import { computeReport } from '../domain/compute.ts';
import { importManualFigures, importReport } from '../commands.ts';
import { insertFixture } from '../store/fixtures.test-helper.ts';
import { EXPECTED_T2_2024, EXPECTED_T3_2024, EXPECTED_T4, rows } from '../store/expected.test-helper.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
let ids: Map<string, string>;
let base: string;

before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
  ids = await insertFixture(t.db.db, 2024, tree.bureau.id, tree.other.id);
  const sys = systemContext('test');
  await importManualFigures(t.db.db, sys, tree.bureau.id, 2024, MANUAL_2021);
  // 2023 predates the platform: its 结转下年度 (c01 natural, c02 commercial) is imported.
  const prev = computeReport(tree.bureau.code, 2023, { cases: [], docs: [] }).report;
  for (const row of ['3.1', '3.4']) {
    for (const col of ['natural', 'commercial'] as const) {
      prev.table3[row][col] += 1;
      prev.table3[row].total += 1;
    }
  }
  await importReport(t.db.db, sys, prev);
  base = `/admin/reports/${tree.bureau.id}/2024/unit`;
});
after(async () => t?.close());

const login = async (user: string) => {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
};

test('the report page: official tables, computed numbers link to their cases, no failing checks', async () => {
  const c = await login('editor');
  const list = await c.get('/admin/reports?year=2024');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /测试市司法局/);
  assert.doesNotMatch(list.body, /测试县人民政府/, 'outside the editor’s scope');
  const r = await c.get(base);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<h1>测试市司法局2024年政府信息公开工作年度报告<\/h1>/);
  assert.match(r.body, /<th colspan="7" id="t3-c1" scope="colgroup">申请人情况<\/th>/);
  assert.match(r.body, new RegExp(`data-cell="table3.3.1.natural"><a href="${base}/drill\\?cell=table3.3.1.natural">4</a>`));
  assert.doesNotMatch(r.body, /数据检查未通过/);
  assert.match(r.body, /【待填写/, 'the narrative draft is shown with its placeholders');
  assert.match(r.body, /市政务服务平台办件统计（演示数据）/, 'source notes are shown');
  assert.doesNotMatch(r.body, /action="[^"]*\/publish"/, 'an editor has no publish button');
  assert.match(r.body, /href="[^"]*\/figures"/);
});

test('drill-down: the cases behind a table-3 cell, the documents behind a table-2 cell; unknown cells 404', async () => {
  const c = await login('supervisor');
  const r = await c.get(`${base}/drill?cell=table3.3.3.6.3.public_interest`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /表三 3.其他 · 社会公益组织/);
  assert.match(r.body, new RegExp(`href="/admin/requests/${ids.get('c06')}"`));
  assert.equal((r.body.match(/href="\/admin\/requests\//g) ?? []).length, 1);
  const carried = await c.get(`${base}/drill?cell=table3.3.2.total`);
  for (const k of ['c01', 'c02']) assert.match(carried.body, new RegExp(`href="/admin/requests/${ids.get(k)}"`));
  const docs = await c.get(`${base}/drill?cell=table2.normative.in_force`);
  assert.equal((docs.body.match(/href="\/admin\/documents\//g) ?? []).length, 2);
  assert.equal((await c.get(`${base}/drill?cell=table9.x`)).statusCode, 404);
  assert.equal((await c.get(`${base}/drill?cell=table2.licensing.decisions`)).statusCode, 404, 'unit-entered figures do not drill');
});

test('the figures form: a value without its source is refused with the field named; JSON import errors per path', async () => {
  const c = await login('editor');
  const form = await c.get(`${base}/figures`);
  assert.match(form.body, /value="120"/);
  const bad = await c.submit(`${base}/figures`, `${base}/figures`, {
    'value:table2.licensing.decisions': '130', 'source:table2.licensing.decisions': '',
    'value:table2.fees.amount_wan_yuan': 'abc', 'source:table2.fees.amount_wan_yuan': '非税系统',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /须注明数据来源/);
  assert.match(bad.body, /href="#f-source:table2.licensing.decisions"/);
  assert.match(bad.body, /非负金额/);
  const json = await c.submit(`${base}/figures`, `${base}/figures/import`, { json: '{"table2.licensing.decisions": {"value": -1, "source": "x"}, "table2.nope": {}}' });
  assert.equal(json.statusCode, 422);
  assert.match(json.body, /table2.licensing.decisions.value/);
  assert.match(json.body, /没有可填报的单元格 table2.nope/);
  const syntax = await c.submit(`${base}/figures`, `${base}/figures/import`, { json: '{oops' });
  assert.equal(syntax.statusCode, 422);
  assert.match(syntax.body, /JSON 格式错误/);
  // the supervisor may not edit
  const sup = await login('supervisor');
  assert.equal((await sup.get(`${base}/figures`)).statusCode, 403);
});

test('publish: refused while the narrative has placeholders; after editing, the reviewer publishes', async () => {
  const reviewer = await login('reviewer');
  const page = await reviewer.get(base);
  assert.match(page.body, /action="[^"]*\/publish"/);
  const refused = await reviewer.submit(base, `${base}/publish`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /还有【待填写】的内容/);
  const editor = await login('editor');
  assert.equal((await editor.submit(base, `${base}/publish`, {})).statusCode, 403);
  const n = await editor.get(`${base}/narrative`);
  const field = (name: string) => (new RegExp(`<textarea id="f-${name}" name="${name}"[^>]*>([^<]*)</textarea>`).exec(n.body)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const fill = (s: string) => s.replace(/【待填写：[^】]*】/g, '（演示）');
  const form: Record<string, string> = { preface: field('preface'), part6: fill(field('part6')) };
  for (let i = 0; i < 5; i++) form[`part1_${i}`] = fill(field(`part1_${i}`));
  for (let i = 0; i < 2; i++) form[`part5_${i}`] = fill(field(`part5_${i}`));
  assert.match(form.part1_1, /新收政府信息公开申请10件/);
  const empty = await editor.submit(`${base}/narrative`, `${base}/narrative`, { ...form, preface: '' });
  assert.equal(empty.statusCode, 422);
  assert.equal((await editor.submit(`${base}/narrative`, `${base}/narrative`, form)).statusCode, 303);
  const ok = await reviewer.submit(base, `${base}/publish`, {});
  assert.equal(ok.statusCode, 303);
  const after = await reviewer.get(base);
  assert.match(after.body, /已发布/);
  assert.match(after.body, /撤回更正/);
});

test('the public column lists the published report and shows it laid out like the official format', async () => {
  const list = await t.app.inject({ url: '/u/bureau/xxgk/nb' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /<a href="\/u\/bureau\/xxgk\/nb\/2024" lang="zh-CN">测试市司法局2024年政府信息公开工作年度报告<\/a>/);
  const page = await t.app.inject({ url: '/u/bureau/xxgk/nb/2024' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<meta name="ColumnName" content="政府信息公开年报"/);
  assert.match(page.body, /<th rowspan="22" id="t3-r3" scope="rowgroup">三、本年度办理结果<\/th>/);
  assert.match(page.body, /（演示）/);
  assert.doesNotMatch(page.body, /\/admin\/reports\/.*drill/, 'no admin links on the public page');
  assert.equal((await t.app.inject({ url: '/u/bureau/xxgk/nb/2023' })).statusCode, 404, 'an unpublished year');
  assert.equal((await t.app.inject({ url: '/u/bureau/xxgk/nb/2024.exe' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/u/other/xxgk/nb/2024' })).statusCode, 404);
});

test('downloads: JSON in the annual-report.md shape; DOCX and PDF opened and their table text checked', async () => {
  const json = await t.app.inject({ url: '/u/bureau/xxgk/nb/2024.json' });
  assert.equal(json.statusCode, 200);
  const r = json.json();
  assert.equal(r.unit, tree.bureau.code);
  assert.deepEqual(r.table3, rows(EXPECTED_T3_2024));
  assert.deepEqual(r.table4, EXPECTED_T4);
  assert.deepEqual(r.table2, EXPECTED_T2_2024);

  const docx = await t.app.inject({ url: '/u/bureau/xxgk/nb/2024.docx' });
  assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.match(String(docx.headers['content-disposition']), /filename\*=UTF-8''%E6%B5%8B/);
  const text = extractDocxText(docx.rawPayload);
  const lines = text.split('\n');
  assert.ok(lines.includes('一、本年新收政府信息公开申请数量\t4\t1\t1\t1\t2\t1\t10'), 'row 3.1');
  assert.ok(lines.includes('二、上年结转政府信息公开申请数量\t1\t1\t0\t0\t0\t0\t2'), 'row 3.2');
  assert.ok(lines.includes('四、结转下年度继续办理\t1\t1\t0\t0\t0\t0\t2'), 'row 3.4');
  assert.ok(lines.includes('规章\t1\t1\t2'), 'table 2 规章');
  assert.ok(lines.includes('行政事业性收费\t12.3456'), 'table 2 fees');
  assert.ok(lines.includes(['1', '1', '1', '1', '4', '0', '0', '0', '2', '2', '0', '0', '0', '1', '1'].join('\t')), 'table 4 row');
  assert.match(text, /测试市司法局2024年\n政府信息公开工作年度报告/, 'the title, broken between the organ and the words of the title');

  const pdf = await t.app.inject({ url: '/u/bureau/xxgk/nb/2024.pdf' });
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const ptext = await extractPdfText(pdf.rawPayload);
  assert.match(ptext, /一、本年新收政府信息公开申请数量 4 1 1 1 2 1 10/);
  assert.match(ptext, /行政事业性收费 12\.3456/);
  assert.match(ptext, /1 1 1 1 4 0 0 0 2 2 0 0 0 1 1/);
});

test('the summary: only for governments; its drill-down lists the units behind a cell', async () => {
  const c = await login('sysadmin');
  const s = await c.get(`/admin/reports/${tree.city.id}/2024/summary`);
  assert.equal(s.statusCode, 200);
  assert.match(s.body, /汇总范围：5个单位/);
  assert.match(s.body, /数据检查未通过/, 'units without their figures fail manual_source');
  const drill = await c.get(`/admin/reports/${tree.city.id}/2024/summary/drill?cell=table3.3.1.total`);
  assert.equal(drill.statusCode, 200);
  assert.match(drill.body, /测试市司法局/);
  assert.match(drill.body, /测试市卫生健康委员会/);
  assert.equal((await c.get(`/admin/reports/${tree.bureau.id}/2024/summary`)).statusCode, 404);
  const county = await login('countyadmin');
  assert.equal((await county.get(base)).statusCode, 403);
  assert.equal((await county.get(`/admin/reports/${tree.county.id}/2024/summary`)).statusCode, 200);
  assert.equal((await c.get('/admin/reports/abc/2024/unit')).statusCode, 404);
  assert.equal((await c.get(`/admin/reports/${tree.bureau.id}/1999/unit`)).statusCode, 404);
});

test('admin downloads and the settings form; the dashboard shows the deadlines', async () => {
  const c = await login('sysadmin');
  const j = await c.get(`${base}/export/json`);
  assert.equal(j.statusCode, 200);
  assert.deepEqual(j.json().table4, EXPECTED_T4);
  const h = await c.get(`/admin/reports/${tree.city.id}/2024/summary/export/html`);
  assert.match(h.body, /<table class="report-table report-table3"/);
  assert.equal((await c.get(`${base}/export/xls`)).statusCode, 404);
  const bad = await c.submit('/admin/reports/settings', '/admin/reports/settings', { department: '02-10', government: '3-1' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /不得晚于法定期限/);
  assert.match(bad.body, /截止日期格式应为/);
  assert.equal((await c.submit('/admin/reports/settings', '/admin/reports/settings', { department: '01-25', government: '03-31' })).statusCode, 303);
  const dash = await c.get('/admin');
  assert.match(dash.body, /年度政府信息公开工作年度报告/);
  assert.match(dash.body, /href="\/admin\/reports\?year=\d{4}"/);
  const editor = await login('editor');
  assert.equal((await editor.get('/admin/reports/settings')).statusCode, 403);
});

test('the 年报 column lists every published report of the unit, those filed as documents too; the old address redirects', async () => {
  // a 2019 report published as a document before the platform, filed in the town's 年报 column
  const db = t.db.db;
  const column = await db.selectFrom('doc_columns').select('id').where('unit_id', '=', tree.town.id).where('slug', '=', 'annual-reports').executeTakeFirstOrThrow();
  const doc = await db
    .insertInto('documents')
    .values({ unit_id: tree.town.id, index_no: 'TEST-NB-2019', index_year: 2020, index_serial: 1, title: '测试县某镇人民政府2019年政府信息公开工作年度报告', legal_form: 'none', publish_date: '2020-01-20', status: 'published', published_at: '2020-01-20T02:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('document_columns').values({ document_id: doc.id, column_id: column.id }).execute();

  const anon = new Client(t.app);
  const nb = await anon.get('/u/town/xxgk/nb');
  assert.equal(nb.statusCode, 200);
  assert.doesNotMatch(nb.body, /暂无已发布的年度报告/);
  assert.match(nb.body, new RegExp(`<a href="/u/town/doc/${doc.id}" lang="zh-CN">测试县某镇人民政府2019年政府信息公开工作年度报告</a>`));
  assert.match(nb.body, /<time datetime="2020-01-20">2020年1月20日<\/time>/);
  const old = await anon.get('/u/town/xxgk/annual-reports');
  assert.equal(old.statusCode, 301);
  assert.equal(old.headers.location, '/u/town/xxgk/nb');
  // a unit with nothing published still says so
  assert.match((await anon.get('/u/other/xxgk/nb')).body, /暂无已发布的年度报告/);
});

test('years outside 2019 … this year are refused with a 404 that says why, in the user’s language', async () => {
  const c = await login('sysadmin');
  const next = new Date().getUTCFullYear() + 2;
  for (const path of [`/admin/reports/${tree.bureau.id}/2100/unit`, `/admin/reports/${tree.bureau.id}/${next}/unit`, `/admin/reports/${tree.bureau.id}/2018/unit`, `/admin/reports/${tree.city.id}/2100/summary/export/pdf`]) {
    const r = await c.get(path);
    assert.equal(r.statusCode, 404, path);
    assert.match(r.body, /年度须在2019年至\d{4}年之间/, path);
  }
  await c.get('/prefs?lang=en');
  const en = await c.get(`/admin/reports/${tree.bureau.id}/2100/unit`);
  await c.get('/prefs?lang=zh-CN');
  assert.equal(en.statusCode, 404);
  assert.match(en.body, /the year must be between 2019 and \d{4}/);
  // this year (a draft in progress) is still open
  assert.equal((await c.get(`/admin/reports/${tree.bureau.id}/${new Date().getUTCFullYear()}/unit`)).statusCode, 200);
});

test('English UI: the figures page names the table-2 cells in English; the report itself stays Chinese', async () => {
  const c = await login('editor');
  await c.get('/prefs?lang=en');
  const r = await c.get(`${base}/figures`);
  await c.get('/prefs?lang=zh-CN');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<legend>Table 2 Administrative licensing · decisions this year<\/legend>/);
  assert.match(r.body, /<legend>Table 2 Administrative fees · amount \(10,000 yuan\)<\/legend>/);
  assert.doesNotMatch(r.body, /<legend>表二/);
  const zh = await c.get(`${base}/figures`);
  assert.match(zh.body, /<legend>表二 行政许可 · 本年处理决定数量<\/legend>/);
});
