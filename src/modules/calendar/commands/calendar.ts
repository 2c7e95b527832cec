/**
 * Writes to the working-day calendar, audited: single entries, the import of an annual notice, and the
 * explicit "this year's arrangement is complete" record per scope. A national entry needs the system
 * administrator; a county entry (全国年节及纪念日放假办法 第四条), an administrator of that county.
 * The cached calendars are dropped after each commit, so the next deadline uses the new data (and the
 * hourly reminder job recomputes the stored due dates of open cases).
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type DbOrTx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { defineRules } from '../../../core/auth/policy.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid, notFound } from '../../../core/http/errors.ts';
import { calendarChanged } from '../../../core/calendar/store.ts';
import { chineseDaysYears } from '../../../core/calendar/holiday-data.ts';
import { isIsoDate } from '../../../core/calendar/index.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { SCOPE_PATTERN } from '../domain/scope.ts';
import { parseNotice, unusualEntry, type NoticeError, type ParsedNotice } from '../domain/notice.ts';
import { countyPath, overridesOn } from '../store/queries.ts';

defineRules({
  'calendar.view': ['system_admin', 'unit_admin', 'case_handler', 'supervisor'],
  'calendar.manage.national': ['system_admin'],
  'calendar.manage.county': ['system_admin', 'unit_admin'],
});

const SCOPE_ERROR: Msg = { zh: '请选择适用范围：全国，或某县（市）区', en: 'Choose the scope: national, or a county' };

export interface OverrideInput {
  date?: string;
  is_workday?: string | boolean;
  scope?: string;
  name?: string;
  source?: string;
  note?: string;
}

async function authorizeScope(db: DbOrTx, ctx: CommandContext, scope: string): Promise<void> {
  if (!ctx.actor) return;
  if (scope === 'national') authorize(ctx, 'calendar.manage.national', null);
  else authorize(ctx, 'calendar.manage.county', (await countyPath(db, scope.slice('county:'.length))) ?? '/nonexistent/');
}

/** The warning to confirm before saving an unusual entry (null = nothing unusual). Never a refusal. */
export function entryWarning(raw: OverrideInput): Msg | null {
  const date = (raw.date ?? '').trim();
  return isIsoDate(date) ? unusualEntry(date, isWorkdayOf(raw.is_workday)) : null;
}

const isWorkdayOf = (v: unknown) => v === true || v === '1' || v === 'true';

/** Validates an entry and checks the user may write its scope, without writing (before asking to confirm). */
export async function checkOverride(db: DbOrTx, ctx: CommandContext, raw: OverrideInput) {
  const e: Record<string, Msg> = {};
  const date = (raw.date ?? '').trim();
  const scope = (raw.scope ?? 'national').trim();
  if (!isIsoDate(date)) e.date = { zh: '日期格式应为 YYYY-MM-DD', en: 'Use YYYY-MM-DD' };
  if (!SCOPE_PATTERN.test(scope)) e.scope = SCOPE_ERROR;
  const source = (raw.source ?? '').trim();
  if (!source) e.source = { zh: '请填写依据文件文号（如国办发明电〔2026〕7号）', en: 'Enter the source notice number' };
  else if (source.length > 100) e.source = { zh: '文号最多 100 字', en: 'At most 100 characters' };
  if ((raw.name ?? '').length > 40) e.name = { zh: '名称最多 40 字', en: 'At most 40 characters' };
  if ((raw.note ?? '').length > 200) e.note = { zh: '备注最多 200 字', en: 'At most 200 characters' };
  if (Object.keys(e).length) throw invalid(e);
  await authorizeScope(db, ctx, scope);
  return { date, scope, source, isWorkday: isWorkdayOf(raw.is_workday) };
}

export async function addOverride(db: Db, ctx: CommandContext, raw: OverrideInput) {
  const { date, scope, source, isWorkday } = await checkOverride(db, ctx, raw);
  const row = await inTransaction(db, async (tx) => {
    const dup = await tx.selectFrom('calendar_overrides').select('id').where('date', '=', date).where('scope', '=', scope).executeTakeFirst();
    if (dup) throw invalid({ date: { zh: '该日期在此范围内已有调整记录', en: 'This date already has an entry in this scope' } });
    const r = await tx
      .insertInto('calendar_overrides')
      .values({ date, is_workday: isWorkday, scope, name: raw.name?.trim() || null, source, note: raw.note?.trim() || null, created_by: ctx.audit.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'calendar.override.add', unitId: null, subjectType: 'calendar_override', subjectId: r.id, summary: { after: { date, scope, is_workday: isWorkday, name: raw.name?.trim() || null, source } } });
    // modules recompute what they derived from the calendar (documents: 公开时效 due dates)
    await calendarChanged(tx);
    return r;
  });
  return row;
}

