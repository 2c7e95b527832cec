/**
 * Puts a report together from the database: the frozen figures of a published (or imported) report,
 * or a draft computed now from the cases, documents and unit-entered figures; last year's report for
 * the carry-over check (上年结转 = 上年度“结转下年度继续办理”, annual-report.md); the checks; the
 * narrative (saved, or drafted from the data). A government's summary (条例 第四十九条第二款) sums every
 * active unit of its subtree once — the government's own organ included — cell by cell.
 *
 * Rules chosen here:
 * - Each unit in a summary contributes its frozen report when it has one (published or imported),
 *   else its live draft; so a summary drafted before all units published shows today's figures.
 * - Last year's report for the carry-over check is the frozen one; when last year was never frozen,
 *   both years come from the same case data and agree by construction, so nothing is compared (except
 *   that a 2020 draft recomputes 2019 for the trial format's 上一年项目数量).
 * - The summary's tables 3 and 4 are counted in SQL (counting.ts); a unit's draft is counted case by
 *   case (computeReport), which also gives the drill-down.
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import { conflict } from '../../../core/http/errors.ts';
import { computeReport, computeTable2, type ComputedReport, type ComputeWarning, type ManualFigures, type NormativeDocRecord } from '../domain/compute.ts';
import { checkReport, type CheckFailure } from '../domain/checks.ts';
import { attributeSources, reportChecks, type ReportCheck } from '../domain/report-checks.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { overdueUnits } from './status.ts';
import type { DeadlineStatus } from '../domain/deadlines.ts';
import { sumReports } from '../domain/summary.ts';
import { draftNarrative, hasPlaceholders, type Narrative } from '../domain/narrative.ts';
import type { AnnualReport } from '../domain/types.ts';
import { formatForYear, manualCells } from '../domain/formats.ts';
import { emptyReport } from '../domain/shape.ts';
import { casesFor, narrativeFactsFor, normativeDocsFor, type ReportUnit } from './sources.ts';
import { countTables34 } from './counting.ts';
import { normativeDocsForSummary } from './summary-docs.ts';
import { figuresOf, frozenRows, isGovernment, manualFigures, narrativeOf, reportRow, unitsInSubtree, type ReportRow } from './repository.ts';
import type { ReportKind } from './tables.ts';

export interface SummaryPart {
  unit: ReportUnit;
  report: AnnualReport;
  frozen: boolean;
}

export interface LoadedReport {
  unit: ReportUnit;
  year: number;
  kind: ReportKind;
  row?: ReportRow;
  report: AnnualReport;
  /** cell path → case/document ids; null when the figures were imported, or for a summary (see parts). */
  drill: Record<string, string[]> | null;
  warnings: ComputeWarning[];
  previous?: AnnualReport;
  failures: CheckFailure[];
  /** What is unresolved (report-checks.ts): failures, narrative placeholders, warnings, overdue units; empty once published. */
  checks: ReportCheck[];
  narrative: Narrative;
  narrativeSaved: boolean;
  /** The figures are stored (published or imported), not computed now. */
  frozen: boolean;
  /** A summary's units and the figures each contributed. */
  parts?: SummaryPart[];
}

/** The name printed in the title: a government's own-organ report is marked so it is not taken for its summary. */
export function reportUnitName(unit: ReportUnit, kind: ReportKind): string {
  return kind === 'unit' && isGovernment(unit) ? `${unit.name}（本机关）` : unit.name;
}

export const MIN_YEAR = 2019;

/** A unit's draft, case by case (with the drill-down). */
export async function computeUnitLive(db: DbOrTx, unit: ReportUnit, year: number, previous?: AnnualReport): Promise<ComputedReport> {
  const [cases, docs, manual] = await Promise.all([casesFor(db, [unit], year), normativeDocsFor(db, [unit], year), manualFigures(db, [unit.id], year)]);
  return computeReport(unit.code, year, { cases, docs, manual: manual.get(unit.id) ?? {}, ...(previous ? { previous } : {}) });
}

async function unitPrevious(db: DbOrTx, unit: ReportUnit, year: number): Promise<AnnualReport | undefined> {
  if (year - 1 < MIN_YEAR) return undefined;
  const prevRow = await reportRow(db, unit.id, year - 1, 'unit');
  if (prevRow && (prevRow.status === 'published' || prevRow.origin === 'import') && prevRow.figures) return figuresOf(prevRow);
  // The trial format carries 上一年项目数量 from last year's report even when it was never frozen —
  // but only figures the unit actually reported then (a cell with a source); a blank is not a zero.
  if (year === 2020) return onlyReportedItems((await computeUnitLive(db, unit, year - 1)).report);
  return undefined;
}

