/**
 * Account commands: create and change users and their role grants, change one's own password,
 * unlock sign-in. Each checks the policy (domain/manage.ts: an actor changes only users all of whose
 * grants it could have given), writes, and records its audit events in one transaction.
 *
 * A new password — set by an administrator or by the user — ends the user's sessions (except the
 * one the user is changing it from) and revokes their API tokens: after a compromise, a password
 * reset must shut out whoever held the old one (audit F10).
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid, notFound, forbidden } from '../../../core/http/errors.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../../core/auth/passwords.ts';
import { endSessions } from '../../../core/auth/sessions.ts';
import { isRole, type Role } from '../../../core/auth/roles.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { canManageUser } from '../domain/manage.ts';
import { auditGrants, grantsOf, userRecord, type UserRecord } from '../store/users.ts';
import { throttleOverview } from '../store/login-attempts.ts';

const USER = { zh: '用户', en: 'user' };
const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface GrantInput {
  role: string;
  unit_code?: string;
  unit_id?: number;
}

type ResolvedGrant = { role: Role; unit_id: number; unit_code: string };

async function resolveGrants(db: Db | Tx, ctx: CommandContext, grants: GrantInput[], errors: Record<string, Msg>): Promise<ResolvedGrant[]> {
  const out: ResolvedGrant[] = [];
  for (const g of grants) {
    if (!isRole(g.role)) {
      errors.roles = { zh: `未知角色：${g.role}`, en: `Unknown role: ${g.role}` };
      continue;
    }
    const unit = g.unit_id
      ? await db.selectFrom('units').select(['id', 'path', 'code']).where('id', '=', g.unit_id).executeTakeFirst()
      : await db.selectFrom('units').select(['id', 'path', 'code']).where('code', '=', (g.unit_code ?? '').toUpperCase()).executeTakeFirst();
    if (!unit) {
      errors.roles = { zh: '授权单位不存在', en: 'The unit of a role grant does not exist' };
      continue;
    }
    authorize(ctx, 'user.manage', unit.path);
    if (g.role === 'system_admin') authorize(ctx, 'role.grant.system_admin', unit.path);
    if (!out.some((o) => o.role === g.role && o.unit_id === unit.id)) out.push({ role: g.role, unit_id: unit.id, unit_code: unit.code });
  }
  return out;
}

/** 403 unless the context may change this user (the CLI and jobs may). */
export function requireManage(ctx: CommandContext, user: UserRecord): void {
  if (ctx.actor && !canManageUser(ctx.actor, user)) throw forbidden();
}

/** Loads a user the context may change: 404 when missing, 403 when out of reach. */
export async function managedUser(db: Db | Tx, ctx: CommandContext, id: number): Promise<UserRecord> {
  const u = await userRecord(db, id);
  if (!u) throw notFound(USER);
  requireManage(ctx, u);
  return u;
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
  if (email && !EMAIL_RE.test(email)) errors.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  const pwp = passwordProblems(raw.password ?? '', username, [displayName, email?.split('@')[0] ?? '']);
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
    if (grants.length) await tx.insertInto('role_assignments').values(grants.map((g) => ({ role: g.role, unit_id: g.unit_id, user_id: u.id }))).execute();
    await recordAudit(tx, ctx.audit, { action: 'user.create', unitId: unit!.id, subjectType: 'user', subjectId: u.id, summary: { after: { username, display_name: displayName, grants: auditGrants(grants) } } });
    return u;
  });
}

/** Ends sessions (but `keepSession`) and revokes API tokens after a password change. */
async function shutOut(tx: Tx, userId: number, keepSession?: string) {
  const sessions = await endSessions(tx, userId, keepSession);
  const r = await tx.updateTable('api_tokens').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return { sessions_ended: sessions, tokens_revoked: Number(r.numUpdatedRows ?? 0) };
}

export interface PasswordChangeResult {
  sessions_ended: number;
  tokens_revoked: number;
}

/**
 * Changes a user (name, e-mail, disabled flag, password, grants — `grants` replaces them all).
 * `keepSession`: the token of the session the change comes from, kept when users change their own
 * password. Returns what a password change shut out, or null when the password stayed.
 */
