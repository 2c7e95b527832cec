/**
 * The report's files as they leave the platform, read back: every row label and every value of tables
 * 二, 三 and 四 is in the PDF — in the row it belongs to, in the order of the HTML view — and every piece
 * of text lies inside the page's content box (never in the footer band), for a unit report and the city
 * summary, in both official formats (2024: 国办公开办函〔2021〕30号; 2020: 〔2019〕60号 trial format). A draft
 * says what is unresolved in every format; a published one does not, and its files are built once per
 * published version.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { extractDocxText, extractPdfItems, extractPdfText, PDF_CONTENT_BOX } from '../../../core/docs/index.ts';
import { MANUAL_2019, MANUAL_2021 } from '../domain/test-fixture.ts';
import { reportGrids, type Grid } from '../domain/layout.ts';
import type { AnnualReport } from '../domain/types.ts';
import { insertFixture } from '../store/fixtures.test-helper.ts';
import { loadPublished, loadReport, type LoadedReport } from '../store/assemble.ts';
import { importManualFigures, publishReport, reopenReport, saveNarrative } from '../commands.ts';
import { reportUnitById } from '../store/repository.ts';
import { renderPublished, renderReport } from './export.ts';
import { reportOverview } from '../store/status.ts';
import '../policy.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const sys = systemContext('test');

before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
  await insertFixture(d.db, 2024, tree.bureau.id, tree.other.id);
  await insertFixture(d.db, 2020, tree.town.id, tree.county.id);
  await importManualFigures(d.db, sys, tree.bureau.id, 2024, MANUAL_2021);
  await importManualFigures(d.db, sys, tree.town.id, 2020, MANUAL_2019);
});
after(async () => d?.cleanup());

const load = async (id: number, year: number, kind: 'unit' | 'summary') => loadReport(d.db, (await reportUnitById(d.db, id))!, year, kind);

/** A cell's text as a pattern: any white space (line breaks in a cell, gaps between items) between its characters. */
const loose = (text: string) =>
  [...text.replace(/\s+/g, '')].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');

/** Each body row of a grid: its label cells and values, in the order the HTML view has them. */
function gridRows(g: Grid): string[][] {
  return g.bodies.flat().map((row) => row.map((c) => c.text));
}

/** Checks the PDF against the report's grids (the ones the HTML view renders) and the content box. */
async function checkPdf(pdf: Buffer, report: AnnualReport, what: string) {
  const pages = await extractPdfItems(pdf);
  const stream = pages.map((p) => p.items.map((i) => i.str).join(' ')).join(' ');
  const grids = reportGrids(report);
  let rowsChecked = 0;
  for (const g of [grids.table2, grids.table3, grids.table4]) {
    // header labels (table 4's row labels are its headers)
    for (const cell of g.head.flat()) assert.match(stream, new RegExp(loose(cell.text)), `${what} ${g.id}: header “${cell.text}”`);
    for (const row of gridRows(g)) {
      const pattern = row.filter((x) => x !== '').map(loose).join('\\s*');
      assert.match(stream, new RegExp(pattern), `${what} ${g.id}: the row ${row.join(' | ')}`);
      rowsChecked++;
    }
  }
  // every label of table 3 once in its own row (a continued band label appears again, with （续）)
  for (const label of ['（六）其他处理', '（七）总计', '四、结转下年度继续办理', '二、上年结转政府信息公开申请数量']) {
    assert.match(stream, new RegExp(loose(label)), `${what}: ${label}`);
  }
  for (const [n, page] of pages.entries()) {
    const top = page.height - PDF_CONTENT_BOX.top;
    const bottom = page.height - PDF_CONTENT_BOX.bottom;
    for (const it of page.items) {
      if (/^—\s*\d+\s*—$/.test(it.str.trim())) {
        assert.ok(it.y < bottom - 10, `${what} p${n + 1}: the page number sits in the footer band`);
        continue;
      }
      const where = `${what} p${n + 1}: “${it.str}” at (${it.x.toFixed(1)}, ${it.y.toFixed(1)})`;
      assert.ok(it.y - it.height * 0.2 >= bottom, `${where} reaches into the footer band (content ends at ${bottom.toFixed(1)})`);
      assert.ok(it.y + it.height * 0.9 <= top, `${where} is above the content box`);
      assert.ok(it.x >= PDF_CONTENT_BOX.left - 0.5 && it.x + it.width <= PDF_CONTENT_BOX.right + it.height / 2 + 0.5, `${where} is beyond the side margins`);
    }
  }
  return { pages, rowsChecked };
}

