/**
 * Write use-cases of the media library: upload a file to a unit's library, change its name or text
 * alternative, delete it. Each is authorized with library.use on the item's unit and audited in the
 * same transaction (library.upload / library.update / library.delete). A file is checked by its bytes
 * (the attachment check) before anything is stored; it is written, content-addressed, where document
 * attachments live (documents/store/attachments.ts storeFile) only after every check passed. Deleting an
 * item that a document body still shows or links is refused (409): the page would lose its image.
 * After a delete has committed, the stored bytes are removed when nothing else names them (another
 * library item, a document attachment, or an earlier version's snapshot of one).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { unitById } from '../units/repository.ts';
import { cleanFilename, lockStoredFile, storedPath, storeFile, type FileStoreConfig } from '../documents/store/attachments.ts';
import { extensionOf, sniffAttachment } from '../documents/domain/filetype.ts';
import { isImage, maxBytesFor, RULES, validateItem } from './domain/rules.ts';
import { okId, usagesOf } from './store/queries.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const ITEM: Msg = { zh: '媒体库文件', en: 'library item' };
const IMAGE_EXTS = new Set(['png', 'jpg', 'jpeg', 'jpe', 'gif', 'webp']);

async function lockItem(tx: Tx, ctx: CommandContext, id: number) {
  const item = okId(id) ? await tx.selectFrom('library_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  const unit = item ? await unitById(tx, item.unit_id) : undefined;
  if (!item || !unit) throw notFound(ITEM);
  authorize(ctx, 'library.use', unit.path);
  return { item, unit };
}

/** Checks and stores a file in `unitId`'s library; returns the new item's id. Nothing is stored on any error. */
export async function uploadItem(
  db: Db, ctx: CommandContext, store: FileStoreConfig, unitId: number, file: { filename: string; data: Buffer } | null, raw: { name?: unknown; alt?: unknown },
): Promise<number> {
  const unit = okId(unitId) ? await unitById(db, unitId) : undefined;
  if (!unit || !unit.active) throw invalid({ unit: { zh: '请选择文件所属单位', en: 'Choose the unit the file belongs to' } });
  authorize(ctx, 'library.use', unit.path);
  const errors: Record<string, Msg> = {};
  const filename = file ? cleanFilename(file.filename) : '';
  let sniff: Awaited<ReturnType<typeof sniffAttachment>> | null = null;
  if (!file || !file.data.length) errors.file = { zh: '请选择要上传的文件', en: 'Choose a file to upload' };
  else {
    // the larger (documents') limit first, then the kind's own: an image over 5 MB is told so
    sniff = await sniffAttachment(file.data, filename, { maxBytes: maxBytesFor('pdf', store.maxUploadMb) });
    if (!sniff.ok) errors.file = sniff.message;
    else if (sniff.size > maxBytesFor(sniff.kind, store.maxUploadMb)) {
      const mb = maxBytesFor(sniff.kind, store.maxUploadMb) / 1024 / 1024;
      errors.file = { zh: `图片不超过 ${mb} MB，请压缩后再上传`, en: `Images are limited to ${mb} MB; compress it and upload again` };
    }
  }
  const kind = sniff?.ok ? sniff.kind : IMAGE_EXTS.has(extensionOf(filename)) ? 'png' : 'pdf';
  const { value, errors: fieldErrors } = validateItem(raw, kind, filename);
  Object.assign(errors, fieldErrors);
  if (Object.keys(errors).length || !sniff?.ok || !file) throw invalid(errors);
  const ok = sniff;
  return inTransaction(db, async (tx) => {
    const key = `${randomBytes(12).toString('hex')}.${ok.ext}`;
    await lockStoredFile(tx, ok.sha256); // a delete's clean-up of the same bytes waits for this commit
    storeFile(store.dataDir, file.data, ok.sha256);
    const id = (await tx.insertInto('library_items').values({
      key, unit_id: unit.id, kind: ok.kind, mime: ok.mime, name: value.name, alt: value.alt, filename, size: ok.size, sha256: ok.sha256,
      created_by: ctx.audit.id, updated_by: ctx.audit.name,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(tx, ctx.audit, {
      action: 'library.upload', unitId: unit.id, subjectType: 'library_item', subjectId: id,
      summary: { name: value.name, filename, kind: ok.kind, size: ok.size, sha256: ok.sha256, ...(isImage(ok.kind) ? { alt: value.alt } : {}) },
    });
    return id;
  });
}

/** Changes an item's name and (for an image) its text alternative. */
export async function updateItem(db: Db, ctx: CommandContext, id: number, raw: { name?: unknown; alt?: unknown }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { item, unit } = await lockItem(tx, ctx, id);
    const { value, errors } = validateItem(raw, item.kind, item.filename);
    if (Object.keys(errors).length) throw invalid(errors);
    await tx.updateTable('library_items').set({ name: value.name, alt: value.alt, updated_at: new Date(), updated_by: ctx.audit.name }).where('id', '=', item.id).execute();
    await recordAudit(tx, ctx.audit, {
      action: 'library.update', unitId: unit.id, subjectType: 'library_item', subjectId: item.id,
      summary: { name: value.name, ...(item.name !== value.name ? { old_name: item.name } : {}), ...(isImage(item.kind) ? { alt: value.alt } : {}) },
    });
  });
}

/** The refusal while documents use the item: how many, and where to see them. */
export const IN_USE = (n: number): Msg => ({
  zh: `该文件仍被 ${n} 篇文件的正文引用，不能删除。请先在这些文件中移除或替换它（见“引用位置”）。`,
  en: `${n} document bod${n === 1 ? 'y still uses' : 'ies still use'} this file, so it cannot be deleted. Remove or replace it there first (see “Where it is used”).`,
});

/** Deletes an item no document body refers to, then its stored bytes when nothing else uses them. */
export async function deleteItem(db: Db, ctx: CommandContext, id: number, store: Pick<FileStoreConfig, 'dataDir'>): Promise<void> {
  const sha256 = await inTransaction(db, async (tx) => {
    const { item, unit } = await lockItem(tx, ctx, id);
    const used = await usagesOf(tx, item.key, 1000);
    if (used.length) throw conflict(IN_USE(used.length));
    await tx.deleteFrom('library_items').where('id', '=', item.id).execute();
    await recordAudit(tx, ctx.audit, {
      action: 'library.delete', unitId: unit.id, subjectType: 'library_item', subjectId: item.id,
      summary: { name: item.name, filename: item.filename, kind: item.kind, sha256: item.sha256 },
    });
    return item.sha256;
  });
  // only after the commit: a rolled-back delete must still find its file. A failed clean-up leaves
  // an unreferenced file behind (harmless), never a reference without its file.
  try {
    await removeUnusedFile(db, store.dataDir, sha256);
  } catch {
    /* the item is deleted; the bytes stay */
  }
}

/**
 * Removes the stored file `sha256` unless a library item, a document attachment or a document
 * version's snapshot (earlier versions keep their attachments by hash) still names it. Holds the
 * file's lock (documents/store/attachments.ts lockStoredFile), which every writer of a file holds until its
 * row is committed, so a file being attached or uploaded right now is seen as used. True when removed.
 */
export async function removeUnusedFile(db: Db, dataDir: string, sha256: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await lockStoredFile(tx, sha256);
    const inLibrary = await tx.selectFrom('library_items').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    const attached = inLibrary ?? await tx.selectFrom('document_attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    const inVersion = attached ?? (await sql<{ one: number }>`select 1 as one from document_versions where snapshot::text like ${`%${sha256}%`} limit 1`.execute(tx)).rows[0];
    if (inVersion) return false;
    rmSync(storedPath(dataDir, sha256), { force: true });
    return true;
  });
}
