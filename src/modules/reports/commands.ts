/**
 * Every write of the reports module: policy check, write, audit event, one transaction. Pages, CLI
 * and seed call these. A published report is frozen (条例 第四十九条: what was published is the
 * report); changing it means reopening it first, with a reason, which is audited too.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import { isIsoDate } from '../../core/calendar/dates.ts';
import { formatForYear, manualCells } from './domain/formats.ts';
import { validateManualFiguresJson, validateReportJson, type ImportError } from './domain/importjson.ts';
import { checkReport, canPublish, type CheckFailure } from './domain/checks.ts';
import { draftNarrative, hasPlaceholders, type Narrative } from './domain/narrative.ts';
import { validateDeadlineSettings, type DeadlineSettings } from './domain/deadlines.ts';
import type { ManualFigures } from './domain/compute.ts';
import { DEADLINES_KEY, figuresOf, frozenRows, isGovernment, manualFigures, reportRow, reportUnitByCode, reportUnitById, type ReportRow } from './store/repository.ts';
import { loadReport, MIN_YEAR, type LoadedReport } from './store/assemble.ts';
import type { ReportUnit } from './store/sources.ts';
import type { ReportKind } from './store/tables.ts';
import { publishedChanged } from '../search/published.ts';

const REPORT = { zh: '年度报告', en: 'annual report' };
const subjectId = (unitId: number, year: number, kind: ReportKind) => `${unitId}/${year}/${kind}`;

/**
 * The years a report can exist for: from 2019, the first year under the 2019 条例 and its report format
 * (国办公开办函〔2019〕60号; reports under the 2008 条例 had no unified format, so the platform cannot lay
 * them out), to the current year (a draft of the year in progress); a later year is refused.
 */
export function checkYear(year: number, today: string = shanghaiDate()): void {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < MIN_YEAR || year > current) {
    throw new AppError(404, 'report_year', {
      zh: `没有${year}年度的年度报告：年度须在${MIN_YEAR}年至${current}年之间`,
      en: `There is no annual report for ${year}: the year must be between ${MIN_YEAR} and ${current}`,
    });
  }
}

/** The unit, checked for the action; a summary only exists for a government (条例 第四十九条第二款). */
export async function reportTarget(db: Db | Tx, ctx: CommandContext, unitId: number, year: number, kind: ReportKind, action: string): Promise<ReportUnit> {
  checkYear(year);
  const unit = await reportUnitById(db, unitId);
  if (!unit) throw notFound(REPORT);
  if (kind === 'summary' && !isGovernment(unit)) throw notFound(REPORT);
  authorize(ctx, action, unit.path);
  return unit;
}

/** The row of a report, created as an empty draft when missing; locked for the rest of the transaction. */
async function lockRow(tx: Tx, unitId: number, year: number, kind: ReportKind): Promise<ReportRow> {
  await tx.insertInto('annual_reports').values({ unit_id: unitId, year, kind }).onConflict((oc) => oc.columns(['unit_id', 'year', 'kind']).doNothing()).execute();
  return tx.selectFrom('annual_reports').selectAll().where('unit_id', '=', unitId).where('year', '=', year).where('kind', '=', kind).forUpdate().executeTakeFirstOrThrow();
}

const PUBLISHED_LOCKED: Msg = { zh: '该年度报告已发布，不能修改；如需更正，请先撤回发布', en: 'This report is published and cannot be changed; reopen it first to correct it' };
const IMPORTED_FIGURES: Msg = { zh: '该年度报告的数据为导入数据，请通过重新导入修改', en: 'This report holds imported figures; change them by importing again' };

// ---- unit-entered figures (表二 行政许可/处罚/强制、收费 …) ----------------------------------------------

export interface FigureInput {
  value: string;
  source: string;
}

/**
 * Saves the unit-entered figures of table 2 from the admin form. A cell left blank (value and source)
 * is not entered; a value needs its source (the check `manual_source` would fail anyway, but the form
 * says so at once). Errors are keyed `value:<path>` / `source:<path>`, as the form's fields.
 */
