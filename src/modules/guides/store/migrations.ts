/** Tables of the service guides (办事指南) and their 一件事 bundles. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0720_service_guides': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table service_guides (
          id serial primary key,
          unit_id integer not null references units(id),
          kind text not null default 'other',
          code text not null default '',
          name text not null,
          basis text not null default '',
          conditions text not null default '',
          materials text not null default '',
          place text not null default '',
          office text not null default '',
          fees text not null default '',
          hours text not null default '',
          phone text not null default '',
          process text not null default '',
          time_limit text not null default '',
          online_url text not null default '',
          status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
          published_at timestamptz,
          updated_at timestamptz not null default now(),
          updated_by text not null default ''
        )`.execute(db);
      await sql`create index service_guides_unit_idx on service_guides (unit_id, status, name, id)`.execute(db);
      await sql`
        create table service_bundles (
          id serial primary key,
          unit_id integer not null references units(id),
          name text not null,
          description text not null default '',
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table service_bundle_guides (
          bundle_id integer not null references service_bundles(id) on delete cascade,
          guide_id integer not null references service_guides(id),
          position integer not null,
          primary key (bundle_id, guide_id)
        )`.execute(db);
      await sql`create index service_bundle_guides_guide_idx on service_bundle_guides (guide_id)`.execute(db);
    },
  },
};
