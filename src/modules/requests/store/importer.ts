/**
 * `gongkai import requests FILE.jsonl`: historical cases from an older system, one JSON object a line
 * (docs/requests-import-format.md). Each good line becomes a case with the same columns and typed
 * events as a platform case, so it counts in the annual report exactly like one (条例 第五十条); a bad
 * line is reported with its number and reason and the rest go on. Re-importing a (unit, ref) replaces
 * that imported case instead of duplicating it; a ref that belongs to a platform case is refused.
 *
 * The old system's timeline is the deadline engine's (as for `gongkai deadline`): it is checked by
 * computeDeadline with the unit's county calendar and turned into workflow events, with placeholders
 * for what the old system did not record (the correction items, the parties consulted).
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { computeDeadline, TimelineError, type TimelineEvent } from '../../../core/calendar/index.ts';
import { unitByCode } from '../../units/repository.ts';
import {
  APPLICANT_CATEGORIES, CHANNELS, isIsoDate, REPORT_ROWS, replayCase,
  type ApplicantCategory, type CaseEvent, type CaseStatus, type Channel, type DispositionKey, type ReportRow,
} from '../domain/index.ts';
import { APPEAL_KINDS, APPEAL_OUTCOMES, type AppealKind, type AppealOutcome } from './supervision.ts';
import { calendarForUnit, deadlineColumns } from './deadline.ts';
import { insertCase, storeEvent, textColumns } from './case-store.ts';
import { piiKeys } from '../../../core/pii/crypto.ts';

export interface ImportLine {
  unit: string;
  ref: string;
  applicant: { category: ApplicantCategory; name: string };
  channel: Channel;
  received: string;
  timeline: TimelineEvent[];
  result?: ReportRow;
  concluded?: string;
  appeals: { kind: AppealKind; outcome: AppealOutcome; filed?: string; decided?: string }[];
  title?: string;
  description?: string;
}

export interface LineError {
  line: number;
  ref?: string;
  reason: { zh: string; en: string };
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: LineError[];
  warnings: LineError[];
}

/** The disposition each report row is recorded as (the old system knew only the row). */
export const ROW_DISPOSITION: Record<ReportRow, DispositionKey> = {
  '3.3.1': 'release', '3.3.2': 'partial',
  '3.3.3.1': 'refuse_state_secret', '3.3.3.2': 'refuse_law_prohibited', '3.3.3.3': 'refuse_security_stability', '3.3.3.4': 'refuse_third_party',
  '3.3.3.5': 'refuse_internal_affairs', '3.3.3.6': 'refuse_process_info', '3.3.3.7': 'refuse_enforcement_file', '3.3.3.8': 'refuse_admin_query',
  '3.3.4.1': 'not_held', '3.3.4.2': 'needs_creation', '3.3.4.3': 'unclear_after_correction',
  '3.3.5.1': 'petition_complaint', '3.3.5.2': 'repeat_request', '3.3.5.3': 'publication', '3.3.5.4': 'excessive_requests', '3.3.5.5': 'confirm_or_reissue',
  '3.3.6.1': 'correction_lapsed', '3.3.6.2': 'fee_unpaid', '3.3.6.3': 'withdrawn',
};

const ROWS = REPORT_ROWS.map((r) => r.code) as readonly string[];
const bad = (zh: string, en: string) => ({ zh, en });

