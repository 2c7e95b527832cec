/** /admin/calendar: the working-day calendar — years, month view, entries, import — and the missing-year dashboard widget. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml, t } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden } from '../../../core/http/errors.ts';
import { can } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { chineseDaysSource, chineseDaysYears } from '../../../core/calendar/holiday-data.ts';
import { addDays, yearOf } from '../../../core/calendar/dates.ts';
import { nextYearDataWarning, type DayInfo } from '../../../core/calendar/index.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { DASHBOARD_WIDGETS } from '../../admin/dashboard.tsx';
import { SCOPE_PATTERN, type CountyOption } from '../domain/scope.ts';
import { countyOptions, entryCounts, listOverrides, yearMarks } from '../store/queries.ts';
import { addOverride, checkOverride, entryWarning, importNotice, markYear, planImport, removeOverride, unmarkYear } from '../commands/calendar.ts';
import { CalendarPage, type YearStatus } from '../views/calendar.tsx';
import { ImportPage, YearMarkPage } from '../views/import.tsx';
import type { MonthData } from '../views/month.tsx';
// its CLI commands register with the command line when the module loads
import '../cli.ts';

ADMIN_NAV.push({ key: 'calendar', href: '/admin/calendar', label: { zh: '工作日历', en: 'Working days' }, action: 'calendar.view', order: 70 });

DASHBOARD_WIDGETS.push(async (req, c) => {
  if (!c.can('calendar.view')) return null;
  const cal = await calendarFor(req.server.deps.db);
  const w = nextYearDataWarning(shanghaiDate(), cal);
  if (!w) return null;
  return (
    <div class="warn" role="status">
      <strong>{t(c)({ zh: '工作日历提醒', en: 'Calendar' })}：</strong>
      {c.l === 'en' ? w.message.en : w.message.zh} <a href="/admin/calendar">{t(c)({ zh: '录入放假安排', en: 'Enter the arrangement' })}</a>
    </div>
  );
});

const HTML = 'text/html; charset=utf-8';

const DONE: Record<string, Msg> = {
  added: { zh: '已保存。', en: 'Saved.' },
  removed: { zh: '已删除。', en: 'Deleted.' },
  marked: { zh: '已确认该年安排完整载入。', en: 'The year is confirmed as complete.' },
  reopened: { zh: '已撤销该年的完整载入确认，该年的期限恢复为暂定。', en: 'The confirmation was withdrawn; the year is provisional again.' },
};

/** The scopes this user may write: 全国 for the system administrator, and each county they administer. */
function writableScopes(req: FastifyRequest, counties: CountyOption[]): string[] {
  const out: string[] = [];
  if (can(req.actor, 'calendar.manage.national', null)) out.push('national');
  for (const k of counties) if (can(req.actor, 'calendar.manage.county', k.path)) out.push(`county:${k.code}`);
  return out;
}

