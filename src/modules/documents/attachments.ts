/**
 * Attachments (条例 第二十四条: 查阅、下载). Files live under DATA_DIR/files by SHA-256 (content
 * addressed: the same file attached twice is stored once, and a tampered file no longer matches
 * its name); the type is decided by the bytes (domain/filetype.ts), never by the name; the size
 * limit is GONGKAI_MAX_UPLOAD_MB. Text is extracted from PDF/DOCX/XLSX for the personal-data check.
 *
 *   addAttachment(db, ctx, store, documentId, {filename, data}, opts?: EditOptions) → CommandResult
 *   removeAttachment(db, ctx, attachmentId, opts?)                               → CommandResult
 *   attachmentUrl({id, document_id}) → '/api/v1/documents/:doc/attachments/:id'
 *   downloadHeaders(att) → Content-Type, Content-Disposition (RFC 5987), X-Content-Type-Options …
 *   readStoredFile(dataDir, sha256) → Buffer | null
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { extractDocxText, extractPdfText, readZipEntry } from '../../core/docs/extract.ts';
import { sniffAttachment, contentDisposition, type AttachmentKind } from './domain/filetype.ts';
import { editDocumentContent, type CommandResult, type EditOptions } from './commands.ts';

export interface FileStoreConfig {
  dataDir: string;
  maxUploadMb: number;
}

const SHA_RE = /^[0-9a-f]{64}$/;

export function storedPath(dataDir: string, sha256: string): string {
  if (!SHA_RE.test(sha256)) throw new Error('invalid sha256');
  return join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Writes the bytes once (atomic rename); an existing file with the same hash is kept. */
export function storeFile(dataDir: string, data: Uint8Array, sha256: string): string {
  const p = storedPath(dataDir, sha256);
  if (existsSync(p)) return p;
  mkdirSync(join(p, '..'), { recursive: true });
  const tmp = `${p}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, data, { mode: 0o640 });
  renameSync(tmp, p);
  return p;
}

/** The stored bytes, or null when missing or when they no longer match their hash. */
export function readStoredFile(dataDir: string, sha256: string): Buffer | null {
  let p: string;
  try {
    p = storedPath(dataDir, sha256);
  } catch {
    return null;
  }
  if (!existsSync(p)) return null;
  const b = readFileSync(p);
  return createHash('sha256').update(b).digest('hex') === sha256 ? b : null;
}

/** Best-effort text of a file for the personal-data check; '' when the kind has no text or reading fails. */
export async function extractText(kind: AttachmentKind, data: Buffer): Promise<string> {
  try {
    if (kind === 'pdf') return (await extractPdfText(data)).slice(0, 2_000_000);
    if (kind === 'docx') return extractDocxText(data).slice(0, 2_000_000);
    if (kind === 'xlsx') {
      const xml = readZipEntry(data, 'xl/sharedStrings.xml')?.toString('utf8') ?? '';
      return xml.replace(/<\/si>/g, '\n').replace(/<[^>]+>/g, '').slice(0, 2_000_000);
    }
  } catch {
    // an unreadable body is not a reason to refuse the file; the reviewer still checks it (第十五条)
  }
  return '';
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const base = String(name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f<>"]/g, '').trim();
  if (base.length <= 200) return base || 'file';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

export function attachmentUrl(a: { id: number; document_id: number }): string {
  return `/api/v1/documents/${a.document_id}/attachments/${a.id}`;
}

export function downloadHeaders(a: { filename: string; mime: string; size: number; sha256: string; kind: string }): Record<string, string> {
  // images show inline (图解 embedded in pages); documents are always saved, never rendered on our origin
  const inline = ['png', 'jpeg', 'gif', 'webp'].includes(a.kind);
  return {
    'content-type': a.mime,
    'content-disposition': contentDisposition(a.filename, inline ? 'inline' : 'attachment'),
    'content-length': String(a.size),
    'x-content-type-options': 'nosniff',
    etag: `"${a.sha256}"`,
    // defence in depth should a browser still render the file on our origin
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
}

/** Checks, stores and attaches a file. On a published document this is an edit with a new version. */
export async function addAttachment(
  db: Db, ctx: CommandContext, store: FileStoreConfig, documentId: number, file: { filename: string; data: Buffer }, opts: EditOptions = {},
): Promise<CommandResult> {
  const filename = cleanFilename(file.filename);
  const sniff = await sniffAttachment(file.data, filename, { maxBytes: store.maxUploadMb * 1024 * 1024 });
  if (!sniff.ok) throw invalid({ file: sniff.message });
  const text = await extractText(sniff.kind, file.data);
  return editDocumentContent(db, ctx, documentId, opts, async (tx, d) => {
    // stored inside the edit (after the policy check) so refused users leave no file behind
    storeFile(store.dataDir, file.data, sniff.sha256);
    const pos = await tx.selectFrom('document_attachments').select((eb) => eb.fn.max('position').as('p')).where('document_id', '=', d.id).executeTakeFirst();
    await tx.insertInto('document_attachments').values({
      document_id: d.id, position: (pos?.p ?? -1) + 1, filename, kind: sniff.kind, mime: sniff.mime, size: sniff.size, sha256: sniff.sha256,
      text_content: text || null, created_by: ctx.audit.id,
    }).execute();
    return sniff.warnings;
  });
}

export async function removeAttachment(db: Db, ctx: CommandContext, attachmentId: number, opts: EditOptions = {}): Promise<CommandResult> {
  const a = await db.selectFrom('document_attachments').select(['id', 'document_id']).where('id', '=', attachmentId).executeTakeFirst();
  if (!a) throw notFound({ zh: '附件', en: 'attachment' });
  return editDocumentContent(db, ctx, a.document_id, opts, async (tx) => {
    // the file stays in the store: earlier versions still reference it by hash
    await tx.deleteFrom('document_attachments').where('id', '=', attachmentId).execute();
    return [];
  });
}
