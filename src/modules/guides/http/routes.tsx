/**
 * Service guides: public lists (`/guides`, `/u/:slug/guides`), a guide on one A4 page, 一件事 bundles,
 * `GET /api/v1/guides?unit=`, the panel of the 行政许可和服务事项 column, and the admin pages.
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode, unitById, unitBySlug, type Unit } from '../../units/repository.ts';
import { COLUMN_PANELS } from '../../documents/http/column-panels.ts';
import { deleteBundle, saveBundle, saveGuide, setGuideStatus } from '../commands.ts';
import { ELEMENTS, KIND_NAMES, type Kind } from '../domain/rules.ts';
import { bundleById, bundlesOfGuide, guideById, listBundles, listGuides, type GuideRow } from '../store/queries.ts';
import { BundlePage, GuideList, GuidePage, GuidesPanel, guideUrl } from '../views/public.tsx';
import { AdminGuideList, BundleForm, GuideForm } from '../views/admin.tsx';
import '../demo/guides.ts';

ADMIN_NAV.push({ key: 'guides', href: '/admin/guides', label: { zh: '办事指南', en: 'Service guides' }, action: 'guide.view', order: 77 });

// 条例 第二十条第五项: the 行政许可和服务事项 column shows the unit's guides above its documents.
COLUMN_PANELS.set('licensing-and-services', async (db, unit, c) => GuidesPanel({ c, unit, guides: await listGuides(db, { unitId: unit.id, publishedOnly: true }) }));

const HTML = 'text/html; charset=utf-8';
const UNIT: Msg = { zh: '单位', en: 'unit' };
const GUIDE: Msg = { zh: '办事指南', en: 'service guide' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' },
  published: { zh: '已发布，门户已显示。', en: 'Published: it shows on the portal.' },
  withdrawn: { zh: '已撤下，门户不再显示。', en: 'Withdrawn from the portal.' },
  draft: { zh: '已退回草稿。', en: 'Back to draft.' },
  deleted: { zh: '已删除。', en: 'Deleted.' },
};

/** A search term: trimmed, at most 60 characters. */
function queryOf(raw: unknown): string {
  const q = typeof raw === 'string' ? raw.trim() : '';
  if (q.length > 60) throw badRequest({ zh: '查找内容不能超过 60 个字', en: 'At most 60 characters' }, { q: { zh: '查找内容不能超过 60 个字', en: 'At most 60 characters' } });
  return q;
}

