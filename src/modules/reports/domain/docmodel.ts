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

export interface DocModelOptions {
  /** The unit's (or government's) name for the title, e.g. 朝阳市教育局. */
  unitName: string;
  /** Text of parts 一, 五, 六; without it those parts get an empty placeholder paragraph. */
  narrative?: Narrative;
  /** The publication date line under the title, as given (e.g. 2025年1月20日). */
  subtitle?: string;
}

export function reportTitle(unitName: string, year: number): string {
  return `${unitName}${year}年政府信息公开工作年度报告`;
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
  return {
    type: 'table',
    rows: [...g.head, ...g.bodies.flat()].map((r) => r.map(cell)),
    widths: g.widths,
    headerRows: g.head.length,
    fontSize: g.id === 'table4' ? 9 : 10.5,
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

  const blocks: Block[] = [
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
    title: reportTitle(opts.unitName, report.year),
    ...(opts.subtitle ? { subtitle: opts.subtitle } : {}),
    blocks,
    footer: { pageNumbers: true },
    meta: { author: opts.unitName, subject: `${report.year}年政府信息公开工作年度报告（${f.document}格式）`, keywords: ['政府信息公开', '年度报告'] },
  };
}
