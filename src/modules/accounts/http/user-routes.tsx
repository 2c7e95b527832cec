/**
 * /admin/users: the list (filtered in SQL by user.view; 编辑 only where the viewer may change the
 * user), create, edit, 解锁. A user the actor may not change (domain/manage.ts — some grant beyond
 * the actor's reach) is "not found" (404) on every page and action, like a user of another subtree.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { inScope, scopePaths } from '../../../core/auth/policy.ts';
import { sessionTokenOf } from '../../../core/http/csrf.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { listUnits } from '../../units/repository.ts';
import { createUser, unlockUser, updateUser, type GrantInput } from '../commands/users.ts';
import { canManageUser } from '../domain/manage.ts';
import { manageableBy, userRecord, type UserRecord } from '../store/users.ts';
import { throttleOverview } from '../store/login-attempts.ts';
import { UserForm, UserList, type UserListRow } from '../views/users.tsx';

const USER: Msg = { zh: '用户', en: 'user' };
const idOf = (s: unknown) => (typeof s === 'string' && /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2 ** 31 - 1 ? Number(s) : 0);
const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);

const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' },
  password: { zh: '密码已修改。该用户的所有登录已退出，其全部接口令牌已撤销。', en: 'The password was changed. The user was signed out everywhere and all their API tokens were revoked.' },
  unlocked: { zh: '已解锁：此前的登录失败不再计入。', en: 'Unlocked: earlier sign-in failures no longer count.' },
};

function grantsFromForm(req: FastifyRequest): GrantInput[] {
  return formBodyAll(req, 'grant').map((g) => {
    const [role, unit_code] = g.split('@');
    return { role, unit_code };
  });
}

export default async function userRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  await adminRoutes(app, (s) => {
    s.get('/admin/users', async (req, reply) => {
      const scope = scopePaths(req.actor, 'user.view');
      const users = await db
        .selectFrom('users as u')
        .innerJoin('units as n', 'n.id', 'u.unit_id')
        .select(['u.id', 'u.username', 'u.display_name', 'u.disabled', 'u.last_login_at', 'n.name as unit_name', 'n.path as unit_path'])
        .select(sql<boolean>`${manageableBy(req.actor)}`.as('manageable'))
        .where(inScope('n.path', scope))
        .orderBy('n.path')
        .orderBy('u.username')
        .limit(1000)
        .execute();
      const grants = users.length
        ? await db.selectFrom('role_assignments as r').innerJoin('units as n', 'n.id', 'r.unit_id').select(['r.user_id', 'r.role', 'n.short_name as unit_name']).where('r.user_id', 'in', users.map((u) => u.id)).execute()
        : [];
      const rows: UserListRow[] = users.map((u) => ({ ...u, manageable: !!u.manageable, last_login_at: u.last_login_at ? new Date(u.last_login_at) : null, grants: grants.filter((g) => g.user_id === u.id) }));
      return html(reply, renderHtml(UserList({ c: viewContext(req, reply), users: rows })));
    });

    const manageableUnits = (req: FastifyRequest) => listUnits(db, { scope: scopePaths(req.actor, 'user.manage'), activeOnly: true });

    s.get('/admin/users/new', async (req, reply) => {
      const units = await manageableUnits(req);
      if (!units.length) throw new AppError(403, 'forbidden', { zh: '您没有管理用户的权限', en: 'You may not manage users' });
      return html(reply, renderHtml(UserForm({ c: viewContext(req, reply), mode: 'create', values: { grants: [] }, units })));
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
          return html(reply, renderHtml(UserForm({ c: viewContext(req, reply), mode: 'create', values, units, errors: e.fields })), e.status);
        }
        throw e;
      }
    });

    /** A user the actor may change; 404 otherwise (existence not revealed). */
    const loadUser = async (req: FastifyRequest<{ Params: { id: string } }>): Promise<UserRecord> => {
      const u = await userRecord(db, idOf(req.params.id));
      if (!u || !canManageUser(req.actor, u)) throw notFound(USER);
      return u;
    };
    const formValues = (u: UserRecord) => ({ ...u, grants: u.grants.map((g) => `${g.role}@${g.unit_code}`) });

    s.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/users/:id', async (req, reply) => {
      const u = await loadUser(req);
      const [units, throttle] = await Promise.all([manageableUnits(req), throttleOverview(db, u.username)]);
      const notice = req.query.done && Object.hasOwn(DONE, req.query.done) ? DONE[req.query.done] : undefined;
      return html(reply, renderHtml(UserForm({ c: viewContext(req, reply), mode: 'update', id: u.id, values: formValues(u), units, throttle, notice })));
    });

    s.post<{ Params: { id: string } }>('/admin/users/:id', async (req, reply) => {
      const u = await loadUser(req);
      const b = formBody(req);
      const grants = grantsFromForm(req);
      try {
        const changed = await updateUser(db, commandContext(req), u.id, { display_name: b.display_name ?? '', email: b.email ?? '', password: b.password || undefined, disabled: b.disabled === '1', grants }, { keepSession: sessionTokenOf(req) });
        return reply.redirect(changed ? `/admin/users/${u.id}?done=password` : '/admin/users', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const [units, throttle] = await Promise.all([manageableUnits(req), throttleOverview(db, u.username)]);
          const values = { ...formValues(u), ...b, disabled: b.disabled === '1', grants: grants.map((g) => `${g.role}@${g.unit_code}`) };
          return html(reply, renderHtml(UserForm({ c: viewContext(req, reply), mode: 'update', id: u.id, values, units, throttle, errors: e.fields })), e.status);
        }
        throw e;
      }
    });

    s.post<{ Params: { id: string } }>('/admin/users/:id/unlock', async (req, reply) => {
      const u = await loadUser(req);
      await unlockUser(db, commandContext(req), u.id);
      return reply.redirect(`/admin/users/${u.id}?done=unlocked`, 303);
    });
  });
}
