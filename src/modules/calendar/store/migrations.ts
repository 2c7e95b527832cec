/**
 * Tables of the calendar module beyond the override table (core-migrations 0002_calendar_overrides):
 * which years' holiday arrangements are complete, per scope — an explicit record, never inferred
 * from the presence of override rows (one entered day off does not load a year).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0520_calendar_years': {
    async up(db: Kysely<unknown>) {
      // scope 'national': the State Council's annual notice (国务院办公厅关于YYYY年部分节假日安排的通知)
      // has been entered in full; 'county:<code>': that county's local holidays for the year
      // (全国年节及纪念日放假办法 第四条). Years the bundled chinese-days data covers need no row.
      await sql`
        create table calendar_years (
          year integer not null check (year between 2000 and 2999),
          scope text not null,
          source text not null,
          note text,
          marked_by text not null,
          marked_at timestamptz not null default now(),
          primary key (year, scope)
        )`.execute(db);
    },
  },
};
