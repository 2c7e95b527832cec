/**
 * DocModel → DOCX with `docx` 9.
 *
 * Page and type follow GB/T 9704-2012 for official documents: A4; margins top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm (§5.2.1); body in 仿宋 三号 (16 pt) on a fixed 28 pt line (≈ 22 lines a page);
 * title in 小标宋 二号 (22 pt), centred; page numbers “— 1 —” at the foot (§7.5).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { DEFAULT_DOCX_FONTS, fontTableXml, type DocxFonts } from './fonts.ts';
import { displayDate } from './format.ts';
import { cellOf, cellRuns, noticeTable, runsOf, type Align, type Block, type DocModel, type Run, type TableBlock } from './model.ts';
import { columnWidths, headerRowCount, resolveGrid } from './table-grid.ts';

export interface DocxOptions {
  fonts?: Partial<DocxFonts>;
}

const MM = 56.6929; // twips per millimetre
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
};

/** Half-points, the unit of run sizes in OOXML. */
const hp = (pt: number): number => Math.round(pt * 2);

function fontSet(eastAsia: string, latin: string) {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin };
}

class DocxBuilder {
  readonly fonts: DocxFonts;
  private readonly size: number;

  constructor(
    private readonly model: DocModel,
    options: DocxOptions,
  ) {
    this.fonts = { ...DEFAULT_DOCX_FONTS, ...options.fonts };
    this.size = model.fontSize ?? 16;
  }

  /** Fixed line height of 1.75 × the type size (28 pt for 三号), in twips. */
  private line(size = this.size): { line: number; lineRule: typeof LineRuleType.EXACT } {
    return { line: Math.round(size * 1.75 * 20), lineRule: LineRuleType.EXACT };
  }

  private runs(runs: Run[], base: IRunOptions): TextRun[] {
    return runs.flatMap((r) =>
      // A `\n` inside a run is a line break in the same paragraph.
      r.text.split('\n').map(
        (text, i) =>
          new TextRun({ ...base, text, break: i > 0 ? 1 : undefined, bold: r.bold ?? base.bold, underline: r.underline ? {} : undefined }),
      ),
    );
  }

