/**
 * Write use-cases of the 基层政务公开标准目录: a county's or township's editors open a year's catalog
 * of an area (copying the previous year's rows and links), edit rows while it is a draft, import a
 * spreadsheet into it and submit it; reviewers and admins publish it or return it. What fulfils a row
 * (its links to columns, 专题 or documents) and its 起算日期 are kept up to date at any status: they
 * record publication work, not the catalog's content. One catalog per unit, area and year; every
 * write is authorized on the catalog's unit (or above) and audited in the same transaction.
 */
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitById } from '../units/repository.ts';
import { areaOf } from './domain/areas.ts';
import { CATALOG_UNIT_TYPES, RULES, TRANSITIONS, duplicateKey, validateRow, yearError, type RowValue } from './domain/rules.ts';
import { okId } from './store/queries.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const CATALOG: Msg = { zh: '标准目录', en: 'standard catalog' };
const ROW: Msg = { zh: '目录事项', en: 'catalog row' };
const NOT_DRAFT: Msg = { zh: '该目录已提交或已发布，须由审核人退回草稿后才能修改', en: 'The catalog is submitted or published: a reviewer returns it to draft before it can change' };
const TAKEN: Msg = { zh: '本目录中已有相同的一级、二级事项', en: 'Another row of this catalog has the same items' };

async function lockCatalog(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const cat = okId(id) ? await tx.selectFrom('catalogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!cat) throw notFound(CATALOG);
  const unit = await unitById(tx, cat.unit_id);
  if (!unit) throw notFound(CATALOG);
  authorize(ctx, action, unit.path);
  return { cat, unit };
}
async function draftCatalog(tx: Tx, ctx: CommandContext, id: number) {
  const r = await lockCatalog(tx, ctx, id, 'catalog.edit');
  if (r.cat.status !== 'draft') throw conflict(NOT_DRAFT);
  return r;
}
async function lockRow(tx: Tx, id: number) {
  const row = okId(id) ? await tx.selectFrom('catalog_rows').select(['id', 'catalog_id', 'item1', 'item2', 'seq']).where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row) throw notFound(ROW);
  return row;
}
async function orTaken<T>(run: Promise<T>, field: string, msg: Msg): Promise<T> {
  try {
    return await run;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw invalid({ [field]: msg });
    throw e;
  }
}
const touch = (tx: Tx, ctx: CommandContext, id: number) => tx.updateTable('catalogs').set({ updated_at: new Date(), updated_by: ctx.audit.name }).where('id', '=', id).execute();
const columns = (v: RowValue) => ({ seq: v.seq, item1: v.item1, item2: v.item2, content: v.content, basis: v.basis, deadline: v.deadline, deadline_kind: v.deadline_kind, deadline_n: v.deadline_n, trigger_date: v.trigger, subject: v.subject, channels: v.channels, audiences: v.audiences, modes: v.modes, levels: v.levels });

