/**
 * The annual report through the DATABASE: the hand-built fixture (cases received in one year and
 * concluded the next, withdrawn, abandoned after a correction notice, partly released, each applicant
 * category, reconsideration and litigation outcomes; 规章/规范性文件 with validity events) is written
 * into the requests and documents tables, and the report read back must have the cells written out
 * below, in both official formats. Also: SQL counting = per-case counting, carry-over against an
 * import, the summary = the sum of its units, publication rules, policy and audit.
 */
import { caseTextColumns } from '../requests/store/fixtures.test-helper.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { MANUAL_2019, MANUAL_2021 } from './domain/test-fixture.ts';
import { computeReport, computeTable2 } from './domain/compute.ts';
import { sumReports } from './domain/summary.ts';
import { allCellPaths, getCell } from './domain/shape.ts';
import { FORMATS } from './domain/formats.ts';
import type { AnnualReport } from './domain/types.ts';
import { ctxFor, insertCase, insertFixture } from './store/fixtures.test-helper.ts';
import { loadSummaryReport, loadUnitReport } from './store/assemble.ts';
import { countTables34 } from './store/counting.ts';
import { casesFor, normativeDocsFor } from './store/sources.ts';
import { normativeDocsForSummary } from './store/summary-docs.ts';
import { importManualFigures, importReport, publishReport, reopenReport, saveDeadlineSettings, saveManualFigures, saveNarrative } from './commands.ts';
import { deadlineSettings, reportUnitById, unitsInSubtree } from './store/repository.ts';
import { reportOverview } from './store/status.ts';
import { EXPECTED_T2_2020, EXPECTED_T2_2024, EXPECTED_T3_2020, EXPECTED_T3_2024, EXPECTED_T4, rows } from './store/expected.test-helper.ts';
import './policy.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
let ids2024: Map<string, string>;
const sys = systemContext('test');

before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
  // 2024 (2021 format): U1 = 司法局 (bureau), U2 = 卫健委 (other). 2020 (trial format): U1 = 某镇, U2 = 测试县政府.
  ids2024 = await insertFixture(d.db, 2024, tree.bureau.id, tree.other.id);
  await insertFixture(d.db, 2020, tree.town.id, tree.county.id);
  await importManualFigures(d.db, sys, tree.bureau.id, 2024, MANUAL_2021);
  await importManualFigures(d.db, sys, tree.town.id, 2020, MANUAL_2019);
});
after(async () => d?.cleanup());

const unit = async (id: number) => (await reportUnitById(d.db, id))!;
/** Row ids → the fixture's names (c01…, d1…); case and document ids are separate sequences. */
const names = (list: string[] | undefined, prefix: 'c' | 'd' = 'c') => {
  const back = new Map([...ids2024].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [v, k]));
  return (list ?? []).map((x) => back.get(x) ?? `?${x}`).sort();
};

test('2024, 2021 format: every cell of tables 2, 3 and 4 read through the tables', async () => {
  const r = await loadUnitReport(d.db, await unit(tree.bureau.id), 2024);
  assert.equal(r.report.format, '2021');
  assert.deepEqual(r.report.table3, rows(EXPECTED_T3_2024));
  assert.deepEqual(r.report.table4, EXPECTED_T4);
  assert.deepEqual(r.report.table2, EXPECTED_T2_2024);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.failures, []);
  assert.equal(r.frozen, false);
});

