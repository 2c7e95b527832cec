/** Display words of the module: statuses (the domain's plus the intake state), steps, channels, categories. */
import type { Msg } from '../../../core/render/i18n.ts';
import { CATEGORIES, CHANNEL_LABELS, DELIVERY_METHODS, DISPOSITIONS, LETTER_KINDS, STATUS_LABELS, TRANSITIONS, type ApplicantCategory, type CaseStatus, type Channel, type DispositionKey, type LetterKind, type TransitionName } from '../domain/index.ts';

export const SUBMITTED_LABEL: Msg = { zh: '已提交，待确认登记', en: 'submitted, awaiting confirmation' };

export function statusLabel(status: string): Msg {
  if (status === 'submitted') return SUBMITTED_LABEL;
  return STATUS_LABELS[status as CaseStatus] ?? { zh: status, en: status };
}

/** The public names of steps: short, without the details staff record. */
export function stepLabel(type: string): Msg {
  if (type === 'register') return { zh: '登记申请（确认收到）', en: 'registered (receipt confirmed)' };
  // whoever records it, a withdrawal is the applicant's act
  if (type === 'withdraw') return { zh: '申请人撤回申请', en: 'withdrawn by the applicant' };
  return TRANSITIONS[type as TransitionName]?.label ?? { zh: type, en: type };
}

/** A recorded step's name on a timeline: an applicant's own withdrawal on the status page says so. */
export function eventLabel(e: { type: string; byApplicant?: boolean }): Msg {
  if (e.type === 'withdraw' && e.byApplicant) return { zh: '申请人撤回申请（通过查询页面自行撤回）', en: 'withdrawn by the applicant (on the status page)' };
  return stepLabel(e.type);
}

export function channelLabel(channel: string): Msg {
  return CHANNEL_LABELS[channel as Channel] ?? { zh: channel, en: channel };
}

export function categoryLabel(category: string): Msg {
  const c = CATEGORIES[category as ApplicantCategory];
  if (!c) return { zh: category, en: category };
  return c.group === 'natural_person' ? { zh: c.zh, en: c.en } : { zh: `法人或其他组织·${c.zh}`, en: `organisation: ${c.en}` };
}

export function dispositionLabel(key: string): Msg {
  const d = DISPOSITIONS[key as DispositionKey];
  return d ? { zh: `${d.label.zh}（${d.row}）`, en: `${d.label.en} (${d.row})` } : { zh: key, en: key };
}

export function letterLabel(kind: string): Msg {
  return LETTER_KINDS[kind as LetterKind]?.label ?? { zh: kind, en: kind };
}

export const DELIVERY_METHOD_LABELS: Record<(typeof DELIVERY_METHODS)[number], Msg> = {
  in_person: { zh: '直接送达', en: 'In person' },
  post: { zh: '邮寄送达', en: 'By post' },
  email: { zh: '电子邮件送达', en: 'By e-mail' },
  online: { zh: '网上送达', en: 'Online' },
  fax: { zh: '传真送达', en: 'By fax' },
};
