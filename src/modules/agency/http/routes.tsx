/**
 * Agency information: the admin pages (a unit's draft, its items, publication, versions), the
 * public photo files, the JSON API `GET /api/v1/units/{code}/agency`, and the 机构职能 column panel.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { Type } from '@sinclair/typebox';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode, unitById, unitBySlug, type Unit } from '../../units/repository.ts';
import { COLUMN_PANELS } from '../../documents/http/column-panels.ts';
import { deleteDepartment, deleteLeader, publishAgency, saveDepartment, saveFunctions, saveLeader } from '../commands.ts';
import { diffSnapshots, sameSnapshot } from '../domain/rules.ts';
import { draftOf, draftPhoto, latestVersion, publicPhoto, publishedSummary, snapshotOf, versionOf, versionsOf } from '../store/queries.ts';
import { AgencyEdit, AgencyList, ItemForm, VersionView } from '../views/admin.tsx';
import { AgencyPanel, photoUrl } from '../views/public.tsx';
// the demo seeder registers when the module loads
import '../demo/agency.ts';

ADMIN_NAV.push({ key: 'agency', href: '/admin/agency', label: { zh: '机构信息', en: 'Agency information' }, action: 'agency.view', order: 78 });

const HTML = 'text/html; charset=utf-8';
const UNIT = { zh: '单位', en: 'unit' };
const DONE: Record<string, Msg> = {
  functions: { zh: '机关职能已保存为草稿。', en: 'The functions were saved as a draft.' },
  item: { zh: '已保存为草稿，发布后在门户显示。', en: 'Saved as a draft; it shows on the portal once published.' },
  deleted: { zh: '已从草稿中删除，发布后在门户生效。', en: 'Removed from the draft; the portal follows on publication.' },
  published: { zh: '已发布新版本，门户已更新。', en: 'A new version was published; the portal shows it.' },
};

const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);

// The column panel: the 机构职能 column shows the published information above its documents.
COLUMN_PANELS.set('organisation', async (db, unit, c) => AgencyPanel({ c, unit, version: (await latestVersion(db, unit.id)) ?? null }));

const Contact = Type.Object({
  address: Type.Union([Type.String(), Type.Null()]), postcode: Type.Union([Type.String(), Type.Null()]),
  office_hours: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]),
  fax: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]),
  responsible_official: Type.Union([Type.String(), Type.Null()]), responsible_title: Type.Union([Type.String(), Type.Null()]),
});
const AgencyJson = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), url: Type.String() }),
  version: Type.Integer(), published_at: Type.String({ format: 'date-time' }),
  functions_html: Type.String(),
  contact: Contact,
  departments: Type.Array(Type.Object({ name: Type.String(), functions: Type.String(), phone: Type.String() })),
  leaders: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), duties: Type.String(), cv: Type.String(), photo_url: Type.Union([Type.String(), Type.Null()]) })),
});

export default async function agencyRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;

  app.get('/api/v1/units/:code/agency', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'The published agency information of a unit (条例 第二十条第二项): functions, contacts, departments, leaders',
      tags: ['units'],
      params: Type.Object({ code: Type.String({ maxLength: 18 }) }),
      response: { 200: AgencyJson },
    },
  }, async (req) => {
    const code = String((req.params as { code: string }).code).toUpperCase();
    const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
    const v = unit?.active ? await latestVersion(db, unit.id) : undefined;
    if (!unit || !v) throw notFound({ zh: '机构信息', en: 'agency information' });
    const s = v.snapshot;
    return {
      unit: { code: unit.code, name: unit.name, url: `${cfg.publicUrl}/u/${unit.slug}/xxgk/fdzdgknr/organisation` },
      version: v.version, published_at: new Date(v.published_at).toISOString(), functions_html: s.functions,
      contact: { address: unit.address, postcode: unit.postcode, office_hours: unit.office_hours, phone: unit.phone, fax: unit.fax, email: unit.email, responsible_official: unit.responsible_official, responsible_title: unit.responsible_title },
      departments: s.departments,
      leaders: s.leaders.map(({ photo_id, ...l }) => ({ ...l, photo_url: photo_id ? cfg.publicUrl + photoUrl(unit, photo_id) : null })),
    };
  });

  const sendPhoto = (reply: FastifyReply, p: { mime: string; data: Uint8Array; sha256: string } | undefined, cache: string) => {
    if (!p) throw notFound({ zh: '照片', en: 'photo' });
    return reply.type(p.mime).header('cache-control', cache).header('etag', `"${p.sha256.slice(0, 32)}"`).header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').send(Buffer.from(p.data));
  };

  app.get<{ Params: { slug: string; id: string } }>('/u/:slug/agency/photos/:id', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    // a photo never changes under its id: cacheable for long
    return sendPhoto(reply, await publicPhoto(db, unit.id, idOf(req.params.id)), 'public, max-age=86400');
  });

  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));

  type Req = FastifyRequest<{ Params: { unit: string; id?: string; v?: string; kind?: string }; Querystring: { done?: string } }>;
  /** The unit of the URL, if the user may see its agency information (else 404, as for a unit that does not exist). */
  const unitOf = async (req: Req): Promise<Unit> => {
    const id = idOf(req.params.unit);
    const u = id ? await unitById(db, id) : undefined;
    if (!u || !can(req.actor, 'agency.view', u.path)) throw notFound(UNIT);
    return u;
  };

  const editPage = async (req: Req, reply: FastifyReply, unit: Unit, o: { errors?: Record<string, Msg>; functionsValue?: string; status?: number } = {}) => {
    const [draft, versions] = await Promise.all([draftOf(db, unit.id), versionsOf(db, unit.id)]);
    const snap = snapshotOf(draft);
    const pending = sameSnapshot(versions[0]?.snapshot, snap) ? null : diffSnapshots(versions[0]?.snapshot ?? null, snap);
    return send(reply, AgencyEdit({ c: viewContext(req, reply), unit, functions: draft.functions, departments: draft.departments, leaders: draft.leaders, versions, pending, notice: DONE[String(req.query?.done ?? '')], errors: o.errors, functionsValue: o.functionsValue }), o.status);
  };

  await adminRoutes(app, async (s) => {
    // leader photos come as multipart; fields are flattened before the CSRF check reads body._csrf
    await multipartForms(s, { fileSize: 1024 * 1024 + 1 });

    s.get('/admin/agency', async (req, reply) => {
      const units = await listUnits(db, { scope: scopePaths(req.actor, 'agency.view'), activeOnly: true });
      return send(reply, AgencyList({ c: viewContext(req, reply), units, published: await publishedSummary(db, units.map((u) => u.id)) }));
    });

    s.get('/admin/agency/:unit', async (req: Req, reply) => editPage(req, reply, await unitOf(req)));

    s.post('/admin/agency/:unit/functions', async (req: Req, reply) => {
      const unit = await unitOf(req);
      const body = formBody(req);
      try {
        await saveFunctions(db, commandContext(req), unit.id, body);
        return reply.redirect(`/admin/agency/${unit.id}?done=functions`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return editPage(req, reply, unit, { errors: e.fields, functionsValue: body.functions, status: e.status });
        throw e;
      }
    });

    s.post('/admin/agency/:unit/publish', async (req: Req, reply) => {
      const unit = await unitOf(req);
      try {
        await publishAgency(db, commandContext(req), unit.id, formBody(req));
        return reply.redirect(`/admin/agency/${unit.id}?done=published`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return editPage(req, reply, unit, { errors: e.fields ?? { note: e.msg }, status: e.status });
        throw e;
      }
    });

    s.get('/admin/agency/:unit/versions/:v', async (req: Req, reply) => {
      const unit = await unitOf(req);
      const n = idOf(req.params.v);
      const version = await versionOf(db, unit.id, n);
      if (!version) throw notFound({ zh: '版本', en: 'version' });
      const prev = n > 1 ? await versionOf(db, unit.id, n - 1) : undefined;
      return send(reply, VersionView({ c: viewContext(req, reply), unit, version, diff: diffSnapshots(prev?.snapshot ?? null, version.snapshot) }));
    });

    s.get('/admin/agency/:unit/photos/:id', async (req: Req, reply) => {
      const unit = await unitOf(req);
      return sendPhoto(reply, await draftPhoto(db, unit.id, idOf(req.params.id)), 'private, no-store');
    });

    for (const kind of ['departments', 'leaders'] as const) {
      const rows = async (unitId: number) => (await draftOf(db, unitId))[kind] as { id: number; photo_id?: number | null }[];
      const form = (req: Req, reply: FastifyReply, unit: Unit, id: number | null, values: Record<string, unknown>, errors?: Record<string, Msg>, photoId?: number | null, status = 200) =>
        send(reply, ItemForm({ c: viewContext(req, reply), unit, kind, id, values, errors, photoId }), status);
      const editable = (req: Req, unit: Unit) => {
        if (!can(req.actor, 'agency.edit', unit.path)) throw new AppError(403, 'forbidden', { zh: '您没有修改该单位机构信息的权限', en: 'You may not edit this unit’s agency information' });
      };

      s.get(`/admin/agency/:unit/${kind}/new`, async (req: Req, reply) => {
        const unit = await unitOf(req);
        editable(req, unit);
        return form(req, reply, unit, null, {});
      });
      s.get(`/admin/agency/:unit/${kind}/:id`, async (req: Req, reply) => {
        const unit = await unitOf(req);
        editable(req, unit);
        const row = (await rows(unit.id)).find((r) => r.id === idOf(req.params.id));
        if (!row) throw notFound({ zh: '条目', en: 'item' });
        return form(req, reply, unit, row.id, row as unknown as Record<string, unknown>, undefined, row.photo_id);
      });
      const save = async (req: Req, reply: FastifyReply, id: number | null) => {
        const unit = await unitOf(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
        const photo = Buffer.isBuffer(body.photo) && body.photo.length ? { data: new Uint8Array(body.photo) } : null;
        try {
          const run = async () => {
            if (kind === 'departments') await saveDepartment(db, commandContext(req), unit.id, id, fields);
            else await saveLeader(db, commandContext(req), unit.id, id, fields, photo);
            return `/admin/agency/${unit.id}?done=item#h-${kind === 'departments' ? 'depts' : 'leaders'}`;
          };
          // a new item's form carries a one-time key: the same POST again adds nothing (#14.8); the photo's bytes count as content
          const to = id === null ? await onceByFormToken(db, cfg.piiKeys, { scope: `agency-${kind}:${unit.id}`, userId: req.actor?.userId, body: { ...fields, photo: photo?.data ?? '' } }, run) : await run();
          return reply.redirect(to, 303);
        } catch (e) {
          if (e instanceof AppError && e.fields) {
            const row = id ? (await rows(unit.id)).find((r) => r.id === id) : undefined;
            return form(req, reply, unit, id, fields, e.fields, row?.photo_id, e.status);
          }
          throw e;
        }
      };
      s.post(`/admin/agency/:unit/${kind}`, async (req: Req, reply) => save(req, reply, null));
      s.post(`/admin/agency/:unit/${kind}/:id`, async (req: Req, reply) => save(req, reply, idOf(req.params.id) || -1));
      s.post(`/admin/agency/:unit/${kind}/:id/delete`, async (req: Req, reply) => {
        const unit = await unitOf(req);
        if (kind === 'departments') await deleteDepartment(db, commandContext(req), unit.id, idOf(req.params.id));
        else await deleteLeader(db, commandContext(req), unit.id, idOf(req.params.id));
        return reply.redirect(`/admin/agency/${unit.id}?done=deleted`, 303);
      });
    }
  });
}