/** Last year's (trial-format) report keeping only the item counts the unit reported, with a source. */
function onlyReportedItems(prev: AnnualReport): AnnualReport {
  for (const c of manualCells(formatForYear(prev.year))) {
    if ((c.code === 'items_prev_year' || c.code === 'items_change') && !prev.sources?.[c.path]) delete prev.table2[c.row][c.code];
  }
  return prev;
}

/** The saved narrative, or a draft from the data; `facts` may be fetched ahead (it needs no figures). */
async function narrativeFor(db: DbOrTx, units: ReportUnit[], unitName: string, year: number, report: AnnualReport, row: ReportRow | undefined, facts?: Promise<Awaited<ReturnType<typeof narrativeFactsFor>>>): Promise<{ narrative: Narrative; saved: boolean }> {
  const saved = narrativeOf(row);
  if (saved) return { narrative: saved, saved: true };
  return { narrative: draftNarrative({ unitName, year, report, ...(await (facts ?? narrativeFactsFor(db, units, year))) }), saved: false };
}

export async function loadUnitReport(db: DbOrTx, unit: ReportUnit, year: number): Promise<LoadedReport> {
  const row = await reportRow(db, unit.id, year, 'unit');
  const previous = await unitPrevious(db, unit, year);
  const frozen = !!row && (row.status === 'published' || row.origin === 'import') && !!row.figures;
  let report: AnnualReport;
  let drill: Record<string, string[]> | null;
  let warnings: ComputeWarning[] = [];
  if (frozen) {
    report = figuresOf(row)!;
    drill = (row!.drill as Record<string, string[]> | null) ?? null;
  } else {
    const c = await computeUnitLive(db, unit, year, previous);
    report = c.report;
    drill = c.drill;
    warnings = c.warnings;
  }
  const failures = checkReport(report, previous ? { previous } : {});
  const n = await narrativeFor(db, [unit], reportUnitName(unit, 'unit'), year, report, row);
  const checks = draftChecks(row, failures, n.narrative, warnings);
  return { unit, year, kind: 'unit', row, report, drill, warnings, previous, failures, checks, narrative: n.narrative, narrativeSaved: n.saved, frozen };
}

/** The unresolved matters of a draft; none for a published report (it passed them all to be published). */
function draftChecks(row: ReportRow | undefined, failures: CheckFailure[], narrative: Narrative, warnings: ComputeWarning[], overdue: { unit: ReportUnit; deadline: DeadlineStatus }[] = []): ReportCheck[] {
  if (row?.status === 'published') return [];
  return reportChecks({
    failures,
    narrativePlaceholders: hasPlaceholders(narrative),
    warnings: warnings.map((w) => ({ code: w.code, message: w.message, count: w.ids.length })),
    overdue: overdue.map((o) => ({ unit: { code: o.unit.code, name: o.unit.name }, message: o.deadline.message })),
    ...(overdue.length ? { year: overdue[0].deadline.year } : {}),
  });
}

/** Every unit's figures for the year, as a summary sums them (SQL counting for tables 3 and 4). */
export async function summaryParts(db: DbOrTx, gov: ReportUnit, year: number, subtree?: ReportUnit[]): Promise<{ units: ReportUnit[]; parts: SummaryPart[]; previousParts: Map<number, AnnualReport> }> {
  const units = subtree ?? (await unitsInSubtree(db, gov, year));
  const ids = units.map((u) => u.id);
  const [frozen, prevFrozen, t34, docs, manual, manual2019] = await Promise.all([
    frozenRows(db, ids, year, 'unit'),
    year - 1 >= MIN_YEAR ? frozenRows(db, ids, year - 1, 'unit') : Promise.resolve(new Map<number, ReportRow>()),
    countTables34(db, ids, year),
    normativeDocsForSummary(db, units, year),
    manualFigures(db, ids, year),
    // 2020 drafts carry the trial format's 上一年项目数量 from 2019, as a unit's own draft does
    year === 2020 ? manualFigures(db, ids, 2019) : Promise.resolve(new Map<number, ManualFigures>()),
  ]);
  const docsOf = new Map<string, NormativeDocRecord[]>();
  for (const d of docs) (docsOf.get(d.unit) ?? docsOf.set(d.unit, []).get(d.unit)!).push(d);
  const previousParts = new Map<number, AnnualReport>();
  for (const [id, r] of prevFrozen) if (r.figures) previousParts.set(id, r.figures as AnnualReport);
  const parts: SummaryPart[] = units.map((u) => {
    const f = figuresOf(frozen.get(u.id));
    if (f) return { unit: u, report: f, frozen: true };
    let prev = previousParts.get(u.id);
    if (!prev && year === 2020 && manual2019.has(u.id)) prev = onlyReportedItems(computeReport(u.code, 2019, { cases: [], docs: [], manual: manual2019.get(u.id)! }).report);
    const unitDocs = docsOf.get(u.code) ?? [];
    const unitManual = manual.get(u.id) ?? {};
    // Nothing to count in table 2: the result is the empty report (what computeReport returns for no input).
    const report =
      !unitDocs.length && !Object.keys(unitManual).length && !prev
        ? { ...emptyReport(u.code, year), sources: {} }
        : computeTable2(u.code, year, { docs: unitDocs, manual: unitManual, ...(prev ? { previous: prev } : {}) }).report;
    const t = t34.get(u.id)!;
    report.table3 = t.table3;
    report.table4 = t.table4;
    return { unit: u, report, frozen: false };
  });
  return { units, parts, previousParts };
}

