/** Public pages of the standard catalogs: a unit's catalogs by area (each row with where to find it), and the column panel. */
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { areaName } from '../domain/areas.ts';
import { FIELD_NAMES } from '../domain/rules.ts';
import type { RowWithState } from '../coverage.ts';
import type { CatalogRow } from '../store/queries.ts';
import { catalogsUrl, optionList } from './shared.tsx';

const TITLE = { zh: '基层政务公开标准目录', en: 'Standard disclosure catalogs' };
const META = { columnName: '基层政务公开标准目录', columnType: '政府信息公开' };

export function CatalogsPage(p: { c: ViewContext; unit: Unit; years: number[]; year: number | null; area: string | null; areas: CatalogRow[]; catalogs: CatalogRow[]; rows: Map<number, RowWithState[]> }) {
  const { c, unit } = p;
  const T = t(c);
  const title = T({ zh: '{u}基层政务公开标准目录', en: '{u}: standard disclosure catalogs' }, { u: unit.name });
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit} current="xxgk" />} meta={{ ...META, description: title }}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/xxgk/`, label: T(M.disclosure) }, { label: T(TITLE) }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '按照国务院办公厅《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），本目录列明各试点领域应当公开的事项、内容、依据、时限、主体、渠道、对象和方式，并指明在哪里可以查到。', en: 'Under the State Council guidance on standardising disclosure at the basic level (国办发〔2019〕54号), each catalog lists what is published in an area, on what basis, by whom, how soon and where — and where to find it.' })}</p>
      {!p.areas.length ? <p>{T({ zh: '本单位尚未发布标准目录。', en: 'This unit has not published its catalogs yet.' })}</p> : (
        <>
          {p.years.length > 1 ? (
            <nav aria-label={T({ zh: '年度', en: 'Years' })}>
              <ul class="inline-list">
                <li>{p.year === null ? <strong aria-current="page">{T({ zh: '现行', en: 'Current' })}</strong> : <a href={catalogsUrl(unit.slug)}>{T({ zh: '现行', en: 'Current' })}</a>}</li>
                {p.years.map((y) => <li>{p.year === y ? <strong aria-current="page">{y}</strong> : <a href={catalogsUrl(unit.slug, { year: y })}>{y}</a>}</li>)}
              </ul>
            </nav>
          ) : null}
          <nav aria-labelledby="h-areas">
            <h2 id="h-areas">{T({ zh: '领域', en: 'Areas' })}</h2>
            <ul class="columns">
              {p.areas.map((a) => <li><a href={catalogsUrl(unit.slug, { area: a.area, year: p.year ?? undefined })} aria-current={p.area === a.area ? 'page' : undefined}>{tr(c.l, areaName(a.area))}{T({ zh: '（{n} 项）', en: ' ({n})' }, { n: a.row_count })}</a></li>)}
            </ul>
            {p.area ? <p><a href={catalogsUrl(unit.slug, { year: p.year ?? undefined })}>{T({ zh: '显示全部领域', en: 'Show every area' })}</a></p> : null}
          </nav>
          {p.catalogs.map((cat) => <AreaTable c={c} cat={cat} rows={p.rows.get(cat.id) ?? []} />)}
        </>
      )}
    </Shell>
  );
}

function AreaTable(p: { c: ViewContext; cat: CatalogRow; rows: RowWithState[] }) {
  const { c, cat } = p;
  const T = t(c);
  const id = `a-${cat.area}-${cat.year}`;
  const name = tr(c.l, areaName(cat.area));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{T({ zh: '{a}领域（{y}年度）', en: '{a} ({y})' }, { a: name, y: cat.year })}</h2>
      {cat.published_at ? <p class="doclist-meta"><span>{T({ zh: '发布日期：{d}', en: 'Published: {d}' }, { d: formatDate(c.l, cat.published_at) })}</span></p> : null}
      <div class="table-scroll" role="region" aria-label={name} tabIndex={0}>
        <table>
          <thead><tr>
            <th scope="col">{T(FIELD_NAMES.seq)}</th><th scope="col">{T({ zh: '公开事项', en: 'Item' })}</th><th scope="col">{T(FIELD_NAMES.content)}</th>
            <th scope="col">{T(FIELD_NAMES.basis)}</th><th scope="col">{T(FIELD_NAMES.deadline)}</th><th scope="col">{T(FIELD_NAMES.subject)}</th>
            <th scope="col">{T({ zh: '渠道、对象、方式、层级', en: 'Channels, audience, manner, level' })}</th><th scope="col">{T({ zh: '在哪里查看', en: 'Where to find it' })}</th>
          </tr></thead>
          <tbody>{p.rows.map((r) => (
            <tr>
              <td>{r.seq}</td>
              <th scope="row">{r.item1}<br /><span class="hint">{r.item2}</span></th>
              <td class="pre">{r.content}</td>
              <td class="pre">{r.basis}</td>
              <td>{r.deadline}</td>
              <td>{r.subject}</td>
              <td>
                {optionList(c, 'channels', r.channels)}<br />
                {T({ zh: '对象：', en: 'Audience: ' })}{optionList(c, 'audiences', r.audiences)}；{T({ zh: '方式：', en: 'Manner: ' })}{optionList(c, 'modes', r.modes)}；{T({ zh: '层级：', en: 'Level: ' })}{optionList(c, 'levels', r.levels)}
              </td>
              <td>{r.links.length ? <ul>{r.links.map((l) => <li><a href={l.href}>{l.label}</a></li>)}</ul> : r.modes.includes('request') && !r.modes.includes('proactive') ? T({ zh: '依申请公开', en: 'On request' }) : '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

/** The panel of the 基层政务公开标准目录 column: a link to the catalog page, with the areas published. */
export function CatalogPanel(p: { c: ViewContext; unit: Unit; catalogs: CatalogRow[] }) {
  const T = t(p.c);
  return (
    <section class="guides-panel" aria-labelledby="h-catalog-panel">
      <h2 id="h-catalog-panel">{T(TITLE)}</h2>
      <p><a href={catalogsUrl(p.unit.slug)}>{p.catalogs.length ? T({ zh: '查看本单位的标准目录（{n} 个领域）', en: 'The unit\u2019s standard catalogs ({n} areas)' }, { n: new Set(p.catalogs.map((c) => c.area)).size }) : T({ zh: '查看本单位的标准目录', en: 'The unit\u2019s standard catalogs' })}</a></p>
    </section>
  );
}
