/**
 * DocModel → PDF with pdfkit and the embedded Noto Sans SC font (see fonts.ts).
 *
 * Same page as the DOCX (A4, GB/T 9704 margins, 16 pt body on a 28 pt line). pdfkit wraps Chinese
 * between any two ideographs (Unicode line breaking, UAX #14), so we only measure and place. Tables are
 * drawn here: every cell is a rectangle over the grid slots it spans, so merged cells come out as one
 * box; rows tied together by a rowSpan never split across pages, and header rows repeat after a break.
 */
import PDFDocument from 'pdfkit';
import { pdfFontBytes } from './fonts.ts';
import { displayDate } from './format.ts';
import { cellRuns, runsOf, type Align, type Block, type DocModel, type Run, type TableBlock } from './model.ts';
import { columnWidths, headerRowCount, resolveGrid, rowBands, type PlacedCell } from './table-grid.ts';

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const REGULAR = 'NotoSansSC';
const BOLD = 'NotoSansSC-Bold';
/** Line pitch as a multiple of the type size: 28 pt for 16 pt body text. */
const LINE = 1.75;
const CELL_PAD = 4;

type Doc = InstanceType<typeof PDFDocument>;

class PdfWriter {
  private readonly size: number;

  constructor(
    private readonly doc: Doc,
    private readonly model: DocModel,
  ) {
    this.size = model.fontSize ?? 16;
  }

