/**
 * The built-in checks of the annual report. They run on every draft, on imports and on area summaries;
 * a report with any failure cannot be published (条例 第四十九条 requires the report to be published, and
 * 国办公开办函〔2021〕30号 holds units accountable for inaccurate reports). Each failure names one cell.
 *
 * Rules (annual-report.md "Counting rules and checks", reference.md §2.4–2.5):
 *   format          the report's format is the one its year requires
 *   present         every cell of the format exists
 *   non_negative    counts are non-negative integers, 本年增/减 an integer, amounts decimals ≥ 0
 *   t3_result_sum   3.3.7 = sum of the 3.3.x rows, per column
 *   t3_balance      3.1 + 3.2 = 3.3.7 + 3.4, per column (named at 3.4: expected = 3.1 + 3.2 − 3.3.7)
 *   t3_row_total    total = sum of the six applicant columns, per row
 *   t4_total        total = 维持 + 纠正 + 其他 + 尚未审结, per group
 *   carry_over      this year's 3.2 = last year's 3.4, per column (only when last year's report is given)
 *   manual_source   every unit-entered figure has a source note
 */
import type { AnnualReport, Msg } from './types.ts';
import { APPLICANT_COLUMNS, cellLabel, formatIdForYear, FORMATS, manualCells, resultRowCodes, table2Cells, table3RowCodes, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_OUTCOMES } from './formats.ts';
import type { ReportFormat } from './formats.ts';
import { parseDecimal } from './decimal.ts';

export type CheckRule =
  | 'format' | 'present' | 'non_negative' | 't3_result_sum' | 't3_balance' | 't3_row_total'
  | 't4_total' | 'carry_over' | 'manual_source';

export interface CheckFailure {
  /** Cell path ('table3.3.3.7.natural'), or 'format' for the report as a whole. */
  cell: string;
  rule: CheckRule;
  message: Msg;
  expected: number | string | null;
  actual: number | string | null;
  /** On an area summary: the units the failure comes from (e.g. those lacking a source note). */
  units?: { code: string; name: string }[];
}

export interface CheckOptions {
  /** Last year's report of the same unit, when it is on the platform. */
  previous?: AnnualReport;
}

