/**
 * Public side of 留言/咨询: `/messages` (cluster), `/u/:slug/messages` (a unit's subtree, with the ask
 * form), `POST /u/:slug/messages`, `/messages/:id` (a published answer), `/messages/status` (the asker's
 * view by tracking number and query code), and `GET /api/v1/messages?unit=`, `/api/v1/messages/{id}`
 * (published only, never personal data). The ask form passes CSRF, the per-address limit and the
 * anti-spam guard before anything is read; the command then applies the per-contact limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import { renderHtml } from '../../../core/render/page.tsx';
import { formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { ANTISPAM, checkGuard, GUARD_MESSAGES, issueChallenge, withoutGuardFields } from '../../../core/http/antispam.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { unitByCode, unitById, unitBySlug, type Unit } from '../../units/repository.ts';
import { ErrorJson } from '../../documents/http/api-schemas.ts';
import { CATEGORY_NAMES, type Category } from '../domain/rules.ts';
import { ATTACHMENT_LIMITS, messageForAsker, submitMessage, type Submitted } from '../commands/public.ts';
import { uploadsOf } from '../../requests/http/public-routes.tsx';
import { bodyHash, oncePerContent } from '../../../core/http/idempotency.ts';
import { answerWorkdays, faqsOf, linkedDocument, listPublished, publishedById, type PublishedRow } from '../store/queries.ts';
import { AnswerPage, ListPage, StatusPage } from '../views/public.tsx';

/** Per client address, on top of the per-contact limit in the command. */
export const ASK_RATE = { max: 10, timeWindow: '1 hour' };
const SCOPE = 'message';
const THING: Msg = { zh: '留言', en: 'message' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

const Item = Type.Object({
  id: Type.Integer(), unit_code: Type.String(), unit_name: Type.String(), category: Type.String(), category_name: Type.String(),
  subject: Type.String(), question: Type.String(), answer: Type.String(), received_on: Type.String({ format: 'date' }), answered_on: Type.String({ format: 'date' }),
  published_at: Type.String({ format: 'date-time' }), policy_document: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String(), index_no: Type.String(), url: Type.String(), interpretations: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })) }), Type.Null()]), url: Type.String(),
});

