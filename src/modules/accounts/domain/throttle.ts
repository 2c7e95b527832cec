/**
 * Sign-in throttling (pure rules; the facts come from store/login-attempts.ts). Design, for the
 * audit's F11 (a hard 5-failure lock let anyone lock any account, and its 423 told who exists):
 *
 *  - Per account name + client address: 3 free failures, then each further failure doubles the
 *    wait before that address may try that name again — 15 s, 30 s, 1 min … up to 15 min. Counted
 *    over 24 h, from the pair's last success or an administrator's unlock.
 *  - Per account, from all addresses: past 30 failures in an hour every attempt on the name is
 *    answered 2 s later. It slows a distributed guesser; it never refuses anyone, so the right
 *    password from a fresh address always signs in.
 *  - Per address, any names: 30 failures in 15 min → refused for a while (password spraying).
 *
 * Counting is by the typed name, whether or not an account has it, so unknown names, wrong
 * passwords and accounts throttled from other addresses all get the same answer (401, one message,
 * one argon2 verification). Only the client that is itself waiting learns it must wait (429 with
 * Retry-After), and it learns the same for a name that does not exist. GB/T 22239-2019 (等级保护
 * 2.0, 身份鉴别) asks for 登录失败处理 — "限制非法登录次数" — which this does without lockouts.
 */

export const THROTTLE = {
  /** failures per (name, address) answered at once */
  freeFailures: 3,
  /** wait after the first counted failure beyond the free ones, doubling each time */
  baseDelaySeconds: 15,
  maxDelaySeconds: 15 * 60,
  /** how far back (name, address) failures count */
  pairWindowHours: 24,
  /** failures on one name from all addresses within accountWindowMinutes that switch on slowing */
  accountCeiling: 30,
  accountWindowMinutes: 60,
  accountSlowMs: 2000,
  /** failures from one address (any names) within ipWindowMinutes before it is refused */
  ipFailures: 30,
  ipWindowMinutes: 15,
} as const;

/** Seconds an address must wait after its n-th counted failure on a name before trying it again. */
export function pairDelaySeconds(failures: number): number {
  if (failures <= THROTTLE.freeFailures) return 0;
  return Math.min(THROTTLE.maxDelaySeconds, THROTTLE.baseDelaySeconds * 2 ** (failures - THROTTLE.freeFailures - 1));
}

/** Whole seconds still to wait (0 = may try now). */
export function pairWaitSeconds(failures: number, lastFailureAt: Date | null, now: Date): number {
  if (!lastFailureAt) return 0;
  const until = lastFailureAt.getTime() + pairDelaySeconds(failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export const accountSlowed = (accountFailures: number) => accountFailures >= THROTTLE.accountCeiling;
export const addressBlocked = (ipFailures: number) => ipFailures >= THROTTLE.ipFailures;
