/**
 * One validation for a unit's fields, used by the admin form, the API and the CLI alike.
 * Returns normalised values or per-field messages in both locales.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { isUnitType, type UnitType } from './types.ts';
import { unitCodeProblem } from './uscc.ts';
import { parseDate } from '../../../core/http/input-guard.ts';

export interface UnitInput {
  code: string;
  name: string;
  short_name: string;
  name_en: string | null;
  type: UnitType;
  parent_code: string | null;
  slug: string;
  sort_order: number;
  disclosure_body: string | null;
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  responsible_official: string | null;
  responsible_title: string | null;
  responsible_filed_on: string | null;
  reconsideration_organ: string | null;
  court: string | null;
  letter_prefix: string | null;
}

export const REGISTRY_FIELDS = [
  'disclosure_body', 'address', 'postcode', 'office_hours', 'phone', 'fax', 'email', 'website',
  'responsible_official', 'responsible_title', 'responsible_filed_on', 'reconsideration_organ', 'court', 'letter_prefix',
] as const;

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const opt = (v: unknown) => str(v) || null;

const PHONE = /^[0-9()（）\-\s+、,，转]{5,40}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateUnit(raw: Raw, mode: 'create' | 'update'): { value: UnitInput; errors: Record<string, Msg> } {
  const e: Record<string, Msg> = {};
  const code = str(raw.code).toUpperCase();
  const name = str(raw.name);
  const shortName = str(raw.short_name) || name;
  const type = str(raw.type) || 'department';
  const slug = str(raw.slug).toLowerCase() || code.toLowerCase();
  if (mode === 'create') {
    const p = unitCodeProblem(code);
    if (!code) e.code = { zh: '请填写单位代码', en: 'Enter the unit code' };
    else if (p === 'checksum') e.code = { zh: '统一社会信用代码校验位不正确', en: 'The check character of this unified social credit code is wrong' };
    else if (p) e.code = { zh: '单位代码应为 18 位统一社会信用代码，或 4–17 位大写字母和数字组成的内部代码', en: 'Use the 18-character unified social credit code, or an internal code of 4–17 capitals and digits' };
  }
  if (!name) e.name = { zh: '请填写单位名称', en: 'Enter the unit name' };
  else if (name.length > 100) e.name = { zh: '单位名称不能超过 100 个字', en: 'The name may have at most 100 characters' };
  if (shortName.length > 40) e.short_name = { zh: '简称不能超过 40 个字', en: 'The short name may have at most 40 characters' };
  if (!isUnitType(type)) e.type = { zh: '请选择有效的单位类型', en: 'Choose a valid unit type' };
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(slug)) e.slug = { zh: '网址标识只能使用小写字母、数字和连字符（2–40 位）', en: 'The URL slug may use lower-case letters, digits and hyphens (2–40)' };
  const sort = str(raw.sort_order) ? Number(str(raw.sort_order)) : 0;
  if (!Number.isInteger(sort) || sort < 0 || sort > 100000) e.sort_order = { zh: '排序号应为非负整数', en: 'The sort number must be a non-negative integer' };
  const phone = opt(raw.phone);
  const fax = opt(raw.fax);
  const email = opt(raw.email);
  const filed = opt(raw.responsible_filed_on);
  if (phone && !PHONE.test(phone)) e.phone = { zh: '电话号码格式不正确', en: 'The phone number is not valid' };
  if (fax && !PHONE.test(fax)) e.fax = { zh: '传真号码格式不正确', en: 'The fax number is not valid' };
  if (email && !EMAIL.test(email)) e.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  if (filed && (!DATE.test(filed) || parseDate(filed) === null)) e.responsible_filed_on = { zh: '备案日期格式应为 YYYY-MM-DD', en: 'The filing date must be YYYY-MM-DD' };
  const website = opt(raw.website);
  if (website && !/^https?:\/\/[^\s<>"]+$/.test(website)) e.website = { zh: '网址应以 http:// 或 https:// 开头', en: 'The website must start with http:// or https://' };
  for (const f of ['disclosure_body', 'address', 'office_hours', 'responsible_official', 'responsible_title', 'reconsideration_organ', 'court', 'name_en'] as const) {
    const v = opt(raw[f]);
    if (v && v.length > 200) e[f] = { zh: '内容过长（最多 200 字）', en: 'Too long (200 characters at most)' };
  }
  const lp = opt(raw.letter_prefix);
  if (lp && lp.length > 20) e.letter_prefix = { zh: '文书字号前缀最多 20 字', en: 'The letter prefix may have at most 20 characters' };
  const value: UnitInput = {
    code, name, short_name: shortName, name_en: opt(raw.name_en), type: type as UnitType,
    parent_code: opt(raw.parent_code)?.toUpperCase() ?? null, slug, sort_order: sort,
    disclosure_body: opt(raw.disclosure_body), address: opt(raw.address), postcode: opt(raw.postcode),
    office_hours: opt(raw.office_hours), phone, fax, email, website,
    responsible_official: opt(raw.responsible_official), responsible_title: opt(raw.responsible_title),
    responsible_filed_on: filed, reconsideration_organ: opt(raw.reconsideration_organ), court: opt(raw.court), letter_prefix: lp,
  };
  return { value, errors: e };
}
