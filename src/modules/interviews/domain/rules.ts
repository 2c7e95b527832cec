/**
 * Pure rules of 在线访谈 and 新闻发布会 (2020 work plan points 7 and 19; shared/domain/reference.md §5.3):
 * events announced with their guests, topic and related policies, questions from the public before and
 * during the event (moderated), and the transcript (文字实录) once it is over.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { validContact } from '../../consultations/domain/rules.ts';

type Errors = Record<string, Msg>;
const text = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '');

export const KINDS = ['interview', 'press'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_NAMES: Record<Kind, Msg> = { interview: { zh: '在线访谈', en: 'Online interview' }, press: { zh: '新闻发布会', en: 'Press conference' } };

/** draft (staff only) → 预告 → 进行中 → 已结束, or 已取消 from 预告/进行中. */
export const STATUSES = ['draft', 'scheduled', 'live', 'ended', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, Msg> = {
  draft: { zh: '草稿', en: 'Draft' },
  scheduled: { zh: '预告', en: 'Scheduled' },
  live: { zh: '进行中', en: 'Live' },
  ended: { zh: '已结束', en: 'Ended' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  draft: ['scheduled'],
  scheduled: ['live', 'cancelled'],
  live: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};

/** Why a move is refused, or null. Ending needs a transcript (the 实录 is what "ended" publishes). */
export function transitionProblem(from: Status, to: Status, o: { entries: number; reason: string }): Msg | null {
  if (!TRANSITIONS[from].includes(to)) return { zh: `不能从“${STATUS_NAMES[from].zh}”改为“${STATUS_NAMES[to].zh}”`, en: `Cannot move from ${STATUS_NAMES[from].en} to ${STATUS_NAMES[to].en}` };
  if (to === 'ended' && o.entries < 1) return { zh: '结束前须录入文字实录（至少一条）', en: 'Enter the transcript (at least one entry) before ending the event' };
  if (to === 'cancelled' && !o.reason) return { zh: '取消须说明理由（将公开）', en: 'Give the reason for cancelling (it is published)' };
  return null;
}

/** Citizens may ask while the event is announced or live. */
export const takesQuestions = (status: string) => status === 'scheduled' || status === 'live';
/** What the public sees: everything but drafts. */
export const isPublic = (status: string) => status !== 'draft';

export const LABELS: Record<string, Msg> = {
  kind: { zh: '类型', en: 'Kind' },
  title: { zh: '标题', en: 'Title' },
  topic: { zh: '主题', en: 'Topic' },
  starts_at: { zh: '开始时间', en: 'Starts at' },
  place: { zh: '地点或直播渠道', en: 'Place or channel' },
  intro_html: { zh: '内容简介', en: 'Introduction' },
  statement_html: { zh: '发布词', en: 'Opening statement' },
  guests: { zh: '嘉宾（每行一位：姓名|职务|单位）', en: 'Guests (one a line: name|title|unit)' },
  officials: { zh: '发布人（每行一位：姓名|职务|单位）', en: 'Releasing officials (one a line: name|title|unit)' },
  related: { zh: '相关政策文件（索引号，每行一个）', en: 'Related policies (index numbers, one a line)' },
  videos: { zh: '视频链接（每行一个：标题|https://…）', en: 'Video links (one a line: title|https://…)' },
  name: { zh: '姓名或昵称（选填，将随问题公开）', en: 'Name (optional, shown with your question)' },
  contact: { zh: '联系电话或电子邮箱（必填，不公开）', en: 'Phone or e-mail (required, never published)' },
  body: { zh: '您的问题', en: 'Your question' },
  speaker: { zh: '发言人', en: 'Speaker' },
  entry_kind: { zh: '类别', en: 'Kind' },
  entry_html: { zh: '内容', en: 'Text' },
  question_id: { zh: '所答网友问题编号（选填）', en: 'Citizen question answered (number, optional)' },
  reason: { zh: '理由', en: 'Reason' },
  caption: { zh: '图片说明', en: 'Caption' },
  photo: { zh: '图片（JPEG 或 PNG，不超过 1 MB）', en: 'Photo (JPEG or PNG, at most 1 MB)' },
};
const bare = (m: Msg): Msg => ({ zh: m.zh.replace(/（.*）$/, ''), en: m.en.replace(/ \(.*\)$/, '') });
const need = (k: string): Msg => ({ zh: `请填写${bare(LABELS[k]).zh}`, en: `${bare(LABELS[k]).en} is required` });
const tooLong = (k: string, n: number): Msg => ({ zh: `${bare(LABELS[k]).zh}不能超过 ${n} 个字`, en: `${bare(LABELS[k]).en}: at most ${n} characters` });

export interface Person { name: string; title: string; unit_name: string }
export interface Video { title: string; url: string }

/** "姓名|职务|单位" lines (full-width ｜ also); the name and title are required. */
export function parsePeople(raw: string, field: string, errors: Errors): Person[] {
  const out: Person[] = [];
  for (const [i, line] of raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).entries()) {
    const [name = '', title = '', unit = ''] = line.split(/[|｜]/).map((s) => s.trim());
    if (!name || !title || name.length > 40 || title.length > 100 || unit.length > 100) {
      errors[field] = { zh: `第 ${i + 1} 行须为“姓名|职务|单位”（姓名不超过 40 字）`, en: `Line ${i + 1} must be “name|title|unit” (name at most 40 characters)` };
      return out;
    }
    out.push({ name, title, unit_name: unit });
  }
  if (out.length > 30) errors[field] = { zh: '最多 30 位', en: 'At most 30 people' };
  return out;
}

/** A public web address: http(s) only, a host name, no credentials — so no javascript: or data: links reach a page. */
export function validVideoUrl(s: string): boolean {
  if (s.length > 500) return false;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname && !u.username && !u.password && /^[a-z0-9.-]+$/i.test(u.hostname) && u.hostname.includes('.');
}

export function parseVideos(raw: string, errors: Errors): Video[] {
  const out: Video[] = [];
  for (const [i, line] of raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).entries()) {
    const bar = line.search(/[|｜]/);
    const title = bar < 0 ? '' : line.slice(0, bar).trim();
    const url = (bar < 0 ? line : line.slice(bar + 1)).trim();
    if (!validVideoUrl(url) || title.length > 100) {
      errors.videos = { zh: `第 ${i + 1} 行的视频链接须为 http:// 或 https:// 开头的网址`, en: `Line ${i + 1}: the video link must be an http:// or https:// address` };
      return out;
    }
    out.push({ title: title || url, url });
  }
  if (out.length > 10) errors.videos = { zh: '视频链接最多 10 个', en: 'At most 10 video links' };
  return out;
}

