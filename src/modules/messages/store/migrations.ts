/** Tables of 留言/咨询: messages, the FAQ they can be merged into, and each unit's answer period. */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0810_messages': {
    async up(db: Kysely<unknown>) {
      // the answer period per unit (working days); a unit without a row uses the default (domain/rules.ts)
      await sql`
        create table message_settings (
          unit_id integer primary key references units(id),
          answer_workdays integer not null check (answer_workdays between 1 and 30),
          updated_at timestamptz not null default now()
        )`.execute(db);
      // FAQ entries that repeated questions are merged into; published on the unit's message page
      await sql`
        create table message_faqs (
          id serial primary key,
          unit_id integer not null references units(id),
          question text not null,
          answer text not null,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index message_faqs_unit_idx on message_faqs (unit_id, id)`.execute(db);
      // a message: the asker's name and contact only as ciphertext (core/pii/crypto.ts); the query code
      // only as an argon2id hash; public_* hold the redacted text shown once published with consent
      await sql`
        create table messages (
          id serial primary key,
          unit_id integer not null references units(id),
          tracking_no text not null unique,
          query_code_hash text not null,
          category text not null check (category in ('consultation', 'policy', 'suggestion', 'complaint', 'other')),
          subject text not null,
          body text not null,
          name_enc text,
          contact_enc text not null,
          consent boolean not null default false,
          status text not null default 'received' check (status in ('received', 'assigned', 'answered', 'published', 'rejected')),
          received_on date not null,
          due_on date not null,
          assigned_to integer references users(id),
          transfers integer not null default 0,
          answer text,
          answered_on date,
          answered_by text,
          document_id integer references documents(id),
          public_subject text,
          public_body text,
          public_answer text,
          published_at timestamptz,
          reject_reason text,
          reject_note text not null default '',
          faq_id integer references message_faqs(id),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          check (status <> 'rejected' or reject_reason is not null),
          check (status not in ('answered', 'published') or (answer is not null and answered_on is not null)),
          check (published_at is null or (consent and public_body is not null and public_answer is not null))
        )`.execute(db);
      await sql`create index messages_unit_status_idx on messages (unit_id, status, due_on)`.execute(db);
      // attachments of a message: name and bytes encrypted like an application's (requests/store/case-store.ts);
      // typed by their bytes; never published
      await sql`
        create table message_attachments (
          id serial primary key,
          message_id integer not null references messages(id) on delete cascade,
          mime text not null,
          size integer not null,
          sha256 text not null,
          filename_enc text not null,
          content_enc bytea not null,
          key_id text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index message_attachments_idx on message_attachments (message_id, id)`.execute(db);
      await sql`create index messages_published_idx on messages (published_at desc) where published_at is not null`.execute(db);
    },
  },
  // a validated message the database would not take is kept here, encrypted, for staff to recover
  // (core/commands/kept.ts): never lost. The tracking number the asker was given is kept with it.
  '1121_messages_kept': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table messages_kept (
          id serial primary key,
          unit_id integer not null references units(id),
          tracking_no text not null,
          payload_enc text not null,
          error_code text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index messages_kept_unit_idx on messages_kept (unit_id, id)`.execute(db);
    },
  },
};
