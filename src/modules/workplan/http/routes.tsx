/**
 * Work-plan supervision: `GET /api/v1/workplan?year=` (public: the plans' text, tasks, lead units and
 * each task's aggregate progress — no report texts), and the admin pages: `/admin/workplan` (plans in
 * the user's scope; import for admins), a plan's tasks with filters (lead unit, flag), a task with each
 * unit's latest report and the history, the report form, the JSON Lines export.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { addReport, importPlan } from '../commands.ts';
import { isFlag, FLAGS } from '../domain/flags.ts';
import { LONG_TERM } from '../domain/plan.ts';
import { exportPlan, formatErrors, parsePlanFile } from '../jsonl.ts';
import { assignmentsOf, listPlans, planById, planProgress, reportsOf, sectionsOf, taskById, type PlanRow } from '../store/queries.ts';
import { PlanPage, PlansPage, TaskPage } from '../views/admin.tsx';
import '../cli.ts';
import '../demo/workplan.ts';

ADMIN_NAV.push({ key: 'workplan', href: '/admin/workplan', label: { zh: '工作要点督办', en: 'Work-plan tasks' }, action: 'workplan.view', order: 79 });

const HTML = 'text/html; charset=utf-8';
const PLAN: Msg = { zh: '工作要点', en: 'work plan' };
const TASK: Msg = { zh: '任务', en: 'task' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = { imported: { zh: '已导入。', en: 'Imported.' }, reported: { zh: '进展已报送。', en: 'The report is recorded.' } };

function yearQuery(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw badRequest({ zh: '年度须为四位数字', en: 'The year must have four digits' }, { year: { zh: '年度须为四位数字，如 2020', en: 'year: four digits, e.g. 2020' } });
  return Number(raw);
}

const TaskJson = Type.Object({
  no: Type.Integer(), section: Type.Integer(), title: Type.String(), text: Type.String(),
  lead: Type.Array(Type.Object({ name: Type.String(), unit_code: Type.Union([Type.String(), Type.Null()]) }), { description: 'lead units as the plan names them; unit_code null when the registry has no such unit' }),
  responsible: Type.Array(Type.String(), { description: 'responsible units or groups as the plan names them' }),
  deadline: Type.String({ description: `YYYY-MM-DD, or "${LONG_TERM}"` }),
  milestones: Type.Array(Type.Object({ date: Type.String(), text: Type.String() })),
  expected_output: Type.String(),
  progress: Type.Object({ units: Type.Integer(), reported: Type.Integer(), done: Type.Integer(), flags: Type.Array(Type.String({ description: FLAGS.join(' | ') })) }),
});
const PlanJson = Type.Object({
  id: Type.Integer(), year: Type.Integer(), title: Type.String(), issuer: Type.String(), doc_number: Type.String(), unit_code: Type.String(), unit_name: Type.String(),
  sections: Type.Array(Type.Object({ no: Type.Integer(), title: Type.String() })), tasks: Type.Array(TaskJson),
});

export default async function workplanRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));

  app.get('/api/v1/workplan', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      summary: '政务公开工作要点: each plan of a year with its tasks, lead units, deadlines and aggregate progress (report texts are internal)',
      tags: ['units'],
      querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4, description: 'e.g. 2020 (default: every year)' })) }),
      response: { 200: Type.Object({ data: Type.Array(PlanJson), count: Type.Integer() }) },
    },
  }, async (req) => {
    const year = yearQuery((req.query as { year?: string }).year);
    const today = shanghaiDate();
    const data = [];
    for (const p of (await listPlans(db, { year })).slice(0, 20)) {
      const [sections, progress] = await Promise.all([sectionsOf(db, p.id), planProgress(db, p.id, today)]);
      data.push({
        id: p.id, year: p.year, title: p.title, issuer: p.issuer, doc_number: p.doc_number, unit_code: p.unit_code, unit_name: p.unit_name, sections,
        tasks: progress.map(({ task, leads, summary }) => ({
          no: task.no, section: task.section_no, title: task.title, text: task.body,
          lead: task.lead_units.map((l) => ({ name: l.name, unit_code: leads.find((a) => a.unit_id === l.unit_id)?.unit_code ?? null })),
          responsible: task.responsible_names, deadline: task.deadline ?? LONG_TERM, milestones: task.milestones, expected_output: task.expected_output,
          progress: { units: summary.units, reported: summary.reported, done: summary.done, flags: summary.flags },
        })),
      });
    }
    return { data, count: data.length };
  });

  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { done?: string; lead?: string; flag?: string } }>;
  const visiblePlan = async (req: Req, id: number): Promise<PlanRow> => {
    const plan = await planById(db, id);
    if (!plan) throw notFound(PLAN);
    const scope = scopePaths(req.actor, 'workplan.view');
    if (!can(req.actor, 'workplan.view', plan.unit_path) && !(await listPlans(db, { scope, year: plan.year })).some((p) => p.id === plan.id)) throw notFound(PLAN);
    return plan;
  };
  /** Whose progress the actor sees: every unit for the plan's own government's staff, else their subtree. */
  const viewScope = (req: FastifyRequest, plan: PlanRow) => (can(req.actor, 'workplan.view', plan.unit_path) ? undefined : scopePaths(req.actor, 'workplan.view'));

  const plansPage = async (req: Req, reply: FastifyReply, extra: { errors?: Record<string, Msg>; fileErrors?: Msg[] } = {}, status = 200) => {
    const plans = await listPlans(db, { scope: scopePaths(req.actor, 'workplan.view') });
    return send(reply, PlansPage({ c: viewContext(req, reply), plans, mayImport: scopePaths(req.actor, 'workplan.manage').length > 0, notice: DONE[String(req.query?.done ?? '')], ...extra }), status);
  };
  const taskPage = async (req: Req, reply: FastifyReply, taskId: number, extra: { values?: Record<string, string>; errors?: Record<string, Msg> } = {}, status = 200) => {
    const task = await taskById(db, taskId);
    if (!task) throw notFound(TASK);
    const plan = await visiblePlan(req, task.plan_id);
    const scope = viewScope(req, plan);
    const today = shanghaiDate();
    const [progress] = await planProgress(db, plan.id, today, scope, task.id);
    const [history, assigned] = await Promise.all([reportsOf(db, task.id, scope), assignmentsOf(db, { taskId: task.id })]);
    const reportable = assigned.filter((a) => can(req.actor, 'workplan.report', a.unit_path));
    return send(reply, TaskPage({ c: viewContext(req, reply), plan, progress, history, reportable, today, notice: DONE[String(req.query?.done ?? '')], ...extra }), status);
  };

  await adminRoutes(app, async (s) => {
    await multipartForms(s, { fileSize: 2 * 1024 * 1024 + 1, fields: 5, parts: 6 });

    s.get('/admin/workplan', async (req: Req, reply) => plansPage(req, reply));
    s.post('/admin/workplan/import', async (req: Req, reply) => {
      if (!scopePaths(req.actor, 'workplan.manage').length) throw notFound(PLAN);
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      if (!Buffer.isBuffer(file) || !file.length) return plansPage(req, reply, { errors: { file: { zh: '请选择要导入的文件', en: 'Choose a file to import' } } }, 422);
      if (file.length > 2 * 1024 * 1024) return plansPage(req, reply, { errors: { file: { zh: '文件不能超过 2 MB', en: 'The file may be at most 2 MB' } } }, 422);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(file);
      } catch {
        return plansPage(req, reply, { errors: { file: { zh: '文件须为 UTF-8 编码的文本', en: 'The file must be UTF-8 text' } } }, 422);
      }
      const { plan, errors } = parsePlanFile(text);
      if (!plan) return plansPage(req, reply, { fileErrors: formatErrors(errors) }, 422);
      try {
        const r = await importPlan(db, commandContext(req), plan, 'upload');
        return reply.redirect(`/admin/workplan/${r.planId}?done=imported`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return plansPage(req, reply, { errors: e.fields }, e.status);
        throw e;
      }
    });
    s.get('/admin/workplan/:id', async (req: Req, reply) => {
      const plan = await visiblePlan(req, idOf(req.params.id));
      const lead = typeof req.query.lead === 'string' ? req.query.lead : '';
      const flag = typeof req.query.flag === 'string' ? req.query.flag : '';
      if (lead && !/^\d{1,9}$/.test(lead)) throw badRequest({ zh: '牵头单位不正确', en: 'Unknown lead unit' }, { lead: { zh: '牵头单位须为单位编号', en: 'lead: a unit id' } });
      if (flag && !isFlag(flag)) throw badRequest({ zh: '提示类型不正确', en: 'Unknown flag' }, { flag: { zh: `须为 ${FLAGS.join('、')} 之一`, en: `one of ${FLAGS.join(', ')}` } });
      const [sections, all] = await Promise.all([sectionsOf(db, plan.id), planProgress(db, plan.id, shanghaiDate(), viewScope(req, plan))]);
      const tasks = all.filter((t) => (!lead || t.leads.some((l) => String(l.unit_id) === lead)) && (!flag || t.summary.flags.includes(flag as never)));
      return send(reply, PlanPage({ c: viewContext(req, reply), plan, sections, tasks, leads: all.flatMap((t) => t.leads), filter: { lead, flag }, total: all.length, notice: DONE[String(req.query.done ?? '')] }));
    });
    s.get('/admin/workplan/:id/export.jsonl', async (req: Req, reply) => {
      const plan = await visiblePlan(req, idOf(req.params.id));
      const lines = (await exportPlan(db, plan.id)) ?? [];
      return reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="workplan-${plan.year}-${plan.id}.jsonl"`).header('cache-control', 'private, no-store').send(lines.map((l) => l + '\n').join(''));
    });
    s.get('/admin/workplan/tasks/:id', async (req: Req, reply) => taskPage(req, reply, idOf(req.params.id)));
    s.post('/admin/workplan/tasks/:id/reports', async (req: Req, reply) => {
      const taskId = idOf(req.params.id);
      const task = await taskById(db, taskId);
      if (!task) throw notFound(TASK);
      await visiblePlan(req, task.plan_id);
      const body = formBody(req);
      try {
        await addReport(db, commandContext(req), task.id, body, { publicUrl: cfg.publicUrl });
        return reply.redirect(`/admin/workplan/tasks/${task.id}?done=reported`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return taskPage(req, reply, task.id, { values: body, errors: e.fields }, e.status);
        throw e;
      }
    });
  });
}
