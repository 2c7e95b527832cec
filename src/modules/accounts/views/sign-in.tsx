/** The sign-in page and the signed-in user's own account page (password change). */
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { ROLE_LABELS } from '../../../core/auth/roles.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { PASSWORD_HINT } from './users.tsx';

export function LoginPage(p: { c: ViewContext; next?: string; error?: string; username?: string }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '登录管理后台', en: 'Sign in to the admin console' });
  return (
    <Shell c={c} title={title} area="admin" meta={{ columnName: title, columnType: '登录' }}>
      <h1>{title}</h1>
      {p.error ? <div class="error-summary" role="alert"><p>{p.error}</p></div> : null}
      <form method="post" action="/admin/login" class="login">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <input type="hidden" name="next" value={p.next ?? '/admin'} />
        <Field c={c} name="username" label={T({ zh: '用户名', en: 'User name' })} value={p.username} required autocomplete="username" />
        <Field c={c} name="password" label={T({ zh: '密码', en: 'Password' })} type="password" required autocomplete="current-password" />
        <p><button type="submit">{T(M.login)}</button></p>
      </form>
      <p class="hint">{T({ zh: '从同一地址多次输错密码后，需等待一段时间才能再试，等待时间逐次加倍；账号不会因此被锁定。', en: 'After several wrong passwords from one address you must wait before trying again, twice as long each time; the account itself is never locked.' })}</p>
    </Shell>
  );
}

export const ACCOUNT_TITLE: Msg = { zh: '我的账号', en: 'My account' };

export const ACCOUNT_LABELS: Record<string, Msg> = {
  current: { zh: '当前密码', en: 'Current password' },
  password: { zh: '新密码', en: 'New password' },
  confirm: { zh: '再次输入新密码', en: 'New password again' },
};

export function AccountPage(p: {
  c: ViewContext;
  user: { username: string; display_name: string; unit_name: string; grants: { role: string; unit_name: string }[] };
  errors?: Record<string, Msg>;
  notice?: Msg;
}) {
  const { c, user } = p;
  const T = t(c);
  const title = T(ACCOUNT_TITLE);
  const labels = Object.fromEntries(Object.entries(ACCOUNT_LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="account">
      <h1>{title}</h1>
      {p.notice ? <div class="notice" role="status"><p>{T(p.notice)}</p></div> : null}
      <dl class="meta-box summary-list">
        <dt>{T({ zh: '用户名', en: 'User name' })}</dt><dd>{user.username}</dd>
        <dt>{T({ zh: '姓名', en: 'Name' })}</dt><dd>{user.display_name}</dd>
        <dt>{T({ zh: '所属单位', en: 'Unit' })}</dt><dd>{user.unit_name}</dd>
        <dt>{T({ zh: '角色（授权范围）', en: 'Roles (scope)' })}</dt>
        <dd>{user.grants.map((g) => `${tr(c.l, ROLE_LABELS[g.role as keyof typeof ROLE_LABELS] ?? { zh: g.role, en: g.role })}（${g.unit_name}）`).join('；')}</dd>
      </dl>
      <section aria-labelledby="h-password" class="card">
        <h2 id="h-password">{T({ zh: '修改密码', en: 'Change password' })}</h2>
        <p class="hint">{T({ zh: '修改密码后，您在其他浏览器和设备上的登录将全部退出（当前登录保留），您的全部接口令牌将被撤销，需要的请重新创建。', en: 'Changing your password signs you out everywhere else (this session stays) and revokes all your API tokens; create new ones where you need them.' })}</p>
        <form method="post" action="/admin/account/password" novalidate>
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          <input type="hidden" name="_csrf" value={c.csrf} />
          <Field c={c} name="current" label={labels.current} type="password" errors={p.errors} required autocomplete="current-password" />
          <Field c={c} name="password" label={labels.password} type="password" errors={p.errors} required autocomplete="new-password" hint={T(PASSWORD_HINT)} />
          <Field c={c} name="confirm" label={labels.confirm} type="password" errors={p.errors} required autocomplete="new-password" />
          <p><button type="submit">{T({ zh: '修改密码', en: 'Change password' })}</button></p>
        </form>
      </section>
      <p><a href="/admin/tokens">{T({ zh: '我的接口令牌', en: 'My API tokens' })}</a></p>
    </AdminPage>
  );
}
