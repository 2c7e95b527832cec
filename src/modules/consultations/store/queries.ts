/** Reads of 重大行政决策 participation: catalogue, consultations with counts, comments, hearings. */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

const esc = (p: string) => p.replace(/[%_\\]/g, '\\$&') + '%';
const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

export interface DecisionRow { id: number; unit_id: number; unit_name: string; unit_slug: string; unit_path: string; year: number; title: string; summary: string; undertaker: string; status: string; decided_on: string | null }

const decisionBase = (db: DbOrTx) => db.selectFrom('decisions as d').innerJoin('units as u', 'u.id', 'd.unit_id')
  .select(['d.id', 'd.unit_id', 'u.name as unit_name', 'u.slug as unit_slug', 'u.path as unit_path', 'd.year', 'd.title', 'd.summary', 'd.undertaker', 'd.status', 'd.decided_on']);

export async function listDecisions(db: DbOrTx, o: { scope?: string[]; unitId?: number; year?: number; subtreeOf?: string } = {}): Promise<DecisionRow[]> {
  let q = decisionBase(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitId !== undefined) q = q.where('d.unit_id', '=', o.unitId);
  if (o.subtreeOf) q = q.where('u.path', 'like', esc(o.subtreeOf));
  if (o.year !== undefined) q = q.where('d.year', '=', o.year);
  return (await q.orderBy('d.year', 'desc').orderBy('u.path').orderBy('d.id').limit(1000).execute()) as DecisionRow[];
}

export async function decisionById(db: DbOrTx, id: number): Promise<DecisionRow | undefined> {
  return okId(id) ? ((await decisionBase(db).where('d.id', '=', id).executeTakeFirst()) as DecisionRow | undefined) : undefined;
}

export interface ConsultationRow {
  id: number; decision_id: number; decision_title: string; decision_status: string; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string;
  title: string; opens_on: string; closes_on: string; short_reason: string; published_at: Date | null;
  feedback_published_at: Date | null; received: number; published_comments: number; pending: number; rejected: number;
}

const consultationCols = ['c.id', 'c.decision_id', 'd.title as decision_title', 'd.status as decision_status', 'c.unit_id', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path',
  'c.title', 'c.opens_on', 'c.closes_on', 'c.short_reason', 'c.published_at', 'c.feedback_published_at'] as const;
const consultationFrom = (db: DbOrTx) => db.selectFrom('consultations as c').innerJoin('units as u', 'u.id', 'c.unit_id').innerJoin('decisions as d', 'd.id', 'c.decision_id');
const consultationBase = (db: DbOrTx) => consultationFrom(db)
  .select([
    ...consultationCols,
    sql<number>`(select coalesce(sum(k.n), 0)::int from consultation_comment_counts k where k.consultation_id = c.id)`.as('received'),
    sql<number>`(select coalesce(sum(k.n), 0)::int from consultation_comment_counts k where k.consultation_id = c.id and k.status = 'published')`.as('published_comments'),
    sql<number>`(select coalesce(sum(k.n), 0)::int from consultation_comment_counts k where k.consultation_id = c.id and k.status = 'pending')`.as('pending'),
    sql<number>`(select coalesce(sum(k.n), 0)::int from consultation_comment_counts k where k.consultation_id = c.id and k.status = 'rejected')`.as('rejected'),
  ]);

/** Consultations: public lists pass `published` (and a phase via the dates); admin lists the actor's scope. */
export async function listConsultations(db: DbOrTx, o: { scope?: string[]; subtreeOf?: string; decisionId?: number; published?: boolean; state?: 'open' | 'closed'; today?: string; limit?: number } = {}): Promise<ConsultationRow[]> {
  let q = consultationBase(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.subtreeOf) q = q.where('u.path', 'like', esc(o.subtreeOf));
  if (o.decisionId !== undefined) q = q.where('c.decision_id', '=', o.decisionId);
  if (o.published) q = q.where('c.published_at', 'is not', null);
  if (o.state === 'open' && o.today) q = q.where('c.opens_on', '<=', o.today).where('c.closes_on', '>=', o.today);
  if (o.state === 'closed' && o.today) q = q.where('c.closes_on', '<', o.today);
  return (await q.orderBy('c.closes_on', 'desc').orderBy('c.id', 'desc').limit(o.limit ?? 500).execute()) as ConsultationRow[];
}

