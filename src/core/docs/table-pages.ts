/**
 * Splits a table into page-sized pieces, for the PDF renderer (pdf.ts). Pure: it is given row heights
 * and a measure of each merged cell, and returns which rows go on which page and how tall each row is
 * there.
 *
 * The rules are Word's, plus widow control for merged bands:
 * - A row never splits. A page break may fall between any two rows, also inside a band of rows joined
 *   by a vertically merged cell (the 表三 block “三、本年度办理结果” is taller than a page). The merged
 *   cell is then drawn on both pages; on the later page its label is repeated with “（续）”.
 * - A small band (up to a third of a page) is kept whole: it moves to the next page instead of splitting.
 * - A split band leaves at least two of its rows on each page when it can.
 * - Header rows are repeated on every page; a piece never runs past the space it is given.
 * - Only a single row taller than a whole page can overflow; the renderer clips it to the content box.
 */
import { rowBands, type PlacedCell, type TableGrid } from './table-grid.ts';

export const CONTINUED = '（续）';

export interface TablePiece {
  /** First and last body row of the piece (grid row numbers). */
  from: number;
  to: number;
  /** Height of each row from..to on this page (merged cells may have made some taller). */
  heights: number[];
  /** The piece starts on a new page (the first piece may share the page with what came before). */
  newPage: boolean;
  /** The piece is taller than a whole page (a single huge row): the renderer must clip it. */
  overflow: boolean;
}

export interface TablePlan {
  header: number;
  /** Heights of the header rows (repeated on every page). */
  headerHeights: number[];
  pieces: TablePiece[];
}

export interface PaginateInput {
  grid: TableGrid;
  /** Header rows (already widened by headerRowCount). */
  header: number;
  /** Height of each row from its single-row cells (padding included). */
  rowHeights: number[];
  /** Height a merged cell needs (padding included); `continued` = it is drawn with the “（续）” label. */
  need: (cell: PlacedCell, continued: boolean) => number;
  /** Space left on the current page, and the space of a whole page. */
  firstSpace: number;
  pageSpace: number;
  /** The current page is empty (then nothing is gained by starting the table on the next one). */
  firstFresh?: boolean;
  /** Share of a page up to which a band is kept whole; default 1/3. */
  keepShare?: number;
  /** More ranges of rows to treat as bands (TableBlock.keepTogether). */
  keepTogether?: [number, number][];
}

/** Bands widened so that each extra range lies inside one band (overlapping ones merge). */
export function joinBands(bands: [number, number][], extra: [number, number][]): [number, number][] {
  const out = bands.map(([a, b]): [number, number] => [a, b]);
  for (const [x, y] of extra) {
    const first = out.findIndex(([, b]) => b >= x);
    const last = out.findIndex(([, b]) => b >= y);
    if (first < 0 || last < 0 || first === last) continue;
    out.splice(first, last - first + 1, [out[first][0], out[last][1]]);
  }
  return out;
}

/** Text drawn in a cell that starts in a row above the piece: its label with “（续）”. */
export function continuedLabel(text: string): string {
  return text.trim() ? `${text}${CONTINUED}` : text;
}

export function paginateTable(input: PaginateInput): TablePlan {
  const { grid, rowHeights, need } = input;
  const { header } = input;
  const merged = grid.cells.filter((c) => c.rowSpan > 1);

  /** Heights of rows a..b drawn together, each merged cell growing its last row there when it needs room. */
  const heightsOf = (a: number, b: number): number[] => {
    const h = rowHeights.slice(a, b + 1);
    const parts = merged
      .filter((c) => c.row <= b && c.row + c.rowSpan - 1 >= a)
      .map((c) => ({ c, from: Math.max(c.row, a), to: Math.min(c.row + c.rowSpan - 1, b) }))
      .sort((x, y) => x.to - x.from - (y.to - y.from));
    for (const p of parts) {
      let have = 0;
      for (let r = p.from; r <= p.to; r++) have += h[r - a];
      const want = need(p.c, p.c.row < a);
      if (want > have) h[p.to - a] += want - have;
    }
    return h;
  };
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

  const headerHeights = header > 0 ? heightsOf(0, header - 1) : [];
  const headerHeight = sum(headerHeights);
  const bands = joinBands(rowBands(grid), input.keepTogether ?? []).filter(([, b]) => b >= header);
  const bandOf = (r: number) => bands.find(([a, b]) => r >= a && r <= b)!;
  const keep = (input.keepShare ?? 1 / 3) * input.pageSpace;

  const pieces: TablePiece[] = [];
  let pos = header;
  let space = input.firstSpace - headerHeight;
  // fresh: nothing on the current page yet but (the repeated) header, so moving on gains nothing
  let fresh = !!input.firstFresh;
  let newPage = false;
  // The table opens on a new page when not even its header and first row fit here.
  if (!fresh && pos < grid.rowCount && sum(heightsOf(pos, pos)) > space) {
    newPage = true;
    fresh = true;
    space = input.pageSpace - headerHeight;
  }

  while (pos < grid.rowCount) {
    // The last row that still fits, stopping once the rows alone are taller than the space.
    let best = -1;
    let plain = 0;
    for (let e = pos; e < grid.rowCount; e++) {
      plain += rowHeights[e];
      if (plain > space) break;
      if (sum(heightsOf(pos, e)) <= space) best = e;
    }
    let end: number;
    if (best === grid.rowCount - 1) end = best;
    else {
      let e = best;
      if (best >= pos) {
        const [bs, be] = bandOf(best + 1);
        const start = Math.max(bs, pos);
        if (sum(heightsOf(bs, be)) <= keep) e = bs - 1; // a small band moves whole
        else {
          if (be - e < 2 && e - 1 >= start + 1) e -= 1; // leave two of its rows for the next page
          if (e < start + 1) e = bs - 1; // and take two here, or none
        }
      }
      if (e < pos) {
        if (!fresh) {
          // Nothing (worth putting) here: continue on the next page.
          newPage = true;
          fresh = true;
          space = input.pageSpace - headerHeight;
          continue;
        }
        e = Math.max(best, pos); // on a fresh page: as much as fits, or a single row taller than a page
      }
      end = e;
    }
    const heights = heightsOf(pos, end);
    pieces.push({ from: pos, to: end, heights, newPage, overflow: sum(heights) > input.pageSpace - headerHeight });
    space -= sum(heights);
    pos = end + 1;
    if (pos < grid.rowCount) {
      newPage = true;
      fresh = true;
      space = input.pageSpace - headerHeight;
    }
  }
  return { header, headerHeights, pieces };
}
