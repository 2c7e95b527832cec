/**
 * Pure rules of public participation in 重大行政决策 (work point 3 of the 2020 plan), from
 * 《重大行政决策程序暂行条例》(国务院令第713号, 2019; shared/domain/reference.md §6.2). Departments and
 * township governments follow the same procedure (第四十二条: 参照本条例), so every unit keeps one.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { addDays, isIsoDate, toDayNumber } from '../../../core/calendar/dates.ts';

type Errors = Record<string, Msg>;
const text = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '');

/**
 * 第三条第三款: the deciding body may publish a 决策事项目录 (and adjust it). Each entry's status:
 * listed → under public consultation → being decided → decided (作出决定) or taken off the list.
 */
export const DECISION_STATUSES = ['planned', 'consulting', 'deciding', 'adopted', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_NAMES: Record<DecisionStatus, Msg> = {
  planned: { zh: '已列入目录', en: 'Listed' },
  consulting: { zh: '征求意见中', en: 'Under consultation' },
  deciding: { zh: '审议中', en: 'Being decided' },
  adopted: { zh: '已作出决策', en: 'Decided' },
  withdrawn: { zh: '已调出目录', en: 'Taken off the list' },
};

/**
 * 第十五条: 公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明.
 * Counted in calendar days, both ends included (1 to 30 June is 30 days).
 */
export const MIN_COMMENT_DAYS = 30;

export function windowDays(opensOn: string, closesOn: string): number {
  return toDayNumber(closesOn) - toDayNumber(opensOn) + 1;
}

/** The window rule: closes on or after it opens; shorter than 30 days only with the reason written down. */
export function checkWindow(w: { opens_on: string; closes_on: string; short_reason: string }): Errors {
  const errors: Errors = {};
  if (!isIsoDate(w.opens_on)) errors.opens_on = { zh: '开始日期不是有效日期（格式 2026-06-01）', en: 'The opening date is not a valid date (YYYY-MM-DD)' };
  if (!isIsoDate(w.closes_on)) errors.closes_on = { zh: '截止日期不是有效日期（格式 2026-06-30）', en: 'The closing date is not a valid date (YYYY-MM-DD)' };
  if (Object.keys(errors).length) return errors;
  const days = windowDays(w.opens_on, w.closes_on);
  if (days < 1) errors.closes_on = { zh: '截止日期不能早于开始日期', en: 'The window closes before it opens' };
  else if (days < MIN_COMMENT_DAYS && !w.short_reason)
    errors.short_reason = {
      zh: `征求意见期限为 ${days} 日，少于 ${MIN_COMMENT_DAYS} 日，须说明缩短期限的理由（《重大行政决策程序暂行条例》第十五条）`,
      en: `The window is ${days} days, under ${MIN_COMMENT_DAYS}: state why it is shortened (Regulation on Major Administrative Decisions, Art. 15)`,
    };
  return errors;
}

export type Phase = 'draft' | 'upcoming' | 'open' | 'closed';
export const PHASE_NAMES: Record<Phase, Msg> = {
  draft: { zh: '未发布', en: 'Not published' },
  upcoming: { zh: '即将开始', en: 'Opens soon' },
  open: { zh: '正在征求意见', en: 'Open for comment' },
  closed: { zh: '征求意见已结束', en: 'Closed' },
};

/** Where a consultation stands on `today` (Asia/Shanghai): comments are taken from opens_on to closes_on inclusive. */
export function phaseOf(c: { published: boolean; opens_on: string; closes_on: string }, today: string): Phase {
  if (!c.published) return 'draft';
  if (today < c.opens_on) return 'upcoming';
  return today <= c.closes_on ? 'open' : 'closed';
}

/**
 * 第十八条 (归纳整理、研究论证，充分采纳合理意见) and 第二十九条第二项 / 第三十二条 (the 研究采纳情况 goes to the
 * deciding meeting and is explained when the decision is published): a decision that went out for public
 * comment is marked decided only once every consultation on it is closed and its feedback published.
 * Returns the reason it may not, or null.
 */
export function adoptionBlocker(consultations: readonly { published: boolean; feedback_published: boolean; title: string }[]): Msg | null {
  const published = consultations.filter((c) => c.published);
  if (!published.length) return { zh: '该决策事项尚未公开征求意见，不能标记为已作出决策（第十四条、第十五条）', en: 'The decision has not been put out for public comment yet (Arts. 14–15)' };
  const missing = published.find((c) => !c.feedback_published);
  if (missing) return { zh: `“${missing.title}”的意见采纳情况尚未公布，不能标记为已作出决策（第十八条、第三十二条）`, en: `The feedback on “${missing.title}” is not published yet (Arts. 18 and 32)` };
  return null;
}

/** Moderation: comments are read before they are shown; a refusal names one of these reasons. */
export const REJECT_REASONS = ['abuse', 'irrelevant', 'personal_data', 'advertising', 'unlawful', 'duplicate'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_NAMES: Record<RejectReason, Msg> = {
  abuse: { zh: '含有辱骂、人身攻击等内容', en: 'Abusive or insulting' },
  irrelevant: { zh: '与征求意见的事项无关', en: 'Not about the draft' },
  personal_data: { zh: '含有他人的个人信息', en: 'Contains other people’s personal data' },
  advertising: { zh: '含有广告或推销内容', en: 'Advertising' },
  unlawful: { zh: '含有违反法律法规的内容', en: 'Unlawful content' },
  duplicate: { zh: '与本人已提交的意见重复', en: 'Repeats an earlier comment by the same person' },
};

export const ADOPTIONS = ['adopted', 'partly', 'not_adopted'] as const;
export type Adoption = (typeof ADOPTIONS)[number];
export const ADOPTION_NAMES: Record<Adoption, Msg> = {
  adopted: { zh: '采纳', en: 'Adopted' },
  partly: { zh: '部分采纳', en: 'Partly adopted' },
  not_adopted: { zh: '未采纳', en: 'Not adopted' },
};

export const LABELS: Record<string, Msg> = {
  year: { zh: '目录年度', en: 'Catalogue year' },
  title: { zh: '名称', en: 'Title' },
  summary: { zh: '主要内容', en: 'What it is about' },
  undertaker: { zh: '决策承办单位', en: 'Undertaking unit' },
  status: { zh: '状态', en: 'Status' },
  draft_html: { zh: '决策草案', en: 'Draft' },
  explanation_html: { zh: '起草说明', en: 'Explanation of the draft' },
  opens_on: { zh: '征求意见开始日期', en: 'Comments open on' },
  closes_on: { zh: '征求意见截止日期', en: 'Comments close on' },
  short_reason: { zh: '缩短期限的理由', en: 'Why the window is shorter than 30 days' },
  related: { zh: '相关文件（索引号，每行一个）', en: 'Related documents (index numbers, one a line)' },
  name: { zh: '姓名（选填，将随意见公开）', en: 'Name (optional, shown with your comment)' },
  contact: { zh: '联系电话或电子邮箱（必填，不公开）', en: 'Phone or e-mail (required, never published)' },
  body: { zh: '意见建议', en: 'Your comment' },
  reason: { zh: '不予公开的理由', en: 'Reason for not publishing' },
  summary_fb: { zh: '意见采纳情况说明', en: 'Summary of the feedback' },
  held_on: { zh: '听证日期', en: 'Hearing date' },
  held_time: { zh: '开始时间', en: 'Start time' },
  place: { zh: '听证地点', en: 'Place' },
  signup_closes_on: { zh: '报名截止日期', en: 'Sign-up closes on' },
  seats: { zh: '听证参加人名额', en: 'Seats for participants' },
  selection_method: { zh: '听证参加人遴选办法', en: 'How participants are chosen' },
  record: { zh: '听证会记录', en: 'Record of the hearing' },
  statement: { zh: '拟陈述的主要观点', en: 'What you wish to say' },
};

const need = (k: string): Msg => ({ zh: `请填写${LABELS[k].zh.replace(/（.*）$/, '')}`, en: `${LABELS[k].en.replace(/ \(.*\)$/, '')} is required` });
const tooLong = (k: string, n: number): Msg => ({ zh: `${LABELS[k].zh.replace(/（.*）$/, '')}不能超过 ${n} 个字`, en: `${LABELS[k].en.replace(/ \(.*\)$/, '')}: at most ${n} characters` });

function required(raw: Record<string, unknown>, k: string, max: number, errors: Errors): string {
  const v = text(raw[k]);
  if (!v) errors[k] = need(k);
  else if (v.length > max) errors[k] = tooLong(k, max);
  return v;
}

export interface DecisionInput { year: number; title: string; summary: string; undertaker: string }

export function validateDecision(raw: Record<string, unknown>, today: string): { value: DecisionInput; errors: Errors } {
  const errors: Errors = {};
  const y = Number(text(raw.year));
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(y) || y < 2019 || y > thisYear + 1) errors.year = { zh: `目录年度须在 2019 至 ${thisYear + 1} 之间`, en: `The year must be between 2019 and ${thisYear + 1}` };
  const value = { year: y, title: required(raw, 'title', 200, errors), summary: text(raw.summary), undertaker: required(raw, 'undertaker', 100, errors) };
  if (value.summary.length > 2000) errors.summary = tooLong('summary', 2000);
  return { value, errors };
}

export interface ConsultationInput { title: string; draft_html: string; explanation_html: string; opens_on: string; closes_on: string; short_reason: string; related: string[] }

export function validateConsultation(raw: Record<string, unknown>): { value: ConsultationInput; errors: Errors } {
  const errors: Errors = {};
  const related = [...new Set(text(raw.related).split(/[\s,，;；]+/).filter(Boolean))];
  const value: ConsultationInput = {
    title: required(raw, 'title', 200, errors),
    draft_html: required(raw, 'draft_html', 200_000, errors),
    explanation_html: required(raw, 'explanation_html', 100_000, errors),
    opens_on: text(raw.opens_on), closes_on: text(raw.closes_on), short_reason: text(raw.short_reason), related,
  };
  if (value.short_reason.length > 500) errors.short_reason = tooLong('short_reason', 500);
  if (related.length > 20) errors.related = { zh: '相关文件最多 20 个', en: 'At most 20 related documents' };
  Object.assign(errors, checkWindow(value));
  return { value, errors };
}

const PHONE = /^(?:\+?86[ -]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@<>()]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,24}$/;

