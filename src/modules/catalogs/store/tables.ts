/** Kysely types of the catalogs module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface CatalogsTable {
  id: Generated<number>;
  unit_id: number;
  area: string;
  year: number;
  status: Generated<string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface CatalogRowsTable {
  id: Generated<number>;
  catalog_id: number;
  seq: number;
  item1: string;
  item2: string;
  content: string;
  basis: string;
  deadline: string;
  deadline_kind: string;
  deadline_n: number;
  trigger_date: ColumnType<string | null, string | null | undefined, string | null>;
  subject: string;
  channels: TextArray;
  audiences: TextArray;
  modes: TextArray;
  levels: TextArray;
  updated_at: Timestamp;
}

export interface CatalogLinksTable {
  id: Generated<number>;
  row_id: number;
  column_id: number | null;
  topic_id: number | null;
  document_id: number | null;
  created_at: Timestamp;
}

export interface CatalogsTables {
  catalogs: CatalogsTable;
  catalog_rows: CatalogRowsTable;
  catalog_links: CatalogLinksTable;
}
