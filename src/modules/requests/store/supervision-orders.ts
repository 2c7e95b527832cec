/**
 * 督办 (#14.9) as records: a supervisor (request.supervise) gives a dated instruction on a case of a
 * unit in their scope; the case's handler (or the unit's handlers while unassigned) and the unit's
 * administrators get a notification, and the instruction stays on their dashboard and on the case
 * page until the case is answered (it leaves the open statuses). Audited.
 */
import { sql } from 'kysely';
import { inTransaction, type DbOrTx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { conflict, invalid, notFound } from '../../../core/http/errors.ts';
import { inScope } from '../../../core/auth/policy.ts';
import { formatDate, shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { validateSupervisionOrder, type SupervisionOrderInput } from '../domain/index.ts';
import { scrub } from '../domain/letter-parts.ts';
import { caseById, lockCase, OPEN_DB_STATUSES } from './repository.ts';
import { caseRecipients } from './reminders.ts';

/** The case's handler (or the unit's handlers while unassigned) and the unit's administrators. */
async function orderRecipients(tx: DbOrTx, c: { handler_id: number | null; unit_path: string }): Promise<number[]> {
  const admins = await tx
    .selectFrom('users as x')
    .innerJoin('role_assignments as r', 'r.user_id', 'x.id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select('x.id')
    .distinct()
    .where('x.disabled', '=', false)
    .where('r.role', '=', 'unit_admin')
    .where(sql<boolean>`${c.unit_path} like u.path || '%'`)
    .execute();
  return [...new Set([...(await caseRecipients(tx, c)).map((u) => u.id), ...admins.map((u) => u.id)])];
}

export async function superviseCase(db: DbOrTx, ctx: CommandContext, caseId: number, raw: SupervisionOrderInput, opts: { today?: string } = {}): Promise<number> {
  const today = opts.today ?? shanghaiDate();
  return inTransaction(db, async (tx) => {
    await lockCase(tx, caseId);
    const c = await caseById(tx, caseId);
    if (!c) throw notFound({ zh: '申请', en: 'application' });
    authorize(ctx, 'request.supervise', c.unit_path);
    if (!OPEN_DB_STATUSES.includes(c.status)) throw conflict({ zh: '该申请已答复或办结，无需督办', en: 'The case has been answered or closed; nothing to supervise' });
    const v = validateSupervisionOrder(raw, today);
    if (!v.ok) throw invalid(v.errors);
    // an instruction is no place for an identity number
    const instruction = scrub(v.value.instruction);
    const row = await tx
      .insertInto('request_supervision_orders')
      .values({ case_id: c.id, issued_by_id: ctx.actor?.userId ?? null, issued_by: ctx.audit.name, issued_on: today, instruction, reply_by: v.value.replyBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    const msg: Msg = {
      zh: `申请 ${c.ref} 被督办（${formatDate('zh-CN', today)}）：${instruction.slice(0, 80)}${v.value.replyBy ? `；请于${formatDate('zh-CN', v.value.replyBy)}前办理` : ''}`,
      en: `Application ${c.ref} was supervised on ${today}: ${instruction.slice(0, 80)}${v.value.replyBy ? `; deal with it by ${v.value.replyBy}` : ''}`,
    };
    for (const userId of await orderRecipients(tx, c)) {
      await tx
        .insertInto('request_notifications')
        .values({ user_id: userId, case_id: c.id, kind: 'supervised', due_on: v.value.replyBy ?? today, message: JSON.stringify(msg) })
        .onConflict((oc) => oc.columns(['user_id', 'case_id', 'kind', 'due_on']).doUpdateSet({ message: JSON.stringify(msg), read_at: null }))
        .execute();
    }
    await recordAudit(tx, ctx.audit, { action: 'request.supervise', unitId: c.unit_id, subjectType: 'request_case', subjectId: c.id, summary: { ref: c.ref, order: row.id, reply_by: v.value.replyBy } });
    return row.id;
  });
}

export const ordersOfCase = (db: DbOrTx, caseId: number) =>
  db.selectFrom('request_supervision_orders').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export type SupervisionOrderRow = Awaited<ReturnType<typeof ordersOfCase>>[number];

/**
 * Open 督办 (the case not yet answered) on cases of `scope`: for a handler only their own cases and
 * unassigned ones (`handlerId`), for a supervisor only the ones they gave (`issuedBy`).
 */
export async function openOrders(db: DbOrTx, f: { scope: string[]; handlerId?: number; issuedBy?: number; limit?: number }) {
  if (!f.scope.length) return { rows: [], total: 0 };
  let q = db
    .selectFrom('request_supervision_orders as o')
    .innerJoin('request_cases as c', 'c.id', 'o.case_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .where(inScope('u.path', f.scope))
    .where('c.status', 'in', OPEN_DB_STATUSES);
  if (f.handlerId !== undefined) q = q.where((eb) => eb.or([eb('c.handler_id', '=', f.handlerId!), eb('c.handler_id', 'is', null)]));
  if (f.issuedBy !== undefined) q = q.where('o.issued_by_id', '=', f.issuedBy);
  const [rows, n] = await Promise.all([
    q.select(['o.id', 'o.case_id', 'o.issued_on', 'o.instruction', 'o.reply_by', 'o.issued_by', 'o.created_at', 'c.ref', 'c.due_on', 'u.short_name as unit_short_name'])
      .orderBy(sql`coalesce(o.reply_by, c.due_on)`).orderBy('o.id').limit(f.limit ?? 8).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(n?.n ?? 0) };
}
