/**
 * Write use-cases of the 权责清单: a unit's editors open a year's list (copying the previous year's
 * items, since most powers carry over), edit its items and 流程图 while it is a draft, import a
 * spreadsheet into it and submit it; its reviewers and admins publish it or return it to draft.
 * One list per unit and year, so one published version a year. Each write is audited.
 */
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitById } from '../units/repository.ts';
import { emitDocumentsChanged } from '../documents/commands.ts';
import { publishedChanged } from '../search/published.ts';
import { photoError, photoType } from '../agency/domain/rules.ts';
import { FIELDS, RULES, TRANSITIONS, validateItem, yearError, type ItemInput } from './domain/rules.ts';
import { okId } from './store/queries.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const LIST: Msg = { zh: '权责清单', en: 'list of powers' };
const ITEM: Msg = { zh: '权责事项', en: 'power' };
const NOT_DRAFT: Msg = { zh: '该清单已提交或已发布，须由审核人退回草稿后才能修改', en: 'The list is submitted or published: a reviewer returns it to draft before it can change' };

async function lockList(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const list = okId(id) ? await tx.selectFrom('power_lists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!list) throw notFound(LIST);
  const unit = await unitById(tx, list.unit_id);
  if (!unit) throw notFound(LIST);
  authorize(ctx, action, unit.path);
  return { list, unit };
}

async function draftList(tx: Tx, ctx: CommandContext, id: number) {
  const r = await lockList(tx, ctx, id, 'power.edit');
  if (r.list.status !== 'draft') throw conflict(NOT_DRAFT);
  return r;
}

/** A unique index refused a row a concurrent request wrote first (same year, same code): a 422, not a 500. */
async function orTaken<T>(run: Promise<T>, field: string, msg: Msg): Promise<T> {
  try {
    return await run;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw invalid({ [field]: msg });
    throw e;
  }
}

const touch = (tx: Tx, ctx: CommandContext, listId: number) => tx.updateTable('power_lists').set({ updated_at: new Date(), updated_by: ctx.audit.name }).where('id', '=', listId).execute();

/** Opens a unit's list for a year; the latest earlier list's items are copied into it. */
export async function createList(db: Db, ctx: CommandContext, unitId: number, rawYear: unknown, thisYear = Number(shanghaiDate().slice(0, 4))): Promise<number> {
  const year = Number(rawYear);
  const yErr = yearError(year, thisYear);
  if (yErr) throw invalid({ year: yErr });
  return orTaken(inTransaction(db, async (tx) => {
    const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'power.edit', unit.path);
    const exists = await tx.selectFrom('power_lists').select('id').where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
    if (exists) throw invalid({ year: { zh: `本单位 ${year} 年度的清单已存在`, en: `The unit already has a list for ${year}` } });
    const id = (await tx.insertInto('power_lists').values({ unit_id: unit.id, year, updated_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
    const prev = await tx.selectFrom('power_lists').select(['id', 'year']).where('unit_id', '=', unit.id).where('year', '<', year).orderBy('year', 'desc').limit(1).executeTakeFirst();
    let copied = 0;
    if (prev) {
      const items = await tx.selectFrom('power_items').select([...FIELDS, 'chart_mime', 'chart_data']).where('list_id', '=', prev.id).execute();
      if (items.length) await tx.insertInto('power_items').values(items.map((i) => ({ ...i, list_id: id }))).execute();
      copied = items.length;
    }
    await recordAudit(tx, ctx.audit, { action: 'power.list.create', unitId: unit.id, subjectType: 'power_list', subjectId: id, summary: { year, copied, from: prev?.year ?? null } });
    return id;
  }), 'year', { zh: `本单位 ${year} 年度的清单已存在`, en: `The unit already has a list for ${year}` });
}

/** Creates (id null) or updates an item of a draft list; a 流程图 (JPEG/PNG by content, ≤ 1 MB) replaces the old one. */
export async function saveItem(db: Db, ctx: CommandContext, o: { id: number | null; listId: number }, raw: Record<string, unknown>, chart?: Uint8Array | null): Promise<number> {
  const { value, errors } = validateItem(raw);
  const e: Record<string, Msg> = { ...errors };
  const chartErr = chart?.length ? photoError(chart) : null;
  if (chartErr) e.chart = { zh: chartErr.zh.replace('照片', '流程图'), en: chartErr.en.replace('photo', 'flowchart') };
  if (Object.keys(e).length) throw invalid(e);
  const image = chart?.length ? { chart_mime: photoType(chart)!, chart_data: chart } : {};
  return orTaken(inTransaction(db, async (tx) => {
    let listId = o.listId;
    if (o.id !== null) {
      const item = okId(o.id) ? await tx.selectFrom('power_items').select(['id', 'list_id']).where('id', '=', o.id).forUpdate().executeTakeFirst() : undefined;
      if (!item) throw notFound(ITEM);
      listId = item.list_id;
    }
    const { list, unit } = await draftList(tx, ctx, listId);
    const dup = await tx.selectFrom('power_items').select('id').where('list_id', '=', list.id).where('code', '=', value.code).executeTakeFirst();
    if (dup && dup.id !== o.id) throw invalid({ code: { zh: '本清单中已有该编码的事项', en: 'Another item of this list has that code' } });
    let id = o.id;
    if (id === null) id = (await tx.insertInto('power_items').values({ list_id: list.id, ...value, ...image }).returning('id').executeTakeFirstOrThrow()).id;
    else await tx.updateTable('power_items').set({ ...value, ...image, updated_at: new Date() }).where('id', '=', id).execute();
    await touch(tx, ctx, list.id);
    await recordAudit(tx, ctx.audit, { action: o.id === null ? 'power.item.create' : 'power.item.update', unitId: unit.id, subjectType: 'power_item', subjectId: id, summary: { year: list.year, code: value.code, name: value.name, chart: Boolean(chart?.length) } });
    return id;
  }), 'code', { zh: '本清单中已有该编码的事项', en: 'Another item of this list has that code' });
}

export async function deleteItem(db: Db, ctx: CommandContext, id: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const item = okId(id) ? await tx.selectFrom('power_items').select(['id', 'list_id', 'code', 'name']).where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!item) throw notFound(ITEM);
    const { list, unit } = await draftList(tx, ctx, item.list_id);
    await tx.deleteFrom('power_items').where('id', '=', item.id).execute();
    await touch(tx, ctx, list.id);
    await recordAudit(tx, ctx.audit, { action: 'power.item.delete', unitId: unit.id, subjectType: 'power_item', subjectId: item.id, summary: { year: list.year, code: item.code, name: item.name } });
    return list.id;
  });
}

