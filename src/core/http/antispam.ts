/**
 * The CAPTCHA-free guard of the public forms (comments on draft decisions, messages, interview
 * questions, hearing sign-ups). An image CAPTCHA shuts out people with visual impairments, and a
 * third-party service would send citizens' traffic elsewhere (DESIGN.md: no network calls at run
 * time). So, all without JavaScript and readable by a screen reader:
 *   - a honeypot field people never see, which form-filling robots fill in;
 *   - a signed form token with the time it was issued: a submission sooner than `minFillMs` after
 *     it, or older than `maxAgeMs`, is refused (robots post at once; stale forms are reloaded);
 *   - a small arithmetic question in words ("七加五等于几？"); the token carries only an HMAC of the
 *     answer, so the server keeps no state per form;
 *   - rate limits per client address (the route's `config.rateLimit`) and per contact
 *     (`contactAllowed`, a keyed hash of the phone or e-mail, never the contact itself).
 * The citizen's application form has its own older guard (modules/requests/http/guard.ts) with the same
 * first two parts.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { Msg } from '../render/i18n.ts';

export const ANTISPAM = {
  /** Lowered by tests; a person needs far longer than this to write a comment. */
  minFillMs: 3_000,
  maxAgeMs: 12 * 3600_000,
  honeypot: 'website',
  tokenField: 'guard_token',
  answerField: 'guard_answer',
};

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface Challenge {
  /** Hidden field value: `<issued ms>.<nonce>.<mac>`. */
  token: string;
  /** The question to show beside the answer field. */
  question: Msg;
}

const mac = (secret: string, scope: string, ms: number, nonce: string, answer: string) =>
  createHmac('sha256', secret).update(`gongkai/antispam/${scope}:${ms}:${nonce}:${answer}`).digest('base64url').slice(0, 22);

/**
 * A new challenge for a form. `scope` names the form (e.g. "consultation-comment"), so a token of
 * one form cannot be replayed on another.
 */
export function issueChallenge(secret: string, scope: string, nowMs = Date.now()): Challenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const nonce = randomBytes(6).toString('base64url');
  return {
    token: `${nowMs}.${nonce}.${mac(secret, scope, nowMs, nonce, String(a + b))}`,
    question: { zh: `${ZH_DIGITS[a]}加${ZH_DIGITS[b]}等于几？请填写阿拉伯数字。`, en: `What is ${a} plus ${b}? Answer in digits.` },
  };
}

export type GuardFailure = 'honeypot' | 'bad_token' | 'too_fast' | 'expired' | 'wrong_answer';

export const GUARD_MESSAGES: Record<GuardFailure, Msg> = {
  honeypot: { zh: '提交未通过校验，请刷新页面后重新填写', en: 'The submission did not pass our checks; reload the page and fill it in again' },
  bad_token: { zh: '表单已失效，请刷新页面后重新填写', en: 'The form is no longer valid; reload the page and fill it in again' },
  too_fast: { zh: '提交过快，请核对所填内容后再提交', en: 'That was too fast; please check what you entered and submit again' },
  expired: { zh: '表单打开时间过长已失效，请重新回答验证问题后提交', en: 'The form was open too long; answer the new check question and submit again' },
  wrong_answer: { zh: '验证问题回答不正确，请重新回答', en: 'The answer to the check question is not right; please try again' },
};

/** Checks honeypot, token age and the answer; null = probably a person. */
export function checkGuard(secret: string, scope: string, body: Record<string, unknown>, nowMs = Date.now()): GuardFailure | null {
  const hp = body[ANTISPAM.honeypot];
  if (typeof hp === 'string' && hp.trim() !== '') return 'honeypot';
  const token = body[ANTISPAM.tokenField];
  if (typeof token !== 'string' || !/^\d{10,16}\.[\w-]{8}\.[\w-]{22}$/.test(token)) return 'bad_token';
  const [msText, nonce, got] = token.split('.');
  const ms = Number(msText);
  if (nowMs - ms < ANTISPAM.minFillMs) return 'too_fast';
  if (nowMs - ms > ANTISPAM.maxAgeMs) return 'expired';
  const raw = body[ANTISPAM.answerField];
  // full-width digits (输入法) count as digits
  const answer = typeof raw === 'string' ? raw.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : '';
  if (!/^\d{1,3}$/.test(answer)) return 'wrong_answer';
  const want = Buffer.from(mac(secret, scope, ms, nonce, String(Number(answer))));
  const have = Buffer.from(got);
  return want.length === have.length && timingSafeEqual(want, have) ? null : 'wrong_answer';
}

/** Form fields that only the guard uses, to drop from a submission's values. */
export function withoutGuardFields<T extends Record<string, unknown>>(body: T): Omit<T, '_csrf'> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== ANTISPAM.honeypot && k !== ANTISPAM.tokenField && k !== ANTISPAM.answerField && k !== '_csrf') out[k] = v;
  return out as Omit<T, '_csrf'>;
}

/** Normalised contact (digits of a phone, lower-case e-mail) hashed with the secret: never stored in clear. */
export function contactKey(secret: string, contact: string): string {
  const c = contact.trim().toLowerCase();
  const norm = /^[+\d\s()-]+$/.test(c) ? c.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '') : c;
  return createHmac('sha256', secret).update(`gongkai/antispam/contact:${norm}`).digest('base64url').slice(0, 32);
}

/**
 * Per-contact limit: at most `max` accepted submissions of `scope` from one contact within
 * `windowMs`. Counts and records in one statement under an advisory lock on (scope, contact), so
 * parallel posts cannot both slip under the limit. Returns false when the limit is reached.
 * Call it inside the transaction that stores the submission, so a failed store counts nothing.
 */
export async function contactAllowed(tx: DbOrTx, o: { secret: string; scope: string; contact: string; max: number; windowMs: number }): Promise<boolean> {
  const key = contactKey(o.secret, o.contact);
  const lock = createHash('sha256').update(`${o.scope}:${key}`).digest().readBigInt64BE(0);
  await sql`select pg_advisory_xact_lock(${lock.toString()}::bigint)`.execute(tx);
  const since = new Date(Date.now() - o.windowMs);
  const row = await sql<{ n: string }>`select count(*) as n from form_contact_log where scope = ${o.scope} and contact_key = ${key} and at > ${since}`.execute(tx);
  if (Number(row.rows[0]?.n ?? 0) >= o.max) return false;
  await sql`insert into form_contact_log (scope, contact_key) values (${o.scope}, ${key})`.execute(tx);
  return true;
}

/** Drops log rows older than any window in use (a job calls it daily). */
export async function purgeContactLog(db: DbOrTx, olderThanMs = 7 * 24 * 3600_000): Promise<void> {
  await sql`delete from form_contact_log where at < ${new Date(Date.now() - olderThanMs)}`.execute(db);
}
