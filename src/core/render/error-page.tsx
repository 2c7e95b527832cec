import { Shell, t, type ViewContext } from './page.tsx';
import { M } from './messages.ts';
import type { Msg } from './i18n.ts';

export function ErrorPage(p: { c: ViewContext; status: number; message: string; fields?: Record<string, Msg> }) {
  const T = t(p.c);
  const title = p.status >= 500 ? T({ zh: '服务暂时不可用', en: 'Service unavailable' }) : p.status === 404 ? T({ zh: '页面未找到', en: 'Page not found' }) : T({ zh: '无法完成请求', en: 'Request not completed' });
  return (
    <Shell c={p.c} title={title} meta={{ columnName: title }} area={p.c.path.startsWith('/admin') ? 'admin' : 'portal'}>
      <h1>{title}</h1>
      <p role="alert">{p.message}</p>
      {p.fields ? (
        <ul>
          {Object.entries(p.fields).map(([k, m]) => (
            <li><code>{k}</code>：{T(m)}</li>
          ))}
        </ul>
      ) : null}
      <p><a href="/">{T(M.home)}</a></p>
      <p class="hint">{T({ zh: '错误代码', en: 'Status' })}：{p.status}</p>
    </Shell>
  );
}
