/**
 * helmetHook(options): helmet's headers (CSP, HSTS, X-Frame-Options, …) on every response, from a
 * middleware built once at start. (@fastify/helmet, used before, called `helmet(options)` again on
 * every request, parsing the CSP directives each time: ~3 % of an uncached page's CPU, issue #15.)
 *
 * securityHeaders — response headers helmet does not set, per area (registered in app.ts after helmet):
 *   - every response: Permissions-Policy switching off device APIs no page uses;
 *   - /admin…: `Cache-Control: no-store` (console pages carry personal data and tokens; a shared
 *     computer's back button or a proxy must not keep them) and `X-Robots-Tag: noindex`;
 *   - the public read API (documents, their attachments, topics, units, search) answered to a
 *     request without credentials: `Cross-Origin-Resource-Policy: cross-origin`, so 政务新媒体 and the
 *     national portal can embed 图解 images and files (条例 第二十三条: disclosure through several
 *     channels). Everything else keeps helmet's `same-origin`.
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { sessionCookieName } from '../auth/sessions.ts';

export const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

const PUBLIC_API = /^\/api\/v1\/(documents|topics|units|search)(\/|\?|$)/;

const isAdmin = (url: string) => url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');

export function helmetHook(options: Readonly<HelmetOptions>): onRequestHookHandler {
  const apply = helmet(options);
  return (req, reply, done) => apply(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
}

export async function securityHeaders(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('permissions-policy', PERMISSIONS_POLICY);
  if (isAdmin(req.url)) {
    reply.header('cache-control', 'no-store');
    reply.header('x-robots-tag', 'noindex, nofollow');
  } else if ((req.method === 'GET' || req.method === 'HEAD') && PUBLIC_API.test(req.url) && reply.statusCode < 400) {
    const anonymous = !req.headers.authorization && !req.cookies?.[sessionCookieName(req.server.deps.cfg.cookieSecure)];
    if (anonymous) reply.header('cross-origin-resource-policy', 'cross-origin');
  }
  return payload;
}
