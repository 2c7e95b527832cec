/**
 * Staff form fields → the domain's inputs: a workflow step (CaseEventInput) and a reply's result
 * (Disposition). Pure; the domain then checks the rules. Empty fields are left out so the domain's
 * defaults (today, computed payment date) apply.
 */
import type { CaseEventInput, ConsultedParty, Disposition, DispositionKey, RefusalGround } from '../domain/index.ts';
import { DISPOSITION_KEYS } from '../domain/index.ts';
import type { StepExtras } from '../commands.ts';

type Form = Record<string, string | undefined>;

const s = (v: string | undefined) => (v ?? '').replace(/\r\n?/g, '\n').trim();
const opt = (v: string | undefined) => s(v) || undefined;
const lines = (v: string | undefined) => s(v).split('\n').map((x) => x.trim()).filter(Boolean);
const int = (v: string | undefined) => (/^\d+$/.test(s(v)) ? Number(s(v)) : NaN);

export const STEP_FORM_TYPES = [
  'accept', 'request_correction', 'correct', 'abandon', 'start_consultation', 'end_consultation', 'extend',
  'request_reasons', 'set_reasonable_period', 'send_fee_notice', 'record_fee_paid', 'fee_lapse', 'deliver', 'close', 'withdraw', 'transfer',
] as const;

export function parseStepForm(f: Form): { input: CaseEventInput; extras: StepExtras } | null {
  const type = s(f.type);
  const date = opt(f.date);
  const base = { ...(date ? { date } : {}) };
  switch (type) {
    case 'accept':
      return { input: { type, ...base, ...(opt(f.handler_id) ? { handlerId: s(f.handler_id) } : {}) }, extras: {} };
    case 'request_correction':
      return { input: { type, ...base, items: lines(f.items), correctBy: s(f.correct_by) }, extras: {} };
    case 'correct':
      return { input: { type, ...base, ...(opt(f.late_reason) ? { lateReason: s(f.late_reason) } : {}) }, extras: {} };
    case 'start_consultation': {
      const kind = s(f.party_kind) === 'organ' ? 'organ' : 'third_party';
      const parties: ConsultedParty[] = lines(f.parties).map((name) => ({ kind, name }));
      return { input: { type, ...base, parties }, extras: { ...(opt(f.concern) ? { concern: s(f.concern) } : {}) } };
    }
    case 'end_consultation':
      return { input: { type, ...base, outcome: s(f.outcome) as never, ...(opt(f.note) ? { note: s(f.note) } : {}) }, extras: {} };
    case 'extend':
      return { input: { type, ...base, workdays: int(f.workdays), reason: s(f.reason), approvedBy: s(f.approved_by) }, extras: {} };
    case 'request_reasons':
      return { input: { type, ...base, facts: s(f.facts), replyBy: s(f.reply_by) }, extras: {} };
    case 'set_reasonable_period':
      return { input: { type, ...base, dueDate: s(f.due_date), reason: s(f.reason), approvedBy: s(f.approved_by) }, extras: {} };
    case 'send_fee_notice':
      return {
        input: { type, ...base, amountYuan: int(f.amount), method: s(f.method) as never, ...(opt(f.pay_by) ? { payBy: s(f.pay_by) } : {}) },
        extras: { ...(opt(f.fee_basis) ? { feeBasis: s(f.fee_basis) } : {}), ...(opt(f.fee_payment) ? { feePayment: s(f.fee_payment) } : {}) },
      };
    case 'deliver':
      return { input: { type, ...base, method: s(f.method) as never, ...(opt(f.note) ? { note: s(f.note) } : {}) }, extras: {} };
    case 'withdraw':
      return { input: { type, ...base, ...(opt(f.reason) ? { reason: s(f.reason) } : {}) }, extras: {} };
    case 'transfer':
      return { input: { type, ...base, toUnitId: s(f.to_unit), reason: s(f.reason) }, extras: {} };
    case 'abandon':
    case 'record_fee_paid':
    case 'fee_lapse':
    case 'close':
      return { input: { type, ...base }, extras: {} };
    default:
      return null;
  }
}

/** Up to this many withheld parts on the form (each: description, ground, reason — 条例 第三十七条). */
export const WITHHELD_ROWS = 3;

export function parseDispositionForm(f: Form): Disposition {
  const key = s(f.key) as DispositionKey;
  const d: Disposition = { key: (DISPOSITION_KEYS as readonly string[]).includes(key) ? key : (s(f.key) as DispositionKey) };
  if (opt(f.reason)) d.reason = s(f.reason);
  const released = lines(f.released);
  if (released.length) d.released = released.map((description) => ({ description }));
  const withheld = [];
  for (let i = 1; i <= WITHHELD_ROWS; i++) {
    const description = s(f[`withheld_${i}_desc`]);
    const ground = s(f[`withheld_${i}_ground`]);
    const reason = s(f[`withheld_${i}_reason`]);
    if (description || reason) withheld.push({ description, ground: ground as RefusalGround, reason });
  }
  if (withheld.length) d.withheld = withheld;
  if (opt(f.access)) d.access = s(f.access);
  if (opt(f.provision)) d.provision = s(f.provision);
  if (opt(f.holder_name)) d.holder = { name: s(f.holder_name), ...(opt(f.holder_contact) ? { contact: s(f.holder_contact) } : {}) };
  if (opt(f.previous_date)) d.previous = { date: s(f.previous_date), ...(opt(f.previous_number) ? { number: s(f.previous_number) } : {}) };
  if (opt(f.procedure)) d.procedure = s(f.procedure);
  const other = lines(f.other_basis);
  if (other.length) d.otherBasis = other;
  return d;
}

/** A stored disposition back into form fields (to edit a draft). */
export function dispositionToForm(d: Disposition | null | undefined): Form {
  if (!d) return {};
  const f: Form = {
    key: d.key, reason: d.reason, access: d.access, provision: d.provision, procedure: d.procedure,
    released: d.released?.map((r) => r.description).join('\n'), other_basis: d.otherBasis?.join('\n'),
    holder_name: d.holder?.name, holder_contact: d.holder?.contact, previous_date: d.previous?.date, previous_number: d.previous?.number,
  };
  d.withheld?.forEach((w, i) => {
    f[`withheld_${i + 1}_desc`] = w.description;
    f[`withheld_${i + 1}_ground`] = w.ground;
    f[`withheld_${i + 1}_reason`] = w.reason;
  });
  return f;
}