export function checkReport(report: AnnualReport, opts: CheckOptions = {}): CheckFailure[] {
  const out: CheckFailure[] = [];
  let f: ReportFormat;
  try {
    f = FORMATS[formatIdForYear(report.year)];
  } catch {
    return [{ cell: 'year', rule: 'format', message: { zh: `年度 ${report.year} 无对应的年度报告格式`, en: `no report format for year ${report.year}` }, expected: null, actual: report.year }];
  }
  if (report.format !== f.id) {
    out.push({
      cell: 'format', rule: 'format', expected: f.id, actual: report.format,
      message: { zh: `${report.year}年度报告应使用${f.document}格式`, en: `a report on ${report.year} must use the ${f.id} format (${f.document})` },
    });
  }
  const label = (p: string) => cellLabel(f, p);

  // present + non_negative: a cell that is missing or malformed is reported once and skipped below.
  const num = (row: Record<string, unknown> | undefined, cell: string, path: string): number | null => {
    const v = row?.[cell];
    if (v === undefined) {
      out.push({ cell: path, rule: 'present', expected: 0, actual: null, message: { zh: `${label(path)}：缺少数据`, en: `${path}: missing` } });
      return null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      out.push({ cell: path, rule: 'non_negative', expected: '≥0 的整数', actual: typeof v === 'number' ? v : String(v), message: { zh: `${label(path)}：应为非负整数`, en: `${path}: must be a non-negative integer` } });
      return null;
    }
    return v;
  };

  for (const c of table2Cells(f)) {
    const row = report.table2?.[c.row] as Record<string, unknown> | undefined;
    if (c.kind === 'count') num(row, c.code, c.path);
    else if (row?.[c.code] === undefined) out.push({ cell: c.path, rule: 'present', expected: 0, actual: null, message: { zh: `${label(c.path)}：缺少数据`, en: `${c.path}: missing` } });
    else if (c.kind === 'signed') {
      const v = row[c.code];
      if (typeof v !== 'number' || !Number.isInteger(v)) out.push({ cell: c.path, rule: 'non_negative', expected: '整数（减少用负值）', actual: String(v), message: { zh: `${label(c.path)}：应为整数，减少用负值表示`, en: `${c.path}: must be an integer (negative for a decrease)` } });
    } else {
      const v = row[c.code];
      const d = typeof v === 'string' ? parseDecimal(v) : null;
      if (d === null || d < 0n) out.push({ cell: c.path, rule: 'non_negative', expected: '≥0 的金额（最多六位小数）', actual: String(v), message: { zh: `${label(c.path)}：应为非负金额，最多保留六位小数`, en: `${c.path}: must be a non-negative decimal amount (at most 6 places)` } });
    }
  }

  // Table 3: read every cell once; null marks a cell already reported.
  const t3: Record<string, Record<string, number | null>> = {};
  for (const r of table3RowCodes(f)) {
    t3[r] = {};
    for (const c of TABLE3_COLUMNS) t3[r][c] = num(report.table3?.[r], c, `table3.${r}.${c}`);
  }
  const sum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0));
  const compare = (cell: string, rule: CheckRule, expected: number | null, actual: number | null, zh: string, en: string) => {
    if (expected !== null && actual !== null && expected !== actual) out.push({ cell, rule, expected, actual, message: { zh: `${label(cell)}：${zh}`, en: `${cell}: ${en}` } });
  };
  for (const r of table3RowCodes(f)) {
    compare(`table3.${r}.total`, 't3_row_total', sum(APPLICANT_COLUMNS.map((c) => t3[r][c])), t3[r].total, '总计应等于六类申请人之和', 'total must equal the sum of the six applicant columns');
  }
  const results = resultRowCodes(f);
  for (const c of TABLE3_COLUMNS) {
    compare(`table3.3.3.7.${c}`, 't3_result_sum', sum(results.map((r) => t3[r][c])), t3['3.3.7'][c], '（七）总计应等于各项办理结果之和', '3.3.7 must equal the sum of the result rows');
    const in_ = sum([t3['3.1'][c], t3['3.2'][c]]);
    const done = t3['3.3.7'][c];
    compare(
      `table3.3.4.${c}`, 't3_balance', in_ === null || done === null ? null : in_ - done, t3['3.4'][c],
      '勾稽关系不成立：本年新收 + 上年结转 应等于 办理结果总计 + 结转下年度',
      'balance fails: 3.1 + 3.2 must equal 3.3.7 + 3.4',
    );
  }

  for (const g of TABLE4_GROUPS) {
    const vals = TABLE4_OUTCOMES.map((o) => num(report.table4?.[g], o, `table4.${g}.${o}`));
    const total = num(report.table4?.[g], 'total', `table4.${g}.total`);
    compare(`table4.${g}.total`, 't4_total', sum(vals), total, '总计应等于结果维持、结果纠正、其他结果、尚未审结之和', 'total must equal upheld + corrected + other + pending');
  }

  // carry_over: only between consecutive years of the same unit (both formats share rows 3.2 and 3.4).
  const prev = opts.previous;
  if (prev && prev.year === report.year - 1 && prev.unit === report.unit) {
    for (const c of TABLE3_COLUMNS) {
      const p = prev.table3?.['3.4']?.[c];
      compare(`table3.3.2.${c}`, 'carry_over', typeof p === 'number' ? p : null, t3['3.2'][c], `上年结转应等于${prev.year}年度报告的“结转下年度继续办理”`, `3.2 must equal 3.4 of the ${prev.year} report`);
    }
  }

  for (const c of manualCells(f)) {
    if (!report.sources?.[c.path]?.trim()) {
      out.push({ cell: c.path, rule: 'manual_source', expected: '数据来源说明', actual: null, message: { zh: `${label(c.path)}：由本单位填报的数据须注明来源`, en: `${c.path}: a unit-entered figure needs a source note` } });
    }
  }
  return out;
}

/** A report may be published only when no check fails. */
export function canPublish(failures: CheckFailure[]): boolean {
  return failures.length === 0;
}

