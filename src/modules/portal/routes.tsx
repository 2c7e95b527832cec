/** Portal routes: city home, unit home, the unit's 政府信息公开 index and its standard columns. */
import type { FastifyInstance } from 'fastify';
import { renderHtml } from '../../core/render/page.tsx';
import { viewContext } from '../../core/http/request.ts';
import { notFound } from '../../core/http/errors.ts';
import { ancestry, childrenOf, listUnits, mergedInto, rootUnit, unitById, unitBySlug } from '../units/repository.ts';
import { CityHome, UnitHome, XxgkIndex } from './views.tsx';
import { GuidePage } from './guide.tsx';
import { activeTopics } from '../documents/store/queries.ts';
import { siteDocumentPage } from '../documents/store/site-page.ts';
import type { DbOrTx } from '../../core/db/index.ts';
import type { HomeData } from './views/home.tsx';
import portalListRoutes from './http/lists-routes.tsx';
import portalSiteRoutes from './http/site-routes.tsx';
import portalSettingsRoutes from './http/settings-routes.tsx';
import portalUrgentRoutes from './http/urgent-routes.tsx';
import { urgentTopics } from './store/urgent.ts';

/** What a home page lists: the urgent 专题, the newest documents and 解读 (of the unit, or of the whole cluster) and the 专题. */
async function homeData(db: DbOrTx, unitId?: number): Promise<HomeData> {
  const [latest, interpretations, topics, urgent] = await Promise.all([
    siteDocumentPage(db, { unitId }, 1, 8), siteDocumentPage(db, { unitId, interpretations: true }, 1, 5), activeTopics(db), urgentTopics(db),
  ]);
  return { latest: latest.items, interpretations: interpretations.items, topics, urgent };
}

const UNIT = { zh: '单位', en: 'unit' };

export default async function portalRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  await portalListRoutes(app);
  await portalSiteRoutes(app);
  await portalSettingsRoutes(app);
  await portalUrgentRoutes(app);

  app.get('/', async (req, reply) => {
    const root = await rootUnit(db);
    if (!root) throw notFound(UNIT);
    const [units, home] = await Promise.all([listUnits(db, { activeOnly: true }), homeData(db)]);
    return reply.type('text/html; charset=utf-8').send(renderHtml(CityHome({ c: viewContext(req, reply), root, units, home })));
  });

  app.get('/xxgk/', async (_req, reply) => {
    const root = await rootUnit(db);
    if (!root) throw notFound(UNIT);
    return reply.redirect(`/u/${root.slug}/xxgk/`, 301);
  });

  app.get<{ Params: { slug: string } }>('/u/:slug', async (req, reply) => reply.redirect(`/u/${encodeURIComponent(req.params.slug)}/`, 301));

  app.get<{ Params: { slug: string } }>('/u/:slug/', async (req, reply) => {
    // A deactivated or merged unit keeps its pages: what it published stays public (条例 第十条).
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    const [ancestors, children, merged, successor, home] = await Promise.all([
      ancestry(db, unit), childrenOf(db, unit.id), mergedInto(db, unit.id),
      unit.merged_into_id !== null ? unitById(db, unit.merged_into_id) : Promise.resolve(undefined),
      homeData(db, unit.id),
    ]);
    return reply.type('text/html; charset=utf-8').send(renderHtml(UnitHome({ c: viewContext(req, reply), unit, ancestors, children, merged, successor: successor ?? null, home })));
  });

  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    const ancestors = await ancestry(db, unit);
    return reply.type('text/html; charset=utf-8').send(renderHtml(XxgkIndex({ c: viewContext(req, reply), unit, ancestors })));
  });

  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/zn', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    // a deactivated unit has no guide to applying any more: its home says where to turn instead
    if (!unit.active) return reply.redirect(`/u/${encodeURIComponent(unit.slug)}/`, 303);
    return reply.type('text/html; charset=utf-8').send(renderHtml(GuidePage({ c: viewContext(req, reply), unit })));
  });
}
