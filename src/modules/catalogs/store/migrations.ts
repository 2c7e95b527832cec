/** Tables of the 基层政务公开标准目录: one catalog per unit, area and year (a version), its rows, and what fulfils each row. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1040_catalogs': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table catalogs (
          id serial primary key,
          unit_id integer not null references units(id),
          area text not null check (area ~ '^[0-9]{2}$'),
          year integer not null,
          status text not null default 'draft' check (status in ('draft', 'submitted', 'published')),
          published_at timestamptz,
          updated_at timestamptz not null default now(),
          updated_by text not null default '',
          unique (unit_id, area, year)
        )`.execute(db);
      await sql`
        create table catalog_rows (
          id serial primary key,
          catalog_id integer not null references catalogs(id) on delete cascade,
          seq integer not null,
          item1 text not null,
          item2 text not null,
          content text not null default '',
          basis text not null default '',
          deadline text not null default '',
          deadline_kind text not null check (deadline_kind in ('workdays', 'days', 'realtime', 'ongoing')),
          deadline_n integer not null default 0,
          trigger_date date,
          subject text not null default '',
          channels text[] not null default '{}',
          audiences text[] not null default '{}',
          modes text[] not null default '{}',
          levels text[] not null default '{}',
          updated_at timestamptz not null default now(),
          unique (catalog_id, item1, item2)
        )`.execute(db);
      await sql`create index catalog_rows_catalog_idx on catalog_rows (catalog_id, seq)`.execute(db);
      // what fulfils a row: one of a column of the unit, a 专题 topic (the unit's documents in it), or a document
      await sql`
        create table catalog_links (
          id serial primary key,
          row_id integer not null references catalog_rows(id) on delete cascade,
          column_id integer references doc_columns(id) on delete cascade,
          topic_id integer references doc_topics(id) on delete cascade,
          document_id integer references documents(id) on delete cascade,
          created_at timestamptz not null default now(),
          check (num_nonnulls(column_id, topic_id, document_id) = 1)
        )`.execute(db);
      await sql`create unique index catalog_links_uniq on catalog_links (row_id, coalesce(column_id, 0), coalesce(topic_id, 0), coalesce(document_id, 0))`.execute(db);
      await sql`create index catalog_links_document_idx on catalog_links (document_id) where document_id is not null`.execute(db);
      await sql`create index catalog_links_column_idx on catalog_links (column_id) where column_id is not null`.execute(db);
    },
  },
};
