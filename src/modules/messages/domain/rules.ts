/**
 * 留言/咨询 (citizen messages), pure rules. Work point 8 of the 2020 plan (shared/seed/work-plan-2020):
 * citizens ask a unit a question and get an answer within a set number of working days; answers are
 * published with the asker's consent, personal data removed.
 * No statute fixes the answer period. The binding outside rule is 《政府网站与政务新媒体检查指标》
 * (国办秘函〔2019〕19号) 单项否决第6项: a site without an effective consultation channel, or with a valid
 * 政务咨询 message unanswered for more than 3 months, fails (shared/domain/reference.md §5.2); answer
 * time is also scored. So the period is a setting — default 5 working days, the plan's figure — counted
 * on the holiday calendar from the day after receipt (the counting convention of 《政府信息公开条例》
 * 第三十三条), and `LONG_UNANSWERED_DAYS` flags the veto line.
 */
import type { WorkCalendar } from '../../../core/calendar/calendar.ts';
import type { Msg } from '../../../core/render/i18n.ts';

/** Default answer period in working days (work plan 2020, point 8); a unit may set its own. */
export const DEFAULT_ANSWER_WORKDAYS = 5;
/** Inside this many working days of the due date a message is "due soon". */
export const DUE_SOON_WORKDAYS = 1;
/** 国办秘函〔2019〕19号 单项否决第6项: unanswered for more than 3 months (counted here as 90 calendar days). */
export const LONG_UNANSWERED_DAYS = 90;

