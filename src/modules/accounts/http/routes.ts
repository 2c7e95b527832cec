/**
 * The accounts module's plugin: sign-in and one's own account, user administration, API tokens.
 * Importing it registers the module's policy rules, CLI commands and jobs.
 */
import type { FastifyInstance } from 'fastify';
import { JOBS } from '../../../core/jobs/index.ts';
import '../domain/policy.ts';
import '../cli.ts';
import { purgeLoginAttempts } from '../store/login-attempts.ts';
import signInRoutes from './sign-in-routes.tsx';
import userRoutes from './user-routes.tsx';
import tokensRoutes from './tokens-routes.tsx';

JOBS.push({ name: 'accounts.login-attempts.purge', everyMs: 24 * 3600_000, run: async (d) => purgeLoginAttempts(d.db) });

export default async function accountRoutes(app: FastifyInstance) {
  await app.register(signInRoutes);
  await app.register(userRoutes);
  await app.register(tokensRoutes);
}
