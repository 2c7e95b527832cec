import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../core/render/page.tsx';
import { formatDateTime, tr, type Msg } from '../../core/render/i18n.ts';
import { M } from '../../core/render/messages.ts';
import { ROLES, ROLE_LABELS } from '../../core/auth/roles.ts';
import { AdminPage } from '../admin/layout.tsx';
import type { UnitRow } from '../units/repository.ts';

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
      <p class="hint">{T({ zh: '连续输错密码 5 次，账号将被锁定 15 分钟。', en: 'Five wrong passwords in a row lock the account for 15 minutes.' })}</p>
    </Shell>
  );
}

export interface UserListRow {
  id: number;
  username: string;
  display_name: string;
  unit_name: string;
  unit_path: string;
  disabled: boolean;
  last_login_at: Date | null;
  grants: { role: string; unit_name: string }[];
}

export function UserList(p: { c: ViewContext; users: UserListRow[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '用户与角色', en: 'Users & roles' });
  return (
    <AdminPage c={c} title={title} current="users">
      <h1>{title}</h1>
      {c.can('user.manage') ? <p class="toolbar"><a class="button" href="/admin/users/new">{T({ zh: '新建用户', en: 'New user' })}</a></p> : null}
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{T({ zh: '用户名', en: 'User name' })}</th>
              <th scope="col">{T({ zh: '姓名', en: 'Name' })}</th>
              <th scope="col">{T({ zh: '所属单位', en: 'Unit' })}</th>
              <th scope="col">{T({ zh: '角色（授权范围）', en: 'Roles (scope)' })}</th>
              <th scope="col">{T({ zh: '最近登录', en: 'Last sign-in' })}</th>
              <th scope="col">{T(M.actions)}</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u) => (
              <tr>
                <td>{u.username}{u.disabled ? <span class="badge">{T({ zh: '已停用', en: 'disabled' })}</span> : null}</td>
                <td>{u.display_name}</td>
                <td>{u.unit_name}</td>
                <td>{u.grants.map((g) => `${tr(c.l, ROLE_LABELS[g.role as keyof typeof ROLE_LABELS] ?? { zh: g.role, en: g.role })}（${g.unit_name}）`).join('；')}</td>
                <td>{formatDateTime(c.l, u.last_login_at)}</td>
                <td>{c.can('user.manage', u.unit_path) ? <a href={`/admin/users/${u.id}`}>{T(M.edit)}<span class="sr-only"> {u.username}</span></a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export const USER_LABELS: Record<string, Msg> = {
  username: { zh: '用户名', en: 'User name' },
  display_name: { zh: '姓名', en: 'Display name' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  password: { zh: '密码', en: 'Password' },
  unit_code: { zh: '所属单位', en: 'Unit' },
  roles: { zh: '角色', en: 'Roles' },
  disabled: { zh: '停用', en: 'Disabled' },
};

export function UserForm(p: {
  c: ViewContext;
  mode: 'create' | 'update';
  id?: number;
  values: { username?: string; display_name?: string; email?: string | null; unit_code?: string; disabled?: boolean; grants: string[] };
  units: UnitRow[];
  errors?: Record<string, Msg>;
}) {
  const { c, values: v, errors } = p;
  const T = t(c);
  const title = p.mode === 'create' ? T({ zh: '新建用户', en: 'New user' }) : `${T(M.edit)} · ${v.username}`;
  const labels = Object.fromEntries(Object.entries(USER_LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="users" crumbs={[{ href: '/admin/users', label: T({ zh: '用户与角色', en: 'Users & roles' }) }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={errors} labels={labels} />
      <form method="post" action={p.mode === 'create' ? '/admin/users' : `/admin/users/${p.id}`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {p.mode === 'create' ? <Field c={c} name="username" label={labels.username} value={v.username} errors={errors} required autocomplete="off" /> : null}
        <Field c={c} name="display_name" label={labels.display_name} value={v.display_name} errors={errors} required />
        <Field c={c} name="email" label={labels.email} value={v.email} type="email" errors={errors} />
        <Field c={c} name="password" label={labels.password} type="password" errors={errors} required={p.mode === 'create'} autocomplete="new-password"
          hint={T({ zh: '至少 10 位，包含大写字母、小写字母、数字、符号中的三类' + (p.mode === 'update' ? '；留空则不修改' : ''), en: 'At least 10 characters with three of: upper case, lower case, digits, symbols' + (p.mode === 'update' ? '; leave empty to keep' : '') })} />
        {p.mode === 'create' ? (
          <Field c={c} name="unit_code" label={labels.unit_code} errors={errors} required>
            <select id="f-unit_code" name="unit_code">
              {p.units.map((u) => <option value={u.code} selected={v.unit_code === u.code}>{'　'.repeat(u.depth)}{u.name}</option>)}
            </select>
          </Field>
        ) : null}
        <fieldset id="f-roles">
          <legend>{labels.roles}</legend>
          {errors?.roles ? <p class="error">{T(errors.roles)}</p> : null}
          <p class="hint">{T({ zh: '角色授予某一单位，并覆盖其全部下级单位。', en: 'A role is granted on a unit and covers all units below it.' })}</p>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
                  {ROLES.map((r) => <th scope="col">{T(ROLE_LABELS[r])}</th>)}
                </tr>
              </thead>
              <tbody>
                {p.units.map((u) => (
                  <tr>
                    <th scope="row">{'　'.repeat(u.depth)}{u.short_name}</th>
                    {ROLES.map((r) => {
                      const key = `${r}@${u.code}`;
                      return (
                        <td>
                          <input type="checkbox" name="grant" value={key} id={`g-${r}-${u.id}`} checked={v.grants.includes(key)} aria-label={`${u.short_name} · ${T(ROLE_LABELS[r])}`} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        {p.mode === 'update' ? (
          <div class="field">
            <label class="check"><input type="checkbox" name="disabled" value="1" checked={v.disabled} /> {labels.disabled}</label>
          </div>
        ) : null}
        <p><button type="submit">{T(M.save)}</button> <a class="button secondary" href="/admin/users">{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}
