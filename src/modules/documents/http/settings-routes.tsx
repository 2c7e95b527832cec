/**
 * /admin/documents/settings?unit=ID: a unit's 索引号 pattern, the next number it would give, and
 * the form that changes it (setIndexPattern; rule document.settings — the unit's unit_admin or a
 * system admin). A bad pattern re-renders the form with 422 and validatePattern's message.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { listUnits, unitById } from '../../units/repository.ts';
import '../policy.ts';
import { setIndexPattern } from '../commands.ts';
import { indexPatternOf } from '../store/repository-catalog.ts';
import { DEFAULT_INDEX_PATTERN, formatIndexNumber, IndexNumberError } from '../domain/indexno.ts';
import { IndexSettingsPage, type IndexSettingsProps } from '../views/settings-views.tsx';
import { parseId } from '../../../core/http/input-guard.ts';

const UNIT: Msg = { zh: '单位', en: 'unit' };
const idOf = (s: unknown) => parseId(s) ?? 0; // a positive 32-bit integer (2147483648 is nobody's id: issue #10 item 7)

/** The number the unit's next document written today would get (the counter is not touched). */
export async function previewIndexNo(db: DbOrTx, unit: { id: number; code: string }, pattern: string, today = shanghaiDate()): Promise<IndexSettingsProps['preview']> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const counter = await db.selectFrom('index_counters').select('last_serial').where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
  const usesTopic = /\{\s*topic\s*\}/.test(pattern);
  try {
    return { ok: true, usesTopic, value: formatIndexNumber(pattern, { unitCode: unit.code, year, month, serial: Number(counter?.last_serial ?? 0) + 1, topic: '0201' }) };
  } catch (e) {
    if (e instanceof IndexNumberError) return { ok: false, message: e.detail };
    throw e;
  }
}

export default async function documentSettingsRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  /** The unit asked for (or the first one the actor may configure); 404 unknown, 403 not permitted. */
  async function loadUnit(req: FastifyRequest, raw: string | undefined) {
    const scope = scopePaths(req.actor, 'document.settings');
    if (!scope.length) throw forbidden();
    const units = await listUnits(db, { scope, activeOnly: true });
    const id = raw === undefined ? units[0]?.id ?? 0 : idOf(raw);
    const unit = id ? await unitById(db, id) : undefined;
    if (!unit) throw notFound(UNIT);
    if (!can(req.actor, 'document.settings', unit.path)) throw new AppError(403, 'forbidden', { zh: '您无权修改该单位的文件设置', en: 'You may not change this unit’s document settings' });
    return { unit, units };
  }

  async function page(req: FastifyRequest, reply: FastifyReply, raw: string | undefined, o: { value?: string; errors?: Record<string, Msg>; status?: number; saved?: boolean } = {}) {
    const { unit, units } = await loadUnit(req, raw);
    const current = await indexPatternOf(db, unit.id);
    const stored = await db.selectFrom('document_unit_settings').select('unit_id').where('unit_id', '=', unit.id).executeTakeFirst();
    const body = renderHtml(IndexSettingsPage({
      c: viewContext(req, reply), unit: { id: unit.id, name: unit.name, code: unit.code }, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.level })),
      current, isDefault: !stored, defaultPattern: DEFAULT_INDEX_PATTERN, preview: await previewIndexNo(db, unit, current),
      value: o.value, errors: o.errors, saved: o.saved,
    }));
    return reply.code(o.status ?? 200).type('text/html; charset=utf-8').send(body);
  }

  await adminRoutes(app, (s) => {
    s.get<{ Querystring: { unit?: string; done?: string } }>('/admin/documents/settings', async (req, reply) => page(req, reply, req.query.unit || undefined, { saved: req.query.done === 'saved' }));

    s.post('/admin/documents/settings', async (req, reply) => {
      const b = formBody(req);
      const { unit } = await loadUnit(req, b.unit ?? '');
      const pattern = b.index_pattern ?? '';
      try {
        await setIndexPattern(db, commandContext(req), unit.id, pattern);
        return reply.redirect(`/admin/documents/settings?unit=${unit.id}&done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return page(req, reply, String(unit.id), { value: pattern, errors: e.fields, status: e.status });
        throw e;
      }
    });
  });
}