export async function saveManualFigures(db: Db, ctx: CommandContext, unitId: number, year: number, input: Record<string, FigureInput>) {
  const unit = await reportTarget(db, ctx, unitId, year, 'unit', 'report.edit');
  const defs = manualCells(formatForYear(year));
  const json: Record<string, { value: unknown; source: string }> = {};
  const errors: Record<string, Msg> = {};
  for (const d of defs) {
    const v = (input[d.path]?.value ?? '').trim().replace(/,/g, '');
    const s = (input[d.path]?.source ?? '').trim();
    if (!v && !s) continue;
    if (!v) {
      errors[`value:${d.path}`] = { zh: '请填写数值（没有的填 0）', en: 'Enter the figure (0 if none)' };
      continue;
    }
    if (s.length > 200) errors[`source:${d.path}`] = { zh: '来源说明最多 200 字', en: 'At most 200 characters' };
    const value = d.kind === 'decimal' ? v : /^-?\d+$/.test(v) ? Number(v) : v;
    json[d.path] = { value, source: s };
  }
  const r = validateManualFiguresJson(json, year);
  if (!r.ok) {
    for (const e of r.errors) {
      const [path, what] = e.path.endsWith('.source') ? [e.path.slice(0, -7), 'source'] : e.path.endsWith('.value') ? [e.path.slice(0, -6), 'value'] : [e.path, 'value'];
      errors[`${what}:${path}`] ??= e.message;
    }
  }
  if (!r.ok || Object.keys(errors).length) throw invalid(errors);
  return writeFigures(db, ctx, unit, year, r.value, 'report.figures.save', true);
}

/** Unit-entered figures imported as JSON ({ "table2.licensing.decisions": { "value": 120, "source": "…" } }). */
export async function importManualFigures(db: Db, ctx: CommandContext, unitId: number, year: number, input: unknown) {
  const unit = await reportTarget(db, ctx, unitId, year, 'unit', 'report.edit');
  const r = validateManualFiguresJson(input, year);
  if (!r.ok) throw invalid(importErrorFields(r.errors));
  return writeFigures(db, ctx, unit, year, r.value, 'report.figures.import', false);
}

export function importErrorFields(errors: ImportError[]): Record<string, Msg> {
  const out: Record<string, Msg> = {};
  for (const e of errors) out[e.path || 'json'] ??= e.message;
  return out;
}

async function writeFigures(db: Db, ctx: CommandContext, unit: ReportUnit, year: number, figures: ManualFigures, action: string, replaceAll: boolean) {
  return inTransaction(db, async (tx) => {
    const row = await lockRow(tx, unit.id, year, 'unit');
    if (row.status === 'published') throw conflict(PUBLISHED_LOCKED);
    if (row.origin === 'import') throw conflict(IMPORTED_FIGURES);
    const before = (await manualFigures(tx, [unit.id], year)).get(unit.id) ?? {};
    if (replaceAll) await tx.deleteFrom('report_manual_figures').where('unit_id', '=', unit.id).where('year', '=', year).execute();
    for (const [path, e] of Object.entries(figures)) {
      const values = { unit_id: unit.id, year, path, value: String(e.value), source: e.source.trim(), updated_by: ctx.audit.name };
      await tx
        .insertInto('report_manual_figures')
        .values(values)
        .onConflict((oc) => oc.columns(['unit_id', 'year', 'path']).doUpdateSet({ value: values.value, source: values.source, updated_by: values.updated_by, updated_at: sql`now()` }))
        .execute();
    }
    const after = (await manualFigures(tx, [unit.id], year)).get(unit.id) ?? {};
    await tx.updateTable('annual_reports').set({ updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', row.id).execute();
    await recordAudit(tx, ctx.audit, { action, unitId: unit.id, subjectType: 'annual_report', subjectId: subjectId(unit.id, year, 'unit'), summary: changedFigures(before, after) });
    return after;
  });
}

function changedFigures(before: ManualFigures, after: ManualFigures) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = before[k] ? `${before[k].value}（${before[k].source}）` : null;
    const y = after[k] ? `${after[k].value}（${after[k].source}）` : null;
    if (x !== y) {
      b[k] = x;
      a[k] = y;
    }
  }
  return { before: b, after: a };
}

// ---- narrative (parts 一, 五, 六) -----------------------------------------------------------------------

export interface NarrativeInput {
  preface?: string;
  part1?: string[];
  part5?: string[];
  part6?: string;
}

const MAX_TEXT = 20_000;
const paragraphs = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').split(/\n+/).map((p) => p.trim()).filter(Boolean);

