/**
 * The footer settings: /admin/portal/settings (system admins; CSRF; audited by the command) and
 * the uploaded 党政机关网站标识 at /site-assets/conac. A save updates this node's footer at once,
 * drops every cached public page (here and, through the page cache's peers, on other nodes);
 * other nodes re-read the settings within 2 s (core/render/site-footer.tsx).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound } from '../../../core/http/errors.ts';
import { can } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { emitDocumentsChanged } from '../../documents/commands.ts';
import { savePortalSettings } from '../commands.ts';
import { conacImage, loadFooter } from '../store/settings.ts';
import { PortalSettingsPage } from '../views/settings.tsx';
import '../policy.ts';

ADMIN_NAV.push({ key: 'portal', href: '/admin/portal/settings', label: { zh: '门户设置', en: 'Portal settings' }, action: 'portal.settings', order: 88 });

export default async function portalSettingsRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const site = { siteName: cfg.siteName, siteIdCode: cfg.siteIdCode };
  if (app.deps.footer) app.deps.footer.loader = () => loadFooter(db, site);

  app.get('/site-assets/conac', async (_req, reply) => {
    const img = await conacImage(db);
    if (!img) throw notFound({ zh: '图片', en: 'image' });
    // the address carries the image's hash (?v=): a new image gets a new address
    return reply.type(img.mime).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').send(Buffer.from(img.data));
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, o: { values?: Record<string, string>; errors?: Record<string, Msg>; status?: number; saved?: boolean } = {}) => {
    const [current, img] = await Promise.all([loadFooter(db, site), conacImage(db)]);
    return reply.code(o.status ?? 200).type('text/html; charset=utf-8').send(renderHtml(PortalSettingsPage({ c: viewContext(req, reply), current, values: o.values, errors: o.errors, saved: o.saved, customImage: !!img })));
  };

  await adminRoutes(app, async (s) => {
    // fields are flattened before the CSRF check reads body._csrf (as in the agency module)
    await multipartForms(s, { fileSize: 1024 * 1024 });
    s.addHook('preHandler', async (req) => {
      if (req.url.startsWith('/admin/portal/') && !can(req.actor, 'portal.settings')) throw forbidden();
    });

    s.get('/admin/portal/settings', async (req: FastifyRequest<{ Querystring: { saved?: string } }>, reply) => page(req, reply, { saved: req.query.saved === '1' }));

    s.post('/admin/portal/settings', async (req, reply) => {
      const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      const image = Buffer.isBuffer(body.conac_image) && body.conac_image.length ? new Uint8Array(body.conac_image) : null;
      try {
        const saved = await savePortalSettings(db, commandContext(req), site, { ...formBody(req), remove_image: body.remove_image }, image);
        app.deps.footer?.set(saved);
        // every cached public page carries the old footer
        emitDocumentsChanged({ unitIds: [], documentIds: [], kind: 'edit', all: true });
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, { values: formBody(req), errors: e.fields, status: e.status });
        throw e;
      }
      return reply.redirect('/admin/portal/settings?saved=1', 303);
    });
  });
}
