/**
 * The case handler's dashboard queue (admin/queues.tsx, #14.9): running applications of the
 * handler's units that are overdue or due within DUE_SOON_WORKDAYS working days (条例 第三十三条
 * 答复期限), the earliest due first, each with its number and due date. Kept apart from the count
 * widget (widget.tsx). Below it (#14.9) each role's own queue: the handler's unissued notices ("my
 * drafts"), the replies and the 延期/延迟答复告知书 awaiting the reviewer's signature, and 督办 until the case is answered — to the
 * handler and unit administrator, and to the supervisor who gave it.
 */
import { scopePaths } from '../../../core/auth/policy.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import { DASHBOARD_QUEUES, QUEUE_SIZE, type Queue, type QueueItem } from '../../admin/queues.tsx';
import { caseCounts, listCases, OPEN_DB_STATUSES } from '../store/repository.ts';
import { openOrders } from '../store/supervision-orders.ts';
import { decryptOrNull, decryptPii, piiKeys } from '../../../core/pii/crypto.ts';
import { DUE_SOON_WORKDAYS } from '../store/reminders.ts';

DASHBOARD_QUEUES.push(async ({ req, today, roles }) => {
  const scope = scopePaths(req.actor, 'request.handle');
  if (!scope.length) return [];
  const db = req.server.deps.db;
  const soonBy = (await calendarFor(db)).addWorkdays(today, DUE_SOON_WORKDAYS);
  const [overdue, soon, n] = await Promise.all([
    listCases(db, { scope, today, soonBy, due: 'overdue', limit: QUEUE_SIZE }),
    listCases(db, { scope, today, soonBy, due: 'soon', limit: QUEUE_SIZE }),
    caseCounts(db, scope, today, soonBy),
  ]);
  const items: QueueItem[] = [...overdue, ...soon].slice(0, QUEUE_SIZE).map((r) => ({
    title: r.info_title || r.description.slice(0, 60),
    href: `/admin/requests/${r.id}`,
    ref: r.ref ?? r.tracking_no,
    unit: r.unit_short_name,
    due: r.due_on,
    urgency: r.due_on && r.due_on < today ? 'overdue' : 'due_soon',
    since: r.created_at,
  }));
  return [{
    key: 'requests.due', role: 'case_handler', title: { zh: '即将到期和已逾期的申请', en: 'Applications due soon or overdue' },
    items, total: n.overdue + n.soon, href: n.overdue ? '/admin/requests?due=overdue' : '/admin/requests?due=soon', keepWhenEmpty: roles.has('case_handler'),
  }];
});

// ── #14.9: each role's own queue — my drafts, awaiting my signature, 督办 ──────────────────────────────

const caseTitle = (r: { info_title_enc: string | null; description_enc: string }) => {
  const keys = piiKeys();
  return decryptOrNull(keys, 'info_title', r.info_title_enc) || decryptPii(keys, 'description', r.description_enc).slice(0, 60);
};