export async function removeOverride(db: Db, ctx: CommandContext, id: number) {
  await inTransaction(db, async (tx) => {
    const row = await tx.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound({ zh: '调整记录', en: 'entry' });
    await authorizeScope(tx, ctx, row.scope);
    await tx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'calendar.override.remove', unitId: null, subjectType: 'calendar_override', subjectId: id, summary: { before: { date: row.date, scope: row.scope, is_workday: row.is_workday, name: row.name, source: row.source } } });
    // modules recompute what they derived from the calendar (documents: 公开时效 due dates)
    await calendarChanged(tx);
  });
}

export interface YearInput {
  year?: string | number;
  scope?: string;
  source?: string;
  note?: string;
}

function yearOf(raw: YearInput): number | null {
  const y = Number(String(raw.year ?? '').trim());
  return Number.isInteger(y) && y >= 2000 && y <= 2999 ? y : null;
}

/**
 * Records that a year's arrangement for a scope is complete — the administrator's statement after
 * entering the whole notice. Until then the year's dates stay provisional, however many rows exist.
 */
export async function markYear(db: Db, ctx: CommandContext, raw: YearInput): Promise<void> {
  const e: Record<string, Msg> = {};
  const year = yearOf(raw);
  const scope = (raw.scope ?? 'national').trim();
  const source = (raw.source ?? '').trim();
  if (year === null) e.year = { zh: '年份应为 2000–2999 的整数', en: 'The year must be 2000–2999' };
  if (!SCOPE_PATTERN.test(scope)) e.scope = SCOPE_ERROR;
  if (!source) e.source = { zh: '请填写放假安排通知的文号', en: 'Enter the notice number' };
  else if (source.length > 100) e.source = { zh: '文号最多 100 字', en: 'At most 100 characters' };
  if (Object.keys(e).length) throw invalid(e);
  await authorizeScope(db, ctx, scope);
  await inTransaction(db, async (tx) => {
    if (scope === 'national' && chineseDaysYears().includes(year!)) throw invalid({ year: { zh: `${year}年的全国安排已由内置的节假日数据完整提供，无需确认`, en: `The bundled data already covers ${year}` } });
    const dup = await tx.selectFrom('calendar_years').select('year').where('year', '=', year!).where('scope', '=', scope).executeTakeFirst();
    if (dup) throw invalid({ year: { zh: '该年份在此范围内已确认为完整载入', en: 'This year is already confirmed for this scope' } });
    const offs = await tx.selectFrom('calendar_overrides').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('scope', '=', scope).where('is_workday', '=', false).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).executeTakeFirstOrThrow();
    if (Number(offs.n) === 0) throw invalid({ year: { zh: `尚未录入${year}年的任何放假日期，请先录入或导入该年的放假安排`, en: `No day off of ${year} has been entered yet; enter or import the arrangement first` } });
    await tx.insertInto('calendar_years').values({ year: year!, scope, source, note: raw.note?.trim() || null, marked_by: ctx.audit.name }).execute();
    await recordAudit(tx, ctx.audit, { action: 'calendar.year.complete', unitId: null, subjectType: 'calendar_year', subjectId: `${year}:${scope}`, summary: { before: null, after: { year, scope, source, days_off: Number(offs.n) } } });
    // modules recompute what they derived from the calendar (documents: 公开时效 due dates)
    await calendarChanged(tx);
  });
}

export async function unmarkYear(db: Db, ctx: CommandContext, raw: YearInput): Promise<void> {
  const year = yearOf(raw);
  const scope = (raw.scope ?? '').trim();
  if (year === null || !SCOPE_PATTERN.test(scope)) throw notFound({ zh: '年份记录', en: 'year record' });
  await authorizeScope(db, ctx, scope);
  await inTransaction(db, async (tx) => {
    const row = await tx.selectFrom('calendar_years').selectAll().where('year', '=', year).where('scope', '=', scope).executeTakeFirst();
    if (!row) throw notFound({ zh: '年份记录', en: 'year record' });
    await tx.deleteFrom('calendar_years').where('year', '=', year).where('scope', '=', scope).execute();
    await recordAudit(tx, ctx.audit, { action: 'calendar.year.reopen', unitId: null, subjectType: 'calendar_year', subjectId: `${year}:${scope}`, summary: { before: { year, scope, source: row.source, marked_by: row.marked_by }, after: null } });
    // modules recompute what they derived from the calendar (documents: 公开时效 due dates)
    await calendarChanged(tx);
  });
}

