/**
 * Computes a unit's annual report for one year from plain records (条例 第四十九条、第五十条). No database:
 * the lead's queries produce the inputs; this file only counts. Every computed cell gets the ids of the
 * cases or documents behind it (`drill`), so `drill[path].length === value` for every computed count.
 *
 * Counting rules (annual-report.md, "Counting rules and checks"):
 * - 3.1  received in the year (the statutory receipt date, 条例 第三十一条);
 * - 3.2  received before the year and not concluded before it (carried over);
 * - 3.3.* concluded in the year, in the row of its one result (区分处理 counts once, as 3.3.2, 条例 第三十七条);
 * - 3.4  received on or before 31 December and not concluded by then.
 *   So for every column 3.1 + 3.2 = 3.3.7 + 3.4 holds by construction, unless the data are broken
 *   (a concluded case without a result, or concluded before received) — those raise warnings here and
 *   then fail the balance check, which names the column.
 * - Table 4 (our rule, 条例 第五十条第三项 "因政府信息公开工作被申请行政复议、提起行政诉讼的情况"): an appeal
 *   counts under 维持/纠正/其他 in the year its outcome was DECIDED, and under 尚未审结 in every year at whose
 *   end it had been filed and was still undecided. Why: this mirrors table 3 (results by conclusion year,
 *   3.4 at year end), each decision is reported exactly once, and nothing filed before 31 December is
 *   missing from that year's report. An appeal open across two year-ends is reported pending twice —
 *   as 3.4 is — because table 4 has no carry-over row. Filing date: `filed`, else the case's conclusion
 *   date (most appeals attack the reply), else its receipt date (an appeal against inaction).
 * - Table 2 规章/规范性文件 (第二十条第（一）项): issued = issued in the year; repealed = a change into 已废止 or
 *   失效 dated in the year (once per document); in_force = 有效 or 已修改 at 31 December (a document
 *   with no event yet is 有效 from its issue date). 2019 format: published = published (else issued)
 *   in the year; published_total = published on or before 31 December, whatever its validity now.
 * - Figures the platform does not hold are taken from `manual` with their source note; in the 2019
 *   format a missing 上一年项目数量 is carried from last year's report (上一年项目数量 + 本年增/减).
 * Records of other units are ignored, so the caller may pass a wider set.
 */
import type { AnnualReport, ApplicantCategory, FormatId, Msg, Table4GroupCode } from './types.ts';
import { APPLICANT_COLUMNS, formatForYear, manualCells, table2Cells, table3RowCodes, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_CELLS } from './formats.ts';
import { emptyReport } from './shape.ts';
import { isDecimal, normalizeDecimal } from './decimal.ts';
import { isIsoDate } from '../../../core/calendar/dates.ts';

export type ResultCode =
  | '3.3.1' | '3.3.2'
  | '3.3.3.1' | '3.3.3.2' | '3.3.3.3' | '3.3.3.4' | '3.3.3.5' | '3.3.3.6' | '3.3.3.7' | '3.3.3.8'
  | '3.3.4.1' | '3.3.4.2' | '3.3.4.3'
  | '3.3.5.1' | '3.3.5.2' | '3.3.5.3' | '3.3.5.4' | '3.3.5.5'
  | '3.3.6.1' | '3.3.6.2' | '3.3.6.3'
  /** legacy 2019-format records that only know （六）其他处理; counted as 3.3.6.3 in the 2021 format. */
  | '3.3.6';

export type AppealOutcome = 'upheld' | 'corrected' | 'other' | 'pending';

export interface AppealRecord {
  kind: Table4GroupCode;
  outcome: AppealOutcome;
  /** Date the reconsideration/suit was filed (optional; see the table-4 rule above). */
  filed?: string;
  /** Date of the decision or judgment; required once the outcome is not 'pending'. */
  decided?: string;
}

export interface CaseRecord {
  id: string;
  unit: string;
  /** The case's reference number, for display in drill-down lists. */
  ref: string;
  applicantCategory: ApplicantCategory;
  received: string;
  concluded?: string;
  result?: ResultCode;
  appeals: AppealRecord[];
}

