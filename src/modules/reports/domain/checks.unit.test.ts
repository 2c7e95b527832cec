import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport, canPublish } from './checks.ts';
import { computeReport } from './compute.ts';
import { validateReportJson } from './importjson.ts';
import { fixture, MANUAL_2021, MANUAL_2019 } from './test-fixture.ts';
import type { AnnualReport } from './types.ts';

const clean2024 = () => {
  const { cases, docs } = fixture(2024);
  return computeReport('U1', 2024, { cases, docs, manual: MANUAL_2021 }).report;
};
const brief = (r: AnnualReport, previous?: AnnualReport) => checkReport(r, { previous }).map((f) => [f.cell, f.rule, f.expected, f.actual]);

test('a consistent report passes and may be published', () => {
  const failures = checkReport(clean2024());
  assert.deepEqual(failures, []);
  assert.equal(canPublish(failures), true);
});

test('a deliberately inconsistent import: the checks name each bad cell', () => {
  const json = JSON.parse(JSON.stringify(clean2024()));
  json.table3['3.3.1'].natural = 3; // one more 予以公开 without touching any total
  json.table3['3.1'].research = 2; // one more new application, total and 3.3.7 untouched
  json.table4.review.total = 5; // 1 + 1 + 1 + 1 ≠ 5
  json.table2.penalty.decisions = -1;
  const imported = validateReportJson(json);
  assert.ok(imported.ok, 'shape is fine: arithmetic is the checks’ job');
  const failures = checkReport(imported.value);
  assert.deepEqual(
    failures.map((f) => [f.cell, f.rule, f.expected, f.actual]),
    [
      ['table2.penalty.decisions', 'non_negative', '≥0 的整数', -1],
      ['table3.3.1.total', 't3_row_total', 11, 10],
      ['table3.3.3.1.total', 't3_row_total', 3, 2],
      ['table3.3.3.7.natural', 't3_result_sum', 5, 4],
      ['table3.3.4.research', 't3_balance', 1, 0],
      ['table4.review.total', 't4_total', 4, 5],
    ],
  );
  assert.equal(canPublish(failures), false);
  const byCell = Object.fromEntries(failures.map((f) => [f.cell, f.message]));
  assert.equal(byCell['table3.3.3.7.natural'].zh, '表三 （七）总计 · 自然人：（七）总计应等于各项办理结果之和');
  assert.match(byCell['table4.review.total'].zh, /^表四 行政复议 · 总计：/);
  assert.match(byCell['table3.3.4.research'].en, /3\.1 \+ 3\.2 must equal 3\.3\.7 \+ 3\.4/);
});

test('missing cells, wrong format and missing sources are named', () => {
  const r = clean2024();
  delete (r.table3['3.3.5.4'] as Partial<AnnualReport['table3'][string]>).other_org;
  r.format = '2019';
  delete r.sources!['table2.fees.amount_wan_yuan'];
  r.table2.fees.amount_wan_yuan = '-0.5';
  const got = brief(r);
  assert.deepEqual(got, [
    ['format', 'format', '2021', '2019'],
    ['table2.fees.amount_wan_yuan', 'non_negative', '≥0 的金额（最多六位小数）', '-0.5'],
    ['table3.3.3.5.4.other_org', 'present', 0, null],
    ['table2.fees.amount_wan_yuan', 'manual_source', '数据来源说明', null],
  ]);
});

test('本年增/减 may be negative in the trial format, but must be an integer', () => {
  const { cases, docs } = fixture(2020);
  const manual = { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 12, source: 's' } };
  const r = computeReport('U1', 2020, { cases, docs, manual }).report;
  assert.equal(r.table2.coercion.items_change, -1);
  assert.deepEqual(brief(r), []);
  r.table2.coercion.items_change = 1.5;
  assert.deepEqual(brief(r).map((x) => x.slice(0, 2)), [['table2.coercion.items_change', 'non_negative']]);
});

test('carry-over: this year’s 3.2 equals last year’s 3.4, column by column', () => {
  for (const year of [2020, 2021, 2024]) {
    // Both years computed from the same records: they agree by construction, across the format change too.
    const { cases, docs } = fixture(year);
    const manualFor = (y: number) => (y <= 2020 ? { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 1, source: 's' } } : MANUAL_2021);
    const prev = computeReport('U1', year - 1, { cases, docs, manual: manualFor(year - 1) }).report;
    const cur = computeReport('U1', year, { cases, docs, manual: manualFor(year), previous: prev }).report;
    assert.deepEqual(prev.table3['3.4'], cur.table3['3.2'], `${year}`);
    assert.deepEqual(brief(cur, prev), [], `${year}`);
  }
  const cur = clean2024();
  const prev = JSON.parse(JSON.stringify(cur)) as AnnualReport;
  prev.year = 2023;
  prev.table3['3.4'] = { natural: 1, commercial: 2, research: 0, public_interest: 0, legal_services: 0, other_org: 0, total: 3 };
  assert.deepEqual(
    checkReport(cur, { previous: prev }).map((f) => [f.cell, f.rule, f.expected, f.actual]),
    [
      ['table3.3.2.commercial', 'carry_over', 2, 1],
      ['table3.3.2.total', 'carry_over', 3, 2],
    ],
  );
  // Not compared when the "previous" report is of another unit or not the year before.
  assert.deepEqual(checkReport(cur, { previous: { ...prev, unit: 'U9' } }), []);
  assert.deepEqual(checkReport(cur, { previous: { ...prev, year: 2022 } }), []);
});