/** A phone number (mobile or 区号-座机) or an e-mail address, as the contact a unit can reply to. */
export function validContact(s: string): boolean {
  return PHONE.test(s.replace(/\s/g, '')) || EMAIL.test(s);
}

export interface CommentInput { name: string; contact: string; body: string }

export function validateComment(raw: Record<string, unknown>): { value: CommentInput; errors: Errors } {
  const errors: Errors = {};
  const value = { name: text(raw.name), contact: text(raw.contact), body: text(raw.body).replace(/\r\n?/g, '\n') };
  if (value.name.length > 40) errors.name = { zh: '姓名不能超过 40 个字', en: 'Name: at most 40 characters' };
  if (!value.contact) errors.contact = { zh: '请填写联系电话或电子邮箱（不会公开）', en: 'A phone number or e-mail is required (it is never published)' };
  else if (value.contact.length > 120 || !validContact(value.contact)) errors.contact = { zh: '联系方式须为手机号、座机号（含区号）或电子邮箱', en: 'Give a mobile number, a landline with area code, or an e-mail address' };
  if (value.body.length < 5) errors.body = { zh: '意见建议至少 5 个字', en: 'The comment needs at least 5 characters' };
  else if (value.body.length > 5000) errors.body = { zh: '意见建议不能超过 5000 字', en: 'The comment may have at most 5,000 characters' };
  return { value, errors };
}

