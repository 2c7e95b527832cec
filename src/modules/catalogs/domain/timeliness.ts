/**
 * 公开时限 as data, and whether a catalog row is fulfilled or overdue.
 *
 * Catalogs write the time limit as a phrase (shared/domain/reference.md §3.2): usually
 * "信息形成或者变更之日起20个工作日内" — the general rule of 条例 第二十六条 (属于主动公开范围的政府信息，
 * 应当自该政府信息形成或者变更之日起20个工作日内及时公开) — and also "实时公开", "及时公开",
 * "分配结果确定后20个工作日内", "自作出行政决定之日起7个工作日内", "长期公开". `parseDeadline` reads
 * the phrase into a kind and a number:
 *   workdays n — n working days after the trigger (the working-day calendar, core/calendar)
 *   days n     — n calendar days after the trigger ("30日内", "15天内")
 *   realtime   — "实时": due the next working day after the trigger (a day's grace for publishing)
 *   ongoing    — "长期"/"常态": no deadline; the row needs a publication, whenever
 * "及时公开" without a number is read as 20 working days: 条例 第二十六条 says 及时 means that.
 */
import type { WorkCalendar } from '../../../core/calendar/index.ts';
import type { Msg } from '../../../core/render/i18n.ts';

export type DeadlineKind = 'workdays' | 'days' | 'realtime' | 'ongoing';
export interface Deadline { kind: DeadlineKind; n: number }

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** '20', '二十', '十五', '七' → a number; null when it is not one. */
export function numberOf(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || !s) return null;
  if (!m[2]) return m[1] && !m[3] ? DIGITS[m[1]] : null;
  return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[3] ? DIGITS[m[3]] : 0);
}

export function parseDeadline(text: string): Deadline | null {
  const s = text.replace(/\s+/g, '');
  if (!s) return null;
  const num = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
  const wd = new RegExp(num + '个?工作日').exec(s);
  if (wd) { const n = numberOf(wd[1]); return n && n <= 365 ? { kind: 'workdays', n } : null; }
  const cd = new RegExp(num + '(?:个)?(?:自然日|日|天)').exec(s);
  if (cd) { const n = numberOf(cd[1]); return n && n <= 366 ? { kind: 'days', n } : null; }
  if (/实时/.test(s)) return { kind: 'realtime', n: 0 };
  if (/长期|常态|常年/.test(s)) return { kind: 'ongoing', n: 0 };
  if (/及时/.test(s)) return { kind: 'workdays', n: 20 };
  return null;
}

export const DEADLINE_ERROR: Msg = {
  zh: '无法识别公开时限，请写明如"信息形成或者变更之日起20个工作日内""实时公开""长期公开"',
  en: 'The time limit cannot be read: write e.g. "信息形成或者变更之日起20个工作日内", "实时公开" or "长期公开"',
};

/** The last day to publish, from the trigger date; null for "ongoing" (no deadline). */
export function dueDate(d: Deadline, trigger: string, cal: WorkCalendar): string | null {
  switch (d.kind) {
    case 'workdays': return cal.addWorkdays(trigger, d.n);
    case 'realtime': return cal.addWorkdays(trigger, 1);
    case 'days': {
      const t = new Date(trigger + 'T00:00:00Z');
      t.setUTCDate(t.getUTCDate() + d.n);
      return t.toISOString().slice(0, 10);
    }
    case 'ongoing': return null;
  }
}

export type RowState = 'fulfilled' | 'late' | 'pending' | 'overdue' | 'missing';
export interface RowStatus { state: RowState; due: string | null; published: string | null }

/**
 * A row's state on `today`, from its time limit, its trigger date (信息形成或者变更之日, when staff
 * entered one) and the publications of what it links to: `firstAfter` — the first publication on or
 * after the trigger (any, without a trigger), `last` — the latest.
 *   fulfilled — a linked publication is fresh: on or after the trigger (and within the limit)
 *   late      — fresh, but published after the due date
 *   pending   — nothing fresh yet; the due date is still ahead (or today)
 *   overdue   — nothing fresh and the due date has passed
 *   missing   — no trigger date and nothing published ("ongoing": nothing published, whatever the date)
 */
export function rowStatus(d: Deadline, trigger: string | null, pubs: { firstAfter: string | null; last: string | null }, today: string, cal: WorkCalendar): RowStatus {
  // 长期公开 has no clock: any publication of what the row links to keeps it fulfilled
  if (d.kind === 'ongoing') return { state: pubs.last ? 'fulfilled' : 'missing', due: null, published: pubs.last };
  const due = trigger ? dueDate(d, trigger, cal) : null;
  if (pubs.firstAfter) return { state: due && pubs.firstAfter > due ? 'late' : 'fulfilled', due, published: pubs.last };
  if (!trigger) return { state: 'missing', due: null, published: pubs.last };
  return { state: due && today > due ? 'overdue' : 'pending', due, published: pubs.last };
}

export const STATE_NAMES: Record<RowState, Msg> = {
  fulfilled: { zh: '已公开', en: 'Published' },
  late: { zh: '已公开（超时限）', en: 'Published late' },
  pending: { zh: '待公开（未到期）', en: 'Due, not yet overdue' },
  overdue: { zh: '逾期未公开', en: 'Overdue' },
  missing: { zh: '未公开', en: 'Nothing published' },
};

export interface Coverage { total: number; fulfilled: number; late: number; pending: number; overdue: number; missing: number }
export function coverageOf(states: RowState[]): Coverage {
  const c: Coverage = { total: states.length, fulfilled: 0, late: 0, pending: 0, overdue: 0, missing: 0 };
  for (const s of states) c[s]++;
  return c;
}