test('2024 drill-down: each computed cell lists exactly the cases or documents behind it', async () => {
  const r = await loadUnitReport(d.db, await unit(tree.bureau.id), 2024);
  assert.deepEqual(names(r.drill!['table3.3.1.natural']), ['c03', 'c04', 'c09', 'c11']);
  assert.deepEqual(names(r.drill!['table3.3.2.total']), ['c01', 'c02']); // carried over from 2023
  assert.deepEqual(names(r.drill!['table3.3.4.total']), ['c02', 'c09']); // c09: received 2024-12-20, concluded 2025
  assert.deepEqual(names(r.drill!['table3.3.3.2.natural']), ['c04']); // partly released: counted once, as 3.3.2
  assert.deepEqual(names(r.drill!['table3.3.3.6.3.public_interest']), ['c06']); // withdrawn → 其他
  assert.deepEqual(names(r.drill!['table3.3.3.6.1.legal_services']), ['c07']); // abandoned after correction
  assert.deepEqual(names(r.drill!['table4.review.corrected']), ['c04']);
  assert.deepEqual(names(r.drill!['table4.litigation_direct.pending']), ['c08', 'c12']);
  assert.deepEqual(names(r.drill!['table2.normative.in_force'], 'd'), ['d4', 'd5']);
  assert.deepEqual(names(r.drill!['table2.regulations.repealed'], 'd'), ['d2']);
  const f = FORMATS['2021'];
  for (const path of allCellPaths(f)) if (r.drill![path]) assert.equal(r.drill![path].length, getCell(r.report, path), path);
});

test('2020, trial format: （六）其他处理 is one row, 2019 table 2 columns; the missing 上一年项目数量 fails by name', async () => {
  const r = await loadUnitReport(d.db, await unit(tree.town.id), 2020);
  assert.equal(r.report.format, '2019');
  assert.deepEqual(r.report.table3, rows(EXPECTED_T3_2020));
  assert.deepEqual(r.report.table4, EXPECTED_T4);
  assert.deepEqual(r.report.table2, EXPECTED_T2_2020);
  assert.deepEqual(r.failures.map((f) => [f.cell, f.rule]), [['table2.licensing.items_prev_year', 'manual_source']]);
});

test('2020: 上一年项目数量 is carried from the figures the unit reported for 2019 (上一年 + 增/减)', async () => {
  await importManualFigures(d.db, sys, tree.town.id, 2019, { 'table2.licensing.items_prev_year': { value: 42, source: '2019年权责清单' }, 'table2.licensing.items_change': { value: 5, source: '2019年权责清单调整' } });
  const r = await loadUnitReport(d.db, await unit(tree.town.id), 2020);
  assert.equal(r.report.table2.licensing.items_prev_year, 47);
  assert.match(r.report.sources!['table2.licensing.items_prev_year'], /按2019年度报告推算/);
  assert.deepEqual(r.failures, []);
});

test('a transferred case and an unconfirmed online submission are not counted', async () => {
  const other = await insertCase(d.db, tree.other.id, { ref: 'X', applicantCategory: 'natural', received: '2024-03-01', concluded: '2024-03-05', result: '3.3.1', appeals: [] });
  await insertCase(d.db, tree.other.id, { ref: 'T', applicantCategory: 'natural', received: '2024-03-01', appeals: [], status: 'transferred', transferredTo: other });
  await d.db.insertInto('request_cases').values({ unit_id: tree.other.id, ref: 'S-1', source: 'online', status: 'submitted', channel: 'online', category: 'natural', ...caseTextColumns('某', '某') }).execute();
  const r = await loadUnitReport(d.db, await unit(tree.other.id), 2024);
  // U2's own fixture case c14 (received and released in 2024) and the case X above.
  assert.equal(r.report.table3['3.1'].total, 2);
  assert.equal(r.report.table3['3.3.1'].total, 2);
  assert.equal(r.report.table4.review.upheld, 1);
});

test('SQL counting gives exactly the per-case figures, for every unit and year', async () => {
  const all = await unitsInSubtree(d.db, await unit(tree.city.id));
  for (let year = 2019; year <= 2025; year++) {
    const sqlCounts = await countTables34(d.db, all.map((u) => u.id), year);
    const cases = await casesFor(d.db, all, year);
    for (const u of all) {
      const ref = computeReport(u.code, year, { cases, docs: [] }).report;
      assert.deepEqual(sqlCounts.get(u.id), { table3: ref.table3, table4: ref.table4 }, `${u.short_name} ${year}`);
    }
  }
});

