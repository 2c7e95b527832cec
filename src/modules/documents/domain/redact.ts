// Redaction (脱敏) of personal data in what a document stores: its plain-text fields, its body HTML
// and the snapshots of its published versions.
//
// 条例 第十五条: personal privacy is not disclosed. Masking the current text is not enough when the
// version history (条例 第五十三条 keeps it for accuracy) still shows the number in its diff, so a
// redaction rewrites every place the chosen numbers appear, with masks as long as the numbers so
// that what was said around them stays readable (110101********1234, or every digit hidden).
// Only the numbers the user chose are touched (identified by pii.ts normalizedValue).

import type { VersionSnapshot } from './diff.ts';
import { findPersonalData, maskValue, normalizedValue, redactPersonalData, type MaskStyle } from './pii.ts';
import { htmlToText } from './sanitize.ts';

export interface RedactOptions {
  /** normalizedValue of each number to hide */
  only: ReadonlySet<string>;
  style: MaskStyle;
}

export interface RedactResult<T> {
  value: T;
  /** numbers replaced */
  count: number;
  /** chosen numbers a reader would still see (e.g. split by markup we could not follow) */
  missed: number;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** Masks `value` where inline tags split it (<b>1101</b>01…), keeping the tags. */
function maskAcrossTags(html: string, value: string, masked: string): { html: string; n: number } {
  const pattern = [...value].map((c) => c.replace(ESCAPE, '\\$&')).join('(?:<[^>]*>)*');
  const re = new RegExp(`(?<![0-9０-９])${pattern}(?![0-9０-９])`, 'g');
  let n = 0;
  const out = html.replace(re, (m) => {
    n++;
    let i = 0;
    return m.replace(/<[^>]*>|[^<]/g, (tok) => (tok.length > 1 ? tok : (masked[i++] ?? tok)));
  });
  return { html: out, n };
}

const chosen = (text: string, o: RedactOptions) => findPersonalData(text).filter((m) => o.only.has(normalizedValue(m.value)));

/** Plain text: every occurrence of the chosen numbers. */
export function redactText(text: string, o: RedactOptions): RedactResult<string> {
  const r = redactPersonalData(text, o);
  return { value: r.text, count: r.count, missed: 0 };
}

/** Body HTML: numbers in text and attributes (href="tel:…"), then any the reader still sees across tags. */
export function redactHtml(html: string, o: RedactOptions): RedactResult<string> {
  const first = redactPersonalData(html, o);
  let out = first.text;
  let count = first.count;
  for (const m of chosen(htmlToText(out), o)) {
    const r = maskAcrossTags(out, m.value, maskValue(m.value, m.kind, o.style));
    out = r.html;
    count += r.n;
  }
  return { value: out, count, missed: chosen(htmlToText(out), o).length };
}

/** A version snapshot (diff.ts): metadata strings and lists, body, attachment names. */
export function redactSnapshot(s: VersionSnapshot, o: RedactOptions): RedactResult<VersionSnapshot> {
  let count = 0;
  let missed = 0;
  const text = (v: string) => {
    const r = redactText(v, o);
    count += r.count;
    return r.value;
  };
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.metadata)) {
    metadata[k] = typeof v === 'string' ? text(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? text(x) : x)) : v;
  }
  const out: VersionSnapshot = { ...s, metadata };
  if (typeof s.bodyHtml === 'string') {
    const r = redactHtml(s.bodyHtml, o);
    count += r.count;
    missed += r.missed;
    out.bodyHtml = r.value;
  }
  if (typeof s.bodyText === 'string') out.bodyText = text(s.bodyText);
  if (s.attachments) out.attachments = s.attachments.map((a) => ({ ...a, name: text(a.name) }));
  return { value: out, count, missed };
}
