/**
 * Writes of the work-plan supervision: importing a plan (system and unit admins of the plan's
 * government) and reporting a task's progress (editors and admins of a unit the task names). Each
 * write checks the policy and is audited in its transaction.
 */
import { inTransaction, type Db, type DbOrTx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { isDate, isStatus, validateHeader, validateSection, validateTask, type PlanInput, type Status } from './domain/plan.ts';
import { resolveTask, type RegistryUnit } from './domain/resolve.ts';
import { parseLinks, type Evidence } from './domain/evidence.ts';
import { okId } from './store/queries.ts';

/** Staff of every role see the plans their units are named in; editors and admins report; admins import. */
export const RULES = {
  'workplan.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  'workplan.report': ['system_admin', 'unit_admin', 'editor'],
  'workplan.manage': ['system_admin', 'unit_admin'],
} as const;
defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const PLAN: Msg = { zh: '工作要点', en: 'work plan' };
const TASK: Msg = { zh: '任务', en: 'task' };

/** The plan's government by code or slug. */
export async function planUnit(db: DbOrTx, ref: string) {
  const r = ref.trim();
  return db.selectFrom('units').select(['id', 'name', 'short_name', 'code', 'slug', 'type', 'parent_id', 'active', 'path'])
    .where((eb) => eb.or([eb('code', '=', r.toUpperCase()), eb('slug', '=', r)])).executeTakeFirst();
}

/** Units in the plan unit's subtree, for name resolution and group expansion. */
export const registryUnder = (db: DbOrTx, path: string) =>
  db.selectFrom('units').select(['id', 'name', 'short_name', 'code', 'slug', 'type', 'parent_id', 'active']).where('path', 'like', path.replace(/[%_\\]/g, '\\$&') + '%').execute() as Promise<RegistryUnit[]>;

export interface ImportResult { planId: number; tasks: number; assignments: number; unresolved: { task: number; names: string[] }[] }

/**
 * Imports a plan (already read from the file format: jsonl.ts) whole or not at all. Lead and
 * responsible names resolve against the registry under the plan's unit (domain/resolve.ts); names
 * without a unit are kept on the task and reported back. The same unit, year and title twice: 422.
 */
export async function importPlan(db: Db, ctx: CommandContext, input: PlanInput, source: string): Promise<ImportResult> {
  const e: Record<string, Msg> = {};
  const h = validateHeader(input as unknown as Record<string, unknown>);
  Object.assign(e, h.errors);
  if (!input.tasks?.length) e.tasks = { zh: '计划中没有任务', en: 'the plan has no tasks' };
  const nos = new Set<number>();
  for (const [i, t] of (input.tasks ?? []).entries()) {
    const v = validateTask(t as unknown as Record<string, unknown>, h.value.year);
    const [f, m] = Object.entries(v.errors)[0] ?? [];
    if (f) e[`tasks`] = { zh: `第 ${i + 1} 项任务 ${f}：${m!.zh}`, en: `task ${i + 1} ${f}: ${m!.en}` };
    if (nos.has(t.no)) e.tasks = { zh: `任务序号 ${t.no} 重复`, en: `task number ${t.no} repeats` };
    nos.add(t.no);
  }
  for (const s of input.sections ?? []) if (Object.keys(validateSection(s as unknown as Record<string, unknown>).errors).length) e.sections = { zh: '部分有误', en: 'a section is invalid' };
  if (Object.keys(e).length) throw invalid(e);
  return inTransaction(db, async (tx) => {
    const unit = await planUnit(tx, input.unit);
    if (!unit || !unit.active) throw invalid({ unit: { zh: `未找到单位“${input.unit}”`, en: `no unit "${input.unit}"` } });
    authorize(ctx, 'workplan.manage', unit.path);
    const dup = await tx.selectFrom('workplan_plans').select('id').where('unit_id', '=', unit.id).where('year', '=', input.year).where('title', '=', input.title.trim()).executeTakeFirst();
    if (dup) throw invalid({ title: { zh: '该单位已有同一年度、同名的工作要点', en: 'The unit already has a plan of that year and title' } });
    const registry = await registryUnder(tx, unit.path);
    const planId = (await tx.insertInto('workplan_plans').values({ unit_id: unit.id, year: input.year, title: input.title.trim(), issuer: input.issuer?.trim() ?? '', doc_number: input.doc_number?.trim() ?? '', created_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
    if (input.sections?.length) await tx.insertInto('workplan_sections').values(input.sections.map((s) => ({ plan_id: planId, no: s.no, title: s.title.trim() }))).execute();
    let assignments = 0;
    const unresolved: ImportResult['unresolved'] = [];
    for (const raw of input.tasks) {
      const t = validateTask(raw as unknown as Record<string, unknown>, input.year).value;
      const r = resolveTask(t.lead, t.responsible, registry, unit);
      const id = (await tx.insertInto('workplan_tasks').values({
        plan_id: planId, section_no: t.section, no: t.no, title: t.title, body: t.text, lead_names: JSON.stringify(t.lead), lead_units: JSON.stringify(r.leads), responsible_names: JSON.stringify(t.responsible),
        unresolved: JSON.stringify(r.unresolved), deadline: t.deadline, milestones: JSON.stringify(t.milestones), expected_output: t.output,
      }).returning('id').executeTakeFirstOrThrow()).id;
      if (r.assigned.length) await tx.insertInto('workplan_assignments').values(r.assigned.map((a) => ({ task_id: id, unit_id: a.unitId, role: a.role }))).execute();
      assignments += r.assigned.length;
      if (r.unresolved.length) unresolved.push({ task: t.no, names: r.unresolved });
    }
    await recordAudit(tx, ctx.audit, { action: 'workplan.plan.import', unitId: unit.id, subjectType: 'workplan_plan', subjectId: planId, summary: { year: input.year, title: input.title, tasks: input.tasks.length, assignments, unresolved: unresolved.length, source } });
    return { planId, tasks: input.tasks.length, assignments, unresolved };
  });
}

export interface ReportInput { unit?: unknown; status?: unknown; body?: unknown; evidence?: unknown; reported_on?: unknown }

/** Resolves internal links: a document must be published and 主动公开, a page's unit must exist. */
async function resolveEvidence(db: DbOrTx, text: string, publicUrl: string): Promise<{ evidence: Evidence[]; error: Msg | null }> {
  const { links, error } = parseLinks(text, publicUrl);
  if (error) return { evidence: [], error };
  const evidence: Evidence[] = [];
  for (const [i, l] of links.entries()) {
    const at = (m: Msg): Msg => ({ zh: `第 ${i + 1} 条链接：${m.zh}`, en: `link ${i + 1}: ${m.en}` });
    if (l.kind === 'document') {
      const d = await db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'd.title', 'u.slug']).where('d.id', '=', l.documentId!)
        .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').executeTakeFirst();
      if (!d) return { evidence: [], error: at({ zh: '平台上没有这条已公开的信息（未发布、已撤回或不存在）', en: 'no published document of the platform has that address (unpublished, withdrawn or missing)' }) };
      evidence.push({ url: `/u/${d.slug}/doc/${d.id}`, kind: 'document', documentId: d.id, slug: d.slug, title: d.title, verified: true });
    } else if (l.kind === 'page') {
      const u = await db.selectFrom('units').select(['name', 'active']).where('slug', '=', l.slug!).executeTakeFirst();
      if (!u) return { evidence: [], error: at({ zh: `平台上没有单位“${l.slug}”`, en: `no unit "${l.slug}" on the platform` }) };
      evidence.push({ ...l, title: u.name, verified: true });
    } else evidence.push({ ...l, title: '', verified: false });
  }
  return { evidence, error: null };
}

/**
 * A unit's progress report on a task: status (未开始/推进中/已完成), text, evidence links (one a line),
 * date (default today, not in the future). The unit must be one the task names.
 */
export async function addReport(db: Db, ctx: CommandContext, taskId: number, raw: ReportInput, o: { publicUrl: string; today?: string }): Promise<number> {
  const today = o.today ?? shanghaiDate();
  const task = okId(taskId) ? await db.selectFrom('workplan_tasks').select(['id', 'no', 'plan_id']).where('id', '=', taskId).executeTakeFirst() : undefined;
  if (!task) throw notFound(TASK);
  const unitId = typeof raw.unit === 'number' ? raw.unit : typeof raw.unit === 'string' && /^\d{1,9}$/.test(raw.unit) ? Number(raw.unit) : 0;
  const assigned = unitId ? await db.selectFrom('workplan_assignments as a').innerJoin('units as u', 'u.id', 'a.unit_id').select(['u.id', 'u.path', 'u.name']).where('a.task_id', '=', task.id).where('a.unit_id', '=', unitId).executeTakeFirst() : undefined;
  const e: Record<string, Msg> = {};
  if (!assigned) e.unit = { zh: '请选择本任务的一个牵头或责任单位', en: 'choose a lead or responsible unit of this task' };
  if (!isStatus(raw.status)) e.status = { zh: '请选择进展状态', en: 'choose a status' };
  const body = typeof raw.body === 'string' ? raw.body.replace(/\r\n?/g, '\n').trim() : '';
  if (!body) e.body = { zh: '请填写进展情况', en: 'describe the progress' };
  else if (body.length > 5000) e.body = { zh: '进展情况不能超过 5000 字', en: 'at most 5000 characters' };
  const date = typeof raw.reported_on === 'string' && raw.reported_on.trim() ? raw.reported_on.trim() : today;
  if (!isDate(date) || date > today || date < '2008-01-01') e.reported_on = { zh: '日期须为 YYYY-MM-DD，且不晚于今天', en: 'a date YYYY-MM-DD, not after today' };
  const links = typeof raw.evidence === 'string' ? raw.evidence : Array.isArray(raw.evidence) ? raw.evidence.filter((x) => typeof x === 'string').join('\n') : '';
  const ev = await resolveEvidence(db, links, o.publicUrl);
  if (ev.error) e.evidence = ev.error;
  if (assigned) authorize(ctx, 'workplan.report', assigned.path);
  if (Object.keys(e).length) throw invalid(e);
  return inTransaction(db, async (tx) => {
    const id = (await tx.insertInto('workplan_reports').values({ task_id: task.id, unit_id: assigned!.id, status: raw.status as Status, body, evidence: JSON.stringify(ev.evidence), reported_on: date, created_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(tx, ctx.audit, { action: 'workplan.report.create', unitId: assigned!.id, subjectType: 'workplan_task', subjectId: task.id, summary: { task: task.no, status: raw.status, evidence: ev.evidence.length, unverified: ev.evidence.filter((x) => !x.verified).length } });
    return id;
  });
}

export { PLAN };
