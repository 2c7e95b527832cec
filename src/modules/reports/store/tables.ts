/** Kysely types of the reports module's tables (migrations.ts). `date` columns are 'YYYY-MM-DD' strings. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateStr = ColumnType<string, string, string>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type ReportKind = 'unit' | 'summary';
export type ReportStatus = 'draft' | 'published';
export type ReportOrigin = 'platform' | 'import';

export interface AnnualReportsTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  kind: ReportKind;
  status: Generated<ReportStatus>;
  origin: Generated<ReportOrigin>;
  /** The AnnualReport (domain/types.ts): frozen at publication, or the imported figures. */
  figures: Json;
  /** cell path → case / document ids behind it, frozen at publication (unit reports of origin platform). */
  drill: Json;
  /** The edited Narrative (domain/narrative.ts); null until someone saves it. */
  narrative: Json;
  published_on: DateStr | null;
  published_at: NullableTimestamp;
  published_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportManualFiguresTable {
  unit_id: number;
  year: number;
  /** 'table2.licensing.decisions' … (domain/formats.ts manualCells). */
  path: string;
  /** Integer text, or a decimal amount in 万元. */
  value: string;
  source: string;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ReportsTables {
  annual_reports: AnnualReportsTable;
  report_manual_figures: ReportManualFiguresTable;
}
