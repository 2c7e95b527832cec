/**
 * Public-participation figures (issue 12, item 5), ONE query shared by the annual report's narrative
 * (reports/store/sources.ts → HTML/DOCX/PDF), the assessment indicators (assessment/store/figures.ts) and the
 * /admin/messages summary, so the three always agree (participation.db.test.ts proves it).
 *
 * Definitions, for a year Y and a reference day `ref` (today, or 31 December for a past year):
 * - 答复率 (answer rate) = messages received in Y up to `ref`, not rejected, answered by `ref`
 *   ÷ those messages received in Y up to `ref` that were not rejected.
 * - 按时答复率 (on-time rate) = messages answered in Y on or before their due date
 *   ÷ (messages answered in Y + messages not answered whose due date fell in Y before `ref`, i.e. overdue).
 *   An overdue unanswered message counts against the rate at once, not only when it is answered late.
 * - 反馈公开率 = consultations whose comment period closed in Y before `ref` with their 采纳情况 feedback
 *   published ÷ consultations whose comment period closed in Y before `ref`.
 * Rejected (spam, abuse) messages are left out of every rate. Rates are fractions rounded to 3 places,
 * null when there is nothing to divide.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { inScope } from '../../../core/auth/policy.ts';

export type ParticipationKey = 'messages_on_time' | 'messages_answered' | 'consultation_feedback' | 'messages_received';
/** One count per unit and month (the month the item counts in); `num` of `den`. */
export interface ParticipationRow { key: ParticipationKey; unit_id: number; m: number | null; num: number; den: number }

/** Who is counted: units under these paths (the viewer's scope), or these unit ids. */
export type Who = { scope: string[] } | { unitIds: number[] };

/** The reference day of a year: today while the year runs, else its last day. */
export function participationRef(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

export async function participationRows(db: DbOrTx, o: { year: number; ref: string } & Who): Promise<ParticipationRow[]> {
  if ('unitIds' in o && !o.unitIds.length) return [];
  const from = `${o.year}-01-01`;
  const to = `${o.year}-12-31`;
  const ref = sql`cast(${o.ref} as date)`;
  const who: Expression<SqlBool> = 'scope' in o ? inScope('u.path', o.scope) : sql<SqlBool>`u.id in (${sql.join(o.unitIds)})`;
  const run = async (key: ParticipationKey, q: ReturnType<typeof sql>) =>
    ((await q.execute(db)).rows as { unit_id: number; m: number | null; num: number | string; den: number | string }[])
      .map((r) => ({ key, unit_id: r.unit_id, m: r.m === null ? null : Number(r.m), num: Number(r.num), den: Number(r.den) }));
  const [onTime, answered, received, feedback] = await Promise.all([
    run('messages_on_time', sql`
      select m.unit_id, extract(month from coalesce(m.answered_on, m.due_on))::int as m, count(*) as den,
        count(*) filter (where m.answered_on is not null and m.answered_on <= m.due_on) as num
      from messages m join units u on u.id = m.unit_id
      where m.status <> 'rejected' and ${who}
        and ((m.answered_on between ${from} and ${to}) or (m.answered_on is null and m.due_on >= ${from} and m.due_on < ${ref}))
      group by 1, 2`),
    run('messages_answered', sql`
      select m.unit_id, extract(month from m.received_on)::int as m, count(*) as den, count(*) filter (where m.answered_on is not null and m.answered_on <= ${ref}) as num
      from messages m join units u on u.id = m.unit_id
      where m.status <> 'rejected' and m.received_on between ${from} and ${ref} and ${who}
      group by 1, 2`),
    // all messages received in the year (num: those rejected), for the summary table
    run('messages_received', sql`
      select m.unit_id, extract(month from m.received_on)::int as m, count(*) as den, count(*) filter (where m.status = 'rejected') as num
      from messages m join units u on u.id = m.unit_id
      where m.received_on between ${from} and ${ref} and ${who}
      group by 1, 2`),
    run('consultation_feedback', sql`
      select c.unit_id, extract(month from c.closes_on)::int as m, count(*) as den, count(*) filter (where c.feedback_published_at is not null) as num
      from consultations c join units u on u.id = c.unit_id
      where c.published_at is not null and c.closes_on >= ${from} and c.closes_on <= ${to} and c.closes_on < ${ref} and ${who}
      group by 1, 2`),
  ]);
  return [...onTime, ...answered, ...received, ...feedback];
}

export interface ParticipationFigures {
  unitId: number | null;
  received: number; rejected: number; valid: number; answered: number;
  /** answered in the year by the due date, and the denominator of the on-time rate (answered in the year + overdue unanswered) */
  answeredOnTime: number; onTimeBase: number;
  consultationsClosed: number; consultationsWithFeedback: number;
  answerRate: number | null; onTimeRate: number | null; feedbackRate: number | null;
}

const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** Sums rows into figures: per unit (`byUnit`) and for all of them (`total`, unitId null). */
export function sumParticipation(rows: readonly ParticipationRow[]): { byUnit: ParticipationFigures[]; total: ParticipationFigures } {
  const blank = (unitId: number | null): ParticipationFigures => ({ unitId, received: 0, rejected: 0, valid: 0, answered: 0, answeredOnTime: 0, onTimeBase: 0, consultationsClosed: 0, consultationsWithFeedback: 0, answerRate: null, onTimeRate: null, feedbackRate: null });
  const by = new Map<number, ParticipationFigures>();
  const total = blank(null);
  for (const r of rows) {
    const u = by.get(r.unit_id) ?? blank(r.unit_id);
    by.set(r.unit_id, u);
    for (const f of [u, total]) {
      if (r.key === 'messages_received') { f.received += r.den; f.rejected += r.num; }
      else if (r.key === 'messages_answered') { f.valid += r.den; f.answered += r.num; }
      else if (r.key === 'messages_on_time') { f.onTimeBase += r.den; f.answeredOnTime += r.num; }
      else { f.consultationsClosed += r.den; f.consultationsWithFeedback += r.num; }
    }
  }
  const done = (f: ParticipationFigures) => ({ ...f, answerRate: rate(f.answered, f.valid), onTimeRate: rate(f.answeredOnTime, f.onTimeBase), feedbackRate: rate(f.consultationsWithFeedback, f.consultationsClosed) });
  return { byUnit: [...by.values()].map(done).sort((a, b) => a.unitId! - b.unitId!), total: done(total) };
}

export async function participationFigures(db: DbOrTx, o: { year: number; ref: string } & Who) {
  return sumParticipation(await participationRows(db, o));
}
