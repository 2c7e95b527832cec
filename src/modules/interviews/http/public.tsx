/**
 * Public side of 在线访谈 / 新闻发布会: `/interviews` (cluster), `/u/:slug/interviews` (a unit and the units
 * below it), `/interviews/:id` with the question form, `/interviews/photos/:id`, and the JSON API
 * `GET /api/v1/interviews`, `/api/v1/interviews/{id}` (never a contact). The question form passes the
 * CSRF check, the per-address rate limit and the anti-spam guard before anything is read; the command
 * then applies the per-contact limit. Also puts the unit's events on its 政策解读 column.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { ANTISPAM, checkGuard, GUARD_MESSAGES, issueChallenge, withoutGuardFields } from '../../../core/http/antispam.ts';
import { bodyHash, oncePerContent } from '../../../core/http/idempotency.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { unitByCode, unitById, unitBySlug } from '../../units/repository.ts';
import { ZCJD_BLOCKS } from '../../portal/http/lists-routes.tsx';
import { ErrorJson } from '../../documents/http/api-schemas.ts';
import { askQuestion } from '../commands/public.ts';
import { isPublic, KINDS, STATUSES } from '../domain/rules.ts';
import { eventById, listEvents, partsOf, photoOf, questionsOf, type EventRow } from '../store/queries.ts';
import { ColumnBlock, DetailPage, KeptPage, ListPage, type DetailData } from '../views/public.tsx';

/** Per client address, on top of the per-contact limit in the command. */
export const QUESTION_RATE = { max: 10, timeWindow: '1 hour' };
const SCOPE = 'interview-question';
const THING = { zh: '访谈或发布会', en: 'event' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Person = Type.Object({ name: Type.String(), title: Type.String(), unit: Type.String() });
const Summary = Type.Object({
  id: Type.Integer(), kind: Type.String({ description: 'interview (在线访谈) | press (新闻发布会)' }), title: Type.String(), topic: Type.String(),
  unit_code: Type.String(), unit_name: Type.String(), starts_at: Type.String({ format: 'date-time' }), place: Type.String(),
  status: Type.String({ description: 'scheduled (预告) | live (进行中) | ended (已结束) | cancelled (已取消)' }), cancel_reason: Nullable(Type.String()),
  questions_shown: Type.Integer(), url: Type.String(),
});
const Detail = Type.Intersect([Summary, Type.Object({
  intro_html: Type.String(), statement_html: Nullable(Type.String({ description: '发布词 of a press conference, once it has started' })),
  guests: Type.Array(Person), officials: Type.Array(Person),
  related_policies: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), index_no: Type.String(), url: Type.String(), interpretations: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })) })),
  videos: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  photos: Type.Array(Type.Object({ caption: Type.String(), url: Type.String() })),
  questions: Type.Array(Type.Object({ id: Type.Integer(), name: Nullable(Type.String()), body: Type.String(), asked_during: Type.String(), asked_at: Type.String({ format: 'date-time' }) })),
  transcript: Type.Array(Type.Object({ position: Type.Integer(), kind: Type.String(), speaker: Type.String(), html: Type.String(), question_id: Type.Union([Type.Integer(), Type.Null()]) })),
})]);

ZCJD_BLOCKS.push(async ({ db, unit, c }) => ColumnBlock({ c, unit, rows: await listEvents(db, { unitId: unit.id, publicOnly: true, limit: 5 }) }));

