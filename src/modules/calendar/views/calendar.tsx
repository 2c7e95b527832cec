/** /admin/calendar: year status per source, month view, the entries, and the form to add one. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import type { YearCoverage } from '../../../core/calendar/index.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { scopeLabel, type CountyOption } from '../domain/scope.ts';
import type { OverrideRow } from '../store/queries.ts';
import { MonthView, type MonthData } from './month.tsx';

export const LABELS: Record<string, Msg> = {
  date: { zh: '日期', en: 'Date' },
  is_workday: { zh: '类型', en: 'Kind' },
  scope: { zh: '适用范围', en: 'Scope' },
  name: { zh: '名称', en: 'Name' },
  source: { zh: '依据文件', en: 'Source notice' },
  note: { zh: '备注', en: 'Note' },
  year: { zh: '年份', en: 'Year' },
};

export interface YearStatus {
  coverage: YearCoverage;
  /** entries per scope in that year */
  counts: { scope: string; off: number; work: number }[];
}

export interface CalendarPageProps {
  c: ViewContext;
  rows: OverrideRow[];
  counties: CountyOption[];
  /** scopes this user may write, in select order */
  scopes: string[];
  years: YearStatus[];
  packageInfo: { source: string; first: number; last: number };
  month: MonthData;
  values?: Record<string, string>;
  errors?: Record<string, Msg>;
  /** an unusual entry waiting for confirmation */
  warning?: Msg;
  notice?: Msg;
}

/** The scope select (never free text): 全国 and/or the counties this user manages. */
export function ScopeSelect(p: { c: ViewContext; name?: string; value?: string; scopes: string[]; counties: CountyOption[]; errors?: Record<string, Msg>; hint?: string }) {
  const T = t(p.c);
  const name = p.name ?? 'scope';
  return (
    <Field c={p.c} name={name} label={T(LABELS.scope)} errors={p.errors} required hint={p.hint}>
      <select id={`f-${name}`} name={name} aria-describedby={p.hint ? `f-${name}-hint` : undefined}>
        {p.scopes.map((s) => <option value={s} selected={(p.value ?? p.scopes[0]) === s}>{T(scopeLabel(s, p.counties))}</option>)}
      </select>
    </Field>
  );
}

