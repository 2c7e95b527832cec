import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeReport, resultRow } from './compute.ts';
import type { CaseRecord } from './compute.ts';
import { fixture, MANUAL_2019, MANUAL_2021 } from './test-fixture.ts';
import { checkReport } from './checks.ts';
import { allCellPaths, getCell } from './shape.ts';
import { FORMATS, table2Cells } from './formats.ts';
import type { AnnualReport } from './types.ts';

/** [natural, commercial, research, public_interest, legal_services, other_org, total] */
type Row = [number, number, number, number, number, number, number];
const COLS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'] as const;
const asRows = (t: Record<string, Row>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Object.fromEntries(COLS.map((c, i) => [c, v[i]]))]));

// ---- the expected cells, written out ------------------------------------------------------------

const T3_2024: Record<string, Row> = {
  '3.1': [4, 1, 1, 1, 2, 1, 10],
  '3.2': [1, 1, 0, 0, 0, 0, 2],
  '3.3.1': [2, 0, 0, 0, 0, 0, 2],
  '3.3.2': [1, 0, 0, 0, 0, 0, 1],
  '3.3.3.1': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.2': [0, 0, 0, 0, 1, 0, 1],
  '3.3.3.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.4': [0, 0, 1, 0, 0, 0, 1],
  '3.3.3.5': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.6': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.7': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.8': [0, 0, 0, 0, 0, 0, 0],
  '3.3.4.1': [0, 0, 0, 0, 0, 1, 1],
  '3.3.4.2': [0, 0, 0, 0, 0, 0, 0],
  '3.3.4.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.1': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.2': [0, 1, 0, 0, 0, 0, 1],
  '3.3.5.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.4': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.5': [0, 0, 0, 0, 0, 0, 0],
  '3.3.6.1': [0, 0, 0, 0, 1, 0, 1],
  '3.3.6.2': [1, 0, 0, 0, 0, 0, 1],
  '3.3.6.3': [0, 0, 0, 1, 0, 0, 1],
  '3.3.7': [4, 1, 1, 1, 2, 1, 10],
  '3.4': [1, 1, 0, 0, 0, 0, 2],
};

// The trial format has the same rows except one （六）其他处理 row (3.3.6 = 3.3.6.1 + 3.3.6.2 + 3.3.6.3).
const T3_2020: Record<string, Row> = {
  '3.1': [4, 1, 1, 1, 2, 1, 10],
  '3.2': [1, 1, 0, 0, 0, 0, 2],
  '3.3.1': [2, 0, 0, 0, 0, 0, 2],
  '3.3.2': [1, 0, 0, 0, 0, 0, 1],
  '3.3.3.1': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.2': [0, 0, 0, 0, 1, 0, 1],
  '3.3.3.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.4': [0, 0, 1, 0, 0, 0, 1],
  '3.3.3.5': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.6': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.7': [0, 0, 0, 0, 0, 0, 0],
  '3.3.3.8': [0, 0, 0, 0, 0, 0, 0],
  '3.3.4.1': [0, 0, 0, 0, 0, 1, 1],
  '3.3.4.2': [0, 0, 0, 0, 0, 0, 0],
  '3.3.4.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.1': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.2': [0, 1, 0, 0, 0, 0, 1],
  '3.3.5.3': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.4': [0, 0, 0, 0, 0, 0, 0],
  '3.3.5.5': [0, 0, 0, 0, 0, 0, 0],
  '3.3.6': [1, 0, 0, 1, 1, 0, 3],
  '3.3.7': [4, 1, 1, 1, 2, 1, 10],
  '3.4': [1, 1, 0, 0, 0, 0, 2],
};

// Table 4 is the same in both formats.
const T4 = {
  review: { upheld: 1, corrected: 1, other: 1, pending: 1, total: 4 },
  litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 2, total: 2 },
  litigation_after_review: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
};

const T2_2024 = {
  regulations: { issued: 1, repealed: 1, in_force: 2 },
  normative: { issued: 2, repealed: 1, in_force: 2 },
  licensing: { decisions: 120 },
  penalty: { decisions: 35 },
  coercion: { decisions: 2 },
  fees: { amount_wan_yuan: '12.3456' },
};

const T2_2020 = {
  regulations: { issued: 1, published: 1, published_total: 3 },
  normative: { issued: 2, published: 3, published_total: 5 },
  licensing: { items_prev_year: 0, items_change: -2, decisions: 120 },
  other_services: { items_prev_year: 10, items_change: 3, decisions: 50 },
  penalty: { items_prev_year: 60, items_change: 0, decisions: 35 },
  coercion: { items_prev_year: 8, items_change: -1, decisions: 2 },
  fees: { items_prev_year: 5, items_change: 0 },
  procurement: { projects: 3, amount_wan_yuan: '58.2' },
};

