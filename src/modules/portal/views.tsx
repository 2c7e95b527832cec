/** Public pages of the cluster: the city home (all units by type) and each unit's home. */
import { Shell, t, type ViewContext } from '../../core/render/page.tsx';
import { formatDate, tr } from '../../core/render/i18n.ts';
import { M } from '../../core/render/messages.ts';
import { UNIT_TYPES, UNIT_TYPE_LABELS } from '../units/types.ts';
import type { Unit } from '../units/repository.ts';
import { PortalNav } from './nav.tsx';
import { standardColumns, type StandardColumn } from './skeleton.ts';
import { Entrances, LatestBlock, SearchBox, TopicLinks, type HomeData } from './views/home.tsx';
import { UrgentBanner } from './views/urgent.tsx';

const unitName = (c: ViewContext, u: Unit) => (c.l === 'en' && u.name_en ? u.name_en : u.name);

/** A unit and, nested under it, the units below it (the list is in tree order). */
function UnitTreeItem(p: { c: ViewContext; u: Unit; kids: Map<number, Unit[]> }) {
  const kids = p.kids.get(p.u.id) ?? [];
  return (
    <li>
      <a href={`/u/${p.u.slug}/`}>{unitName(p.c, p.u)}</a>
      {kids.length ? <ul class="unit-list">{kids.map((k) => <UnitTreeItem c={p.c} u={k} kids={p.kids} />)}</ul> : null}
    </li>
  );
}

/**
 * The cluster home: the city government, then the units directly under it grouped by type, each with
 * the units below it nested under it — a township appears under its county, never after a park.
 */
export function CityHome(p: { c: ViewContext; root: Unit; units: Unit[]; home: HomeData }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '政府信息公开平台', en: 'Government Information Disclosure Platform' });
  const kids = new Map<number, Unit[]>();
  for (const u of p.units) if (u.parent_id !== null) (kids.get(u.parent_id) ?? kids.set(u.parent_id, []).get(u.parent_id)!).push(u);
  const top = kids.get(p.root.id) ?? [];
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} current="home" />} meta={{ columnName: T(M.home), columnType: '首页', description: title }}>
      <h1>{unitName(c, p.root)} · {title}</h1>
      <UrgentBanner c={c} topics={p.home.urgent} />
      <SearchBox c={c} />
      <div class="home-blocks">
        <LatestBlock c={c} id="h-latest" title={{ zh: '最新信息', en: 'Latest information' }} items={p.home.latest} more="/latest" showUnit />
        <LatestBlock c={c} id="h-interp" title={{ zh: '政策解读', en: 'Interpretations' }} items={p.home.interpretations} more="/interpretations" showUnit />
      </div>
      {p.home.topics.length ? <TopicLinks c={c} topics={p.home.topics} /> : null}
      <Entrances c={c} unit={p.root} city />
      <p class="notice">
        {T({
          zh: '本平台集中发布市政府、各县（市）区政府、市政府各部门、乡镇（街道）和园区的政府信息，统一执行《中华人民共和国政府信息公开条例》规定的公开目录和发布标准。',
          en: 'This platform publishes the government information of the city government, its counties and districts, departments, townships and parks, to one catalogue and publication standard under the Regulations on Open Government Information.',
        })}
      </p>
      <h2>{T({ zh: '各单位政府信息公开', en: 'Every unit’s disclosure' })}</h2>
      <p><a href={`/u/${p.root.slug}/`}>{unitName(c, p.root)}</a></p>
      {UNIT_TYPES.filter((ty) => ty !== 'city_government').map((ty) => {
        const list = top.filter((u) => u.type === ty);
        if (!list.length) return null;
        return (
          <section aria-labelledby={`h-${ty}`}>
            <h2 id={`h-${ty}`}>{tr(c.l, UNIT_TYPE_LABELS[ty])}</h2>
            <ul class="unit-list">
              {list.map((u) => <UnitTreeItem c={c} u={u} kids={kids} />)}
            </ul>
          </section>
        );
      })}
    </Shell>
  );
}

export function ColumnTiles(p: { c: ViewContext; unit: Unit; columns: StandardColumn[] }) {
  return (
    <ul class="columns">
      {p.columns.map((col) => (
        <li>
          <a href={`/u/${p.unit.slug}/xxgk/${col.slug}`}>{tr(p.c.l, col.name)}</a>
        </li>
      ))}
    </ul>
  );
}

