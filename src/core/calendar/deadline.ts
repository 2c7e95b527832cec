/**
 * The answer deadline of a disclosure application (《政府信息公开条例》 Arts. 30–33), computed from its
 * timeline, with a trace of every step for staff and for the applicant.
 *
 * Rules, in the order the engine applies them:
 * - Art. 33 ¶2: the answer is due 20 working days after receipt (Art. 31 defines the receipt date; the
 *   day of receipt itself is not counted).
 * - Art. 30: a correction request stops the clock; the 20 days run afresh from the receipt of the
 *   corrected application. Until it arrives there is no due date (state 'awaiting_correction').
 *   The request itself is due within 7 working days of receipt; a later one is reported as a warning.
 * - Art. 33 ¶3 (and Arts. 32, 34): time spent consulting third parties or other organs is not counted;
 *   the fee rules (国办函〔2020〕109号) do the same for the time from the fee notice to payment. While any
 *   of these is open the clock is paused (state 'paused', with the working days that were left); when
 *   the last one closes, the working days in (pause start, pause end] are added to the due date.
 *   Overlapping pauses (several third parties, a fee notice during a consultation) count once.
 *   A pause that begins after the due date has already passed cannot bring the period back: it adds
 *   nothing, and a warning says so.
 * - Art. 33 ¶2: one extension of at most 20 working days, decided on or before the current due date,
 *   adds its working days.
 */
import { compareDates } from './dates.ts';
import { nationalCalendar, type CalendarWarning, type LocalizedText, type WorkCalendar } from './calendar.ts';
import {
  ANSWER_WORKDAYS, ARTICLES, answerDue, correctionNoticeDue, feePaymentDue, thirdPartyReplyDue,
} from './periods.ts';
import { eventRef, TimelineError, validateTimeline, type Timeline } from './timeline.ts';
import { mergeCrossed, showDate, withCrossed, type TraceEntry } from './trace.ts';

export type DeadlineState = 'running' | 'paused' | 'awaiting_correction';

export interface DeadlineWarning {
  code:
    | CalendarWarning['code']
    | 'correction_notice_late'
    | 'correction_late'
    | 'third_party_reply_late'
    | 'fee_paid_late'
    | 'pause_after_due';
  message: LocalizedText;
  eventIndex?: number;
  year?: number;
}

export interface DeadlineOptions {
  /** Today (YYYY-MM-DD, Asia/Shanghai), for `overdue` and, while paused, `projectedDue`. */
  today?: string;
}

export interface DeadlineResult {
  state: DeadlineState;
  /** The answer's due date; null while the clock is stopped (correction) or paused. */
  due: string | null;
  paused: boolean;
  stopped: boolean;
  /** The date the 20 working days run from: receipt, or receipt of the corrected application. */
  periodStart: string | null;
  /** While paused: the working days that were left when the clock stopped. */
  remainingWorkdays: number | null;
  pausedSince: string | null;
  /** While paused and `today` is given: the due date if the pause ended today. */
  projectedDue?: string;
  /** While awaiting correction: the correction deadline the organ set, when recorded. */
  correctBy?: string;
  /** Art. 30: the date by which the correction notice had to go out. */
  correctionNoticeDue: string;
  pausedWorkdays: number;
  extensionWorkdays: number;
  /** Only when `today` is given and the clock is running: today is after the due date. */
  overdue?: boolean;
  /**
   * The dates reach into a year whose holiday arrangement is not loaded: the due date was counted on
   * weekends and the fixed-date holidays only and may move once the State Council's notice is entered.
   */
  provisional: boolean;
  /** Those years. */
  provisionalYears: number[];
  trace: TraceEntry[];
  warnings: DeadlineWarning[];
}

interface OpenPause {
  date: string;
  limit: string;
  index: number;
}

const PAUSE_WORDS = {
  consultation: { zh: '征求意见函', en: 'consultation letter', period: { zh: '征求意见所需时间', en: 'consultation' } },
  fee: { zh: '收费通知', en: 'fee notice', period: { zh: '收费通知至缴费的时间', en: 'fee notice to payment' } },
};

