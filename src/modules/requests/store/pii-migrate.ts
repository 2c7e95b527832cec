/**
 * Migration 0920 (security audit 2026-12-04, F7): encrypts, in place, the applicant text and the
 * uploaded files that older versions stored in clear, with the same columns new cases get
 * (`textColumns`, `attachmentColumns`). It reads the keys start-up configured (`configurePiiKeys`);
 * an empty database needs none. Works in batches inside the migration's transaction.
 */
import { sql, type Kysely } from 'kysely';
import { attachmentColumns, textColumns } from './case-store.ts';
import { piiKeys, PiiKeyError } from '../../../core/pii/crypto.ts';

interface OldCase {
  id: number;
  category: string;
  applicant_name: string;
  contact_person: string | null;
  postcode: string | null;
  info_title: string | null;
  info_number: string | null;
  description: string;
}

function keys(): readonly Buffer[] {
  try {
    return piiKeys();
  } catch (e) {
    if (e instanceof PiiKeyError) throw new PiiKeyError('migration 0920_requests_pii_at_rest encrypts existing applications and needs GONGKAI_PII_KEY');
    throw e;
  }
}

export async function encryptPiiForMigration(db: Kysely<unknown>, batch = 200): Promise<{ cases: number; attachments: number }> {
  let cases = 0;
  for (let last = 0; ;) {
    const { rows } = await sql<OldCase>`
      select id, category, applicant_name, contact_person, postcode, info_title, info_number, description
      from request_cases where id > ${last} order by id limit ${batch}`.execute(db);
    if (!rows.length) break;
    const k = keys();
    for (const r of rows) {
      const c = textColumns(k, { category: r.category as never, name: r.applicant_name, contactPerson: r.contact_person, postcode: r.postcode, infoTitle: r.info_title, infoNumber: r.info_number, description: r.description });
      await sql`
        update request_cases set
          applicant_name_enc = ${c.applicant_name_enc}, applicant_name_masked = ${c.applicant_name_masked}, applicant_name_hmac = ${c.applicant_name_hmac},
          contact_person_enc = ${c.contact_person_enc}, postcode_enc = ${c.postcode_enc},
          info_title_enc = ${c.info_title_enc}, info_number_enc = ${c.info_number_enc}, description_enc = ${c.description_enc}
        where id = ${r.id}`.execute(db);
    }
    cases += rows.length;
    last = rows[rows.length - 1].id;
  }
  let attachments = 0;
  // files one at a time: a few may be large scans
  for (let last = 0; ;) {
    const { rows } = await sql<{ id: number; filename: string; content: Uint8Array }>`
      select id, filename, content from request_attachments where id > ${last} order by id limit 1`.execute(db);
    if (!rows.length) break;
    const r = rows[0];
    const c = attachmentColumns(keys(), { filename: r.filename, data: r.content });
    await sql`update request_attachments set filename_enc = ${c.filename_enc}, content_enc = ${c.content_enc}, key_id = ${c.key_id} where id = ${r.id}`.execute(db);
    attachments++;
    last = r.id;
  }
  return { cases, attachments };
}
