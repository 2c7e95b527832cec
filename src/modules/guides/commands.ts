/**
 * Write use-cases of the service guides: a unit's editors draft guides; its reviewers and admins
 * publish them (all ten key elements present), edit published guides and withdraw them; reviewers
 * and admins keep the unit's 一件事 bundles. Each write is audited; the portal's cache follows.
 */
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { can, defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import { unitById } from '../units/repository.ts';
import { emitDocumentsChanged } from '../documents/commands.ts';
import { publishedChanged } from '../search/published.ts';
import { ELEMENTS, RULES, validateBundle, validateGuide, type GuideInput } from './domain/rules.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const GUIDE = { zh: '办事指南', en: 'service guide' };
const BUNDLE = { zh: '"一件事"', en: 'bundle' };
const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

async function unitFor(tx: Tx, ctx: CommandContext, unitId: number, action: string) {
  const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, action, unit.path);
  return unit;
}

async function lockGuide(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const g = okId(id) ? await tx.selectFrom('service_guides').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!g) throw notFound(GUIDE);
  const unit = await unitFor(tx, ctx, g.unit_id, action);
  return { guide: g, unit };
}

const changed = (before: Record<string, unknown>, after: GuideInput) => (Object.keys(after) as (keyof GuideInput)[]).filter((k) => before[k] !== after[k]);

/**
 * Creates (id null) or updates a guide. A published guide is edited only by those who may publish
 * (the change is live at once, so it is theirs to make); an editor drafts and updates drafts.
 */
export async function saveGuide(db: Db, ctx: CommandContext, o: { id: number | null; unitId: number }, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateGuide(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const res = await inTransaction(db, async (tx) => {
    if (o.id === null) {
      const unit = await unitFor(tx, ctx, o.unitId, 'guide.edit');
      const id = (await tx.insertInto('service_guides').values({ unit_id: unit.id, ...value, updated_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
      await recordAudit(tx, ctx.audit, { action: 'guide.create', unitId: unit.id, subjectType: 'service_guide', subjectId: id, summary: { name: value.name } });
      return { id, unitId: unit.id, live: false };
    }
    const { guide, unit } = await lockGuide(tx, ctx, o.id, 'guide.edit');
    if (guide.status === 'published') {
      const fields = validateGuide(raw, true).errors;
      if (ctx.actor && !can(ctx.actor, 'guide.publish', unit.path)) throw conflict({ zh: '该指南已发布，修改须由审核人或单位管理员进行；也可请其先撤下。', en: 'This guide is published: a reviewer or the unit admin edits it (or withdraws it first).' });
      if (Object.keys(fields).length) throw invalid(fields);
    }
    await tx.updateTable('service_guides').set({ ...value, updated_at: new Date(), updated_by: ctx.audit.name }).where('id', '=', guide.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'guide.update', unitId: unit.id, subjectType: 'service_guide', subjectId: guide.id, summary: { name: value.name, changed: changed(guide, value).join(', ') } });
    return { id: guide.id, unitId: unit.id, live: guide.status === 'published' };
  });
  if (res.live) emitDocumentsChanged({ unitIds: [res.unitId], documentIds: [], kind: 'edit' });
  publishedChanged('guide', [res.unitId]);
  return res.id;
}

/** Publishes (all ten elements required), withdraws, or returns a withdrawn guide to draft. */
export async function setGuideStatus(db: Db, ctx: CommandContext, id: number, to: 'published' | 'withdrawn' | 'draft'): Promise<void> {
  const unitId = await inTransaction(db, async (tx) => {
    const { guide, unit } = await lockGuide(tx, ctx, id, 'guide.publish');
    if (guide.status === to) throw conflict({ zh: '该指南已是此状态', en: 'The guide is already in that state' });
    if (to === 'published') {
      const missing = ELEMENTS.filter((k) => !String(guide[k]).trim());
      if (missing.length) throw invalid(validateGuide(guide as unknown as Record<string, unknown>, true).errors);
    }
    await tx.updateTable('service_guides').set({ status: to, updated_at: new Date(), updated_by: ctx.audit.name, ...(to === 'published' ? { published_at: new Date() } : {}) }).where('id', '=', guide.id).execute();
    await recordAudit(tx, ctx.audit, { action: to === 'published' ? 'guide.publish' : to === 'withdrawn' ? 'guide.withdraw' : 'guide.redraft', unitId: unit.id, subjectType: 'service_guide', subjectId: guide.id, summary: { name: guide.name } });
    return unit.id;
  });
  emitDocumentsChanged({ unitIds: [unitId], documentIds: [], kind: 'edit' });
  publishedChanged('guide', [unitId]);
}

/**
 * Creates or updates a 一件事 bundle of a unit: its guides come from the unit and the units below
 * it (a life event crosses departments: the city's bundle may join bureaus' guides).
 */
export async function saveBundle(db: Db, ctx: CommandContext, o: { id: number | null; unitId: number }, raw: { name?: unknown; description?: unknown; guides?: unknown }): Promise<number> {
  const { value, errors } = validateBundle(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const res = await inTransaction(db, async (tx) => {
    let unitId = o.unitId;
    if (o.id !== null) {
      const b = okId(o.id) ? await tx.selectFrom('service_bundles').select(['id', 'unit_id']).where('id', '=', o.id).forUpdate().executeTakeFirst() : undefined;
      if (!b) throw notFound(BUNDLE);
      unitId = b.unit_id;
    }
    const unit = await unitFor(tx, ctx, unitId, 'guide.publish');
    const found = await tx.selectFrom('service_guides as g').innerJoin('units as u', 'u.id', 'g.unit_id').select(['g.id', 'u.path']).where('g.id', 'in', value.guideIds).execute();
    if (found.length !== value.guideIds.length || found.some((g) => !g.path.startsWith(unit.path))) throw invalid({ guides: { zh: '只能选择本单位及下级单位的办事指南', en: 'Choose guides of this unit or the units below it' } });
    let id = o.id;
    if (id === null) id = (await tx.insertInto('service_bundles').values({ unit_id: unit.id, name: value.name, description: value.description }).returning('id').executeTakeFirstOrThrow()).id;
    else {
      await tx.updateTable('service_bundles').set({ name: value.name, description: value.description, updated_at: new Date() }).where('id', '=', id).execute();
      await tx.deleteFrom('service_bundle_guides').where('bundle_id', '=', id).execute();
    }
    await tx.insertInto('service_bundle_guides').values(value.guideIds.map((g, i) => ({ bundle_id: id!, guide_id: g, position: i + 1 }))).execute();
    await recordAudit(tx, ctx.audit, { action: 'guide.bundle.save', unitId: unit.id, subjectType: 'service_bundle', subjectId: id, summary: { name: value.name, guides: value.guideIds.length } });
    return { id, unitId: unit.id };
  });
  emitDocumentsChanged({ unitIds: [res.unitId], documentIds: [], kind: 'edit' });
  return res.id;
}

export async function deleteBundle(db: Db, ctx: CommandContext, id: number): Promise<void> {
  const unitId = await inTransaction(db, async (tx) => {
    const b = okId(id) ? await tx.selectFrom('service_bundles').select(['id', 'unit_id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!b) throw notFound(BUNDLE);
    const unit = await unitFor(tx, ctx, b.unit_id, 'guide.publish');
    await tx.deleteFrom('service_bundles').where('id', '=', b.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'guide.bundle.delete', unitId: unit.id, subjectType: 'service_bundle', subjectId: b.id, summary: { name: b.name } });
    return unit.id;
  });
  emitDocumentsChanged({ unitIds: [unitId], documentIds: [], kind: 'edit' });
}
