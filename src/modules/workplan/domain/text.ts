/**
 * Reads a 工作要点 as it is published (plain text: the covering notice, the title "2020年政务公开工作要点",
 * sections "一、…", tasks "1、…" each ending with "(牵头单位:…;责任单位:…)") into the import format.
 * Tolerates what real texts contain: full- or half-width brackets and colons, "责任单位;" for "责任单位:",
 * a task with only 责任单位, and brackets inside names ("各县(市)区政府").
 */
import { deadlineOf, deadlinesIn, splitNames, type PlanInput, type SectionInput, type TaskInput } from './plan.ts';

const CN = '一二三四五六七八九十';
/** 一 → 1 … 十九 → 19 */
export function cnNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + CN.indexOf(s[1]) + 1;
  if (s.length === 2 && s.endsWith('十')) return (CN.indexOf(s[0]) + 1) * 10;
  if (s.length === 3 && s[1] === '十') return (CN.indexOf(s[0]) + 1) * 10 + CN.indexOf(s[2]) + 1;
  return CN.indexOf(s) + 1;
}

export interface TextProblem { line: number; message: string }

/**
 * The attribution at the end of a task line, e.g. "(牵头单位:市政府办公室、市委编办;责任单位:各县(市)区政府)".
 * Returns the line without it, and the lead and responsible names.
 */
export function splitAttribution(line: string): { body: string; lead: string[]; responsible: string[] } | null {
  const at = Math.max(line.lastIndexOf('(牵头单位'), line.lastIndexOf('（牵头单位'), line.lastIndexOf('(责任单位'), line.lastIndexOf('（责任单位'));
  if (at < 0) return null;
  const tail = line.slice(at + 1).replace(/[)）]\s*[。.]?\s*$/, '');
  const lead = /牵头单位\s*[:：]\s*([^;；]*)/.exec(tail);
  const resp = /责任单位\s*[:：;；]\s*(.*)$/.exec(tail);
  if (!resp) return null;
  return { body: line.slice(0, at).trim(), lead: lead ? splitNames(lead[1]) : [], responsible: splitNames(resp[1]) };
}

/** Parses the text; `unit` is the plan's government (code or slug), `issuer` who issued it. */
export function parsePlanText(text: string, o: { unit: string; issuer?: string; docNumber?: string; title?: string }): { plan: PlanInput; problems: TextProblem[] } {
  const lines = text.split(/\r?\n/);
  const problems: TextProblem[] = [];
  let year = 0;
  let title = '';
  let issuer = o.issuer ?? '';
  const sections: SectionInput[] = [];
  const tasks: TaskInput[] = [];
  let started = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const head = /^(\d{4})年.*工作要点$/.exec(line);
    if (!started && head) { year = Number(head[1]); title = line; started = true; return; }
    if (!started) {
      if (!issuer && /领导小组$|人民政府$|办公室$|办公厅$/.test(line) && i > 0) issuer = line;
      return;
    }
    const sec = /^([一二三四五六七八九十]{1,3})、(.+)$/.exec(line);
    if (sec) { sections.push({ no: cnNumber(sec[1]), title: sec[2].trim() }); return; }
    const task = /^(\d{1,3})[、.．]\s*(.+)$/.exec(line);
    if (!task) return; // preamble and closing paragraphs
    if (!sections.length) problems.push({ line: i + 1, message: '任务出现在第一个部分标题之前' });
    const attr = splitAttribution(task[2]);
    if (!attr) { problems.push({ line: i + 1, message: '未找到“(牵头单位:…;责任单位:…)”' }); return; }
    const stop = attr.body.search(/[。；;]/);
    const heading = (stop < 0 ? attr.body : attr.body.slice(0, stop)).trim();
    const rest = stop < 0 ? '' : attr.body.slice(stop + 1).trim();
    const milestones = deadlinesIn(rest, year || 2000);
    tasks.push({
      section: sections.length ? sections[sections.length - 1].no : 1, no: Number(task[1]), title: heading, text: rest,
      lead: attr.lead, responsible: attr.responsible, deadline: deadlineOf(milestones), milestones,
      output: milestones.map((m) => m.text).join('；'),
    });
  });
  if (!year) problems.push({ line: 0, message: '未找到标题“YYYY年…工作要点”' });
  return { plan: { year, title: o.title ?? title, unit: o.unit, issuer, doc_number: o.docNumber ?? '', sections, tasks }, problems };
}
