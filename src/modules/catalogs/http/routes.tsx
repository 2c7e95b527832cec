/**
 * 基层政务公开标准目录: the public catalog page `/u/:slug/catalogs` (by area, each row with where to
 * find it), `GET /api/v1/catalogs?unit=&area=&year=`, the panel of the 基层政务公开标准目录 column, and
 * the admin pages (catalogs, rows, fulfilment links, XLSX import with a preview, XLSX export, the
 * coverage report per county / township).
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { Type } from '@sinclair/typebox';
import { readXlsxRows, xlsxBuffer } from '../../../core/docs/xlsx.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, invalid, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { zipBombReason } from '../../../core/docs/zip.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode, unitById, unitBySlug } from '../../units/repository.ts';
import { columnsOfUnit, listTopics } from '../../documents/store/repository-catalog.ts';
import { COLUMN_PANELS } from '../../documents/http/column-panels.ts';
import { addLink, createCatalog, deleteRow, importRows, moveCatalog, removeLink, saveRow, setTrigger } from '../commands.ts';
import { rowsWithState } from '../coverage.ts';
import { AREAS, areaOf } from '../domain/areas.ts';
import { CATALOG_UNIT_TYPES, SETS, parseSheet, sheetRows, validateRow, type RowError, type RowValue } from '../domain/rules.ts';
import { catalogById, listCatalogs, rowById, type CatalogRow } from '../store/queries.ts';
import { CatalogPanel, CatalogsPage } from '../views/public.tsx';
import { AdminCatalog, AdminCatalogs, ImportPreview, RowForm } from '../views/admin.tsx';
import { CoveragePage } from '../views/coverage.tsx';
import { apiRow, CatalogRowJson } from './api.ts';
import '../cli.ts';
import '../demo/catalogs.ts';

ADMIN_NAV.push({ key: 'catalogs', href: '/admin/catalogs', label: { zh: '标准目录', en: 'Standard catalogs' }, action: 'catalog.view', order: 79 });

// 国办发〔2019〕54号: the 基层政务公开标准目录 column (optional, documents/domain/catalog.ts) shows the published catalogs.
COLUMN_PANELS.set('standard-catalog', async (db, unit, c) => CatalogPanel({ c, unit, catalogs: await listCatalogs(db, { unitId: unit.id, publishedOnly: true }) }));

const HTML = 'text/html; charset=utf-8';
const UNIT: Msg = { zh: '单位', en: 'unit' };
const CATALOG: Msg = { zh: '标准目录', en: 'standard catalog' };
const ROW: Msg = { zh: '目录事项', en: 'catalog row' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' },
  created: { zh: '已新建年度目录。', en: 'The year\u2019s catalog is open.' },
  imported: { zh: '已导入。', en: 'Imported.' },
  submit: { zh: '已提交审核。', en: 'Submitted for review.' },
  publish: { zh: '已发布，门户已显示。', en: 'Published: it shows on the portal.' },
  return: { zh: '已退回草稿。', en: 'Returned to draft.' },
  deleted: { zh: '已删除。', en: 'Deleted.' },
  linked: { zh: '已关联。', en: 'Linked.' },
  unlinked: { zh: '已取消关联。', en: 'Link removed.' },
};

export function areaQuery(raw: unknown): string | undefined {
  const v = typeof raw === 'string' ? raw.trim() : '';
  if (!v) return undefined;
  const a = areaOf(v);
  if (!a) throw badRequest({ zh: '领域不正确', en: 'Unknown area' }, { area: { zh: '领域须为 01 至 26 的编号', en: 'area must be a code from 01 to 26' } });
  return a.code;
}
export function yearQuery(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const y = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(y)) throw badRequest({ zh: '年度须为四位数字', en: 'The year must have four digits' }, { year: { zh: '年度须为四位数字，如 2020', en: 'year: four digits, e.g. 2020' } });
  return y;
}
/** The latest published year of each area. */
const latestPerArea = (cats: CatalogRow[]) => AREAS.map((a) => cats.filter((c) => c.area === a.code).sort((x, y) => y.year - x.year)[0]).filter((c): c is CatalogRow => Boolean(c));

