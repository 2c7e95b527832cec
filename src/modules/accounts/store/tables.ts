/**
 * Kysely types of the accounts module's own tables. users, role_assignments, sessions and
 * login_attempts are foundation tables (core/db/schema.ts); api_tokens was created by the documents
 * migration 0100 (tokens began as the write API's credentials) and belongs to accounts since.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters, shown in lists so a user can tell tokens apart. */
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AccountsTables {
  api_tokens: ApiTokensTable;
}
