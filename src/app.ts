/**
 * Builds the HTTP server. Order matters and is spelled out:
 *   1. core plugins (cookies, forms, security headers, rate limits, CSRF, static files)
 *   2. request decoration and the central error / not-found handlers
 *   3. domain modules, each registering its own routes (API and pages side by side)
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import fstatic from '@fastify/static';
import { resolve } from 'node:path';
import qs from 'node:querystring';
import type { Config } from './config/env.ts';
import type { Database } from './core/db/index.ts';
import { AppError, csrfFailed, tooMany } from './core/http/errors.ts';
import { localeOf, viewContext, type AppDeps, type RouteEntry } from './core/http/request.ts';
import { csrfBinding, csrfCookieName, csrfHmacKey, originGuard } from './core/http/csrf.ts';
import { helmetHook, securityHeaders } from './core/http/headers.ts';
import { inputError, inputGuard } from './core/http/input-guard.ts';
import { tr } from './core/render/i18n.ts';
import { renderHtml } from './core/render/page.tsx';
import { ErrorPage } from './core/render/error-page.tsx';
import { modules } from './modules/index.ts';
import { configureAudit } from './core/audit/index.ts';
import { configurePiiKeys } from './core/pii/crypto.ts';
import { defaultFooter, FooterSource } from './core/render/site-footer.tsx';

export async function buildApp(cfg: Config, database: Database, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : {
      level: cfg.logLevel,
      // personal data never reaches the log: no bodies are logged, and these headers are removed
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    // a hop count trusts that many proxies nearest to us (Fastify's own number option trusts none)
    trustProxy: typeof cfg.trustProxy === 'number' ? ((hops: number) => (_addr: string, i: number) => i < hops)(cfg.trustProxy) : cfg.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  configureAudit({ keys: cfg.auditKeys, anchorDir: cfg.auditAnchorDir });
  configurePiiKeys(cfg.piiKeys);
  const footer = new FooterSource(defaultFooter(cfg.siteName, cfg.siteIdCode), 2000, (err) => app.log.warn({ err }, 'footer settings: could not read them, keeping the last'));
  const deps: AppDeps = { db: database.db, cfg, dbKind: database.kind, dbListen: database.listen, footer };
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  // every route as registered, for the authorization matrix test (src/core/auth/authz-matrix.http.test.ts)
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) if (m !== 'HEAD') routeTable.push({ method: m, url: r.url });
  });

  // 1. core plugins
  await app.register(cookie, { secret: cfg.sessionSecret, parseOptions: { httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, path: '/' } });
  // forms: repeated keys become arrays (multi-selects), everything stays a string
  await app.register(formbody, { parser: (s) => qs.parse(s) });
  app.addHook('onRequest', helmetHook({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // no page may be framed: CSP frame-ancestors 'none', and DENY for browsers that only know XFO
    frameguard: { action: 'deny' },
    // includeSubDomains would bind every other host of a government domain to HTTPS: only on request
    hsts: cfg.cookieSecure ? { maxAge: 31536000, includeSubDomains: cfg.hstsIncludeSubDomains } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  }));
  // Permissions-Policy; no-store and noindex on /admin; cross-origin CORP on the public read API
  app.addHook('onSend', securityHeaders);
  // hostile input: NUL, lone surrogates, prototype keys, ids that are no ids (core/http/input-guard.ts);
  // after helmet, so its refusals carry the security headers too
  inputGuard(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => tooMany(),
  });
  // CSRF: Origin/Referer check on unsafe methods, then tokens bound to the session (core/http/csrf.ts)
  app.addHook('onRequest', originGuard(cfg));
  await app.register(csrf, {
    cookieKey: csrfCookieName(cfg.cookieSecure),
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: cfg.cookieSecure, path: '/' },
    csrfOpts: { hmacKey: csrfHmacKey(cfg.sessionSecret), userInfo: true },
    getUserInfo: csrfBinding,
    getToken: (req: FastifyRequest) => {
      const b = req.body as Record<string, unknown> | undefined;
      const v = b?._csrf ?? req.headers['x-csrf-token'];
      return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    },
  });
  await app.register(fstatic, { root: resolve(import.meta.dirname, '../static'), prefix: '/static/', maxAge: '1d', immutable: false });

  // the footer settings (database) are re-read at most every 2 s, before a page is rendered
  app.addHook('onRequest', async (req) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/static/') && !req.url.startsWith('/api/')) await footer.fresh();
  });

  // 2. error handling: 4xx in the user's language, 5xx without details
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => handleError(err, req, reply));
  app.setNotFoundHandler((req, reply) => handleError(new AppError(404, 'not_found', { zh: '您访问的页面不存在', en: 'The page you asked for does not exist' }), req, reply));

  // 3. domain modules
  for (const m of modules) await app.register(m);
  return app;
}

function wantsJson(req: FastifyRequest) {
  return req.url.startsWith('/api/') || req.url === '/api' || /application\/json/.test(req.headers.accept ?? '') && !/text\/html/.test(req.headers.accept ?? '');
}

function handleError(raw: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  let err: AppError;
  const fe = raw as FastifyError;
  const bad = raw instanceof AppError ? null : inputError(raw, req);
  if (raw instanceof AppError) err = raw;
  else if (bad) {
    // bad input that reached the database (a warning: the route should have caught it) or the multipart parser
    if (bad.code === 'bad_multipart') req.log.info({ route: req.routeOptions.url }, 'multipart body cut short');
    else req.log.warn({ err: raw, route: req.routeOptions.url }, 'bad input refused late');
    err = bad;
  }
  else if (fe.code?.startsWith('FST_CSRF')) err = csrfFailed();
  else if (fe.statusCode === 429) err = tooMany();
  else if (fe.validation) {
    const fields: Record<string, { zh: string; en: string }> = {};
    for (const v of fe.validation) {
      const key = (v.instancePath || '/' + ((v.params as { missingProperty?: string })?.missingProperty ?? '')).replace(/^\//, '').replace(/\//g, '.') || 'body';
      fields[key] = { zh: `格式不正确（${v.message ?? ''}）`, en: `invalid (${v.message ?? ''})` };
    }
    err = new AppError(400, 'bad_request', { zh: '请求参数不正确', en: 'The request parameters are not valid' }, fields);
  } else if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const s = fe.statusCode;
    const msg =
      s === 413 ? { zh: '提交的内容过大', en: 'The submission is too large' }
      : s === 415 ? { zh: '不支持的提交格式', en: 'Unsupported content type' }
      : s === 404 ? { zh: '您访问的页面不存在', en: 'The page you asked for does not exist' }
      : s === 405 ? { zh: '不支持该请求方法', en: 'Method not allowed' }
      : { zh: '请求格式不正确', en: 'The request is not valid' };
    err = new AppError(s, 'bad_request', msg);
  } else {
    req.log.error({ err: raw }, 'unhandled error');
    err = new AppError(500, 'internal', { zh: '服务器暂时无法处理您的请求，请稍后再试。我们已记录该问题。', en: 'The server could not handle your request. Please try again later; the problem has been logged.' });
  }
  if (err.status >= 400 && err.status < 500) req.log.info({ code: err.code, status: err.status }, 'request refused');
  const l = localeOf(req);
  reply.code(err.status);
  if (err.status === 401 && !wantsJson(req) && req.method === 'GET') return reply.redirect('/admin/login?next=' + encodeURIComponent(req.url), 302);
  if (wantsJson(req)) {
    const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, tr(l, m)])) : undefined;
    return reply.type('application/json; charset=utf-8').send({ error: { code: err.code, message: tr(l, err.msg), fields } });
  }
  let c;
  try {
    c = viewContext(req, reply);
  } catch {
    c = viewContext({ ...req, actor: null } as FastifyRequest, reply);
  }
  return reply.type('text/html; charset=utf-8').send(renderHtml(ErrorPage({ c, status: err.status, message: tr(l, err.msg), fields: err.fields })));
}
