/**
 * /admin/login, /admin/logout and /admin/account (the signed-in user's own account: password).
 * Sign-in answers: 303 on success; 401 with one message for an unknown name, a wrong password or a
 * disabled account; 429 + Retry-After only to an address that must wait (commands/sign-in.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, localeOf, viewContext } from '../../../core/http/request.ts';
import { AppError } from '../../../core/http/errors.ts';
import { tr, type Msg } from '../../../core/render/i18n.ts';
import { createSession, destroySession, sessionCookieName } from '../../../core/auth/sessions.ts';
import { loadActor } from '../../../core/http/auth.ts';
import { sessionTokenOf } from '../../../core/http/csrf.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { authenticate } from '../commands/sign-in.ts';
import { changeOwnPassword } from '../commands/users.ts';
import { grantsOf } from '../store/users.ts';
import { ACCOUNT_TITLE, AccountPage, LoginPage } from '../views/sign-in.tsx';

ADMIN_NAV.push({ key: 'account', href: '/admin/account', label: ACCOUNT_TITLE, action: 'admin.enter', order: 95 });

const safeNext = (n: unknown) => (typeof n === 'string' && /^\/admin(\/[^\s]*)?$/.test(n) && !n.startsWith('//') ? n : '/admin');
const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

export default async function signInRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const cookie = sessionCookieName(cfg.cookieSecure);

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) => {
    await loadActor(req);
    if (req.actor) return reply.redirect(safeNext(req.query.next), 303);
    return html(reply, renderHtml(LoginPage({ c: viewContext(req, reply, { csrf: true }), next: safeNext(req.query.next) })));
  });

  app.post(
    '/admin/login',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const b = formBody(req);
      const r = await authenticate(db, b.username ?? '', b.password ?? '', req.ip);
      if (!r.ok) {
        reply.code(r.error.status);
        if (r.retryAfterSeconds) reply.header('retry-after', String(r.retryAfterSeconds));
        return html(reply, renderHtml(LoginPage({ c: viewContext(req, reply, { csrf: true }), next: safeNext(b.next), error: tr(localeOf(req), r.error.msg), username: b.username })));
      }
      const token = await createSession(db, r.userId, req.ip, req.headers['user-agent'] ?? null);
      reply.setCookie(cookie, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, path: '/' });
      return reply.redirect(safeNext(b.next), 303);
    },
  );

  await adminRoutes(app, (s) => {
    s.post('/admin/logout', async (req, reply) => {
      await destroySession(db, sessionTokenOf(req));
      reply.clearCookie(cookie, { path: '/', secure: cfg.cookieSecure });
      return reply.redirect('/admin/login', 303);
    });

    const accountPage = async (req: FastifyRequest, reply: FastifyReply, o: { errors?: Record<string, Msg>; notice?: Msg; status?: number } = {}) => {
      const u = await db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id').select(['u.username', 'u.display_name', 'n.name as unit_name']).where('u.id', '=', req.actor!.userId).executeTakeFirstOrThrow();
      const grants = await grantsOf(db, req.actor!.userId);
      reply.code(o.status ?? 200);
      return html(reply, renderHtml(AccountPage({ c: viewContext(req, reply), user: { ...u, grants }, errors: o.errors, notice: o.notice })));
    };

    s.get<{ Querystring: { done?: string } }>('/admin/account', async (req, reply) =>
      accountPage(req, reply, { notice: req.query.done === 'password' ? { zh: '密码已修改。其他浏览器和设备上的登录已退出，您的接口令牌已撤销。', en: 'Your password was changed. You were signed out everywhere else and your API tokens were revoked.' } : undefined }));

    s.post('/admin/account/password', async (req, reply) => {
      const b = formBody(req);
      try {
        await changeOwnPassword(db, commandContext(req), { current: b.current, password: b.password, confirm: b.confirm }, sessionTokenOf(req));
        return reply.redirect('/admin/account?done=password', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return accountPage(req, reply, { errors: e.fields, status: e.status });
        throw e;
      }
    });
  });
}
