/**
 * Route guards: load the session's actor; require one; require a policy action. `requireActor` is
 * an onRequest hook on the admin pages and the staff API, so an anonymous request is answered 401
 * before its body is parsed or validated.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorForToken } from '../auth/sessions.ts';
import { can } from '../auth/policy.ts';
import { forbidden, unauthenticated } from './errors.ts';
import { sessionTokenOf } from './csrf.ts';

export async function loadActor(req: FastifyRequest): Promise<void> {
  const token = sessionTokenOf(req);
  if (token) req.actor = await actorForToken(req.server.deps.db, token);
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
