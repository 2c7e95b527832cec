/**
 * `gongkai pii rotate`: re-encrypts every applicant's personal data — name, contact person, identity
 * number, phone, e-mail, address, postcode, the request's title, 文号 and description, the uploaded
 * files' names and bytes — and the kept submissions under the current key `GONGKAI_PII_KEY`'s first
 * entry, together with the query codes kept for an online submission's receipt (`query_code_enc`) and the
 * stored responses of idempotent creates (`request_idempotency.response_enc`, which may hold a query
 * code), the letters (recipient, DocModel, DOCX/PDF bytes, delivery note: store/letters-pii.ts — issued
 * ones through the frozen trigger's re-encryption exception), and recomputes the identity-number and
 * name hashes. Run it
 * after putting a new key first (keep the old one listed until this finishes); then the old key can
 * be removed. Works in batches, each in its own transaction, and can be re-run safely.
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { bytesKeyId, decryptPii, decryptPiiBytes, encryptPii, encryptPiiBytes, hmacIdNumber, hmacName, keyId, tokenKeyId, type PiiField } from '../../../core/pii/crypto.ts';
import { allowLetterReencryption, decryptLetterFile, encryptLetterFile, FILE_COLUMN } from './letters-pii.ts';
import { sql } from 'kysely';
import { rotateConsultationPii } from '../../consultations/store/pii-rotate.ts';
import { rotateMessagePii } from '../../messages/store/pii-rotate.ts';
import { rotateInterviewPii } from '../../interviews/store/pii-rotate.ts';

export interface RotateResult {
  cases: number;
  attachments: number;
  submissions: number;
  /** commenters' and hearing sign-ups' contacts (consultations module) */
  consultations: number;
  /** askers' names, contacts and attachments (messages module) */
  messages: number;
  /** askers' contacts of 在线访谈/发布会 questions and kept questions (interviews module) */
  interviews: number;
  /** query codes kept until the receipt is issued (request_cases.query_code_enc) */
  queryCodes: number;
  /** stored responses of idempotent creates (request_idempotency.response_enc) */
  idempotency: number;
  /** letters: recipient, model, files and delivery note (request_letters) */
  letters: number;
  keyId: string;
}

type EncColumn =
  | 'id_number_enc' | 'phone_enc' | 'email_enc' | 'address_enc' | 'applicant_name_enc' | 'contact_person_enc'
  | 'postcode_enc' | 'info_title_enc' | 'info_number_enc' | 'description_enc';

const FIELDS: [PiiField, EncColumn][] = [
  ['id_number', 'id_number_enc'], ['phone', 'phone_enc'], ['email', 'email_enc'], ['address', 'address_enc'],
  ['name', 'applicant_name_enc'], ['contact_person', 'contact_person_enc'], ['postcode', 'postcode_enc'],
  ['info_title', 'info_title_enc'], ['info_number', 'info_number_enc'], ['description', 'description_enc'],
];

