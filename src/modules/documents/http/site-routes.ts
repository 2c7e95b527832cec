/**
 * Site-level public files of the documents module, through the page cache:
 *   /feed.xml, /atom.xml                       the whole cluster's newest documents
 *   /topics/<slug>/feed.xml|atom.xml            one per 专题 (sections included)
 *   /sitemap.xml (an index past the per-file limit), /sitemap-<n>.xml
 * The sitemap lists the site's pages (store/sitemap-urls.ts: portal pages, unit homes, columns,
 * 专题, annual reports) and then every published document, in that order across the parts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../../core/db/index.ts';
import { notFound } from '../../../core/http/errors.ts';
import { TAG } from '../cache/cache.ts';
import { FEED_SIZE } from './feeds.ts';
import { listPublicDocuments } from '../store/repository.ts';
import { publicDocumentCount, publicDocumentRange, publicTopic } from '../store/queries.ts';
import { renderSitemapIndex, renderUrlset, sitemapParts, sitemapSettings, type SitemapUrl } from './sitemap.ts';
import { siteUrls } from '../store/sitemap-urls.ts';
import type { FeedSource, Rendered } from './portal-routes.tsx';

const PAGE = { zh: '页面', en: 'page' };
const XML = 'application/xml; charset=utf-8';

export interface SiteRouteHelpers {
  db: DbOrTx;
  base: string;
  cached: (req: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered | { redirect: string }>) => Promise<unknown>;
  feedResponse: (kind: 'rss' | 'atom', o: FeedSource) => Rendered;
}

export async function siteRoutes(app: FastifyInstance, h: SiteRouteHelpers) {
  const { db, base, cached, feedResponse } = h;

  for (const [file, kind] of [['feed.xml', 'rss'], ['atom.xml', 'atom']] as const) {
    app.get(`/${file}`, async (req, reply) => cached(req, reply, async () => {
      const list = await listPublicDocuments(db, {}, { limit: FEED_SIZE });
      return feedResponse(kind, { title: `${app.deps.cfg.siteName} · 最新信息`, page: '/latest', self: `/${file}`, items: list.data, extraTags: [] });
    }));
    app.get<{ Params: { topic: string } }>(`/topics/:topic/${file}`, async (req, reply) => cached(req, reply, async () => {
      const t = await publicTopic(db, req.params.topic);
      if (!t) throw notFound({ zh: '专题', en: 'topic' });
      const list = await listPublicDocuments(db, { topicKey: t.topic.key }, { limit: FEED_SIZE });
      return feedResponse(kind, { title: `${t.topic.name_zh} · 专题`, page: `/topics/${t.topic.slug}`, self: `/topics/${t.topic.slug}/${file}`, items: list.data, extraTags: [TAG.topics, TAG.topic(t.topic.slug)] });
    }));
  }

  const docUrl = (r: { id: number; unit_slug: string; updated_at: Date }): SitemapUrl => ({ loc: `${base}/u/${r.unit_slug}/doc/${r.id}`, lastmod: new Date(r.updated_at).toISOString() });
  const abs = (u: SitemapUrl): SitemapUrl => ({ ...u, loc: base + u.loc });

  /** URLs [offset, offset + limit) of the whole list: the site's pages first, then the documents. */
  async function slice(site: SitemapUrl[], offset: number, limit: number): Promise<SitemapUrl[]> {
    const own = site.slice(offset, offset + limit).map(abs);
    const docs = await publicDocumentRange(db, Math.max(0, offset - site.length), limit - own.length);
    return [...own, ...docs.map(docUrl)];
  }

  app.get('/sitemap.xml', async (req, reply) => cached(req, reply, async () => {
    const [{ total, last }, site] = await Promise.all([publicDocumentCount(db), siteUrls(db)]);
    const per = sitemapSettings.perFile;
    const parts = sitemapParts(total + site.length, per);
    const body = parts
      ? renderSitemapIndex(Array.from({ length: parts }, (_, i) => ({ loc: `${base}/sitemap-${i + 1}.xml`, lastmod: last?.toISOString() ?? null })))
      : renderUrlset(await slice(site, 0, per));
    return { body, type: XML, tags: [TAG.sitemap], lastModified: last, canonical: '/sitemap.xml' };
  }));

  app.get<{ Params: { part: string } }>('/sitemap-:part.xml', async (req, reply) => cached(req, reply, async () => {
    const part = /^[1-9]\d{0,4}$/.test(req.params.part) ? Number(req.params.part) : 0;
    const per = sitemapSettings.perFile;
    const [{ total }, site] = await Promise.all([publicDocumentCount(db), siteUrls(db)]);
    if (!part || part > sitemapParts(total + site.length, per)) throw notFound(PAGE);
    const urls = await slice(site, (part - 1) * per, per);
    const last = urls.reduce<Date | null>((a, u) => (u.lastmod && (!a || new Date(u.lastmod) > a) ? new Date(u.lastmod) : a), null);
    return { body: renderUrlset(urls), type: XML, tags: [TAG.sitemap], lastModified: last, canonical: `/sitemap-${part}.xml` };
  }));
}
