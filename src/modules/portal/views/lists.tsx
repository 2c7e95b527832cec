/**
 * Paged lists of published documents that are not a catalog column: the cluster's and a unit's
 * 最新信息 (everything, newest first — so every published document is a few clicks from the home
 * page) and the 政策解读 lists (the unit's 政策解读 column: 解读 of its policies, 国办发〔2016〕80号
 * “政策性文件与解读方案、解读材料同步组织、同步审签、同步部署”).
 */
import { Shell, t, type FeedLink, type ViewContext } from '../../../core/render/page.tsx';
import { M } from '../../../core/render/messages.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { DocList, Pager } from '../../documents/views/portal-views.tsx';
import type { PublicPage } from '../../documents/store/queries.ts';
import type { Unit } from '../../units/repository.ts';
import { PortalNav } from '../nav.tsx';

export function DocListPage(p: { c: ViewContext; unit?: Unit; title: Msg; intro?: Msg; base: string; list: PublicPage; columnType: string; feeds?: FeedLink[]; extra?: unknown[] }) {
  const { c, unit } = p;
  const T = t(c);
  const title = T(p.title);
  const unitName = unit ? (c.l === 'en' && unit.name_en ? unit.name_en : unit.name) : null;
  const crumbs = unit
    ? [{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, ...(p.base.includes('/xxgk/') ? [{ href: `/u/${unit.slug}/xxgk/`, label: T(M.disclosure) }] : []), { label: title }]
    : [{ href: '/', label: T(M.home) }, { label: title }];
  return (
    <Shell c={c} title={unit ? `${title} - ${unit.short_name}` : title} area="portal" nav={<PortalNav c={c} unit={unit} current={unit && p.base.includes('/xxgk/') ? 'xxgk' : 'home'} />} breadcrumbs={crumbs}
      meta={{ columnName: title, columnType: p.columnType, description: unit ? `${unit.name} · ${title}` : title }} feeds={p.feeds}>
      <h1>{unitName ? `${unitName} · ${title}` : title}</h1>
      {p.intro ? <p class="notice">{T(p.intro)}</p> : null}
      {p.extra as never}
      <DocList c={c} items={p.list.items} showUnit={!unit} />
      <Pager c={c} base={p.base} page={p.list.page} pages={p.list.pages} total={p.list.total} />
    </Shell>
  );
}
