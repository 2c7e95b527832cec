/**
 * Resolves a TableBlock's HTML-style rows (each row lists the cells that start in it) into grid
 * positions, and rejects tables that no renderer could draw the same way: overlapping spans, ragged rows,
 * spans past the bottom. The PDF renderer draws from these positions; the DOCX renderer validates with
 * them before handing the spans to Word.
 */
import { cellOf, DocModelError, type TableBlock, type TableCell } from './model.ts';

export interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  cell: TableCell;
}

export interface TableGrid {
  rowCount: number;
  columnCount: number;
  /** In reading order: by row, then column. */
  cells: PlacedCell[];
}

function span(value: number | undefined, what: string, r: number): number {
  const n = value ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new DocModelError(`table row ${r + 1}: ${what} must be a whole number ≥ 1, got ${value}`);
  return n;
}

export function resolveGrid(table: TableBlock): TableGrid {
  const rowCount = table.rows.length;
  if (rowCount === 0) throw new DocModelError('a table needs at least one row');
  // occupied[r] holds the columns already taken in row r by cells from rows above.
  const occupied: Set<number>[] = Array.from({ length: rowCount }, () => new Set<number>());
  const cells: PlacedCell[] = [];
  let columnCount = -1;

  table.rows.forEach((row, r) => {
    let col = 0;
    for (const raw of row) {
      const cell = cellOf(raw);
      const rowSpan = span(cell.rowSpan, 'rowSpan', r);
      const colSpan = span(cell.colSpan, 'colSpan', r);
      while (occupied[r].has(col)) col++;
      if (r + rowSpan > rowCount) {
        throw new DocModelError(`table row ${r + 1}: a cell spans ${rowSpan} rows but only ${rowCount - r} remain`);
      }
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let cc = col; cc < col + colSpan; cc++) {
          if (occupied[rr].has(cc)) throw new DocModelError(`table row ${r + 1}: cells overlap at row ${rr + 1}, column ${cc + 1}`);
          occupied[rr].add(cc);
        }
      }
      cells.push({ row: r, col, rowSpan, colSpan, cell });
      col += colSpan;
    }
    const width = occupied[r].size === 0 ? 0 : Math.max(...occupied[r]) + 1;
    if (occupied[r].size !== width) throw new DocModelError(`table row ${r + 1}: a gap in the row`);
    if (columnCount === -1) columnCount = width;
    else if (width !== columnCount) {
      throw new DocModelError(`table row ${r + 1} covers ${width} columns, the first row ${columnCount}`);
    }
  });
  if (columnCount < 1) throw new DocModelError('a table needs at least one column');
  if (table.widths && table.widths.length !== columnCount) {
    throw new DocModelError(`table widths has ${table.widths.length} entries for ${columnCount} columns`);
  }
  return { rowCount, columnCount, cells };
}

/** Column widths scaled to `total`. */
export function columnWidths(table: TableBlock, columnCount: number, total: number): number[] {
  const weights = table.widths ?? Array.from({ length: columnCount }, () => 1);
  if (weights.some((w) => !(w > 0))) throw new DocModelError('table widths must be positive');
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / sum) * total);
}

/**
 * The header rows, widened so that no cell spans out of the header into the body (a header cell merged
 * down into the body would otherwise be cut in two when the header repeats).
 */
export function headerRowCount(table: TableBlock, grid: TableGrid): number {
  let n = Math.min(table.headerRows ?? 0, grid.rowCount);
  let changed = n > 0;
  while (changed) {
    changed = false;
    for (const c of grid.cells) {
      if (c.row < n && c.row + c.rowSpan > n) {
        n = c.row + c.rowSpan;
        changed = true;
      }
    }
  }
  return n;
}

/**
 * Groups rows into bands that a page break may not split: rows joined by a rowSpan stay together.
 * Returns [firstRow, lastRow] pairs covering all rows in order.
 */
export function rowBands(grid: TableGrid): [number, number][] {
  const reach = Array.from({ length: grid.rowCount }, (_, r) => r);
  for (const c of grid.cells) reach[c.row] = Math.max(reach[c.row], c.row + c.rowSpan - 1);
  const bands: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (let r = 0; r < grid.rowCount; r++) {
    end = Math.max(end, reach[r]);
    if (r === end) {
      bands.push([start, end]);
      start = r + 1;
      end = r + 1;
    }
  }
  return bands;
}
