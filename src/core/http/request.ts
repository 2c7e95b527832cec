/**
 * Per-request facts every handler needs: the locale, elder mode, and (on admin and form routes
 * only) the signed-in actor. The portal's cached pages read nothing but two cookies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale, type Locale } from '../render/i18n.ts';
import type { Actor } from '../auth/policy.ts';
import { can } from '../auth/policy.ts';
import type { ViewContext, SiteInfo } from '../render/page.tsx';
import { actorContext, type CommandContext } from '../commands/context.ts';
import type { Config } from '../../config/env.ts';
import type { Db } from '../db/index.ts';
import { csrfToken } from './csrf.ts';
import type { FooterSource } from '../render/site-footer.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** every route (method, URL pattern) in registration order; HEAD twins left out */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
}

export interface AppDeps {
  db: Db;
  cfg: Config;
  dbKind: 'pglite' | 'postgres';
  /** the embedded server's LISTEN (core/db/embedded.ts); absent on PostgreSQL and in tests */
  dbListen?: (channel: string, fn: (payload: string) => void) => Promise<() => Promise<void>>;
  /** the footer settings every page shows (the portal module sets its loader) */
  footer?: FooterSource;
}

export function localeOf(req: FastifyRequest): Locale {
  return pickLocale(req.cookies?.lang, req.headers['accept-language']);
}

export function elderOf(req: FastifyRequest): boolean {
  return req.cookies?.elder === '1';
}

export function siteOf(cfg: Config): SiteInfo {
  return { siteName: cfg.siteName, siteDomain: cfg.siteDomain, siteIdCode: cfg.siteIdCode, publicUrl: cfg.publicUrl };
}

export function viewContext(req: FastifyRequest, reply: FastifyReply, opts: { csrf?: boolean } = {}): ViewContext {
  const actor = req.actor ?? null;
  return {
    l: localeOf(req),
    elder: elderOf(req),
    path: req.url,
    site: { ...siteOf(req.server.deps.cfg), footer: req.server.deps.footer?.current },
    actor,
    csrf: opts.csrf || actor ? csrfToken(req, reply) : undefined,
    can: (action, unitPath = null) => can(actor, action, unitPath),
  };
}

export function commandContext(req: FastifyRequest): CommandContext {
  if (!req.actor) throw new Error('commandContext needs a signed-in actor');
  return actorContext(req.actor, req.ip);
}

/** Form bodies are flat string maps (urlencoded); this reads one safely. */
export function formBody(req: FastifyRequest): Record<string, string> {
  const b = req.body;
  if (!b || typeof b !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

export function formBodyAll(req: FastifyRequest, key: string): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.[key];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}
