/** The coverage report: per county / township (the chosen unit and those below it), rows published, pending, overdue, with the list of what is overdue. */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { tr } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import { areaName } from '../domain/areas.ts';
import { coverageOf, STATE_NAMES, type RowState } from '../domain/timeliness.ts';
import type { RowWithState } from '../coverage.ts';
import type { CatalogRow } from '../store/queries.ts';
import { StateBadge } from './shared.tsx';

const STATES: RowState[] = ['fulfilled', 'late', 'pending', 'overdue', 'missing'];

export function CoveragePage(p: { c: ViewContext; units: UnitListRow[]; unit: UnitListRow | null; catalogs: CatalogRow[]; rows: Map<number, RowWithState[]> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '标准目录落实情况', en: 'Standard catalogs: coverage' });
  const byUnit = [...new Map(p.catalogs.map((x) => [x.unit_id, x])).values()];
  const all = p.catalogs.flatMap((x) => (p.rows.get(x.id) ?? []).map((r) => ({ cat: x, r })));
  const attention = all.filter((x) => x.r.status.state === 'overdue' || x.r.status.state === 'missing' || x.r.status.state === 'pending');
  return (
    <AdminPage c={c} title={title} current="catalogs" crumbs={[{ href: '/admin/catalogs', label: T({ zh: '基层政务公开标准目录', en: 'Standard disclosure catalogs' }) }, { label: title }]}>
      <h1>{title}</h1>
      <form method="get" action="/admin/catalogs/coverage" class="inline-form">
        <label for="f-unit">{T({ zh: '县（市、区）或乡镇', en: 'County or township' })}</label>{' '}
        <select id="f-unit" name="unit">{p.units.map((u) => <option value={u.slug} selected={p.unit?.id === u.id}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
        <button type="submit">{T({ zh: '查看', en: 'Show' })}</button>
      </form>
      <p>{T({ zh: '各单位各领域现行（最新年度）目录的事项。"已公开"指关联的栏目、专题或信息在起算日期之后有发布；"逾期未公开"指起算日期加公开时限已过而无发布（按工作日历计算）。', en: 'Rows of each unit\u2019s current (latest-year) catalog of each area. Published: a linked column, topic or document has a publication on or after the start date. Overdue: the start date plus the time limit (on the working-day calendar) has passed without one.' })}</p>
      {!p.catalogs.length ? <p>{T({ zh: '所选单位还没有标准目录。', en: 'No catalogs for this unit yet.' })}</p> : (
        <>
          <div class="table-scroll" role="region" aria-labelledby="h-cov" tabIndex={0}>
            <table>
              <caption id="h-cov">{T({ zh: '按单位统计', en: 'By unit' })}</caption>
              <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '事项', en: 'Rows' })}</th>{STATES.map((s) => <th scope="col">{T(STATE_NAMES[s])}</th>)}</tr></thead>
              <tbody>{byUnit.map((u) => {
                const cov = coverageOf(p.catalogs.filter((x) => x.unit_id === u.unit_id).flatMap((x) => (p.rows.get(x.id) ?? []).map((r) => r.status.state)));
                return <tr><th scope="row"><a href={`/admin/catalogs/coverage?unit=${u.unit_slug}`}>{u.unit_name}</a></th><td>{cov.total}</td>{STATES.map((s) => <td>{cov[s]}</td>)}</tr>;
              })}</tbody>
            </table>
          </div>
          <h2 id="h-list">{T({ zh: '需要处理的事项（{n}）', en: 'Rows needing attention ({n})' }, { n: attention.length })}</h2>
          <div class="table-scroll" role="region" aria-labelledby="h-list" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '领域', en: 'Area' })}</th><th scope="col">{T({ zh: '事项', en: 'Row' })}</th><th scope="col">{T({ zh: '状态', en: 'State' })}</th><th scope="col">{T({ zh: '期限', en: 'Due' })}</th></tr></thead>
              <tbody>{attention.map(({ cat, r }) => <tr><td>{cat.unit_name}</td><td>{tr(c.l, areaName(cat.area))} {cat.year}</td><td><a href={`/admin/catalogs/rows/${r.id}`}>{r.item1} · {r.item2}</a></td><td><StateBadge c={c} state={r.status.state} /></td><td>{r.status.due ?? '—'}</td></tr>)}</tbody>
            </table>
          </div>
        </>
      )}
    </AdminPage>
  );
}
