/** Kysely types of the messages module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns come back as 'YYYY-MM-DD' text. */
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface MessagesTable {
  id: Generated<number>; unit_id: number; tracking_no: string; query_code_hash: string; category: string; subject: string; body: string;
  name_enc: string | null; contact_enc: string; consent: Generated<boolean>; status: Generated<string>; received_on: DateCol; due_on: DateCol;
  assigned_to: number | null; transfers: Generated<number>; answer: string | null; answered_on: NullableDate; answered_by: string | null; document_id: number | null;
  public_subject: string | null; public_body: string | null; public_answer: string | null; published_at: NullableTimestamp;
  reject_reason: string | null; reject_note: Generated<string>; faq_id: number | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface MessageFaqsTable { id: Generated<number>; unit_id: number; question: string; answer: string; created_at: Timestamp; updated_at: Timestamp }
export interface MessageSettingsTable { unit_id: number; answer_workdays: number; updated_at: Timestamp }

export interface MessageAttachmentsTable { id: Generated<number>; message_id: number; mime: string; size: number; sha256: string; filename_enc: string; content_enc: Buffer; key_id: string; created_at: Timestamp }

/** A validated message the database refused, kept encrypted (store/migrations.ts `1121_messages_kept`). */
export interface MessagesKeptTable { id: Generated<number>; unit_id: number; tracking_no: string; payload_enc: string; error_code: string; created_at: Timestamp; discarded_at: NullableTimestamp; discarded_by: string | null; discard_reason: string | null }

export interface MessagesTables { messages: MessagesTable; message_attachments: MessageAttachmentsTable; message_faqs: MessageFaqsTable; message_settings: MessageSettingsTable; messages_kept: MessagesKeptTable }
