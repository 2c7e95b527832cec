// Differences between two versions of a document, for the version history page.
//
// Every edit of a published document keeps a version (workflow.ts `recordVersion`); 条例 第六条
// (及时、准确) and 第五十三条 (liability for not updating) make it worth showing exactly what changed.
// Chinese has no spaces, so words come from Intl.Segmenter('zh'); text is compared paragraph by
// paragraph first (segmenting a whole long body at once is slow), then word by word inside each
// changed paragraph pair. The output is plain data a page renders as <ins>/<del>.

import { diffArrays, diffWords } from 'diff';
import type { Label } from './taxonomy.ts';
import { htmlToText } from './sanitize.ts';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

export interface FieldChange {
  field: string;
  label: Label;
  before: string;
  after: string;
  segments: DiffSegment[];
}

export interface BodyParagraph {
  /** change: an edited paragraph whose segments mix equal/insert/delete. */
  op: DiffOp | 'change';
  segments: DiffSegment[];
}

export interface AttachmentRef {
  name: string;
  sha256: string;
}

export interface VersionSnapshot {
  /** Metadata values by field name (strings, numbers, string arrays, null). */
  metadata: Record<string, unknown>;
  /** Sanitised body HTML; converted with htmlToText. Ignored when bodyText is given. */
  bodyHtml?: string;
  bodyText?: string;
  attachments?: AttachmentRef[];
}

export interface VersionDiff {
  changed: boolean;
  fields: FieldChange[];
  body: BodyParagraph[];
  attachments: { added: AttachmentRef[]; removed: AttachmentRef[] };
  stats: { insertedChars: number; deletedChars: number };
}

// Labels for the metadata the documents module stores (validate.ts field names).
export const FIELD_LABELS: Record<string, Label> = {
  title: { zh: '标题', en: 'Title' },
  summary: { zh: '内容概述', en: 'Summary' },
  issuingUnits: { zh: '发文机关', en: 'Issuing bodies' },
  docNumber: { zh: '文号', en: 'Document number' },
  docType: { zh: '公文种类', en: 'Document type' },
  legalForm: { zh: '文件类别', en: 'Legal form' },
  normativeRegNo: { zh: '规范性文件登记号', en: 'Normative document registration no.' },
  writtenDate: { zh: '成文日期', en: 'Date written' },
  publishDate: { zh: '发布日期', en: 'Publication date' },
  effectiveDate: { zh: '生效日期', en: 'Effective date' },
  expiryDate: { zh: '失效日期', en: 'Expiry date' },
  topic: { zh: '主题分类', en: 'Topic' },
  validity: { zh: '有效性', en: 'Validity' },
  amendedBy: { zh: '修改文件', en: 'Amended by' },
  repealedBy: { zh: '废止文件', en: 'Repealed by' },
  keywords: { zh: '关键词', en: 'Keywords' },
  source: { zh: '信息来源', en: 'Source' },
  disclosure: { zh: '公开属性', en: 'Disclosure' },
  disclosureReason: { zh: '不公开理由', en: 'Reason for non-disclosure' },
  column: { zh: '所属栏目', en: 'Column' },
  interpretationOf: { zh: '解读对象', en: 'Interprets' },
  interpretationKind: { zh: '解读形式', en: 'Interpretation kind' },
};

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const WORD_DIFF_TIMEOUT_MS = 200;
const LINE_DIFF_TIMEOUT_MS = 1000;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(show).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Word-level diff of two short strings; falls back to delete+insert if it takes too long. */
export function diffText(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const changes = diffWords(before, after, { intlSegmenter: segmenter, timeout: WORD_DIFF_TIMEOUT_MS });
  if (!changes) {
    return [
      ...(before ? [{ op: 'delete' as const, text: before }] : []),
      ...(after ? [{ op: 'insert' as const, text: after }] : []),
    ];
  }
  const out: DiffSegment[] = [];
  for (const c of changes) {
    if (!c.value) continue;
    const op: DiffOp = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += c.value;
    else out.push({ op, text: c.value });
  }
  return out;
}