/** Letters the handler drafts and issues (notices, and the 告知书 that end a case), unissued, on the handler's own cases. */
DASHBOARD_QUEUES.push(async ({ req, userId }) => {
  const scope = scopePaths(req.actor, 'request.handle');
  if (!scope.length) return [];
  const db = req.server.deps.db;
  const q = db
    .selectFrom('request_letters as l')
    .innerJoin('request_cases as c', 'c.id', 'l.case_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .where(inScope('u.path', scope))
    .where('c.handler_id', '=', userId)
    .where('l.status', '=', 'draft')
    .where((eb) => eb.or([eb('l.kind', 'not like', 'reply.%'), eb('l.kind', 'in', ['reply.correction_lapsed', 'reply.fee_unpaid', 'reply.withdrawn'])]))
    .where('l.kind', 'not in', ['extension_notice', 'delay_notice']);
  const [rows, n] = await Promise.all([
    q.select(['l.id', 'l.title', 'l.case_id', 'l.created_at', 'c.ref', 'c.due_on', 'u.short_name']).orderBy(sql`c.due_on is null`).orderBy('c.due_on').orderBy('l.id').limit(QUEUE_SIZE).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return [{
    key: 'requests.drafts', role: 'case_handler', title: { zh: '我的文书草稿（待签发）', en: 'My draft letters (to issue)' },
    items: rows.map((r) => ({ title: r.title, href: `/admin/requests/${r.case_id}/letters/${r.id}`, ref: r.ref, unit: r.short_name, due: r.due_on, since: r.created_at, note: { zh: '回执、告知书签发后才能答复', en: 'The case can be answered once its notices are issued' } })),
    total: Number(n?.n ?? 0), href: '/admin/requests?mine=1',
  }];
});

/** Replies drafted and awaiting the reviewer's (or unit administrator's) signature (条例 第四十五条 审核). */
DASHBOARD_QUEUES.push(async ({ req, roles }) => {
  const scope = scopePaths(req.actor, 'request.approve');
  if (!scope.length) return [];
  const db = req.server.deps.db;
  const q = db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .where(inScope('u.path', scope))
    .where('c.draft_disposition', 'is not', null)
    .where('c.status', 'in', OPEN_DB_STATUSES);
  const [rows, n] = await Promise.all([
    q.select(['c.id', 'c.ref', 'c.due_on', 'c.updated_at', 'c.info_title_enc', 'c.description_enc', 'u.short_name']).orderBy(sql`c.due_on is null`).orderBy('c.due_on').orderBy('c.id').limit(QUEUE_SIZE).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return [{
    key: 'requests.sign', role: 'reviewer', title: { zh: '待我审核签发的答复', en: 'Replies awaiting my signature' },
    items: rows.map((r) => ({ title: caseTitle(r), href: `/admin/requests/${r.id}`, ref: r.ref, unit: r.short_name, due: r.due_on, since: r.updated_at })),
    total: Number(n?.n ?? 0), href: '/admin/requests', keepWhenEmpty: roles.has('reviewer'),
  }];
});

/**
 * 延期答复告知书 and 延迟答复告知书 drafted and awaiting the signature of whoever approves the later date
 * (条例 第三十三条第二款 延长答复期限须经负责人同意; 第三十五条 不合理申请的延迟答复): reviewer or unit administrator.
 */
DASHBOARD_QUEUES.push(async ({ req }) => {
  const scope = scopePaths(req.actor, 'request.approve');
  if (!scope.length) return [];
  const db = req.server.deps.db;
  const q = db
    .selectFrom('request_letters as l')
    .innerJoin('request_cases as c', 'c.id', 'l.case_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .where(inScope('u.path', scope))
    .where('l.status', '=', 'draft')
    .where('l.kind', 'in', ['extension_notice', 'delay_notice']);
  const [rows, n] = await Promise.all([
    q.select(['l.id', 'l.title', 'l.kind', 'l.case_id', 'l.created_at', 'c.ref', 'c.due_on', 'u.short_name']).orderBy(sql`c.due_on is null`).orderBy('c.due_on').orderBy('l.id').limit(QUEUE_SIZE).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return [{
    key: 'requests.sign_notices', role: 'reviewer', title: { zh: '待我签发的延期/延迟答复告知书', en: 'Extension and later-answer notices awaiting my signature' },
    items: rows.map((r) => ({
      title: r.title, href: `/admin/requests/${r.case_id}/letters/${r.id}`, ref: r.ref, unit: r.short_name, due: r.due_on, since: r.created_at,
      note: r.kind === 'extension_notice' ? { zh: '延长答复期限须经审核人签发', en: 'An extension is signed by the reviewer' } : { zh: '延迟答复（第三十五条）须经审核人签发', en: 'A later answer (Art. 35) is signed by the reviewer' },
    })),
    total: Number(n?.n ?? 0), href: '/admin/requests',
  }];
});

/** 督办 not yet answered: to the handler (own and unassigned cases) and the unit administrator (all); to the supervisor who gave it. */
DASHBOARD_QUEUES.push(async ({ req, roles, userId }) => {
  const db = req.server.deps.db;
  const out: Queue[] = [];
  const handle = scopePaths(req.actor, 'request.handle');
  if (handle.length) {
    const r = await openOrders(db, { scope: handle, ...(roles.has('unit_admin') ? {} : { handlerId: userId }), limit: QUEUE_SIZE });
    out.push({
      key: 'requests.supervised', role: roles.has('case_handler') ? 'case_handler' : 'unit_admin', title: { zh: '督办事项（答复前）', en: 'Supervision instructions (until answered)' },
      items: r.rows.map((o) => ({ title: o.instruction.slice(0, 60), href: `/admin/requests/${o.case_id}`, ref: o.ref, unit: o.unit_short_name, due: o.reply_by ?? o.due_on, since: o.created_at, note: { zh: `${o.issued_by}于${o.issued_on}督办`, en: `by ${o.issued_by} on ${o.issued_on}` } })),
      total: r.total, href: '/admin/requests/notifications',
    });
  }
  const supervise = scopePaths(req.actor, 'request.supervise');
  if (supervise.length) {
    const r = await openOrders(db, { scope: supervise, issuedBy: userId, limit: QUEUE_SIZE });
    out.push({
      key: 'requests.my_orders', role: 'supervisor', title: { zh: '我督办的申请（尚未答复）', en: 'Cases I supervise (not yet answered)' },
      items: r.rows.map((o) => ({ title: o.instruction.slice(0, 60), href: `/admin/requests/${o.case_id}`, ref: o.ref, unit: o.unit_short_name, due: o.reply_by ?? o.due_on, since: o.created_at })),
      total: r.total, href: '/admin/requests', keepWhenEmpty: roles.has('supervisor'),
    });
  }
  return out;
});