for (const [year, format] of [[2024, '2021'], [2020, '2019']] as const) {
  test(`PDF, ${format} format (${year}): every row and value of tables 二 三 四, inside the content box — unit report and city summary`, async () => {
    const unitId = year === 2024 ? tree.bureau.id : tree.town.id;
    for (const [r, what] of [[await load(unitId, year, 'unit'), 'unit'], [await load(tree.city.id, year, 'summary'), 'summary']] as const) {
      assert.equal(r.report.format, format);
      const { pages, rowsChecked } = await checkPdf(await renderReport(r, 'pdf'), r.report, `${year} ${what}`);
      assert.ok(rowsChecked >= (format === '2021' ? 14 + 25 : 18 + 23), `${what}: ${rowsChecked} rows`);
      assert.ok(pages.length >= 4, `${what}: ${pages.length} pages`);
      // the merged band of table 3 crosses a page: its label is repeated there with （续）
      const text = pages.map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '');
      assert.match(text, /（续）/, `${what}: a merged label continued on the next page`);
    }
  });
}

test('a draft says what is unresolved in JSON, HTML, DOCX and PDF; the summary names the units', async () => {
  // 卫健委 entered none of its figures: every unit-entered cell fails manual_source
  const other = await load(tree.other.id, 2024, 'unit');
  const json = JSON.parse((await renderReport(other, 'json')).toString('utf8'));
  assert.deepEqual(Object.keys(json), ['unit', 'year', 'format', 'table2', 'table3', 'table4', 'sources', 'checks']);
  const src = json.checks.find((c: { id: string; cells: string[] }) => c.id === 'manual_source' && c.cells[0] === 'table2.licensing.decisions');
  assert.deepEqual({ ...src, message: src.message.zh }, {
    id: 'manual_source', severity: 'error', blocking: true, cells: ['table2.licensing.decisions'], units: [], expected: '数据来源说明', actual: null,
    message: '表二 行政许可 · 本年处理决定数量：由本单位填报的数据须注明来源',
  });
  assert.ok(json.checks.some((c: { id: string; blocking: boolean }) => c.id === 'narrative_placeholder' && c.blocking), 'the narrative still has 【待填写】');

  // the city summary: which units lack the source note, and which units are overdue
  const city = await load(tree.city.id, 2024, 'summary');
  const s = JSON.parse((await renderReport(city, 'json')).toString('utf8'));
  const lic = s.checks.find((c: { id: string; cells: string[] }) => c.id === 'manual_source' && c.cells[0] === 'table2.licensing.decisions');
  const names = lic.units.map((u: { name: string }) => u.name);
  assert.ok(names.includes('测试市卫生健康委员会') && !names.includes('测试市司法局'), `units lacking the note: ${names.join('、')}`);
  assert.match(lic.message.zh, /由本单位填报的数据须注明来源（未注明来源的单位：.*测试市卫生健康委员会/);
  assert.doesNotMatch(lic.message.zh, /测试市司法局/, '司法局 gave its source');
  const overdue = s.checks.find((c: { id: string }) => c.id === 'overdue_units');
  assert.equal(overdue.severity, 'warning');
  assert.ok(overdue.units.some((u: { name: string }) => u.name === '测试市司法局'), 'the 2024 reports were due in 2025 and none is published');
  assert.ok(!overdue.units.some((u: { code: string }) => u.code === tree.city.code), 'not the government itself (this is its report)');

  const html = (await renderReport(city, 'html')).toString('utf8');
  assert.match(html, /<h2 id="report-checks-title">草稿 · 未解决的问题（\d+项）<\/h2>/);
  assert.match(html, /未注明来源的单位：[^<]*测试市卫生健康委员会/);
  const docx = extractDocxText(await renderReport(city, 'docx'));
  assert.match(docx, /草稿 · 未解决的问题/);
  assert.match(docx, /逾期未发布/);
  const pdf = (await extractPdfText(await renderReport(city, 'pdf'))).replace(/\s+/g, '');
  assert.match(pdf, /草稿·未解决的问题/);
  assert.match(pdf, /未注明来源的单位：[^。]*测试市卫生健康委员会/);
});