const GuideJson = Type.Object({
  id: Type.Integer(), url: Type.String(), unit_code: Type.String(), unit_name: Type.String(),
  kind: Type.String(), kind_name: Type.String(), code: Type.String(),
  name: Type.String(), basis: Type.String(), conditions: Type.String(), materials: Type.String(), place: Type.String(),
  office: Type.String(), fees: Type.String(), hours: Type.String(), phone: Type.String(), process: Type.String(),
  time_limit: Type.String(), online_url: Type.String(), published_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export default async function guideRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  const json = (g: GuideRow) => ({
    id: g.id, url: cfg.publicUrl + guideUrl(g), unit_code: g.unit_code, unit_name: g.unit_name,
    kind: g.kind, kind_name: KIND_NAMES[g.kind as Kind]?.zh ?? g.kind, code: g.code,
    ...Object.fromEntries(ELEMENTS.map((k) => [k, g[k]])) as Record<(typeof ELEMENTS)[number], string>,
    time_limit: g.time_limit, online_url: g.online_url, published_at: g.published_at ? new Date(g.published_at).toISOString() : null,
  });

  app.get('/api/v1/guides', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Published service guides (办事指南) with their ten elements, of a unit and the units below it, or of the whole cluster',
      tags: ['units'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        q: Type.Optional(Type.String({ maxLength: 60, description: 'words of the service name or its code' })),
      }),
      response: { 200: Type.Object({ data: Type.Array(GuideJson), count: Type.Integer() }) },
    },
  }, async (req) => {
    const query = req.query as { unit?: string; q?: string };
    const code = String(query.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound(UNIT);
      subtreeOf = unit.path;
    }
    const data = (await listGuides(db, { subtreeOf, publishedOnly: true, q: queryOf(query.q) })).map(json);
    return { data, count: data.length };
  });

  type PubReq = FastifyRequest<{ Params: { slug: string; id: string }; Querystring: { q?: string } }>;
  const unitOf = async (req: PubReq) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    return unit;
  };
  app.get('/guides', async (req: PubReq, reply) => {
    const q = queryOf(req.query.q);
    const [guides, bundles] = await Promise.all([listGuides(db, { publishedOnly: true, q }), q ? [] : listBundles(db, {})]);
    return send(reply, GuideList({ c: viewContext(req, reply), unit: null, guides, bundles, q }));
  });
  app.get('/u/:slug/guides', async (req: PubReq, reply) => {
    const unit = await unitOf(req);
    const q = queryOf(req.query.q);
    const [guides, bundles] = await Promise.all([listGuides(db, { subtreeOf: unit.path, publishedOnly: true, q }), q ? [] : listBundles(db, { subtreeOf: unit.path })]);
    return send(reply, GuideList({ c: viewContext(req, reply), unit, guides, bundles, q }));
  });
  app.get('/u/:slug/guides/:id', async (req: PubReq, reply) => {
    const unit = await unitOf(req);
    const guide = await guideById(db, idOf(req.params.id));
    if (!guide || guide.status !== 'published') throw notFound(GUIDE);
    if (guide.unit_id !== unit.id) return reply.redirect(guideUrl(guide), 301);
    return send(reply, GuidePage({ c: viewContext(req, reply), unit, guide, bundles: await bundlesOfGuide(db, guide.id) }));
  });
  app.get('/u/:slug/guides/bundles/:id', async (req: PubReq, reply) => {
    const unit = await unitOf(req);
    const b = await bundleById(db, idOf(req.params.id));
    if (!b) throw notFound({ zh: '"一件事"', en: 'bundle' });
    if (b.unit_id !== unit.id) {
      const owner = await unitById(db, b.unit_id);
      return reply.redirect(`/u/${owner!.slug}/guides/bundles/${b.id}`, 301);
    }
    return send(reply, BundlePage({ c: viewContext(req, reply), unit, name: b.name, description: b.description, guides: b.guides.filter((g) => g.status === 'published') }));
  });

  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { unit?: string; done?: string } }>;
  const visibleGuide = async (req: Req): Promise<{ guide: GuideRow; unit: Unit }> => {
    const guide = await guideById(db, idOf(req.params.id));
    const unit = guide ? await unitById(db, guide.unit_id) : undefined;
    if (!guide || !unit || !can(req.actor, 'guide.view', unit.path)) throw notFound(GUIDE);
    return { guide, unit };
  };
  const unitForNew = async (req: Req, action: string) => {
    const unit = await unitById(db, idOf(req.query.unit));
    if (!unit || !unit.active || !can(req.actor, action, unit.path)) throw notFound(UNIT);
    return unit;
  };
  const guideForm = (req: Req, reply: FastifyReply, unit: Unit, guide: GuideRow | null, values: Record<string, unknown>, errors?: Record<string, Msg>, status = 200) =>
    send(reply, GuideForm({ c: viewContext(req, reply), unit, guide, values, errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  const bundleForm = async (req: Req, reply: FastifyReply, unit: Unit, bundleId: number | null, values: { name?: string; description?: string; guides: string[] }, errors?: Record<string, Msg>, status = 200) =>
    send(reply, BundleForm({ c: viewContext(req, reply), unit, bundleId, values, errors, choices: await listGuides(db, { subtreeOf: unit.path }) }), status);
  const bundleValues = (req: FastifyRequest) => {
    const f = formBody(req);
    return { name: f.name, description: f.description, guides: formBodyAll(req, 'guides') };
  };
  /** Renders the form again with the field errors of a refused command; other errors go on. */
  const orForm = async (e: unknown, render: (errors: Record<string, Msg>, status: number) => unknown) => {
    if (e instanceof AppError && e.fields) return render(e.fields, e.status);
    throw e;
  };

  await adminRoutes(app, async (s) => {
    s.get('/admin/guides', async (req: Req, reply) => {
      const scope = scopePaths(req.actor, 'guide.view');
      const [guides, bundles, units, bundleUnits] = await Promise.all([
        listGuides(db, { scope, limit: 1000 }), listBundles(db, { scope }),
        listUnits(db, { scope: scopePaths(req.actor, 'guide.edit'), activeOnly: true }), listUnits(db, { scope: scopePaths(req.actor, 'guide.publish'), activeOnly: true }),
      ]);
      return send(reply, AdminGuideList({ c: viewContext(req, reply), guides, bundles, units, bundleUnits, notice: DONE[String(req.query.done ?? '')] }));
    });
    s.get('/admin/guides/new', async (req: Req, reply) => guideForm(req, reply, await unitForNew(req, 'guide.edit'), null, {}));
    s.post('/admin/guides', async (req: Req, reply) => {
      const unit = await unitForNew(req, 'guide.edit');
      const body = formBody(req);
      try {
        // a resent form (its one-time key) opens the guide the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'guide', userId: req.actor?.userId, body }, async () => `/admin/guides/${await saveGuide(db, commandContext(req), { id: null, unitId: unit.id }, body)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        return orForm(e, (errors, status) => guideForm(req, reply, unit, null, body, errors, status));
      }
    });
    s.get('/admin/guides/:id', async (req: Req, reply) => {
      const { guide, unit } = await visibleGuide(req);
      return guideForm(req, reply, unit, guide, guide as unknown as Record<string, unknown>);
    });
    s.post('/admin/guides/:id', async (req: Req, reply) => {
      const { guide, unit } = await visibleGuide(req);
      const body = formBody(req);
      try {
        await saveGuide(db, commandContext(req), { id: guide.id, unitId: unit.id }, body);
        return reply.redirect(`/admin/guides/${guide.id}?done=saved`, 303);
      } catch (e) {
        return orForm(e, (errors, status) => guideForm(req, reply, unit, guide, body, errors, status));
      }
    });
    s.post('/admin/guides/:id/status', async (req: Req, reply) => {
      const { guide, unit } = await visibleGuide(req);
      const to = formBody(req).to;
      if (to !== 'published' && to !== 'withdrawn' && to !== 'draft') throw badRequest({ zh: '未知的操作', en: 'Unknown action' });
      try {
        await setGuideStatus(db, commandContext(req), guide.id, to);
        return reply.redirect(`/admin/guides/${guide.id}?done=${to}`, 303);
      } catch (e) {
        return orForm(e, (errors, status) => guideForm(req, reply, unit, guide, guide as unknown as Record<string, unknown>, errors, status));
      }
    });

    s.get('/admin/guides/bundles/new', async (req: Req, reply) => bundleForm(req, reply, await unitForNew(req, 'guide.publish'), null, { guides: [] }));
    s.post('/admin/guides/bundles', async (req: Req, reply) => {
      const unit = await unitForNew(req, 'guide.publish');
      const values = bundleValues(req);
      try {
        const id = await saveBundle(db, commandContext(req), { id: null, unitId: unit.id }, values);
        return reply.redirect(`/admin/guides/bundles/${id}?done=saved`, 303);
      } catch (e) {
        return orForm(e, (errors, status) => bundleForm(req, reply, unit, null, values, errors, status));
      }
    });
    const visibleBundle = async (req: Req) => {
      const b = await bundleById(db, idOf(req.params.id));
      const unit = b ? await unitById(db, b.unit_id) : undefined;
      if (!b || !unit || !can(req.actor, 'guide.view', unit.path)) throw notFound({ zh: '"一件事"', en: 'bundle' });
      return { b, unit };
    };
    s.get('/admin/guides/bundles/:id', async (req: Req, reply) => {
      const { b, unit } = await visibleBundle(req);
      return bundleForm(req, reply, unit, b.id, { name: b.name, description: b.description, guides: b.guides.map((g) => String(g.id)) });
    });
    s.post('/admin/guides/bundles/:id', async (req: Req, reply) => {
      const { b, unit } = await visibleBundle(req);
      const values = bundleValues(req);
      try {
        await saveBundle(db, commandContext(req), { id: b.id, unitId: unit.id }, values);
        return reply.redirect(`/admin/guides/bundles/${b.id}?done=saved`, 303);
      } catch (e) {
        return orForm(e, (errors, status) => bundleForm(req, reply, unit, b.id, values, errors, status));
      }
    });
    s.post('/admin/guides/bundles/:id/delete', async (req: Req, reply) => {
      const { b } = await visibleBundle(req);
      await deleteBundle(db, commandContext(req), b.id);
      return reply.redirect('/admin/guides?done=deleted', 303);
    });
  });
}
