/**
 * Kysely types of the search module's tables (migrations.ts). The index is derived data: every
 * row can be rebuilt from the documents tables (`gongkai search reindex`).
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = ColumnType<string, string, string>;

export interface SearchDocsTable {
  doc_id: number;
  unit_id: number;
  /** units.path when indexed; a unit moved elsewhere in the tree changes its documents' facets */
  unit_path: string;
  /** 发布日期: results sort by it, date buckets come from it */
  sort_date: DateStr;
  published_at: Timestamp;
  written_date: DateStr | null;
  /** docNumberSearchKey(doc_number) */
  doc_number_key: string | null;
  /** the weighted vector (vector.ts): words, title marks, facets — one GIN index */
  doc_tsv: string;
  /** title (A) and summary/keywords/文号/发文机关 (B) only: ranks the title tier cheaply */
  head_tsv: string;
  /** documents.updated_at that this row was built from */
  source_updated_at: Timestamp;
  /** the attachments it was built from ('count:max id'), for the reconciler */
  attach_sig: string;
  indexed_at: Timestamp;
}

export interface SearchTermsTable {
  /** a lexeme of search_docs.doc_tsv; '~' alone counts the indexed documents */
  lexeme: string;
  /** number of indexed documents whose doc_tsv holds it */
  df: number;
}

export interface SearchAttachmentTextTable {
  attachment_id: number;
  sha256: string;
  text: string;
  extracted_at: Timestamp;
}

export interface SearchStateTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

/** Published 办事指南, 权责清单 items and 年度报告 (items.ts). */
export interface SearchItemsTable {
  kind: string;
  item_id: number;
  unit_id: number;
  unit_path: string;
  sort_date: DateStr;
  title: string;
  /** the text snippets come from */
  text: string;
  /** the public page */
  url: string;
  /** what the row was built from (source updated_at, the unit's path): stale when it differs */
  stamp: string;
  tsv: string;
  head_tsv: string;
  indexed_at: Timestamp;
}

export interface SearchTables {
  search_items: SearchItemsTable;
  search_docs: SearchDocsTable;
  search_terms: SearchTermsTable;
  search_attachment_text: SearchAttachmentTextTable;
  search_state: SearchStateTable;
}
