/**
 * An audit row as a sentence in the reader's language — "司法局 张三 发布了《…》" /
 * "Zhang San (Justice Bureau) published “…”" — from the catalogue, as segments so the page can link
 * the subject and the CSV can join them into plain text. Pure: names are looked up by the caller.
 */
import { formatDateTime, tr, type Locale, type Msg } from '../../../core/render/i18n.ts';
import { ACTIONS, REASONS, SUBJECT_TYPES, SYSTEM_ACTORS } from './catalogue.ts';

export interface Segment {
  text: string;
  href?: string;
}

export interface SentenceRow {
  action: string;
  actor_id: number | null;
  actor_name: string;
  subject_type: string;
  subject_id: string | null;
  summary: unknown;
}

/** What the caller found for a row: the acting user's name and unit, the subject's name and page. */
export interface RowNames {
  actor?: { displayName: string; unitName: string | null } | null;
  subject?: { name: string; href?: string } | null;
}

const FALLBACK: Msg = { zh: '{actor} 执行了操作“{code}”（{type}{subject}）', en: '{actor} performed “{code}” on the {type} {subject}' };

/** "司法局 张三" / "Zhang San (Justice Bureau)"; accounts that are not people by their role. */
export function actorText(l: Locale, row: Pick<SentenceRow, 'actor_id' | 'actor_name'>, actor?: RowNames['actor']): string {
  if (actor) {
    if (!actor.unitName) return actor.displayName;
    return l === 'en' ? `${actor.displayName} (${actor.unitName})` : `${actor.unitName} ${actor.displayName}`;
  }
  const sys = SYSTEM_ACTORS[row.actor_name];
  if (sys) return tr(l, sys);
  const cli = /^cli:(.*)$/.exec(row.actor_name);
  if (cli) return l === 'en' ? `Operator ${cli[1]} (command line)` : `命令行操作员 ${cli[1]}`;
  return row.actor_name;
}

export function subjectTypeName(l: Locale, type: string): string {
  return SUBJECT_TYPES[type] ? tr(l, SUBJECT_TYPES[type]) : type;
}

/** A document by its title in 《》 (“” in English); anything else quoted; unknown names by number. */
export function subjectText(l: Locale, type: string, id: string | null, name?: string | null): string {
  if (name) return type === 'document' && l !== 'en' ? `《${name}》` : `“${name}”`;
  return id ? ` #${id} ` : '';
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** The summary details a template may name, in the reader's language. */
export function details(l: Locale, summary: unknown): Record<string, string> {
  const s = (summary && typeof summary === 'object' ? summary : {}) as Record<string, unknown>;
  const before = (s.before ?? {}) as Record<string, unknown>;
  const after = (s.after ?? {}) as Record<string, unknown>;
  const reason = text(s.reason);
  const out: Record<string, string> = {};
  const put = (k: string, v: string | null) => {
    if (v !== null) out[k] = v;
  };
  put('reason', reason === null ? null : REASONS[reason] ? tr(l, REASONS[reason]) : reason);
  put('publish_at', text(s.publish_at) ? formatDateTime(l, String(s.publish_at)) : null);
  put('version', text(s.version));
  put('count', text(s.count) ?? (Array.isArray(s.ids) ? String(s.ids.length) : null));
  put('number', text(s.number));
  put('filename', text(s.filename));
  put('username', text(s.username));
  put('cases', text(s.cases));
  put('before', text(before.validity));
  put('after', text(after.validity));
  return out;
}

/** The sentence for one row, as text and link segments. */
export function sentence(l: Locale, row: SentenceRow, names: RowNames = {}): Segment[] {
  const entry = ACTIONS[row.action];
  const template = entry ? tr(l, entry) : tr(l, FALLBACK);
  const vars = details(l, row.summary);
  const subject = subjectText(l, row.subject_type, row.subject_id, names.subject?.name);
  const out: Segment[] = [];
  for (const [i, part] of template.split(/\{(\w+)\}/).entries()) {
    if (i % 2 === 0) {
      if (part) out.push({ text: part });
      continue;
    }
    if (part === 'actor') out.push({ text: actorText(l, row, names.actor) });
    else if (part === 'subject') out.push(names.subject?.href ? { text: subject.trim(), href: names.subject.href } : { text: subject });
    else if (part === 'code') out.push({ text: row.action });
    else if (part === 'type') out.push({ text: subjectTypeName(l, row.subject_type) });
    else if (part === 'username') out.push({ text: vars.username ?? (l === 'en' ? '(unknown)' : '（未知用户名）') });
    else out.push({ text: vars[part] ?? '—' });
  }
  // neighbouring text segments merge, so the CSV and screen readers get one sentence
  return out.reduce<Segment[]>((acc, s) => {
    const last = acc[acc.length - 1];
    if (last && !last.href && !s.href) last.text += s.text;
    else acc.push({ ...s });
    return acc;
  }, []).map((s) => ({ ...s, text: s.text.replace(/\s{2,}/g, ' ').replace(/\s+([）」”，。：；)])/g, '$1').replace(/([（「“(])\s+/g, '$1') }));
}

export const sentenceText = (segments: Segment[]): string => segments.map((s) => s.text).join('').trim();