export interface ModerationInput { action: 'publish' | 'reject'; reason: RejectReason | null }

export function validateModeration(raw: Record<string, unknown>): { value: ModerationInput; errors: Errors } {
  const errors: Errors = {};
  const action = text(raw.action) === 'reject' ? 'reject' : text(raw.action) === 'publish' ? 'publish' : null;
  if (!action) errors.action = { zh: '请选择公开或不予公开', en: 'Choose publish or reject' };
  const reason = text(raw.reason) as RejectReason;
  if (action === 'reject' && !REJECT_REASONS.includes(reason)) errors.reason = { zh: '不予公开须选择理由', en: 'Choose the reason for not publishing' };
  return { value: { action: action ?? 'publish', reason: action === 'reject' ? reason : null }, errors };
}

export interface FeedbackInput { summary: string; verdicts: Map<number, { adoption: Adoption; response: string }> }

/**
 * 第十八条 / 第三十二条: the feedback says how many comments came in, which were adopted, and why the
 * others were not — so each published comment gets a verdict, and a comment not (fully) adopted its reason.
 */
export function validateFeedback(raw: Record<string, unknown>, commentIds: readonly number[]): { value: FeedbackInput; errors: Errors } {
  const errors: Errors = {};
  const summary = required(raw, 'summary_fb', 20_000, errors);
  const verdicts = new Map<number, { adoption: Adoption; response: string }>();
  for (const id of commentIds) {
    const adoption = text(raw[`adoption_${id}`]) as Adoption;
    const response = text(raw[`response_${id}`]);
    if (!ADOPTIONS.includes(adoption)) errors[`adoption_${id}`] = { zh: `请选择第 ${id} 号意见的采纳情况`, en: `Choose whether comment ${id} was adopted` };
    else if (adoption !== 'adopted' && !response) errors[`response_${id}`] = { zh: `第 ${id} 号意见未采纳或部分采纳，须说明理由`, en: `Comment ${id} was not (fully) adopted: give the reason` };
    if (response.length > 2000) errors[`response_${id}`] = { zh: '说明不能超过 2000 字', en: 'At most 2,000 characters' };
    verdicts.set(id, { adoption, response });
  }
  return { value: { summary, verdicts }, errors };
}

