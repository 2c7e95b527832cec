/**
 * Console routes that let staff read an unpublished document as it will be published:
 *   GET  /admin/documents/:id/preview                the portal page of the document, for staff only
 *   GET  /admin/documents/:id/attachments/:aid       an attachment in any status (staff download)
 *   POST /admin/documents/:id/redact                 mask chosen personal numbers (store/redact.ts)
 * Each checks `document.view` on the document's unit (404 outside it, existence not revealed);
 * nothing here is cached or indexed. The portal URL of an unpublished document stays 404.
 * Registered inside admin-routes' signed-in, CSRF-checked scope.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { unitById } from '../../units/repository.ts';
import { downloadHeaders, readStoredFile } from '../store/attachments.ts';
import { redactPersonalData } from '../store/redact.ts';
import type { DocumentDetail } from '../store/repository.ts';
import { DocumentPage, docHref } from '../views/portal-views.tsx';
import { PreviewBanner, staffAttachmentUrl, staffDocUrl } from '../views/review.tsx';
import { parseId } from '../../../core/http/input-guard.ts';

type Req = FastifyRequest<{ Params: { id: string; aid?: string } }>;
const idOf = (s: string | undefined) => parseId(s) ?? 0; // a positive 32-bit integer (2147483648 is nobody's id: issue #10 item 7)
const ATTACHMENT: Msg = { zh: '附件', en: 'attachment' };

export interface ReviewRouteHelpers {
  /** The document if the actor may view it; 404 otherwise. */
  loadVisible(req: FastifyRequest, id: number): Promise<DocumentDetail>;
  /** Re-renders the document page (used when a redaction is refused). */
  docPage(req: FastifyRequest, reply: FastifyReply, d: DocumentDetail, o: { piiErrors?: Record<string, Msg>; status?: number }): Promise<unknown>;
}

export default async function reviewRoutes(s: FastifyInstance, h: ReviewRouteHelpers): Promise<void> {
  const { db, cfg } = s.deps;
  const base = cfg.publicUrl.replace(/\/$/, '');

  s.get('/admin/documents/:id/preview', async (req: Req, reply) => {
    const d = await h.loadVisible(req, idOf(req.params.id));
    const unit = (await unitById(db, d.unit_id))!;
    const c = viewContext(req, reply);
    const html = renderHtml(DocumentPage({
      c, doc: d, unit, slugs: {}, canonicalUrl: `${base}${docHref(unit.slug, d.id)}`, print: false, trail: [],
      preview: { attachmentHref: staffAttachmentUrl, refHref: staffDocUrl, banner: <PreviewBanner c={c} doc={d} /> },
    }));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex, nofollow').send(html);
  });

  s.get('/admin/documents/:id/attachments/:aid', async (req: Req, reply) => {
    const d = await h.loadVisible(req, idOf(req.params.id));
    const a = d.attachments.find((x) => x.id === idOf(req.params.aid));
    if (!a) throw notFound(ATTACHMENT);
    const bytes = readStoredFile(cfg.dataDir, a.sha256);
    if (!bytes) {
      req.log.error({ attachment: a.id }, 'attachment file missing or corrupted');
      throw notFound(ATTACHMENT);
    }
    return reply.headers({ ...downloadHeaders(a), 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' }).send(bytes);
  });

  s.post('/admin/documents/:id/redact', async (req: Req, reply) => {
    const d = await h.loadVisible(req, idOf(req.params.id));
    try {
      await redactPersonalData(db, commandContext(req), d.id, { keys: formBodyAll(req, 'keys'), style: formBody(req).style === 'full' ? 'full' : 'partial' });
      return reply.redirect(`/admin/documents/${d.id}?done=redact`, 303);
    } catch (e) {
      if (e instanceof AppError && e.fields) return h.docPage(req, reply, d, { piiErrors: e.fields, status: e.status });
      throw e;
    }
  });
}
