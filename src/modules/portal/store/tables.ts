/** Kysely types of the portal module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PortalSettingsTable {
  id: Generated<number>;
  sponsor: string;
  contact_address: string;
  contact_phone: string;
  contact_email: string;
  icp_no: string;
  psb_no: string;
  find_error_url: string;
  conac_url: string;
  conac_mime: string | null;
  conac_data: Uint8Array | null;
  conac_sha256: string | null;
  updated_at: Timestamp;
  updated_by: string;
}

export interface PortalTables {
  portal_settings: PortalSettingsTable;
}
