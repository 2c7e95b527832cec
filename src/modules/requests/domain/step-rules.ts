/**
 * The rule of each step beyond role, state and date (workflow.ts checks those first, then asks
 * `checkStepRule`): what a correction notice, a consultation, an extension, a request for reasons,
 * a later period, a fee notice, a reply, a delivery, a transfer and a withdrawal must satisfy, each
 * with its article of the 条例. Pure: the working-day calendar and the current due date come in
 * through `CaseContext`; nothing here counts holidays.
 *
 *   checkStepRule(state, input, ctx, warnings, extra) → the broken rule, or null
 *   dispositionPrecondition(state, disposition)      → what a result needs to have happened first
 */
import { CONSULTATION_OUTCOMES, DELIVERY_METHODS, FEE_METHODS, type CaseEventInput, type CaseState } from './case.ts';
import { DISPOSITIONS, validateDisposition, type Disposition } from './dispositions.ts';
import { isIsoDate, ruleError, type RuleError } from './rule-error.ts';

/** Working days, as the calendar engine counts them: the n-th working day after `date` (never `date` itself). */
export interface WorkdayCalendar {
  addWorkdays(date: string, n: number): string;
}

export interface CaseContext {
  /** Needed for the 7-day correction limit, the 15-day consultation limit and a default fee payment date. */
  calendar?: WorkdayCalendar;
  /** The answer due date the deadline engine computed for the case now; needed to extend. */
  dueDate?: string;
}

export type CaseErrorCode =
  | 'unknown_event'
  | 'forbidden_role'
  | 'not_own_case'
  | 'invalid_transition'
  | 'bad_date'
  | 'future_date'
  | 'date_out_of_order'
  | 'context_required'
  | 'bad_input'
  | 'correction_once'
  | 'correction_not_first'
  | 'correction_notice_late'
  | 'correction_late_without_reason'
  | 'correction_period_running'
  | 'consultation_period_running'
  | 'extension_once'
  | 'extension_too_long'
  | 'extension_after_due'
  | 'fee_notice_once'
  | 'fee_notice_after_due'
  | 'fee_period_running'
  | 'disposition_required'
  | 'disposition_not_by_answer'
  | 'no_prior_correction'
  | 'transfer_to_self'
  | 'reasons_once'
  | 'no_prior_reasons_request'
  | 'reasonable_period_once'
  | 'reasonable_period_not_later'
  | 'reasonable_period_after_due'
  | 'extension_after_reasonable_period'
  | 'fee_notice_after_reasonable_period'
  | (string & {});

