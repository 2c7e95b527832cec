/** Accounts: create and change users and their role grants; sign-in with throttling and lockout. */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { invalid, notFound, AppError } from '../../core/http/errors.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../core/auth/passwords.ts';
import { isRole, type Role } from '../../core/auth/roles.ts';
import type { Msg } from '../../core/render/i18n.ts';

const USER = { zh: '用户', en: 'user' };
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_FAILURES_PER_15_MIN = 30;

export interface GrantInput {
  role: string;
  unit_code?: string;
  unit_id?: number;
}

async function resolveGrants(db: Db, ctx: CommandContext, grants: GrantInput[], errors: Record<string, Msg>) {
  const out: { role: Role; unit_id: number }[] = [];
  for (const g of grants) {
    if (!isRole(g.role)) {
      errors.roles = { zh: `未知角色：${g.role}`, en: `Unknown role: ${g.role}` };
      continue;
    }
    const unit = g.unit_id
      ? await db.selectFrom('units').select(['id', 'path']).where('id', '=', g.unit_id).executeTakeFirst()
      : await db.selectFrom('units').select(['id', 'path']).where('code', '=', (g.unit_code ?? '').toUpperCase()).executeTakeFirst();
    if (!unit) {
      errors.roles = { zh: '授权单位不存在', en: 'The unit of a role grant does not exist' };
      continue;
    }
    authorize(ctx, 'user.manage', unit.path);
    if (g.role === 'system_admin') authorize(ctx, 'role.grant.system_admin', unit.path);
    out.push({ role: g.role, unit_id: unit.id });
  }
  return out;
}

export async function createUser(
  db: Db,
  ctx: CommandContext,
  raw: { username?: string; display_name?: string; email?: string; password?: string; unit_code?: string; unit_id?: number; grants?: GrantInput[] },
) {
  const errors: Record<string, Msg> = {};
  const username = (raw.username ?? '').trim().toLowerCase();
  const displayName = (raw.display_name ?? '').trim() || username;
  const email = (raw.email ?? '').trim() || null;
  if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)) errors.username = { zh: '用户名为 3–32 位小写字母、数字、点、下划线或连字符', en: 'User names have 3–32 lower-case letters, digits, dots, underscores or hyphens' };
  if (displayName.length > 50) errors.display_name = { zh: '姓名最多 50 字', en: 'The display name may have at most 50 characters' };
  if (email && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) errors.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  const pwp = passwordProblems(raw.password ?? '', username);
  if (pwp) errors.password = pwp;
  const unit = raw.unit_id
    ? await db.selectFrom('units').select(['id', 'path']).where('id', '=', raw.unit_id).executeTakeFirst()
    : await db.selectFrom('units').select(['id', 'path']).where('code', '=', (raw.unit_code ?? '').toUpperCase()).executeTakeFirst();
  if (!unit) errors.unit_code = { zh: '所属单位不存在', en: 'The unit does not exist' };
  else authorize(ctx, 'user.manage', unit.path);
  const grants = await resolveGrants(db, ctx, raw.grants ?? [], errors);
  if (Object.keys(errors).length) throw invalid(errors);
  const hash = await hashPassword(raw.password!);
  return inTransaction(db, async (tx) => {
    const exists = await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw invalid({ username: { zh: '该用户名已存在', en: 'This user name is taken' } });
    const u = await tx
      .insertInto('users')
      .values({ username, display_name: displayName, email, password_hash: hash, unit_id: unit!.id })
      .returning(['id', 'username', 'display_name', 'unit_id'])
      .executeTakeFirstOrThrow();
    if (grants.length) await tx.insertInto('role_assignments').values(grants.map((g) => ({ ...g, user_id: u.id }))).execute();
    await recordAudit(tx, ctx.audit, { action: 'user.create', unitId: unit!.id, subjectType: 'user', subjectId: u.id, summary: { after: { username, display_name: displayName, grants } } });
    return u;
  });
}

