/**
 * Migration 0904 (security issue #10 item 6): letters at rest. `request_letters` kept the recipient,
 * the DocModel (applicant's name, the request summary, the 回执's query code), the DOCX/PDF bytes and
 * the delivery note in clear. New encrypted columns (store/letters-pii.ts) are filled from the old ones
 * under the configured key, the frozen-letter trigger is replaced by one over the encrypted columns,
 * and the clear columns are dropped — all in the migration's transaction. Issued letters are filled
 * with the re-encryption setting on (the trigger's one exception), switched off again before the end.
 * An empty table needs no key; any letter needs GONGKAI_PII_KEY (start-up configures it, as for 0920).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { piiKeys, PiiKeyError } from '../../../core/pii/crypto.ts';
import { allowLetterReencryption, encryptDeliveryNote, encryptLetterFile, encryptModel, encryptRecipient, FROZEN_TRIGGER_FUNCTION } from './letters-pii.ts';

function keys(): readonly Buffer[] {
  try {
    return piiKeys();
  } catch (e) {
    if (e instanceof PiiKeyError) throw new PiiKeyError('migration 0904_request_letters_pii_at_rest encrypts existing letters and needs GONGKAI_PII_KEY');
    throw e;
  }
}

interface OldLetter {
  id: number;
  recipient: string;
  model: unknown;
  docx: Uint8Array | null;
  pdf: Uint8Array | null;
  delivery_note: string | null;
}

/** Encrypts the clear letter columns into the new ones, a few rows at a time (each may carry two files). */
export async function encryptLettersForMigration(db: Kysely<unknown>, batch = 20): Promise<number> {
  let n = 0;
  for (let last = 0; ;) {
    const { rows } = await sql<OldLetter>`
      select id, recipient, model, docx, pdf, delivery_note from request_letters where id > ${last} order by id limit ${batch}`.execute(db);
    if (!rows.length) break;
    const k = keys();
    for (const r of rows) {
      const model = typeof r.model === 'string' ? JSON.parse(r.model) as unknown : r.model;
      await sql`
        update request_letters set
          recipient_enc = ${encryptRecipient(k, r.recipient)}, model_enc = ${encryptModel(k, model)},
          docx_enc = ${r.docx ? encryptLetterFile(k, 'docx', r.docx) : null}, pdf_enc = ${r.pdf ? encryptLetterFile(k, 'pdf', r.pdf) : null},
          delivery_note_enc = ${encryptDeliveryNote(k, r.delivery_note)}
        where id = ${r.id}`.execute(db);
    }
    n += rows.length;
    last = rows[rows.length - 1].id;
  }
  return n;
}

export const letterMigrations: Record<string, Migration> = {
  '0904_request_letters_pii_at_rest': {
    async up(db: Kysely<unknown>) {
      await sql`
        alter table request_letters
          add column recipient_enc text, add column model_enc text, add column docx_enc bytea, add column pdf_enc bytea,
          add column delivery_note_enc text`.execute(db);
      await FROZEN_TRIGGER_FUNCTION.execute(db);
      await allowLetterReencryption(db);
      await encryptLettersForMigration(db);
      await allowLetterReencryption(db, false);
      await sql`alter table request_letters drop column recipient, drop column model, drop column docx, drop column pdf, drop column delivery_note`.execute(db);
      await sql`alter table request_letters alter column recipient_enc set not null, alter column model_enc set not null`.execute(db);
    },
  },
};