/**
 * 第十六条: hearings for matters that touch people's interests directly; the draft, time and place are
 * published in advance, with the way participants are chosen and (before the hearing) their names;
 * materials reach participants 7 days before — so sign-up closes at least 7 days before the hearing.
 */
export const HEARING_NOTICE_DAYS = 7;

export interface HearingInput { held_on: string; held_time: string; place: string; signup_closes_on: string; seats: number; selection_method: string }

export function validateHearing(raw: Record<string, unknown>): { value: HearingInput; errors: Errors } {
  const errors: Errors = {};
  const value: HearingInput = {
    held_on: text(raw.held_on), held_time: text(raw.held_time), place: required(raw, 'place', 200, errors),
    signup_closes_on: text(raw.signup_closes_on), seats: Number(text(raw.seats)), selection_method: required(raw, 'selection_method', 2000, errors),
  };
  if (!isIsoDate(value.held_on)) errors.held_on = { zh: '听证日期不是有效日期', en: 'The hearing date is not a valid date' };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value.held_time)) errors.held_time = { zh: '开始时间格式为 09:30', en: 'Start time as 09:30' };
  if (!isIsoDate(value.signup_closes_on)) errors.signup_closes_on = { zh: '报名截止日期不是有效日期', en: 'The sign-up closing date is not a valid date' };
  else if (isIsoDate(value.held_on) && value.signup_closes_on > addDays(value.held_on, -HEARING_NOTICE_DAYS))
    errors.signup_closes_on = { zh: `报名须在听证会 ${HEARING_NOTICE_DAYS} 日前截止，以便提前送达听证材料（第十六条）`, en: `Sign-up must close ${HEARING_NOTICE_DAYS} days before the hearing so materials reach participants in time (Art. 16)` };
  if (!Number.isInteger(value.seats) || value.seats < 1 || value.seats > 500) errors.seats = { zh: '名额须为 1 至 500 的整数', en: 'Seats: a whole number from 1 to 500' };
  return { value, errors };
}

export interface SignupInput { name: string; contact: string; statement: string }

export function validateSignup(raw: Record<string, unknown>): { value: SignupInput; errors: Errors } {
  const errors: Errors = {};
  const value = { name: text(raw.name), contact: text(raw.contact), statement: text(raw.statement) };
  if (!value.name) errors.name = { zh: '报名参加听证须填写姓名（入选后名单将公布，第十六条）', en: 'A name is required to sign up (the list of chosen participants is published, Art. 16)' };
  else if (value.name.length > 40) errors.name = { zh: '姓名不能超过 40 个字', en: 'Name: at most 40 characters' };
  const c = validateComment({ contact: value.contact, body: 'xxxxx' }).errors.contact;
  if (c) errors.contact = c;
  if (value.statement.length > 2000) errors.statement = tooLong('statement', 2000);
  return { value, errors };
}
