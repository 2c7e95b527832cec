/**
 * Attachments (条例 第二十四条: 查阅、下载). Files live under DATA_DIR/files by SHA-256 (content
 * addressed: the same file attached twice is stored once, and a tampered file no longer matches
 * its name); the type is decided by the bytes (domain/filetype.ts), never by the name; the size
 * limit is GONGKAI_MAX_UPLOAD_MB. Text is extracted from PDF/DOCX/XLSX for the personal-data check
 * and search, in a worker thread with a time and memory limit (core/docs/extract-pool.ts); what came
 * of it is kept as text_state ('extracted', 'empty', or why not: 'timeout', 'unreadable' …), so a
 * failure is a visible state of the attachment, not an error. A zip bomb is refused (422): by its
 * declared sizes in the type check, or when a member inflates past its budget in the worker.
 *
 *   addAttachment(db, ctx, store, documentId, {filename, data}, opts?: EditOptions) → CommandResult
 *   removeAttachment(db, ctx, attachmentId, opts?)                               → CommandResult
 *   (audited as document.attachment.add / .remove; refused files as document.attachment.refused)
 *   attachmentUrl({id, document_id}) → '/api/v1/documents/:doc/attachments/:id'
 *   downloadHeaders(att) → Content-Type, Content-Disposition (RFC 5987), X-Content-Type-Options …
 *   readStoredFile(dataDir, sha256) → Buffer | null
 *   lockStoredFile(tx, sha256) — held by every writer of a stored file until its row commits (and by clean-ups)
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { can } from '../../../core/auth/policy.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { AppError, invalid, notFound } from '../../../core/http/errors.ts';
import { extractInWorker, type ExtractResult } from '../../../core/docs/extract-pool.ts';
import { sniffAttachment, contentDisposition, ZIP_BOMB_MESSAGE, type AttachmentKind } from '../domain/filetype.ts';
import { editDocumentContent, type CommandResult, type EditOptions } from '../commands.ts';

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

/**
 * Serializes the writers of one stored file and its clean-up (library/commands.ts deleteItem): a
 * transaction that writes the file and the row naming it holds this lock until it commits, so the
 * file is never removed between the write and the row. A transaction-level advisory lock keyed by
 * the hash's first 60 bits (a collision only serializes two writers).
 */