export async function updateUser(
  db: Db,
  ctx: CommandContext,
  id: number,
  raw: { display_name?: string; email?: string; disabled?: boolean; grants?: GrantInput[]; password?: string },
) {
  const cur = await db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.disabled', 'n.path', 'u.unit_id']).where('u.id', '=', id).executeTakeFirst();
  if (!cur) throw notFound(USER);
  authorize(ctx, 'user.manage', cur.path);
  const errors: Record<string, Msg> = {};
  const displayName = raw.display_name !== undefined ? raw.display_name.trim() : cur.display_name;
  if (!displayName || displayName.length > 50) errors.display_name = { zh: '姓名为 1–50 字', en: 'The display name has 1–50 characters' };
  const email = raw.email !== undefined ? raw.email.trim() || null : cur.email;
  if (email && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) errors.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  if (raw.password) {
    const p = passwordProblems(raw.password, cur.username);
    if (p) errors.password = p;
  }
  const grants = raw.grants ? await resolveGrants(db, ctx, raw.grants, errors) : null;
  if (ctx.actor && ctx.actor.userId === id && raw.disabled) errors.disabled = { zh: '不能停用自己的账号', en: 'You cannot disable your own account' };
  if (Object.keys(errors).length) throw invalid(errors);
  const hash = raw.password ? await hashPassword(raw.password) : null;
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('role_assignments').select(['role', 'unit_id']).where('user_id', '=', id).execute();
    await tx
      .updateTable('users')
      .set({
        display_name: displayName,
        email,
        disabled: raw.disabled ?? cur.disabled,
        ...(hash ? { password_hash: hash, password_changed_at: sql`now()`, failed_logins: 0, locked_until: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (grants) {
      // a grant the actor may not manage (another subtree) is kept as it was
      const keep = before.filter((g) => !grants.some((n) => n.role === g.role && n.unit_id === g.unit_id));
      const removable: typeof keep = [];
      for (const g of keep) {
        const u = await tx.selectFrom('units').select('path').where('id', '=', g.unit_id).executeTakeFirstOrThrow();
        try {
          authorize(ctx, 'user.manage', u.path);
          if (g.role === 'system_admin') authorize(ctx, 'role.grant.system_admin', u.path);
          removable.push(g);
        } catch {
          /* not ours to remove */
        }
      }
      for (const g of removable) await tx.deleteFrom('role_assignments').where('user_id', '=', id).where('role', '=', g.role).where('unit_id', '=', g.unit_id).execute();
      const add = grants.filter((n) => !before.some((g) => g.role === n.role && g.unit_id === n.unit_id));
      if (add.length) await tx.insertInto('role_assignments').values(add.map((g) => ({ ...g, user_id: id }))).execute();
    }
    if (raw.disabled || hash) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await tx.selectFrom('role_assignments').select(['role', 'unit_id']).where('user_id', '=', id).execute();
    await recordAudit(tx, ctx.audit, {
      action: hash ? 'user.password' : 'user.update',
      unitId: cur.unit_id,
      subjectType: 'user',
      subjectId: id,
      summary: { before: { display_name: cur.display_name, disabled: cur.disabled, grants: before }, after: { display_name: displayName, disabled: raw.disabled ?? cur.disabled, grants: after } },
    });
  });
}

export type LoginResult = { ok: true; userId: number } | { ok: false; error: AppError };

const BAD_LOGIN = new AppError(401, 'bad_login', { zh: '用户名或密码不正确', en: 'Wrong user name or password' });

/**
 * Sign-in. Five wrong passwords lock the account for 15 minutes; many failures from one address
 * are refused for a while whatever the user name. The answer never reveals whether a user exists.
 */
export async function authenticate(db: Db, username: string, password: string, ip: string | null, now = new Date()): Promise<LoginResult> {
  const name = username.trim().toLowerCase().slice(0, 64);
  const since = new Date(now.getTime() - 15 * 60_000);
  const ipFails = await db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('ok', '=', false).where('at', '>', since).executeTakeFirst();
  if (Number(ipFails?.n ?? 0) >= IP_FAILURES_PER_15_MIN) {
    return { ok: false, error: new AppError(429, 'login_throttled', { zh: '登录失败次数过多，请 15 分钟后再试', en: 'Too many failed sign-ins; try again in 15 minutes' }) };
  }
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled', 'failed_logins', 'locked_until', 'unit_id']).where('username', '=', name).executeTakeFirst();
  if (user?.locked_until && new Date(user.locked_until) > now) {
    await db.insertInto('login_attempts').values({ username: name, ip, ok: false }).execute();
    return { ok: false, error: new AppError(423, 'account_locked', { zh: `账号因多次输错密码已被锁定，请 ${LOCK_MINUTES} 分钟后再试或联系管理员`, en: `The account is locked after repeated wrong passwords; try again in ${LOCK_MINUTES} minutes or ask an administrator` }) };
  }
  // verify even for unknown users so the timing does not reveal which names exist
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabled) {
    await inTransaction(db, async (tx) => {
      await tx.insertInto('login_attempts').values({ username: name, ip, ok: false }).execute();
      if (user && !ok) {
        const fails = user.failed_logins + 1;
        const lock = fails >= LOCK_AFTER_FAILURES;
        await tx.updateTable('users').set({ failed_logins: lock ? 0 : fails, locked_until: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null }).where('id', '=', user.id).execute();
        if (lock) await recordAudit(tx, { id: null, name: 'system', ip }, { action: 'user.lockout', unitId: user.unit_id, subjectType: 'user', subjectId: user.id, summary: { after: { failed_logins: fails } } });
      }
    });
    return { ok: false, error: BAD_LOGIN };
  }
  await inTransaction(db, async (tx) => {
    await tx.insertInto('login_attempts').values({ username: name, ip, ok: true }).execute();
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
    await recordAudit(tx, { id: user.id, name, ip }, { action: 'user.login', unitId: user.unit_id, subjectType: 'user', subjectId: user.id });
  });
  return { ok: true, userId: user.id };
}

// argon2id hash of a random string, so unknown users cost the same as known ones
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Jr3vYmLh3mQ3eX8+PZ6m0yqfWb3c1y7u8pQwz2H3cA';
