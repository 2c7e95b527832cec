/**
 * Questions kept after a storage error (`interview_questions_kept`, commands/public.ts) and how staff
 * recover them (core/commands/kept.ts): those who moderate the event's unit re-insert each as a normal
 * pending question, with its original time; the kept row is deleted; audited.
 */
import { recordAudit } from '../../../core/audit/index.ts';
import type { KeptKind } from '../../../core/commands/kept.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';

export const KEPT_QUESTIONS: KeptKind = {
  table: 'interview_questions_kept',
  parent: { table: 'interviews', column: 'interview_id' },
  rule: 'interview.moderate',
  action: 'interview.question.recover',
  discardAction: 'interview.question.discard',
  subjectType: 'interview',
  what: { zh: '暂存问题', en: 'kept question' },
  async insert(tx, p, kept, keys) {
    const at = typeof p.at === 'string' && !Number.isNaN(Date.parse(p.at)) ? new Date(p.at) : kept.created_at;
    const row = await tx.insertInto('interview_questions').values({
      interview_id: kept.parent_id, name: String(p.name ?? ''), contact_enc: encryptPii(keys, 'contact', String(p.contact ?? '')), body: String(p.body ?? ''),
      asked_during: p.asked_during === 'live' ? 'live' : 'before', created_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { id: null, name: 'citizen' }, { action: 'interview.question', unitId: kept.unit_id, subjectType: 'interview', subjectId: kept.parent_id, summary: { question: row.id, title: kept.parent_title, chars: String(p.body ?? '').length, recovered: kept.id } });
    return { id: row.id, summary: { question: row.id, title: kept.parent_title } };
  },
};
