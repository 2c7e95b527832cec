/**
 * Pure rules of a year's 政务公开工作要点 (work plan) as supervised tasks — issue #13 item 3.
 *
 * Each year the State Council's General Office issues the national 工作要点 and every province, city and
 * county issues its own, task by task, each with a 牵头单位 (lead) and 责任单位 (responsible units),
 * often a deadline ("8月底前", "9月15日前", "年底前") and otherwise a standing duty (长期坚持).
 * 条例 第四十九条/第五十条 and the plan's own closing line make the year's implementation part of the
 * annual report, so each responsible unit reports progress with evidence, and the office that leads
 * (条例 第三条第二款: 县级以上政府办公厅（室）是本行政区域的政府信息公开工作主管部门) supervises it.
 *
 * A responsible unit is usually named as a group ("各县(市)区政府、市政府各部门"): a group is a rule over
 * the unit registry — unit types directly under the plan's government — expanded to the actual units.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import type { UnitType } from '../../units/domain/types.ts';

/** Groups a plan names instead of units, each a rule: units of these types directly under the plan's unit. */
export const GROUPS = {
  counties: { types: ['county_government'], name: { zh: '各县（市）区政府', en: 'every county/district government' } },
  departments: { types: ['department'], name: { zh: '市政府各部门', en: 'every government department' } },
  municipal: { types: ['department', 'office'], name: { zh: '市直各单位', en: 'every municipal body' } },
  parks: { types: ['park'], name: { zh: '各园（景）区管委会', en: 'every park and scenic-area committee' } },
} as const satisfies Record<string, { types: readonly UnitType[]; name: Msg }>;
export type GroupKey = keyof typeof GROUPS;

const paren = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

/** The group a phrase of a plan names ("各县(市)区政府", "市政府各单位" …), or null for a unit's own name. */
export function groupOf(phrase: string): GroupKey | null {
  const p = paren(phrase);
  if (/^各县\(市\)区?(人民)?政府$|^各县\(市、区\)(人民)?政府$/.test(p)) return 'counties';
  if (/^市政府各部门$/.test(p)) return 'departments';
  if (/^(市政府各单位|市直各单位|市直单位|市\(中、省\)直(各)?单位)$/.test(p)) return 'municipal';
  if (/^各园\(景\)区管委会$/.test(p)) return 'parks';
  return null;
}

/** Splits "市政府办公室、市委编办" (or with ，/,) into names; not inside brackets ("市(中、省)直单位"). */
export function splitNames(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (depth === 0 && (ch === '、' || ch === '，' || ch === ',')) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Report statuses, in order. */
export const STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, Msg> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
};
export const isStatus = (s: unknown): s is Status => typeof s === 'string' && (STATUSES as readonly string[]).includes(s);

export interface Milestone { date: string; text: string }

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A real calendar date YYYY-MM-DD. */
export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/**
 * Deadlines written in a task's text, in the plan's year: "8月底前" → the month's last day, "9月15日前" →
 * that day, "年底前" → 31 December, "上半年" → 30 June. Each with the clause it stands in (the milestone's
 * output). A task without one is 长期坚持 (a standing duty). Relative limits ("5个工作日内") are not dates.
 */
export function deadlinesIn(text: string, year: number): Milestone[] {
  const out: Milestone[] = [];
  const clauses = text.split(/(?<=[；;。])/).map((c) => c.trim()).filter(Boolean);
  for (const clause of clauses) {
    const re = /(\d{1,2})月(\d{1,2})日(?:前|之前)|(\d{1,2})月底(?:前|之前)|年底(?:前|之前)|上半年/g;
    for (const m of clause.matchAll(re)) {
      let date: string | null = null;
      if (m[1]) {
        const [mo, d] = [Number(m[1]), Number(m[2])];
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(year, mo)) date = `${year}-${pad(mo)}-${pad(d)}`;
      } else if (m[3]) {
        const mo = Number(m[3]);
        if (mo >= 1 && mo <= 12) date = `${year}-${pad(mo)}-${pad(lastDay(year, mo))}`;
      } else if (m[0].startsWith('年底')) date = `${year}-12-31`;
      else date = `${year}-06-30`;
      if (date) out.push({ date, text: clause.replace(/[；;。]$/, '') });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** A task as the import format carries it (docs/workplan-format.md). */
export interface TaskInput {
  section: number;
  no: number;
  title: string;
  text: string;
  lead: string[];
  responsible: string[];
  /** YYYY-MM-DD, or null for 长期坚持 */
  deadline: string | null;
  milestones: Milestone[];
  output: string;
}
export interface SectionInput { no: number; title: string }
export interface PlanInput { year: number; title: string; unit: string; issuer: string; doc_number: string; sections: SectionInput[]; tasks: TaskInput[] }

export const LONG_TERM = '长期坚持';
type Errors = Record<string, Msg>;
const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v === undefined || v === null ? '' : null);
const need = (e: Errors, f: string, v: string | null, max: number, required = true) => {
  if (v === null) e[f] = { zh: '须为文字', en: 'must be text' };
  else if (required && !v) e[f] = { zh: '不能为空', en: 'is required' };
  else if (v.length > max) e[f] = { zh: `不能超过 ${max} 个字`, en: `at most ${max} characters` };
  return v ?? '';
};
const names = (e: Errors, f: string, v: unknown, required: boolean): string[] => {
  const list = typeof v === 'string' ? splitNames(v) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x: string) => x.trim()).filter(Boolean) : null;
  if (list === null) { e[f] = { zh: '须为单位名称的列表', en: 'must be a list of unit names' }; return []; }
  if (required && !list.length) e[f] = { zh: '至少一个单位', en: 'at least one unit' };
  if (list.some((n) => n.length > 60)) e[f] = { zh: '单位名称不能超过 60 个字', en: 'a unit name has at most 60 characters' };
  return list;
};

