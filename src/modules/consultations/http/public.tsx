/**
 * Public side of 重大行政决策 participation: `/consultations` (cluster), `/u/:slug/consultations` (a unit and
 * the units below it, with its 决策事项目录 of a year), `/consultations/:id` with the comment form, hearing
 * sign-up, and `GET /api/v1/consultations`, `/api/v1/consultations/{id}`. The forms pass the CSRF check,
 * the per-address rate limit and the anti-spam guard (honeypot, signed fill-time token, arithmetic
 * question in words) before anything is read; the command then applies the per-contact limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { ANTISPAM, checkGuard, GUARD_MESSAGES, issueChallenge, withoutGuardFields } from '../../../core/http/antispam.ts';
import { bodyHash, oncePerContent } from '../../../core/http/idempotency.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { unitByCode, unitById, unitBySlug } from '../../units/repository.ts';
import { signUpForHearing, submitComment } from '../commands/public.ts';
import { ADOPTION_NAMES, DECISION_STATUS_NAMES, phaseOf, type Adoption, type DecisionStatus } from '../domain/rules.ts';
import { COMMENTS_PER_PAGE, consultationById, publicConsultation, publishedCommentsPage, hearingById, hearingsOf, listConsultations, listDecisions, relatedDocuments, signupsOf, type ConsultationRow } from '../store/queries.ts';
import { DetailPage, KeptPage, ListPage, SignupPage, type DetailData } from '../views/public.tsx';
import { ErrorJson } from '../../documents/http/api-schemas.ts';

/** Per client address, on top of the per-contact limit in the command. */
export const COMMENT_RATE = { max: 10, timeWindow: '1 hour' };
const SCOPE = { comment: 'consultation-comment', signup: 'hearing-signup' };
const THING = { zh: '征求意见', en: 'consultation' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Summary = Type.Object({
  id: Type.Integer(), title: Type.String(), unit_code: Type.String(), unit_name: Type.String(), decision_id: Type.Integer(), decision_title: Type.String(), decision_status: Type.String(),
  opens_on: Type.String({ format: 'date' }), closes_on: Type.String({ format: 'date' }), window_days: Type.Integer(), short_reason: Nullable(Type.String()),
  state: Type.String({ description: 'upcoming | open | closed' }), comments_received: Type.Integer(), comments_published: Type.Integer(),
  feedback_published_at: Nullable(Type.String({ format: 'date-time' })), url: Type.String(),
});
const Detail = Type.Intersect([Summary, Type.Object({
  draft_html: Type.String(), explanation_html: Type.String(), feedback_summary: Nullable(Type.String()),
  related_documents: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), index_no: Type.String(), url: Type.String() })),
  comments: Type.Array(Type.Object({ id: Type.Integer(), name: Nullable(Type.String()), body: Type.String(), submitted_on: Type.String({ format: 'date' }), adoption: Nullable(Type.String()), adoption_name: Nullable(Type.String()), response: Nullable(Type.String()) })),
  comments_page: Type.Integer({ description: 'the page of `comments` (`?comments_page=N`); comments_published is the total' }),
  comments_pages: Type.Integer({ minimum: 1 }), comments_per_page: Type.Integer(),
  comments_not_published: Type.Record(Type.String(), Type.Integer()),
  hearings: Type.Array(Type.Object({ id: Type.Integer(), held_on: Type.String({ format: 'date' }), held_time: Type.String(), place: Type.String(), seats: Type.Integer(), signup_closes_on: Type.String({ format: 'date' }), selection_method: Type.String(), participants: Type.Array(Type.String()), record: Nullable(Type.String()) })),
})]);