export async function updateUser(
  db: Db,
  ctx: CommandContext,
  id: number,
  raw: { display_name?: string; email?: string; disabled?: boolean; grants?: GrantInput[]; password?: string },
  opts: { keepSession?: string } = {},
): Promise<PasswordChangeResult | null> {
  const cur = await managedUser(db, ctx, id);
  const errors: Record<string, Msg> = {};
  const displayName = raw.display_name !== undefined ? raw.display_name.trim() : cur.display_name;
  if (!displayName || displayName.length > 50) errors.display_name = { zh: '姓名为 1–50 字', en: 'The display name has 1–50 characters' };
  const email = raw.email !== undefined ? raw.email.trim() || null : cur.email;
  if (email && !EMAIL_RE.test(email)) errors.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  if (raw.password) {
    const p = passwordProblems(raw.password, cur.username, [displayName, email?.split('@')[0] ?? '']);
    if (p) errors.password = p;
  }
  const grants = raw.grants ? await resolveGrants(db, ctx, raw.grants, errors) : null;
  const self = ctx.actor?.userId === id;
  if (self && raw.disabled) errors.disabled = { zh: '不能停用自己的账号', en: 'You cannot disable your own account' };
  if (Object.keys(errors).length) throw invalid(errors);
  const disabled = raw.disabled ?? cur.disabled;
  const hash = raw.password ? await hashPassword(raw.password) : null;
  return inTransaction(db, async (tx) => {
    // checked again inside the transaction: grants may have changed since the form was loaded
    requireManage(ctx, (await userRecord(tx, id)) ?? cur);
    await tx.updateTable('users').set({ display_name: displayName, email, disabled, ...(hash ? { password_hash: hash, password_changed_at: sql`now()`, login_reset_at: sql`now()` } : {}) }).where('id', '=', id).execute();
    const before = await grantsOf(tx, id);
    if (grants) {
      const gone = before.filter((g) => !grants.some((n) => n.role === g.role && n.unit_id === g.unit_id));
      for (const g of gone) await tx.deleteFrom('role_assignments').where('user_id', '=', id).where('role', '=', g.role).where('unit_id', '=', g.unit_id).execute();
      const add = grants.filter((n) => !before.some((g) => g.role === n.role && g.unit_id === n.unit_id));
      if (add.length) await tx.insertInto('role_assignments').values(add.map((g) => ({ role: g.role, unit_id: g.unit_id, user_id: id }))).execute();
      if (gone.length || add.length) {
        await recordAudit(tx, ctx.audit, { action: 'user.grants.change', unitId: cur.unit_id, subjectType: 'user', subjectId: id, summary: { username: cur.username, before: auditGrants(before), after: auditGrants(await grantsOf(tx, id)) } });
      }
    }
    if (displayName !== cur.display_name || email !== cur.email || disabled !== cur.disabled) {
      if (disabled && !cur.disabled) await endSessions(tx, id);
      await recordAudit(tx, ctx.audit, {
        action: 'user.update', unitId: cur.unit_id, subjectType: 'user', subjectId: id,
        summary: { username: cur.username, before: { display_name: cur.display_name, disabled: cur.disabled }, after: { display_name: displayName, disabled }, ...(email !== cur.email ? { email_changed: true } : {}) },
      });
    }
    if (!hash) return null;
    const out = await shutOut(tx, id, self ? opts.keepSession : undefined);
    await recordAudit(tx, ctx.audit, { action: 'user.password', unitId: cur.unit_id, subjectType: 'user', subjectId: id, summary: { username: cur.username, by: self ? 'self' : 'administrator', ...out } });
    return out;
  });
}

/**
 * A signed-in user changes their own password: the current one is required (a session left open
 * on a shared computer must not be enough). Other sessions end, API tokens are revoked.
 */
export async function changeOwnPassword(db: Db, ctx: CommandContext, raw: { current?: string; password?: string; confirm?: string }, keepSession?: string): Promise<PasswordChangeResult> {
  if (!ctx.actor) throw forbidden();
  const id = ctx.actor.userId;
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'email', 'password_hash', 'unit_id']).where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound(USER);
  const errors: Record<string, Msg> = {};
  if (!(await verifyPassword(u.password_hash, raw.current ?? ''))) errors.current = { zh: '当前密码不正确', en: 'The current password is wrong' };
  const p = passwordProblems(raw.password ?? '', u.username, [u.display_name, u.email?.split('@')[0] ?? '']);
  if (p) errors.password = p;
  else if (raw.password === raw.current) errors.password = { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' };
  if ((raw.confirm ?? '') !== (raw.password ?? '')) errors.confirm = { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' };
  if (Object.keys(errors).length) throw invalid(errors);
  const hash = await hashPassword(raw.password!);
  return inTransaction(db, async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: sql`now()` }).where('id', '=', id).execute();
    const out = await shutOut(tx, id, keepSession);
    await recordAudit(tx, ctx.audit, { action: 'user.password', unitId: u.unit_id, subjectType: 'user', subjectId: id, summary: { username: u.username, by: 'self', ...out } });
    return out;
  });
}

/** 解锁: sign-in failures so far stop counting for this account (domain/throttle.ts). */
export async function unlockUser(db: Db, ctx: CommandContext, id: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const u = await managedUser(tx, ctx, id);
    const state = await throttleOverview(tx, u.username);
    await tx.updateTable('users').set({ login_reset_at: sql`now()` }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'user.unlock', unitId: u.unit_id, subjectType: 'user', subjectId: id, summary: { username: u.username, before: { addresses: state.addresses.map((a) => ({ ip: a.ip, failures: a.failures })), account_failures: state.accountFailures } } });
  });
}
