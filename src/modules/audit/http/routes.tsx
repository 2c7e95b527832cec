/**
 * /admin/audit — the audit log for auditors — and /admin/audit/history/:type/:id, one object's
 * history (linked as 操作记录 from documents, request cases and users); each with a CSV export of
 * what it shows. Who sees what: rule `audit.view` (system administrators, unit administrators and
 * supervisors), for the units of their subtree; rows without a unit only for whole-cluster grants.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, viewContext } from '../../../core/http/request.ts';
import { can, inScope, scopePaths } from '../../../core/auth/policy.ts';
import { forbidden, notFound } from '../../../core/http/errors.ts';
import { tr, type Locale, type Msg } from '../../../core/render/i18n.ts';
import type { Db } from '../../../core/db/index.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { parseFilter, type FilterQuery, type ParsedFilter } from '../domain/filters.ts';
import { kindOf } from '../domain/catalogue.ts';
import { actorText, sentence, sentenceText, subjectTypeName, subjectText } from '../domain/sentences.ts';
import { BOM, csvRow, csvTime } from '../domain/csv.ts';
import { actionsInLog, listAudit, unitScope, unitsInScope, type AuditFilter, type AuditRow, type UnitScope } from '../store/queries.ts';
import { relatedSubjects, resolveNames, subjectUnit } from '../store/names.ts';
import { recordAuditExport } from '../commands.ts';
import { AuditListPage } from '../views/list.tsx';

const PAGE = 50;
const HTML = 'text/html; charset=utf-8';
/** objects with a history page: the ones whose pages link to it */
const HISTORY_TYPES = ['document', 'request_case', 'user', 'unit'];

interface Ctx {
  scope: string[];
  inScope: Awaited<ReturnType<typeof unitsInScope>>;
}

async function auditContext(db: Db, req: FastifyRequest): Promise<Ctx> {
  const scope = scopePaths(req.actor, 'audit.view');
  if (!scope.length) throw forbidden();
  return { scope, inScope: await unitsInScope(db, scope) };
}

/** The filter within the scope, or the field errors; a unit outside the scope is an error, not an empty list. */
function resolve(ctx: Ctx, q: FilterQuery) {
  const { filter, errors } = parseFilter(q);
  let units: UnitScope | null = unitScope(ctx.scope, ctx.inScope, filter);
  if (!units) {
    errors.unit = { zh: '请选择列表中的单位', en: 'Choose a unit from the list' };
    units = unitScope(ctx.scope, ctx.inScope, { sub: true });
  }
  return { filter, errors, units: units! };
}

async function page(db: Db, units: UnitScope, f: AuditFilter & ParsedFilter) {
  const rows = await listAudit(db, units, f, { before: f.before, after: f.after, limit: PAGE + 1 });
  const more = rows.length > PAGE;
  if (f.after !== undefined) {
    // read upwards from `after`: the extra row is the newest one
    if (more) rows.shift();
    return { rows, newer: more ? rows[0].id : null, older: rows.length ? rows[rows.length - 1].id : null };
  }
  if (more) rows.pop();
  return { rows, older: more ? rows[rows.length - 1].id : null, newer: f.before !== undefined && rows.length ? rows[0].id : null };
}

async function usersInScope(db: Db, scope: string[]) {
  return db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'u.username', 'n.short_name as unit'])
    .where(inScope('n.path', scope)).orderBy('n.path').orderBy('u.display_name').limit(2000).execute();
}

const CSV_HEAD: Msg[] = [
  { zh: '时间', en: 'Time' }, { zh: '操作人', en: 'Actor' }, { zh: '操作', en: 'Action' }, { zh: '单位', en: 'Unit' },
  { zh: '操作代码', en: 'Action code' }, { zh: '对象类型', en: 'Object type' }, { zh: '对象编号', en: 'Object id' }, { zh: '对象名称', en: 'Object' },
  { zh: '变更摘要', en: 'Summary' }, { zh: 'IP 地址（登录）', en: 'IP address (sign-ins)' }, { zh: '记录编号', en: 'Entry' },
];

/** Every row of the filter, in batches by id, as CSV (UTF-8 with BOM). */
async function* csvLines(db: Db, l: Locale, units: UnitScope, f: AuditFilter, unitNames: Map<number, string>) {
  yield BOM + csvRow(CSV_HEAD.map((h) => tr(l, h)));
  let before: number | undefined;
  for (;;) {
    const rows: AuditRow[] = await listAudit(db, units, f, { before, limit: 1000 });
    if (!rows.length) return;
    const names = await resolveNames(db, rows, l);
    let out = '';
    for (const r of rows) {
      const n = names(r);
      out += csvRow([
        csvTime(r.at), actorText(l, r, n.actor), sentenceText(sentence(l, r, n)), r.unit_id !== null ? unitNames.get(r.unit_id) ?? r.unit_id : '',
        r.action, subjectTypeName(l, r.subject_type), r.subject_id ?? '', n.subject?.name ?? '',
        r.summary && typeof r.summary === 'object' && Object.keys(r.summary).length ? JSON.stringify(r.summary) : '',
        kindOf(r.action) === 'signin' ? r.ip ?? '' : '', r.id,
      ]);
    }
    yield out;
    if (rows.length < 1000) return;
    before = rows[rows.length - 1].id;
  }
}

