/**
 * The admin dashboard. Modules contribute widgets (documents awaiting review, cases due soon,
 * report deadlines …); each widget decides from the policy whether the user sees it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderHtml, t, type ViewContext } from '../../core/render/page.tsx';
import { viewContext } from '../../core/http/request.ts';
import { inScope, scopePaths } from '../../core/auth/policy.ts';
import { formatDateTime, formatNumber, tr } from '../../core/render/i18n.ts';
import { ROLE_LABELS } from '../../core/auth/roles.ts';
import { adminRoutes } from './guard.ts';
import { AdminPage } from './layout.tsx';

export type Widget = (req: FastifyRequest, c: ViewContext) => Promise<VNode | null>;
export const DASHBOARD_WIDGETS: Widget[] = [];

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
      const widgets = (await Promise.all(DASHBOARD_WIDGETS.map((w) => w(req, c)))).filter(Boolean);
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
            <ul class="stats">
              <li><strong>{formatNumber(c.l, Number(units?.n ?? 0))}</strong>{T({ zh: '管辖范围内的单位', en: 'units in your scope' })}</li>
              {c.can('user.view') ? <li><strong>{formatNumber(c.l, Number(users?.n ?? 0))}</strong>{T({ zh: '用户', en: 'users' })}</li> : null}
            </ul>
            {widgets}
          </AdminPage>,
        ),
      );
    });

    s.get<{ Querystring: { before?: string } }>('/admin/audit', async (req, reply) => {
      const c = viewContext(req, reply);
      const T = t(c);
      const scope = scopePaths(req.actor, 'audit.view');
      if (!scope.length) return reply.code(403).send();
      const before = Number(req.query.before) || null;
      // events without a unit (system, sign-in failures of unknown users) are for whole-cluster auditors only
      const rootScope = scope.some((p) => p.split('/').filter(Boolean).length === 1);
      let q = db
        .selectFrom('audit_log as a')
        .leftJoin('units as n', 'n.id', 'a.unit_id')
        .select(['a.id', 'a.at', 'a.actor_name', 'a.action', 'a.subject_type', 'a.subject_id', 'a.summary', 'n.short_name as unit_name'])
        .where((eb) => (rootScope ? eb.or([inScope('n.path', scope), eb('a.unit_id', 'is', null)]) : inScope('n.path', scope)))
        .orderBy('a.id', 'desc')
        .limit(100);
      if (before) q = q.where('a.id', '<', before);
      const rows = await q.execute();
      const title = T({ zh: '审计日志', en: 'Audit log' });
      return reply.type('text/html; charset=utf-8').send(
        renderHtml(
          <AdminPage c={c} title={title} current="audit">
            <h1>{title}</h1>
            <p class="hint">{T({ zh: '审计日志只能追加，每条记录带有上一条记录的哈希值；运行 gongkai audit verify 可检测篡改或删除。', en: 'The log is append-only and hash-chained; `gongkai audit verify` detects edits and deletions.' })}</p>
            <div class="table-scroll">
              <table class="data">
                <caption class="sr-only">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{T({ zh: '时间', en: 'Time' })}</th>
                    <th scope="col">{T({ zh: '操作人', en: 'Actor' })}</th>
                    <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
                    <th scope="col">{T({ zh: '操作', en: 'Action' })}</th>
                    <th scope="col">{T({ zh: '对象', en: 'Subject' })}</th>
                    <th scope="col">{T({ zh: '变更摘要', en: 'Summary' })}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>{r.id}</td>
                      <td>{formatDateTime(c.l, r.at)}</td>
                      <td>{r.actor_name}</td>
                      <td>{r.unit_name ?? ''}</td>
                      <td><code>{r.action}</code></td>
                      <td>{r.subject_type} {r.subject_id}</td>
                      <td><code class="summary">{JSON.stringify(r.summary).slice(0, 300)}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rows.length === 100 ? <p><a href={`/admin/audit?before=${rows[rows.length - 1].id}`}>{T({ zh: '更早的记录', en: 'Older entries' })}</a></p> : null}
          </AdminPage>,
        ),
      );
    });
  });
}