function sumOrConflict(reports: AnnualReport[], unit: string, year: number): AnnualReport {
  try {
    return sumReports(reports, { unit, year });
  } catch (e) {
    if (e instanceof RangeError) throw conflict({ zh: `无法汇总：某单位的年度报告数据不完整或格式不符（${e.message}）`, en: `cannot sum the units' reports: ${e.message}` });
    throw e;
  }
}

export async function loadSummaryReport(db: DbOrTx, gov: ReportUnit, year: number, today = shanghaiDate()): Promise<LoadedReport> {
  const [row, subtree] = await Promise.all([reportRow(db, gov.id, year, 'summary'), unitsInSubtree(db, gov, year)]);
  // The queries that need no figures run while the units' figures are computed.
  const facts = narrativeOf(row) ? undefined : narrativeFactsFor(db, subtree, year);
  const prevSummary = year - 1 >= MIN_YEAR ? frozenRows(db, [gov.id], year - 1, 'summary') : undefined;
  // Awaited below; if summaryParts fails first, their own failure must not go unhandled.
  facts?.catch(() => undefined);
  prevSummary?.catch(() => undefined);
  const { units, parts, previousParts } = await summaryParts(db, gov, year, subtree);
  const frozen = !!row && (row.status === 'published' || row.origin === 'import') && !!row.figures;
  const report = frozen ? figuresOf(row)! : sumOrConflict(parts.map((p) => p.report), gov.code, year);
  let previous: AnnualReport | undefined;
  if (prevSummary) {
    previous = figuresOf((await prevSummary).get(gov.id));
    if (!previous && units.length > 0 && units.every((u) => previousParts.has(u.id))) {
      previous = sumOrConflict(units.map((u) => previousParts.get(u.id)!), gov.code, year - 1);
    }
  }
  // Which units lack a source note is said for summed figures only (an imported summary has its own).
  const checked = checkReport(report, previous ? { previous } : {});
  const failures = frozen ? checked : attributeSources(checked, parts);
  const n = await narrativeFor(db, units, reportUnitName(gov, 'summary'), year, report, row, facts);
  // The units of the area (the government's own summary aside) whose own report is overdue.
  const overdue = row?.status === 'published' ? [] : await overdueUnits(db, units.filter((u) => u.id !== gov.id), year, today);
  const checks = draftChecks(row, failures, n.narrative, [], overdue);
  return { unit: gov, year, kind: 'summary', row, report, drill: null, warnings: [], previous, failures, checks, narrative: n.narrative, narrativeSaved: n.saved, frozen, parts };
}

/** A published report as stored, without recomputing anything (the public column). */
export async function loadPublished(db: DbOrTx, unit: ReportUnit, year: number, kind: ReportKind): Promise<LoadedReport | undefined> {
  const row = await reportRow(db, unit.id, year, kind);
  if (!row || row.status !== 'published' || !row.figures) return undefined;
  const report = figuresOf(row)!;
  const saved = narrativeOf(row);
  return {
    unit, year, kind, row, report, drill: (row.drill as Record<string, string[]> | null) ?? null, warnings: [], failures: [], checks: [],
    narrative: saved ?? draftNarrative({ unitName: reportUnitName(unit, kind), year, report }), narrativeSaved: !!saved, frozen: true,
  };
}

export function loadReport(db: DbOrTx, unit: ReportUnit, year: number, kind: ReportKind): Promise<LoadedReport> {
  return kind === 'summary' ? loadSummaryReport(db, unit, year) : loadUnitReport(db, unit, year);
}