export default async function interviewPublicRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const base = cfg.publicUrl.replace(/\/$/, '');

  const summary = (r: EventRow) => ({
    id: r.id, kind: r.kind, title: r.title, topic: r.topic, unit_code: r.unit_code, unit_name: r.unit_name, starts_at: new Date(r.starts_at).toISOString(), place: r.place,
    status: r.status, cancel_reason: r.cancel_reason, questions_shown: r.questions_approved, url: `${base}/interviews/${r.id}`,
  });

  async function detail(id: number): Promise<DetailData | undefined> {
    const event = await eventById(db, id);
    if (!event || !isPublic(event.status)) return undefined;
    const [parts, all] = await Promise.all([partsOf(db, id), questionsOf(db, id)]);
    const rejected: Record<string, number> = {};
    for (const q of all) if (q.status === 'rejected' && q.reject_reason) rejected[q.reject_reason] = (rejected[q.reject_reason] ?? 0) + 1;
    return { event, parts, questions: all.filter((q) => q.status === 'approved'), rejected };
  }

  app.get('/api/v1/interviews', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Online interviews (在线访谈) and press conferences (新闻发布会) of a unit and the units below it, or the cluster',
      tags: ['interviews'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))),
        status: Type.Optional(Type.Union(STATUSES.filter((s) => s !== 'draft').map((s) => Type.Literal(s)))),
      }),
      response: { 200: Type.Object({ data: Type.Array(Summary), count: Type.Integer() }), 400: ErrorJson, 404: ErrorJson },
    },
  }, async (req) => {
    const q = req.query as { unit?: string; kind?: string; status?: string };
    const code = String(q.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound({ zh: '单位', en: 'unit' });
      subtreeOf = unit.path;
    }
    const data = (await listEvents(db, { publicOnly: true, subtreeOf, kind: q.kind, status: q.status ? [q.status] : undefined })).map(summary);
    return { data, count: data.length };
  });

  app.get<{ Params: { id: string } }>('/api/v1/interviews/:id', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'One interview or press conference: guests or releasing officials, related policies and their interpretations, approved questions, transcript, photos, videos. Contacts are never included.',
      tags: ['interviews'],
      params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
      response: { 200: Detail, 404: ErrorJson },
    },
  }, async (req) => {
    const d = await detail(idOf(req.params.id));
    if (!d) throw notFound(THING);
    const { event: e, parts } = d;
    const people = (role: string) => parts.people.filter((p) => p.role === role).map((p) => ({ name: p.name, title: p.title, unit: p.unit_name }));
    const showTranscript = e.status === 'live' || e.status === 'ended';
    return {
      ...summary(e), intro_html: e.intro_html, statement_html: e.kind === 'press' && e.statement_html && e.status !== 'scheduled' ? e.statement_html : null,
      guests: people('guest'), officials: people('official'),
      related_policies: parts.related.filter((r) => r.public).map((r) => ({ id: r.id, title: r.title, index_no: r.index_no, url: `${base}/u/${r.unit_slug}/doc/${r.id}`, interpretations: r.interpretations.map((x) => ({ id: x.id, title: x.title, url: `${base}/u/${x.unit_slug}/doc/${x.id}` })) })),
      videos: parts.videos.map((v) => ({ title: v.title, url: v.url })),
      photos: parts.photos.map((p) => ({ caption: p.caption, url: `${base}/interviews/photos/${p.id}` })),
      questions: d.questions.map((q) => ({ id: q.id, name: q.name || null, body: q.body, asked_during: q.asked_during, asked_at: new Date(q.created_at).toISOString() })),
      transcript: showTranscript ? parts.entries.map((x) => ({ position: x.position, kind: x.kind, speaker: x.speaker, html: x.body_html, question_id: x.question_id })) : [],
    };
  });

  const listPage = async (req: FastifyRequest, reply: FastifyReply, slug: string | null) => {
    const unit = slug === null ? null : await unitBySlug(db, slug, { includeInactive: true });
    if (unit === undefined) throw notFound({ zh: '单位', en: 'unit' });
    const rows = await listEvents(db, { publicOnly: true, subtreeOf: unit?.path });
    return html(reply, renderHtml(ListPage({ c: viewContext(req, reply), unit, rows })));
  };
  app.get('/interviews', async (req, reply) => listPage(req, reply, null));
  app.get<{ Params: { slug: string } }>('/u/:slug/interviews', async (req, reply) => listPage(req, reply, req.params.slug));

  type Extra = { values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; error?: Msg };
  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: number, extra: Extra = {}, status = 200) => {
    const data = await detail(id);
    if (!data) throw notFound(THING);
    const unit = (await unitById(db, data.event.unit_id))!;
    return html(reply, renderHtml(DetailPage({ c: viewContext(req, reply, { csrf: true }), unit, data, challenge: issueChallenge(cfg.sessionSecret, SCOPE), ...extra })), status);
  };
  const DONE: Msg = { zh: '您的问题已提交，审核后公开。感谢参与！', en: 'Your question was received and will be shown after moderation. Thank you!' };
  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/interviews/:id', async (req, reply) => detailPage(req, reply, idOf(req.params.id), { notice: req.query.done === 'question' ? DONE : undefined }));

  app.get<{ Params: { id: string } }>('/interviews/photos/:id', async (req, reply) => {
    const p = await photoOf(db, idOf(req.params.id));
    const e = p ? await db.selectFrom('interviews').select('status').where('id', '=', p.interview_id).executeTakeFirst() : undefined;
    if (!p || !e || !isPublic(e.status)) throw notFound({ zh: '图片', en: 'photo' });
    return reply.type(p.mime).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').send(Buffer.from(p.data));
  });

  await app.register(async (s) => {
    s.post<{ Params: { id: string } }>('/interviews/:id/questions', { config: { rateLimit: QUESTION_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const id = idOf(req.params.id);
      const body = formBody(req);
      const values = withoutGuardFields(body) as Record<string, string>;
      const failure = checkGuard(cfg.sessionSecret, SCOPE, body);
      if (failure) {
        req.log.info({ guard: failure }, 'interview question refused by the anti-spam guard');
        const e = badRequest(GUARD_MESSAGES[failure]);
        return detailPage(req, reply, id, failure === 'wrong_answer' ? { values, errors: { guard_answer: GUARD_MESSAGES[failure] } } : { values, error: e.msg }, e.status);
      }
      try {
        // the guard token is the form's one-time key (#14.8): a resent POST gets the first result, stores nothing new; other content is a new comment
        const { value: r } = await oncePerContent(db, cfg.piiKeys, { scope: `form:question:${id}`, key: String(body[ANTISPAM.tokenField]), hash: bodyHash(values), field: ANTISPAM.tokenField }, async () => ({ status: 201, value: await askQuestion(db, cfg, id, values, { ip: req.ip, log: req.log }) }));
        if (r.kind === 'kept') {
          const unit = (await unitById(db, (await eventById(db, id))!.unit_id))!;
          return html(reply, renderHtml(KeptPage({ c: viewContext(req, reply), unit, id })), 202);
        }
        return reply.redirect(`/interviews/${id}?done=question#h-questions`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404 || e.status >= 500) throw e;
        return detailPage(req, reply, id, e.fields ? { values, errors: e.fields } : { values, error: e.msg }, e.status);
      }
    });
  });
}
