/**
 * Pure functions behind `gongkai workdays add|count` and `gongkai deadline`. They return what to print
 * and the exit code, so the commander wiring stays one line each and the output is testable.
 *
 * Exit codes: 0 = done, 2 = bad input (the message, in Chinese with English, is in stdout).
 */
import { isIsoDate } from './dates.ts';
import { nationalCalendar, type LocalizedText, type WorkCalendar } from './calendar.ts';
import { computeDeadline, type DeadlineResult } from './deadline.ts';
import { TimelineError } from './timeline.ts';
import { formatTrace } from './trace.ts';

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

export interface CliOptions {
  /** Defaults to the national chinese-days calendar; pass one built with the override table. */
  calendar?: WorkCalendar;
  lang?: 'zh' | 'en';
}

export interface DeadlineCommandOptions extends CliOptions {
  json?: boolean;
  /** Today (YYYY-MM-DD), for `overdue` and the projected date of a paused case. */
  today?: string;
}

/** Largest n accepted by `workdays add`; far beyond any legal period, small enough to stay instant. */
const MAX_ADD = 10_000;

const EXIT_BAD_INPUT = 2;

function bad(msg: LocalizedText): CommandResult {
  return { stdout: `错误：${msg.zh}\nError: ${msg.en}\n`, exitCode: EXIT_BAD_INPUT };
}

function warningLines(messages: readonly LocalizedText[], lang: 'zh' | 'en'): string[] {
  return messages.map((m) => `${lang === 'zh' ? '警告：' : 'Warning: '}${m[lang]}`);
}

/** `gongkai workdays add <date> <n>`: the n-th working day after <date> (the date itself not counted). */
export function workdaysAddCommand(args: readonly string[], opts: CliOptions = {}): CommandResult {
  const usage = { zh: '用法：gongkai workdays add <YYYY-MM-DD> <工作日数>', en: 'usage: gongkai workdays add <YYYY-MM-DD> <workdays>' };
  if (args.length !== 2) return bad(usage);
  const [date, nText] = args;
  if (!isIsoDate(date)) return bad({ zh: `日期 ${JSON.stringify(date)} 无效，应为 YYYY-MM-DD。${usage.zh}`, en: `invalid date ${JSON.stringify(date)}, expected YYYY-MM-DD. ${usage.en}` });
  if (!/^\d+$/.test(nText) || Number(nText) > MAX_ADD) {
    return bad({ zh: `工作日数 ${JSON.stringify(nText)} 无效，应为 0 至 ${MAX_ADD} 的整数`, en: `invalid number of working days ${JSON.stringify(nText)}, expected a whole number from 0 to ${MAX_ADD}` });
  }
  const calendar = opts.calendar ?? nationalCalendar();
  const due = calendar.addWorkdays(date, Number(nText));
  const lines = [due, ...warningLines(calendar.warningsForRange(date, due).map((w) => w.message), opts.lang ?? 'zh')];
  return { stdout: lines.join('\n') + '\n', exitCode: 0 };
}

/** `gongkai workdays count <A> <B>`: the working days in (A, B]. */
export function workdaysCountCommand(args: readonly string[], opts: CliOptions = {}): CommandResult {
  const usage = { zh: '用法：gongkai workdays count <开始日期 YYYY-MM-DD> <结束日期 YYYY-MM-DD>（统计开始日之后至结束日的工作日）', en: 'usage: gongkai workdays count <from YYYY-MM-DD> <to YYYY-MM-DD> (working days after <from>, up to and including <to>)' };
  if (args.length !== 2) return bad(usage);
  const [a, b] = args;
  for (const d of [a, b]) {
    if (!isIsoDate(d)) return bad({ zh: `日期 ${JSON.stringify(d)} 无效，应为 YYYY-MM-DD。${usage.zh}`, en: `invalid date ${JSON.stringify(d)}, expected YYYY-MM-DD. ${usage.en}` });
  }
  if (b < a) return bad({ zh: `结束日期 ${b} 早于开始日期 ${a}`, en: `the end date ${b} is before the start date ${a}` });
  const calendar = opts.calendar ?? nationalCalendar();
  const n = calendar.countWorkdays(a, b);
  const lines = [String(n), ...warningLines(calendar.warningsForRange(a, b).map((w) => w.message), opts.lang ?? 'zh')];
  return { stdout: lines.join('\n') + '\n', exitCode: 0 };
}

/** `gongkai deadline [--json] < case.json`: the due date and how it was computed. */
export function deadlineCommand(stdinText: string, opts: DeadlineCommandOptions = {}): CommandResult {
  const lang = opts.lang ?? 'zh';
  const fail = (code: string, message: LocalizedText, eventIndex: number | null = null): CommandResult =>
    opts.json
      ? { stdout: JSON.stringify({ error: { code, eventIndex, message } }, null, 2) + '\n', exitCode: EXIT_BAD_INPUT }
      : bad(message);

  if (opts.today !== undefined && !isIsoDate(opts.today)) {
    return fail('bad_today', { zh: `今天的日期 ${JSON.stringify(opts.today)} 无效，应为 YYYY-MM-DD`, en: `invalid today ${JSON.stringify(opts.today)}, expected YYYY-MM-DD` });
  }
  let input: unknown;
  try {
    input = JSON.parse(stdinText);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail('bad_json', {
      zh: `标准输入不是有效的 JSON（${why}）。示例：{"received":"2024-09-27","events":[{"type":"extended","date":"2024-10-20","workdays":10}]}`,
      en: `standard input is not valid JSON (${why}). Example: {"received":"2024-09-27","events":[{"type":"extended","date":"2024-10-20","workdays":10}]}`,
    });
  }
  let r: DeadlineResult;
  try {
    r = computeDeadline(input, opts.calendar ?? nationalCalendar(), opts.today ? { today: opts.today } : {});
  } catch (e) {
    if (e instanceof TimelineError) return fail(e.code, e.messages, e.eventIndex);
    throw e;
  }

  if (opts.json) {
    const out: Record<string, unknown> = { due: r.due, state: r.state, trace: r.trace, warnings: r.warnings };
    if (r.state === 'paused') Object.assign(out, { pausedSince: r.pausedSince, remainingWorkdays: r.remainingWorkdays });
    if (r.projectedDue) out.projectedDue = r.projectedDue;
    if (r.correctBy) out.correctBy = r.correctBy;
    if (r.overdue !== undefined) out.overdue = r.overdue;
    return { stdout: JSON.stringify(out, null, 2) + '\n', exitCode: 0 };
  }
  const lines = [headline(r, lang), ...formatTrace(r.trace, lang), ...warningLines(r.warnings.map((w) => w.message), lang)];
  return { stdout: lines.join('\n') + '\n', exitCode: 0 };
}

/** First line: the due date itself, or the state that stands in for it. */
function headline(r: DeadlineResult, lang: 'zh' | 'en'): string {
  if (r.state === 'running') return r.due!;
  if (r.state === 'paused') {
    return lang === 'zh'
      ? `暂停中：自${r.pausedSince}起暂停，剩余${r.remainingWorkdays}个工作日${r.projectedDue ? `（如今天结束暂停，期限为${r.projectedDue}）` : ''}`
      : `paused since ${r.pausedSince}, ${r.remainingWorkdays} working days left${r.projectedDue ? ` (due ${r.projectedDue} if the pause ended today)` : ''}`;
  }
  return lang === 'zh'
    ? `期限中止：等待补正${r.correctBy ? `（补正期限${r.correctBy}）` : ''}`
    : `clock stopped: awaiting correction${r.correctBy ? ` (due by ${r.correctBy})` : ''}`;
}