test('table 2 read in groups for a summary gives exactly the per-document figures, for every unit and year', async () => {
  // documents without validity events, with 有效性 and dates before, in and after each year (the fixture has the eventful ones)
  const rows: Record<string, unknown>[] = [];
  const dates = ['2018-05-02', '2020-01-01', '2021-12-31', '2023-06-15', null];
  let i = 0;
  for (const unitId of [tree.city.id, tree.other.id]) {
    for (const legal_form of ['regulation', 'normative']) {
      for (const validity of ['effective', 'not_yet_effective', 'amended', 'repealed', 'expired']) {
        for (const [w, p, x] of [[0, 1, 2], [1, 4, 3], [2, 2, 0], [3, 0, 4], [4, 3, 1]] as const) {
          i++;
          rows.push({
            unit_id: unitId, index_no: `GRP-${i}`, index_year: 2020, index_serial: 90000 + i, title: `分组${i}`, legal_form, status: 'published',
            written_date: dates[w], publish_date: dates[p] ?? '2022-03-03', published_at: '2022-03-03T02:00:00Z', validity,
            expiry_date: dates[x], changed_date: dates[(x + 1) % 5],
          });
        }
      }
    }
  }
  await d.db.insertInto('documents').values(rows as never).execute();
  const all = await unitsInSubtree(d.db, await unit(tree.city.id));
  let weighted = false;
  for (let year = 2019; year <= 2025; year++) {
    const [one, grouped] = [await normativeDocsFor(d.db, all, year), await normativeDocsForSummary(d.db, all, year)];
    // one record per group (count), standing for as many documents
    assert.equal(grouped.reduce((n, r) => n + (r.count ?? 1), 0), one.length, `${year}: as many documents`);
    weighted ||= grouped.some((r) => (r.count ?? 1) > 1);
    for (const u of all) {
      const a = computeTable2(u.code, year, { docs: one });
      const b = computeTable2(u.code, year, { docs: grouped });
      assert.deepEqual(b.report.table2, a.report.table2, `${u.short_name} ${year}`);
      for (const [path, ids] of Object.entries(b.drill)) assert.equal(ids.length, a.drill[path].length, `${u.short_name} ${year} ${path}: drill-down size`);
    }
  }
  assert.ok(weighted, 'some record stands for several documents');
  await d.db.deleteFrom('documents').where('index_no', 'like', 'GRP-%').execute();
});

test('the area summary is the cell-by-cell sum of its units and is checked the same way', async () => {
  const city = await unit(tree.city.id);
  const s = await loadSummaryReport(d.db, city, 2024);
  assert.equal(s.parts!.length, 5);
  const units: AnnualReport[] = [];
  for (const u of await unitsInSubtree(d.db, city)) units.push((await loadUnitReport(d.db, u, 2024)).report);
  const expected = sumReports(units, { unit: city.code, year: 2024 });
  assert.deepEqual(s.report.table3, expected.table3);
  assert.deepEqual(s.report.table4, expected.table4);
  assert.deepEqual(s.report.table2, expected.table2);
  for (const path of allCellPaths(FORMATS['2021'])) {
    if (path === 'table2.fees.amount_wan_yuan') continue;
    assert.equal(getCell(s.report, path), units.reduce((n, r) => n + (getCell(r, path) as number), 0), path);
  }
  // Only 司法局 entered its figures: the summary's manual cells name the missing sources.
  assert.deepEqual([...new Set(s.failures.map((f) => f.rule))], ['manual_source']);
  // a county summary covers the county and its town only
  const county = await loadSummaryReport(d.db, await unit(tree.county.id), 2020);
  assert.deepEqual(county.parts!.map((p) => p.unit.id).sort(), [tree.county.id, tree.town.id].sort());
  assert.equal(county.report.table3['3.1'].total, 10 + 1); // the town's 10 and the county's own c14
});

/** A 2023 report whose 结转下年度 matches the 2024 draft's 上年结转 (c01 natural, c02 commercial). */
function consistent2023(code: string): AnnualReport {
  const r = computeReport(code, 2023, { cases: [], docs: [] }).report;
  const set = (row: string, col: 'natural' | 'commercial', n: number) => {
    r.table3[row][col] += n;
    r.table3[row].total += n;
  };
  set('3.1', 'natural', 1);
  set('3.1', 'commercial', 1);
  set('3.4', 'natural', 1);
  set('3.4', 'commercial', 1);
  r.sources = Object.fromEntries(Object.keys(MANUAL_2021).map((k) => [k, '2023年报']));
  return r;
}

