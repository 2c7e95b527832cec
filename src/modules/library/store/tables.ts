/** Kysely types of the media library's table (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface LibraryItemsTable {
  id: Generated<number>;
  /** 24 hex digits + the canonical extension: the public URL is /library/<key> */
  key: string;
  unit_id: number;
  /** an attachment kind (documents/domain/filetype.ts): png, jpeg, gif, webp, pdf, docx, xlsx */
  kind: string;
  mime: string;
  name: string;
  /** the text alternative of an image (required for images, '' otherwise) */
  alt: Generated<string>;
  filename: string;
  size: number;
  sha256: string;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: Generated<string>;
}

export interface LibraryTables {
  library_items: LibraryItemsTable;
}
