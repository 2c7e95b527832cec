/**
 * The audit list's query string, checked: unit (+ subtree), user, action kind or code, hide
 * sign-ins, date range (Shanghai calendar days), keyset paging. Bad values come back as messages
 * per field (the page answers 400 and shows them next to the fields); nothing is guessed.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { KINDS, type KindKey } from './catalogue.ts';
import { parseDate } from '../../../core/http/input-guard.ts';

export interface FilterQuery {
  unit?: string;
  sub?: string;
  user?: string;
  action?: string;
  nologin?: string;
  from?: string;
  to?: string;
  before?: string;
  after?: string;
}

export interface ParsedFilter {
  unitId?: number;
  sub: boolean;
  actor?: number | 'system';
  kind?: KindKey;
  action?: string;
  hideSignins: boolean;
  from?: string;
  to?: string;
  before?: number;
  after?: number;
}

const ID = /^[1-9]\d{0,14}$/;
const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A date that exists, years 1000–9999: 0000-01-01 is a JavaScript date but not a PostgreSQL one (issue #10 item 7). */
const isDay = (s: string): boolean => parseDate(s) !== null;

export function parseFilter(q: FilterQuery): { filter: ParsedFilter; errors: Record<string, Msg> } {
  const errors: Record<string, Msg> = {};
  const f: ParsedFilter = { sub: q.sub !== '0', hideSignins: q.nologin === '1' };
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const unit = str(q.unit);
  if (unit) {
    if (ID.test(unit)) f.unitId = Number(unit);
    else errors.unit = { zh: '请选择列表中的单位', en: 'Choose a unit from the list' };
  }
  const user = str(q.user);
  if (user === 'system') f.actor = 'system';
  else if (user) {
    if (ID.test(user)) f.actor = Number(user);
    else errors.user = { zh: '请选择列表中的用户', en: 'Choose a user from the list' };
  }
  const action = str(q.action);
  if (action.startsWith('kind:')) {
    const k = KINDS.find((x) => x.key === action.slice(5));
    if (k) f.kind = k.key;
    else errors.action = { zh: '没有这一类操作', en: 'No such kind of action' };
  } else if (action) {
    if (CODE.test(action) && action.length <= 80) f.action = action;
    else errors.action = { zh: '操作代码格式不正确', en: 'Not an action code' };
  }
  for (const k of ['from', 'to'] as const) {
    const v = str(q[k]);
    if (!v) continue;
    if (isDay(v)) f[k] = v;
    else errors[k] = { zh: '日期应为“年-月-日”，如 2024-03-01', en: 'Use a date as YYYY-MM-DD, e.g. 2024-03-01' };
  }
  if (f.from && f.to && f.from > f.to) errors.to = { zh: '结束日期不能早于开始日期', en: 'The end date is before the start date' };
  for (const k of ['before', 'after'] as const) {
    const v = str(q[k]);
    if (!v) continue;
    if (ID.test(v)) f[k] = Number(v);
    else errors[k] = { zh: '页码参数不正确', en: 'Invalid paging parameter' };
  }
  return { filter: f, errors };
}

/** The query string of a filter (for paging and export links), without empty values. */
export function filterQuery(f: ParsedFilter, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  if (f.unitId) p.set('unit', String(f.unitId));
  if (f.unitId && !f.sub) p.set('sub', '0');
  if (f.actor !== undefined) p.set('user', String(f.actor));
  if (f.kind) p.set('action', `kind:${f.kind}`);
  else if (f.action) p.set('action', f.action);
  if (f.hideSignins) p.set('nologin', '1');
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
