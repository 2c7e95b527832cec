/**
 * "My queue" — the top of the dashboard. Each role's dashboard leads with the work waiting for that
 * person, as the items themselves (title, number, due date, link), most urgent first; the count
 * widgets come after. A module declares its queues:
 *
 *   DASHBOARD_QUEUES.push(async ({ req, c, today, roles, userId }) => [
 *     { key: 'documents.review', role: 'reviewer', title: { zh: '待我审核', en: 'Awaiting my review' },
 *       items: [{ title, href, ref: '朝司发〔2026〕7号', due: '2026-12-10' }], total: 12, href: '/admin/documents?status=submitted' },
 *   ]);
 *
 * A source returns only queues the user may see (it checks the policy and filters in SQL), at most
 * QUEUE_SIZE items each, already the most urgent ones; `total` is the full count behind `href`.
 * The frame orders items (overdue, then due soon, then the rest; earlier due date, then older first)
 * and queues (the one holding the most urgent item first, then by role), and drops empty queues
 * unless `keepWhenEmpty` (a role's own main queue: "nothing to review" is worth saying).
 */
import type { FastifyRequest } from 'fastify';
import { t, type ViewContext } from '../../core/render/page.tsx';
import { formatDate, formatNumber, type Msg } from '../../core/render/i18n.ts';
import type { Role } from '../../core/auth/roles.ts';

export type Urgency = 'overdue' | 'due_soon' | 'normal';

export interface QueueItem {
  title: string;
  href: string;
  /** 文号, 索引号 or case number, shown beside the title */
  ref?: string | null;
  unit?: string | null;
  /** the date by which it must be done (YYYY-MM-DD) */
  due?: string | null;
  /** default: overdue when `due` is before today, else normal (a source knows "due soon" in working days) */
  urgency?: Urgency;
  /** one short line on why it is here, e.g. the reason it was returned */
  note?: Msg | string | null;
  /** tie-break among equals: older first */
  since?: Date | string | null;
}

export interface Queue {
  /** unique, e.g. 'documents.review' */
  key: string;
  /** whose work this is: orders queues of a person with several roles */
  role: Role;
  title: Msg;
  items: QueueItem[];
  total: number;
  /** the full list */
  href: string;
  keepWhenEmpty?: boolean;
}

export interface QueueContext {
  req: FastifyRequest;
  c: ViewContext;
  /** YYYY-MM-DD in Asia/Shanghai */
  today: string;
  /** the roles the user holds somewhere */
  roles: ReadonlySet<Role>;
  userId: number;
}

export type QueueSource = (q: QueueContext) => Promise<Queue[]>;

/** Modules push their sources here at import time (documents, requests …). */
export const DASHBOARD_QUEUES: QueueSource[] = [];

/** Items each source should return per queue. */
export const QUEUE_SIZE = 8;

const RANK: Record<Urgency, number> = { overdue: 0, due_soon: 1, normal: 2 };
const ROLE_ORDER: Role[] = ['editor', 'reviewer', 'case_handler', 'unit_admin', 'supervisor', 'system_admin'];

export function urgencyOf(i: QueueItem, today: string): Urgency {
  return i.urgency ?? (i.due && i.due < today ? 'overdue' : 'normal');
}

const time = (x: Date | string | null | undefined) => (x ? new Date(x).getTime() : Number.POSITIVE_INFINITY);

/** Most urgent first: overdue, due soon, the rest; then the earlier due date; then the older item. */
export function sortItems(items: readonly QueueItem[], today: string): QueueItem[] {
  return [...items].sort((a, b) =>
    RANK[urgencyOf(a, today)] - RANK[urgencyOf(b, today)]
    || (a.due ?? '9999').localeCompare(b.due ?? '9999')
    || time(a.since) - time(b.since));
}

/** The queues to show, in order: the one with the most urgent item first, then by role. */
export function orderQueues(queues: readonly Queue[], today: string): Queue[] {
  const best = (q: Queue) => Math.min(3, ...q.items.map((i) => RANK[urgencyOf(i, today)]));
  return queues
    .filter((q) => q.items.length || q.keepWhenEmpty)
    .map((q) => ({ ...q, items: sortItems(q.items, today) }))
    .sort((a, b) => best(a) - best(b) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

const BADGE: Record<Urgency, { cls: string; label: Msg } | null> = {
  overdue: { cls: 'badge red', label: { zh: '已超期', en: 'overdue' } },
  due_soon: { cls: 'badge amber', label: { zh: '即将到期', en: 'due soon' } },
  normal: null,
};

export function MyQueues(p: { c: ViewContext; queues: Queue[]; today: string }) {
  const { c } = p;
  const T = t(c);
  const text = (m: Msg | string) => (typeof m === 'string' ? m : T(m));
  return (
    <section aria-labelledby="h-my-queue" class="my-queue">
      <h2 id="h-my-queue">{T({ zh: '我的待办', en: 'My queue' })}</h2>
      {p.queues.length ? null : <p class="hint">{T({ zh: '目前没有等待您办理的事项。', en: 'Nothing is waiting for you.' })}</p>}
      {p.queues.map((q) => {
        const id = `q-${q.key.replace(/[^a-z0-9]+/gi, '-')}`;
        const title = T(q.title);
        return (
          <section aria-labelledby={id} class="queue">
            <h3 id={id}>{title} <span class="queue-count">（{formatNumber(c.l, q.total)}）</span></h3>
            {q.items.length ? (
              <ol class="queue-items">
                {q.items.map((i) => {
                  const u = urgencyOf(i, p.today);
                  const badge = BADGE[u];
                  return (
                    <li class={`urgency-${u}`}>
                      <a href={i.href}>{i.title}</a>
                      <span class="queue-meta">
                        {i.ref ? <span>{i.ref}</span> : null}
                        {i.unit ? <span>{i.unit}</span> : null}
                        {i.due ? <span>{T({ zh: '期限', en: 'due' })} <time dateTime={i.due}>{formatDate(c.l, i.due)}</time></span> : null}
                        {badge ? <span class={badge.cls}>{T(badge.label)}</span> : null}
                      </span>
                      {i.note ? <span class="queue-note">{text(i.note)}</span> : null}
                    </li>
                  );
                })}
              </ol>
            ) : <p class="hint">{T({ zh: '暂无。', en: 'None.' })}</p>}
            {q.total ? <p class="queue-more"><a href={q.href}>{T({ zh: '查看全部 {n} 件', en: 'All {n}' }, { n: formatNumber(c.l, q.total) })}<span class="sr-only">：{title}</span></a></p> : null}
          </section>
        );
      })}
    </section>
  );
}
