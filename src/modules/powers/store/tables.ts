/** Kysely types of the powers module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PowerListsTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  status: Generated<string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface PowerItemsTable {
  id: Generated<number>;
  list_id: number;
  type: string;
  code: string;
  name: string;
  basis: string;
  subject: string;
  duties: string;
  accountability: string;
  chart_mime: ColumnType<string | null, string | null | undefined, string | null>;
  chart_data: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  updated_at: Timestamp;
}

export interface PowersTables {
  power_lists: PowerListsTable;
  power_items: PowerItemsTable;
}
