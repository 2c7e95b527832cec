/**
 * DocModel → PDF with pdfkit and the embedded Noto fonts (see fonts.ts).
 *
 * Same page as the DOCX (A4, GB/T 9704 margins, 16 pt body on a 28 pt line). Faces as the DOCX names
 * them, by kind: title, body and tables in the serif (for 小标宋/仿宋/宋体), first-level headings in the
 * sans (for 黑体). Paragraphs are laid out by pdf-text.ts (justified, Chinese line-breaking rules).
 * Tables are drawn here: every cell is a rectangle over the grid slots it spans, so merged cells come
 * out as one box; table-pages.ts decides where a table breaks (between rows — inside a merged band too,
 * its label repeated with “（续）” — header rows repeated). Nothing is ever drawn into the footer band.
 */
import PDFDocument from 'pdfkit';
import { pdfFontBytes, type PdfFontWeight } from './fonts.ts';
import { displayDate } from './format.ts';
import { cellRuns, noticeTable, runsOf, type Align, type Block, type DocModel, type Run, type TableBlock } from './model.ts';
import { drawLine, layoutLines, type StyledRun } from './pdf-text.ts';
import { columnWidths, headerRowCount, resolveGrid, rowBands, type PlacedCell } from './table-grid.ts';
import { continuedLabel, joinBands, paginateTable } from './table-pages.ts';
import { A4, MARGIN, MM, PDF_CONTENT_BOX } from './page.ts';

const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export { PDF_CONTENT_BOX };

/** Registered font names → the file behind each. */
const FACES: Record<string, PdfFontWeight> = {
  NotoSerifSC: 'serif',
  'NotoSerifSC-Bold': 'serif-bold',
  NotoSansSC: 'regular',
  'NotoSansSC-Bold': 'bold',
};
const SERIF = 'NotoSerifSC';
const SERIF_BOLD = 'NotoSerifSC-Bold';
const SANS_BOLD = 'NotoSansSC-Bold';
/** Line pitch as a multiple of the type size: 28 pt for 16 pt body text. */
const LINE = 1.75;
const CELL_PAD = 4;

type Doc = InstanceType<typeof PDFDocument>;

class PdfWriter {
  private readonly size: number;
  private readonly registered = new Set<string>();

  constructor(
    private readonly doc: Doc,
    private readonly model: DocModel,
  ) {
    this.size = model.fontSize ?? 16;
  }

  private get bottom(): number {
    return PDF_CONTENT_BOX.bottom;
  }