/** Saves the narrative; the headings are the format's (国办公开办函〔2021〕30号), only the text is edited. */
export async function saveNarrative(db: Db, ctx: CommandContext, unitId: number, year: number, kind: ReportKind, input: NarrativeInput) {
  const unit = await reportTarget(db, ctx, unitId, year, kind, 'report.edit');
  const errors: Record<string, Msg> = {};
  const tooLong = { zh: `最多 ${MAX_TEXT} 字`, en: `At most ${MAX_TEXT} characters` };
  if ((input.preface ?? '').length > MAX_TEXT) errors.preface = tooLong;
  (input.part1 ?? []).forEach((t, i) => t.length > MAX_TEXT && (errors[`part1_${i}`] = tooLong));
  (input.part5 ?? []).forEach((t, i) => t.length > MAX_TEXT && (errors[`part5_${i}`] = tooLong));
  if ((input.part6 ?? '').length > MAX_TEXT) errors.part6 = tooLong;
  if (!(input.preface ?? '').trim()) errors.preface = { zh: '请填写报告说明（统计期限等）', en: 'Enter the preface' };
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const row = await lockRow(tx, unit.id, year, kind);
    if (row.status === 'published') throw conflict(PUBLISHED_LOCKED);
    // The headings are fixed by the format; only the template's structure is needed here.
    const t = draftNarrative({ unitName: unit.name, year });
    const narrative: Narrative = {
      preface: (input.preface ?? '').trim(),
      part1: t.part1.map((s, i) => ({ heading: s.heading, paragraphs: paragraphs(input.part1?.[i]) })),
      part5: t.part5.map((s, i) => ({ heading: s.heading, paragraphs: paragraphs(input.part5?.[i]) })),
      part6: paragraphs(input.part6),
    };
    await tx.updateTable('annual_reports').set({ narrative: JSON.stringify(narrative), updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', row.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'report.narrative.save', unitId: unit.id, subjectType: 'annual_report', subjectId: subjectId(unit.id, year, kind), summary: { placeholders: hasPlaceholders(narrative), chars: JSON.stringify(narrative).length } });
    return narrative;
  });
}

// ---- publish / reopen -----------------------------------------------------------------------------------

/** Refusal naming each failing cell (cell path → reason), so the page can point at them. */
export function checksFailed(failures: CheckFailure[]): AppError {
  const fields: Record<string, Msg> = {};
  for (const f of failures) {
    const exp = f.expected !== null && f.actual !== null ? { zh: `（应为 ${f.expected}，实为 ${f.actual}）`, en: ` (expected ${f.expected}, found ${f.actual})` } : { zh: '', en: '' };
    fields[f.cell] ??= { zh: f.message.zh + exp.zh, en: f.message.en + exp.en };
  }
  return new AppError(409, 'report_checks_failed', { zh: `数据检查未通过（${failures.length}项），不能发布`, en: `${failures.length} check(s) failed; the report cannot be published` }, fields);
}

/**
 * Publishes a report: the checks must all pass and the narrative must have no 【待填写】 left. The
 * figures and drill-down are frozen as they are now, dated `today` (Asia/Shanghai) — the date the
 * deadline of 条例 第四十九条 is measured against.
 */
