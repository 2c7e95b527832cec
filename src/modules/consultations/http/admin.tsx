/**
 * Admin pages of 重大行政决策 participation (/admin/consultations…), scoped to the user's units, and the
 * moderation queue on the dashboard of everyone who may moderate.
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { DASHBOARD_QUEUES, QUEUE_SIZE } from '../../admin/queues.tsx';
import { listUnits, unitById } from '../../units/repository.ts';
import { decryptPii } from '../../../core/pii/crypto.ts';
import { moderateComment, publishConsultation, publishFeedback, publishHearingRecord, saveConsultation, saveDecision, saveHearing, selectSignup, setDecisionStatus } from '../commands/editorial.ts';
import { keptInScope } from '../../../core/commands/kept.ts';
import { keptRoutes } from '../../admin/kept.tsx';
import { KEPT_COMMENTS } from '../commands/kept.ts';
import { commentsOf, consultationById, decisionById, hearingsOf, listConsultations, listDecisions, pendingComments, relatedDocuments, signupsOf } from '../store/queries.ts';
import { AdminList, ConsultationPage, DecisionPage, NewConsultationPage } from '../views/admin.tsx';

ADMIN_NAV.push({ key: 'consultations', href: '/admin/consultations', label: { zh: '意见征集', en: 'Consultations' }, action: 'consultation.view', order: 78 });

DASHBOARD_QUEUES.push(async ({ req, roles }) => {
  const scope = scopePaths(req.actor, 'consultation.moderate');
  if (!scope.length) return [];
  const { rows, total } = await pendingComments(req.server.deps.db, scope, QUEUE_SIZE);
  return [{
    key: 'consultations.moderate', role: roles.has('editor') ? 'editor' : roles.has('reviewer') ? 'reviewer' : 'unit_admin', title: { zh: '待审核的公众意见', en: 'Public comments awaiting moderation' },
    items: rows.map((r) => ({ title: r.consultation_title, href: `/admin/consultations/${r.consultation_id}#comment-${r.id}`, ref: `#${r.id}`, unit: r.unit_name, since: r.created_at, note: r.body.slice(0, 40) })),
    total, href: '/admin/consultations#h-pending',
  }];
});

const HTML = 'text/html; charset=utf-8';
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' }, published: { zh: '征求意见已发布。', en: 'The call for comments is published.' },
  moderated: { zh: '已审核。', en: 'Moderated.' }, feedback: { zh: '采纳情况已公布。', en: 'The feedback is published.' },
  status: { zh: '状态已更新。', en: 'Status updated.' }, hearing: { zh: '听证会已保存。', en: 'Hearing saved.' }, record: { zh: '听证会记录已公布。', en: 'The record is published.' },
};

type Req = FastifyRequest<{ Params: { id: string; sid?: string }; Querystring: { unit?: string; done?: string } }>;

export default async function consultationAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  const NOT = { zh: '征求意见', en: 'consultation' };

  const visibleDecision = async (req: Req, id: number) => {
    const d = await decisionById(db, id);
    if (!d || !can(req.actor, 'consultation.view', d.unit_path)) throw notFound({ zh: '决策事项', en: 'decision' });
    return d;
  };
  const visibleConsultation = async (req: Req, id: number) => {
    const k = await consultationById(db, id);
    if (!k || !can(req.actor, 'consultation.view', k.unit_path)) throw notFound(NOT);
    return k;
  };
  const consultationPage = async (req: Req, reply: FastifyReply, id: number, o: { values?: Record<string, unknown>; errors?: Record<string, Msg>; section?: string; error?: Msg; status?: number; contact?: { id: number; value: string } } = {}) => {
    const k = await visibleConsultation(req, id);
    const [related, comments, hearings] = await Promise.all([relatedDocuments(db, id), commentsOf(db, id), hearingsOf(db, id)]);
    const signups = await signupsOf(db, hearings.map((h) => h.id));
    return send(reply, ConsultationPage({ c: viewContext(req, reply), data: { k, related, comments, hearings, signups, today: shanghaiDate(), unitPath: k.unit_path }, notice: DONE[String(req.query?.done ?? '')], ...o }), o.status);
  };
  /** Runs a command; a 4xx comes back on the page (fields beside the form, else a message), anything else is thrown. */
  const attempt = async (req: Req, reply: FastifyReply, id: number, section: string, run: () => Promise<unknown>, done: string, values: Record<string, unknown> = {}) => {
    try {
      await run();
      return reply.redirect(`/admin/consultations/${id}?done=${done}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
      return consultationPage(req, reply, id, e.fields ? { values, errors: e.fields, section, status: e.status } : { error: e.msg, status: e.status });
    }
  };

  await adminRoutes(app, async (s) => {
    keptRoutes(s, {
      kind: KEPT_COMMENTS, base: '/admin/consultations/kept', section: { current: 'consultations', href: '/admin/consultations', label: { zh: '意见征集', en: 'Consultations' } },
      title: { zh: '暂存的公众意见', en: 'Kept public comments' },
      show: (p) => [[{ zh: '姓名', en: 'Name' }, String(p.name ?? '') || '—'], [{ zh: '意见', en: 'Comment' }, String(p.body ?? '')]],
      recovered: (r) => `/admin/consultations/${r.parentId}#comment-${r.id}`,
    });
    s.get('/admin/consultations', async (req: Req, reply) => {
      const scope = scopePaths(req.actor, 'consultation.view');
      const [decisions, consultations, pending, units, kept] = await Promise.all([
        listDecisions(db, { scope }), listConsultations(db, { scope }), pendingComments(db, scopePaths(req.actor, 'consultation.moderate')),
        listUnits(db, { scope: scopePaths(req.actor, 'consultation.edit'), activeOnly: true }), keptInScope(db, KEPT_COMMENTS, scopePaths(req.actor, KEPT_COMMENTS.rule)),
      ]);
      return send(reply, AdminList({ c: viewContext(req, reply), decisions, consultations, pending, units, kept, today: shanghaiDate(), notice: DONE[String(req.query.done ?? '')] }));
    });

    const unitForNew = async (req: Req) => {
      const unit = await unitById(db, idOf(req.query.unit));
      if (!unit || !can(req.actor, 'consultation.edit', unit.path)) throw notFound({ zh: '单位', en: 'unit' });
      return unit;
    };
    s.get('/admin/consultations/decisions/new', async (req: Req, reply) => {
      const unit = await unitForNew(req);
      return send(reply, DecisionPage({ c: viewContext(req, reply), unitName: unit.name, unitId: unit.id, unitPath: unit.path, decision: null, consultations: [], values: { year: shanghaiDate().slice(0, 4), undertaker: unit.name } }));
    });
    s.post('/admin/consultations/decisions', async (req: Req, reply) => {
      const unit = await unitForNew(req);
      const body = formBody(req);
      try {
        // a resent form (its one-time key) opens the entry the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'decision', userId: req.actor?.userId, body }, async () => `/admin/consultations/decisions/${await saveDecision(db, commandContext(req), { id: null, unitId: unit.id }, body)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return send(reply, DecisionPage({ c: viewContext(req, reply), unitName: unit.name, unitId: unit.id, unitPath: unit.path, decision: null, consultations: [], values: body, errors: e.fields }), e.status);
        throw e;
      }
    });
    const decisionPage = async (req: Req, reply: FastifyReply, o: { values?: Record<string, unknown>; errors?: Record<string, Msg>; statusErrors?: Record<string, Msg>; status?: number } = {}) => {
      const d = await visibleDecision(req, idOf(req.params.id));
      const consultations = await listConsultations(db, { decisionId: d.id });
      return send(reply, DecisionPage({ c: viewContext(req, reply), unitName: d.unit_name, unitId: d.unit_id, unitPath: d.unit_path, decision: d, consultations, values: o.values ?? (d as unknown as Record<string, unknown>), errors: o.errors, statusErrors: o.statusErrors, notice: DONE[String(req.query.done ?? '')] }), o.status);
    };
    s.get('/admin/consultations/decisions/:id', async (req: Req, reply) => decisionPage(req, reply));
    s.post('/admin/consultations/decisions/:id', async (req: Req, reply) => {
      const d = await visibleDecision(req, idOf(req.params.id));
      const body = formBody(req);
      try {
        await saveDecision(db, commandContext(req), { id: d.id, unitId: d.unit_id }, body);
        return reply.redirect(`/admin/consultations/decisions/${d.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return decisionPage(req, reply, { values: body, errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.post('/admin/consultations/decisions/:id/status', async (req: Req, reply) => {
      const d = await visibleDecision(req, idOf(req.params.id));
      try {
        await setDecisionStatus(db, commandContext(req), d.id, formBody(req));
        return reply.redirect(`/admin/consultations/decisions/${d.id}?done=status`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return decisionPage(req, reply, { statusErrors: e.fields, status: e.status });
        throw e;
      }
    });
    s.get('/admin/consultations/decisions/:id/new', async (req: Req, reply) => {
      const d = await visibleDecision(req, idOf(req.params.id));
      if (!can(req.actor, 'consultation.edit', d.unit_path)) throw notFound({ zh: '决策事项', en: 'decision' });
      return send(reply, NewConsultationPage({ c: viewContext(req, reply), decision: d, values: { title: `关于《${d.title}》公开征求意见的公告` } }));
    });
    s.post('/admin/consultations/decisions/:id/consultations', async (req: Req, reply) => {
      const d = await visibleDecision(req, idOf(req.params.id));
      const body = formBody(req);
      try {
        // a resent form (its one-time key) opens the consultation the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: `consultation:${d.id}`, userId: req.actor?.userId, body }, async () =>
          `/admin/consultations/${await saveConsultation(db, commandContext(req), { id: null, decisionId: d.id }, body)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return send(reply, NewConsultationPage({ c: viewContext(req, reply), decision: d, values: body, errors: e.fields }), e.status);
        throw e;
      }
    });

    s.get('/admin/consultations/:id', async (req: Req, reply) => consultationPage(req, reply, idOf(req.params.id)));
    s.post('/admin/consultations/:id', async (req: Req, reply) => {
      const k = await visibleConsultation(req, idOf(req.params.id));
      const body = formBody(req);
      return attempt(req, reply, k.id, 'edit', () => saveConsultation(db, commandContext(req), { id: k.id, decisionId: k.decision_id }, body), 'saved', body);
    });
    s.post('/admin/consultations/:id/publish', async (req: Req, reply) => {
      const k = await visibleConsultation(req, idOf(req.params.id));
      return attempt(req, reply, k.id, 'publish', () => publishConsultation(db, commandContext(req), k.id), 'published');
    });
    s.post('/admin/consultations/:id/feedback', async (req: Req, reply) => {
      const k = await visibleConsultation(req, idOf(req.params.id));
      const body = formBody(req);
      return attempt(req, reply, k.id, 'feedback', () => publishFeedback(db, commandContext(req), k.id, body), 'feedback', body);
    });
    s.post('/admin/consultations/:id/hearings', async (req: Req, reply) => {
      const k = await visibleConsultation(req, idOf(req.params.id));
      const body = formBody(req);
      // the same hearing form sent again schedules nothing more (#14.8)
      const run = () => onceByFormToken(db, cfg.piiKeys, { scope: `hearing:${k.id}`, userId: req.actor?.userId, body }, async () => {
        await saveHearing(db, commandContext(req), { id: null, consultationId: k.id }, body);
        return `/admin/consultations/${k.id}?done=hearing`;
      });
      return attempt(req, reply, k.id, 'hearing', run, 'hearing', body);
    });
    const commentOf = async (req: Req) => {
      const row = await db.selectFrom('consultation_comments').select(['id', 'consultation_id', 'contact_enc']).where('id', '=', idOf(req.params.id) || 0).executeTakeFirst();
      if (!row) throw notFound({ zh: '意见', en: 'comment' });
      const k = await visibleConsultation(req, row.consultation_id);
      return { row, k };
    };
    s.post('/admin/consultations/comments/:id/moderate', async (req: Req, reply) => {
      const { row, k } = await commentOf(req);
      return attempt(req, reply, k.id, 'moderate', () => moderateComment(db, commandContext(req), row.id, formBody(req)), 'moderated');
    });
    // the contact is shown only on request, to those who moderate, and each look is audited
    s.post('/admin/consultations/comments/:id/contact', async (req: Req, reply) => {
      const { row, k } = await commentOf(req);
      if (!can(req.actor, 'consultation.moderate', k.unit_path)) throw notFound({ zh: '意见', en: 'comment' });
      const ctx = commandContext(req);
      await inTransaction(db, (tx) => recordAudit(tx, ctx.audit, { action: 'consultation.contact.view', unitId: k.unit_id, subjectType: 'consultation', subjectId: k.id, summary: { comment: row.id } }));
      return consultationPage(req, reply, k.id, { contact: { id: row.id, value: decryptPii(cfg.piiKeys, 'contact', row.contact_enc) } });
    });
    const hearingOf = async (req: Req) => {
      const h = await db.selectFrom('hearings').select(['id', 'consultation_id']).where('id', '=', idOf(req.params.id) || 0).executeTakeFirst();
      if (!h) throw notFound({ zh: '听证会', en: 'hearing' });
      return { h, k: await visibleConsultation(req, h.consultation_id) };
    };
    s.post('/admin/consultations/hearings/:id/signups/:sid', async (req: Req, reply) => {
      const { h, k } = await hearingOf(req);
      const sid = idOf(req.params.sid);
      const owned = await db.selectFrom('hearing_signups').select('id').where('id', '=', sid || 0).where('hearing_id', '=', h.id).executeTakeFirst();
      if (!owned) throw notFound({ zh: '报名', en: 'sign-up' });
      return attempt(req, reply, k.id, 'signup', () => selectSignup(db, commandContext(req), sid, formBody(req).selected === '1'), 'hearing');
    });
    s.post('/admin/consultations/hearings/:id/record', async (req: Req, reply) => {
      const { h, k } = await hearingOf(req);
      const body = formBody(req);
      return attempt(req, reply, k.id, `record-${h.id}`, () => publishHearingRecord(db, commandContext(req), h.id, body), 'record', body);
    });
  });
}