/** Structural checks of one line (no database). */
export function parseImportLine(text: string): { ok: true; value: ImportLine } | { ok: false; reason: { zh: string; en: string }; ref?: string } {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: bad(`不是有效的 JSON（${(e as Error).message}）`, `not valid JSON (${(e as Error).message})`) };
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { ok: false, reason: bad('每行应为一个 JSON 对象', 'each line must be a JSON object') };
  const r = o as Record<string, unknown>;
  const ref = typeof r.ref === 'string' ? r.ref.trim() : '';
  const fail = (zh: string, en: string) => ({ ok: false as const, reason: bad(zh, en), ...(ref ? { ref } : {}) });
  if (typeof r.unit !== 'string' || !r.unit.trim()) return fail('缺少 unit（单位代码）', 'missing unit (unit code)');
  if (!ref || ref.length > 60) return fail('缺少 ref（原系统编号，最多60字）', 'missing ref (at most 60 characters)');
  const a = r.applicant as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object') return fail('缺少 applicant', 'missing applicant');
  if (!(APPLICANT_CATEGORIES as readonly string[]).includes(a.category as string)) return fail(`applicant.category 无效：${JSON.stringify(a.category)}`, `bad applicant.category ${JSON.stringify(a.category)}`);
  if (typeof a.name !== 'string' || !a.name.trim() || a.name.length > 200) return fail('缺少 applicant.name', 'missing applicant.name');
  if (!(CHANNELS as readonly string[]).includes(r.channel as string)) return fail(`channel 无效：${JSON.stringify(r.channel)}`, `bad channel ${JSON.stringify(r.channel)}`);
  if (!isIsoDate(r.received)) return fail('received 应为 YYYY-MM-DD 日期', 'received must be a YYYY-MM-DD date');
  const timeline = r.timeline ?? [];
  if (!Array.isArray(timeline)) return fail('timeline 应为数组', 'timeline must be an array');
  const result = r.result;
  const concluded = r.concluded;
  if (result !== undefined && !ROWS.includes(result as string)) return fail(`result 应为年报行代码 3.3.1 至 3.3.6.3，当前为 ${JSON.stringify(result)}`, `result must be a report row 3.3.1 … 3.3.6.3, got ${JSON.stringify(result)}`);
  if ((result === undefined) !== (concluded === undefined)) return fail('result 与 concluded 须同时给出（办理中的案件二者都不填）', 'give result and concluded together (neither for an open case)');
  if (concluded !== undefined) {
    if (!isIsoDate(concluded)) return fail('concluded 应为 YYYY-MM-DD 日期', 'concluded must be a YYYY-MM-DD date');
    if (concluded < (r.received as string)) return fail('concluded 早于 received', 'concluded is before received');
    const last = (timeline as { date?: unknown }[]).map((e) => e?.date).filter((d): d is string => typeof d === 'string').sort().pop();
    if (last && last > concluded) return fail(`timeline 中有晚于 concluded 的事件（${last}）`, `a timeline event (${last}) is after concluded`);
  }
  const appealsRaw = r.appeals ?? [];
  if (!Array.isArray(appealsRaw)) return fail('appeals 应为数组', 'appeals must be an array');
  const appeals: ImportLine['appeals'] = [];
  for (const [i, x] of appealsRaw.entries()) {
    const e = x as Record<string, unknown>;
    if (!(APPEAL_KINDS as readonly string[]).includes(e?.kind as string)) return fail(`appeals[${i}].kind 无效`, `appeals[${i}].kind is not valid`);
    if (!(APPEAL_OUTCOMES as readonly string[]).includes(e.outcome as string)) return fail(`appeals[${i}].outcome 无效`, `appeals[${i}].outcome is not valid`);
    for (const k of ['filed', 'decided']) if (e[k] !== undefined && !isIsoDate(e[k])) return fail(`appeals[${i}].${k} 应为 YYYY-MM-DD`, `appeals[${i}].${k} must be YYYY-MM-DD`);
    if (e.outcome === 'pending' && e.decided !== undefined) return fail(`appeals[${i}] 尚未审结却有 decided`, `appeals[${i}] is pending but has decided`);
    appeals.push({ kind: e.kind as AppealKind, outcome: e.outcome as AppealOutcome, ...(e.filed ? { filed: e.filed as string } : {}), ...(e.decided ? { decided: e.decided as string } : {}) });
  }
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  return {
    ok: true,
    value: {
      unit: r.unit.trim(), ref, applicant: { category: a.category as ApplicantCategory, name: a.name.trim() }, channel: r.channel as Channel,
      received: r.received as string, timeline: timeline as TimelineEvent[], ...(result !== undefined ? { result: result as ReportRow, concluded: concluded as string } : {}),
      appeals, title: str(r.title, 200), description: str(r.description, 4000),
    },
  };
}

