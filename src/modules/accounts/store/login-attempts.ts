/**
 * The facts sign-in throttling is computed from (rules: domain/throttle.ts). login_attempts keeps
 * one row per verified attempt — the typed name (lower-cased), the address, success — for 30 days.
 */
import type { Db, DbOrTx } from '../../../core/db/index.ts';
import { pairWaitSeconds, THROTTLE } from '../domain/throttle.ts';

export interface ThrottleFacts {
  /** failures of this name from this address since the later of: 24 h ago, its last success, an unlock */
  pairFailures: number;
  pairLastFailureAt: Date | null;
  /** failures of this name from all addresses in the account window, since an unlock */
  accountFailures: number;
  /** failures from this address, any name, in the address window */
  ipFailures: number;
}

const later = (...ds: (Date | null | undefined)[]) => new Date(Math.max(...ds.map((d) => (d ? new Date(d).getTime() : 0))));

async function resetAt(db: DbOrTx, name: string): Promise<Date | null> {
  const u = await db.selectFrom('users').select('login_reset_at').where('username', '=', name).executeTakeFirst();
  return u?.login_reset_at ? new Date(u.login_reset_at) : null;
}

export async function throttleFacts(db: DbOrTx, name: string, ip: string, now: Date): Promise<ThrottleFacts> {
  const reset = await resetAt(db, name);
  const dayAgo = new Date(now.getTime() - THROTTLE.pairWindowHours * 3600_000);
  const pair = await db.selectFrom('login_attempts').select(['ok', 'at']).where('username', '=', name).where('ip', '=', ip).where('at', '>', later(dayAgo, reset)).orderBy('at').execute();
  let pairFailures = 0;
  let pairLastFailureAt: Date | null = null;
  for (const a of pair) {
    if (a.ok) {
      pairFailures = 0;
      pairLastFailureAt = null;
    } else {
      pairFailures++;
      pairLastFailureAt = new Date(a.at);
    }
  }
  const failuresSince = (since: Date) => db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<string>().as('n')).where('ok', '=', false).where('at', '>', since);
  const accountSince = later(new Date(now.getTime() - THROTTLE.accountWindowMinutes * 60_000), reset);
  const accountFailures = Number((await failuresSince(accountSince).where('username', '=', name).executeTakeFirst())?.n ?? 0);
  const ipSince = new Date(now.getTime() - THROTTLE.ipWindowMinutes * 60_000);
  const ipFailures = Number((await failuresSince(ipSince).where('ip', '=', ip).executeTakeFirst())?.n ?? 0);
  return { pairFailures, pairLastFailureAt, accountFailures, ipFailures };
}

export async function recordAttempt(db: DbOrTx, name: string, ip: string, ok: boolean, at: Date): Promise<void> {
  await db.insertInto('login_attempts').values({ username: name, ip, ok, at }).execute();
}

export interface ThrottleOverview {
  /** addresses with counted failures on this account, the longest wait first */
  addresses: { ip: string; failures: number; lastFailureAt: Date; waitSeconds: number }[];
  accountFailures: number;
  /** anything an unlock would clear */
  active: boolean;
}

/** The sign-in protection state of one account, for its admin page. */
export async function throttleOverview(db: DbOrTx, name: string, now = new Date()): Promise<ThrottleOverview> {
  const reset = await resetAt(db, name);
  const dayAgo = new Date(now.getTime() - THROTTLE.pairWindowHours * 3600_000);
  const rows = await db.selectFrom('login_attempts').select(['ip', 'ok', 'at']).where('username', '=', name).where('at', '>', later(dayAgo, reset)).orderBy('at').limit(5000).execute();
  const byIp = new Map<string, { failures: number; last: Date | null }>();
  for (const r of rows) {
    const ip = r.ip ?? '';
    const s = byIp.get(ip) ?? { failures: 0, last: null };
    if (r.ok) byIp.set(ip, { failures: 0, last: null });
    else byIp.set(ip, { failures: s.failures + 1, last: new Date(r.at) });
  }
  const addresses = [...byIp].filter(([, s]) => s.failures > 0 && s.last)
    .map(([ip, s]) => ({ ip, failures: s.failures, lastFailureAt: s.last!, waitSeconds: pairWaitSeconds(s.failures, s.last, now) }))
    .sort((a, b) => b.waitSeconds - a.waitSeconds || b.failures - a.failures);
  const hourAgo = later(new Date(now.getTime() - THROTTLE.accountWindowMinutes * 60_000), reset);
  const accountFailures = rows.filter((r) => !r.ok && new Date(r.at) > hourAgo).length;
  return { addresses, accountFailures, active: addresses.length > 0 };
}

/** Job: attempts older than 30 days are no longer needed (the audit log keeps each failure). */
export async function purgeLoginAttempts(db: Db, now = new Date()): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - 30 * 86_400_000)).execute();
}