export async function lockStoredFile(tx: Tx, sha256: string): Promise<void> {
  if (!SHA_RE.test(sha256)) throw new Error('invalid sha256');
  await sql`select pg_advisory_xact_lock(${BigInt('0x' + sha256.slice(0, 15)).toString()}::bigint)`.execute(tx);
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

const TEXT_KINDS: ReadonlySet<string> = new Set(['pdf', 'docx', 'xlsx']);

/**
 * The text of a file for the personal-data check and search, with what came of it; images (no text)
 * give state null. Never throws: an unreadable body is not a reason to refuse the file, the reviewer
 * still checks it (第十五条).
 */
export async function extractAttachmentText(kind: AttachmentKind | string, data: Buffer): Promise<ExtractResult | { state: null; text: '' }> {
  if (!TEXT_KINDS.has(kind)) return { state: null, text: '' };
  return extractInWorker(kind as 'pdf' | 'docx' | 'xlsx', data);
}

/** Best-effort text of a file; '' when the kind has no text or extraction failed. */
export async function extractText(kind: AttachmentKind, data: Buffer): Promise<string> {
  return (await extractAttachmentText(kind, data)).text;
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

/**
 * Checks, stores and attaches a file. On a published document this is an edit with a new version.
 * Audited as its own action with the file's name, type, size and hash (`document.attachment.add`);
 * a file refused for its content or for the document's state is audited too
 * (`document.attachment.refused`, with the reason), so an auditor sees attempts, not only successes.
 */
export async function addAttachment(
  db: Db, ctx: CommandContext, store: FileStoreConfig, documentId: number, file: { filename: string; data: Buffer }, opts: EditOptions = {},
): Promise<CommandResult> {
  const filename = cleanFilename(file.filename);
  const sniff = await sniffAttachment(file.data, filename, { maxBytes: store.maxUploadMb * 1024 * 1024 });
  if (!sniff.ok) {
    await recordRefusal(db, ctx, documentId, { filename, size: file.data.length, reason: sniff.code });
    throw invalid({ file: sniff.message });
  }
  const extracted = await extractAttachmentText(sniff.kind, file.data);
  if (extracted.state === 'too_large') {
    // its central directory lied about the sizes; the worker's byte budget caught it
    await recordRefusal(db, ctx, documentId, { filename, size: file.data.length, reason: 'zip_bomb' });
    throw invalid({ file: ZIP_BOMB_MESSAGE });
  }
  try {
    return await editDocumentContent(db, ctx, documentId, opts, async (tx, d) => {
      // stored inside the edit (after the policy check) so refused users leave no file behind
      await lockStoredFile(tx, sniff.sha256);
      storeFile(store.dataDir, file.data, sniff.sha256);
      const pos = await tx.selectFrom('document_attachments').select((eb) => eb.fn.max('position').as('p')).where('document_id', '=', d.id).executeTakeFirst();
      const ins = await tx.insertInto('document_attachments').values({
        document_id: d.id, position: (pos?.p ?? -1) + 1, filename, kind: sniff.kind, mime: sniff.mime, size: sniff.size, sha256: sniff.sha256,
        text_content: extracted.text || null, text_state: extracted.state, created_by: ctx.audit.id,
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, ctx.audit, {
        action: 'document.attachment.add', unitId: d.unit_id, subjectType: 'document', subjectId: d.id,
        summary: { attachment: ins.id, filename, kind: sniff.kind, size: sniff.size, sha256: sniff.sha256, index_no: d.index_no, ...(extracted.state ? { text: extracted.state } : {}) },
      });
      return sniff.warnings;
    }, { ownAudit: true });
  } catch (e) {
    // the document's state or unacknowledged personal data refused the file (403/404 are not uploads)
    if (e instanceof AppError && (e.status === 409 || e.code === 'personal_data_unacknowledged')) {
      await recordRefusal(db, ctx, documentId, { filename, size: file.data.length, reason: e.status === 409 ? 'invalid_state' : e.code });
    }
    throw e;
  }
}

/** Records a refused upload in its own transaction, for users who may edit the document (others get 403 and no record). */
async function recordRefusal(db: Db, ctx: CommandContext, documentId: number, r: { filename: string; size: number; reason: string }) {
  const d = await db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'd.unit_id', 'd.index_no', 'u.path']).where('d.id', '=', documentId).executeTakeFirst();
  if (!d || (ctx.actor && !can(ctx.actor, 'document.edit', d.path))) return;
  await inTransaction(db, (tx) => recordAudit(tx, ctx.audit, {
    action: 'document.attachment.refused', unitId: d.unit_id, subjectType: 'document', subjectId: d.id, summary: { ...r, index_no: d.index_no },
  }));
}

export async function removeAttachment(db: Db, ctx: CommandContext, attachmentId: number, opts: EditOptions = {}): Promise<CommandResult> {
  const a = await db.selectFrom('document_attachments').select(['id', 'document_id', 'filename', 'sha256']).where('id', '=', attachmentId).executeTakeFirst();
  if (!a) throw notFound({ zh: '附件', en: 'attachment' });
  return editDocumentContent(db, ctx, a.document_id, opts, async (tx, d) => {
    // the file stays in the store: earlier versions still reference it by hash
    await tx.deleteFrom('document_attachments').where('id', '=', attachmentId).execute();
    await recordAudit(tx, ctx.audit, {
      action: 'document.attachment.remove', unitId: d.unit_id, subjectType: 'document', subjectId: d.id,
      summary: { attachment: a.id, filename: a.filename, sha256: a.sha256, index_no: d.index_no },
    });
    return [];
  }, { ownAudit: true });
}
