/**
 * Idempotent creates (#14.8: "cases 61 and 62 from identical POSTs"). A create form carries a one-time
 * token, a JSON create API an `Idempotency-Key` header; the first request with a key claims it, runs,
 * and stores its response; a replay with the same key and the same body gets that response again and
 * creates nothing; the same key with a different body is refused (422). A request that fails (bad
 * input, 4xx) releases the key, so the corrected form can be sent with it. Responses are kept for
 * IDEMPOTENCY_TTL_HOURS, encrypted like personal data (the first response may carry a query code).
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { AppError } from './errors.ts';
import type { Msg } from '../render/i18n.ts';
import { decryptPii, encryptPii } from '../pii/crypto.ts';

export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * A claim whose process died (kill -9, a crash) before it stored the answer would otherwise answer
 * "still being processed" to every resend for a day, and the citizen's submission would be lost; after
 * this many seconds a resend takes it over and runs again (a second copy is better than none).
 */
export const STALE_CLAIM_SECONDS = 120;
const KEY_RE = /^[\w.:-]{8,200}$/;

/** Fields that never belong to the request's content (tokens, CSRF, honeypot). */
const IGNORED = new Set(['_csrf', 'form_token', 'homepage']);

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.keys(v).filter((k) => !IGNORED.has(k)).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  if (v instanceof Uint8Array) return createHash('sha256').update(v).digest('hex');
  return v;
}

/** sha256 of the body with its keys sorted (tokens and CSRF left out); uploaded files by their bytes' hash. */
export function bodyHash(body: unknown, files: readonly { filename: string; data: Uint8Array }[] = []): string {
  return createHash('sha256').update(JSON.stringify([canonical(body), files.map((f) => [f.filename, canonical(f.data)])])).digest('hex');
}

export const IDEMPOTENCY_MESSAGES = {
  badKey: { zh: 'Idempotency-Key 须为8至200个字母、数字或 ._:- 字符', en: 'Idempotency-Key must be 8 to 200 letters, digits or ._:-' },
  otherBody: { zh: '该幂等键（表单令牌）已用于内容不同的另一次提交；请刷新页面后重新提交', en: 'This idempotency key (form token) was already used for a different submission; reload the form and submit again' },
  running: { zh: '同一提交正在处理中，请稍候刷新查看结果', en: 'The same submission is still being processed; reload in a moment' },
} satisfies Record<string, Msg>;

export interface Replayable<T> {
  status: number;
  value: T;
}

export function validKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_RE.test(key);
}

/**
 * Runs `run` once per (scope, key). `field` names the form field or header the key came from, for the
 * 422 message. Returns the stored response on a replay, with `replayed: true`.
 */
export async function idempotent<T>(
  db: Db,
  keys: readonly Buffer[],
  o: { scope: string; key: string; hash: string; field: string },
  run: () => Promise<Replayable<T>>,
): Promise<Replayable<T> & { replayed: boolean }> {
  if (!validKey(o.key)) throw new AppError(422, 'bad_idempotency_key', IDEMPOTENCY_MESSAGES.badKey, { [o.field]: IDEMPOTENCY_MESSAGES.badKey });
  await db.deleteFrom('request_idempotency').where('created_at', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`).execute();
  const claimed = await db
    .insertInto('request_idempotency')
    .values({ scope: o.scope, key: o.key, body_hash: o.hash })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const row = await db.selectFrom('request_idempotency').selectAll().where('scope', '=', o.scope).where('key', '=', o.key).executeTakeFirstOrThrow();
    if (row.body_hash !== o.hash) throw new AppError(422, 'idempotency_key_reused', IDEMPOTENCY_MESSAGES.otherBody, { [o.field]: IDEMPOTENCY_MESSAGES.otherBody });
    if (row.status === null || row.response_enc === null) {
      const abandoned = await db.deleteFrom('request_idempotency').where('scope', '=', o.scope).where('key', '=', o.key).where('status', 'is', null)
        .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`).returning('key').executeTakeFirst();
      if (!abandoned) throw new AppError(409, 'idempotency_in_progress', IDEMPOTENCY_MESSAGES.running);
      return idempotent(db, keys, o, run);
    }
    return { status: row.status, value: JSON.parse(decryptPii(keys, 'idempotency', row.response_enc)) as T, replayed: true };
  }
  let r: Replayable<T>;
  try {
    r = await run();
  } catch (e) {
    await db.deleteFrom('request_idempotency').where('scope', '=', o.scope).where('key', '=', o.key).execute();
    throw e;
  }
  await db
    .updateTable('request_idempotency')
    .set({ status: r.status, response_enc: encryptPii(keys, 'idempotency', JSON.stringify(r.value)) })
    .where('scope', '=', o.scope)
    .where('key', '=', o.key)
    .execute();
  return { ...r, replayed: false };
}

/**
 * A public form's one-time key (the anti-spam guard token, #14.8): the same form sent again with the same
 * content shows the first result and stores nothing new; sent with other content — a citizen who went
 * back and wrote a second comment or message on the same page — it is a new submission, never a 422: a
 * citizen's words are not lost to a key rule. (The comment storm posts many comments per opened form.)
 */
export function oncePerContent<T>(
  db: Db,
  keys: readonly Buffer[],
  o: { scope: string; key: string; hash: string; field: string },
  run: () => Promise<Replayable<T>>,
): Promise<Replayable<T> & { replayed: boolean }> {
  return idempotent(db, keys, { ...o, scope: `${o.scope}:${o.hash.slice(0, 16)}` }, run);
}

/**
 * A staff create form's one-time key (#14.8, every create form): the form carries `form_token`
 * (`formTokenValue`); the first POST runs `run`, which creates and returns where to go next; the same
 * POST again returns that place and creates nothing; the same token with other content is 422. A form
 * without a token (older clients, tests) runs as before.
 */
export async function onceByFormToken(
  db: Db,
  keys: readonly Buffer[],
  o: { scope: string; userId: number | null | undefined; body: Record<string, unknown> },
  run: () => Promise<string>,
): Promise<string> {
  const token = typeof o.body.form_token === 'string' ? o.body.form_token : '';
  if (!token) return run();
  const r = await idempotent<string>(db, keys, { scope: `form:${o.scope}:${o.userId ?? 0}`, key: token, hash: bodyHash(o.body), field: 'form_token' }, async () => ({ status: 303, value: await run() }));
  return r.value;
}

/** The hidden field's value: the one posted back (a refused form keeps its key) or a new one. */
export function formTokenValue(values?: Record<string, unknown> | null): string {
  const v = values?.form_token;
  return typeof v === 'string' && validKey(v) ? v : randomUUID();
}
