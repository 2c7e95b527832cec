/** Units: the public list API and the admin pages. Handlers are thin; commands do the work. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound } from '../../../core/http/errors.ts';
import { scopePaths, can, type Actor } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { allowedChildTypes, typeAllowedUnder } from '../domain/types.ts';
import { listUnits, unitById, type UnitListRow } from '../store/repository.ts';
import { createUnit, updateUnit } from '../commands/units.ts';
import { activateUnit, deactivateUnit, mergeImpact, mergeUnit, moveUnit } from '../commands/lifecycle.ts';
import { ChooseParentPage, UnitForm, UnitList } from '../views/units.tsx';
import { LifecyclePage, type LifecycleKind } from '../views/lifecycle.tsx';
// its CLI commands register with the command line when the module loads
import '../cli.ts';

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

const UNIT = { zh: '单位', en: 'unit' };
const HTML = 'text/html; charset=utf-8';

const DONE: Record<string, Msg> = {
  moved: { zh: '单位已迁移，其下级单位随之调整。', en: 'The unit and its sub-units were moved.' },
  merged: { zh: '单位已合并，历史记录保留在并入单位之下。', en: 'The unit was merged; its history stays under the receiving unit.' },
  deactivated: { zh: '单位已停用。', en: 'The unit was deactivated.' },
  activated: { zh: '单位已恢复。', en: 'The unit was reactivated.' },
};

export default async function unitRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  app.get(
    '/api/v1/units',
    {
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        summary: 'List the units of the site cluster (tree order: each unit after its parent)',
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

  /** Units under which this user may create one (active, and allowing at least one type below). */
  const parentsFor = async (actor: Actor | null) =>
    (await listUnits(db, { scope: scopePaths(actor, 'unit.create'), activeOnly: true })).filter((u) => allowedChildTypes(u.type).length > 0);

  /** A unit the user may see, or 404 (the same answer as a unit that does not exist). */
  const visibleUnit = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const u = await unitById(db, Number(req.params.id) || 0);
    if (!u || !can(req.actor, 'unit.view', u.path)) throw notFound(UNIT);
    return { ...u, level: 0 } as UnitListRow;
  };

  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));

  await adminRoutes(app, (s) => {
    s.get<{ Querystring: { done?: string } }>('/admin/units', async (req, reply) => {
      const units = await listUnits(db, { scope: scopePaths(req.actor, 'unit.view') });
      return send(reply, UnitList({ c: viewContext(req, reply), units, notice: DONE[String(req.query.done ?? '')] }));
    });

    s.get<{ Querystring: { parent?: string } }>('/admin/units/new', async (req, reply) => {
      const parents = await parentsFor(req.actor);
      if (!parents.length) throw new AppError(403, 'forbidden', { zh: '您没有新建单位的权限', en: 'You may not create units' });
      const code = String(req.query.parent ?? '').trim().toUpperCase();
      const c = viewContext(req, reply);
      const parent = code ? parents.find((u) => u.code === code) : parents.length === 1 ? parents[0] : undefined;
      if (!parent) {
        const errors = code ? { parent: { zh: '您不能在该单位之下新建单位，或该单位之下不能设立下级单位', en: 'You cannot create a unit under this one' } } : undefined;
        return send(reply, ChooseParentPage({ c, parents, errors }), errors ? 422 : 200);
      }
      return send(reply, UnitForm({ c, mode: 'create', values: { type: allowedChildTypes(parent.type)[0] }, parent }));
    });

    s.post('/admin/units', async (req, reply) => {
      const body = formBody(req);
      try {
        const u = await createUnit(db, commandContext(req), body);
        return reply.redirect(`/admin/units/${u.id}?created=1`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const parent = (await parentsFor(req.actor)).find((u) => u.code === String(body.parent_code ?? '').trim().toUpperCase());
          if (!parent) {
            return send(reply, ChooseParentPage({ c: viewContext(req, reply), parents: await parentsFor(req.actor), errors: { parent: e.fields.parent_code ?? e.fields.type ?? Object.values(e.fields)[0] } }), e.status);
          }
          return send(reply, UnitForm({ c: viewContext(req, reply), mode: 'create', values: body, errors: e.fields, parent }), e.status);
        }
        throw e;
      }
    });

    const editForm = async (req: FastifyRequest, reply: FastifyReply, u: UnitListRow, values: Record<string, unknown>, errors?: Record<string, Msg>, status = 200) => {
      const parent = u.parent_id === null ? null : ((await unitById(db, u.parent_id)) ?? null);
      const typeEditable = parent !== null && can(req.actor, 'unit.create', parent.path);
      return send(reply, UnitForm({ c: viewContext(req, reply), mode: 'update', values, errors, parent: parent ? { ...parent, level: 0 } : null, typeEditable, currentType: u.type, id: u.id }), status);
    };

    s.get<{ Params: { id: string } }>('/admin/units/:id', async (req, reply) => {
      const u = await visibleUnit(req);
      return editForm(req, reply, u, u as unknown as Record<string, unknown>);
    });

    s.post<{ Params: { id: string } }>('/admin/units/:id', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const body = formBody(req);
      try {
        await updateUnit(db, commandContext(req), id, body);
        return reply.redirect(`/admin/units?saved=${id}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const u = await visibleUnit(req);
          return editForm(req, reply, u, { ...u, ...body }, e.fields, e.status);
        }
        throw e;
      }
    });

    /** The lifecycle pages: the actor needs the action on the unit's parent (and, for a move, on the new one). */
    const lifecycle = async (req: FastifyRequest<{ Params: { id: string } }>, kind: LifecycleKind) => {
      const unit = await visibleUnit(req);
      const parentRow = unit.parent_id === null ? undefined : await unitById(db, unit.parent_id);
      const action = kind === 'deactivate' ? 'unit.deactivate' : `unit.${kind}`;
      if (!parentRow || !can(req.actor, action, parentRow.path)) throw forbidden();
      const parent = { ...parentRow, level: 0 } as UnitListRow;
      let choices: UnitListRow[] = [];
      if (kind === 'move') {
        choices = (await listUnits(db, { scope: scopePaths(req.actor, 'unit.move'), activeOnly: true }))
          .filter((x) => x.id !== parent.id && !x.path.startsWith(unit.path) && typeAllowedUnder(unit.type, x.type));
      } else if (kind === 'merge') {
        choices = (await listUnits(db, { scope: scopePaths(req.actor, 'unit.merge'), activeOnly: true })).filter((x) => !x.path.startsWith(unit.path));
      }
      const impact = kind === 'move' ? undefined : await mergeImpact(db, unit.id);
      return { unit, parent, choices, impact, today: shanghaiDate() };
    };

    const COMMANDS = {
      move: (req: FastifyRequest, id: number, b: Record<string, string>) => moveUnit(db, commandContext(req), id, b),
      merge: (req: FastifyRequest, id: number, b: Record<string, string>) => mergeUnit(db, commandContext(req), id, b),
      deactivate: (req: FastifyRequest, id: number, b: Record<string, string>) => deactivateUnit(db, commandContext(req), id, b),
    } as const;
    const DONE_KEY = { move: 'moved', merge: 'merged', deactivate: 'deactivated' } as const;

    for (const kind of ['move', 'merge', 'deactivate'] as const) {
      s.get<{ Params: { id: string } }>(`/admin/units/:id/${kind}`, async (req, reply) => {
        return send(reply, LifecyclePage({ c: viewContext(req, reply), kind, ...(await lifecycle(req, kind)) }));
      });
      s.post<{ Params: { id: string } }>(`/admin/units/:id/${kind}`, async (req, reply) => {
        const body = formBody(req);
        try {
          await COMMANDS[kind](req, Number(req.params.id) || 0, body);
          return reply.redirect(`/admin/units?done=${DONE_KEY[kind]}`, 303);
        } catch (e) {
          if (e instanceof AppError && (e.fields || e.status === 409)) {
            const page = await lifecycle(req, kind);
            return send(reply, LifecyclePage({ c: viewContext(req, reply), kind, ...page, values: body, errors: e.fields, problem: e.fields ? undefined : e.msg }), e.status);
          }
          throw e;
        }
      });
    }

    s.post<{ Params: { id: string } }>('/admin/units/:id/activate', async (req, reply) => {
      await activateUnit(db, commandContext(req), Number(req.params.id) || 0, formBody(req));
      return reply.redirect('/admin/units?done=activated', 303);
    });
  });
}