export function UnitHome(p: { c: ViewContext; unit: Unit; ancestors: Unit[]; children: Unit[]; merged?: Unit[]; successor?: Unit | null; home?: HomeData }) {
  const { c, unit } = p;
  const T = t(c);
  const cols = standardColumns(unit.type);
  return (
    <Shell
      c={c}
      title={unitName(c, unit)}
      area="portal"
      nav={<PortalNav c={c} unit={unit} current="home" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, ...p.ancestors.slice(0, -1).map((a) => ({ href: `/u/${a.slug}/`, label: a.short_name })), { label: unit.short_name }]}
      meta={{ columnName: unitName(c, unit), columnType: '首页', description: `${unit.name}${T(M.disclosure)}` }}
      feeds={[{ href: `/u/${unit.slug}/feed.xml`, title: `${unit.name} · 最新信息 (RSS)`, type: 'rss' }, { href: `/u/${unit.slug}/atom.xml`, title: `${unit.name} · 最新信息 (Atom)`, type: 'atom' }]}
    >
      <h1>{unitName(c, unit)}</h1>
      <UrgentBanner c={c} topics={p.home?.urgent ?? []} />
      <InactiveNotice c={c} unit={unit} successor={p.successor ?? null} />
      <SearchBox c={c} unit={unit} />
      {p.home ? (
        <div class="home-blocks">
          <LatestBlock c={c} id="h-latest" title={{ zh: '最新信息', en: 'Latest information' }} items={p.home.latest} more={`/u/${unit.slug}/latest`} />
          <LatestBlock c={c} id="h-interp" title={{ zh: '政策解读', en: 'Interpretations' }} items={p.home.interpretations} more={`/u/${unit.slug}/xxgk/zcjd`} />
        </div>
      ) : null}
      <p class="feeds">{T({ zh: '订阅本单位信息', en: 'Subscribe' })}：<a href={`/u/${unit.slug}/feed.xml`}>RSS</a>　<a href={`/u/${unit.slug}/atom.xml`}>Atom</a></p>
      <h2 id="xxgk">{T(M.disclosure)}</h2>
      <ColumnTiles c={c} unit={unit} columns={cols} />
      {unit.active ? <Entrances c={c} unit={unit} /> : null}
      {p.children.length ? (
        <section aria-labelledby="h-sub">
          <h2 id="h-sub">{T({ zh: '下级单位', en: 'Subordinate units' })}</h2>
          <ul class="unit-list">
            {p.children.map((u) => (
              <li><a href={`/u/${u.slug}/`}>{unitName(c, u)}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.merged?.length ? (
        <section aria-labelledby="h-merged">
          <h2 id="h-merged">{T({ zh: '已并入本单位的原单位', en: 'Former units merged into this one' })}</h2>
          <ul class="unit-list">
            {p.merged.map((u) => (
              <li><a href={`/u/${u.slug}/`}>{unitName(c, u)}</a>{u.deactivated_on ? `（${T({ zh: '{d}并入', en: 'merged {d}' }, { d: formatDate(c.l, u.deactivated_on) })}）` : ''}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {unit.active ? <ContactBox c={c} unit={unit} /> : null}
    </Shell>
  );
}

/**
 * On the pages of a deactivated or merged unit: its published information stays public here (条例
 * 第十条), but applications go to the unit that took over (or, if none, the government above it).
 */
export function InactiveNotice(p: { c: ViewContext; unit: Unit; successor: Unit | null }) {
  const T = t(p.c);
  const u = p.unit;
  if (u.active) return null;
  const d = u.deactivated_on ? formatDate(p.c.l, u.deactivated_on) : '';
  return (
    <p class="warn" role="note">
      {p.successor
        ? <>{T({ zh: '本单位已于{d}并入', en: 'This unit was merged on {d} into ' }, { d })}<a href={`/u/${p.successor.slug}/`}>{unitName(p.c, p.successor)}</a>{T({ zh: '。以下为本单位原已公开的政府信息；申请公开政府信息请向并入单位提出。', en: '. The information below was published by this unit; apply for information to the unit it merged into.' })}</>
        : T({ zh: '本单位已于{d}停用。以下为本单位原已公开的政府信息。', en: 'This unit was deactivated on {d}. The information below was published by this unit.' }, { d })}
    </p>
  );
}

export function ContactBox(p: { c: ViewContext; unit: Unit }) {
  const T = t(p.c);
  const u = p.unit;
  const rows: [string, string | null][] = [
    [T({ zh: '政府信息公开工作机构', en: 'Disclosure office' }), u.disclosure_body],
    [T({ zh: '办公地址', en: 'Address' }), u.address],
    [T({ zh: '邮政编码', en: 'Postcode' }), u.postcode],
    [T({ zh: '办公时间', en: 'Office hours' }), u.office_hours],
    [T({ zh: '联系电话', en: 'Telephone' }), u.phone],
    [T({ zh: '传真', en: 'Fax' }), u.fax],
    [T({ zh: '电子邮箱', en: 'E-mail' }), u.email],
  ];
  return (
    <section class="contact card" aria-labelledby="h-contact">
      <h2 id="h-contact">{T({ zh: '政府信息公开工作机构联系方式', en: 'Contact the disclosure office' })}</h2>
      <dl>
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export function XxgkIndex(p: { c: ViewContext; unit: Unit; ancestors: Unit[] }) {
  const { c, unit } = p;
  const T = t(c);
  const cols = standardColumns(unit.type);
  return (
    <Shell
      c={c}
      title={`${unit.short_name} · ${T(M.disclosure)}`}
      area="portal"
      nav={<PortalNav c={c} unit={unit} current="xxgk" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { label: T(M.disclosure) }]}
      meta={{ columnName: '政府信息公开', columnType: '政府信息公开', description: `${unit.name}政府信息公开` }}
    >
      <h1>{unitName(c, unit)} · {T(M.disclosure)}</h1>
      <ColumnTiles c={c} unit={unit} columns={[...cols, { slug: 'zcjd', name: { zh: '政策解读', en: 'Interpretations' } }]} />
      <p><a href={`/u/${unit.slug}/latest`}>{T({ zh: '本单位全部公开信息（按发布时间）', en: 'Everything this unit published, newest first' })}</a></p>
      {/* 国办发〔2019〕54号: counties and townships publish their 基层政务公开标准目录 (catalogs module) */}
      {unit.type === 'county_government' || unit.type === 'township' ? <p><a href={`/u/${unit.slug}/catalogs`}>{T({ zh: '基层政务公开标准目录', en: 'Standard disclosure catalogs' })}</a></p> : null}
      {cols.filter((col) => col.children?.length).map((col) => (
        <section aria-labelledby={`h-${col.slug}`}>
          <h2 id={`h-${col.slug}`}>{tr(c.l, col.name)}</h2>
          <ul class="columns">
            {col.children!.map((ch) => (
              <li><a href={`/u/${unit.slug}/xxgk/${col.slug}/${ch.slug}`}>{tr(c.l, ch.name)}</a></li>
            ))}
          </ul>
        </section>
      ))}
    </Shell>
  );
}
