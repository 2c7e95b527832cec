/**
 * Publication deadlines of the annual report (条例 第四十九条):
 * - 县级以上人民政府部门: the report on year Y is submitted and published "每年1月31日前" of Y+1;
 * - 县级以上地方人民政府的政府信息公开工作主管部门: the government's report by 3月31日 of Y+1.
 * Many cities set earlier internal dates, so both are settings (month-day). "前" is read as "on or
 * before": a report published on 31 January is on time. These are calendar days, not working days —
 * the article names a date, not a period — so no holiday calendar is involved.
 * All functions take `today` (YYYY-MM-DD, Asia/Shanghai) from the caller.
 */
import type { Msg } from './types.ts';
import { isIsoDate, toDayNumber } from '../../../core/calendar/dates.ts';

export type ReportKind = 'department' | 'government';

export interface DeadlineSettings {
  /** 'MM-DD' in the year after the report year; 条例 第四十九条: '01-31'. */
  department: string;
  /** 'MM-DD'; 条例 第四十九条: '03-31'. */
  government: string;
}

export const LEGAL_DEADLINES: DeadlineSettings = { department: '01-31', government: '03-31' };

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** Errors in the settings: bad month-day, or a date later than the statutory one (a city may only be earlier). */
export function validateDeadlineSettings(s: DeadlineSettings): { key: ReportKind; message: Msg }[] {
  const out: { key: ReportKind; message: Msg }[] = [];
  for (const key of ['department', 'government'] as const) {
    const v = s[key];
    // 2001 is not a leap year, so 02-29 is rejected: the deadline must exist every year.
    if (!MONTH_DAY.test(v) || !isIsoDate(`2001-${v}`)) {
      out.push({ key, message: { zh: `截止日期格式应为“月-日”（如 01-31），且每年都存在`, en: `deadline must be MM-DD and exist every year, got ${JSON.stringify(v)}` } });
    } else if (v > LEGAL_DEADLINES[key]) {
      out.push({ key, message: { zh: `截止日期不得晚于法定期限（次年${LEGAL_DEADLINES[key]}，条例第四十九条）`, en: `deadline may not be later than the statutory ${LEGAL_DEADLINES[key]} (Art. 49)` } });
    }
  }
  return out;
}

/** The date by which the report on `year` must be published. */
export function reportDeadline(kind: ReportKind, year: number, settings: DeadlineSettings = LEGAL_DEADLINES): string {
  const md = settings[kind];
  const date = `${year + 1}-${md}`;
  if (!isIsoDate(date)) throw new RangeError(`bad ${kind} deadline setting ${JSON.stringify(md)}`);
  return date;
}

/** Calendar days from today to the deadline: positive = days left, 0 = due today, negative = days overdue. */
export function countdown(today: string, deadline: string): number {
  return toDayNumber(deadline) - toDayNumber(today);
}

/** Late = published after the deadline, or not published and the deadline has passed. */
export function isLate(deadline: string, today: string, publishedOn?: string): boolean {
  return publishedOn !== undefined ? publishedOn > deadline : today > deadline;
}

/** The report year whose reports fall due in today's calendar year. */
export function currentReportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

export type DeadlineState = 'published' | 'published_late' | 'open' | 'due_soon' | 'missing';

export interface DeadlineStatus {
  kind: ReportKind;
  year: number;
  deadline: string;
  /** Days left (negative when overdue); null once published. */
  daysLeft: number | null;
  state: DeadlineState;
  /** Flag for the dashboard: published late, or missing past the deadline. */
  flagged: boolean;
  message: Msg;
}

/** What the dashboard shows for one report: countdown, or the late/missing flag. */
export function deadlineStatus(p: {
  kind: ReportKind;
  year: number;
  today: string;
  publishedOn?: string;
  settings?: DeadlineSettings;
  /** Days before the deadline from which an unpublished report is "due soon"; default 14. */
  warnDays?: number;
}): DeadlineStatus {
  const deadline = reportDeadline(p.kind, p.year, p.settings);
  const what = p.kind === 'department' ? '部门' : '政府';
  const base = { kind: p.kind, year: p.year, deadline };
  if (p.publishedOn !== undefined) {
    const late = p.publishedOn > deadline;
    return {
      ...base, daysLeft: null, state: late ? 'published_late' : 'published', flagged: late,
      message: late
        ? { zh: `${p.year}年度${what}年报于${p.publishedOn}发布，晚于截止日期${deadline}`, en: `${p.year} report published ${p.publishedOn}, after the ${deadline} deadline` }
        : { zh: `${p.year}年度${what}年报已于${p.publishedOn}发布`, en: `${p.year} report published ${p.publishedOn}` },
    };
  }
  const daysLeft = countdown(p.today, deadline);
  if (daysLeft < 0) {
    return { ...base, daysLeft, state: 'missing', flagged: true, message: { zh: `${p.year}年度${what}年报已逾期${-daysLeft}天未发布（截止${deadline}）`, en: `${p.year} report missing, ${-daysLeft} days past the ${deadline} deadline` } };
  }
  const soon = daysLeft <= (p.warnDays ?? 14);
  return {
    ...base, daysLeft, state: soon ? 'due_soon' : 'open', flagged: false,
    message: daysLeft === 0
      ? { zh: `${p.year}年度${what}年报今天（${deadline}）截止发布`, en: `${p.year} report due today (${deadline})` }
      : { zh: `距${p.year}年度${what}年报发布截止（${deadline}）还有${daysLeft}天`, en: `${daysLeft} days until the ${p.year} report is due (${deadline})` },
  };
}
