/**
 * `gongkai report …` as an operator runs it (bin/gongkai.js in a child process) on a database holding
 * the hand-built fixture: the JSON has the cells written out in store/expected.test-helper.ts, DOCX/PDF are
 * opened and their table text checked, imports are validated per path and an inconsistent import
 * makes the carry-over check fail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../core/db/index.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';
import { systemContext } from '../../core/commands/context.ts';
import { extractDocxText, extractPdfText } from '../../core/docs/index.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { MANUAL_2021 } from './domain/test-fixture.ts';
import { computeReport } from './domain/compute.ts';
import { importManualFigures } from './commands.ts';
import { insertFixture } from './store/fixtures.test-helper.ts';
import { EXPECTED_T2_2024, EXPECTED_T3_2024, EXPECTED_T4, rows } from './store/expected.test-helper.ts';

const cli = cliSandbox('rcli');
const { dir, gk } = cli;

before(async () => {
  await cli.setup();
  const d = await openDatabase({ databaseUrl: cli.databaseUrl, dataDir: dir });
  await migrateToLatest(d.db);
  const tree = await seedTree(d.db);
  await insertFixture(d.db, 2024, tree.bureau.id, tree.other.id);
  await importManualFigures(d.db, systemContext('test'), tree.bureau.id, 2024, MANUAL_2021);
  await d.close();
});
after(() => cli.cleanup());

test('report annual --format json: the fixture’s cells, read from the tables', async () => {
  const r = await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.unit, CODES.bureau);
  assert.equal(report.format, '2021');
  assert.deepEqual(report.table3, rows(EXPECTED_T3_2024));
  assert.deepEqual(report.table4, EXPECTED_T4);
  assert.deepEqual(report.table2, EXPECTED_T2_2024);
  assert.match(r.err, /草稿/);
});

test('report annual --format docx|pdf|html --out FILE: the tables are in the files', async () => {
  const docx = join(dir, 'r.docx');
  assert.equal((await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'docx', '--out', docx)).code, 0);
  const lines = extractDocxText(readFileSync(docx)).split('\n');
  assert.ok(lines.includes('一、本年新收政府信息公开申请数量\t4\t1\t1\t1\t2\t1\t10'));
  // vertically merged header cells leave an empty cell in the rows they span
  assert.ok(lines.includes('\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t1\t0\t1'));
  assert.ok(lines.includes('\t\t3.其他\t0\t0\t0\t1\t0\t0\t1'));
  const pdf = join(dir, 'r.pdf');
  assert.equal((await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'pdf', '--out', pdf)).code, 0);
  const text = await extractPdfText(readFileSync(pdf));
  assert.match(text, /四、结转下年度继续办理 1 1 0 0 0 0 2/);
  assert.match(text, /行政许可 120/);
  const html = await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'html');
  assert.match(html.out, /^<!doctype html><html lang="zh-CN">/);
  assert.match(html.out, /data-cell="table3.3.4.total">2</);
});

test('report annual --summary: the city is the sum of its units; the failing checks are listed, exit 1', async () => {
  const r = await gk('report', 'annual', '--unit', CODES.city, '--year', '2024', '--format', 'json', '--summary');
  assert.equal(r.code, 1);
  const s = JSON.parse(r.out);
  // 司法局's ten cases and 卫健委's one (c14)
  assert.equal(s.table3['3.1'].total, 11);
  assert.equal(s.table3['3.3.1'].total, 3);
  assert.equal(s.table4.review.upheld, 2);
  assert.equal(s.table2.licensing.decisions, 120);
  assert.match(r.err, /table2\.licensing\.decisions: 表二 行政许可 · 本年处理决定数量：由本单位填报的数据须注明来源（未注明来源的单位：[^）]*测试市卫生健康委员会/);
  // the JSON says the same: which units lack the note; the exit code stays that of the failing checks
  const lic = s.checks.find((c: { id: string; cells: string[] }) => c.id === 'manual_source' && c.cells[0] === 'table2.licensing.decisions');
  assert.equal(lic.severity, 'error');
  assert.ok(lic.units.some((u: { code: string }) => u.code === CODES.other) && !lic.units.some((u: { code: string }) => u.code === CODES.bureau));
  const notGov = await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--summary');
  assert.equal(notGov.code, 2);
});

test('report import: shape errors per path (nothing stored); an inconsistent year fails its checks and the next year’s carry-over', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ unit: CODES.bureau, year: 2023, table2: { regulations: { issued: 'x' } }, table3: {}, table4: {}, extra: 1 }));
  const r = await gk('report', 'import', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /extra: 未知字段 extra/);
  assert.match(r.err, /table2\.regulations\.issued: 应为数字/);
  assert.match(r.err, /table3\.3\.1: 缺少此行/);
  assert.match(r.err, /table4\.review: 缺少此组/);

  const prev = computeReport(CODES.bureau, 2023, { cases: [], docs: [] }).report;
  prev.table3['3.1'].natural = 1;
  prev.table3['3.1'].commercial = 1;
  prev.table3['3.1'].total = 2;
  prev.table3['3.4'].natural = 3; // wrong: 2024 has one natural person's case carried over
  prev.table3['3.4'].commercial = 1;
  prev.table3['3.4'].total = 4;
  const file = join(dir, '2023.json');
  writeFileSync(file, JSON.stringify(prev));
  const imp = await gk('report', 'import', file);
  assert.equal(imp.code, 1);
  assert.match(imp.err, /table3\.3\.4\.natural: 表三 四、结转下年度继续办理 · 自然人：勾稽关系不成立/);
  const y2024 = await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'json');
  assert.equal(y2024.code, 1);
  assert.match(y2024.err, /table3\.3\.2\.natural: 表三 二、上年结转政府信息公开申请数量 · 自然人：上年结转应等于2023年度报告的“结转下年度继续办理”（应为 3，实为 1/);
  // corrected: the carry-over holds
  prev.table3['3.4'].natural = 1;
  prev.table3['3.4'].total = 2;
  writeFileSync(file, JSON.stringify(prev));
  const ok = await gk('report', 'import', file);
  assert.equal(ok.code, 1, 'still fails: the 2023 import has no sources for its unit-entered figures');
  assert.doesNotMatch(ok.err, /勾稽|上年结转/);
  assert.equal((await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024')).code, 0);
});

test('report figures FILE and bad arguments', async () => {
  const f = join(dir, 'fig.json');
  writeFileSync(f, JSON.stringify({ 'table2.penalty.decisions': { value: 40, source: '执法平台导出' } }));
  const ok = await gk('report', 'figures', f, '--unit', CODES.other, '--year', '2024');
  assert.equal(ok.code, 0, ok.err);
  const r = JSON.parse((await gk('report', 'annual', '--unit', CODES.other, '--year', '2024')).out);
  assert.equal(r.table2.penalty.decisions, 40);
  writeFileSync(f, JSON.stringify({ 'table2.penalty.decisions': { value: 40 } }));
  const noSource = await gk('report', 'figures', f, '--unit', CODES.other, '--year', '2024');
  assert.equal(noSource.code, 2, `exit ${noSource.code}: ${noSource.err}`);
  assert.match(noSource.err, /table2\.penalty\.decisions\.source: 须注明数据来源/);
  assert.equal((await gk('report', 'annual', '--unit', CODES.bureau, '--year', '2024', '--format', 'xls')).code, 2);
  assert.equal((await gk('report', 'annual', '--unit', 'NOPE', '--year', '2024')).code, 2);
  assert.equal((await gk('report', 'annual', '--unit', CODES.bureau, '--year', '24')).code, 2);
});
