/**
 * Questions from the public before and during an event. The route has already passed CSRF, the
 * per-address limit and the anti-spam guard (core/http/antispam.ts); here the input is validated in
 * full (422, nothing stored), then one transaction takes the per-contact limit, stores the question
 * (contact as ciphertext, core/pii/crypto.ts) and its audit event. If the database refuses that after
 * validation, the question is kept encrypted in `interview_questions_kept`: an acknowledged question is
 * never lost.
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit, type AuditActor } from '../../../core/audit/index.ts';
import { contactAllowed } from '../../../core/http/antispam.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/http/errors.ts';
import type { Config } from '../../../config/env.ts';
import type { JobLogger } from '../../../core/jobs/index.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { takesQuestions, validateQuestion, STATUS_NAMES, type Status } from '../domain/rules.ts';
import { okId } from '../store/queries.ts';

/** Per contact: questions a day, across all events. */
export const CONTACT_LIMIT = { max: 5, windowMs: 24 * 3600_000 };

const CITIZEN = (ip: string | null): AuditActor => ({ id: null, name: 'citizen', ip });

export interface PublicMeta { ip: string | null; now?: Date; log?: Pick<JobLogger, 'warn' | 'error'> }
export type AskResult = { kind: 'stored'; id: number } | { kind: 'kept'; id: number };

export async function askQuestion(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, interviewId: number, raw: Record<string, unknown>, meta: PublicMeta): Promise<AskResult> {
  const e = okId(interviewId) ? await db.selectFrom('interviews').select(['id', 'unit_id', 'title', 'status']).where('id', '=', interviewId).executeTakeFirst() : undefined;
  if (!e || e.status === 'draft') throw notFound({ zh: '访谈或发布会', en: 'event' });
  if (!takesQuestions(e.status)) {
    const s = STATUS_NAMES[e.status as Status];
    throw conflict({ zh: `本场活动${s.zh}，不再征集问题`, en: `This event is ${s.en.toLowerCase()}; questions are closed` });
  }
  const { value, errors } = validateQuestion(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const contactEnc = encryptPii(cfg.piiKeys, 'contact', value.contact);
  let allowed = true;
  try {
    const id = await inTransaction(db, async (tx) => {
      if (!(await contactAllowed(tx, { secret: cfg.sessionSecret, scope: 'interview-question', contact: value.contact, ...CONTACT_LIMIT }))) {
        allowed = false;
        return 0;
      }
      const row = await tx.insertInto('interview_questions').values({ interview_id: e.id, name: value.name, contact_enc: contactEnc, body: value.body, asked_during: e.status === 'live' ? 'live' : 'before' })
        .returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, CITIZEN(meta.ip), { action: 'interview.question', unitId: e.unit_id, subjectType: 'interview', subjectId: e.id, summary: { question: row.id, title: e.title, chars: value.body.length } });
      return row.id;
    });
    if (!allowed) throw new AppError(429, 'contact_limited', { zh: '该联系方式今天提交的次数已达上限，请明天再试', en: 'This contact has reached today’s limit; please try again tomorrow' });
    return { kind: 'stored', id };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = String((err as { code?: string }).code ?? (err as Error).name ?? 'error').slice(0, 60);
    const payload = encryptPii(cfg.piiKeys, 'submission', JSON.stringify({ ...value, asked_during: e.status === 'live' ? 'live' : 'before', at: (meta.now ?? new Date()).toISOString() }));
    const kept = await db.insertInto('interview_questions_kept').values({ interview_id: e.id, payload_enc: payload, error_code: code }).returning('id').executeTakeFirst().catch(() => undefined);
    if (!kept) {
      meta.log?.error({ errCode: code }, 'interview question could not be stored, not even kept');
      throw err;
    }
    meta.log?.warn({ keptId: kept.id, errCode: code }, 'interview question kept after a storage error');
    return { kind: 'kept', id: kept.id };
  }
}