/** 'YYYY-MM-DDTHH:MM' (datetime-local) read as Asia/Shanghai time. */
export function parseLocalTime(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) < '2000-01-01' || Number(m[2]) > 12 || Number(m[3]) > 31 || Number(m[4]) > 23) return null;
  return d;
}

export interface EventInput {
  kind: Kind; title: string; topic: string; starts_at: Date; place: string; intro_html: string; statement_html: string;
  guests: Person[]; officials: Person[]; related: string[]; videos: Video[];
}

export function validateEvent(raw: Record<string, unknown>): { value: EventInput; errors: Errors } {
  const errors: Errors = {};
  const req = (k: string, max: number) => {
    const v = text(raw[k]);
    if (!v) errors[k] = need(k);
    else if (v.length > max) errors[k] = tooLong(k, max);
    return v;
  };
  const kind = text(raw.kind) as Kind;
  if (!KINDS.includes(kind)) errors.kind = { zh: '请选择在线访谈或新闻发布会', en: 'Choose online interview or press conference' };
  const startsRaw = text(raw.starts_at);
  const starts = parseLocalTime(startsRaw);
  if (!starts) errors.starts_at = { zh: '开始时间格式为 2026-06-01T09:30', en: 'Start time as 2026-06-01T09:30' };
  const related = [...new Set(text(raw.related).split(/[\s,，;；]+/).filter(Boolean))];
  if (related.length > 20) errors.related = { zh: '相关政策文件最多 20 个', en: 'At most 20 related policies' };
  const value: EventInput = {
    kind: KINDS.includes(kind) ? kind : 'interview', title: req('title', 200), topic: req('topic', 500), starts_at: starts ?? new Date(0), place: text(raw.place),
    intro_html: text(raw.intro_html), statement_html: text(raw.statement_html),
    guests: parsePeople(text(raw.guests), 'guests', errors), officials: parsePeople(text(raw.officials), 'officials', errors), related, videos: parseVideos(text(raw.videos), errors),
  };
  if (value.place.length > 200) errors.place = tooLong('place', 200);
  if (value.intro_html.length > 50_000) errors.intro_html = tooLong('intro_html', 50_000);
  if (value.statement_html.length > 200_000) errors.statement_html = tooLong('statement_html', 200_000);
  if (value.kind === 'press' && !value.officials.length && !errors.officials) errors.officials = { zh: '新闻发布会须填写发布人', en: 'A press conference needs its releasing officials' };
  if (value.kind === 'interview' && !value.guests.length && !errors.guests) errors.guests = { zh: '在线访谈须填写嘉宾', en: 'An online interview needs its guests' };
  return { value, errors };
}

