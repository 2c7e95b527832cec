/** The console's user pages: the list, the create/edit form with the sign-in protection state. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, formatNumber, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { ROLES, ROLE_LABELS } from '../../../core/auth/roles.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow as UnitRow } from '../../units/repository.ts';
import type { ThrottleOverview } from '../store/login-attempts.ts';
import { THROTTLE } from '../domain/throttle.ts';
import { HistoryLink } from '../../audit/views/history-link.tsx';

export const PASSWORD_HINT: Msg = {
  zh: '至少 10 位，包含大写字母、小写字母、数字、符号中的三类，且不能是常见密码、键盘排列、重复或顺序字符，也不能含用户名或姓名',
  en: 'At least 10 characters with three of: upper case, lower case, digits, symbols; not a common password, keyboard pattern, repetition or sequence, and not containing the user name or name',
};

export interface UserListRow {
  id: number;
  username: string;
  display_name: string;
  unit_name: string;
  unit_path: string;
  disabled: boolean;
  last_login_at: Date | null;
  grants: { role: string; unit_name: string }[];
  /** the viewer may change this user (every grant within their reach) */
  manageable: boolean;
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
                <td>{u.manageable ? <a href={`/admin/users/${u.id}`}>{T(M.edit)}<span class="sr-only"> {u.username}</span></a> : null}</td>
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
  notice?: Msg;
  /** update mode: the account's sign-in protection state */
  throttle?: ThrottleOverview;
}) {
  const { c, values: v, errors } = p;
  const T = t(c);
  const title = p.mode === 'create' ? T({ zh: '新建用户', en: 'New user' }) : `${T(M.edit)} · ${v.username}`;
  const labels = Object.fromEntries(Object.entries(USER_LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="users" crumbs={[{ href: '/admin/users', label: T({ zh: '用户与角色', en: 'Users & roles' }) }, { label: title }]}>
      <h1>{title}</h1>
      {p.notice ? <div class="notice" role="status"><p>{T(p.notice)}</p></div> : null}
      {p.id && c.can('audit.view') ? <p class="toolbar"><HistoryLink c={c} type="user" id={p.id} /></p> : null}
      <ErrorSummary c={c} errors={errors} labels={labels} />
      <form method="post" action={p.mode === 'create' ? '/admin/users' : `/admin/users/${p.id}`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {p.mode === 'create' ? <Field c={c} name="username" label={labels.username} value={v.username} errors={errors} required autocomplete="off" /> : null}
        <Field c={c} name="display_name" label={labels.display_name} value={v.display_name} errors={errors} required />
        <Field c={c} name="email" label={labels.email} value={v.email} type="email" errors={errors} />
        <Field c={c} name="password" label={labels.password} type="password" errors={errors} required={p.mode === 'create'} autocomplete="new-password"
          hint={T(PASSWORD_HINT) + (p.mode === 'update' ? T({ zh: '。留空则不修改；修改后该用户的所有登录将退出，其全部接口令牌将被撤销', en: '. Leave empty to keep it; a new password signs the user out everywhere and revokes all their API tokens' }) : '')} />
        {p.mode === 'create' ? (
          <Field c={c} name="unit_code" label={labels.unit_code} errors={errors} required>
            <select id="f-unit_code" name="unit_code">
              {p.units.map((u) => <option value={u.code} selected={v.unit_code === u.code}>{'　'.repeat(u.level)}{u.name}</option>)}
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
                    <th scope="row">{'　'.repeat(u.level)}{u.short_name}</th>
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
      {p.mode === 'update' && p.throttle ? <SignInProtection c={c} id={p.id!} o={p.throttle} /> : null}
    </AdminPage>
  );
}

/** The account's sign-in throttling (domain/throttle.ts) and the 解锁 action. */
function SignInProtection(p: { c: ViewContext; id: number; o: ThrottleOverview }) {
  const { c, o } = p;
  const T = t(c);
  const slowed = o.accountFailures >= THROTTLE.accountCeiling;
  return (
    <section aria-labelledby="h-signin" class="card">
      <h2 id="h-signin">{T({ zh: '登录保护', en: 'Sign-in protection' })}</h2>
      {!o.active ? <p>{T({ zh: '没有待计的登录失败，该账号可正常登录。', en: 'No sign-in failures are counted; the account signs in normally.' })}</p> : (
        <>
          <p>{T({ zh: '近 1 小时内该账号登录失败 {n} 次。', en: '{n} failed sign-ins on this account in the last hour.' }, { n: formatNumber(c.l, o.accountFailures) })}
            {slowed ? T({ zh: '已超过 {m} 次，每次登录都会延迟 {s} 秒应答（正确密码仍可登录）。', en: ' Over {m}: every sign-in is answered {s} seconds later (the right password still works).' }, { m: String(THROTTLE.accountCeiling), s: String(THROTTLE.accountSlowMs / 1000) }) : ''}</p>
          <div class="table-scroll">
            <table class="data">
              <caption>{T({ zh: '输错密码的地址（24 小时内）', en: 'Addresses with wrong passwords (last 24 hours)' })}</caption>
              <thead><tr>
                <th scope="col">{T({ zh: '地址', en: 'Address' })}</th>
                <th scope="col">{T({ zh: '连续失败次数', en: 'Failures in a row' })}</th>
                <th scope="col">{T({ zh: '最近一次', en: 'Last' })}</th>
                <th scope="col">{T({ zh: '状态', en: 'State' })}</th>
              </tr></thead>
              <tbody>
                {o.addresses.map((a) => (
                  <tr>
                    <td><code>{a.ip || '—'}</code></td>
                    <td>{formatNumber(c.l, a.failures)}</td>
                    <td>{formatDateTime(c.l, a.lastFailureAt)}</td>
                    <td>{a.waitSeconds > 0 ? <span class="badge amber">{T({ zh: '需等待 {s} 秒', en: 'waits {s} s' }, { s: String(a.waitSeconds) })}</span> : T({ zh: '可再试', en: 'may try' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action={`/admin/users/${p.id}/unlock`}>
            <input type="hidden" name="_csrf" value={c.csrf} />
            <p class="hint">{T({ zh: '解锁后，以上失败记录不再计入，所有地址可立即再试。', en: 'Unlocking stops counting these failures: every address may try again at once.' })}</p>
            <p><button type="submit">{T({ zh: '解锁', en: 'Unlock' })}</button></p>
          </form>
        </>
      )}
    </section>
  );
}
