/**
 * A CAPTCHA-free abuse guard for the public application form and API (a CAPTCHA shuts out people
 * with visual impairments, whom 条例 第四十三条 asks the organ to help):
 *   - a honeypot field people never see (`homepage`), which form-filling robots fill in;
 *   - a signed timestamp issued with the form: a submission sooner than `minFillMs` after it, or
 *     older than `maxAgeMs`, is refused (robots post instantly; stale forms are reloaded);
 *   - per-IP rate limits on the routes (route `config.rateLimit`, see public-routes.tsx).
 * The tracking number and the secret query code a citizen gets back are made here too.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../../core/auth/passwords.ts';
import type { Msg } from '../../../core/render/i18n.ts';

export const INTAKE_GUARD = {
  /** Lowered by tests; a person needs far longer than this to fill the form. */
  minFillMs: 3_000,
  maxAgeMs: 12 * 3600_000,
  honeypot: 'homepage',
};

const sign = (secret: string, ms: number, nonce: string) => createHmac('sha256', secret).update(`gongkai/requests/form:${ms}:${nonce}`).digest('base64url').slice(0, 22);

/**
 * `<ms>.<nonce>.<mac>`: the random nonce makes each form's token its own, so the token is also the
 * form's one-time key — a replayed POST gets the first result (core/http/idempotency.ts, #14.8).
 */
export function signFormToken(secret: string, issuedAtMs: number): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${issuedAtMs}.${nonce}.${sign(secret, issuedAtMs, nonce)}`;
}

export type GuardFailure = 'honeypot' | 'bad_token' | 'too_fast' | 'expired';

export function checkFormToken(secret: string, token: unknown, nowMs: number): GuardFailure | null {
  if (typeof token !== 'string' || !/^\d{10,16}\.[\w-]{16}\.[\w-]{22}$/.test(token)) return 'bad_token';
  const [msText, nonce, mac] = token.split('.');
  const ms = Number(msText);
  const want = Buffer.from(sign(secret, ms, nonce));
  if (want.length !== Buffer.from(mac).length || !timingSafeEqual(want, Buffer.from(mac))) return 'bad_token';
  if (nowMs - ms < INTAKE_GUARD.minFillMs) return 'too_fast';
  if (nowMs - ms > INTAKE_GUARD.maxAgeMs) return 'expired';
  return null;
}

/** Checks the honeypot and the token; null = a person, probably. */
export function guardSubmission(secret: string, body: Record<string, unknown>, nowMs: number): GuardFailure | null {
  const hp = body[INTAKE_GUARD.honeypot];
  if (typeof hp === 'string' && hp.trim() !== '') return 'honeypot';
  return checkFormToken(secret, body.form_token, nowMs);
}

export const GUARD_MESSAGES: Record<GuardFailure, Msg> = {
  honeypot: { zh: '提交未通过校验，请刷新页面后重新填写', en: 'The submission did not pass our checks; reload the page and fill it in again' },
  bad_token: { zh: '表单已失效，请刷新页面后重新填写', en: 'The form is no longer valid; reload the page and fill it in again' },
  too_fast: { zh: '提交过快，请核对所填内容后再提交', en: 'That was too fast; please check what you entered and submit again' },
  expired: { zh: '表单打开时间过长已失效，请刷新页面后重新填写', en: 'The form was open too long; reload the page and fill it in again' },
};

// Tracking numbers: the date and six random digits, e.g. 20241008-482913 (easy to read out on the phone).
export function makeTrackingNo(date: string): string {
  return `${date.replace(/-/g, '')}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

// Query codes: 10 characters without look-alikes (0/O, 1/I/L), ~50 bits; only an argon2id hash is stored.
const CODE_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function makeQueryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_CHARS[randomInt(0, CODE_CHARS.length)];
  return s;
}

export const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

export const hashQueryCode = (code: string) => hashPassword(normalizeCode(code));

let dummy: Promise<string> | null = null;

/** Verifies a code; with no hash (unknown tracking number) it still spends the same time. */
export async function verifyQueryCode(hashed: string | null, code: string): Promise<boolean> {
  const c = normalizeCode(code);
  if (!hashed || !c) {
    dummy ??= hashPassword('not-a-real-code');
    await verifyPassword(await dummy, c || 'x');
    return false;
  }
  return verifyPassword(hashed, c);
}
