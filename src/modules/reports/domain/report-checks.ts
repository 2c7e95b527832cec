/**
 * What is still unresolved in a draft report, in one list that every output carries (the `checks` of
 * the JSON export; the “草稿 · 未解决的问题” box of the HTML, DOCX and PDF): the failing checks of
 * checks.ts (国办公开办函〔2021〕30号: the figures must be accurate), a narrative that still has
 * 【待填写】, the data warnings of the count, and — on an area summary (条例 第四十九条第二款) — the units
 * whose own report is overdue (条例 第四十九条: departments by 31 January, governments by 31 March).
 *
 * severity `error`: the figures fail a check (the CLI exits 1, publishing is refused);
 * `warning`: something else to resolve or review. `blocking`: publishing is refused until it is resolved.
 */
import type { CheckFailure } from './checks.ts';
import type { AnnualReport, Msg } from './types.ts';

export interface CheckUnit {
  code: string;
  name: string;
}

export interface ReportCheck {
  /** The rule (checks.ts CheckRule), or narrative_placeholder / data_warning / overdue_units. */
  id: string;
  severity: 'error' | 'warning';
  blocking: boolean;
  message: Msg;
  /** Cell paths concerned ('table3.3.3.7.natural'); empty for the report as a whole. */
  cells: string[];
  /** Units concerned (a summary's units lacking a source note, or late with their own report). */
  units: CheckUnit[];
  expected: number | string | null;
  actual: number | string | null;
}

export interface ChecksInput {
  failures: CheckFailure[];
  /** The narrative still has 【待填写】 placeholders. */
  narrativePlaceholders?: boolean;
  /** Warnings of the count (an appeal without a decision date, …): message and how many records. */
  warnings?: { code: string; message: Msg; count: number }[];
  /** A summary's units whose own report on `year` is overdue, each with its deadline line. */
  overdue?: { unit: CheckUnit; message: Msg }[];
  year?: number;
}

/** How many names a message lists before “等N个单位” (the `units` field has them all). */
export const NAMES_IN_MESSAGE = 8;

/** “A、B、C等12个单位” / “A, B, C and 9 more”. */
export function unitList(units: CheckUnit[], max = NAMES_IN_MESSAGE): Msg {
  const shown = units.slice(0, max).map((u) => u.name);
  const more = units.length - shown.length;
  return {
    zh: more > 0 ? `${shown.join('、')}等${units.length}个单位` : shown.join('、'),
    en: more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', '),
  };
}

/**
 * On an area summary, says WHICH units a `manual_source` failure comes from: a summed cell has a source
 * note only when every unit gave one (summary.ts), so the units without one are named.
 */
export function attributeSources(failures: CheckFailure[], parts: { unit: CheckUnit; report: AnnualReport }[]): CheckFailure[] {
  return failures.map((f) => {
    if (f.rule !== 'manual_source') return f;
    const lacking = parts.filter((p) => !p.report.sources?.[f.cell]?.trim()).map((p) => ({ code: p.unit.code, name: p.unit.name }));
    if (!lacking.length) return f;
    const names = unitList(lacking);
    return {
      ...f,
      units: lacking,
      message: { zh: `${f.message.zh}（未注明来源的单位：${names.zh}）`, en: `${f.message.en} (no source note from: ${names.en})` },
    };
  });
}

export function reportChecks(input: ChecksInput): ReportCheck[] {
  const out: ReportCheck[] = input.failures.map((f) => ({
    id: f.rule,
    severity: 'error',
    blocking: true,
    message: f.message,
    cells: f.cell === 'format' || f.cell === 'year' ? [] : [f.cell],
    units: f.units ?? [],
    expected: f.expected,
    actual: f.actual,
  }));
  if (input.narrativePlaceholders) {
    out.push({
      id: 'narrative_placeholder', severity: 'warning', blocking: true, cells: [], units: [], expected: null, actual: null,
      message: { zh: '报告正文（一、五、六部分）尚有【待填写】的内容，补全后才能发布', en: 'The narrative (parts 一, 五, 六) still has 【待填写】 placeholders; complete them before publishing' },
    });
  }
  for (const w of input.warnings ?? []) {
    out.push({
      id: 'data_warning', severity: 'warning', blocking: false, cells: [], units: [], expected: null, actual: null,
      message: { zh: `${w.message.zh}（共${w.count}件）`, en: `${w.message.en} (${w.count})` },
    });
  }
  if (input.overdue?.length) {
    const units = input.overdue.map((o) => o.unit);
    const names = unitList(units);
    out.push({
      id: 'overdue_units', severity: 'warning', blocking: false, cells: [], units, expected: null, actual: null,
      message: {
        zh: `${units.length}个单位的${input.year ? `${input.year}年度` : '本年度'}政府信息公开工作年度报告逾期未发布（条例第四十九条）：${names.zh}`,
        en: `${units.length} unit(s) have not published their ${input.year ? `${input.year} ` : ''}report by the deadline (Art. 49): ${names.en}`,
      },
    });
  }
  return out;
}

/** One line for a box or a terminal: the message, and the expected and found values when the check has them. */
export function checkLine(c: ReportCheck, lang: 'zh' | 'en' = 'zh'): string {
  const exp = c.expected !== null && c.actual !== null ? (lang === 'zh' ? `（应为 ${c.expected}，实为 ${c.actual}）` : ` (expected ${c.expected}, found ${c.actual})`) : '';
  return c.message[lang] + exp;
}
