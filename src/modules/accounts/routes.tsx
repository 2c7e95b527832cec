/** Sign-in/out and user administration. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderHtml } from '../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, localeOf, viewContext } from '../../core/http/request.ts';
import { AppError, notFound } from '../../core/http/errors.ts';
import { tr } from '../../core/render/i18n.ts';
import { inScope, scopePaths, can } from '../../core/auth/policy.ts';
import { createSession, destroySession, SESSION_COOKIE } from '../../core/auth/sessions.ts';
import { loadActor } from '../../core/http/auth.ts';
import { adminRoutes } from '../admin/guard.ts';
import { listUnits } from '../units/repository.ts';
import { authenticate, createUser, updateUser, type GrantInput } from './commands.ts';
import { LoginPage, UserForm, UserList, type UserListRow } from './views.tsx';

const safeNext = (n: unknown) => (typeof n === 'string' && /^\/admin(\/[^\s]*)?$/.test(n) && !n.startsWith('//') ? n : '/admin');

function grantsFromForm(req: FastifyRequest): GrantInput[] {
  return formBodyAll(req, 'grant').map((g) => {
    const [role, unit_code] = g.split('@');
    return { role, unit_code };
  });
}

export default async function accountRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) => {
    await loadActor(req);
    if (req.actor) return reply.redirect(safeNext(req.query.next), 303);
    return reply.type('text/html; charset=utf-8').send(renderHtml(LoginPage({ c: viewContext(req, reply, { csrf: true }), next: safeNext(req.query.next) })));
  });

  app.post(
    '/admin/login',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const b = formBody(req);
      const r = await authenticate(db, b.username ?? '', b.password ?? '', req.ip);
      if (!r.ok) {
        reply.code(r.error.status);
        return reply.type('text/html; charset=utf-8').send(renderHtml(LoginPage({ c: viewContext(req, reply, { csrf: true }), next: safeNext(b.next), error: tr(localeOf(req), r.error.msg), username: b.username })));
      }
      const token = await createSession(db, r.userId, req.ip, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, path: '/' });
      return reply.redirect(safeNext(b.next), 303);
    },
  );

  await adminRoutes(app, (s) => {
    s.post('/admin/logout', async (req, reply) => {
      const raw = req.cookies[SESSION_COOKIE];
      const un = raw ? req.unsignCookie(raw) : null;
      await destroySession(db, un?.valid ? un.value ?? undefined : undefined);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/admin/login', 303);
    });

    s.get('/admin/users', async (req, reply) => {
      const scope = scopePaths(req.actor, 'user.view');
      const users = await db
        .selectFrom('users as u')
        .innerJoin('units as n', 'n.id', 'u.unit_id')
        .select(['u.id', 'u.username', 'u.display_name', 'u.disabled', 'u.last_login_at', 'n.name as unit_name', 'n.path as unit_path'])
        .where(inScope('n.path', scope))
        .orderBy('n.path')
        .orderBy('u.username')
        .limit(1000)
        .execute();
      const grants = users.length
        ? await db.selectFrom('role_assignments as r').innerJoin('units as n', 'n.id', 'r.unit_id').select(['r.user_id', 'r.role', 'n.short_name as unit_name']).where('r.user_id', 'in', users.map((u) => u.id)).execute()
        : [];
      const rows: UserListRow[] = users.map((u) => ({ ...u, last_login_at: u.last_login_at ? new Date(u.last_login_at) : null, grants: grants.filter((g) => g.user_id === u.id) }));
      return reply.type('text/html; charset=utf-8').send(renderHtml(UserList({ c: viewContext(req, reply), users: rows })));
    });

    const manageableUnits = (req: FastifyRequest) => listUnits(db, { scope: scopePaths(req.actor, 'user.manage'), activeOnly: true });

    s.get('/admin/users/new', async (req, reply) => {
      const units = await manageableUnits(req);
      if (!units.length) throw new AppError(403, 'forbidden', { zh: '您没有管理用户的权限', en: 'You may not manage users' });
      return reply.type('text/html; charset=utf-8').send(renderHtml(UserForm({ c: viewContext(req, reply), mode: 'create', values: { grants: [] }, units })));
    });

    s.post('/admin/users', async (req, reply) => {
      const b = formBody(req);
      const grants = grantsFromForm(req);
      try {
        await createUser(db, commandContext(req), { ...b, grants });
        return reply.redirect('/admin/users', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const units = await manageableUnits(req);
          const values = { ...b, grants: grants.map((g) => `${g.role}@${g.unit_code}`) };
          return reply.code(e.status).type('text/html; charset=utf-8').send(renderHtml(UserForm({ c: viewContext(req, reply), mode: 'create', values, units, errors: e.fields })));
        }
        throw e;
      }
    });

    const loadUser = async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const u = await db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.disabled', 'n.path', 'n.code as unit_code']).where('u.id', '=', Number(req.params.id) || 0).executeTakeFirst();
      if (!u || !can(req.actor, 'user.manage', u.path)) throw notFound({ zh: '用户', en: 'user' });
      const g = await db.selectFrom('role_assignments as r').innerJoin('units as n', 'n.id', 'r.unit_id').select(['r.role', 'n.code']).where('r.user_id', '=', u.id).execute();
      return { ...u, grants: g.map((x) => `${x.role}@${x.code}`) };
    };

    s.get<{ Params: { id: string } }>('/admin/users/:id', async (req, reply) => {
      const u = await loadUser(req);
      const units = await manageableUnits(req);
      return reply.type('text/html; charset=utf-8').send(renderHtml(UserForm({ c: viewContext(req, reply), mode: 'update', id: u.id, values: u, units })));
    });

    s.post<{ Params: { id: string } }>('/admin/users/:id', async (req, reply) => {
      const u = await loadUser(req);
      const b = formBody(req);
      const grants = grantsFromForm(req);
      try {
        await updateUser(db, commandContext(req), u.id, { display_name: b.display_name ?? '', email: b.email ?? '', password: b.password || undefined, disabled: b.disabled === '1', grants });
        return reply.redirect('/admin/users', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const units = await manageableUnits(req);
          const values = { ...u, ...b, disabled: b.disabled === '1', grants: grants.map((g) => `${g.role}@${g.unit_code}`) };
          return reply.code(e.status).type('text/html; charset=utf-8').send(renderHtml(UserForm({ c: viewContext(req, reply), mode: 'update', id: u.id, values, units, errors: e.fields })));
        }
        throw e;
      }
    });
  });
}
