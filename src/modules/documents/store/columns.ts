/**
 * The catalog as rows: each unit's standard 政府信息公开 columns (domain/catalog.ts — 国办公开办函
 * 〔2019〕61号 统一名称、统一格式; 条例 第二十条 15 items, 第二十一条 local items), the columns a unit
 * adds beneath them, and the cross-unit 专题 topics (朝阳市2020年政务公开工作要点 第6—14点).
 *
 * `ensureUnitColumns(tx, unit)` is idempotent: createUnit calls it in its transaction, the
 * migration calls it for units that existed before, and it only inserts what is missing.
 */
import type { Tx, Db } from '../../../core/db/index.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { conflict, invalid, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { catalogForUnit, flattenCatalog, SPECIAL_TOPICS, UNIT_TYPES, type ColumnSource, type TopicSection, type UnitType } from '../domain/catalog.ts';
import { columnTypeOf } from '../domain/taxonomy.ts';

/** '政府信息公开条例 第20条第1项' — the statutory item a column implements, for display and reports. */
export function statutoryRef(s: ColumnSource): string {
  return s.document + (s.article ? ` 第${s.article}条` : '') + (s.item ? `第${s.item}项` : '');
}

/** Creates the unit's standard columns that are not there yet (by slug). Returns how many were added. */
export async function ensureUnitColumns(tx: Tx, unit: { id: number; type: string }): Promise<number> {
  if (!(UNIT_TYPES as readonly string[]).includes(unit.type)) return 0;
  const rows = flattenCatalog(catalogForUnit(unit.type as UnitType));
  const existing = await tx.selectFrom('doc_columns').select(['id', 'slug']).where('unit_id', '=', unit.id).execute();
  const ids = new Map(existing.map((r) => [r.slug, r.id] as const));
  let added = 0;
  for (const { column, parentSlug, position } of rows) {
    if (ids.has(column.slug)) continue;
    const ins = await tx
      .insertInto('doc_columns')
      .values({
        unit_id: unit.id,
        parent_id: parentSlug ? (ids.get(parentSlug) ?? null) : null,
        slug: column.slug,
        name_zh: column.name.zh,
        name_en: column.name.en,
        column_type: column.type,
        statutory_ref: statutoryRef(column.source),
        full_text: column.fullText ?? null,
        is_standard: true,
        optional: column.optional ?? false,
        // Optional Art. 21 items start disabled: an empty column counts against the site
        // (国办秘函〔2019〕19号 单项否决: ≥ 5 空白栏目); each unit enables those within its duties.
        enabled: !column.optional,
        sort: position,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(column.slug, ins.id);
    added++;
  }
  return added;
}

/** Creates the topics (and their sections) that are not there yet, by key. */
export async function ensureTopics(tx: Tx, topics: readonly TopicSection[] = SPECIAL_TOPICS): Promise<number> {
  let added = 0;
  for (const [i, t] of topics.entries()) {
    let parent = await tx.selectFrom('doc_topics').select('id').where('key', '=', t.slug).executeTakeFirst();
    if (!parent) {
      parent = await tx
        .insertInto('doc_topics')
        .values({ parent_id: null, slug: t.slug, key: t.slug, name_zh: t.name.zh, name_en: t.name.en, column_type: 'topic', basis: t.basis, sort: i })
        .returning('id')
        .executeTakeFirstOrThrow();
      added++;
    }
    for (const [j, c] of t.columns.entries()) {
      const key = `${t.slug}/${c.slug}`;
      const has = await tx.selectFrom('doc_topics').select('id').where('key', '=', key).executeTakeFirst();
      if (has) continue;
      await tx.insertInto('doc_topics').values({ parent_id: parent.id, slug: c.slug, key, name_zh: c.name.zh, name_en: c.name.en, column_type: c.type, basis: null, sort: j }).execute();
      added++;
    }
  }
  return added;
}

// --- unit-defined columns (commands) ------------------------------------------------------------

const COLUMN: Msg = { zh: '栏目', en: 'column' };
const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,59}$/;

export interface ColumnInput {
  slug?: string;
  name_zh?: string;
  name_en?: string;
  column_type?: string;
  /** slug of the parent column in the same unit; empty = top level. */
  parent_slug?: string | null;
  sort?: number | string;
}

async function unitPath(tx: Tx, unitId: number): Promise<string> {
  const u = await tx.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!u) throw notFound({ zh: '单位', en: 'unit' });
  return u.path;
}

