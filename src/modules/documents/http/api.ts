/**
 * The documents Open API (条例 第二十四条: 检索、查阅、下载 — also for machines):
 *   GET  /api/v1/documents                 published 主动公开 documents, filters + keyset cursor
 *   GET  /api/v1/documents/{id}            one document (withdrawn → 410 with a note)
 *   GET  /api/v1/documents/{id}/attachments/{attachmentId}   download
 *   GET  /api/v1/topics, /api/v1/units/{code}/columns        the catalog
 * and, with `Authorization: Bearer <API token>` (accounts/commands/tokens.ts; `gongkai token create`), the write
 * endpoints that call the same commands as the admin pages:
 *   POST /api/v1/documents, PATCH /api/v1/documents/{id},
 *   POST /api/v1/documents/{id}/{submit|recall|return|review|publish|withdraw},
 *   POST /api/v1/documents/{id}/attachments?filename=… (raw bytes, application/octet-stream)
 * Browsable docs at /api/docs, OpenAPI JSON at /api/docs/json (apiDocs, registered first).
 */
import { bodyHash, idempotent } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import { AppError, badRequest, notFound, unauthenticated } from '../../../core/http/errors.ts';
import { actorContext } from '../../../core/commands/context.ts';
import { can } from '../../../core/auth/policy.ts';
import { loadActor } from '../../../core/http/auth.ts';
import { parseDate } from '../../../core/http/input-guard.ts';
import { unitByCode, unitByRef } from '../../units/repository.ts';
import {
  columnBySlug, columnById, columnsOfUnit, getAttachment, getDocument, getPublicDocument, listPublicDocuments, listTopics, type ColumnNode, type TopicNode,
} from '../store/repository.ts';
import {
  createDocument, publishDocument, recallDocument, returnDocument, reviewDocument, submitDocument, updateDocument, withdrawDocument, type CommandResult, type DocumentInput,
} from '../commands.ts';
import { addAttachment, downloadHeaders, readStoredFile } from '../store/attachments.ts';
import { actorForApiToken } from '../../accounts/commands/tokens.ts';
import {
  CreateBody, DetailJson, ErrorJson, IdParams, ListJson, ListQuery, PatchBody, WithdrawnJson, presentDetail, presentListItem,
} from './api-schemas.ts';
import '../jobs.ts';
import '../cli.ts';
import '../demo/seed.ts';

/** OpenAPI document and Swagger UI. Not encapsulated (fastify-plugin) so it sees every /api route. */
export const apiDocs = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gongkai 政务公开 API',
        version: '1',
        description: 'Proactively disclosed government information (政府信息公开条例 第二十四条). Reads are public; writes need `Authorization: Bearer <token>` (create one with `gongkai token create`).',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token (gk_…)' } } },
    },
    // only /api routes are documented; pages have no schema
    transform: ({ schema, url }) => ({ schema: (url.startsWith('/api/v1') ? schema : { ...(schema ?? {}), hide: true }) as never, url }),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets inline styles; allow them on these pages only (the site CSP stays strict).
    staticCSP: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    uiConfig: { docExpansion: 'list', deepLinking: false },
  });
}, { name: 'gongkai-api-docs' });

const DOC_MSG = { zh: '文件', en: 'document' };
const BEARER = [{ bearerAuth: [] }];
const IdemHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: 'the same key and body get the first response again (no second draft); the same key with another body: 422' })) });
const rate = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

/** The actor of a Bearer token; 401 when missing or invalid. */
async function requireToken(req: FastifyRequest): Promise<void> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw unauthenticated();
  const actor = await actorForApiToken(req.server.deps.db, m[1]);
  if (!actor) throw new AppError(401, 'invalid_token', { zh: 'API 令牌无效、已过期或已撤销', en: 'The API token is invalid, expired or revoked' });
  req.actor = actor;
}

/** A token when one is sent, else the session cookie (admin preview of drafts and their files). */
async function optionalActor(req: FastifyRequest): Promise<void> {
  if (req.headers.authorization) await requireToken(req);
  else await loadActor(req);
}

function columnTree(nodes: ColumnNode[]): unknown[] {
  return nodes.map((c) => ({ slug: c.slug, name: c.name_zh, name_en: c.name_en, type: c.column_type, statutory_ref: c.statutory_ref, children: columnTree(c.children) }));
}
function topicTree(nodes: TopicNode[]): unknown[] {
  return nodes.map((t) => ({ key: t.key, name: t.name_zh, name_en: t.name_en, type: t.column_type, children: topicTree(t.children) }));
}

