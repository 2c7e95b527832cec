/**
 * Migrations of the accounts module (its first tables — users, role_assignments, sessions,
 * login_attempts — are foundation tables in core/db/core-migrations.ts; api_tokens came with 0100).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0510_accounts_sign_in_throttle': {
    async up(db: Kysely<unknown>) {
      // The hard lock (5 failures → 15 min) is replaced by throttling computed from login_attempts
      // (domain/throttle.ts); an administrator's 解锁 sets login_reset_at: older failures stop counting.
      await sql`alter table users add column login_reset_at timestamptz`.execute(db);
      await sql`alter table users drop column failed_logins`.execute(db);
      await sql`alter table users drop column locked_until`.execute(db);
      await sql`create index login_attempts_user_idx on login_attempts (username, at)`.execute(db);
    },
  },
};