export default async function consultationPublicRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const base = cfg.publicUrl.replace(/\/$/, '');

  const summary = (r: ConsultationRow, today: string) => ({
    id: r.id, title: r.title, unit_code: r.unit_code, unit_name: r.unit_name, decision_id: r.decision_id, decision_title: r.decision_title,
    decision_status: DECISION_STATUS_NAMES[r.decision_status as DecisionStatus]?.zh ?? r.decision_status,
    opens_on: r.opens_on, closes_on: r.closes_on, window_days: Math.round((Date.parse(r.closes_on) - Date.parse(r.opens_on)) / 86_400_000) + 1, short_reason: r.short_reason || null,
    state: phaseOf({ published: true, opens_on: r.opens_on, closes_on: r.closes_on }, today), comments_received: r.received, comments_published: r.published_comments,
    feedback_published_at: r.feedback_published_at ? new Date(r.feedback_published_at).toISOString() : null, url: `${base}/consultations/${r.id}`,
  });

  /** A published consultation with what the public may see of it, and one page of its published comments. */
  async function detail(id: number, page = 1, o: { strict?: boolean } = {}): Promise<DetailData | undefined> {
    const found = await publicConsultation(db, id);
    if (!found) return undefined;
    const { consultation, figures } = found;
    const total = consultation.published_comments;
    const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
    // the API refuses a page past the last (400); the page falls back to the first
    if (o.strict && page > pages) throw badRequest({ zh: `comments_page 超出范围：共 ${pages} 页`, en: `comments_page is out of range: there are ${pages} page(s)` });
    const n = page >= 1 && page <= pages ? page : 1;
    const [related, comments, hearings] = await Promise.all([relatedDocuments(db, id), publishedCommentsPage(db, id, n), hearingsOf(db, id)]);
    const participants = await signupsOf(db, hearings.map((h) => h.id), { selectedOnly: true });
    const published = consultation.feedback_published_at ? comments : comments.map((k) => ({ ...k, adoption: null, response: '' }));
    return {
      consultation, related, comments: published, commentsPage: n, commentsPages: pages, commentsTotal: total, rejected: figures.rejectedBy,
      adopted: figures.adopted, partly: figures.partly, hearings, participants, today: shanghaiDate(),
    };
  }

  app.get('/api/v1/consultations', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Public consultations on major administrative decisions (重大行政决策征求意见) of a unit and the units below it, or the cluster',
      tags: ['consultations'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { default: 'all' })),
      }),
      response: { 200: Type.Object({ data: Type.Array(Summary), count: Type.Integer() }), 400: ErrorJson, 404: ErrorJson },
    },
  }, async (req) => {
    const q = req.query as { unit?: string; state?: 'open' | 'closed' | 'all' };
    const code = String(q.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound({ zh: '单位', en: 'unit' });
      subtreeOf = unit.path;
    }
    const today = shanghaiDate();
    const rows = await listConsultations(db, { published: true, subtreeOf, today, state: q.state === 'all' ? undefined : q.state });
    const data = rows.map((r) => summary(r, today));
    return { data, count: data.length };
  });

  app.get<{ Params: { id: string } }>('/api/v1/consultations/:id', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'One consultation: draft, explanation, related documents, published comments with their adoption, hearings, feedback. Contacts are never included.',
      tags: ['consultations'],
      params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
      querystring: Type.Object({ comments_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: `page of the published comments, ${COMMENTS_PER_PAGE} a page` })) }),
      response: { 200: Detail, 400: ErrorJson, 404: ErrorJson },
    },
  }, async (req) => {
    const data = await detail(idOf(req.params.id), (req.query as { comments_page?: number }).comments_page ?? 1, { strict: true });
    if (!data) throw notFound(THING);
    const k = data.consultation;
    return {
      ...summary(k, data.today), draft_html: k.draft_html, explanation_html: k.explanation_html, feedback_summary: k.feedback_published_at ? k.feedback_summary : null,
      related_documents: data.related.filter((r) => r.public).map((r) => ({ id: r.id, title: r.title, index_no: r.index_no, url: `${base}/u/${r.unit_slug}/doc/${r.id}` })),
      comments: data.comments.map((x) => ({ id: x.id, name: x.name || null, body: x.body, submitted_on: shanghaiDate(new Date(x.created_at)), adoption: x.adoption, adoption_name: x.adoption ? ADOPTION_NAMES[x.adoption as Adoption].zh : null, response: x.adoption ? x.response || null : null })),
      comments_page: data.commentsPage, comments_pages: data.commentsPages, comments_per_page: COMMENTS_PER_PAGE,
      comments_not_published: data.rejected,
      hearings: data.hearings.map((h) => ({ id: h.id, held_on: h.held_on, held_time: h.held_time, place: h.place, seats: h.seats, signup_closes_on: h.signup_closes_on, selection_method: h.selection_method, participants: data.participants.filter((s) => s.hearing_id === h.id).map((s) => s.name), record: h.record_published_at ? h.record_text : null })),
    };
  });

  const listPage = async (req: FastifyRequest, reply: FastifyReply, unit: Awaited<ReturnType<typeof unitBySlug>> | null) => {
    const today = shanghaiDate();
    const y = Number((req.query as { year?: string }).year);
    const year = Number.isInteger(y) && y >= 2019 && y <= 2100 ? y : Number(today.slice(0, 4));
    const subtreeOf = unit?.path;
    const all = await listConsultations(db, { published: true, subtreeOf });
    const phase = (r: ConsultationRow) => phaseOf({ published: true, opens_on: r.opens_on, closes_on: r.closes_on }, today);
    const decisions = await listDecisions(db, { subtreeOf, year });
    return html(reply, renderHtml(ListPage({ c: viewContext(req, reply), unit: unit ?? null, open: all.filter((r) => phase(r) === 'open'), upcoming: all.filter((r) => phase(r) === 'upcoming'), closed: all.filter((r) => phase(r) === 'closed'), decisions, year, today })));
  };
  app.get('/consultations', async (req, reply) => listPage(req, reply, null));
  app.get<{ Params: { slug: string } }>('/u/:slug/consultations', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    return listPage(req, reply, unit);
  });

  type Extra = { values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; error?: Msg };
  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: number, extra: Extra = {}, status = 200) => {
    // a bad or too-high ?comments_page= shows the first page
    const raw = (req.query as { comments_page?: unknown } | undefined)?.comments_page;
    const data = await detail(id, typeof raw === 'string' && /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : 1);
    if (!data) throw notFound(THING);
    const unit = (await unitById(db, data.consultation.unit_id))!;
    const now = Date.now();
    return html(reply, renderHtml(DetailPage({ c: viewContext(req, reply, { csrf: true }), unit, data, challenge: issueChallenge(cfg.sessionSecret, SCOPE.comment, now), ...extra })), status);
  };
  /** A hearing of a published consultation, with its sign-up form. */
  const signupPage = async (req: FastifyRequest, reply: FastifyReply, hearingId: number, o: { values: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }, status = 200) => {
    const h = await hearingById(db, hearingId);
    const k = h ? await consultationById(db, h.consultation_id) : undefined;
    if (!h || !k?.published_at) throw notFound({ zh: '听证会', en: 'hearing' });
    const unit = (await unitById(db, k.unit_id))!;
    return html(reply, renderHtml(SignupPage({ c: viewContext(req, reply, { csrf: true }), unit, consultation: k, h, challenge: issueChallenge(cfg.sessionSecret, SCOPE.signup), ...o })), status);
  };
  app.get<{ Params: { id: string } }>('/consultations/hearings/:id/signup', async (req, reply) => signupPage(req, reply, idOf(req.params.id), { values: {} }));
  const DONE: Record<string, Msg> = { comment: { zh: '您的意见已提交，审核后公开。感谢参与！', en: 'Your comment was received and will be published after moderation. Thank you!' } };
  app.get<{ Params: { id: string }; Querystring: { done?: string; comments_page?: string } }>('/consultations/:id', async (req, reply) => detailPage(req, reply, idOf(req.params.id), { notice: DONE[String(req.query.done ?? '')] }));

  await app.register(async (s) => {
    s.post<{ Params: { id: string } }>('/consultations/:id/comments', { config: { rateLimit: COMMENT_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const id = idOf(req.params.id);
      const body = formBody(req);
      const values = withoutGuardFields(body) as Record<string, string>;
      const failure = checkGuard(cfg.sessionSecret, SCOPE.comment, body);
      if (failure) {
        req.log.info({ guard: failure }, 'consultation comment refused by the anti-spam guard');
        const e = badRequest(GUARD_MESSAGES[failure]);
        return detailPage(req, reply, id, failure === 'wrong_answer' ? { values, errors: { guard_answer: GUARD_MESSAGES[failure] } } : { values, error: e.msg }, e.status);
      }
      try {
        // the guard token is the form's one-time key (#14.8): a resent POST gets the first result, stores nothing new; other content is a new comment
        const { value: r } = await oncePerContent(db, cfg.piiKeys, { scope: `form:comment:${id}`, key: String(body[ANTISPAM.tokenField]), hash: bodyHash(values), field: ANTISPAM.tokenField }, async () => ({ status: 201, value: await submitComment(db, cfg, id, values, { ip: req.ip, log: req.log }) }));
        if (r.kind === 'kept') {
          const unit = (await unitById(db, (await consultationById(db, id))!.unit_id))!;
          return html(reply, renderHtml(KeptPage({ c: viewContext(req, reply), unit, consultationId: id })), 202);
        }
        return reply.redirect(`/consultations/${id}?done=comment#h-comment`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404 || e.status >= 500) throw e;
        return detailPage(req, reply, id, e.fields ? { values, errors: e.fields } : { values, error: e.msg }, e.status);
      }
    });

    s.post<{ Params: { id: string } }>('/consultations/hearings/:id/signup', { config: { rateLimit: COMMENT_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const hearingId = idOf(req.params.id);
      const body = formBody(req);
      const values = withoutGuardFields(body) as Record<string, string>;
      const failure = checkGuard(cfg.sessionSecret, SCOPE.signup, body);
      if (failure) return signupPage(req, reply, hearingId, { values, errors: { guard_answer: GUARD_MESSAGES[failure] } }, 400);
      try {
        await oncePerContent(db, cfg.piiKeys, { scope: `form:signup:${hearingId}`, key: String(body[ANTISPAM.tokenField]), hash: bodyHash(values), field: ANTISPAM.tokenField }, async () => ({ status: 201, value: await signUpForHearing(db, cfg, hearingId, values, { ip: req.ip, log: req.log }) }));
        return signupPage(req, reply, hearingId, { values: {}, notice: { zh: '报名已提交。确定参加人后将公布名单，并通过您留下的联系方式通知您。', en: 'You are signed up. The chosen participants will be published and told through the contact you gave.' } }, 201);
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404 || e.status >= 500) throw e;
        return signupPage(req, reply, hearingId, { values, errors: e.fields ?? { name: e.msg } }, e.status);
      }
    });
  });
}