const TreeJson = Type.Array(Type.Object({ slug: Type.Optional(Type.String()), key: Type.Optional(Type.String()), name: Type.String(), name_en: Type.String(), type: Type.String(), statutory_ref: Type.Optional(Type.Union([Type.String(), Type.Null()])), children: Type.Array(Type.Any()) }));

export default async function documentsApi(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const store = { dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb };

  app.get('/api/v1/documents', {
    config: rate(600),
    schema: {
      summary: 'List published documents (主动公开), newest first',
      description: 'Ordered by published_at desc, id desc. Pages with an opaque `cursor` (keyset): pass `next_cursor` of the previous page.',
      tags: ['documents'], querystring: ListQuery, response: { 200: ListJson, 400: ErrorJson },
    },
  }, async (req, reply) => {
    const q = req.query as Record<string, string | number | undefined>;
    let unitId: number | undefined;
    if (q.unit) {
      const u = await unitByRef(db, String(q.unit));
      if (!u || !u.active) throw badRequest({ zh: '没有该单位', en: 'No such unit' }, { unit: { zh: '没有该单位（请给出单位代码或网址标识）', en: 'No unit has this code or slug' } });
      unitId = u.id;
    }
    let columnId: number | undefined;
    if (q.column) {
      const s = String(q.column);
      const col = /^\d+$/.test(s) ? await columnById(db, Number(s)) : unitId !== undefined ? await columnBySlug(db, unitId, s) : undefined;
      if (!col) throw badRequest({ zh: '没有该栏目', en: 'No such column' }, { column: { zh: '没有该栏目（按网址标识查找时须同时给出 unit）', en: 'No such column (a slug needs `unit` too)' } });
      columnId = col.id;
    }
    // date filters: a date that exists (published_from=0000-01-01 reached PostgreSQL; issue #10 item 7)
    for (const k of ['published_from', 'published_to', 'written_from', 'written_to'] as const) {
      if (q[k] !== undefined && q[k] !== '' && parseDate(q[k]) === null) {
        throw badRequest({ zh: '日期筛选条件无效', en: 'A date filter is not valid' }, { [k]: { zh: '应为存在的日期（年-月-日）', en: 'must be an existing date (YYYY-MM-DD)' } });
      }
    }
    const page = await listPublicDocuments(db, {
      unitId, subtree: q.subtree === '1' || q.subtree === 'true', columnId, topicKey: q.topic as string | undefined, docType: q.type as string | undefined,
      legalForm: q.legal_form as string | undefined, docNumber: q.doc_number as string | undefined, publishedFrom: q.published_from as string | undefined,
      publishedTo: q.published_to as string | undefined, writtenFrom: q.written_from as string | undefined, writtenTo: q.written_to as string | undefined,
      validity: q.validity as string | undefined,
    }, { cursor: q.cursor as string | undefined, limit: Number(q.limit ?? q.per_page ?? 20) });
    reply.header('cache-control', 'public, max-age=60');
    return { data: page.data.map(presentListItem), next_cursor: page.nextCursor };
  });

  app.get('/api/v1/documents/:id', {
    config: rate(1200),
    schema: {
      summary: 'One document: metadata, sanitised body, attachments, interpretations',
      description: 'Public: published 主动公开 documents only; a withdrawn one answers 410. With a Bearer token, any document the token’s user may view, with its status.',
      tags: ['documents'], params: IdParams, response: { 200: DetailJson, 404: ErrorJson, 410: WithdrawnJson },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: number };
    if (req.headers.authorization) {
      await requireToken(req);
      const d = await getDocument(db, id);
      if (!d || !can(req.actor, 'document.view', d.unit.path)) throw notFound(DOC_MSG);
      return presentDetail(d, true);
    }
    const r = await getPublicDocument(db, id);
    if (!r) throw notFound(DOC_MSG);
    if (r.kind === 'withdrawn') {
      return reply.code(410).send({
        error: { code: 'withdrawn', message: req.headers['accept-language']?.startsWith('en') ? 'This document has been withdrawn' : '该信息已撤回' },
        id: r.id, title: r.title, withdrawn_at: r.withdrawnAt ? new Date(r.withdrawnAt).toISOString() : null,
      });
    }
    reply.header('cache-control', 'public, max-age=60');
    return presentDetail(r.doc);
  });

  app.get('/api/v1/documents/:id/attachments/:attachmentId', {
    config: rate(600),
    schema: {
      summary: 'Download an attachment', tags: ['documents'],
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }), attachmentId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      response: { 404: ErrorJson },
    },
  }, async (req, reply) => {
    const { id, attachmentId } = req.params as { id: number; attachmentId: number };
    const a = await getAttachment(db, attachmentId);
    if (!a || a.document_id !== id) throw notFound({ zh: '附件', en: 'attachment' });
    const isPublic = a.status === 'published' && a.disclosure === 'proactive';
    if (!isPublic) {
      await optionalActor(req);
      if (!can(req.actor, 'document.view', a.unit_path)) throw notFound({ zh: '附件', en: 'attachment' });
    }
    const headers = downloadHeaders(a);
    if (req.headers['if-none-match'] === headers.etag) return (reply as FastifyReply).code(304).headers({ etag: headers.etag }).send();
    const bytes = readStoredFile(cfg.dataDir, a.sha256);
    if (!bytes) {
      req.log.error({ attachment: a.id }, 'attachment file missing or corrupted');
      throw notFound({ zh: '附件', en: 'attachment' });
    }
    return reply.headers({ ...headers, 'cache-control': isPublic ? 'public, max-age=86400' : 'private, no-store' }).send(bytes);
  });

  app.get('/api/v1/topics', {
    config: rate(300),
    schema: { summary: '专题 topics (cross-unit), with their sections', tags: ['catalog'], response: { 200: Type.Object({ data: TreeJson }) } },
  }, async () => ({ data: topicTree(await listTopics(db, { activeOnly: true })) }));

  app.get('/api/v1/units/:code/columns', {
    config: rate(300),
    schema: { summary: 'The catalog columns of a unit', tags: ['catalog'], params: Type.Object({ code: Type.String({ maxLength: 40 }) }), response: { 200: Type.Object({ data: TreeJson }), 404: ErrorJson } },
  }, async (req) => {
    const u = await unitByCode(db, (req.params as { code: string }).code);
    if (!u || !u.active) throw notFound({ zh: '单位', en: 'unit' });
    return { data: columnTree(await columnsOfUnit(db, u.id, { enabledOnly: true })) };
  });

  // --- writes (Bearer token) -------------------------------------------------------------------
  await app.register(async (w) => {
    // the token before the body: a request without one is 401, not a parsing or schema error
    w.addHook('onRequest', requireToken);
    w.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: cfg.maxUploadMb * 1024 * 1024 + 1 }, (_req, body, done) => done(null, body));
    const ctx = (req: FastifyRequest) => actorContext(req.actor!, req.ip);
    const send = (reply: FastifyReply, r: CommandResult, code = 200) =>
      reply.code(code).send({ data: presentDetail(r.document, true), warnings: r.warnings.map((m) => m.zh) });
    const Result = Type.Object({ data: DetailJson, warnings: Type.Array(Type.String()) });
    const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 422: ErrorJson };
    const write = (summary: string, body?: ReturnType<typeof Type.Object>, extra: Record<string, unknown> = {}) => ({
      config: rate(120),
      schema: { summary, tags: ['documents (write)'], security: BEARER, params: IdParams, ...(body ? { body } : {}), response: { 200: Result, ...errors }, ...extra },
    });

    w.post('/api/v1/documents', {
      config: rate(120),
      schema: { summary: 'Create a draft', tags: ['documents (write)'], security: BEARER, body: CreateBody, headers: IdemHeader, response: { 201: Result, ...errors } },
    }, async (req, reply) => {
      const { unit, ...input } = req.body as { unit: string } & DocumentInput;
      const u = await unitByCode(db, unit);
      if (!u) throw badRequest({ zh: '没有该单位', en: 'No such unit' }, { unit: { zh: '没有该单位代码', en: 'No unit has this code' } });
      const create = async () => {
        const r = await createDocument(db, ctx(req), u.id, input);
        return { status: 201, value: { data: presentDetail(r.document, true), warnings: r.warnings.map((m) => m.zh) } };
      };
      // Idempotency-Key (#14.8): a resent create gets the first response and makes no second draft
      const key = req.headers['idempotency-key'];
      const r = key === undefined ? await create() : await idempotent(db, cfg.piiKeys, { scope: `api:documents:${req.actor!.userId}`, key: String(key), hash: bodyHash(req.body), field: 'Idempotency-Key' }, create);
      return reply.code(r.status).send(r.value);
    });

    w.patch('/api/v1/documents/:id', write('Edit a draft, or a published document (keeps a version)', PatchBody), async (req, reply) => {
      const { acknowledgePersonalData, changeNote, ...patch } = req.body as DocumentInput & { acknowledgePersonalData?: boolean; changeNote?: string };
      return send(reply, await updateDocument(db, ctx(req), (req.params as { id: number }).id, patch, { acknowledgePersonalData, changeNote }));
    });
    w.post('/api/v1/documents/:id/submit', write('Submit a draft for review'), async (req, reply) =>
      send(reply, await submitDocument(db, ctx(req), (req.params as { id: number }).id)));
    w.post('/api/v1/documents/:id/recall', write('Recall your own submission before it is reviewed (撤回提交)'), async (req, reply) =>
      send(reply, await recallDocument(db, ctx(req), (req.params as { id: number }).id)));
    w.post('/api/v1/documents/:id/return', write('Return to draft with a reason', Type.Object({ reason: Type.String({ maxLength: 500 }) })), async (req, reply) =>
      send(reply, await returnDocument(db, ctx(req), (req.params as { id: number }).id, (req.body as { reason: string }).reason)));
    w.post('/api/v1/documents/:id/review', write('Approve after the 保密审查 and personal-information check', Type.Object({ confidentialityChecked: Type.Boolean(), personalInfoChecked: Type.Boolean() })), async (req, reply) =>
      send(reply, await reviewDocument(db, ctx(req), (req.params as { id: number }).id, req.body as { confidentialityChecked: boolean; personalInfoChecked: boolean })));
    w.post('/api/v1/documents/:id/publish', write('Publish now, or at `publishAt`; past the 条例 第二十六条 limit a `lateReason` is required', Type.Object({
      acknowledgePersonalData: Type.Optional(Type.Boolean()), publishAt: Type.Optional(Type.String({ format: 'date-time' })), lateReason: Type.Optional(Type.String({ maxLength: 500 })),
    })), async (req, reply) =>
      send(reply, await publishDocument(db, ctx(req), (req.params as { id: number }).id, (req.body ?? {}) as { acknowledgePersonalData?: boolean; publishAt?: string; lateReason?: string })));
    w.post('/api/v1/documents/:id/withdraw', write('Withdraw a published document (reason kept); `withdrawInterpretations`: ids of its published 解读 to withdraw with it', Type.Object({
      reason: Type.String({ maxLength: 500 }), withdrawInterpretations: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 })),
    })), async (req, reply) => {
      const b = req.body as { reason: string; withdrawInterpretations?: number[] };
      return send(reply, await withdrawDocument(db, ctx(req), (req.params as { id: number }).id, b.reason, { withdrawInterpretations: b.withdrawInterpretations }));
    });
    w.post('/api/v1/documents/:id/attachments', write('Attach a file (PDF, DOCX, XLSX, PNG/JPEG/GIF/WebP; type checked by content)', undefined, {
      querystring: Type.Object({ filename: Type.String({ minLength: 1, maxLength: 255 }), acknowledgePersonalData: Type.Optional(Type.Boolean()), changeNote: Type.Optional(Type.String({ maxLength: 500 })) }),
      consumes: ['application/octet-stream'],
      headers: IdemHeader,
    }), async (req, reply) => {
      const data = req.body;
      if (!Buffer.isBuffer(data)) throw new AppError(415, 'bad_request', { zh: '请以 application/octet-stream 上传文件内容', en: 'Send the file as application/octet-stream' });
      const q = req.query as { filename: string; acknowledgePersonalData?: boolean; changeNote?: string };
      const id = (req.params as { id: number }).id;
      const attach = async () => {
        const r = await addAttachment(db, ctx(req), store, id, { filename: q.filename, data }, { acknowledgePersonalData: q.acknowledgePersonalData, changeNote: q.changeNote });
        return { status: 200, value: { data: presentDetail(r.document, true), warnings: r.warnings.map((m) => m.zh) } };
      };
      // Idempotency-Key (#14.8): a resent upload gets the first response and attaches nothing twice
      const key = req.headers['idempotency-key'];
      const r = key === undefined ? await attach() : await idempotent(db, cfg.piiKeys, { scope: `api:attachments:${req.actor!.userId}:${id}`, key: String(key), hash: bodyHash({ ...q, data: new Uint8Array(data) }), field: 'Idempotency-Key' }, attach);
      return reply.code(200).send(r.value);
    });
  });
}
