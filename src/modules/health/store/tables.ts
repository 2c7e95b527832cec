/** Kysely types of the health module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface HealthRunsTable { id: Generated<number>; trigger: string; scope_unit_id: number | null; as_of: DateCol; external: Generated<boolean>; started_at: Timestamp; finished_at: NullableTimestamp; stats: Json; started_by: Generated<string> }
export interface HealthFindingsTable {
  id: Generated<number>; key: string; unit_id: number; kind: string; severity: string; subject_type: string; subject_id: number | null; detail: Json;
  first_run_id: number; last_run_id: number; first_seen_at: Timestamp; last_seen_at: Timestamp; resolved_at: NullableTimestamp;
}
export interface HealthOrdersTable { id: Generated<number>; finding_id: number; unit_id: number; state: Generated<string>; assignee_id: number | null; note: Generated<string>; created_at: Timestamp; updated_at: Timestamp; updated_by: Generated<string> }
export interface HealthScoresTable { id: Generated<number>; run_id: number; unit_id: number; as_of: DateCol; points: ColumnType<string, number, number>; verdict: string; vetoes: ColumnType<string[], string[] | undefined, string[]>; deductions: Json; counts: Json }
export interface HealthMetaTable { key: string; value: Json; updated_at: Timestamp }

export interface HealthTables { health_runs: HealthRunsTable; health_findings: HealthFindingsTable; health_orders: HealthOrdersTable; health_scores: HealthScoresTable; health_meta: HealthMetaTable }
