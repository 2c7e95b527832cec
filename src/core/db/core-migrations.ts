/** Foundation tables: units (the site cluster / 备案 registry), accounts, sessions, audit chain, settings. */
import { sql, type Kysely, type Migration } from 'kysely';
import { migrations as audit } from '../audit/migrations.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table units (
          id serial primary key,
          code text not null unique,
          name text not null,
          short_name text not null,
          name_en text,
          type text not null,
          parent_id integer references units(id),
          path text not null,
          depth integer not null default 0,
          slug text not null unique,
          sort_order integer not null default 0,
          disclosure_body text,
          address text,
          postcode text,
          office_hours text,
          phone text,
          fax text,
          email text,
          website text,
          responsible_official text,
          responsible_title text,
          responsible_filed_on date,
          reconsideration_organ text,
          court text,
          letter_prefix text,
          active boolean not null default true,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index units_path_idx on units (path text_pattern_ops)`.execute(db);
      await sql`create index units_parent_idx on units (parent_id)`.execute(db);

      await sql`
        create table users (
          id serial primary key,
          username text not null unique,
          display_name text not null,
          email text,
          password_hash text not null,
          unit_id integer not null references units(id),
          disabled boolean not null default false,
          failed_logins integer not null default 0,
          locked_until timestamptz,
          last_login_at timestamptz,
          password_changed_at timestamptz not null default now(),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table role_assignments (
          id serial primary key,
          user_id integer not null references users(id) on delete cascade,
          role text not null,
          unit_id integer not null references units(id),
          unique (user_id, role, unit_id)
        )`.execute(db);
      await sql`
        create table sessions (
          id_hash text primary key,
          user_id integer not null references users(id) on delete cascade,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz not null default now(),
          expires_at timestamptz not null,
          ip text,
          user_agent text
        )`.execute(db);
      await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);
      await sql`
        create table login_attempts (
          id bigserial primary key,
          username text not null,
          ip text,
          at timestamptz not null default now(),
          ok boolean not null
        )`.execute(db);
      await sql`create index login_attempts_ip_idx on login_attempts (ip, at)`.execute(db);

      await sql`
        create table audit_log (
          id bigserial primary key,
          at timestamptz not null,
          actor_id integer,
          actor_name text not null,
          unit_id integer,
          action text not null,
          subject_type text not null,
          subject_id text,
          summary jsonb not null default '{}'::jsonb,
          ip text,
          prev_hash text not null,
          hash text not null
        )`.execute(db);
      await sql`create index audit_subject_idx on audit_log (subject_type, subject_id)`.execute(db);
      await sql`create index audit_unit_idx on audit_log (unit_id, id)`.execute(db);
      await sql`
        create table audit_head (
          id integer primary key check (id = 1),
          last_id bigint not null,
          last_hash text not null,
          count bigint not null
        )`.execute(db);
      // Append-only: the database itself refuses to change or delete audit rows. (A superuser can
      // still drop the trigger; `gongkai audit verify` then detects the edit through the hash chain.)
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_log is append-only';
        end $$`.execute(db);
      await sql`
        create trigger audit_log_no_update before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);

      await sql`
        create table settings (
          key text primary key,
          value jsonb not null,
          updated_at timestamptz not null default now()
        )`.execute(db);
    },
  },
  '0002_calendar_overrides': {
    async up(db: Kysely<unknown>) {
      // Admin corrections of the working-day calendar: a State Council notice the package does not
      // have yet, or a county's local ethnic holiday (全国年节及纪念日放假办法 第四条).
      await sql`
        create table calendar_overrides (
          id serial primary key,
          date date not null,
          is_workday boolean not null,
          scope text not null,
          name text,
          source text,
          note text,
          created_by text not null,
          created_at timestamptz not null default now(),
          unique (date, scope)
        )`.execute(db);
    },
  },
  '0009_job_runs': {
    async up(db: Kysely<unknown>) {
      // Background jobs that must run once per interval across every app node: each run first
      // claims the job's row with one atomic update (core/jobs runJobOnce).
      await sql`
        create table job_runs (
          name text primary key,
          last_run_at timestamptz not null,
          last_node text not null,
          runs bigint not null default 1,
          last_finished_at timestamptz,
          last_error text
        )`.execute(db);
    },
  },
  '0010_form_contact_log': {
    async up(db: Kysely<unknown>) {
      // Per-contact limits of the public forms (core/http/antispam.ts): a keyed hash of the contact,
      // never the phone number or e-mail itself; rows older than a week are purged daily.
      await sql`
        create table form_contact_log (
          id bigserial primary key,
          scope text not null,
          contact_key text not null,
          at timestamptz not null default now()
        )`.execute(db);
      await sql`create index form_contact_log_key_idx on form_contact_log (scope, contact_key, at)`.execute(db);
    },
  },
  ...audit,
};