export type Validity = '有效' | '已修改' | '已废止' | '失效' | '尚未生效';

export interface NormativeDocRecord {
  id: string;
  unit: string;
  kind: 'regulation' | 'normative';
  issued: string;
  /** Date first published (2019 format's 本年新公开数量); defaults to `issued`. */
  published?: string;
  events: { date: string; validity: Validity }[];
  /**
   * How many documents this record stands for (1 when absent): an area summary reads documents
   * that count alike as one group (reports/store/summary-docs.ts). Each cell it reaches gets `count`, and
   * its drill-down the record's id as many times, so `drill[path].length === value` still holds.
   */
  count?: number;
}

export interface ManualEntry {
  value: number | string;
  /** Where the figure came from (e.g. "省政务服务平台统计，2025-01-10 导出"). */
  source: string;
}

/** cell path ('table2.licensing.decisions') → entered figure. */
export type ManualFigures = Record<string, ManualEntry>;

export interface ComputeInput {
  cases: CaseRecord[];
  docs: NormativeDocRecord[];
  manual?: ManualFigures;
  /** Last year's report, when on the platform (2019 format: carries 上一年项目数量). */
  previous?: AnnualReport;
}

export interface ComputeWarning {
  code: string;
  /** Set on warnings passed up into an area summary (sumComputed). */
  unit?: string;
  ids: string[];
  message: Msg;
}

export interface ComputedReport {
  report: AnnualReport;
  /** cell path → ids of the cases (tables 3, 4) or documents (table 2) behind the computed cell. */
  drill: Record<string, string[]>;
  warnings: ComputeWarning[];
}

const ENDED: ReadonlySet<Validity> = new Set(['已废止', '失效']);
const IN_FORCE: ReadonlySet<Validity> = new Set(['有效', '已修改']);

/** Maps a case's result to the row of the year's format. */
export function resultRow(result: ResultCode, format: FormatId): string {
  if (format === '2019' && result.startsWith('3.3.6')) return '3.3.6';
  if (format === '2021' && result === '3.3.6') return '3.3.6.3';
  return result;
}

export function computeReport(unit: string, year: number, input: ComputeInput): ComputedReport {
  return compute(unit, year, input, true);
}

/**
 * Table 2 alone (documents and unit-entered figures), for an area summary whose tables 3 and 4 are
 * counted elsewhere (reports/store/counting.ts): the same rules as computeReport without setting up the
 * case drill-down of every table-3 and table-4 cell, which a summary of hundreds of units throws away.
 * Tables 3 and 4 of the result are zero.
 */
export function computeTable2(unit: string, year: number, input: Omit<ComputeInput, 'cases'>): ComputedReport {
  return compute(unit, year, { ...input, cases: [] }, false);
}

function compute(unit: string, year: number, input: ComputeInput, withCases: boolean): ComputedReport {
  const f = formatForYear(year);
  const report = emptyReport(unit, year);
  const drill: Record<string, string[]> = {};
  const warnings: ComputeWarning[] = [];
  const warn = warner(warnings);
  if (withCases) {
    const cases = input.cases.filter((c) => c.unit === unit);
    countApplications(f.id, year, cases, report, drill, warn);
    countAppeals(year, cases, report, drill, warn);
  }
  countDocuments(f.id, year, input.docs.filter((d) => d.unit === unit), report, drill, warn);
  applyManual(f.id, year, input.manual ?? {}, input.previous, report, warnings);
  return { report, drill, warnings };
}

type Warn = (code: string, id: string, zh: string, en: string) => void;

/** Collects warnings by code: one entry per code, with every id it concerns. */
function warner(warnings: ComputeWarning[]): Warn {
  return (code, id, zh, en) => {
    const w = warnings.find((x) => x.code === code);
    if (w) w.ids.push(id);
    else warnings.push({ code, ids: [id], message: { zh, en } });
  };
}

