/** Tables of site health: check runs, findings (one row per stable key), work orders, score history, settings. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1000_health': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table health_runs (
          id serial primary key,
          trigger text not null check (trigger in ('job', 'cli', 'admin', 'demo')),
          scope_unit_id integer references units(id),
          as_of date not null,
          external boolean not null default false,
          started_at timestamptz not null default now(),
          finished_at timestamptz,
          stats jsonb not null default '{}'::jsonb,
          started_by text not null default ''
        )`.execute(db);
      await sql`
        create table health_findings (
          id serial primary key,
          key text not null unique,
          unit_id integer not null references units(id),
          kind text not null,
          severity text not null check (severity in ('veto', 'warn')),
          subject_type text not null,
          subject_id integer,
          detail jsonb not null default '{}'::jsonb,
          first_run_id integer not null references health_runs(id),
          last_run_id integer not null references health_runs(id),
          first_seen_at timestamptz not null default now(),
          last_seen_at timestamptz not null default now(),
          resolved_at timestamptz
        )`.execute(db);
      await sql`create index health_findings_unit_idx on health_findings (unit_id, kind) where resolved_at is null`.execute(db);
      await sql`
        create table health_orders (
          id serial primary key,
          finding_id integer not null unique references health_findings(id) on delete cascade,
          unit_id integer not null references units(id),
          state text not null default 'open' check (state in ('open', 'assigned', 'fixed', 'verified', 'closed')),
          assignee_id integer references users(id),
          note text not null default '',
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          updated_by text not null default ''
        )`.execute(db);
      await sql`create index health_orders_unit_idx on health_orders (unit_id, state)`.execute(db);
      await sql`
        create table health_scores (
          id serial primary key,
          run_id integer not null references health_runs(id) on delete cascade,
          unit_id integer not null references units(id),
          as_of date not null,
          points numeric(5, 1) not null,
          verdict text not null check (verdict in ('pass', 'fail')),
          vetoes text[] not null default '{}',
          deductions jsonb not null default '{}'::jsonb,
          counts jsonb not null default '{}'::jsonb,
          unique (run_id, unit_id)
        )`.execute(db);
      await sql`create index health_scores_unit_idx on health_scores (unit_id, run_id desc)`.execute(db);
      await sql`
        create table health_meta (
          key text primary key,
          value jsonb not null,
          updated_at timestamptz not null default now()
        )`.execute(db);
    },
  },
};
