/**
 * Cross-site request forgery, two independent lines:
 *
 * 1. Tokens (@fastify/csrf-protection, registered in app.ts): the secret lives in a signed cookie,
 *    and every token is also HMAC-bound (`getUserInfo`) to the session it was made for — the hash of
 *    the `gk_session` token, or "anon" without one. A token and secret cookie minted by an attacker
 *    on an anonymous page (and planted in the victim's browser, e.g. from a sibling subdomain) are
 *    therefore useless against the victim's session, while anonymous public forms keep working.
 * 2. Origin: an unsafe request (POST, PUT, PATCH, DELETE) whose Origin — or, without one, Referer —
 *    is neither this server's own origin nor GONGKAI_PUBLIC_URL's is refused with 403 before
 *    anything runs. Requests carrying neither header pass to the token check (some privacy tools
 *    strip both); API clients with `Authorization: Bearer` are not browsers and are not checked.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import type { Config } from '../../config/env.ts';
import { sessionCookieName, sessionIdHash } from '../auth/sessions.ts';
import { AppError } from './errors.ts';

/** The CSRF secret cookie's name: `__Host-gk_csrf` when cookies are Secure. */
export const csrfCookieName = (secure: boolean) => (secure ? '__Host-gk_csrf' : '_csrf');

/** Key for the token HMAC, derived from SESSION_SECRET (never the secret itself). */
export const csrfHmacKey = (sessionSecret: string) => createHmac('sha256', sessionSecret).update('gongkai csrf token binding v1').digest();

/** The session token of the request's (validly signed) session cookie, if any. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const raw = req.cookies?.[sessionCookieName(req.server.deps.cfg.cookieSecure)];
  if (!raw) return undefined;
  const un = req.unsignCookie(raw);
  return un.valid && un.value ? un.value : undefined;
}

/** What a CSRF token is bound to: the session (its stored hash) or, without one, "anon". */
export function csrfBinding(req: FastifyRequest): string {
  const token = sessionTokenOf(req);
  return token ? `s:${sessionIdHash(token)}` : 'anon';
}

/** A CSRF token for a form on this response, bound to the request's session. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: csrfBinding(req) });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

export const crossOrigin = () =>
  new AppError(403, 'cross_origin', { zh: '请求来源不是本站，已拒绝。请在本站页面上重新提交', en: 'The request did not come from this site and was refused; submit it again from this site’s page' });

/** onRequest hook: refuses unsafe requests sent from another origin (see the file comment). */
export function originGuard(cfg: Config) {
  const publicOrigin = originOf(cfg.publicUrl);
  return async (req: FastifyRequest): Promise<void> => {
    if (!UNSAFE.has(req.method) || req.headers.authorization) return;
    const origin = req.headers.origin;
    const referer = req.headers.referer;
    const claimed = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : null;
    if (claimed === null) return;
    const from = claimed === 'null' ? null : originOf(claimed);
    const self = originOf(`${req.protocol}://${req.host}`);
    if (from !== null && (from === self || from === publicOrigin)) return;
    throw crossOrigin();
  };
}
