/** Pieces the catalog pages share: names of options in the page's language, the state badge. */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { tr } from '../../../core/render/i18n.ts';
import { SETS, SETS_EN, type SetField } from '../domain/rules.ts';
import { STATE_NAMES, type RowState } from '../domain/timeliness.ts';

export const catalogsUrl = (slug: string, o: { area?: string; year?: number } = {}) => {
  const q = [o.area ? `area=${o.area}` : '', o.year ? `year=${o.year}` : ''].filter(Boolean).join('&');
  return `/u/${slug}/catalogs${q ? `?${q}` : ''}`;
};

export function optionName(c: ViewContext, field: SetField, key: string): string {
  return c.l === 'en' ? (SETS_EN[field] as Record<string, string>)[key] ?? key : (SETS[field] as Record<string, string>)[key] ?? key;
}
export const optionList = (c: ViewContext, field: SetField, keys: readonly string[]) => keys.map((k) => optionName(c, field, k)).join(c.l === 'en' ? ', ' : '、');

const BADGE: Record<RowState, string> = { fulfilled: 'badge green', late: 'badge amber', pending: 'badge amber', overdue: 'badge red', missing: 'badge red' };
export function StateBadge(p: { c: ViewContext; state: RowState }) {
  return <span class={BADGE[p.state]}>{tr(p.c.l, STATE_NAMES[p.state])}</span>;
}

export function StatusBadge(p: { c: ViewContext; s: string }) {
  const T = t(p.c);
  const m = p.s === 'published' ? { zh: '已发布', en: 'published' } : p.s === 'submitted' ? { zh: '待审核', en: 'submitted' } : { zh: '草稿', en: 'draft' };
  return <span class={p.s === 'published' ? 'badge green' : 'badge amber'}>{T(m)}</span>;
}