  private get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  private setType(bold: boolean, size: number): number {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
    // The extra gap that brings the font's natural line height up to the wanted pitch.
    return Math.max(0, size * LINE - this.doc.currentLineHeight(true));
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > MARGIN.top + 1) this.doc.addPage();
  }

  private textBlock(runs: Run[], opts: { align: Align; indent?: boolean; size: number; width?: number; rightIndent?: number }): void {
    const doc = this.doc;
    const parts = runs.filter((r) => r.text.length > 0);
    const width = (opts.width ?? CONTENT_WIDTH) - (opts.rightIndent ?? 0);
    doc.x = MARGIN.left;
    if (parts.length === 0) {
      this.setType(false, opts.size);
      doc.moveDown(1);
      return;
    }
    parts.forEach((r, i) => {
      const lineGap = this.setType(!!r.bold, opts.size);
      doc.text(r.text, {
        width,
        align: opts.align,
        lineGap,
        indent: i === 0 && opts.indent ? opts.size * 2 : 0,
        underline: !!r.underline,
        continued: i < parts.length - 1,
      });
    });
  }

  private measure(runs: Run[], size: number, width = CONTENT_WIDTH, indent = false): number {
    const lineGap = this.setType(runs.some((r) => r.bold), size);
    const text = runs.map((r) => r.text).join('') || ' ';
    return this.doc.heightOfString(text, { width, lineGap, indent: indent ? size * 2 : 0 });
  }

  head(): void {
    const m = this.model;
    this.textBlock([{ text: m.title, bold: true }], { align: 'center', size: 22 });
    this.doc.moveDown(0.3);
    if (m.subtitle) this.textBlock([{ text: m.subtitle }], { align: 'center', size: this.size });
    if (m.number) this.textBlock([{ text: m.number }], { align: 'center', size: this.size });
    this.doc.moveDown(0.5);
  }

  block(b: Block, next: Block | undefined): void {
    const size = this.size;
    switch (b.type) {
      case 'heading': {
        const runs = [{ text: b.text, bold: (b.level ?? 1) !== 2 }];
        // A heading never ends a page: keep it with two lines of what follows.
        this.ensureSpace(this.measure(runs, size) + 2 * size * LINE);
        const centred = b.align && b.align !== 'left';
        this.textBlock(runs, { align: b.align ?? 'left', size, indent: !centred });
        return;
      }
      case 'paragraph': {
        const runs = runsOf(b.runs);
        if (b.keepWithNext && next) {
          const nextHeight = next.type === 'signature' ? (next.seal ? 4 : 3) * size * LINE : 2 * size * LINE;
          this.ensureSpace(this.measure(runs, size, CONTENT_WIDTH, b.indent) + nextHeight);
        }
        // pdfkit justifies by widening spaces, which Chinese lines lack: a line with one space would get all
        // the slack in that gap. Chinese lines are nearly full anyway, so justified text is set flush left.
        const align = b.align === undefined || b.align === 'justify' ? 'left' : b.align;
        this.textBlock(runs, { align, indent: b.indent, size });
        return;
      }
      case 'signature': {
        const lines = [...(b.seal ? [b.seal] : []), b.organ, displayDate(b.date)];
        this.ensureSpace((lines.length + 1) * size * LINE);
        this.textBlock([], { align: 'left', size });
        for (const text of lines) this.textBlock([{ text }], { align: 'right', size, rightIndent: size * 2 });
        return;
      }
      case 'table':
        this.table(b);
        return;
      case 'pageBreak':
        this.doc.addPage();
        return;
    }
  }

  private table(t: TableBlock): void {
    const doc = this.doc;
    const grid = resolveGrid(t);
    const widths = columnWidths(t, grid.columnCount, CONTENT_WIDTH);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1] + w], [MARGIN.left]);
    const header = headerRowCount(t, grid);
    const size = t.fontSize ?? 10.5;
    const lineGap = 1;

    const isBold = (c: PlacedCell) => c.cell.bold ?? (c.row < header || cellRuns(c.cell).every((r) => r.bold));
    const textOf = (c: PlacedCell) => cellRuns(c.cell).map((r) => r.text).join('');
    const spanWidth = (c: PlacedCell) => xs[c.col + c.colSpan] - xs[c.col];
    const textHeight = (c: PlacedCell) => {
      doc.font(isBold(c) ? BOLD : REGULAR).fontSize(size);
      return doc.heightOfString(textOf(c) || ' ', { width: spanWidth(c) - 2 * CELL_PAD, lineGap });
    };

    // Row heights: single-row cells first, then grow the last row of a merged cell that needs more room.
    doc.font(REGULAR).fontSize(size);
    const minRow = doc.currentLineHeight(true) + lineGap + 2 * CELL_PAD;
    const heights = Array.from({ length: grid.rowCount }, () => minRow);
    for (const c of grid.cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row], textHeight(c) + 2 * CELL_PAD);
    for (const c of [...grid.cells].filter((x) => x.rowSpan > 1).sort((a, b) => a.rowSpan - b.rowSpan)) {
      const have = heights.slice(c.row, c.row + c.rowSpan).reduce((a, b) => a + b, 0);
      const need = textHeight(c) + 2 * CELL_PAD;
      if (need > have) heights[c.row + c.rowSpan - 1] += need - have;
    }
    const top = [0];
    for (const h of heights) top.push(top[top.length - 1] + h);
    const bandHeight = (a: number, b: number) => top[b + 1] - top[a];

    const drawRows = (from: number, to: number, y0: number) => {
      for (const c of grid.cells) {
        if (c.row < from || c.row > to) continue;
        const x = xs[c.col];
        const y = y0 + top[c.row] - top[from];
        const w = spanWidth(c);
        const h = top[c.row + c.rowSpan] - top[c.row];
        doc.lineWidth(0.6).strokeColor('#000000').rect(x, y, w, h).stroke();
        const text = textOf(c);
        if (!text) continue;
        const th = textHeight(c);
        doc.font(isBold(c) ? BOLD : REGULAR).fontSize(size).fillColor('#000000');
        // `height` stops pdfkit from starting a page of its own inside a cell that is taller than a page.
        doc.text(text, x + CELL_PAD, y + Math.max(CELL_PAD, (h - th) / 2), {
          width: w - 2 * CELL_PAD,
          height: Math.max(h - CELL_PAD, th),
          align: c.cell.align ?? t.align ?? 'center',
          lineGap,
        });
      }
    };

    const headerHeight = header > 0 ? bandHeight(0, header - 1) : 0;
    let y = doc.y + 4;
    // A band taller than a page is drawn anyway on a fresh page (and runs past the margin) rather than
    // looping on page breaks; `fresh` is true when nothing but a repeated header is on the page yet.
    let fresh = y <= MARGIN.top + 5;
    for (const [a, b] of rowBands(grid)) {
      const h = bandHeight(a, b);
      if (y + h > this.bottom && !fresh) {
        doc.addPage();
        y = MARGIN.top;
        if (header > 0 && a >= header) {
          drawRows(0, header - 1, y);
          y += headerHeight;
        }
      }
      drawRows(a, b, y);
      y += h;
      fresh = false;
    }
    doc.x = MARGIN.left;
    doc.y = y + 6;
  }

  pageFurniture(): void {
    const f = this.model.footer;
    if (!f || (!f.text && !f.pageNumbers)) return;
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit open a new page; lift the margin while we do.
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      if (f.pageNumbers) {
        doc.font(REGULAR).fontSize(14).fillColor('#000000');
        doc.text(`— ${i + 1} —`, MARGIN.left, A4.height - 25 * MM, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }
      if (f.text) {
        doc.font(REGULAR).fontSize(9).fillColor('#444444');
        doc.text(f.text, MARGIN.left, A4.height - 15 * MM, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }
      doc.page.margins.bottom = saved;
    }
  }
}

/** Renders the model to a PDF file's bytes, with the CJK font embedded (subset). */
export async function renderPdf(model: DocModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    // pdfkit hashes every info entry into the file id, so undefined values must not be present.
    info: Object.fromEntries(
      Object.entries({
        Title: model.title.replace(/\n/g, ''),
        Author: model.meta?.author ?? 'gongkai',
        Subject: model.meta?.subject,
        Keywords: model.meta?.keywords?.join(', '),
        Creator: 'gongkai',
      }).filter(([, v]) => v !== undefined),
    ),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, pdfFontBytes('regular'));
  doc.registerFont(BOLD, pdfFontBytes('bold'));
  const w = new PdfWriter(doc, model);
  try {
    w.head();
    model.blocks.forEach((b, i) => w.block(b, model.blocks[i + 1]));
    w.pageFurniture();
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }
  doc.end();
  return done;
}
