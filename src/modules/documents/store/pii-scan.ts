/**
 * Where a document holds personal data (条例 第十五条), for the editor's form, the reviewer's
 * 个人信息检查 and the redaction form: every ID, mobile and bank-card number domain/pii.ts finds in
 * the title, summary, keywords, body, the extracted text of attachments and — because the version
 * history is shown too — the stored versions, each listed once with the places it appears.
 *
 *   scanDocument(db, doc, {dataDir?, versions?, current?}) → PersonalDataReport
 *   findingKey(documentId, value) — the form's handle on a number (never the number itself)
 *
 * Attachment text is the text extracted at upload (attachments.ts extractText); when there is
 * none, the stored file is extracted again through the same function — unless the upload's
 * extraction already failed for good (text_state 'timeout', 'too_large' …: trying again on every
 * scan would spend a worker each time) — and if that yields nothing the report says the file could
 * not be checked and why, so the reviewer reads it.
 */
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { findPersonalData, normalizedValue, PERSONAL_DATA_KINDS, type Confidence, type PersonalDataKind } from '../domain/pii.ts';
import { htmlToText, sanitizeRichText } from '../domain/sanitize.ts';
import type { VersionSnapshot } from '../domain/diff.ts';
import type { AttachmentKind } from '../domain/filetype.ts';
import { extractAttachmentText, readStoredFile } from './attachments.ts';
import { FINAL_FAILURES } from '../../../core/docs/extract-pool.ts';
import type { DocumentDetail } from './repository.ts';

export interface Finding {
  key: string;
  kind: PersonalDataKind;
  confidence: Confidence;
  label: Msg;
  masked: string;
  /** where it appears: 标题, 正文, 附件：x.pdf, 第 2 版 … */
  places: Msg[];
  /** appears in text the platform stores (fields, body, versions), which a redaction can mask */
  redactable: boolean;
  /** appears inside an attachment's content: only replacing the file removes it */
  inFile: boolean;
  /** appears in the document as it is now (not only in an older version) */
  current: boolean;
}

export interface AttachmentCheck {
  id: number;
  filename: string;
  /** checked: its text was read; unavailable: no text could be extracted; not_text: an image */
  state: 'checked' | 'unavailable' | 'not_text';
  /** why no text (core/docs/extract-pool.ts TextState), when known */
  reason?: string;
  found: number;
}

export interface PersonalDataReport {
  findings: Finding[];
  attachments: AttachmentCheck[];
  /** matches in the current text and attachments (what publication counts) */
  current: number;
}

export interface ScanSource {
  place: Msg;
  text: string;
  redactable: boolean;
  /** part of the document as it is now (not an older version) */
  current: boolean;
}

const TEXT_KINDS: ReadonlySet<string> = new Set(['pdf', 'docx', 'xlsx']);

/** The form's handle on a number of this document: a salted digest, so the page never posts the number back. */
export function findingKey(documentId: number, value: string): string {
  return createHash('sha256').update(`gongkai-pii:${documentId}:${normalizedValue(value)}`).digest('hex').slice(0, 20);
}

/** Groups the matches of every source by number (pure). */
export function collectFindings(documentId: number, sources: ScanSource[]): { findings: Finding[]; current: number } {
  const byKey = new Map<string, Finding>();
  let current = 0;
  for (const s of sources) {
    for (const m of findPersonalData(s.text)) {
      if (s.current) current++;
      const key = findingKey(documentId, m.value);
      let f = byKey.get(key);
      if (!f) {
        const k = PERSONAL_DATA_KINDS[m.kind];
        f = { key, kind: m.kind, confidence: m.confidence, label: { zh: k.zh, en: k.en }, masked: m.masked, places: [], redactable: false, inFile: false, current: false };
        byKey.set(key, f);
      }
      if (!f.places.some((p) => p.zh === s.place.zh)) f.places.push(s.place);
      f.redactable ||= s.redactable;
      f.inFile ||= !s.redactable;
      f.current ||= s.current;
    }
  }
  return { findings: [...byKey.values()], current };
}

const FIELD: Record<string, Msg> = {
  title: { zh: '标题', en: 'title' },
  summary: { zh: '内容概述', en: 'summary' },
  keywords: { zh: '关键词', en: 'keywords' },
  source: { zh: '信息来源', en: 'source' },
  body: { zh: '正文', en: 'body' },
};

function snapshotText(s: VersionSnapshot): string {
  const meta = Object.values(s.metadata).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []));
  return [...meta, s.bodyText ?? htmlToText(s.bodyHtml ?? ''), ...(s.attachments ?? []).map((a) => a.name)].join('\n');
}

/**
 * Scans the document. `current` replaces the stored title/summary/body with the text being saved
 * (a refused form shows the matches of what was typed, not of what is stored).
 */
export async function scanDocument(
  db: DbOrTx, d: DocumentDetail,
  o: { dataDir?: string | null; versions?: boolean; current?: { title?: string | null; summary?: string | null; bodyHtml?: string | null; keywords?: string | null } } = {},
): Promise<PersonalDataReport> {
  const cur = o.current;
  const sources: ScanSource[] = [
    { place: FIELD.title, text: cur?.title ?? d.title, redactable: true, current: true },
    { place: FIELD.summary, text: (cur ? cur.summary : d.summary) ?? '', redactable: true, current: true },
    { place: FIELD.keywords, text: cur ? (cur.keywords ?? '') : d.keywords.join('，'), redactable: true, current: true },
    { place: FIELD.source, text: d.source ?? '', redactable: true, current: true },
    { place: FIELD.body, text: cur ? htmlToText(sanitizeRichText(cur.bodyHtml ?? '')) : d.body_text, redactable: true, current: true },
  ];
  const texts = d.attachments.length
    ? new Map((await db.selectFrom('document_attachments').select(['id', 'text_content', 'text_state']).where('document_id', '=', d.id).execute()).map((r) => [r.id, r]))
    : new Map<number, { text_content: string | null; text_state: string | null }>();
  const attachments: AttachmentCheck[] = [];
  for (const a of d.attachments) {
    const row = texts.get(a.id);
    let text = row?.text_content ?? '';
    let reason = row?.text_state ?? undefined;
    if (!text.trim() && TEXT_KINDS.has(a.kind) && o.dataDir && !(reason && FINAL_FAILURES.has(reason))) {
      const bytes = readStoredFile(o.dataDir, a.sha256);
      if (bytes) {
        const x = await extractAttachmentText(a.kind as AttachmentKind, bytes);
        text = x.text;
        reason = x.state ?? undefined;
      }
    }
    const state: AttachmentCheck['state'] = !TEXT_KINDS.has(a.kind) ? 'not_text' : text.trim() ? 'checked' : 'unavailable';
    const found = findPersonalData(text).length + findPersonalData(a.filename).length;
    attachments.push({ id: a.id, filename: a.filename, state, found, ...(state === 'unavailable' && reason ? { reason } : {}) });
    const place = { zh: `附件：${a.filename}`, en: `attachment: ${a.filename}` };
    sources.push({ place, text, redactable: false, current: true }, { place, text: a.filename, redactable: true, current: true });
  }
  if (o.versions) {
    const versions = await db.selectFrom('document_versions').select(['version', 'snapshot']).where('document_id', '=', d.id).orderBy('version').execute();
    for (const v of versions) {
      const snap = (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as VersionSnapshot;
      sources.push({ place: { zh: `历史版本第 ${v.version} 版`, en: `version ${v.version}` }, text: snapshotText(snap), redactable: true, current: false });
    }
  }
  return { ...collectFindings(d.id, sources), attachments };
}
