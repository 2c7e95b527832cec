/**
 * The reminder job (条例 第三十三条: answer within the period). Each run
 *   1. recomputes the stored due dates of open cases (remaining working days move with the date;
 *      a calendar correction already recomputed them in its own transaction — store/due-dates.ts), and
 *   2. for running cases due within DUE_SOON_WORKDAYS working days or already overdue, notifies the
 *      handler (or, while unassigned, the unit's handlers): an in-app notification, once per case,
 *      kind and due date, and an e-mail through the configured transport.
 * Idempotent: a second run on the same day creates nothing new (unique notification key).
 */
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../../core/db/index.ts';
import type { Config } from '../../../config/env.ts';
import type { JobLogger } from '../../../core/jobs/index.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { formatDate, shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { RUNNING_STATUSES } from './repository.ts';
import { refreshCaseDeadlines } from './due-dates.ts';
import { createMailer, type Mailer } from './mail.ts';

/** “即将到期”: due within this many working days. */
export const DUE_SOON_WORKDAYS = 5;

export interface ReminderResult {
  recomputed: number;
  notified: number;
  mailed: number;
}

/** Who is told about a case: its handler, or — while unassigned — every handler of its unit. */
export async function caseRecipients(db: DbOrTx, c: { handler_id: number | null; unit_path: string }): Promise<{ id: number; email: string | null }[]> {
  if (c.handler_id) return db.selectFrom('users').select(['id', 'email']).where('id', '=', c.handler_id).where('disabled', '=', false).execute();
  return db
    .selectFrom('users as x')
    .innerJoin('role_assignments as r', 'r.user_id', 'x.id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['x.id', 'x.email'])
    .distinct()
    .where('x.disabled', '=', false)
    .where('r.role', 'in', ['case_handler', 'unit_admin'])
    .where(sql<boolean>`${c.unit_path} like u.path || '%'`)
    .execute();
}

function message(kind: 'due_soon' | 'overdue', ref: string, due: string): Msg {
  return kind === 'overdue'
    ? { zh: `申请 ${ref} 已超过答复期限（${formatDate('zh-CN', due)}），请尽快答复（条例第三十三条）`, en: `Application ${ref} is overdue (due ${due}); answer it now (Art. 33)` }
    : { zh: `申请 ${ref} 将于${formatDate('zh-CN', due)}到期，请按期答复`, en: `Application ${ref} is due on ${due}` };
}

export async function runReminders(db: Db, cfg: Config, log: JobLogger, opts: { today?: string; mailer?: Mailer } = {}): Promise<ReminderResult> {
  const today = opts.today ?? shanghaiDate();
  const mailer = opts.mailer ?? createMailer(cfg, log);
  const recomputed = await refreshCaseDeadlines(db, 'open', { today });
  const soonBy = (await calendarFor(db)).addWorkdays(today, DUE_SOON_WORKDAYS);
  const due = await db
    .selectFrom('request_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.ref', 'c.due_on', 'c.handler_id', 'u.path', 'u.short_name'])
    .where('c.status', 'in', RUNNING_STATUSES)
    .where('c.due_on', '<=', soonBy)
    .execute();
  let notified = 0;
  let mailed = 0;
  for (const c of due) {
    const kind = c.due_on! < today ? 'overdue' : 'due_soon';
    const recipients = await caseRecipients(db, { handler_id: c.handler_id, unit_path: c.path });
    const msg = message(kind, c.ref, c.due_on!);
    for (const u of recipients) {
      const ins = await db
        .insertInto('request_notifications')
        .values({ user_id: u.id, case_id: c.id, kind, due_on: c.due_on!, message: JSON.stringify(msg) })
        .onConflict((oc) => oc.columns(['user_id', 'case_id', 'kind', 'due_on']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!ins) continue;
      notified++;
      if (!u.email) continue;
      try {
        const sent = await mailer.send({
          to: u.email,
          subject: `【依申请公开】${msg.zh}`,
          text: `${msg.zh}\n${c.short_name}\n${cfg.publicUrl}/admin/requests/${c.id}\n\n${msg.en}`,
        });
        await db.updateTable('request_notifications').set({ emailed_at: new Date() }).where('id', '=', ins.id).execute();
        if (sent) mailed++;
      } catch (err) {
        log.warn({ notification: ins.id, errCode: (err as { code?: string }).code ?? 'error' }, 'reminder e-mail failed');
      }
    }
  }
  if (notified || recomputed) log.info({ recomputed, notified, mailed }, 'request reminders');
  return { recomputed, notified, mailed };
}
