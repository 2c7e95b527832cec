/**
 * Admin pages of 在线访谈 / 新闻发布会 (/admin/interviews…), scoped to the user's units, and the question
 * moderation queue on the dashboard of everyone who may moderate.
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { DASHBOARD_QUEUES, QUEUE_SIZE } from '../../admin/queues.tsx';
import { listUnits, unitById } from '../../units/repository.ts';
import { decryptPii } from '../../../core/pii/crypto.ts';
import { addEntry, addPhoto, deleteEntry, moderateQuestion, moveEvent, saveEvent } from '../commands/editorial.ts';
import { keptInScope } from '../../../core/commands/kept.ts';
import { keptRoutes } from '../../admin/kept.tsx';
import { KEPT_QUESTIONS } from '../commands/kept.ts';
import { eventById, listEvents, partsOf, pendingQuestions, photoOf, questionsOf } from '../store/queries.ts';
import { AdminList, EventPage, NewPage } from '../views/admin.tsx';

ADMIN_NAV.push({ key: 'interviews', href: '/admin/interviews', label: { zh: '访谈发布会', en: 'Interviews' }, action: 'interview.view', order: 79 });

DASHBOARD_QUEUES.push(async ({ req, roles }) => {
  const scope = scopePaths(req.actor, 'interview.moderate');
  if (!scope.length) return [];
  const { rows, total } = await pendingQuestions(req.server.deps.db, scope, QUEUE_SIZE);
  return [{
    key: 'interviews.moderate', role: roles.has('editor') ? 'editor' : roles.has('reviewer') ? 'reviewer' : 'unit_admin', title: { zh: '待审核的访谈网友问题', en: 'Interview questions awaiting moderation' },
    items: rows.map((r) => ({ title: r.interview_title, href: `/admin/interviews/${r.interview_id}#question-${r.id}`, ref: `#${r.id}`, unit: r.unit_name, since: r.created_at, note: r.body.slice(0, 40) })),
    total, href: '/admin/interviews#h-pending',
  }];
});

const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' }, status: { zh: '状态已更新。', en: 'Status updated.' }, moderated: { zh: '已审核。', en: 'Moderated.' },
  entry: { zh: '实录已更新。', en: 'Transcript updated.' }, photo: { zh: '图片已上传。', en: 'Photo uploaded.' },
};
type Req = FastifyRequest<{ Params: { id: string; eid?: string }; Querystring: { unit?: string; done?: string } }>;
type Opts = { values?: Record<string, string>; errors?: Record<string, Msg>; section?: string; error?: Msg; status?: number; contact?: { id: number; value: string } };

export default async function interviewAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(renderHtml(body as never));
  const NOT = { zh: '访谈或发布会', en: 'event' };

  const visible = async (req: Req, id: number) => {
    const e = await eventById(db, id);
    if (!e || !can(req.actor, 'interview.view', e.unit_path)) throw notFound(NOT);
    return e;
  };
  const eventPage = async (req: Req, reply: FastifyReply, id: number, o: Opts = {}) => {
    const e = await visible(req, id);
    const [parts, questions] = await Promise.all([partsOf(db, id), questionsOf(db, id)]);
    return send(reply, EventPage({ c: viewContext(req, reply), data: { e, parts, questions }, notice: DONE[String(req.query?.done ?? '')], ...o }), o.status);
  };
  /** Runs a command; a 4xx comes back on the page (fields beside the form, else a message), anything else is thrown. */
  const attempt = async (req: Req, reply: FastifyReply, id: number, section: string, run: () => Promise<unknown>, done: string, values: Record<string, string> = {}) => {
    try {
      await run();
      return reply.redirect(`/admin/interviews/${id}?done=${done}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
      return eventPage(req, reply, id, e.fields ? { values, errors: e.fields, section, status: e.status } : { error: e.msg, status: e.status });
    }
  };
  const fields = (req: FastifyRequest) => Object.fromEntries(Object.entries(formBody(req)).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

  await adminRoutes(app, async (s) => {
    keptRoutes(s, {
      kind: KEPT_QUESTIONS, base: '/admin/interviews/kept', section: { current: 'interviews', href: '/admin/interviews', label: { zh: '在线访谈', en: 'Interviews' } },
      title: { zh: '暂存的网友问题', en: 'Kept questions' },
      show: (p) => [[{ zh: '网名', en: 'Name' }, String(p.name ?? '') || '—'], [{ zh: '问题', en: 'Question' }, String(p.body ?? '')]],
      recovered: (r) => `/admin/interviews/${r.parentId}`,
    });
    // photos come as multipart; fields are flattened before the CSRF check reads body._csrf
    await multipartForms(s, { fileSize: 1024 * 1024 + 1 });

    s.get('/admin/interviews', async (req: Req, reply) => {
      const [events, pending, units, kept] = await Promise.all([
        listEvents(db, { scope: scopePaths(req.actor, 'interview.view') }), pendingQuestions(db, scopePaths(req.actor, 'interview.moderate')),
        listUnits(db, { scope: scopePaths(req.actor, 'interview.edit'), activeOnly: true }), keptInScope(db, KEPT_QUESTIONS, scopePaths(req.actor, KEPT_QUESTIONS.rule)),
      ]);
      return send(reply, AdminList({ c: viewContext(req, reply), events, pending, units, kept, notice: DONE[String(req.query.done ?? '')] }));
    });
    const unitForNew = async (req: Req) => {
      const unit = await unitById(db, idOf(req.query.unit));
      if (!unit || !can(req.actor, 'interview.edit', unit.path)) throw notFound({ zh: '单位', en: 'unit' });
      return unit;
    };
    s.get('/admin/interviews/new', async (req: Req, reply) => {
      const unit = await unitForNew(req);
      return send(reply, NewPage({ c: viewContext(req, reply), unitId: unit.id, unitName: unit.name, values: { kind: 'interview', guests: '', place: '' } }));
    });
    s.post('/admin/interviews', async (req: Req, reply) => {
      const unit = await unitForNew(req);
      const body = fields(req);
      try {
        // a resent form (its one-time key) opens the event the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'interview', userId: req.actor?.userId, body }, async () => `/admin/interviews/${await saveEvent(db, commandContext(req), { id: null, unitId: unit.id }, body)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return send(reply, NewPage({ c: viewContext(req, reply), unitId: unit.id, unitName: unit.name, values: body, errors: e.fields }), e.status);
        throw e;
      }
    });
    s.get('/admin/interviews/photos/:id', async (req: Req, reply) => {
      const p = await photoOf(db, idOf(req.params.id));
      if (!p) throw notFound({ zh: '图片', en: 'photo' });
      await visible(req, p.interview_id);
      return reply.type(p.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(Buffer.from(p.data));
    });
    s.get('/admin/interviews/:id', async (req: Req, reply) => eventPage(req, reply, idOf(req.params.id)));
    s.post('/admin/interviews/:id', async (req: Req, reply) => {
      const e = await visible(req, idOf(req.params.id));
      const body = fields(req);
      return attempt(req, reply, e.id, 'edit', () => saveEvent(db, commandContext(req), { id: e.id, unitId: e.unit_id }, body), 'saved', body);
    });
    s.post('/admin/interviews/:id/status', async (req: Req, reply) => {
      const e = await visible(req, idOf(req.params.id));
      const body = fields(req);
      return attempt(req, reply, e.id, 'status', () => moveEvent(db, commandContext(req), e.id, body), 'status', body);
    });
    s.post('/admin/interviews/:id/entries', async (req: Req, reply) => {
      const e = await visible(req, idOf(req.params.id));
      const body = fields(req);
      // the same transcript entry sent again is added once (#14.8)
      const run = () => onceByFormToken(db, cfg.piiKeys, { scope: `interview-entry:${e.id}`, userId: req.actor?.userId, body }, async () => {
        await addEntry(db, commandContext(req), e.id, body);
        return `/admin/interviews/${e.id}?done=entry`;
      });
      return attempt(req, reply, e.id, 'entry', run, 'entry', body);
    });
    s.post('/admin/interviews/:id/entries/:eid/delete', async (req: Req, reply) => {
      const e = await visible(req, idOf(req.params.id));
      return attempt(req, reply, e.id, 'entry', () => deleteEntry(db, commandContext(req), e.id, idOf(req.params.eid)), 'entry');
    });
    s.post('/admin/interviews/:id/photos', async (req: Req, reply) => {
      const e = await visible(req, idOf(req.params.id));
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const data = Buffer.isBuffer(raw.photo) && raw.photo.length ? new Uint8Array(raw.photo) : null;
      const caption = typeof raw.caption === 'string' ? raw.caption : '';
      const token = typeof raw.form_token === 'string' ? raw.form_token : '';
      // the same upload sent again adds one photo (#14.8); the image's bytes count as content
      const run = () => onceByFormToken(db, cfg.piiKeys, { scope: `interview-photo:${e.id}`, userId: req.actor?.userId, body: { caption, form_token: token, photo: data ?? '' } }, async () => {
        await addPhoto(db, commandContext(req), e.id, caption, data);
        return `/admin/interviews/${e.id}?done=photo`;
      });
      return attempt(req, reply, e.id, 'photo', run, 'photo', { caption, form_token: token });
    });
    const questionOf = async (req: Req) => {
      const q = await db.selectFrom('interview_questions').select(['id', 'interview_id', 'contact_enc']).where('id', '=', idOf(req.params.id) || 0).executeTakeFirst();
      if (!q) throw notFound({ zh: '问题', en: 'question' });
      return { q, e: await visible(req, q.interview_id) };
    };
    s.post('/admin/interviews/questions/:id/moderate', async (req: Req, reply) => {
      const { q, e } = await questionOf(req);
      return attempt(req, reply, e.id, 'moderate', () => moderateQuestion(db, commandContext(req), q.id, fields(req)), 'moderated');
    });
    // the contact is shown only on request, to those who moderate, and each look is audited
    s.post('/admin/interviews/questions/:id/contact', async (req: Req, reply) => {
      const { q, e } = await questionOf(req);
      if (!can(req.actor, 'interview.moderate', e.unit_path)) throw notFound({ zh: '问题', en: 'question' });
      const ctx = commandContext(req);
      await inTransaction(db, (tx) => recordAudit(tx, ctx.audit, { action: 'interview.contact.view', unitId: e.unit_id, subjectType: 'interview', subjectId: e.id, summary: { question: q.id } }));
      return eventPage(req, reply, e.id, { contact: { id: q.id, value: decryptPii(cfg.piiKeys, 'contact', q.contact_enc) } });
    });
  });
}
