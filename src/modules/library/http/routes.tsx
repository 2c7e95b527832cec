/**
 * The media library: `/admin/media-library` (the files of the user's units with kind/q/unit filters
 * and paging, the upload form; `?format=json&kind=image` is the editor's picker, client/library.ts),
 * `/admin/media-library/:id` (where it is used, edit, delete — refused with 409 while a document body
 * uses it) and the public file `GET /library/:key` (only while its unit is active). library.use on the
 * item's unit; an item outside it is 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits } from '../../units/repository.ts';
import { downloadHeaders, readStoredFile } from '../../documents/store/attachments.ts';
import { contentDisposition } from '../../documents/domain/filetype.ts';
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import { deleteItem, updateItem, uploadItem } from '../commands.ts';
import { downloadName, isImage, KEY_RE, kindFilter, libraryUrl } from '../domain/rules.ts';
import { itemById, itemByKey, listItems, PER_PAGE, usagesOf, type ItemRow } from '../store/queries.ts';
import { LibraryItem, LibraryList } from '../views/pages.tsx';
import '../demo/library.ts';

ADMIN_NAV.push({ key: 'library', href: '/admin/media-library', label: { zh: '媒体库', en: 'Media library' }, action: 'library.use', order: 12 });

const HTML = 'text/html; charset=utf-8';
const ITEM: Msg = { zh: '媒体库文件', en: 'library item' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  uploaded: { zh: '已上传到媒体库。', en: 'Uploaded to the library.' },
  saved: { zh: '已保存。', en: 'Saved.' },
  deleted: { zh: '已从媒体库删除。', en: 'Deleted from the library.' },
};
/** The picker's list: the newest images (or files) of the units the user may use, at most this many. */
const PICKER_MAX = 200;

