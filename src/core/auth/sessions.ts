/**
 * Server-side sessions. The cookie holds a random 256-bit token; the database keeps only its
 * SHA-256, so a leaked sessions table cannot be replayed. Sessions expire after 8 idle hours and
 * 12 hours in all; logging out, disabling a user or changing their password deletes them.
 * With Secure cookies the name carries the `__Host-` prefix: the browser then accepts it only from
 * this exact host over HTTPS with Path=/ and no Domain, so a sibling subdomain cannot plant one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../db/index.ts';
import type { Actor, Grant } from './policy.ts';
import { isRole } from './roles.ts';

export const SESSION_COOKIE = 'gk_session';
/** The session cookie's name: `__Host-gk_session` when cookies are Secure. */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
const IDLE_MS = 8 * 3600_000;
const ABSOLUTE_MS = 12 * 3600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
/** What the sessions table stores for a cookie's token (also binds CSRF tokens to the session). */
export const sessionIdHash = sha;

export async function createSession(db: Db, userId: number, ip: string | null, ua: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id_hash: sha(token), user_id: userId, expires_at: new Date(Date.now() + ABSOLUTE_MS), ip, user_agent: ua?.slice(0, 300) ?? null })
    .execute();
  return token;
}

export async function destroySession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', sha(token)).execute();
}

/** Ends a user's sessions, except the one whose token is `keep` (the user's own, after changing their own password). Returns how many ended. */
export async function endSessions(db: DbOrTx, userId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id_hash', '!=', sha(keep));
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function loadGrants(db: Db, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.role', 'r.unit_id', 'u.path'])
    .where('r.user_id', '=', userId)
    .execute();
  return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role as Grant['role'], unitId: r.unit_id, unitPath: r.path }));
}

/** The signed-in actor for a session token, or null (expired, unknown, disabled user). */
export async function actorForToken(db: Db, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const now = Date.now();
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.last_seen_at', 's.expires_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.unit_id', 'u.disabled'])
    .where('s.id_hash', '=', sha(token))
    .executeTakeFirst();
  if (!s || s.disabled) return null;
  const last = new Date(s.last_seen_at).getTime();
  if (new Date(s.expires_at).getTime() < now || last + IDLE_MS < now) {
    await db.deleteFrom('sessions').where('id_hash', '=', s.id_hash).execute();
    return null;
  }
  if (now - last > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', s.id_hash).execute();
  }
  return { userId: s.user_id, username: s.username, displayName: s.display_name, unitId: s.unit_id, grants: await loadGrants(db, s.user_id) };
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
}