export default async function messagePublicRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const base = cfg.publicUrl.replace(/\/$/, '');
  const present = (r: PublishedRow, doc?: Awaited<ReturnType<typeof linkedDocument>>) => ({
    id: r.id, unit_code: r.unit_code, unit_name: r.unit_name, category: r.category, category_name: (CATEGORY_NAMES[r.category as Category] ?? CATEGORY_NAMES.other).zh,
    subject: r.public_subject, question: r.public_body, answer: r.public_answer, received_on: r.received_on, answered_on: r.answered_on, published_at: new Date(r.published_at).toISOString(),
    policy_document: doc ? { id: doc.id, title: doc.title, index_no: doc.index_no, url: `${base}/u/${doc.unit_slug}/doc/${doc.id}`, interpretations: doc.interpretations.map((i) => ({ id: i.id, title: i.title, url: `${base}/u/${i.unit_slug}/doc/${i.id}` })) } : null, url: `${base}/messages/${r.id}`,
  });

  app.get('/api/v1/messages', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Published answers to citizens’ messages (留言咨询) of a unit and the units below it, or the cluster. Never the asker’s name or contact.',
      tags: ['messages'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        q: Type.Optional(Type.String({ maxLength: 50 })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
      }),
      response: { 200: Type.Object({ data: Type.Array(Item), count: Type.Integer(), page: Type.Integer() }), 400: ErrorJson, 404: ErrorJson },
    },
  }, async (req) => {
    const q = req.query as { unit?: string; q?: string; page?: number };
    const code = String(q.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound({ zh: '单位', en: 'unit' });
      subtreeOf = unit.path;
    }
    const page = q.page ?? 1;
    const rows = await listPublished(db, { subtreeOf, q: q.q, limit: 50, offset: (page - 1) * 50 });
    const docs = await Promise.all(rows.map((r) => linkedDocument(db, r.document_id)));
    const data = rows.map((r, i) => present(r, docs[i]));
    return { data, count: data.length, page };
  });

  app.get<{ Params: { id: string } }>('/api/v1/messages/:id', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: { summary: 'One published message and its answer (no personal data)', tags: ['messages'], params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) }), response: { 200: Item, 404: ErrorJson } },
  }, async (req) => {
    const r = await publishedById(db, idOf(req.params.id));
    if (!r) throw notFound(THING);
    return present(r, await linkedDocument(db, r.document_id));
  });

  type Extra = { values?: Record<string, string>; errors?: Record<string, Msg>; error?: Msg; notice?: Submitted };
  const listPage = async (req: FastifyRequest, reply: FastifyReply, unit: Unit | null, extra: Extra = {}, status = 200) => {
    const q = String((req.query as { q?: string }).q ?? '').slice(0, 50);
    const rows = await listPublished(db, { subtreeOf: unit?.path, q });
    const faqs = unit ? await faqsOf(db, [unit.id]) : [];
    const c = viewContext(req, reply, { csrf: !!unit });
    const form = unit && unit.active ? { c, unit, challenge: issueChallenge(cfg.sessionSecret, SCOPE), values: extra.values, errors: extra.errors, error: extra.error } : undefined;
    return html(reply, renderHtml(ListPage({ c, unit, rows, faqs, q, workdays: unit ? await answerWorkdays(db, unit.id) : null, form, notice: extra.notice })), status);
  };
  const unitOf = async (slug: string) => {
    const unit = await unitBySlug(db, slug, { includeInactive: true });
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    return unit;
  };
  app.get('/messages', async (req, reply) => listPage(req, reply, null));
  app.get<{ Params: { slug: string } }>('/u/:slug/messages', async (req, reply) => listPage(req, reply, await unitOf(req.params.slug)));
  app.get<{ Params: { id: string } }>('/messages/:id', async (req, reply) => {
    const row = await publishedById(db, idOf(req.params.id));
    if (!row) throw notFound(THING);
    const unit = (await unitById(db, row.unit_id))!;
    return html(reply, renderHtml(AnswerPage({ c: viewContext(req, reply), unit, row, doc: await linkedDocument(db, row.document_id) })));
  });
  app.get('/messages/status', async (req, reply) => html(reply, renderHtml(StatusPage({ c: viewContext(req, reply, { csrf: true }) }))));

  await app.register(async (s) => {
    // multipart only here: fields land in req.body (so the CSRF check reads _csrf), files as {filename, data}
    await s.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: ATTACHMENT_LIMITS.bytes + 1, files: ATTACHMENT_LIMITS.files + 1, fields: 30, parts: 40 },
      onFile: async (part) => {
        (part as unknown as { value: { filename: string; data: Buffer } }).value = { filename: part.filename ?? '', data: await part.toBuffer() };
      },
    });
    s.post<{ Params: { slug: string } }>('/u/:slug/messages', { config: { rateLimit: ASK_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const unit = await unitOf(req.params.slug);
      const body = formBody(req);
      const values = withoutGuardFields(body) as Record<string, string>;
      const failure = checkGuard(cfg.sessionSecret, SCOPE, body);
      if (failure) {
        req.log.info({ guard: failure }, 'message refused by the anti-spam guard');
        const e = badRequest(GUARD_MESSAGES[failure]);
        return listPage(req, reply, unit, failure === 'wrong_answer' ? { values, errors: { guard_answer: GUARD_MESSAGES[failure] } } : { values, error: e.msg }, e.status);
      }
      try {
        // the guard token is the form's one-time key (#14.8): a resent POST shows the first result, stores nothing new
        const files = uploadsOf(req.body);
        const { value: r } = await oncePerContent<Submitted>(db, cfg.piiKeys, { scope: `form:message:${unit.id}`, key: String(body[ANTISPAM.tokenField]), hash: bodyHash(values, files), field: ANTISPAM.tokenField }, async () => {
          const out = await submitMessage(db, cfg, unit.id, values, { ip: req.ip, files, log: req.log });
          return { status: out.kept ? 202 : 201, value: out };
        });
        // kept after a storage error: the asker keeps the same tracking number and code; staff enter it
        return listPage(req, reply, unit, { notice: r }, r.kept ? 202 : 201);
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404 || e.status >= 500) throw e;
        return listPage(req, reply, unit, e.fields ? { values, errors: e.fields } : { values, error: e.msg }, e.status);
      }
    });
    // tracking number and code are posted (not in the URL, so they stay out of logs and history)
    s.post('/messages/status', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } }, preHandler: s.csrfProtection }, async (req, reply) => {
      const body = formBody(req);
      const m = await messageForAsker(db, body.tracking_no ?? '', body.code ?? '');
      const c = viewContext(req, reply, { csrf: true });
      if (!m) return html(reply, renderHtml(StatusPage({ c, values: { tracking_no: String(body.tracking_no ?? '').slice(0, 40) }, error: { zh: '查询号或查询码不正确', en: 'The tracking number or query code is not right' } })), 404);
      return html(reply, renderHtml(StatusPage({ c, m })));
    });
  });
}
