/**
 * Admin pages of 依申请公开 under /admin/requests. Handlers are thin: load, check the policy, call one
 * command, redirect (303) or re-render with the rule that was broken (422).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, invalid, notFound } from '../../../core/http/errors.ts';
import { parseId } from '../../../core/http/input-guard.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits } from '../../units/repository.ts';
import { indentName } from '../../units/domain/tree.ts';
import { contentDisposition } from '../../documents/domain/filetype.ts';
import { availableTransitions, TRANSITIONS, type Role as DomainRole } from '../domain/index.ts';
import { appealsOf, attachmentsOf, caseById, caseCounts, casesByIdHmac, eventRowsOf, letterById, lettersOf, listCases, OPEN_DB_STATUSES } from '../store/repository.ts';
import { calendarForUnit, caseDeadlineOrNull } from '../store/deadline.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { canViewPii, issueAction, rolesAt } from '../policy.ts';
import { applyStep, assignHandler, draftReply, recordDelivery, signReply } from '../commands.ts';
import { confirmSubmission, discardInbox, recoverInbox, registerByStaff, type RegisterResult } from '../intake-commands.ts';
import { bodyHash, idempotent } from '../../../core/http/idempotency.ts';
import { ordersOfCase, superviseCase } from '../store/supervision-orders.ts';
import { issueLetter, letterFile, updateDraft, type LetterFormat } from '../store/letters-store.ts';
import { attachmentForHandler, markNotificationsRead, notificationsFor, recordAppeal, revealPii, updateAppeal, type RevealedPii } from '../store/supervision.ts';
import { parseDispositionForm, parseStepForm } from './forms.ts';
import { decryptOrNull, idNumberHmacs } from '../../../core/pii/crypto.ts';
import { CASE_MAX_PAGE, CASE_PAGE_SIZE, CaseListPage, casePageOf, InboxPage, NewCasePage, NotificationsPage, RegisteredPage, type ListQuery } from '../views/staff-views.tsx';
import { CasePage, LetterPage, type CasePageData } from '../views/case-views.tsx';
import { DUE_SOON_WORKDAYS } from '../store/reminders.ts';
import { caseFilterOf, registerExportRoute } from './register-export.ts';

ADMIN_NAV.push({ key: 'requests', href: '/admin/requests', label: { zh: '依申请公开', en: 'Applications' }, action: 'request.view', order: 20 });

const CASE = { zh: '申请', en: 'application' };
const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

export async function handlersFor(db: FastifyInstance['deps']['db'], unitPath: string) {
  return db
    .selectFrom('users as x')
    .innerJoin('role_assignments as r', 'r.user_id', 'x.id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['x.id', 'x.display_name as name'])
    .distinct()
    .where('x.disabled', '=', false)
    .where('r.role', 'in', ['case_handler', 'unit_admin'])
    .where(sql<boolean>`${unitPath} like u.path || '%'`)
    .orderBy('x.id')
    .execute();
}

export default async function requestStaffRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  async function caseFor(req: FastifyRequest, id: number) {
    const c = await caseById(db, id);
    if (!c || !can(req.actor, 'request.view', c.unit_path)) throw notFound(CASE);
    return c;
  }

  async function casePage(req: FastifyRequest, reply: FastifyReply, id: number, o: { pii?: RevealedPii; flash?: Msg[]; error?: Msg; status?: number } = {}) {
    const c = await caseFor(req, id);
    const today = shanghaiDate();
    const [events, letters, appeals, attachments, handler, orders] = await Promise.all([
      eventRowsOf(db, id), lettersOf(db, id), appealsOf(db, id), attachmentsOf(db, id),
      c.handler_id ? db.selectFrom('users').select('display_name').where('id', '=', c.handler_id).executeTakeFirst() : undefined,
      ordersOfCase(db, id),
    ]);
    const cal = await calendarForUnit(db, c.unit_code);
    const roles = rolesAt(req.actor, c.unit_path) as DomainRole[];
    const steps = c.status === 'submitted' ? [] : availableTransitions(c.status as never, roles).map((tr) => tr.name).filter((n) => n !== 'answer' && n !== 'register');
    const canDraft = c.status !== 'submitted' && TRANSITIONS.answer.from.includes(c.status as never) && (can(req.actor, 'request.handle', c.unit_path) || can(req.actor, 'request.approve', c.unit_path));
    let repeats = 0;
    if (c.id_number_enc && canViewPii(req.actor, c)) {
      const id = decryptOrNull(cfg.piiKeys, 'id_number', c.id_number_enc);
      if (id) repeats = (await casesByIdHmac(db, idNumberHmacs(cfg.piiKeys, id), c.id, scopePaths(req.actor, 'request.view'))).length;
    }
    const d: CasePageData = {
      c, handlerName: handler?.display_name ?? null, events, letters, appeals, attachments,
      deadline: caseDeadlineOrNull(events.map((e) => e.data), cal, today),
      steps, canConfirm: c.status === 'submitted' && can(req.actor, 'request.step.register', c.unit_path), canDraft,
      canSign: !!c.draft_disposition && can(req.actor, 'request.step.answer', c.unit_path),
      canPii: canViewPii(req.actor, c), canAppeal: can(req.actor, 'request.appeal', c.unit_path),
      orders, canSupervise: OPEN_DB_STATUSES.includes(c.status) && can(req.actor, 'request.supervise', c.unit_path), canAssign: can(req.actor, 'request.assign', c.unit_path),
      pii: o.pii, handlers: can(req.actor, 'request.assign', c.unit_path) ? await handlersFor(db, c.unit_path) : [],
      units: steps.includes('transfer') ? (await listUnits(db, { activeOnly: true })).filter((u) => u.id !== c.unit_id).map((u) => ({ id: u.id, name: indentName(u.level, u.name) })) : [],
      repeats, today, flash: o.flash,
    };
    const body = renderHtml(CasePage({ ctx: viewContext(req, reply), d: o.error ? { ...d, flash: [...(d.flash ?? []), o.error] } : d }));
    return html(reply.code(o.status ?? 200), body);
  }

  /** Runs a case command; a broken rule re-renders the case page with its message (422). */
  async function onCase(req: FastifyRequest, reply: FastifyReply, id: number, fn: () => Promise<unknown>, done: Msg) {
    await caseFor(req, id);
    try {
      await fn();
    } catch (e) {
      if (e instanceof AppError && e.status >= 400 && e.status < 500 && e.status !== 403 && e.status !== 404) {
        // a field message that only repeats the error's own is not shown twice
        const fields = (e.fields ? Object.values(e.fields) : []).filter((f) => f.zh !== e.msg.zh);
        return casePage(req, reply, id, { status: e.status, error: fields.length ? { zh: `${e.msg.zh}：${fields.map((f) => f.zh).join('；')}`, en: `${e.msg.en}: ${fields.map((f) => f.en).join('; ')}` } : e.msg });
      }
      throw e;
    }
    return reply.redirect(`/admin/requests/${id}?done=${encodeURIComponent(done.en)}`, 303);
  }

  await adminRoutes(app, (s) => {
    registerExportRoute(s);
    s.get<{ Querystring: ListQuery }>('/admin/requests', async (req, reply) => {
      const scope = scopePaths(req.actor, 'request.view');
      if (!scope.length) throw forbidden();
      const today = shanghaiDate();
      const cal = await calendarFor(db);
      const soonBy = cal.addWorkdays(today, DUE_SOON_WORKDAYS);
      const q = req.query;
      const page = casePageOf(q);
      const [found, counts, unread] = await Promise.all([
        // one row more than a page says whether there is a next page, without counting every match
        listCases(db, { ...caseFilterOf(req, q, today, soonBy), limit: CASE_PAGE_SIZE + 1, offset: (page - 1) * CASE_PAGE_SIZE }),
        caseCounts(db, scope, today, soonBy),
        db.selectFrom('request_notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', req.actor!.userId).where('read_at', 'is', null).executeTakeFirst(),
      ]);
      return html(reply, renderHtml(CaseListPage({
        c: viewContext(req, reply), rows: found.slice(0, CASE_PAGE_SIZE), page, hasNext: found.length > CASE_PAGE_SIZE && page < CASE_MAX_PAGE, query: q, today, soonBy, counts,
        canRegister: scopePaths(req.actor, 'request.step.register').length > 0, canInbox: scopePaths(req.actor, 'request.inbox').length > 0, unread: Number(unread?.n ?? 0),
      })));
    });

    const registerUnits = async (req: FastifyRequest) => (await listUnits(db, { scope: scopePaths(req.actor, 'request.step.register'), activeOnly: true })).map((u) => ({ id: u.id, name: indentName(u.level, u.name) }));

    s.get('/admin/requests/new', async (req, reply) => {
      const units = await registerUnits(req);
      if (!units.length) throw forbidden();
      const today = shanghaiDate();
      return html(reply, renderHtml(NewCasePage({ c: viewContext(req, reply), units, values: { channel: 'in_person', handed_in: today, form: 'paper', delivery: 'post' }, today })));
    });

    s.post('/admin/requests', async (req, reply) => {
      const b = formBody(req);
      try {
        const run = async () => ({ status: 201, value: await registerByStaff(db, cfg, commandContext(req), parseId(b.unit_id) ?? 0, b) });
        // the form's one-time token: a replayed POST shows the first registration again (#14.8)
        const { value: r } = b.form_token ? await idempotent<RegisterResult>(db, cfg.piiKeys, { scope: `form:register:${req.actor!.userId}`, key: b.form_token, hash: bodyHash(b), field: 'form_token' }, run) : await run();
        return html(reply.code(201), renderHtml(RegisteredPage({ c: viewContext(req, reply), caseId: r.caseId, trackingNo: r.trackingNo, queryCode: r.queryCode, warnings: r.warnings })));
      } catch (e) {
        if (e instanceof AppError && e.fields) return html(reply.code(e.status), renderHtml(NewCasePage({ c: viewContext(req, reply), units: await registerUnits(req), values: b, errors: e.fields, today: shanghaiDate() })));
        throw e;
      }
    });

    s.get('/admin/requests/inbox', async (req, reply) => {
      const scope = scopePaths(req.actor, 'request.inbox');
      if (!scope.length) throw forbidden();
      const rows = await db
        .selectFrom('request_submissions_inbox as i')
        .leftJoin('units as u', 'u.id', 'i.unit_id')
        .select(['i.id', 'i.received_at', 'i.error_code', 'u.name as unit_name'])
        .where('i.status', '=', 'pending')
        .where((eb) => eb.or([eb('u.path', 'is', null), ...scope.map((p) => eb('u.path', 'like', `${p}%`))]))
        .orderBy('i.id')
        .execute();
      return html(reply, renderHtml(InboxPage({ c: viewContext(req, reply), rows })));
    });

    s.post<{ Params: { id: string } }>('/admin/requests/inbox/:id/recover', async (req, reply) => {
      const r = await recoverInbox(db, cfg, commandContext(req), Number(req.params.id) || 0);
      return html(reply.code(201), renderHtml(RegisteredPage({ c: viewContext(req, reply), caseId: r.caseId, trackingNo: r.trackingNo, queryCode: r.queryCode, warnings: [] })));
    });

    s.post<{ Params: { id: string } }>('/admin/requests/inbox/:id/discard', async (req, reply) => {
      await discardInbox(db, commandContext(req), Number(req.params.id) || 0, formBody(req).reason ?? '');
      return reply.redirect('/admin/requests/inbox', 303);
    });

    s.get('/admin/requests/notifications', async (req, reply) => {
      if (!can(req.actor, 'request.view')) throw forbidden();
      const rows = await notificationsFor(db, req.actor!.userId);
      return html(reply, renderHtml(NotificationsPage({ c: viewContext(req, reply), rows })));
    });

    s.post('/admin/requests/notifications/read', async (req, reply) => {
      // the same rule as the page it belongs to (found by the authorization matrix, issue #10)
      if (!can(req.actor, 'request.view')) throw forbidden();
      await markNotificationsRead(db, req.actor!.userId);
      return reply.redirect('/admin/requests/notifications', 303);
    });

    s.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/requests/:id', async (req, reply) => {
      const flash = req.query.done ? [{ zh: '已保存。', en: 'Saved.' }] : undefined;
      return casePage(req, reply, Number(req.params.id) || 0, { flash });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/pii', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      await caseFor(req, id);
      const pii = await revealPii(db, commandContext(req), cfg.piiKeys, id);
      return casePage(req, reply, id, { pii });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/confirm', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      return onCase(req, reply, id, () => confirmSubmission(db, commandContext(req), id, { date: formBody(req).date }), { zh: '已登记', en: 'registered' });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/steps', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const parsed = parseStepForm(formBody(req));
      if (!parsed) throw new AppError(400, 'bad_request', { zh: '无法识别的办理步骤', en: 'Unknown step' });
      return onCase(req, reply, id, () => applyStep(db, commandContext(req), id, parsed.input, { extras: parsed.extras }), { zh: '已办理', en: parsed.input.type });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/reply', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      return onCase(req, reply, id, () => draftReply(db, commandContext(req), id, parseDispositionForm(formBody(req))), { zh: '答复草稿已保存', en: 'draft' });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/sign', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      return onCase(req, reply, id, () => signReply(db, commandContext(req), id, { date: formBody(req).date || undefined }), { zh: '答复已签发', en: 'signed' });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/appeals', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const b = formBody(req);
      const add = async () => ({ status: 200, value: await recordAppeal(db, commandContext(req), id, b) });
      // a resent form (its one-time token) records nothing new (#14.8)
      return onCase(req, reply, id, () => (b.form_token ? idempotent(db, cfg.piiKeys, { scope: `form:appeal:${req.actor!.userId}:${id}`, key: b.form_token, hash: bodyHash(b), field: 'form_token' }, add) : add()), { zh: '已登记', en: 'appeal' });
    });

    s.post<{ Params: { id: string; aid: string } }>('/admin/requests/:id/appeals/:aid', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const b = formBody(req);
      return onCase(req, reply, id, () => updateAppeal(db, commandContext(req), Number(req.params.aid) || 0, { outcome: b.outcome, decided_on: b.decided_on, body: b.body, ...(b.note !== undefined ? { note: b.note } : {}) }, { caseId: id }), { zh: '已更新', en: 'appeal updated' });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/supervise', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const b = formBody(req);
      const give = async () => ({ status: 200, value: await superviseCase(db, commandContext(req), id, b) });
      return onCase(req, reply, id, () => (b.form_token ? idempotent(db, cfg.piiKeys, { scope: `form:supervise:${req.actor!.userId}:${id}`, key: b.form_token, hash: bodyHash(b), field: 'form_token' }, give) : give()), { zh: '已督办', en: 'supervised' });
    });

    s.post<{ Params: { id: string } }>('/admin/requests/:id/assign', async (req, reply) => {
      const id = Number(req.params.id) || 0;
      const h = formBody(req).handler_id;
      const handler = h ? parseId(h) : null; // `abc`, `1.5`, 2^31: no user's id (issue #10 item 7)
      return onCase(req, reply, id, () => {
        if (h && handler === null) throw invalid({ handler_id: { zh: '承办人无效', en: 'not a valid handler' } });
        return assignHandler(db, commandContext(req), id, handler);
      }, { zh: '已分办', en: 'assigned' });
    });

    s.get<{ Params: { id: string; aid: string } }>('/admin/requests/:id/attachments/:aid', async (req, reply) => {
      const c = await caseFor(req, Number(req.params.id) || 0);
      const a = await attachmentForHandler(db, commandContext(req), c.id, Number(req.params.aid) || 0);
      return reply.type(a.mime).header('content-disposition', contentDisposition(a.filename)).header('cache-control', 'no-store').send(Buffer.from(a.content));
    });

    // /letters/12 is the letter page; /letters/12.pdf and /letters/12.docx download it
    s.get<{ Params: { id: string; file: string } }>('/admin/requests/:id/letters/:file', async (req, reply) => {
      const c = await caseFor(req, Number(req.params.id) || 0);
      const m = /^([1-9]\d{0,8})(?:\.(pdf|docx))?$/.exec(req.params.file); // an id below 2^31 (issue #10 item 7)
      const l = m ? await letterById(db, Number(m[1])) : undefined;
      if (!m || !l || l.case_id !== c.id) throw notFound({ zh: '文书', en: 'letter' });
      if (m[2]) {
        const f = await letterFile(db, l, m[2] as LetterFormat);
        return reply.type(f.mime).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.bytes);
      }
      const canIssue = can(req.actor, issueAction(l.kind), c.unit_path);
      const signViaReply = l.kind.startsWith('reply.') && issueAction(l.kind) === 'request.approve';
      const canEdit = can(req.actor, 'request.handle', c.unit_path) || (issueAction(l.kind) === 'request.approve' && can(req.actor, 'request.approve', c.unit_path));
      return html(reply, renderHtml(LetterPage({ c: viewContext(req, reply), k: c, l, canEdit, canIssue, canDeliver: can(req.actor, 'request.handle', c.unit_path), today: shanghaiDate(), signViaReply })));
    });

    const letterAction = (path: string, fn: (req: FastifyRequest, lid: number) => Promise<unknown>) =>
      s.post<{ Params: { id: string; lid: string } }>(path, async (req, reply) => {
        const id = Number(req.params.id) || 0;
        const lid = Number(req.params.lid) || 0;
        const c = await caseFor(req, id);
        const l = await letterById(db, lid);
        if (!l || l.case_id !== c.id) throw notFound({ zh: '文书', en: 'letter' });
        try {
          await fn(req, lid);
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e.status === 409)) return casePage(req, reply, id, { status: e.status, error: e.msg });
          throw e;
        }
        return reply.redirect(`/admin/requests/${id}/letters/${lid}`, 303);
      });
    letterAction('/admin/requests/:id/letters/:lid', (req, lid) => updateDraft(db, commandContext(req), lid, formBodyAll(req, 'p')));
    letterAction('/admin/requests/:id/letters/:lid/issue', (req, lid) => issueLetter(db, commandContext(req), lid, { date: formBody(req).date || shanghaiDate() }));
    letterAction('/admin/requests/:id/letters/:lid/deliver', (req, lid) => {
      const b = formBody(req);
      return recordDelivery(db, commandContext(req), lid, { method: b.method ?? '', date: b.date ?? '', note: b.note });
    });
  });
}
