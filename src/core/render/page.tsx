/**
 * The page shell shared by the portal and the admin: landmarks, skip link, language and
 * elder-mode switches (plain links — no JavaScript needed), and the government page meta tags of
 * 国办发〔2017〕47号 (SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType, ArticleTitle …).
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { tr, type Locale, type Msg } from './i18n.ts';
import { M } from './messages.ts';
import type { Actor } from '../auth/policy.ts';
import { defaultFooter, FooterLinks, psbDigits, type SiteFooter } from './site-footer.tsx';

export interface SiteInfo {
  siteName: string;
  siteDomain: string;
  siteIdCode: string;
  publicUrl: string;
  /** the footer's settings (database); defaults when absent */
  footer?: SiteFooter;
}

/** A feed offered for autodiscovery in <head> (RSS 2.0 or Atom). */
export interface FeedLink {
  href: string;
  title: string;
  type?: 'rss' | 'atom';
}

/** The whole cluster's feeds, offered on every public page. */
export const SITE_FEEDS = (siteName: string): FeedLink[] => [
  { href: '/feed.xml', title: `${siteName} · 最新信息 (RSS)`, type: 'rss' },
  { href: '/atom.xml', title: `${siteName} · 最新信息 (Atom)`, type: 'atom' },
];

export interface ViewContext {
  l: Locale;
  elder: boolean;
  path: string; // current path + query, for the switches' return address
  site: SiteInfo;
  actor: Actor | null;
  csrf?: string;
  /** the policy, for showing only the buttons a user may press */
  can: (action: string, unitPath?: string | null) => boolean;
}

export interface GovMeta {
  columnName: string;
  columnType?: string;
  columnDescription?: string;
  columnKeywords?: string;
  articleTitle?: string;
  pubDate?: string; // YYYY-MM-DD HH:mm
  contentSource?: string;
  keywords?: string;
  author?: string;
  description?: string;
  url?: string;
}

export const t = (c: ViewContext) => (m: Msg, vars?: Record<string, string | number>) => tr(c.l, m, vars);

function switchHref(c: ViewContext, what: 'lang' | 'elder') {
  const back = encodeURIComponent(c.path);
  return what === 'lang' ? `/prefs?lang=${c.l === 'en' ? 'zh-CN' : 'en'}&back=${back}` : `/prefs?elder=${c.elder ? '0' : '1'}&back=${back}`;
}

