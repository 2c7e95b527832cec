/**
 * 专题 lists without a scan of the topic (issue #15, migration `1190_topic_links_public`).
 *
 * A topic list used to read its whole scope: every published or withdrawn document, each tested
 * for a link to the topic or one of its sections, counted and sorted — 21 ms in PostgreSQL for the
 * 6,000-document topic of a 20,000-document corpus, and growing with the corpus, not the topic.
 * As for columns (store/column-counts.ts):
 *
 *   document_topics.public / .published_at   copied from the document, so the partial index
 *       `document_topics_public_idx (topic_id, published_at desc, document_id desc) where public`
 *       hands out the newest links of a topic node as an index range scan;
 *   topic_counts (topic_id, published, last_change)   the node's public documents, its sections' included
 *       and each counted once (a document in two sections of a topic is one item of the topic's
 *       list), and the newest change of anything it lists or listed (a publication, an edit of a
 *       published or withdrawn document, a withdrawal, an unlinked document): the list's count and
 *       Last-Modified.
 *
 * The count moves by the (document, node) pairs a statement touches: +1 where the document has a
 * public link under the node now and had none before, −1 the other way round. "Before" is the table
 * now without the statement's new rows and with its old ones (transition tables). A node's sections
 * are the nodes whose key starts with its key and a slash, as in `publicDocumentPage`'s topic
 * filter. Topics are deactivated, never deleted by the application; a deleted one recounts all.
 *
 * Both are kept by triggers in the transaction that changes them, whatever writes it (the editor,
 * the importer, the review workflow, the scheduled publication, a cascade delete, a bulk load),
 * statement-level with transition tables. The list reads them in `topic-page.ts`;
 * `topic-page.db.test.ts` checks them through publish, relink, withdraw, republish and delete.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { documentsLinkSync } from './column-counts.ts';

/** (topic_id, anc): every node with itself and each node it is a section of (by key). */
const ANCESTORS = `select t.id as topic_id, a.id as anc from doc_topics t join doc_topics a on a.id = t.id or starts_with(t.key, a.key || '/')`;
/** an empty set of links, for the transition table a trigger does not have */
const NONE = `(select null::int as document_id, null::int as topic_id, null::boolean as public where false)`;
/**
 * Moves each node's count by the (document, node) pairs whose "has a public link under it" changed.
 * Set operations over the touched documents (hash joins), not a lookup per pair: a per-pair scan of
 * the transition tables made a 2,000-row bulk insert quadratic.
 */
const COUNT_DELTA = (added: string, removed: string) => `
          with anc as (${ANCESTORS}),
          touched as (select a1.document_id from ${added} a1 union select r1.document_id from ${removed} r1),
          now_set as (
            select distinct l.document_id, a.anc from document_topics l join touched t on t.document_id = l.document_id
            join anc a on a.topic_id = l.topic_id where l.public),
          before_set as (
            select distinct b.document_id, a.anc from (
              select l.document_id, l.topic_id from document_topics l join touched t on t.document_id = l.document_id
              where l.public and not exists (select 1 from ${added} n where n.document_id = l.document_id and n.topic_id = l.topic_id)
              union all
              select o.document_id, o.topic_id from ${removed} o where o.public) b
            join anc a on a.topic_id = b.topic_id),
          delta as (
            select x.anc, sum(x.d)::int as d from (
              select n.anc, 1 as d from now_set n
                where not exists (select 1 from before_set b where b.document_id = n.document_id and b.anc = n.anc)
              union all
              select b.anc, -1 from before_set b
                where not exists (select 1 from now_set n where n.document_id = b.document_id and n.anc = b.anc)) x
            group by x.anc)
          update topic_counts tc set published = tc.published + delta.d from delta where tc.topic_id = delta.anc and delta.d <> 0;`;
/** Every node's count from scratch. */
const RECOUNT = `update topic_counts tc set published = coalesce((
    select count(distinct l.document_id) from document_topics l join (${ANCESTORS}) a on a.topic_id = l.topic_id
    where a.anc = tc.topic_id and l.public), 0)`;

