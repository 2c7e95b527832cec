/**
 * Tables of the documents module: disclosed documents and their catalog (条例 第十二条 目录,
 * 第二十条、第二十一条 columns), 专题 topics, attachments, versions, validity history for the
 * annual report, the 索引号 counters and API tokens (created here; owned by the accounts module
 * since, types in accounts/store/tables.ts). Types: tables.ts.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Tx } from '../../../core/db/index.ts';
import { ensureUnitColumns } from './columns.ts';
import { refreshDeadlines } from './deadlines.ts';
import { staffMigrations } from './migrations-staff.ts';
import { columnCountMigrations } from './column-counts.ts';
import { columnTreeMigrations } from './column-tree.ts';
import { topicLinkMigrations } from './topic-links.ts';
import { unitCountMigrations } from './unit-counts.ts';

export const migrations: Record<string, Migration> = {
  '0100_documents': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table documents (
          id serial primary key,
          unit_id integer not null references units(id),
          index_no text not null unique,
          index_year integer not null,
          index_serial integer not null,
          external_id text,
          title text not null,
          summary text,
          doc_number text,
          doc_type text,
          legal_form text not null default 'none',
          normative_reg_no text,
          written_date date,
          changed_date date,
          publish_date date,
          effective_date date,
          expiry_date date,
          topic_code text,
          validity text,
          amended_by_id integer references documents(id) on delete set null,
          repealed_by_id integer references documents(id) on delete set null,
          keywords text[] not null default '{}',
          source text,
          disclosure text not null default 'proactive',
          disclosure_reason text,
          withheld_ground text,
          interprets_id integer references documents(id) on delete set null,
          interpretation_kind text,
          body_html text not null default '',
          body_text text not null default '',
          status text not null default 'draft',
          version integer not null default 0,
          confidentiality_checked boolean not null default false,
          personal_info_checked boolean not null default false,
          personal_data_findings integer not null default 0,
          publish_at timestamptz,
          published_at timestamptz,
          withdrawn_at timestamptz,
          withdrawal_reason text,
          return_reason text,
          timeliness_workdays integer,
          timeliness_art26_overdue boolean,
          timeliness_policy_overdue boolean,
          interpretation_lag_workdays integer,
          created_by integer references users(id),
          updated_by integer references users(id),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (unit_id, external_id),
          check (status in ('draft','submitted','reviewed','scheduled','published','withdrawn')),
          check (disclosure in ('proactive','on_request','withheld')),
          check (status <> 'published' or published_at is not null)
        )`.execute(db);
      // The public list is a keyset over (published_at desc, id desc) of published 主动公开
      // documents: partial indexes keep it an index scan at a million rows, for all units and per unit.
      await sql`create index documents_public_idx on documents (published_at desc, id desc) where status = 'published' and disclosure = 'proactive'`.execute(db);
      await sql`create index documents_unit_public_idx on documents (unit_id, published_at desc, id desc) where status = 'published' and disclosure = 'proactive'`.execute(db);
      await sql`create index documents_type_public_idx on documents (doc_type, published_at desc, id desc) where status = 'published' and disclosure = 'proactive'`.execute(db);
      await sql`create index documents_unit_status_idx on documents (unit_id, status, updated_at desc)`.execute(db);
      await sql`create index documents_doc_number_idx on documents (doc_number text_pattern_ops)`.execute(db);
      await sql`create index documents_written_idx on documents (written_date)`.execute(db);
      await sql`create index documents_interprets_idx on documents (interprets_id) where interprets_id is not null`.execute(db);
      await sql`create index documents_scheduled_idx on documents (publish_at) where status = 'scheduled'`.execute(db);

      await sql`
        create table document_issuers (
          document_id integer not null references documents(id) on delete cascade,
          position integer not null,
          unit_id integer references units(id),
          name text not null,
          primary key (document_id, position)
        )`.execute(db);
      await sql`create index document_issuers_unit_idx on document_issuers (unit_id, document_id)`.execute(db);

      await sql`
        create table doc_columns (
          id serial primary key,
          unit_id integer not null references units(id),
          parent_id integer references doc_columns(id) on delete cascade,
          slug text not null,
          name_zh text not null,
          name_en text not null,
          column_type text not null,
          statutory_ref text,
          full_text text,
          is_standard boolean not null default false,
          optional boolean not null default false,
          enabled boolean not null default true,
          sort integer not null default 0,
          created_at timestamptz not null default now(),
          unique (unit_id, slug)
        )`.execute(db);
      await sql`create index doc_columns_parent_idx on doc_columns (parent_id)`.execute(db);
      await sql`
        create table document_columns (
          document_id integer not null references documents(id) on delete cascade,
          column_id integer not null references doc_columns(id) on delete cascade,
          primary key (document_id, column_id)
        )`.execute(db);
      await sql`create index document_columns_column_idx on document_columns (column_id, document_id)`.execute(db);

      await sql`
        create table doc_topics (
          id serial primary key,
          parent_id integer references doc_topics(id) on delete cascade,
          slug text not null,
          key text not null unique,
          name_zh text not null,
          name_en text not null,
          column_type text not null default 'topic',
          basis text,
          sort integer not null default 0,
          active boolean not null default true,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table document_topics (
          document_id integer not null references documents(id) on delete cascade,
          topic_id integer not null references doc_topics(id) on delete cascade,
          primary key (document_id, topic_id)
        )`.execute(db);
      await sql`create index document_topics_topic_idx on document_topics (topic_id, document_id)`.execute(db);

      await sql`
        create table document_attachments (
          id serial primary key,
          document_id integer not null references documents(id) on delete cascade,
          position integer not null default 0,
          filename text not null,
          kind text not null,
          mime text not null,
          size integer not null,
          sha256 text not null,
          text_content text,
          created_by integer references users(id),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index document_attachments_doc_idx on document_attachments (document_id, position)`.execute(db);
      await sql`create index document_attachments_sha_idx on document_attachments (sha256)`.execute(db);

      await sql`
        create table document_versions (
          id serial primary key,
          document_id integer not null references documents(id) on delete cascade,
          version integer not null,
          snapshot jsonb not null,
          change_note text,
          created_by integer references users(id),
          created_by_name text not null,
          created_at timestamptz not null default now(),
          unique (document_id, version)
        )`.execute(db);

      // 有效性 history: the annual report (table 2) counts issued / repealed / in force per year.
      await sql`
        create table validity_events (
          id serial primary key,
          document_id integer not null references documents(id) on delete cascade,
          date date not null,
          validity text not null,
          related_document_id integer references documents(id) on delete set null,
          note text,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index validity_events_date_idx on validity_events (date)`.execute(db);
      await sql`create index validity_events_doc_idx on validity_events (document_id, date, id)`.execute(db);

      // One row per unit and year; `update … set last_serial = last_serial + 1` in the creating
      // transaction row-locks it, so concurrent creations get distinct serials, never reused.
      await sql`
        create table index_counters (
          unit_id integer not null references units(id),
          year integer not null,
          last_serial integer not null,
          primary key (unit_id, year)
        )`.execute(db);
      await sql`
        create table document_unit_settings (
          unit_id integer primary key references units(id),
          index_pattern text not null,
          updated_at timestamptz not null default now()
        )`.execute(db);

      await sql`
        create table api_tokens (
          id serial primary key,
          user_id integer not null references users(id) on delete cascade,
          name text not null,
          token_hash text not null unique,
          token_prefix text not null,
          created_at timestamptz not null default now(),
          last_used_at timestamptz,
          expires_at timestamptz,
          revoked_at timestamptz
        )`.execute(db);
      await sql`create index api_tokens_user_idx on api_tokens (user_id)`.execute(db);

      // Units that existed before this module get their standard catalog columns now; new units
      // get them from createUnit (units/commands.ts → ensureUnitColumns).
      const units = await sql<{ id: number; type: string }>`select id, type from units order by id`.execute(db);
      for (const u of units.rows) await ensureUnitColumns(db as unknown as Tx, u);
    },
  },
  // #14 review workflow: who submitted (only they may recall a submission), the reason given when
  // a late document is published anyway (条例 第二十六条), and the stored 公开时效 deadline of
  // unpublished documents so dashboards and lists ask "overdue?" in SQL (store/deadlines.ts).
  '0610_documents_workflow': {
    async up(db: Kysely<unknown>) {
      await sql`alter table documents add column submitted_by integer references users(id)`.execute(db);
      await sql`alter table documents add column late_reason text`.execute(db);
      await sql`alter table documents add column timeliness_due date`.execute(db);
      await sql`alter table documents add column timeliness_late_from date`.execute(db);
      await sql`create index documents_open_late_idx on documents (timeliness_late_from, id)
        where status in ('draft','submitted','reviewed','scheduled') and disclosure = 'proactive'`.execute(db);
      await sql`create index documents_creator_status_idx on documents (created_by, status)`.execute(db);
      // submissions made before this column existed: the last 'document.submit' in the audit log
      await sql`update documents d set submitted_by = a.actor_id
        from (select distinct on (subject_id) subject_id, actor_id from audit_log
              where action = 'document.submit' and subject_type = 'document' order by subject_id, id desc) a
        where a.subject_id = d.id::text`.execute(db);
      await refreshDeadlines(db as unknown as Tx, 'open');
    },
  },
  // issue #10 item 3 (zip bombs): what came of extracting an attachment's text — 'extracted',
  // 'empty', or why not ('too_large', 'timeout', 'out_of_memory', 'unreadable', 'busy'); null for
  // images and for files attached before this column (those with text were extracted).
  '0950_documents_attachment_text_state': {
    async up(db: Kysely<unknown>) {
      await sql`alter table document_attachments add column text_state text`.execute(db);
      await sql`update document_attachments set text_state = 'extracted' where text_content is not null and text_content <> ''`.execute(db);
    },
  },
  ...staffMigrations,
  // issue #15: a public list reads its scope (status, dates) of every document in a column or
  // topic; without this covering index that meant a sequential scan of the wide documents table
  // (bodies included) — 190 ms for a 1,000-document column of 20,000 — with it an index-only scan.
  '1060_documents_scope_idx': {
    async up(db: Kysely<unknown>) {
      await sql`create index documents_scope_idx on documents (id) include (status, disclosure, published_at, updated_at)`.execute(db);
    },
  },
  ...columnCountMigrations,
  ...columnTreeMigrations,
  ...topicLinkMigrations,
  ...unitCountMigrations,
  // The 政府信息公开制度 column (slug `rules`, 国办公开办函〔2019〕61号) gets a column type of its own:
  // it shared `disclosure_guide` with the 公开指南, which another module fills, so the health check
  // needed a slug exception to report an empty 制度 column. Standard columns only: a unit cannot change
  // their type (store/columns.ts updateColumn), and its own columns keep the type it chose.
  '1185_documents_rules_column_type': {
    async up(db: Kysely<unknown>) {
      await sql`update doc_columns set column_type = 'disclosure_rules' where slug = 'rules' and column_type = 'disclosure_guide' and is_standard`.execute(db);
    },
  },
};
