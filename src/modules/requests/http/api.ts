/**
 * JSON API of 依申请公开 (TypeBox schemas → validation and the OpenAPI document):
 *   public — GET  /api/v1/requests/form-token, POST /api/v1/requests (same validation and abuse guard
 *            as the form), GET /api/v1/requests/status?tracking=…&code=…
 *   staff  — session-authenticated: list, case, steps, reply draft/sign, confirm, assign, appeals,
 *            letters (issue, delivery, DOCX/PDF). Staff writes accept only application/json, which a
 *            cross-site form cannot send, so the session cookie cannot be used against them (CSRF).
 * Responses carry masked personal data only; the response schemas drop anything else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireActor } from '../../../core/http/auth.ts';
import { commandContext } from '../../../core/http/request.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../core/http/errors.ts';
import { MAX_INT32 } from '../../../core/http/input-guard.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { localeOf } from '../../../core/http/request.ts';
import { shanghaiDate, tr } from '../../../core/render/i18n.ts';
import { contentDisposition } from '../../documents/domain/filetype.ts';
import { unitByCode, unitBySlug } from '../../units/repository.ts';
import type { CaseEventInput, Disposition } from '../domain/index.ts';
import { appealsOf, caseById, eventRowsOf, letterById, lettersOf, listCases } from '../store/repository.ts';
import { calendarForUnit, caseDeadlineOrNull } from '../store/deadline.ts';
import { GUARD_MESSAGES, guardSubmission, INTAKE_GUARD, signFormToken } from './guard.ts';
import { submitOnline, type SubmitResult } from '../intake-commands.ts';
import { caseForApplicant, publicStatus } from '../store/status.ts';
import { LOOKUP_RATE, SUBMIT_RATE } from './public-routes.tsx';
import { applyStep, assignHandler, draftReply, recordDelivery, signReply } from '../commands.ts';
import { confirmSubmission } from '../intake-commands.ts';
import { issueLetter, letterFile } from '../store/letters-store.ts';
import { recordAppeal, updateAppeal } from '../store/supervision.ts';
import { bodyHash, idempotent } from '../../../core/http/idempotency.ts';
import { statusLabel } from '../views/labels.ts';
import { DUE_SOON_WORKDAYS } from '../store/reminders.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const NullableStr = Type.Union([Type.String(), Type.Null()]);

const SubmitBody = Type.Object({
  unit: Type.String({ maxLength: 60, description: 'unit code (统一社会信用代码) or slug' }),
  applicant_type: Type.Optional(Type.Union([Type.Literal('natural'), Type.Literal('org')])),
  org_kind: Str(30), name: Str(200), contact_person: Str(100), id_type: Str(30), id_number: Str(40),
  phone: Str(40), email: Str(200), address: Str(300), postcode: Str(10),
  info_title: Str(300), info_number: Str(200), description: Str(5000), form: Str(20), delivery: Str(20),
  attachments: Type.Optional(Type.Array(Type.Object({ filename: Type.String({ maxLength: 200 }), content_base64: Type.String({ maxLength: 1_400_000 }) }), { maxItems: 3 })),
  form_token: Type.String({ maxLength: 80, description: 'from GET /api/v1/requests/form-token, at least minFillSeconds old' }),
  homepage: Type.Optional(Type.String({ maxLength: 200, description: 'honeypot: leave empty' })),
});

const TraceJson = Type.Object({ step: Type.String(), date: Type.Optional(Type.String()), due: Type.Optional(Type.String()), article: Type.Optional(Type.String()), text: Type.String() });
const StatusJson = Type.Object({
  trackingNo: Type.String(), unit: Type.String(), status: Type.String(), statusLabel: Type.String(),
  receivedOn: NullableStr, dueOn: NullableStr, deadlineState: NullableStr, concludedOn: NullableStr,
  transferredTo: Type.Union([Type.Object({ trackingNo: Type.String(), unit: Type.String() }), Type.Null()]),
  trace: Type.Array(TraceJson),
  events: Type.Array(Type.Object({ type: Type.String(), date: Type.String(), byApplicant: Type.Optional(Type.Boolean()) })),
  letters: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), number: Type.String(), date: Type.String() })),
});

/** A list row: masked personal data only. */
const CaseSummary = Type.Object({
  id: Type.Integer(), ref: Type.String(), trackingNo: NullableStr, unit: Type.String(), status: Type.String(), channel: Type.String(), category: Type.String(),
  applicantNameMasked: Type.String({ description: 'e.g. 王** (the full name is on GET /api/v1/requests/{id})' }), idNumberMasked: NullableStr, phoneMasked: NullableStr, title: NullableStr,
  receivedOn: NullableStr, dueOn: NullableStr, deadlineState: NullableStr, concludedOn: NullableStr, resultRow: NullableStr, handler: NullableStr,
});
const ListQuery = Type.Object({
  status: Str(30), due: Type.Optional(Type.Union([Type.Literal('soon'), Type.Literal('overdue')])),
  q: Type.Optional(Type.String({ maxLength: 60, description: 'part of the case or tracking number, or the applicant’s full name (exact match: names are stored encrypted and found by a keyed hash)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const LetterParams = Type.Object({ id: Type.Integer({ minimum: 1 }), lid: Type.Integer({ minimum: 1 }) });

const StepBody = Type.Object(
  { type: Type.String({ maxLength: 40 }), date: Type.Optional(DateStr), concern: Str(300), feeBasis: Str(300), feePayment: Str(300) },
  { additionalProperties: true, description: 'a workflow step as the domain defines it (CaseEventInput), e.g. {"type":"extend","workdays":10,"reason":"…","approvedBy":"…"}' },
);
const DispositionBody = Type.Object({ key: Type.String({ maxLength: 40 }) }, { additionalProperties: true, description: 'a Disposition: key plus reason, released, withheld, access, provision, holder, previous, procedure, otherBasis' });
const AppealBody = Type.Object({ kind: Type.String(), outcome: Type.String(), filedOn: Type.Optional(DateStr), decidedOn: Type.Optional(DateStr), body: Str(100), note: Str(500) });
const AppealParams = Type.Object({ id: Type.Integer({ minimum: 1 }), aid: Type.Integer({ minimum: 1 }) });
const IdemHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: 'the same key and body get the first response again; the same key with another body: 422' })) });
const AppealUpdateBody = Type.Object({ outcome: Type.String(), decidedOn: Type.Optional(DateStr), filedOn: Type.Optional(DateStr), body: Str(100), note: Str(500) });

