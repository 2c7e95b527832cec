/**
 * Data access of the reports module: report rows, unit-entered figures, the deadline settings and the
 * units a report covers. Lists take the caller's scope (subtree prefixes) so filtering happens in SQL.
 */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import type { AnnualReportsTable, ReportKind } from './tables.ts';
import type { AnnualReport } from '../domain/types.ts';
import type { ManualFigures } from '../domain/compute.ts';
import { formatForYear, manualCells } from '../domain/formats.ts';
import { LEGAL_DEADLINES, type DeadlineSettings } from '../domain/deadlines.ts';
import type { Narrative } from '../domain/narrative.ts';
import type { ReportUnit } from './sources.ts';
import { existedIn } from '../../units/repository.ts';
import { treeOrder } from '../../units/domain/tree.ts';
import { columnBySlug } from '../../documents/store/repository-catalog.ts';
import { publicDocumentPage } from '../../documents/store/queries.ts';

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

/**
 * The units of a subtree that report for `year`, in tree order with the root first (a summary sums
 * each of them once): active units, and units deactivated or merged during or after that year (they
 * still owe that year's report — units module, existedIn). Without a year: active units only.
 */
export async function unitsInSubtree(db: DbOrTx, root: ReportUnit, year?: number): Promise<ReportUnit[]> {
  const rows = await db
    .selectFrom('units')
    .select([...UNIT_COLUMNS, 'sort_order'])
    .where('path', 'like', root.path.replace(/[%_\\]/g, '\\$&') + '%')
    .where(year === undefined ? sql<boolean>`active` : existedIn(year))
    .execute();
  return treeOrder(rows).map(({ level: _l, sort_order: _s, ...u }) => u);
}

/** Units within the given scope that report for `year` (for the overview and the dashboard), in tree order. */
export async function unitsInScope(db: DbOrTx, scope: string[], year?: number): Promise<ReportUnit[]> {
  const rows = await db.selectFrom('units').select([...UNIT_COLUMNS, 'sort_order']).where(inScope('path', scope)).where(year === undefined ? sql<boolean>`active` : existedIn(year)).execute();
  return treeOrder(rows).map(({ level: _l, sort_order: _s, ...u }) => u);
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

/** A report published as a document in the unit's 年报 column, with the year its title names. */
export interface ReportDocument {
  id: number;
  title: string;
  unit_slug: string;
  publish_date: string | null;
  published_at: Date;
  /** The report year read from the title (…2019年政府信息公开工作年度报告), else null. */
  year: number | null;
}

/** The year a report's title names: “朝阳市司法局2019年（度）政府信息公开工作年度报告” → 2019. */
export function yearOfReportTitle(title: string): number | null {
  const m = /(\d{4})\s*年度?(?:政府信息公开|政务公开)/.exec(title);
  return m ? Number(m[1]) : null;
}

/**
 * Published documents filed in the unit's 年报 column (the catalog's `annual-reports`, 条例 第四十九条):
 * reports from before the platform, imported with the unit's documents.
 */
export async function reportDocuments(db: DbOrTx, unitId: number): Promise<ReportDocument[]> {
  const column = await columnBySlug(db, unitId, 'annual-reports');
  if (!column) return [];
  const page = await publicDocumentPage(db, { columnId: column.id }, 1, 200);
  return page.items.map((d) => ({ id: d.id, title: d.title, unit_slug: d.unit_slug, publish_date: d.publish_date, published_at: d.published_at, year: yearOfReportTitle(d.title) }));
}

/**
 * Reports on `year` that units published as documents in their 年报 column (a title naming the year):
 * unit id → the earliest such publication date. They count as the unit's publication for the deadline,
 * as they are listed in the unit's 年报 column.
 */
export async function reportDocumentDates(db: DbOrTx, unitIds: number[], year: number): Promise<Map<number, string>> {
  if (!unitIds.length) return new Map();
  const rows = await sql<{ unit_id: number; published_on: string }>`
    select c.unit_id, to_char(min(coalesce(d.publish_date, (d.published_at at time zone 'Asia/Shanghai')::date)), 'YYYY-MM-DD') as published_on
    from documents d
    join document_columns dc on dc.document_id = d.id
    join doc_columns c on c.id = dc.column_id
    where c.slug = 'annual-reports' and c.unit_id in (${sql.join(unitIds)})
      and d.status = 'published' and d.disclosure = 'proactive'
      and d.title like ${`%${year}年%年度报告%`}
    group by c.unit_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.unit_id, String(r.published_on)]));
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