export const STATUSES = ['received', 'assigned', 'answered', 'published', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<Status, Msg> = {
  received: { zh: '已受理', en: 'Received' },
  assigned: { zh: '办理中', en: 'Being handled' },
  answered: { zh: '已答复', en: 'Answered' },
  published: { zh: '已答复并公开', en: 'Answered and published' },
  rejected: { zh: '不予处理', en: 'Not handled' },
};

export type Action = 'assign' | 'transfer' | 'answer' | 'publish' | 'reject' | 'faq';

/** Which actions each state allows: the state machine of a message. */
const TRANSITIONS: Record<Status, Partial<Record<Action, Status>>> = {
  received: { assign: 'assigned', transfer: 'received', answer: 'answered', reject: 'rejected' },
  assigned: { assign: 'assigned', transfer: 'received', answer: 'answered', reject: 'rejected' },
  answered: { answer: 'answered', publish: 'published', faq: 'answered' },
  published: { faq: 'published' },
  rejected: {},
};

/** The state after `action`, or null when the action is not allowed in `from`. */
export function nextStatus(from: Status, action: Action): Status | null {
  return TRANSITIONS[from]?.[action] ?? null;
}
export const allowed = (from: Status, action: Action) => nextStatus(from, action) !== null;

export const CATEGORIES = ['consultation', 'policy', 'suggestion', 'complaint', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_NAMES: Record<Category, Msg> = {
  consultation: { zh: '咨询', en: 'Question' },
  policy: { zh: '政策咨询', en: 'Policy question' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  complaint: { zh: '投诉', en: 'Complaint' },
  other: { zh: '其他', en: 'Other' },
};

export const REJECT_REASONS = ['spam', 'abusive', 'duplicate', 'not_ours', 'unclear'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_NAMES: Record<RejectReason, Msg> = {
  spam: { zh: '广告或垃圾信息', en: 'Advertising or spam' },
  abusive: { zh: '含有辱骂、攻击等内容', en: 'Abusive content' },
  duplicate: { zh: '重复留言', en: 'Duplicate' },
  not_ours: { zh: '不属于本平台受理范围（已告知渠道）', en: 'Not for this channel (the right one was given)' },
  unclear: { zh: '内容无法辨识', en: 'Cannot be understood' },
};

export const LIMITS = { subject: 80, body: 2000, name: 40, contact: 60, answer: 5000, reason: 500 };

export interface MessageInput { category: Category; subject: string; body: string; name: string; contact: string; consent: boolean }

const PHONE = /^(?:\+?86[\s-]?)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,}$/;
const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** Validates the ask form; every problem names its field (422, nothing stored). */
export function validateMessage(raw: Record<string, unknown>): { value: MessageInput; errors: Record<string, Msg> } {
  const errors: Record<string, Msg> = {};
  const category = str(raw.category) as Category;
  if (!CATEGORIES.includes(category)) errors.category = { zh: '请选择留言类别', en: 'Choose a category' };
  const subject = str(raw.subject);
  if (!subject) errors.subject = { zh: '请填写标题', en: 'Enter a subject' };
  else if (subject.length > LIMITS.subject) errors.subject = { zh: `标题不超过 ${LIMITS.subject} 字`, en: `The subject may have at most ${LIMITS.subject} characters` };
  const body = str(raw.body);
  if (body.length < 5) errors.body = { zh: '请填写留言内容（至少 5 个字）', en: 'Enter your question (at least 5 characters)' };
  else if (body.length > LIMITS.body) errors.body = { zh: `留言内容不超过 ${LIMITS.body} 字`, en: `The question may have at most ${LIMITS.body} characters` };
  const name = str(raw.name);
  if (name.length > LIMITS.name) errors.name = { zh: `姓名不超过 ${LIMITS.name} 字`, en: `The name may have at most ${LIMITS.name} characters` };
  const contact = str(raw.contact);
  if (!contact) errors.contact = { zh: '请填写手机号码或电子邮箱，用于接收答复', en: 'Enter a mobile number or e-mail address for the answer' };
  else if (contact.length > LIMITS.contact || !(PHONE.test(contact.replace(/\s/g, '')) || EMAIL.test(contact))) errors.contact = { zh: '联系方式须为有效的手机号码、固定电话或电子邮箱', en: 'The contact must be a valid mobile, landline or e-mail address' };
  const consent = raw.consent === 'yes' || raw.consent === 'on' || raw.consent === true;
  return { value: { category, subject, body, name, contact, consent }, errors };
}

/** The answer must say something; staff may not publish an empty reply. */
export function validateAnswer(raw: Record<string, unknown>): { answer: string; errors: Record<string, Msg> } {
  const answer = str(raw.answer);
  const errors: Record<string, Msg> = {};
  if (answer.length < 5) errors.answer = { zh: '请填写答复内容（至少 5 个字）', en: 'Enter the answer (at least 5 characters)' };
  else if (answer.length > LIMITS.answer) errors.answer = { zh: `答复不超过 ${LIMITS.answer} 字`, en: `The answer may have at most ${LIMITS.answer} characters` };
  return { answer, errors };
}

export function validateWorkdays(raw: unknown): number | null {
  const n = Number(str(raw));
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : null;
}

/** Due date: N working days counted from the day after receipt, on the holiday calendar. */
export function dueOn(receivedOn: string, workdays: number, cal: WorkCalendar): string {
  return cal.addWorkdays(receivedOn, workdays);
}

export type Urgency = 'overdue' | 'due_soon' | 'normal';
/** Open (unanswered) messages past their due date are overdue; those within DUE_SOON_WORKDAYS are due soon. */
export function urgencyOf(m: { status: Status; due_on: string }, today: string, cal: WorkCalendar): Urgency {
  if (m.status !== 'received' && m.status !== 'assigned') return 'normal';
  if (today > m.due_on) return 'overdue';
  return cal.addWorkdays(today, DUE_SOON_WORKDAYS) >= m.due_on ? 'due_soon' : 'normal';
}

/**
 * Removes personal data an asker may have typed into a text before it is published: mobile and
 * landline numbers, ID numbers, e-mail addresses, and the asker's own name. Staff still read the
 * published text before publishing; this is the safety net.
 */
export function redact(text: string, name = ''): string {
  let s = text
    .replace(/\d{17}[\dXx]|\d{15}/g, '[身份证号已隐去]')
    .replace(/(?:\+?86[\s-]?)?1[3-9]\d{9}/g, '[电话已隐去]')
    .replace(/0\d{2,3}-?\d{7,8}/g, '[电话已隐去]')
    .replace(/[^\s@，。：；、（）()]{1,64}@[^\s@，。：；、（）()]{1,190}\.[A-Za-z]{2,}/g, '[邮箱已隐去]');
  const n = name.trim();
  if (n.length >= 2) s = s.split(n).join('[姓名已隐去]');
  return s;
}

// The year's figures (answer rate, on-time rate) are counted by the shared participation query,
// reports/store/participation.ts, so /admin/messages, the assessment and the annual report agree.
