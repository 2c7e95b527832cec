/**
 * Pure rules of the 权责清单 (lists of powers and responsibilities) — work point 2 of the 2020 plan
 * (推进权责清单公开：各单位按行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、
 * 行政奖励、行政裁决和其他类别公开权责事项, with its 依据、实施主体、责任事项、追责情形 and a 流程图), and
 * 条例 第二十条第一项、第五项、第六项 (机关职能; 行政许可和其他对外管理服务事项; 行政处罚、行政强制的
 * 依据、条件、程序). The list is kept per unit and per year (中办发〔2015〕21号《关于推行地方各级政府
 * 工作部门权力清单制度的指导意见》: 清单实行动态管理, 调整后及时公布), so each year is a version and the
 * public sees what changed between two years.
 */
import type { Msg } from '../../../core/render/i18n.ts';

/** The ten types of power, in the plan's order (the 其他 type last). */
export const TYPES = ['licensing', 'penalty', 'coercion', 'levy', 'payment', 'inspection', 'confirmation', 'reward', 'adjudication', 'other'] as const;
export type PowerType = (typeof TYPES)[number];
export const TYPE_NAMES: Record<PowerType, Msg> = {
  licensing: { zh: '行政许可', en: 'Licensing' },
  penalty: { zh: '行政处罚', en: 'Penalties' },
  coercion: { zh: '行政强制', en: 'Enforcement' },
  levy: { zh: '行政征收', en: 'Levies' },
  payment: { zh: '行政给付', en: 'Benefits' },
  inspection: { zh: '行政检查', en: 'Inspections' },
  confirmation: { zh: '行政确认', en: 'Certification' },
  reward: { zh: '行政奖励', en: 'Awards' },
  adjudication: { zh: '行政裁决', en: 'Adjudication' },
  other: { zh: '其他', en: 'Other' },
};
/**
 * The type from its Chinese name (spreadsheets) or its key. Some localities name the sixth type
 * 行政监督 and the tenth 其他行政权力 (shared/domain/reference.md §6.1); both are read as such.
 */
export function typeOf(s: string): PowerType | null {
  const v = s.trim() === '行政监督' ? 'inspection' : s.trim();
  if ((TYPES as readonly string[]).includes(v)) return v as PowerType;
  const hit = TYPES.find((k) => TYPE_NAMES[k].zh === v || (TYPE_NAMES[k].zh === '其他' && v === '其他行政权力'));
  return hit ?? null;
}

