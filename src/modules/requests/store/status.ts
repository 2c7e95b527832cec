/**
 * What the applicant may see of their case with the tracking number and query code: the state, the
 * receipt and due dates with the deadline trace, the public steps, and the letters addressed to them.
 * Never the details staff record (third parties consulted, handler notes) and never personal data.
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { caseByTracking, eventRowsOf, lettersOf, type CaseWithUnit } from './repository.ts';
import { calendarForUnit, caseDeadlineOrNull } from './deadline.ts';
import { APPLICANT_LETTER } from './letters-store.ts';
import { verifyQueryCode } from '../http/guard.ts';
import type { PublicStatus } from '../views/public-views.tsx';

/** The case for a tracking number and query code, or null (the same answer for either being wrong). */
export async function caseForApplicant(db: DbOrTx, tracking: string, code: string): Promise<CaseWithUnit | null> {
  const t = String(tracking ?? '').trim().slice(0, 40);
  const c = t ? await caseByTracking(db, t) : undefined;
  const ok = await verifyQueryCode(c?.query_code_hash ?? null, String(code ?? '').slice(0, 40));
  return ok && c ? c : null;
}

/**
 * Proof that the caller is the applicant of one case: made only here, after the tracking number and
 * query code were verified, and accepted by commands.applyStep (`opts.applicant`) in place of a staff
 * user's rights. A look-alike object is not a proof.
 */
export interface ApplicantProof {
  readonly caseId: number;
}
const PROOFS = new WeakSet<ApplicantProof>();

export const isApplicantProof = (p: unknown): p is ApplicantProof => typeof p === 'object' && p !== null && PROOFS.has(p as ApplicantProof);

/** The case and a proof for it, or null when the tracking number or the query code is wrong. */
export async function proveApplicant(db: DbOrTx, tracking: string, code: string): Promise<{ c: CaseWithUnit; proof: ApplicantProof } | null> {
  const c = await caseForApplicant(db, tracking, code);
  if (!c) return null;
  const proof: ApplicantProof = Object.freeze({ caseId: c.id });
  PROOFS.add(proof);
  return { c, proof };
}

export async function publicStatus(db: DbOrTx, c: CaseWithUnit, today = shanghaiDate()): Promise<PublicStatus> {
  const rows = await eventRowsOf(db, c.id);
  const cal = await calendarForUnit(db, c.unit_code);
  const d = caseDeadlineOrNull(rows.map((r) => r.data), cal, today);
  const letters = (await lettersOf(db, c.id)).filter((l) => l.status === 'issued' && APPLICANT_LETTER(l.kind));
  let transferredTo: PublicStatus['transferredTo'] = null;
  if (c.transferred_to) {
    const t = await db.selectFrom('request_cases as c').innerJoin('units as u', 'u.id', 'c.unit_id').select(['c.tracking_no', 'u.name']).where('c.id', '=', c.transferred_to).executeTakeFirst();
    if (t?.tracking_no) transferredTo = { trackingNo: t.tracking_no, unitName: t.name };
  }
  return {
    trackingNo: c.tracking_no ?? c.ref,
    unitName: c.unit_name,
    status: c.status,
    submittedAt: c.submitted_at,
    receivedOn: c.received_on,
    dueOn: c.due_on,
    deadlineState: c.deadline_state,
    pausedSince: c.paused_since,
    concludedOn: c.concluded_on,
    transferredTo,
    trace: d?.trace ?? [],
    provisional: !!d?.provisional,
    events: rows.map((r) => ({ type: r.type, date: r.date, ...(r.data.type === 'withdraw' && r.data.byApplicant ? { byApplicant: true } : {}) })),
    letters: letters.map((l) => ({ id: l.id, title: l.title, number: l.number!, date: l.letter_date!, delivered: l.delivered_on })),
  };
}
