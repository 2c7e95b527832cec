/** Reads of the training records, filtered by the policy in SQL (the organising unit's subtree). */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

export interface TrainingRow { id: number; unit_id: number; unit_name: string; unit_path: string; held_on: string; topic: string; organiser: string; hours: number; note: string; attendees: number; updated_at: Date; updated_by: string }
export interface AttendanceRow { id: number; training_id: number; unit_id: number; unit_name: string; name: string }
export interface UnitHoursRow { unit_id: number; unit_name: string; unit_path: string; trainings: number; attendees: number; hours: number }

export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;
const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

const base = (db: DbOrTx) =>
  db.selectFrom('trainings as t').innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.unit_id', 'u.name as unit_name', 'u.path as unit_path', 't.held_on', 't.topic', 't.organiser', 't.hours', 't.note', 't.updated_at', 't.updated_by'])
    .select((eb) => eb.selectFrom('training_attendance as a').whereRef('a.training_id', '=', 't.id').select(eb.fn.countAll<number>().as('n')).as('attendees'));
const norm = <T extends { hours: unknown; attendees: unknown }>(r: T) => ({ ...r, hours: Number(r.hours), attendees: Number(r.attendees ?? 0) });

/** Trainings organised in scope in a year, newest first. */
export async function listTrainings(db: DbOrTx, o: { scope: string[]; year: number; unitId?: number }): Promise<TrainingRow[]> {
  const [from, to] = yearRange(o.year);
  let q = base(db).where(inScope('u.path', o.scope)).where('t.held_on', '>=', from).where('t.held_on', '<=', to);
  if (o.unitId !== undefined) q = q.where('t.unit_id', '=', o.unitId);
  return (await q.orderBy('t.held_on', 'desc').orderBy('t.id', 'desc').limit(1000).execute()).map(norm) as TrainingRow[];
}

export async function trainingById(db: DbOrTx, id: number): Promise<TrainingRow | undefined> {
  if (!okId(id)) return undefined;
  const r = await base(db).where('t.id', '=', id).executeTakeFirst();
  return r ? (norm(r) as TrainingRow) : undefined;
}

export async function attendanceOf(db: DbOrTx, trainingId: number): Promise<AttendanceRow[]> {
  return (await db.selectFrom('training_attendance as a').innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.training_id', 'a.unit_id', 'u.name as unit_name', 'a.name'])
    .where('a.training_id', '=', trainingId).orderBy('u.path').orderBy('a.id').execute()) as AttendanceRow[];
}

/**
 * Per attending unit in scope: trainings attended, person-times and person-hours in a year — the
 * figure the assessment reads (one query for every unit).
 */
export async function hoursPerUnit(db: DbOrTx, o: { scope: string[]; year: number }): Promise<UnitHoursRow[]> {
  const [from, to] = yearRange(o.year);
  const rows = await db.selectFrom('training_attendance as a').innerJoin('trainings as t', 't.id', 'a.training_id').innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['u.id as unit_id', 'u.name as unit_name', 'u.path as unit_path'])
    .select([sql<number>`count(distinct t.id)`.as('trainings'), sql<number>`count(*)`.as('attendees'), sql<string>`coalesce(sum(t.hours), 0)`.as('hours')])
    .where(inScope('u.path', o.scope)).where('t.held_on', '>=', from).where('t.held_on', '<=', to)
    .groupBy(['u.id', 'u.name', 'u.path']).orderBy('u.path').execute();
  return rows.map((r) => ({ ...r, trainings: Number(r.trainings), attendees: Number(r.attendees), hours: Number(r.hours) }));
}

/** Attendance lines of the trainings organised in scope in a year (the CSV export). */
export async function exportRows(db: DbOrTx, o: { scope: string[]; year: number }) {
  const [from, to] = yearRange(o.year);
  return db.selectFrom('trainings as t').innerJoin('units as ou', 'ou.id', 't.unit_id')
    .leftJoin('training_attendance as a', 'a.training_id', 't.id').leftJoin('units as au', 'au.id', 'a.unit_id')
    .select(['t.id', 't.held_on', 't.topic', 't.organiser', 't.hours', 'ou.name as organising_unit', 'au.name as attendee_unit', 'a.name'])
    .where(inScope('ou.path', o.scope)).where('t.held_on', '>=', from).where('t.held_on', '<=', to)
    .orderBy('t.held_on').orderBy('t.id').orderBy('au.path').orderBy('a.id').limit(100_000).execute();
}
