/**
 * The two official annual-report formats as data (条例 第五十条: "国务院政府信息公开工作主管部门应当公布
 * 政府信息公开工作年度报告统一格式"). Parts 二, 三 and 四 are fixed tables whose rows and columns may not
 * be changed, so every cell gets a stable machine code; the labels are the official ones.
 *
 * - '2021': 国办公开办函〔2021〕30号, reports on 2021 onwards. Codes as in annual-report.md.
 * - '2019': 国办公开办函〔2019〕60号《政府信息公开工作年度报告格式（试行）》, reports on 2019 and 2020.
 *   Codes for the cells that exist only in this format are OUR choice (also listed in README.md):
 *     table 2, rows `regulations` / `normative` (规范性文件):
 *       `issued` 本年新制作数量 · `published` 本年新公开数量 · `published_total` 对外公开总数量
 *     table 2, rows `licensing` / `other_services` (其他对外管理服务事项) / `penalty` / `coercion`:
 *       `items_prev_year` 上一年项目数量 · `items_change` 本年增/减 (signed) · `decisions` 处理决定数量
 *     table 2, row `fees`: `items_prev_year` · `items_change`
 *     table 2, row `procurement` (政府集中采购, 第二十条第（九）项):
 *       `projects` 采购项目数量 · `amount_wan_yuan` 采购总金额 (we record it in 万元, as a decimal)
 *     table 3: the single row `3.3.6` （六）其他处理 replaces 3.3.6.1–3.3.6.3.
 *   Table 4 is the same in both formats.
 */
import type { FormatId } from './types.ts';

/** count = non-negative integer; signed = integer that may be negative (本年增/减); decimal = 万元 string. */
export type CellKind = 'count' | 'signed' | 'decimal';
/** computed = from platform data (drillable); manual = entered or imported by the unit, with a source note. */
export type CellOrigin = 'computed' | 'manual';

/** A node of a header tree: a leaf has `key` (the cell or row code); a group has children. */
export interface HeaderNode {
  label: string;
  key?: string;
  children?: HeaderNode[];
}

export interface Table2Column {
  code: string;
  label: string;
  kind: CellKind;
  origin: CellOrigin;
}

/** One 条例 item of table 2: its own header row of columns and its rows. */
export interface Table2Block {
  article: string;
  columns: Table2Column[];
  rows: { code: string; label: string }[];
}

export interface ReportFormat {
  id: FormatId;
  /** The notice that set the format. */
  document: string;
  name: string;
  parts: { numeral: string; title: string }[];
  table2: { caption: string; gridColumns: number; blocks: Table2Block[] };
  table3: { caption: string; corner: string; columns: HeaderNode[]; rows: HeaderNode[]; rowHeaderDepth: number };
  table4: { caption: string; columns: HeaderNode[] };
}

const PARTS = [
  { numeral: '一', title: '总体情况' },
  { numeral: '二', title: '主动公开政府信息情况' },
  { numeral: '三', title: '收到和处理政府信息公开申请情况' },
  { numeral: '四', title: '政府信息公开行政复议、行政诉讼情况' },
  { numeral: '五', title: '存在的主要问题及改进情况' },
  { numeral: '六', title: '其他需要报告的事项' },
];

// ---- table 2 -------------------------------------------------------------------------------------

const count = (code: string, label: string, origin: CellOrigin): Table2Column => ({ code, label, kind: 'count', origin });

const T2_2021: Table2Block[] = [
  {
    article: '第二十条第（一）项',
    columns: [count('issued', '本年制发件数', 'computed'), count('repealed', '本年废止件数', 'computed'), count('in_force', '现行有效件数', 'computed')],
    rows: [
      { code: 'regulations', label: '规章' },
      { code: 'normative', label: '行政规范性文件' },
    ],
  },
  { article: '第二十条第（五）项', columns: [count('decisions', '本年处理决定数量', 'manual')], rows: [{ code: 'licensing', label: '行政许可' }] },
  {
    article: '第二十条第（六）项',
    columns: [count('decisions', '本年处理决定数量', 'manual')],
    rows: [
      { code: 'penalty', label: '行政处罚' },
      { code: 'coercion', label: '行政强制' },
    ],
  },
  {
    article: '第二十条第（八）项',
    columns: [{ code: 'amount_wan_yuan', label: '本年收费金额（单位：万元）', kind: 'decimal', origin: 'manual' }],
    rows: [{ code: 'fees', label: '行政事业性收费' }],
  },
];

const ITEM_COLUMNS: Table2Column[] = [
  count('items_prev_year', '上一年项目数量', 'manual'),
  { code: 'items_change', label: '本年增/减', kind: 'signed', origin: 'manual' },
  count('decisions', '处理决定数量', 'manual'),
];

