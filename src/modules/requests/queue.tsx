/**
 * The case handler's dashboard queue (admin/queues.tsx, #14.9): running applications of the
 * handler's units that are overdue or due within DUE_SOON_WORKDAYS working days (条例 第三十三条
 * 答复期限), the earliest due first, each with its number and due date. Kept apart from the count
 * widget (widget.tsx), whose owner adds the 督办 and signature queues through the same interface.
 */
import { scopePaths } from '../../core/auth/policy.ts';
import { calendarFor } from '../../core/calendar/store.ts';
import { DASHBOARD_QUEUES, QUEUE_SIZE, type QueueItem } from '../admin/queues.tsx';
import { caseCounts, listCases } from './repository.ts';
import { DUE_SOON_WORKDAYS } from './reminders.ts';

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
