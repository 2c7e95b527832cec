/**
 * Tables of the search module (条例 第二十四条: the platform offers 信息检索). Types: tables.ts.
 *
 * - search_docs: one row per published 主动公开 document (解读 included), with ONE weighted
 *   tsvector that holds words, title marks and filter facets (vector.ts) under ONE GIN index, so
 *   a query with filters and a date window is answered inside the index (query.ts). No foreign
 *   key to documents: the reconciler (indexer.ts) removes rows of deleted documents and keeps
 *   the term counts right, which a cascade would not.
 * - search_terms: how many indexed documents hold each lexeme (and '~': how many there are). The
 *   planner reads it to pick a strategy and to estimate counts ("约 N 条"). "C" collation, so
 *   that a range such as ['~p', '~q') is a plain byte range whatever the database locale.
 * - search_attachment_text: text extracted here from PDF/DOCX attachments whose
 *   document_attachments.text_content is empty (that table belongs to the documents module).
 * - search_state: the catch-up job's watermark and the reconciler's cursor.
 * - search_items (0310): published 办事指南, 权责清单 items and 年度报告 (items.ts), a side table
 *   with its own GIN index, so that the documents' table, statistics and plans stay as they were.
 *   Documents indexed before 0310 keep their vectors (quoted title words at A, vector.ts
 *   splitTitle) until they change or `gongkai search reindex` runs: an upgrade never empties the
 *   search.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0300_search': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table search_docs (
          doc_id integer primary key,
          unit_id integer not null,
          unit_path text not null,
          sort_date date not null,
          published_at timestamptz not null,
          written_date date,
          doc_number_key text,
          doc_tsv tsvector not null,
          head_tsv tsvector not null,
          source_updated_at timestamptz not null,
          attach_sig text not null default '',
          indexed_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index search_docs_tsv_idx on search_docs using gin (doc_tsv)`.execute(db);
      await sql`create index search_docs_doc_number_idx on search_docs (doc_number_key) where doc_number_key is not null`.execute(db);
      await sql`
        create table search_terms (
          lexeme text collate "C" primary key,
          df integer not null
        )`.execute(db);
      await sql`
        create table search_attachment_text (
          attachment_id integer primary key references document_attachments(id) on delete cascade,
          sha256 text not null,
          text text not null,
          extracted_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table search_state (
          key text primary key,
          value text not null,
          updated_at timestamptz not null default now()
        )`.execute(db);
    },
  },
  '0310_search_items': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table search_items (
          kind text not null check (kind in ('guide', 'power', 'report')),
          item_id integer not null,
          unit_id integer not null,
          unit_path text not null,
          sort_date date not null,
          title text not null,
          text text not null,
          url text not null,
          stamp text not null,
          tsv tsvector not null,
          head_tsv tsvector not null,
          indexed_at timestamptz not null default now(),
          primary key (kind, item_id)
        )`.execute(db);
      await sql`create index search_items_tsv_idx on search_items using gin (tsv)`.execute(db);
      await sql`create index search_items_unit_idx on search_items (kind, unit_id)`.execute(db);
    },
  },
};
