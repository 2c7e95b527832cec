/**
 * Site-level pages every government website carries (《政府网站发展指引》 国办发〔2017〕47号):
 * the 网站地图 (every section and every unit's site) and 联系我们 (the sponsor's contacts from the
 * footer settings, and each unit's disclosure office from the 备案 registry).
 */
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { M } from '../../../core/render/messages.ts';
import { defaultFooter } from '../../../core/render/site-footer.tsx';
import type { Msg } from '../../../core/render/i18n.ts';
import type { PublicTopic } from '../../documents/store/queries.ts';
import type { Unit } from '../../units/repository.ts';
import { PortalNav } from '../nav.tsx';

const uname = (c: ViewContext, u: Unit) => (c.l === 'en' && u.name_en ? u.name_en : u.name);

export function SiteMapPage(p: { c: ViewContext; units: Unit[]; topics: PublicTopic[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '网站地图', en: 'Site map' });
  const sections: [string, Msg][] = [
    ['/', M.home], ['/latest', { zh: '最新信息', en: 'Latest information' }], ['/interpretations', { zh: '政策解读', en: 'Interpretations' }],
    ['/topics/', { zh: '专题专栏', en: 'Special topics' }], ['/xxgk/', M.disclosure], ['/apply', M.apply],
    ['/ysqgk/status', { zh: '申请办理进度查询', en: 'Track an application' }], ['/search', M.search], ['/media', { zh: '政务新媒体', en: 'Government new media' }],
    ['/contact', { zh: '联系我们', en: 'Contact us' }],
  ];
  const depthOf = (u: Unit) => u.path.split('/').filter(Boolean).length - 1;
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} />} breadcrumbs={[{ href: '/', label: T(M.home) }, { label: title }]} meta={{ columnName: '网站地图', columnType: '网站地图', description: title }}>
      <h1>{title}</h1>
      <section aria-labelledby="h-sections">
        <h2 id="h-sections">{T({ zh: '网站栏目', en: 'Sections' })}</h2>
        <ul class="unit-list">{sections.map(([href, label]) => <li><a href={href}>{T(label)}</a></li>)}</ul>
      </section>
      {p.topics.length ? (
        <section aria-labelledby="h-topics">
          <h2 id="h-topics">{T({ zh: '专题专栏', en: 'Special topics' })}</h2>
          <ul class="unit-list">{p.topics.map((x) => <li><a href={`/topics/${x.slug}`}>{c.l === 'en' && x.name_en ? x.name_en : x.name_zh}</a></li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="h-units">
        <h2 id="h-units">{T({ zh: '各单位网站', en: 'Every unit’s site' })}</h2>
        <ul class="sitemap-units">
          {p.units.map((u) => (
            <li class={depthOf(u) ? `d${Math.min(depthOf(u), 3)}` : undefined}>
              <a href={`/u/${u.slug}/`}>{uname(c, u)}</a>：
              <a href={`/u/${u.slug}/xxgk/`}>{T(M.disclosure)}</a>　<a href={`/u/${u.slug}/xxgk/zn`}>{T({ zh: '指南', en: 'Guide' })}</a>　
              <a href={`/u/${u.slug}/xxgk/zcjd`}>{T({ zh: '政策解读', en: 'Interpretations' })}</a>　<a href={`/u/${u.slug}/xxgk/nb`}>{T({ zh: '年报', en: 'Annual reports' })}</a>
            </li>
          ))}
        </ul>
      </section>
    </Shell>
  );
}

export function ContactPage(p: { c: ViewContext; units: Unit[] }) {
  const { c } = p;
  const T = t(c);
  const f = c.site.footer ?? defaultFooter(c.site.siteName, c.site.siteIdCode);
  const title = T({ zh: '联系我们', en: 'Contact us' });
  const rows: [Msg, string][] = [
    [{ zh: '主办单位', en: 'Sponsor' }, f.sponsor], [{ zh: '联系地址', en: 'Address' }, f.contactAddress],
    [{ zh: '联系电话', en: 'Telephone' }, f.contactPhone], [{ zh: '电子邮箱', en: 'E-mail' }, f.contactEmail], [M.siteIdCode, c.site.siteIdCode],
  ];
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} />} breadcrumbs={[{ href: '/', label: T(M.home) }, { label: title }]} meta={{ columnName: '联系我们', columnType: '联系我们', description: title }}>
      <h1>{title}</h1>
      <section class="contact card" aria-labelledby="h-site">
        <h2 id="h-site">{T({ zh: '网站主办单位', en: 'The site’s sponsor' })}</h2>
        <dl>{rows.filter(([, v]) => v).map(([k, v]) => <><dt>{T(k)}</dt><dd>{v}</dd></>)}</dl>
        {f.findErrorUrl ? <p id="zhaocuo"><a href={f.findErrorUrl} rel="noopener">{T({ zh: '我为政府网站找错', en: 'Report an error on this site' })}</a></p> : null}
      </section>
      <h2 id="h-offices">{T({ zh: '各单位政府信息公开工作机构', en: 'Disclosure offices of every unit' })}</h2>
      <div class="table-scroll">
        <table class="data" aria-labelledby="h-offices">
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '工作机构', en: 'Office' })}</th><th scope="col">{T({ zh: '电话', en: 'Telephone' })}</th><th scope="col">{T({ zh: '地址', en: 'Address' })}</th></tr></thead>
          <tbody>
            {p.units.map((u) => (
              <tr><th scope="row"><a href={`/u/${u.slug}/xxgk/zn`}>{uname(c, u)}</a></th><td>{u.disclosure_body ?? '—'}</td><td>{u.phone ?? '—'}</td><td>{u.address ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </Shell>
  );
}
