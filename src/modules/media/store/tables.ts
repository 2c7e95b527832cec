/** Kysely types of the media module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as 'YYYY-MM-DD' text (the database's date type parser). */
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

export interface MediaAccountsTable {
  id: Generated<number>;
  unit_id: number;
  platform: string;
  name: string;
  account_id: string;
  operator: string;
  opened_on: DateCol;
  status: string;
  closed_on: DateCol;
  qr_mime: string | null;
  qr_data: Uint8Array | null;
  updated_at: Timestamp;
}

export interface MediaInspectionsTable {
  id: Generated<number>;
  account_id: number;
  inspected_on: ColumnType<string, string, string>;
  last_post_on: DateCol;
  interaction_ok: boolean;
  pass: boolean;
  findings: ColumnType<unknown, string, string>;
  note: string;
  inspector: string;
  created_at: Timestamp;
}

export interface MediaTables {
  media_accounts: MediaAccountsTable;
  media_inspections: MediaInspectionsTable;
}
