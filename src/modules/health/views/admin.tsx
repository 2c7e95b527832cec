/** /admin/health: each site's score with its 单项否决 reasons and history, findings with filters, work-order actions; the settings page. */
import { ErrorSummary, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import { STATE_NAMES, STATES, STEPS, type OrderState, type Step } from '../domain/orders.ts';
import { CHECK_KINDS, VETO_NAMES, type VetoCode } from '../domain/score.ts';
import type { FindingRow, SiteScoreRow } from '../store/queries.ts';
import { describe, fixHref, KIND_NAMES } from './describe.ts';

const TITLE: Msg = { zh: '网站健康检查', en: 'Site health' };
export interface Filters { unit: string; kind: string; state: string }

export function HealthPage(p: { c: ViewContext; sites: SiteScoreRow[]; rows: FindingRow[]; units: UnitListRow[]; runUnits: UnitListRow[]; filters: Filters; people: Map<number, { id: number; username: string }[]>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  return (
    <AdminPage c={c} title={title} current="health">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ unit: T({ zh: '单位', en: 'Unit' }), note: T({ zh: '说明', en: 'Note' }), assignee: T({ zh: '承办人', en: 'Assignee' }), step: T({ zh: '操作', en: 'Action' }) }} />
      <p class="hint">{T({ zh: '按国办《政府网站与政务新媒体检查指标》：任一单项否决即不合格；扣分指标满分 100 分，低于 60 分不合格。每日自动检查一次。', en: 'As in the State Council inspection: any single-veto item fails a site; otherwise 100 points with deductions, below 60 fails. Checked daily.' })}</p>
      {p.runUnits.length ? (
        <form method="post" action="/admin/health/run" class="inline-form">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <label for="f-run-unit">{T({ zh: '单位', en: 'Unit' })}</label>{' '}
          <select id="f-run-unit" name="unit">{p.runUnits.map((u) => <option value={u.code}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '立即检查（含下级单位）', en: 'Check now (with the units below)' })}</button>
        </form>
      ) : null}
      <h2 id="h-sites">{T({ zh: '各网站得分', en: 'Scores by site' })}</h2>
      <div class="table-scroll" role="region" aria-labelledby="h-sites" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '网站', en: 'Site' })}</th><th scope="col">{T({ zh: '检查日期', en: 'Checked as of' })}</th><th scope="col">{T({ zh: '得分', en: 'Points' })}</th><th scope="col">{T({ zh: '结论', en: 'Verdict' })}</th><th scope="col">{T({ zh: '单项否决', en: 'Single-veto items' })}</th><th scope="col">{T({ zh: '未整改问题', en: 'Open findings' })}</th></tr></thead>
          <tbody>{p.sites.map((s) => (
            <tr>
              <td><a href={`/admin/health/sites/${s.code}`}>{s.name}</a></td><td>{formatDate(c.l, s.as_of)}</td><td>{s.points}</td>
              <td><span class={s.verdict === 'pass' ? 'badge green' : 'badge red'}>{s.verdict === 'pass' ? T({ zh: '合格', en: 'Pass' }) : T({ zh: '不合格', en: 'Fail' })}</span></td>
              <td>{s.vetoes.length ? <ul>{s.vetoes.map((v) => <li>{T(VETO_NAMES[v as VetoCode] ?? { zh: v, en: v })}</li>)}</ul> : T({ zh: '无', en: 'None' })}</td>
              <td><a href={`/admin/health?unit=${s.code}`}>{s.open}</a></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <h2 id="h-findings">{T({ zh: '问题与整改工单', en: 'Findings and work orders' })}</h2>
      <form method="get" action="/admin/health" class="inline-form">
        <label for="f-unit">{T({ zh: '单位', en: 'Unit' })}</label>{' '}
        <select id="f-unit" name="unit"><option value="">{T({ zh: '全部', en: 'All' })}</option>{p.units.map((u) => <option value={u.code} selected={p.filters.unit === u.code}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
        <label for="f-kind">{T({ zh: '问题类型', en: 'Kind' })}</label>{' '}
        <select id="f-kind" name="kind"><option value="">{T({ zh: '全部', en: 'All' })}</option>{CHECK_KINDS.map((k) => <option value={k} selected={p.filters.kind === k}>{T(KIND_NAMES[k])}</option>)}</select>{' '}
        <label for="f-state">{T({ zh: '工单状态', en: 'State' })}</label>{' '}
        <select id="f-state" name="state"><option value="">{T({ zh: '全部', en: 'All' })}</option>{STATES.map((s) => <option value={s} selected={p.filters.state === s}>{T(STATE_NAMES[s])}</option>)}</select>{' '}
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      {p.rows.length ? (
        <div class="table-scroll" role="region" aria-labelledby="h-findings" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '问题', en: 'Finding' })}</th><th scope="col">{T({ zh: '工单', en: 'Work order' })}</th><th scope="col">{T({ zh: '操作', en: 'Action' })}</th></tr></thead>
            <tbody>{p.rows.map((f) => <FindingLine c={c} f={f} people={p.people.get(f.unit_id) ?? []} />)}</tbody>
          </table>
        </div>
      ) : <p>{T({ zh: '没有符合条件的问题。', en: 'No findings match.' })}</p>}
    </AdminPage>
  );
}

