/**
 * Building and reading reports by cell path ('table2.regulations.issued', 'table3.3.3.2.natural',
 * 'table4.review.pending'). Every cell of a format has exactly one path, used by the checks, the drill
 * map, the import errors and the view.
 */
import type { AnnualReport, Table3Row, Table4Group, Table2Value } from './types.ts';
import { formatForYear, table2Cells, table3RowCodes, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_CELLS } from './formats.ts';
import type { ReportFormat } from './formats.ts';

export function zeroTable3Row(): Table3Row {
  return { natural: 0, commercial: 0, research: 0, public_interest: 0, legal_services: 0, other_org: 0, total: 0 };
}

export function zeroTable4Group(): Table4Group {
  return { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
}

/** A report of the year's format with every cell zero ("0" for decimals). */
export function emptyReport(unit: string, year: number): AnnualReport {
  const f = formatForYear(year);
  const table2: AnnualReport['table2'] = {};
  for (const c of table2Cells(f)) {
    (table2[c.row] ??= {})[c.code] = c.kind === 'decimal' ? '0' : 0;
  }
  return { unit, year, format: f.id, table2, ...emptyTables34(f) };
}

/** Tables 3 and 4 of a format, every cell zero. */
export function emptyTables34(f: ReportFormat): Pick<AnnualReport, 'table3' | 'table4'> {
  const table3: AnnualReport['table3'] = {};
  for (const r of table3RowCodes(f)) table3[r] = zeroTable3Row();
  const table4 = Object.fromEntries(TABLE4_GROUPS.map((g) => [g, zeroTable4Group()])) as AnnualReport['table4'];
  return { table3, table4 };
}

/** Every cell path of a format, in reading order (table 2, then 3 row by row, then 4). */
export function allCellPaths(f: ReportFormat): string[] {
  return [
    ...table2Cells(f).map((c) => c.path),
    ...table3RowCodes(f).flatMap((r) => TABLE3_COLUMNS.map((c) => `table3.${r}.${c}`)),
    ...TABLE4_GROUPS.flatMap((g) => TABLE4_CELLS.map((c) => `table4.${g}.${c}`)),
  ];
}

/** Splits a path into table, row and cell; table-3 row codes contain dots, so the cell is the last part. */
export function splitPath(path: string): { table: string; row: string; cell: string } {
  const parts = path.split('.');
  return { table: parts[0], row: parts.slice(1, -1).join('.'), cell: parts[parts.length - 1] };
}

/** The value at a path, or undefined when the report lacks that cell. */
export function getCell(report: AnnualReport, path: string): Table2Value | undefined {
  const { table, row, cell } = splitPath(path);
  const t = (report as unknown as Record<string, Record<string, Record<string, Table2Value>> | undefined>)[table];
  return t?.[row]?.[cell];
}
