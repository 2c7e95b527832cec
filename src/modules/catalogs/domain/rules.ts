/**
 * Pure rules of the 基层政务公开标准目录 — work point 4 of the 2020 plan (11月底前编制完成市县乡三级
 * 26个国家试点领域基层政务公开事项标准目录) and 国办发〔2019〕54号, which requires each catalog to
 * give at least 名称、内容、依据、时限、主体、方式、渠道、公开对象 (shared/domain/reference.md §3.2).
 * A catalog is kept per unit (county or township), per area and per year; each year is a version
 * with the same workflow as the 权责清单 (draft → submitted → published).
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { parseDeadline, DEADLINE_ERROR, type DeadlineKind } from './timeliness.ts';

/** The checkbox sets of a catalog row, each option with its key and its printed name. */
export const CHANNELS = {
  website: '政府网站', gazette: '政府公报', newmedia: '两微一端', press: '发布会/听证会', broadcast: '广播电视',
  print: '纸质媒体', reading: '公开查阅点', center: '政务服务中心', station: '便民服务站', onsite: '入户/现场',
  board: '社区/企事业单位/村公示栏（电子屏）', push: '精准推送', hotline: '12345政务服务热线', other: '其他',
} as const;
export const CHANNELS_EN: Record<keyof typeof CHANNELS, string> = {
  website: 'Government website', gazette: 'Gazette', newmedia: 'WeChat, Weibo, apps', press: 'Press conference / hearing', broadcast: 'Radio and TV',
  print: 'Print media', reading: 'Public reading point', center: 'Government service centre', station: 'Local service station', onsite: 'Door to door / on site',
  board: 'Community or village notice board (screen)', push: 'Targeted notification', hotline: '12345 hotline', other: 'Other',
};
export const AUDIENCES = { public: '全社会', group: '特定群体' } as const;
export const AUDIENCES_EN: Record<keyof typeof AUDIENCES, string> = { public: 'Everyone', group: 'Specific groups' };
export const MODES = { proactive: '主动', request: '依申请' } as const;
export const MODES_EN: Record<keyof typeof MODES, string> = { proactive: 'Proactive', request: 'On request' };
export const LEVELS = { county: '县级', township: '乡级' } as const;
export const LEVELS_EN: Record<keyof typeof LEVELS, string> = { county: 'County', township: 'Township' };
export const SETS = { channels: CHANNELS, audiences: AUDIENCES, modes: MODES, levels: LEVELS } as const;
export const SETS_EN = { channels: CHANNELS_EN, audiences: AUDIENCES_EN, modes: MODES_EN, levels: LEVELS_EN } as const;
export type SetField = keyof typeof SETS;
/** Spellings other catalogs use for the same option. */
const ALIASES: Record<string, string> = { 特定群众: 'group', 依申请公开: 'request', 主动公开: 'proactive', 乡镇级: 'township', 乡村级: 'township', '乡、村级': 'township', 县级以上: 'county', 公示栏: 'board', 政务服务中心窗口: 'center', '发布会': 'press', '听证会': 'press' };

export const TEXT_FIELDS = ['item1', 'item2', 'content', 'basis', 'deadline', 'subject'] as const;
export const FIELDS = ['seq', ...TEXT_FIELDS, 'trigger', 'channels', 'audiences', 'modes', 'levels'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_NAMES: Record<Field, Msg> = {
  seq: { zh: '序号', en: 'No.' },
  item1: { zh: '一级事项', en: 'Item (level 1)' },
  item2: { zh: '二级事项', en: 'Item (level 2)' },
  content: { zh: '公开内容（要素）', en: 'What is published' },
  basis: { zh: '公开依据', en: 'Legal basis' },
  deadline: { zh: '公开时限', en: 'Time limit' },
  subject: { zh: '公开主体', en: 'Published by' },
  trigger: { zh: '起算日期', en: 'Clock starts' },
  channels: { zh: '公开渠道和载体', en: 'Channels' },
  audiences: { zh: '公开对象', en: 'Audience' },
  modes: { zh: '公开方式', en: 'Manner' },
  levels: { zh: '公开层级', en: 'Level' },
};
const MAX: Record<(typeof TEXT_FIELDS)[number], number> = { item1: 60, item2: 120, content: 2000, basis: 3000, deadline: 120, subject: 200 };

export interface RowInput {
  seq: number; item1: string; item2: string; content: string; basis: string; deadline: string; subject: string;
  trigger: string | null; channels: string[]; audiences: string[]; modes: string[]; levels: string[];
}
export type RowValue = RowInput & { deadline_kind: DeadlineKind; deadline_n: number };
export type Errors = Partial<Record<Field, Msg>>;

const text = (raw: unknown) => (typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw)).replace(/\r\n?/g, '\n').trim();

