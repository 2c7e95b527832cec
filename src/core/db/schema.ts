/**
 * The database's tables as TypeScript types, for Kysely. Each module adds its tables' interface
 * here (one line), keeping the table definitions beside the module's migrations.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DocumentsTables } from '../../modules/documents/store/tables.ts';
import type { RequestsTables } from '../../modules/requests/store/tables.ts';
import type { ReportsTables } from '../../modules/reports/store/tables.ts';
import type { SearchTables } from '../../modules/search/store/tables.ts';
import type { AccountsTables } from '../../modules/accounts/store/tables.ts';
import type { AgencyTables } from '../../modules/agency/store/tables.ts';
import type { MediaTables } from '../../modules/media/store/tables.ts';
import type { ConsultationTables } from '../../modules/consultations/store/tables.ts';
import type { GuidesTables } from '../../modules/guides/store/tables.ts';
import type { PowersTables } from '../../modules/powers/store/tables.ts';
import type { WorkplanTables } from '../../modules/workplan/store/tables.ts';
import type { CatalogsTables } from '../../modules/catalogs/store/tables.ts';
import type { PortalTables } from '../../modules/portal/store/tables.ts';
import type { MessagesTables } from '../../modules/messages/store/tables.ts';
import type { HealthTables } from '../../modules/health/store/tables.ts';
import type { TrainingTables } from '../../modules/training/store/tables.ts';
import type { AssessmentTables } from '../../modules/assessment/store/tables.ts';
import type { InterviewsTables } from '../../modules/interviews/store/tables.ts';
import type { LibraryTables } from '../../modules/library/store/tables.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = ColumnType<string, string, string>;

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string;
  name_en: string | null;
  type: string;
  parent_id: number | null;
  path: string;
  depth: Generated<number>;
  slug: string;
  sort_order: Generated<number>;
  disclosure_body: string | null;
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  responsible_official: string | null;
  responsible_title: string | null;
  responsible_filed_on: DateStr | null;
  reconsideration_organ: string | null;
  court: string | null;
  letter_prefix: string | null;
  active: Generated<boolean>;
  /** The day the unit was deactivated or merged (units module, 0510_units_lifecycle). */
  deactivated_on: DateStr | null;
  /** The unit this one was merged into; its history sits under that unit. */
  merged_into_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  unit_id: number;
  disabled: Generated<boolean>;
  /** an administrator's 解锁: sign-in failures before it no longer count (accounts migration 0510) */
  login_reset_at: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
}

export interface RoleAssignmentsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  unit_id: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: Timestamp;
  ok: boolean;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  unit_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  summary: ColumnType<unknown, string, string>;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** 1 = plain SHA-256 (rows from before the chain was keyed), 2 = HMAC-SHA256 under key_id (core/audit/hash.ts) */
  hash_scheme: ColumnType<number, number | undefined, never>;
  key_id: string | null;
}

export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
  count: number;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface CalendarOverridesTable {
  id: Generated<number>;
  date: DateStr;
  is_workday: boolean;
  scope: string;
  name: string | null;
  source: string | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** A year whose holiday arrangement is complete for a scope (calendar module, 0520_calendar_years). */
export interface CalendarYearsTable {
  year: number;
  scope: string;
  source: string;
  note: string | null;
  marked_by: string;
  marked_at: Timestamp;
}

/** One row per background job: the cluster-wide claim of its last run (core/jobs). */
export interface JobRunsTable {
  name: string;
  last_run_at: Timestamp;
  last_node: string;
  runs: Generated<number>;
  last_finished_at: Timestamp | null;
  last_error: string | null;
}

/** Accepted public-form submissions per contact (core/http/antispam.ts), for per-contact limits. */
export interface FormContactLogTable {
  id: Generated<string>;
  scope: string;
  contact_key: string;
  at: Generated<Timestamp>;
}

export interface FoundationTables {
  form_contact_log: FormContactLogTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_years: CalendarYearsTable;
  job_runs: JobRunsTable;
  units: UnitsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
}

// Modules extend this with `& DocumentsTables & …` as they are added.
export type DB = FoundationTables & DocumentsTables & RequestsTables & ReportsTables & SearchTables & AccountsTables & AgencyTables & MediaTables & ConsultationTables & GuidesTables & PortalTables & PowersTables & MessagesTables & HealthTables & TrainingTables & AssessmentTables & WorkplanTables & InterviewsTables & CatalogsTables & LibraryTables;