/** The old timeline (already checked by the deadline engine) as recorded workflow events. */
export function importedEvents(l: ImportLine): CaseEvent[] {
  const out: CaseEvent[] = [];
  let status: CaseStatus = 'registered';
  const meta = { actorId: 'import', recordedOn: l.concluded ?? l.received };
  const push = (e: Record<string, unknown>, to: CaseStatus) => {
    out.push({ ...e, ...meta, from: out.length ? status : null, to } as unknown as CaseEvent);
    status = to;
  };
  push({ type: 'register', date: l.received, channel: l.channel, category: l.applicant.category }, 'registered');
  push({ type: 'accept', date: l.received }, 'accepted');
  let correction = false;
  let consultations = 0;
  let fee = false;
  const phase = (): CaseStatus => (correction ? 'correction_requested' : consultations ? 'consultation' : fee ? 'fee_notice_sent' : 'accepted');
  for (const e of l.timeline) {
    switch (e.type) {
      case 'correction_requested':
        correction = true;
        push({ type: 'request_correction', date: e.date, items: ['（原系统未记录补正事项）'], correctBy: e.correctBy ?? e.date }, phase());
        break;
      case 'corrected':
        correction = false;
        push({ type: 'correct', date: e.date }, phase());
        break;
      case 'consultation_started':
        consultations++;
        push({ type: 'start_consultation', date: e.date, parties: [{ kind: 'third_party', name: '（原系统未记录征求意见对象）' }] }, phase());
        break;
      case 'consultation_ended':
        consultations--;
        push({ type: 'end_consultation', date: e.date, outcome: 'mixed', note: '原系统未记录征求意见结果' }, phase());
        break;
      case 'fee_notice_sent':
        fee = true;
        push({ type: 'send_fee_notice', date: e.date, amountYuan: 0, method: 'per_request', payBy: e.date }, phase());
        break;
      case 'fee_paid':
        fee = false;
        push({ type: 'record_fee_paid', date: e.date }, phase());
        break;
      case 'extended':
        push({ type: 'extend', date: e.date, workdays: e.workdays, reason: '（原系统未记录延期理由）', approvedBy: '（原系统未记录）' }, phase());
        break;
    }
  }
  if (l.result && l.concluded) {
    const key = ROW_DISPOSITION[l.result];
    if (l.result === '3.3.6.1') push({ type: 'abandon', date: l.concluded }, 'abandoned');
    else if (l.result === '3.3.6.2') push({ type: 'fee_lapse', date: l.concluded }, 'fee_unpaid');
    else if (l.result === '3.3.6.3') push({ type: 'withdraw', date: l.concluded, reason: '原系统记录为“其他处理”' }, 'withdrawn');
    else push({ type: 'answer', date: l.concluded, disposition: { key } }, 'answered');
    push({ type: 'close', date: l.concluded }, 'closed');
  }
  return out;
}

