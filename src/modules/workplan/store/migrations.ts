/**
 * Tables of the work-plan supervision: a plan (one government's 工作要点 of a year), its sections and
 * tasks, the units each task names (lead / responsible, groups already expanded; names the registry
 * has no unit for kept as text in the task), and the progress reports with their evidence.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1020_workplan': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table workplan_plans (
          id serial primary key,
          unit_id integer not null references units(id),
          year integer not null,
          title text not null,
          issuer text not null default '',
          doc_number text not null default '',
          created_at timestamptz not null default now(),
          created_by text not null default '',
          unique (unit_id, year, title)
        )`.execute(db);
      await sql`
        create table workplan_sections (
          id serial primary key,
          plan_id integer not null references workplan_plans(id) on delete cascade,
          no integer not null,
          title text not null,
          unique (plan_id, no)
        )`.execute(db);
      await sql`
        create table workplan_tasks (
          id serial primary key,
          plan_id integer not null references workplan_plans(id) on delete cascade,
          section_no integer not null,
          no integer not null,
          title text not null,
          body text not null default '',
          lead_names jsonb not null default '[]',
          lead_units jsonb not null default '[]',
          responsible_names jsonb not null default '[]',
          unresolved jsonb not null default '[]',
          deadline date,
          milestones jsonb not null default '[]',
          expected_output text not null default '',
          unique (plan_id, no)
        )`.execute(db);
      await sql`
        create table workplan_assignments (
          task_id integer not null references workplan_tasks(id) on delete cascade,
          unit_id integer not null references units(id),
          role text not null check (role in ('lead', 'responsible')),
          primary key (task_id, unit_id)
        )`.execute(db);
      await sql`create index workplan_assignments_unit_idx on workplan_assignments (unit_id)`.execute(db);
      await sql`
        create table workplan_reports (
          id serial primary key,
          task_id integer not null references workplan_tasks(id) on delete cascade,
          unit_id integer not null references units(id),
          status text not null check (status in ('not_started', 'in_progress', 'done')),
          body text not null default '',
          evidence jsonb not null default '[]',
          reported_on date not null,
          created_at timestamptz not null default now(),
          created_by text not null default ''
        )`.execute(db);
      await sql`create index workplan_reports_task_idx on workplan_reports (task_id, unit_id, reported_on desc, id desc)`.execute(db);
    },
  },
};
