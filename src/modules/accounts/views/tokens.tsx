/**
 * Console pages for API tokens (接口令牌, commands/tokens.ts): the list of one user's tokens with the
 * creation form (own tokens only), the page that shows a new token once, the revocation
 * confirmation, and — for unit administrators — the users in their scope who hold tokens.
 * Only the prefix of a stored token is ever shown; the token itself exists on one response.
 */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, formatNumber, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';

export const TOKENS_NAV = 'tokens';
export const TOKENS_TITLE: Msg = { zh: '接口令牌', en: 'API tokens' };

export interface TokenRow {
  id: number;
  name: string;
  token_prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

export interface TokenOwner {
  id: number;
  username: string;
  display_name: string;
  unit_name: string;
}

export interface ScopeUserRow extends TokenOwner {
  active: number;
  total: number;
}

export const TOKEN_LABELS: Record<string, Msg> = {
  name: { zh: '令牌名称', en: 'Token name' },
  expiresInDays: { zh: '有效期（天）', en: 'Valid for (days)' },
};

const tokensHref = (owner: TokenOwner | null) => (owner ? `/admin/tokens?user=${owner.id}` : '/admin/tokens');

function crumbs(c: ViewContext, owner: TokenOwner | null, last?: string) {
  const T = t(c);
  const list = { href: '/admin/tokens', label: T(TOKENS_TITLE) };
  const mid = owner ? [{ href: tokensHref(owner), label: T({ zh: '{n}的令牌', en: 'Tokens of {n}' }, { n: owner.display_name }) }] : [];
  return last ? [list, ...mid, { label: last }] : owner ? [list, { label: mid[0].label }] : undefined;
}

function tokenState(c: ViewContext, r: TokenRow, now: number) {
  const T = t(c);
  if (r.revoked_at) return <span class="badge red">{T({ zh: '已撤销', en: 'Revoked' })}</span>;
  if (r.expires_at && new Date(r.expires_at).getTime() < now) return <span class="badge amber">{T({ zh: '已过期', en: 'Expired' })}</span>;
  return <span class="badge green">{T({ zh: '有效', en: 'Active' })}</span>;
}

export const usable = (r: TokenRow, now = Date.now()) => !r.revoked_at && !(r.expires_at && new Date(r.expires_at).getTime() < now);

function TokenTable(p: { c: ViewContext; rows: TokenRow[]; caption: string }) {
  const { c } = p;
  const T = t(c);
  const now = Date.now();
  return (
    <div class="table-scroll">
      <table class="data">
        <caption class="sr-only">{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{T({ zh: '名称', en: 'Name' })}</th>
            <th scope="col">{T({ zh: '令牌前缀', en: 'Prefix' })}</th>
            <th scope="col">{T({ zh: '创建时间', en: 'Created' })}</th>
            <th scope="col">{T({ zh: '最近使用', en: 'Last used' })}</th>
            <th scope="col">{T({ zh: '有效期至', en: 'Expires' })}</th>
            <th scope="col">{T({ zh: '状态', en: 'Status' })}</th>
            <th scope="col">{T(M.actions)}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.length ? p.rows.map((r) => (
            <tr>
              <td>{r.name}</td>
              <td><code>{r.token_prefix}…</code></td>
              <td>{formatDateTime(c.l, r.created_at)}</td>
              <td>{r.last_used_at ? formatDateTime(c.l, r.last_used_at) : T({ zh: '从未使用', en: 'Never' })}</td>
              <td>{r.expires_at ? formatDateTime(c.l, r.expires_at) : T({ zh: '长期有效', en: 'No expiry' })}</td>
              <td>{tokenState(c, r, now)}{r.revoked_at ? <> {formatDateTime(c.l, r.revoked_at)}</> : null}</td>
              <td>{!r.revoked_at ? <a href={`/admin/tokens/${r.id}/revoke`}>{T({ zh: '撤销', en: 'Revoke' })}<span class="sr-only"> {r.name}</span></a> : ''}</td>
            </tr>
          )) : <tr><td colSpan={7}>{T({ zh: '暂无令牌。', en: 'No tokens.' })}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

export interface TokensPageProps {
  c: ViewContext;
  /** whose tokens; null = the signed-in user's own */
  owner: TokenOwner | null;
  rows: TokenRow[];
  values?: Record<string, string>;
  errors?: Record<string, Msg>;
  notice?: Msg;
  /** unit administrators: users in their scope holding tokens */
  scopeUsers?: ScopeUserRow[];
}

export function TokensPage(p: TokensPageProps) {
  const { c, owner } = p;
  const T = t(c);
  const title = owner ? T({ zh: '{n}（{u}）的接口令牌', en: 'API tokens of {n} ({u})' }, { n: owner.display_name, u: owner.username }) : T(TOKENS_TITLE);
  const v = p.values ?? {};
  const labels = Object.fromEntries(Object.entries(TOKEN_LABELS).map(([k, m]) => [k, T(m)]));
  const err = (k: string) => p.errors?.[k];
  const desc = (k: string) => [`f-${k}-hint`, err(k) ? `f-${k}-err` : ''].filter(Boolean).join(' ');
  return (
    <AdminPage c={c} title={title} current={TOKENS_NAV} crumbs={crumbs(c, owner)}>
      <h1>{title}</h1>
      {p.notice ? <div class="notice" role="status"><p>{T(p.notice)}</p></div> : null}
      <p class="hint">
        {owner
          ? T({ zh: '用户：{n}，所属单位：{u}。您可以撤销该用户的令牌；令牌只能由用户本人创建。', en: 'User: {n}, unit: {u}. You may revoke this user’s tokens; only the user can create them.' }, { n: owner.display_name, u: owner.unit_name })
          : T({ zh: '接口令牌用于程序调用开放接口的写入功能（请求头 Authorization: Bearer 令牌），以您的身份和您当前的角色权限执行操作。令牌只在创建时显示一次，系统仅保存其摘要；不再使用或可能泄露的令牌请立即撤销。', en: 'API tokens let programs use the write endpoints of the Open API (header Authorization: Bearer <token>), acting as you with your current roles. A token is shown once, when created; only its hash is kept. Revoke any token you no longer use or that may have leaked.' })}
      </p>
      <section aria-labelledby="h-token-list">
        <h2 id="h-token-list">{owner ? T({ zh: '令牌列表', en: 'Tokens' }) : T({ zh: '我的令牌', en: 'My tokens' })}</h2>
        <TokenTable c={c} rows={p.rows} caption={title} />
      </section>
      {!owner ? (
        <section aria-labelledby="h-token-new" class="card">
          <h2 id="h-token-new">{T({ zh: '创建令牌', en: 'Create a token' })}</h2>
          <form method="post" action="/admin/tokens" novalidate>
            <ErrorSummary c={c} errors={p.errors} labels={labels} />
            <input type="hidden" name="_csrf" value={c.csrf} />
            <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
            <Field c={c} name="name" label={labels.name} required errors={p.errors} hint={T({ zh: '说明令牌的用途，如“财政局信息报送系统”，最多60字', en: 'What the token is for, e.g. “budget reporting system”; at most 60 characters' })}>
              <input id="f-name" name="name" type="text" value={v.name ?? ''} required maxLength={60} autoComplete="off" aria-invalid={err('name') ? 'true' : undefined} aria-describedby={desc('name')} />
            </Field>
            <Field c={c} name="expiresInDays" label={labels.expiresInDays} errors={p.errors} hint={T({ zh: '选填，1至3650天；不填写则长期有效，直至撤销', en: 'Optional, 1 to 3650 days; leave empty for a token that lasts until revoked' })}>
              <input id="f-expiresInDays" name="expiresInDays" type="number" inputMode="numeric" min={1} max={3650} step={1} value={v.expiresInDays ?? ''} aria-invalid={err('expiresInDays') ? 'true' : undefined} aria-describedby={desc('expiresInDays')} />
            </Field>
            <p><button type="submit">{T({ zh: '创建令牌', en: 'Create token' })}</button></p>
          </form>
        </section>
      ) : <p><a href="/admin/tokens">{T({ zh: '返回我的令牌', en: 'Back to my tokens' })}</a></p>}
      {p.scopeUsers ? (
        <section aria-labelledby="h-token-scope">
          <h2 id="h-token-scope">{T({ zh: '管辖范围内用户的令牌', en: 'Tokens of users in your scope' })}</h2>
          <p class="hint">{T({ zh: '单位管理员可查看并撤销本单位及下级单位用户的令牌；用户在管辖范围以外还有角色的，由能管理其全部角色的管理员处理。', en: 'Unit administrators may see and revoke the tokens of users in their units; a user who also holds a role beyond your scope is managed by an administrator whose scope covers all their roles.' })}</p>
          <div class="table-scroll">
            <table class="data">
              <caption class="sr-only">{T({ zh: '管辖范围内用户的令牌', en: 'Tokens of users in your scope' })}</caption>
              <thead><tr>
                <th scope="col">{T({ zh: '用户', en: 'User' })}</th>
                <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
                <th scope="col">{T({ zh: '有效令牌', en: 'Active' })}</th>
                <th scope="col">{T({ zh: '全部令牌', en: 'All' })}</th>
              </tr></thead>
              <tbody>
                {p.scopeUsers.length ? p.scopeUsers.map((u) => (
                  <tr>
                    <td><a href={tokensHref(u)}>{u.display_name}（{u.username}）</a></td>
                    <td>{u.unit_name}</td>
                    <td>{formatNumber(c.l, u.active)}</td>
                    <td>{formatNumber(c.l, u.total)}</td>
                  </tr>
                )) : <tr><td colSpan={4}>{T({ zh: '管辖范围内的其他用户没有令牌。', en: 'No other user in your scope holds a token.' })}</td></tr>}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </AdminPage>
  );
}

/** The only page that ever holds the token: served with Cache-Control: no-store. */
export function TokenCreatedPage(p: { c: ViewContext; name: string; token: string; expiresAt: Date | null }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '令牌已创建', en: 'Token created' });
  return (
    <AdminPage c={c} title={title} current={TOKENS_NAV} crumbs={crumbs(c, null, title)}>
      <h1>{title}</h1>
      <div class="warn" role="alert">
        <p><strong>{T({ zh: '请立即复制并妥善保存此令牌。', en: 'Copy this token now and keep it safe.' })}</strong></p>
        <p>{T({ zh: '令牌只显示这一次，离开或刷新本页后将无法再次查看；系统不保存令牌原文。如果遗失，请撤销后重新创建。请勿通过聊天工具、邮件等方式明文传送。', en: 'It is shown only this once: after you leave or reload this page it cannot be seen again, as the system does not keep it. If you lose it, revoke it and create a new one. Do not send it in clear text by chat or e-mail.' })}</p>
      </div>
      <dl class="meta-box summary-list">
        <dt>{T(TOKEN_LABELS.name)}</dt><dd>{p.name}</dd>
        <dt>{T({ zh: '有效期至', en: 'Expires' })}</dt><dd>{p.expiresAt ? formatDateTime(c.l, p.expiresAt) : T({ zh: '长期有效（直至撤销）', en: 'No expiry (until revoked)' })}</dd>
      </dl>
      <div class="field">
        <label for="f-token">{T({ zh: '令牌', en: 'Token' })}</label>
        <p class="hint" id="f-token-hint">{T({ zh: '调用接口时放在请求头中：Authorization: Bearer 令牌', en: 'Send it in the request header: Authorization: Bearer <token>' })}</p>
        <input id="f-token" type="text" readOnly value={p.token} autoComplete="off" spellcheck={false} aria-describedby="f-token-hint" class="token-value" />
      </div>
      <p><a href="/admin/tokens">{T({ zh: '我已保存，返回令牌列表', en: 'I have saved it: back to my tokens' })}</a></p>
    </AdminPage>
  );
}

export function RevokeTokenPage(p: { c: ViewContext; token: TokenRow; owner: TokenOwner | null }) {
  const { c, token: r } = p;
  const T = t(c);
  const title = T({ zh: '撤销令牌', en: 'Revoke token' });
  const back = tokensHref(p.owner);
  return (
    <AdminPage c={c} title={title} current={TOKENS_NAV} crumbs={crumbs(c, p.owner, title)}>
      <h1>{title}</h1>
      <dl class="meta-box summary-list">
        <dt>{T(TOKEN_LABELS.name)}</dt><dd>{r.name}</dd>
        <dt>{T({ zh: '令牌前缀', en: 'Prefix' })}</dt><dd><code>{r.token_prefix}…</code></dd>
        {p.owner ? <><dt>{T({ zh: '用户', en: 'User' })}</dt><dd>{p.owner.display_name}（{p.owner.username}），{p.owner.unit_name}</dd></> : null}
        <dt>{T({ zh: '最近使用', en: 'Last used' })}</dt><dd>{r.last_used_at ? formatDateTime(c.l, r.last_used_at) : T({ zh: '从未使用', en: 'Never' })}</dd>
      </dl>
      {r.revoked_at ? (
        <>
          <p role="status">{T({ zh: '该令牌已于 {d} 撤销。', en: 'This token was revoked on {d}.' }, { d: formatDateTime(c.l, r.revoked_at) })}</p>
          <p><a href={back}>{T(M.back)}</a></p>
        </>
      ) : (
        <form method="post" action={`/admin/tokens/${r.id}/revoke`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <p class="warn">{T({ zh: '确定要撤销令牌“{n}”吗？撤销后，使用该令牌的程序将立即无法调用接口。此操作不可恢复。', en: 'Revoke the token “{n}”? Programs using it will be refused at once. This cannot be undone.' }, { n: r.name })}</p>
          <p class="toolbar">
            <button type="submit">{T({ zh: '确认撤销', en: 'Yes, revoke it' })}</button>
            <a href={back}>{T(M.cancel)}</a>
          </p>
        </form>
      )}
    </AdminPage>
  );
}
