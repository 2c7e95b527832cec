/**
 * Writing case rows and events, shared by the intake commands, the workflow and the importer. Personal
 * data goes in encrypted with its masked display form beside it (core/pii/crypto.ts); nothing here logs.
 */
import type { Tx } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone, type CaseEvent } from '../domain/index.ts';
import { encryptOrNull, encryptPii, encryptPiiBytes, hmacIdNumber, hmacName, keyId } from '../../../core/pii/crypto.ts';
import { makeTrackingNo } from '../http/guard.ts';
import type { IntakeValue } from '../domain/intake.ts';
import type { StoredStatus } from './tables.ts';

/** alice@example.com → a***@example.com */
export function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  return domain ? `${user.slice(0, 1)}***@${domain}` : '***';
}

export function piiColumns(keys: readonly Buffer[], v: Pick<IntakeValue, 'idNumber' | 'phone' | 'email' | 'address'>) {
  return {
    id_number_enc: encryptOrNull(keys, 'id_number', v.idNumber),
    id_number_masked: v.idNumber ? maskIdNumber(v.idNumber) : null,
    id_number_hmac: v.idNumber ? hmacIdNumber(keys[0], v.idNumber) : null,
    phone_enc: encryptOrNull(keys, 'phone', v.phone),
    phone_masked: v.phone ? maskPhone(v.phone) : null,
    email_enc: encryptOrNull(keys, 'email', v.email),
    email_masked: v.email ? maskEmail(v.email) : null,
    address_enc: encryptOrNull(keys, 'address', v.address),
    address_masked: v.address ? maskAddress(v.address) : null,
  };
}

/** The applicant's own words: name, contact person, postcode and the request (title, 文号, description). */
export type CaseTextInput = Pick<IntakeValue, 'category' | 'name' | 'contactPerson' | 'postcode' | 'infoTitle' | 'infoNumber' | 'description'>;

export function textColumns(keys: readonly Buffer[], v: CaseTextInput) {
  return {
    applicant_name_enc: encryptPii(keys, 'name', v.name),
    applicant_name_masked: maskName(v.name, v.category),
    applicant_name_hmac: hmacName(keys[0], v.name),
    contact_person_enc: encryptOrNull(keys, 'contact_person', v.contactPerson),
    postcode_enc: encryptOrNull(keys, 'postcode', v.postcode),
    info_title_enc: encryptOrNull(keys, 'info_title', v.infoTitle),
    info_number_enc: encryptOrNull(keys, 'info_number', v.infoNumber),
    description_enc: encryptPii(keys, 'description', v.description),
  };
}

/** An uploaded file's stored columns: name and bytes encrypted, the key's id beside them. */
export function attachmentColumns(keys: readonly Buffer[], f: { filename: string; data: Uint8Array }) {
  return { filename_enc: encryptPii(keys, 'attachment_name', f.filename), content_enc: encryptPiiBytes(keys, 'attachment', f.data), key_id: keyId(keys[0]) };
}

export interface NewCase {
  unitId: number;
  ref?: string;
  trackingNo: string | null;
  queryCodeHash: string | null;
  source: 'online' | 'staff' | 'import' | 'transfer';
  status: StoredStatus;
  channel: string;
  intake: IntakeValue;
  submittedAt?: Date | null;
  receivedOn?: string | null;
  handlerId?: number | null;
  transferredFrom?: number | null;
}

export async function insertCase(tx: Tx, keys: readonly Buffer[], n: NewCase): Promise<number> {
  const v = n.intake;
  const row = await tx
    .insertInto('request_cases')
    .values({
      unit_id: n.unitId,
      ref: n.ref ?? n.trackingNo!,
      tracking_no: n.trackingNo,
      query_code_hash: n.queryCodeHash,
      source: n.source,
      status: n.status,
      channel: n.channel,
      category: v.category,
      id_type: v.idType,
      ...piiColumns(keys, v),
      ...textColumns(keys, v),
      form: v.form,
      delivery: v.delivery,
      submitted_at: n.submittedAt ?? null,
      received_on: n.receivedOn ?? null,
      handler_id: n.handlerId ?? null,
      transferred_from: n.transferredFrom ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A tracking number not yet used (checked first, so a collision never aborts the transaction). */
export async function freshTrackingNo(tx: Tx, date: string): Promise<string> {
  for (;;) {
    const t = makeTrackingNo(date);
    const taken = await tx.selectFrom('request_cases').select('id').where('tracking_no', '=', t).executeTakeFirst();
    if (!taken) return t;
  }
}

export async function storeEvent(tx: Tx, ctx: CommandContext, c: { id: number }, seq: number, event: CaseEvent): Promise<void> {
  await tx
    .insertInto('request_events')
    .values({
      case_id: c.id, seq, type: event.type, date: event.date, actor_id: ctx.actor?.userId ?? null, actor_name: ctx.audit.name,
      from_status: event.from, to_status: event.to, data: JSON.stringify(event),
    })
    .execute();
}
