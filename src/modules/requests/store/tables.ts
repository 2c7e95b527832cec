/**
 * Kysely table interfaces of the 依申请公开 module (the tables `migrations.ts` creates).
 * `date` columns are 'YYYY-MM-DD' strings; `*_enc` columns hold AES-256-GCM ciphertext (core/pii/crypto.ts),
 * `*_masked` the display form, so lists never decrypt a name or a number. The repository hands out
 * cases with the applicant's text decrypted (`CaseText` in repository.ts).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateStr = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

/** The domain's CaseStatus plus 'submitted': an online intake record not yet confirmed by staff (条例 第三十一条). */
export type StoredStatus =
  | 'submitted' | 'registered' | 'accepted' | 'correction_requested' | 'consultation' | 'fee_notice_sent'
  | 'answered' | 'delivered' | 'closed' | 'abandoned' | 'fee_unpaid' | 'withdrawn' | 'transferred';

export interface RequestCasesTable {
  id: Generated<number>;
  unit_id: number;
  /** The case reference, unique per unit: the tracking number for platform cases, the old system's ref for imports. */
  ref: string;
  /** Public tracking number (null for imported cases). */
  tracking_no: string | null;
  /** argon2id hash of the secret query code; the code itself is shown once and never stored. */
  query_code_hash: string | null;
  /** The query code of an online submission, encrypted (core/pii/crypto.ts), kept only until its 回执 is drafted (the receipt prints it). */
  query_code_enc: string | null;
  source: 'online' | 'staff' | 'import' | 'transfer';
  status: StoredStatus;
  channel: string;
  category: string;
  /** The applicant's name (person or organisation), encrypted; `_masked` for lists; `_hmac` of the normalised name for exact search. */
  applicant_name_enc: string;
  applicant_name_masked: string;
  applicant_name_hmac: string;
  contact_person_enc: string | null;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  /** HMAC-SHA256 of the normalised ID number under the current key, to find repeat applicants without decrypting. */
  id_number_hmac: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  email_enc: string | null;
  email_masked: string | null;
  address_enc: string | null;
  address_masked: string | null;
  postcode_enc: string | null;
  /** What the applicant asked for, in their words (may name people): encrypted. */
  info_title_enc: string | null;
  info_number_enc: string | null;
  description_enc: string;
  form: string | null;
  delivery: string | null;
  submitted_at: NullableTimestamp;
  /** Receipt date under 条例 第三十一条; null while an online submission awaits confirmation. */
  received_on: DateStr | null;
  /** The answer due date from computeDeadline, stored for list queries; null while paused or stopped. */
  due_on: DateStr | null;
  deadline_state: string | null;
  paused_since: DateStr | null;
  remaining_workdays: number | null;
  concluded_on: DateStr | null;
  /** The annual-report row (3.3.1 … 3.3.6.3) of the case's one result. */
  result_row: string | null;
  disposition: NullableJson;
  /** A reply drafted by the handler, awaiting the reviewer's signature (条例 第四十五条 审核). */
  draft_disposition: NullableJson;
  handler_id: number | null;
  transferred_to: number | null;
  transferred_from: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestEventsTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  type: string;
  date: DateStr;
  actor_id: number | null;
  actor_name: string;
  from_status: string | null;
  to_status: string;
  /** The domain CaseEvent as recorded (no personal data: the applicant's details live on the case row). */
  data: Json;
  created_at: Timestamp;
}

export interface RequestLettersTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  kind: string;
  status: 'draft' | 'issued';
  title: string;
  /** Who the letter is addressed to (the applicant, or a consulted third party): ciphertext (`letter_recipient`). */
  recipient_enc: string;
  number: string | null;
  number_prefix: string | null;
  number_year: number | null;
  number_seq: number | null;
  letter_date: DateStr | null;
  /** The DocModel as JSON, ciphertext (`letter_model`); frozen once issued. */
  model_enc: string;
  /** The rendered files, encrypted bytes (`letter_docx`, `letter_pdf`). */
  docx_enc: Bytes | null;
  pdf_enc: Bytes | null;
  created_by: string;
  created_at: Timestamp;
  issued_by: string | null;
  issued_at: NullableTimestamp;
  delivery_method: string | null;
  delivered_on: DateStr | null;
  /** Ciphertext (`delivery_note`). */
  delivery_note_enc: string | null;
}

export interface RequestLetterCountersTable {
  unit_id: number;
  year: number;
  prefix: string;
  last_seq: number;
}

export interface RequestAttachmentsTable {
  id: Generated<number>;
  case_id: number;
  /** The uploaded file's name and bytes (often an identity document scan), encrypted (core/pii/crypto.ts); size and sha256 are of the plain bytes. */
  filename_enc: string;
  mime: string;
  size: number;
  sha256: string;
  content_enc: Bytes;
  /** The id of the key `content_enc` is encrypted under, so rotation finds stale rows without reading the bytes. */
  key_id: string;
  created_at: Timestamp;
}

export interface RequestSubmissionsInboxTable {
  id: Generated<number>;
  received_at: Timestamp;
  unit_id: number | null;
  /** The raw submission, encrypted like other personal data. */
  payload_enc: string;
  error_code: string | null;
  status: 'pending' | 'recovered' | 'discarded';
  case_id: number | null;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
}

export interface RequestAppealsTable {
  id: Generated<number>;
  case_id: number;
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  outcome: 'upheld' | 'corrected' | 'other' | 'pending';
  filed_on: DateStr | null;
  decided_on: DateStr | null;
  /** The reconsideration organ (复议机关) or the court that hears it. */
  body: string | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestNotificationsTable {
  id: Generated<number>;
  user_id: number;
  case_id: number;
  /** due_soon / overdue: the reminder job (due_on = the due date); withdrawn: the applicant withdrew (due_on = that day); supervised: 督办 (due_on = the date asked for, else the day given). */
  kind: 'due_soon' | 'overdue' | 'withdrawn' | 'supervised';
  due_on: DateStr;
  message: Json;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

/** A replayed create (one-time form token or `Idempotency-Key`) gets the first response (core/http/idempotency.ts). */
export interface RequestIdempotencyTable {
  scope: string;
  key: string;
  body_hash: string;
  /** null while the first request is still running */
  status: number | null;
  /** the first response, encrypted like personal data (it may hold a query code) */
  response_enc: string | null;
  created_at: Timestamp;
}

/** 督办: a supervisor's dated instruction to the case's handler and unit administrator, listed until the case is answered. */
export interface RequestSupervisionOrdersTable {
  id: Generated<number>;
  case_id: number;
  issued_by_id: number | null;
  issued_by: string;
  issued_on: DateStr;
  instruction: string;
  /** the date by which the supervisor wants the case dealt with (optional) */
  reply_by: DateStr | null;
  created_at: Timestamp;
}

export interface RequestsTables {
  request_cases: RequestCasesTable;
  request_events: RequestEventsTable;
  request_letters: RequestLettersTable;
  request_letter_counters: RequestLetterCountersTable;
  request_attachments: RequestAttachmentsTable;
  request_submissions_inbox: RequestSubmissionsInboxTable;
  request_appeals: RequestAppealsTable;
  request_notifications: RequestNotificationsTable;
  request_idempotency: RequestIdempotencyTable;
  request_supervision_orders: RequestSupervisionOrdersTable;
}
