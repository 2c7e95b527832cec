/**
 * The report as a DocModel (src/core/docs/model.ts), so the DOCX and PDF renderers print it with the
 * official table layout: the same grids as the web view (layout.ts), headers repeated after a page break.
 */
import type { AnnualReport } from './types.ts';
import type { Block, DocModel, TableBlock, TableCell } from '../../../core/docs/model.ts';
import { FORMATS } from './formats.ts';
import { reportGrids } from './layout.ts';
import type { Grid } from './layout.ts';
import type { Narrative } from './narrative.ts';
import { checkLine, type ReportCheck } from './report-checks.ts';

export interface DocModelOptions {
  /** The unit's (or government's) name for the title, e.g. 朝阳市教育局. */
  unitName: string;
  /** Text of parts 一, 五, 六; without it those parts get an empty placeholder paragraph. */
  narrative?: Narrative;
  /** The publication date line under the title, as given (e.g. 2025年1月20日). */
  subtitle?: string;
  /** A draft: the box “草稿 · 未解决的问题” under the title lists these (report-checks.ts). */
  draft?: { checks: ReportCheck[] };
}

/** Title of the box a draft carries in every format. */
export const DRAFT_TITLE = '草稿 · 未解决的问题';

export function reportTitle(unitName: string, year: number): string {
  return `${unitName}${year}年政府信息公开工作年度报告`;
}

/**
 * The printed title, broken where the words allow when it does not fit one line (GB/T 9704 §7.3.3:
 * a title that runs onto a second line is broken so that each line reads as whole words):
 * “朝阳市司法局2024年 / 政府信息公开工作年度报告”. One line of 二号 type holds 20 characters.
 */
export function printedTitle(unitName: string, year: number): string {
  const one = reportTitle(unitName, year);
  return [...one].length <= 20 ? one : `${unitName}${year}年\n政府信息公开工作年度报告`;
}

function gridToTable(g: Grid): TableBlock {
  const cell = (c: Grid['head'][number][number]): TableCell => ({
    text: c.text,
    ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    ...(c.colSpan && c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
    ...(c.kind === 'th' && c.scope === 'row' ? { align: 'left' as const } : {}),
    ...(c.kind === 'th' && c.scope === 'rowgroup' ? { align: 'center' as const } : {}),
    ...(c.kind === 'th' && g.id === 'table2' ? { bold: true } : {}),
  });
  // Each row group (table 2: one per 条例 item, its heading rows with its data rows) stays on one page.
  const keepTogether: [number, number][] = [];
  let at = g.head.length;
  for (const b of g.bodies) {
    if (b.length > 1) keepTogether.push([at, at + b.length - 1]);
    at += b.length;
  }
  return {
    type: 'table',
    rows: [...g.head, ...g.bodies.flat()].map((r) => r.map(cell)),
    widths: g.widths,
    headerRows: g.head.length,
    fontSize: g.id === 'table4' ? 9 : 10.5,
    ...(g.id === 'table2' ? { keepTogether } : {}),
  };
}

export function toDocModel(report: AnnualReport, opts: DocModelOptions): DocModel {
  const f = FORMATS[report.format];
  const grids = reportGrids(report);
  const n = opts.narrative;
  const heading = (i: number): Block => ({ type: 'heading', level: 1, text: `${f.parts[i].numeral}、${f.parts[i].title}` });
  const para = (text: string): Block => ({ type: 'paragraph', runs: text, indent: true });
  const sections = (list: Narrative['part1'] | undefined): Block[] =>
    list ? list.flatMap((s) => [{ type: 'heading', level: 2, text: s.heading } as Block, ...s.paragraphs.map(para)]) : [para('')];

  const draft: Block[] = opts.draft
    ? [{ type: 'notice', title: opts.draft.checks.length ? `${DRAFT_TITLE}（${opts.draft.checks.length}项）` : DRAFT_TITLE, items: opts.draft.checks.length ? opts.draft.checks.map((c) => checkLine(c)) : ['本报告为草稿，尚未发布；数据检查均已通过。'] }]
    : [];
  const blocks: Block[] = [
    ...draft,
    ...(n ? [para(n.preface)] : []),
    heading(0),
    ...sections(n?.part1),
    heading(1),
    gridToTable(grids.table2),
    heading(2),
    gridToTable(grids.table3),
    heading(3),
    gridToTable(grids.table4),
    heading(4),
    ...sections(n?.part5),
    heading(5),
    ...(n ? n.part6.map(para) : [para('')]),
  ];
  return {
    title: printedTitle(opts.unitName, report.year),
    ...(opts.subtitle ? { subtitle: opts.subtitle } : {}),
    blocks,
    footer: { pageNumbers: true },
    meta: { author: opts.unitName, subject: `${report.year}年政府信息公开工作年度报告（${f.document}格式）`, keywords: ['政府信息公开', '年度报告'] },
  };
}