function sendCsv(reply: FastifyReply, lines: AsyncGenerator<string>, name: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines));
}

export default async function auditRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  async function listPage(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, r: ReturnType<typeof resolve>, history?: Parameters<typeof AuditListPage>[0]['history']) {
    const c = viewContext(req, reply);
    const hasErrors = Object.keys(r.errors).length > 0;
    const [result, users, codesInLog] = await Promise.all([
      hasErrors ? { rows: [], older: null, newer: null } : page(db, r.units, r.filter),
      history ? [] : usersInScope(db, ctx.scope),
      history ? [] : actionsInLog(db),
    ]);
    const names = await resolveNames(db, result.rows, c.l);
    const unitNames = new Map(ctx.inScope.units.map((u) => [u.id, u.short_name]));
    const html = renderHtml(AuditListPage({ c, filter: r.filter, errors: r.errors, units: ctx.inScope.units, users, codesInLog, ...result, names, unitNames, history }));
    return reply.code(hasErrors ? 400 : 200).type(HTML).header('cache-control', 'no-store').send(html);
  }

  /** One object's history: its unit must be in the audit scope (else 404, as if it did not exist). */
  async function historyOf(req: FastifyRequest<{ Params: { type: string; id: string } }>) {
    const { type, id } = req.params;
    if (!HISTORY_TYPES.includes(type) || !/^[1-9]\d{0,9}$/.test(id)) throw notFound({ zh: '对象', en: 'object' });
    const ctx = await auditContext(db, req);
    const unitId = await subjectUnit(db, type, id);
    const unit = ctx.inScope.units.find((u) => u.id === unitId);
    if (!unit || !can(req.actor, 'audit.view', unit.path)) throw notFound({ zh: '对象', en: 'object' });
    const subjects = await relatedSubjects(db, type, id);
    const r = resolve(ctx, req.query as FilterQuery);
    // only paging comes from the query: the object is the filter
    const filter: ParsedFilter = { sub: true, hideSignins: false, before: r.filter.before, after: r.filter.after };
    return { ctx, r: { ...r, filter: { ...filter, subjects }, units: unitScope(ctx.scope, ctx.inScope, { sub: true })! }, type, id };
  }

  await adminRoutes(app, (s) => {
    s.get('/admin/audit', async (req, reply) => {
      const ctx = await auditContext(db, req);
      return listPage(req, reply, ctx, resolve(ctx, req.query as FilterQuery));
    });

    s.get('/admin/audit/export.csv', async (req, reply) => {
      const ctx = await auditContext(db, req);
      const r = resolve(ctx, req.query as FilterQuery);
      if (Object.keys(r.errors).length) return listPage(req, reply, ctx, r);
      await recordAuditExport(db, commandContext(req), r.filter);
      const { before: _b, after: _a, ...f } = r.filter;
      return sendCsv(reply, csvLines(db, viewContext(req, reply).l, r.units, f, new Map(ctx.inScope.units.map((u) => [u.id, u.short_name]))), 'audit-log');
    });

    s.get<{ Params: { type: string; id: string } }>('/admin/audit/history/:type/:id', async (req, reply) => {
      const h = await historyOf(req);
      const l = viewContext(req, reply).l;
      const names = await resolveNames(db, [{ id: 0, at: new Date(), actor_id: null, actor_name: '', unit_id: null, action: '', subject_type: h.type, subject_id: h.id, summary: {}, ip: null }], l);
      const subject = names({ subject_type: h.type, subject_id: h.id } as AuditRow).subject;
      const what = `${subjectTypeName(l, h.type)}${subjectText(l, h.type, h.id, subject?.name)}`.trim();
      const T = (m: Msg, v?: Record<string, string>) => tr(l, m, v);
      return listPage(req, reply, h.ctx, h.r, {
        heading: T({ zh: '{what}的操作记录', en: 'History of the {what}' }, { what }),
        back: subject?.href ? { href: subject.href, label: T({ zh: '返回{what}', en: 'Back to the {what}' }, { what }) } : undefined,
        actorLink: h.type === 'user' ? `/admin/audit?user=${h.id}` : undefined,
        base: `/admin/audit/history/${h.type}/${h.id}`,
      });
    });

    s.get<{ Params: { type: string; id: string } }>('/admin/audit/history/:type/:id/export.csv', async (req, reply) => {
      const h = await historyOf(req);
      await recordAuditExport(db, commandContext(req), h.r.filter, { type: h.type, id: h.id });
      const { before: _b, after: _a, ...f } = h.r.filter;
      return sendCsv(reply, csvLines(db, viewContext(req, reply).l, h.r.units, f, new Map(h.ctx.inScope.units.map((u) => [u.id, u.short_name]))), `history-${h.type}-${h.id}`);
    });
  });
}
