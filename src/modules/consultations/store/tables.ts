/** Kysely types of the consultations module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns come back as 'YYYY-MM-DD' text. */
type DateCol = ColumnType<string, string, string>;

export interface DecisionsTable {
  id: Generated<number>; unit_id: number; year: number; title: string; summary: string; undertaker: string;
  status: Generated<string>; decided_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp; updated_at: Timestamp;
}

export interface ConsultationsTable {
  id: Generated<number>; decision_id: number; unit_id: number; title: string; draft_html: string; explanation_html: string;
  opens_on: DateCol; closes_on: DateCol; short_reason: string; published_at: NullableTimestamp;
  feedback_summary: string | null; feedback_published_at: NullableTimestamp; created_at: Timestamp; updated_at: Timestamp;
}

export interface ConsultationDocumentsTable { consultation_id: number; document_id: number; position: number }

export interface ConsultationCommentsTable {
  id: Generated<number>; consultation_id: number; name: string; contact_enc: string; body: string; status: Generated<string>;
  reject_reason: string | null; moderated_by: string | null; moderated_at: NullableTimestamp; adoption: string | null; response: Generated<string>;
  created_at: Timestamp;
}

export interface ConsultationCommentsKeptTable { id: Generated<number>; consultation_id: number; payload_enc: string; error_code: string; recovered_at: NullableTimestamp; created_at: Timestamp; discarded_at: NullableTimestamp; discarded_by: string | null; discard_reason: string | null }

/** Stored tallies of a consultation's comments (migration 1160, kept by a trigger); '' for no reason / adoption. */
export interface ConsultationCommentCountsTable { consultation_id: number; status: string; reject_reason: string; adoption: string; n: number }

export interface HearingsTable {
  id: Generated<number>; consultation_id: number; held_on: DateCol; held_time: string; place: string; signup_closes_on: DateCol; seats: number;
  selection_method: string; record_text: string | null; record_published_at: NullableTimestamp; created_at: Timestamp;
}

export interface HearingSignupsTable { id: Generated<number>; hearing_id: number; name: string; contact_enc: string; statement: string; status: Generated<string>; created_at: Timestamp }

export interface ConsultationTables {
  decisions: DecisionsTable;
  consultations: ConsultationsTable;
  consultation_documents: ConsultationDocumentsTable;
  consultation_comments: ConsultationCommentsTable;
  consultation_comments_kept: ConsultationCommentsKeptTable;
  consultation_comment_counts: ConsultationCommentCountsTable;
  hearings: HearingsTable;
  hearing_signups: HearingSignupsTable;
}