export default async function calendarRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  const mayView = (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.actor || !viewContext(req, reply).can('calendar.view')) throw new AppError(403, 'forbidden', { zh: '您没有查看工作日历的权限', en: 'You may not view the calendar' });
  };

  async function monthData(query: { month?: string; scope?: string }, counties: CountyOption[]): Promise<MonthData> {
    const today = shanghaiDate();
    const ym = /^\d{4}-(0[1-9]|1[0-2])$/.test(String(query.month ?? '')) && Number(String(query.month).slice(0, 4)) >= 2000 && Number(String(query.month).slice(0, 4)) <= 2999 ? String(query.month) : today.slice(0, 7);
    const scope = SCOPE_PATTERN.test(String(query.scope ?? '')) && (query.scope === 'national' || counties.some((k) => `county:${k.code}` === query.scope)) ? String(query.scope) : 'national';
    const cal = await calendarFor(db, scope === 'national' ? null : scope.slice('county:'.length));
    const days: DayInfo[] = [];
    for (let d = `${ym}-01`; d.startsWith(ym); d = addDays(d, 1)) days.push(cal.dayInfo(d));
    return { ym, scope, days, loaded: cal.hasDataFor(yearOf(`${ym}-01`)) };
  }

  async function page(req: FastifyRequest, o: { values?: Record<string, string>; errors?: Record<string, Msg>; warning?: Msg } = {}) {
    const q = (req.query ?? {}) as { month?: string; scope?: string; done?: string };
    const counties = await countyOptions(db);
    const [rows, marks, counts, cal, month] = await Promise.all([listOverrides(db), yearMarks(db), entryCounts(db), calendarFor(db), monthData(q, counties)]);
    const pkg = chineseDaysYears();
    const thisYear = yearOf(shanghaiDate());
    // this year, the next, the last, and every year with entries or a record
    const ys = new Set<number>([thisYear - 1, thisYear, thisYear + 1, ...counts.map((x) => x.year), ...marks.map((m) => m.year)]);
    const years: YearStatus[] = [...ys].sort((a, b) => b - a).map((y) => ({ coverage: cal.coverage(y), counts: counts.filter((x) => x.year === y) }));
    return {
      rows, counties, scopes: writableScopes(req, counties), years, month,
      packageInfo: { source: chineseDaysSource(), first: pkg[0], last: pkg[pkg.length - 1] },
      notice: DONE[String(q.done ?? '')], ...o,
    };
  }

  await adminRoutes(app, (s) => {
    s.get('/admin/calendar', async (req, reply) => {
      mayView(req, reply);
      return reply.type(HTML).send(renderHtml(CalendarPage({ c: viewContext(req, reply), ...(await page(req)) })));
    });

    s.post('/admin/calendar', async (req, reply) => {
      const b = formBody(req);
      // Unusual (a weekend day off, a weekday worked): ask once, save on the confirmation — never refuse.
      const warning = b.confirm === '1' ? null : entryWarning(b);
      try {
        if (warning) {
          // validate and authorize first: a bad or forbidden entry is refused, not offered for confirmation
          await checkOverride(db, commandContext(req), b);
          return reply.type(HTML).send(renderHtml(CalendarPage({ c: viewContext(req, reply), ...(await page(req, { values: b, warning })) })));
        }
        await addOverride(db, commandContext(req), b);
        return reply.redirect('/admin/calendar?done=added', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return reply.code(e.status).type(HTML).send(renderHtml(CalendarPage({ c: viewContext(req, reply), ...(await page(req, { values: b, errors: e.fields })) })));
        throw e;
      }
    });

    s.post<{ Params: { id: string } }>('/admin/calendar/:id/delete', async (req, reply) => {
      await removeOverride(db, commandContext(req), Number(req.params.id) || 0);
      return reply.redirect('/admin/calendar?done=removed', 303);
    });

    const scopesFor = async (req: FastifyRequest) => {
      const counties = await countyOptions(db);
      const scopes = writableScopes(req, counties);
      if (!scopes.length) throw forbidden();
      return { counties, scopes };
    };

    s.get('/admin/calendar/import', async (req, reply) => {
      const { counties, scopes } = await scopesFor(req);
      return reply.type(HTML).send(renderHtml(ImportPage({ c: viewContext(req, reply), scopes, counties })));
    });

    s.post('/admin/calendar/import', async (req, reply) => {
      const { counties, scopes } = await scopesFor(req);
      const b = formBody(req);
      const c = viewContext(req, reply);
      if (b.step === 'commit') {
        try {
          const r = await importNotice(db, commandContext(req), b);
          return reply.redirect(`/admin/calendar?done=${r.marked ? 'marked' : 'added'}&month=${r.year}-01`, 303);
        } catch (e) {
          if (!(e instanceof AppError && e.fields)) throw e;
        }
      }
      const { plan, errors, fields } = await planImport(db, b);
      if (plan && !scopes.includes(plan.scope)) throw forbidden();
      const status = plan ? 200 : 422;
      return reply.code(status).type(HTML).send(renderHtml(ImportPage({ c, scopes, counties, values: b, errors: plan ? undefined : fields, noticeErrors: errors, plan })));
    });

    s.get<{ Querystring: { year?: string; scope?: string } }>('/admin/calendar/years/new', async (req, reply) => {
      const { counties, scopes } = await scopesFor(req);
      // a year the calendar can hold (a date's year): anything else falls back to next year
      const asked = Number(req.query.year);
      const year = Number.isInteger(asked) && asked >= 1000 && asked <= 9999 ? asked : yearOf(shanghaiDate()) + 1;
      const scope = scopes.includes(String(req.query.scope)) ? String(req.query.scope) : scopes[0];
      const sources = (await listOverrides(db, { year })).filter((r) => r.scope === scope);
      const entered = { off: sources.filter((r) => !r.is_workday).length, work: sources.filter((r) => r.is_workday).length };
      const source = sources.map((r) => r.source).find(Boolean) ?? '';
      return reply.type(HTML).send(renderHtml(YearMarkPage({ c: viewContext(req, reply), scopes, counties, values: { year: String(year), scope, source }, entered })));
    });

    s.post('/admin/calendar/years', async (req, reply) => {
      const b = formBody(req);
      try {
        await markYear(db, commandContext(req), b);
        return reply.redirect('/admin/calendar?done=marked', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const { counties, scopes } = await scopesFor(req);
          return reply.code(e.status).type(HTML).send(renderHtml(YearMarkPage({ c: viewContext(req, reply), scopes, counties, values: b, errors: e.fields })));
        }
        throw e;
      }
    });

    s.post('/admin/calendar/years/reopen', async (req, reply) => {
      await unmarkYear(db, commandContext(req), formBody(req));
      return reply.redirect('/admin/calendar?done=reopened', 303);
    });
  });
}
