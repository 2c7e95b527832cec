/** Kysely types of the agency module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgencyProfilesTable {
  unit_id: number;
  functions: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface AgencyDepartmentsTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  functions: string;
  phone: string;
  sort_order: number;
}

export interface AgencyPhotosTable {
  id: Generated<number>;
  unit_id: number;
  mime: string;
  data: Uint8Array;
  sha256: string;
  created_at: Timestamp;
}

export interface AgencyLeadersTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  title: string;
  duties: string;
  cv: string;
  photo_id: number | null;
  sort_order: number;
}

export interface AgencyVersionsTable {
  id: Generated<number>;
  unit_id: number;
  version: number;
  snapshot: ColumnType<unknown, string, string>;
  note: string;
  published_at: Timestamp;
  published_by: string;
}

export interface AgencyTables {
  agency_profiles: AgencyProfilesTable;
  agency_departments: AgencyDepartmentsTable;
  agency_photos: AgencyPhotosTable;
  agency_leaders: AgencyLeadersTable;
  agency_versions: AgencyVersionsTable;
}
