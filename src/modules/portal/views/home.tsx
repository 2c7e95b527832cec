/**
 * The blocks of the city and unit home pages, as on a 政府门户 (《政府网站发展指引》 国办发〔2017〕47号:
 * 信息发布、解读回应、办事服务、互动交流): a search box, the latest documents and 解读, the 专题, the
 * 政府信息公开 column and the 互动/办事 entrances. Plain links and a GET form: no JavaScript needed.
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { M } from '../../../core/render/messages.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { DocList } from '../../documents/views/portal-views.tsx';
import type { PublicListItem, PublicTopic } from '../../documents/store/queries.ts';
import type { Unit } from '../../units/repository.ts';
import type { UrgentTopic } from '../store/urgent.ts';

export interface HomeData {
  latest: PublicListItem[];
  interpretations: PublicListItem[];
  topics: PublicTopic[];
  /** 专题 flagged urgent: the banner under the h1 (views/urgent.tsx). */
  urgent: UrgentTopic[];
}

/** The site search (条例 第二十四条), scoped to the unit's site when on a unit page. */
export function SearchBox(p: { c: ViewContext; unit?: Unit }) {
  const T = t(p.c);
  const label = p.unit ? T({ zh: '搜索本单位信息', en: 'Search this unit’s information' }) : T({ zh: '搜索全站信息', en: 'Search the whole site' });
  return (
    <form method="get" action="/search" role="search" class="search-form" aria-label={label}>
      {p.unit ? <input type="hidden" name="unit" value={p.unit.slug} /> : null}
      <label for="home-q" class="sr-only">{label}</label>
      <div class="search-row">
        <input type="search" id="home-q" name="q" autoComplete="off" placeholder={T({ zh: '输入标题、文号或关键词', en: 'Title, document number or words' })} />
        <button type="submit">{T(M.search)}</button>
      </div>
    </form>
  );
}

export function LatestBlock(p: { c: ViewContext; id: string; title: Msg; items: PublicListItem[]; more: string; showUnit?: boolean }) {
  const T = t(p.c);
  const title = T(p.title);
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{title}</h2>
      {p.items.length ? <DocList c={p.c} items={p.items} showUnit={p.showUnit} /> : <p>{T({ zh: '暂无信息。', en: 'Nothing yet.' })}</p>}
      <p class="more"><a href={p.more}>{T({ zh: '更多{x}', en: 'More: {x}' }, { x: title })}</a></p>
    </section>
  );
}

export function TopicLinks(p: { c: ViewContext; topics: PublicTopic[] }) {
  const T = t(p.c);
  return (
    <section aria-labelledby="h-topics">
      <h2 id="h-topics">{T({ zh: '专题专栏', en: 'Special topics' })}</h2>
      <ul class="columns">
        {p.topics.map((x) => <li><a href={`/topics/${x.slug}`}>{p.c.l === 'en' && x.name_en ? x.name_en : x.name_zh}</a></li>)}
        <li><a href="/topics/">{T({ zh: '全部专题', en: 'All topics' })}</a></li>
      </ul>
    </section>
  );
}

/** 政府信息公开, 互动交流 and 办事服务 entrances of a unit's site (the city's for the home page). */
export function Entrances(p: { c: ViewContext; unit: Unit; city?: boolean }) {
  const T = t(p.c);
  const u = `/u/${p.unit.slug}`;
  const group = (id: string, title: Msg, links: [string, Msg][]) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{T(title)}</h2>
      <ul class="columns">{links.map(([href, label]) => <li><a href={href}>{T(label)}</a></li>)}</ul>
    </section>
  );
  const gov = p.unit.type === 'city_government' || p.unit.type === 'county_government';
  const fdzd = `${u}/xxgk/fdzdgknr`;
  return (
    <>
      {group('h-xxgk', M.disclosure, [
        [`${u}/xxgk/`, { zh: '政府信息公开专栏', en: 'Disclosure column' }],
        [`${u}/xxgk/zn`, { zh: '政府信息公开指南', en: 'Disclosure guide' }],
        [fdzd, { zh: '法定主动公开内容', en: 'Statutory proactive disclosure' }],
        [`${u}/powers`, { zh: '权责清单', en: 'Powers and responsibilities' }],
        [`${u}/xxgk/zcjd`, { zh: '政策解读', en: 'Interpretations' }],
        [`${u}/xxgk/nb`, { zh: '政府信息公开年报', en: 'Annual reports' }],
      ])}
      {group('h-hdjl', { zh: '互动交流', en: 'Interaction' }, [
        [p.city ? '/apply' : `${u}/xxgk/ysqgk`, { zh: '依申请公开 · 在线申请', en: 'Apply for information online' }],
        ['/ysqgk/status', { zh: '申请办理进度查询', en: 'Track an application' }],
        [`${u}/messages`, { zh: '留言咨询', en: 'Ask a question' }],
        ['/messages/status', { zh: '留言答复查询', en: 'Check my question' }],
        [p.city ? '/media' : `${u}/media`, { zh: '政务新媒体', en: 'Government new media' }],
        ['/contact', { zh: '联系我们', en: 'Contact us' }],
      ])}
      {group('h-bsfw', { zh: '办事服务', en: 'Services' }, [
        [`${fdzd}/licensing-and-services`, { zh: '行政许可和服务事项', en: 'Licensing and services' }],
        ...(gov ? [[`${fdzd}/public-services`, { zh: '公共服务', en: 'Public services' }] as [string, Msg]] : []),
        [p.city ? '/search' : `/search?unit=${p.unit.slug}`, { zh: '信息检索', en: 'Search' }],
      ])}
    </>
  );
}
