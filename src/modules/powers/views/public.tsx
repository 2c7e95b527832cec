/** Public pages of the 权责清单: a unit's list for a year (grouped by the ten types, with counts and a filter), one item, the yearly diff, the column panel. */
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { diffText } from '../../documents/domain/diff.ts';
import { FIELD_NAMES, TYPE_NAMES, TYPES, type ListDiff, type PowerType } from '../domain/rules.ts';
import type { ItemRow, ListRow } from '../store/queries.ts';

const TITLE = { zh: '权责清单', en: 'Powers and responsibilities' };
const META = { columnName: '权责清单', columnType: '机构职能' };
export const powersUrl = (slug: string, year?: number) => `/u/${slug}/powers${year ? `?year=${year}` : ''}`;
export const itemUrl = (slug: string, id: number) => `/u/${slug}/powers/items/${id}`;
const typeName = (c: ViewContext, k: string) => tr(c.l, TYPE_NAMES[k as PowerType] ?? TYPE_NAMES.other);

function crumbs(c: ViewContext, unit: Unit, last?: string) {
  const T = t(c);
  return [{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, ...(last ? [{ href: powersUrl(unit.slug), label: T(TITLE) }, { label: last }] : [{ label: T(TITLE) }])];
}

/** A unit's list of one year: years, the filter, counts by type, the items by type. */
export function PowersPage(p: { c: ViewContext; unit: Unit; lists: ListRow[]; list: ListRow | null; items: ItemRow[]; counts: Record<string, number>; q: string; type: string; below: ListRow[] }) {
  const { c, unit, list } = p;
  const T = t(c);
  const title = list ? T({ zh: '{u}{y}年度权责清单', en: '{u}: powers and responsibilities, {y}' }, { u: unit.name, y: list.year }) : T({ zh: '{u}权责清单', en: '{u}: powers and responsibilities' }, { u: unit.name });
  const filtered = Boolean(p.q || p.type);
  const total = Object.values(p.counts).reduce((a, b) => a + b, 0);
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit} />} breadcrumbs={crumbs(c, unit)} meta={{ ...META, description: title }}>
      <h1>{title}</h1>
      {!list ? <p>{p.below.length
        ? T({ zh: '本级未单独发布权责清单，权责事项由下列所属部门和下级单位分别公布。', en: 'This unit has no list of its own; the units below it publish theirs, listed here.' })
        : T({ zh: '本单位尚未发布权责清单。', en: 'This unit has not published its list yet.' })}</p> : (
        <>
          <p class="doclist-meta">
            {list.published_at ? <span>{T({ zh: '发布日期：{d}', en: 'Published: {d}' }, { d: formatDate(c.l, list.published_at) })}</span> : null}
            <span>{T({ zh: '共 {n} 项', en: '{n} items' }, { n: total })}</span>
          </p>
          {p.lists.length > 1 ? (
            <nav aria-label={T({ zh: '年度', en: 'Years' })}>
              <ul>
                {p.lists.map((l) => <li>{l.id === list.id ? <strong aria-current="page">{l.year}</strong> : <a href={powersUrl(unit.slug, l.year)}>{l.year}</a>}</li>)}
              </ul>
            </nav>
          ) : null}
          {p.lists.some((l) => l.year < list.year) ? <p><a href={`/u/${unit.slug}/powers/diff?year=${list.year}`}>{T({ zh: '与上一年度相比的调整（新增、取消、变更）', en: 'Changes from the previous year (added, removed, changed)' })}</a></p> : null}
          <form method="get" action={`/u/${unit.slug}/powers`} role="search" class="inline-form">
            <input type="hidden" name="year" value={String(list.year)} />
            <label for="f-q">{T({ zh: '查找（名称、编码或依据）', en: 'Find (name, code or legal basis)' })}</label>{' '}
            <input id="f-q" name="q" type="search" value={p.q} maxLength={60} />{' '}
            <label for="f-type">{T({ zh: '类型', en: 'Type' })}</label>{' '}
            <select id="f-type" name="type"><option value="">{T({ zh: '全部', en: 'All' })}</option>{TYPES.map((k) => <option value={k} selected={p.type === k}>{T(TYPE_NAMES[k])}</option>)}</select>{' '}
            <button type="submit">{T({ zh: '查找', en: 'Find' })}</button>
          </form>
          <h2 id="h-types">{T({ zh: '按类型', en: 'By type' })}</h2>
          <ul aria-labelledby="h-types">
            {TYPES.map((k) => <li>{p.counts[k] ? <a href={`#t-${k}`}>{T(TYPE_NAMES[k])}</a> : T(TYPE_NAMES[k])}{T({ zh: '（{n}）', en: ' ({n})' }, { n: p.counts[k] ?? 0 })}</li>)}
          </ul>
          {filtered ? <p role="status">{T({ zh: '找到 {n} 项。', en: '{n} found.' }, { n: p.items.length })} <a href={powersUrl(unit.slug, list.year)}>{T({ zh: '显示全部', en: 'Show all' })}</a></p> : null}
          {TYPES.filter((k) => p.items.some((i) => i.type === k)).map((k) => (
            <section aria-labelledby={`t-${k}`}>
              <h2 id={`t-${k}`}>{T(TYPE_NAMES[k])}</h2>
              <div class="table-scroll" role="region" aria-label={T(TYPE_NAMES[k])} tabIndex={0}>
                <table>
                  <thead><tr><th scope="col">{T(FIELD_NAMES.code)}</th><th scope="col">{T(FIELD_NAMES.name)}</th><th scope="col">{T(FIELD_NAMES.subject)}</th></tr></thead>
                  <tbody>{p.items.filter((i) => i.type === k).map((i) => <tr><td>{i.code}</td><th scope="row"><a href={itemUrl(unit.slug, i.id)}>{i.name}</a></th><td>{i.subject}</td></tr>)}</tbody>
                </table>
              </div>
            </section>
          ))}
          {!p.items.length && filtered ? <p>{T({ zh: '没有找到匹配的事项，请换个说法再试。', en: 'Nothing matches; try other words.' })}</p> : null}
        </>
      )}
      {p.below.length ? (
        <section aria-labelledby="h-below">
          <h2 id="h-below">{T({ zh: '所属部门和下级单位权责清单', en: 'Lists of the units below' })}</h2>
          <ul class="columns">
            {p.below.map((l) => <li><a href={powersUrl(l.unit_slug)}>{l.unit_name}</a><span class="doclist-meta">{T({ zh: '{y}年度，共 {n} 项', en: '{y}, {n} items' }, { y: l.year, n: l.item_count })}</span></li>)}
          </ul>
        </section>
      ) : null}
    </Shell>
  );
}

