/** The cross-unit 专题 pages: the index and a topic (or one of its sections) with its documents and feeds. */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { M } from '../../../core/render/messages.ts';
import { DocList, Pager, PortalShell, type Crumb } from './portal-views.tsx';
import type { PublicPage, PublicTopic } from '../store/queries.ts';

const nm = (c: ViewContext, x: { name_zh: string; name_en: string }) => (c.l === 'en' && x.name_en ? x.name_en : x.name_zh);

export function TopicIndexPage(p: { c: ViewContext; topics: PublicTopic[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '专题专栏', en: 'Special topics' });
  return (
    <PortalShell c={c} title={title} crumbs={[{ label: title }]} current="home" meta={{ columnName: '专题专栏', columnType: '专题', description: title }}>
      <h1>{title}</h1>
      {p.topics.length ? <ul class="columns">{p.topics.map((x) => <li><a href={`/topics/${x.slug}`}>{nm(c, x)}</a></li>)}</ul> : <p>{T(M.none)}</p>}
    </PortalShell>
  );
}

/** A 专题 gathering documents of every unit (朝阳市2020年政务公开工作要点 第6—14点). */
export function TopicPage(p: { c: ViewContext; topic: PublicTopic; sections: PublicTopic[]; section: PublicTopic | null; list: PublicPage; base: string }) {
  const { c, topic, section } = p;
  const T = t(c);
  const name = nm(c, topic);
  const title = section ? `${name} · ${nm(c, section)}` : name;
  const crumbs: Crumb[] = [{ href: '/topics/', label: T({ zh: '专题专栏', en: 'Special topics' }) }, ...(section ? [{ href: `/topics/${topic.slug}`, label: name }] : []), { label: section ? nm(c, section) : name }];
  return (
    <PortalShell c={c} title={title} crumbs={crumbs} current="home" meta={{ columnName: title, columnType: '专题', description: topic.basis ?? title }}
      feeds={[{ href: `/topics/${topic.slug}/feed.xml`, title: `${topic.name_zh} · 专题 (RSS)`, type: 'rss' }, { href: `/topics/${topic.slug}/atom.xml`, title: `${topic.name_zh} · 专题 (Atom)`, type: 'atom' }]}>
      <h1>{title}</h1>
      {topic.basis && !section ? <p class="notice">{topic.basis}</p> : null}
      {p.sections.length ? (
        <nav aria-label={T({ zh: '专题栏目', en: 'Topic sections' })}>
          <ul class="columns">
            {p.sections.map((s) => <li><a href={`/topics/${topic.slug}/${s.slug}`} aria-current={section?.id === s.id ? 'page' : undefined}>{nm(c, s)}</a></li>)}
          </ul>
        </nav>
      ) : null}
      <h2 id="h-list">{T({ zh: '信息列表', en: 'Documents' })}</h2>
      <DocList c={c} items={p.list.items} showUnit />
      <Pager c={c} base={p.base} page={p.list.page} pages={p.list.pages} total={p.list.total} />
      {section ? null : <p><a href={`/topics/${topic.slug}/timeline`}>{T({ zh: '按发布日期查看时间线', en: 'Timeline by date of publication' })}</a></p>}
      <p class="feeds">{T({ zh: '订阅本专题', en: 'Subscribe' })}：<a href={`/topics/${topic.slug}/feed.xml`}>RSS</a>　<a href={`/topics/${topic.slug}/atom.xml`}>Atom</a></p>
    </PortalShell>
  );
}
