/** Kysely types of the interviews module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface InterviewsTable {
  id: Generated<number>; unit_id: number; kind: string; title: string; topic: string; starts_at: Timestamp; place: Generated<string>;
  intro_html: Generated<string>; statement_html: Generated<string>; status: Generated<string>; cancel_reason: string | null;
  announced_at: NullableTimestamp; ended_at: NullableTimestamp; created_at: Timestamp; updated_at: Timestamp;
}
export interface InterviewPeopleTable { id: Generated<number>; interview_id: number; role: string; name: string; title: string; unit_name: string; position: number }
export interface InterviewDocumentsTable { interview_id: number; document_id: number; position: number }
export interface InterviewVideosTable { id: Generated<number>; interview_id: number; title: string; url: string; position: number }
export interface InterviewQuestionsTable {
  id: Generated<number>; interview_id: number; name: string; contact_enc: string; body: string; asked_during: string; status: Generated<string>;
  reject_reason: string | null; moderated_by: string | null; moderated_at: NullableTimestamp; created_at: Timestamp;
}
export interface InterviewQuestionsKeptTable { id: Generated<number>; interview_id: number; payload_enc: string; error_code: string; recovered_at: NullableTimestamp; created_at: Timestamp; discarded_at: NullableTimestamp; discarded_by: string | null; discard_reason: string | null }
export interface InterviewEntriesTable { id: Generated<number>; interview_id: number; position: number; kind: string; speaker: string; body_html: string; question_id: number | null; created_at: Timestamp }
export interface InterviewPhotosTable { id: Generated<number>; interview_id: number; caption: string; mime: string; data: Uint8Array; created_at: Timestamp }

export interface InterviewsTables {
  interviews: InterviewsTable;
  interview_people: InterviewPeopleTable;
  interview_documents: InterviewDocumentsTable;
  interview_videos: InterviewVideosTable;
  interview_questions: InterviewQuestionsTable;
  interview_questions_kept: InterviewQuestionsKeptTable;
  interview_entries: InterviewEntriesTable;
  interview_photos: InterviewPhotosTable;
}