export const ENTRY_KINDS = ['speech', 'question', 'answer'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_NAMES: Record<EntryKind, Msg> = { speech: { zh: '发言', en: 'Speech' }, question: { zh: '提问', en: 'Question' }, answer: { zh: '回答', en: 'Answer' } };

export interface EntryInput { kind: EntryKind; speaker: string; body_html: string; question_id: number | null }

export function validateEntry(raw: Record<string, unknown>): { value: EntryInput; errors: Errors } {
  const errors: Errors = {};
  const kind = text(raw.entry_kind) as EntryKind;
  if (!ENTRY_KINDS.includes(kind)) errors.entry_kind = { zh: '请选择发言、提问或回答', en: 'Choose speech, question or answer' };
  const speaker = text(raw.speaker);
  if (!speaker) errors.speaker = need('speaker');
  else if (speaker.length > 100) errors.speaker = tooLong('speaker', 100);
  const body = text(raw.entry_html);
  if (!body) errors.entry_html = need('entry_html');
  else if (body.length > 50_000) errors.entry_html = tooLong('entry_html', 50_000);
  const q = text(raw.question_id).replace(/^#/, '');
  let questionId: number | null = null;
  if (q) {
    if (/^\d{1,9}$/.test(q)) questionId = Number(q);
    else errors.question_id = { zh: '问题编号须为数字', en: 'The question number must be a number' };
  }
  return { value: { kind: ENTRY_KINDS.includes(kind) ? kind : 'speech', speaker, body_html: body, question_id: questionId }, errors };
}

export interface QuestionInput { name: string; contact: string; body: string }

export function validateQuestion(raw: Record<string, unknown>): { value: QuestionInput; errors: Errors } {
  const errors: Errors = {};
  const value = { name: text(raw.name), contact: text(raw.contact), body: text(raw.body).replace(/\r\n?/g, '\n') };
  if (value.name.length > 40) errors.name = { zh: '姓名或昵称不能超过 40 个字', en: 'Name: at most 40 characters' };
  if (!value.contact) errors.contact = { zh: '请填写联系电话或电子邮箱（不会公开）', en: 'A phone number or e-mail is required (it is never published)' };
  else if (value.contact.length > 120 || !validContact(value.contact)) errors.contact = { zh: '联系方式须为手机号、座机号（含区号）或电子邮箱', en: 'Give a mobile number, a landline with area code, or an e-mail address' };
  if (value.body.length < 5) errors.body = { zh: '问题至少 5 个字', en: 'The question needs at least 5 characters' };
  else if (value.body.length > 1000) errors.body = { zh: '问题不能超过 1000 字', en: 'The question may have at most 1,000 characters' };
  return { value, errors };
}

export const REJECT_REASONS = ['abuse', 'irrelevant', 'personal_data', 'advertising', 'unlawful', 'duplicate'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_NAMES: Record<RejectReason, Msg> = {
  abuse: { zh: '含有辱骂、人身攻击等内容', en: 'Abusive or insulting' },
  irrelevant: { zh: '与访谈主题无关', en: 'Not about the topic' },
  personal_data: { zh: '含有他人的个人信息', en: 'Contains other people’s personal data' },
  advertising: { zh: '含有广告或推销内容', en: 'Advertising' },
  unlawful: { zh: '含有违反法律法规的内容', en: 'Unlawful content' },
  duplicate: { zh: '与已有问题重复', en: 'Repeats an earlier question' },
};

export function validateModeration(raw: Record<string, unknown>): { value: { action: 'approve' | 'reject'; reason: RejectReason | null }; errors: Errors } {
  const errors: Errors = {};
  const a = text(raw.action);
  const action = a === 'approve' || a === 'reject' ? a : null;
  if (!action) errors.action = { zh: '请选择采用或不予采用', en: 'Choose approve or reject' };
  const reason = text(raw.reason) as RejectReason;
  if (action === 'reject' && !REJECT_REASONS.includes(reason)) errors.reason = { zh: '不予采用须选择理由', en: 'Choose the reason for rejecting' };
  return { value: { action: action ?? 'approve', reason: action === 'reject' ? reason : null }, errors };
}