export default async function catalogRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));

  app.get('/api/v1/catalogs', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Published 基层政务公开标准目录 rows (standard disclosure catalogs of the 26 areas) of a unit and the units below it, with what fulfils each row and its state',
      tags: ['units'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        area: Type.Optional(Type.String({ maxLength: 20, description: 'area code 01–26 (or its Chinese name)' })),
        year: Type.Optional(Type.String({ maxLength: 4, description: 'year of the catalog (default: the latest published year of each area)' })),
      }),
      response: { 200: Type.Object({ data: Type.Array(CatalogRowJson), count: Type.Integer() }) },
    },
  }, async (req) => {
    const query = req.query as { unit?: string; area?: string; year?: string };
    const code = String(query.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound(UNIT);
      subtreeOf = unit.path;
    }
    const year = yearQuery(query.year);
    const all = await listCatalogs(db, { subtreeOf, area: areaQuery(query.area), year, publishedOnly: true });
    const cats = year !== undefined ? all : [...new Set(all.map((c) => c.unit_id))].flatMap((u) => latestPerArea(all.filter((c) => c.unit_id === u)));
    const rows = await rowsWithState(db, cats);
    const data = cats.flatMap((c) => (rows.get(c.id) ?? []).map((r) => apiRow(cfg.publicUrl, c, r)));
    return { data, count: data.length };
  });

  type PubReq = FastifyRequest<{ Params: { slug: string }; Querystring: { year?: string; area?: string } }>;
  app.get('/u/:slug/catalogs', async (req: PubReq, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    const [area, year] = [areaQuery(req.query.area), yearQuery(req.query.year)];
    const all = await listCatalogs(db, { unitId: unit.id, publishedOnly: true });
    const years = [...new Set(all.map((c) => c.year))].sort((a, b) => b - a);
    if (year !== undefined && !years.includes(year)) throw notFound(CATALOG);
    const shown = (year === undefined ? latestPerArea(all) : all.filter((c) => c.year === year)).filter((c) => !area || c.area === area);
    if (area && !shown.length) throw notFound(CATALOG);
    const areas = year === undefined ? latestPerArea(all) : all.filter((c) => c.year === year);
    return send(reply, CatalogsPage({ c: viewContext(req, reply), unit, years, year: year ?? null, area: area ?? null, areas, catalogs: shown, rows: await rowsWithState(db, shown) }));
  });

  // ── admin ───────────────────────────────────────────────────────────────────────────────────
  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { done?: string; unit?: string } }>;
  const visibleCatalog = async (req: Req, id = idOf(req.params.id)): Promise<CatalogRow> => {
    const cat = await catalogById(db, id);
    if (!cat || !can(req.actor, 'catalog.view', cat.unit_path)) throw notFound(CATALOG);
    return cat;
  };
  const visibleRow = async (req: Req) => {
    const row = await rowById(db, idOf(req.params.id));
    const cat = row ? await catalogById(db, row.catalog_id) : undefined;
    if (!row || !cat || !can(req.actor, 'catalog.view', cat.unit_path)) throw notFound(ROW);
    return { row, cat };
  };
  const catalogPage = async (req: Req, reply: FastifyReply, cat: CatalogRow, errors?: Record<string, Msg>, status = 200) =>
    send(reply, AdminCatalog({ c: viewContext(req, reply), cat, rows: (await rowsWithState(db, [cat])).get(cat.id) ?? [], errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  const rowPage = async (req: Req, reply: FastifyReply, cat: CatalogRow, rowId: number | null, values: Record<string, unknown>, errors?: Record<string, Msg>, status = 200) => {
    const row = rowId === null ? null : ((await rowsWithState(db, [cat])).get(cat.id) ?? []).find((r) => r.id === rowId) ?? null;
    const unit = (await unitById(db, cat.unit_id))!;
    const [cols, topics] = row ? await Promise.all([columnsOfUnit(db, unit.id, { enabledOnly: true }), listTopics(db, { activeOnly: true })]) : [[], []];
    return send(reply, RowForm({ c: viewContext(req, reply), cat, row, values, columns: cols, topics, errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  };
  const adminUnits = (req: Req) => listUnits(db, { scope: scopePaths(req.actor, 'catalog.edit'), activeOnly: true }).then((us) => us.filter((u) => (CATALOG_UNIT_TYPES as readonly string[]).includes(u.type)));
  const rowBody = (req: FastifyRequest) => ({ ...formBody(req), ...Object.fromEntries(Object.keys(SETS).map((k) => [k, formBodyAll(req, k)])) });

  await adminRoutes(app, async (s) => {
    await multipartForms(s, { fileSize: 2 * MiB + 1, fields: 40 });

    s.get('/admin/catalogs', async (req: Req, reply) => {
      const [cats, units] = await Promise.all([listCatalogs(db, { scope: scopePaths(req.actor, 'catalog.view') }), adminUnits(req)]);
      return send(reply, AdminCatalogs({ c: viewContext(req, reply), cats, units, notice: DONE[String(req.query.done ?? '')] }));
    });
    s.post('/admin/catalogs', async (req: Req, reply) => {
      const body = formBody(req);
      const unit = await unitById(db, idOf(body.unit));
      if (!unit || !unit.active || !can(req.actor, 'catalog.edit', unit.path)) throw notFound(UNIT);
      try {
        // a resent form (its one-time key) opens the catalog the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'catalog', userId: req.actor?.userId, body }, async () =>
          `/admin/catalogs/${await createCatalog(db, commandContext(req), unit.id, body.area ?? '', /^\d{4}$/.test(String(body.year ?? '').trim()) ? Number(body.year.trim()) : NaN)}?done=created`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (!(e instanceof AppError && e.fields)) throw e;
        const [cats, units] = await Promise.all([listCatalogs(db, { scope: scopePaths(req.actor, 'catalog.view') }), adminUnits(req)]);
        return send(reply, AdminCatalogs({ c: viewContext(req, reply), cats, units, values: body, errors: e.fields }), e.status);
      }
    });
    s.get('/admin/catalogs/coverage', async (req: Req, reply) => {
      const scope = scopePaths(req.actor, 'catalog.view');
      const units = (await listUnits(db, { scope, activeOnly: true })).filter((u) => (CATALOG_UNIT_TYPES as readonly string[]).includes(u.type));
      const raw = String(req.query.unit ?? '').trim();
      const unit = raw ? units.find((u) => u.slug === raw || String(u.id) === raw) : units[0];
      if (raw && !unit) throw notFound(UNIT);
      const cats = unit ? await listCatalogs(db, { subtreeOf: unit.path, scope }) : [];
      // the latest year of each unit and area: the catalog in force (drafts included: staff see their work)
      const current = [...new Set(cats.map((c) => c.unit_id))].flatMap((u) => latestPerArea(cats.filter((c) => c.unit_id === u)));
      return send(reply, CoveragePage({ c: viewContext(req, reply), units, unit: unit ?? null, catalogs: current, rows: await rowsWithState(db, current) }));
    });
    s.get('/admin/catalogs/:id', async (req: Req, reply) => catalogPage(req, reply, await visibleCatalog(req)));
    s.post('/admin/catalogs/:id/status', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      const to = formBody(req).to ?? '';
      try {
        await moveCatalog(db, commandContext(req), cat.id, to);
        return reply.redirect(`/admin/catalogs/${cat.id}?done=${to}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return catalogPage(req, reply, cat, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/catalogs/:id/export.xlsx', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      const rows = (await rowsWithState(db, [cat])).get(cat.id) ?? [];
      const buf = await xlsxBuffer(sheetRows(rows), { sheet: `${cat.year}-${cat.area}` });
      return reply.type(XLSX).header('content-disposition', `attachment; filename="catalog-${cat.unit_code}-${cat.area}-${cat.year}.xlsx"`).header('cache-control', 'private, no-store').send(buf);
    });
    s.post('/admin/catalogs/:id/import', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      if (!can(req.actor, 'catalog.edit', cat.unit_path)) throw notFound(CATALOG);
      const v = (req.body as Record<string, unknown> | undefined)?.file;
      const file = Buffer.isBuffer(v) && v.length ? v : null;
      const fileErr = (m: Msg) => catalogPage(req, reply, cat, { file: m }, 422);
      if (!file) return fileErr({ zh: '请选择要导入的 Excel 表格（.xlsx）', en: 'Choose an Excel file (.xlsx) to import' });
      if (file.length > 2 * MiB) return fileErr({ zh: '表格不能超过 2 MB', en: 'The file may be at most 2 MB' });
      if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50 || zipBombReason(file, { entryBytes: 16 * MiB, totalBytes: 32 * MiB, ratio: 200, ratioFloorBytes: MiB })) return fileErr({ zh: '文件不是有效的 Excel 表格（.xlsx）', en: 'Not a valid Excel file (.xlsx)' });
      let rows: unknown[][];
      try {
        rows = await readXlsxRows(file);
      } catch {
        return fileErr({ zh: '无法读取该 Excel 表格，请另存为 .xlsx 后重试', en: 'The spreadsheet cannot be read; save it as .xlsx and try again' });
      }
      const { items, errors } = parseSheet(rows);
      return send(reply, ImportPreview({ c: viewContext(req, reply), cat, items, errors }), errors.length ? 422 : 200);
    });
    s.post('/admin/catalogs/:id/import/confirm', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      let raw: unknown;
      try {
        raw = JSON.parse(formBody(req).items ?? '');
      } catch {
        raw = null;
      }
      if (!Array.isArray(raw) || !raw.length || raw.length > 1000) throw invalid({ items: { zh: '导入内容有误，请重新上传表格', en: 'The import is damaged; upload the spreadsheet again' } });
      const items: RowValue[] = [];
      const errors: RowError[] = [];
      raw.forEach((r, k) => {
        const rec = r && typeof r === 'object' ? (r as Record<string, unknown>) : {};
        const { value, errors: e } = validateRow({ ...rec, seq: String(rec.seq ?? '') });
        for (const [f, m] of Object.entries(e)) errors.push({ row: k + 2, column: f, message: m });
        items.push(value);
      });
      if (errors.length) return send(reply, ImportPreview({ c: viewContext(req, reply), cat, items, errors }), 422);
      try {
        await importRows(db, commandContext(req), cat.id, items, 'xlsx');
        return reply.redirect(`/admin/catalogs/${cat.id}?done=imported`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return catalogPage(req, reply, cat, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/catalogs/:id/rows/new', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      if (!can(req.actor, 'catalog.edit', cat.unit_path)) throw notFound(CATALOG);
      return rowPage(req, reply, cat, null, { deadline: '信息形成或者变更之日起20个工作日内', channels: ['website'], audiences: ['public'], modes: ['proactive'], levels: [cat.unit_type === 'township' ? 'township' : 'county'] });
    });
    s.post('/admin/catalogs/:id/rows', async (req: Req, reply) => {
      const cat = await visibleCatalog(req);
      const body = rowBody(req);
      try {
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: `catalog-row:${cat.id}`, userId: req.actor?.userId, body }, async () =>
          `/admin/catalogs/rows/${await saveRow(db, commandContext(req), { id: null, catalogId: cat.id }, body)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return rowPage(req, reply, cat, null, body, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/catalogs/rows/:id', async (req: Req, reply) => {
      const { row, cat } = await visibleRow(req);
      return rowPage(req, reply, cat, row.id, row as unknown as Record<string, unknown>);
    });
    s.post('/admin/catalogs/rows/:id', async (req: Req, reply) => {
      const { row, cat } = await visibleRow(req);
      const body = rowBody(req);
      try {
        await saveRow(db, commandContext(req), { id: row.id, catalogId: cat.id }, body);
        return reply.redirect(`/admin/catalogs/rows/${row.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return rowPage(req, reply, cat, row.id, body, e.fields, e.status);
        throw e;
      }
    });
    s.post('/admin/catalogs/rows/:id/delete', async (req: Req, reply) => {
      const { row } = await visibleRow(req);
      const catId = await deleteRow(db, commandContext(req), row.id);
      return reply.redirect(`/admin/catalogs/${catId}?done=deleted`, 303);
    });
    s.post('/admin/catalogs/rows/:id/trigger', async (req: Req, reply) => {
      const { row, cat } = await visibleRow(req);
      try {
        await setTrigger(db, commandContext(req), row.id, formBody(req).trigger ?? '');
        return reply.redirect(`/admin/catalogs/rows/${row.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return rowPage(req, reply, cat, row.id, row as unknown as Record<string, unknown>, e.fields, e.status);
        throw e;
      }
    });
    s.post('/admin/catalogs/rows/:id/links', async (req: Req, reply) => {
      const { row, cat } = await visibleRow(req);
      const b = formBody(req);
      const kind = b.kind === 'column' || b.kind === 'topic' || b.kind === 'document' ? b.kind : '';
      try {
        if (!kind) throw invalid({ link: { zh: '请选择关联类型（栏目、专题或信息）', en: 'Choose what to link: a column, a topic or a document' } });
        await addLink(db, commandContext(req), row.id, { [kind]: b[kind] ?? '' });
        return reply.redirect(`/admin/catalogs/rows/${row.id}?done=linked`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return rowPage(req, reply, cat, row.id, row as unknown as Record<string, unknown>, e.fields, e.status);
        throw e;
      }
    });
    s.post('/admin/catalogs/links/:id/delete', async (req: Req, reply) => {
      const rowId = await removeLink(db, commandContext(req), idOf(req.params.id));
      return reply.redirect(`/admin/catalogs/rows/${rowId}?done=unlinked`, 303);
    });
  });
}
