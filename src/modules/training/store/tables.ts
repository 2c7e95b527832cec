/** Kysely types of the training module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TrainingsTable {
  id: Generated<number>;
  unit_id: number;
  held_on: ColumnType<string, string, string>;
  topic: string;
  organiser: string;
  /** numeric(5,1): pg returns it as text */
  hours: ColumnType<string, number | string, number | string>;
  note: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
}

export interface TrainingAttendanceTable {
  id: Generated<number>;
  training_id: number;
  unit_id: number;
  name: string;
  created_at: Timestamp;
}

export interface TrainingTables {
  trainings: TrainingsTable;
  training_attendance: TrainingAttendanceTable;
}