  /** Selects a face, registering (and so reading) its file on first use only. */
  private font(name: string, size: number): Doc {
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, pdfFontBytes(FACES[name]));
      this.registered.add(name);
    }
    return this.doc.font(name).fontSize(size);
  }

  private fresh(): boolean {
    return this.doc.y <= MARGIN.top + 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom && !this.fresh()) this.newPage();
  }

  private styled(runs: Run[], regular: string, bold: string): StyledRun[] {
    return runs.filter((r) => r.text.length > 0).map((r) => ({ text: r.text, font: r.bold ? bold : regular, ...(r.underline ? { underline: true } : {}) }));
  }

  private lines(runs: StyledRun[], size: number, o: { indent?: boolean; rightIndent?: number } = {}) {
    for (const r of runs) this.font(r.font, size);
    return layoutLines(this.doc, runs, { width: CONTENT_WIDTH - (o.rightIndent ?? 0), size, indent: o.indent ? size * 2 : 0 });
  }

  /** Sets runs line by line from the cursor, breaking pages between lines. */
  private textBlock(runs: StyledRun[], o: { align: Align; size: number; indent?: boolean; rightIndent?: number }): void {
    const pitch = o.size * LINE;
    if (runs.length === 0) {
      this.ensureSpace(pitch);
      this.doc.y += pitch;
      return;
    }
    let lines = this.lines(runs, o.size, o);
    let x = MARGIN.left;
    if (o.align === 'center' && lines.length > 1 && !runs.some((r) => r.text.includes('\n'))) {
      // A centred title of several lines is balanced (no single word left alone on the last line).
      const full = CONTENT_WIDTH;
      let lo = full / lines.length;
      let hi = full;
      while (hi - lo > 2) {
        const mid = (lo + hi) / 2;
        if (layoutLines(this.doc, runs, { width: mid, size: o.size }).length > lines.length) lo = mid;
        else hi = mid;
      }
      lines = layoutLines(this.doc, runs, { width: hi, size: o.size });
      x += (full - hi) / 2;
    }
    for (const line of lines) {
      this.ensureSpace(pitch);
      drawLine(this.doc, line, { x, y: this.doc.y, size: o.size, align: o.align });
      this.doc.y += pitch;
    }
    this.doc.x = MARGIN.left;
  }

  private measure(runs: StyledRun[], size: number, indent = false): number {
    return runs.length ? this.lines(runs, size, { indent }).length * size * LINE : size * LINE;
  }

  head(): void {
    const m = this.model;
    this.textBlock([{ text: m.title, font: SERIF_BOLD }], { align: 'center', size: 22 });
    this.doc.y += 22 * 0.3;
    if (m.subtitle) this.textBlock([{ text: m.subtitle, font: SERIF }], { align: 'center', size: this.size });
    if (m.number) this.textBlock([{ text: m.number, font: SERIF }], { align: 'center', size: this.size });
    this.doc.y += this.size * 0.5;
  }

  /** How much of `next` a heading or a keep-with-next paragraph must find on its page. */
  private leadOf(next: Block | undefined): number {
    const size = this.size;
    if (!next) return 0;
    if (next.type === 'signature') return (next.seal ? 4 : 3) * size * LINE;
    if (next.type === 'table' || next.type === 'notice') return this.tableLead(next.type === 'table' ? next : noticeTable(next));
    return 2 * size * LINE;
  }

  block(b: Block, next: Block | undefined): void {
    const size = this.size;
    switch (b.type) {
      case 'heading': {
        const level = b.level ?? 1;
        // 一级标题 in the 黑体-like sans; 二级 (楷体) and 三级 in the bold serif.
        const runs = [{ text: b.text, font: level === 1 ? SANS_BOLD : SERIF_BOLD }];
        // A heading never ends a page: keep it with the start of what follows.
        this.ensureSpace(this.measure(runs, size) + this.leadOf(next));
        const centred = b.align && b.align !== 'left';
        this.textBlock(runs, { align: b.align ?? 'left', size, indent: !centred });
        return;
      }
      case 'paragraph': {
        const runs = this.styled(runsOf(b.runs), SERIF, SERIF_BOLD);
        if (b.keepWithNext && next) this.ensureSpace(this.measure(runs, size, b.indent) + this.leadOf(next));
        this.textBlock(runs, { align: b.align ?? 'justify', indent: b.indent, size });
        return;
      }
      case 'signature': {
        const lines = [...(b.seal ? [b.seal] : []), b.organ, displayDate(b.date)];
        this.ensureSpace((lines.length + 1) * size * LINE);
        this.textBlock([], { align: 'left', size });
        for (const text of lines) this.textBlock([{ text, font: SERIF }], { align: 'right', size, rightIndent: size * 2 });
        return;
      }
      case 'table':
        this.table(b);
        return;
      case 'notice':
        this.table(noticeTable(b));
        return;
      case 'pageBreak':
        this.newPage();
        return;
    }
  }

  /** Measures of a table: grid, columns, row heights before any page break. */
  private tableMetrics(t: TableBlock) {
    const doc = this.doc;
    const grid = resolveGrid(t);
    const widths = columnWidths(t, grid.columnCount, CONTENT_WIDTH);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1] + w], [MARGIN.left]);
    const header = headerRowCount(t, grid);
    const size = t.fontSize ?? 10.5;
    const lineGap = 1;
    const isBold = (c: PlacedCell) => c.cell.bold ?? (c.row < header || cellRuns(c.cell).every((r) => r.bold));
    const textOf = (c: PlacedCell, continued = false) => {
      const text = cellRuns(c.cell).map((r) => r.text).join('');
      return continued ? continuedLabel(text) : text;
    };
    const spanWidth = (c: PlacedCell) => xs[c.col + c.colSpan] - xs[c.col];
    this.font(SERIF, size);
    const pitch = doc.currentLineHeight(true) + lineGap;
    /** The cell's text broken into lines (Chinese line-breaking rules, as body text). */
    const laid = new Map<string, ReturnType<typeof layoutLines>>();
    const cellLines = (c: PlacedCell, continued = false) => {
      const key = `${c.row}:${c.col}:${continued}`;
      let lines = laid.get(key);
      if (!lines) {
        const font = isBold(c) ? SERIF_BOLD : SERIF;
        this.font(font, size);
        laid.set(key, (lines = layoutLines(doc, [{ text: textOf(c, continued) || ' ', font }], { width: spanWidth(c) - 2 * CELL_PAD, size })));
      }
      return lines;
    };
    const textHeight = (c: PlacedCell, continued = false) => cellLines(c, continued).length * pitch;
    const minRow = pitch + 2 * CELL_PAD;
    const heights = Array.from({ length: grid.rowCount }, () => minRow);
    for (const c of grid.cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row], textHeight(c) + 2 * CELL_PAD);
    const need = (c: PlacedCell, continued: boolean) => textHeight(c, continued) + 2 * CELL_PAD;
    return { grid, xs, header, size, pitch, isBold, textOf, spanWidth, cellLines, textHeight, heights, need };
  }

  /** The header rows and the first band (or two rows of a long one): what must share a page with a heading above. */
  private tableLead(t: TableBlock): number {
    const m = this.tableMetrics(t);
    const plan = paginateTable({ grid: m.grid, header: m.header, rowHeights: m.heights, need: m.need, firstSpace: Infinity, pageSpace: Infinity, keepTogether: t.keepTogether ?? [] });
    const first = plan.pieces[0];
    const band = joinBands(rowBands(m.grid), t.keepTogether ?? []).find(([, b]) => b >= m.header);
    const rows = band ? Math.min(band[1] - m.header + 1, 4) : 2;
    const body = first ? first.heights.slice(0, Math.max(rows, 2)).reduce((a, b) => a + b, 0) : 0;
    return plan.headerHeights.reduce((a, b) => a + b, 0) + body + 4;
  }

  private table(t: TableBlock): void {
    const doc = this.doc;
    const m = this.tableMetrics(t);
    const { grid, xs, header, size, pitch } = m;
    const pageSpace = this.bottom - MARGIN.top;
    const startY = this.doc.y + 4;
    const plan = paginateTable({ grid, header, rowHeights: m.heights, need: m.need, firstSpace: this.bottom - startY, pageSpace, firstFresh: this.fresh(), keepTogether: t.keepTogether ?? [] });

    /** Draws rows from..to with the given heights at y0; cells merged from above are cut at `from`. */
    const drawRows = (from: number, to: number, heights: number[], y0: number) => {
      const top = [0];
      for (const h of heights) top.push(top[top.length - 1] + h);
      for (const c of grid.cells) {
        const first = Math.max(c.row, from);
        const last = Math.min(c.row + c.rowSpan - 1, to);
        if (first > last) continue;
        const continued = c.row < from;
        const x = xs[c.col];
        const y = y0 + top[first - from];
        const w = m.spanWidth(c);
        const h = top[last - from + 1] - top[first - from];
        doc.lineWidth(0.6).strokeColor('#000000').rect(x, y, w, h).stroke();
        if (!m.textOf(c)) continue;
        const lines = m.cellLines(c, continued);
        let ty = y + Math.max(CELL_PAD, (h - lines.length * pitch) / 2);
        doc.fillColor('#000000');
        const align = c.cell.align ?? t.align ?? 'center';
        for (const line of lines) {
          drawLine(doc, line, { x: x + CELL_PAD, y: ty, size, align: align === 'justify' ? 'left' : align });
          ty += pitch;
        }
      }
    };

    let y = startY;
    plan.pieces.forEach((piece, i) => {
      if (piece.newPage) {
        this.newPage();
        y = MARGIN.top;
      }
      if (header > 0 && (i === 0 || piece.newPage)) {
        drawRows(0, header - 1, plan.headerHeights, y);
        y += plan.headerHeights.reduce((a, b) => a + b, 0);
      }
      if (piece.overflow) {
        // A single row taller than a page: clipped to the content box, never into the footer.
        doc.save();
        doc.rect(MARGIN.left - 1, MARGIN.top, CONTENT_WIDTH + 2, pageSpace).clip();
      }
      drawRows(piece.from, piece.to, piece.heights, y);
      if (piece.overflow) doc.restore();
      y += piece.heights.reduce((a, b) => a + b, 0);
    });
    doc.x = MARGIN.left;
    doc.y = Math.min(y, this.bottom) + 6;
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
        this.font(SERIF, 14).fillColor('#000000');
        doc.text(`— ${i + 1} —`, MARGIN.left, A4.height - 25 * MM, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }
      if (f.text) {
        this.font(SERIF, 9).fillColor('#444444');
        doc.text(f.text, MARGIN.left, A4.height - 15 * MM, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }
      doc.page.margins.bottom = saved;
    }
  }
}

/** Renders the model to a PDF file's bytes, with the CJK fonts embedded (subset). */
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
