/** Units: the public list API and the admin pages. Handlers are thin; commands do the work. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../core/http/request.ts';
import { AppError, notFound } from '../../core/http/errors.ts';
import { scopePaths, can, type Actor } from '../../core/auth/policy.ts';
import { adminRoutes } from '../admin/guard.ts';
import { listUnits, unitById } from './repository.ts';
import { createUnit, updateUnit } from './commands.ts';
import { UnitForm, UnitList } from './views.tsx';

const UnitJson = Type.Object({
  code: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  name_en: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  parent_code: Type.Union([Type.String(), Type.Null()]),
  slug: Type.String(),
  url: Type.String(),
});

export default async function unitRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  app.get(
    '/api/v1/units',
    {
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        summary: 'List the units of the site cluster',
        tags: ['units'],
        querystring: Type.Object({ type: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Object({ data: Type.Array(UnitJson), count: Type.Integer() }) },
      },
    },
    async (req) => {
      const { type } = req.query as { type?: string };
      const units = await listUnits(db, { activeOnly: true, type });
      const data = units.map((u) => ({
        code: u.code, name: u.name, short_name: u.short_name, name_en: u.name_en, type: u.type,
        parent_code: u.parent_code, slug: u.slug, url: `${cfg.publicUrl}/u/${u.slug}/`,
      }));
      return { data, count: data.length };
    },
  );

  await adminRoutes(app, (s) => {
    s.get('/admin/units', async (req, reply) => {
      const units = await listUnits(db, { scope: scopePaths(req.actor, 'unit.view') });
      return reply.type('text/html; charset=utf-8').send(renderHtml(UnitList({ c: viewContext(req, reply), units })));
    });

    const parentsFor = async (actor: Actor | null) => listUnits(db, { scope: scopePaths(actor, 'unit.create'), activeOnly: true });

    s.get('/admin/units/new', async (req, reply) => {
      const parents = await parentsFor(req.actor);
      if (!parents.length) throw new AppError(403, 'forbidden', { zh: '您没有新建单位的权限', en: 'You may not create units' });
      return reply.type('text/html; charset=utf-8').send(renderHtml(UnitForm({ c: viewContext(req, reply), mode: 'create', values: { type: 'department' }, parents })));
    });

    s.post('/admin/units', async (req, reply) => {
      const body = formBody(req);
      try {
        const u = await createUnit(db, commandContext(req), body);
        return reply.redirect(`/admin/units/${u.id}?created=1`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const parents = await parentsFor(req.actor);
          return reply.code(e.status).type('text/html; charset=utf-8').send(renderHtml(UnitForm({ c: viewContext(req, reply), mode: 'create', values: body, errors: e.fields, parents })));
        }
        throw e;
      }
    });

    s.get<{ Params: { id: string } }>('/admin/units/:id', async (req, reply) => {
      const u = await unitById(db, Number(req.params.id) || 0);
      if (!u || !can(req.actor, 'unit.view', u.path)) throw notFound({ zh: '单位', en: 'unit' });
      return reply.type('text/html; charset=utf-8').send(renderHtml(UnitForm({ c: viewContext(req, reply), mode: 'update', values: u as unknown as Record<string, unknown>, parents: [], id: u.id })));
    });

    s.post<{ Params: { id: string } }>('/admin/units/:id', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const body = formBody(req);
      try {
        await updateUnit(db, commandContext(req), id, body);
        return reply.redirect(`/admin/units?saved=${id}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const u = await unitById(db, id);
          return reply.code(e.status).type('text/html; charset=utf-8').send(renderHtml(UnitForm({ c: viewContext(req, reply), mode: 'update', values: { ...u, ...body }, errors: e.fields, parents: [], id })));
        }
        throw e;
      }
    });
  });
}
