/**
 * Public routes of 依申请公开: /apply (choose the unit), /u/<slug>/xxgk/ysqgk (the application form of
 * 条例 第二十九条, multipart with optional attachments), /ysqgk/status (status with tracking number and
 * query code), /ysqgk/withdraw (the applicant withdraws, with the query code typed again) and the
 * applicant's letter downloads. Forms are CSRF-protected; submissions pass the abuse guard (guard.ts)
 * and per-IP rate limits; lookups and withdrawals are rate-limited against code guessing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { renderHtml } from '../../../core/render/page.tsx';
import { formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { listUnits, unitBySlug, type Unit } from '../../units/repository.ts';
import { contentDisposition } from '../../documents/domain/filetype.ts';
import { ApplicationFormPage, ChooseUnitPage, KeptPage, StatusLookupPage, StatusPage, SubmittedPage, WithdrawnPage, WithdrawPage } from '../views/public-views.tsx';
import { withdrawByApplicant } from '../withdrawal.ts';
import { GUARD_MESSAGES, guardSubmission, signFormToken } from './guard.ts';
import { submitOnline, type SubmitResult, type Upload } from '../intake-commands.ts';
import { bodyHash, idempotent } from '../../../core/http/idempotency.ts';
import { caseForApplicant, publicStatus } from '../store/status.ts';
import { letterById } from '../store/repository.ts';
import { APPLICANT_LETTER, letterFile, type LetterFormat } from '../store/letters-store.ts';

const UNIT = { zh: '单位', en: 'unit' };
export const SUBMIT_RATE = { max: 20, timeWindow: '1 hour' };
export const LOOKUP_RATE = { max: 30, timeWindow: '10 minutes' };
/** A withdrawal verifies the query code like a lookup and writes like a submission. */
export const WITHDRAW_RATE = { max: 10, timeWindow: '10 minutes' };
const BAD_LOOKUP: Msg = { zh: '查询编号或查询码不正确', en: 'The tracking number or query code is not correct' };

const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/** Files from a multipart body (see onFile below); absent for urlencoded posts. */
export function uploadsOf(body: unknown, field = 'attachments'): Upload[] {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.filter((x): x is Upload => !!x && typeof x === 'object' && 'data' in x && Buffer.isBuffer((x as Upload).data));
}

