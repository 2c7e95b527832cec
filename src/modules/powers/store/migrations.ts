/** Tables of the 权责清单: one list per unit and year (a version), its items, and the items' 流程图. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0730_power_lists': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table power_lists (
          id serial primary key,
          unit_id integer not null references units(id),
          year integer not null,
          status text not null default 'draft' check (status in ('draft', 'submitted', 'published')),
          published_at timestamptz,
          updated_at timestamptz not null default now(),
          updated_by text not null default '',
          unique (unit_id, year)
        )`.execute(db);
      await sql`
        create table power_items (
          id serial primary key,
          list_id integer not null references power_lists(id) on delete cascade,
          type text not null,
          code text not null,
          name text not null,
          basis text not null default '',
          subject text not null default '',
          duties text not null default '',
          accountability text not null default '',
          chart_mime text check (chart_mime in ('image/jpeg', 'image/png')),
          chart_data bytea,
          updated_at timestamptz not null default now(),
          unique (list_id, code)
        )`.execute(db);
      await sql`create index power_items_list_idx on power_items (list_id, type, code)`.execute(db);
    },
  },
};
