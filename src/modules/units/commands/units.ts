/** Write use-cases for units: check the policy, write, and audit — in one transaction. */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit, changes } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid, notFound } from '../../../core/http/errors.ts';
import { REGISTRY_FIELDS, validateUnit } from '../domain/validate.ts';
import { placementError, typeAllowedUnder } from '../domain/types.ts';
import { unitByCode, unitById, type Unit } from '../store/repository.ts';
import { ensureUnitColumns } from '../../documents/store/columns.ts';

export const UNIT = { zh: '单位', en: 'unit' };

export async function createUnit(db: Db, ctx: CommandContext, raw: Record<string, unknown>): Promise<Unit> {
  const { value: v, errors } = validateUnit(raw, 'create');
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    let parent: Unit | undefined;
    if (v.parent_code) {
      parent = await unitByCode(tx, v.parent_code);
      if (!parent) throw invalid({ parent_code: { zh: '上级单位代码不存在', en: 'No unit has this parent code' } });
      if (!parent.active) throw invalid({ parent_code: { zh: '上级单位已停用，不能在其下新建单位', en: 'The parent unit is inactive' } });
    } else if (ctx.actor) {
      // Only the system (CLI) may create a second root; users create units under one they manage.
      throw invalid({ parent_code: { zh: '请选择上级单位', en: 'Choose the parent unit' } });
    }
    authorize(ctx, 'unit.create', parent?.path ?? null);
    // The type follows the organisation (domain/types.ts): checked for everyone, the CLI included.
    if (!typeAllowedUnder(v.type, parent?.type ?? null)) throw invalid({ type: placementError(v.type, parent?.type ?? null) });
    const dup = await tx.selectFrom('units').select(['code', 'slug']).where((eb) => eb.or([eb('code', '=', v.code), eb('slug', '=', v.slug)])).execute();
    if (dup.some((d) => d.code === v.code)) throw invalid({ code: { zh: '该单位代码已存在', en: 'This unit code is already in use' } });
    if (dup.length) throw invalid({ slug: { zh: '该网址标识已被使用', en: 'This URL slug is already in use' } });
    const { parent_code: _p, ...cols } = v;
    const ins = await tx
      .insertInto('units')
      .values({ ...cols, parent_id: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : 0, deactivated_on: null, merged_into_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = (parent?.path ?? '/') + ins.id + '/';
    await tx.updateTable('units').set({ path }).where('id', '=', ins.id).execute();
    const unit = (await unitById(tx, ins.id))!;
    await recordAudit(tx, ctx.audit, { action: 'unit.create', unitId: unit.id, subjectType: 'unit', subjectId: unit.id, summary: { after: { code: v.code, name: v.name, type: v.type, parent: v.parent_code } } });
    await ensureUnitColumns(tx, unit);
    return unit;
  });
}

/** A type change must fit the parent and every active child (the children's types depend on it). */
async function checkTypeChange(tx: Tx, ctx: CommandContext, cur: Unit, type: string): Promise<void> {
  const parent = cur.parent_id === null ? undefined : await unitById(tx, cur.parent_id);
  // The type decides the unit's statutory duties, so it is set by the parent's administrators, not
  // by the unit's own (a county admin cannot turn the county into something else).
  authorize(ctx, 'unit.create', parent?.path ?? null);
  if (ctx.actor && !parent) throw invalid({ type: { zh: '根单位的类型不能修改', en: 'The root unit’s type cannot change' } });
  if (!typeAllowedUnder(type, parent?.type ?? null)) throw invalid({ type: placementError(type, parent?.type ?? null) });
  const kids = await tx.selectFrom('units').select(['name', 'type']).where('parent_id', '=', cur.id).where('active', '=', true).execute();
  const misfit = kids.find((k) => !typeAllowedUnder(k.type, type));
  if (misfit) {
    throw invalid({ type: { zh: `下级单位“${misfit.name}”不能设在该类型之下，请先调整或迁移下级单位`, en: `The sub-unit “${misfit.name}” cannot sit under this type; move or change it first` } });
  }
}

/**
 * Updates a unit's fields. The 备案 registry fields (work points 21–22: disclosure body, contacts,
 * responsible official) are audited with before/after values, so the filing history is traceable.
 * The type may change only within the placement rules; a unit whose type predates them keeps it
 * while other fields are edited.
 */
export async function updateUnit(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>): Promise<Unit> {
  return inTransaction(db, async (tx) => {
    const cur = await unitById(tx, id);
    if (!cur) throw notFound(UNIT);
    authorize(ctx, 'unit.update', cur.path);
    const merged = { ...cur, ...raw, code: cur.code, parent_code: cur.parent_code };
    const { value: v, errors } = validateUnit(merged, 'update');
    if (Object.keys(errors).length) throw invalid(errors);
    if (v.type !== cur.type) await checkTypeChange(tx, ctx, cur, v.type);
    if (v.slug !== cur.slug) {
      const taken = await tx.selectFrom('units').select('id').where('slug', '=', v.slug).where('id', '!=', id).executeTakeFirst();
      if (taken) throw invalid({ slug: { zh: '该网址标识已被使用', en: 'This URL slug is already in use' } });
    }
    const { parent_code: _p, code: _c, ...cols } = v;
    await tx.updateTable('units').set({ ...cols, updated_at: sql`now()` }).where('id', '=', id).execute();
    const after = (await unitById(tx, id))!;
    const keys = ['name', 'short_name', 'name_en', 'type', 'slug', 'sort_order', ...REGISTRY_FIELDS];
    const diff = changes(cur as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, keys);
    const registryChanged = REGISTRY_FIELDS.some((k) => k in (diff.after ?? {}));
    await recordAudit(tx, ctx.audit, { action: registryChanged ? 'unit.registry.update' : 'unit.update', unitId: id, subjectType: 'unit', subjectId: id, summary: diff });
    return after;
  });
}