function paragraphs(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Dice coefficient over character bigrams: works for Chinese, which has no word spaces. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

const PAIR_THRESHOLD = 0.4;
const ALIGN_MAX_CELLS = 10_000;

/** Order-preserving pairing of removed and added paragraphs that maximises total similarity. */
function alignParagraphs(removed: string[], added: string[]): BodyParagraph[] {
  const m = removed.length;
  const n = added.length;
  const del = (t: string): BodyParagraph => ({ op: 'delete', segments: [{ op: 'delete', text: t }] });
  const ins = (t: string): BodyParagraph => ({ op: 'insert', segments: [{ op: 'insert', text: t }] });
  if (m * n > ALIGN_MAX_CELLS) return [...removed.map(del), ...added.map(ins)];
  const sim = removed.map((a) => added.map((b) => similarity(a, b)));
  const best = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const s = sim[i - 1][j - 1];
      best[i][j] = Math.max(best[i - 1][j], best[i][j - 1], s >= PAIR_THRESHOLD ? best[i - 1][j - 1] + s : 0);
    }
  }
  // Walk back from the end; on ties prefer emitting the insert, so deletes come first in reading order.
  const rev: BodyParagraph[] = [];
  let i = m;
  let j = n;
  while (i > 0 || j > 0) {
    if (j > 0 && (i === 0 || best[i][j] === best[i][j - 1])) rev.push(ins(added[--j]));
    else if (i > 0 && (j === 0 || best[i][j] === best[i - 1][j])) rev.push(del(removed[--i]));
    else {
      rev.push({ op: 'change', segments: diffText(removed[i - 1], added[j - 1]) });
      i--;
      j--;
    }
  }
  return rev.reverse();
}

export function diffBody(beforeText: string, afterText: string): BodyParagraph[] {
  const a = paragraphs(beforeText);
  const b = paragraphs(afterText);
  const lines = diffArrays(a, b, { timeout: LINE_DIFF_TIMEOUT_MS });
  if (!lines) {
    return [
      ...a.map((t) => ({ op: 'delete' as const, segments: [{ op: 'delete' as const, text: t }] })),
      ...b.map((t) => ({ op: 'insert' as const, segments: [{ op: 'insert' as const, text: t }] })),
    ];
  }
  const out: BodyParagraph[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i];
    if (!c.added && !c.removed) {
      for (const t of c.value) out.push({ op: 'equal', segments: [{ op: 'equal', text: t }] });
      continue;
    }
    // A removed run directly followed by an added run is an edit: pair similar paragraphs and
    // diff each pair by words; the rest are whole-paragraph deletes and inserts.
    const next = lines[i + 1];
    if (c.removed && next?.added) {
      out.push(...alignParagraphs(c.value, next.value));
      i++;
      continue;
    }
    const op: DiffOp = c.added ? 'insert' : 'delete';
    for (const t of c.value) out.push({ op, segments: [{ op, text: t }] });
  }
  return out;
}

function bodyTextOf(v: VersionSnapshot): string {
  if (typeof v.bodyText === 'string') return v.bodyText;
  return htmlToText(v.bodyHtml ?? '');
}

export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): VersionDiff {
  const known = Object.keys(FIELD_LABELS);
  const keys = new Set([...Object.keys(before.metadata ?? {}), ...Object.keys(after.metadata ?? {})]);
  const ordered = [...known.filter((k) => keys.has(k)), ...[...keys].filter((k) => !known.includes(k)).sort()];

  const fields: FieldChange[] = [];
  for (const field of ordered) {
    const b = show(before.metadata?.[field]);
    const a = show(after.metadata?.[field]);
    if (a === b) continue;
    fields.push({ field, label: FIELD_LABELS[field] ?? { zh: field, en: field }, before: b, after: a, segments: diffText(b, a) });
  }

  const body = diffBody(bodyTextOf(before), bodyTextOf(after));

  const beforeAtt = before.attachments ?? [];
  const afterAtt = after.attachments ?? [];
  const key = (x: AttachmentRef) => `${x.sha256}\u0000${x.name}`;
  const beforeKeys = new Set(beforeAtt.map(key));
  const afterKeys = new Set(afterAtt.map(key));
  const attachments = {
    added: afterAtt.filter((x) => !beforeKeys.has(key(x))),
    removed: beforeAtt.filter((x) => !afterKeys.has(key(x))),
  };

  let insertedChars = 0;
  let deletedChars = 0;
  for (const s of [...fields.flatMap((f) => f.segments), ...body.flatMap((p) => p.segments)]) {
    if (s.op === 'insert') insertedChars += s.text.length;
    if (s.op === 'delete') deletedChars += s.text.length;
  }
  const changed = fields.length > 0 || body.some((p) => p.op !== 'equal') || attachments.added.length > 0 || attachments.removed.length > 0;
  return { changed, fields, body, attachments, stats: { insertedChars, deletedChars } };
}

// --- rendering helper -----------------------------------------------------------------------

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Escaped HTML with <ins>/<del>, for pages that do not build the markup themselves. */
export function segmentsToHtml(segments: DiffSegment[]): string {
  return segments
    .map((s) => (s.op === 'insert' ? `<ins>${escapeHtml(s.text)}</ins>` : s.op === 'delete' ? `<del>${escapeHtml(s.text)}</del>` : escapeHtml(s.text)))
    .join('');
}
