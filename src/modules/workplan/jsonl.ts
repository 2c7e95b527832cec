/**
 * The file format of a work plan (docs/workplan-format.md): JSON Lines, one record a line —
 *   {"type":"plan","year":2020,"title":"…","unit":"<unit code or slug>","issuer":"…","doc_number":""}
 *   {"type":"section","no":1,"title":"…"}
 *   {"type":"task","section":1,"no":1,"title":"…","text":"…","lead":["市政府办公室"],
 *    "responsible":["各县(市)区政府","市政府各部门"],"deadline":"2020-12-31"|"长期坚持",
 *    "milestones":[{"date":"2020-08-31","text":"…"}],"output":"…"}
 * or the same records as one JSON array (then "line" in an error is the record's position).
 * Every record is checked first; one bad record refuses the file (nothing is stored).
 */
import type { DbOrTx } from '../../core/db/index.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { LONG_TERM, validateHeader, validateSection, validateTask, type PlanInput } from './domain/plan.ts';
import { planById, sectionsOf, tasksOf } from './store/queries.ts';

export interface LineError { line: number; field: string; message: Msg }

export function parsePlanFile(text: string): { plan: PlanInput | null; errors: LineError[] } {
  const errors: LineError[] = [];
  const records: [number, unknown][] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    try {
      (JSON.parse(trimmed) as unknown[]).forEach((r, i) => records.push([i + 1, r]));
    } catch {
      return { plan: null, errors: [{ line: 0, field: '-', message: { zh: '文件不是有效的 JSON 数组', en: 'the file is not a valid JSON array' } }] };
    }
  } else {
    trimmed.split('\n').forEach((l, i) => {
      if (!l.trim()) return;
      try {
        records.push([i + 1, JSON.parse(l)]);
      } catch {
        errors.push({ line: i + 1, field: '-', message: { zh: '不是一个 JSON 对象', en: 'not a JSON object' } });
      }
    });
  }
  let plan: PlanInput | null = null;
  for (const [line, r] of records) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) { errors.push({ line, field: '-', message: { zh: '不是一个 JSON 对象', en: 'not a JSON object' } }); continue; }
    const o = r as Record<string, unknown>;
    const push = (e: Record<string, Msg>) => { for (const [field, message] of Object.entries(e)) errors.push({ line, field, message }); };
    if (o.type === 'plan') {
      if (plan) { errors.push({ line, field: 'type', message: { zh: '一个文件只能有一个 plan 记录', en: 'one plan record a file' } }); continue; }
      const h = validateHeader(o);
      push(h.errors);
      plan = { ...h.value, sections: [], tasks: [] };
    } else if (!plan) {
      errors.push({ line, field: 'type', message: { zh: '第一条记录须为 {"type":"plan",…}', en: 'the first record must be {"type":"plan",…}' } });
    } else if (o.type === 'section') {
      const s = validateSection(o);
      push(s.errors);
      if (plan.sections.some((x) => x.no === s.value.no)) errors.push({ line, field: 'no', message: { zh: '部分序号重复', en: 'the section number repeats' } });
      plan.sections.push(s.value);
    } else if (o.type === 'task') {
      const t = validateTask(o, plan.year);
      push(t.errors);
      if (plan.tasks.some((x) => x.no === t.value.no)) errors.push({ line, field: 'no', message: { zh: '任务序号重复', en: 'the task number repeats' } });
      if (plan.sections.length && !plan.sections.some((s) => s.no === t.value.section)) errors.push({ line, field: 'section', message: { zh: `没有第 ${t.value.section} 部分`, en: `no section ${t.value.section}` } });
      plan.tasks.push(t.value);
    } else errors.push({ line, field: 'type', message: { zh: 'type 须为 plan、section 或 task', en: 'type must be plan, section or task' } });
  }
  if (!plan && !errors.length) errors.push({ line: 0, field: 'type', message: { zh: '文件中没有 plan 记录', en: 'the file has no plan record' } });
  if (plan && !plan.tasks.length && !errors.length) errors.push({ line: 0, field: 'task', message: { zh: '文件中没有任务', en: 'the file has no task' } });
  return { plan: errors.length ? null : plan, errors };
}

/** The plan as JSON Lines, in the import format (the unit by its code). */
export async function exportPlan(db: DbOrTx, planId: number): Promise<string[] | null> {
  const p = await planById(db, planId);
  if (!p) return null;
  const out = [JSON.stringify({ type: 'plan', year: p.year, title: p.title, unit: p.unit_code, issuer: p.issuer, doc_number: p.doc_number })];
  for (const s of await sectionsOf(db, p.id)) out.push(JSON.stringify({ type: 'section', no: s.no, title: s.title }));
  for (const t of await tasksOf(db, p.id)) {
    out.push(JSON.stringify({ type: 'task', section: t.section_no, no: t.no, title: t.title, text: t.body, lead: t.lead_names, responsible: t.responsible_names, deadline: t.deadline ?? LONG_TERM, milestones: t.milestones, output: t.expected_output }));
  }
  return out;
}

export const formatErrors = (errors: LineError[]) =>
  errors.map((e) => ({ zh: `第 ${e.line} 行 ${e.field}：${e.message.zh}`, en: `line ${e.line} ${e.field}: ${e.message.en}` }));
