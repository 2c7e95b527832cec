import type { ViewContext } from '../../core/render/page.tsx';
import { t } from '../../core/render/page.tsx';
import { M } from '../../core/render/messages.ts';
import type { Unit } from '../units/repository.ts';

/** The portal's main navigation for a unit's site (or the city when no unit is given). */
export function PortalNav(p: { c: ViewContext; unit?: Unit; current?: 'home' | 'xxgk' | 'apply' | 'consult' | 'messages' | 'search' }) {
  const T = t(p.c);
  const base = p.unit ? `/u/${p.unit.slug}` : '';
  const items: [string, string, string][] = [
    ['home', p.unit ? `${base}/` : '/', T(M.home)],
    ['xxgk', p.unit ? `${base}/xxgk/` : '/xxgk/', T(M.disclosure)],
    ['apply', p.unit ? `${base}/xxgk/ysqgk` : '/apply', T(M.apply)],
    ['consult', `${base}/consultations`, T({ zh: '意见征集', en: 'Consultations' })],
    ['messages', `${base}/messages`, T({ zh: '留言咨询', en: 'Ask us' })],
    ['search', p.unit ? `/search?unit=${p.unit.slug}` : '/search', T(M.search)],
  ];
  return (
    <nav class="mainnav" aria-label={T(M.mainNav)}>
      <ul>
        {items.map(([k, href, label]) => (
          <li><a href={href} aria-current={p.current === k ? 'page' : undefined}>{label}</a></li>
        ))}
      </ul>
    </nav>
  );
}
