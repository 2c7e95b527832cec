/** Tables of the training records: a training (organised by a unit) and its attendance per staff member. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1010_trainings': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table trainings (
          id serial primary key,
          unit_id integer not null references units(id),
          held_on date not null,
          topic text not null,
          organiser text not null,
          hours numeric(5,1) not null check (hours > 0 and hours <= 200),
          note text not null default '',
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          updated_by text not null default ''
        )`.execute(db);
      await sql`create index trainings_unit_idx on trainings (unit_id, held_on)`.execute(db);
      await sql`create index trainings_held_idx on trainings (held_on)`.execute(db);
      await sql`
        create table training_attendance (
          id serial primary key,
          training_id integer not null references trainings(id) on delete cascade,
          unit_id integer not null references units(id),
          name text not null,
          created_at timestamptz not null default now(),
          unique (training_id, unit_id, name)
        )`.execute(db);
      await sql`create index training_attendance_unit_idx on training_attendance (unit_id)`.execute(db);
    },
  },
};