/** Opens a unit's catalog of an area for a year; the latest earlier year's rows (and their links) are copied into it. */
export async function createCatalog(db: Db, ctx: CommandContext, unitId: number, rawArea: unknown, rawYear: unknown, thisYear = Number(shanghaiDate().slice(0, 4))): Promise<number> {
  const year = Number(rawYear);
  const area = areaOf(rawArea);
  const e: Record<string, Msg> = {};
  const yErr = yearError(year, thisYear);
  if (yErr) e.year = yErr;
  if (!area) e.area = { zh: '请选择 26 个试点领域之一', en: 'Choose one of the 26 areas' };
  if (Object.keys(e).length) throw invalid(e);
  const exists: Msg = { zh: `本单位 ${year} 年度该领域的目录已存在`, en: `The unit already has this area's catalog for ${year}` };
  return orTaken(inTransaction(db, async (tx) => {
    const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'catalog.edit', unit.path);
    if (!(CATALOG_UNIT_TYPES as readonly string[]).includes(unit.type)) throw invalid({ unit: { zh: '标准目录由县（市、区）政府和乡镇（街道）编制', en: 'Standard catalogs are kept by county and township governments' } });
    if (await tx.selectFrom('catalogs').select('id').where('unit_id', '=', unit.id).where('area', '=', area!.code).where('year', '=', year).executeTakeFirst()) throw invalid({ year: exists });
    const id = (await tx.insertInto('catalogs').values({ unit_id: unit.id, area: area!.code, year, updated_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
    const prev = await tx.selectFrom('catalogs').select(['id', 'year']).where('unit_id', '=', unit.id).where('area', '=', area!.code).where('year', '<', year).orderBy('year', 'desc').limit(1).executeTakeFirst();
    let copied = 0;
    if (prev) {
      const rows = await tx.selectFrom('catalog_rows').selectAll().where('catalog_id', '=', prev.id).orderBy('seq').execute();
      for (const { id: old, catalog_id: _c, updated_at: _u, ...r } of rows) {
        const nid = (await tx.insertInto('catalog_rows').values({ ...r, catalog_id: id }).returning('id').executeTakeFirstOrThrow()).id;
        const links = await tx.selectFrom('catalog_links').select(['column_id', 'topic_id', 'document_id']).where('row_id', '=', old).execute();
        if (links.length) await tx.insertInto('catalog_links').values(links.map((l) => ({ ...l, row_id: nid }))).execute();
      }
      copied = rows.length;
    }
    await recordAudit(tx, ctx.audit, { action: 'catalog.create', unitId: unit.id, subjectType: 'catalog', subjectId: id, summary: { year, area: area!.name.zh, copied, from: prev?.year ?? null } });
    return id;
  }), 'year', exists);
}

/** Creates (id null) or updates a row of a draft catalog. */
export async function saveRow(db: Db, ctx: CommandContext, o: { id: number | null; catalogId: number }, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateRow(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return orTaken(inTransaction(db, async (tx) => {
    const catalogId = o.id === null ? o.catalogId : (await lockRow(tx, o.id)).catalog_id;
    const { cat, unit } = await draftCatalog(tx, ctx, catalogId);
    const dup = await tx.selectFrom('catalog_rows').select('id').where('catalog_id', '=', cat.id).where('item1', '=', value.item1).where('item2', '=', value.item2).executeTakeFirst();
    if (dup && dup.id !== o.id) throw invalid({ item2: TAKEN });
    let id = o.id;
    if (id === null) id = (await tx.insertInto('catalog_rows').values({ catalog_id: cat.id, ...columns(value) }).returning('id').executeTakeFirstOrThrow()).id;
    else await tx.updateTable('catalog_rows').set({ ...columns(value), updated_at: new Date() }).where('id', '=', id).execute();
    await touch(tx, ctx, cat.id);
    await recordAudit(tx, ctx.audit, { action: o.id === null ? 'catalog.row.create' : 'catalog.row.update', unitId: unit.id, subjectType: 'catalog_row', subjectId: id, summary: { year: cat.year, item: `${value.item1} / ${value.item2}` } });
    return id;
  }), 'item2', TAKEN);
}

export async function deleteRow(db: Db, ctx: CommandContext, id: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const row = await lockRow(tx, id);
    const { cat, unit } = await draftCatalog(tx, ctx, row.catalog_id);
    await tx.deleteFrom('catalog_rows').where('id', '=', row.id).execute();
    await touch(tx, ctx, cat.id);
    await recordAudit(tx, ctx.audit, { action: 'catalog.row.delete', unitId: unit.id, subjectType: 'catalog_row', subjectId: row.id, summary: { year: cat.year, item: `${row.item1} / ${row.item2}` } });
    return cat.id;
  });
}

/** Replaces a draft catalog's rows with imported ones; rows with the same 一级/二级事项 keep their links. */
export async function importRows(db: Db, ctx: CommandContext, catalogId: number, items: RowValue[], source: string): Promise<{ added: number; updated: number; removed: number }> {
  const bad = items.map((i) => validateRow(i as unknown as Record<string, unknown>).errors).findIndex((e) => Object.keys(e).length);
  if (bad >= 0) throw invalid({ items: { zh: `第 ${bad + 1} 项有误`, en: `Row ${bad + 1} is invalid` } });
  if (duplicateKey(items)) throw invalid({ items: { zh: '一级、二级事项有重复', en: 'Items repeat' } });
  return inTransaction(db, async (tx) => {
    const { cat, unit } = await draftCatalog(tx, ctx, catalogId);
    const old = new Map((await tx.selectFrom('catalog_rows').select(['id', 'item1', 'item2']).where('catalog_id', '=', cat.id).execute()).map((r) => [`${r.item1}\u0000${r.item2}`, r.id]));
    let added = 0;
    let updated = 0;
    for (const i of items) {
      const v = validateRow(i as unknown as Record<string, unknown>).value;
      const key = `${v.item1}\u0000${v.item2}`;
      const id = old.get(key);
      if (id) { await tx.updateTable('catalog_rows').set({ ...columns(v), updated_at: new Date() }).where('id', '=', id).execute(); updated++; old.delete(key); }
      else { await tx.insertInto('catalog_rows').values({ catalog_id: cat.id, ...columns(v) }).execute(); added++; }
    }
    if (old.size) await tx.deleteFrom('catalog_rows').where('id', 'in', [...old.values()]).execute();
    await touch(tx, ctx, cat.id);
    await recordAudit(tx, ctx.audit, { action: 'catalog.import', unitId: unit.id, subjectType: 'catalog', subjectId: cat.id, summary: { year: cat.year, source, added, updated, removed: old.size } });
    return { added, updated, removed: old.size };
  });
}

/** submit (editor), publish or return (reviewer / admin) — TRANSITIONS in domain/rules.ts. */
export async function moveCatalog(db: Db, ctx: CommandContext, id: number, step: string): Promise<void> {
  const t = TRANSITIONS[step];
  if (!t) throw invalid({ to: { zh: '未知的操作', en: 'Unknown action' } });
  await inTransaction(db, async (tx) => {
    const { cat, unit } = await lockCatalog(tx, ctx, id, t.action);
    if (!t.from.includes(cat.status as never)) throw conflict({ zh: '目录当前状态不能执行此操作', en: 'The catalog is not in a state for that' });
    if (t.to !== 'draft') {
      const n = await tx.selectFrom('catalog_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('catalog_id', '=', cat.id).executeTakeFirstOrThrow();
      if (!Number(n.n)) throw invalid({ items: { zh: '目录中还没有事项', en: 'The catalog has no rows yet' } });
    }
    await tx.updateTable('catalogs').set({ status: t.to, updated_at: new Date(), updated_by: ctx.audit.name, ...(t.to === 'published' ? { published_at: new Date() } : {}) }).where('id', '=', cat.id).execute();
    await recordAudit(tx, ctx.audit, { action: step === 'submit' ? 'catalog.submit' : step === 'publish' ? 'catalog.publish' : 'catalog.return', unitId: unit.id, subjectType: 'catalog', subjectId: cat.id, summary: { year: cat.year, from: cat.status } });
  });
}

// ── fulfilment: the 起算日期 and the links (any status) ─────────────────────────────────────────
async function rowForFulfilment(tx: Tx, ctx: CommandContext, rowId: number) {
  const row = await lockRow(tx, rowId);
  const { cat, unit } = await lockCatalog(tx, ctx, row.catalog_id, 'catalog.edit');
  return { row, cat, unit };
}

/** Sets or clears the date the row's information was formed or last changed (the clock of its 公开时限). */
export async function setTrigger(db: Db, ctx: CommandContext, rowId: number, raw: unknown): Promise<void> {
  const s = typeof raw === 'string' ? raw.trim() : '';
  let trigger: string | null = null;
  if (s) {
    const v = validateRow({ seq: '1', item1: 'x', item2: 'x', content: 'x', basis: 'x', deadline: '实时', subject: 'x', trigger: s, channels: ['website'], audiences: ['public'], modes: ['proactive'], levels: ['county'] });
    if (v.errors.trigger) throw invalid({ trigger: v.errors.trigger });
    trigger = v.value.trigger;
  }
  await inTransaction(db, async (tx) => {
    const { row, cat, unit } = await rowForFulfilment(tx, ctx, rowId);
    await tx.updateTable('catalog_rows').set({ trigger_date: trigger }).where('id', '=', row.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'catalog.row.trigger', unitId: unit.id, subjectType: 'catalog_row', subjectId: row.id, summary: { year: cat.year, item: `${row.item1} / ${row.item2}`, trigger: trigger ?? '—' } });
  });
}

export type LinkTarget = { column?: unknown; topic?: unknown; document?: unknown };
const LINK_ERR: Msg = { zh: '请选择本单位的栏目、专题，或填写本单位已发布信息的编号或索引号', en: 'Choose a column of the unit, a topic, or give the id or index number of a document the unit published' };

/**
 * Links a row to what fulfils it: a column of the catalog's unit or a unit below it, a 专题, or a
 * published document of those units (by id or 索引号). Exactly one target; a repeated link is refused.
 */
export async function addLink(db: Db, ctx: CommandContext, rowId: number, target: LinkTarget): Promise<number> {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const [col, top, doc] = [str(target.column), str(target.topic), str(target.document)];
  if ([col, top, doc].filter(Boolean).length !== 1) throw invalid({ link: LINK_ERR });
  const num = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : 0);
  return orTaken(inTransaction(db, async (tx) => {
    const { row, cat, unit } = await rowForFulfilment(tx, ctx, rowId);
    const under = (path: string) => path.startsWith(unit.path);
    const values: { column_id?: number; topic_id?: number; document_id?: number } = {};
    let label = '';
    if (col) {
      const c = num(col) ? await tx.selectFrom('doc_columns as c').innerJoin('units as u', 'u.id', 'c.unit_id').select(['c.id', 'c.name_zh', 'u.path']).where('c.id', '=', num(col)).executeTakeFirst() : undefined;
      if (!c || !under(c.path)) throw invalid({ column: LINK_ERR });
      values.column_id = c.id; label = c.name_zh;
    } else if (top) {
      const t = num(top) ? await tx.selectFrom('doc_topics').select(['id', 'name_zh']).where('id', '=', num(top)).executeTakeFirst() : undefined;
      if (!t) throw invalid({ topic: LINK_ERR });
      values.topic_id = t.id; label = t.name_zh;
    } else {
      const q = tx.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'd.title', 'd.status', 'u.path']);
      const d = await (num(doc) ? q.where('d.id', '=', num(doc)) : q.where('d.index_no', '=', doc)).executeTakeFirst();
      if (!d || d.status !== 'published' || !under(d.path)) throw invalid({ document: LINK_ERR });
      values.document_id = d.id; label = d.title;
    }
    const id = (await tx.insertInto('catalog_links').values({ row_id: row.id, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(tx, ctx.audit, { action: 'catalog.link.add', unitId: unit.id, subjectType: 'catalog_row', subjectId: row.id, summary: { year: cat.year, item: `${row.item1} / ${row.item2}`, target: label } });
    return id;
  }), 'link', { zh: '该事项已关联此内容', en: 'The row already links to that' });
}

export async function removeLink(db: Db, ctx: CommandContext, linkId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const link = okId(linkId) ? await tx.selectFrom('catalog_links').selectAll().where('id', '=', linkId).forUpdate().executeTakeFirst() : undefined;
    if (!link) throw notFound({ zh: '关联', en: 'link' });
    const { row, cat, unit } = await rowForFulfilment(tx, ctx, link.row_id);
    await tx.deleteFrom('catalog_links').where('id', '=', link.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'catalog.link.remove', unitId: unit.id, subjectType: 'catalog_row', subjectId: row.id, summary: { year: cat.year, item: `${row.item1} / ${row.item2}` } });
    return row.id;
  });
}
