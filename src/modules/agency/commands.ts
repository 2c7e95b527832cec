/**
 * Write use-cases of the agency information: check the policy, write, audit — one transaction each.
 * Editors of a unit (and its admins) edit the draft; its reviewers and admins publish a version
 * (the same two hands as for documents). Publishing drops the unit's cached portal pages.
 */
import { createHash } from 'node:crypto';
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import { unitById, type Unit } from '../units/repository.ts';
import { sanitizeRichText } from '../documents/domain/sanitize.ts';
import { emitDocumentsChanged } from '../documents/commands.ts';
import { LIMITS, photoError, photoType, publishProblem, validateDepartment, validateLeader, FIELD_LABELS } from './domain/rules.ts';
import { draftOf, latestVersion, snapshotOf } from './store/queries.ts';

defineRules({
  'agency.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'agency.edit': ['system_admin', 'unit_admin', 'editor'],
  'agency.publish': ['system_admin', 'unit_admin', 'reviewer'],
});

const UNIT = { zh: '单位', en: 'unit' };
const ITEM = { zh: '条目', en: 'item' };

async function unitFor(tx: Tx, ctx: CommandContext, unitId: number, action: string): Promise<Unit> {
  const unit = Number.isSafeInteger(unitId) && unitId > 0 && unitId < 2_147_483_648 ? await unitById(tx, unitId) : undefined;
  if (!unit) throw notFound(UNIT);
  authorize(ctx, action, unit.path);
  if (!unit.active) throw conflict({ zh: '单位已停用，不能再修改其机构信息', en: 'The unit is inactive' });
  return unit;
}

const audit = (tx: Tx, ctx: CommandContext, unit: Unit, action: string, summary: Record<string, unknown>) =>
  recordAudit(tx, ctx.audit, { action, unitId: unit.id, subjectType: 'unit', subjectId: unit.id, summary });

export async function saveFunctions(db: Db, ctx: CommandContext, unitId: number, raw: { functions?: unknown }): Promise<void> {
  const html = sanitizeRichText(typeof raw.functions === 'string' ? raw.functions : '');
  if (html.length > LIMITS.functions) throw invalid({ functions: { zh: `机关职能过长（不超过 ${LIMITS.functions} 字）`, en: 'The functions text is too long' } });
  await inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.edit');
    const by = ctx.audit.name;
    await tx
      .insertInto('agency_profiles')
      .values({ unit_id: unit.id, functions: html, updated_by: by })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ functions: html, updated_at: new Date(), updated_by: by }))
      .execute();
    await audit(tx, ctx, unit, 'agency.functions.update', { length: html.length });
  });
}

export async function saveDepartment(db: Db, ctx: CommandContext, unitId: number, id: number | null, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateDepartment(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.edit');
    let rowId = id;
    if (rowId === null) {
      rowId = (await tx.insertInto('agency_departments').values({ unit_id: unit.id, ...value }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const r = await tx.updateTable('agency_departments').set(value).where('id', '=', rowId).where('unit_id', '=', unit.id).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw notFound(ITEM);
    }
    await audit(tx, ctx, unit, 'agency.department.save', { name: value.name, id: rowId });
    return rowId;
  });
}

export async function deleteDepartment(db: Db, ctx: CommandContext, unitId: number, id: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.edit');
    const row = await tx.deleteFrom('agency_departments').where('id', '=', id).where('unit_id', '=', unit.id).returning('name').executeTakeFirst();
    if (!row) throw notFound(ITEM);
    await audit(tx, ctx, unit, 'agency.department.delete', { name: row.name, id });
  });
}

export interface PhotoUpload { data: Uint8Array }

/** Saves a leader; a new photo is stored as a new immutable row (older versions keep theirs). */
export async function saveLeader(db: Db, ctx: CommandContext, unitId: number, id: number | null, raw: Record<string, unknown>, photo?: PhotoUpload | null): Promise<number> {
  const { value, errors } = validateLeader(raw);
  const perr = photo ? photoError(photo.data) : null;
  if (perr) errors.photo = perr;
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.edit');
    let photoId: number | undefined;
    if (photo?.data.length) {
      const sha256 = createHash('sha256').update(photo.data).digest('hex');
      photoId = (await tx.insertInto('agency_photos').values({ unit_id: unit.id, mime: photoType(photo.data)!, data: photo.data, sha256 }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const removePhoto = raw.remove_photo === '1' && photoId === undefined;
    const fields = { ...value, ...(photoId !== undefined ? { photo_id: photoId } : removePhoto ? { photo_id: null } : {}) };
    let rowId = id;
    if (rowId === null) {
      rowId = (await tx.insertInto('agency_leaders').values({ unit_id: unit.id, photo_id: null, ...fields }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const r = await tx.updateTable('agency_leaders').set(fields).where('id', '=', rowId).where('unit_id', '=', unit.id).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw notFound(ITEM);
    }
    await audit(tx, ctx, unit, 'agency.leader.save', { name: value.name, title: value.title, id: rowId, photo: photoId !== undefined ? 'new' : removePhoto ? 'removed' : 'kept' });
    return rowId;
  });
}

export async function deleteLeader(db: Db, ctx: CommandContext, unitId: number, id: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.edit');
    const row = await tx.deleteFrom('agency_leaders').where('id', '=', id).where('unit_id', '=', unit.id).returning('name').executeTakeFirst();
    if (!row) throw notFound(ITEM);
    await audit(tx, ctx, unit, 'agency.leader.delete', { name: row.name, id });
  });
}

/** Publishes the draft as the unit's next version; the portal shows it at once. */
export async function publishAgency(db: Db, ctx: CommandContext, unitId: number, raw: { note?: unknown } = {}): Promise<number> {
  const note = typeof raw.note === 'string' ? raw.note.trim() : '';
  if (note.length > LIMITS.note) throw invalid({ note: { zh: `${FIELD_LABELS.note.zh}不能超过 ${LIMITS.note} 个字`, en: 'The note is too long' } });
  const { unit, version } = await inTransaction(db, async (tx) => {
    const unit = await unitFor(tx, ctx, unitId, 'agency.publish');
    // one publisher at a time per unit: the version number is the next one
    await tx.selectFrom('units').select('id').where('id', '=', unit.id).forUpdate().execute();
    const draft = snapshotOf(await draftOf(tx, unit.id));
    const last = await latestVersion(tx, unit.id);
    const problem = publishProblem(draft, last?.snapshot ?? null);
    if (problem) throw conflict(problem);
    const version = (last?.version ?? 0) + 1;
    await tx.insertInto('agency_versions').values({ unit_id: unit.id, version, snapshot: JSON.stringify(draft), note, published_by: ctx.audit.name }).execute();
    await audit(tx, ctx, unit, 'agency.publish', { version, departments: draft.departments.length, leaders: draft.leaders.length, note });
    return { unit, version };
  });
  // the column pages of the unit are cached: drop them (a change with no document of its own)
  emitDocumentsChanged({ unitIds: [unit.id], documentIds: [], kind: 'edit' });
  return version;
}