test('2024 (2021 format): every cell of tables 2, 3 and 4', () => {
  const { cases, docs } = fixture(2024);
  const { report, warnings } = computeReport('U1', 2024, { cases, docs, manual: MANUAL_2021 });
  assert.equal(report.format, '2021');
  assert.deepEqual(report.table3, asRows(T3_2024));
  assert.deepEqual(report.table4, T4);
  assert.deepEqual(report.table2, T2_2024);
  assert.deepEqual(warnings, []);
  assert.deepEqual(checkReport(report), []);
});

test('2020 (2019 trial format): every cell of tables 2, 3 and 4', () => {
  const { cases, docs } = fixture(2020);
  const { report, warnings } = computeReport('U1', 2020, { cases, docs, manual: MANUAL_2019 });
  assert.equal(report.format, '2019');
  assert.deepEqual(report.table3, asRows(T3_2020));
  assert.deepEqual(report.table4, T4);
  assert.deepEqual(report.table2, T2_2020);
  assert.deepEqual(warnings, []);
  // 上一年项目数量 of 行政许可 was neither entered nor derivable: its source check fails, by name.
  assert.deepEqual(checkReport(report).map((f) => [f.cell, f.rule]), [['table2.licensing.items_prev_year', 'manual_source']]);
});

test('2020: 上一年项目数量 is carried from the 2019 report (上一年 + 增/减) with a source note', () => {
  const { cases, docs } = fixture(2020);
  const prev = computeReport('U1', 2019, { cases, docs, manual: { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 42, source: '权责清单' } } }).report;
  assert.equal(prev.table2.licensing.items_prev_year, 42);
  const { report } = computeReport('U1', 2020, { cases, docs, manual: MANUAL_2019, previous: prev });
  assert.equal(report.table2.licensing.items_prev_year, 40);
  assert.match(report.sources!['table2.licensing.items_prev_year'], /2019年度报告/);
  assert.deepEqual(checkReport(report, { previous: prev }), []);
});

test('drill-down: ids behind cells, and every computed count has exactly its ids', () => {
  for (const [year, manual] of [[2020, MANUAL_2019], [2024, MANUAL_2021]] as const) {
    const { cases, docs } = fixture(year);
    const { report, drill } = computeReport('U1', year, { cases, docs, manual });
    const f = FORMATS[report.format];
    const manualPaths = new Set(table2Cells(f).filter((c) => c.origin === 'manual').map((c) => c.path));
    for (const path of allCellPaths(f)) {
      if (manualPaths.has(path)) {
        assert.equal(drill[path], undefined, `${path} is unit-entered: no drill`);
        continue;
      }
      assert.ok(Array.isArray(drill[path]), `${year} ${path} has a drill list`);
      assert.equal(drill[path].length, getCell(report, path), `${year} ${path}: ids = value`);
    }
  }
  const { cases, docs } = fixture(2024);
  const { drill } = computeReport('U1', 2024, { cases, docs, manual: MANUAL_2021 });
  assert.deepEqual(drill['table3.3.3.1.natural'], ['c01', 'c03']);
  assert.deepEqual(drill['table3.3.2.total'], ['c01', 'c02']);
  assert.deepEqual(drill['table3.3.4.total'], ['c02', 'c09']);
  assert.deepEqual(drill['table3.3.3.6.3.public_interest'], ['c06']);
  assert.deepEqual(drill['table3.3.3.6.1.legal_services'], ['c07']);
  assert.deepEqual(drill['table2.normative.repealed'], ['d6']);
  assert.deepEqual(drill['table2.normative.in_force'], ['d4', 'd5']);
  assert.deepEqual(drill['table2.regulations.in_force'], ['d1', 'd3']);
  assert.deepEqual(drill['table4.litigation_direct.pending'], ['c08', 'c12']);
  assert.deepEqual(drill['table4.review.other'], ['c12']);
});