export function yearError(y: unknown): Msg | null {
  return typeof y === 'number' && Number.isInteger(y) && y >= 2008 && y <= 2100 ? null : { zh: '年度须为 2008—2100 之间的四位数字', en: 'the year must be between 2008 and 2100' };
}

/** Validates the plan's header record. */
export function validateHeader(raw: Record<string, unknown>): { value: Omit<PlanInput, 'sections' | 'tasks'>; errors: Errors } {
  const e: Errors = {};
  const yErr = yearError(raw.year);
  if (yErr) e.year = yErr;
  const value = {
    year: Number(raw.year), title: need(e, 'title', str(raw.title), 200), unit: need(e, 'unit', str(raw.unit), 40),
    issuer: need(e, 'issuer', str(raw.issuer), 100, false), doc_number: need(e, 'doc_number', str(raw.doc_number), 60, false),
  };
  return { value, errors: e };
}

export function validateSection(raw: Record<string, unknown>): { value: SectionInput; errors: Errors } {
  const e: Errors = {};
  const no = raw.no;
  if (!(typeof no === 'number' && Number.isInteger(no) && no >= 1 && no <= 99)) e.no = { zh: '部分序号须为 1—99 的整数', en: 'no: a whole number 1–99' };
  return { value: { no: Number(no), title: need(e, 'title', str(raw.title), 200) }, errors: e };
}

/** Validates a task record; `year` is the plan's (deadlines and milestones lie within it or the next). */
export function validateTask(raw: Record<string, unknown>, year: number): { value: TaskInput; errors: Errors } {
  const e: Errors = {};
  const int = (f: string, max: number) => {
    const v = raw[f];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max)) e[f] = { zh: `须为 1—${max} 的整数`, en: `a whole number 1–${max}` };
    return Number(v);
  };
  const section = int('section', 99);
  const no = int('no', 999);
  const title = need(e, 'title', str(raw.title), 200);
  const text = need(e, 'text', str(raw.text), 5000, false);
  const lead = names(e, 'lead', raw.lead ?? [], false);
  const responsible = names(e, 'responsible', raw.responsible, true);
  const inRange = (d: string) => Number(d.slice(0, 4)) >= year - 1 && Number(d.slice(0, 4)) <= year + 1;
  let deadline: string | null = null;
  if (raw.deadline === LONG_TERM || raw.deadline === null || raw.deadline === undefined || raw.deadline === '') deadline = null;
  else if (isDate(raw.deadline) && inRange(raw.deadline)) deadline = raw.deadline;
  else e.deadline = { zh: `须为日期（如 ${year}-08-31）或“${LONG_TERM}”，且在计划年度前后一年内`, en: `a date (e.g. ${year}-08-31) or "${LONG_TERM}", within a year of the plan's` };
  const milestones: Milestone[] = [];
  if (raw.milestones !== undefined && raw.milestones !== null) {
    if (!Array.isArray(raw.milestones) || raw.milestones.length > 20) e.milestones = { zh: '须为最多 20 个 {date, text} 的列表', en: 'a list of at most 20 {date, text}' };
    else for (const m of raw.milestones as unknown[]) {
      const o = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>;
      const t = str(o.text);
      if (!isDate(o.date) || !inRange(o.date) || !t || t.length > 500) e.milestones = { zh: '每个节点须有日期（YYYY-MM-DD）和不超过 500 字的说明', en: 'each milestone needs a date (YYYY-MM-DD) and a text of at most 500 characters' };
      else milestones.push({ date: o.date, text: t });
    }
  }
  const output = need(e, 'output', str(raw.output), 1000, false);
  if (deadline && milestones.some((m) => m.date > deadline!)) e.milestones = { zh: '节点日期不能晚于完成时限', en: 'a milestone cannot fall after the deadline' };
  return { value: { section, no, title, text, lead, responsible, deadline, milestones, output }, errors: e };
}

/** The deadline a task's own text gives (the last milestone), or null (长期坚持). */
export const deadlineOf = (ms: Milestone[]) => (ms.length ? ms[ms.length - 1].date : null);