function countApplications(format: FormatId, year: number, cases: CaseRecord[], report: AnnualReport, drill: Record<string, string[]>, warn: Warn) {
  const f = formatForYear(year);
  for (const r of table3RowCodes(f)) for (const c of TABLE3_COLUMNS) drill[`table3.${r}.${c}`] = [];
  const add = (row: string, col: ApplicantCategory, id: string) => {
    for (const [r, c] of [[row, col], [row, 'total']] as const) {
      report.table3[r][c] += 1;
      drill[`table3.${r}.${c}`].push(id);
    }
  };
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  for (const k of cases) {
    if (!(APPLICANT_COLUMNS as readonly string[]).includes(k.applicantCategory)) {
      warn('bad_category', k.id, '申请人类别无效，未计入表三', 'unknown applicant category; case not counted in table 3');
      continue;
    }
    if (!isIsoDate(k.received) || (k.concluded !== undefined && !isIsoDate(k.concluded))) {
      warn('bad_date', k.id, '收到或办结日期无效，未计入表三', 'invalid receipt or conclusion date; case not counted in table 3');
      continue;
    }
    if (k.concluded !== undefined && k.concluded < k.received) {
      warn('concluded_before_received', k.id, '办结日期早于收到日期', 'concluded before it was received');
    }
    if (k.received > end) continue;
    const openAtStart = k.concluded === undefined || k.concluded >= start;
    if (k.received >= start) add('3.1', k.applicantCategory, k.id);
    else if (openAtStart) add('3.2', k.applicantCategory, k.id);

    if (k.concluded !== undefined && k.concluded >= start && k.concluded <= end) {
      if (!k.result) {
        warn('no_result', k.id, '已办结但未记录办理结果，未计入“本年度办理结果”', 'concluded without a result; not counted in 3.3');
        continue;
      }
      const row = resultRow(k.result, format);
      if (!(row in report.table3)) {
        warn('bad_result', k.id, '办理结果代码无效', 'unknown result code');
        continue;
      }
      if (format === '2021' && k.result === '3.3.6') {
        warn('legacy_other', k.id, '办理结果仅记为“其他处理”，已计入“3.其他”，请核对', 'result recorded only as 其他处理; counted as 3.3.6.3 — please review');
      }
      add(row, k.applicantCategory, k.id);
      add('3.3.7', k.applicantCategory, k.id);
    } else if (k.concluded === undefined || k.concluded > end) {
      add('3.4', k.applicantCategory, k.id);
    }
  }
}

function countAppeals(year: number, cases: CaseRecord[], report: AnnualReport, drill: Record<string, string[]>, warn: Warn) {
  for (const g of TABLE4_GROUPS) for (const c of TABLE4_CELLS) drill[`table4.${g}.${c}`] = [];
  const end = `${year}-12-31`;
  const y = String(year);
  for (const k of cases) {
    for (const a of k.appeals) {
      if (!(TABLE4_GROUPS as readonly string[]).includes(a.kind)) {
        warn('bad_appeal_kind', k.id, '复议/诉讼类别无效', 'unknown appeal kind');
        continue;
      }
      let cell: AppealOutcome | null = null;
      const decided = a.outcome !== 'pending' ? a.decided : undefined;
      if (a.outcome !== 'pending' && !decided) {
        warn('appeal_no_date', k.id, '复议/诉讼已有结果但缺少决定日期，未计入表四', 'appeal outcome without a decision date; not counted in table 4');
        continue;
      }
      if (decided !== undefined && decided.startsWith(y)) cell = a.outcome;
      else {
        const filed = a.filed ?? k.concluded ?? k.received;
        if (filed <= end && (decided === undefined || decided > end)) cell = 'pending';
      }
      if (!cell) continue;
      for (const c of [cell, 'total'] as const) {
        report.table4[a.kind][c] += 1;
        drill[`table4.${a.kind}.${c}`].push(k.id);
      }
    }
  }
}

function stateAt(doc: NormativeDocRecord, date: string, sorted: NormativeDocRecord['events']): Validity | null {
  if (doc.issued > date) return null;
  let state: Validity = '有效';
  for (const e of sorted) if (e.date <= date) state = e.validity;
  return state;
}

