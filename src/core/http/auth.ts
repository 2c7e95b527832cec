/** Route guards: load the session's actor; require one; require a policy action. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorForToken, SESSION_COOKIE } from '../auth/sessions.ts';
import { can } from '../auth/policy.ts';
import { forbidden, unauthenticated } from './errors.ts';

export async function loadActor(req: FastifyRequest): Promise<void> {
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return;
  const un = req.unsignCookie(raw);
  if (!un.valid || !un.value) return;
  req.actor = await actorForToken(req.server.deps.db, un.value);
}

export async function requireActor(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  await loadActor(req);
  if (!req.actor) throw unauthenticated();
  if (!can(req.actor, 'admin.enter')) throw forbidden();
}

/** preHandler factory: the actor may do `action` somewhere (the handler checks the exact unit). */
export function requireSomewhere(action: string) {
  return async (req: FastifyRequest) => {
    if (!req.actor || !req.actor.grants.some(() => can(req.actor, action))) throw forbidden();
  };
}