export async function rotatePii(db: Db, ctx: CommandContext, keys: readonly Buffer[], opts: { batch?: number } = {}): Promise<RotateResult> {
  const current = keyId(keys[0]);
  const batch = opts.batch ?? 200;
  const stale = (v: string | null) => v !== null && tokenKeyId(v) !== current;
  let cases = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('request_cases')
      .select(['id', 'id_number_hmac', 'applicant_name_hmac', ...FIELDS.map(([, col]) => col)])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    const todo = rows.filter((r) => FIELDS.some(([, col]) => stale(r[col]))
      || (r.id_number_enc && r.id_number_hmac !== hmacIdNumber(keys[0], decryptPii(keys, 'id_number', r.id_number_enc)))
      || r.applicant_name_hmac !== hmacName(keys[0], decryptPii(keys, 'name', r.applicant_name_enc)));
    if (!todo.length) continue;
    await inTransaction(db, async (tx) => {
      for (const r of todo) {
        const set: Record<string, string | null> = {};
        for (const [field, col] of FIELDS) {
          const v = r[col];
          if (v === null) continue;
          const plain = decryptPii(keys, field, v);
          if (stale(v)) set[col] = encryptPii(keys, field, plain);
          if (field === 'id_number') set.id_number_hmac = hmacIdNumber(keys[0], plain);
          if (field === 'name') set.applicant_name_hmac = hmacName(keys[0], plain);
        }
        await tx.updateTable('request_cases').set(set).where('id', '=', r.id).execute();
      }
    });
    cases += todo.length;
  }
  // files one at a time (scans can be large); stale ones found by their key id without reading the bytes
  let attachments = 0;
  for (let last = 0; ;) {
    const a = await db.selectFrom('request_attachments').select(['id', 'filename_enc', 'content_enc']).where('id', '>', last)
      .where((eb) => eb.or([eb('key_id', '!=', current), eb('filename_enc', 'not like', `g1.${current}.%`)])).orderBy('id').limit(1).executeTakeFirst();
    if (!a) break;
    last = a.id;
    await db.updateTable('request_attachments').set({
      filename_enc: encryptPii(keys, 'attachment_name', decryptPii(keys, 'attachment_name', a.filename_enc)),
      content_enc: encryptPiiBytes(keys, 'attachment', decryptPiiBytes(keys, 'attachment', a.content_enc)),
      key_id: current,
    }).where('id', '=', a.id).execute();
    attachments++;
  }
  let submissions = 0;
  const kept = await db.selectFrom('request_submissions_inbox').select(['id', 'payload_enc']).execute();
  const staleKept = kept.filter((k) => stale(k.payload_enc));
  if (staleKept.length) {
    await inTransaction(db, async (tx) => {
      for (const k of staleKept) {
        await tx.updateTable('request_submissions_inbox').set({ payload_enc: encryptPii(keys, 'submission', decryptPii(keys, 'submission', k.payload_enc)) }).where('id', '=', k.id).execute();
      }
    });
    submissions = staleKept.length;
  }
  const queryCodes = await rotateQueryCodes(db, keys, batch);
  const idempotency = await rotateIdempotency(db, keys, batch);
  const letters = await rotateLetters(db, keys);
  const consultations = await rotateConsultationPii(db, keys, batch);
  const messages = await rotateMessagePii(db, keys, batch);
  const interviews = await rotateInterviewPii(db, keys, batch);
  await inTransaction(db, (tx) => recordAudit(tx, ctx.audit, { action: 'request.pii.rotate', unitId: null, subjectType: 'pii_key', subjectId: current, summary: { cases, attachments, submissions, queryCodes, idempotency, letters, consultations, messages, interviews } }));
  return { cases, attachments, submissions, queryCodes, idempotency, letters, consultations, messages, interviews, keyId: current };
}

/** Tokens are `g1.<key id>.…`; a row is stale when its token names another key (`_` escaped for LIKE). */
const notUnder = (current: string) => `g1.${current.replace(/[\\%_]/g, (c) => '\\' + c)}.%`;

/** An online submission's query code, kept encrypted until its receipt is issued. */
async function rotateQueryCodes(db: Db, keys: readonly Buffer[], batch: number): Promise<number> {
  const current = keyId(keys[0]);
  let n = 0;
  for (let last = 0; ;) {
    const rows = await db.selectFrom('request_cases').select(['id', 'query_code_enc']).where('id', '>', last)
      .where('query_code_enc', 'is not', null).where('query_code_enc', 'not like', notUnder(current)).orderBy('id').limit(batch).execute();
    if (!rows.length) break;
    last = rows[rows.length - 1].id;
    await inTransaction(db, async (tx) => {
      for (const r of rows) {
        await tx.updateTable('request_cases').set({ query_code_enc: encryptPii(keys, 'query_code', decryptPii(keys, 'query_code', r.query_code_enc!)) })
          .where('id', '=', r.id).where('query_code_enc', '=', r.query_code_enc).execute();
      }
    });
    n += rows.length;
  }
  return n;
}

