/** Reads of 在线访谈 / 新闻发布会: lists (public or in a staff scope), one event with its parts, questions, the queue. */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

const esc = (p: string) => p.replace(/[%_\\]/g, '\\$&') + '%';
export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

export interface EventRow {
  id: number; unit_id: number; unit_name: string; unit_short_name: string; unit_slug: string; unit_code: string; unit_path: string;
  kind: string; title: string; topic: string; starts_at: Date; place: string; status: string; cancel_reason: string | null;
  announced_at: Date | null; ended_at: Date | null; questions_approved: number; questions_pending: number;
}

const base = (db: DbOrTx) => db.selectFrom('interviews as i').innerJoin('units as u', 'u.id', 'i.unit_id').select([
  'i.id', 'i.unit_id', 'u.name as unit_name', 'u.short_name as unit_short_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path',
  'i.kind', 'i.title', 'i.topic', 'i.starts_at', 'i.place', 'i.status', 'i.cancel_reason', 'i.announced_at', 'i.ended_at',
  sql<number>`(select count(*)::int from interview_questions q where q.interview_id = i.id and q.status = 'approved')`.as('questions_approved'),
  sql<number>`(select count(*)::int from interview_questions q where q.interview_id = i.id and q.status = 'pending')`.as('questions_pending'),
]);

/** Public lists pass `publicOnly` (no drafts) and maybe a subtree; staff lists their scope. */
export async function listEvents(db: DbOrTx, o: { scope?: string[]; subtreeOf?: string; unitId?: number; publicOnly?: boolean; status?: string[]; kind?: string; limit?: number } = {}): Promise<EventRow[]> {
  let q = base(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.subtreeOf) q = q.where('u.path', 'like', esc(o.subtreeOf));
  if (o.unitId !== undefined) q = q.where('i.unit_id', '=', o.unitId);
  if (o.publicOnly) q = q.where('i.status', '<>', 'draft');
  if (o.status?.length) q = q.where('i.status', 'in', o.status);
  if (o.kind) q = q.where('i.kind', '=', o.kind);
  return (await q.orderBy('i.starts_at', 'desc').orderBy('i.id', 'desc').limit(o.limit ?? 500).execute()) as EventRow[];
}

export interface EventDetail extends EventRow { intro_html: string; statement_html: string }

export async function eventById(db: DbOrTx, id: number): Promise<EventDetail | undefined> {
  if (!okId(id)) return undefined;
  return (await base(db).select(['i.intro_html', 'i.statement_html']).where('i.id', '=', id).executeTakeFirst()) as EventDetail | undefined;
}

export interface PersonRow { role: string; name: string; title: string; unit_name: string }
export interface RelatedDoc { id: number; title: string; index_no: string; unit_slug: string; public: boolean; interpretations: { id: number; title: string; unit_slug: string }[] }
export interface VideoRow { id: number; title: string; url: string }
export interface EntryRow { id: number; position: number; kind: string; speaker: string; body_html: string; question_id: number | null }
export interface PhotoRow { id: number; caption: string }

export interface EventParts { people: PersonRow[]; related: RelatedDoc[]; videos: VideoRow[]; entries: EntryRow[]; photos: PhotoRow[] }

/** Guests/officials, related policies with their published 解读, videos, transcript, photo captions. */
export async function partsOf(db: DbOrTx, id: number): Promise<EventParts> {
  const [people, docs, videos, entries, photos] = await Promise.all([
    db.selectFrom('interview_people').select(['role', 'name', 'title', 'unit_name']).where('interview_id', '=', id).orderBy('role').orderBy('position').execute(),
    db.selectFrom('interview_documents as d').innerJoin('documents as doc', 'doc.id', 'd.document_id').innerJoin('units as u', 'u.id', 'doc.unit_id')
      .select(['doc.id', 'doc.title', 'doc.index_no', 'u.slug as unit_slug', sql<boolean>`doc.status = 'published' and doc.disclosure = 'proactive'`.as('public')])
      .where('d.interview_id', '=', id).orderBy('d.position').execute(),
    db.selectFrom('interview_videos').select(['id', 'title', 'url']).where('interview_id', '=', id).orderBy('position').execute(),
    db.selectFrom('interview_entries').select(['id', 'position', 'kind', 'speaker', 'body_html', 'question_id']).where('interview_id', '=', id).orderBy('position').execute(),
    db.selectFrom('interview_photos').select(['id', 'caption']).where('interview_id', '=', id).orderBy('id').execute(),
  ]);
  const ids = docs.map((d) => d.id);
  const interp = ids.length
    ? await db.selectFrom('documents as doc').innerJoin('units as u', 'u.id', 'doc.unit_id').select(['doc.id', 'doc.title', 'doc.interprets_id', 'u.slug as unit_slug'])
      .where('doc.interprets_id', 'in', ids).where('doc.status', '=', 'published').where('doc.disclosure', '=', 'proactive').orderBy('doc.id').execute()
    : [];
  const related = docs.map((d) => ({ ...d, interpretations: interp.filter((x) => x.interprets_id === d.id).map((x) => ({ id: x.id, title: x.title, unit_slug: x.unit_slug })) })) as RelatedDoc[];
  return { people, related, videos, entries, photos };
}

export interface QuestionRow { id: number; interview_id: number; name: string; body: string; asked_during: string; status: string; reject_reason: string | null; moderated_by: string | null; created_at: Date }

/** Questions without their contact (decrypted only on request, one at a time, audited). */
export async function questionsOf(db: DbOrTx, id: number, o: { status?: string } = {}): Promise<QuestionRow[]> {
  let q = db.selectFrom('interview_questions').select(['id', 'interview_id', 'name', 'body', 'asked_during', 'status', 'reject_reason', 'moderated_by', 'created_at']).where('interview_id', '=', id);
  if (o.status) q = q.where('status', '=', o.status);
  return (await q.orderBy('id').execute()) as QuestionRow[];
}

export interface PendingRow { id: number; interview_id: number; interview_title: string; unit_name: string; created_at: Date; body: string }

/** The moderation queue of a scope, oldest first. */
export async function pendingQuestions(db: DbOrTx, scope: string[], limit = 50): Promise<{ rows: PendingRow[]; total: number }> {
  if (!scope.length) return { rows: [], total: 0 };
  const q = db.selectFrom('interview_questions as k').innerJoin('interviews as i', 'i.id', 'k.interview_id').innerJoin('units as u', 'u.id', 'i.unit_id')
    .where('k.status', '=', 'pending').where(inScope('u.path', scope));
  const [rows, n] = await Promise.all([
    q.select(['k.id', 'k.interview_id', 'i.title as interview_title', 'u.short_name as unit_name', 'k.created_at', 'k.body']).orderBy('k.id').limit(limit).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as PendingRow[], total: n?.n ?? 0 };
}

export async function photoOf(db: DbOrTx, id: number): Promise<{ id: number; interview_id: number; mime: string; data: Uint8Array } | undefined> {
  return okId(id) ? db.selectFrom('interview_photos').select(['id', 'interview_id', 'mime', 'data']).where('id', '=', id).executeTakeFirst() : undefined;
}
