/**
 * Lays the three tables out as the official format prints them: a grid of header and data cells with
 * rowSpan/colSpan, shared by the HTML view (view.tsx) and the document model (docmodel.ts), so the web
 * page, the DOCX and the PDF have the same merged cells. Each header cell gets an id and each data cell
 * the ids of its headers, so a screen reader can announce "三、本年度办理结果 （三）不予公开 1.属于国家秘密
 * 自然人" for one number.
 */
import type { AnnualReport } from './types.ts';
import { FORMATS, leaves } from './formats.ts';
import type { HeaderNode, ReportFormat } from './formats.ts';

export interface GridCell {
  kind: 'th' | 'td';
  text: string;
  rowSpan?: number;
  colSpan?: number;
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  id?: string;
  /** ids of the header cells that describe this data cell. */
  headers?: string[];
  /** Cell path of a data cell ('table3.3.1.natural'). */
  path?: string;
  /** A data cell the platform computed (so it can drill down). */
  computed?: boolean;
}

export interface Grid {
  /** 'table2' | 'table3' | 'table4' */
  id: string;
  caption: string;
  columns: number;
  /** Relative column widths for print. */
  widths: number[];
  head: GridCell[][];
  /** Row groups (<tbody>); table 2 has one per 条例 item. */
  bodies: GridCell[][][];
}

const leafCount = (n: HeaderNode): number => (n.children ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1);
const treeDepth = (nodes: HeaderNode[]): number => Math.max(...nodes.map((n) => (n.children ? 1 + treeDepth(n.children) : 1)));

/** Header rows for a column tree; leaves span down to the last header row. */
function columnHeader(nodes: HeaderNode[], prefix: string): { rows: GridCell[][]; leafHeaders: Map<string, string[]> } {
  const depth = treeDepth(nodes);
  const rows: GridCell[][] = Array.from({ length: depth }, () => []);
  const leafHeaders = new Map<string, string[]>();
  let n = 0;
  const walk = (list: HeaderNode[], level: number, anc: string[]) => {
    for (const node of list) {
      const id = `${prefix}-c${++n}`;
      rows[level].push({
        kind: 'th', text: node.label, id,
        scope: node.children ? 'colgroup' : 'col',
        colSpan: leafCount(node), rowSpan: node.children ? 1 : depth - level,
      });
      if (node.children) walk(node.children, level + 1, [...anc, id]);
      else leafHeaders.set(node.key!, [...anc, id]);
    }
  };
  walk(nodes, 0, []);
  return { rows, leafHeaders };
}

/** Row-header cells per leaf row; a group's cell starts in its first leaf row and spans its leaves. */
function rowHeader(nodes: HeaderNode[], depth: number, prefix: string): { key: string; cells: GridCell[]; headerIds: string[] }[] {
  const out: { key: string; cells: GridCell[]; headerIds: string[] }[] = [];
  let n = 0;
  const walk = (list: HeaderNode[], level: number, anc: string[]) => {
    for (const node of list) {
      const id = `${prefix}-r${++n}`;
      if (node.children) {
        const first = out.length;
        walk(node.children, level + 1, [...anc, id]);
        out[first].cells.unshift({ kind: 'th', text: node.label, id, scope: 'rowgroup', rowSpan: leafCount(node), colSpan: 1 });
      } else {
        out.push({ key: node.key!, cells: [{ kind: 'th', text: node.label, id, scope: 'row', rowSpan: 1, colSpan: depth - level }], headerIds: [...anc, id] });
      }
    }
  };
  walk(nodes, 0, []);
  return out;
}

const show = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function table2Grid(report: AnnualReport, f: ReportFormat = FORMATS[report.format]): Grid {
  const cols = f.table2.gridColumns;
  const bodies = f.table2.blocks.map((b, bi) => {
    const art = `t2-b${bi}`;
    const info = `${art}-info`;
    const rows: GridCell[][] = [
      [{ kind: 'th', text: b.article, id: art, scope: 'colgroup', colSpan: cols }],
      [
        { kind: 'th', text: '信息内容', id: info, scope: 'col' },
        ...b.columns.map((c, i): GridCell => ({ kind: 'th', text: c.label, id: `${art}-${c.code}`, scope: 'col', colSpan: i === b.columns.length - 1 ? cols - b.columns.length : 1 })),
      ],
    ];
    for (const r of b.rows) {
      const rid = `${art}-${r.code}`;
      rows.push([
        { kind: 'th', text: r.label, id: rid, scope: 'row', headers: [art, info] },
        ...b.columns.map((c, i): GridCell => ({
          kind: 'td', text: show(report.table2[r.code]?.[c.code]), path: `table2.${r.code}.${c.code}`, computed: c.origin === 'computed',
          headers: [art, `${art}-${c.code}`, rid], colSpan: i === b.columns.length - 1 ? cols - b.columns.length : 1,
        })),
      ]);
    }
    return rows;
  });
  return { id: 'table2', caption: f.table2.caption, columns: cols, widths: [3, 2, 2, 2], head: [], bodies };
}

export function table3Grid(report: AnnualReport, f: ReportFormat = FORMATS[report.format]): Grid {
  const depth = f.table3.rowHeaderDepth;
  const { rows: headRows, leafHeaders } = columnHeader(f.table3.columns, 't3');
  headRows[0].unshift({ kind: 'td', text: f.table3.corner, rowSpan: headRows.length, colSpan: depth });
  const colKeys = leaves(f.table3.columns).map((n) => n.key!);
  const body = rowHeader(f.table3.rows, depth, 't3').map(({ key, cells, headerIds }) => [
    ...cells,
    ...colKeys.map((c): GridCell => ({
      kind: 'td', text: show(report.table3[key]?.[c as 'natural']), path: `table3.${key}.${c}`, computed: true,
      headers: [...headerIds, ...(leafHeaders.get(c) ?? [])],
    })),
  ]);
  return { id: 'table3', caption: f.table3.caption, columns: depth + colKeys.length, widths: [1.3, 1.8, 4.6, ...colKeys.map(() => 1.1)], head: headRows, bodies: [body] };
}

export function table4Grid(report: AnnualReport, f: ReportFormat = FORMATS[report.format]): Grid {
  const { rows: headRows, leafHeaders } = columnHeader(f.table4.columns, 't4');
  const keys = leaves(f.table4.columns).map((n) => n.key!);
  const row = keys.map((k): GridCell => {
    const [g, c] = k.split('.') as ['review', 'upheld'];
    return { kind: 'td', text: show(report.table4[g]?.[c]), path: `table4.${k}`, computed: true, headers: leafHeaders.get(k) };
  });
  return { id: 'table4', caption: f.table4.caption, columns: keys.length, widths: keys.map(() => 1), head: headRows, bodies: [[row]] };
}

export function reportGrids(report: AnnualReport): { table2: Grid; table3: Grid; table4: Grid } {
  const f = FORMATS[report.format];
  return { table2: table2Grid(report, f), table3: table3Grid(report, f), table4: table4Grid(report, f) };
}
