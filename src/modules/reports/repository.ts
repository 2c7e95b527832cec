/**
 * Data access of the reports module: report rows, unit-entered figures, the deadline settings and the
 * units a report covers. Lists take the caller's scope (subtree prefixes) so filtering happens in SQL.
 */
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../core/db/index.ts';
import { inScope } from '../../core/auth/policy.ts';
import type { AnnualReportsTable, ReportKind } from './tables.ts';
import type { AnnualReport } from './domain/types.ts';
import type { ManualFigures } from './domain/compute.ts';
import { formatForYear, manualCells } from './domain/formats.ts';
import { LEGAL_DEADLINES, type DeadlineSettings } from './domain/deadlines.ts';
import type { Narrative } from './domain/narrative.ts';
import type { ReportUnit } from './sources.ts';

export type ReportRow = Selectable<AnnualReportsTable>;

export const DEADLINES_KEY = 'reports.deadlines';

const UNIT_COLUMNS = ['id', 'code', 'name', 'short_name', 'type', 'path', 'slug', 'parent_id'] as const;

/** Governments publish the summary for their area (条例 第四十九条第二款); every other unit its own report. */
export const GOVERNMENT_TYPES: readonly string[] = ['city_government', 'county_government'];
export const isGovernment = (u: Pick<ReportUnit, 'type'>) => GOVERNMENT_TYPES.includes(u.type);
export const requiredKind = (u: Pick<ReportUnit, 'type'>): ReportKind => (isGovernment(u) ? 'summary' : 'unit');

export async function reportUnitById(db: DbOrTx, id: number): Promise<ReportUnit | undefined> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export async function reportUnitByCode(db: DbOrTx, code: string): Promise<ReportUnit | undefined> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('code', '=', code).executeTakeFirst();
}
export async function reportUnitBySlug(db: DbOrTx, slug: string): Promise<ReportUnit | undefined> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('slug', '=', slug).where('active', '=', true).executeTakeFirst();
}

/** The active units of a subtree, the root first (a summary sums each of them once). */
export async function unitsInSubtree(db: DbOrTx, root: ReportUnit): Promise<ReportUnit[]> {
  return db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('path', 'like', root.path.replace(/[%_\\]/g, '\\$&') + '%')
    .where('active', '=', true)
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Active units within the given scope (for the overview and the dashboard). */
export async function unitsInScope(db: DbOrTx, scope: string[]): Promise<ReportUnit[]> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where(inScope('path', scope)).where('active', '=', true).orderBy('depth').orderBy('sort_order').orderBy('id').execute();
}

export async function reportRow(db: DbOrTx, unitId: number, year: number, kind: ReportKind): Promise<ReportRow | undefined> {
  return db.selectFrom('annual_reports').selectAll().where('unit_id', '=', unitId).where('year', '=', year).where('kind', '=', kind).executeTakeFirst();
}

/** Rows with frozen figures (published, or imported) of the units for a year: unit id → row. */
export async function frozenRows(db: DbOrTx, unitIds: number[], year: number, kind: ReportKind): Promise<Map<number, ReportRow>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .selectFrom('annual_reports')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('status', '=', 'published'), eb('origin', '=', 'import')]))
    .execute();
  return new Map(rows.map((r) => [r.unit_id, r]));
}

export const figuresOf = (row: ReportRow | undefined): AnnualReport | undefined => (row?.figures ? (row.figures as AnnualReport) : undefined);
export const narrativeOf = (row: ReportRow | undefined): Narrative | undefined => (row?.narrative ? (row.narrative as Narrative) : undefined);

/** Published reports of a unit, newest first (the public 政府信息公开年报 column). */
export async function publishedReports(db: DbOrTx, unitId: number): Promise<Pick<ReportRow, 'year' | 'kind' | 'published_on'>[]> {
  return db
    .selectFrom('annual_reports')
    .select(['year', 'kind', 'published_on'])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('kind', 'desc')
    .execute();
}

/** Report rows of many units for one year (status and publication date only). */
export async function reportStates(db: DbOrTx, unitIds: number[], year: number): Promise<Pick<ReportRow, 'unit_id' | 'kind' | 'status' | 'origin' | 'published_on'>[]> {
  if (!unitIds.length) return [];
  return db.selectFrom('annual_reports').select(['unit_id', 'kind', 'status', 'origin', 'published_on']).where('unit_id', 'in', unitIds).where('year', '=', year).execute();
}

/** Unit-entered figures: unit id → cell path → {value, source}. Values are typed by the cell's kind. */
export async function manualFigures(db: DbOrTx, unitIds: number[], year: number): Promise<Map<number, ManualFigures>> {
  const out = new Map<number, ManualFigures>();
  if (!unitIds.length) return out;
  const kinds = new Map(manualCells(formatForYear(year)).map((c) => [c.path, c.kind]));
  const rows = await db.selectFrom('report_manual_figures').select(['unit_id', 'path', 'value', 'source']).where('unit_id', 'in', unitIds).where('year', '=', year).execute();
  for (const r of rows) {
    const kind = kinds.get(r.path);
    if (!kind) continue; // a cell of another format (the year's format decides); never shown
    const m = out.get(r.unit_id) ?? out.set(r.unit_id, {}).get(r.unit_id)!;
    m[r.path] = { value: kind === 'decimal' ? r.value : Number(r.value), source: r.source };
  }
  return out;
}

export async function deadlineSettings(db: DbOrTx): Promise<DeadlineSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEADLINES_KEY).executeTakeFirst();
  const v = row?.value as Partial<DeadlineSettings> | undefined;
  return {
    department: typeof v?.department === 'string' ? v.department : LEGAL_DEADLINES.department,
    government: typeof v?.government === 'string' ? v.government : LEGAL_DEADLINES.government,
  };
}
