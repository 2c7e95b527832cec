/**
 * The audit chain keyed with a secret outside the database (security audit 2026-12-04, F4).
 * History is not rewritten: the rows already written keep their plain SHA-256 hashes and are marked
 * `hash_scheme = 1` (adding a column with a default changes no row and fires no UPDATE trigger);
 * new rows are HMAC-SHA256 (`hash_scheme = 2`) under the key named in `key_id`.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0550_audit_keyed': {
    async up(db: Kysely<unknown>) {
      await sql`alter table audit_log add column hash_scheme smallint not null default 1`.execute(db);
      await sql`alter table audit_log add column key_id text`.execute(db);

      // TRUNCATE bypasses row triggers; refuse it with a statement trigger on both tables.
      await sql`
        create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
      // The head moves forward one row at a time and is never removed: a reset needs the triggers
      // switched off first (which `gongkai audit verify` then catches through the checkpoints).
      await sql`
        create function audit_head_forward_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' then
            if new.count = old.count + 1 and new.last_id > old.last_id then
              return new;
            end if;
          end if;
          raise exception 'audit_head only moves forward';
        end $$`.execute(db);
      await sql`
        create trigger audit_head_forward before update or delete on audit_head
        for each row execute function audit_head_forward_only()`.execute(db);
      await sql`
        create trigger audit_head_no_truncate before truncate on audit_head
        for each statement execute function audit_head_forward_only()`.execute(db);

      // The admin list (/admin/audit, src/modules/audit/store/queries.ts) reads newest first by id
      // and filters by unit (the existing (unit_id, id)), actor, subject, action and date; each index
      // ends in id so one filter is read in that order. (at, id) turns a date range into an id range.
      await sql`drop index audit_subject_idx`.execute(db);
      await sql`create index audit_subject_idx on audit_log (subject_type, subject_id, id)`.execute(db);
      await sql`create index audit_actor_idx on audit_log (actor_id, id)`.execute(db);
      await sql`create index audit_action_idx on audit_log (action, id)`.execute(db);
      await sql`create index audit_at_idx on audit_log (at, id)`.execute(db);
    },
  },
};
