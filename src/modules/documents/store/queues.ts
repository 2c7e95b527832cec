/**
 * The documents of a person's dashboard queue (admin/queues.tsx), filtered in SQL: their own drafts,
 * drafts returned to them, their scheduled documents, submissions awaiting review and reviewed
 * documents awaiting publication in the reviewer's scope, and unpublished documents past their
 * 公开时效 deadline (条例 第二十六条) for those who oversee. The most urgent first (the stored
 * deadline, store/deadlines.ts), with the full count in the same query.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { OPEN_STATUSES } from './deadlines.ts';

export interface QueueRow {
  id: number;
  title: string;
  index_no: string;
  doc_number: string | null;
  unit_name: string;
  timeliness_due: string | null;
  timeliness_late_from: string | null;
  return_reason: string | null;
  publish_at: Date | null;
  updated_at: Date;
}

export type DocQueue = 'drafts' | 'returned' | 'scheduled' | 'review' | 'publish' | 'overdue';

export interface QueueQuery {
  queue: DocQueue;
  userId: number;
  /** the policy scope of the queue's action (document.create / review / publish / view) */
  scope: string[];
  today: string;
  limit: number;
}

/** Up to `limit` rows of the queue, most urgent first, and how many there are in all. */
export async function documentQueue(db: DbOrTx, q: QueueQuery): Promise<{ rows: QueueRow[]; total: number }> {
  if (!q.scope.length) return { rows: [], total: 0 };
  let query = db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.title', 'd.index_no', 'd.doc_number', 'u.short_name as unit_name', 'd.timeliness_due', 'd.timeliness_late_from', 'd.return_reason', 'd.publish_at', 'd.updated_at'])
    .select(sql<number>`count(*) over ()`.as('total'))
    .where((eb) => {
      const me = q.userId;
      switch (q.queue) {
        case 'drafts':
          return eb.and([eb('d.status', '=', 'draft'), eb('d.return_reason', 'is', null), eb('d.created_by', '=', me)]);
        case 'returned':
          // returned to whoever submitted it (or wrote it, if submitted before submitters were recorded)
          return eb.and([eb('d.status', '=', 'draft'), eb('d.return_reason', 'is not', null), eb(eb.fn.coalesce('d.submitted_by', 'd.created_by'), '=', me)]);
        case 'scheduled':
          return eb.and([eb('d.status', '=', 'scheduled'), eb.or([eb('d.submitted_by', '=', me), eb('d.created_by', '=', me)])]);
        case 'review':
          return eb('d.status', '=', 'submitted');
        case 'publish':
          return eb('d.status', '=', 'reviewed');
        case 'overdue':
          return eb.and([eb('d.status', 'in', OPEN_STATUSES), eb('d.disclosure', '=', 'proactive'), eb('d.timeliness_late_from', '<=', q.today)]);
      }
    })
    .where(inScope('u.path', q.scope));
  query = q.queue === 'scheduled'
    ? query.orderBy('d.publish_at')
    // the earliest deadline first; documents without one (no 成文日期, not 主动公开) after, oldest first
    : query.orderBy(sql`d.timeliness_late_from is null`).orderBy('d.timeliness_late_from').orderBy('d.updated_at');
  const rows = await query.orderBy('d.id').limit(q.limit).execute();
  return { rows: rows.map(({ total: _total, ...r }) => r as QueueRow), total: Number(rows[0]?.total ?? 0) };
}
