/** The media library's table: one row per stored file of a unit (the bytes live under DATA_DIR/files by SHA-256). */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1110_library': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table library_items (
          id serial primary key,
          key text not null unique,
          unit_id integer not null references units(id),
          kind text not null,
          mime text not null,
          name text not null,
          alt text not null default '',
          filename text not null,
          size integer not null check (size > 0),
          sha256 text not null,
          created_at timestamptz not null default now(),
          created_by integer references users(id) on delete set null,
          updated_at timestamptz not null default now(),
          updated_by text not null default ''
        )`.execute(db);
      await sql`create index library_items_unit_idx on library_items (unit_id, id desc)`.execute(db);
    },
  },
};