export const topicLinkMigrations: Record<string, Migration> = {
  '1190_topic_links_public': {
    async up(db: Kysely<unknown>) {
      await sql`alter table document_topics add column public boolean not null default false, add column published_at timestamptz`.execute(db);
      await sql`update document_topics dt set public = (d.status = 'published' and d.disclosure = 'proactive'), published_at = d.published_at
        from documents d where d.id = dt.document_id`.execute(db);
      await sql`create index document_topics_public_idx on document_topics (topic_id, published_at desc, document_id desc) where public`.execute(db);
      await sql`
        create table topic_counts (
          topic_id integer primary key references doc_topics(id) on delete cascade,
          published integer not null default 0,
          last_change timestamptz
        )`.execute(db);
      await sql`insert into topic_counts (topic_id, last_change)
        select t.id, max(d.updated_at) filter (where d.status in ('published', 'withdrawn'))
        from doc_topics t left join document_topics dt on dt.topic_id = t.id left join documents d on d.id = dt.document_id
        group by t.id`.execute(db);
      await sql.raw(RECOUNT).execute(db);

      // a link row copies its document's public state when it is written
      await sql`
        create function gk_document_topics_fill() returns trigger language plpgsql as $$
        begin
          select d.status = 'published' and d.disclosure = 'proactive', d.published_at into new.public, new.published_at
            from documents d where d.id = new.document_id;
          return new;
        end $$`.execute(db);
      await sql`create trigger document_topics_fill before insert on document_topics for each row execute function gk_document_topics_fill()`.execute(db);

      // links added: the list changed when a published or withdrawn document joined
      await sql.raw(`
        create function gk_topic_counts_insert() returns trigger language plpgsql as $$
        begin
          insert into topic_counts as tc (topic_id, last_change)
            select n.topic_id, max(d.updated_at) filter (where d.status in ('published', 'withdrawn'))
            from new_links n join documents d on d.id = n.document_id group by n.topic_id
          on conflict (topic_id) do update set last_change = greatest(tc.last_change, excluded.last_change);
          ${COUNT_DELTA('new_links', NONE)}
          return null;
        end $$`).execute(db);
      await sql`create trigger topic_counts_insert after insert on document_topics referencing new table as new_links
        for each statement execute function gk_topic_counts_insert()`.execute(db);

      // links removed (an edit, a deleted document or topic): a public one leaves the list now
      await sql.raw(`
        create function gk_topic_counts_delete() returns trigger language plpgsql as $$
        begin
          update topic_counts tc set last_change = greatest(tc.last_change, now())
            where tc.topic_id in (select topic_id from old_links where public);
          ${COUNT_DELTA(NONE, 'old_links')}
          return null;
        end $$`).execute(db);
      await sql`create trigger topic_counts_delete after delete on document_topics referencing old table as old_links
        for each statement execute function gk_topic_counts_delete()`.execute(db);

      // links updated (by the documents trigger below): a document became public or stopped being
      await sql.raw(`
        create function gk_topic_counts_update() returns trigger language plpgsql as $$
        begin
          ${COUNT_DELTA('new_links', 'old_links')}
          return null;
        end $$`).execute(db);
      await sql`create trigger topic_counts_update after update on document_topics referencing old table as old_links new table as new_links
        for each statement execute function gk_topic_counts_update()`.execute(db);

      // documents changed: their links follow a publication, withdrawal or new date, and the lists
      // holding a published or withdrawn document that changed have a new Last-Modified
      await sql.raw(documentsLinkSync({ fn: 'gk_documents_topics_sync', links: 'document_topics', key: 'topic_id', counts: 'topic_counts' })).execute(db);
      await sql`create trigger documents_topics_sync after update on documents referencing old table as old_docs new table as new_docs
        for each statement execute function gk_documents_topics_sync()`.execute(db);

      // a new topic or section starts with no change
      await sql`
        create function gk_topic_counts_new_topic() returns trigger language plpgsql as $$
        begin
          insert into topic_counts (topic_id) select id from new_topics on conflict do nothing;
          return null;
        end $$`.execute(db);
      await sql`create trigger topic_counts_new_topic after insert on doc_topics referencing new table as new_topics
        for each statement execute function gk_topic_counts_new_topic()`.execute(db);
      // a topic deleted (by hand: the application only deactivates them): its links went with it, recount
      await sql.raw(`
        create function gk_topic_counts_recount() returns trigger language plpgsql as $$
        begin
          ${RECOUNT};
          return null;
        end $$`).execute(db);
      await sql`create trigger topic_counts_recount after delete on doc_topics
        for each statement execute function gk_topic_counts_recount()`.execute(db);
    },
  },
};
