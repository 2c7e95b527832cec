import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseNumber } from './format.ts';
import type { TableBlock } from './model.ts';
import { headerRowCount, resolveGrid, type PlacedCell } from './table-grid.ts';
import { CONTINUED, continuedLabel, paginateTable, type PaginateInput } from './table-pages.ts';

/** A header row, then `before` plain rows, a band of `band` rows under one merged label, then `after` rows. */
function banded(before: number, band: number, after: number): TableBlock {
  const plain = (label: string) => [{ text: label, colSpan: 2 }, '0'];
  return {
    type: 'table',
    headerRows: 1,
    rows: [
      [{ text: '项目', colSpan: 2 }, '数量'],
      ...Array.from({ length: before }, (_, i) => plain(`前${chineseNumber(i + 1)}`)),
      ...Array.from({ length: band }, (_, i) => [...(i === 0 ? [{ text: '三、本年度办理结果', rowSpan: band }] : []), `第${chineseNumber(i + 1)}行`, '0']),
      ...Array.from({ length: after }, (_, i) => plain(`后${chineseNumber(i + 1)}`)),
    ],
  };
}

/** Every row 20 pt; a merged label needs 60 pt (80 pt with “（续）”). */
function input(t: TableBlock, firstSpace: number, pageSpace: number, extra: Partial<PaginateInput> = {}): PaginateInput {
  const grid = resolveGrid(t);
  return {
    grid,
    header: headerRowCount(t, grid),
    rowHeights: Array.from({ length: grid.rowCount }, () => 20),
    need: (_c: PlacedCell, continued: boolean) => (continued ? 80 : 60),
    firstSpace,
    pageSpace,
    ...extra,
  };
}

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('paginateTable', () => {
  it('splits a band taller than a page between rows, every row once, no piece past its space', () => {
    const t = banded(2, 40, 2);
    const plan = paginateTable(input(t, 300, 400));
    const rows = plan.pieces.flatMap((p) => Array.from({ length: p.to - p.from + 1 }, (_, i) => p.from + i));
    assert.deepEqual(rows, Array.from({ length: t.rows.length - 1 }, (_, i) => i + 1), 'rows 1..n in order, each once');
    assert.ok(plan.pieces.length >= 3, `several pages, got ${plan.pieces.length}`);
    plan.pieces.forEach((p, i) => {
      const space = (i === 0 ? 300 : 400) - total(plan.headerHeights);
      assert.ok(total(p.heights) <= space, `piece ${i} fits: ${total(p.heights)} ≤ ${space}`);
      assert.equal(p.newPage, i > 0);
      assert.equal(p.overflow, false);
    });
  });

  it('makes room on each later page for the repeated label with “（续）”', () => {
    const t = banded(0, 30, 0);
    // rows of 20 pt but a continued label needs 80 pt: a piece of the band that starts with a continued
    // label and has only 3 rows (60 pt) grows its last row by 20.
    const plan = paginateTable(input(t, 500, 110));
    const later = plan.pieces.slice(1);
    assert.ok(later.length > 0);
    for (const p of later) assert.ok(total(p.heights) >= 80, 'tall enough for the continued label');
    assert.equal(continuedLabel('三、本年度办理结果'), `三、本年度办理结果${CONTINUED}`);
    assert.equal(continuedLabel(''), '', 'an empty cell stays empty');
  });

  it('moves a small band whole to the next page instead of splitting it', () => {
    const t = banded(5, 4, 0);
    // header 20 + 5 rows = 120; the band (80) does not fit in the 160 left on the first page
    const plan = paginateTable(input(t, 160, 800));
    assert.deepEqual(plan.pieces.map((p) => [p.from, p.to]), [[1, 5], [6, 9]]);
  });

  it('leaves two rows of a split band on each page (widows and orphans)', () => {
    const t = banded(0, 20, 0);
    // 20 pt rows: 9 rows fit under the header in 200 pt; a band of 20 rows is too big to move
    const plan = paginateTable(input(t, 200, 400, { keepShare: 0.01 }));
    for (const p of plan.pieces) assert.ok(p.to - p.from + 1 >= 2, `piece ${p.from}–${p.to} has two rows`);
    // a first page with room for one row of the band only: the band starts on the next page
    const late = paginateTable(input(banded(3, 20, 0), 20 + 3 * 20 + 25, 400, { keepShare: 0.01 }));
    assert.deepEqual([late.pieces[0].from, late.pieces[0].to], [1, 3]);
    assert.equal(late.pieces[1].from, 4);
  });

  it('keeps the rows of a keepTogether range on one page', () => {
    const t = banded(10, 1, 0);
    // rows 4..7 (a group) do not fit after row 5: the break comes before row 4
    const plan = paginateTable(input(t, 20 + 5 * 20 + 10, 800, { keepTogether: [[4, 7]] }));
    assert.equal(plan.pieces[0].to, 3);
    assert.equal(plan.pieces[1].from, 4);
  });

  it('starts the table on a new page when not even its header and first row fit', () => {
    const plan = paginateTable(input(banded(3, 1, 0), 30, 400));
    assert.equal(plan.pieces[0].newPage, true);
    assert.equal(plan.pieces.length, 1);
  });

  it('draws a single row taller than a page alone and marks it for clipping', () => {
    const t: TableBlock = { type: 'table', rows: [['a'], ['b'], ['c']] };
    const grid = resolveGrid(t);
    const plan = paginateTable({ grid, header: 0, rowHeights: [20, 900, 20], need: () => 0, firstSpace: 400, pageSpace: 400 });
    assert.deepEqual(plan.pieces.map((p) => [p.from, p.to, p.overflow]), [[0, 0, false], [1, 1, true], [2, 2, false]]);
  });
});
