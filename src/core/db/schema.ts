/**
 * The database's tables as TypeScript types, for Kysely. Each module adds its tables' interface
 * here (one line), keeping the table definitions beside the module's migrations.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DocumentsTables } from '../../modules/documents/tables.ts';
import type { RequestsTables } from '../../modules/requests/tables.ts';
import type { ReportsTables } from '../../modules/reports/tables.ts';
import type { SearchTables } from '../../modules/search/tables.ts';

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
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
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

export interface FoundationTables {
  calendar_overrides: CalendarOverridesTable;
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
export type DB = FoundationTables & DocumentsTables & RequestsTables & ReportsTables & SearchTables;