/** Computes the deadline, or throws a TimelineError (zh/en message, index of the bad event). */
export function computeDeadline(
  input: Timeline | unknown,
  calendar: WorkCalendar = nationalCalendar(),
  opts: DeadlineOptions = {},
): DeadlineResult {
  const { received, events } = validateTimeline(input);
  const trace: TraceEntry[] = [];
  const warnings: DeadlineWarning[] = [];
  const seenDates: string[] = [received];

  trace.push({
    step: 'received',
    date: received,
    article: ARTICLES.receipt,
    text: {
      zh: `${showDate(received).zh}收到申请（${ARTICLES.receipt}），收到当日不计入期限`,
      en: `application received on ${showDate(received).en} (Art. 31); that day is not counted`,
    },
  });
  const correctionLimit = correctionNoticeDue(received, calendar).due;
  const first = answerDue(received, calendar);
  trace.push(...first.trace);

  let due: string | null = first.due;
  let periodStart: string | null = received;
  let correctBy: string | undefined;
  let pauseStart: string | null = null;
  let pauseCounts = true; // false when the pause began after the period had run out
  const consultations: OpenPause[] = [];
  let fee: OpenPause | null = null;
  let pausedWorkdays = 0;
  let extensionWorkdays = 0;

  for (const [i, ev] of events.entries()) {
    const d = ev.date;
    const when = showDate(d);
    seenDates.push(d);
    switch (ev.type) {
      case 'correction_requested': {
        // Art. 30: within 7 working days of receipt, once; the clock stops until the correction arrives.
        if (compareDates(d, correctionLimit) > 0) {
          warnings.push(eventWarning('correction_notice_late', i, ev, {
            zh: `补正告知晚于法定的7个工作日期限（${correctionLimit}，${ARTICLES.correction}）`,
            en: `the correction notice is later than the 7-working-day limit (${correctionLimit}, Art. 30)`,
          }));
        }
        trace.push({
          step: ev.type, date: d, limit: correctionLimit, article: ARTICLES.correction,
          text: {
            zh: `${when.zh}发出补正告知（应不晚于${correctionLimit}），期限中止；答复期限自收到补正后的申请之日起重新计算（${ARTICLES.correction}）`,
            en: `correction requested on ${when.en} (due by ${correctionLimit}); the clock stops and restarts from receipt of the corrected application (Art. 30)`,
          },
        });
        due = null;
        periodStart = null;
        correctBy = ev.correctBy;
        continue;
      }
      case 'corrected': {
        if (correctBy && compareDates(d, correctBy) > 0) {
          warnings.push(eventWarning('correction_late', i, ev, {
            zh: `补正晚于告知的补正期限 ${correctBy}；申请人无正当理由逾期不补正的，视为放弃申请（${ARTICLES.correction}）`,
            en: `the correction came after the deadline set (${correctBy}); without good reason the application counts as abandoned (Art. 30)`,
          }));
        }
        correctBy = undefined;
        trace.push({
          step: ev.type, date: d, article: ARTICLES.correction,
          text: {
            zh: `${when.zh}收到补正后的申请，重新计算答复期限（${ARTICLES.correction}）`,
            en: `corrected application received on ${when.en}; the answer period starts again (Art. 30)`,
          },
        });
        const restart = answerDue(d, calendar);
        trace.push(...restart.trace);
        due = restart.due;
        periodStart = d;
        continue;
      }
      case 'consultation_started':
      case 'fee_notice_sent': {
        const isFee = ev.type === 'fee_notice_sent';
        const limit = (isFee ? feePaymentDue : thirdPartyReplyDue)(d, calendar);
        seenDates.push(limit.due);
        const open: OpenPause = { date: d, limit: limit.due, index: i };
        if (isFee) fee = open;
        else consultations.push(open);
        const what = PAUSE_WORDS[isFee ? 'fee' : 'consultation'];
        const limitText = limit.trace[0].text;
        const basis = isFee ? ARTICLES.fee : ARTICLES.consultationNotCounted;
        let text: LocalizedText;
        if (pauseStart !== null) {
          text = { zh: `${when.zh}发出${what.zh}，期限仍在暂停中`, en: `${what.en} sent on ${when.en}; the clock is already paused` };
        } else {
          pauseStart = d;
          pauseCounts = compareDates(d, due!) <= 0;
          const left = pauseCounts ? calendar.countWorkdays(d, due!) : 0;
          if (!pauseCounts) {
            warnings.push(eventWarning('pause_after_due', i, ev, {
              zh: `暂停开始时答复期限（${due}）已经届满，暂停不再顺延期限`,
              en: `the answer was already due (${due}) when the pause began, so the pause does not extend it`,
            }));
          }
          text = {
            zh: `${when.zh}发出${what.zh}，期限暂停，所需时间不计入答复期限（${basis}），此时剩余${left}个工作日`,
            en: `${what.en} sent on ${when.en}: the clock pauses, this time is not counted (${isFee ? 'fee rules, 2020' : 'Art. 33 ¶3'}); ${left} working days were left`,
          };
        }
        trace.push({
          step: ev.type, date: d, limit: limit.due, article: basis, crossed: limit.crossed,
          text: { zh: `${text.zh}。${limitText.zh}`, en: `${text.en}. ${limitText.en[0].toUpperCase()}${limitText.en.slice(1)}` },
        });
        continue;
      }
      case 'consultation_ended':
      case 'fee_paid': {
        const isFee = ev.type === 'fee_paid';
        const open = isFee ? fee! : consultations.shift()!; // validated: a matching open pause exists
        if (isFee) fee = null;
        if (compareDates(d, open.limit) > 0) {
          warnings.push(eventWarning(isFee ? 'fee_paid_late' : 'third_party_reply_late', i, ev, isFee
            ? { zh: `缴费晚于20个工作日的缴费期限（${open.limit}），可视为放弃申请（${ARTICLES.fee}）`,
                en: `paid after the 20-working-day limit (${open.limit}); the application may be treated as abandoned (fee rules, 2020)` }
            : { zh: `答复晚于第三方15个工作日的答复期限（${open.limit}，${ARTICLES.thirdParty}）；逾期未提出意见的，行政机关可依照条例自行决定，超出部分是否计入暂停请核实`,
                en: `the reply came after the third party's 15-working-day limit (${open.limit}, Art. 32); the organ could decide without it — check whether the extra time should be paused` }));
        }
        const what = PAUSE_WORDS[isFee ? 'fee' : 'consultation'];
        const ended = isFee ? { zh: `${when.zh}申请人缴费`, en: `fee paid on ${when.en}` } : { zh: `${when.zh}收到征求意见答复`, en: `consultation answer received on ${when.en}` };
        if (consultations.length > 0 || fee !== null) {
          trace.push({ step: ev.type, date: d, text: { zh: `${ended.zh}；仍有其他征求意见或收费通知未结束，期限继续暂停`, en: `${ended.en}; another consultation or fee notice is still open, the clock stays paused` } });
          continue;
        }
        const from = pauseStart!;
        pauseStart = null;
        const paused = calendar.countWorkdays(from, d);
        if (!pauseCounts) {
          trace.push({ step: ev.type, date: d, workdays: 0, due: due!, text: {
            zh: `${ended.zh}，暂停结束；暂停开始前答复期限已届满，期限不顺延，仍为${showDate(due!).zh}`,
            en: `${ended.en}; the pause ends. The answer was already due before it began, so the due date stays ${showDate(due!).en}`,
          } });
          continue;
        }
        const oldDue = due!;
        due = calendar.addWorkdays(oldDue, paused);
        pausedWorkdays += paused;
        const crossed = mergeCrossed(calendar.crossedDays(from, d), calendar.crossedDays(oldDue, due));
        trace.push({
          step: ev.type, date: d, workdays: paused, due, article: isFee ? ARTICLES.fee : ARTICLES.consultationNotCounted, crossed,
          text: withCrossed({
            zh: `${ended.zh}，暂停结束；${from}次日至${d}期间的${paused}个工作日不计入期限（${what.period.zh}），答复期限由${oldDue}顺延${paused}个工作日至${showDate(due).zh}`,
            en: `${ended.en}; the pause ends. The ${paused} working days after ${from} up to ${d} are not counted (${what.period.en}); the due date moves from ${oldDue} by ${paused} working days to ${showDate(due).en}`,
          }, crossed),
        });
        continue;
      }
      case 'extended': {
        // Art. 33 ¶2: decided while the period still runs, i.e. on or before the current due date
        // (during a pause the due date has moved on by the paused working days so far).
        const currentDue = pauseStart !== null && pauseCounts ? calendar.addWorkdays(due!, calendar.countWorkdays(pauseStart, d)) : due!;
        if (compareDates(d, currentDue) > 0) {
          const ref = eventRef(i, ev);
          throw new TimelineError('extension_after_due', {
            zh: `${ref.zh}：延期须在答复期限届满前决定，当时的答复期限为${currentDue}（${ARTICLES.extension}）`,
            en: `${ref.en}: an extension must be decided on or before the due date, which was ${currentDue} (Art. 33 ¶2)`,
          }, i);
        }
        const oldDue = due!;
        due = calendar.addWorkdays(oldDue, ev.workdays);
        extensionWorkdays = ev.workdays;
        const crossed = calendar.crossedDays(oldDue, due);
        const head = {
          zh: `${when.zh}经政府信息公开工作机构负责人同意并告知申请人，延长答复期限${ev.workdays}个工作日（${ARTICLES.extension}）`,
          en: `on ${when.en} the head of the disclosure office approved a ${ev.workdays}-working-day extension and the applicant was told (Art. 33 ¶2)`,
        };
        const tail = pauseStart !== null
          ? { zh: `，暂停前的答复期限由${oldDue}延至${due}；期限仍在暂停中，暂停结束后再顺延暂停的工作日`, en: `; the pre-pause due date moves from ${oldDue} to ${due}, and the paused working days are added when the pause ends` }
          : { zh: `，答复期限由${oldDue}延至${showDate(due).zh}`, en: `; the due date moves from ${oldDue} to ${showDate(due).en}` };
        trace.push({
          step: ev.type, date: d, workdays: ev.workdays, article: ARTICLES.extension, crossed,
          ...(pauseStart === null ? { due } : {}),
          text: withCrossed({ zh: head.zh + tail.zh, en: head.en + tail.en }, crossed),
        });
        continue;
      }
    }
  }

  const base = { periodStart, correctionNoticeDue: correctionLimit, pausedWorkdays, extensionWorkdays, trace, warnings, provisional: false, provisionalYears: [] as number[] };
  let result: DeadlineResult;
  if (due === null) {
    trace.push({ step: 'result', article: ARTICLES.correction, text: {
      zh: `期限中止：等待申请人补正${correctBy ? `（补正期限${correctBy}）` : ''}；收到补正后的申请之日起重新计算${ANSWER_WORKDAYS}个工作日（${ARTICLES.correction}）`,
      en: `clock stopped: awaiting the applicant's correction${correctBy ? ` (due by ${correctBy})` : ''}; ${ANSWER_WORKDAYS} working days start again from its receipt (Art. 30)`,
    } });
    result = { ...base, state: 'awaiting_correction', due: null, paused: false, stopped: true, remainingWorkdays: null, pausedSince: null };
    if (correctBy) result.correctBy = correctBy;
  } else if (pauseStart !== null) {
    const left = pauseCounts ? calendar.countWorkdays(pauseStart, due) : 0;
    trace.push({ step: 'result', date: pauseStart, workdays: left, article: ARTICLES.consultationNotCounted, text: {
      zh: `期限自${pauseStart}起暂停，剩余${left}个工作日；暂停结束后继续计算`,
      en: `the clock has been paused since ${pauseStart} with ${left} working days left; counting resumes when the pause ends`,
    } });
    result = { ...base, state: 'paused', due: null, paused: true, stopped: false, remainingWorkdays: left, pausedSince: pauseStart };
    if (opts.today && compareDates(opts.today, pauseStart) >= 0) {
      result.projectedDue = pauseCounts ? calendar.addWorkdays(due, calendar.countWorkdays(pauseStart, opts.today)) : due;
      seenDates.push(result.projectedDue);
    }
  } else {
    seenDates.push(due);
    const parts = [`${ANSWER_WORKDAYS}`];
    if (pausedWorkdays) parts.push(`暂停顺延${pausedWorkdays}`);
    if (extensionWorkdays) parts.push(`延期${extensionWorkdays}`);
    trace.push({ step: 'result', date: due, due, text: {
      zh: `答复期限：${showDate(due).zh}（${parts.join(' + ')}个工作日）`,
      en: `answer due: ${showDate(due).en} (${ANSWER_WORKDAYS}${pausedWorkdays ? ` + ${pausedWorkdays} paused` : ''}${extensionWorkdays ? ` + ${extensionWorkdays} extension` : ''} working days)`,
    } });
    result = { ...base, state: 'running', due, paused: false, stopped: false, remainingWorkdays: null, pausedSince: null };
    if (opts.today) result.overdue = compareDates(opts.today, due) > 0;
  }

  seenDates.push(first.due, correctionLimit);
  const last = seenDates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  const missing = calendar.warningsForRange(received, last);
  warnings.unshift(...missing.map((w) => ({ code: w.code, message: w.message, year: w.year })));
  result.provisional = missing.length > 0;
  result.provisionalYears = missing.map((w) => w.year);
  return result;
}

function eventWarning(
  code: DeadlineWarning['code'],
  index: number,
  ev: { type: string; date: string },
  msg: LocalizedText,
): DeadlineWarning {
  const ref = eventRef(index, ev);
  return { code, eventIndex: index, message: { zh: `${ref.zh}：${msg.zh}`, en: `${ref.en}: ${msg.en}` } };
}
