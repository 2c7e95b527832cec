/**
 * "How this date was computed": structured trace entries shown to staff and to the applicant.
 *
 * Each entry carries its own bilingual sentence (`text`) so a CLI prints one line per entry, while an
 * HTML page can also use the structured fields (dates, counts, the holidays and make-up days crossed).
 */
import { addDays, weekdayName } from './dates.ts';
import type { CrossedDay, LocalizedText } from './calendar.ts';

export type TraceStep =
  | 'received'
  | 'period'
  | 'correction_requested'
  | 'corrected'
  | 'consultation_started'
  | 'consultation_ended'
  | 'fee_notice_sent'
  | 'fee_paid'
  | 'extended'
  | 'result';

export interface TraceEntry {
  step: TraceStep;
  /** The date of the event, or where the counting starts. */
  date?: string;
  /** Working days counted, paused or added at this step. */
  workdays?: number;
  /** The due date after this step. */
  due?: string;
  /** A limit this step opens: the 7-day correction notice, 15-day reply or 20-day fee payment. */
  limit?: string;
  /** The legal basis, in Chinese (e.g. 《条例》第三十三条第二款). */
  article?: string;
  text: LocalizedText;
  /** Holidays and make-up working days inside the ranges counted at this step. */
  crossed?: CrossedDay[];
}

/** "2024-10-30（星期三）" / "2024-10-30 (Wed)". */
export function showDate(iso: string): LocalizedText {
  return { zh: `${iso}（${weekdayName(iso, 'zh')}）`, en: `${iso} (${weekdayName(iso, 'en')})` };
}

/**
 * One phrase listing the crossed days, grouped by festival with consecutive dates joined:
 * "途经：国庆节放假 2024-10-01至2024-10-07；国庆节调休上班 2024-09-29、2024-10-12". Empty when none.
 */
export function describeCrossed(crossed: readonly CrossedDay[]): LocalizedText {
  if (crossed.length === 0) return { zh: '', en: '' };
  const groups = new Map<string, { day: CrossedDay; runs: [string, string][] }>();
  for (const c of crossed) {
    const key = `${c.kind}|${c.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { day: c, runs: [] }));
    const last = g.runs[g.runs.length - 1];
    if (last && addDays(last[1], 1) === c.date) last[1] = c.date;
    else g.runs.push([c.date, c.date]);
  }
  const zh: string[] = [];
  const en: string[] = [];
  for (const { day, runs } of groups.values()) {
    const zhRuns = runs.map(([a, b]) => (a === b ? a : `${a}至${b}`)).join('、');
    const enRuns = runs.map(([a, b]) => (a === b ? a : `${a} to ${b}`)).join(', ');
    const enName = day.nameEn ?? day.name;
    if (day.kind === 'holiday') {
      zh.push(`${day.name}放假 ${zhRuns}`);
      en.push(`${enName} holiday ${enRuns}`);
    } else {
      zh.push(`${day.name}调休上班 ${zhRuns}`);
      en.push(`${enName} make-up working day ${enRuns}`);
    }
  }
  return { zh: `途经：${zh.join('；')}`, en: `crossing: ${en.join('; ')}` };
}

/** Merges crossed-day lists from several ranges, dropping repeats, in date order. */
export function mergeCrossed(...lists: readonly CrossedDay[][]): CrossedDay[] {
  const byDate = new Map<string, CrossedDay>();
  for (const list of lists) for (const c of list) byDate.set(c.date, c);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Appends "；途经：…" to a sentence when the crossed list is not empty. */
export function withCrossed(text: LocalizedText, crossed: readonly CrossedDay[]): LocalizedText {
  if (crossed.length === 0) return text;
  const d = describeCrossed(crossed);
  return { zh: `${text.zh}；${d.zh}`, en: `${text.en}; ${d.en}` };
}

/** Plain-text lines for a terminal or a letter: one per entry, numbered. */
export function formatTrace(trace: readonly TraceEntry[], lang: 'zh' | 'en' = 'zh'): string[] {
  return trace.map((t, i) => `${i + 1}. ${t.text[lang]}`);
}
