/**
 * Tables of the 依申请公开 module (条例 第二十七条至第四十五条): cases, their typed events, letters with
 * their numbers, attachments, the submissions inbox (a citizen's application is never lost), appeals
 * (行政复议、行政诉讼, for table 4 of the annual report) and reminders. Types: tables.ts.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { encryptPiiForMigration } from './pii-migrate.ts';
import { workflowMigrations } from './migrations-workflow.ts';
import { staffMigrations } from './migrations-staff.ts';
import { letterMigrations } from './migrations-letters.ts';

export const migrations: Record<string, Migration> = {
  '0200_requests': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table request_cases (
          id serial primary key,
          unit_id integer not null references units(id),
          ref text not null,
          tracking_no text unique,
          query_code_hash text,
          source text not null,
          status text not null,
          channel text not null,
          category text not null,
          applicant_name text not null,
          contact_person text,
          id_type text,
          id_number_enc text,
          id_number_masked text,
          id_number_hmac text,
          phone_enc text,
          phone_masked text,
          email_enc text,
          email_masked text,
          address_enc text,
          address_masked text,
          postcode text,
          info_title text,
          info_number text,
          description text not null,
          form text,
          delivery text,
          submitted_at timestamptz,
          received_on date,
          due_on date,
          deadline_state text,
          paused_since date,
          remaining_workdays integer,
          concluded_on date,
          result_row text,
          disposition jsonb,
          draft_disposition jsonb,
          handler_id integer references users(id),
          transferred_to integer references request_cases(id),
          transferred_from integer references request_cases(id),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (unit_id, ref)
        )`.execute(db);
      await sql`create index request_cases_unit_status_idx on request_cases (unit_id, status)`.execute(db);
      await sql`create index request_cases_due_idx on request_cases (due_on) where due_on is not null`.execute(db);
      await sql`create index request_cases_hmac_idx on request_cases (id_number_hmac) where id_number_hmac is not null`.execute(db);
      await sql`create index request_cases_handler_idx on request_cases (handler_id)`.execute(db);
      await sql`create index request_cases_received_idx on request_cases (received_on)`.execute(db);

      await sql`
        create table request_events (
          id bigserial primary key,
          case_id integer not null references request_cases(id) on delete cascade,
          seq integer not null,
          type text not null,
          date date not null,
          actor_id integer,
          actor_name text not null,
          from_status text,
          to_status text not null,
          data jsonb not null,
          created_at timestamptz not null default now(),
          unique (case_id, seq)
        )`.execute(db);

      await sql`
        create table request_letters (
          id serial primary key,
          case_id integer not null references request_cases(id),
          unit_id integer not null references units(id),
          kind text not null,
          status text not null default 'draft',
          title text not null,
          recipient text not null,
          number text,
          number_prefix text,
          number_year integer,
          number_seq integer,
          letter_date date,
          model jsonb not null,
          docx bytea,
          pdf bytea,
          created_by text not null,
          created_at timestamptz not null default now(),
          issued_by text,
          issued_at timestamptz,
          delivery_method text,
          delivered_on date,
          delivery_note text,
          unique (unit_id, number)
        )`.execute(db);
      await sql`create index request_letters_case_idx on request_letters (case_id)`.execute(db);
      // An issued letter is a record: its text, number and files never change (only its delivery is added).
      await sql`
        create function request_letters_frozen() returns trigger language plpgsql as $$
        begin
          if old.status = 'issued' and (new.model is distinct from old.model or new.number is distinct from old.number
              or new.status is distinct from old.status or new.letter_date is distinct from old.letter_date
              or (old.docx is not null and new.docx is distinct from old.docx)
              or (old.pdf is not null and new.pdf is distinct from old.pdf)) then
            raise exception 'an issued letter cannot be changed';
          end if;
          return new;
        end $$`.execute(db);
      await sql`
        create trigger request_letters_frozen before update on request_letters
        for each row execute function request_letters_frozen()`.execute(db);

      await sql`
        create table request_letter_counters (
          unit_id integer not null references units(id),
          year integer not null,
          prefix text not null,
          last_seq integer not null,
          primary key (unit_id, year, prefix)
        )`.execute(db);

      await sql`
        create table request_attachments (
          id serial primary key,
          case_id integer not null references request_cases(id) on delete cascade,
          filename text not null,
          mime text not null,
          size integer not null,
          sha256 text not null,
          content bytea not null,
          created_at timestamptz not null default now()
        )`.execute(db);

      await sql`
        create table request_submissions_inbox (
          id serial primary key,
          received_at timestamptz not null default now(),
          unit_id integer references units(id),
          payload_enc text not null,
          error_code text,
          status text not null default 'pending',
          case_id integer references request_cases(id),
          resolved_by text,
          resolved_at timestamptz
        )`.execute(db);

      await sql`
        create table request_appeals (
          id serial primary key,
          case_id integer not null references request_cases(id) on delete cascade,
          kind text not null,
          outcome text not null,
          filed_on date,
          decided_on date,
          note text,
          created_by text not null,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index request_appeals_case_idx on request_appeals (case_id)`.execute(db);

      await sql`
        create table request_notifications (
          id bigserial primary key,
          user_id integer not null references users(id) on delete cascade,
          case_id integer not null references request_cases(id) on delete cascade,
          kind text not null,
          due_on date not null,
          message jsonb not null,
          created_at timestamptz not null default now(),
          read_at timestamptz,
          emailed_at timestamptz,
          unique (user_id, case_id, kind, due_on)
        )`.execute(db);
      await sql`create index request_notifications_user_idx on request_notifications (user_id, read_at)`.execute(db);
    },
  },
  // Security audit 2026-12-04 F7: the applicant's name, contact person, postcode, the request's title,
  // 文号 and description, and the uploaded files (names and bytes) were stored in clear. New encrypted
  // columns are filled from the old ones under the configured key (pii-migrate.ts), then the old
  // columns are dropped, in the migration's one transaction.
  '0920_requests_pii_at_rest': {
    async up(db: Kysely<unknown>) {
      await sql`
        alter table request_cases
          add column applicant_name_enc text, add column applicant_name_masked text, add column applicant_name_hmac text,
          add column contact_person_enc text, add column postcode_enc text,
          add column info_title_enc text, add column info_number_enc text, add column description_enc text`.execute(db);
      await sql`alter table request_attachments add column filename_enc text, add column content_enc bytea, add column key_id text`.execute(db);
      await encryptPiiForMigration(db);
      await sql`
        alter table request_cases
          drop column applicant_name, drop column contact_person, drop column postcode,
          drop column info_title, drop column info_number, drop column description`.execute(db);
      await sql`
        alter table request_cases
          alter column applicant_name_enc set not null, alter column applicant_name_masked set not null,
          alter column applicant_name_hmac set not null, alter column description_enc set not null`.execute(db);
      await sql`create index request_cases_name_hmac_idx on request_cases (applicant_name_hmac)`.execute(db);
      await sql`alter table request_attachments drop column filename, drop column content`.execute(db);
      await sql`
        alter table request_attachments
          alter column filename_enc set not null, alter column content_enc set not null, alter column key_id set not null`.execute(db);
    },
  },
  ...workflowMigrations,
  ...letterMigrations,
  ...staffMigrations,
};