export interface ImportPlanRow {
  date: string;
  isWorkday: boolean;
  name: string;
  status: 'new' | 'same' | 'changed';
  before?: { isWorkday: boolean; name: string | null };
  warning?: Msg;
}

export interface ImportInput {
  text?: string;
  scope?: string;
  mark_complete?: string;
}

export interface ImportPlan {
  notice: ParsedNotice;
  scope: string;
  rows: ImportPlanRow[];
  /** The year will be recorded as complete for the scope (asked for, and not bundled already). */
  mark: boolean;
}

/** Parses the notice and compares it with the stored entries: what the import would add or change. */
export async function planImport(db: DbOrTx, raw: ImportInput): Promise<{ plan?: ImportPlan; errors: NoticeError[]; fields: Record<string, Msg> }> {
  const fields: Record<string, Msg> = {};
  const scope = (raw.scope ?? 'national').trim();
  if (!SCOPE_PATTERN.test(scope)) fields.scope = SCOPE_ERROR;
  const { value, errors } = parseNotice(raw.text ?? '');
  if (errors.length) fields.text = { zh: `放假安排有 ${errors.length} 处错误，请按下方提示修改`, en: `${errors.length} problem(s) in the arrangement; see below` };
  if (!value || Object.keys(fields).length) return { errors, fields };
  const existing = new Map((await overridesOn(db, value.days.map((d) => d.date), scope)).map((r) => [r.date, r]));
  const rows: ImportPlanRow[] = value.days.map((d) => {
    const old = existing.get(d.date);
    const status = !old ? 'new' : old.is_workday === d.isWorkday && (old.name ?? '') === d.name ? 'same' : 'changed';
    // Weekend days inside a holiday range are normal; only make-up days are checked.
    const warning = d.isWorkday ? unusualEntry(d.date, true) : null;
    return { ...d, status, ...(old ? { before: { isWorkday: old.is_workday, name: old.name } } : {}), ...(warning ? { warning } : {}) };
  });
  const mark = raw.mark_complete === '1' && !(scope === 'national' && chineseDaysYears().includes(value.year));
  return { plan: { notice: value, scope, rows, mark }, errors: [], fields };
}

/** Imports the notice in one transaction (new rows added, changed rows updated) and, if asked, marks the year complete. */
export async function importNotice(db: Db, ctx: CommandContext, raw: ImportInput): Promise<{ added: number; changed: number; unchanged: number; marked: boolean; year: number }> {
  const first = await planImport(db, raw);
  if (!first.plan) throw invalid(first.fields);
  await authorizeScope(db, ctx, first.plan.scope);
  const result = await inTransaction(db, async (tx) => {
    const { plan } = await planImport(tx, raw);
    const { notice, scope } = plan!;
    let added = 0;
    let changed = 0;
    for (const r of plan!.rows) {
      if (r.status === 'new') {
        await tx.insertInto('calendar_overrides').values({ date: r.date, is_workday: r.isWorkday, scope, name: r.name, source: notice.source, note: null, created_by: ctx.audit.name }).execute();
        added++;
      } else if (r.status === 'changed') {
        await tx.updateTable('calendar_overrides').set({ is_workday: r.isWorkday, name: r.name, source: notice.source }).where('date', '=', r.date).where('scope', '=', scope).execute();
        changed++;
      }
    }
    let marked = false;
    if (plan!.mark) {
      const ins = await sql`insert into calendar_years (year, scope, source, marked_by) values (${notice.year}, ${scope}, ${notice.source}, ${ctx.audit.name}) on conflict (year, scope) do nothing`.execute(tx);
      marked = Number(ins.numAffectedRows ?? 0) > 0;
    }
    const unchanged = plan!.rows.length - added - changed;
    await recordAudit(tx, ctx.audit, {
      action: 'calendar.notice.import', unitId: null, subjectType: 'calendar_year', subjectId: `${notice.year}:${scope}`,
      summary: {
        after: { year: notice.year, scope, source: notice.source, added, changed, unchanged, marked_complete: marked },
        before: plan!.rows.filter((r) => r.status === 'changed').map((r) => ({ date: r.date, is_workday: r.before!.isWorkday, name: r.before!.name })),
        holidays: notice.holidays,
      },
    });
    // modules recompute what they derived from the calendar (documents: 公开时效 due dates)
    await calendarChanged(tx);
    return { added, changed, unchanged, marked, year: notice.year };
  });
  return result;
}