test('import: shape errors per path; an inconsistent import fails its own checks and the carry-over of the next year', async () => {
  const bureau = await unit(tree.bureau.id);
  await assert.rejects(importReport(d.db, sys, { unit: bureau.code, year: 2023, table2: {}, table3: { '3.9': {} } }), (e: AppError) => {
    assert.equal(e.status, 422);
    assert.ok(e.fields!['table2.regulations'], 'missing row named');
    assert.ok(e.fields!['table3.3.9'], 'unknown row named');
    assert.ok(e.fields!['table4'], 'missing table named');
    return true;
  });
  await assert.rejects(importReport(d.db, sys, { ...consistent2023('NO-SUCH-UNIT'), unit: 'NO-SUCH-UNIT' }), (e: AppError) => e.status === 422 && !!e.fields?.unit);

  const bad = consistent2023(bureau.code);
  bad.table3['3.4'].natural = 3; // says three natural persons' cases were carried forward; 2024 has one
  bad.table3['3.4'].total = 4;
  const r = await importReport(d.db, sys, bad);
  assert.deepEqual(r.failures.map((f) => [f.cell, f.rule]).sort(), [['table3.3.4.natural', 't3_balance'], ['table3.3.4.total', 't3_balance']]);
  const y2024 = await loadUnitReport(d.db, bureau, 2024);
  assert.deepEqual(y2024.failures.map((f) => [f.cell, f.rule, f.expected, f.actual]), [
    ['table3.3.2.natural', 'carry_over', 3, 1],
    ['table3.3.2.total', 'carry_over', 4, 2],
  ]);
  assert.match(y2024.failures[0].message.zh, /上年结转应等于2023年度报告/);
  await assert.rejects(publishReport(d.db, sys, bureau.id, 2024, 'unit', '2025-01-20'), (e: AppError) => {
    assert.equal(e.status, 409);
    assert.equal(e.code, 'report_checks_failed');
    assert.match(e.fields!['table3.3.2.natural'].zh, /应为 3，实为 1/);
    return true;
  });
  // the corrected import clears it
  const ok = await importReport(d.db, sys, consistent2023(bureau.code));
  assert.deepEqual(ok.failures, []);
  assert.deepEqual((await loadUnitReport(d.db, bureau, 2024)).failures, []);
});

test('publish: placeholders block it; then the figures are frozen, edits refused, reopen needs a reason; all audited', async () => {
  const bureau = await unit(tree.bureau.id);
  const editor = await ctxFor(d.db, 'editor');
  const reviewer = await ctxFor(d.db, 'reviewer');
  await assert.rejects(publishReport(d.db, editor, bureau.id, 2024, 'unit', '2025-01-20'), (e: AppError) => e.status === 403);
  await assert.rejects(publishReport(d.db, reviewer, bureau.id, 2024, 'unit', '2025-01-20'), (e: AppError) => e.code === 'report_narrative_incomplete');
  const draft = (await loadUnitReport(d.db, bureau, 2024)).narrative;
  assert.match(draft.part1[1].paragraphs[0], /新收政府信息公开申请10件，上年结转2件，本年度办结10件/);
  const fill = (s: string) => s.replace(/【待填写：[^】]*】/g, '（已核实）');
  await saveNarrative(d.db, editor, bureau.id, 2024, 'unit', {
    preface: draft.preface,
    part1: draft.part1.map((s) => fill(s.paragraphs.join('\n'))),
    part5: draft.part5.map((s) => fill(s.paragraphs.join('\n'))),
    part6: fill(draft.part6.join('\n')),
  });
  const pub = await publishReport(d.db, reviewer, bureau.id, 2024, 'unit', '2025-01-20');
  assert.equal(pub.row!.status, 'published');
  assert.equal(pub.row!.published_on, '2025-01-20');
  // a case recorded later does not change the published figures
  await insertCase(d.db, bureau.id, { ref: 'LATE', applicantCategory: 'natural', received: '2024-06-01', concluded: '2024-06-03', result: '3.3.1', appeals: [] });
  const frozen = await loadUnitReport(d.db, bureau, 2024);
  assert.equal(frozen.frozen, true);
  assert.equal(frozen.report.table3['3.1'].total, 10);
  assert.deepEqual(names(frozen.drill!['table3.3.1.natural']), ['c03', 'c04', 'c09', 'c11']);
  await assert.rejects(saveManualFigures(d.db, editor, bureau.id, 2024, {}), (e: AppError) => e.status === 409);
  await assert.rejects(publishReport(d.db, reviewer, bureau.id, 2024, 'unit', '2025-01-21'), (e: AppError) => e.status === 409);
  await assert.rejects(reopenReport(d.db, reviewer, bureau.id, 2024, 'unit', ' '), (e: AppError) => e.status === 422);
  await reopenReport(d.db, reviewer, bureau.id, 2024, 'unit', '补录一件漏登的申请');
  const live = await loadUnitReport(d.db, bureau, 2024);
  assert.equal(live.frozen, false);
  assert.equal(live.report.table3['3.1'].total, 11);
  const audit = await d.db.selectFrom('audit_log').select(['action', 'actor_name', 'subject_id']).where('subject_type', '=', 'annual_report').where('unit_id', '=', bureau.id).orderBy('id').execute();
  assert.deepEqual(audit.map((a) => `${a.action} ${a.subject_id}`), [
    `report.figures.import ${bureau.id}/2024/unit`,
    `report.import ${bureau.id}/2023/unit`,
    `report.import ${bureau.id}/2023/unit`,
    `report.narrative.save ${bureau.id}/2024/unit`,
    `report.publish ${bureau.id}/2024/unit`,
    `report.reopen ${bureau.id}/2024/unit`,
  ]);
  assert.equal(audit.find((a) => a.action === 'report.publish')!.actor_name, 'reviewer');
});

