/**
 * Pure rules of the 政务新媒体 registry (work point 17 of the 2020 plan; 国办发〔2018〕123号《关于推进
 * 政务新媒体健康有序发展的意见》 asks for a registry of each unit's accounts, 开设/关停 records and
 * regular inspection). The 国办 inspection (国办秘函〔2019〕19号, shared/domain/reference.md §5.2)
 * fails an account outright when its content was not updated in the 2 weeks before the check, or
 * when it offers no working interaction.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'channels', 'app', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const PLATFORM_NAMES: Record<Platform, Msg> = {
  wechat: { zh: '微信公众号', en: 'WeChat official account' },
  weibo: { zh: '微博', en: 'Weibo' },
  douyin: { zh: '抖音', en: 'Douyin' },
  toutiao: { zh: '今日头条', en: 'Toutiao' },
  kuaishou: { zh: '快手', en: 'Kuaishou' },
  channels: { zh: '微信视频号', en: 'WeChat Channels' },
  app: { zh: '移动客户端', en: 'Mobile app' },
  other: { zh: '其他', en: 'Other' },
};
export const STATUS_NAMES: Record<'open' | 'closed', Msg> = { open: { zh: '运行中', en: 'active' }, closed: { zh: '已关停', en: 'closed' } };

/** Days without an update after which an account fails the inspection (2 weeks). */
export const STALE_DAYS = 14;

export const LABELS: Record<string, Msg> = {
  platform: { zh: '平台', en: 'Platform' },
  name: { zh: '账号名称', en: 'Account name' },
  account_id: { zh: '账号 ID', en: 'Account ID' },
  operator: { zh: '运营主体', en: 'Operator' },
  opened_on: { zh: '开设日期', en: 'Opened on' },
  status: { zh: '状态', en: 'Status' },
  closed_on: { zh: '关停日期', en: 'Closed on' },
  qr: { zh: '二维码图片', en: 'QR code image' },
  inspected_on: { zh: '检查日期', en: 'Inspection date' },
  last_post_on: { zh: '最近更新日期', en: 'Last update' },
  interaction_ok: { zh: '互动功能有效', en: 'Interaction works' },
  note: { zh: '检查意见', en: 'Findings' },
};

type Errors = Record<string, Msg>;
const text = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '');
const need = (k: string): Msg => ({ zh: `请填写${LABELS[k].zh}`, en: `${LABELS[k].en} is required` });

/** A calendar date YYYY-MM-DD that exists (2024-02-30 does not). */
export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const dateField = (raw: unknown, k: string, errors: Errors, required: boolean, today: string): string | null => {
  const s = text(raw);
  if (!s) {
    if (required) errors[k] = need(k);
    return null;
  }
  if (!validDate(s)) errors[k] = { zh: `${LABELS[k].zh}不是有效日期（格式 2020-08-25）`, en: `${LABELS[k].en} is not a valid date (YYYY-MM-DD)` };
  else if (s > today) errors[k] = { zh: `${LABELS[k].zh}不能晚于今天`, en: `${LABELS[k].en} cannot be in the future` };
  return s;
};

export interface AccountInput { platform: Platform; name: string; account_id: string; operator: string; opened_on: string | null; status: 'open' | 'closed'; closed_on: string | null }

export function validateAccount(raw: Record<string, unknown>, today: string): { value: AccountInput; errors: Errors } {
  const errors: Errors = {};
  const platform = text(raw.platform) as Platform;
  if (!PLATFORMS.includes(platform)) errors.platform = { zh: '请选择平台', en: 'Choose a platform' };
  const status = text(raw.status) === 'closed' ? 'closed' : 'open';
  const value: AccountInput = {
    platform, name: text(raw.name), account_id: text(raw.account_id), operator: text(raw.operator), status,
    opened_on: dateField(raw.opened_on, 'opened_on', errors, false, today),
    closed_on: dateField(raw.closed_on, 'closed_on', errors, status === 'closed', today),
  };
  for (const k of ['name', 'operator'] as const) {
    if (!value[k]) errors[k] = need(k);
    else if (value[k].length > 80) errors[k] = { zh: `${LABELS[k].zh}不能超过 80 个字`, en: `${LABELS[k].en} may have at most 80 characters` };
  }
  if (value.account_id.length > 80) errors.account_id = { zh: '账号 ID 不能超过 80 个字', en: 'At most 80 characters' };
  if (status === 'open') value.closed_on = null;
  if (value.opened_on && value.closed_on && value.closed_on < value.opened_on) errors.closed_on = { zh: '关停日期不能早于开设日期', en: 'Closed before it was opened' };
  return { value, errors };
}

export interface InspectionInput { inspected_on: string; last_post_on: string | null; interaction_ok: boolean; note: string }

export function validateInspection(raw: Record<string, unknown>, today: string): { value: InspectionInput; errors: Errors } {
  const errors: Errors = {};
  const value: InspectionInput = {
    inspected_on: dateField(raw.inspected_on, 'inspected_on', errors, true, today) ?? '',
    last_post_on: dateField(raw.last_post_on, 'last_post_on', errors, false, today),
    interaction_ok: raw.interaction_ok === '1' || raw.interaction_ok === 'on' || raw.interaction_ok === true,
    note: text(raw.note),
  };
  if (value.note.length > 1000) errors.note = { zh: '检查意见不能超过 1000 字', en: 'At most 1,000 characters' };
  if (value.last_post_on && value.inspected_on && value.last_post_on > value.inspected_on) errors.last_post_on = { zh: '最近更新日期不能晚于检查日期', en: 'The last update cannot be after the inspection' };
  return { value, errors };
}

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The inspection's verdict: the single-veto findings of the 国办 indicators, each in words. */
export function verdict(i: InspectionInput): { pass: boolean; findings: Msg[] } {
  const findings: Msg[] = [];
  if (!i.last_post_on) findings.push({ zh: '未发布内容（僵尸号）', en: 'Nothing published (dormant account)' });
  else if (days(i.last_post_on, i.inspected_on) > STALE_DAYS) findings.push({ zh: `检查前 ${STALE_DAYS} 天内未更新（${days(i.last_post_on, i.inspected_on)} 天）`, en: `Not updated in the ${STALE_DAYS} days before the check (${days(i.last_post_on, i.inspected_on)} days)` });
  if (!i.interaction_ok) findings.push({ zh: '互动回应差，未提供有效互动功能', en: 'No working interaction' });
  return { pass: findings.length === 0, findings };
}
