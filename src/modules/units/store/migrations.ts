/**
 * Tables of the units module beyond the foundation's `units` (core-migrations 0001): the lifecycle of a
 * unit through 机构改革 — the day it was deactivated, and the unit it was merged into.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0510_units_lifecycle': {
    async up(db: Kysely<unknown>) {
      await sql`alter table units add column deactivated_on date`.execute(db);
      await sql`alter table units add column merged_into_id integer references units(id)`.execute(db);
      await sql`alter table units add constraint units_not_merged_into_self check (merged_into_id is null or merged_into_id <> id)`.execute(db);
      // Units deactivated before this migration keep no date: they count as gone for every year.
      await sql`create index units_merged_into_idx on units (merged_into_id) where merged_into_id is not null`.execute(db);
    },
  },
};