test('policy: scope is the unit subtree; supervisors only view; editors edit but do not publish', async () => {
  const county = await ctxFor(d.db, 'countyadmin');
  const supervisor = await ctxFor(d.db, 'supervisor');
  const editor = await ctxFor(d.db, 'editor');
  await assert.rejects(importManualFigures(d.db, county, tree.bureau.id, 2024, MANUAL_2021), (e: AppError) => e.status === 403);
  await assert.rejects(importManualFigures(d.db, supervisor, tree.bureau.id, 2023, MANUAL_2021), (e: AppError) => e.status === 403);
  await importManualFigures(d.db, county, tree.town.id, 2021, MANUAL_2021);
  await assert.rejects(saveNarrative(d.db, editor, tree.city.id, 2024, 'summary', { preface: 'x' }), (e: AppError) => e.status === 403);
  // the form rejects a figure without its source, naming the field
  await assert.rejects(saveManualFigures(d.db, editor, tree.bureau.id, 2025, { 'table2.licensing.decisions': { value: '12', source: '' }, 'table2.fees.amount_wan_yuan': { value: '1.2345678', source: '非税系统' } }), (e: AppError) => {
    assert.equal(e.status, 422);
    assert.deepEqual(Object.keys(e.fields!).sort(), ['source:table2.licensing.decisions', 'value:table2.fees.amount_wan_yuan']);
    return true;
  });
  // a summary only exists for a government
  await assert.rejects(loadSummaryReport(d.db, await unit(tree.bureau.id), 2024).then(() => saveNarrative(d.db, sys, tree.bureau.id, 2024, 'summary', { preface: 'x' })), (e: AppError) => e.status === 404);
});