/** Fields of an item, in the order of the spreadsheet columns. */
export const FIELDS = ['type', 'code', 'name', 'basis', 'subject', 'duties', 'accountability'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_NAMES: Record<Field, Msg> = {
  type: { zh: '权力类型', en: 'Type' },
  code: { zh: '编码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  basis: { zh: '依据', en: 'Legal basis' },
  subject: { zh: '实施主体', en: 'Exercised by' },
  duties: { zh: '责任事项', en: 'Responsibilities' },
  accountability: { zh: '追责情形', en: 'Grounds for accountability' },
};
const MAX: Record<Exclude<Field, 'type'>, number> = { code: 40, name: 120, basis: 3000, subject: 120, duties: 3000, accountability: 3000 };

export interface ItemInput { type: PowerType; code: string; name: string; basis: string; subject: string; duties: string; accountability: string }
type Errors = Partial<Record<Field, Msg>>;

const text = (raw: unknown) => (typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw)).replace(/\r\n?/g, '\n').trim();

/**
 * Validates an item. 名称, 编码, 依据 and 实施主体 are required: a power without its legal basis is
 * not a power (中办发〔2015〕21号: 权力清单 lists each power with 法律依据; 法无授权不可为), and the
 * code is how a power is followed from one year's list to the next.
 */
export function validateItem(raw: Record<string, unknown>): { value: ItemInput; errors: Errors } {
  const errors: Errors = {};
  const t = typeOf(text(raw.type));
  const value: ItemInput = { type: t ?? 'other', code: text(raw.code), name: text(raw.name), basis: text(raw.basis), subject: text(raw.subject), duties: text(raw.duties), accountability: text(raw.accountability) };
  if (!t) errors.type = { zh: `请选择权力类型（${TYPES.map((k) => TYPE_NAMES[k].zh).join('、')}）`, en: 'Choose one of the ten types of power' };
  for (const k of ['code', 'name', 'basis', 'subject'] as const) if (!value[k]) errors[k] = { zh: `请填写${FIELD_NAMES[k].zh}`, en: `${FIELD_NAMES[k].en} is required` };
  for (const k of Object.keys(MAX) as (keyof typeof MAX)[]) if (value[k].length > MAX[k]) errors[k] = { zh: `${FIELD_NAMES[k].zh}不能超过 ${MAX[k]} 字`, en: `${FIELD_NAMES[k].en}: at most ${MAX[k]} characters` };
  if (value.code && !errors.code && !/^[0-9A-Za-z\-_.]+$/.test(value.code)) errors.code = { zh: '编码只能包含字母、数字和 - _ .', en: 'The code may hold letters, digits and - _ . only' };
  return { value, errors };
}

/** Years a list may be kept for: the plan starts the lists in 2015; next year's may be drafted now. */
export function yearError(year: number, thisYear: number): Msg | null {
  if (!Number.isInteger(year) || year < 2015 || year > thisYear + 1) return { zh: `年度须在 2015 至 ${thisYear + 1} 之间`, en: `The year must be between 2015 and ${thisYear + 1}` };
  return null;
}

/** The workflow of a year's list: an editor drafts and submits; a reviewer or admin publishes or returns it. */
export const STATUSES = ['draft', 'submitted', 'published'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, Msg> = { draft: { zh: '草稿', en: 'draft' }, submitted: { zh: '待审核', en: 'submitted' }, published: { zh: '已发布', en: 'published' } };
export const TRANSITIONS: Record<string, { from: Status[]; to: Status; action: string }> = {
  submit: { from: ['draft'], to: 'submitted', action: 'power.edit' },
  publish: { from: ['draft', 'submitted'], to: 'published', action: 'power.publish' },
  return: { from: ['submitted', 'published'], to: 'draft', action: 'power.publish' },
};

/** Who may do what (roles on the list's unit or above). */
export const RULES = {
  'power.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'power.edit': ['system_admin', 'unit_admin', 'editor'],
  'power.publish': ['system_admin', 'unit_admin', 'reviewer'],
} as const;

// ── the yearly diff ────────────────────────────────────────────────────────────────────────────
export type DiffItem = Omit<ItemInput, 'type'> & { type: string; id?: number };
export interface Change<T extends DiffItem = DiffItem> { before: T; after: T; fields: Exclude<Field, 'code'>[] }
export interface ListDiff<T extends DiffItem = DiffItem> { added: T[]; removed: T[]; changed: Change<T>[]; unchanged: number }

/** Items are matched by their 编码 (the code stays when a power is amended); a new code is added + removed. */
export function diffLists<T extends DiffItem>(before: T[], after: T[]): ListDiff<T> {
  const old = new Map(before.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const out: ListDiff<T> = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const a of after) {
    seen.add(a.code);
    const b = old.get(a.code);
    if (!b) { out.added.push(a); continue; }
    const fields = FIELDS.filter((f): f is Exclude<Field, 'code'> => f !== 'code' && b[f] !== a[f]);
    if (fields.length) out.changed.push({ before: b, after: a, fields });
    else out.unchanged++;
  }
  for (const b of before) if (!seen.has(b.code)) out.removed.push(b);
  return out;
}

// ── spreadsheets ───────────────────────────────────────────────────────────────────────────────
/** The header row of the import/export spreadsheet (the same words as the forms). */
export const SHEET_HEADER = FIELDS.map((f) => FIELD_NAMES[f].zh);
export interface RowError { row: number; column: string; message: Msg }
const colLetter = (i: number) => String.fromCharCode(65 + i);

/**
 * Reads the rows of a sheet (first row: the header, columns in any order, matched by name) into
 * items, with each problem named by its row (as the spreadsheet numbers it) and its column (letter
 * and name). Duplicate codes within the sheet are errors too. Nothing is kept when any row fails.
 */
export function parseSheet(rows: unknown[][]): { items: ItemInput[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const header = (rows[0] ?? []).map((h) => text(h));
  const col = new Map<Field, number>();
  for (const f of FIELDS) {
    const i = header.indexOf(FIELD_NAMES[f].zh);
    if (i < 0) errors.push({ row: 1, column: FIELD_NAMES[f].zh, message: { zh: `表头缺少"${FIELD_NAMES[f].zh}"列`, en: `The header lacks the column "${FIELD_NAMES[f].zh}" (${FIELD_NAMES[f].en})` } });
    else col.set(f, i);
  }
  if (errors.length) return { items: [], errors };
  const items: ItemInput[] = [];
  const codes = new Map<string, number>();
  rows.slice(1).forEach((r, k) => {
    const row = k + 2;
    if (!r || r.every((v) => !text(v))) return;
    const raw = Object.fromEntries(FIELDS.map((f) => [f, r[col.get(f)!]]));
    const { value, errors: e } = validateItem(raw);
    for (const f of FIELDS) if (e[f]) errors.push({ row, column: `${colLetter(col.get(f)!)}（${FIELD_NAMES[f].zh}）`, message: e[f]! });
    if (value.code && codes.has(value.code)) errors.push({ row, column: `${colLetter(col.get('code')!)}（编码）`, message: { zh: `编码与第 ${codes.get(value.code)} 行重复`, en: `The code repeats row ${codes.get(value.code)}` } });
    else if (value.code) codes.set(value.code, row);
    items.push(value);
  });
  if (!items.length && !errors.length) errors.push({ row: 2, column: 'A', message: { zh: '表格中没有事项', en: 'The sheet holds no items' } });
  if (items.length > 2000) errors.push({ row: 2002, column: 'A', message: { zh: '一次最多导入 2000 项', en: 'At most 2,000 items at a time' } });
  return { items, errors };
}

/** Rows of the export sheet: the header, then one row per item (the type by its Chinese name). */
export function sheetRows(items: ItemInput[]): string[][] {
  return [SHEET_HEADER, ...items.map((i) => FIELDS.map((f) => (f === 'type' ? TYPE_NAMES[i.type].zh : i[f])))];
}
