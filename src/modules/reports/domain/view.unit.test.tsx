import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { AnnualReportView, ReportTable, toDocModel } from './view.tsx';
import { computeReport } from './compute.ts';
import { checkReport } from './checks.ts';
import { reportChecks } from './report-checks.ts';
import { reportGrids } from './layout.ts';
import { emptyReport } from './shape.ts';
import { draftNarrative } from './narrative.ts';
import { fixture, MANUAL_2021, MANUAL_2019 } from './test-fixture.ts';
import { resolveGrid } from '../../../core/docs/table-grid.ts';
import type { TableBlock } from '../../../core/docs/model.ts';

const r2024 = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;
const r2020 = computeReport('U1', 2020, { ...fixture(2020), manual: MANUAL_2019 }).report;

/** Every grid row must cover the same number of columns once spans are resolved. */
function coveredWidths(rows: { rowSpan?: number; colSpan?: number }[][]): number[] {
  const taken: number[] = rows.map(() => 0);
  rows.forEach((row, r) => {
    for (const c of row) {
      for (let k = 0; k < (c.rowSpan ?? 1); k++) taken[r + k] += c.colSpan ?? 1;
    }
  });
  return taken;
}

test('grids are rectangular in both formats', () => {
  for (const rep of [r2020, r2024]) {
    for (const g of Object.values(reportGrids(rep))) {
      const widths = coveredWidths([...g.head, ...g.bodies.flat()]);
      assert.ok(widths.every((w) => w === g.columns), `${rep.format} ${g.id}: ${widths.join(',')}`);
      assert.equal(g.widths.length, g.columns);
    }
  }
});

test('table 3 header: the corner, 申请人情况 over 自然人 / 法人或其他组织(5) / 总计', () => {
  const html = renderToString(<ReportTable grid={reportGrids(r2024).table3} />);
  assert.match(html, /<caption>收到和处理政府信息公开申请情况<\/caption>/);
  assert.match(html, /<td rowspan="3" colspan="3" class="report-corner">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）<\/td>/);
  assert.match(html, /<th colspan="7" id="t3-c1" scope="colgroup">申请人情况<\/th>/);
  assert.match(html, /<th rowspan="2" id="t3-c2" scope="col">自然人<\/th><th colspan="5" id="t3-c3" scope="colgroup">法人或其他组织<\/th><th rowspan="2" id="t3-c9" scope="col">总计<\/th>/);
  // 三、本年度办理结果 spans its 22 result rows (2021 format) and （三）不予公开 its 8.
  assert.match(html, /<th rowspan="22" id="t3-r3" scope="rowgroup">三、本年度办理结果<\/th>/);
  assert.match(html, /<th rowspan="8" id="[^"]+" scope="rowgroup">（三）不予公开<\/th>/);
  assert.match(html, /<th rowspan="3" id="[^"]+" scope="rowgroup">（六）其他处理<\/th>/);
  assert.match(html, /<th colspan="3" id="t3-r1" scope="row">一、本年新收政府信息公开申请数量<\/th>/);
  // A number names its row and column headers.
  assert.match(html, /<td headers="t3-r1 t3-c1 t3-c2" class="report-num" data-cell="table3.3.1.natural">4<\/td>/);
});

test('trial format: （六）其他处理 is one row; 2019 table 2 columns and items', () => {
  const g = reportGrids(r2020);
  const t3 = renderToString(<ReportTable grid={g.table3} />);
  assert.match(t3, /<th rowspan="20" id="t3-r3" scope="rowgroup">三、本年度办理结果<\/th>/);
  assert.match(t3, /<th colspan="2" id="[^"]+" scope="row">（六）其他处理<\/th><td[^>]*data-cell="table3.3.3.6.natural">1<\/td>/);
  assert.doesNotMatch(t3, /逾期不补正/);
  const t2 = renderToString(<ReportTable grid={g.table2} />);
  for (const label of ['本年新制作数量', '本年新公开数量', '对外公开总数量', '其他对外管理服务事项', '上一年项目数量', '本年增/减', '政府集中采购', '采购总金额', '第二十条第（九）项']) {
    assert.ok(t2.includes(label), label);
  }
  assert.match(t2, /data-cell="table2.coercion.items_change">-1</);
});

