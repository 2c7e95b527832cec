/**
 * One small document model for everything gongkai prints: reply letters (答复书、告知书), notices,
 * delivery records and the annual report (政府信息公开工作年度报告). Builders produce a DocModel; the
 * DOCX and PDF renderers and the plain-text view all read the same model, so a letter previewed in the
 * browser, downloaded as Word and archived as PDF says the same thing.
 *
 * Layout follows the habits of GB/T 9704-2012 (党政机关公文格式) where they apply to a letter: title
 * centred in a larger 小标宋-style face, 文号 under the title, body paragraphs with a two-character
 * first-line indent, the organ and the date in Arabic numerals (2024年10月15日) at the right.
 */

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A stretch of text with one formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  underline?: boolean;
}

/** A plain string is a run without formatting. */
export type Inline = string | Run;

export interface HeadingBlock {
  type: 'heading';
  text: string;
  /** 1 = 一级标题 (“一、”, 黑体), 2 = 二级 (“（一）”, 楷体), 3 = 三级 (“1.”, bold body face). Default 1. */
  level?: 1 | 2 | 3;
  align?: Align;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Inline[] | string;
  align?: Align;
  /** First-line indent of two characters, as body paragraphs of official letters use (首行缩进2字). */
  indent?: boolean;
  /** Keep this paragraph on the same page as the next block (e.g. “特此告知。” with the signature). */
  keepWithNext?: boolean;
}

/** The organ's name and the date at the bottom right of a letter. */
export interface SignatureBlock {
  type: 'signature';
  organ: string;
  /** `YYYY-MM-DD` (printed as 2024年10月15日) or text printed as given. */
  date: string;
  /** Placeholder where the seal goes, e.g. “（盖章）”. Omitted when not given. */
  seal?: string;
}

export interface TableCell {
  text?: string;
  /** Formatted content; wins over `text`. */
  runs?: Inline[];
  colSpan?: number;
  rowSpan?: number;
  align?: Align;
  bold?: boolean;
}

/**
 * A table with merged cells, HTML-style: each row lists only the cells that START in it; a slot covered
 * by a cell with rowSpan from a row above is skipped. Every row must cover the same number of columns.
 */
export interface TableBlock {
  type: 'table';
  rows: (TableCell | string)[][];
  /** Relative column widths (any unit); default equal. Length = the number of columns. */
  widths?: number[];
  /** Rows at the top that form the header: printed bold and repeated after a page break. */
  headerRows?: number;
  /** Point size of the table's text; default 10.5 (五号). */
  fontSize?: number;
  /** Alignment of cells that set none; default center. */
  align?: Align;
  /**
   * Ranges of rows [first, last] (0-based, inclusive) to keep on one page, like rows joined by a merged
   * cell — e.g. a group's own heading rows with its data rows. A range taller than a page still splits.
   */
  keepTogether?: [number, number][];
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

/**
 * A framed box with a title and numbered items — e.g. a draft's “草稿 · 未解决的问题”. Printed as a
 * one-column table (title as the header row, repeated if the box runs onto the next page).
 */
export interface NoticeBlock {
  type: 'notice';
  title: string;
  items: (Inline[] | string)[];
  /** Point size of the items; default 10.5 (五号). */
  fontSize?: number;
}

export type Block = HeadingBlock | ParagraphBlock | SignatureBlock | TableBlock | PageBreakBlock | NoticeBlock;

export interface DocFooter {
  /** A line of small text at the foot of each page. */
  text?: string;
  /** Page numbers in the official “— 1 —” form. */
  pageNumbers?: boolean;
}

export interface DocModel {
  /** Centred title; `\n` breaks it into lines. */
  title: string;
  subtitle?: string;
  /** The 文号 line, e.g. 朝政办公复〔2024〕15号. */
  number?: string;
  blocks: Block[];
  footer?: DocFooter;
  /** Body point size; default 16 (三号). */
  fontSize?: number;
  /** Document properties written into the files. */
  meta?: { author?: string; subject?: string; keywords?: string[] };
}

/** Thrown for a model that cannot be laid out (bad spans, ragged rows). */
export class DocModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocModelError';
  }
}

export function runsOf(content: Inline[] | string | undefined): Run[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return [{ text: content }];
  return content.map((r) => (typeof r === 'string' ? { text: r } : r));
}

export function cellOf(c: TableCell | string): TableCell {
  return typeof c === 'string' ? { text: c } : c;
}

export function cellRuns(c: TableCell): Run[] {
  return c.runs ? runsOf(c.runs) : runsOf(c.text ?? '');
}

export function plainText(content: Inline[] | string | undefined): string {
  return runsOf(content)
    .map((r) => r.text)
    .join('');
}

// Small builders, so that letter and report code reads as the document it makes.
export const p = (runs: Inline[] | string, opts: Omit<ParagraphBlock, 'type' | 'runs'> = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs,
  ...opts,
});
export const body = (runs: Inline[] | string, opts: Omit<ParagraphBlock, 'type' | 'runs' | 'indent'> = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs,
  indent: true,
  ...opts,
});
export const heading = (text: string, level: 1 | 2 | 3 = 1, align?: Align): HeadingBlock =>
  align ? { type: 'heading', text, level, align } : { type: 'heading', text, level };
export const pageBreak = (): PageBreakBlock => ({ type: 'pageBreak' });

/** A notice as the one-column table the renderers print: the title row, then one row per item. */
export function noticeTable(n: NoticeBlock): TableBlock {
  return {
    type: 'table',
    headerRows: 1,
    fontSize: n.fontSize ?? 10.5,
    align: 'left',
    rows: [
      [{ text: n.title, bold: true, align: 'left' }],
      ...n.items.map((item, i): TableCell[] => [{ runs: [`${i + 1}. `, ...runsOf(item)], align: 'left' }]),
    ],
  };
}
