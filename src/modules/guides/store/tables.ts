/** Kysely types of the guides module's tables (store/migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ServiceGuidesTable {
  id: Generated<number>;
  unit_id: number;
  kind: string;
  code: string;
  name: string; basis: string; conditions: string; materials: string; place: string;
  office: string; fees: string; hours: string; phone: string; process: string;
  time_limit: string;
  online_url: string;
  status: Generated<string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ServiceBundlesTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  description: string;
  updated_at: Timestamp;
}

export interface ServiceBundleGuidesTable {
  bundle_id: number;
  guide_id: number;
  position: number;
}

export interface GuidesTables {
  service_guides: ServiceGuidesTable;
  service_bundles: ServiceBundlesTable;
  service_bundle_guides: ServiceBundleGuidesTable;
}