export default async function libraryRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).header('cache-control', 'no-store').send(renderHtml(body as never));
  type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>;

  // public files: only while the unit is active (a deactivated unit's site is gone, so are its files)
  app.get<{ Params: { key: string } }>('/library/:key', async (req, reply) => {
    const key = String(req.params.key ?? '').toLowerCase();
    const item = KEY_RE.test(key) ? await itemByKey(db, key) : undefined;
    const data = item && item.unit_active ? readStoredFile(cfg.dataDir, item.sha256) : null;
    if (!item || !data) throw notFound({ zh: '文件', en: 'file' });
    const headers = downloadHeaders({ filename: downloadName(item.name, key.split('.').pop()!), mime: item.mime, size: data.length, sha256: item.sha256, kind: item.kind });
    // the name shown by the browser: the item's name; images inline, documents saved
    headers['content-disposition'] = contentDisposition(downloadName(item.name, key.split('.').pop()!), isImage(item.kind) ? 'inline' : 'attachment');
    // the bytes under a key never change; a day's caching, revalidated by ETag after that
    headers['cache-control'] = 'public, max-age=86400';
    headers['last-modified'] = new Date(item.created_at).toUTCString();
    if (req.headers['if-none-match'] === headers.etag) {
      const { 'content-length': _len, ...rest } = headers;
      return reply.code(304).headers(rest).send();
    }
    return reply.code(200).headers(headers).send(data);
  });

  const visible = async (req: Req): Promise<ItemRow> => {
    const item = await itemById(db, idOf(req.params.id));
    if (!item || !can(req.actor, 'library.use', item.unit_path)) throw notFound(ITEM);
    return item;
  };
  const listPage = async (req: Req, reply: FastifyReply, o: { values?: Record<string, string>; errors?: Record<string, Msg>; status?: number } = {}) => {
    const scope = scopePaths(req.actor, 'library.use');
    const q = req.query ?? {};
    const filter = { kind: kindFilter(q.kind), q: String(q.q ?? '').trim().slice(0, 100), unit: idOf(q.unit) || undefined };
    const page = Math.min(idOf(q.page) || 1, 10_000);
    const [{ items, total }, units] = await Promise.all([
      listItems(db, { scope, kind: filter.kind, q: filter.q, unitId: filter.unit, page }),
      listUnits(db, { scope, activeOnly: true }),
    ]);
    return send(reply, LibraryList({ c: viewContext(req, reply), items, total, page, perPage: PER_PAGE, filter, units, maxMb: cfg.maxUploadMb, values: o.values, errors: o.errors, notice: DONE[String(q.done ?? '')] }), o.status);
  };
  const itemPage = async (req: Req, reply: FastifyReply, item: ItemRow, o: { values?: Record<string, string>; errors?: Record<string, Msg>; problem?: Msg; status?: number } = {}) => {
    const all = await usagesOf(db, item.key);
    const usages = all.filter((u) => can(req.actor, 'document.view', u.unit_path));
    return send(reply, LibraryItem({ c: viewContext(req, reply), item, usages, hiddenUsages: all.length - usages.length, values: o.values, errors: o.errors, problem: o.problem, notice: DONE[String(req.query?.done ?? '')] }), o.status);
  };

  await adminRoutes(app, async (s) => {
    // multipart: fields are flattened before the guard's CSRF check reads body._csrf; the file as {filename, data}
    await s.register(multipart, { attachFieldsToBody: true, limits: { fileSize: cfg.maxUploadMb * 1024 * 1024 + 1, files: 1, fields: 10, parts: 12 } });
    s.addHook('preValidation', async (req) => {
      if (!req.isMultipart() || !req.body || typeof req.body !== 'object') return;
      const flat: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
        const part = (Array.isArray(v) ? v[0] : v) as { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
        if (part?.type === 'file') flat[k] = { filename: part.filename ?? 'file', data: await part.toBuffer!() };
        else if (part?.type === 'field') flat[k] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
      req.body = flat;
    });

    s.get('/admin/media-library', async (req: Req, reply) => {
      const scope = scopePaths(req.actor, 'library.use');
      if (!scope.length) throw forbidden();
      if (req.query.format !== 'json') return listPage(req, reply);
      // the editor's picker (client/library.ts): {items: [{url, name, alt}]}
      const { items } = await listItems(db, { scope, kind: kindFilter(req.query.kind), q: String(req.query.q ?? '').trim().slice(0, 100), unitId: idOf(req.query.unit) || undefined, perPage: PICKER_MAX });
      return reply.header('cache-control', 'private, no-store').send({
        items: items.map((i) => ({ url: libraryUrl(i.key), name: i.name, ...(isImage(i.kind) ? { alt: i.alt } : {}), kind: i.kind, unit: i.unit_name })),
      });
    });
    s.post('/admin/media-library', async (req: Req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const f = body.file as { filename: string; data: Buffer } | undefined;
      const file = f && Buffer.isBuffer(f.data) ? f : null;
      try {
        // the same upload sent again stores one item (#14.8); the file's name and bytes count as content
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'library', userId: req.actor?.userId, body: { ...fields, file: file?.data ?? '', filename: file?.filename ?? '' } }, async () => {
          await uploadItem(db, commandContext(req), { dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb }, idOf(fields.unit), file, fields);
          return '/admin/media-library?done=uploaded';
        });
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return listPage(req, reply, { values: fields, errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.get('/admin/media-library/:id', async (req: Req, reply) => itemPage(req, reply, await visible(req)));
    s.post('/admin/media-library/:id', async (req: Req, reply) => {
      const item = await visible(req);
      const body = formBody(req);
      try {
        await updateItem(db, commandContext(req), item.id, body);
        return reply.redirect(`/admin/media-library/${item.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return itemPage(req, reply, item, { values: body, errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.post('/admin/media-library/:id/delete', async (req: Req, reply) => {
      const item = await visible(req);
      try {
        await deleteItem(db, commandContext(req), item.id, { dataDir: cfg.dataDir });
        return reply.redirect('/admin/media-library?done=deleted', 303);
      } catch (e) {
        if (e instanceof AppError && e.status === 409) return itemPage(req, reply, item, { problem: e.msg, status: 409 });
        throw e;
      }
    });
  });
}
