/** /admin/calendar: the working-day calendar, its overrides, and the missing-year warning widget. */
import type { FastifyInstance } from 'fastify';
import { defineRules } from '../../core/auth/policy.ts';
import { renderHtml, t, ErrorSummary, Field, type ViewContext } from '../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../core/http/request.ts';
import { AppError } from '../../core/http/errors.ts';
import { formatDate, shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import { M } from '../../core/render/messages.ts';
import { calendarFor } from '../../core/calendar/store.ts';
import { nextYearDataWarning } from '../../core/calendar/index.ts';
import { adminRoutes } from '../admin/guard.ts';
import { AdminPage, ADMIN_NAV } from '../admin/layout.tsx';
import { DASHBOARD_WIDGETS } from '../admin/dashboard.tsx';
import { addOverride, removeOverride } from './commands.ts';

defineRules({
  'calendar.view': ['system_admin', 'unit_admin', 'case_handler', 'supervisor'],
  'calendar.manage.national': ['system_admin'],
  'calendar.manage.county': ['system_admin', 'unit_admin'],
});
ADMIN_NAV.push({ key: 'calendar', href: '/admin/calendar', label: { zh: '工作日历', en: 'Working days' }, action: 'calendar.view', order: 70 });

DASHBOARD_WIDGETS.push(async (req, c) => {
  if (!c.can('calendar.view')) return null;
  const cal = await calendarFor(req.server.deps.db);
  const w = nextYearDataWarning(shanghaiDate(), cal);
  if (!w) return null;
  return (
    <div class="warn" role="status">
      <strong>{t(c)({ zh: '工作日历提醒', en: 'Calendar' })}：</strong>
      {c.l === 'en' ? w.message.en : w.message.zh} <a href="/admin/calendar">{t(c)({ zh: '录入调整', en: 'Add entries' })}</a>
    </div>
  );
});

const LABELS: Record<string, Msg> = {
  date: { zh: '日期', en: 'Date' },
  is_workday: { zh: '类型', en: 'Kind' },
  scope: { zh: '适用范围', en: 'Scope' },
  name: { zh: '名称', en: 'Name' },
  source: { zh: '依据文件', en: 'Source notice' },
  note: { zh: '备注', en: 'Note' },
};

function CalendarPage(p: { c: ViewContext; rows: { id: number; date: string; is_workday: boolean; scope: string; name: string | null; source: string | null; created_by: string }[]; years: number[]; values?: Record<string, string>; errors?: Record<string, Msg> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '工作日历', en: 'Working-day calendar' });
  const v = p.values ?? {};
  return (
    <AdminPage c={c} title={title} current="calendar">
      <h1>{title}</h1>
      <p>{T({ zh: '期限按工作日计算：周一至周五，扣除法定节假日，加上调休上班日。节假日数据来自国务院办公厅每年的放假安排通知（chinese-days 数据，已覆盖 {y}），可在此补录或更正；县（市）区可补录当地少数民族节日。', en: 'Deadlines count working days: Monday–Friday, minus public holidays, plus make-up working days. Data from the State Council notices (covering {y}); add or correct entries here, including local ethnic holidays of a county.' }, { y: `${p.years[0]}–${p.years[p.years.length - 1]}` })}</p>
      <h2>{T({ zh: '调整记录', en: 'Entries' })}</h2>
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>{['date', 'is_workday', 'scope', 'name', 'source'].map((k) => <th scope="col">{T(LABELS[k])}</th>)}<th scope="col">{T(M.actions)}</th></tr>
          </thead>
          <tbody>
            {p.rows.length ? p.rows.map((r) => (
              <tr>
                <td>{formatDate(c.l, r.date)}</td>
                <td>{r.is_workday ? T({ zh: '调休上班', en: 'working day' }) : T({ zh: '放假', en: 'day off' })}</td>
                <td>{r.scope === 'national' ? T({ zh: '全国', en: 'national' }) : r.scope}</td>
                <td>{r.name}</td>
                <td>{r.source}</td>
                <td>
                  <form method="post" action={`/admin/calendar/${r.id}/delete`} class="inline">
                    <input type="hidden" name="_csrf" value={c.csrf} />
                    <button type="submit" class="linklike">{T({ zh: '删除', en: 'Delete' })}<span class="sr-only"> {r.date}</span></button>
                  </form>
                </td>
              </tr>
            )) : <tr><td colSpan={6}>{T(M.none)}</td></tr>}
          </tbody>
        </table>
      </div>
      <h2>{T({ zh: '新增调整', en: 'Add an entry' })}</h2>
      <ErrorSummary c={c} errors={p.errors} labels={Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]))} />
      <form method="post" action="/admin/calendar" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="date" label={T(LABELS.date)} type="date" value={v.date} errors={p.errors} required />
        <Field c={c} name="is_workday" label={T(LABELS.is_workday)} errors={p.errors}>
          <select id="f-is_workday" name="is_workday">
            <option value="0" selected={v.is_workday !== '1'}>{T({ zh: '放假', en: 'day off' })}</option>
            <option value="1" selected={v.is_workday === '1'}>{T({ zh: '调休上班', en: 'working day' })}</option>
          </select>
        </Field>
        <Field c={c} name="scope" label={T(LABELS.scope)} value={v.scope ?? 'national'} errors={p.errors} hint={T({ zh: 'national 表示全国；县级填写 county:行政区划代码，如 county:211324（喀左县）', en: 'national, or county:<division code>, e.g. county:211324' })} />
        <Field c={c} name="name" label={T(LABELS.name)} value={v.name} errors={p.errors} />
        <Field c={c} name="source" label={T(LABELS.source)} value={v.source} errors={p.errors} required />
        <Field c={c} name="note" label={T(LABELS.note)} value={v.note} errors={p.errors} />
        <p><button type="submit">{T(M.save)}</button></p>
      </form>
    </AdminPage>
  );
}

export default async function calendarRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const page = async (values?: Record<string, string>, errors?: Record<string, Msg>) => {
    const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('date', 'desc').limit(500).execute();
    const years = (await calendarFor(db)).yearsCovered();
    return { rows, years, values, errors };
  };
  await adminRoutes(app, (s) => {
    s.get('/admin/calendar', async (req, reply) => {
      if (!req.actor || !viewContext(req, reply).can('calendar.view')) throw new AppError(403, 'forbidden', { zh: '您没有查看工作日历的权限', en: 'You may not view the calendar' });
      return reply.type('text/html; charset=utf-8').send(renderHtml(CalendarPage({ c: viewContext(req, reply), ...(await page()) })));
    });
    s.post('/admin/calendar', async (req, reply) => {
      const b = formBody(req);
      try {
        await addOverride(db, commandContext(req), b);
        return reply.redirect('/admin/calendar', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return reply.code(e.status).type('text/html; charset=utf-8').send(renderHtml(CalendarPage({ c: viewContext(req, reply), ...(await page(b, e.fields)) })));
        throw e;
      }
    });
    s.post<{ Params: { id: string } }>('/admin/calendar/:id/delete', async (req, reply) => {
      await removeOverride(db, commandContext(req), Number(req.params.id) || 0);
      return reply.redirect('/admin/calendar', 303);
    });
  });
}
