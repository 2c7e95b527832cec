/** Kysely types of the assessment module's tables (store/migrations.ts). */
import type { ColumnType } from 'kysely';

export interface AssessmentWeightsTable {
  year: number;
  weights: ColumnType<unknown, string, string>;
  training_target: ColumnType<string, number, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
}

export interface AssessmentTables { assessment_weights: AssessmentWeightsTable }
