/**
 * Urgent 专题 (issue #11 item 6): /admin/portal/topics where system admins (document.topics.manage)
 * flag a top-level topic urgent — CSRF, audited by the command, every cached public page dropped so
 * each home page shows the banner at once — and the public timeline /topics/:topic/timeline.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../core/http/errors.ts';
import { can } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { emitDocumentsChanged } from '../../documents/commands.ts';
import { publicTopic } from '../../documents/store/queries.ts';
import { topicDocumentPage } from '../../documents/store/topic-page.ts';
import '../../documents/policy.ts';
import { setTopicUrgent } from '../commands.ts';
import { topLevelTopics } from '../store/urgent.ts';
import { TimelinePage, UrgentTopicsPage } from '../views/urgent.tsx';
import '../demo/urgent.ts';

ADMIN_NAV.push({ key: 'portal-topics', href: '/admin/portal/topics', label: { zh: '专题紧急关注', en: 'Urgent topics' }, action: 'document.topics.manage', order: 89 });

const TIMELINE_PER_PAGE = 50;

export default async function portalUrgentRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get<{ Params: { topic: string }; Querystring: { page?: string } }>('/topics/:topic/timeline', async (req, reply) => {
    const t = await publicTopic(db, req.params.topic);
    if (!t) throw notFound({ zh: '专题', en: 'topic' });
    const raw = req.query.page;
    const page = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
    const list = await topicDocumentPage(db, t.topic.key, page, TIMELINE_PER_PAGE);
    const base = `/topics/${t.topic.slug}/timeline`;
    return reply.type('text/html; charset=utf-8').send(renderHtml(TimelinePage({ c: viewContext(req, reply), topic: t.topic, list, base })));
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, o: { status?: number; saved?: boolean; errorFor?: number; errors?: Record<string, Msg>; values?: { urgent: boolean; note: string } } = {}) =>
    reply.code(o.status ?? 200).type('text/html; charset=utf-8').send(renderHtml(UrgentTopicsPage({ c: viewContext(req, reply), topics: await topLevelTopics(db), ...o })));

  await adminRoutes(app, async (s) => {
    s.addHook('preHandler', async (req) => {
      if (!can(req.actor, 'document.topics.manage')) throw forbidden();
    });

    s.get<{ Querystring: { saved?: string } }>('/admin/portal/topics', async (req, reply) => page(req, reply, { saved: req.query.saved === '1' }));

    s.post<{ Params: { id: string } }>('/admin/portal/topics/:id/urgent', async (req, reply) => {
      if (!/^[1-9]\d{0,9}$/.test(req.params.id)) throw badRequest({ zh: '专题编号无效', en: 'Invalid topic id' });
      const id = Number(req.params.id);
      const body = formBody(req);
      const values = { urgent: body.urgent === '1', note: body.note ?? '' };
      try {
        await setTopicUrgent(db, commandContext(req), id, values);
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, { status: e.status, errorFor: id, errors: e.fields, values });
        throw e;
      }
      // every home page (cached or not) shows or drops the banner
      emitDocumentsChanged({ unitIds: [], documentIds: [], kind: 'edit', all: true });
      return reply.redirect('/admin/portal/topics?saved=1', 303);
    });
  });
}