export interface ConsultationDetail extends ConsultationRow { draft_html: string; explanation_html: string; feedback_summary: string | null }

export async function consultationById(db: DbOrTx, id: number): Promise<ConsultationDetail | undefined> {
  if (!okId(id)) return undefined;
  return (await consultationBase(db).select(['c.draft_html', 'c.explanation_html', 'c.feedback_summary']).where('c.id', '=', id).executeTakeFirst()) as ConsultationDetail | undefined;
}

export interface RelatedDoc { id: number; title: string; index_no: string; unit_slug: string; public: boolean }

export async function relatedDocuments(db: DbOrTx, consultationId: number): Promise<RelatedDoc[]> {
  const rows = await db.selectFrom('consultation_documents as cd').innerJoin('documents as doc', 'doc.id', 'cd.document_id').innerJoin('units as u', 'u.id', 'doc.unit_id')
    .select(['doc.id', 'doc.title', 'doc.index_no', 'u.slug as unit_slug', sql<boolean>`doc.status = 'published' and doc.disclosure = 'proactive'`.as('public')])
    .where('cd.consultation_id', '=', consultationId).orderBy('cd.position').execute();
  return rows as RelatedDoc[];
}

export interface CommentRow { id: number; consultation_id: number; name: string; body: string; status: string; reject_reason: string | null; moderated_by: string | null; adoption: string | null; response: string; created_at: Date }

/** Comments without their contact (never read here: only the unit's staff decrypt it, one at a time). */
export async function commentsOf(db: DbOrTx, consultationId: number, o: { status?: string } = {}): Promise<CommentRow[]> {
  let q = db.selectFrom('consultation_comments').select(['id', 'consultation_id', 'name', 'body', 'status', 'reject_reason', 'moderated_by', 'adoption', 'response', 'created_at']).where('consultation_id', '=', consultationId);
  if (o.status) q = q.where('status', '=', o.status);
  return (await q.orderBy('id').execute()) as CommentRow[];
}

/** Published comments shown per page on the public page and in the API (`?comments_page=N`). */
export const COMMENTS_PER_PAGE = 50;

/**
 * One page of a consultation's published comments, oldest first. The page's ids come from the partial
 * index on published comments (`1120_consultation_comments_idx`, an index-only walk even for a deep
 * page), then only those rows are read.
 */
export async function publishedCommentsPage(db: DbOrTx, consultationId: number, page: number, perPage = COMMENTS_PER_PAGE): Promise<CommentRow[]> {
  const ids = db.selectFrom('consultation_comments').select('id').where('consultation_id', '=', consultationId).where('status', '=', 'published')
    .orderBy('id').limit(perPage).offset((Math.max(1, page) - 1) * perPage);
  return (await db.selectFrom('consultation_comments').select(['id', 'consultation_id', 'name', 'body', 'status', 'reject_reason', 'moderated_by', 'adoption', 'response', 'created_at'])
    .where('id', 'in', ids).orderBy('id').execute()) as CommentRow[];
}

export interface CommentFigures { received: number; published: number; pending: number; rejected: number; rejectedBy: Record<string, number>; adopted: number; partly: number }

/**
 * Every figure of the public page: received, published, pending and refused, refusals per reason,
 * adopted / partly adopted among the published ones — from the stored counters (migration 1160, a
 * handful of rows per consultation), not a count over its comments.
 */
