/** Tables of 重大行政决策 participation: the yearly catalogue, consultations, comments, feedback, hearings. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0800_consultations': {
    async up(db: Kysely<unknown>) {
      // 决策事项目录 (第三条第三款): one row per listed decision, per unit and year
      await sql`
        create table decisions (
          id serial primary key,
          unit_id integer not null references units(id),
          year integer not null,
          title text not null,
          summary text not null default '',
          undertaker text not null,
          status text not null default 'planned' check (status in ('planned', 'consulting', 'deciding', 'adopted', 'withdrawn')),
          decided_on date,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index decisions_unit_year_idx on decisions (unit_id, year, id)`.execute(db);
      // 征求意见 (第十五条); the window rule is checked again here so no path can skip it
      await sql`
        create table consultations (
          id serial primary key,
          decision_id integer not null references decisions(id),
          unit_id integer not null references units(id),
          title text not null,
          draft_html text not null,
          explanation_html text not null,
          opens_on date not null,
          closes_on date not null,
          short_reason text not null default '',
          published_at timestamptz,
          feedback_summary text,
          feedback_published_at timestamptz,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          check (closes_on >= opens_on),
          check (closes_on - opens_on + 1 >= 30 or short_reason <> ''),
          check (feedback_published_at is null or (published_at is not null and feedback_summary is not null))
        )`.execute(db);
      await sql`create index consultations_unit_idx on consultations (unit_id, closes_on desc, id)`.execute(db);
      await sql`create index consultations_decision_idx on consultations (decision_id)`.execute(db);
      await sql`
        create table consultation_documents (
          consultation_id integer not null references consultations(id) on delete cascade,
          document_id integer not null references documents(id),
          position integer not null,
          primary key (consultation_id, document_id)
        )`.execute(db);
      // comments: the contact only as ciphertext (core/pii/crypto.ts); shown only once moderated
      await sql`
        create table consultation_comments (
          id serial primary key,
          consultation_id integer not null references consultations(id),
          name text not null default '',
          contact_enc text not null,
          body text not null,
          status text not null default 'pending' check (status in ('pending', 'published', 'rejected')),
          reject_reason text,
          moderated_by text,
          moderated_at timestamptz,
          adoption text check (adoption in ('adopted', 'partly', 'not_adopted')),
          response text not null default '',
          created_at timestamptz not null default now(),
          check (status <> 'rejected' or reject_reason is not null)
        )`.execute(db);
      await sql`create index consultation_comments_idx on consultation_comments (consultation_id, status, id)`.execute(db);
      // a validated comment the database would not take is kept here, encrypted, for staff (never lost)
      await sql`
        create table consultation_comments_kept (
          id serial primary key,
          consultation_id integer not null,
          payload_enc text not null,
          error_code text not null,
          recovered_at timestamptz,
          created_at timestamptz not null default now()
        )`.execute(db);
      // 听证会 (第十六条、第十七条)
      await sql`
        create table hearings (
          id serial primary key,
          consultation_id integer not null references consultations(id),
          held_on date not null,
          held_time text not null,
          place text not null,
          signup_closes_on date not null,
          seats integer not null check (seats > 0),
          selection_method text not null,
          record_text text,
          record_published_at timestamptz,
          created_at timestamptz not null default now(),
          check (signup_closes_on <= held_on - 7)
        )`.execute(db);
      await sql`
        create table hearing_signups (
          id serial primary key,
          hearing_id integer not null references hearings(id),
          name text not null,
          contact_enc text not null,
          statement text not null default '',
          status text not null default 'pending' check (status in ('pending', 'selected', 'not_selected')),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index hearing_signups_idx on hearing_signups (hearing_id, status, id)`.execute(db);
    },
  },
  // the public page pages its published comments (50 a page): their ids in order from this small
  // partial index, so page N of 10,000 comments is an index-only walk (docs/benchmarks.md)
  '1120_consultation_comments_idx': {
    async up(db: Kysely<unknown>) {
      await sql`create index consultation_comments_published_idx on consultation_comments (consultation_id, id) where status = 'published'`.execute(db);
    },
  },
  // The tallies of a consultation's page (received, published, pending, refused per reason, adopted /
  // partly adopted) read from stored counters instead of a grouped count over every comment: one row
  // per consultation and (status, refusal reason, adoption), kept by a trigger on consultation_comments
  // so every path that writes comments (commands, kept recovery, demo, imports) keeps them exact, in
  // the writer's own transaction. The trigger is a deferred constraint trigger: it runs at commit, so
  // concurrent commenters on one consultation hold the counter row only for their commit, not their
  // whole transaction. A restore (core/db/dump.ts) disables user triggers and puts the counters back
  // verbatim; the backfill below covers databases made before this migration.
  '1160_consultation_comment_counts': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table consultation_comment_counts (
          consultation_id integer not null references consultations(id) on delete cascade,
          status text not null,
          reject_reason text not null default '',
          adoption text not null default '',
          n integer not null check (n >= 0),
          primary key (consultation_id, status, reject_reason, adoption)
        )`.execute(db);
      await sql`
        create function consultation_comment_counts_keep() returns trigger language plpgsql as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then
            update consultation_comment_counts set n = n - 1
              where consultation_id = old.consultation_id and status = old.status
                and reject_reason = coalesce(old.reject_reason, '') and adoption = coalesce(old.adoption, '');
          end if;
          if tg_op in ('INSERT', 'UPDATE') then
            insert into consultation_comment_counts as k (consultation_id, status, reject_reason, adoption, n)
              values (new.consultation_id, new.status, coalesce(new.reject_reason, ''), coalesce(new.adoption, ''), 1)
              on conflict (consultation_id, status, reject_reason, adoption) do update set n = k.n + 1;
          end if;
          return null;
        end $$`.execute(db);
      await sql`
        create constraint trigger consultation_comment_counts_keep
          after insert or delete or update of consultation_id, status, reject_reason, adoption on consultation_comments
          deferrable initially deferred for each row execute function consultation_comment_counts_keep()`.execute(db);
      await sql`
        insert into consultation_comment_counts (consultation_id, status, reject_reason, adoption, n)
        select consultation_id, status, coalesce(reject_reason, ''), coalesce(adoption, ''), count(*)::int
          from consultation_comments group by 1, 2, 3, 4`.execute(db);
    },
  },
  // Staff may discard a kept submission (core/commands/kept.ts `discardKept`) with a reason: the row stays
  // as a tombstone — its payload still encrypted, never shown again — marked with who, when and why, so
  // nothing a citizen sent disappears silently. For the three kinds of kept item (comments here,
  // interview questions, messages) in one place, since the screen and command are shared.
  '1161_kept_discard': {
    async up(db: Kysely<unknown>) {
      for (const table of ['consultation_comments_kept', 'interview_questions_kept', 'messages_kept']) {
        await sql`alter table ${sql.table(table)} add column discarded_at timestamptz, add column discarded_by text, add column discard_reason text,
          add constraint ${sql.raw(`${table}_discard_reason_chk`)} check (discarded_at is null or (discard_reason is not null and discard_reason <> '' and discarded_by is not null))`.execute(db);
      }
    },
  },
};
