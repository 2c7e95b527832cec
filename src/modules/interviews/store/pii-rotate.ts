/**
 * `gongkai pii rotate` for this module (called from requests/store/pii-rotate.ts): re-encrypts the contacts of
 * people who asked an 在线访谈/发布会 question, and kept questions, under the current key. Batched, re-runnable.
 */
import { inTransaction, sql, type Db } from '../../../core/db/index.ts';
import { decryptPii, encryptPii, keyId, tokenKeyId, type PiiField } from '../../../core/pii/crypto.ts';

const COLUMNS = [
  { table: 'interview_questions', column: 'contact_enc', field: 'contact' },
  { table: 'interview_questions_kept', column: 'payload_enc', field: 'submission' },
] as const satisfies readonly { table: string; column: string; field: PiiField }[];

/** Rows re-encrypted. */
export async function rotateInterviewPii(db: Db, keys: readonly Buffer[], batch = 200): Promise<number> {
  const current = keyId(keys[0]);
  let n = 0;
  for (const { table, column, field } of COLUMNS) {
    let lastId = 0;
    for (;;) {
      // dynamic table names: the two are fixed above, so the casts only lose Kysely's per-table types
      const rows = (await db.selectFrom(table as 'interview_questions').select(['id', sql<string>`${sql.ref(column)}`.as('enc')]).where('id', '>', lastId).orderBy('id').limit(batch).execute()) as { id: number; enc: string }[];
      if (!rows.length) break;
      lastId = rows[rows.length - 1].id;
      const stale = rows.filter((r) => tokenKeyId(r.enc) !== current);
      if (!stale.length) continue;
      await inTransaction(db, async (tx) => {
        for (const r of stale) await tx.updateTable(table as 'interview_questions').set({ [column]: encryptPii(keys, field, decryptPii(keys, field, r.enc)) } as { contact_enc: string }).where('id', '=', r.id).execute();
      });
      n += stale.length;
    }
  }
  return n;
}