export async function publishReport(db: Db, ctx: CommandContext, unitId: number, year: number, kind: ReportKind, today: string): Promise<LoadedReport> {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const unit = await reportTarget(db, ctx, unitId, year, kind, 'report.publish');
  return inTransaction(db, async (tx) => {
    const existing = await reportRow(tx, unit.id, year, kind);
    if (existing?.status === 'published') throw conflict({ zh: '该年度报告已经发布', en: 'This report is already published' });
    const loaded = await loadReport(tx, unit, year, kind);
    if (!canPublish(loaded.failures)) throw checksFailed(loaded.failures);
    if (hasPlaceholders(loaded.narrative)) {
      throw new AppError(409, 'report_narrative_incomplete', { zh: '报告正文还有【待填写】的内容，请补充后再发布', en: 'The narrative still has 【待填写】 placeholders; complete it before publishing' }, { narrative: { zh: '请编辑第一、五、六部分，替换所有【待填写：…】', en: 'Edit parts 一, 五 and 六 and replace every placeholder' } });
    }
    const row = await lockRow(tx, unit.id, year, kind);
    await tx
      .updateTable('annual_reports')
      .set({
        status: 'published',
        figures: JSON.stringify(loaded.report),
        drill: loaded.drill ? JSON.stringify(loaded.drill) : null,
        narrative: JSON.stringify(loaded.narrative),
        published_on: today,
        published_at: new Date(),
        published_by: ctx.audit.name,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(tx, ctx.audit, {
      action: 'report.publish', unitId: unit.id, subjectType: 'annual_report', subjectId: subjectId(unit.id, year, kind),
      summary: { year, kind, published_on: today, origin: row.origin, t3_received: loaded.report.table3['3.1'].total, t3_concluded: loaded.report.table3['3.3.7'].total },
    });
    return { ...loaded, row: await reportRow(tx, unit.id, year, kind), frozen: true };
  }).finally(() => publishedChanged('report', [unit.id]));
}

/** Takes a published report back to draft for correction; its platform figures are computed live again. */
export async function reopenReport(db: Db, ctx: CommandContext, unitId: number, year: number, kind: ReportKind, reason: string) {
  const unit = await reportTarget(db, ctx, unitId, year, kind, 'report.publish');
  const why = (reason ?? '').trim();
  if (!why) throw invalid({ reason: { zh: '请说明撤回更正的原因', en: 'Give the reason for reopening' } });
  if (why.length > 500) throw invalid({ reason: { zh: '原因最多 500 字', en: 'At most 500 characters' } });
  return inTransaction(db, async (tx) => {
    const row = await reportRow(tx, unit.id, year, kind);
    if (!row || row.status !== 'published') throw conflict({ zh: '该年度报告尚未发布', en: 'This report is not published' });
    const keepFigures = row.origin === 'import';
    await tx
      .updateTable('annual_reports')
      .set({ status: 'draft', published_on: null, published_at: null, published_by: null, drill: null, ...(keepFigures ? {} : { figures: null }), updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(tx, ctx.audit, { action: 'report.reopen', unitId: unit.id, subjectType: 'annual_report', subjectId: subjectId(unit.id, year, kind), summary: { year, kind, reason: why, was_published_on: row.published_on } });
  }).finally(() => publishedChanged('report', [unit.id]));
}

// ---- import of a whole report (a year before the platform) ---------------------------------------------

export interface ImportResult {
  unit: ReportUnit;
  year: number;
  kind: ReportKind;
  /** Check failures of the imported figures (the import is kept as a draft; they must be fixed to publish). */
  failures: CheckFailure[];
  /** Failures of next year's frozen report against this one (its 上年结转), when there is one. */
  nextYearFailures: CheckFailure[];
}

/**
 * Loads the figures of a report in the JSON shape of annual-report.md, typically a year before the
 * platform, so that the first year's 上年结转 is checked against it. The shape is validated with an
 * error per path; the arithmetic is not a reason to refuse — the report is kept as a draft and its
 * failing checks are returned, as for any draft, so they can be seen and corrected.
 */
export async function importReport(db: Db, ctx: CommandContext, input: unknown, opts: { kind?: ReportKind } = {}): Promise<ImportResult> {
  const kind = opts.kind ?? 'unit';
  const r = validateReportJson(input);
  if (!r.ok) throw invalid(importErrorFields(r.errors));
  const report = r.value;
  const unit = await reportUnitByCode(db, report.unit);
  if (!unit) throw invalid({ unit: { zh: `没有代码为 ${report.unit} 的单位`, en: `no unit with code ${report.unit}` } });
  if (kind === 'summary' && !isGovernment(unit)) throw invalid({ unit: { zh: '只有人民政府才有本行政区域的汇总年度报告', en: 'only a government has a summary report' } });
  authorize(ctx, 'report.edit', unit.path);
  return inTransaction(db, async (tx) => {
    const row = await lockRow(tx, unit.id, report.year, kind);
    if (row.status === 'published') throw conflict({ zh: `${report.year}年度报告已发布，不能以导入数据覆盖；如需更正，请先撤回发布`, en: `the ${report.year} report is published; reopen it before importing over it` });
    await tx
      .updateTable('annual_reports')
      .set({ origin: 'import', figures: JSON.stringify(report), drill: null, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', row.id)
      .execute();
    const prev = figuresOf((await frozenRows(tx, [unit.id], report.year - 1, kind)).get(unit.id));
    const next = figuresOf((await frozenRows(tx, [unit.id], report.year + 1, kind)).get(unit.id));
    const failures = checkReport(report, prev ? { previous: prev } : {});
    const nextYearFailures = next ? checkReport(next, { previous: report }).filter((f) => f.rule === 'carry_over') : [];
    await recordAudit(tx, ctx.audit, {
      action: 'report.import', unitId: unit.id, subjectType: 'annual_report', subjectId: subjectId(unit.id, report.year, kind),
      summary: { year: report.year, kind, format: report.format, failures: failures.length, t3_carried_forward: report.table3['3.4'].total },
    });
    return { unit, year: report.year, kind, failures, nextYearFailures };
  });
}

// ---- settings -------------------------------------------------------------------------------------------

/** The publication deadlines (system administrator); a city may set earlier dates than the law, not later. */
export async function saveDeadlineSettings(db: Db, ctx: CommandContext, raw: Partial<DeadlineSettings>) {
  authorize(ctx, 'settings.manage', null);
  const s: DeadlineSettings = { department: (raw.department ?? '').trim(), government: (raw.government ?? '').trim() };
  const errs = validateDeadlineSettings(s);
  if (errs.length) throw invalid(Object.fromEntries(errs.map((e) => [e.key, e.message])));
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('settings').select('value').where('key', '=', DEADLINES_KEY).executeTakeFirst();
    await tx
      .insertInto('settings')
      .values({ key: DEADLINES_KEY, value: JSON.stringify(s) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(s), updated_at: sql`now()` }))
      .execute();
    await recordAudit(tx, ctx.audit, { action: 'settings.update', unitId: null, subjectType: 'setting', subjectId: DEADLINES_KEY, summary: { before: before?.value ?? null, after: s } });
    return s;
  });
}
