/** Admin corrections of the working-day calendar, audited. */
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { invalidateCalendar } from '../../core/calendar/store.ts';
import { isIsoDate } from '../../core/calendar/index.ts';
import type { Msg } from '../../core/render/i18n.ts';

export interface OverrideInput {
  date?: string;
  is_workday?: string | boolean;
  scope?: string;
  name?: string;
  source?: string;
  note?: string;
}

/** A national entry needs the system administrator; a county entry, an admin of that county's unit. */
async function scopePath(db: Db, scope: string): Promise<string | null> {
  if (scope === 'national') return null;
  const county = scope.slice('county:'.length);
  const u = await db.selectFrom('units').select('path').where('type', '=', 'county_government').where('code', 'like', `__${county}%`).executeTakeFirst();
  return u?.path ?? '/nonexistent/';
}

export async function addOverride(db: Db, ctx: CommandContext, raw: OverrideInput) {
  const e: Record<string, Msg> = {};
  const date = (raw.date ?? '').trim();
  const scope = (raw.scope ?? 'national').trim();
  if (!isIsoDate(date)) e.date = { zh: '日期格式应为 YYYY-MM-DD', en: 'Use YYYY-MM-DD' };
  if (!/^(national|county:\d{6})$/.test(scope)) e.scope = { zh: '范围应为“全国”或“县（市）区:行政区划代码”', en: 'Scope is national or county:<division code>' };
  const source = (raw.source ?? '').trim();
  if (!source) e.source = { zh: '请填写依据文件文号（如国办发明电〔2026〕7号）', en: 'Enter the source notice number' };
  if ((raw.name ?? '').length > 40) e.name = { zh: '名称最多 40 字', en: 'At most 40 characters' };
  if (Object.keys(e).length) throw invalid(e);
  const isWorkday = raw.is_workday === true || raw.is_workday === '1' || raw.is_workday === 'true';
  if (ctx.actor) {
    if (scope === 'national') authorize(ctx, 'calendar.manage.national', null);
    else authorize(ctx, 'calendar.manage.county', await scopePath(db, scope));
  }
  return inTransaction(db, async (tx) => {
    const dup = await tx.selectFrom('calendar_overrides').select('id').where('date', '=', date).where('scope', '=', scope).executeTakeFirst();
    if (dup) throw invalid({ date: { zh: '该日期在此范围内已有调整记录', en: 'This date already has an entry in this scope' } });
    const row = await tx
      .insertInto('calendar_overrides')
      .values({ date, is_workday: isWorkday, scope, name: raw.name?.trim() || null, source, note: raw.note?.trim() || null, created_by: ctx.audit.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'calendar.override.add', unitId: null, subjectType: 'calendar_override', subjectId: row.id, summary: { after: { date, scope, is_workday: isWorkday, source } } });
    invalidateCalendar();
    return row;
  });
}

export async function removeOverride(db: Db, ctx: CommandContext, id: number) {
  return inTransaction(db, async (tx) => {
    const row = await tx.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound({ zh: '调整记录', en: 'entry' });
    if (ctx.actor) {
      if (row.scope === 'national') authorize(ctx, 'calendar.manage.national', null);
      else authorize(ctx, 'calendar.manage.county', await scopePath(db, row.scope));
    }
    await tx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'calendar.override.remove', unitId: null, subjectType: 'calendar_override', subjectId: id, summary: { before: { date: row.date, scope: row.scope, is_workday: row.is_workday, source: row.source } } });
    invalidateCalendar();
  });
}
