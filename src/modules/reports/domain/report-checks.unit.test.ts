import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from './checks.ts';
import { computeReport } from './compute.ts';
import { attributeSources, checkLine, reportChecks, unitList } from './report-checks.ts';
import { sumReports } from './summary.ts';
import { toDocModel } from './docmodel.ts';
import { fixture, MANUAL_2021 } from './test-fixture.ts';

const withSources = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;
const without = computeReport('U2', 2024, { ...fixture(2024), manual: {} }).report;
const units = [
  { unit: { code: 'U1', name: '朝阳市司法局' }, report: withSources },
  { unit: { code: 'U2', name: '朝阳市卫生健康委员会' }, report: without },
];

test('a summary’s manual_source failure names the units without a source note, and only those', () => {
  const summary = sumReports(units.map((u) => u.report), { unit: 'CITY', year: 2024 });
  const failures = attributeSources(checkReport(summary), units);
  const lic = failures.find((f) => f.cell === 'table2.licensing.decisions')!;
  assert.equal(lic.rule, 'manual_source');
  assert.deepEqual(lic.units, [{ code: 'U2', name: '朝阳市卫生健康委员会' }]);
  assert.equal(lic.message.zh, '表二 行政许可 · 本年处理决定数量：由本单位填报的数据须注明来源（未注明来源的单位：朝阳市卫生健康委员会）');
  assert.match(lic.message.en, /no source note from: 朝阳市卫生健康委员会/);
  // other rules pass through untouched
  const broken = structuredClone(summary);
  broken.table4.review.total += 1;
  const t4 = attributeSources(checkReport(broken), units).find((f) => f.rule === 't4_total')!;
  assert.equal(t4.units, undefined);
});

test('unitList names a few units and counts the rest', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ code: `U${i}`, name: `单位${i}` }));
  assert.equal(unitList(many.slice(0, 2)).zh, '单位0、单位1');
  assert.equal(unitList(many).zh, '单位0、单位1、单位2、单位3、单位4、单位5、单位6、单位7等12个单位');
  assert.equal(unitList(many).en, '单位0, 单位1, 单位2, 单位3, 单位4, 单位5, 单位6, 单位7 and 4 more');
});

test('reportChecks: failures are blocking errors; narrative, warnings and overdue units are warnings', () => {
  const broken = structuredClone(withSources);
  broken.table3['3.3.7'].natural += 1;
  const checks = reportChecks({
    failures: checkReport(broken),
    narrativePlaceholders: true,
    warnings: [{ code: 'appeal_undecided', message: { zh: '复议结果没有决定日期，未计入', en: 'appeal outcome without a date' }, count: 2 }],
    overdue: [{ unit: { code: 'U9', name: '朝阳市教育局' }, message: { zh: '逾期', en: 'late' } }],
    year: 2024,
  });
  const kinds = new Map(checks.map((c) => [c.id, `${c.severity}/${c.blocking}`]));
  assert.deepEqual(Object.fromEntries(kinds), {
    t3_result_sum: 'error/true', t3_balance: 'error/true', t3_row_total: 'error/true',
    narrative_placeholder: 'warning/true', data_warning: 'warning/false', overdue_units: 'warning/false',
  });
  assert.deepEqual(checks.slice(-3).map((c) => c.id), ['narrative_placeholder', 'data_warning', 'overdue_units'], 'the figures first');
  const sum = checks.find((c) => c.id === 't3_result_sum')!;
  assert.deepEqual(sum.cells, ['table3.3.3.7.natural']);
  assert.match(checkLine(sum), /（七）总计应等于各项办理结果之和（应为 \d+，实为 \d+）$/);
  assert.equal(checks.find((c) => c.id === 'data_warning')!.message.zh, '复议结果没有决定日期，未计入（共2件）');
  const late = checks.find((c) => c.id === 'overdue_units')!;
  assert.deepEqual(late.units, [{ code: 'U9', name: '朝阳市教育局' }]);
  assert.match(late.message.zh, /1个单位的2024年度政府信息公开工作年度报告逾期未发布（条例第四十九条）：朝阳市教育局/);
  assert.deepEqual(reportChecks({ failures: [] }), []);
});

test('toDocModel: a draft opens with the box of unresolved matters; a published report has none', () => {
  const checks = reportChecks({ failures: checkReport(without) });
  const draft = toDocModel(without, { unitName: '朝阳市卫生健康委员会', draft: { checks } });
  const box = draft.blocks[0];
  assert.equal(box.type, 'notice');
  if (box.type !== 'notice') return;
  assert.equal(box.title, `草稿 · 未解决的问题（${checks.length}项）`);
  assert.equal(box.items.length, checks.length);
  assert.equal(box.items[0], checkLine(checks[0]));
  const clean = toDocModel(withSources, { unitName: '朝阳市司法局', draft: { checks: [] } });
  assert.deepEqual(clean.blocks[0], { type: 'notice', title: '草稿 · 未解决的问题', items: ['本报告为草稿，尚未发布；数据检查均已通过。'] });
  assert.ok(!toDocModel(withSources, { unitName: '朝阳市司法局' }).blocks.some((b) => b.type === 'notice'));
});