test('deadline settings: validated, system admin only, audited; the overview flags late and missing reports', async () => {
  const sysadmin = await ctxFor(d.db, 'sysadmin');
  const county = await ctxFor(d.db, 'countyadmin');
  await assert.rejects(saveDeadlineSettings(d.db, county, { department: '01-20', government: '03-20' }), (e: AppError) => e.status === 403);
  await assert.rejects(saveDeadlineSettings(d.db, sysadmin, { department: '02-30', government: '04-01' }), (e: AppError) => {
    assert.deepEqual(Object.keys(e.fields!).sort(), ['department', 'government']);
    return true;
  });
  await saveDeadlineSettings(d.db, sysadmin, { department: '01-25', government: '03-20' });
  assert.deepEqual(await deadlineSettings(d.db), { department: '01-25', government: '03-20' });
  const { rows } = await reportOverview(d.db, ['/'], 2024, '2025-01-26');
  const byUnit = Object.fromEntries(rows.map((r) => [r.unit.short_name, r]));
  assert.equal(byUnit['司法局'].kind, 'unit');
  assert.equal(byUnit['司法局'].deadline.state, 'missing'); // reopened above, past 01-25
  assert.equal(byUnit['测试市政府'].kind, 'summary');
  assert.equal(byUnit['测试市政府'].deadline.state, 'open');
  assert.equal(byUnit['测试市政府'].deadline.daysLeft, 53);
  const { rows: early } = await reportOverview(d.db, ['/'], 2024, '2025-01-15');
  assert.equal(early.find((r) => r.unit.short_name === '司法局')!.deadline.state, 'due_soon');
  const audit = await d.db.selectFrom('audit_log').select('action').where('subject_id', '=', 'reports.deadlines').execute();
  assert.equal(audit.length, 1);
});

test('the demo seeder: every unit’s figures for two years, a published report in the department’s and in the city’s column', async () => {
  const logs: string[] = [];
  const { seedReports } = await import('./demo/seed.ts');
  await seedReports(d.db, sys, (s) => logs.push(s), '2026-02-10', 'other', 'city');
  const figures = await d.db.selectFrom('report_manual_figures').select(({ fn }) => ['year', fn.countAll<number>().as('n')]).where('source', 'like', '%统计（演示数据）').where('year', '>=', 2024).groupBy('year').orderBy('year').execute();
  assert.deepEqual(figures.map((f) => [f.year, Number(f.n)]), [[2024, 5 * 4], [2025, 5 * 4]]);
  assert.match(logs.join('\n'), /published 测试市卫生健康委员会 2024/);
  const published = await d.db.selectFrom('annual_reports').select(['year', 'published_on']).where('unit_id', '=', tree.other.id).where('status', '=', 'published').execute();
  assert.deepEqual(published, [{ year: 2024, published_on: '2025-01-20' }]);
  // the city government's 年报 column is not empty either: its summary for the area, published by 31 March (条例 第五十条)
  assert.match(logs.join('\n'), /published 测试市人民政府 2024 \(summary\)/);
  const summary = await d.db.selectFrom('annual_reports').select(['year', 'kind', 'published_on']).where('unit_id', '=', tree.city.id).where('status', '=', 'published').execute();
  assert.deepEqual(summary, [{ year: 2024, kind: 'summary', published_on: '2025-03-20' }]);
});

test('a county publishes its 2020 summary (trial format) once every unit in it has its figures', async () => {
  const county = await unit(tree.county.id);
  const countyAdmin = await ctxFor(d.db, 'countyadmin');
  const before = await loadSummaryReport(d.db, county, 2020);
  assert.ok(before.failures.some((f) => f.rule === 'manual_source'), 'the county government has not entered its own figures yet');
  await importManualFigures(d.db, countyAdmin, tree.county.id, 2020, { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 3, source: '权责清单' } });
  const ready = await loadSummaryReport(d.db, county, 2020);
  assert.deepEqual(ready.failures, []);
  assert.equal(ready.report.table2.procurement.amount_wan_yuan, '116.4', '58.2 + 58.2 万元, summed as decimals');
  const n = ready.narrative;
  const fill = (s: string) => s.replace(/【待填写：[^】]*】/g, '（已核实）');
  await saveNarrative(d.db, countyAdmin, county.id, 2020, 'summary', { preface: n.preface, part1: n.part1.map((s) => fill(s.paragraphs.join('\n'))), part5: n.part5.map((s) => fill(s.paragraphs.join('\n'))), part6: fill(n.part6.join('\n')) });
  const pub = await publishReport(d.db, countyAdmin, county.id, 2020, 'summary', '2021-03-15');
  assert.equal(pub.row!.status, 'published');
  const frozen = await loadSummaryReport(d.db, county, 2020);
  assert.equal(frozen.frozen, true);
  assert.deepEqual(frozen.report, ready.report);
});
