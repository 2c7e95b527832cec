/**
 * The fixed working-day periods of the disclosure procedure, all counted the same way: the start day is
 * not counted (by analogy with 民法典 Art. 201, 开始的当日不计入) and the period ends on its last working day.
 *
 *   answer           20 working days from receipt            《条例》第三十三条第二款
 *   correction note   7 working days from receipt            《条例》第三十条
 *   third party      15 working days from its receipt of the letter  《条例》第三十二条 (co-authors: 第三十四条)
 *   fee payment      20 working days from the fee notice     《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
 *
 * For the third-party and fee periods the law counts from the other side's receipt of the letter, which
 * the platform does not know; it uses the sending date, the earliest possible end, and says so.
 */
import { nationalCalendar, type CalendarWarning, type CrossedDay, type LocalizedText, type WorkCalendar } from './calendar.ts';
import { showDate, withCrossed, type TraceEntry } from './trace.ts';

export const ANSWER_WORKDAYS = 20;
export const CORRECTION_NOTICE_WORKDAYS = 7;
export const THIRD_PARTY_REPLY_WORKDAYS = 15;
export const FEE_PAYMENT_WORKDAYS = 20;

export const ARTICLES = {
  receipt: '《条例》第三十一条',
  correction: '《条例》第三十条',
  thirdParty: '《条例》第三十二条',
  answer: '《条例》第三十三条第二款',
  extension: '《条例》第三十三条第二款',
  consultationNotCounted: '《条例》第三十三条第三款',
  fee: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
} as const;

export interface PeriodResult {
  start: string;
  workdays: number;
  due: string;
  crossed: CrossedDay[];
  trace: TraceEntry[];
  warnings: CalendarWarning[];
}

function period(
  calendar: WorkCalendar,
  start: string,
  workdays: number,
  article: string,
  sentence: (due: LocalizedText) => LocalizedText,
): PeriodResult {
  const due = calendar.addWorkdays(start, workdays);
  const crossed = calendar.crossedDays(start, due);
  const entry: TraceEntry = {
    step: 'period',
    date: start,
    workdays,
    due,
    article,
    text: withCrossed(sentence(showDate(due)), crossed),
    crossed,
  };
  return { start, workdays, due, crossed, trace: [entry], warnings: calendar.warningsForRange(start, due) };
}

/** Art. 33 ¶2: the answer is due 20 working days after receipt (or after the corrected application). */
export function answerDue(received: string, calendar: WorkCalendar = nationalCalendar()): PeriodResult {
  return period(calendar, received, ANSWER_WORKDAYS, ARTICLES.answer, (due) => ({
    zh: `自${received}次日起计算20个工作日（${ARTICLES.answer}），答复期限为${due.zh}`,
    en: `20 working days counted from the day after ${received} (Art. 33 ¶2): the answer is due ${due.en}`,
  }));
}

/** Art. 30: the correction notice must go out within 7 working days of receipt. */
export function correctionNoticeDue(received: string, calendar: WorkCalendar = nationalCalendar()): PeriodResult {
  return period(calendar, received, CORRECTION_NOTICE_WORKDAYS, ARTICLES.correction, (due) => ({
    zh: `补正告知应在收到申请之日起7个工作日内一次性发出（${ARTICLES.correction}），即不晚于${due.zh}`,
    en: `the correction notice must be sent within 7 working days of receipt (Art. 30), i.e. by ${due.en}`,
  }));
}

/** Art. 32: a third party answers within 15 working days (counted here from the letter's date). */
export function thirdPartyReplyDue(sentDate: string, calendar: WorkCalendar = nationalCalendar()): PeriodResult {
  return period(calendar, sentDate, THIRD_PARTY_REPLY_WORKDAYS, ARTICLES.thirdParty, (due) => ({
    zh: `第三方应自收到征求意见书之日起15个工作日内提出意见（${ARTICLES.thirdParty}），按发函日计算为${due.zh}`,
    en: `the third party answers within 15 working days of receiving the letter (Art. 32); from the sending date that is ${due.en}`,
  }));
}

/** Fee rules (国办函〔2020〕109号): the applicant pays within 20 working days of the fee notice. */
export function feePaymentDue(noticeDate: string, calendar: WorkCalendar = nationalCalendar()): PeriodResult {
  return period(calendar, noticeDate, FEE_PAYMENT_WORKDAYS, ARTICLES.fee, (due) => ({
    zh: `申请人应自收到收费通知之日起20个工作日内缴费，逾期未缴视为放弃申请（${ARTICLES.fee}），按通知发出日计算为${due.zh}`,
    en: `the applicant pays within 20 working days of receiving the fee notice, or the application is deemed abandoned (fee rules, 2020); from the sending date that is ${due.en}`,
  }));
}
