/**
 * The documents part of the dashboard (#14.9):
 * - queues (admin/queues.tsx): editors — my drafts, returned to me, my scheduled documents;
 *   reviewers — awaiting my review, reviewed and not yet published; those who oversee (supervisor,
 *   unit and system administrators) — unpublished documents past their 公开时效 deadline;
 * - the count widget: awaiting review, policies without a 解读, overdue unpublished, published late.
 * Everything is a scoped SQL query on stored values (the deadline is stored, store/deadlines.ts),
 * so the dashboard does not count working days per document.
 */
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { t } from '../../../core/render/page.tsx';
import { formatDateTime, formatNumber, shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import type { Role } from '../../../core/auth/roles.ts';
import { DASHBOARD_WIDGETS } from '../../admin/dashboard.tsx';
import { DASHBOARD_QUEUES, QUEUE_SIZE, type Queue, type QueueItem, type Urgency } from '../../admin/queues.tsx';
import '../policy.ts';
import { awaitingReviewCount } from '../store/queries.ts';
import { policiesWithoutInterpretationCount } from '../store/repository.ts';
import { latePublishedCount, overdueOpenCount } from '../store/deadlines.ts';
import { documentQueue, type DocQueue, type QueueRow } from '../store/queues.ts';

/** A deadline within this many calendar days counts as due soon. */
const SOON_DAYS = 3;

function urgency(r: QueueRow, today: string, soonBy: string): Urgency {
  if (r.timeliness_late_from && r.timeliness_late_from <= today) return 'overdue';
  if (r.timeliness_due && r.timeliness_due <= soonBy) return 'due_soon';
  return 'normal';
}

interface QueueDef {
  queue: DocQueue;
  role: Role;
  title: Msg;
  /** the policy action whose scope filters the list */
  action: string;
  href: string;
  /** shown to these roles even when empty */
  keepFor: Role[];
  /** shown at all only to these roles (undefined: whoever has the action) */
  onlyFor?: Role[];
}

const QUEUES: QueueDef[] = [
  { queue: 'returned', role: 'editor', title: { zh: '退回给我修改的文件', en: 'Returned to me' }, action: 'document.create', href: '/admin/documents?status=draft', keepFor: [] },
  { queue: 'drafts', role: 'editor', title: { zh: '我的草稿', en: 'My drafts' }, action: 'document.create', href: '/admin/documents?status=draft', keepFor: ['editor'] },
  { queue: 'scheduled', role: 'editor', title: { zh: '我的定时发布', en: 'My scheduled documents' }, action: 'document.create', href: '/admin/documents?status=scheduled', keepFor: [] },
  { queue: 'review', role: 'reviewer', title: { zh: '待我审核', en: 'Awaiting my review' }, action: 'document.review', href: '/admin/documents?status=submitted', keepFor: ['reviewer'] },
  { queue: 'publish', role: 'reviewer', title: { zh: '已审核待发布', en: 'Reviewed, to publish' }, action: 'document.publish', href: '/admin/documents?status=reviewed', keepFor: [] },
  { queue: 'overdue', role: 'supervisor', title: { zh: '超期未公开的文件', en: 'Overdue, not published' }, action: 'document.view', href: '/admin/documents/timeliness', keepFor: ['supervisor'], onlyFor: ['supervisor', 'unit_admin', 'system_admin'] },
];

DASHBOARD_QUEUES.push(async ({ req, c, today, roles, userId }) => {
  const db = req.server.deps.db;
  const soonBy = new Date(Date.parse(`${today}T00:00:00Z`) + SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const T = t(c);
  const defs = QUEUES.filter((d) => c.can(d.action) && (!d.onlyFor || d.onlyFor.some((r) => roles.has(r))));
  return Promise.all(defs.map(async (d): Promise<Queue> => {
    const { rows, total } = await documentQueue(db, { queue: d.queue, userId, scope: scopePaths(req.actor, d.action), today, limit: QUEUE_SIZE });
    const items: QueueItem[] = rows.map((r) => ({
      title: r.title,
      href: `/admin/documents/${r.id}`,
      ref: r.doc_number ?? r.index_no,
      unit: r.unit_name,
      due: d.queue === 'scheduled' ? null : r.timeliness_due,
      urgency: d.queue === 'scheduled' ? 'normal' : urgency(r, today, soonBy),
      note: d.queue === 'returned' && r.return_reason ? `${T({ zh: '退回原因', en: 'Returned because' })}：${r.return_reason}`
        : d.queue === 'scheduled' && r.publish_at ? `${T({ zh: '定时发布于', en: 'Scheduled for' })} ${formatDateTime(c.l, r.publish_at)}` : null,
      since: r.updated_at,
    }));
    return { key: `documents.${d.queue}`, role: d.role, title: d.title, items, total, href: d.href, keepWhenEmpty: d.keepFor.some((r) => roles.has(r)) };
  }));
});

DASHBOARD_WIDGETS.push(async (req, c) => {
  if (!c.can('document.view')) return null;
  const db = req.server.deps.db;
  const view = scopePaths(req.actor, 'document.view');
  const review = scopePaths(req.actor, 'document.review');
  const today = shanghaiDate();
  const [awaiting, uninterpreted, overdue, late] = await Promise.all([
    review.length ? awaitingReviewCount(db, review) : Promise.resolve(null),
    policiesWithoutInterpretationCount(db, { scope: view }),
    overdueOpenCount(db, view, today),
    latePublishedCount(db, view),
  ]);
  const T = t(c);
  const n = (x: number) => formatNumber(c.l, x);
  return (
    <section class="card" aria-labelledby="h-docs-widget">
      <h2 id="h-docs-widget">{T({ zh: '信息发布', en: 'Publishing' })}</h2>
      <ul class="stats">
        {awaiting !== null && can(req.actor, 'document.review') ? <li><strong>{n(awaiting)}</strong><a href="/admin/documents?status=submitted">{T({ zh: '待审核的文件', en: 'documents awaiting review' })}</a></li> : null}
        <li><strong>{n(uninterpreted)}</strong><a href="/admin/documents/uninterpreted">{T({ zh: '未发布解读的政策文件', en: 'policies without interpretation' })}</a></li>
        <li><strong>{n(overdue)}</strong><a href="/admin/documents/timeliness">{T({ zh: '超期未公开的文件', en: 'documents overdue for publication' })}</a></li>
        <li><strong>{n(late)}</strong><a href="/admin/documents/timeliness?view=late">{T({ zh: '已超期发布的文件', en: 'documents published late' })}</a></li>
      </ul>
    </section>
  );
});