/** CSRF defence for cookie-authenticated writes: JSON only. */
async function jsonOnly(req: FastifyRequest) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new AppError(415, 'json_only', { zh: '请以 application/json 提交', en: 'Send application/json' });
}

export default async function requestApiRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const tags = ['requests'];

  app.get('/api/v1/requests/form-token', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { summary: 'A signed form token for POST /api/v1/requests (abuse guard)', tags, response: { 200: Type.Object({ token: Type.String(), minFillSeconds: Type.Number() }) } },
  }, async () => ({ token: signFormToken(cfg.sessionSecret, Date.now()), minFillSeconds: INTAKE_GUARD.minFillMs / 1000 }));

  app.post<{ Body: Static<typeof SubmitBody> }>('/api/v1/requests', {
    config: { rateLimit: SUBMIT_RATE },
    bodyLimit: 6 * 1024 * 1024,
    schema: {
      summary: 'Submit an application for government information (条例 第二十九条)', tags, body: SubmitBody, headers: IdemHeader,
      response: { 201: Type.Object({ trackingNo: Type.String(), queryCode: Type.String() }), 202: Type.Object({ kept: Type.Integer(), message: Type.String() }) },
    },
  }, async (req, reply) => {
    const b = req.body;
    const failure = guardSubmission(cfg.sessionSecret, b as Record<string, unknown>, Date.now());
    if (failure) throw new AppError(400, `guard_${failure}`, GUARD_MESSAGES[failure]);
    const unit = (await unitByCode(db, b.unit)) ?? (await unitBySlug(db, b.unit));
    if (!unit || !unit.active) throw new AppError(422, 'invalid', { zh: '受理单位不存在', en: 'Unknown unit' }, { unit: { zh: '受理单位不存在', en: 'Unknown unit' } });
    const { attachments, form_token: _t, homepage: _h, unit: _u, ...fields } = b;
    const files = (attachments ?? []).map((a) => ({ filename: a.filename, data: Buffer.from(a.content_base64, 'base64') }));
    const key = req.headers['idempotency-key'];
    const submit = async () => {
      const out = await submitOnline(db, cfg, unit, fields, files, { ip: req.ip, log: req.log });
      return { status: out.kind === 'inbox' ? 202 : 201, value: out };
    };
    // Idempotency-Key: the same key and body get the first response; the same key with another body 422.
    // Without one, the form token is the key (as on the HTML form): a resent body creates no second case.
    const hash = bodyHash({ ...fields, unit: unit.id }, files);
    const { value: r } = key === undefined
      ? await idempotent<SubmitResult>(db, cfg.piiKeys, { scope: `api:requests-form:${unit.id}`, key: String(b.form_token), hash, field: 'form_token' }, submit)
      : await idempotent<SubmitResult>(db, cfg.piiKeys, { scope: `api:requests:${unit.id}`, key: String(key), hash, field: 'Idempotency-Key' }, submit);
    if (r.kind === 'inbox') return reply.code(202).send({ kept: r.inboxId, message: tr(localeOf(req), { zh: '申请已完整保存，工作人员登记后将与您联系', en: 'Saved in full; staff will register it and contact you' }) });
    return reply.code(201).send({ trackingNo: r.trackingNo, queryCode: r.queryCode });
  });

  app.get<{ Querystring: { tracking: string; code: string } }>('/api/v1/requests/status', {
    config: { rateLimit: LOOKUP_RATE },
    // the query string carries the secret code: keep it out of the request log lines
    logLevel: 'warn',
    schema: {
      summary: 'Status of an application, with the due date and how it was computed', tags,
      querystring: Type.Object({ tracking: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 40 }) }),
      response: { 200: StatusJson },
    },
  }, async (req, reply) => {
    const c = await caseForApplicant(db, req.query.tracking, req.query.code);
    if (!c) throw notFound({ zh: '申请（请核对查询编号和查询码）', en: 'application (check the tracking number and code)' });
    const s = await publicStatus(db, c);
    const l = localeOf(req);
    reply.header('cache-control', 'no-store');
    return {
      trackingNo: s.trackingNo, unit: s.unitName, status: s.status, statusLabel: tr(l, statusLabel(s.status)),
      receivedOn: s.receivedOn, dueOn: s.dueOn, deadlineState: s.deadlineState, concludedOn: s.concludedOn,
      transferredTo: s.transferredTo ? { trackingNo: s.transferredTo.trackingNo, unit: s.transferredTo.unitName } : null,
      trace: s.trace.map((e) => ({ step: e.step, date: e.date, due: e.due, article: e.article, text: tr(l, e.text) })),
      events: s.events, letters: s.letters.map(({ id, title, number, date }) => ({ id, title, number, date })),
    };
  });

  // ── staff ──────────────────────────────────────────────────────────────────────────────────────
  await app.register(async (s) => {
    // signed in before anything else (anonymous → 401, not a body or schema error), then JSON only
    s.addHook('onRequest', requireActor);
    s.addHook('preValidation', async (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') await jsonOnly(req);
    });
    // signed-in staff (session cookie); described in each summary, since the OpenAPI document has no cookie scheme
    const staff = { tags, description: 'Staff only: needs a signed-in session (the gk_session cookie); writes accept application/json only.' };

    const caseFor = async (req: FastifyRequest, id: number) => {
      const c = await caseById(db, id);
      if (!c || !can(req.actor, 'request.view', c.unit_path)) throw notFound({ zh: '申请', en: 'application' });
      return c;
    };

    s.get<{ Querystring: Static<typeof ListQuery> }>('/api/v1/requests', {
      schema: { ...staff, summary: 'Cases in your scope (masked personal data)', querystring: ListQuery, response: { 200: Type.Object({ data: Type.Array(CaseSummary), count: Type.Integer() }) } },
    }, async (req) => {
      const scope = scopePaths(req.actor, 'request.view');
      if (!scope.length) throw forbidden();
      const today = shanghaiDate();
      const soonBy = (await calendarFor(db)).addWorkdays(today, DUE_SOON_WORKDAYS);
      // the schema coerces `1e309` to Infinity, which passes as an integer: refuse it here (issue #10 item 7)
      const offset = req.query.offset;
      if (offset !== undefined && !(Number.isSafeInteger(offset) && offset <= MAX_INT32)) throw badRequest({ zh: '请求参数不正确', en: 'The request parameters are not valid' }, { offset: { zh: '应为不超过 2147483647 的非负整数', en: 'must be a whole number from 0 to 2147483647' } });
      const rows = await listCases(db, { scope, status: (req.query.status ?? 'open') as never, due: req.query.due, q: req.query.q, today, soonBy, limit: req.query.limit ?? 100, offset });
      const data = rows.map((r) => ({
        id: r.id, ref: r.ref, trackingNo: r.tracking_no, unit: r.unit_code, status: r.status, channel: r.channel, category: r.category,
        applicantNameMasked: r.applicant_name_masked, idNumberMasked: r.id_number_masked, phoneMasked: r.phone_masked, title: r.info_title,
        receivedOn: r.received_on, dueOn: r.due_on, deadlineState: r.deadline_state, concludedOn: r.concluded_on, resultRow: r.result_row, handler: r.handler_name,
      }));
      return { data, count: data.length };
    });

    s.get<{ Params: Static<typeof IdParams> }>('/api/v1/requests/:id', {
      schema: { ...staff, summary: 'A case: masked applicant, events, deadline, letters, appeals', params: IdParams },
    }, async (req) => {
      const c = await caseFor(req, req.params.id);
      const [events, letters, appeals] = await Promise.all([eventRowsOf(db, c.id), lettersOf(db, c.id), appealsOf(db, c.id)]);
      const d = caseDeadlineOrNull(events.map((e) => e.data), await calendarForUnit(db, c.unit_code), shanghaiDate());
      return {
        id: c.id, ref: c.ref, trackingNo: c.tracking_no, unit: c.unit_code, status: c.status, channel: c.channel, category: c.category,
        applicant: { name: c.applicant_name, idType: c.id_type, idNumber: c.id_number_masked, phone: c.phone_masked, email: c.email_masked, address: c.address_masked },
        request: { title: c.info_title, number: c.info_number, description: c.description, form: c.form, delivery: c.delivery },
        receivedOn: c.received_on, dueOn: c.due_on, deadlineState: c.deadline_state, concludedOn: c.concluded_on, resultRow: c.result_row,
        disposition: c.disposition, draftDisposition: c.draft_disposition, handlerId: c.handler_id,
        deadline: d ? { state: d.state, due: d.due, trace: d.trace, warnings: d.warnings } : null,
        events: events.map((e) => ({ seq: e.seq, type: e.type, date: e.date, by: e.actor_name, from: e.from_status, to: e.to_status, data: e.data })),
        letters: letters.map((l) => ({ id: l.id, kind: l.kind, status: l.status, title: l.title, recipient: l.recipient, number: l.number, date: l.letter_date, deliveredOn: l.delivered_on, deliveryMethod: l.delivery_method })),
        appeals: appeals.map((a) => ({ id: a.id, kind: a.kind, outcome: a.outcome, filedOn: a.filed_on, decidedOn: a.decided_on, body: a.body, note: a.note })),
      };
    });

    const ok = { 200: Type.Object({ ok: Type.Boolean(), letterIds: Type.Optional(Type.Array(Type.Integer())), warnings: Type.Optional(Type.Array(Type.Object({ zh: Type.String(), en: Type.String() }))) }) };

    s.post<{ Params: Static<typeof IdParams>; Body: Static<typeof StepBody> }>('/api/v1/requests/:id/steps', {
      schema: { ...staff, summary: 'Apply a workflow step (accept, request_correction, extend, start_consultation, …)', params: IdParams, body: StepBody, response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      const { concern, feeBasis, feePayment, ...input } = req.body;
      const r = await applyStep(db, commandContext(req), req.params.id, input as unknown as CaseEventInput, { extras: { concern, feeBasis, feePayment } });
      return { ok: true, letterIds: r.letterIds, warnings: r.warnings };
    });

    s.post<{ Params: Static<typeof IdParams>; Body: { date?: string } }>('/api/v1/requests/:id/confirm', {
      schema: { ...staff, summary: 'Confirm receipt of an online application (条例 第三十一条)', params: IdParams, body: Type.Object({ date: Type.Optional(DateStr) }), response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      await confirmSubmission(db, commandContext(req), req.params.id, { date: req.body.date });
      return { ok: true };
    });

    s.post<{ Params: Static<typeof IdParams>; Body: Static<typeof DispositionBody> }>('/api/v1/requests/:id/reply', {
      schema: { ...staff, summary: 'Draft the reply (one result of 条例 第三十六条)', params: IdParams, body: DispositionBody, response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      const id = await draftReply(db, commandContext(req), req.params.id, req.body as unknown as Disposition);
      return { ok: true, letterIds: [id] };
    });

    s.post<{ Params: Static<typeof IdParams>; Body: { date?: string } }>('/api/v1/requests/:id/sign', {
      schema: { ...staff, summary: 'Approve the drafted reply and issue it', params: IdParams, body: Type.Object({ date: Type.Optional(DateStr) }), response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      const r = await signReply(db, commandContext(req), req.params.id, { date: req.body.date });
      return { ok: true, letterIds: r.letterIds, warnings: r.warnings };
    });

    s.post<{ Params: Static<typeof IdParams>; Body: { handlerId: number | null } }>('/api/v1/requests/:id/assign', {
      schema: { ...staff, summary: 'Assign the case to a handler', params: IdParams, body: Type.Object({ handlerId: Type.Union([Type.Integer(), Type.Null()]) }), response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      await assignHandler(db, commandContext(req), req.params.id, req.body.handlerId);
      return { ok: true };
    });

    s.post<{ Params: Static<typeof IdParams>; Body: Static<typeof AppealBody> }>('/api/v1/requests/:id/appeals', {
      schema: { ...staff, summary: 'Record an administrative reconsideration or lawsuit when it is filed (its outcome later, by updating it)', params: IdParams, body: AppealBody, headers: IdemHeader, response: { 200: Type.Object({ id: Type.Integer() }) } },
    }, async (req) => {
      await caseFor(req, req.params.id);
      const b = req.body;
      const add = async () => ({ status: 200, value: { id: await recordAppeal(db, commandContext(req), req.params.id, { kind: b.kind, outcome: b.outcome, filed_on: b.filedOn, decided_on: b.decidedOn, body: b.body, note: b.note }) } });
      const key = req.headers['idempotency-key'];
      if (key === undefined) return (await add()).value;
      return (await idempotent(db, cfg.piiKeys, { scope: `api:appeals:${req.actor!.userId}:${req.params.id}`, key: String(key), hash: bodyHash(b), field: 'Idempotency-Key' }, add)).value;
    });

    s.post<{ Params: Static<typeof AppealParams>; Body: Static<typeof AppealUpdateBody> }>('/api/v1/requests/:id/appeals/:aid', {
      schema: { ...staff, summary: 'Update an appeal to its outcome (the same row: table 4 counts it once)', params: AppealParams, body: AppealUpdateBody, response: ok },
    }, async (req) => {
      await caseFor(req, req.params.id);
      const b = req.body;
      await updateAppeal(db, commandContext(req), req.params.aid, { outcome: b.outcome, decided_on: b.decidedOn, filed_on: b.filedOn, body: b.body, note: b.note }, { caseId: req.params.id });
      return { ok: true };
    });

    const letterOf = async (req: FastifyRequest<{ Params: Static<typeof LetterParams> }>) => {
      const c = await caseFor(req, req.params.id);
      const l = await letterById(db, req.params.lid);
      if (!l || l.case_id !== c.id) throw notFound({ zh: '文书', en: 'letter' });
      return l;
    };

    s.post<{ Params: Static<typeof LetterParams>; Body: { date: string } }>('/api/v1/requests/:id/letters/:lid/issue', {
      schema: { ...staff, summary: 'Issue a draft notice (number allocated now)', params: LetterParams, body: Type.Object({ date: DateStr }), response: { 200: Type.Object({ number: Type.String() }) } },
    }, async (req) => {
      await letterOf(req);
      return { number: await issueLetter(db, commandContext(req), req.params.lid, { date: req.body.date }) };
    });

    s.post<{ Params: Static<typeof LetterParams>; Body: { method: string; date: string; note?: string } }>('/api/v1/requests/:id/letters/:lid/delivery', {
      schema: { ...staff, summary: 'Record the delivery (送达) of an issued letter', params: LetterParams, body: Type.Object({ method: Type.String(), date: DateStr, note: Str(300) }), response: ok },
    }, async (req) => {
      await letterOf(req);
      await recordDelivery(db, commandContext(req), req.params.lid, req.body);
      return { ok: true };
    });

    s.get<{ Params: Static<typeof LetterParams> & { format: 'docx' | 'pdf' } }>('/api/v1/requests/:id/letters/:lid/:format', {
      schema: { ...staff, summary: 'Download an issued letter as DOCX or PDF', params: Type.Object({ id: Type.Integer({ minimum: 1 }), lid: Type.Integer({ minimum: 1 }), format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')]) }) },
    }, async (req, reply: FastifyReply) => {
      const l = await letterOf(req);
      const f = await letterFile(db, l, req.params.format);
      return reply.type(f.mime).header('content-disposition', contentDisposition(f.filename)).send(f.bytes);
    });
  });
}