/** A set from checkboxes (an array of keys) or a spreadsheet cell ("全社会、特定群体" or "■政府网站 □政府公报"). */
export function setOf(field: SetField, raw: unknown): { keys: string[]; unknown: string[] } {
  const opts = SETS[field] as Record<string, string>;
  let parts: string[];
  if (Array.isArray(raw)) parts = raw.map(text);
  else {
    // "■ 政府网站 □ 政府公报": only the filled boxes count
    const s = text(raw);
    parts = /[■□☑☐√]/.test(s) ? [...s.matchAll(/[■☑√]\s*([^■□☑☐√]+)/g)].map((m) => m[1]) : s.split(/[、,，;；\n]+/);
  }
  const keys = new Set<string>();
  const unknown: string[] = [];
  for (const p0 of parts) {
    const p = p0.replace(/[（(]\s*[）)]$/, '').trim();
    if (!p) continue;
    const k = p in opts ? p : Object.keys(opts).find((key) => opts[key] === p || opts[key].replace(/（.*）$/, '') === p) ?? (ALIASES[p] && ALIASES[p] in opts ? ALIASES[p] : undefined);
    if (k) keys.add(k);
    else unknown.push(p);
  }
  return { keys: Object.keys(opts).filter((k) => keys.has(k)), unknown };
}

export const setText = (field: SetField, keys: readonly string[]) => keys.map((k) => (SETS[field] as Record<string, string>)[k] ?? k).join('、');

/**
 * Validates a row. 二级事项, 公开内容, 公开依据, 公开时限 (readable), 公开主体 and at least one option of
 * each set are required (国办发〔2019〕54号: 名称、内容、依据、时限、主体、方式、渠道、公开对象). The 一级事项
 * groups rows; the 起算日期 is optional (the date the information was formed or last changed).
 */
export function validateRow(raw: Record<string, unknown>): { value: RowValue; errors: Errors } {
  const errors: Errors = {};
  const seqRaw = text(raw.seq);
  const seq = /^\d{1,4}$/.test(seqRaw) ? Number(seqRaw) : NaN;
  const t = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(raw[f])])) as Record<(typeof TEXT_FIELDS)[number], string>;
  const trig = text(raw.trigger).replace(/[./年月]/g, '-').replace(/日$/, '');
  const trigger = trig ? (/^\d{4}-\d{1,2}-\d{1,2}$/.test(trig) ? trig.split('-').map((x, i) => (i ? x.padStart(2, '0') : x)).join('-') : trig) : null;
  const dl = parseDeadline(t.deadline);
  const sets = Object.fromEntries((Object.keys(SETS) as SetField[]).map((f) => [f, setOf(f, raw[f])])) as Record<SetField, ReturnType<typeof setOf>>;
  const value: RowValue = { seq: Number.isNaN(seq) ? 0 : seq, ...t, trigger, channels: sets.channels.keys, audiences: sets.audiences.keys, modes: sets.modes.keys, levels: sets.levels.keys, deadline_kind: dl?.kind ?? 'ongoing', deadline_n: dl?.n ?? 0 };
  if (Number.isNaN(seq) || seq < 1) errors.seq = { zh: '序号须为 1 至 9999 的整数', en: 'The number must be a whole number from 1 to 9999' };
  for (const k of ['item1', 'item2', 'content', 'basis', 'deadline', 'subject'] as const) if (!t[k]) errors[k] = { zh: `请填写${FIELD_NAMES[k].zh}`, en: `${FIELD_NAMES[k].en} is required` };
  for (const k of TEXT_FIELDS) if (t[k].length > MAX[k]) errors[k] = { zh: `${FIELD_NAMES[k].zh}不能超过 ${MAX[k]} 字`, en: `${FIELD_NAMES[k].en}: at most ${MAX[k]} characters` };
  if (t.deadline && !dl && !errors.deadline) errors.deadline = DEADLINE_ERROR;
  if (trigger && !(/^\d{4}-\d{2}-\d{2}$/.test(trigger) && !Number.isNaN(Date.parse(trigger + 'T00:00:00Z')) && new Date(trigger + 'T00:00:00Z').toISOString().startsWith(trigger) && trigger >= '2000-01-01' && trigger <= '2099-12-31')) {
    errors.trigger = { zh: '起算日期须为有效日期，如 2020-08-25', en: 'The start date must be a real date, e.g. 2020-08-25' };
  }
  for (const f of Object.keys(SETS) as SetField[]) {
    const opts = Object.values(SETS[f]).join('、');
    if (sets[f].unknown.length) errors[f] = { zh: `${FIELD_NAMES[f].zh}不认识"${sets[f].unknown[0]}"，可选：${opts}`, en: `${FIELD_NAMES[f].en}: unknown option "${sets[f].unknown[0]}"; choose from ${opts}` };
    else if (!sets[f].keys.length) errors[f] = { zh: `请选择${FIELD_NAMES[f].zh}（${opts}）`, en: `Choose at least one ${FIELD_NAMES[f].en.toLowerCase()}` };
  }
  return { value, errors };
}