/**
 * Replaces a draft list's items with imported ones (spreadsheet or JSONL), already validated by
 * parseSheet / validateItem. Items whose code was there keep their 流程图.
 */
export async function importItems(db: Db, ctx: CommandContext, listId: number, items: ItemInput[], source: string): Promise<{ added: number; updated: number; removed: number }> {
  const bad = items.map((i) => validateItem(i as unknown as Record<string, unknown>).errors).findIndex((e) => Object.keys(e).length);
  if (bad >= 0) throw invalid({ items: { zh: `第 ${bad + 1} 项有误`, en: `Item ${bad + 1} is invalid` } });
  if (new Set(items.map((i) => i.code)).size !== items.length) throw invalid({ items: { zh: '编码有重复', en: 'Codes repeat' } });
  return inTransaction(db, async (tx) => {
    const { list, unit } = await draftList(tx, ctx, listId);
    const old = new Map((await tx.selectFrom('power_items').select(['id', 'code']).where('list_id', '=', list.id).execute()).map((r) => [r.code, r.id]));
    let added = 0;
    let updated = 0;
    for (const i of items) {
      const id = old.get(i.code);
      if (id) { await tx.updateTable('power_items').set({ ...i, updated_at: new Date() }).where('id', '=', id).execute(); updated++; old.delete(i.code); }
      else { await tx.insertInto('power_items').values({ list_id: list.id, ...i }).execute(); added++; }
    }
    if (old.size) await tx.deleteFrom('power_items').where('id', 'in', [...old.values()]).execute();
    await touch(tx, ctx, list.id);
    const summary = { year: list.year, source, added, updated, removed: old.size };
    await recordAudit(tx, ctx.audit, { action: 'power.list.import', unitId: unit.id, subjectType: 'power_list', subjectId: list.id, summary });
    return { added, updated, removed: old.size };
  });
}

/** submit (editor), publish or return (reviewer / admin) — TRANSITIONS in domain/rules.ts. */
export async function moveList(db: Db, ctx: CommandContext, id: number, step: string): Promise<void> {
  const t = TRANSITIONS[step];
  if (!t) throw invalid({ to: { zh: '未知的操作', en: 'Unknown action' } });
  const unitId = await inTransaction(db, async (tx) => {
    const { list, unit } = await lockList(tx, ctx, id, t.action);
    if (!t.from.includes(list.status as never)) throw conflict({ zh: '清单当前状态不能执行此操作', en: 'The list is not in a state for that' });
    if (t.to !== 'draft') {
      const n = await tx.selectFrom('power_items').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', list.id).executeTakeFirstOrThrow();
      if (!Number(n.n)) throw invalid({ items: { zh: '清单中还没有事项', en: 'The list has no items yet' } });
    }
    await tx.updateTable('power_lists').set({ status: t.to, updated_at: new Date(), updated_by: ctx.audit.name, ...(t.to === 'published' ? { published_at: new Date() } : {}) }).where('id', '=', list.id).execute();
    await recordAudit(tx, ctx.audit, { action: `power.list.${step}`, unitId: unit.id, subjectType: 'power_list', subjectId: list.id, summary: { year: list.year, from: list.status } });
    return unit.id;
  });
  if (t.to === 'published' || step === 'return') emitDocumentsChanged({ unitIds: [unitId], documentIds: [], kind: 'edit' });
  publishedChanged('power', [unitId]);
}
