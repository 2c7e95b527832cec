/** Portal routes: city home, unit home, the unit's 政府信息公开 index and its standard columns. */
import type { FastifyInstance } from 'fastify';
import { renderHtml } from '../../core/render/page.tsx';
import { viewContext } from '../../core/http/request.ts';
import { notFound } from '../../core/http/errors.ts';
import { ancestry, childrenOf, listUnits, rootUnit, unitBySlug } from '../units/repository.ts';
import { CityHome, UnitHome, XxgkIndex } from './views.tsx';
import { GuidePage } from './guide.tsx';

const UNIT = { zh: '单位', en: 'unit' };

export default async function portalRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get('/', async (req, reply) => {
    const root = await rootUnit(db);
    if (!root) throw notFound(UNIT);
    const units = await listUnits(db, { activeOnly: true });
    return reply.type('text/html; charset=utf-8').send(renderHtml(CityHome({ c: viewContext(req, reply), root, units })));
  });

  app.get('/xxgk/', async (_req, reply) => {
    const root = await rootUnit(db);
    if (!root) throw notFound(UNIT);
    return reply.redirect(`/u/${root.slug}/xxgk/`, 301);
  });

  app.get<{ Params: { slug: string } }>('/u/:slug', async (req, reply) => reply.redirect(`/u/${encodeURIComponent(req.params.slug)}/`, 301));

  app.get<{ Params: { slug: string } }>('/u/:slug/', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug);
    if (!unit) throw notFound(UNIT);
    const [ancestors, children] = await Promise.all([ancestry(db, unit), childrenOf(db, unit.id)]);
    return reply.type('text/html; charset=utf-8').send(renderHtml(UnitHome({ c: viewContext(req, reply), unit, ancestors, children })));
  });

  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug);
    if (!unit) throw notFound(UNIT);
    const ancestors = await ancestry(db, unit);
    return reply.type('text/html; charset=utf-8').send(renderHtml(XxgkIndex({ c: viewContext(req, reply), unit, ancestors })));
  });

  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/zn', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug);
    if (!unit) throw notFound(UNIT);
    return reply.type('text/html; charset=utf-8').send(renderHtml(GuidePage({ c: viewContext(req, reply), unit })));
  });
}
