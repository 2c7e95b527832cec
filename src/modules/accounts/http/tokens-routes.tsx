/**
 * /admin/tokens: a console user's API tokens (commands/tokens.ts). Everyone with a console role
 * manages their own (rule apitoken.own): list, create — the token is on that one response, never
 * cached — and revoke after a confirmation page. An administrator who may change a user
 * (domain/manage.ts: user.manage over the user's unit and every grant) also sees that user's tokens
 * and may revoke them (`?user=ID`); tokens are created only by their own user, since a token acts
 * as that user.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { can } from '../../../core/auth/policy.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import '../domain/policy.ts';
import { canManageUser } from '../domain/manage.ts';
import { manageableBy, userRecord } from '../store/users.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../commands/tokens.ts';
import { RevokeTokenPage, TokenCreatedPage, TokensPage, TOKENS_TITLE, type ScopeUserRow, type TokenOwner, type TokenRow } from '../views/tokens.tsx';
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import { parseId } from '../../../core/http/input-guard.ts';

ADMIN_NAV.push({ key: 'tokens', href: '/admin/tokens', label: TOKENS_TITLE, action: 'apitoken.own', order: 88 });

const USER: Msg = { zh: '用户', en: 'user' };
const TOKEN: Msg = { zh: '令牌', en: 'token' };
const idOf = (s: unknown) => parseId(s) ?? 0; // a positive 32-bit integer (2147483648 is nobody's id: issue #10 item 7)

/** Pages with tokens (or their prefixes) are never stored by a browser or proxy. */
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);

/** The form's 有效期: empty → none; digits → a number; anything else → NaN (the command refuses it). */
export function daysOf(v: string | undefined): number | null {
  const s = (v ?? '').trim();
  if (!s) return null;
  return /^\d{1,5}$/.test(s) ? Number(s) : Number.NaN;
}

