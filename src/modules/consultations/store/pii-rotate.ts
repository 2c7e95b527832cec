/**
 * `gongkai pii rotate` for this module (called from requests/store/pii-rotate.ts): re-encrypts the contacts of
 * commenters and hearing sign-ups, and kept comments, under the current key. Batched, re-runnable.
 */
import { inTransaction, sql, type Db } from '../../../core/db/index.ts';
import { decryptPii, encryptPii, keyId, tokenKeyId, type PiiField } from '../../../core/pii/crypto.ts';

const COLUMNS = [
  { table: 'consultation_comments', column: 'contact_enc', field: 'contact' },
  { table: 'hearing_signups', column: 'contact_enc', field: 'contact' },
  { table: 'consultation_comments_kept', column: 'payload_enc', field: 'submission' },
] as const satisfies readonly { table: string; column: string; field: PiiField }[];

/** Rows re-encrypted. */
export async function rotateConsultationPii(db: Db, keys: readonly Buffer[], batch = 200): Promise<number> {
  const current = keyId(keys[0]);
  let n = 0;
  for (const { table, column, field } of COLUMNS) {
    let lastId = 0;
    for (;;) {
      // dynamic table names: the three are fixed above, so the casts only lose Kysely's per-table types
      const rows = (await db.selectFrom(table as 'hearing_signups').select(['id', sql<string>`${sql.ref(column)}`.as('contact_enc')]).where('id', '>', lastId).orderBy('id').limit(batch).execute()) as { id: number; contact_enc: string }[];
      if (!rows.length) break;
      lastId = rows[rows.length - 1].id;
      const stale = rows.filter((r) => tokenKeyId(r.contact_enc) !== current);
      if (!stale.length) continue;
      await inTransaction(db, async (tx) => {
        for (const r of stale) await tx.updateTable(table as 'hearing_signups').set({ [column]: encryptPii(keys, field, decryptPii(keys, field, r.contact_enc)) } as { contact_enc: string }).where('id', '=', r.id).execute();
      });
      n += stale.length;
    }
  }
  return n;
}
