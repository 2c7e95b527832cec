/**
 * Pure rules of the agency information (机构信息) a unit publishes.
 *
 * 条例 第二十条第（二）项: 行政机关应当主动公开 “机关职能、机构设置、办公地址、办公时间、联系方式、
 * 负责人姓名”. The 2019 网站检查指标 (shared/domain/reference.md §5.2) also checks 领导信息 — 姓名、
 * 职务、照片、简历、分管工作 — for accuracy. Contact fields live in the units registry (备案);
 * this module holds the functions, the internal departments and the leaders.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const LIMITS = { name: 60, title: 80, phone: 40, duties: 2000, cv: 6000, functions: 60000, deptFunctions: 6000, note: 200 } as const;
export const PHOTO_MAX_BYTES = 1024 * 1024;

export const FIELD_LABELS: Record<string, Msg> = {
  functions: { zh: '机关职能', en: 'Functions' },
  name: { zh: '名称', en: 'Name' },
  leader_name: { zh: '姓名', en: 'Name' },
  title: { zh: '职务', en: 'Position' },
  duties: { zh: '分管工作', en: 'Responsibilities' },
  cv: { zh: '简历', en: 'Curriculum vitae' },
  photo: { zh: '照片', en: 'Photo' },
  dept_functions: { zh: '主要职责', en: 'Duties' },
  phone: { zh: '联系电话', en: 'Telephone' },
  sort_order: { zh: '排序号', en: 'Sort number' },
  note: { zh: '更新说明', en: 'Note on the change' },
};

type Errors = Record<string, Msg>;
const tooLong = (label: Msg, n: number): Msg => ({ zh: `${label.zh}不能超过 ${n} 个字`, en: `${label.en} may have at most ${n} characters` });
const required = (label: Msg): Msg => ({ zh: `请填写${label.zh}`, en: `${label.en} is required` });

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').trim() : '');
const PHONE = /^[0-9０-９+()（）\-－ 、,，转ext.]*$/;

function sortOrder(raw: unknown, errors: Errors): number {
  const s = text(raw);
  if (!s) return 0;
  if (!/^\d{1,4}$/.test(s)) {
    errors.sort_order = { zh: '排序号应为 0–9999 的整数', en: 'The sort number is a whole number 0–9999' };
    return 0;
  }
  return Number(s);
}

export interface DepartmentInput { name: string; functions: string; phone: string; sort_order: number }
export interface LeaderInput { name: string; title: string; duties: string; cv: string; sort_order: number }

export function validateDepartment(raw: Record<string, unknown>): { value: DepartmentInput; errors: Errors } {
  const errors: Errors = {};
  const value = { name: text(raw.name), functions: text(raw.functions), phone: text(raw.phone), sort_order: sortOrder(raw.sort_order, errors) };
  if (!value.name) errors.name = required(FIELD_LABELS.name);
  else if (value.name.length > LIMITS.name) errors.name = tooLong(FIELD_LABELS.name, LIMITS.name);
  if (value.functions.length > LIMITS.deptFunctions) errors.functions = tooLong(FIELD_LABELS.dept_functions, LIMITS.deptFunctions);
  if (value.phone.length > LIMITS.phone || !PHONE.test(value.phone)) errors.phone = { zh: '联系电话只能包含数字、空格和 - ( ) + 转', en: 'A telephone number holds digits, spaces and - ( ) +' };
  return { value, errors };
}

export function validateLeader(raw: Record<string, unknown>): { value: LeaderInput; errors: Errors } {
  const errors: Errors = {};
  const value = { name: text(raw.name), title: text(raw.title), duties: text(raw.duties), cv: text(raw.cv), sort_order: sortOrder(raw.sort_order, errors) };
  if (!value.name) errors.name = required(FIELD_LABELS.leader_name);
  else if (value.name.length > LIMITS.name) errors.name = tooLong(FIELD_LABELS.leader_name, LIMITS.name);
  if (!value.title) errors.title = required(FIELD_LABELS.title);
  else if (value.title.length > LIMITS.title) errors.title = tooLong(FIELD_LABELS.title, LIMITS.title);
  if (value.duties.length > LIMITS.duties) errors.duties = tooLong(FIELD_LABELS.duties, LIMITS.duties);
  if (value.cv.length > LIMITS.cv) errors.cv = tooLong(FIELD_LABELS.cv, LIMITS.cv);
  return { value, errors };
}

/** A photo is a JPEG or PNG, decided by its bytes (never by the name or the browser's claim), ≤ 1 MB. */
export function photoType(data: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => data[i] === b)) return 'image/png';
  return null;
}

export function photoError(data: Uint8Array): Msg | null {
  if (!data.length) return null;
  if (data.length > PHOTO_MAX_BYTES) return { zh: '照片不能超过 1 MB', en: 'The photo may be at most 1 MB' };
  if (!photoType(data)) return { zh: '照片须为 JPEG 或 PNG 图片', en: 'The photo must be a JPEG or PNG image' };
  return null;
}

/** What a published version holds (and what the API returns beside the registry's contacts). */
export interface AgencySnapshot {
  functions: string;
  departments: { name: string; functions: string; phone: string }[];
  leaders: { name: string; title: string; duties: string; cv: string; photo_id: number | null }[];
}

/** A stable text of a snapshot: keys sorted (jsonb stores keys in its own order). */
export function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(x ?? null);
}

export const sameSnapshot = (a: AgencySnapshot | null | undefined, b: AgencySnapshot) => !!a && canonical(a) === canonical(b);

/**
 * Publishing needs the functions (the item the statute names first) and refuses a version equal to
 * the last one — a new version means something changed, so the history stays meaningful.
 */
export function publishProblem(draft: AgencySnapshot, last: AgencySnapshot | null): Msg | null {
  if (!draft.functions.trim()) return { zh: '请先填写机关职能（条例第二十条第（二）项）', en: 'Enter the functions first (Regulations Art. 20(2))' };
  if (sameSnapshot(last, draft)) return { zh: '与已发布的版本相同，无需重新发布', en: 'Nothing changed since the published version' };
  return null;
}

/** What changed between two versions, for the version history (names of added/removed/changed items). */
export function diffSnapshots(a: AgencySnapshot | null, b: AgencySnapshot): { functions: boolean; added: string[]; removed: string[]; changed: string[] } {
  const key = (kind: string, x: { name: string }) => `${kind}:${x.name}`;
  const str = canonical;
  const items = (s: AgencySnapshot | null) =>
    new Map<string, string>([
      ...(s?.departments ?? []).map((d) => [key('内设机构', d), str(d)] as [string, string]),
      ...(s?.leaders ?? []).map((l) => [key('领导', l), str(l)] as [string, string]),
    ]);
  const before = items(a);
  const after = items(b);
  const label = (k: string) => k.replace(':', '：');
  return {
    functions: (a?.functions ?? '') !== b.functions,
    added: [...after.keys()].filter((k) => !before.has(k)).map(label),
    removed: [...before.keys()].filter((k) => !after.has(k)).map(label),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)).map(label),
  };
}
