/** Public pages of the service guides: a unit's (or the cluster's) list, a guide on one A4 page, a 一件事 bundle, the column panel. */
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { ELEMENT_NAMES, ELEMENTS, KIND_NAMES, itemsOf, type Kind } from '../domain/rules.ts';
import type { BundleRow, GuideRow } from '../store/queries.ts';

const kindName = (c: ViewContext, k: string) => tr(c.l, KIND_NAMES[k as Kind] ?? KIND_NAMES.other);
export const guideUrl = (g: Pick<GuideRow, 'id' | 'unit_slug'>) => `/u/${g.unit_slug}/guides/${g.id}`;

type Bundles = (BundleRow & { unit_name: string; unit_slug: string })[];

function GuideTable(p: { c: ViewContext; guides: GuideRow[]; unit: Unit | null; caption: string }) {
  const T = t(p.c);
  return (
    <div class="table-scroll" role="region" aria-label={p.caption} tabIndex={0}>
      <table>
        <caption class="sr-only">{p.caption}</caption>
        <thead><tr><th scope="col">{T(ELEMENT_NAMES.name)}</th><th scope="col">{T({ zh: '事项类型', en: 'Kind' })}</th><th scope="col">{T(ELEMENT_NAMES.office)}</th></tr></thead>
        <tbody>
          {p.guides.map((g) => (
            <tr>
              <th scope="row"><a href={guideUrl(g)}>{g.name}</a>{!p.unit || g.unit_id !== p.unit.id ? <span class="doclist-meta"> {g.unit_name}</span> : null}</th>
              <td>{kindName(p.c, g.kind)}</td><td>{g.office}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The guides of a unit and the units below it (or of the whole cluster), with a name search. */
export function GuideList(p: { c: ViewContext; unit: Unit | null; guides: GuideRow[]; bundles: Bundles; q: string }) {
  const { c, unit } = p;
  const T = t(c);
  const title = unit ? T({ zh: '{u}办事指南', en: 'Service guides of {u}' }, { u: unit.name }) : T({ zh: '办事指南', en: 'Service guides' });
  const action = unit ? `/u/${unit.slug}/guides` : '/guides';
  const crumbs = unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }, { label: T({ zh: '办事指南', en: 'Service guides' }) }] : [{ label: T({ zh: '办事指南', en: 'Service guides' }) }];
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit ?? undefined} />} breadcrumbs={[{ href: '/', label: T(M.home) }, ...crumbs]} meta={{ columnName: '办事指南', columnType: '办事服务', description: title }}>
      <h1>{title}</h1>
      <form method="get" action={action} role="search" class="inline-form">
        <label for="f-q">{T({ zh: '查找事项', en: 'Find a service' })}</label>{' '}
        <input id="f-q" name="q" type="search" value={p.q} maxLength={60} />{' '}
        <button type="submit">{T({ zh: '查找', en: 'Find' })}</button>
      </form>
      {p.bundles.length ? (
        <section aria-labelledby="h-bundles">
          <h2 id="h-bundles">{T({ zh: '"一件事"综合办事', en: 'Life events (one-stop bundles)' })}</h2>
          <ul>{p.bundles.map((b) => <li><a href={`/u/${b.unit_slug}/guides/bundles/${b.id}`}>{b.name}</a> <span class="doclist-meta">{T({ zh: '{n} 个事项', en: '{n} services' }, { n: b.guide_count })}</span></li>)}</ul>
        </section>
      ) : null}
      <h2>{p.q ? T({ zh: '"{q}"的查找结果（{n} 项）', en: 'Results for "{q}" ({n})' }, { q: p.q, n: p.guides.length }) : T({ zh: '全部事项（{n} 项）', en: 'All services ({n})' }, { n: p.guides.length })}</h2>
      {p.guides.length ? <GuideTable c={c} guides={p.guides} unit={unit} caption={title} /> : <p>{p.q ? T({ zh: '没有找到匹配的事项，请换个说法再试。', en: 'Nothing matches; try other words.' }) : T({ zh: '暂无发布的办事指南。', en: 'No guides published yet.' })}</p>}
    </Shell>
  );
}

function Element(p: { c: ViewContext; k: (typeof ELEMENTS)[number]; g: GuideRow }) {
  const v = p.g[p.k];
  const list = p.k === 'materials' || p.k === 'process' ? itemsOf(v) : null;
  return (
    <tr>
      <th scope="row">{tr(p.c.l, ELEMENT_NAMES[p.k])}</th>
      <td>{list && list.length > 1 ? <ol class="guide-list">{list.map((x) => <li>{x}</li>)}</ol> : <span class="pre">{v}</span>}</td>
    </tr>
  );
}

