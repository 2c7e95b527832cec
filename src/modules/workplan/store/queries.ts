/**
 * Reads of the work plans. The plan's text is public; who sees which units' progress is decided by
 * `scope` (subtree prefixes from scopePaths), applied in SQL: a county's staff see the city's plan
 * with their own subtree's units only; the city's supervisors see every unit.
 */
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { taskSummary, unitFlags, type Flag, type TaskSummary, type UnitFlags } from '../domain/flags.ts';
import type { Milestone, Status } from '../domain/plan.ts';
import type { Evidence } from '../domain/evidence.ts';

export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

export interface PlanRow { id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string; year: number; title: string; issuer: string; doc_number: string; created_at: Date; task_count: number }
export interface TaskRow { id: number; plan_id: number; section_no: number; no: number; title: string; body: string; lead_names: string[]; lead_units: { name: string; unit_id: number | null }[]; responsible_names: string[]; unresolved: string[]; deadline: string | null; milestones: Milestone[]; expected_output: string }
export interface AssignmentRow { task_id: number; unit_id: number; role: 'lead' | 'responsible'; unit_name: string; unit_slug: string; unit_code: string; unit_path: string }
export interface ReportRow { id: number; task_id: number; unit_id: number; unit_name: string; status: Status; body: string; evidence: Evidence[]; reported_on: string; created_at: Date; created_by: string }

const plans = (db: DbOrTx) =>
  db.selectFrom('workplan_plans as p').innerJoin('units as u', 'u.id', 'p.unit_id').selectAll('p')
    .select(['u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path'])
    .select((eb) => eb.selectFrom('workplan_tasks as t').whereRef('t.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('task_count'));

const fix = (r: object) => ({ ...r, task_count: Number((r as { task_count: unknown }).task_count ?? 0) }) as PlanRow;

/**
 * Plans, newest year first. With `scope`: the plans of a unit in scope, or naming a unit in scope.
 * `year` filters.
 */
export async function listPlans(db: DbOrTx, o: { scope?: string[]; year?: number } = {}): Promise<PlanRow[]> {
  let q = plans(db);
  if (o.year !== undefined) q = q.where('p.year', '=', o.year);
  if (o.scope) {
    const scope = o.scope;
    q = q.where((eb) => eb.or([
      inScope('u.path', scope),
      eb.exists(eb.selectFrom('workplan_tasks as t').innerJoin('workplan_assignments as a', 'a.task_id', 't.id').innerJoin('units as au', 'au.id', 'a.unit_id')
        .whereRef('t.plan_id', '=', 'p.id').where(inScope('au.path', scope)).select('a.unit_id')),
    ]));
  }
  return (await q.orderBy('p.year', 'desc').orderBy('p.id', 'desc').limit(200).execute()).map(fix);
}

export async function planById(db: DbOrTx, id: number): Promise<PlanRow | undefined> {
  if (!okId(id)) return undefined;
  const r = await plans(db).where('p.id', '=', id).executeTakeFirst();
  return r ? fix(r) : undefined;
}

export const sectionsOf = (db: DbOrTx, planId: number) =>
  db.selectFrom('workplan_sections').select(['no', 'title']).where('plan_id', '=', planId).orderBy('no').execute();

export async function tasksOf(db: DbOrTx, planId: number): Promise<TaskRow[]> {
  return (await db.selectFrom('workplan_tasks').selectAll().where('plan_id', '=', planId).orderBy('no').execute()) as TaskRow[];
}

export async function taskById(db: DbOrTx, id: number): Promise<TaskRow | undefined> {
  if (!okId(id)) return undefined;
  return (await db.selectFrom('workplan_tasks').selectAll().where('id', '=', id).executeTakeFirst()) as TaskRow | undefined;
}

/** The units each task of a plan (or one task) owes reports from, in tree order; within `scope` when given. */
export async function assignmentsOf(db: DbOrTx, o: { planId?: number; taskId?: number; scope?: string[] }): Promise<AssignmentRow[]> {
  let q = db.selectFrom('workplan_assignments as a').innerJoin('workplan_tasks as t', 't.id', 'a.task_id').innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.task_id', 'a.unit_id', 'a.role', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path']);
  if (o.planId !== undefined) q = q.where('t.plan_id', '=', o.planId);
  if (o.taskId !== undefined) q = q.where('a.task_id', '=', o.taskId);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  return (await q.orderBy('t.no').orderBy('a.role').orderBy('u.sort_order').orderBy('u.id').execute()) as AssignmentRow[];
}

const reportCols = ['r.id', 'r.task_id', 'r.unit_id', 'u.name as unit_name', 'r.status', 'r.body', 'r.evidence', 'r.reported_on', 'r.created_at', 'r.created_by'] as const;

/** The latest report of each (task, unit) of a plan (or one task). */
export async function latestReports(db: DbOrTx, o: { planId?: number; taskId?: number }): Promise<ReportRow[]> {
  let q = db.selectFrom('workplan_reports as r').innerJoin('workplan_tasks as t', 't.id', 'r.task_id').innerJoin('units as u', 'u.id', 'r.unit_id')
    .distinctOn(['r.task_id', 'r.unit_id']).select(reportCols);
  if (o.planId !== undefined) q = q.where('t.plan_id', '=', o.planId);
  if (o.taskId !== undefined) q = q.where('r.task_id', '=', o.taskId);
  return (await q.orderBy('r.task_id').orderBy('r.unit_id').orderBy('r.reported_on', 'desc').orderBy('r.id', 'desc').execute()) as ReportRow[];
}

/** Every report of a task, newest first, of the units in `scope`. */
export async function reportsOf(db: DbOrTx, taskId: number, scope?: string[]): Promise<ReportRow[]> {
  let q = db.selectFrom('workplan_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(reportCols).where('r.task_id', '=', taskId);
  if (scope) q = q.where(inScope('u.path', scope));
  return (await q.orderBy('r.reported_on', 'desc').orderBy('r.id', 'desc').limit(500).execute()) as ReportRow[];
}

export interface TaskProgress { task: TaskRow; leads: AssignmentRow[]; units: (UnitFlags & AssignmentRow & { latest: ReportRow | null })[]; summary: TaskSummary }

/** Tasks of a plan with their units' latest status and flags (units within `scope` when given). */
export async function planProgress(db: DbOrTx, planId: number, today: string, scope?: string[], taskId?: number): Promise<TaskProgress[]> {
  const [tasks, all, latest] = await Promise.all([
    taskId !== undefined ? taskById(db, taskId).then((t) => (t && t.plan_id === planId ? [t] : [])) : tasksOf(db, planId),
    assignmentsOf(db, { planId, taskId }),
    latestReports(db, { planId, taskId }),
  ]);
  const visible = scope ? all.filter((a) => scope.some((p) => a.unit_path.startsWith(p))) : all;
  return tasks.map((task) => {
    const mine = visible.filter((a) => a.task_id === task.id);
    const reps = latest.filter((r) => r.task_id === task.id);
    const flags = unitFlags(task.deadline, today, mine.map((a) => a.unit_id), reps.map((r) => ({ unitId: r.unit_id, status: r.status, evidenceCount: r.evidence.length })));
    return {
      task,
      leads: all.filter((a) => a.task_id === task.id && a.role === 'lead'),
      units: flags.map((f, i) => ({ ...mine[i], ...f, latest: reps.find((r) => r.unit_id === f.unitId) ?? null })),
      summary: taskSummary(flags),
    };
  });
}

export const hasFlag = (p: TaskProgress, f: Flag) => p.summary.flags.includes(f);