/** The stored first responses of idempotent creates (they may carry a query code). */
async function rotateIdempotency(db: Db, keys: readonly Buffer[], batch: number): Promise<number> {
  const current = keyId(keys[0]);
  let n = 0;
  for (;;) {
    const rows = await db.selectFrom('request_idempotency').select(['scope', 'key', 'response_enc'])
      .where('response_enc', 'is not', null).where('response_enc', 'not like', notUnder(current)).orderBy('scope').orderBy('key').limit(batch).execute();
    if (!rows.length) break;
    await inTransaction(db, async (tx) => {
      for (const r of rows) {
        await tx.updateTable('request_idempotency').set({ response_enc: encryptPii(keys, 'idempotency', decryptPii(keys, 'idempotency', r.response_enc!)) })
          .where('scope', '=', r.scope).where('key', '=', r.key).where('response_enc', '=', r.response_enc).execute();
      }
    });
    n += rows.length;
  }
  return n;
}

/**
 * Letters, one per transaction (each may hold a DOCX and a PDF): a letter is stale when any of its
 * encrypted values names another key (text by its token, files by the key id in their header). Only
 * the stale values are rewritten, in a transaction that allows re-encrypting issued letters
 * (`allowLetterReencryption`); the trigger still refuses anything but ciphertext under another key.
 */
async function rotateLetters(db: Db, keys: readonly Buffer[]): Promise<number> {
  const current = keyId(keys[0]);
  const like = notUnder(current);
  const kid = Buffer.from(current, 'hex');
  const staleText = (v: string | null) => v !== null && tokenKeyId(v) !== current;
  const staleBytes = (v: Uint8Array | null) => v !== null && bytesKeyId(v) !== current;
  let n = 0;
  for (let last = 0; ;) {
    const l = await db.selectFrom('request_letters').select(['id', 'recipient_enc', 'model_enc', 'delivery_note_enc', 'docx_enc', 'pdf_enc']).where('id', '>', last)
      .where((eb) => eb.or([
        eb('recipient_enc', 'not like', like), eb('model_enc', 'not like', like),
        eb.and([eb('delivery_note_enc', 'is not', null), eb('delivery_note_enc', 'not like', like)]),
        eb.and([eb('docx_enc', 'is not', null), sql<boolean>`substring(docx_enc from 3 for 4) <> ${kid}`]),
        eb.and([eb('pdf_enc', 'is not', null), sql<boolean>`substring(pdf_enc from 3 for 4) <> ${kid}`]),
      ])).orderBy('id').limit(1).executeTakeFirst();
    if (!l) break;
    last = l.id;
    const set: Record<string, string | Buffer> = {};
    if (staleText(l.recipient_enc)) set.recipient_enc = encryptPii(keys, 'letter_recipient', decryptPii(keys, 'letter_recipient', l.recipient_enc));
    if (staleText(l.model_enc)) set.model_enc = encryptPii(keys, 'letter_model', decryptPii(keys, 'letter_model', l.model_enc));
    if (staleText(l.delivery_note_enc)) set.delivery_note_enc = encryptPii(keys, 'delivery_note', decryptPii(keys, 'delivery_note', l.delivery_note_enc!));
    for (const f of ['docx', 'pdf'] as const) {
      const v = l[FILE_COLUMN[f]];
      if (staleBytes(v)) set[FILE_COLUMN[f]] = encryptLetterFile(keys, f, decryptLetterFile(keys, f, v!));
    }
    if (!Object.keys(set).length) continue;
    await inTransaction(db, async (tx) => {
      await allowLetterReencryption(tx);
      // only if no one changed it meanwhile (a file filled in, a delivery recorded)
      await tx.updateTable('request_letters').set(set).where('id', '=', l.id)
        .where('recipient_enc', '=', l.recipient_enc).where('model_enc', '=', l.model_enc)
        .where('delivery_note_enc', 'is not distinct from', l.delivery_note_enc).execute();
    });
    n++;
  }
  return n;
}