test('2021 table 2 blocks and table 4 header', () => {
  const g = reportGrids(r2024);
  const t2 = renderToString(<ReportTable grid={g.table2} />);
  assert.match(t2, /<th colspan="4" id="t2-b0" scope="colgroup">第二十条第（一）项<\/th>/);
  assert.match(t2, /<th colspan="3" id="t2-b3-amount_wan_yuan" scope="col">本年收费金额（单位：万元）<\/th>/);
  assert.match(t2, /<td colspan="3" headers="t2-b3 t2-b3-amount_wan_yuan t2-b3-fees" class="report-num" data-cell="table2.fees.amount_wan_yuan">12.3456<\/td>/);
  const t4 = renderToString(<ReportTable grid={g.table4} />);
  assert.match(t4, /<th colspan="5" id="t4-c1" scope="colgroup">行政复议<\/th>.*<th colspan="10" id="[^"]+" scope="colgroup">行政诉讼<\/th>/s);
  assert.match(t4, /<th rowspan="2" id="[^"]+" scope="col">结果维持<\/th>/);
  assert.match(t4, /<th colspan="5" id="[^"]+" scope="colgroup">未经复议直接起诉<\/th><th colspan="5" id="[^"]+" scope="colgroup">复议后起诉<\/th>/);
});

test('the whole report: six parts, drill links on computed non-zero cells, failures marked', () => {
  const broken = structuredClone(r2024);
  broken.table4.review.total = 9;
  const html = renderToString(
    <AnnualReportView report={broken} unitName="朝阳市示例局" narrative={draftNarrative({ unitName: '朝阳市示例局', year: 2024, report: broken })} drillHref={(p) => `/admin/reports/drill?cell=${p}`} failures={checkReport(broken)} draft={{ checks: reportChecks({ failures: checkReport(broken) }) }} showSources />,
  );
  assert.match(html, /<h1>朝阳市示例局2024年政府信息公开工作年度报告<\/h1>/);
  for (const t of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
    assert.ok(html.includes(`>${t}</h2>`), t);
  }
  assert.match(html, /<a href="\/admin\/reports\/drill\?cell=table3.3.3.1.natural">2<\/a>/);
  assert.doesNotMatch(html, /cell=table2.licensing.decisions/, 'unit-entered figures do not drill');
  assert.doesNotMatch(html, /cell=table3.3.3.3.1.natural/, 'zero cells do not link');
  assert.match(html, /<h2 id="report-checks-title">草稿 · 未解决的问题（1项）<\/h2>/);
  assert.match(html, /数据检查未通过（1项）/);
  assert.match(html, /<li data-check="t4_total" data-severity="error">表四 行政复议 · 总计：总计应等于结果维持、结果纠正、其他结果、尚未审结之和（应为 \d+，实为 9）<\/li>/);
  assert.match(html, /class="report-num check-failed" data-cell="table4.review.total" aria-describedby="table4-err-table4_review_total"><a href="\/admin\/reports\/drill\?cell=table4.review.total">9<\/a><span id="table4-err-table4_review_total" class="sr-only">/);
  assert.match(html, /市政务服务平台办件统计（演示数据）/);
});

test('toDocModel: tables the docs module accepts, with the official spans', () => {
  for (const rep of [r2020, r2024, emptyReport('X', 2022)]) {
    const m = toDocModel(rep, { unitName: '朝阳市示例局', narrative: draftNarrative({ unitName: '朝阳市示例局', year: rep.year, report: rep }) });
    assert.equal(m.title, `朝阳市示例局${rep.year}年\n政府信息公开工作年度报告`, 'broken between the organ and the words of the title');
    const tables = m.blocks.filter((b): b is TableBlock => b.type === 'table');
    assert.equal(tables.length, 3);
    const grids = tables.map((t) => resolveGrid(t)); // throws on ragged rows or overlapping spans
    assert.deepEqual(grids.map((g) => g.columnCount), [4, 10, 15]);
    assert.deepEqual(grids.map((g) => g.rowCount), rep.format === '2019' ? [18, 26, 4] : [14, 28, 4]);
    assert.equal(tables[1].headerRows, 3);
    const headings = m.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    assert.deepEqual(headings, ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  }
});
