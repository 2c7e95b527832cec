/** The assessment's weight sets: one per year, edited by the city's supervisors (domain/indicators.ts validates them). */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1011_assessment_weights': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table assessment_weights (
          year integer primary key check (year between 2008 and 2100),
          weights jsonb not null,
          training_target numeric(4,1) not null check (training_target >= 1 and training_target <= 200),
          updated_at timestamptz not null default now(),
          updated_by text not null default ''
        )`.execute(db);
    },
  },
};
