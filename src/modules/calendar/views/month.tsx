/** A month of the working-day calendar as the deadline engine sees it, for one scope (national or a county). */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import type { DayInfo } from '../../../core/calendar/index.ts';
import { scopeLabel, type CountyOption } from '../domain/scope.ts';

export interface MonthData {
  /** YYYY-MM */
  ym: string;
  scope: string;
  days: DayInfo[];
  /** whether the month's year is loaded (else the days are provisional) */
  loaded: boolean;
}

const HEAD_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const HEAD_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function shiftMonth(ym: string, by: number): string {
  const [y, m] = ym.split('-').map(Number);
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export function MonthView(p: { c: ViewContext; m: MonthData; counties: CountyOption[] }) {
  const { c, m } = p;
  const T = t(c);
  const [y, mo] = m.ym.split('-').map(Number);
  // Monday-first grid: blanks before the 1st
  const first = new Date(Date.UTC(y, mo - 1, 1)).getUTCDay();
  const lead = (first + 6) % 7;
  const cells: (DayInfo | null)[] = [...Array.from({ length: lead }, () => null), ...m.days];
  while (cells.length % 7) cells.push(null);
  const weeks: (DayInfo | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const scopeQ = m.scope === 'national' ? '' : `&scope=${encodeURIComponent(m.scope)}`;
  const label = (d: DayInfo) => {
    if (d.kind === 'holiday') return `${d.name ?? T({ zh: '放假', en: 'day off' })}${d.provisional ? T({ zh: '（暂定）', en: ' (provisional)' }) : ''}`;
    if (d.kind === 'makeup') return T({ zh: '调休上班', en: 'make-up day' });
    return '';
  };
  const title = T({ zh: '{y}年{m}月 · {s}', en: '{m}/{y} · {s}' }, { y, m: mo, s: T(scopeLabel(m.scope, p.counties)) });
  return (
    <section aria-labelledby="h-month">
      <h2 id="h-month">{T({ zh: '月历', en: 'Month view' })}：{title}</h2>
      <form method="get" action="/admin/calendar" class="toolbar">
        <label for="f-month">{T({ zh: '月份', en: 'Month' })}</label>
        <input id="f-month" name="month" type="month" value={m.ym} />
        <label for="f-mscope">{T({ zh: '范围', en: 'Scope' })}</label>
        <select id="f-mscope" name="scope">
          {['national', ...p.counties.map((x) => `county:${x.code}`)].map((s) => <option value={s} selected={s === m.scope}>{T(scopeLabel(s, p.counties))}</option>)}
        </select>
        <button type="submit">{T({ zh: '查看', en: 'Show' })}</button>
        <a href={`/admin/calendar?month=${shiftMonth(m.ym, -1)}${scopeQ}`}>{T({ zh: '上个月', en: 'Previous month' })}</a>
        <a href={`/admin/calendar?month=${shiftMonth(m.ym, 1)}${scopeQ}`}>{T({ zh: '下个月', en: 'Next month' })}</a>
      </form>
      {m.loaded ? null : <p class="warn">{T({ zh: '{y}年的节假日安排尚未载入：本月按双休日和固定日期的法定节日暂定显示。', en: 'The {y} arrangements are not loaded: this month shows weekends and the fixed-date holidays only (provisional).' }, { y })}</p>}
      <div class="table-scroll">
        <table class="month">
          <caption class="sr-only">{title}</caption>
          <thead><tr>{(c.l === 'en' ? HEAD_EN : HEAD_ZH).map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {weeks.map((w) => (
              <tr>
                {w.map((d) => d ? (
                  <td class={d.kind === 'workday' ? undefined : d.kind}>
                    {Number(d.date.slice(8))}
                    {label(d) ? <small>{label(d)}</small> : null}
                    {!d.workday && d.kind === 'weekend' ? <span class="sr-only">{T({ zh: '休息日', en: 'weekend' })}</span> : null}
                  </td>
                ) : <td />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
