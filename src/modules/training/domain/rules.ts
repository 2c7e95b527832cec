/**
 * Pure rules of the training records — 条例 第四十八条 (定期对政府信息公开工作人员进行教育培训),
 * 2020 要点 第23点 (强化培训工作: 条例 列入公务员初任培训必修课程; 主管部门 做好培训工作) and
 * 第10点 (对基层一线政策执行人员开展政策解读和培训). A training has a date, a topic, an organiser and
 * its length in hours; attendance is kept per staff member and unit, so the assessment (要点 第24点)
 * counts the hours each unit's staff attended.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const RULES = {
  'training.view': ['system_admin', 'unit_admin', 'supervisor'],
  'training.manage': ['system_admin', 'unit_admin', 'supervisor'],
} as const;

export interface TrainingInput { held_on: string; topic: string; organiser: string; hours: number; note: string }
export type TrainingField = keyof TrainingInput;
export const FIELD_NAMES: Record<TrainingField | 'unit' | 'names', Msg> = {
  held_on: { zh: '培训日期', en: 'Date' },
  topic: { zh: '培训主题', en: 'Topic' },
  organiser: { zh: '组织者', en: 'Organiser' },
  hours: { zh: '学时', en: 'Hours' },
  note: { zh: '备注', en: 'Note' },
  unit: { zh: '单位', en: 'Unit' },
  names: { zh: '参训人员', en: 'Attendees' },
};

const text = (raw: unknown) => (typeof raw === 'string' ? raw : raw == null ? '' : String(raw)).replace(/\r\n?/g, '\n').trim();

/** A real calendar day, YYYY-MM-DD. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Hours: a positive number in half hours, at most 200 (a long course); "1.5" and "1．5" both read. */
export function parseHours(raw: unknown): number | null {
  const s = text(raw).replace('．', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && n <= 200 && Math.round(n * 2) === n * 2 ? n : null;
}

/** Validates a training; `today` (Asia/Shanghai) bounds the date: records are of trainings held, up to a year ahead for planned ones. */
export function validateTraining(raw: Record<string, unknown>, today: string): { value: TrainingInput; errors: Partial<Record<TrainingField, Msg>> } {
  const errors: Partial<Record<TrainingField, Msg>> = {};
  const hours = parseHours(raw.hours);
  const value: TrainingInput = { held_on: text(raw.held_on), topic: text(raw.topic), organiser: text(raw.organiser), hours: hours ?? 0, note: text(raw.note) };
  const maxDay = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  if (!isDay(value.held_on)) errors.held_on = { zh: '请填写培训日期，格式如 2020-06-18', en: 'Enter the date as YYYY-MM-DD, e.g. 2020-06-18' };
  else if (value.held_on < '2008-05-01' || value.held_on > maxDay) errors.held_on = { zh: `培训日期须在 2008-05-01 至 ${maxDay} 之间`, en: `The date must be between 2008-05-01 and ${maxDay}` };
  if (!value.topic) errors.topic = { zh: '请填写培训主题', en: 'The topic is required' };
  else if (value.topic.length > 200) errors.topic = { zh: '培训主题不能超过 200 字', en: 'The topic: at most 200 characters' };
  if (!value.organiser) errors.organiser = { zh: '请填写组织者', en: 'The organiser is required' };
  else if (value.organiser.length > 100) errors.organiser = { zh: '组织者不能超过 100 字', en: 'The organiser: at most 100 characters' };
  if (hours === null) errors.hours = { zh: '学时须为 0.5 至 200 之间的数（以半小时计）', en: 'Hours: a number from 0.5 to 200, in half hours' };
  if (value.note.length > 1000) errors.note = { zh: '备注不能超过 1000 字', en: 'The note: at most 1000 characters' };
  return { value, errors };
}

/** Attendee names, one a line (or separated by 、，, ;); blank lines dropped, repeats kept once. */
export function parseNames(raw: unknown): { names: string[]; error: Msg | null } {
  const names = [...new Set(text(raw).split(/[\n、，,;；]+/).map((s) => s.trim()).filter(Boolean))];
  if (!names.length) return { names, error: { zh: '请填写参训人员姓名，每行一人', en: 'Enter the attendees\u2019 names, one a line' } };
  if (names.length > 500) return { names, error: { zh: '一次最多登记 500 人', en: 'At most 500 names at a time' } };
  const long = names.find((n) => n.length > 40);
  if (long) return { names, error: { zh: `姓名过长：${long.slice(0, 20)}…`, en: `A name is too long: ${long.slice(0, 20)}…` } };
  return { names, error: null };
}

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
export function csvCell(v: unknown): string {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';