test('a report a unit published as a document in its 年报 column counts: not overdue in the summary, published in the overview', async () => {
  const column = await d.db.selectFrom('doc_columns').select('id').where('unit_id', '=', tree.other.id).where('slug', '=', 'annual-reports').executeTakeFirstOrThrow();
  const doc = await d.db
    .insertInto('documents')
    .values({ unit_id: tree.other.id, index_no: 'TEST-NB-OTHER-2024', index_year: 2025, index_serial: 1, title: '测试市卫生健康委员会2024年政府信息公开工作年度报告', legal_form: 'none', publish_date: '2025-01-25', status: 'published', published_at: '2025-01-25T02:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await d.db.insertInto('document_columns').values({ document_id: doc.id, column_id: column.id }).execute();
  const city = await load(tree.city.id, 2024, 'summary');
  const overdue = city.checks.find((c) => c.id === 'overdue_units')!;
  assert.ok(!overdue.units.some((u) => u.name === '测试市卫生健康委员会'), '卫健委 published in time, as a document');
  assert.ok(overdue.units.some((u) => u.name === '测试市司法局'));
  assert.match(overdue.message.zh, /个单位的2024年度政府信息公开工作年度报告逾期未发布/);
  const { rows } = await reportOverview(d.db, ['/'], 2024, '2026-06-01');
  const other = rows.find((r) => r.unit.id === tree.other.id)!;
  assert.equal(other.documentOn, '2025-01-25');
  assert.equal(other.deadline.state, 'published');
  assert.equal(rows.find((r) => r.unit.id === tree.bureau.id)!.deadline.state, 'missing');
});

test('a published report: "checks": [], no box; its PDF and DOCX are built once per published version', async () => {
  const bureau = (await reportUnitById(d.db, tree.bureau.id))!;
  const filled = ['本年度主动公开政府信息若干条。', '本年度依申请公开情况见表三。', '本年度信息管理情况良好。', '平台运行平稳。', '监督保障到位。'];
  await saveNarrative(d.db, sys, bureau.id, 2024, 'unit', { preface: '本报告依据条例第五十条编制。', part1: filled, part5: ['问题一。', '改进一。'], part6: '无其他事项。' });
  await publishReport(d.db, sys, bureau.id, 2024, 'unit', '2025-01-20');
  const r = (await loadPublished(d.db, bureau, 2024, 'unit'))!;
  assert.deepEqual(JSON.parse((await renderReport(r, 'json')).toString('utf8')).checks, []);
  assert.doesNotMatch((await renderReport(r, 'html')).toString('utf8'), /class="report-checks"|未解决的问题/);
  assert.doesNotMatch((await extractPdfText(await renderReport(r, 'pdf'))).replace(/\s+/g, ''), /未解决的问题/);

  let builds = 0;
  const counting: typeof renderReport = async (x, fmt) => {
    builds++;
    return renderReport(x, fmt);
  };
  const a = await renderPublished(r, 'pdf', counting);
  const b = await renderPublished((await loadPublished(d.db, bureau, 2024, 'unit'))!, 'pdf', counting);
  assert.equal(b, a, 'the same bytes');
  assert.equal(builds, 1, 'built once');
  await renderPublished(r, 'docx', counting);
  assert.equal(builds, 2, 'each format once');
  // reopened and published again: a new version, new files
  await reopenReport(d.db, sys, bureau.id, 2024, 'unit', '更正数据');
  await publishReport(d.db, sys, bureau.id, 2024, 'unit', '2025-01-22');
  const again = (await loadPublished(d.db, bureau, 2024, 'unit'))!;
  const c = await renderPublished(again, 'pdf', counting);
  assert.equal(builds, 3);
  assert.notEqual(c, a);
  // a draft is never cached
  const draft: LoadedReport = await load(tree.other.id, 2024, 'unit');
  await renderPublished(draft, 'pdf', counting);
  await renderPublished(draft, 'pdf', counting);
  assert.equal(builds, 5);
});