export async function commentFigures(db: DbOrTx, consultationId: number): Promise<CommentFigures> {
  const rows = await db.selectFrom('consultation_comment_counts').select(['status', 'reject_reason', 'adoption', 'n'])
    .where('consultation_id', '=', consultationId).where('n', '>', 0).execute();
  const f: CommentFigures = { received: 0, published: 0, pending: 0, rejected: 0, rejectedBy: {}, adopted: 0, partly: 0 };
  for (const r of rows) {
    f.received += r.n;
    if (r.status === 'published') f.published += r.n;
    if (r.status === 'pending') f.pending += r.n;
    if (r.status === 'rejected') f.rejected += r.n;
    if (r.status === 'rejected' && r.reject_reason) f.rejectedBy[r.reject_reason] = (f.rejectedBy[r.reject_reason] ?? 0) + r.n;
    if (r.status === 'published' && r.adoption === 'adopted') f.adopted += r.n;
    if (r.status === 'published' && r.adoption === 'partly') f.partly += r.n;
  }
  return f;
}

/** A published consultation for the public page: its figures from `commentFigures` (the stored counters). */
export async function publicConsultation(db: DbOrTx, id: number): Promise<{ consultation: ConsultationDetail; figures: CommentFigures } | undefined> {
  if (!okId(id)) return undefined;
  const row = await consultationFrom(db).select([...consultationCols, 'c.draft_html', 'c.explanation_html', 'c.feedback_summary']).where('c.id', '=', id).where('c.published_at', 'is not', null).executeTakeFirst();
  if (!row) return undefined;
  const figures = await commentFigures(db, id);
  return { consultation: { ...row, received: figures.received, published_comments: figures.published, pending: figures.pending, rejected: figures.rejected } as ConsultationDetail, figures };
}

export interface PendingRow { id: number; consultation_id: number; consultation_title: string; unit_name: string; created_at: Date; body: string }

/** The moderation queue of a scope, oldest first. */
export async function pendingComments(db: DbOrTx, scope: string[], limit = 50): Promise<{ rows: PendingRow[]; total: number }> {
  const base = db.selectFrom('consultation_comments as k').innerJoin('consultations as c', 'c.id', 'k.consultation_id').innerJoin('units as u', 'u.id', 'c.unit_id')
    .where('k.status', '=', 'pending').where(inScope('u.path', scope));
  const [rows, n] = await Promise.all([
    base.select(['k.id', 'k.consultation_id', 'c.title as consultation_title', 'u.short_name as unit_name', 'k.created_at', 'k.body']).orderBy('k.id').limit(limit).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as PendingRow[], total: n?.n ?? 0 };
}

export interface HearingRow { id: number; consultation_id: number; held_on: string; held_time: string; place: string; signup_closes_on: string; seats: number; selection_method: string; record_text: string | null; record_published_at: Date | null }

export async function hearingsOf(db: DbOrTx, consultationId: number): Promise<HearingRow[]> {
  return (await db.selectFrom('hearings').select(['id', 'consultation_id', 'held_on', 'held_time', 'place', 'signup_closes_on', 'seats', 'selection_method', 'record_text', 'record_published_at']).where('consultation_id', '=', consultationId).orderBy('held_on').orderBy('id').execute()) as HearingRow[];
}

export async function hearingById(db: DbOrTx, id: number): Promise<HearingRow | undefined> {
  if (!okId(id)) return undefined;
  return (await db.selectFrom('hearings').selectAll().where('id', '=', id).executeTakeFirst()) as HearingRow | undefined;
}

export interface SignupRow { id: number; hearing_id: number; name: string; statement: string; status: string; created_at: Date }

export async function signupsOf(db: DbOrTx, hearingIds: number[], o: { selectedOnly?: boolean } = {}): Promise<SignupRow[]> {
  if (!hearingIds.length) return [];
  let q = db.selectFrom('hearing_signups').select(['id', 'hearing_id', 'name', 'statement', 'status', 'created_at']).where('hearing_id', 'in', hearingIds);
  if (o.selectedOnly) q = q.where('status', '=', 'selected');
  return (await q.orderBy('id').execute()) as SignupRow[];
}
