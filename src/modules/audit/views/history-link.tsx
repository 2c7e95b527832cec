/**
 * "操作记录" — the link from a document, request case, user or unit page to its history in the
 * audit log, shown to those who may audit that unit (rule `audit.view`).
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';

export type HistoryType = 'document' | 'request_case' | 'user' | 'unit';

export const historyHref = (type: HistoryType, id: number | string) => `/admin/audit/history/${type}/${id}`;

export function HistoryLink(p: { c: ViewContext; type: HistoryType; id: number; unitPath?: string | null }) {
  if (!p.c.can('audit.view', p.unitPath ?? null)) return null;
  return <a href={historyHref(p.type, p.id)}>{t(p.c)({ zh: '操作记录', en: 'Activity history' })}</a>;
}