function checkColumn(raw: ColumnInput, creating: boolean): Record<string, Msg> {
  const e: Record<string, Msg> = {};
  if (creating && !SLUG_RE.test(raw.slug ?? '')) e.slug = { zh: '网址标识只能用小写字母、数字和连字符（最多60个）', en: 'Use lower-case letters, digits and hyphens (at most 60)' };
  const zh = (raw.name_zh ?? '').trim();
  if (!zh || zh.length > 40) e.name_zh = { zh: '请填写栏目名称（最多40字）', en: 'Enter the column name (at most 40 characters)' };
  if ((raw.name_en ?? '').length > 80) e.name_en = { zh: '英文名称最多80个字符', en: 'At most 80 characters' };
  if (!columnTypeOf(raw.column_type ?? 'other')) e.column_type = { zh: '栏目类型无效', en: 'Unknown column type' };
  return e;
}

/** A unit adds its own column (under a standard one or at the top). Policy: document.columns.manage. */
export async function createColumn(db: Db, ctx: CommandContext, unitId: number, raw: ColumnInput) {
  const e = checkColumn(raw, true);
  if (Object.keys(e).length) throw invalid(e);
  return inTransaction(db, async (tx) => {
    authorize(ctx, 'document.columns.manage', await unitPath(tx, unitId));
    const dup = await tx.selectFrom('doc_columns').select('id').where('unit_id', '=', unitId).where('slug', '=', raw.slug!).executeTakeFirst();
    if (dup) throw invalid({ slug: { zh: '本单位已有该网址标识的栏目', en: 'This unit already has a column with this slug' } });
    let parentId: number | null = null;
    if (raw.parent_slug) {
      const p = await tx.selectFrom('doc_columns').select('id').where('unit_id', '=', unitId).where('slug', '=', raw.parent_slug).executeTakeFirst();
      if (!p) throw invalid({ parent_slug: { zh: '上级栏目不存在', en: 'No such parent column' } });
      parentId = p.id;
    }
    const row = await tx
      .insertInto('doc_columns')
      .values({
        unit_id: unitId, parent_id: parentId, slug: raw.slug!, name_zh: raw.name_zh!.trim(), name_en: (raw.name_en ?? '').trim() || raw.slug!,
        column_type: raw.column_type ?? 'other', statutory_ref: null, full_text: null, is_standard: false, sort: Number(raw.sort ?? 100) || 100,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'document.column.create', unitId, subjectType: 'doc_column', subjectId: row.id, summary: { after: { slug: row.slug, name: row.name_zh } } });
    return row;
  });
}

/** Renames a column, changes its type or order, or enables/disables it. Standard columns keep their slug and name (统一名称). */
export async function updateColumn(db: Db, ctx: CommandContext, columnId: number, raw: ColumnInput & { enabled?: boolean | string }) {
  return inTransaction(db, async (tx) => {
    const cur = await tx.selectFrom('doc_columns').selectAll().where('id', '=', columnId).executeTakeFirst();
    if (!cur) throw notFound(COLUMN);
    authorize(ctx, 'document.columns.manage', await unitPath(tx, cur.unit_id));
    const enabled = raw.enabled === undefined ? cur.enabled : raw.enabled === true || raw.enabled === 'true' || raw.enabled === '1';
    if (cur.is_standard && !cur.optional && !enabled) throw conflict({ zh: '法定栏目不能停用', en: 'A statutory column cannot be disabled' });
    let set: Partial<{ name_zh: string; name_en: string; column_type: string; sort: number; enabled: boolean }> = { enabled };
    if (!cur.is_standard) {
      const merged = { name_zh: raw.name_zh ?? cur.name_zh, name_en: raw.name_en ?? cur.name_en, column_type: raw.column_type ?? cur.column_type };
      const e = checkColumn(merged, false);
      if (Object.keys(e).length) throw invalid(e);
      set = { ...set, ...merged, sort: raw.sort === undefined ? cur.sort : Number(raw.sort) || 0 };
    }
    await tx.updateTable('doc_columns').set(set).where('id', '=', columnId).execute();
    await recordAudit(tx, ctx.audit, { action: 'document.column.update', unitId: cur.unit_id, subjectType: 'doc_column', subjectId: columnId, summary: { after: set } });
    return (await tx.selectFrom('doc_columns').selectAll().where('id', '=', columnId).executeTakeFirstOrThrow());
  });
}