  private head(): Paragraph[] {
    const out: Paragraph[] = [];
    const titleFont = fontSet(this.fonts.title, this.fonts.latin);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240, ...this.line(22) },
        children: this.runs([{ text: this.model.title }], { font: titleFont, size: hp(22) }),
      }),
    );
    if (this.model.subtitle) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 120, ...this.line() },
          children: this.runs([{ text: this.model.subtitle }], { font: fontSet(this.fonts.heading2, this.fonts.latin), size: hp(this.size) }),
        }),
      );
    }
    if (this.model.number) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240, ...this.line() },
          children: this.runs([{ text: this.model.number }], { font: fontSet(this.fonts.body, this.fonts.latin), size: hp(this.size) }),
        }),
      );
    }
    return out;
  }

  private block(b: Block): (Paragraph | Table)[] {
    const bodyFont = fontSet(this.fonts.body, this.fonts.latin);
    switch (b.type) {
      case 'heading': {
        const level = b.level ?? 1;
        const face = level === 1 ? this.fonts.heading1 : level === 2 ? this.fonts.heading2 : this.fonts.body;
        return [
          new Paragraph({
            alignment: ALIGN[b.align ?? 'left'],
            keepNext: true,
            indent: b.align && b.align !== 'left' ? undefined : { firstLineChars: 200, firstLine: this.size * 2 * 20 },
            spacing: this.line(),
            children: this.runs([{ text: b.text }], { font: fontSet(face, this.fonts.latin), size: hp(this.size), bold: level === 3 }),
          }),
        ];
      }
      case 'paragraph':
        return [
          new Paragraph({
            alignment: ALIGN[b.align ?? 'justify'],
            keepNext: b.keepWithNext,
            // firstLineChars is what Word's “首行缩进 2 字符” writes; firstLine is the same in twips for other readers.
            indent: b.indent ? { firstLineChars: 200, firstLine: this.size * 2 * 20 } : undefined,
            spacing: this.line(),
            children: this.runs(runsOf(b.runs), { font: bodyFont, size: hp(this.size) }),
          }),
        ];
      case 'signature': {
        // GB/T 9704 §7.3.5.1: the date sits about four characters in from the right margin, the organ's
        // name centred over it; we right-align both with a right indent, which reads the same.
        const rightIndent = this.size * 2 * 20;
        const lines: string[] = [];
        if (b.seal) lines.push(b.seal);
        lines.push(b.organ, displayDate(b.date));
        return [
          new Paragraph({ spacing: this.line(), children: [] }),
          ...lines.map(
            (text, i) =>
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                indent: { right: rightIndent },
                keepNext: i < lines.length - 1,
                keepLines: true,
                spacing: this.line(),
                children: this.runs([{ text }], { font: bodyFont, size: hp(this.size) }),
              }),
          ),
        ];
      }
      case 'table':
        return [this.table(b), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'notice':
        return [this.table(noticeTable(b), { frame: true }), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  }

  private table(t: TableBlock, o: { frame?: boolean } = {}): Table {
    const grid = resolveGrid(t);
    const widths = columnWidths(t, grid.columnCount, CONTENT_WIDTH).map((w) => Math.floor(w));
    const header = headerRowCount(t, grid);
    const size = t.fontSize ?? 10.5;
    const font = fontSet(this.fonts.table, this.fonts.latin);
    // Rows to keep on one page: every paragraph of each but the group's last row keeps with the next.
    const keepNext = new Set<number>();
    for (const [a, b] of t.keepTogether ?? []) for (let r = a; r < b; r++) keepNext.add(r);
    const rows = t.rows.map((row, r) => {
      // resolveGrid places a row's cells in the order they are listed.
      const placed = grid.cells.filter((c) => c.row === r);
      const cells = row.map((raw, i) => {
        const cell = cellOf(raw);
        const at = placed[i];
        const width = widths.slice(at.col, at.col + at.colSpan).reduce((a, b) => a + b, 0);
        const bold = cell.bold ?? r < header;
        const paragraphs = cellRuns(cell)
          .map((run) => run.text.split('\n').map((text) => ({ ...run, text })))
          .reduce<Run[][]>((acc, parts) => {
            // Each `\n` starts a new paragraph in the cell.
            parts.forEach((part, j) => {
              if (j === 0 && acc.length) acc[acc.length - 1].push(part);
              else acc.push([part]);
            });
            return acc;
          }, []);
        return new DocxTableCell({
          columnSpan: at.colSpan > 1 ? at.colSpan : undefined,
          rowSpan: at.rowSpan > 1 ? at.rowSpan : undefined,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { top: 40, bottom: 40, left: 80, right: 80 },
          children: (paragraphs.length ? paragraphs : [[{ text: '' }]]).map(
            (runs) =>
              new Paragraph({
                alignment: ALIGN[cell.align ?? t.align ?? 'center'],
                keepNext: keepNext.has(r) || undefined,
                spacing: { line: Math.round(size * 1.3 * 20), lineRule: LineRuleType.AT_LEAST },
                children: runs.map(
                  (run) => new TextRun({ text: run.text, font, size: hp(size), bold: run.bold ?? bold, underline: run.underline ? {} : undefined }),
                ),
              }),
          ),
        });
      });
      return new TableRow({ children: cells, tableHeader: r < header ? true : undefined, cantSplit: true });
    });
    // A notice is a framed box: a heavier outer border, light rules between its items.
    const frame = o.frame
      ? {
          borders: {
            top: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
            bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
            left: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
            right: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
            insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
            insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
          },
        }
      : {};
    return new Table({
      rows,
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      ...frame,
    });
  }

  private footer(): Footer | undefined {
    const f = this.model.footer;
    if (!f || (!f.text && !f.pageNumbers)) return undefined;
    const font = fontSet(this.fonts.table, this.fonts.latin);
    const children: Paragraph[] = [];
    if (f.text) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: f.text, font, size: hp(9) })] }));
    if (f.pageNumbers) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ font, size: hp(14), children: ['— ', PageNumber.CURRENT, ' —'] })],
        }),
      );
    }
    return new Footer({ children });
  }

  build(): Document {
    const footer = this.footer();
    return new Document({
      title: this.model.title.replace(/\n/g, ''),
      creator: this.model.meta?.author ?? 'gongkai',
      subject: this.model.meta?.subject,
      keywords: this.model.meta?.keywords?.join(', '),
      styles: {
        default: {
          document: {
            run: { font: fontSet(this.fonts.body, this.fonts.latin), size: hp(this.size), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          },
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: PAGE.width, height: PAGE.height },
              margin: { ...MARGIN, header: 851, footer: Math.round(20 * MM) },
            },
          },
          footers: footer ? { default: footer } : undefined,
          children: [...this.head(), ...this.model.blocks.flatMap((b) => this.block(b))],
        },
      ],
    });
  }
}

/**
 * Renders the model to a .docx file's bytes. word/fontTable.xml (which `docx` leaves empty) declares
 * every face the file names, with its Chinese character set and alternative names (fonts.ts).
 */
export async function renderDocx(model: DocModel, options: DocxOptions = {}): Promise<Buffer> {
  const builder = new DocxBuilder(model, options);
  const doc = builder.build();
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(Object.values(builder.fonts)) }]);
}
