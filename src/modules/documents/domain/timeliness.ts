// Timeliness of proactive disclosure.
//
// 条例 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开.
// The start is the 成文日期 (形成) or, for an item that changed, the change date (变更).
// 朝阳市2020年政务公开工作要点 第6点: 新出台的（“六稳”“六保”）政策文件须于5个工作日内上传公开; 第7点:
// 解读材料随政策文件同步报送. The platform applies the 5-working-day rule to every policy document and
// to every interpretation, and also measures how far an interpretation lags its policy.
//
// Working days come from an injected calendar (src/core/calendar) so that 调休 and holidays are
// right; this file never decides what a working day is.

export interface WorkdayCalendar {
  /** Number of working days after `a` up to and including `b` (so a→a is 0), for YYYY-MM-DD
   *  strings. Negative or zero when b ≤ a. */
  countWorkdays(a: string, b: string): number;
}

export const ART26_LIMIT_WORKDAYS = 20;
export const POLICY_LIMIT_WORKDAYS = 5;

export interface TimelinessInput {
  /** 成文日期 / 形成日期. */
  writtenDate: string;
  /** 变更日期, when the published item records a change of existing information. */
  changedDate?: string | null;
  /** 发布日期; absent while the item is not yet published. */
  publishDate?: string | null;
  /** A 规章, 行政规范性文件 or other policy document (taxonomy LEGAL_FORMS isPolicy). */
  isPolicy?: boolean;
  /** A 解读 of a policy. */
  isInterpretation?: boolean;
  /** For an interpretation: the 发布日期 of the policy it interprets, to measure 同步. */
  policyPublishDate?: string | null;
}

export interface TimelinessOptions {
  /** Today in Asia/Shanghai, used when the item is not yet published (an open clock). */
  today: string;
  art26Limit?: number;
  policyLimit?: number;
}

export interface TimelinessResult {
  /** The date the clock runs from (changedDate when given, else writtenDate). */
  startDate: string;
  /** publishDate, or today when not yet published. */
  endDate: string;
  published: boolean;
  /** Working days elapsed from startDate to endDate (0 if endDate is not after startDate). */
  workdays: number;
  /** 条例 第二十六条 breached (more than 20 working days). */
  art26Overdue: boolean;
  /** Policy/interpretation rule applies to this item. */
  policyRuleApplies: boolean;
  /** Policy/interpretation rule breached (more than 5 working days). */
  policyOverdue: boolean;
  /** For interpretations: working days after the policy's publication (0 = same day or earlier). */
  interpretationLagWorkdays: number | null;
  /** The interpretation came out more than the policy limit after its policy (not 同步). */
  interpretationLate: boolean;
  /** Publication dated before formation: a data error for the editor to fix. */
  publishedBeforeStart: boolean;
  /** Working days left before the applicable limit (negative when overdue); for open clocks. */
  remainingWorkdays: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(name: string, v: string): void {
  if (typeof v !== 'string' || !DATE_RE.test(v)) throw new TypeError(`${name} must be a YYYY-MM-DD date, got ${String(v)}`);
}

export function computeTimeliness(input: TimelinessInput, calendar: WorkdayCalendar, options: TimelinessOptions): TimelinessResult {
  const art26Limit = options.art26Limit ?? ART26_LIMIT_WORKDAYS;
  const policyLimit = options.policyLimit ?? POLICY_LIMIT_WORKDAYS;
  assertDate('writtenDate', input.writtenDate);
  assertDate('today', options.today);
  if (input.changedDate) assertDate('changedDate', input.changedDate);
  if (input.publishDate) assertDate('publishDate', input.publishDate);
  if (input.policyPublishDate) assertDate('policyPublishDate', input.policyPublishDate);

  // A change restarts the clock (形成或者变更之日); ISO dates compare as strings.
  const startDate = input.changedDate && input.changedDate > input.writtenDate ? input.changedDate : input.writtenDate;
  const published = Boolean(input.publishDate);
  const endDate = input.publishDate || options.today;
  const publishedBeforeStart = published && endDate < startDate;
  const workdays = Math.max(0, calendar.countWorkdays(startDate, endDate));

  const policyRuleApplies = Boolean(input.isPolicy || input.isInterpretation);
  const art26Overdue = workdays > art26Limit;
  const policyOverdue = policyRuleApplies && workdays > policyLimit;

  let interpretationLagWorkdays: number | null = null;
  let interpretationLate = false;
  if (input.isInterpretation && input.policyPublishDate) {
    interpretationLagWorkdays = Math.max(0, calendar.countWorkdays(input.policyPublishDate, endDate));
    interpretationLate = interpretationLagWorkdays > policyLimit;
  }

  const limit = policyRuleApplies ? Math.min(policyLimit, art26Limit) : art26Limit;
  return {
    startDate,
    endDate,
    published,
    workdays,
    art26Overdue,
    policyRuleApplies,
    policyOverdue,
    interpretationLagWorkdays,
    interpretationLate,
    publishedBeforeStart,
    remainingWorkdays: limit - workdays,
  };
}

export interface DeadlineCalendar {
  /** The n-th working day after `date` (n = 0: the date itself), YYYY-MM-DD. */
  addWorkdays(date: string, n: number): string;
}

export interface TimelinessDeadline {
  /** The last day the item may still be published on time, under the tightest rule that applies. */
  due: string;
  /** The first day on which it counts as late: computeTimeliness flags an open item exactly when today ≥ lateFrom. */
  lateFrom: string;
}

/**
 * The deadline of an unpublished item as two dates, so that lists and counts can ask "overdue?" in
 * SQL (`late_from <= today`) instead of counting working days for every row. Same rules as
 * computeTimeliness: 20 working days (条例 第二十六条), 5 for policies and interpretations (2020 要点
 * 第6点), and for an interpretation 5 after its policy's publication (第7点 同步). Late means more
 * working days than the limit have passed, i.e. the (limit + 1)-th working day has come.
 */
export function timelinessDeadline(input: Omit<TimelinessInput, 'publishDate'>, calendar: DeadlineCalendar, options: Omit<TimelinessOptions, 'today'> = {}): TimelinessDeadline {
  const art26Limit = options.art26Limit ?? ART26_LIMIT_WORKDAYS;
  const policyLimit = options.policyLimit ?? POLICY_LIMIT_WORKDAYS;
  assertDate('writtenDate', input.writtenDate);
  if (input.changedDate) assertDate('changedDate', input.changedDate);
  if (input.policyPublishDate) assertDate('policyPublishDate', input.policyPublishDate);
  const start = input.changedDate && input.changedDate > input.writtenDate ? input.changedDate : input.writtenDate;
  const clocks: [string, number][] = [[start, art26Limit]];
  if (input.isPolicy || input.isInterpretation) clocks.push([start, policyLimit]);
  if (input.isInterpretation && input.policyPublishDate) clocks.push([input.policyPublishDate, policyLimit]);
  const min = (xs: string[]) => xs.reduce((a, b) => (b < a ? b : a));
  return {
    due: min(clocks.map(([d, n]) => calendar.addWorkdays(d, n))),
    lateFrom: min(clocks.map(([d, n]) => calendar.addWorkdays(d, n + 1))),
  };
}