function YearTable(p: { c: ViewContext; years: YearStatus[]; counties: CountyOption[]; scopes: string[] }) {
  const { c } = p;
  const T = t(c);
  return (
    <div class="table-scroll">
      <table class="data">
        <caption class="sr-only">{T({ zh: '各年节假日安排载入情况', en: 'Holiday arrangements loaded per year' })}</caption>
        <thead>
          <tr>
            <th scope="col">{T(LABELS.year)}</th>
            <th scope="col">{T({ zh: '全国放假安排', en: 'National arrangement' })}</th>
            <th scope="col">{T({ zh: '已录入调整', en: 'Entries' })}</th>
            <th scope="col">{T({ zh: '县级当地节日', en: 'County holidays' })}</th>
            <th scope="col">{T(M.actions)}</th>
          </tr>
        </thead>
        <tbody>
          {p.years.map(({ coverage: cov, counts }) => {
            const nat = counts.find((x) => x.scope === 'national');
            const local = counts.filter((x) => x.scope !== 'national');
            const canNational = p.scopes.includes('national');
            return (
              <tr>
                <th scope="row">{cov.year}</th>
                <td>
                  {cov.national?.by === 'package' ? <><span class="badge green">{T({ zh: '已载入', en: 'loaded' })}</span> {T({ zh: '内置数据（{s}）', en: 'bundled data ({s})' }, { s: cov.national.source })}</> : null}
                  {cov.national?.by === 'notice' ? <><span class="badge green">{T({ zh: '已载入', en: 'loaded' })}</span> {T({ zh: '管理员确认（{s}）', en: 'confirmed by an administrator ({s})' }, { s: cov.national.source })}</> : null}
                  {cov.national === null ? <><span class="badge amber">{T({ zh: '未载入', en: 'not loaded' })}</span> {T({ zh: '日期为暂定（双休日和元旦、劳动节、国庆节）', en: 'dates are provisional (weekends, New Year, Labour Day, National Day)' })}</> : null}
                </td>
                <td>{nat ? T({ zh: '放假 {a} 天，调休上班 {b} 天', en: '{a} days off, {b} make-up days' }, { a: nat.off, b: nat.work }) : T(M.none)}</td>
                <td>
                  {local.length || cov.counties.length ? (
                    <ul class="sub">
                      {[...new Set([...local.map((l) => l.scope), ...cov.counties.map((x) => `county:${x.county}`)])].map((s) => {
                        const n = local.find((l) => l.scope === s);
                        const done = cov.counties.find((x) => `county:${x.county}` === s);
                        return <li>{T(scopeLabel(s, p.counties))}：{n ? T({ zh: '{a} 条', en: '{a} entries' }, { a: n.off + n.work }) : ''}{done ? <> <span class="badge green">{T({ zh: '已确认', en: 'confirmed' })}</span></> : null}</li>;
                      })}
                    </ul>
                  ) : T(M.none)}
                </td>
                <td>
                  <ul class="sub">
                    {cov.national === null && canNational && nat ? <li><a href={`/admin/calendar/years/new?year=${cov.year}&scope=national`}>{T({ zh: '确认全国安排已完整载入', en: 'Confirm the national arrangement is complete' })}<span class="sr-only"> {cov.year}</span></a></li> : null}
                    {cov.national?.by === 'notice' && canNational ? (
                      <li>
                        <form method="post" action="/admin/calendar/years/reopen" class="inline">
                          <input type="hidden" name="_csrf" value={c.csrf} />
                          <input type="hidden" name="year" value={String(cov.year)} />
                          <input type="hidden" name="scope" value="national" />
                          <button type="submit" class="linklike">{T({ zh: '撤销确认', en: 'Withdraw the confirmation' })}<span class="sr-only"> {cov.year}</span></button>
                        </form>
                      </li>
                    ) : null}
                    {local.filter((l) => p.scopes.includes(l.scope) && !cov.counties.some((x) => `county:${x.county}` === l.scope)).map((l) => (
                      <li><a href={`/admin/calendar/years/new?year=${cov.year}&scope=${encodeURIComponent(l.scope)}`}>{T({ zh: '确认{p}当地节日已完整载入', en: 'Confirm {p} holidays are complete' }, { p: T(scopeLabel(l.scope, p.counties)) })}<span class="sr-only"> {cov.year}</span></a></li>
                    ))}
                    <li><a href={`/admin/calendar?month=${cov.year}-01`}>{T({ zh: '查看月历', en: 'Month view' })}<span class="sr-only"> {cov.year}</span></a></li>
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function CalendarPage(p: CalendarPageProps) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '工作日历', en: 'Working-day calendar' });
  const v = p.values ?? {};
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="calendar">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <p>{T({ zh: '期限按工作日计算：周一至周五，扣除法定节假日，加上调休上班日。内置节假日数据（{s}）完整覆盖 {a}–{b} 年；其他年份须由管理员录入国务院办公厅当年的放假安排通知，并确认“已完整载入”——只录入其中几天不算载入。未载入的年份按双休日和固定日期的法定节日（元旦、劳动节、国庆节）暂定推算；春节、清明节、端午节、中秋节按农历确定，须待通知公布。县（市）区可补录当地少数民族节日（《全国年节及纪念日放假办法》第四条）。', en: 'Deadlines count working days: Monday–Friday, minus public holidays, plus make-up working days. The bundled data ({s}) covers {a}–{b} in full; for other years an administrator enters the State Council’s notice and confirms the year as complete — a few entered days do not load a year. A year not loaded is counted provisionally on weekends and the fixed-date holidays (New Year, Labour Day, National Day); the lunar holidays wait for the notice. Counties may add local ethnic holidays (Art. 4).' }, { s: p.packageInfo.source, a: p.packageInfo.first, b: p.packageInfo.last })}</p>
      {p.scopes.length ? <p class="toolbar"><a class="button" href="/admin/calendar/import">{T({ zh: '导入年度放假安排', en: 'Import an annual notice' })}</a></p> : null}
      <h2>{T({ zh: '各年载入情况', en: 'Years' })}</h2>
      <YearTable c={c} years={p.years} counties={p.counties} scopes={p.scopes} />
      <MonthView c={c} m={p.month} counties={p.counties} />
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
                <td>{T(scopeLabel(r.scope, p.counties))}</td>
                <td>{r.name}</td>
                <td>{r.source}</td>
                <td>
                  {p.scopes.includes(r.scope) ? (
                    <form method="post" action={`/admin/calendar/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={c.csrf} />
                      <button type="submit" class="linklike">{T({ zh: '删除', en: 'Delete' })}<span class="sr-only"> {r.date}</span></button>
                    </form>
                  ) : null}
                </td>
              </tr>
            )) : <tr><td colSpan={6}>{T(M.none)}</td></tr>}
          </tbody>
        </table>
      </div>
      {p.scopes.length ? (
        <>
          <h2 id="add">{T({ zh: '新增调整', en: 'Add an entry' })}</h2>
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          {p.warning ? <div class="warn" role="alert" id="entry-warning"><p><strong>{T({ zh: '请确认：', en: 'Please confirm: ' })}</strong>{T(p.warning)}</p><p>{T({ zh: '如确需录入，请再次点击“确认保存”。', en: 'To save it anyway, press “Save anyway”.' })}</p></div> : null}
          <form method="post" action="/admin/calendar" novalidate>
            <input type="hidden" name="_csrf" value={c.csrf} />
            {p.warning ? <input type="hidden" name="confirm" value="1" /> : null}
            <Field c={c} name="date" label={T(LABELS.date)} type="date" value={v.date} errors={p.errors} required />
            <Field c={c} name="is_workday" label={T(LABELS.is_workday)} errors={p.errors}>
              <select id="f-is_workday" name="is_workday">
                <option value="0" selected={v.is_workday !== '1'}>{T({ zh: '放假', en: 'day off' })}</option>
                <option value="1" selected={v.is_workday === '1'}>{T({ zh: '调休上班', en: 'working day' })}</option>
              </select>
            </Field>
            <ScopeSelect c={c} value={v.scope} scopes={p.scopes} counties={p.counties} errors={p.errors} hint={T({ zh: '“全国”用于国务院办公厅的年度放假安排；县（市）区用于当地少数民族节日等当地放假安排（《全国年节及纪念日放假办法》第四条）。', en: '“National” for the State Council’s annual notice; a county for its local holidays (Art. 4 of the holiday measures).' })} />
            <Field c={c} name="name" label={T(LABELS.name)} value={v.name} errors={p.errors} hint={T({ zh: '如：春节、国庆节、那达慕', en: 'e.g. 春节, 国庆节, 那达慕' })} />
            <Field c={c} name="source" label={T(LABELS.source)} value={v.source} errors={p.errors} required hint={T({ zh: '如：国办发明电〔2026〕7号', en: 'e.g. 国办发明电〔2026〕7号' })} />
            <Field c={c} name="note" label={T(LABELS.note)} value={v.note} errors={p.errors} />
            <p><button type="submit">{p.warning ? T({ zh: '确认保存', en: 'Save anyway' }) : T(M.save)}</button></p>
          </form>
        </>
      ) : null}
    </AdminPage>
  );
}
