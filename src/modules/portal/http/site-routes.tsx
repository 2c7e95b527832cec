/**
 * Site-level public routes: /robots.txt (the console, the search pages and preferences are kept
 * out of search engines; the sitemap is announced), /sitemap (网站地图) and /contact (联系我们).
 */
import type { FastifyInstance } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { viewContext } from '../../../core/http/request.ts';
import { activeTopics } from '../../documents/store/queries.ts';
import { listUnits } from '../../units/repository.ts';
import { ContactPage, SiteMapPage } from '../views/site.tsx';

/** Paths crawlers are asked to leave alone: the console, search results (endless), display switches. */
export const ROBOTS_DISALLOW = ['/admin', '/search', '/api/v1/search', '/prefs'];

export function robotsTxt(publicUrl: string): string {
  return ['User-agent: *', ...ROBOTS_DISALLOW.map((p) => `Disallow: ${p}`), '', `Sitemap: ${publicUrl.replace(/\/$/, '')}/sitemap.xml`, ''].join('\n');
}

export default async function portalSiteRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const HTML = 'text/html; charset=utf-8';

  app.get('/robots.txt', async (_req, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(cfg.publicUrl)));

  app.get('/sitemap', async (req, reply) => {
    const [units, topics] = await Promise.all([listUnits(db), activeTopics(db)]);
    return reply.type(HTML).send(renderHtml(SiteMapPage({ c: viewContext(req, reply), units, topics })));
  });

  app.get('/contact', async (req, reply) => {
    const units = await listUnits(db, { activeOnly: true });
    return reply.type(HTML).send(renderHtml(ContactPage({ c: viewContext(req, reply), units })));
  });
}
