/**
 * The applicant withdraws their own application on the status page (撤回申请). They prove who they are
 * with the tracking number and the query code (status.ts), exactly as for looking the case up; the step
 * is the domain's `withdraw`, applied through commands.applyStep like a staff step (event, due date,
 * the 终止办理告知书 drafted for the handler to issue, audit — one transaction) with the applicant as
 * the actor. The handler (or, while unassigned, the unit's handlers) gets an in-app notification in
 * the same transaction and an e-mail after it commits.
 *
 * Only while the organ has not decided (domain WITHDRAWABLE_STATUSES); afterwards, or a second time,
 * the answer is 409 and nothing changes. The case row is locked first, so a double click serialises.
 */
import type { FastifyBaseLogger } from 'fastify';
import { inTransaction, type Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { AppError, conflict, invalid } from '../../core/http/errors.ts';
import { formatDate, shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import type { Config } from '../../config/env.ts';
import { maskPhone, MAX_WITHDRAW_REASON, WITHDRAWABLE_STATUSES, type CaseStatus } from './domain/index.ts';
import { scrub } from './domain/letter-parts.ts';
import { applyStep } from './commands.ts';
import { caseById, lockCase, type CaseWithUnit } from './store/repository.ts';
import { proveApplicant } from './store/status.ts';
import { caseRecipients } from './store/reminders.ts';
import { createMailer, type Mailer } from './store/mail.ts';
import { statusLabel } from './views/labels.ts';

export const BAD_CODES: Msg = { zh: '查询编号或查询码不正确', en: 'The tracking number or query code is not correct' };

/** Who acts: the applicant, not a staff user (no actor, so no staff rule can be passed on). */
export const applicantContext = (ip: string | null): CommandContext => ({ actor: null, audit: { id: null, name: 'applicant', ip } });

export interface WithdrawInput {
  tracking?: string;
  code?: string;
  reason?: string;
  /** The applicant ticked “I understand the consequence”. */
  confirm?: string;
}

export interface WithdrawResult {
  caseId: number;
  trackingNo: string;
  unitName: string;
  date: string;
  notified: number;
  mailed: number;
}

/** The reason as stored: trimmed, without control characters; identity and mobile numbers masked. */
export function cleanReason(raw: string | undefined): string | undefined {
  const text = String(raw ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
  if (!text) return undefined;
  return scrub(text).replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m));
}

/** Why this case can no longer be withdrawn, in the applicant's words. */
function notWithdrawable(c: CaseWithUnit): Msg {
  if (c.status === 'withdrawn') {
    return { zh: `本申请已于${formatDate('zh-CN', c.concluded_on)}撤回，无需重复提交。`, en: `This application was already withdrawn on ${c.concluded_on}; there is nothing more to do.` };
  }
  if (c.status === 'submitted') {
    return { zh: '本申请尚待工作人员确认登记，暂不能在线撤回；如需撤回，请与受理单位联系。', en: 'Staff have not yet registered this application, so it cannot be withdrawn online; please contact the unit.' };
  }
  if (c.status === 'transferred') {
    return { zh: '本申请已转至其他单位办理，请使用新的查询编号办理撤回。', en: 'This application was transferred; use the new tracking number to withdraw it.' };
  }
  const st = statusLabel(c.status);
  return {
    zh: `本机关已对本申请作出处理（当前状态：${st.zh}），办理已经终结，不能撤回。`,
    en: `The unit has already dealt with this application (${st.en}); it can no longer be withdrawn.`,
  };
}

function validate(input: WithdrawInput): { reason: string | undefined } {
  const errors: Record<string, Msg> = {};
  const raw = String(input.reason ?? '');
  if (raw.trim().length > MAX_WITHDRAW_REASON) errors.reason = { zh: `撤回理由最多${MAX_WITHDRAW_REASON}字`, en: `At most ${MAX_WITHDRAW_REASON} characters` };
  if (!String(input.code ?? '').trim()) errors.code = { zh: '请再次输入查询码以确认撤回', en: 'Enter the query code again to confirm' };
  if (input.confirm !== 'yes') errors.confirm = { zh: '请确认您已知悉撤回的后果', en: 'Confirm that you understand what withdrawing means' };
  if (Object.keys(errors).length) throw invalid(errors);
  return { reason: cleanReason(raw) };
}

export async function withdrawByApplicant(
  db: Db,
  cfg: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
  input: WithdrawInput,
  opts: { ip: string | null; log: Pick<FastifyBaseLogger, 'info' | 'warn'>; today?: string; mailer?: Mailer },
): Promise<WithdrawResult> {
  const { reason } = validate(input);
  const found = await proveApplicant(db, input.tracking ?? '', input.code ?? '');
  if (!found) throw new AppError(404, 'bad_lookup', BAD_CODES);
  const today = opts.today ?? shanghaiDate();
  const ctx = applicantContext(opts.ip);

  const done = await inTransaction(db, async (tx) => {
    await lockCase(tx, found.c.id);
    const c = (await caseById(tx, found.c.id))!;
    if (c.status === 'submitted' || !WITHDRAWABLE_STATUSES.includes(c.status as CaseStatus)) throw conflict(notWithdrawable(c));
    const r = await applyStep(tx, ctx, c.id, { type: 'withdraw', date: today, ...(reason ? { reason } : {}) }, { today, applicant: found.proof });
    const msg: Msg = {
      zh: `申请 ${c.ref} 的申请人已于${formatDate('zh-CN', r.event.date)}通过查询页面自行撤回申请，请签发并送达终止办理告知书后办结归档`,
      en: `The applicant withdrew application ${c.ref} on the status page on ${r.event.date}; issue and deliver the closing notice, then close the case`,
    };
    const recipients = await caseRecipients(tx, c);
    const notes: { id: number; email: string | null }[] = [];
    for (const u of recipients) {
      const row = await tx
        .insertInto('request_notifications')
        .values({ user_id: u.id, case_id: c.id, kind: 'withdrawn', due_on: r.event.date, message: JSON.stringify(msg) })
        .onConflict((oc) => oc.columns(['user_id', 'case_id', 'kind', 'due_on']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) notes.push({ id: row.id, email: u.email });
    }
    return { c, date: r.event.date, msg, notes };
  });

  // E-mail after the commit: a mail server that is down never undoes the withdrawal.
  const mailer = opts.mailer ?? createMailer(cfg, opts.log);
  let mailed = 0;
  for (const n of done.notes) {
    if (!n.email) continue;
    try {
      const sent = await mailer.send({
        to: n.email,
        subject: `【依申请公开】申请 ${done.c.ref} 已由申请人撤回`,
        text: `${done.msg.zh}\n${done.c.unit_short_name}\n${cfg.publicUrl}/admin/requests/${done.c.id}\n\n${done.msg.en}`,
      });
      await db.updateTable('request_notifications').set({ emailed_at: new Date() }).where('id', '=', n.id).execute();
      if (sent) mailed++;
    } catch (err) {
      opts.log.warn({ notification: n.id, errCode: (err as { code?: string }).code ?? 'error' }, 'withdrawal e-mail failed');
    }
  }
  return { caseId: done.c.id, trackingNo: done.c.tracking_no ?? done.c.ref, unitName: done.c.unit_name, date: done.date, notified: done.notes.length, mailed };
}
