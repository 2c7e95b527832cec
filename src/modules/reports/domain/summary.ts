/**
 * A government's summary report for its area (条例 第四十九条: the disclosure office publishes the
 * government's annual report) = the cell-by-cell sum of its units' reports; amounts are summed as exact
 * decimals. The result has the same shape and is checked by checkReport like any other report: a sum
 * of balanced reports balances, so a failing summary check points at a unit's bad report.
 */
import type { AnnualReport } from './types.ts';
import { formatForYear, manualCells, table2Cells, table3RowCodes, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_CELLS } from './formats.ts';
import { emptyReport } from './shape.ts';
import { parseDecimal, formatDecimal } from './decimal.ts';
import type { ComputedReport, ComputeWarning } from './compute.ts';

export interface SumOptions {
  /** Code of the government (or area) the summary is for; default '汇总'. */
  unit?: string;
  /** Needed only when `reports` is empty. */
  year?: number;
}

export function sumReports(reports: AnnualReport[], opts: SumOptions = {}): AnnualReport {
  const year = opts.year ?? reports[0]?.year;
  if (year === undefined) throw new RangeError('sumReports: no reports and no year');
  const f = formatForYear(year);
  const seen = new Set<string>();
  for (const r of reports) {
    if (r.year !== year || r.format !== f.id) {
      throw new RangeError(`sumReports: report of ${r.unit} is for ${r.year} (${r.format}), expected ${year} (${f.id})`);
    }
    if (seen.has(r.unit)) throw new RangeError(`sumReports: unit ${r.unit} appears twice`);
    seen.add(r.unit);
  }
  const out = emptyReport(opts.unit ?? '汇总', year);
  const need = (v: unknown, where: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new RangeError(`sumReports: ${where} is not an integer`);
    return v;
  };

  for (const c of table2Cells(f)) {
    if (c.kind === 'decimal') {
      let total = 0n;
      for (const r of reports) {
        const d = parseDecimal(String(r.table2[c.row]?.[c.code]));
        if (d === null) throw new RangeError(`sumReports: ${r.unit} ${c.path} is not a decimal`);
        total += d;
      }
      out.table2[c.row][c.code] = formatDecimal(total);
    } else {
      out.table2[c.row][c.code] = reports.reduce((s, r) => s + need(r.table2[c.row]?.[c.code], `${r.unit} ${c.path}`), 0);
    }
  }
  for (const row of table3RowCodes(f)) {
    for (const col of TABLE3_COLUMNS) {
      out.table3[row][col] = reports.reduce((s, r) => s + need(r.table3[row]?.[col], `${r.unit} table3.${row}.${col}`), 0);
    }
  }
  for (const g of TABLE4_GROUPS) {
    for (const c of TABLE4_CELLS) {
      out.table4[g][c] = reports.reduce((s, r) => s + need(r.table4[g]?.[c], `${r.unit} table4.${g}.${c}`), 0);
    }
  }
  // A summed figure has a source only if every unit's figure has one; otherwise the summary's
  // manual_source check fails on that cell, pointing back at the units to fix.
  const sources: Record<string, string> = {};
  for (const c of manualCells(f)) {
    if (reports.length > 0 && reports.every((r) => r.sources?.[c.path]?.trim())) {
      sources[c.path] = `由${reports.length}个单位的年度报告汇总`;
    }
  }
  out.sources = sources;
  return out;
}

/** Sums computed reports and keeps the drill-down: a summary cell lists the ids of all its units' cells. */
export function sumComputed(items: ComputedReport[], opts: SumOptions = {}): ComputedReport {
  const report = sumReports(items.map((i) => i.report), opts);
  const drill: Record<string, string[]> = {};
  for (const i of items) for (const [path, ids] of Object.entries(i.drill)) (drill[path] ??= []).push(...ids);
  const warnings: ComputeWarning[] = items.flatMap((i) => i.warnings.map((w) => ({ ...w, unit: i.report.unit })));
  return { report, drill, warnings };
}
