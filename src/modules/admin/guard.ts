/** Registers a group of admin routes behind sign-in and CSRF checks (every form POST is checked). */
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../core/http/auth.ts';

export function adminRoutes(app: FastifyInstance, fn: (scope: FastifyInstance) => Promise<void> | void) {
  return app.register(async (scope) => {
    scope.addHook('preHandler', requireActor);
    scope.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') await new Promise<void>((resolve, reject) => scope.csrfProtection(req, reply, (e?: Error) => (e ? reject(e) : resolve())));
    });
    await fn(scope);
  });
}
