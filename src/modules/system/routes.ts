/** Health, readiness, and the display preferences (language, elder mode) as plain links. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export default async function systemRoutes(app: FastifyInstance) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(app.deps.db);
      return { status: 'ready', database: app.deps.dbKind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: app.deps.dbKind });
    }
  });

  // /prefs?lang=en&back=/path — sets a cookie and returns; only same-site relative paths are followed.
  app.get<{ Querystring: { lang?: string; elder?: string; back?: string } }>('/prefs', async (req, reply) => {
    const { lang, elder, back } = req.query;
    const year = 365 * 24 * 3600;
    if (lang === 'en' || lang === 'zh-CN') reply.setCookie('lang', lang, { maxAge: year, httpOnly: false, path: '/' });
    if (elder === '1' || elder === '0') reply.setCookie('elder', elder, { maxAge: year, httpOnly: false, path: '/' });
    const safe = typeof back === 'string' && /^\/(?![/\\])[^\s]*$/.test(back) && !back.startsWith('/prefs') ? back : '/';
    // a Location header is ASCII: anything else in the path (a hand-typed /文件) goes percent-encoded
    return reply.redirect(safe.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch)), 303);
  });
}