export default async function tokensAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  /** Another user whose tokens the actor may manage; 404 (existence not revealed) otherwise. */
  async function managedOwner(req: FastifyRequest, userId: number): Promise<TokenOwner> {
    const u = userId ? await userRecord(db, userId) : undefined;
    if (!u || !canManageUser(req.actor, u)) throw notFound(USER);
    return { id: u.id, username: u.username, display_name: u.display_name, unit_name: u.unit_name };
  }

  /** Users the actor may change (other than the actor) who hold tokens. */
  async function scopeUsers(req: FastifyRequest): Promise<ScopeUserRow[] | undefined> {
    if (!can(req.actor, 'user.manage')) return undefined;
    const rows = await db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id').innerJoin('units as n', 'n.id', 'u.unit_id')
      .select(['u.id', 'u.username', 'u.display_name', 'n.name as unit_name', 'n.path'])
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        sql<string>`sum(case when t.revoked_at is null and (t.expires_at is null or t.expires_at > now()) then 1 else 0 end)`.as('active'),
      ])
      .where(manageableBy(req.actor)).where('u.id', '!=', req.actor!.userId)
      .groupBy(['u.id', 'u.username', 'u.display_name', 'n.name', 'n.path'])
      .orderBy('n.path').orderBy('u.username').limit(500).execute();
    return rows.map((r) => ({ id: r.id, username: r.username, display_name: r.display_name, unit_name: r.unit_name, total: Number(r.total), active: Number(r.active ?? 0) }));
  }

  async function listPage(req: FastifyRequest, reply: FastifyReply, o: { owner?: TokenOwner | null; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; status?: number } = {}) {
    const owner = o.owner ?? null;
    const rows = await listApiTokens(db, owner ? owner.id : req.actor!.userId);
    const c = viewContext(req, reply);
    return html(reply, renderHtml(TokensPage({ c, owner, rows, values: o.values, errors: o.errors, notice: o.notice, scopeUsers: owner ? undefined : await scopeUsers(req) })), o.status);
  }

  /** A token the actor may manage (own, or its user within the actor's user.manage scope). */
  async function loadToken(req: FastifyRequest, tokenId: number): Promise<{ token: TokenRow; owner: TokenOwner | null }> {
    const r = tokenId ? await db.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst() : undefined;
    if (!r) throw notFound(TOKEN);
    const { user_id, ...token } = r;
    if (user_id === req.actor!.userId) return { token, owner: null };
    const u = await userRecord(db, user_id);
    // the token exists: someone who may not change its user is told they may not (403), as revokeApiToken does
    if (!u || !canManageUser(req.actor, u)) throw new AppError(403, 'forbidden', { zh: '您无权管理该用户的接口令牌', en: 'You may not manage this user’s API tokens' });
    return { token, owner: { id: u.id, username: u.username, display_name: u.display_name, unit_name: u.unit_name } };
  }

  const DONE: Record<string, Msg> = {
    revoked: { zh: '令牌已撤销，使用该令牌的请求将被拒绝。', en: 'The token was revoked; requests with it are refused.' },
    again: { zh: '该表单已提交过，令牌已创建（令牌只显示一次，不再重复显示）；如未保存，请撤销后重新创建。', en: 'This form was already sent and the token was created (it is shown only once); if you did not keep it, revoke it and create a new one.' },
  };

  await adminRoutes(app, (s) => {
    s.addHook('preHandler', async (req) => {
      if (!can(req.actor, 'apitoken.own')) throw forbidden();
    });

    s.get<{ Querystring: { user?: string; done?: string } }>('/admin/tokens', async (req, reply) => {
      const notice = req.query.done && Object.hasOwn(DONE, req.query.done) ? DONE[req.query.done] : undefined;
      const userId = idOf(req.query.user);
      if (req.query.user !== undefined && req.query.user !== '' && !userId) throw notFound(USER);
      const owner = userId && userId !== req.actor!.userId ? await managedOwner(req, userId) : null;
      return listPage(req, reply, { owner, notice });
    });

    s.post('/admin/tokens', async (req, reply) => {
      const b = formBody(req);
      const values = { name: b.name ?? '', expiresInDays: b.expiresInDays ?? '', form_token: b.form_token ?? '' };
      const days = daysOf(b.expiresInDays);
      try {
        // a resent form (its one-time key) creates no second token (#14.8); the secret is shown once, so a
        // replay goes to the list with a notice (what is kept for the replay is that address, not the token)
        let made: Awaited<ReturnType<typeof createApiToken>> | null = null;
        const again = await onceByFormToken(db, cfg.piiKeys, { scope: 'api-token', userId: req.actor?.userId, body: { name: values.name, expiresInDays: values.expiresInDays, form_token: values.form_token } }, async () => {
          made = await createApiToken(db, commandContext(req), { name: values.name, expiresInDays: days });
          return '/admin/tokens?done=again';
        });
        if (!made) return reply.redirect(again, 303);
        const r: Awaited<ReturnType<typeof createApiToken>> = made;
        const expiresAt = (await db.selectFrom('api_tokens').select('expires_at').where('id', '=', r.id).executeTakeFirst())?.expires_at ?? null;
        return html(reply, renderHtml(TokenCreatedPage({ c: viewContext(req, reply), name: values.name.trim(), token: r.token, expiresAt: expiresAt ? new Date(expiresAt) : null })));
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          // the command stops at the first bad field; the 有效期 is reported too when it is also wrong
          const errors = { ...e.fields };
          if (!errors.expiresInDays && days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650)) errors.expiresInDays = { zh: '有效期应为1到3650天', en: 'Between 1 and 3650 days' };
          return listPage(req, reply, { values, errors, status: e.status });
        }
        throw e;
      }
    });

    s.get<{ Params: { id: string } }>('/admin/tokens/:id/revoke', async (req, reply) => {
      const { token, owner } = await loadToken(req, idOf(req.params.id));
      return html(reply, renderHtml(RevokeTokenPage({ c: viewContext(req, reply), token, owner })));
    });

    s.post<{ Params: { id: string } }>('/admin/tokens/:id/revoke', async (req, reply) => {
      const { token, owner } = await loadToken(req, idOf(req.params.id));
      await revokeApiToken(db, commandContext(req), token.id);
      return reply.redirect(owner ? `/admin/tokens?user=${owner.id}&done=revoked` : '/admin/tokens?done=revoked', 303);
    });
  });
}
