/** Reads of the agency module: the draft a unit edits, its published versions, photos. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import type { AgencySnapshot } from '../domain/rules.ts';

export interface DepartmentRow { id: number; unit_id: number; name: string; functions: string; phone: string; sort_order: number }
export interface LeaderRow { id: number; unit_id: number; name: string; title: string; duties: string; cv: string; photo_id: number | null; sort_order: number }
export interface VersionRow { id: number; unit_id: number; version: number; snapshot: AgencySnapshot; note: string; published_at: Date; published_by: string }

export async function draftOf(db: DbOrTx, unitId: number): Promise<{ functions: string; updated_at: Date | null; departments: DepartmentRow[]; leaders: LeaderRow[] }> {
  const [profile, departments, leaders] = await Promise.all([
    db.selectFrom('agency_profiles').select(['functions', 'updated_at']).where('unit_id', '=', unitId).executeTakeFirst(),
    db.selectFrom('agency_departments').selectAll().where('unit_id', '=', unitId).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('agency_leaders').selectAll().where('unit_id', '=', unitId).orderBy('sort_order').orderBy('id').execute(),
  ]);
  return { functions: profile?.functions ?? '', updated_at: profile?.updated_at ?? null, departments, leaders };
}

/** The draft in the shape a version stores (order and fields fixed, so equal drafts compare equal). */
export function snapshotOf(d: Awaited<ReturnType<typeof draftOf>>): AgencySnapshot {
  return {
    functions: d.functions,
    departments: d.departments.map((x) => ({ name: x.name, functions: x.functions, phone: x.phone })),
    leaders: d.leaders.map((x) => ({ name: x.name, title: x.title, duties: x.duties, cv: x.cv, photo_id: x.photo_id })),
  };
}

const asVersion = (r: { snapshot: unknown } & Omit<VersionRow, 'snapshot'>): VersionRow => ({
  ...r,
  snapshot: (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as AgencySnapshot,
});

export async function latestVersion(db: DbOrTx, unitId: number): Promise<VersionRow | undefined> {
  const r = await db.selectFrom('agency_versions').selectAll().where('unit_id', '=', unitId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? asVersion(r) : undefined;
}

export async function versionOf(db: DbOrTx, unitId: number, version: number): Promise<VersionRow | undefined> {
  if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) return undefined;
  const r = await db.selectFrom('agency_versions').selectAll().where('unit_id', '=', unitId).where('version', '=', version).executeTakeFirst();
  return r ? asVersion(r) : undefined;
}

/** Versions, newest first, without their snapshots' bulk beyond what the history shows. */
export async function versionsOf(db: DbOrTx, unitId: number): Promise<VersionRow[]> {
  const rows = await db.selectFrom('agency_versions').selectAll().where('unit_id', '=', unitId).orderBy('version', 'desc').execute();
  return rows.map(asVersion);
}

/** Last published version per unit (for the admin list): unit id → version number and date. */
export async function publishedSummary(db: DbOrTx, unitIds: number[]): Promise<Map<number, { version: number; published_at: Date }>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .selectFrom('agency_versions')
    .select(['unit_id', sql<number>`max(version)`.as('version'), sql<Date>`max(published_at)`.as('published_at')])
    .where('unit_id', 'in', unitIds)
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { version: Number(r.version), published_at: new Date(r.published_at) }]));
}

/**
 * A photo, if a published version of its unit shows it (a photo only uploaded to the draft, or
 * replaced before publication, is not public).
 */
export async function publicPhoto(db: DbOrTx, unitId: number, photoId: number): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
  if (!Number.isSafeInteger(photoId) || photoId < 1 || photoId > 2_147_483_647) return undefined;
  const shown = await db
    .selectFrom('agency_versions')
    .select('id')
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`snapshot -> 'leaders' @> ${JSON.stringify([{ photo_id: photoId }])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  if (!shown) return undefined;
  return db.selectFrom('agency_photos').select(['mime', 'data', 'sha256']).where('id', '=', photoId).where('unit_id', '=', unitId).executeTakeFirst();
}

/** A photo of the unit's draft, for its editors. */
export async function draftPhoto(db: DbOrTx, unitId: number, photoId: number): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
  if (!Number.isSafeInteger(photoId) || photoId < 1 || photoId > 2_147_483_647) return undefined;
  return db.selectFrom('agency_photos').select(['mime', 'data', 'sha256']).where('id', '=', photoId).where('unit_id', '=', unitId).executeTakeFirst();
}
