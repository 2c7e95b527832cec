/**
 * Kysely table interfaces of the documents module (the tables `migrations.ts` creates).
 * Column names are snake_case as in SQL; `date` columns are 'YYYY-MM-DD' strings.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateStr = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;
/** text[]: read as string[]; written as a string[] (both drivers serialise arrays). */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type DocumentStatus = 'draft' | 'submitted' | 'reviewed' | 'scheduled' | 'published' | 'withdrawn';

export interface DocumentsTable {
  id: Generated<number>;
  /** The unit that owns (publishes) the document; policy scope is its subtree. */
  unit_id: number;
  /** 索引号, allocated once and never reused (index_counters). */
  index_no: string;
  index_year: number;
  index_serial: number;
  /** The source system's id, for idempotent imports; unique per unit. */
  external_id: string | null;
  title: string;
  summary: string | null;
  /** 文号 in GB/T 9704 form (docnumber.ts); search with docNumberSearchKey as a substring. */
  doc_number: string | null;
  doc_type: string | null;
  legal_form: Generated<string>;
  normative_reg_no: string | null;
  written_date: DateStr | null;
  /** 变更日期: restarts the Art. 26 clock for changed information. */
  changed_date: DateStr | null;
  /** 发布日期 (Asia/Shanghai day of published_at, or the historical date of an import). */
  publish_date: DateStr | null;
  effective_date: DateStr | null;
  expiry_date: DateStr | null;
  /** 主题分类 code (taxonomy.ts TOPICS). */
  topic_code: string | null;
  validity: string | null;
  amended_by_id: number | null;
  repealed_by_id: number | null;
  keywords: TextArray;
  source: string | null;
  disclosure: Generated<string>;
  disclosure_reason: string | null;
  withheld_ground: string | null;
  /** For a 解读: the policy it interprets. */
  interprets_id: number | null;
  interpretation_kind: string | null;
  /** Sanitised rich text (sanitize.ts); never raw input. */
  body_html: Generated<string>;
  body_text: Generated<string>;
  status: Generated<DocumentStatus>;
  version: Generated<number>;
  confidentiality_checked: Generated<boolean>;
  personal_info_checked: Generated<boolean>;
  personal_data_findings: Generated<number>;
  publish_at: NullableTimestamp;
  published_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  withdrawal_reason: string | null;
  return_reason: string | null;
  /** Who last submitted it for review: only they may recall the submission (workflow 'recall'). */
  submitted_by: number | null;
  /** Why it was published after the 条例 第二十六条 / 2020 要点 第6点 limit (asked at publication). */
  late_reason: string | null;
  /** Unpublished documents: the last day to publish on time, and the first day it counts as late (store/deadlines.ts). */
  timeliness_due: DateStr | null;
  timeliness_late_from: DateStr | null;
  timeliness_workdays: number | null;
  timeliness_art26_overdue: boolean | null;
  timeliness_policy_overdue: boolean | null;
  interpretation_lag_workdays: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentIssuersTable {
  document_id: number;
  /** 0 = lead body (条例 第十条第三款). */
  position: number;
  /** null for a body outside the platform (e.g. 政务公开领导小组). */
  unit_id: number | null;
  name: string;
}

export interface DocColumnsTable {
  id: Generated<number>;
  unit_id: number;
  parent_id: number | null;
  /** Unique within the unit; standard columns use catalog.ts slugs. */
  slug: string;
  name_zh: string;
  name_en: string;
  column_type: string;
  /** e.g. '政府信息公开条例 第20条第1项'. */
  statutory_ref: string | null;
  full_text: string | null;
  is_standard: Generated<boolean>;
  optional: Generated<boolean>;
  enabled: Generated<boolean>;
  sort: Generated<number>;
  created_at: Timestamp;
}

export interface DocumentColumnsTable {
  document_id: number;
  column_id: number;
  /** Copied from the document by triggers (store/column-counts.ts): published 主动公开, and when. */
  public: Generated<boolean>;
  published_at: Generated<Timestamp | null>;
}

/** Per column, kept by triggers (store/column-counts.ts): its public documents, newest change of its list. */
export interface ColumnCountsTable {
  column_id: number;
  published: Generated<number>;
  last_change: Timestamp | null;
}

export interface DocTopicsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Local slug; `key` is the full path ('six-stabilities-six-guarantees/policies'). */
  slug: string;
  key: string;
  name_zh: string;
  name_en: string;
  column_type: string;
  basis: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  /** Shown on every home page while set (portal migration 0965_topics_urgent). */
  urgent: Generated<boolean>;
  urgent_note: string | null;
  urgent_since: NullableTimestamp;
}

export interface DocumentTopicsTable {
  document_id: number;
  topic_id: number;
  /** Copied from the document by triggers (store/topic-links.ts): published 主动公开, and when. */
  public: Generated<boolean>;
  published_at: Generated<Timestamp | null>;
}

/** The newest change of anything a 专题 node lists or listed (store/topic-links.ts): its Last-Modified. */
export interface TopicChangesTable {
  topic_id: number;
  last_change: Timestamp | null;
}

export interface DocumentAttachmentsTable {
  id: Generated<number>;
  document_id: number;
  position: Generated<number>;
  filename: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  /** Extracted text (PDF/DOCX), for the personal-data check and search. */
  text_content: string | null;
  /** what came of the extraction (core/docs/extract-pool.ts TextState); null for images and older rows */
  text_state: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  /** diff.ts VersionSnapshot as JSON. */
  snapshot: Json;
  change_note: string | null;
  created_by: number | null;
  created_by_name: string;
  created_at: Timestamp;
}

export interface ValidityEventsTable {
  id: Generated<number>;
  document_id: number;
  /** The day from which `validity` holds. */
  date: DateStr;
  validity: string;
  related_document_id: number | null;
  note: string | null;
  created_at: Timestamp;
}

export interface IndexCountersTable {
  unit_id: number;
  year: number;
  last_serial: number;
}

export interface DocumentUnitSettingsTable {
  unit_id: number;
  index_pattern: string;
  updated_at: Timestamp;
}

export interface DocumentsTables {
  documents: DocumentsTable;
  document_issuers: DocumentIssuersTable;
  doc_columns: DocColumnsTable;
  document_columns: DocumentColumnsTable;
  column_counts: ColumnCountsTable;
  topic_changes: TopicChangesTable;
  doc_topics: DocTopicsTable;
  document_topics: DocumentTopicsTable;
  document_attachments: DocumentAttachmentsTable;
  document_versions: DocumentVersionsTable;
  validity_events: ValidityEventsTable;
  index_counters: IndexCountersTable;
  document_unit_settings: DocumentUnitSettingsTable;
}
