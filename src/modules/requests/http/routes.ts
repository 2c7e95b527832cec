/**
 * The 依申请公开 module as one Fastify plugin: public intake and status pages, the staff pages and the
 * JSON API. Importing it also registers the module's policy rules, reminder job, CLI commands
 * (`gongkai import requests`, `gongkai pii rotate`), demo seeder and dashboard widget.
 */
import type { FastifyInstance } from 'fastify';
import '../policy.ts';
import '../jobs.ts';
import '../cli.ts';
import '../demo/seed.ts';
import '../views/widget.tsx';
import '../views/queue.tsx';
// registers the calendar listener that recomputes open cases' due dates (store/due-dates.ts)
import '../store/due-dates.ts';
import requestPublicRoutes from './public-routes.tsx';
import requestStaffRoutes from './staff-routes.tsx';
import requestApiRoutes from './api.ts';
import appealRegisterRoutes from './appeal-register.tsx';

export default async function requestRoutes(app: FastifyInstance) {
  await app.register(requestPublicRoutes);
  await app.register(requestStaffRoutes);
  await app.register(requestApiRoutes);
  await app.register(appealRegisterRoutes);
}
