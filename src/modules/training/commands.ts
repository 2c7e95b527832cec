/**
 * Write use-cases of the training records: the organising unit's administrators and supervisors
 * record a training, change or delete it, and register or remove attendees (staff of any active
 * unit: a city training is attended by every unit). Each write is authorized on the organising
 * unit and audited in the same transaction.
 */
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import { unitById } from '../units/repository.ts';
import { parseNames, RULES, validateTraining } from './domain/rules.ts';
import { okId } from './store/queries.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const TRAINING: Msg = { zh: '培训', en: 'training' };

async function lockTraining(tx: Tx, ctx: CommandContext, id: number) {
  const t = okId(id) ? await tx.selectFrom('trainings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!t) throw notFound(TRAINING);
  const unit = await unitById(tx, t.unit_id);
  if (!unit) throw notFound(TRAINING);
  authorize(ctx, 'training.manage', unit.path);
  return { t, unit };
}

/** Records a training organised by `unitId`. */
export async function createTraining(db: Db, ctx: CommandContext, unitId: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<number> {
  const { value, errors } = validateTraining(raw, today);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
    if (!unit || !unit.active) throw invalid({ unit: { zh: '请选择组织培训的单位', en: 'Choose the organising unit' } });
    authorize(ctx, 'training.manage', unit.path);
    const id = (await tx.insertInto('trainings').values({ unit_id: unit.id, ...value, updated_by: ctx.audit.name }).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(tx, ctx.audit, { action: 'training.create', unitId: unit.id, subjectType: 'training', subjectId: id, summary: { topic: value.topic, held_on: value.held_on, hours: value.hours } });
    return id;
  });
}

export async function updateTraining(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<void> {
  const { value, errors } = validateTraining(raw, today);
  if (Object.keys(errors).length) throw invalid(errors);
  await inTransaction(db, async (tx) => {
    const { t, unit } = await lockTraining(tx, ctx, id);
    await tx.updateTable('trainings').set({ ...value, updated_at: new Date(), updated_by: ctx.audit.name }).where('id', '=', t.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'training.update', unitId: unit.id, subjectType: 'training', subjectId: t.id, summary: { topic: value.topic, held_on: value.held_on, hours: value.hours } });
  });
}

export async function deleteTraining(db: Db, ctx: CommandContext, id: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { t, unit } = await lockTraining(tx, ctx, id);
    const n = await tx.selectFrom('training_attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('training_id', '=', t.id).executeTakeFirstOrThrow();
    await tx.deleteFrom('trainings').where('id', '=', t.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'training.delete', unitId: unit.id, subjectType: 'training', subjectId: t.id, summary: { topic: t.topic, held_on: t.held_on, attendees: Number(n.n) } });
  });
}

/** Registers attendees of one unit; names already registered for that unit are skipped. Returns how many were added. */
export async function addAttendees(db: Db, ctx: CommandContext, trainingId: number, attendeeUnitId: number, rawNames: unknown): Promise<number> {
  const { names, error } = parseNames(rawNames);
  if (error) throw invalid({ names: error });
  return inTransaction(db, async (tx) => {
    const { t, unit } = await lockTraining(tx, ctx, trainingId);
    const au = okId(attendeeUnitId) ? await unitById(tx, attendeeUnitId) : undefined;
    if (!au || !au.active) throw invalid({ unit: { zh: '请选择参训人员所在单位', en: 'Choose the attendees\u2019 unit' } });
    const rows = await tx.insertInto('training_attendance').values(names.map((name) => ({ training_id: t.id, unit_id: au.id, name })))
      .onConflict((oc) => oc.columns(['training_id', 'unit_id', 'name']).doNothing()).returning('id').execute();
    await recordAudit(tx, ctx.audit, { action: 'training.attendance.add', unitId: unit.id, subjectType: 'training', subjectId: t.id, summary: { topic: t.topic, unit: au.name, count: rows.length } });
    return rows.length;
  });
}

export async function removeAttendee(db: Db, ctx: CommandContext, attendanceId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const a = okId(attendanceId) ? await tx.selectFrom('training_attendance').selectAll().where('id', '=', attendanceId).executeTakeFirst() : undefined;
    if (!a) throw notFound({ zh: '参训记录', en: 'attendance record' });
    const { t, unit } = await lockTraining(tx, ctx, a.training_id);
    await tx.deleteFrom('training_attendance').where('id', '=', a.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'training.attendance.remove', unitId: unit.id, subjectType: 'training', subjectId: t.id, summary: { topic: t.topic, name: a.name } });
    return t.id;
  });
}

