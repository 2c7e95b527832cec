/** Tables of the 政务新媒体 registry: each unit's accounts (with 开设/关停) and their inspections. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0710_media_accounts': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table media_accounts (
          id serial primary key,
          unit_id integer not null references units(id),
          platform text not null,
          name text not null,
          account_id text not null default '',
          operator text not null,
          opened_on date,
          status text not null default 'open' check (status in ('open', 'closed')),
          closed_on date,
          qr_mime text check (qr_mime in ('image/jpeg', 'image/png')),
          qr_data bytea,
          updated_at timestamptz not null default now(),
          check (status = 'open' or closed_on is not null)
        )`.execute(db);
      await sql`create index media_accounts_unit_idx on media_accounts (unit_id, status, id)`.execute(db);
      await sql`
        create table media_inspections (
          id serial primary key,
          account_id integer not null references media_accounts(id),
          inspected_on date not null,
          last_post_on date,
          interaction_ok boolean not null,
          pass boolean not null,
          findings jsonb not null default '[]',
          note text not null default '',
          inspector text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index media_inspections_account_idx on media_inspections (account_id, inspected_on desc, id desc)`.execute(db);
    },
  },
};
