/**
 * Registers a group of admin routes behind sign-in and CSRF checks (every form POST is checked).
 * Sign-in is checked on request, before the body is parsed: an anonymous POST gets 401 (a GET the
 * login page), never a parsing or validation error. The CSRF token is read from the parsed body.
 */
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../core/http/auth.ts';

export function adminRoutes(app: FastifyInstance, fn: (scope: FastifyInstance) => Promise<void> | void) {
  return app.register(async (scope) => {
    scope.addHook('onRequest', requireActor);
    scope.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') await new Promise<void>((resolve, reject) => scope.csrfProtection(req, reply, (e?: Error) => (e ? reject(e) : resolve())));
    });
    await fn(scope);
  });
}
