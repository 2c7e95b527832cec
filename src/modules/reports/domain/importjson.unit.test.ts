import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateReportJson, validateManualFiguresJson } from './importjson.ts';
import { computeReport } from './compute.ts';
import { fixture, MANUAL_2019, MANUAL_2021 } from './test-fixture.ts';
import { emptyReport } from './shape.ts';

const paths = (r: ReturnType<typeof validateReportJson> | ReturnType<typeof validateManualFiguresJson>) => (r.ok ? [] : r.errors.map((e) => e.path));

test('an exported report imports back unchanged, in both formats', () => {
  for (const [year, manual] of [[2020, { ...MANUAL_2019, 'table2.licensing.items_prev_year': { value: 3, source: 's' } }], [2024, MANUAL_2021]] as const) {
    const { cases, docs } = fixture(year);
    const report = computeReport('U1', year, { cases, docs, manual }).report;
    const r = validateReportJson(JSON.parse(JSON.stringify(report)));
    assert.ok(r.ok);
    assert.deepEqual(r.value, report);
    // the export adds what a draft has unresolved; it is ignored on import (the checks run again)
    const exported = validateReportJson(JSON.parse(JSON.stringify({ ...report, checks: [{ id: 'manual_source', severity: 'error' }] })));
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.deepEqual(exported.value, report);
  }
});

test('format is derived from the year when absent; fee numbers become exact decimal strings', () => {
  const json: Record<string, unknown> = JSON.parse(JSON.stringify(emptyReport('U', 2022)));
  delete json.format;
  (json.table2 as Record<string, Record<string, unknown>>).fees.amount_wan_yuan = 316441.25;
  const r = validateReportJson(json);
  assert.ok(r.ok);
  assert.equal(r.value.format, '2021');
  assert.equal(r.value.table2.fees.amount_wan_yuan, '316441.25');
});

test('shape errors, each with its path', () => {
  const json = JSON.parse(JSON.stringify(emptyReport('U', 2020))); // trial format
  json.table3['3.3.6.1'] = json.table3['3.3.6']; // a 2021-only row in a 2020 report
  delete json.table3['3.3.5.5'];
  json.table3['3.1'].natural = '3';
  delete json.table3['3.2'].research;
  json.table3['3.4'].foreign = 1;
  json.table2.procurement.amount_wan_yuan = '1e3';
  json.table2.licensing.decisions = null;
  delete json.table2.other_services;
  json.table4.review.pending = undefined;
  json.table4.arbitration = {};
  json.extra = true;
  json.sources = { 'table2.regulations.issued': '手工', 'table2.fees.items_change': 5 };
  const r = validateReportJson(json);
  assert.equal(r.ok, false);
  assert.deepEqual(paths(r).sort(), [
    'extra',
    'sources.table2.fees.items_change',
    'sources.table2.regulations.issued',
    'table2.licensing.decisions',
    'table2.other_services',
    'table2.procurement.amount_wan_yuan',
    'table3.3.1.natural',
    'table3.3.2.research',
    'table3.3.3.5.5',
    'table3.3.3.6.1',
    'table3.3.4.foreign',
    'table4.arbitration',
    'table4.review.pending',
  ]);
  if (!r.ok) {
    const msg = r.errors.find((e) => e.path === 'table3.3.3.6.1')!.message.zh;
    assert.match(msg, /试行格式的“其他处理”为单行 3\.3\.6/);
  }
});

test('year and root errors stop early with a clear path', () => {
  assert.deepEqual(paths(validateReportJson([])), ['']);
  assert.deepEqual(paths(validateReportJson({ unit: 'U', year: 2018 })), ['year']);
  assert.deepEqual(paths(validateReportJson({ unit: '', year: 2024, format: '2019', table2: {}, table3: {}, table4: {} })).slice(0, 2), ['unit', 'format']);
});

test('unit-entered figures as JSON', () => {
  const ok = validateManualFiguresJson({ 'table2.licensing.decisions': { value: 12, source: '平台导出' }, 'table2.fees.amount_wan_yuan': { value: 0.1, source: '财政' } }, 2024);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value['table2.fees.amount_wan_yuan'], { value: '0.1', source: '财政' });
  const bad = validateManualFiguresJson(
    {
      'table2.licensing.decisions': { value: -1, source: '' },
      'table2.procurement.projects': { value: 1, source: 's' }, // 2019-only cell in a 2024 report
      'table2.fees.amount_wan_yuan': { value: '1.1234567', source: 's' },
    },
    2024,
  );
  assert.deepEqual(paths(bad), ['table2.licensing.decisions.source', 'table2.licensing.decisions.value', 'table2.procurement.projects', 'table2.fees.amount_wan_yuan.value']);
  const trial = validateManualFiguresJson({ 'table2.licensing.items_change': { value: -8, source: '权责清单' } }, 2020);
  assert.ok(trial.ok, 'negative 本年增/减 is allowed');
});
