/**
 * What the public sends: a message to a unit. The route has passed CSRF, the per-address limit and the
 * anti-spam guard (core/http/antispam.ts); here the input is validated in full (422 naming the field,
 * nothing stored), then in one transaction the per-contact limit is taken and the message stored with
 * its audit event. The asker gets a tracking number and a query code (the scheme of
 * requests/http/guard.ts: only an argon2id hash of the code is kept). Name and contact are stored only as
 * ciphertext (core/pii/crypto.ts).
 */
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit, type AuditActor } from '../../../core/audit/index.ts';
import { contactAllowed } from '../../../core/http/antispam.ts';
import { AppError, invalid, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import type { Config } from '../../../config/env.ts';
import type { JobLogger } from '../../../core/jobs/index.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { hashQueryCode, makeQueryCode, makeTrackingNo, verifyQueryCode } from '../../requests/http/guard.ts';
import { calendarForUnit } from '../../requests/store/deadline.ts';
import { unitById } from '../../units/repository.ts';
import { sniffAttachment } from '../../documents/domain/filetype.ts';
import { attachmentColumns } from '../../requests/store/case-store.ts';
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

/** `kept`: the database refused it after validation; it is kept encrypted in `messages_kept` (id) for staff to enter, under the same tracking number. */
export interface Submitted { id: number; trackingNo: string; queryCode: string; dueOn: string; kept?: boolean }

export async function submitMessage(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, unitId: number, raw: Record<string, unknown>, meta: { ip: string | null; now?: Date; files?: Upload[]; log?: Pick<JobLogger, 'warn' | 'error'> }): Promise<Submitted> {
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
  // the tracking number is chosen before the transaction, so a message kept after a storage error keeps it
  let trackingNo = `LY${makeTrackingNo(receivedOn)}`;
  try {
    const r = await inTransaction(db, async (tx) => {
      if (!(await contactAllowed(tx, { secret: cfg.sessionSecret, scope: 'message', contact: value.contact, ...CONTACT_LIMIT }))) {
        limited = true;
        return null;
      }
      for (let i = 0; i < 5 && (await tx.selectFrom('messages').select('id').where('tracking_no', '=', trackingNo).executeTakeFirst()); i++) trackingNo = `LY${makeTrackingNo(receivedOn)}`;
      const id = await insertMessage(tx, cfg.piiKeys, { unitId: unit.id, trackingNo, queryCodeHash: hash, value, nameEnc, contactEnc, receivedOn, dueOn: due, createdAt: meta.now, files });
      await recordAudit(tx, CITIZEN(meta.ip), { action: 'message.submit', unitId: unit.id, subjectType: 'message', subjectId: id, summary: { tracking_no: trackingNo, category: value.category, chars: value.body.length, attachments: files.length } });
      return { id, trackingNo };
    });
    if (limited || !r) throw new AppError(429, 'contact_limited', { zh: '该联系方式今天提交的留言已达上限，请明天再试', en: 'This contact has reached today’s limit of messages; please try again tomorrow' });
    return { ...r, queryCode, dueOn: due };
  } catch (err) {
    if (err instanceof AppError) throw err;
    // validated but not stored: kept encrypted (with its files) for staff to enter — never lost
    const code = String((err as { code?: string }).code ?? (err as Error).name ?? 'error').slice(0, 60);
    const payload: KeptMessage = {
      ...value, trackingNo, queryCodeHash: hash, receivedOn, dueOn: due, at: (meta.now ?? new Date()).toISOString(),
      files: files.map((f) => ({ filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, base64: f.data.toString('base64') })),
    };
    const kept = await db.insertInto('messages_kept').values({ unit_id: unit.id, tracking_no: trackingNo, payload_enc: encryptPii(cfg.piiKeys, 'submission', JSON.stringify(payload)), error_code: code })
      .returning('id').executeTakeFirst().catch(() => undefined);
    if (!kept) {
      meta.log?.error({ errCode: code }, 'message could not be stored, not even kept');
      throw err;
    }
    meta.log?.warn({ keptId: kept.id, errCode: code }, 'message kept after a storage error');
    return { id: kept.id, trackingNo, queryCode, dueOn: due, kept: true };
  }
}

/** What `messages_kept` holds, encrypted: the validated message, its tracking number and code hash, its files. */
export interface KeptMessage {
  category: string; subject: string; body: string; name: string; contact: string; consent: boolean;
  trackingNo: string; queryCodeHash: string; receivedOn: string; dueOn: string; at: string;
  files: { filename: string; mime: string; size: number; sha256: string; base64: string }[];
}

/** Inserts a message and its attachments (the submission, and a kept message's recovery). */
export async function insertMessage(tx: Tx, keys: readonly Buffer[], m: {
  unitId: number; trackingNo: string; queryCodeHash: string; value: { category: string; subject: string; body: string; consent: boolean }; nameEnc: string | null; contactEnc: string;
  receivedOn: string; dueOn: string; createdAt?: Date; files: { filename: string; mime: string; size: number; sha256: string; data: Buffer }[];
}): Promise<number> {
  const row = await tx.insertInto('messages').values({
    unit_id: m.unitId, tracking_no: m.trackingNo, query_code_hash: m.queryCodeHash, category: m.value.category, subject: m.value.subject, body: m.value.body,
    name_enc: m.nameEnc, contact_enc: m.contactEnc, consent: m.value.consent, received_on: m.receivedOn, due_on: m.dueOn, ...(m.createdAt ? { created_at: m.createdAt } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  for (const f of m.files) await tx.insertInto('message_attachments').values({ message_id: row.id, mime: f.mime, size: f.size, sha256: f.sha256, ...attachmentColumns(keys, f) }).execute();
  return row.id;
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
