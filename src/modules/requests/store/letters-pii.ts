/**
 * Letters at rest (security issue #10 item 6): a letter names the applicant, summarises the request
 * and, on the 回执, prints the query code, so what `request_letters` keeps of it is AES-256-GCM
 * ciphertext under the PII key (core/pii/crypto.ts), like the case it comes from — the recipient
 * (`letter_recipient`), the DocModel as JSON (`letter_model`), the rendered DOCX and PDF
 * (`letter_docx`, `letter_pdf`: bytes in the attachments' format) and the delivery note
 * (`delivery_note`). Kind, status, number, dates and who issued it stay in clear: they are the
 * register of letters and carry no personal data.
 *
 * An issued letter stays frozen (trigger `request_letters_frozen`, migration 0904): its content
 * cannot change. Re-encrypting it under another key is the one exception, and only inside a
 * transaction that says so (`allowLetterReencryption`: the transaction-local setting
 * `gongkai.letter_reencrypt = on`), which only migration 0904 and `gongkai pii rotate` open; even
 * then the trigger accepts only ciphertext under a different key id than the one replaced, so a row
 * already under the current key cannot be overwritten that way. The trigger guards against the
 * application's own mistakes, not against someone with SQL rights (who can disable triggers).
 */
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DocModel } from '../../../core/docs/index.ts';
import { decryptOrNull, decryptPii, decryptPiiBytes, encryptOrNull, encryptPii, encryptPiiBytes } from '../../../core/pii/crypto.ts';
import type { RequestLettersTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type LetterFormat = 'docx' | 'pdf';

/** The column of a rendered file, and the field bound into its ciphertext. */
export const FILE_COLUMN = { docx: 'docx_enc', pdf: 'pdf_enc' } as const;
const FILE_FIELD = { docx: 'letter_docx', pdf: 'letter_pdf' } as const;

/** The letter's columns the store reads (never the files' bytes). */
export const LETTER_DB_COLUMNS = [
  'id', 'case_id', 'unit_id', 'kind', 'status', 'title', 'recipient_enc', 'number', 'number_prefix', 'number_year', 'number_seq', 'letter_date', 'model_enc',
  'created_by', 'created_at', 'issued_by', 'issued_at', 'delivery_method', 'delivered_on', 'delivery_note_enc',
] as const;

type StoredLetter = Pick<Selectable<RequestLettersTable>, (typeof LETTER_DB_COLUMNS)[number]>;

/** A letter as the application sees it: recipient, model and delivery note decrypted. */
export type LetterRow = Omit<StoredLetter, 'recipient_enc' | 'model_enc' | 'delivery_note_enc'> & {
  recipient: string;
  model: DocModel;
  delivery_note: string | null;
};

export function decryptLetter(keys: readonly Buffer[], r: StoredLetter): LetterRow {
  const { recipient_enc, model_enc, delivery_note_enc, ...rest } = r;
  return {
    ...rest,
    recipient: decryptPii(keys, 'letter_recipient', recipient_enc),
    model: JSON.parse(decryptPii(keys, 'letter_model', model_enc)) as DocModel,
    delivery_note: decryptOrNull(keys, 'delivery_note', delivery_note_enc),
  };
}

export const encryptRecipient = (keys: readonly Buffer[], recipient: string): string => encryptPii(keys, 'letter_recipient', recipient);
export const encryptModel = (keys: readonly Buffer[], model: DocModel | unknown): string => encryptPii(keys, 'letter_model', JSON.stringify(model));
export const encryptDeliveryNote = (keys: readonly Buffer[], note: string | null | undefined): string | null => encryptOrNull(keys, 'delivery_note', note);
export const encryptLetterFile = (keys: readonly Buffer[], format: LetterFormat, bytes: Uint8Array): Buffer => encryptPiiBytes(keys, FILE_FIELD[format], bytes);
export const decryptLetterFile = (keys: readonly Buffer[], format: LetterFormat, bytes: Uint8Array): Buffer => decryptPiiBytes(keys, FILE_FIELD[format], bytes);

/**
 * Lets this transaction re-encrypt issued letters (the frozen trigger then accepts new ciphertext under
 * another key, nothing else). Transaction-local: it ends with the transaction. Only for migration 0904
 * and `gongkai pii rotate`.
 */
export async function allowLetterReencryption(tx: QueryExecutorProvider, on = true): Promise<void> {
  await sql`select set_config('gongkai.letter_reencrypt', ${on ? 'on' : ''}, true)`.execute(tx);
}

/**
 * The frozen-letter trigger over the encrypted columns (created by migration 0904; the base migration's
 * version compared the clear columns). Outside a re-encryption an issued letter's number, status, date,
 * recipient, model and files never change (a missing file may be filled in once). In a re-encryption
 * (`allowLetterReencryption`) the number, status and date still never change, and each encrypted value
 * may only be replaced by ciphertext (`g1…`) under a different key id than the value it replaces.
 */
export const FROZEN_TRIGGER_FUNCTION = sql`
  create or replace function request_letters_frozen() returns trigger language plpgsql as $$
  declare
    reencrypt boolean := coalesce(current_setting('gongkai.letter_reencrypt', true), '') = 'on';
  begin
    if old.status <> 'issued' then
      return new;
    end if;
    if new.number is distinct from old.number or new.status is distinct from old.status
        or new.letter_date is distinct from old.letter_date then
      raise exception 'an issued letter cannot be changed';
    end if;
    if not reencrypt then
      if new.model_enc is distinct from old.model_enc or new.recipient_enc is distinct from old.recipient_enc
          or (old.docx_enc is not null and new.docx_enc is distinct from old.docx_enc)
          or (old.pdf_enc is not null and new.pdf_enc is distinct from old.pdf_enc) then
        raise exception 'an issued letter cannot be changed';
      end if;
      return new;
    end if;
    -- re-encryption: ciphertext under another key, never clear text, never a removed value
    if (new.model_enc is distinct from old.model_enc and (new.model_enc not like 'g1.%'
          or split_part(new.model_enc, '.', 2) = coalesce(split_part(old.model_enc, '.', 2), '')))
        or (new.recipient_enc is distinct from old.recipient_enc and (new.recipient_enc not like 'g1.%'
          or split_part(new.recipient_enc, '.', 2) = coalesce(split_part(old.recipient_enc, '.', 2), '')))
        or (old.docx_enc is not null and new.docx_enc is distinct from old.docx_enc and (new.docx_enc is null
          or substring(new.docx_enc from 1 for 2) <> 'g1'::bytea or substring(new.docx_enc from 3 for 4) = substring(old.docx_enc from 3 for 4)))
        or (old.pdf_enc is not null and new.pdf_enc is distinct from old.pdf_enc and (new.pdf_enc is null
          or substring(new.pdf_enc from 1 for 2) <> 'g1'::bytea or substring(new.pdf_enc from 3 for 4) = substring(old.pdf_enc from 3 for 4))) then
      raise exception 'an issued letter can only be re-encrypted under another key';
    end if;
    return new;
  end $$`;