/** One item: every field, and its 流程图 when there is one. */
export function ItemPage(p: { c: ViewContext; unit: Unit; item: ItemRow & { year: number } }) {
  const { c, unit, item: i } = p;
  const T = t(c);
  return (
    <Shell c={c} title={i.name} area="portal" nav={<PortalNav c={c} unit={unit} />} breadcrumbs={crumbs(c, unit, i.name)} meta={{ ...META, description: i.name }}>
      <h1>{i.name}</h1>
      <p class="doclist-meta"><span>{typeName(c, i.type)}</span><span>{T({ zh: '{y}年度清单', en: '{y} list' }, { y: i.year })}</span></p>
      <table>
        <caption class="sr-only">{T({ zh: '权责事项', en: 'The power' })}</caption>
        <tbody>
          {(['code', 'type', 'basis', 'subject', 'duties', 'accountability'] as const).map((f) => (
            <tr><th scope="row">{T(FIELD_NAMES[f])}</th><td class="pre">{f === 'type' ? typeName(c, i.type) : i[f] || '—'}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{T({ zh: '流程图', en: 'Flowchart' })}</h2>
      {i.has_chart ? <img src={`${itemUrl(unit.slug, i.id)}/chart`} alt={T({ zh: '{n}流程图', en: 'Flowchart of {n}' }, { n: i.name })} style="max-width:100%;height:auto" /> : <p>{T({ zh: '暂无流程图。', en: 'No flowchart.' })}</p>}
      <p><a href={powersUrl(unit.slug, i.year)}>{T({ zh: '返回{y}年度清单', en: 'Back to the {y} list' }, { y: i.year })}</a></p>
    </Shell>
  );
}

/** What changed from the previous published year: added, removed, and field by field the changed. */
export function DiffPage(p: { c: ViewContext; unit: Unit; year: number; prevYear: number | null; diff: ListDiff<ItemRow> | null }) {
  const { c, unit, diff } = p;
  const T = t(c);
  const title = T({ zh: '{y}年度权责清单调整情况', en: 'Changes to the list of powers, {y}' }, { y: p.year });
  const row = (i: ItemRow, link: boolean) => <li>{typeName(c, i.type)} · {i.code} · {link ? <a href={itemUrl(unit.slug, i.id)}>{i.name}</a> : i.name}</li>;
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit} />} breadcrumbs={crumbs(c, unit, title)} meta={{ ...META, description: title }}>
      <h1>{title}</h1>
      {!diff || p.prevYear === null ? <p>{T({ zh: '没有可比较的上一年度清单。', en: 'There is no earlier list to compare with.' })}</p> : (
        <div class="diff">
          <p>{T({ zh: '与 {p} 年度相比：新增 {a} 项，取消 {r} 项，变更 {c} 项，未变 {u} 项。', en: 'Compared with {p}: {a} added, {r} removed, {c} changed, {u} unchanged.' }, { p: p.prevYear, a: diff.added.length, r: diff.removed.length, c: diff.changed.length, u: diff.unchanged })}</p>
          <h2>{T({ zh: '新增事项（{n}）', en: 'Added ({n})' }, { n: diff.added.length })}</h2>
          {diff.added.length ? <ul>{diff.added.map((i) => row(i, true))}</ul> : <p>{T({ zh: '无', en: 'None' })}</p>}
          <h2>{T({ zh: '取消事项（{n}）', en: 'Removed ({n})' }, { n: diff.removed.length })}</h2>
          {diff.removed.length ? <ul>{diff.removed.map((i) => row(i, false))}</ul> : <p>{T({ zh: '无', en: 'None' })}</p>}
          <h2>{T({ zh: '变更事项（{n}）', en: 'Changed ({n})' }, { n: diff.changed.length })}</h2>
          {diff.changed.length ? diff.changed.map((ch) => (
            <section>
              <h3><a href={itemUrl(unit.slug, ch.after.id)}>{ch.after.code} {ch.after.name}</a></h3>
              <table>
                <thead><tr><th scope="col">{T({ zh: '字段', en: 'Field' })}</th><th scope="col">{T({ zh: '变化（删除线为原文，下划线为新文）', en: 'Change (struck out: before; underlined: after)' })}</th></tr></thead>
                <tbody>{ch.fields.map((f) => {
                  const before = f === 'type' ? typeName(c, ch.before.type) : ch.before[f];
                  const after = f === 'type' ? typeName(c, ch.after.type) : ch.after[f];
                  return <tr><th scope="row">{T(FIELD_NAMES[f])}</th><td class="pre">{diffText(before, after).map((s) => (s.op === 'insert' ? <ins>{s.text}</ins> : s.op === 'delete' ? <del>{s.text}</del> : s.text))}</td></tr>;
                })}</tbody>
              </table>
            </section>
          )) : <p>{T({ zh: '无', en: 'None' })}</p>}
        </div>
      )}
      <p><a href={powersUrl(unit.slug, p.year)}>{T({ zh: '返回{y}年度清单', en: 'Back to the {y} list' }, { y: p.year })}</a></p>
    </Shell>
  );
}

/** The panel of the 机构职能 column (条例 第二十条第一项): the unit's latest published list. */
export function PowersPanel(p: { c: ViewContext; unit: Unit; list: ListRow | undefined }) {
  const T = t(p.c);
  if (!p.list) return null;
  return (
    <section class="guides-panel" aria-labelledby="h-powers-panel">
      <h2 id="h-powers-panel">{T(TITLE)}</h2>
      <p><a href={powersUrl(p.unit.slug)}>{T({ zh: '{y}年度权责清单（{n} 项）', en: 'List of powers, {y} ({n} items)' }, { y: p.list.year, n: p.list.item_count })}</a></p>
    </section>
  );
}