/** Deletes a unit-defined column that holds no documents and has no sub-columns. */
export async function deleteColumn(db: Db, ctx: CommandContext, columnId: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const cur = await tx.selectFrom('doc_columns').selectAll().where('id', '=', columnId).executeTakeFirst();
    if (!cur) throw notFound(COLUMN);
    authorize(ctx, 'document.columns.manage', await unitPath(tx, cur.unit_id));
    if (cur.is_standard) throw conflict({ zh: '标准栏目不能删除', en: 'A standard column cannot be deleted' });
    const used = await tx.selectFrom('document_columns').select('document_id').where('column_id', '=', columnId).limit(1).executeTakeFirst();
    const kids = await tx.selectFrom('doc_columns').select('id').where('parent_id', '=', columnId).limit(1).executeTakeFirst();
    if (used || kids) throw conflict({ zh: '栏目下仍有文件或子栏目，不能删除', en: 'The column still holds documents or sub-columns' });
    await tx.deleteFrom('doc_columns').where('id', '=', columnId).execute();
    await recordAudit(tx, ctx.audit, { action: 'document.column.delete', unitId: cur.unit_id, subjectType: 'doc_column', subjectId: columnId, summary: { before: { slug: cur.slug, name: cur.name_zh } } });
  });
}

export interface TopicInput {
  slug?: string;
  name_zh?: string;
  name_en?: string;
  basis?: string;
  /** key of the parent topic for a section. */
  parent_key?: string | null;
  column_type?: string;
}

/** A new 专题 or a section of one (cross-unit; policy document.topics.manage, granted at the root). */
export async function createTopic(db: Db, ctx: CommandContext, raw: TopicInput) {
  const e: Record<string, Msg> = {};
  if (!SLUG_RE.test(raw.slug ?? '')) e.slug = { zh: '网址标识只能用小写字母、数字和连字符', en: 'Use lower-case letters, digits and hyphens' };
  if (!(raw.name_zh ?? '').trim()) e.name_zh = { zh: '请填写专题名称', en: 'Enter the topic name' };
  if (!columnTypeOf(raw.column_type ?? 'topic')) e.column_type = { zh: '栏目类型无效', en: 'Unknown column type' };
  if (Object.keys(e).length) throw invalid(e);
  authorize(ctx, 'document.topics.manage', null);
  return inTransaction(db, async (tx) => {
    let parentId: number | null = null;
    if (raw.parent_key) {
      const p = await tx.selectFrom('doc_topics').select('id').where('key', '=', raw.parent_key).executeTakeFirst();
      if (!p) throw invalid({ parent_key: { zh: '上级专题不存在', en: 'No such parent topic' } });
      parentId = p.id;
    }
    const key = raw.parent_key ? `${raw.parent_key}/${raw.slug}` : raw.slug!;
    if (await tx.selectFrom('doc_topics').select('id').where('key', '=', key).executeTakeFirst()) {
      throw invalid({ slug: { zh: '该专题已存在', en: 'This topic already exists' } });
    }
    const row = await tx
      .insertInto('doc_topics')
      .values({ parent_id: parentId, slug: raw.slug!, key, name_zh: raw.name_zh!.trim(), name_en: (raw.name_en ?? '').trim() || raw.slug!, column_type: raw.column_type ?? 'topic', basis: raw.basis?.trim() || null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'document.topic.create', unitId: null, subjectType: 'doc_topic', subjectId: row.id, summary: { after: { key, name: row.name_zh } } });
    return row;
  });
}
