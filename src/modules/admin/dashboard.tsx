/**
 * The admin dashboard: first "my queue" — the items waiting for this person, most urgent first
 * (queues.tsx; modules push QueueSources to DASHBOARD_QUEUES) — then the count widgets modules
 * contribute (documents, applications, report deadlines …). Each source and widget decides from
 * the policy what the user sees; all run in parallel.
 * (The audit log's pages live in their own module, src/modules/audit.)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderHtml, t, type ViewContext } from '../../core/render/page.tsx';
import { viewContext } from '../../core/http/request.ts';
import { inScope, rolesOf, scopePaths } from '../../core/auth/policy.ts';
import { formatNumber, shanghaiDate, tr } from '../../core/render/i18n.ts';
import { ROLE_LABELS } from '../../core/auth/roles.ts';
import { adminRoutes } from './guard.ts';
import { AdminPage } from './layout.tsx';
import { DASHBOARD_QUEUES, MyQueues, orderQueues } from './queues.tsx';

export type Widget = (req: FastifyRequest, c: ViewContext) => Promise<VNode | null>;
export const DASHBOARD_WIDGETS: Widget[] = [];
export { DASHBOARD_QUEUES, QUEUE_SIZE, type Queue, type QueueItem, type QueueContext, type QueueSource } from './queues.tsx';

export default async function dashboardRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  await adminRoutes(app, (s) => {
    s.get('/admin', async (req, reply) => {
      const c = viewContext(req, reply);
      const T = t(c);
      const unitScope = scopePaths(req.actor, 'unit.view');
      const [units, users] = await Promise.all([
        db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where(inScope('path', unitScope)).executeTakeFirst(),
        db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id').select((eb) => eb.fn.countAll<number>().as('n')).where(inScope('n.path', scopePaths(req.actor, 'user.view'))).executeTakeFirst(),
      ]);
      const today = shanghaiDate();
      const qctx = { req, c, today, roles: rolesOf(req.actor), userId: req.actor!.userId };
      const [widgets, queues] = await Promise.all([
        Promise.all(DASHBOARD_WIDGETS.map((w) => w(req, c))).then((ws) => ws.filter(Boolean)),
        Promise.all(DASHBOARD_QUEUES.map((q) => q(qctx))).then((qs) => orderQueues(qs.flat(), today)),
      ]);
      const title = T({ zh: '工作台', en: 'Dashboard' });
      const grants = await db.selectFrom('role_assignments as r').innerJoin('units as n', 'n.id', 'r.unit_id').select(['r.role', 'n.name']).where('r.user_id', '=', req.actor!.userId).execute();
      return reply.type('text/html; charset=utf-8').send(
        renderHtml(
          <AdminPage c={c} title={title} current="dashboard">
            <h1>{title}</h1>
            <p>
              {T({ zh: '您好，{n}。您的角色：', en: 'Hello, {n}. Your roles: ' }, { n: req.actor!.displayName })}
              {grants.map((g) => `${tr(c.l, ROLE_LABELS[g.role as keyof typeof ROLE_LABELS])}（${g.name}）`).join('；')}
            </p>
            <MyQueues c={c} queues={queues} today={today} />
            <h2 id="h-overview">{T({ zh: '工作概况', en: 'Overview' })}</h2>
            <ul class="stats">
              <li><strong>{formatNumber(c.l, Number(units?.n ?? 0))}</strong>{T({ zh: '管辖范围内的单位', en: 'units in your scope' })}</li>
              {c.can('user.view') ? <li><strong>{formatNumber(c.l, Number(users?.n ?? 0))}</strong>{T({ zh: '用户', en: 'users' })}</li> : null}
            </ul>
            {widgets}
          </AdminPage>,
        ),
      );
    });
  });
}
