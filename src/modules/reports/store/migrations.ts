/**
 * Tables of the annual report (政府信息公开工作年度报告, 条例 第四十九条、第五十条). Types: tables.ts.
 *
 * - annual_reports: one row per unit, year and kind ('unit' = the unit's own report, due 31 January
 *   for departments; 'summary' = a government's report for its area, due 31 March). A draft of
 *   origin 'platform' is computed live from the cases and documents each time it is shown; at
 *   publication its figures and drill-down ids are frozen here, so the published report never
 *   changes under the reader. An 'import' row holds the figures of a year before the platform
 *   (so that the first year's 上年结转 can be checked against last year's 结转下年度).
 * - report_manual_figures: figures the platform does not hold (行政许可/处罚/强制 decisions, fees,
 *   the 2019 format's item counts and procurement), each with the source the unit named.
 * - settings 'reports.deadlines': the publication deadlines (MM-DD of the following year); a city
 *   may set earlier dates than the law's, never later (deadlines.ts validateDeadlineSettings).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { policyCountMigrations } from './policy-counts.ts';

export const migrations: Record<string, Migration> = {
  '0400_reports': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table annual_reports (
          id serial primary key,
          unit_id integer not null references units(id),
          year integer not null,
          kind text not null default 'unit',
          status text not null default 'draft',
          origin text not null default 'platform',
          figures jsonb,
          drill jsonb,
          narrative jsonb,
          published_on date,
          published_at timestamptz,
          published_by text,
          version integer not null default 0,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (unit_id, year, kind),
          check (kind in ('unit', 'summary')),
          check (status in ('draft', 'published')),
          check (origin in ('platform', 'import')),
          check (status <> 'published' or (figures is not null and published_on is not null)),
          check (year >= 2019 and year <= 2999)
        )`.execute(db);
      await sql`create index annual_reports_published_idx on annual_reports (unit_id, year desc) where status = 'published'`.execute(db);
      await sql`create index annual_reports_year_idx on annual_reports (year, kind)`.execute(db);

      await sql`
        create table report_manual_figures (
          unit_id integer not null references units(id),
          year integer not null,
          path text not null,
          value text not null,
          source text not null,
          updated_by text not null,
          updated_at timestamptz not null default now(),
          primary key (unit_id, year, path)
        )`.execute(db);

      await sql`
        insert into settings (key, value) values ('reports.deadlines', '{"department":"01-31","government":"03-31"}'::jsonb)
        on conflict (key) do nothing`.execute(db);
    },
  },
  ...policyCountMigrations,
};