function FindingLine(p: { c: ViewContext; f: FindingRow; people: { id: number; username: string }[] }) {
  const { c, f } = p;
  const T = t(c);
  const href = fixHref(f.subject_type, f.subject_id);
  const steps = (Object.keys(STEPS) as Step[]).filter((s) => STEPS[s].from.includes(f.state as OrderState) && c.can(STEPS[s].action, f.unit_path));
  const id = `o${f.order_id}`;
  return (
    <tr>
      <td>{f.unit_name}</td>
      <td>
        {f.severity === 'veto' ? <strong class="badge red">{T({ zh: '否决项', en: 'Veto' })}</strong> : null} <strong>{T(KIND_NAMES[f.kind] ?? { zh: f.kind, en: f.kind })}</strong>
        <br />{T(describe(f.kind, f.detail))}
        {href ? <> <a href={href}>{T({ zh: '去整改', en: 'Fix it' })}</a></> : null}
        {f.resolved_at ? <><br /><span class="badge green">{T({ zh: '复查已消除', en: 'Gone at the latest check' })}</span></> : null}
      </td>
      <td>{T(STATE_NAMES[f.state as OrderState])}{f.assignee ? ` · ${f.assignee}` : ''}{f.note ? <><br /><small>{f.note}</small></> : null}</td>
      <td>{steps.length ? (
        <form method="post" action={`/admin/health/orders/${f.order_id}`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <label for={`${id}-step`}>{T({ zh: '操作', en: 'Action' })}</label>{' '}
          <select id={`${id}-step`} name="step">{steps.map((s) => <option value={s}>{T(STEPS[s].label)}</option>)}</select>
          {steps.includes('assign') ? <>{' '}<label for={`${id}-who`}>{T({ zh: '承办人', en: 'Assignee' })}</label>{' '}<select id={`${id}-who`} name="assignee"><option value="">—</option>{p.people.map((u) => <option value={String(u.id)}>{u.username}</option>)}</select></> : null}
          {' '}<label for={`${id}-note`}>{T({ zh: '说明', en: 'Note' })}</label>{' '}<input id={`${id}-note`} name="note" size={16} maxLength={500} />
          {' '}<button type="submit">{T({ zh: '提交', en: 'Submit' })}</button>
        </form>
      ) : null}</td>
    </tr>
  );
}

export function SitePage(p: { c: ViewContext; site: SiteScoreRow; history: { run_id: number; as_of: string; points: string; verdict: string; vetoes: string[] }[] }) {
  const { c, site } = p;
  const T = t(c);
  const title = T({ zh: '{u} 网站检查记录', en: '{u}: check history' }, { u: site.name });
  return (
    <AdminPage c={c} title={title} current="health" crumbs={[{ href: '/admin/health', label: T(TITLE) }, { label: site.name }]}>
      <h1>{title}</h1>
      <p><a href={`/admin/health?unit=${site.code}`}>{T({ zh: '查看本单位的问题', en: 'Findings of this unit' })}</a></p>
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '检查日期', en: 'As of' })}</th><th scope="col">{T({ zh: '得分', en: 'Points' })}</th><th scope="col">{T({ zh: '结论', en: 'Verdict' })}</th><th scope="col">{T({ zh: '单项否决', en: 'Single-veto items' })}</th></tr></thead>
          <tbody>{p.history.map((h) => <tr><td>{formatDate(c.l, h.as_of)}</td><td>{Number(h.points)}</td><td>{h.verdict === 'pass' ? T({ zh: '合格', en: 'Pass' }) : T({ zh: '不合格', en: 'Fail' })}</td><td>{h.vetoes.map((v) => T(VETO_NAMES[v as VetoCode] ?? { zh: v, en: v })).join('；') || T({ zh: '无', en: 'None' })}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function SettingsPage(p: { c: ViewContext; values: { typos: string; sensitive: string; external: boolean }; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '网站检查设置', en: 'Site check settings' });
  const err = (k: string) => (p.errors?.[k] ? <p class="error" id={`f-${k}-error`}>{tr(c.l, p.errors[k])}</p> : null);
  return (
    <AdminPage c={c} title={title} current="health" crumbs={[{ href: '/admin/health', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ typos: T({ zh: '错别字词表', en: 'Typo list' }), sensitive: T({ zh: '敏感词表', en: 'Sensitive words' }) }} />
      <form method="post" action="/admin/health/settings">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <div class="field">
          <label for="f-typos">{T({ zh: '错别字词表', en: 'Typo list' })}</label>
          <p class="hint" id="f-typos-hint">{T({ zh: '每行一条：错误写法=正确写法；行首加 ! 表示严重错误（单项否决，如领导人姓名）。', en: 'One a line: wrong=right; a leading ! marks a serious error (single veto, e.g. a leader\u2019s name).' })}</p>
          {err('typos')}
          <textarea id="f-typos" name="typos" rows={10} aria-describedby="f-typos-hint" aria-invalid={p.errors?.typos ? 'true' : undefined}>{p.values.typos}</textarea>
        </div>
        <div class="field">
          <label for="f-sensitive">{T({ zh: '敏感词表', en: 'Sensitive words' })}</label>
          <p class="hint" id="f-sensitive-hint">{T({ zh: '每行一个；命中即单项否决。', en: 'One a line; any hit is a single-veto item.' })}</p>
          {err('sensitive')}
          <textarea id="f-sensitive" name="sensitive" rows={6} aria-describedby="f-sensitive-hint" aria-invalid={p.errors?.sensitive ? 'true' : undefined}>{p.values.sensitive}</textarea>
        </div>
        <label class="check"><input type="checkbox" name="external" value="1" checked={p.values.external} /> {T({ zh: '同时检查外部链接（每个网站每 2 秒最多 1 次请求，每次最多 500 个）', en: 'Also check external links (at most one request every 2 s per host, 500 a run)' })}</label>
        <p><button type="submit">{T({ zh: '保存', en: 'Save' })}</button></p>
      </form>
    </AdminPage>
  );
}
