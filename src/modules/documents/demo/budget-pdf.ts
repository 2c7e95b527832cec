/** Demo only: a 部门预算/决算 公开表 as a PDF of the body's own table (core/docs renderPdf, embedded CJK font). */
import { renderPdf, type Block } from '../../../core/docs/index.ts';

export interface BudgetPdfOptions {
  /** the organ that publishes it and the date (printed at the foot, 2020年3月5日) */
  organ?: string;
  date?: string;
  /** a line under the table (the demo mark) */
  note?: string;
}

/** A one-table PDF: the title, “单位：万元”, the rows (项目, 金额), the organ and date. */
export function budgetPdf(title: string, rows: [string, string][], o: BudgetPdfOptions = {}): Promise<Buffer> {
  const blocks: Block[] = [
    { type: 'paragraph', runs: '单位：万元', align: 'right' },
    { type: 'table', headerRows: 1, widths: [3, 2], rows: [['项目', '金额（万元）'], ...rows.map(([k, v]): [string, { text: string; align: 'right' }] => [k, { text: v, align: 'right' }])] },
  ];
  if (o.note) blocks.push({ type: 'paragraph', runs: o.note, indent: true });
  if (o.organ && o.date) blocks.push({ type: 'signature', organ: o.organ, date: o.date });
  return renderPdf({ title, blocks, meta: { author: o.organ, subject: title } });
}

/** The rows of a budget body's table (项目, 金额（万元）) as the PDF's rows. */
export function budgetRows(html: string): [string, string][] {
  return [...html.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
}
