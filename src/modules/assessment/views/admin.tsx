/** Admin pages of the assessment: the ranking with charts and exports, one unit's figures, the year's weights. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatNumber, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { INDICATORS, KEYS, rateOf, type IndicatorKey, type WeightSet } from '../domain/indicators.ts';
import type { Assessment, Row } from '../store/queries.ts';

const TITLE: Msg = { zh: '政务公开考核', en: 'Disclosure assessment' };
const pct = (c: ViewContext, r: number | null) => (r === null ? '—' : `${formatNumber(c.l, Math.round(r * 1000) / 10)}%`);
const score = (c: ViewContext, n: number | null) => (n === null ? '—' : formatNumber(c.l, n));

function RankTable(p: { c: ViewContext; rows: Row[]; year: number; label: string; link: boolean }) {
  const { c } = p;
  const T = t(c);
  return (
    <div class="table-scroll" role="region" aria-label={p.label} tabIndex={0}>
      <table>
        <caption>{p.label}</caption>
        <thead><tr><th scope="col">{T({ zh: '名次', en: 'Rank' })}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '得分', en: 'Score' })}</th>{INDICATORS.map((i) => <th scope="col">{T(i.name)}</th>)}</tr></thead>
        <tbody>{p.rows.map((r) => (
          <tr>
            <td>{r.rank ?? '—'}</td>
            <th scope="row">{p.link ? <a href={`/admin/assessment/units/${r.id}?year=${p.year}`}>{r.name}</a> : r.name}</th>
            <td>{score(c, r.total)}</td>
            {KEYS.map((k) => <td>{pct(c, r.score.parts[k].rate)}</td>)}
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function Chart(p: { svg: string; caption: string }) {
  return <figure class="chart-figure"><div dangerouslySetInnerHTML={{ __html: p.svg }} /><figcaption>{p.caption}</figcaption></figure>;
}

export function AssessmentPage(p: { c: ViewContext; a: Assessment; charts: { trend: string; units: string; counties: string | null }; mayEditWeights: boolean }) {
  const { c, a } = p;
  const T = t(c);
  const title = T({ zh: '{y} 年度政务公开考核', en: 'Disclosure assessment {y}' }, { y: a.year });
  const MONTH = T({ zh: '月', en: 'Month' });
  return (
    <AdminPage c={c} title={title} current="assessment">
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '2020 年要点第 24 点：将政务公开工作纳入政府绩效考核体系。各项指标均由平台数据计算，考核基准日 {d}；得分按适用指标的权重折算为百分制。', en: 'Work plan point 24. Every indicator is computed from the platform\u2019s data; reference day {d}; the score is rescaled over the indicators that apply.' }, { d: a.ref })}</p>
      <form method="get" action="/admin/assessment" class="inline-form assessment-tools">
        <label for="q-year">{T({ zh: '年度', en: 'Year' })}</label>{' '}
        <input id="q-year" name="year" inputMode="numeric" size={6} value={String(a.year)} />{' '}
        <button type="submit">{T({ zh: '查看', en: 'Show' })}</button>{' '}
        <a href={`/admin/assessment/export.csv?year=${a.year}`}>{T({ zh: '导出 CSV', en: 'Export CSV' })}</a>{' · '}
        <a href={`/admin/assessment/export.xlsx?year=${a.year}`}>{T({ zh: '导出 Excel', en: 'Export Excel' })}</a>{' · '}
        <a href={`/api/v1/assessment?year=${a.year}`}>JSON</a>
        {p.mayEditWeights ? <>{' · '}<a href={`/admin/assessment/weights?year=${a.year}`}>{T({ zh: '指标权重', en: 'Weights' })}</a></> : null}
      </form>
      <p>{T({ zh: '全部单位合计得分：{s}', en: 'All units together: {s}' }, { s: score(c, a.total.total) })}{a.weights.custom ? '' : T({ zh: '（使用默认权重）', en: ' (default weights)' })}</p>
      {a.counties.length ? <RankTable c={c} rows={a.counties} year={a.year} label={T({ zh: '县（市）区排名（含所属单位）', en: 'Counties and districts (with their units)' })} link /> : null}
      <RankTable c={c} rows={a.units} year={a.year} label={T({ zh: '单位排名', en: 'Units ranked' })} link />
      <h2>{T({ zh: '图表', en: 'Charts' })}</h2>
      <Chart svg={p.charts.trend} caption={T({ zh: '各月及时率趋势（数据见下表）', en: 'Monthly rates (figures in the table below)' })} />
      <div class="table-scroll" role="region" aria-label={T({ zh: '各月数据', en: 'Figures per month' })} tabIndex={0}>
        <table>
          <caption>{T({ zh: '各月数据', en: 'Figures per month' })}</caption>
          <thead><tr><th scope="col">{MONTH}</th>{(['docs_on_time', 'requests_on_time', 'messages_on_time'] as IndicatorKey[]).map((k) => <th scope="col">{T(INDICATORS.find((i) => i.key === k)!.name)}</th>)}<th scope="col">{T({ zh: '参训人·学时', en: 'Person-hours' })}</th></tr></thead>
          <tbody>{a.months.map((m, i) => <tr><th scope="row">{i + 1}</th>{(['docs_on_time', 'requests_on_time', 'messages_on_time'] as IndicatorKey[]).map((k) => <td>{pct(c, rateOf(k, m[k]))}</td>)}<td>{formatNumber(c.l, m.training.num)}</td></tr>)}</tbody>
        </table>
      </div>
      <Chart svg={p.charts.units} caption={T({ zh: '单位得分比较（数据见上方排名表）', en: 'Units compared (figures in the ranking above)' })} />
      {p.charts.counties ? <Chart svg={p.charts.counties} caption={T({ zh: '县（市）区得分比较', en: 'Counties compared' })} /> : null}
      <h2>{T({ zh: '指标说明', en: 'Indicators' })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '指标说明', en: 'Indicators' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '指标', en: 'Indicator' })}</th><th scope="col">{T({ zh: '权重', en: 'Weight' })}</th><th scope="col">{T({ zh: '计算方法', en: 'Measure' })}</th><th scope="col">{T({ zh: '依据', en: 'Basis' })}</th></tr></thead>
          <tbody>{INDICATORS.map((i) => <tr><th scope="row">{T(i.name)}</th><td>{a.weights.weights[i.key]}</td><td>{T(i.measure)}{i.key === 'training' ? T({ zh: '（目标 {n} 人·学时）', en: ' (target {n} person-hours)' }, { n: a.weights.trainingTarget }) : ''}</td><td>{i.basis}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function UnitAssessmentPage(p: { c: ViewContext; a: Assessment; row: Row }) {
  const { c, a, row } = p;
  const T = t(c);
  const title = T({ zh: '{u} {y} 年度考核', en: '{u}: assessment {y}' }, { u: row.name, y: a.year });
  return (
    <AdminPage c={c} title={title} current="assessment" crumbs={[{ href: `/admin/assessment?year=${a.year}`, label: T(TITLE) }, { label: row.name }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '得分 {s}，名次 {r}（考核基准日 {d}）', en: 'Score {s}, rank {r} (reference day {d})' }, { s: score(c, row.total), r: row.rank ?? '—', d: a.ref })}</p>
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '指标', en: 'Indicator' })}</th><th scope="col">{T({ zh: '达标数', en: 'Met' })}</th><th scope="col">{T({ zh: '统计数', en: 'Counted' })}</th><th scope="col">{T({ zh: '比率', en: 'Rate' })}</th><th scope="col">{T({ zh: '得分 / 权重', en: 'Points / weight' })}</th></tr></thead>
          <tbody>{INDICATORS.map((i) => {
            const f = row.figures[i.key];
            const part = row.score.parts[i.key];
            return <tr><th scope="row">{T(i.name)}</th><td>{formatNumber(c.l, f.num)}</td><td>{formatNumber(c.l, f.den)}</td><td>{pct(c, part.rate)}</td><td>{part.points === null ? T({ zh: '不适用', en: 'n/a' }) : `${formatNumber(c.l, part.points)} / ${part.max}`}</td></tr>;
          })}</tbody>
        </table>
      </div>
      <p class="hint">{T({ zh: '培训学时一行：达标数为参训人·学时，统计数为单位数。统计数为 0 的指标不适用，不计入得分。', en: 'Training: “met” is person-hours, “counted” the number of units. An indicator with nothing counted does not apply and is left out of the score.' })}</p>
    </AdminPage>
  );
}

export function WeightsPage(p: { c: ViewContext; year: number; w: WeightSet; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '{y} 年度考核指标权重', en: 'Assessment weights {y}' }, { y: p.year });
  const v = (k: string, d: number) => p.values?.[k] ?? String(d);
  const labels = { ...Object.fromEntries(INDICATORS.map((i) => [i.key, T(i.name)])), trainingTarget: T({ zh: '培训目标学时', en: 'Training target' }) };
  return (
    <AdminPage c={c} title={title} current="assessment" crumbs={[{ href: `/admin/assessment?year=${p.year}`, label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={`/admin/assessment/weights?year=${p.year}`}>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <fieldset>
          <legend>{T({ zh: '各项权重（整数，合计 100）', en: 'Weights (whole numbers adding up to 100)' })}</legend>
          {INDICATORS.map((i) => <Field c={c} name={i.key} label={T(i.name)} value={v(i.key, p.w.weights[i.key])} errors={p.errors} required hint={i.basis} />)}
        </fieldset>
        <Field c={c} name="trainingTarget" label={labels.trainingTarget} value={v('trainingTarget', p.w.trainingTarget)} errors={p.errors} required hint={T({ zh: '每个单位全年参训人·学时达到此数即得满分', en: 'Person-hours a unit needs in the year for full points' })} />
        <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
      </form>
    </AdminPage>
  );
}
