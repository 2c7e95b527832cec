/**
 * Sign-in with throttling instead of lockout (the rules and their reasons: domain/throttle.ts).
 * Every failed sign-in is its own audit event `user.login.failed`: for an existing account with the
 * account as subject (its unit's administrators see it) and the reason; for an unknown name
 * without the name — people type passwords into the name field — and never the password.
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { AppError } from '../../../core/http/errors.ts';
import { verifyDummy, verifyPassword } from '../../../core/auth/passwords.ts';
import { accountSlowed, addressBlocked, pairWaitSeconds, THROTTLE } from '../domain/throttle.ts';
import { recordAttempt, throttleFacts } from '../store/login-attempts.ts';

export type LoginResult = { ok: true; userId: number } | { ok: false; error: AppError; retryAfterSeconds?: number };

/** The one answer for an unknown name, a wrong password, a disabled account. */
const BAD_LOGIN = () => new AppError(401, 'bad_login', { zh: '用户名或密码不正确', en: 'Wrong user name or password' });
const WAIT = (s: number) => {
  const zh = s >= 60 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`;
  const en = s >= 60 ? `${Math.ceil(s / 60)} minute(s)` : `${s} second(s)`;
  return new AppError(429, 'login_wait', { zh: `从本地址对该用户名的登录尝试失败次数过多，请 ${zh}后再试`, en: `Too many failed sign-ins for this user name from this address; try again in ${en}` });
};
const ADDRESS_BLOCKED = () => new AppError(429, 'login_throttled', { zh: `登录失败次数过多，请 ${THROTTLE.ipWindowMinutes} 分钟后再试`, en: `Too many failed sign-ins; try again in ${THROTTLE.ipWindowMinutes} minutes` });

type FailReason = 'unknown_user' | 'wrong_password' | 'disabled' | 'throttled';

export interface SignInOptions {
  now?: Date;
  /** how to wait while an account is slowed (tests pass a recorder) */
  sleep?: (ms: number) => Promise<void>;
}

export async function authenticate(db: Db, username: string, password: string, ip: string | null, opts: SignInOptions = {}): Promise<LoginResult> {
  const now = opts.now ?? new Date();
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const name = username.trim().toLowerCase().slice(0, 64);
  const addr = ip ?? '';
  const user = name ? await db.selectFrom('users').select(['id', 'password_hash', 'disabled', 'unit_id', 'username']).where('username', '=', name).executeTakeFirst() : undefined;

  const fail = async (reason: FailReason, error: AppError, retryAfterSeconds?: number, counted = true): Promise<LoginResult> => {
    await inTransaction(db, async (tx) => {
      if (counted) await recordAttempt(tx, name, addr, false, now);
      await recordAudit(tx, { id: null, name: 'anonymous', ip }, {
        action: 'user.login.failed', unitId: user?.unit_id ?? null, subjectType: 'user', subjectId: user?.id ?? null,
        summary: user ? { username: user.username, reason } : { reason },
      });
    });
    return { ok: false, error, retryAfterSeconds };
  };

  const facts = await throttleFacts(db, name, addr, now);
  // refused without checking the password (and not counted again): the same for every name
  if (addressBlocked(facts.ipFailures)) return fail('throttled', ADDRESS_BLOCKED(), THROTTLE.ipWindowMinutes * 60, false);
  const wait = pairWaitSeconds(facts.pairFailures, facts.pairLastFailureAt, now);
  if (wait > 0) return fail('throttled', WAIT(wait), wait, false);
  if (accountSlowed(facts.accountFailures)) await sleep(THROTTLE.accountSlowMs);

  // an unknown name costs one argon2 verification too, so timing does not tell names apart
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyDummy(password);
  if (!user) return fail('unknown_user', BAD_LOGIN());
  if (!ok) return fail('wrong_password', BAD_LOGIN());
  if (user.disabled) return fail('disabled', BAD_LOGIN());
  await inTransaction(db, async (tx) => {
    await recordAttempt(tx, name, addr, true, now);
    await tx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    await recordAudit(tx, { id: user.id, name, ip }, { action: 'user.login', unitId: user.unit_id, subjectType: 'user', subjectId: user.id });
  });
  return { ok: true, userId: user.id };
}
