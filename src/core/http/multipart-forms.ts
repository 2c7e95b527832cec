/**
 * Multipart forms of the admin pages (an upload with its fields): registers @fastify/multipart with
 * the given limits (one file) and flattens the parts before validation, so the CSRF guard reads
 * body._csrf and the handlers read fields exactly as on an urlencoded form. A file field becomes its
 * bytes, or `{ filename, data }` with `named: true`.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

export interface MultipartFormOptions {
  /** largest file, bytes */
  fileSize: number;
  /** most fields (default 20); parts = fields + 5 unless given */
  fields?: number;
  parts?: number;
  /** file fields as { filename, data } instead of the bytes alone */
  named?: boolean;
}

export async function multipartForms(s: FastifyInstance, o: MultipartFormOptions): Promise<void> {
  const fields = o.fields ?? 20;
  await s.register(multipart, { attachFieldsToBody: true, limits: { fileSize: o.fileSize, files: 1, fields, parts: o.parts ?? fields + 5 } });
  s.addHook('preValidation', async (req) => {
    if (!req.isMultipart() || !req.body || typeof req.body !== 'object') return;
    const flat: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
      const part = (Array.isArray(v) ? v[0] : v) as { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
      if (part?.type === 'file') {
        const data = await part.toBuffer!();
        flat[k] = o.named ? { filename: part.filename ?? 'file', data } : data;
      } else if (part?.type === 'field') flat[k] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
    }
    req.body = flat;
  });
}
