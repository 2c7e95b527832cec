/**
 * API tokens for the write endpoints (`Authorization: Bearer gk_…`). A token acts as its user,
 * with the user's roles at the time of each request (a revoked role or disabled user stops it).
 * Only the SHA-256 of a token is stored — the token is 256 random bits, so a fast hash is enough
 * and a leaked table cannot be replayed; the token itself is shown once, at creation.
 *
 *   createApiToken(db, ctx, {userId?, name, expiresInDays?}) → {id, token, prefix}
 *   revokeApiToken(db, ctx, tokenId)
 *   listApiTokens(db, userId) → rows without the hash
 *   actorForApiToken(db, bearer) → Actor | null
 */
import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid, notFound } from '../../../core/http/errors.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import type { Actor } from '../../../core/auth/policy.ts';
import '../domain/policy.ts';
import { userRecord } from '../store/users.ts';
import { requireManage } from './users.ts';

const PREFIX = 'gk_';
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export async function createApiToken(db: Db, ctx: CommandContext, o: { userId?: number; name: string; expiresInDays?: number | null }): Promise<{ id: number; token: string; prefix: string }> {
  const userId = o.userId ?? ctx.actor?.userId;
  if (!userId) throw invalid({ userId: { zh: '请指定用户', en: 'Give the user' } });
  return inTransaction(db, async (tx) => {
    const user = await userRecord(tx, userId);
    if (!user) throw notFound({ zh: '用户', en: 'user' });
    // authorised before the input is judged; a token acts as its user: for someone else only by
    // whoever may change that user (the CLI)
    if (ctx.actor && ctx.actor.userId !== userId) requireManage(ctx, user);
    else authorize(ctx, 'apitoken.own', null);
    const name = String(o.name ?? '').trim();
    if (!name || name.length > 60) throw invalid({ name: { zh: '请填写令牌名称（最多60字）', en: 'Name the token (at most 60 characters)' } });
    const days = o.expiresInDays ?? null;
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) throw invalid({ expiresInDays: { zh: '有效期应为1到3650天', en: 'Between 1 and 3650 days' } });
    const token = PREFIX + randomBytes(32).toString('base64url');
    const prefix = token.slice(0, 10);
    const row = await tx.insertInto('api_tokens').values({
      user_id: userId, name, token_hash: sha(token), token_prefix: prefix, expires_at: days ? new Date(Date.now() + days * 86_400_000) : null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'apitoken.create', unitId: user.unit_id, subjectType: 'api_token', subjectId: row.id, summary: { after: { user: user.username, name, prefix } } });
    return { id: row.id, token, prefix };
  });
}

export async function revokeApiToken(db: Db, ctx: CommandContext, tokenId: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const t = await tx.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.user_id', 't.revoked_at', 'u.unit_id']).where('t.id', '=', tokenId).executeTakeFirst();
    if (!t) throw notFound({ zh: '令牌', en: 'token' });
    // someone else's token: only by whoever may change its user (every grant within reach)
    if (ctx.actor && ctx.actor.userId !== t.user_id) requireManage(ctx, (await userRecord(tx, t.user_id))!);
    if (t.revoked_at) return;
    await tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).execute();
    await recordAudit(tx, ctx.audit, { action: 'apitoken.revoke', unitId: t.unit_id, subjectType: 'api_token', subjectId: tokenId });
  });
}

export async function listApiTokens(db: Db, userId: number) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

/** The actor a bearer token acts as, or null (unknown, revoked, expired, disabled user). */
export async function actorForApiToken(db: Db, token: string | undefined): Promise<Actor | null> {
  if (!token || !token.startsWith(PREFIX) || token.length > 100) return null;
  const r = await db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.unit_id', 'u.disabled'])
    .where('t.token_hash', '=', sha(token)).executeTakeFirst();
  if (!r || r.disabled || r.revoked_at || (r.expires_at && new Date(r.expires_at).getTime() < Date.now())) return null;
  if (!r.last_used_at || Date.now() - new Date(r.last_used_at).getTime() > 5 * 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', r.id).execute();
  }
  return { userId: r.user_id, username: r.username, displayName: r.display_name, unitId: r.unit_id, grants: await loadGrants(db, r.user_id) };
}
