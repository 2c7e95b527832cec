/**
 * Shared types of the annual report (政府信息公开工作年度报告, 条例 第四十九条、第五十条).
 *
 * The JSON shape is the one in /work/shared/domain/annual-report.md, plus `format` (which official
 * format the figures follow) and optional `sources` (where each unit-entered figure came from).
 * Counts are integers; money is a decimal STRING in 万元 (never a float), see decimal.ts.
 */

/** '2019' = 国办公开办函〔2019〕60号 (试行, reports on 2019 and 2020); '2021' = 国办公开办函〔2021〕30号. */
export type FormatId = '2019' | '2021';

/** Applicant categories of table 3 (申请人情况). */
export type ApplicantCategory =
  | 'natural'
  | 'commercial'
  | 'research'
  | 'public_interest'
  | 'legal_services'
  | 'other_org';

export type Table3Column = ApplicantCategory | 'total';

/** One row of table 3: six applicant columns and 总计. */
export type Table3Row = Record<Table3Column, number>;

export type Table4GroupCode = 'review' | 'litigation_direct' | 'litigation_after_review';
export type Table4Cell = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';
export type Table4Group = Record<Table4Cell, number>;

/** A table-2 cell value: a count (number) or an amount in 万元 (decimal string). */
export type Table2Value = number | string;

export interface AnnualReport {
  /** The unit's code (or the government's code for an area summary). */
  unit: string;
  year: number;
  format: FormatId;
  /** row code → cell code → value; which rows/cells exist depends on `format` (formats.ts). */
  table2: Record<string, Record<string, Table2Value>>;
  /** row code ('3.1', '3.3.3.2', …) → seven columns. */
  table3: Record<string, Table3Row>;
  table4: Record<Table4GroupCode, Table4Group>;
  /** cell path ('table2.licensing.decisions') → note on where a unit-entered figure came from. */
  sources?: Record<string, string>;
}

/** A bilingual user-facing message. */
export interface Msg {
  zh: string;
  en: string;
}
