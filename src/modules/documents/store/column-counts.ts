/**
 * Public column lists without a scan of the column (issue #15, migration `1130_column_counts`).
 *
 * A column list used to read its whole scope — every document of the column, withdrawn ones
 * included — to count it, take its Last-Modified and sort it: ~17–30 ms in PostgreSQL for a
 * 1,000-document column of 20,000, and proportionally more for the 53,000-document columns of a
 * million. Now:
 *
 *   document_columns.public / .published_at   copied from the document (published 主动公开 or not,
 *       and when), so the index `document_columns_public_idx (column_id, published_at desc,
 *       document_id desc) where public` hands out page N of a column as an index-only range scan;
 *   column_counts (column_id, published, last_change)   the column's public documents and the newest
 *       change of anything it lists or listed (a publication, an edit of a published or withdrawn
 *       document, a withdrawal, a document moved out) — the list's count and Last-Modified.
 *
 * Both are kept by triggers in the same transaction as the change, whatever writes it (the editor,
 * the importer, the review workflow, the scheduled publication job, a cascade delete, a bulk load):
 * statement-level triggers with transition tables, so a batch of 2,000 rows costs one grouped update,
 * not 2,000. The list reads them in `column-page.ts`; `column-counts.db.test.ts` checks them through publish, withdraw, move and delete.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The trigger function that keeps a link table's copies (`public`, `published_at`) and its list's
 * Last-Modified (`counts.last_change`) when documents change: a publication, a withdrawal or a new
 * date moves the links; a change to a published or withdrawn document dates the lists holding it.
 * Shared by the column lists (this migration) and the 专题 lists (topic-links.ts).
 */
export const documentsLinkSync = (o: { fn: string; links: string; key: string; counts: string }) => `
        create function ${o.fn}() returns trigger language plpgsql as $$
        begin
          with changed as (
            select n.id, n.status = 'published' and n.disclosure = 'proactive' as public, n.published_at, n.updated_at,
                   n.status in ('published', 'withdrawn') or o.status in ('published', 'withdrawn') as listed,
                   (n.status = 'published' and n.disclosure = 'proactive') is distinct from (o.status = 'published' and o.disclosure = 'proactive')
                     or n.published_at is distinct from o.published_at as moved
            from new_docs n join old_docs o on o.id = n.id
            where n.status is distinct from o.status or n.disclosure is distinct from o.disclosure
               or n.published_at is distinct from o.published_at or n.updated_at is distinct from o.updated_at),
          links as (
            update ${o.links} dl set public = c.public, published_at = c.published_at
            from changed c where c.moved and dl.document_id = c.id)
          update ${o.counts} cc set last_change = x.last
            from (select dl.${o.key}, max(c.updated_at) as last from changed c join ${o.links} dl on dl.document_id = c.id
                  where c.listed group by dl.${o.key}) x
            where cc.${o.key} = x.${o.key} and (cc.last_change is null or cc.last_change < x.last);
          return null;
        end $$`;

export const columnCountMigrations: Record<string, Migration> = {
  '1130_column_counts': {
    async up(db: Kysely<unknown>) {
      await sql`alter table document_columns add column public boolean not null default false, add column published_at timestamptz`.execute(db);
      await sql`update document_columns dc set public = (d.status = 'published' and d.disclosure = 'proactive'), published_at = d.published_at
        from documents d where d.id = dc.document_id`.execute(db);
      await sql`create index document_columns_public_idx on document_columns (column_id, published_at desc, document_id desc) where public`.execute(db);
      await sql`
        create table column_counts (
          column_id integer primary key references doc_columns(id) on delete cascade,
          published integer not null default 0,
          last_change timestamptz
        )`.execute(db);
      await sql`insert into column_counts (column_id, published, last_change)
        select c.id, count(dc.document_id) filter (where dc.public)::int,
               max(d.updated_at) filter (where d.status in ('published', 'withdrawn'))
        from doc_columns c left join document_columns dc on dc.column_id = c.id left join documents d on d.id = dc.document_id
        group by c.id`.execute(db);

      // a link row copies its document's public state when it is written
      await sql`
        create function gk_document_columns_fill() returns trigger language plpgsql as $$
        begin
          select d.status = 'published' and d.disclosure = 'proactive', d.published_at into new.public, new.published_at
            from documents d where d.id = new.document_id;
          return new;
        end $$`.execute(db);
      await sql`create trigger document_columns_fill before insert on document_columns for each row execute function gk_document_columns_fill()`.execute(db);

      // links added: count the public ones, and the list changed when a published or withdrawn document joined
      await sql`
        create function gk_column_counts_insert() returns trigger language plpgsql as $$
        begin
          insert into column_counts as cc (column_id, published, last_change)
            select n.column_id, count(*) filter (where n.public)::int, max(d.updated_at) filter (where d.status in ('published', 'withdrawn'))
            from new_links n join documents d on d.id = n.document_id group by n.column_id
          on conflict (column_id) do update set published = cc.published + excluded.published,
            last_change = greatest(cc.last_change, excluded.last_change);
          return null;
        end $$`.execute(db);
      await sql`create trigger column_counts_insert after insert on document_columns referencing new table as new_links
        for each statement execute function gk_column_counts_insert()`.execute(db);

      // links removed (a move, a deleted document, a deleted column): a public one leaves the list now
      await sql`
        create function gk_column_counts_delete() returns trigger language plpgsql as $$
        begin
          update column_counts cc set published = cc.published - o.n, last_change = greatest(cc.last_change, now())
            from (select column_id, count(*)::int as n from old_links where public group by column_id) o
            where cc.column_id = o.column_id;
          return null;
        end $$`.execute(db);
      await sql`create trigger column_counts_delete after delete on document_columns referencing old table as old_links
        for each statement execute function gk_column_counts_delete()`.execute(db);

      // links updated (by the documents trigger below): the difference in public links per column
      await sql`
        create function gk_column_counts_update() returns trigger language plpgsql as $$
        begin
          update column_counts cc set published = cc.published + x.delta
            from (select column_id, sum(delta)::int as delta from (
                    select column_id, 1 as delta from new_links where public
                    union all select column_id, -1 from old_links where public) s
                  group by column_id) x
            where cc.column_id = x.column_id and x.delta <> 0;
          return null;
        end $$`.execute(db);
      await sql`create trigger column_counts_update after update on document_columns referencing old table as old_links new table as new_links
        for each statement execute function gk_column_counts_update()`.execute(db);

      // documents changed: their links follow a publication, withdrawal or new date, and the lists
      // holding a published or withdrawn document that changed have a new Last-Modified
      await sql.raw(documentsLinkSync({ fn: 'gk_documents_columns_sync', links: 'document_columns', key: 'column_id', counts: 'column_counts' })).execute(db);
      await sql`create trigger documents_columns_sync after update on documents referencing old table as old_docs new table as new_docs
        for each statement execute function gk_documents_columns_sync()`.execute(db);

      // a new column starts at zero
      await sql`
        create function gk_column_counts_new_column() returns trigger language plpgsql as $$
        begin
          insert into column_counts (column_id) select id from new_columns on conflict do nothing;
          return null;
        end $$`.execute(db);
      await sql`create trigger column_counts_new_column after insert on doc_columns referencing new table as new_columns
        for each statement execute function gk_column_counts_new_column()`.execute(db);
    },
  },
};
