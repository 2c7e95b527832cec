/**
 * What the public sends: a message to a unit. The route has passed CSRF, the per-address limit and the
 * anti-spam guard (core/http/antispam.ts); here the input is validated in full (422 naming the field,
 * nothing stored), then in one transaction the per-contact limit is taken and the message stored with
 * its audit event. The asker gets a tracking number and a query code (the scheme of
 * requests/guard.ts: only an argon2id hash of the code is kept). Name and contact are stored only as
 * ciphertext (requests/pii.ts).
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit, type AuditActor } from '../../../core/audit/index.ts';
import { contactAllowed } from '../../../core/http/antispam.ts';
import { AppError, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import type { Config } from '../../../config/env.ts';
import { encryptPii } from '../../requests/pii.ts';
import { hashQueryCode, makeQueryCode, makeTrackingNo, verifyQueryCode } from '../../requests/guard.ts';
import { calendarForUnit } from '../../requests/deadline.ts';
import { unitById } from '../../units/repository.ts';
import { sniffAttachment } from '../../documents/domain/filetype.ts';
import { attachmentColumns } from '../../requests/case-store.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { dueOn, validateMessage } from '../domain/rules.ts';
import { answerWorkdays, messageByTracking } from '../store/queries.ts';

/** Per contact: messages a day (all units). */
export const CONTACT_LIMIT = { max: 5, windowMs: 24 * 3600_000 };

const CITIZEN = (ip: string | null): AuditActor => ({ id: null, name: 'citizen', ip });

/** Attachments a message may carry (screenshots, a letter): at most 3, each at most 10 MB, typed by their bytes. */
export const ATTACHMENT_LIMITS = { files: 3, bytes: 10 * 1024 * 1024 };
export interface Upload { filename: string; data: Buffer }

async function checkFiles(files: Upload[], errors: Record<string, Msg>) {
  const real = files.filter((f) => f.filename || f.data.length);
  if (real.length > ATTACHMENT_LIMITS.files) errors.attachments = { zh: `附件最多 ${ATTACHMENT_LIMITS.files} 个`, en: `At most ${ATTACHMENT_LIMITS.files} attachments` };
  const out = [];
  for (const f of real.slice(0, ATTACHMENT_LIMITS.files)) {
    const r = await sniffAttachment(f.data, f.filename, { maxBytes: ATTACHMENT_LIMITS.bytes });
    if (!r.ok) {
      errors.attachments = { zh: `附件“${f.filename.slice(0, 60)}”：${r.message.zh}`, en: `Attachment “${f.filename.slice(0, 60)}”: ${r.message.en}` };
      continue;
    }
    out.push({ filename: f.filename.split(/[\\/]/).pop()!.slice(0, 120), mime: r.mime, size: r.size, sha256: r.sha256, data: f.data });
  }
  return out;
}

export interface Submitted { id: number; trackingNo: string; queryCode: string; dueOn: string }

export async function submitMessage(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, unitId: number, raw: Record<string, unknown>, meta: { ip: string | null; now?: Date; files?: Upload[] }): Promise<Submitted> {
  const unit = Number.isSafeInteger(unitId) && unitId > 0 ? await unitById(db, unitId) : undefined;
  if (!unit || !unit.active) throw notFound({ zh: '单位', en: 'unit' });
  const { value, errors } = validateMessage(raw);
  const files = await checkFiles(meta.files ?? [], errors);
  if (Object.keys(errors).length) throw invalid(errors);
  const receivedOn = shanghaiDate(meta.now);
  const cal = await calendarForUnit(db, unit.code);
  const due = dueOn(receivedOn, await answerWorkdays(db, unit.id), cal);
  const queryCode = makeQueryCode();
  const hash = await hashQueryCode(queryCode);
  const nameEnc = value.name ? encryptPii(cfg.piiKeys, 'name', value.name) : null;
  const contactEnc = encryptPii(cfg.piiKeys, 'contact', value.contact);
  let limited = false;
  const r = await inTransaction(db, async (tx) => {
    if (!(await contactAllowed(tx, { secret: cfg.sessionSecret, scope: 'message', contact: value.contact, ...CONTACT_LIMIT }))) {
      limited = true;
      return null;
    }
    for (let i = 0; ; i++) {
      const trackingNo = `LY${makeTrackingNo(receivedOn)}`;
      if (i < 5 && (await tx.selectFrom('messages').select('id').where('tracking_no', '=', trackingNo).executeTakeFirst())) continue;
      const row = await tx.insertInto('messages').values({
        unit_id: unit.id, tracking_no: trackingNo, query_code_hash: hash, category: value.category, subject: value.subject, body: value.body,
        name_enc: nameEnc, contact_enc: contactEnc, consent: value.consent, received_on: receivedOn, due_on: due, ...(meta.now ? { created_at: meta.now } : {}),
      }).returning('id').executeTakeFirstOrThrow();
      for (const f of files) await tx.insertInto('message_attachments').values({ message_id: row.id, mime: f.mime, size: f.size, sha256: f.sha256, ...attachmentColumns(cfg.piiKeys, f) }).execute();
      await recordAudit(tx, CITIZEN(meta.ip), { action: 'message.submit', unitId: unit.id, subjectType: 'message', subjectId: row.id, summary: { tracking_no: trackingNo, category: value.category, chars: value.body.length, attachments: files.length } });
      return { id: row.id, trackingNo };
    }
  });
  if (limited || !r) throw new AppError(429, 'contact_limited', { zh: '该联系方式今天提交的留言已达上限，请明天再试', en: 'This contact has reached today’s limit of messages; please try again tomorrow' });
  return { ...r, queryCode, dueOn: due };
}

/** The asker's view of a message by tracking number and query code; null for either being wrong (same answer, same time). */
export async function messageForAsker(db: Db, trackingNo: string, code: string) {
  const t = String(trackingNo ?? '').trim().toUpperCase().slice(0, 40);
  const m = t ? await messageByTracking(db, t) : undefined;
  const ok = await verifyQueryCode(m?.query_code_hash ?? null, String(code ?? '').slice(0, 40));
  if (!ok || !m) return null;
  const { query_code_hash: _h, ...rest } = m;
  return rest;
}
