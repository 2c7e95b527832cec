import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sumReports, sumComputed } from './summary.ts';
import { computeReport } from './compute.ts';
import type { CaseRecord, NormativeDocRecord } from './compute.ts';
import { checkReport } from './checks.ts';
import { fixture, MANUAL_2021, MANUAL_2019 } from './test-fixture.ts';
import { allCellPaths, getCell } from './shape.ts';
import { FORMATS } from './formats.ts';

function unitU2(year: number) {
  const cases: CaseRecord[] = [
    { id: 'u2-1', unit: 'U2', ref: 'r', applicantCategory: 'natural', received: `${year}-02-02`, concluded: `${year}-02-20`, result: '3.3.1', appeals: [{ kind: 'review', outcome: 'upheld', decided: `${year}-05-01` }] },
    { id: 'u2-2', unit: 'U2', ref: 'r', applicantCategory: 'research', received: `${year}-12-30`, appeals: [] },
    { id: 'u2-3', unit: 'U2', ref: 'r', applicantCategory: 'legal_services', received: `${year - 1}-12-30`, concluded: `${year}-01-15`, result: '3.3.6.1', appeals: [] },
  ];
  const docs: NormativeDocRecord[] = [{ id: 'u2-d1', unit: 'U2', kind: 'normative', issued: `${year}-04-04`, events: [] }];
  return { cases, docs };
}

test('the summary is the cell-by-cell sum of its units and passes the same checks (both formats)', () => {
  for (const year of [2020, 2024]) {
    const manual1 = year <= 2020 ? { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 40, source: 's' } } : MANUAL_2021;
    const manual2 =
      year <= 2020
        ? Object.fromEntries(Object.entries(manual1).map(([k]) => [k, k.endsWith('amount_wan_yuan') ? { value: '0.1', source: 'u2' } : { value: 1, source: 'u2' }]))
        : { ...MANUAL_2021, 'table2.fees.amount_wan_yuan': { value: '0.6544', source: 'u2' } };
    const f1 = fixture(year);
    const a = computeReport('U1', year, { ...f1, manual: manual1 });
    const b = computeReport('U2', year, { ...unitU2(year), manual: manual2 });
    const sum = sumReports([a.report, b.report], { unit: 'GOV' });
    assert.equal(sum.unit, 'GOV');
    assert.equal(sum.format, a.report.format);
    for (const path of allCellPaths(FORMATS[sum.format])) {
      const x = getCell(a.report, path);
      const y = getCell(b.report, path);
      if (typeof x === 'number') assert.equal(getCell(sum, path), x + (y as number), path);
    }
    // Written out: a few sums, including the exact decimal amounts.
    if (year === 2024) {
      assert.equal(sum.table2.fees.amount_wan_yuan, '13'); // 12.3456 + 0.6544, exactly
      assert.deepEqual(sum.table3['3.1'], { natural: 5, commercial: 1, research: 2, public_interest: 1, legal_services: 2, other_org: 1, total: 12 });
      assert.deepEqual(sum.table3['3.3.6.1'], { natural: 0, commercial: 0, research: 0, public_interest: 0, legal_services: 2, other_org: 0, total: 2 });
      assert.deepEqual(sum.table4.review, { upheld: 2, corrected: 1, other: 1, pending: 1, total: 5 });
      assert.deepEqual(sum.table2.normative, { issued: 3, repealed: 1, in_force: 3 });
    } else {
      assert.equal(sum.table2.procurement.amount_wan_yuan, '58.3');
      assert.equal(sum.table2.licensing.items_change, -1); // -2 + 1
      assert.deepEqual(sum.table3['3.3.6'], { natural: 1, commercial: 0, research: 0, public_interest: 1, legal_services: 2, other_org: 0, total: 4 });
    }
    assert.deepEqual(checkReport(sum), [], `${year} summary checks`);
  }
});

test('a summary fails the source check when one unit lacks a source, and balances fail through', () => {
  const a = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;
  const b = computeReport('U2', 2024, { ...unitU2(2024), manual: {} }).report;
  const sum = sumReports([a, b], { unit: 'GOV' });
  assert.deepEqual(checkReport(sum).map((f) => f.cell), ['table2.licensing.decisions', 'table2.penalty.decisions', 'table2.coercion.decisions', 'table2.fees.amount_wan_yuan']);
  const broken = structuredClone(b);
  broken.table3['3.4'].research = 0;
  broken.table3['3.4'].total = 0;
  assert.deepEqual(
    checkReport(sumReports([a, broken])).filter((f) => f.rule !== 'manual_source').map((f) => [f.cell, f.rule]),
    [['table3.3.4.research', 't3_balance'], ['table3.3.4.total', 't3_balance']],
  );
});

test('sumComputed keeps the drill-down of every unit', () => {
  const a = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 });
  const b = computeReport('U2', 2024, { ...unitU2(2024), manual: MANUAL_2021 });
  const s = sumComputed([a, b], { unit: 'GOV' });
  assert.deepEqual(s.drill['table3.3.3.1.natural'], ['c01', 'c03', 'u2-1']);
  assert.deepEqual(s.drill['table2.normative.issued'], ['d4', 'd8', 'u2-d1']);
  assert.equal(s.drill['table3.3.1.total'].length, s.report.table3['3.1'].total);
});

test('mixed years, duplicated units and an empty list', () => {
  const a = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;
  const old = computeReport('U2', 2023, { cases: [], docs: [] }).report;
  assert.throws(() => sumReports([a, old]), /U2 is for 2023/);
  assert.throws(() => sumReports([a, a]), /U1 appears twice/);
  assert.throws(() => sumReports([]), /no year/);
  const empty = sumReports([], { unit: 'GOV', year: 2020 });
  assert.equal(empty.format, '2019');
  assert.equal(empty.table3['3.3.6'].total, 0);
});