async function importOne(db: Db, ctx: CommandContext, l: ImportLine, today: string): Promise<'created' | 'updated'> {
  const unit = await unitByCode(db, l.unit);
  if (!unit) throw new LineFailure(bad(`单位代码 ${l.unit} 不存在`, `no unit with code ${l.unit}`));
  const cal = await calendarForUnit(db, unit.code);
  try {
    computeDeadline({ received: l.received, events: l.timeline }, cal);
  } catch (e) {
    if (e instanceof TimelineError) throw new LineFailure(e.messages);
    throw e;
  }
  const events = importedEvents(l);
  const state = replayCase(events);
  const deadline = computeDeadline({ received: l.received, events: l.timeline }, cal, { today });
  return inTransaction(db, async (tx) => {
    const existing = await tx.selectFrom('request_cases').select(['id', 'source']).where('unit_id', '=', unit.id).where('ref', '=', l.ref).executeTakeFirst();
    if (existing && existing.source !== 'import') throw new LineFailure(bad(`编号 ${l.ref} 已是本平台受理的案件，不能用导入数据覆盖`, `ref ${l.ref} is a platform case and cannot be overwritten by an import`));
    const intake = {
      category: l.applicant.category, name: l.applicant.name, contactPerson: null, idType: null, idNumber: null, phone: null, email: null, address: null, postcode: null,
      infoTitle: l.title ?? null, infoNumber: null, description: l.description ?? l.title ?? '（原系统导入，未记录申请内容）', form: null as unknown as string, delivery: null as unknown as string,
    };
    const keys = piiKeys();
    const cols = {
      status: state.status, channel: l.channel, category: l.applicant.category, ...textColumns(keys, intake),
      received_on: l.received, ...deadlineColumns(deadline), concluded_on: l.concluded ?? null, result_row: l.result ?? null,
      disposition: state.disposition ? JSON.stringify(state.disposition) : null, updated_at: new Date(),
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await tx.deleteFrom('request_events').where('case_id', '=', id).execute();
      await tx.deleteFrom('request_appeals').where('case_id', '=', id).execute();
      await tx.deleteFrom('request_notifications').where('case_id', '=', id).execute();
      await tx.updateTable('request_cases').set(cols).where('id', '=', id).execute();
    } else {
      id = await insertCase(tx, keys, { unitId: unit.id, ref: l.ref, trackingNo: null, queryCodeHash: null, source: 'import', status: state.status, channel: l.channel, intake, receivedOn: l.received });
      await tx.updateTable('request_cases').set(cols).where('id', '=', id).execute();
    }
    for (const [i, e] of events.entries()) await storeEvent(tx, ctx, { id }, i + 1, e);
    for (const a of l.appeals) {
      await tx.insertInto('request_appeals').values({ case_id: id, kind: a.kind, outcome: a.outcome, filed_on: a.filed ?? null, decided_on: a.decided ?? null, note: '原系统导入', created_by: ctx.audit.name }).execute();
    }
    await recordAudit(tx, ctx.audit, { action: existing ? 'request.import.update' : 'request.import.create', unitId: unit.id, subjectType: 'request_case', subjectId: id, summary: { ref: l.ref, result: l.result ?? null, appeals: l.appeals.length } });
    return existing ? 'updated' : 'created';
  });
}

class LineFailure extends Error {
  constructor(readonly reason: { zh: string; en: string }) {
    super(reason.en);
  }
}

/** Imports the lines (an async iterable, so a large file streams); blank lines and `#` comments are skipped. */
export async function importRequests(db: Db, ctx: CommandContext, lines: AsyncIterable<string> | Iterable<string>, opts: { today: string; onProgress?: (n: number) => void }): Promise<ImportResult> {
  const res: ImportResult = { created: 0, updated: 0, errors: [], warnings: [] };
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (!text || text.startsWith('#')) continue;
    const p = parseImportLine(text);
    if (!p.ok) {
      res.errors.push({ line: n, ...(p.ref ? { ref: p.ref } : {}), reason: p.reason });
      continue;
    }
    try {
      res[await importOne(db, ctx, p.value, opts.today)]++;
      if (p.value.appeals.some((a) => a.outcome !== 'pending' && !a.decided)) {
        res.warnings.push({ line: n, ref: p.value.ref, reason: bad('复议/诉讼已有结果但没有 decided 日期，年报表四不会计入，请补录决定日期', 'an appeal has an outcome but no decided date; table 4 will not count it until the date is entered') });
      }
    } catch (e) {
      if (e instanceof LineFailure) res.errors.push({ line: n, ref: p.value.ref, reason: e.reason });
      else res.errors.push({ line: n, ref: p.value.ref, reason: bad(`写入失败：${(e as Error).message}`, `could not be stored: ${(e as Error).message}`) });
    }
    opts.onProgress?.(n);
  }
  return res;
}