export default async function requestPublicRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  await app.register(async (s) => {
    // Multipart only for these routes: fields land in req.body (so the CSRF check reads _csrf), files as {filename, data}.
    await s.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: cfg.maxUploadMb * 1024 * 1024, files: 5, fields: 60, parts: 70 },
      onFile: async (part) => {
        (part as unknown as { value: Upload }).value = { filename: part.filename ?? '', data: await part.toBuffer() };
      },
    });

    const formPage = (req: FastifyRequest, reply: FastifyReply, unit: Unit, values: Record<string, string | undefined> = {}, errors?: Record<string, Msg>, notice?: Msg) =>
      renderHtml(ApplicationFormPage({ c: viewContext(req, reply, { csrf: true }), unit, values, errors, notice, formToken: signFormToken(cfg.sessionSecret, Date.now()), maxUploadMb: cfg.maxUploadMb }));

    s.get<{ Querystring: { unit?: string } }>('/apply', async (req, reply) => {
      if (req.query.unit) {
        const u = await unitBySlug(db, String(req.query.unit));
        if (!u) throw notFound(UNIT);
        return reply.redirect(`/u/${encodeURIComponent(u.slug)}/xxgk/ysqgk`, 303);
      }
      const units = await listUnits(db, { activeOnly: true });
      return html(reply, renderHtml(ChooseUnitPage({ c: viewContext(req, reply), units: units.map((u) => ({ slug: u.slug, name: u.name, depth: u.level })) })));
    });

    s.get<{ Params: { slug: string } }>('/u/:slug/xxgk/ysqgk', async (req, reply) => {
      const unit = await unitBySlug(db, req.params.slug);
      if (!unit) throw notFound(UNIT);
      return html(reply, formPage(req, reply, unit, {}));
    });

    s.post<{ Params: { slug: string } }>(
      '/u/:slug/xxgk/ysqgk',
      { config: { rateLimit: SUBMIT_RATE }, preHandler: s.csrfProtection },
      async (req, reply) => {
        const unit = await unitBySlug(db, req.params.slug);
        if (!unit) throw notFound(UNIT);
        // text fields (multipart values or urlencoded); files are read by uploadsOf
        const body = formBody(req);
        const { homepage: _hp, form_token: _t, _csrf: _c, ...values } = body;
        const failure = guardSubmission(cfg.sessionSecret, body, Date.now());
        if (failure) {
          req.log.info({ guard: failure }, 'request submission refused by the abuse guard');
          return html(reply.code(400), formPage(req, reply, unit, values, undefined, GUARD_MESSAGES[failure]));
        }
        try {
          // the form's token is its one-time key: a replayed POST (double click, resend) shows the first result
          const files = uploadsOf(req.body);
          const { value: r } = await idempotent<SubmitResult>(db, cfg.piiKeys, { scope: `form:apply:${unit.id}`, key: String(body.form_token), hash: bodyHash(values, files), field: 'form_token' }, async () => {
            const out = await submitOnline(db, cfg, unit, values, files, { ip: req.ip, log: req.log });
            return { status: out.kind === 'inbox' ? 202 : 201, value: out };
          });
          const c = viewContext(req, reply);
          if (r.kind === 'inbox') return html(reply.code(202), renderHtml(KeptPage({ c, unit, inboxId: r.inboxId })));
          return html(reply.code(201), renderHtml(SubmittedPage({ c, unit, trackingNo: r.trackingNo, queryCode: r.queryCode })));
        } catch (e) {
          if (e instanceof AppError && e.fields) return html(reply.code(e.status), formPage(req, reply, unit, values, e.fields));
          throw e;
        }
      },
    );

    s.get('/ysqgk/status', async (req, reply) => html(reply, renderHtml(StatusLookupPage({ c: viewContext(req, reply, { csrf: true }) }))));

    s.post('/ysqgk/status', { config: { rateLimit: LOOKUP_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const b = formBody(req);
      const c = await caseForApplicant(db, b.tracking ?? '', b.code ?? '');
      if (!c) return html(reply.code(404), renderHtml(StatusLookupPage({ c: viewContext(req, reply, { csrf: true }), tracking: b.tracking, error: BAD_LOOKUP })));
      const st = await publicStatus(db, c);
      return html(reply, renderHtml(StatusPage({ c: viewContext(req, reply, { csrf: true }), s: st, code: b.code ?? '' })));
    });

    s.get('/ysqgk/withdraw', async (req, reply) => html(reply, renderHtml(WithdrawPage({ c: viewContext(req, reply, { csrf: true }) }))));

    s.post('/ysqgk/withdraw', { config: { rateLimit: WITHDRAW_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const b = formBody(req);
      const values = { tracking: String(b.tracking ?? '').trim().slice(0, 40), reason: String(b.reason ?? '').slice(0, 2000) };
      // again with what went wrong; the tracking number shown to correct, the query code never echoed
      const page = (code: number, o: { errors?: Record<string, Msg>; error?: Msg }) =>
        html(reply.code(code), renderHtml(WithdrawPage({ c: viewContext(req, reply, { csrf: true }), values, ...o })));
      try {
        const r = await withdrawByApplicant(db, cfg, { tracking: b.tracking, code: b.code, reason: b.reason, confirm: b.confirm }, { ip: req.ip, log: req.log });
        return html(reply, renderHtml(WithdrawnPage({ c: viewContext(req, reply), trackingNo: r.trackingNo, unitName: r.unitName, date: r.date })));
      } catch (e) {
        if (!(e instanceof AppError) || e.status < 400 || e.status >= 500 || e.status === 403) throw e;
        if (e.fields) return page(e.status, { errors: e.fields });
        return page(e.status, { error: e.msg });
      }
    });

    s.post<{ Params: { id: string } }>('/ysqgk/letters/:id', { config: { rateLimit: LOOKUP_RATE }, preHandler: s.csrfProtection }, async (req, reply) => {
      const b = formBody(req);
      const c = await caseForApplicant(db, b.tracking ?? '', b.code ?? '');
      const l = c ? await letterById(db, Number(req.params.id) || 0) : undefined;
      if (!c || !l || l.case_id !== c.id || l.status !== 'issued' || !APPLICANT_LETTER(l.kind)) throw notFound({ zh: '文书', en: 'letter' });
      const format: LetterFormat = b.format === 'docx' ? 'docx' : 'pdf';
      const f = await letterFile(db, l, format);
      return reply.type(f.mime).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.bytes);
    });
  });
}
