/**
 * What the public sends: comments on a draft (第十五条) and sign-ups for a hearing (第十六条). The route
 * has already passed the anti-spam guard (core/http/antispam.ts) and the per-address limit; here the
 * input is validated in full (422, nothing stored), then — in one transaction — the per-contact limit
 * is taken and the row stored with its audit event. If the database refuses that transaction after
 * validation, the submission is kept encrypted in `consultation_comments_kept` for staff: a citizen's
 * comment is never lost. The contact is stored only as ciphertext (core/pii/crypto.ts).
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit, type AuditActor } from '../../../core/audit/index.ts';
import { contactAllowed } from '../../../core/http/antispam.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import type { Config } from '../../../config/env.ts';
import type { JobLogger } from '../../../core/jobs/index.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { phaseOf, validateComment, validateSignup } from '../domain/rules.ts';

/** Per contact: comments a day (all consultations), hearing sign-ups a day. */
export const CONTACT_LIMITS = { comment: { max: 5, windowMs: 24 * 3600_000 }, signup: { max: 3, windowMs: 24 * 3600_000 } };

const limited = () => new AppError(429, 'contact_limited', { zh: '该联系方式今天提交的次数已达上限，请明天再试', en: 'This contact has reached today’s limit; please try again tomorrow' });
const CITIZEN = (ip: string | null): AuditActor => ({ id: null, name: 'citizen', ip });
const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;

export interface PublicMeta { ip: string | null; now?: Date; log?: Pick<JobLogger, 'warn' | 'error'> }

export type CommentResult = { kind: 'stored'; id: number } | { kind: 'kept'; id: number };

export async function submitComment(db: Db, cfg: Config, consultationId: number, raw: Record<string, unknown>, meta: PublicMeta): Promise<CommentResult> {
  const c = okId(consultationId) ? await db.selectFrom('consultations').select(['id', 'unit_id', 'title', 'published_at', 'opens_on', 'closes_on']).where('id', '=', consultationId).executeTakeFirst() : undefined;
  if (!c || !c.published_at) throw notFound({ zh: '征求意见', en: 'consultation' });
  const today = shanghaiDate(meta.now);
  if (phaseOf({ published: true, opens_on: c.opens_on, closes_on: c.closes_on }, today) !== 'open')
    throw conflict({ zh: `本次征求意见的时间为 ${c.opens_on} 至 ${c.closes_on}，现在不接受意见`, en: `Comments are taken from ${c.opens_on} to ${c.closes_on}; not now` });
  const { value, errors } = validateComment(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const contactEnc = encryptPii(cfg.piiKeys, 'contact', value.contact);
  let allowed = true;
  try {
    const id = await inTransaction(db, async (tx) => {
      if (!(await contactAllowed(tx, { secret: cfg.sessionSecret, scope: 'consultation-comment', contact: value.contact, ...CONTACT_LIMITS.comment }))) {
        allowed = false;
        return 0;
      }
      const row = await tx.insertInto('consultation_comments').values({ consultation_id: c.id, name: value.name, contact_enc: contactEnc, body: value.body }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, CITIZEN(meta.ip), { action: 'consultation.comment', unitId: c.unit_id, subjectType: 'consultation', subjectId: c.id, summary: { comment: row.id, title: c.title, chars: value.body.length } });
      return row.id;
    });
    if (!allowed) throw limited();
    return { kind: 'stored', id };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = String((err as { code?: string }).code ?? (err as Error).name ?? 'error').slice(0, 60);
    const payload = encryptPii(cfg.piiKeys, 'submission', JSON.stringify({ ...value, at: (meta.now ?? new Date()).toISOString() }));
    const kept = await db.insertInto('consultation_comments_kept').values({ consultation_id: c.id, payload_enc: payload, error_code: code }).returning('id').executeTakeFirst().catch(() => undefined);
    if (!kept) {
      meta.log?.error({ errCode: code }, 'consultation comment could not be stored, not even kept');
      throw err;
    }
    meta.log?.warn({ keptId: kept.id, errCode: code }, 'consultation comment kept after a storage error');
    return { kind: 'kept', id: kept.id };
  }
}

/** Signs a person up for a hearing, until its sign-up closes; chosen participants are published later. */
export async function signUpForHearing(db: Db, cfg: Config, hearingId: number, raw: Record<string, unknown>, meta: PublicMeta): Promise<number> {
  const h = okId(hearingId)
    ? await db.selectFrom('hearings as h').innerJoin('consultations as c', 'c.id', 'h.consultation_id').select(['h.id', 'h.signup_closes_on', 'c.id as consultation_id', 'c.unit_id', 'c.published_at']).where('h.id', '=', hearingId).executeTakeFirst()
    : undefined;
  if (!h || !h.published_at) throw notFound({ zh: '听证会', en: 'hearing' });
  if (shanghaiDate(meta.now) > h.signup_closes_on) throw conflict({ zh: `报名已于 ${h.signup_closes_on} 截止`, en: `Sign-up closed on ${h.signup_closes_on}` });
  const { value, errors } = validateSignup(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const contactEnc = encryptPii(cfg.piiKeys, 'contact', value.contact);
  const id = await inTransaction(db, async (tx) => {
    if (!(await contactAllowed(tx, { secret: cfg.sessionSecret, scope: 'hearing-signup', contact: value.contact, ...CONTACT_LIMITS.signup }))) return 0;
    const row = await tx.insertInto('hearing_signups').values({ hearing_id: h.id, name: value.name, contact_enc: contactEnc, statement: value.statement }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, CITIZEN(meta.ip), { action: 'consultation.hearing.signup', unitId: h.unit_id, subjectType: 'consultation', subjectId: h.consultation_id, summary: { hearing: h.id, signup: row.id } });
    return row.id;
  });
  if (!id) throw limited();
  return id;
}
