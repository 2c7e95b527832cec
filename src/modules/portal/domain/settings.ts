/**
 * Rules for the footer settings (《政府网站发展指引》, 国办发〔2017〕47号, 附件 “网站标识” and
 * “页脚”): 主办单位 and contacts, the ICP 备案号 (《非经营性互联网信息服务备案管理办法》 — e.g.
 * 辽ICP备12345678号-1), the 公安机关备案号 (《计算机信息网络国际联网安全保护管理办法》 — 14 digits,
 * e.g. 辽公网安备21130202000123号), the 党政机关网站标识 (image + the registration page it links to)
 * and the 我为政府网站找错 address. Pure: no database.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import type { SiteFooter } from '../../../core/render/site-footer.tsx';

export const LABELS: Record<keyof SiteFooter | 'conac_image', Msg> = {
  sponsor: { zh: '主办单位', en: 'Sponsor' },
  contactAddress: { zh: '联系地址', en: 'Address' },
  contactPhone: { zh: '联系电话', en: 'Telephone' },
  contactEmail: { zh: '电子邮箱', en: 'E-mail' },
  icpNo: { zh: 'ICP备案号', en: 'ICP record number' },
  psbNo: { zh: '公安机关备案号', en: 'Public security record number' },
  findErrorUrl: { zh: '“我为政府网站找错”地址', en: 'Address of the error-report service' },
  conacUrl: { zh: '党政机关网站标识链接地址', en: 'Link of the government website mark' },
  conacImage: { zh: '党政机关网站标识图片', en: 'Image of the government website mark' },
  conac_image: { zh: '党政机关网站标识图片', en: 'Image of the government website mark' },
};

/** The fields a form sends, by form name → SiteFooter key. */
export const FORM_FIELDS = {
  sponsor: 'sponsor', contact_address: 'contactAddress', contact_phone: 'contactPhone', contact_email: 'contactEmail',
  icp_no: 'icpNo', psb_no: 'psbNo', find_error_url: 'findErrorUrl', conac_url: 'conacUrl',
} as const satisfies Record<string, Exclude<keyof SiteFooter, 'conacImage'>>;
export type FormField = keyof typeof FORM_FIELDS;

export type SettingsInput = Record<FormField, string>;

export const IMAGE_MAX_BYTES = 200 * 1024;

const ICP = /^[\u4e00-\u9fa5]{1,2}ICP备\d{8,10}号(-\d{1,3})?$/;
const PSB = /^[\u4e00-\u9fa5]{1,2}公网安备\s?\d{14}号$/;
const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function httpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

/** Trims every field; returns the values and the problems by form field (empty = valid). */
export function validateSettings(raw: Record<string, unknown>): { value: SettingsInput; errors: Record<string, Msg> } {
  const value = Object.fromEntries(Object.keys(FORM_FIELDS).map((k) => [k, typeof raw[k] === 'string' ? (raw[k] as string).trim() : ''])) as SettingsInput;
  const errors: Record<string, Msg> = {};
  const max = (k: FormField, n: number) => {
    if (value[k].length > n) errors[k] = { zh: `不能超过 ${n} 个字符`, en: `At most ${n} characters` };
  };
  if (!value.sponsor) errors.sponsor = { zh: '请填写主办单位', en: 'Enter the sponsor' };
  max('sponsor', 60);
  max('contact_address', 120);
  if (value.contact_phone && !PHONE.test(value.contact_phone)) errors.contact_phone = { zh: '电话号码格式不正确', en: 'Not a telephone number' };
  if (value.contact_email && !EMAIL.test(value.contact_email)) errors.contact_email = { zh: '电子邮箱格式不正确', en: 'Not an e-mail address' };
  max('contact_email', 120);
  if (value.icp_no && !ICP.test(value.icp_no)) errors.icp_no = { zh: 'ICP备案号格式应如“辽ICP备12345678号”或“辽ICP备12345678号-1”', en: 'An ICP record number looks like 辽ICP备12345678号 or 辽ICP备12345678号-1' };
  if (value.psb_no && !PSB.test(value.psb_no)) errors.psb_no = { zh: '公安机关备案号格式应如“辽公网安备21130202000123号”（14位数字）', en: 'A public security record number looks like 辽公网安备21130202000123号 (14 digits)' };
  for (const k of ['find_error_url', 'conac_url'] as const) {
    if (value[k] && !httpUrl(value[k])) errors[k] = { zh: '请填写以 https:// 或 http:// 开头的网址', en: 'Enter an address starting with https:// or http://' };
    max(k, 500);
  }
  return { value, errors };
}

/** The image type by its bytes (never by name or the browser's claim). */
export function imageType(data: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | null {
  if (data.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => data[i] === b)) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && String.fromCharCode(...data.slice(0, 6)).match(/^GIF8[79]a$/)) return 'image/gif';
  return null;
}

export function imageError(data: Uint8Array): Msg | null {
  if (data.length > IMAGE_MAX_BYTES) return { zh: '图片不能超过 200 KB', en: 'The image may be at most 200 KB' };
  if (!imageType(data)) return { zh: '图片须为 PNG、JPEG 或 GIF 格式', en: 'The image must be PNG, JPEG or GIF' };
  return null;
}
