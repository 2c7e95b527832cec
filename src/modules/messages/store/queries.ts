/** Reads of the messages module. Staff lists are scoped in SQL (policy.inScope); public reads return published rows only. */
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { DEFAULT_ANSWER_WORKDAYS, type Status } from '../domain/rules.ts';

const withUnit = (db: DbOrTx) =>
  db.selectFrom('messages as m').innerJoin('units as u', 'u.id', 'm.unit_id');

export interface PublishedRow {
  id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; category: string; public_subject: string; public_body: string; public_answer: string;
  received_on: string; answered_on: string; published_at: Date; document_id: number | null; faq_id: number | null;
}

/** Published answers of a unit subtree (or all), newest first; `q` searches subject, question and answer. */
export async function listPublished(db: DbOrTx, o: { subtreeOf?: string; q?: string; limit?: number; offset?: number } = {}): Promise<PublishedRow[]> {
  let qb = withUnit(db)
    .select(['m.id', 'm.unit_id', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'm.category', 'm.public_subject', 'm.public_body', 'm.public_answer', 'm.received_on', 'm.answered_on', 'm.published_at', 'm.document_id', 'm.faq_id'])
    .where('m.published_at', 'is not', null);
  if (o.subtreeOf) qb = qb.where('u.path', 'like', `${o.subtreeOf.replace(/[%_\\]/g, '\\$&')}%`);
  const q = (o.q ?? '').trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    qb = qb.where((eb) => eb.or([eb('m.public_subject', 'like', like), eb('m.public_body', 'like', like), eb('m.public_answer', 'like', like)]));
  }
  return (await qb.orderBy('m.published_at', 'desc').orderBy('m.id', 'desc').limit(o.limit ?? 50).offset(o.offset ?? 0).execute()) as PublishedRow[];
}

export async function publishedById(db: DbOrTx, id: number): Promise<PublishedRow | undefined> {
  return (await withUnit(db)
    .select(['m.id', 'm.unit_id', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'm.category', 'm.public_subject', 'm.public_body', 'm.public_answer', 'm.received_on', 'm.answered_on', 'm.published_at', 'm.document_id', 'm.faq_id'])
    .where('m.id', '=', id).where('m.published_at', 'is not', null).executeTakeFirst()) as PublishedRow | undefined;
}

export const faqsOf = (db: DbOrTx, unitIds: number[]) =>
  unitIds.length ? db.selectFrom('message_faqs').selectAll().where('unit_id', 'in', unitIds).orderBy('id', 'desc').execute() : Promise.resolve([]);

/** A published document (政策文件) linked from a policy answer, if it is public, with its published 解读. */
export async function linkedDocument(db: DbOrTx, id: number | null) {
  if (!id) return undefined;
  const docs = (x: DbOrTx) => x.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'd.title', 'd.index_no', 'u.slug as unit_slug']);
  const published = (qb: ReturnType<typeof docs>) => qb.where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive');
  const doc = await published(docs(db)).where('d.id', '=', id).executeTakeFirst();
  if (!doc) return undefined;
  const interpretations = await published(docs(db)).where('d.interprets_id', '=', id).orderBy('d.id').execute();
  return { ...doc, interpretations };
}

export interface StaffRow {
  id: number; unit_id: number; unit_name: string; unit_path: string; tracking_no: string; category: string; subject: string; status: Status;
  received_on: string; due_on: string; answered_on: string | null; assigned_to: number | null; assignee: string | null; consent: boolean; transfers: number; published_at: Date | null;
}

/** Staff inbox: messages of the units in scope; `open` = not yet answered or rejected. */
export async function staffList(db: DbOrTx, scope: string[], o: { open?: boolean; limit?: number } = {}): Promise<StaffRow[]> {
  let qb = withUnit(db).leftJoin('users as a', 'a.id', 'm.assigned_to')
    .select(['m.id', 'm.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'm.tracking_no', 'm.category', 'm.subject', 'm.status', 'm.received_on', 'm.due_on', 'm.answered_on', 'm.assigned_to', 'a.display_name as assignee', 'm.consent', 'm.transfers', 'm.published_at'])
    .where(inScope('u.path', scope));
  if (o.open) qb = qb.where('m.status', 'in', ['received', 'assigned']);
  return (await qb.orderBy('m.due_on').orderBy('m.id').limit(o.limit ?? 200).execute()) as StaffRow[];
}

export async function messageById(db: DbOrTx, id: number) {
  return withUnit(db).leftJoin('users as a', 'a.id', 'm.assigned_to')
    .selectAll('m').select(['u.name as unit_name', 'u.path as unit_path', 'u.code as unit_code', 'u.slug as unit_slug', 'a.display_name as assignee'])
    .where('m.id', '=', id).executeTakeFirst();
}
export type MessageDetail = NonNullable<Awaited<ReturnType<typeof messageById>>>;

export const messageByTracking = (db: DbOrTx, trackingNo: string) =>
  withUnit(db).select(['m.id', 'm.tracking_no', 'm.query_code_hash', 'm.status', 'm.subject', 'm.category', 'm.received_on', 'm.due_on', 'm.answer', 'm.answered_on', 'm.published_at', 'm.reject_reason', 'u.name as unit_name', 'u.slug as unit_slug'])
    .where('m.tracking_no', '=', trackingNo).executeTakeFirst();

/** The unit's answer period (working days), or the default. */
export async function answerWorkdays(db: DbOrTx, unitId: number): Promise<number> {
  const r = await db.selectFrom('message_settings').select('answer_workdays').where('unit_id', '=', unitId).executeTakeFirst();
  return r?.answer_workdays ?? DEFAULT_ANSWER_WORKDAYS;
}

/** Staff who may be assigned a message of a unit: active users of that unit. */
export const usersOfUnit = (db: DbOrTx, unitId: number) =>
  db.selectFrom('users').select(['id', 'display_name']).where('unit_id', '=', unitId).where('disabled', '=', false).orderBy('display_name').execute();
