/** Kysely types of the work-plan tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the value, written as its JSON text */
type Json<T> = ColumnType<T, string | undefined, string>;
/** date columns are read as YYYY-MM-DD strings (pg type parser set in core/db) */
type DateCol = ColumnType<string, string, string>;

export interface WorkplanPlansTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  title: string;
  issuer: Generated<string>;
  doc_number: Generated<string>;
  created_at: Timestamp;
  created_by: Generated<string>;
}
export interface WorkplanSectionsTable { id: Generated<number>; plan_id: number; no: number; title: string }
export interface WorkplanTasksTable {
  id: Generated<number>;
  plan_id: number;
  section_no: number;
  no: number;
  title: string;
  body: Generated<string>;
  lead_names: Json<string[]>;
  /** each lead name with the unit it resolved to (null: none in the registry) */
  lead_units: Json<{ name: string; unit_id: number | null }[]>;
  responsible_names: Json<string[]>;
  unresolved: Json<string[]>;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
  milestones: Json<{ date: string; text: string }[]>;
  expected_output: Generated<string>;
}
export interface WorkplanAssignmentsTable { task_id: number; unit_id: number; role: 'lead' | 'responsible' }
export interface WorkplanReportsTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  status: string;
  body: Generated<string>;
  evidence: Json<unknown[]>;
  reported_on: DateCol;
  created_at: Timestamp;
  created_by: Generated<string>;
}

export interface WorkplanTables {
  workplan_plans: WorkplanPlansTable;
  workplan_sections: WorkplanSectionsTable;
  workplan_tasks: WorkplanTasksTable;
  workplan_assignments: WorkplanAssignmentsTable;
  workplan_reports: WorkplanReportsTable;
}
