/**
 * 政务新媒体 registry: public lists (`/media`, `/u/:slug/media`), QR images, `GET /api/v1/media-accounts?unit=`,
 * and the admin pages (accounts of the user's units, an account with its inspections).
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode, unitById, unitBySlug, type Unit } from '../../units/repository.ts';
import { recordInspection, saveAccount } from '../commands.ts';
import { PLATFORM_NAMES, type Platform } from '../domain/rules.ts';
import { accountById, inspectionsOf, listAccounts, qrOf, type AccountRow } from '../store/queries.ts';
import { AccountPage, AdminList, PublicList } from '../views/pages.tsx';
import '../demo/media.ts';

ADMIN_NAV.push({ key: 'media', href: '/admin/media', label: { zh: '政务新媒体', en: 'New-media accounts' }, action: 'media.view', order: 79 });

const HTML = 'text/html; charset=utf-8';
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' },
  inspected: { zh: '检查记录已保存。', en: 'The inspection was recorded.' },
};

const AccountJson = Type.Object({
  id: Type.Integer(), unit_code: Type.String(), unit_name: Type.String(), platform: Type.String(), platform_name: Type.String(),
  name: Type.String(), account_id: Type.String(), operator: Type.String(),
  opened_on: Type.Union([Type.String(), Type.Null()]), status: Type.String(), closed_on: Type.Union([Type.String(), Type.Null()]),
  qr_url: Type.Union([Type.String(), Type.Null()]),
  last_inspection: Type.Union([Type.Object({ inspected_on: Type.String(), last_post_on: Type.Union([Type.String(), Type.Null()]), pass: Type.Boolean() }), Type.Null()]),
});

export default async function mediaRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  const json = (a: AccountRow) => ({
    id: a.id, unit_code: a.unit_code, unit_name: a.unit_name, platform: a.platform, platform_name: PLATFORM_NAMES[a.platform as Platform]?.zh ?? a.platform,
    name: a.name, account_id: a.account_id, operator: a.operator, opened_on: a.opened_on, status: a.status, closed_on: a.closed_on,
    qr_url: a.has_qr && a.status === 'open' ? `${cfg.publicUrl}/media/qr/${a.id}` : null,
    last_inspection: a.last_inspected_on ? { inspected_on: a.last_inspected_on, last_post_on: a.last_post_on, pass: !!a.last_pass } : null,
  });

  app.get('/api/v1/media-accounts', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Government new-media accounts (政务新媒体) of a unit and the units below it, or of the whole cluster',
      tags: ['units'],
      querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })) }),
      response: { 200: Type.Object({ data: Type.Array(AccountJson), count: Type.Integer() }) },
    },
  }, async (req) => {
    const code = String((req.query as { unit?: string }).unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound({ zh: '单位', en: 'unit' });
      subtreeOf = unit.path;
    }
    const data = (await listAccounts(db, { subtreeOf })).map(json);
    return { data, count: data.length };
  });

  app.get('/media', async (req, reply) => send(reply, PublicList({ c: viewContext(req, reply), unit: null, accounts: await listAccounts(db) })));
  app.get<{ Params: { slug: string } }>('/u/:slug/media', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    return send(reply, PublicList({ c: viewContext(req, reply), unit, accounts: await listAccounts(db, { subtreeOf: unit.path }) }));
  });
  app.get<{ Params: { id: string } }>('/media/qr/:id', async (req, reply) => {
    const a = await accountById(db, idOf(req.params.id));
    const qr = a && a.status === 'open' ? await qrOf(db, a.id) : undefined;
    if (!qr) throw notFound({ zh: '二维码', en: 'QR code' });
    return reply.type(qr.mime).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(Buffer.from(qr.data));
  });

  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { unit?: string; done?: string } }>;
  const visible = async (req: Req): Promise<{ account: AccountRow; unit: Unit }> => {
    const account = await accountById(db, idOf(req.params.id));
    const unit = account ? await unitById(db, account.unit_id) : undefined;
    if (!account || !unit || !can(req.actor, 'media.view', unit.path)) throw notFound({ zh: '新媒体账号', en: 'account' });
    return { account, unit };
  };
  const page = async (req: Req, reply: FastifyReply, unit: Unit, account: AccountRow | null, o: { values?: Record<string, unknown>; errors?: Record<string, Msg>; inspectValues?: Record<string, unknown>; inspectErrors?: Record<string, Msg>; status?: number } = {}) =>
    send(reply, AccountPage({
      c: viewContext(req, reply), unit, account, values: o.values ?? (account as unknown as Record<string, unknown>) ?? {}, errors: o.errors,
      inspections: account ? await inspectionsOf(db, account.id) : [], inspectValues: o.inspectValues, inspectErrors: o.inspectErrors, notice: DONE[String(req.query?.done ?? '')],
    }), o.status);

  await adminRoutes(app, async (s) => {
    await multipartForms(s, { fileSize: 1024 * 1024 + 1 });
    const fieldsOf = (req: FastifyRequest) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const qr = Buffer.isBuffer(body.qr) && body.qr.length ? new Uint8Array(body.qr) : null;
      return { fields, qr };
    };

    s.get('/admin/media', async (req: Req, reply) => {
      const scope = scopePaths(req.actor, 'media.view');
      const [accounts, units] = await Promise.all([listAccounts(db, { scope }), listUnits(db, { scope: scopePaths(req.actor, 'media.edit'), activeOnly: true })]);
      return send(reply, AdminList({ c: viewContext(req, reply), accounts, units, notice: DONE[String(req.query.done ?? '')] }));
    });
    const unitForNew = async (req: Req) => {
      const unit = await unitById(db, idOf(req.query.unit));
      if (!unit || !can(req.actor, 'media.edit', unit.path)) throw notFound({ zh: '单位', en: 'unit' });
      return unit;
    };
    s.get('/admin/media/new', async (req: Req, reply) => page(req, reply, await unitForNew(req), null, { values: {} }));
    s.post('/admin/media', async (req: Req, reply) => {
      const unit = await unitForNew(req);
      const { fields, qr } = fieldsOf(req);
      try {
        // a resent form (its one-time key) opens the account the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'media', userId: req.actor?.userId, body: { ...fields, qr } }, async () => `/admin/media/${await saveAccount(db, commandContext(req), { id: null, unitId: unit.id }, fields, qr)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, unit, null, { values: fields, errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.get('/admin/media/:id', async (req: Req, reply) => {
      const { account, unit } = await visible(req);
      return page(req, reply, unit, account);
    });
    s.get('/admin/media/:id/qr', async (req: Req, reply) => {
      const { account } = await visible(req);
      const qr = await qrOf(db, account.id);
      if (!qr) throw notFound({ zh: '二维码', en: 'QR code' });
      return reply.type(qr.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(Buffer.from(qr.data));
    });
    s.post('/admin/media/:id', async (req: Req, reply) => {
      const { account, unit } = await visible(req);
      const { fields, qr } = fieldsOf(req);
      try {
        await saveAccount(db, commandContext(req), { id: account.id, unitId: unit.id }, fields, qr);
        return reply.redirect(`/admin/media/${account.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, unit, account, { values: fields, errors: e.fields, status: e.status });
        throw e;
      }
    });
    s.post('/admin/media/:id/inspections', async (req: Req, reply) => {
      const { account, unit } = await visible(req);
      const body = formBody(req);
      try {
        await recordInspection(db, commandContext(req), account.id, body);
        return reply.redirect(`/admin/media/${account.id}?done=inspected#h-inspections`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, unit, account, { inspectValues: body, inspectErrors: e.fields, status: e.status });
        throw e;
      }
    });
  });
}
