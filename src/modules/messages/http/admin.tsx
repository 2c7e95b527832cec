/**
 * Staff pages of 留言/咨询 (/admin/messages…), scoped to the user's units in SQL, and the queue
 * “待答复的留言” on the dashboard of everyone who handles messages (overdue and due-soon first).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import type { WorkCalendar } from '../../../core/calendar/calendar.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { DASHBOARD_QUEUES, QUEUE_SIZE } from '../../admin/queues.tsx';
import { calendarForUnit } from '../../requests/store/deadline.ts';
import { contentDisposition } from '../../documents/domain/filetype.ts';
import { listUnits } from '../../units/repository.ts';
import { participationFigures, participationRef } from '../../reports/store/participation.ts';
import { CATEGORY_NAMES, urgencyOf, type Category, type Status, type Urgency } from '../domain/rules.ts';
import { keptInScope } from '../../../core/commands/kept.ts';
import { keptRoutes } from '../../admin/kept.tsx';
import { KEPT_MESSAGES } from '../commands/kept.ts';
import { attachmentList, readAttachment, answerMessage, assignMessage, mergeIntoFaq, publishMessage, rejectMessage, revealContact, setAnswerWorkdays, transferMessage } from '../commands/staff.ts';
import { answerWorkdays, faqsOf, messageById, staffList, usersOfUnit, type StaffRow } from '../store/queries.ts';
import { InboxPage, MessagePage } from '../views/admin.tsx';

ADMIN_NAV.push({ key: 'messages', href: '/admin/messages', label: { zh: '留言咨询', en: 'Citizen messages' }, action: 'message.view', order: 79 });

/** Adds each row's urgency, on the calendar of its unit's county. */
async function withUrgency(db: DbOrTx, rows: StaffRow[], today: string): Promise<(StaffRow & { urgency: Urgency })[]> {
  const cals = new Map<number, WorkCalendar>();
  const codes = new Map((await listUnits(db, {})).map((u) => [u.id, u.code]));
  const out = [];
  for (const r of rows) {
    let cal = cals.get(r.unit_id);
    if (!cal) cals.set(r.unit_id, (cal = await calendarForUnit(db, codes.get(r.unit_id) ?? '')));
    out.push({ ...r, urgency: urgencyOf(r, today, cal) });
  }
  return out;
}
const RANK: Record<Urgency, number> = { overdue: 0, due_soon: 1, normal: 2 };

DASHBOARD_QUEUES.push(async ({ req, roles }) => {
  const scope = scopePaths(req.actor, 'message.handle');
  if (!scope.length) return [];
  const db = req.server.deps.db;
  const rows = (await withUrgency(db, await staffList(db, scope, { open: true }), shanghaiDate())).sort((a, b) => RANK[a.urgency] - RANK[b.urgency]);
  return [{
    key: 'messages.answer', role: roles.has('case_handler') ? 'case_handler' : roles.has('editor') ? 'editor' : 'unit_admin', title: { zh: '待答复的留言', en: 'Messages awaiting an answer' },
    items: rows.slice(0, QUEUE_SIZE).map((r) => ({ title: r.subject, href: `/admin/messages/${r.id}`, ref: r.tracking_no, unit: r.unit_name, due: r.due_on, urgency: r.urgency, since: r.received_on })),
    total: rows.length, href: '/admin/messages#h-open',
  }];
});

// reviewers (and whoever may publish) see the answered messages whose askers agreed to publication
DASHBOARD_QUEUES.push(async ({ req, roles }) => {
  const scope = scopePaths(req.actor, 'message.publish');
  if (!scope.length) return [];
  const rows = (await staffList(req.server.deps.db, scope)).filter((r) => r.status === 'answered' && r.consent);
  return [{
    key: 'messages.publish', role: roles.has('reviewer') ? 'reviewer' : roles.has('editor') ? 'editor' : 'unit_admin', title: { zh: '待公开的留言答复', en: 'Answers awaiting publication' },
    items: rows.slice(0, QUEUE_SIZE).map((r) => ({ title: r.subject, href: `/admin/messages/${r.id}#publish`, ref: r.tracking_no, unit: r.unit_name, since: r.answered_on })),
    total: rows.length, href: '/admin/messages#h-publish',
  }];
});

const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  assign: { zh: '已交办。', en: 'Assigned.' }, transfer: { zh: '已转办。', en: 'Transferred.' }, answer: { zh: '答复已保存。', en: 'The answer is saved.' },
  publish: { zh: '已公开。', en: 'Published.' }, reject: { zh: '已不予处理。', en: 'Set aside.' }, faq: { zh: '已归入常见问题。', en: 'Merged into the FAQ.' }, settings: { zh: '答复期限已保存。', en: 'The answer period is saved.' },
};
type Req = FastifyRequest<{ Params: { id: string }; Querystring: { done?: string; year?: string } }>;

