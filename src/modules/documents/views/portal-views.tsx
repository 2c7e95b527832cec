/**
 * Public pages of disclosed documents: a column's list, the 法定主动公开内容 index with counts,
 * a document with the 目录 metadata box (条例 第十二条; the gov.cn field set of reference.md §4.1),
 * its print form, and the cross-unit 专题 topic pages. Pages are anonymous and depend only on
 * locale and elder mode, which is what lets the page cache (cache/) keep them.
 */
import type { ComponentChildren } from 'preact';
import { Shell, t, type FeedLink, type GovMeta, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatNumber, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import type { Unit } from '../../units/repository.ts';
import { PortalNav } from '../../portal/nav.tsx';
import { attachmentKindLabel } from '../domain/filetype.ts';
import { attachmentUrl } from '../store/attachments.ts';
import { docTypeOf, findTopic, interpretationKindOf, validityOf } from '../domain/taxonomy.ts';
import type { DocumentDetail, DocumentRef } from '../store/repository.ts';
import type { PublicListItem, PublicPage } from '../store/queries.ts';
import { ValidityNotice } from './validity.tsx';

export interface Crumb {
  href?: string;
  label: string;
}

const uname = (c: ViewContext, u: Pick<Unit, 'name' | 'name_en'>) => (c.l === 'en' && u.name_en ? u.name_en : u.name);

export const docHref = (unitSlug: string, id: number) => `/u/${unitSlug}/doc/${id}`;

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (the PubDate meta tag of 国办发〔2017〕47号). */
export function pubDateMeta(d: Date | string | null): string | undefined {
  if (!d) return undefined;
  const s = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

export function formatBytes(l: ViewContext['l'], n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatNumber(l, Math.round(n / 102.4) / 10)} KB`;
  return `${formatNumber(l, Math.round(n / (1024 * 102.4)) / 10)} MB`;
}

export function topicLabel(c: ViewContext, code: string | null): string {
  const f = code ? findTopic(code) : null;
  if (!f) return '';
  return c.l === 'en' ? [f.l1.en, f.l2?.en].filter(Boolean).join(' / ') : f.pathZh;
}

const label = (c: ViewContext, x: Msg | undefined, fallback: string | null) => (x ? tr(c.l, x) : (fallback ?? ''));

export function DocList(p: { c: ViewContext; items: PublicListItem[]; showUnit?: boolean }) {
  const T = t(p.c);
  if (!p.items.length) return <p>{T({ zh: '本栏目暂无信息。', en: 'Nothing has been published here yet.' })}</p>;
  return (
    <ul class="doclist">
      {p.items.map((d) => (
        <li>
          <a href={docHref(d.unit_slug, d.id)}>{d.title}</a>
          <span class="doclist-meta">
            {p.showUnit ? <span class="unit">{d.unit_short_name}</span> : null}
            <time dateTime={d.publish_date ?? undefined}>{formatDate(p.c.l, d.publish_date)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Numbered pages with stable URLs (?page=N, or `param`=N; `hash` appended); page 1 is the bare URL. */
export function Pager(p: { c: ViewContext; base: string; page: number; pages: number; total: number; param?: string; hash?: string; label?: string }) {
  if (p.pages <= 1) return null;
  const T = t(p.c);
  const href = (n: number) => (n === 1 ? p.base : `${p.base}?${p.param ?? 'page'}=${n}`) + (p.hash ? `#${p.hash}` : '');
  const near = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  return (
    <nav aria-label={p.label ?? T({ zh: '分页', en: 'Pages' })}>
      <ul class="pager">
        {p.page > 1 ? <li><a href={href(p.page - 1)} rel="prev">{T(M.prev)}</a></li> : null}
        {near.map((n, i) => (
          <>
            {i > 0 && n - near[i - 1] > 1 ? <li><span aria-hidden="true">…</span></li> : null}
            <li>{n === p.page ? <span aria-current="page">{n}</span> : <a href={href(n)} aria-label={T(M.page, { n })}>{n}</a>}</li>
          </>
        ))}
        {p.page < p.pages ? <li><a href={href(p.page + 1)} rel="next">{T(M.next)}</a></li> : null}
      </ul>
      <p class="hint">{T({ zh: '共 {n} 条，第 {p}/{q} 页', en: '{n} items, page {p} of {q}' }, { n: formatNumber(p.c.l, p.total), p: p.page, q: p.pages })}</p>
    </nav>
  );
}

export function PortalShell(p: { c: ViewContext; unit?: Unit; title: string; crumbs: Crumb[]; meta: GovMeta; current?: 'home' | 'xxgk'; noindex?: boolean; feeds?: FeedLink[]; children: ComponentChildren }) {
  const T = t(p.c);
  return (
    <Shell c={p.c} title={p.title} area="portal" nav={<PortalNav c={p.c} unit={p.unit} current={p.current ?? 'xxgk'} />} breadcrumbs={[{ href: '/', label: T(M.home) }, ...p.crumbs]} meta={p.meta} noindex={p.noindex} feeds={p.feeds}>
      {p.children}
    </Shell>
  );
}

export function unitCrumbs(c: ViewContext, unit: Unit): Crumb[] {
  return [{ href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/xxgk/`, label: tr(c.l, M.disclosure) }];
}

export interface ColumnView {
  name: string;
  /** column type label for the ColumnType meta tag */
  typeLabel: string;
  statutoryRef: string | null;
  fullText: string | null;
  href: string;
}

export function ColumnPage(p: { c: ViewContext; unit: Unit; column: ColumnView; trail: Crumb[]; children: { name: string; href: string }[]; list: PublicPage; feeds: { rss: string; atom: string }; panel?: unknown }) {
  const { c, unit, column } = p;
  const T = t(c);
  return (
    <PortalShell c={c} unit={unit} title={`${column.name} - ${unit.short_name}`} crumbs={[...unitCrumbs(c, unit), ...p.trail, { label: column.name }]}
      meta={{ columnName: column.name, columnType: column.typeLabel, columnDescription: column.fullText ?? `${unit.name}${column.name}`, description: `${unit.name} · ${column.name}` }}
      feeds={[{ href: p.feeds.rss, title: `${unit.name} · ${column.name} (RSS)`, type: 'rss' }, { href: p.feeds.atom, title: `${unit.name} · ${column.name} (Atom)`, type: 'atom' }]}>
      <h1>{uname(c, unit)} · {column.name}</h1>
      {column.fullText ? <p class="notice"><span class="source">{column.statutoryRef}：</span>{column.fullText}</p> : null}
      {p.children.length ? (
        <ul class="columns">{p.children.map((ch) => <li><a href={ch.href}>{ch.name}</a></li>)}</ul>
      ) : null}
      {p.panel ? (p.panel as ComponentChildren) : null}
      <h2 id="h-list">{T({ zh: '信息列表', en: 'Documents' })}</h2>
      <DocList c={c} items={p.list.items} />
      <Pager c={c} base={column.href} page={p.list.page} pages={p.list.pages} total={p.list.total} />
      <p class="feeds">{T({ zh: '订阅本栏目', en: 'Subscribe' })}：<a href={p.feeds.rss}>RSS</a>　<a href={p.feeds.atom}>Atom</a></p>
    </PortalShell>
  );
}

export interface StatutoryItem {
  name: string;
  href: string;
  article: number | null;
  item: number | null;
  fullText: string | null;
  documents: number;
  lastPublished: Date | null;
}

/** 法定主动公开内容: the 条例 第二十条 items (and 第二十一条 where the unit carries them) with counts. */
export function StatutoryPage(p: { c: ViewContext; unit: Unit; title: string; art20: StatutoryItem[]; art21: StatutoryItem[]; art21Text: string | null; others: StatutoryItem[] }) {
  const { c, unit } = p;
  const T = t(c);
  const table = (id: string, rows: StatutoryItem[]) => (
    <div class="table-scroll">
      <table class="data" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{T({ zh: '事项', en: 'Item' })}</th>
            <th scope="col">{T({ zh: '条例规定', en: 'What the Regulations require' })}</th>
            <th scope="col" class="num">{T({ zh: '信息数', en: 'Documents' })}</th>
            <th scope="col">{T({ zh: '最近更新', en: 'Last update' })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row"><a href={r.href}>{r.item ? `${r.item}. ` : ''}{r.name}</a></th>
              <td>{r.fullText && r.article === 20 ? r.fullText : ''}</td>
              <td class="num">{formatNumber(c.l, r.documents)}</td>
              <td>{r.lastPublished ? formatDate(c.l, r.lastPublished) : T(M.none)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  const total = [...p.art20, ...p.art21, ...p.others].reduce((n, r) => n + r.documents, 0);
  return (
    <PortalShell c={c} unit={unit} title={`${p.title} - ${unit.short_name}`} crumbs={[...unitCrumbs(c, unit), { label: p.title }]}
      meta={{ columnName: '法定主动公开内容', columnType: '政府信息公开', description: `${unit.name}法定主动公开内容` }}>
      <h1>{uname(c, unit)} · {p.title}</h1>
      <p>{T(p.art21.length
        ? { zh: '根据《中华人民共和国政府信息公开条例》第二十条、第二十一条，本机关主动公开以下政府信息，共 {n} 条。', en: 'Under Articles 20 and 21 of the Regulations on Open Government Information this body proactively discloses the following; {n} documents in all.' }
        : { zh: '根据《中华人民共和国政府信息公开条例》第二十条，本机关主动公开以下政府信息，共 {n} 条。', en: 'Under Article 20 of the Regulations on Open Government Information this body proactively discloses the following; {n} documents in all.' }, { n: formatNumber(c.l, total) })}</p>
      <h2 id="h-art20">{T({ zh: '《条例》第二十条规定的信息', en: 'Information required by Article 20' })}</h2>
      {table('h-art20', p.art20)}
      {p.art21.length ? (
        <>
          <h2 id="h-art21">{T({ zh: '《条例》第二十一条规定的信息', en: 'Information required by Article 21' })}</h2>
          {p.art21Text ? <p class="notice">{p.art21Text}</p> : null}
          {table('h-art21', p.art21)}
        </>
      ) : null}
      {p.others.length ? (
        <>
          <h2 id="h-other">{T({ zh: '其他栏目', en: 'Other columns' })}</h2>
          {table('h-other', p.others)}
        </>
      ) : null}
    </PortalShell>
  );
}

export interface DocumentPageProps {
  c: ViewContext;
  doc: DocumentDetail;
  unit: Unit;
  /** unit id → slug for the documents it links (policy, interpretations, amending/repealing). */
  slugs: Record<number, string>;
  canonicalUrl: string;
  print: boolean;
  /** the column the document is filed under, root first, with links (breadcrumbs) */
  trail: Crumb[];
  /** Staff preview of an unpublished document (admin review page, /admin/documents/:id/preview):
   *  links to the staff download and to the linked documents' admin pages, a banner, noindex. */
  preview?: { attachmentHref: (a: { id: number; document_id: number }) => string; refHref: (r: DocumentRef) => string; banner?: ComponentChildren };
}

function refLink(p: DocumentPageProps, r: DocumentRef | null) {
  if (!r) return null;
  if (p.preview) return <a href={p.preview.refHref(r)}>{r.title}</a>;
  const slug = p.slugs[r.unit_id];
  return slug ? <a href={docHref(slug, r.id)}>{r.title}</a> : <span>{r.title}</span>;
}

/** The metadata box of a 政府信息公开目录 entry (索引号 … 公文种类), as on gov.cn and local sites. */
export function MetaBox(p: DocumentPageProps) {
  const { c, doc } = p;
  const T = t(c);
  const v = validityOf(doc.validity);
  const link = doc.validity === 'repealed' ? doc.repealedBy : doc.validity === 'amended' ? doc.amendedBy : null;
  const rows: [Msg, ComponentChildren][] = [
    [{ zh: '索引号', en: 'Index no.' }, doc.index_no],
    [{ zh: '发文机关', en: 'Issued by' }, doc.issuers.length ? doc.issuers.map((i) => i.name).join('、') : doc.unit.name],
    [{ zh: '文号', en: 'Document no.' }, doc.doc_number ?? ''],
    [{ zh: '成文日期', en: 'Date written' }, formatDate(c.l, doc.written_date)],
    [{ zh: '发布日期', en: 'Published' }, formatDate(c.l, doc.publish_date)],
    [{ zh: '主题分类', en: 'Topic' }, topicLabel(c, doc.topic_code)],
    [{ zh: '有效性', en: 'Validity' }, v ? <>{tr(c.l, v)}{link ? <>（{refLink(p, link)}）</> : null}</> : ''],
    ...(doc.effective_date ? [[{ zh: '施行日期', en: 'In force from' }, formatDate(c.l, doc.effective_date)] as [Msg, ComponentChildren]] : []),
    ...(doc.expiry_date ? [[{ zh: '失效日期', en: 'Expires' }, formatDate(c.l, doc.expiry_date)] as [Msg, ComponentChildren]] : []),
    [{ zh: '公文种类', en: 'Document type' }, label(c, docTypeOf(doc.doc_type), doc.doc_type)],
  ];
  if (doc.normative_reg_no) rows.push([{ zh: '登记号', en: 'Registration no.' }, doc.normative_reg_no]);
  if (doc.keywords.length) rows.push([{ zh: '关键词', en: 'Keywords' }, doc.keywords.join('、')]);
  if (doc.source) rows.push([{ zh: '信息来源', en: 'Source' }, doc.source]);
  return (
    <section class="meta-box" aria-label={T({ zh: '文件信息', en: 'Document details' })}>
      <dl>
        {rows.map(([k, val]) => (
          <>
            <dt>{T(k)}</dt>
            <dd>{val === '' || val === null ? '—' : val}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** "Word 文档（DOCX）" rather than a MIME type, in the reader's language. */
export function attachmentKind(c: ViewContext, a: { kind: string; mime: string }): string {
  const k = attachmentKindLabel(a.kind);
  return k ? tr(c.l, k) : a.mime;
}

/** Heading levels and ids of the article: the portal page's own, or one level down inside a console page. */
interface Nesting {
  h1: 'h1' | 'h2';
  h2: 'h2' | 'h3';
  /** prefix of the ids, so the article can sit in a page that has its own "附件" section */
  id: string;
}
const TOP: Nesting = { h1: 'h1', h2: 'h2', id: 'h' };

function Related(p: DocumentPageProps & { n?: Nesting }) {
  const { c, doc } = p;
  const T = t(c);
  const n = p.n ?? TOP;
  const H = n.h2;
  return (
    <>
      {doc.attachments.length ? (
        <section aria-labelledby={`${n.id}-att`}>
          <H id={`${n.id}-att`}>{T({ zh: '附件', en: 'Attachments' })}</H>
          <ul class="attachments">
            {doc.attachments.map((a) => (
              <li>
                <a href={p.preview ? p.preview.attachmentHref(a) : attachmentUrl(a)}>{a.filename}</a>
                <span class="hint">（{attachmentKind(c, a)}，{formatBytes(c.l, a.size)}）</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {doc.interprets ? (
        <section aria-labelledby={`${n.id}-policy`} class="related">
          <H id={`${n.id}-policy`}>{T({ zh: '解读的政策文件', en: 'The policy interpreted' })}</H>
          <p>{refLink(p, doc.interprets)}</p>
        </section>
      ) : null}
      {doc.interpretations.length ? (
        <section aria-labelledby={`${n.id}-interp`} class="related">
          <H id={`${n.id}-interp`}>{T({ zh: '政策解读', en: 'Interpretations' })}</H>
          <ul>
            {doc.interpretations.map((r) => (
              <li>{refLink(p, r)}{r.interpretation_kind ? <span class="badge">{label(c, interpretationKindOf(r.interpretation_kind), r.interpretation_kind)}</span> : null}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function docMeta(p: DocumentPageProps): GovMeta {
  const { doc } = p;
  return {
    columnName: doc.columns[0]?.name_zh ?? '政府信息公开',
    columnType: '政府信息公开',
    articleTitle: doc.title,
    pubDate: pubDateMeta(doc.published_at),
    contentSource: doc.source ?? doc.issuers[0]?.name ?? doc.unit.name,
    keywords: doc.keywords.join(',') || undefined,
    description: (doc.summary ?? doc.body_text.slice(0, 120)) || doc.title,
    url: p.canonicalUrl,
  };
}

/**
 * The document as the portal shows it: 目录 box, title, 文号, body, attachments and links. Also
 * embedded, one heading level down, in the console's review page (条例 第十七条: the reviewer
 * sees exactly what will be published).
 */
export function DocumentArticle(p: DocumentPageProps & { embedded?: boolean; children?: ComponentChildren }) {
  const { doc } = p;
  const n: Nesting = p.embedded ? { h1: 'h2', h2: 'h3', id: 'pv' } : TOP;
  const H = n.h1;
  return (
    <article class="document" aria-labelledby={p.embedded ? 'pv-doc-title' : 'doc-title'}>
      <MetaBox {...p} />
      <ValidityNotice c={p.c} validity={doc.validity} effectiveDate={doc.effective_date} expiryDate={doc.expiry_date}
        link={refLink(p, doc.validity === 'repealed' ? doc.repealedBy : doc.validity === 'amended' ? doc.amendedBy : null)} />
      <H id={p.embedded ? 'pv-doc-title' : 'doc-title'} class="doc-title">{doc.title}</H>
      {doc.doc_number ? <p class="doc-number">{doc.doc_number}</p> : null}
      {/* body_html is sanitised on write (domain/sanitize.ts allow-list) and never holds raw input */}
      <div class="article" lang="zh-CN" dangerouslySetInnerHTML={{ __html: doc.body_html }} />
      <Related {...p} n={n} />
      {p.children}
    </article>
  );
}

export function DocumentPage(p: DocumentPageProps) {
  const { c, doc, unit } = p;
  const T = t(c);
  return (
    <PortalShell c={c} unit={unit} title={doc.title} crumbs={[...unitCrumbs(c, unit), ...p.trail, { label: T({ zh: '正文', en: 'Document' }) }]} meta={docMeta(p)} noindex={!!p.preview}>
      {p.preview?.banner}
      <DocumentArticle {...p}>
        {p.preview ? null : <p class="noprint toolbar"><a href={`${docHref(unit.slug, doc.id)}?print=1`}>{T({ zh: '打印本页', en: 'Printable version' })}</a></p>}
      </DocumentArticle>
    </PortalShell>
  );
}

/** The print form: no navigation, the metadata box, the body, attachments and the page address. */
export function PrintPage(p: DocumentPageProps) {
  const { c, doc } = p;
  const T = t(c);
  const m = docMeta(p);
  const metas = Object.entries({ SiteName: c.site.siteName, SiteDomain: c.site.siteDomain, SiteIDCode: c.site.siteIdCode, ArticleTitle: m.articleTitle, PubDate: m.pubDate, ContentSource: m.contentSource, Keywords: m.keywords, Description: m.description, Url: m.url });
  return (
    <html lang={c.l === 'en' ? 'en' : 'zh-CN'} class={c.elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="canonical" href={p.canonicalUrl} />
        <title>{`${doc.title} - ${c.site.siteName}`}</title>
        {metas.filter(([, v]) => v).map(([k, v]) => <meta name={k} content={v} />)}
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body class="print-page">
        <main id="main" class="wrap">
          <p class="noprint toolbar"><a href={docHref(p.unit.slug, doc.id)}>{T({ zh: '返回正文页', en: 'Back to the document page' })}</a></p>
          <p class="print-site">{c.site.siteName} · {T(M.disclosure)}</p>
          <DocumentArticle {...p} />
          <footer class="print-footer">
            <p>{T({ zh: '本页地址', en: 'Address' })}：{p.canonicalUrl}</p>
          </footer>
        </main>
      </body>
    </html>
  );
}

export { TopicIndexPage, TopicPage } from './topics.tsx';
