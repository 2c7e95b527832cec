/**
 * `gongkai pii rotate` for this module (called from requests/store/pii-rotate.ts): re-encrypts askers' names
 * and contacts, the attachments' names and bytes, and kept messages under the current key. Batched, re-runnable.
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { bytesKeyId, decryptPii, decryptPiiBytes, encryptPii, encryptPiiBytes, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';

/** Rows re-encrypted (messages + attachments). */
export async function rotateMessagePii(db: Db, keys: readonly Buffer[], batch = 200): Promise<number> {
  const current = keyId(keys[0]);
  const again = (field: 'name' | 'contact' | 'attachment_name', v: string) => encryptPii(keys, field, decryptPii(keys, field, v));
  let n = 0;
  for (let lastId = 0; ;) {
    const rows = await db.selectFrom('messages').select(['id', 'name_enc', 'contact_enc']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    const stale = rows.filter((r) => tokenKeyId(r.contact_enc) !== current || (r.name_enc !== null && tokenKeyId(r.name_enc) !== current));
    if (!stale.length) continue;
    await inTransaction(db, async (tx) => {
      for (const r of stale) await tx.updateTable('messages').set({ contact_enc: again('contact', r.contact_enc), name_enc: r.name_enc === null ? null : again('name', r.name_enc) }).where('id', '=', r.id).execute();
    });
    n += stale.length;
  }
  for (let lastId = 0; ;) {
    const rows = await db.selectFrom('message_attachments').select(['id', 'filename_enc', 'content_enc']).where('id', '>', lastId).orderBy('id').limit(Math.max(1, Math.floor(batch / 10))).execute();
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    const stale = rows.filter((r) => tokenKeyId(r.filename_enc) !== current || bytesKeyId(r.content_enc) !== current);
    if (!stale.length) continue;
    await inTransaction(db, async (tx) => {
      for (const r of stale) {
        await tx.updateTable('message_attachments').set({
          filename_enc: again('attachment_name', r.filename_enc), content_enc: encryptPiiBytes(keys, 'attachment', decryptPiiBytes(keys, 'attachment', r.content_enc)), key_id: current,
        }).where('id', '=', r.id).execute();
      }
    });
    n += stale.length;
  }
  // messages kept after a storage error (their files inside the encrypted payload)
  for (let lastId = 0; ;) {
    const rows = await db.selectFrom('messages_kept').select(['id', 'payload_enc']).where('id', '>', lastId).orderBy('id').limit(Math.max(1, Math.floor(batch / 10))).execute();
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    const stale = rows.filter((r) => tokenKeyId(r.payload_enc) !== current);
    if (!stale.length) continue;
    await inTransaction(db, async (tx) => {
      for (const r of stale) await tx.updateTable('messages_kept').set({ payload_enc: encryptPii(keys, 'submission', decryptPii(keys, 'submission', r.payload_enc)) }).where('id', '=', r.id).execute();
    });
    n += stale.length;
  }
  return n;
}
