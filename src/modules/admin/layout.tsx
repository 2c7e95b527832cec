/** The admin console's shell: the navigation shows only what the signed-in user may use. */
import type { ComponentChildren } from 'preact';
import { Shell, t, type ViewContext } from '../../core/render/page.tsx';
import type { Msg } from '../../core/render/i18n.ts';

export interface AdminNavItem {
  key: string;
  href: string;
  label: Msg;
  action: string; // shown when the user may do this somewhere
  order: number;
}

/** Modules add their entries (documents, requests, reports …). */
export const ADMIN_NAV: AdminNavItem[] = [
  { key: 'dashboard', href: '/admin', label: { zh: '工作台', en: 'Dashboard' }, action: 'admin.enter', order: 0 },
  { key: 'units', href: '/admin/units', label: { zh: '单位与备案', en: 'Units & registry' }, action: 'unit.view', order: 80 },
  { key: 'users', href: '/admin/users', label: { zh: '用户与角色', en: 'Users & roles' }, action: 'user.view', order: 85 },
  { key: 'audit', href: '/admin/audit', label: { zh: '审计日志', en: 'Audit log' }, action: 'audit.view', order: 90 },
];

export function AdminPage(p: { c: ViewContext; title: string; current: string; children: ComponentChildren; crumbs?: { href?: string; label: string }[] }) {
  const T = t(p.c);
  const nav = (
    <nav class="adminnav" aria-label={T({ zh: '管理导航', en: 'Admin navigation' })}>
      <ul>
        {[...ADMIN_NAV].sort((a, b) => a.order - b.order).filter((i) => p.c.can(i.action)).map((i) => (
          <li><a href={i.href} aria-current={p.current === i.key ? 'page' : undefined}>{T(i.label)}</a></li>
        ))}
      </ul>
    </nav>
  );
  return (
    <Shell c={p.c} title={p.title} area="admin" nav={p.c.actor ? nav : undefined} meta={{ columnName: p.title, columnType: '管理' }} breadcrumbs={p.crumbs}>
      {p.children}
    </Shell>
  );
}