/** One guide: the ten elements in a table sized to print on one A4 page. */
export function GuidePage(p: { c: ViewContext; unit: Unit; guide: GuideRow; bundles: { id: number; name: string }[] }) {
  const { c, unit, guide: g } = p;
  const T = t(c);
  return (
    <Shell c={c} title={g.name} area="portal" nav={<PortalNav c={c} unit={unit} />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/guides`, label: T({ zh: '办事指南', en: 'Service guides' }) }, { label: g.name }]}
      meta={{ columnName: '办事指南', columnType: '办事服务', description: T({ zh: '{n}办事指南', en: 'Service guide: {n}' }, { n: g.name }) }}>
      <article class="guide-sheet">
        <h1>{g.name}<span class="guide-subtitle">{T({ zh: '办事指南', en: 'Service guide' })}</span></h1>
        <p class="doclist-meta">
          <span>{kindName(c, g.kind)}</span>
          {g.code ? <span>{T({ zh: '事项编码：{c}', en: 'Code: {c}' }, { c: g.code })}</span> : null}
          {g.published_at ? <span>{T({ zh: '发布日期：{d}', en: 'Published: {d}' }, { d: formatDate(c.l, g.published_at) })}</span> : null}
        </p>
        <table class="guide-table">
          <caption class="sr-only">{T({ zh: '办事指南要素', en: 'Elements of the guide' })}</caption>
          <tbody>
            {ELEMENTS.filter((k) => k !== 'name').map((k) => <Element c={c} k={k} g={g} />)}
            {g.time_limit ? <tr><th scope="row">{T({ zh: '办理时限', en: 'Time limit' })}</th><td>{g.time_limit}</td></tr> : null}
            {g.online_url ? <tr><th scope="row">{T({ zh: '网上办理', en: 'Online' })}</th><td><a href={g.online_url} rel="noopener">{g.online_url}</a></td></tr> : null}
          </tbody>
        </table>
        {p.bundles.length ? <p class="noprint">{T({ zh: '本事项属于以下"一件事"：', en: 'Part of these life events: ' })}{p.bundles.map((b, i) => <>{i ? '、' : ''}<a href={`/u/${unit.slug}/guides/bundles/${b.id}`}>{b.name}</a></>)}</p> : null}
        <p class="guide-foot">{unit.name} · {T({ zh: '打印本页即为一页 A4 纸的办事指南。', en: 'Printing this page gives the guide on one A4 sheet.' })}</p>
      </article>
    </Shell>
  );
}

/** A 一件事 bundle: its guides in the order a citizen goes through them. */
export function BundlePage(p: { c: ViewContext; unit: Unit; name: string; description: string; guides: GuideRow[] }) {
  const { c, unit } = p;
  const T = t(c);
  return (
    <Shell c={c} title={p.name} area="portal" nav={<PortalNav c={c} unit={unit} />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/guides`, label: T({ zh: '办事指南', en: 'Service guides' }) }, { label: p.name }]}
      meta={{ columnName: '办事指南', columnType: '办事服务', description: p.name }}>
      <h1>{p.name}</h1>
      <p class="doclist-meta">{T({ zh: '"一件事"综合办事', en: 'Life event (one-stop bundle)' })}</p>
      {p.description ? <p class="pre">{p.description}</p> : null}
      <h2>{T({ zh: '办理顺序', en: 'In this order' })}</h2>
      {p.guides.length ? (
        <ol>{p.guides.map((g) => <li><a href={guideUrl(g)}>{g.name}</a> <span class="doclist-meta">{g.office}{g.time_limit ? ` · ${g.time_limit}` : ''}</span></li>)}</ol>
      ) : <p>{T({ zh: '所含事项暂未发布。', en: 'Its guides are not published yet.' })}</p>}
    </Shell>
  );
}

/** The panel of the 行政许可和服务事项 column (条例 第二十条第五项): the unit's guides. */
export function GuidesPanel(p: { c: ViewContext; unit: Unit; guides: GuideRow[] }) {
  const T = t(p.c);
  if (!p.guides.length) return null;
  return (
    <section class="guides-panel" aria-labelledby="h-guides-panel">
      <h2 id="h-guides-panel">{T({ zh: '办事指南', en: 'Service guides' })}</h2>
      <ul>{p.guides.slice(0, 10).map((g) => <li><a href={guideUrl(g)}>{g.name}</a></li>)}</ul>
      <p><a href={`/u/${p.unit.slug}/guides`}>{T({ zh: '全部办事指南（{n} 项）', en: 'All service guides ({n})' }, { n: p.guides.length })}</a></p>
    </section>
  );
}
