/**
 * Site health: /admin/health (scores with 单项否决 reasons, findings by unit with filters, work-order
 * actions), /admin/health/sites/:code (score history), /admin/health/settings (word lists, external
 * links), POST /admin/health/run (check a unit's subtree now), and GET /api/v1/health?unit= for staff.
 * Everything is scoped by `health.view` to the actor's unit subtrees (a county supervisor sees its county).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode } from '../../units/repository.ts';
import { moveOrder, saveSettings } from '../commands.ts';
import { runCheck } from '../run.ts';
import { ownHosts } from '../hosts.ts';
import { loadSettings } from '../settings.ts';
import { formatTypos } from '../domain/text.ts';
import { CHECK_KINDS } from '../domain/score.ts';
import { STATES } from '../domain/orders.ts';
import { setMeta } from '../store/facts.ts';
import { assignees, findings, latestScores, orderById, scoreHistory } from '../store/queries.ts';
import { describe } from '../views/describe.ts';
import { HealthPage, SettingsPage, SitePage, type Filters } from '../views/admin.tsx';
import '../jobs.ts';
import '../cli.ts';
import '../demo/health.ts';
import '../prepublish.tsx';

ADMIN_NAV.push({ key: 'health', href: '/admin/health', label: { zh: '网站健康检查', en: 'Site health' }, action: 'health.view', order: 79 });

const HTML = 'text/html; charset=utf-8';
const UNIT: Msg = { zh: '单位', en: 'unit' };
const DONE: Record<string, Msg> = {
  run: { zh: '检查已完成。', en: 'The check is done.' },
  order: { zh: '工单已更新。', en: 'The work order is updated.' },
  saved: { zh: '已保存。', en: 'Saved.' },
};
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);

function filtersOf(q: Record<string, unknown>): Filters {
  const str = (k: string, max: number) => { const v = typeof q[k] === 'string' ? (q[k] as string).trim() : ''; if (v.length > max) throw badRequest({ zh: '参数过长', en: 'Parameter too long' }, { [k]: { zh: '参数过长', en: 'Too long' } }); return v; };
  const f = { unit: str('unit', 18).toUpperCase(), kind: str('kind', 20), state: str('state', 10) };
  if (f.kind && !(CHECK_KINDS as readonly string[]).includes(f.kind)) throw badRequest({ zh: '问题类型不正确', en: 'Unknown kind' }, { kind: { zh: `问题类型须为 ${CHECK_KINDS.join(', ')} 之一`, en: `kind must be one of ${CHECK_KINDS.join(', ')}` } });
  if (f.state && !(STATES as readonly string[]).includes(f.state)) throw badRequest({ zh: '工单状态不正确', en: 'Unknown state' }, { state: { zh: `工单状态须为 ${STATES.join(', ')} 之一`, en: `state must be one of ${STATES.join(', ')}` } });
  return f;
}

const Finding = Type.Object({ id: Type.Integer(), unit_code: Type.String(), unit_name: Type.String(), kind: Type.String(), severity: Type.String(), text: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()), order_id: Type.Integer(), state: Type.String(), resolved: Type.Boolean() });
const Site = Type.Object({ code: Type.String(), name: Type.String(), as_of: Type.String(), points: Type.Number(), verdict: Type.String(), vetoes: Type.Array(Type.String()), deductions: Type.Record(Type.String(), Type.Number()), open: Type.Integer() });

export default async function healthRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).header('cache-control', 'private, no-store').send(renderHtml(body as never));

  // the route table for internal-link checks: recorded when the server is ready, read by every run (also the CLI's)
  app.addHook('onReady', async () => {
    const routes = [...new Set(app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url))].sort();
    try { await setMeta(db, 'routes', routes); } catch (e) { app.log.warn({ err: e }, 'health: could not record the route table'); }
  });

  /** The scope of the request: the actor's health.view subtrees, narrowed to `unit` when given (404 outside). */
  const scoped = async (req: FastifyRequest, code: string) => {
    const scope = scopePaths(req.actor, 'health.view');
    if (!scope.length) throw forbidden();
    if (!code) return { scope, unit: undefined };
    const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
    if (!unit || !can(req.actor, 'health.view', unit.path)) throw notFound(UNIT);
    return { scope, unit };
  };

  await adminRoutes(app, async (s) => {
    s.get('/api/v1/health', {
      schema: {
        summary: 'Site health for staff: each site\u2019s latest score (单项否决 reasons) and the open findings of a unit and the units below it',
        tags: ['units'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码); default: every unit in the caller\u2019s scope' })), kind: Type.Optional(Type.String({ maxLength: 20 })), state: Type.Optional(Type.String({ maxLength: 10 })) }),
        response: { 200: Type.Object({ sites: Type.Array(Site), findings: Type.Array(Finding) }) },
      },
    }, async (req) => {
      const f = filtersOf(req.query as Record<string, unknown>);
      const { scope, unit } = await scoped(req, f.unit);
      const [sites, rows] = await Promise.all([latestScores(db, scope, unit?.path), findings(db, { scope, subtree: unit?.path, kind: f.kind || undefined, state: f.state || undefined, limit: 1000 })]);
      const codes = new Map(sites.map((x) => [x.unit_id, x.code]));
      return {
        sites: sites.map((x) => ({ code: x.code, name: x.name, as_of: x.as_of, points: x.points, verdict: x.verdict, vetoes: x.vetoes, deductions: x.deductions, open: x.open })),
        findings: rows.map((r) => ({ id: r.id, unit_code: codes.get(r.unit_id) ?? '', unit_name: r.unit_name, kind: r.kind, severity: r.severity, text: describe(r.kind, r.detail).zh, detail: r.detail, order_id: r.order_id, state: r.state, resolved: !!r.resolved_at })),
      };
    });

    const page = async (req: FastifyRequest, reply: FastifyReply, errors?: Record<string, Msg>, status = 200) => {
      const f = filtersOf(req.query as Record<string, unknown>);
      const { scope, unit } = await scoped(req, f.unit);
      const [sites, rows, units, runUnits] = await Promise.all([
        latestScores(db, scope, unit?.path), findings(db, { scope, subtree: unit?.path, kind: f.kind || undefined, state: f.state || undefined }),
        listUnits(db, { scope, activeOnly: true }), listUnits(db, { scope: scopePaths(req.actor, 'health.run'), activeOnly: true }),
      ]);
      const people = new Map<number, { id: number; username: string }[]>();
      for (const r of rows) if (!people.has(r.unit_id) && can(req.actor, 'health.assign', r.unit_path)) people.set(r.unit_id, await assignees(db, r.unit_path));
      const done = String((req.query as Record<string, unknown>).done ?? '');
      return send(reply, HealthPage({ c: viewContext(req, reply), sites, rows, units, runUnits, filters: f, people, errors, notice: Object.hasOwn(DONE, done) ? DONE[done] : undefined }), status);
    };
    s.get('/admin/health', async (req, reply) => page(req, reply));

    s.get('/admin/health/sites/:code', async (req: FastifyRequest<{ Params: { code: string } }>, reply) => {
      const { scope, unit } = await scoped(req, String(req.params.code).toUpperCase());
      if (!unit) throw notFound(UNIT); // an empty :code means no unit here, not "all of them"
      const site = (await latestScores(db, scope, unit.path)).find((x) => x.unit_id === unit.id);
      if (!site) throw notFound({ zh: '检查记录', en: 'check record' });
      return send(reply, SitePage({ c: viewContext(req, reply), site, history: await scoreHistory(db, unit.id) }));
    });

    s.post('/admin/health/run', async (req, reply) => {
      const code = String(formBody(req).unit ?? '').trim().toUpperCase();
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit || !can(req.actor, 'health.view', unit.path)) throw notFound(UNIT);
      await runCheck(db, commandContext(req), { trigger: 'admin', unitCode: unit.code, ownHosts: ownHosts(cfg) });
      return reply.redirect(`/admin/health?unit=${unit.code}&done=run`, 303);
    });

    s.post('/admin/health/orders/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const order = await orderById(db, idOf(req.params.id));
      if (!order || !can(req.actor, 'health.view', order.path)) throw notFound({ zh: '整改工单', en: 'work order' });
      const body = formBody(req);
      try {
        await moveOrder(db, commandContext(req), order.id, String(body.step ?? ''), { assignee: body.assignee, note: body.note });
        return reply.redirect('/admin/health?done=order', 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return page(req, reply, e.fields ?? { step: e.msg }, e.status);
        throw e;
      }
    });

    s.get('/admin/health/settings', async (req, reply) => {
      if (!can(req.actor, 'health.configure')) throw forbidden();
      const st = await loadSettings(db);
      const done = String((req.query as Record<string, unknown>).done ?? '');
      return send(reply, SettingsPage({ c: viewContext(req, reply), values: { typos: formatTypos(st.words.typos), sensitive: st.words.sensitive.join('\n'), external: st.external }, notice: done === 'saved' ? DONE.saved : undefined }));
    });
    s.post('/admin/health/settings', async (req, reply) => {
      const body = formBody(req);
      try {
        await saveSettings(db, commandContext(req), body);
        return reply.redirect('/admin/health/settings?done=saved', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return send(reply, SettingsPage({ c: viewContext(req, reply), values: { typos: body.typos ?? '', sensitive: body.sensitive ?? '', external: body.external === '1' }, errors: e.fields }), e.status);
        throw e;
      }
    });
  });
}