function countDocuments(format: FormatId, year: number, docs: NormativeDocRecord[], report: AnnualReport, drill: Record<string, string[]>, warn: Warn) {
  const f = formatForYear(year);
  const cells = table2Cells(f).filter((c) => c.origin === 'computed');
  for (const c of cells) drill[c.path] = [];
  const y = String(year);
  const end = `${year}-12-31`;
  let weight = 1;
  const bump = (row: string, cell: string, id: string) => {
    (report.table2[row][cell] as number) += weight;
    const ids = drill[`table2.${row}.${cell}`];
    for (let i = 0; i < weight; i++) ids.push(id);
  };
  for (const d of docs) {
    if (!isIsoDate(d.issued) || d.events.some((e) => !isIsoDate(e.date)) || (d.published !== undefined && !isIsoDate(d.published))) {
      warn('bad_doc_date', d.id, '文件日期无效，未计入表二', 'invalid document date; not counted in table 2');
      continue;
    }
    weight = d.count ?? 1;
    const row = d.kind === 'regulation' ? 'regulations' : 'normative';
    // Stable sort keeps the recorded order of two changes on the same day.
    const events = d.events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
    if (d.issued.startsWith(y)) bump(row, 'issued', d.id);
    if (format === '2021') {
      let prev: Validity = '有效';
      let repealed = false;
      for (const e of events) {
        if (!repealed && ENDED.has(e.validity) && !ENDED.has(prev) && e.date.startsWith(y)) repealed = true;
        prev = e.validity;
      }
      if (repealed) bump(row, 'repealed', d.id);
      const s = stateAt(d, end, events);
      if (s && IN_FORCE.has(s)) bump(row, 'in_force', d.id);
    } else {
      const published = d.published ?? d.issued;
      if (published.startsWith(y)) bump(row, 'published', d.id);
      if (published <= end) bump(row, 'published_total', d.id);
    }
  }
}

function applyManual(format: FormatId, year: number, manual: ManualFigures, previous: AnnualReport | undefined, report: AnnualReport, warnings: ComputeWarning[]) {
  const f = formatForYear(year);
  const defs = manualCells(f);
  const sources: Record<string, string> = {};
  for (const path of Object.keys(manual)) {
    if (!defs.some((d) => d.path === path)) {
      warnings.push({ code: 'manual_unknown', ids: [path], message: { zh: `本年度报告格式中没有可手工填报的单元格 ${path}，已忽略`, en: `${path} is not a unit-entered cell of this format; ignored` } });
    }
  }
  for (const d of defs) {
    const entry = manual[d.path];
    if (entry) {
      const v = entry.value;
      if (d.kind === 'decimal') {
        const s = typeof v === 'number' ? String(v) : v;
        if (isDecimal(s)) report.table2[d.row][d.code] = normalizeDecimal(s);
        else warnings.push({ code: 'manual_bad_value', ids: [d.path], message: { zh: `${d.rowLabel}「${d.label}」不是有效金额`, en: `${d.path} is not a valid decimal amount` } });
      } else if (typeof v === 'number' && Number.isInteger(v)) {
        report.table2[d.row][d.code] = v;
      } else {
        warnings.push({ code: 'manual_bad_value', ids: [d.path], message: { zh: `${d.rowLabel}「${d.label}」应为整数`, en: `${d.path} must be an integer` } });
      }
      if (entry.source.trim()) sources[d.path] = entry.source.trim();
      continue;
    }
    // 2019 format: 上一年项目数量 follows from last year's report when that is on the platform.
    if (format === '2019' && d.code === 'items_prev_year' && previous && previous.format === '2019' && previous.year === year - 1) {
      const prev = previous.table2[d.row];
      if (prev && typeof prev.items_prev_year === 'number' && typeof prev.items_change === 'number') {
        report.table2[d.row][d.code] = prev.items_prev_year + prev.items_change;
        sources[d.path] = `按${year - 1}年度报告推算（上一年项目数量 ${prev.items_prev_year}，本年增/减 ${prev.items_change}）`;
      }
    }
  }
  report.sources = sources;
}