test('counting rules, table-driven (one case, year 2024)', () => {
  const base: CaseRecord = { id: 'x', unit: 'U', ref: 'r', applicantCategory: 'natural', received: '2024-03-01', appeals: [] };
  const rows: [string, Partial<CaseRecord>, string[]][] = [
    ['received and concluded in the year', { concluded: '2024-03-10', result: '3.3.1' }, ['3.1', '3.3.1', '3.3.7']],
    ['received on 31 Dec, concluded next year', { received: '2024-12-31', concluded: '2025-01-05', result: '3.3.1' }, ['3.1', '3.4']],
    ['concluded on 31 Dec counts as concluded', { concluded: '2024-12-31', result: '3.3.2' }, ['3.1', '3.3.2', '3.3.7']],
    ['received 31 Dec last year, open', { received: '2023-12-31' }, ['3.2', '3.4']],
    ['received last year, concluded 1 Jan', { received: '2023-12-01', concluded: '2024-01-01', result: '3.3.4.1' }, ['3.2', '3.3.4.1', '3.3.7']],
    ['received last year, concluded 31 Dec last year', { received: '2023-12-01', concluded: '2023-12-31', result: '3.3.1' }, []],
    ['received 1 Jan next year', { received: '2025-01-01' }, []],
    ['legacy 其他处理 in the 2021 format → 3.3.6.3', { concluded: '2024-04-01', result: '3.3.6' }, ['3.1', '3.3.6.3', '3.3.7']],
  ];
  for (const [name, patch, expected] of rows) {
    const { report } = computeReport('U', 2024, { cases: [{ ...base, ...patch }], docs: [] });
    const nonZero = Object.keys(report.table3).filter((r) => report.table3[r].natural > 0);
    assert.deepEqual(nonZero, expected, name);
  }
});

test('table 4 rule: decided in the year → outcome; filed and undecided at year end → pending', () => {
  const base: CaseRecord = { id: 'x', unit: 'U', ref: 'r', applicantCategory: 'natural', received: '2023-03-01', concluded: '2023-03-20', result: '3.3.1', appeals: [] };
  const rows: [string, CaseRecord['appeals'][number], Record<number, string | null>][] = [
    ['decided in the year of filing', { kind: 'review', outcome: 'upheld', filed: '2023-04-01', decided: '2023-06-01' }, { 2023: 'upheld', 2024: null }],
    ['filed 2023, decided 2024', { kind: 'review', outcome: 'corrected', filed: '2023-10-01', decided: '2024-02-01' }, { 2023: 'pending', 2024: 'corrected', 2025: null }],
    ['decided on 31 Dec', { kind: 'litigation_direct', outcome: 'other', filed: '2023-10-01', decided: '2023-12-31' }, { 2023: 'other', 2024: null }],
    ['open across two year-ends', { kind: 'litigation_after_review', outcome: 'pending', filed: '2023-05-01' }, { 2022: null, 2023: 'pending', 2024: 'pending' }],
    ['no filing date: from the conclusion date', { kind: 'review', outcome: 'pending' }, { 2022: null, 2023: 'pending' }],
  ];
  for (const [name, appeal, byYear] of rows) {
    for (const [y, cell] of Object.entries(byYear)) {
      const { report, drill } = computeReport('U', Number(y), { cases: [{ ...base, appeals: [appeal] }], docs: [] });
      const g = report.table4[appeal.kind];
      const expected = { upheld: 0, corrected: 0, other: 0, pending: 0, total: cell ? 1 : 0, ...(cell ? { [cell]: 1 } : {}) };
      assert.deepEqual(g, expected, `${name}, ${y}`);
      if (cell) assert.deepEqual(drill[`table4.${appeal.kind}.${cell}`], ['x']);
    }
  }
});

test('broken data raise warnings and then fail the balance check on the named column', () => {
  const cases: CaseRecord[] = [
    { id: 'a', unit: 'U', ref: 'r', applicantCategory: 'research', received: '2024-02-01', concluded: '2024-02-10', appeals: [] },
    { id: 'b', unit: 'U', ref: 'r', applicantCategory: 'natural', received: '2024-02-01', appeals: [{ kind: 'review', outcome: 'upheld' }] },
  ];
  const { report, warnings } = computeReport('U', 2024, { cases, docs: [], manual: MANUAL_2021 });
  assert.deepEqual(warnings.map((w) => [w.code, w.ids]), [['no_result', ['a']], ['appeal_no_date', ['b']]]);
  const failures = checkReport(report).map((f) => [f.cell, f.rule, f.expected, f.actual]);
  assert.deepEqual(failures, [
    ['table3.3.4.research', 't3_balance', 1, 0],
    ['table3.3.4.total', 't3_balance', 2, 1],
  ]);
});

test('resultRow maps between formats', () => {
  assert.equal(resultRow('3.3.6.1', '2019'), '3.3.6');
  assert.equal(resultRow('3.3.6.2', '2019'), '3.3.6');
  assert.equal(resultRow('3.3.6', '2021'), '3.3.6.3');
  assert.equal(resultRow('3.3.3.8', '2019'), '3.3.3.8');
});

test('unknown manual cells are reported, not silently used', () => {
  const { report, warnings } = computeReport('U', 2024, { cases: [], docs: [], manual: { 'table2.procurement.projects': { value: 1, source: 'x' }, 'table2.fees.amount_wan_yuan': { value: 'abc', source: 'x' } } });
  assert.deepEqual(warnings.map((w) => w.code).sort(), ['manual_bad_value', 'manual_unknown']);
  assert.equal((report as AnnualReport).table2.fees.amount_wan_yuan, '0');
});