/** Art. 30: the correction notice goes out within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKDAYS = 7;
/** Arts. 32, 34: a third party or co-making organ answers within 15 working days. */
export const CONSULTATION_WORKDAYS = 15;
/** Art. 33 ¶2: an extension of at most 20 working days. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 国办函〔2020〕109号: the applicant pays within 20 working days of receiving the fee notice. */
export const FEE_PAYMENT_WORKDAYS = 20;
/** The longest note an applicant (or staff for them) may give when withdrawing. */
export const MAX_WITHDRAW_REASON = 500;

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** The rule of each step beyond role, state and date. Returns the broken rule, or null. */
export function checkStepRule(
  s: CaseState,
  e: Exclude<CaseEventInput, { type: 'register' }> & { date: string },
  ctx: CaseContext,
  warnings: RuleError[],
  extra: Partial<Record<string, unknown>>,
): RuleError<CaseErrorCode> | null {
  const needCalendar = (what: string) =>
    ruleError('context_required', `缺少工作日历，无法核对${what}`, `the working-day calendar is needed to check ${what}`);
  switch (e.type) {
    case 'request_correction': {
      if (s.correction) {
        return ruleError('correction_once', '补正只能告知一次，且应一次性告知需要补正的全部事项', 'a correction may be requested only once, listing everything at once', '第三十条');
      }
      if (s.consultationCount > 0 || s.extension || s.fee || s.reasonablePeriod) {
        return ruleError('correction_not_first', '补正告知应在办理之初作出，征求意见、收费或延期之后不能再要求补正', 'a correction request comes before any consultation, fee notice or extension', '第三十条');
      }
      if (!Array.isArray(e.items) || e.items.length === 0 || e.items.some(blank)) {
        return ruleError('bad_input', '补正告知须列明需要补正的全部事项', 'the correction notice must list what to correct', '第三十条');
      }
      if (!isIsoDate(e.correctBy) || e.correctBy <= e.date) {
        return ruleError('bad_input', '须给出晚于告知日期的合理补正期限', 'give a reasonable correction deadline after the notice date', '第三十条');
      }
      if (!ctx.calendar) return needCalendar('补正告知的7个工作日期限');
      const limit = ctx.calendar.addWorkdays(s.receivedOn, CORRECTION_NOTICE_WORKDAYS);
      if (e.date > limit) {
        return ruleError(
          'correction_notice_late',
          `补正告知应当自收到申请之日起7个工作日内作出（最迟${limit}），已逾期`,
          `the correction notice is due within 7 working days of receipt (by ${limit})`,
          '第三十条',
        );
      }
      return null;
    }
    case 'correct':
      if (e.date > s.correction!.correctBy && blank(e.lateReason)) {
        return ruleError(
          'correction_late_without_reason',
          `补正期限为${s.correction!.correctBy}，逾期补正须记录正当理由；无正当理由逾期不补正的视为放弃申请`,
          `the correction was due by ${s.correction!.correctBy}; a late correction needs a good reason, otherwise the application is abandoned`,
          '第三十条',
        );
      }
      return null;
    case 'abandon':
      if (e.date <= s.correction!.correctBy) {
        return ruleError(
          'correction_period_running',
          `补正期限（${s.correction!.correctBy}）尚未届满，不能视为放弃申请`,
          `the correction period runs until ${s.correction!.correctBy}`,
          '第三十条',
        );
      }
      return null;
    case 'start_consultation':
      if (!Array.isArray(e.parties) || e.parties.length === 0 || e.parties.some((p) => blank(p.name) || !['third_party', 'organ'].includes(p.kind))) {
        return ruleError('bad_input', '须写明征求意见的第三方或其他机关', 'name the third parties or organs consulted', '第三十二条');
      }
      return null;
    case 'end_consultation': {
      if (!CONSULTATION_OUTCOMES.includes(e.outcome)) return ruleError('bad_input', '须写明征求意见的结果', 'state the outcome of the consultation', '第三十二条');
      if (e.outcome === 'no_reply') {
        if (!ctx.calendar) return needCalendar('征求意见的15个工作日期限');
        const limit = ctx.calendar.addWorkdays(s.consultation!.startedOn, CONSULTATION_WORKDAYS);
        if (e.date < limit) {
          return ruleError(
            'consultation_period_running',
            `第三方（或其他机关）提出意见的15个工作日期限最早于${limit}届满，期满前不能按未答复处理`,
            `the 15-working-day reply period ends on ${limit} at the earliest`,
            '第三十二条、第三十四条',
          );
        }
      }
      return null;
    }
    case 'extend': {
      if (s.reasonablePeriod) {
        return ruleError(
          'extension_after_reasonable_period',
          `已依照第三十五条确定延迟答复的合理期限（${s.reasonablePeriod.dueDate}），不再适用第三十三条的延期`,
          `a reasonable later due date (${s.reasonablePeriod.dueDate}) was set under Art. 35; the Art. 33 extension no longer applies`,
          '第三十五条',
        );
      }
      if (s.extension) return ruleError('extension_once', '答复期限只能延长一次', 'the answer period may be extended only once', '第三十三条第二款');
      if (!Number.isInteger(e.workdays) || e.workdays < 1) {
        return ruleError('bad_input', '延长的期限应为1至20个工作日', 'an extension is 1 to 20 working days', '第三十三条第二款');
      }
      if (e.workdays > MAX_EXTENSION_WORKDAYS) {
        return ruleError('extension_too_long', `延长的期限最长不得超过20个工作日（申请延长${e.workdays}个工作日）`, `an extension may not exceed 20 working days (asked ${e.workdays})`, '第三十三条第二款');
      }
      if (blank(e.reason)) return ruleError('bad_input', '须写明延期的理由', 'give the reason for the extension', '第三十三条第二款');
      if (blank(e.approvedBy)) {
        return ruleError('bad_input', '延期须经政府信息公开工作机构负责人同意，请记录批准人', 'an extension needs the approval of the head of the disclosure body', '第三十三条第二款');
      }
      if (!ctx.dueDate) return ruleError('context_required', '缺少当前答复期限，无法核对延期是否在期限内作出', 'the current due date is needed to check the extension');
      if (e.date > ctx.dueDate) {
        return ruleError('extension_after_due', `答复期限已于${ctx.dueDate}届满，不能再延长`, `the answer period ended on ${ctx.dueDate}; it can no longer be extended`, '第三十三条第二款');
      }
      return null;
    }
    case 'request_reasons': {
      if (s.reasons) {
        return ruleError('reasons_once', `已于${s.reasons.requestedOn}要求申请人说明理由`, `the applicant was already asked for reasons on ${s.reasons.requestedOn}`, '第三十五条');
      }
      if (blank(e.facts)) {
        return ruleError('bad_input', '须写明申请数量、频次明显超过合理范围的事实', 'state the number and frequency of requests that look excessive', '第三十五条');
      }
      if (!isIsoDate(e.replyBy) || e.replyBy <= e.date) {
        return ruleError('bad_input', '须给出晚于告知日期的说明理由期限', 'give a date after the notice by which to give reasons', '第三十五条');
      }
      if (ctx.dueDate && e.replyBy > ctx.dueDate) {
        // The answer period does not stop (see states.ts): a reply date past it leaves no room to decide in time.
        warnings.push(
          ruleError(
            'reasons_reply_after_due',
            `说明理由的期限（${e.replyBy}）晚于答复期限（${ctx.dueDate}）；要求说明理由不中止答复期限，需要延迟答复的，应在答复期限届满前确定合理期限`,
            `the reply date (${e.replyBy}) is after the due date (${ctx.dueDate}); asking for reasons does not stop the clock, so set any later period before the due date`,
            '第三十三条、第三十五条',
          ),
        );
      }
      return null;
    }
    case 'set_reasonable_period': {
      if (!s.reasons) {
        return ruleError('no_prior_reasons_request', '确定延迟答复的合理期限前，须先要求申请人说明理由并认定理由合理', 'ask the applicant for reasons (and find them reasonable) before setting a later period', '第三十五条');
      }
      if (s.reasonablePeriod) {
        return ruleError('reasonable_period_once', `已确定延迟答复的合理期限（${s.reasonablePeriod.dueDate}），不能再次变更`, `a reasonable later due date (${s.reasonablePeriod.dueDate}) was already set`, '第三十五条');
      }
      if (blank(e.reason)) {
        return ruleError('bad_input', '须写明无法在第三十三条规定的期限内答复的原因', 'say why the answer cannot be given within the Art. 33 period', '第三十五条');
      }
      if (blank(e.approvedBy)) {
        return ruleError('bad_input', '须记录批准确定合理期限的负责人', 'record who approved the later period', '第三十五条');
      }
      if (!isIsoDate(e.dueDate)) return ruleError('bad_input', '须给出延迟答复的日期（YYYY-MM-DD）', 'give the later due date (YYYY-MM-DD)', '第三十五条');
      if (!ctx.dueDate) return ruleError('context_required', '缺少当前答复期限，无法核对合理期限', 'the current due date is needed to check the later period');
      if (e.date > ctx.dueDate) {
        return ruleError(
          'reasonable_period_after_due',
          `答复期限已于${ctx.dueDate}届满，不能再确定延迟答复的期限`,
          `the answer period ended on ${ctx.dueDate}; a later period can no longer be set`,
          '第三十五条',
        );
      }
      if (e.dueDate <= ctx.dueDate) {
        return ruleError(
          'reasonable_period_not_later',
          `延迟答复的期限（${e.dueDate}）须晚于当前的答复期限（${ctx.dueDate}）`,
          `the later due date (${e.dueDate}) must be after the current due date (${ctx.dueDate})`,
          '第三十五条',
        );
      }
      return null;
    }
    case 'send_fee_notice': {
      if (s.reasonablePeriod) {
        return ruleError(
          'fee_notice_after_reasonable_period',
          '已依照第三十五条确定延迟答复的合理期限，收费通知应在确定合理期限之前发出',
          'a reasonable later due date was set under Art. 35; a fee notice must come before it',
          '第三十五条、第四十二条',
        );
      }
      if (s.fee) return ruleError('fee_notice_once', '本申请已发出过收费通知', 'a fee notice was already sent for this application', '第四十二条');
      if (!FEE_METHODS.includes(e.method)) return ruleError('bad_input', '须选择按件或按量计收（二者只能择一）', 'charge per request or per volume, one of them', '第四十二条');
      if (!(Number.isInteger(e.amountYuan) && e.amountYuan > 0)) {
        return ruleError('bad_input', '收费金额应为正整数（元）', 'the fee is a positive whole number of yuan', '第四十二条');
      }
      if (ctx.dueDate && e.date > ctx.dueDate) {
        return ruleError('fee_notice_after_due', `收费通知应在答复期限（${ctx.dueDate}）内发出`, `the fee notice must go out within the answer period (${ctx.dueDate})`, '第四十二条');
      }
      if (e.payBy === undefined) {
        if (!ctx.calendar) return needCalendar('缴费期限');
        extra.payBy = ctx.calendar.addWorkdays(e.date, FEE_PAYMENT_WORKDAYS);
      } else if (!isIsoDate(e.payBy) || e.payBy < e.date) {
        return ruleError('bad_input', '缴费期限应为不早于通知日期的日期', 'the payment date cannot be before the notice', '第四十二条');
      }
      return null;
    }
    case 'fee_lapse':
      if (e.date <= s.fee!.payBy) {
        return ruleError('fee_period_running', `缴费期限（${s.fee!.payBy}）尚未届满`, `the payment period runs until ${s.fee!.payBy}`, '第四十二条');
      }
      return null;
    case 'answer': {
      if (!e.disposition) return ruleError('disposition_required', '作出答复须选定答复结果', 'a reply needs a disposition', '第三十六条');
      const v = validateDisposition(e.disposition);
      if (!v.ok) return v.error;
      const meta = DISPOSITIONS[e.disposition.key];
      if (meta.via !== 'answer') {
        return ruleError(
          'disposition_not_by_answer',
          `“${meta.label.zh}”不能通过作出答复产生，应使用相应的办理步骤`,
          `“${meta.label.en}” comes from its own step, not from a reply`,
          meta.articles[0],
        );
      }
      const pre = dispositionPrecondition(s, e.disposition);
      if (pre) return pre;
      const grounds = [e.disposition.key, ...(e.disposition.withheld ?? []).map((w) => w.ground)];
      if (grounds.includes('refuse_third_party') && !s.events.some((x) => x.type === 'start_consultation')) {
        warnings.push(
          ruleError('third_party_not_consulted', '以保护第三方合法权益为由不予公开，但未书面征求第三方意见', 'refusing on third-party grounds without having consulted the third party in writing', '第三十二条'),
        );
      }
      if (ctx.dueDate && e.date > ctx.dueDate) {
        warnings.push(ruleError('answered_late', `答复晚于答复期限（${ctx.dueDate}）`, `the reply is later than the due date (${ctx.dueDate})`, '第三十三条'));
      }
      return null;
    }
    case 'deliver':
      if (!DELIVERY_METHODS.includes(e.method)) return ruleError('bad_input', `送达方式无效：${e.method}`, `unknown delivery method ${e.method}`, '第四十五条');
      return null;
    case 'transfer':
      if (blank(e.toUnitId) || blank(e.reason)) return ruleError('bad_input', '转办须写明接收单位和理由', 'a transfer needs the receiving unit and a reason', '第十条');
      if (e.toUnitId === s.unitId) return ruleError('transfer_to_self', '不能转给本单位', 'cannot transfer to the same unit');
      return null;
    case 'withdraw':
      if (e.reason !== undefined && (typeof e.reason !== 'string' || e.reason.length > MAX_WITHDRAW_REASON)) {
        return ruleError('bad_input', `撤回说明最多${MAX_WITHDRAW_REASON}字`, `a withdrawal note is at most ${MAX_WITHDRAW_REASON} characters`);
      }
      return null;
    case 'accept':
    case 'record_fee_paid':
    case 'close':
      return null;
  }
}

/**
 * What a result needs to have happened first: “still unclear after correction” needs a correction
 * (Art. 30); 不予处理 for excessive requests needs the applicant to have been asked for reasons (Art. 35:
 * the organ finds the reasons unreasonable, so it must have asked for them). Also used when drafting.
 */
export function dispositionPrecondition(s: CaseState, d: Pick<Disposition, 'key'>): RuleError<CaseErrorCode> | null {
  if (d.key === 'unclear_after_correction' && !s.correction?.correctedOn) {
    return ruleError('no_prior_correction', '只有经补正后申请内容仍不明确的，才能以此答复', 'only a corrected application can still be unclear after correction', '第三十条');
  }
  if (d.key === 'excessive_requests' && !s.reasons) {
    return ruleError(
      'no_prior_reasons_request',
      '以申请数量、频次明显超过合理范围为由不予处理的，须先要求申请人说明理由',
      'before refusing to handle excessive requests, ask the applicant to give reasons',
      '第三十五条',
    );
  }
  return null;
}