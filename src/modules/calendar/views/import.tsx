/** Import of an annual holiday notice (with a preview before anything is written), and the "year complete" form. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { weekdayName } from '../../../core/calendar/dates.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { scopeLabel, type CountyOption } from '../domain/scope.ts';
import type { NoticeError } from '../domain/notice.ts';
import type { ImportPlan } from '../commands/calendar.ts';
import { LABELS, ScopeSelect } from './calendar.tsx';

const EXAMPLE = `年份：2027
文号：国办发明电〔2026〕7号
元旦：2027-01-01至2027-01-03
春节：2月5日至12日；上班：2月14日、2月20日
劳动节：5月1日至5日；上班：4月25日`;

const EXAMPLE_JSON = `{ "year": 2027, "source": "国办发明电〔2026〕7号",
  "holidays": [
    { "name": "元旦", "start": "2027-01-01", "end": "2027-01-03" },
    { "name": "春节", "start": "2027-02-05", "end": "2027-02-12", "workdays": ["2027-02-14", "2027-02-20"] } ] }`;

const crumbs = (c: ViewContext, title: string) => [{ href: '/admin/calendar', label: t(c)({ zh: '工作日历', en: 'Working-day calendar' }) }, { label: title }];

export function ImportPage(p: { c: ViewContext; scopes: string[]; counties: CountyOption[]; values?: Record<string, string>; errors?: Record<string, Msg>; noticeErrors?: NoticeError[]; plan?: ImportPlan }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '导入年度放假安排', en: 'Import an annual holiday notice' });
  const v = p.values ?? {};
  const labels = { text: T({ zh: '放假安排', en: 'Arrangement' }), scope: T(LABELS.scope) };
  const plan = p.plan;
  const count = (s: string) => plan?.rows.filter((r) => r.status === s).length ?? 0;
  return (
    <AdminPage c={c} title={title} current="calendar" crumbs={crumbs(c, title)}>
      <h1>{title}</h1>
      <p>{T({ zh: '将国务院办公厅关于某年部分节假日安排的通知（或县（市）区的当地节日通知）整理成下面的格式粘贴进来：每个节日一行，写明放假起止日期和调休上班日期。先预览，确认无误后再导入；导入时可同时确认该年安排已完整载入。', en: 'Paste the State Council’s notice (or a county’s notice of its local holidays) in the format below: one line per festival with its days off and make-up working days. Preview first, then import; the import can also confirm the year as complete.' })}</p>
      <details>
        <summary>{T({ zh: '格式示例', en: 'Format examples' })}</summary>
        <p>{T({ zh: '文本格式（日期可写作 2027-02-05 或 2月5日；“至”表示连续放假）：', en: 'Text (dates as 2027-02-05 or 2月5日; 至 joins a range):' })}</p>
        <pre>{EXAMPLE}</pre>
        <p>{T({ zh: '或 JSON 格式：', en: 'Or JSON:' })}</p>
        <pre>{EXAMPLE_JSON}</pre>
      </details>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      {p.noticeErrors?.length ? (
        <div class="error-summary" role="alert" id="notice-errors">
          <ul>{p.noticeErrors.map((e) => <li>{e.line ? T({ zh: '第 {n} 行：', en: 'line {n}: ' }, { n: e.line }) : ''}{T(e.message)}</li>)}</ul>
        </div>
      ) : null}
      {plan ? (
        <section aria-labelledby="h-preview">
          <h2 id="h-preview">{T({ zh: '预览：{y}年（{s}），依据 {n}', en: 'Preview: {y} ({s}), from {n}' }, { y: plan.notice.year, s: T(scopeLabel(plan.scope, p.counties)), n: plan.notice.source })}</h2>
          <p role="status">{T({ zh: '新增 {a} 天，修改 {b} 天，已有且相同 {u} 天。', en: '{a} new, {b} changed, {u} already entered.' }, { a: count('new'), b: count('changed'), u: count('same') })}{plan.mark ? T({ zh: '导入后确认{y}年安排已完整载入。', en: ' The year will be confirmed as complete.' }, { y: plan.notice.year }) : ''}</p>
          {plan.rows.some((r) => r.warning) ? <p class="warn">{T({ zh: '有 {n} 个日期需要核对（见下表），如无误仍可导入。', en: '{n} date(s) need checking (see the table); you may still import.' }, { n: plan.rows.filter((r) => r.warning).length })}</p> : null}
          <div class="table-scroll">
            <table class="data">
              <thead><tr><th scope="col">{T(LABELS.date)}</th><th scope="col">{T({ zh: '星期', en: 'Day' })}</th><th scope="col">{T(LABELS.is_workday)}</th><th scope="col">{T(LABELS.name)}</th><th scope="col">{T({ zh: '与现有记录比较', en: 'Compared with stored entries' })}</th></tr></thead>
              <tbody>
                {plan.rows.map((r) => (
                  <tr>
                    <td>{formatDate(c.l, r.date)}</td>
                    <td>{weekdayName(r.date, c.l === 'en' ? 'en' : 'zh')}</td>
                    <td>{r.isWorkday ? T({ zh: '调休上班', en: 'working day' }) : T({ zh: '放假', en: 'day off' })}</td>
                    <td>{r.name}</td>
                    <td>
                      {r.status === 'new' ? T({ zh: '新增', en: 'new' }) : r.status === 'same' ? T({ zh: '已有，相同', en: 'already entered' }) : T({ zh: '将修改（原为{k}{n}）', en: 'will change (was {k} {n})' }, { k: r.before!.isWorkday ? T({ zh: '调休上班', en: 'working day' }) : T({ zh: '放假', en: 'day off' }), n: r.before!.name ? ` ${r.before!.name}` : '' })}
                      {r.warning ? <p class="warn">{T(r.warning)}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action="/admin/calendar/import" novalidate>
            <input type="hidden" name="_csrf" value={c.csrf} />
            <input type="hidden" name="text" value={v.text ?? ''} />
            <input type="hidden" name="scope" value={plan.scope} />
            <input type="hidden" name="mark_complete" value={v.mark_complete === '1' ? '1' : '0'} />
            <input type="hidden" name="step" value="commit" />
            <p><button type="submit">{T({ zh: '确认导入', en: 'Import' })}</button> <a class="button secondary" href="#f-text">{T({ zh: '返回修改', en: 'Edit' })}</a></p>
          </form>
        </section>
      ) : null}
      <form method="post" action="/admin/calendar/import" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <input type="hidden" name="step" value="preview" />
        <ScopeSelect c={c} value={v.scope} scopes={p.scopes} counties={p.counties} errors={p.errors} />
        <Field c={c} name="text" label={labels.text} errors={p.errors} required>
          <textarea id="f-text" name="text" rows={10} aria-invalid={p.errors?.text ? 'true' : undefined}>{v.text ?? ''}</textarea>
        </Field>
        <div class="field">
          <label class="check"><input type="checkbox" name="mark_complete" value="1" checked={v.mark_complete !== '0'} /> {T({ zh: '这是该年的全部安排：导入后确认该年已完整载入（之后该年的期限不再显示为暂定）', en: 'This is the whole arrangement: confirm the year as complete after the import (its deadlines stop being provisional)' })}</label>
        </div>
        <p><button type="submit">{T({ zh: '预览', en: 'Preview' })}</button> <a class="button secondary" href="/admin/calendar">{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}

export function YearMarkPage(p: { c: ViewContext; scopes: string[]; counties: CountyOption[]; values: Record<string, string>; errors?: Record<string, Msg>; entered?: { off: number; work: number } }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '确认年度安排已完整载入', en: 'Confirm a year as complete' });
  const v = p.values;
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="calendar" crumbs={crumbs(c, title)}>
      <h1>{title}</h1>
      <p>{T({ zh: '确认后，该年份在所选范围内视为已载入：期限不再标注为暂定，首页的提醒也随之消失。请在录入通知中的全部放假和调休上班日期后再确认。', en: 'Once confirmed, the year counts as loaded for the scope: deadlines stop being provisional and the dashboard reminder goes. Confirm only after entering every day off and make-up day of the notice.' })}</p>
      {p.entered ? <p role="status">{T({ zh: '该年已录入：放假 {a} 天，调休上班 {b} 天。', en: 'Entered for that year: {a} days off, {b} make-up days.' }, { a: p.entered.off, b: p.entered.work })}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action="/admin/calendar/years" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="year" label={T(LABELS.year)} type="number" value={v.year} errors={p.errors} required />
        <ScopeSelect c={c} value={v.scope} scopes={p.scopes} counties={p.counties} errors={p.errors} />
        <Field c={c} name="source" label={T(LABELS.source)} value={v.source} errors={p.errors} required hint={T({ zh: '放假安排通知的文号，如：国办发明电〔2026〕7号', en: 'The notice number, e.g. 国办发明电〔2026〕7号' })} />
        <Field c={c} name="note" label={T(LABELS.note)} value={v.note} errors={p.errors} />
        <p><button type="submit">{T({ zh: '确认已完整载入', en: 'Confirm as complete' })}</button> <a class="button secondary" href="/admin/calendar">{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}
