/**
 * 权责清单: public pages in a unit's disclosure area (`/u/:slug/powers`, an item, the yearly diff),
 * `GET /api/v1/powers?unit=&year=&type=` and `/api/v1/powers/{id}`, the panel of the 机构职能 column,
 * and the admin pages (lists, items with their 流程图, XLSX import with a preview, XLSX export).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { Type } from '@sinclair/typebox';
import { readXlsxRows, xlsxBuffer } from '../../../core/docs/xlsx.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, invalid, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { zipBombReason } from '../../../core/docs/zip.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitByCode, unitById, unitBySlug, type Unit } from '../../units/repository.ts';
import { COLUMN_PANELS } from '../../documents/http/column-panels.ts';
import { createList, deleteItem, importItems, moveList, saveItem } from '../commands.ts';
import { diffLists, parseSheet, sheetRows, TYPE_NAMES, TYPES, validateItem, type ItemInput, type PowerType, type RowError } from '../domain/rules.ts';
import { chartOf, itemById, itemsOf, listById, listLists, newestListsBelow, publishedItems, type ItemRow, type ListRow, type PublicItemRow } from '../store/queries.ts';
import { DiffPage, ItemPage, PowersPage, PowersPanel, itemUrl } from '../views/public.tsx';
import { AdminList, AdminLists, ImportPreview, ItemForm } from '../views/admin.tsx';
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import '../cli.ts';
import '../demo/powers.ts';

ADMIN_NAV.push({ key: 'powers', href: '/admin/powers', label: { zh: '权责清单', en: 'Lists of powers' }, action: 'power.view', order: 78 });

// 条例 第二十条第一项 (机关职能): the 机构职能 column shows the unit's list of powers below its agency
// information (the catalog has no column of its own for the list; the agency module's panel stays first).
const agencyPanel = COLUMN_PANELS.get('organisation');
COLUMN_PANELS.set('organisation', async (db, unit, c) => {
  const [before, list] = await Promise.all([agencyPanel ? agencyPanel(db, unit, c) : null, listLists(db, { unitId: unit.id, publishedOnly: true })]);
  return <>{before as never}<PowersPanel c={c} unit={unit} list={list[0]} /></>;
});

const HTML = 'text/html; charset=utf-8';
const UNIT: Msg = { zh: '单位', en: 'unit' };
const LIST: Msg = { zh: '权责清单', en: 'list of powers' };
const ITEM: Msg = { zh: '权责事项', en: 'power' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  saved: { zh: '已保存。', en: 'Saved.' },
  created: { zh: '已新建年度清单。', en: 'The year\u2019s list is open.' },
  imported: { zh: '已导入。', en: 'Imported.' },
  submit: { zh: '已提交审核。', en: 'Submitted for review.' },
  publish: { zh: '已发布，门户已显示。', en: 'Published: it shows on the portal.' },
  return: { zh: '已退回草稿。', en: 'Returned to draft.' },
  deleted: { zh: '已删除。', en: 'Deleted.' },
};

function queryOf(raw: unknown): string {
  const q = typeof raw === 'string' ? raw.trim() : '';
  if (q.length > 60) throw badRequest({ zh: '查找内容不能超过 60 个字', en: 'At most 60 characters' }, { q: { zh: '查找内容不能超过 60 个字', en: 'At most 60 characters' } });
  return q;
}
function typeQuery(raw: unknown): string {
  const v = typeof raw === 'string' ? raw.trim() : '';
  if (v && !(TYPES as readonly string[]).includes(v)) throw badRequest({ zh: '权力类型不正确', en: 'Unknown type of power' }, { type: { zh: `类型须为 ${TYPES.join(', ')} 之一`, en: `type must be one of ${TYPES.join(', ')}` } });
  return v;
}
function yearQuery(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const y = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(y)) throw badRequest({ zh: '年度须为四位数字', en: 'The year must have four digits' }, { year: { zh: '年度须为四位数字，如 2020', en: 'year: four digits, e.g. 2020' } });
  return y;
}

const PowerJson = Type.Object({
  id: Type.Integer(), url: Type.String(), unit_code: Type.String(), unit_name: Type.String(), year: Type.Integer(),
  type: Type.String(), type_name: Type.String(), code: Type.String(), name: Type.String(), basis: Type.String(),
  subject: Type.String(), duties: Type.String(), accountability: Type.String(), chart_url: Type.Union([Type.String(), Type.Null()]),
});

export default async function powerRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  const json = (i: PublicItemRow) => ({
    id: i.id, url: cfg.publicUrl + itemUrl(i.unit_slug, i.id), unit_code: i.unit_code, unit_name: i.unit_name, year: i.year,
    type: i.type, type_name: TYPE_NAMES[i.type as PowerType]?.zh ?? i.type, code: i.code, name: i.name, basis: i.basis,
    subject: i.subject, duties: i.duties, accountability: i.accountability, chart_url: i.has_chart ? `${cfg.publicUrl}${itemUrl(i.unit_slug, i.id)}/chart` : null,
  });

  app.get('/api/v1/powers', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      summary: 'Published 权责清单 items (lists of powers and responsibilities) of a unit and the units below it, by year and type',
      tags: ['units'],
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 18, description: 'unit code (统一社会信用代码)' })),
        year: Type.Optional(Type.String({ maxLength: 4, description: 'year of the list, e.g. 2020 (default: every published year)' })),
        type: Type.Optional(Type.String({ maxLength: 20, description: `one of ${TYPES.join(', ')}` })),
      }),
      response: { 200: Type.Object({ data: Type.Array(PowerJson), count: Type.Integer() }) },
    },
  }, async (req) => {
    const query = req.query as { unit?: string; year?: string; type?: string };
    const code = String(query.unit ?? '').trim().toUpperCase();
    let subtreeOf: string | undefined;
    if (code) {
      const unit = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      if (!unit) throw notFound(UNIT);
      subtreeOf = unit.path;
    }
    const data = (await publishedItems(db, { subtreeOf, year: yearQuery(query.year), type: typeQuery(query.type) || undefined })).map(json);
    return { data, count: data.length };
  });
  app.get('/api/v1/powers/:id', {
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: { summary: 'One published 权责清单 item', tags: ['units'], params: Type.Object({ id: Type.String({ maxLength: 10 }) }), response: { 200: PowerJson } },
  }, async (req) => {
    const item = await itemById(db, idOf((req.params as { id: string }).id));
    if (!item || item.status !== 'published') throw notFound(ITEM);
    return json(item);
  });

  type PubReq = FastifyRequest<{ Params: { slug: string; id: string }; Querystring: { year?: string; q?: string; type?: string } }>;
  const unitOf = async (req: PubReq) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    return unit;
  };
  const publishedItem = async (req: PubReq) => {
    const unit = await unitOf(req);
    const item = await itemById(db, idOf(req.params.id));
    if (!item || item.status !== 'published' || item.unit_id !== unit.id) throw notFound(ITEM);
    return { unit, item };
  };
  app.get('/u/:slug/powers', async (req: PubReq, reply) => {
    const unit = await unitOf(req);
    const [q, type, year] = [queryOf(req.query.q), typeQuery(req.query.type), yearQuery(req.query.year)];
    const lists = await listLists(db, { unitId: unit.id, publishedOnly: true });
    const list = year === undefined ? lists[0] : lists.find((l) => l.year === year);
    if (year !== undefined && !list) throw notFound(LIST);
    const all = list ? await itemsOf(db, list.id) : [];
    const items = list && (q || type) ? await itemsOf(db, list.id, { q, type }) : all;
    const counts: Record<string, number> = {};
    for (const i of all) counts[i.type] = (counts[i.type] ?? 0) + 1;
    const below = await newestListsBelow(db, unit.path, unit.id);
    return send(reply, PowersPage({ c: viewContext(req, reply), unit, lists, list: list ?? null, items, counts, q, type, below }));
  });
  app.get('/u/:slug/powers/diff', async (req: PubReq, reply) => {
    const unit = await unitOf(req);
    const lists = await listLists(db, { unitId: unit.id, publishedOnly: true });
    const year = yearQuery(req.query.year) ?? lists[0]?.year;
    const list = lists.find((l) => l.year === year);
    if (!list) throw notFound(LIST);
    const prev = lists.find((l) => l.year < list.year);
    const diff = prev ? diffLists(await itemsOf(db, prev.id), await itemsOf(db, list.id)) : null;
    return send(reply, DiffPage({ c: viewContext(req, reply), unit, year: list.year, prevYear: prev?.year ?? null, diff }));
  });
  app.get('/u/:slug/powers/items/:id', async (req: PubReq, reply) => {
    const { unit, item } = await publishedItem(req);
    return send(reply, ItemPage({ c: viewContext(req, reply), unit, item }));
  });
  app.get('/u/:slug/powers/items/:id/chart', async (req: PubReq, reply) => {
    const { item } = await publishedItem(req);
    const chart = await chartOf(db, item.id);
    if (!chart) throw notFound({ zh: '流程图', en: 'flowchart' });
    return reply.type(chart.mime).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(Buffer.from(chart.data));
  });

  // ── admin ───────────────────────────────────────────────────────────────────────────────────
  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { done?: string } }>;
  const visibleList = async (req: Req, id = idOf(req.params.id)): Promise<ListRow> => {
    const list = await listById(db, id);
    if (!list || !can(req.actor, 'power.view', list.unit_path)) throw notFound(LIST);
    return list;
  };
  const visibleItem = async (req: Req): Promise<{ item: ItemRow; list: ListRow; unit: Unit }> => {
    const item = await itemById(db, idOf(req.params.id));
    const list = item ? await listById(db, item.list_id) : undefined;
    const unit = list ? await unitById(db, list.unit_id) : undefined;
    if (!item || !list || !unit || !can(req.actor, 'power.view', list.unit_path)) throw notFound(ITEM);
    return { item, list, unit };
  };
  const listPage = async (req: Req, reply: FastifyReply, list: ListRow, errors?: Record<string, Msg>, status = 200) =>
    send(reply, AdminList({ c: viewContext(req, reply), list, items: await itemsOf(db, list.id), errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  const itemForm = async (req: Req, reply: FastifyReply, list: ListRow, item: ItemRow | null, values: Record<string, unknown>, errors?: Record<string, Msg>, status = 200) =>
    send(reply, ItemForm({ c: viewContext(req, reply), unit: (await unitById(db, list.unit_id))!, list, item, values, errors, notice: DONE[String(req.query?.done ?? '')] }), status);

  await adminRoutes(app, async (s) => {
    // 流程图 and spreadsheets come as multipart; fields are flattened before the CSRF check reads body._csrf
    await multipartForms(s, { fileSize: 2 * MiB + 1 });
    const fileOf = (req: FastifyRequest, name: string) => {
      const v = (req.body as Record<string, unknown> | undefined)?.[name];
      return Buffer.isBuffer(v) && v.length ? new Uint8Array(v) : null;
    };

    s.get('/admin/powers', async (req: Req, reply) => {
      const [lists, units] = await Promise.all([listLists(db, { scope: scopePaths(req.actor, 'power.view') }), listUnits(db, { scope: scopePaths(req.actor, 'power.edit'), activeOnly: true })]);
      return send(reply, AdminLists({ c: viewContext(req, reply), lists, units, notice: DONE[String(req.query.done ?? '')] }));
    });
    s.post('/admin/powers', async (req: Req, reply) => {
      const body = formBody(req);
      const unit = await unitById(db, idOf(body.unit));
      if (!unit || !unit.active || !can(req.actor, 'power.edit', unit.path)) throw notFound(UNIT);
      try {
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'power-list', userId: req.actor?.userId, body }, async () =>
          `/admin/powers/lists/${await createList(db, commandContext(req), unit.id, /^\d{4}$/.test(String(body.year ?? '').trim()) ? Number(body.year.trim()) : NaN)}?done=created`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (!(e instanceof AppError && e.fields)) throw e;
        const [lists, units] = await Promise.all([listLists(db, { scope: scopePaths(req.actor, 'power.view') }), listUnits(db, { scope: scopePaths(req.actor, 'power.edit'), activeOnly: true })]);
        return send(reply, AdminLists({ c: viewContext(req, reply), lists, units, values: body, errors: e.fields }), e.status);
      }
    });
    s.get('/admin/powers/lists/:id', async (req: Req, reply) => listPage(req, reply, await visibleList(req)));
    s.post('/admin/powers/lists/:id/status', async (req: Req, reply) => {
      const list = await visibleList(req);
      const to = formBody(req).to ?? '';
      try {
        await moveList(db, commandContext(req), list.id, to);
        return reply.redirect(`/admin/powers/lists/${list.id}?done=${to}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return listPage(req, reply, list, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/powers/lists/:id/export.xlsx', async (req: Req, reply) => {
      const list = await visibleList(req);
      const items = await itemsOf(db, list.id);
      const buf = await xlsxBuffer(sheetRows(items as unknown as ItemInput[]), { sheet: String(list.year) });
      return reply.type(XLSX).header('content-disposition', `attachment; filename="powers-${list.unit_code}-${list.year}.xlsx"`).header('cache-control', 'private, no-store').send(buf);
    });
    s.post('/admin/powers/lists/:id/import', async (req: Req, reply) => {
      const list = await visibleList(req);
      if (!can(req.actor, 'power.edit', list.unit_path)) throw notFound(LIST);
      const file = fileOf(req, 'file');
      const fileErr = (m: Msg) => listPage(req, reply, list, { file: m }, 422);
      if (!file) return fileErr({ zh: '请选择要导入的 Excel 表格（.xlsx）', en: 'Choose an Excel file (.xlsx) to import' });
      if (file.length > 2 * MiB) return fileErr({ zh: '表格不能超过 2 MB', en: 'The file may be at most 2 MB' });
      const buf = Buffer.from(file);
      if (buf.readUInt32LE(0) !== 0x04034b50 || zipBombReason(buf, { entryBytes: 16 * MiB, totalBytes: 32 * MiB, ratio: 200, ratioFloorBytes: MiB })) return fileErr({ zh: '文件不是有效的 Excel 表格（.xlsx）', en: 'Not a valid Excel file (.xlsx)' });
      let rows: unknown[][];
      try {
        rows = await readXlsxRows(buf);
      } catch {
        return fileErr({ zh: '无法读取该 Excel 表格，请另存为 .xlsx 后重试', en: 'The spreadsheet cannot be read; save it as .xlsx and try again' });
      }
      const { items, errors } = parseSheet(rows);
      return send(reply, ImportPreview({ c: viewContext(req, reply), list, items, errors }), errors.length ? 422 : 200);
    });
    s.post('/admin/powers/lists/:id/import/confirm', async (req: Req, reply) => {
      const list = await visibleList(req);
      let raw: unknown;
      try {
        raw = JSON.parse(formBody(req).items ?? '');
      } catch {
        raw = null;
      }
      if (!Array.isArray(raw) || !raw.length || raw.length > 2000) throw invalid({ items: { zh: '导入内容有误，请重新上传表格', en: 'The import is damaged; upload the spreadsheet again' } });
      const items: ItemInput[] = [];
      const errors: RowError[] = [];
      raw.forEach((r, k) => {
        const { value, errors: e } = validateItem(r && typeof r === 'object' ? (r as Record<string, unknown>) : {});
        for (const [f, m] of Object.entries(e)) errors.push({ row: k + 2, column: f, message: m });
        items.push(value);
      });
      if (errors.length) return send(reply, ImportPreview({ c: viewContext(req, reply), list, items, errors }), 422);
      try {
        await importItems(db, commandContext(req), list.id, items, 'xlsx');
        return reply.redirect(`/admin/powers/lists/${list.id}?done=imported`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return listPage(req, reply, list, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/powers/lists/:id/items/new', async (req: Req, reply) => {
      const list = await visibleList(req);
      if (!can(req.actor, 'power.edit', list.unit_path)) throw notFound(LIST);
      return itemForm(req, reply, list, null, {});
    });
    s.post('/admin/powers/lists/:id/items', async (req: Req, reply) => {
      const list = await visibleList(req);
      const body = formBody(req);
      try {
        const chart = fileOf(req, 'chart');
        // a resent form (its one-time key) opens the item the first POST made (#14.8); the 流程图's bytes count as content
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: `power-item:${list.id}`, userId: req.actor?.userId, body: { ...body, chart: chart ?? '' } }, async () =>
          `/admin/powers/items/${await saveItem(db, commandContext(req), { id: null, listId: list.id }, body, chart)}?done=saved`);
        return reply.redirect(to, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return itemForm(req, reply, list, null, body, e.fields, e.status);
        throw e;
      }
    });
    s.get('/admin/powers/items/:id', async (req: Req, reply) => {
      const { item, list } = await visibleItem(req);
      return itemForm(req, reply, list, item, item as unknown as Record<string, unknown>);
    });
    s.get('/admin/powers/items/:id/chart', async (req: Req, reply) => {
      const { item } = await visibleItem(req);
      const chart = await chartOf(db, item.id);
      if (!chart) throw notFound({ zh: '流程图', en: 'flowchart' });
      return reply.type(chart.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(Buffer.from(chart.data));
    });
    s.post('/admin/powers/items/:id', async (req: Req, reply) => {
      const { item, list } = await visibleItem(req);
      const body = formBody(req);
      try {
        await saveItem(db, commandContext(req), { id: item.id, listId: list.id }, body, fileOf(req, 'chart'));
        return reply.redirect(`/admin/powers/items/${item.id}?done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return itemForm(req, reply, list, item, body, e.fields, e.status);
        throw e;
      }
    });
    s.post('/admin/powers/items/:id/delete', async (req: Req, reply) => {
      const { item } = await visibleItem(req);
      const listId = await deleteItem(db, commandContext(req), item.id);
      return reply.redirect(`/admin/powers/lists/${listId}?done=deleted`, 303);
    });
  });
}