const T2_2019: Table2Block[] = [
  {
    article: '第二十条第（一）项',
    columns: [count('issued', '本年新制作数量', 'computed'), count('published', '本年新公开数量', 'computed'), count('published_total', '对外公开总数量', 'computed')],
    rows: [
      { code: 'regulations', label: '规章' },
      { code: 'normative', label: '规范性文件' },
    ],
  },
  {
    article: '第二十条第（五）项',
    columns: ITEM_COLUMNS,
    rows: [
      { code: 'licensing', label: '行政许可' },
      { code: 'other_services', label: '其他对外管理服务事项' },
    ],
  },
  {
    article: '第二十条第（六）项',
    columns: ITEM_COLUMNS,
    rows: [
      { code: 'penalty', label: '行政处罚' },
      { code: 'coercion', label: '行政强制' },
    ],
  },
  { article: '第二十条第（八）项', columns: ITEM_COLUMNS.slice(0, 2), rows: [{ code: 'fees', label: '行政事业性收费' }] },
  {
    article: '第二十条第（九）项',
    columns: [count('projects', '采购项目数量', 'manual'), { code: 'amount_wan_yuan', label: '采购总金额', kind: 'decimal', origin: 'manual' }],
    rows: [{ code: 'procurement', label: '政府集中采购' }],
  },
];

// ---- table 3 -------------------------------------------------------------------------------------

const T3_COLUMNS: HeaderNode[] = [
  {
    label: '申请人情况',
    children: [
      { label: '自然人', key: 'natural' },
      {
        label: '法人或其他组织',
        children: [
          { label: '商业企业', key: 'commercial' },
          { label: '科研机构', key: 'research' },
          { label: '社会公益组织', key: 'public_interest' },
          { label: '法律服务机构', key: 'legal_services' },
          { label: '其他', key: 'other_org' },
        ],
      },
      { label: '总计', key: 'total' },
    ],
  },
];

/** Result rows common to both formats, up to （五）不予处理. */
const T3_RESULTS_COMMON: HeaderNode[] = [
  { label: '（一）予以公开', key: '3.3.1' },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', key: '3.3.2' },
  {
    label: '（三）不予公开',
    children: [
      { label: '1.属于国家秘密', key: '3.3.3.1' },
      { label: '2.其他法律行政法规禁止公开', key: '3.3.3.2' },
      { label: '3.危及“三安全一稳定”', key: '3.3.3.3' },
      { label: '4.保护第三方合法权益', key: '3.3.3.4' },
      { label: '5.属于三类内部事务信息', key: '3.3.3.5' },
      { label: '6.属于四类过程性信息', key: '3.3.3.6' },
      { label: '7.属于行政执法案卷', key: '3.3.3.7' },
      { label: '8.属于行政查询事项', key: '3.3.3.8' },
    ],
  },
  {
    label: '（四）无法提供',
    children: [
      { label: '1.本机关不掌握相关政府信息', key: '3.3.4.1' },
      { label: '2.没有现成信息需要另行制作', key: '3.3.4.2' },
      { label: '3.补正后申请内容仍不明确', key: '3.3.4.3' },
    ],
  },
  {
    label: '（五）不予处理',
    children: [
      { label: '1.信访举报投诉类申请', key: '3.3.5.1' },
      { label: '2.重复申请', key: '3.3.5.2' },
      { label: '3.要求提供公开出版物', key: '3.3.5.3' },
      { label: '4.无正当理由大量反复申请', key: '3.3.5.4' },
      { label: '5.要求行政机关确认或重新出具已获取信息', key: '3.3.5.5' },
    ],
  },
];