export default async function messageAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(renderHtml(body as never));

  const inbox = async (req: Req, reply: FastifyReply, o: { errors?: Record<string, Msg>; status?: number } = {}) => {
    const scope = scopePaths(req.actor, 'message.view');
    const today = shanghaiDate();
    const y = Number(req.query.year);
    const year = Number.isInteger(y) && y >= 2019 && y <= 2100 ? y : Number(today.slice(0, 4));
    const all = await withUrgency(db, await staffList(db, scope), today);
    // the shared participation query: the same figures as the assessment and the annual report's narrative
    const part = await participationFigures(db, { year, ref: participationRef(year, today), scope });
    const ids = part.byUnit.map((f) => f.unitId!);
    const names = new Map(ids.length ? (await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute()).map((u) => [u.id, u.name]) : []);
    const settable = await listUnits(db, { scope: scopePaths(req.actor, 'message.settings'), activeOnly: true });
    const units = await Promise.all(settable.slice(0, 50).map(async (u) => ({ id: u.id, name: u.name, workdays: await answerWorkdays(db, u.id) })));
    const kept = await keptInScope(db, KEPT_MESSAGES, scopePaths(req.actor, KEPT_MESSAGES.rule));
    return send(reply, InboxPage({
      c: viewContext(req, reply), kept, open: all.filter((r) => r.status === 'received' || r.status === 'assigned'), toPublish: all.filter((r) => r.status === 'answered' && r.consent),
      figures: part.byUnit.map((f) => ({ ...f, unitName: names.get(f.unitId!) ?? '' })), year, units, notice: DONE[String(req.query.done ?? '')], errors: o.errors,
    }), o.status);
  };

  const visible = async (req: Req, id: number) => {
    const m = await messageById(db, id);
    if (!m || !can(req.actor, 'message.view', m.unit_path)) throw notFound({ zh: '留言', en: 'message' });
    return m;
  };
  const page = async (req: Req, reply: FastifyReply, id: number, o: { errors?: Record<string, Msg>; error?: Msg; values?: Record<string, string>; section?: string; status?: number; contact?: { name: string; contact: string } } = {}) => {
    const m = await visible(req, id);
    const cal = await calendarForUnit(db, m.unit_code);
    const [staff, units, faqs, attachments] = await Promise.all([usersOfUnit(db, m.unit_id), listUnits(db, { activeOnly: true }), faqsOf(db, [m.unit_id]), attachmentList(db, cfg, m.id)]);
    return send(reply, MessagePage({ c: viewContext(req, reply), m, urgency: urgencyOf({ status: m.status as Status, due_on: m.due_on }, shanghaiDate(), cal), staff, units, faqs, attachments, notice: DONE[String(req.query.done ?? '')], ...o }), o.status);
  };

  await adminRoutes(app, async (s) => {
    keptRoutes(s, {
      kind: KEPT_MESSAGES, base: '/admin/messages/kept', section: { current: 'messages', href: '/admin/messages', label: { zh: '留言咨询', en: 'Citizen messages' } },
      title: { zh: '暂存的留言', en: 'Kept messages' },
      show: (p) => [
        [{ zh: '查询号', en: 'Tracking number' }, String(p.trackingNo ?? '')], [{ zh: '类别', en: 'Category' }, CATEGORY_NAMES[p.category as Category]?.zh ?? String(p.category ?? '')],
        [{ zh: '标题', en: 'Subject' }, String(p.subject ?? '')], [{ zh: '内容', en: 'Text' }, String(p.body ?? '')],
        [{ zh: '附件', en: 'Attachments' }, String(Array.isArray(p.files) ? p.files.length : 0)],
      ],
      recovered: (r) => `/admin/messages/${r.id}`,
    });
    s.get('/admin/messages', async (req: Req, reply) => inbox(req, reply));
    s.post('/admin/messages/settings', async (req: Req, reply) => {
      const body = formBody(req);
      try {
        await setAnswerWorkdays(db, commandContext(req), idOf(body.unit_id), body);
        return reply.redirect('/admin/messages?done=settings#h-settings', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return inbox(req, reply, { errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.get('/admin/messages/:id', async (req: Req, reply) => page(req, reply, idOf(req.params.id)));
    s.get<{ Params: { id: string; aid: string } }>('/admin/messages/:id/attachments/:aid', async (req, reply) => {
      const id = idOf(req.params.id);
      await visible(req as unknown as Req, id);
      const f = await readAttachment(db, cfg, commandContext(req), id, idOf(req.params.aid));
      return reply.type(f.mime).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.bytes);
    });
    s.post('/admin/messages/:id/contact', async (req: Req, reply) => {
      const id = idOf(req.params.id);
      await visible(req, id);
      return page(req, reply, id, { contact: await revealContact(db, cfg, commandContext(req), id) });
    });
    const ACTIONS: Record<string, (id: number, body: Record<string, string>, req: Req) => Promise<unknown>> = {
      assign: (id, body, req) => assignMessage(db, commandContext(req), id, body),
      transfer: (id, body, req) => transferMessage(db, commandContext(req), id, body),
      answer: (id, body, req) => answerMessage(db, commandContext(req), id, body),
      publish: (id, body, req) => publishMessage(db, cfg, commandContext(req), id, body),
      reject: (id, body, req) => rejectMessage(db, commandContext(req), id, body),
      faq: (id, body, req) => mergeIntoFaq(db, commandContext(req), id, body),
    };
    for (const [name, run] of Object.entries(ACTIONS)) {
      s.post(`/admin/messages/:id/${name}`, async (req: Req, reply) => {
        const id = idOf(req.params.id);
        const m = await visible(req, id);
        const body = formBody(req);
        try {
          await run(id, body, req);
          // after a transfer the message may be out of the user's sight: back to the inbox then
          const after = name === 'transfer' ? await messageById(db, id) : m;
          return reply.redirect(after && can(req.actor, 'message.view', after.unit_path) ? `/admin/messages/${id}?done=${name}` : `/admin/messages?done=${name}`, 303);
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
          return page(req, reply, id, e.fields ? { values: body, errors: e.fields, section: name, status: e.status } : { error: e.msg, status: e.status });
        }
      });
    }
  });
}
