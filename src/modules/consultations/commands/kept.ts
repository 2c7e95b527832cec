/**
 * Comments kept after a storage error (`consultation_comments_kept`, commands/public.ts) and how staff
 * recover them (core/commands/kept.ts): those who moderate the consultation's unit re-insert each as a
 * normal pending comment, with its original time; the kept row is deleted; audited.
 */
import { recordAudit } from '../../../core/audit/index.ts';
import type { KeptKind } from '../../../core/commands/kept.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';

export const KEPT_COMMENTS: KeptKind = {
  table: 'consultation_comments_kept',
  parent: { table: 'consultations', column: 'consultation_id' },
  rule: 'consultation.moderate',
  action: 'consultation.comment.recover',
  discardAction: 'consultation.comment.discard',
  subjectType: 'consultation',
  what: { zh: '暂存意见', en: 'kept comment' },
  async insert(tx, p, kept, keys) {
    const at = typeof p.at === 'string' && !Number.isNaN(Date.parse(p.at)) ? new Date(p.at) : kept.created_at;
    const row = await tx.insertInto('consultation_comments').values({
      consultation_id: kept.parent_id, name: String(p.name ?? ''), contact_enc: encryptPii(keys, 'contact', String(p.contact ?? '')), body: String(p.body ?? ''), created_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    // the citizen's own submission, as it would have been recorded (commands/public.ts), then the recovery
    await recordAudit(tx, { id: null, name: 'citizen' }, { action: 'consultation.comment', unitId: kept.unit_id, subjectType: 'consultation', subjectId: kept.parent_id, summary: { comment: row.id, title: kept.parent_title, chars: String(p.body ?? '').length, recovered: kept.id } });
    return { id: row.id, summary: { comment: row.id, title: kept.parent_title } };
  },
};