const T3_OTHER_2021: HeaderNode = {
  label: '（六）其他处理',
  children: [
    { label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', key: '3.3.6.1' },
    { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', key: '3.3.6.2' },
    { label: '3.其他', key: '3.3.6.3' },
  ],
};
const T3_OTHER_2019: HeaderNode = { label: '（六）其他处理', key: '3.3.6' };

function t3Rows(other: HeaderNode): HeaderNode[] {
  return [
    { label: '一、本年新收政府信息公开申请数量', key: '3.1' },
    { label: '二、上年结转政府信息公开申请数量', key: '3.2' },
    { label: '三、本年度办理结果', children: [...T3_RESULTS_COMMON, other, { label: '（七）总计', key: '3.3.7' }] },
    { label: '四、结转下年度继续办理', key: '3.4' },
  ];
}

// ---- table 4 -------------------------------------------------------------------------------------

function outcomes(group: string): HeaderNode[] {
  return [
    { label: '结果维持', key: `${group}.upheld` },
    { label: '结果纠正', key: `${group}.corrected` },
    { label: '其他结果', key: `${group}.other` },
    { label: '尚未审结', key: `${group}.pending` },
    { label: '总计', key: `${group}.total` },
  ];
}

const T4_COLUMNS: HeaderNode[] = [
  { label: '行政复议', children: outcomes('review') },
  {
    label: '行政诉讼',
    children: [
      { label: '未经复议直接起诉', children: outcomes('litigation_direct') },
      { label: '复议后起诉', children: outcomes('litigation_after_review') },
    ],
  },
];

// ---- the formats ---------------------------------------------------------------------------------

const CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function build(id: FormatId, document: string, name: string, t2: Table2Block[], other: HeaderNode): ReportFormat {
  return {
    id,
    document,
    name,
    parts: PARTS,
    table2: { caption: PARTS[1].title, gridColumns: 4, blocks: t2 },
    table3: { caption: PARTS[2].title, corner: CORNER, columns: T3_COLUMNS, rows: t3Rows(other), rowHeaderDepth: 3 },
    table4: { caption: PARTS[3].title, columns: T4_COLUMNS },
  };
}

export const FORMATS: Record<FormatId, ReportFormat> = {
  '2019': build('2019', '国办公开办函〔2019〕60号', '政府信息公开工作年度报告格式（试行）', T2_2019, T3_OTHER_2019),
  '2021': build('2021', '国办公开办函〔2021〕30号', '政府信息公开工作年度报告格式', T2_2021, T3_OTHER_2021),
};

/** The first year any report is required under the 2019 条例 (in force 2019-05-15). */
export const FIRST_REPORT_YEAR = 2019;

/** Reports on 2019 and 2020 use the trial format; 2021 onwards the 2021 format. */
export function formatIdForYear(year: number): FormatId {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR) {
    throw new RangeError(`no annual-report format for year ${year} (first is ${FIRST_REPORT_YEAR})`);
  }
  return year <= 2020 ? '2019' : '2021';
}

export function formatForYear(year: number): ReportFormat {
  return FORMATS[formatIdForYear(year)];
}

// ---- derived lists -------------------------------------------------------------------------------

export function leaves(nodes: HeaderNode[]): HeaderNode[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}

/** Table 3 row codes in official order ('3.1', '3.2', '3.3.1', …, '3.3.7', '3.4'). */
// Formats are constant data: the derived lists are computed once per format (a city summary
// asks for them once per unit, hundreds of times).
const rowCodesMemo = new WeakMap<ReportFormat, string[]>();
const table2Memo = new WeakMap<ReportFormat, Table2CellDef[]>();

export function table3RowCodes(f: ReportFormat): string[] {
  let v = rowCodesMemo.get(f);
  if (!v) rowCodesMemo.set(f, (v = leaves(f.table3.rows).map((n) => n.key!)));
  return v;
}

/** The result rows (本年度办理结果) that 3.3.7 sums: every 3.3.x leaf except 3.3.7 itself. */
export function resultRowCodes(f: ReportFormat): string[] {
  return table3RowCodes(f).filter((c) => c.startsWith('3.3.') && c !== '3.3.7');
}

export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'] as const;
export const TABLE3_COLUMNS = [...APPLICANT_COLUMNS, 'total'] as const;
export const TABLE4_GROUPS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const TABLE4_OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;
export const TABLE4_CELLS = [...TABLE4_OUTCOMES, 'total'] as const;

export interface Table2CellDef extends Table2Column {
  row: string;
  rowLabel: string;
  /** 'table2.<row>.<cell>' */
  path: string;
}

export function table2Cells(f: ReportFormat): Table2CellDef[] {
  let v = table2Memo.get(f);
  if (!v) {
    v = f.table2.blocks.flatMap((b) =>
      b.rows.flatMap((r) => b.columns.map((c) => ({ ...c, row: r.code, rowLabel: r.label, path: `table2.${r.code}.${c.code}` }))),
    );
    table2Memo.set(f, v);
  }
  return v;
}

export function manualCells(f: ReportFormat): Table2CellDef[] {
  return table2Cells(f).filter((c) => c.origin === 'manual');
}

/** A readable Chinese name for a cell path, for messages ("表三 （一）予以公开 · 自然人"). */
export function cellLabel(f: ReportFormat, path: string): string {
  const [table, ...rest] = path.split('.');
  if (table === 'table2') {
    const c = table2Cells(f).find((d) => d.path === path);
    return c ? `表二 ${c.rowLabel} · ${c.label}` : path;
  }
  if (table === 'table3') {
    const col = rest[rest.length - 1];
    const row = rest.slice(0, -1).join('.');
    const rowNode = leaves(f.table3.rows).find((n) => n.key === row);
    const colNode = leaves(f.table3.columns).find((n) => n.key === col);
    return `表三 ${rowNode?.label ?? row} · ${colNode?.label ?? col}`;
  }
  if (table === 'table4') {
    const group = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' }[rest[0]];
    const cell = leaves(f.table4.columns).find((n) => n.key === rest.join('.'));
    return `表四 ${group ?? rest[0]} · ${cell?.label ?? rest[1]}`;
  }
  return path;
}
