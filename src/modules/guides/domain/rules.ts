/**
 * Pure rules of the 办事指南 (service guides) and 一件事 bundles — work point 9 of the 2020 plan
 * ("及时更新并公开办事方式、办事条件等信息。加强'一件事'、'一类事'等综合办事信息公开"), and 条例
 * 第二十条第五项 (办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果).
 *
 * The ten elements are the key elements of the 国办 website inspection (国办秘函〔2019〕19号
 * "服务不实用": 办事指南要素缺失; shared/domain/reference.md §5.2(7)): a guide lacking any of them
 * cannot be published.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const ELEMENTS = ['name', 'basis', 'conditions', 'materials', 'place', 'office', 'fees', 'hours', 'phone', 'process'] as const;
export type Element = (typeof ELEMENTS)[number];

export const ELEMENT_NAMES: Record<Element, Msg> = {
  name: { zh: '事项名称', en: 'Service' },
  basis: { zh: '设定依据', en: 'Legal basis' },
  conditions: { zh: '申请条件', en: 'Eligibility' },
  materials: { zh: '办理材料', en: 'Documents required' },
  place: { zh: '办理地点', en: 'Where' },
  office: { zh: '办理机构', en: 'Handled by' },
  fees: { zh: '收费标准', en: 'Fees' },
  hours: { zh: '办理时间', en: 'Opening hours' },
  phone: { zh: '联系电话', en: 'Telephone' },
  process: { zh: '办理流程', en: 'Procedure' },
};

/** Kinds of 事项 a guide describes (条例 第二十条第五项: 行政许可和其他对外管理服务事项). */
export const KINDS = ['licensing', 'public_service', 'confirmation', 'payment', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_NAMES: Record<Kind, Msg> = {
  licensing: { zh: '行政许可', en: 'Licence' },
  public_service: { zh: '公共服务', en: 'Public service' },
  confirmation: { zh: '行政确认', en: 'Certification' },
  payment: { zh: '行政给付', en: 'Benefit' },
  other: { zh: '其他服务事项', en: 'Other service' },
};

export const STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, Msg> = {
  draft: { zh: '草稿', en: 'draft' },
  published: { zh: '已发布', en: 'published' },
  withdrawn: { zh: '已撤下', en: 'withdrawn' },
};

/** Lengths: one A4 page holds a guide, so the long elements are bounded. */
const MAX: Record<Element, number> = { name: 60, basis: 1000, conditions: 1000, materials: 1500, place: 200, office: 80, fees: 300, hours: 200, phone: 60, process: 1500 };
export const CODE_MAX = 40;

export interface GuideInput {
  kind: Kind;
  code: string;
  name: string; basis: string; conditions: string; materials: string; place: string;
  office: string; fees: string; hours: string; phone: string; process: string;
  time_limit: string;
  online_url: string;
}

type Errors = Record<string, Msg>;
const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').trim() : '');

/**
 * A telephone as Chinese offices write it: digits, spaces, hyphens, 、 / ， or 转 between numbers,
 * and short notes in parentheses — "0421-2612345（工作日）", "12348（法律援助热线）".
 */
const PHONE_NOTE = /[（(][^（）()<>]{1,20}[)）]/g;
const PHONE = /^[0-9\-－ 、/,，;；转]{3,60}$/;
const isPhone = (v: string) => v.length <= 60 && /\d{3}/.test(v) && PHONE.test(v.replace(PHONE_NOTE, ' ').trim());

/**
 * Validates a guide. Drafts may be incomplete (editors fill them in over time); `forPublication`
 * asks for all ten elements — the 国办 inspection's "办事指南要素缺失" is a failing finding.
 */
export function validateGuide(raw: Record<string, unknown>, forPublication = false): { value: GuideInput; errors: Errors } {
  const errors: Errors = {};
  const kind = text(raw.kind) as Kind;
  const value = {
    kind: KINDS.includes(kind) ? kind : 'other',
    code: text(raw.code),
    time_limit: text(raw.time_limit),
    online_url: text(raw.online_url),
  } as GuideInput;
  if (raw.kind !== undefined && !KINDS.includes(kind)) errors.kind = { zh: '请选择事项类型', en: 'Choose the kind of service' };
  for (const k of ELEMENTS) {
    value[k] = text(raw[k]);
    if (value[k].length > MAX[k]) errors[k] = { zh: `${ELEMENT_NAMES[k].zh}不能超过 ${MAX[k]} 字（指南须能打印在一页 A4 纸上）`, en: `${ELEMENT_NAMES[k].en}: at most ${MAX[k]} characters (a guide prints on one A4 page)` };
  }
  if (!value.name) errors.name = { zh: '请填写事项名称', en: 'The name of the service is required' };
  if (value.code.length > CODE_MAX || (value.code && !/^[0-9A-Za-z\-_.]+$/.test(value.code))) errors.code = { zh: '事项编码只能包含字母、数字和 - _ .，不超过 40 位', en: 'The code may hold letters, digits and - _ . only (at most 40)' };
  if (value.phone && !errors.phone && !isPhone(value.phone)) errors.phone = { zh: '联系电话格式不正确（如 0421-2612345）', en: 'Not a telephone number (e.g. 0421-2612345)' };
  if (value.time_limit.length > 60) errors.time_limit = { zh: '办理时限不能超过 60 字', en: 'At most 60 characters' };
  if (value.online_url && !/^https?:\/\/[^\s<>"]{3,300}$/.test(value.online_url)) errors.online_url = { zh: '网上办理地址须以 http:// 或 https:// 开头', en: 'The online address must start with http:// or https://' };
  if (forPublication) for (const k of missingElements(value)) errors[k] ??= { zh: `发布前请填写${ELEMENT_NAMES[k].zh}`, en: `${ELEMENT_NAMES[k].en} is required before publication` };
  return { value, errors };
}

/** The key elements a guide lacks (empty text). */
export function missingElements(g: Pick<GuideInput, Element>): Element[] {
  return ELEMENTS.filter((k) => !String(g[k] ?? '').trim());
}

/** Lines of a list element (办理材料, 办理流程): one item per line, numbering a writer typed removed. */
export function itemsOf(s: string): string[] {
  return s.split('\n').map((l) => l.replace(/^\s*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[-•·])\s*/, '').trim()).filter(Boolean);
}

/** Who may do what with guides (roles on the guide's unit or above). */
export const RULES = {
  'guide.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'guide.edit': ['system_admin', 'unit_admin', 'editor'],
  'guide.publish': ['system_admin', 'unit_admin', 'reviewer'],
} as const;

export interface BundleInput { name: string; description: string; guideIds: number[] }

/** A 一件事 bundle: a life event served by several guides, in the order a citizen goes through them. */
export function validateBundle(raw: { name?: unknown; description?: unknown; guides?: unknown }): { value: BundleInput; errors: Errors } {
  const errors: Errors = {};
  const ids = (Array.isArray(raw.guides) ? raw.guides : raw.guides === undefined ? [] : [raw.guides]).map((x) => String(x));
  const value: BundleInput = {
    name: text(raw.name),
    description: text(raw.description),
    guideIds: [...new Set(ids.filter((x) => /^\d{1,9}$/.test(x)).map(Number))],
  };
  if (!value.name) errors.name = { zh: '请填写"一件事"名称', en: 'The name is required' };
  else if (value.name.length > 60) errors.name = { zh: '名称不能超过 60 字', en: 'At most 60 characters' };
  if (value.description.length > 1000) errors.description = { zh: '说明不能超过 1000 字', en: 'At most 1,000 characters' };
  if (ids.length !== value.guideIds.length) errors.guides = { zh: '所选办事指南有误', en: 'Invalid guide selection' };
  else if (value.guideIds.length < 2) errors.guides = { zh: '"一件事"至少包含两个办事指南', en: 'A bundle joins at least two guides' };
  else if (value.guideIds.length > 30) errors.guides = { zh: '"一件事"最多包含 30 个办事指南', en: 'At most 30 guides' };
  return { value, errors };
}
