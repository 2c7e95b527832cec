/** Tables of 在线访谈 and 新闻发布会: events, their people, related policies, transcript, photos, videos, questions. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '1030_interviews': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table interviews (
          id serial primary key,
          unit_id integer not null references units(id),
          kind text not null check (kind in ('interview', 'press')),
          title text not null,
          topic text not null,
          starts_at timestamptz not null,
          place text not null default '',
          intro_html text not null default '',
          statement_html text not null default '',
          status text not null default 'draft' check (status in ('draft', 'scheduled', 'live', 'ended', 'cancelled')),
          cancel_reason text,
          announced_at timestamptz,
          ended_at timestamptz,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          check (status <> 'cancelled' or cancel_reason is not null),
          check (status = 'draft' or announced_at is not null)
        )`.execute(db);
      await sql`create index interviews_unit_idx on interviews (unit_id, starts_at desc, id)`.execute(db);
      // guests (嘉宾) and, for a 发布会, the releasing officials (发布人)
      await sql`
        create table interview_people (
          id serial primary key,
          interview_id integer not null references interviews(id) on delete cascade,
          role text not null check (role in ('guest', 'official')),
          name text not null,
          title text not null,
          unit_name text not null default '',
          position integer not null
        )`.execute(db);
      await sql`create index interview_people_idx on interview_people (interview_id, role, position)`.execute(db);
      await sql`
        create table interview_documents (
          interview_id integer not null references interviews(id) on delete cascade,
          document_id integer not null references documents(id),
          position integer not null,
          primary key (interview_id, document_id)
        )`.execute(db);
      await sql`
        create table interview_videos (
          id serial primary key,
          interview_id integer not null references interviews(id) on delete cascade,
          title text not null,
          url text not null check (url ~ '^https?://'),
          position integer not null
        )`.execute(db);
      // citizens' questions: the contact only as ciphertext (core/pii/crypto.ts), shown only once approved
      await sql`
        create table interview_questions (
          id serial primary key,
          interview_id integer not null references interviews(id),
          name text not null default '',
          contact_enc text not null,
          body text not null,
          asked_during text not null check (asked_during in ('before', 'live')),
          status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
          reject_reason text,
          moderated_by text,
          moderated_at timestamptz,
          created_at timestamptz not null default now(),
          check (status <> 'rejected' or reject_reason is not null)
        )`.execute(db);
      await sql`create index interview_questions_idx on interview_questions (interview_id, status, id)`.execute(db);
      await sql`create index interview_questions_pending_idx on interview_questions (status, id) where status = 'pending'`.execute(db);
      await sql`
        create table interview_questions_kept (
          id serial primary key,
          interview_id integer not null,
          payload_enc text not null,
          error_code text not null,
          recovered_at timestamptz,
          created_at timestamptz not null default now()
        )`.execute(db);
      // the transcript (文字实录): ordered entries of sanitized rich text
      await sql`
        create table interview_entries (
          id serial primary key,
          interview_id integer not null references interviews(id) on delete cascade,
          position integer not null,
          kind text not null check (kind in ('speech', 'question', 'answer')),
          speaker text not null,
          body_html text not null,
          question_id integer references interview_questions(id),
          created_at timestamptz not null default now(),
          unique (interview_id, position)
        )`.execute(db);
      await sql`
        create table interview_photos (
          id serial primary key,
          interview_id integer not null references interviews(id) on delete cascade,
          caption text not null,
          mime text not null check (mime in ('image/jpeg', 'image/png')),
          data bytea not null,
          created_at timestamptz not null default now()
        )`.execute(db);
    },
  },
};