/** Years a catalog may be kept for: the pilots began in 2017; next year's may be drafted now. */
export function yearError(year: number, thisYear: number): Msg | null {
  if (!Number.isInteger(year) || year < 2017 || year > thisYear + 1) return { zh: `年度须在 2017 至 ${thisYear + 1} 之间`, en: `The year must be between 2017 and ${thisYear + 1}` };
  return null;
}

/** The catalog is kept by counties (县级) and townships (乡级) — 国办发〔2019〕54号; the city may keep its own. */
export const CATALOG_UNIT_TYPES = ['county_government', 'township', 'city_government'] as const;

export const STATUSES = ['draft', 'submitted', 'published'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, Msg> = { draft: { zh: '草稿', en: 'draft' }, submitted: { zh: '待审核', en: 'submitted' }, published: { zh: '已发布', en: 'published' } };
export const TRANSITIONS: Record<string, { from: Status[]; to: Status; action: string }> = {
  submit: { from: ['draft'], to: 'submitted', action: 'catalog.edit' },
  publish: { from: ['draft', 'submitted'], to: 'published', action: 'catalog.publish' },
  return: { from: ['submitted', 'published'], to: 'draft', action: 'catalog.publish' },
};

/** Who may do what (roles on the catalog's unit or above: a county's staff manage its townships' catalogs). */
export const RULES = {
  'catalog.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'catalog.edit': ['system_admin', 'unit_admin', 'editor'],
  'catalog.publish': ['system_admin', 'unit_admin', 'reviewer'],
} as const;

// ── spreadsheets ──────────────────────────────────────────────────────────────────────────────
export const SHEET_HEADER = FIELDS.map((f) => FIELD_NAMES[f].zh);
export interface RowError { row: number; column: string; message: Msg }
const colLetter = (i: number) => String.fromCharCode(65 + i);
const rowKey = (r: { item1: string; item2: string }) => `${r.item1}\u0000${r.item2}`;

/** Reads a sheet (header by name, any column order) into rows; every problem by row and column. */
export function parseSheet(rows: unknown[][]): { items: RowValue[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const header = (rows[0] ?? []).map((h) => text(h));
  const col = new Map<Field, number>();
  for (const f of FIELDS) {
    const i = header.indexOf(FIELD_NAMES[f].zh);
    if (i >= 0) col.set(f, i);
    else if (f !== 'trigger') errors.push({ row: 1, column: FIELD_NAMES[f].zh, message: { zh: `表头缺少"${FIELD_NAMES[f].zh}"列`, en: `The header lacks the column "${FIELD_NAMES[f].zh}" (${FIELD_NAMES[f].en})` } });
  }
  if (errors.length) return { items: [], errors };
  const items: RowValue[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((r, k) => {
    const row = k + 2;
    if (!r || r.every((v) => !text(v))) return;
    const raw = Object.fromEntries(FIELDS.map((f) => [f, col.has(f) ? r[col.get(f)!] : '']));
    const { value, errors: e } = validateRow(raw);
    for (const f of FIELDS) if (e[f]) errors.push({ row, column: `${colLetter(col.get(f)!)}（${FIELD_NAMES[f].zh}）`, message: e[f]! });
    if (value.item2 && seen.has(rowKey(value))) errors.push({ row, column: `${colLetter(col.get('item2')!)}（二级事项）`, message: { zh: `事项与第 ${seen.get(rowKey(value))} 行重复`, en: `The item repeats row ${seen.get(rowKey(value))}` } });
    else seen.set(rowKey(value), row);
    items.push(value);
  });
  if (!items.length && !errors.length) errors.push({ row: 2, column: 'A', message: { zh: '表格中没有目录事项', en: 'The sheet holds no rows' } });
  if (items.length > 1000) errors.push({ row: 1002, column: 'A', message: { zh: '一个领域一次最多导入 1000 项', en: 'At most 1,000 rows per area at a time' } });
  return { items, errors };
}

/** The export sheet: the header, then one row per catalog row (sets as their Chinese names joined by 、). */
export function sheetRows(items: RowInput[]): string[][] {
  return [SHEET_HEADER, ...items.map((i) => FIELDS.map((f) => (f === 'seq' ? String(i.seq) : f === 'trigger' ? i.trigger ?? '' : f in SETS ? setText(f as SetField, i[f as SetField]) : String(i[f as (typeof TEXT_FIELDS)[number]]))))];
}

export const duplicateKey = (items: { item1: string; item2: string }[]) => new Set(items.map(rowKey)).size !== items.length;