export function Shell(p: {
  c: ViewContext;
  title: string;
  meta: GovMeta;
  area: 'portal' | 'admin';
  nav?: VNode;
  breadcrumbs?: { href?: string; label: string }[];
  /** keep the page out of search engines (previews of unpublished documents) */
  noindex?: boolean;
  /** feeds of this page (column, unit, 专题) offered for autodiscovery before the site-wide ones */
  feeds?: FeedLink[];
  children: ComponentChildren;
}) {
  const { c } = p;
  const feeds = p.area === 'portal' ? [...(p.feeds ?? []), ...SITE_FEEDS(c.site.siteName)] : [];
  const T = t(c);
  const m = p.meta;
  const metas: [string, string | undefined][] = [
    ['SiteName', c.site.siteName],
    ['SiteDomain', c.site.siteDomain],
    ['SiteIDCode', c.site.siteIdCode],
    ['ColumnName', m.columnName],
    ['ColumnDescription', m.columnDescription],
    ['ColumnKeywords', m.columnKeywords],
    ['ColumnType', m.columnType],
    ['ArticleTitle', m.articleTitle],
    ['PubDate', m.pubDate],
    ['ContentSource', m.contentSource],
    ['Keywords', m.keywords],
    ['Author', m.author],
    ['Description', m.description],
    ['Url', m.url],
  ];
  return (
    <html lang={c.l === 'en' ? 'en' : 'zh-CN'} class={c.elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {p.noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
        <title>{`${p.title} - ${c.site.siteName}`}</title>
        {metas.filter(([, v]) => v).map(([k, v]) => <meta name={k} content={v} />)}
        <link rel="stylesheet" href="/static/site.css" />
        {p.area === 'admin' ? <link rel="stylesheet" href="/static/admin.css" /> : null}
        {feeds.map((f) => <link rel="alternate" type={f.type === 'atom' ? 'application/atom+xml' : 'application/rss+xml'} title={f.title} href={f.href} />)}
      </head>
      <body class={p.area}>
        <a class="skip" href="#main">{T(M.skip)}</a>
        <header class="masthead" role="banner">
          <div class="wrap masthead-row">
            <a class="brand" href={p.area === 'admin' ? '/admin' : '/'}>
              <span class="emblem" aria-hidden="true">公</span>
              <span>{c.site.siteName}{p.area === 'admin' ? ` · ${T(M.admin)}` : ''}</span>
            </a>
            <ul class="tools" aria-label={c.l === 'en' ? 'Display options' : '显示选项'}>
              <li><a href={switchHref(c, 'lang')} lang={c.l === 'en' ? 'zh-CN' : 'en'}>{T(M.langOther)}</a></li>
              <li><a href={switchHref(c, 'elder')}>{c.elder ? T(M.elderOff) : T(M.elderOn)}</a></li>
              {c.actor ? (
                <li>
                  <form method="post" action="/admin/logout" class="inline">
                    <input type="hidden" name="_csrf" value={c.csrf} />
                    <button type="submit" class="linklike">{T(M.logout)}（{c.actor.displayName}）</button>
                  </form>
                </li>
              ) : null}
            </ul>
          </div>
          {p.nav}
        </header>
        {p.breadcrumbs?.length ? (
          <nav class="wrap crumbs" aria-label={T(M.breadcrumb)}>
            <ol>
              {p.breadcrumbs.map((b, i) => (
                <li>{b.href && i < p.breadcrumbs!.length - 1 ? <a href={b.href}>{b.label}</a> : <span aria-current="page">{b.label}</span>}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" class="wrap" tabIndex={-1}>
          {p.children}
        </main>
        <footer class="footer" role="contentinfo" dangerouslySetInnerHTML={{ __html: footerHtml(c.l, c.site) }} />
      </body>
    </html>
  );
}

/** The footer's markup: the same for every page of a locale until the settings change. */
function FooterBody({ l, site, footer }: { l: Locale; site: SiteInfo; footer: SiteFooter }) {
  return (
    <div class="wrap footer-row">
      {footer.conacUrl && footer.conacImage ? (
        <a class="conac" href={footer.conacUrl} rel="noopener"><img src={footer.conacImage} width={55} height={67} alt={l === 'en' ? 'Party and government organ website mark' : '党政机关网站标识'} /></a>
      ) : null}
      <div>
        <FooterLinks l={l} f={footer} />
        <p>{tr(l, M.sponsor)}：{footer.sponsor}　{tr(l, M.siteIdCode)}：{site.siteIdCode}</p>
        {footer.contactPhone || footer.contactAddress ? <p>{l === 'en' ? 'Address' : '地址'}：{footer.contactAddress}　{l === 'en' ? 'Telephone' : '电话'}：{footer.contactPhone}</p> : null}
        {footer.icpNo || footer.psbNo ? (
          <p>
            {footer.icpNo ? <a href="https://beian.miit.gov.cn/" rel="noopener">{footer.icpNo}</a> : null}
            {footer.icpNo && footer.psbNo ? '　' : null}
            {footer.psbNo ? <a href={`https://beian.mps.gov.cn/#/query/webSearch?code=${psbDigits(footer.psbNo)}`} rel="noopener">{footer.psbNo}</a> : null}
          </p>
        ) : null}
        <p>{l === 'en' ? 'Demo data: all people, numbers and documents are fictional.' : '演示数据：人员、电话、文件均为虚构。'}</p>
        <p><a href="/transparency/audit">{l === 'en' ? 'Audit log checkpoints (tamper evidence)' : '审计日志公开校验'}</a></p>
      </div>
    </div>
  );
}

/** settings object (replaced, never mutated, on every change: FooterSource.set) → locale + 标识码 → HTML */
const footerBySettings = new WeakMap<SiteFooter, Map<string, string>>();
/** when no settings are loaded: site name + 标识码 + locale → HTML of the defaults */
const footerByDefaults = new Map<string, string>();

/**
 * The footer rendered once per settings and locale, not on each page (#15 item 1: ~8 % of an
 * uncached page's allocations went to re-rendering the same footer).
 */
export function footerHtml(l: Locale, site: SiteInfo): string {
  if (site.footer) {
    let byKey = footerBySettings.get(site.footer);
    if (!byKey) footerBySettings.set(site.footer, (byKey = new Map()));
    const key = `${l}\0${site.siteIdCode}`;
    let html = byKey.get(key);
    if (html === undefined) byKey.set(key, (html = renderToString(<FooterBody l={l} site={site} footer={site.footer} />)));
    return html;
  }
  const key = `${l}\0${site.siteName}\0${site.siteIdCode}`;
  let html = footerByDefaults.get(key);
  if (html === undefined) {
    if (footerByDefaults.size > 64) footerByDefaults.clear();
    footerByDefaults.set(key, (html = renderToString(<FooterBody l={l} site={site} footer={defaultFooter(site.siteName, site.siteIdCode)} />)));
  }
  return html;
}

export function renderHtml(vnode: VNode): string {
  return '<!doctype html>' + renderToString(vnode);
}

/** Shows per-field errors next to inputs and a summary at the top (linked, for screen readers). */
export function ErrorSummary(p: { c: ViewContext; errors?: Record<string, Msg>; labels?: Record<string, string> }) {
  if (!p.errors || !Object.keys(p.errors).length) return null;
  const T = t(p.c);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <p><strong>{T(M.formErrors)}</strong></p>
      <ul>
        {Object.entries(p.errors).map(([f, m]) => (
          <li><a href={`#f-${f}`}>{p.labels?.[f] ? `${p.labels[f]}：` : ''}{T(m)}</a></li>
        ))}
      </ul>
    </div>
  );
}

export function Field(p: {
  c: ViewContext;
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  errors?: Record<string, Msg>;
  hint?: string;
  autocomplete?: string;
  children?: ComponentChildren; // a <select> or <textarea> instead of <input>
  readOnly?: boolean;
}) {
  const err = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const desc = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required ? <span class="req"> *<span class="sr-only">{tr(p.c.l, M.required)}</span></span> : null}
      </label>
      {p.hint ? <p class="hint" id={`${id}-hint`}>{p.hint}</p> : null}
      {err ? <p class="error" id={`${id}-err`}>{tr(p.c.l, err)}</p> : null}
      {p.children ?? (
        <input id={id} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''} required={p.required} aria-invalid={err ? 'true' : undefined} aria-describedby={desc} autoComplete={p.autocomplete} readOnly={p.readOnly} />
      )}
    </div>
  );
}
