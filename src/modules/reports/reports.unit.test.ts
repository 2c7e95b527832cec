/** Pure helpers of the reports module: public addresses, which deadline applies, downloads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeReport } from './domain/compute.ts';
import { draftNarrative } from './domain/narrative.ts';
import { fixture, MANUAL_2021 } from './domain/test-fixture.ts';
import { publicReportPath } from './views/public.tsx';
import { deadlineOf } from './store/status.ts';
import { attachment, renderReport, reportFileName, isOutputFormat } from './export/export.ts';
import { reportUnitName, type LoadedReport } from './store/assemble.ts';
import { requiredKind } from './store/repository.ts';
import type { ReportUnit } from './store/sources.ts';

const bureau: ReportUnit = { id: 2, code: 'U1', name: '测试市司法局', short_name: '司法局', type: 'department', path: '/1/2/', slug: 'bureau', parent_id: 1 };
const city: ReportUnit = { ...bureau, id: 1, code: 'C', name: '测试市人民政府', type: 'city_government', path: '/1/', slug: 'city', parent_id: null };

test('which report a unit owes (条例 第四十九条): a government its summary, every other unit its own', () => {
  const rows: [string, string][] = [['city_government', 'summary'], ['county_government', 'summary'], ['department', 'unit'], ['office', 'unit'], ['township', 'unit'], ['park', 'unit']];
  for (const [type, kind] of rows) assert.equal(requiredKind({ type }), kind, type);
  assert.equal(reportUnitName(city, 'unit'), '测试市人民政府（本机关）');
  assert.equal(reportUnitName(city, 'summary'), '测试市人民政府');
  assert.equal(reportUnitName(bureau, 'unit'), '测试市司法局');
});

test('deadlines: department reports by 01-31, summaries by 03-31 (or the settings), measured on the publication date', () => {
  const s = { department: '01-31', government: '03-31' };
  const rows: [Parameters<typeof deadlineOf>[0], string, { status: 'draft' | 'published'; published_on: string | null } | undefined, string, boolean][] = [
    ['unit', '2025-01-10', undefined, 'open', false],
    ['unit', '2025-01-20', undefined, 'due_soon', false],
    ['unit', '2025-01-31', undefined, 'due_soon', false],
    ['unit', '2025-02-01', undefined, 'missing', true],
    ['unit', '2025-03-01', { status: 'published', published_on: '2025-01-31' }, 'published', false],
    ['unit', '2025-03-01', { status: 'published', published_on: '2025-02-01' }, 'published_late', true],
    ['unit', '2025-02-05', { status: 'draft', published_on: null }, 'missing', true],
    ['summary', '2025-02-05', undefined, 'open', false],
    ['summary', '2025-04-01', undefined, 'missing', true],
  ];
  for (const [kind, today, row, state, flagged] of rows) {
    const d = deadlineOf(kind, 2024, today, s, row);
    assert.equal(d.state, state, `${kind} ${today}`);
    assert.equal(d.flagged, flagged, `${kind} ${today}`);
    assert.equal(d.deadline, kind === 'unit' ? '2025-01-31' : '2025-03-31');
  }
  assert.equal(deadlineOf('unit', 2024, '2025-01-10', { department: '01-20', government: '03-31' }).daysLeft, 10);
});

test('public addresses: the main report at /nb/<year>, a government’s own-organ report at /nb/<year>-unit', () => {
  assert.equal(publicReportPath('bureau', 2024, 'unit', 'unit'), '/u/bureau/xxgk/nb/2024');
  assert.equal(publicReportPath('bureau', 2024, 'unit', 'unit', 'pdf'), '/u/bureau/xxgk/nb/2024.pdf');
  assert.equal(publicReportPath('city', 2024, 'summary', 'summary', 'docx'), '/u/city/xxgk/nb/2024.docx');
  assert.equal(publicReportPath('city', 2024, 'unit', 'summary'), '/u/city/xxgk/nb/2024-unit');
});

test('downloads: JSON is the report itself (plus its checks); the file name is the title, with an ASCII fallback', async () => {
  const report = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;
  const r: LoadedReport = { unit: bureau, year: 2024, kind: 'unit', report, drill: null, warnings: [], failures: [], checks: [], narrative: draftNarrative({ unitName: bureau.name, year: 2024, report }), narrativeSaved: false, frozen: false };
  assert.deepEqual(JSON.parse((await renderReport(r, 'json')).toString('utf8')), { ...report, checks: [] });
  assert.equal(reportFileName(r, 'docx'), '测试市司法局2024年政府信息公开工作年度报告.docx');
  assert.equal(attachment(r, 'pdf'), `attachment; filename="annual-report-U1-2024.pdf"; filename*=UTF-8''${encodeURIComponent('测试市司法局2024年政府信息公开工作年度报告.pdf')}`);
  const html = (await renderReport(r, 'html')).toString('utf8');
  assert.match(html, /^<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">/);
  assert.match(html, /<td rowspan="3" colspan="3" class="report-corner">/);
  for (const f of ['json', 'html', 'docx', 'pdf']) assert.ok(isOutputFormat(f));
  assert.equal(isOutputFormat('xls'), false);
});

test('the summary’s shortcut for a unit with nothing to count equals what computeReport returns', async () => {
  const { emptyReport } = await import('./domain/shape.ts');
  for (const year of [2020, 2024]) {
    assert.deepEqual({ ...emptyReport('X', year), sources: {} }, computeReport('X', year, { cases: [], docs: [], manual: {} }).report);
  }
});
