/**
 * A disclosure application's timeline, as the deadline engine reads it, and its validation.
 *
 * The events are the facts that move the answer deadline of 《政府信息公开条例》 Art. 33:
 *   correction_requested / corrected      — 补正 (Art. 30): the clock stops, then restarts from the corrected
 *                                            application's receipt;
 *   consultation_started / consultation_ended — 征求第三方或其他机关意见 (Arts. 32, 33 ¶3, 34): paused;
 *   fee_notice_sent / fee_paid            — 收费通知 (国办函〔2020〕109号): paused;
 *   extended                              — 延期答复 (Art. 33 ¶2): once, at most 20 working days.
 * Validation here is structural (no calendar). The one check that needs the calendar — an extension
 * decided after the due date had passed — is made by computeDeadline with the same error type.
 */
import { isIsoDate } from './dates.ts';
import type { LocalizedText } from './calendar.ts';

export const EVENT_TYPES = [
  'correction_requested',
  'corrected',
  'consultation_started',
  'consultation_ended',
  'fee_notice_sent',
  'fee_paid',
  'extended',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type TimelineEvent =
  | { type: 'extended'; date: string; workdays: number }
  /** `correctBy`: the reasonable correction deadline the organ set (Art. 30), shown while waiting. */
  | { type: 'correction_requested'; date: string; correctBy?: string }
  | { type: Exclude<EventType, 'extended' | 'correction_requested'>; date: string };

export interface Timeline {
  /** The date of receipt as Art. 31 defines it. */
  received: string;
  events: TimelineEvent[];
}

/** Art. 33 ¶2: an extension is at most 20 working days. */
export const MAX_EXTENSION_WORKDAYS = 20;

export type TimelineErrorCode =
  | 'not_an_object'
  | 'unknown_key'
  | 'bad_received'
  | 'bad_events'
  | 'bad_event'
  | 'unknown_event_type'
  | 'bad_event_date'
  | 'event_before_received'
  | 'out_of_order'
  | 'second_correction'
  | 'second_extension'
  | 'extension_too_long'
  | 'bad_extension_workdays'
  | 'extension_after_due';

export class TimelineError extends Error {
  readonly code: TimelineErrorCode;
  /** Index into `events` of the offending event; null when the problem is not one event. */
  readonly eventIndex: number | null;
  readonly messages: LocalizedText;

  constructor(code: TimelineErrorCode, messages: LocalizedText, eventIndex: number | null = null) {
    super(messages.zh);
    this.name = 'TimelineError';
    this.code = code;
    this.eventIndex = eventIndex;
    this.messages = messages;
  }

  toJSON(): { code: TimelineErrorCode; eventIndex: number | null; message: LocalizedText } {
    return { code: this.code, eventIndex: this.eventIndex, message: this.messages };
  }
}

export const EVENT_LABELS: Record<EventType, LocalizedText> = {
  correction_requested: { zh: '发出补正告知', en: 'correction requested' },
  corrected: { zh: '收到补正后的申请', en: 'corrected application received' },
  consultation_started: { zh: '发出征求意见函', en: 'consultation started' },
  consultation_ended: { zh: '收到征求意见答复', en: 'consultation ended' },
  fee_notice_sent: { zh: '发出收费通知', en: 'fee notice sent' },
  fee_paid: { zh: '申请人缴费', en: 'fee paid' },
  extended: { zh: '延长答复期限', en: 'extension' },
};

/** "第2个事件（收到补正后的申请，2024-10-15）" — the position is 1-based for people. */
export function eventRef(index: number, ev: { type: string; date?: unknown }): LocalizedText {
  const label = EVENT_LABELS[ev.type as EventType] ?? { zh: String(ev.type), en: String(ev.type) };
  const date = typeof ev.date === 'string' ? ev.date : '?';
  return { zh: `第${index + 1}个事件（${label.zh}，${date}）`, en: `event ${index + 1} (${label.en}, ${date})` };
}

function fail(code: TimelineErrorCode, index: number | null, ev: unknown, zh: string, en: string): never {
  if (index === null || !ev || typeof ev !== 'object') throw new TimelineError(code, { zh, en }, index);
  const ref = eventRef(index, ev as { type: string; date?: unknown });
  throw new TimelineError(code, { zh: `${ref.zh}：${zh}`, en: `${ref.en}: ${en}` }, index);
}

/**
 * Checks a timeline read from JSON and returns it typed, or throws a TimelineError naming the first
 * problem. Events must be in date order (same-day events keep their listed order).
 */
const TOP_KEYS = new Set(['received', 'events', 'timeline']);
const EVENT_KEYS = new Set(['type', 'date', 'workdays', 'correctBy']);

export function validateTimeline(input: unknown): Timeline {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    fail('not_an_object', null, null, '申请时间线必须是一个对象，例如 {"received":"2024-09-27","events":[]}', 'The timeline must be an object such as {"received":"2024-09-27","events":[]}');
  }
  // A key we do not read must not be ignored silently (an outside audit fed `timeline`, the import
  // format's name, and got a wrong due date with exit 0): `events` and `timeline` are both accepted.
  const unknownTop = Object.keys(input).filter((k) => !TOP_KEYS.has(k));
  if (unknownTop.length) {
    fail('unknown_key', null, null, `无法识别的字段：${unknownTop.join('、')}（可用字段：received、events 或 timeline）`, `unknown key(s): ${unknownTop.join(', ')} (known: received, events or timeline)`);
  }
  const given = input as { received?: unknown; events?: unknown; timeline?: unknown };
  if (given.events !== undefined && given.timeline !== undefined) {
    fail('bad_events', null, null, 'events 与 timeline 是同一内容的两个名称，只能填写其中一个', '"events" and "timeline" are two names for the same list; give only one');
  }
  const raw = { received: given.received, events: given.events ?? given.timeline };
  if (!isIsoDate(raw.received)) {
    fail('bad_received', null, null, `收到申请日期（received）必须是 YYYY-MM-DD 格式的日期，当前为 ${JSON.stringify(raw.received)}`, `"received" must be a YYYY-MM-DD date, got ${JSON.stringify(raw.received)}`);
  }
  const received = raw.received;
  if (raw.events !== undefined && !Array.isArray(raw.events)) {
    fail('bad_events', null, null, 'events 必须是事件数组', '"events" must be an array of events');
  }
  const rawEvents = (raw.events ?? []) as unknown[];
  const events: TimelineEvent[] = [];

  let awaitingCorrection = false;
  let correctionSeen = false;
  let extensionSeen = false;
  let openConsultations = 0;
  let feeOpen = false;
  let previousDate = received;

  rawEvents.forEach((e, i) => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) {
      fail('bad_event', i, null, `第${i + 1}个事件必须是对象，包含 type 和 date`, `event ${i + 1} must be an object with "type" and "date"`);
    }
    const unknownKeys = Object.keys(e).filter((k) => !EVENT_KEYS.has(k));
    if (unknownKeys.length) {
      fail('unknown_key', i, e, `无法识别的字段：${unknownKeys.join('、')}（可用字段：type、date、workdays、correctBy）`, `unknown key(s): ${unknownKeys.join(', ')} (known: type, date, workdays, correctBy)`);
    }
    const ev = e as { type?: unknown; date?: unknown; workdays?: unknown; correctBy?: unknown };
    if (typeof ev.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(ev.type)) {
      fail('unknown_event_type', i, null, `第${i + 1}个事件的类型 ${JSON.stringify(ev.type)} 无法识别，可用类型：${EVENT_TYPES.join('、')}`, `event ${i + 1} has an unknown type ${JSON.stringify(ev.type)}; known types: ${EVENT_TYPES.join(', ')}`);
    }
    const type = ev.type as EventType;
    if (!isIsoDate(ev.date)) {
      fail('bad_event_date', i, ev, `日期必须是 YYYY-MM-DD 格式，当前为 ${JSON.stringify(ev.date)}`, `date must be YYYY-MM-DD, got ${JSON.stringify(ev.date)}`);
    }
    const date = ev.date;
    if (date < received) {
      fail('event_before_received', i, ev, `事件日期早于收到申请日期 ${received}`, `the event is dated before the receipt date ${received}`);
    }
    if (date < previousDate) {
      fail('out_of_order', i, ev, `事件须按日期先后排列，此事件早于前一事件（${previousDate}）`, `events must be in date order; this one is earlier than the previous event (${previousDate})`);
    }
    previousDate = date;

    if (awaitingCorrection && type !== 'corrected') {
      fail('out_of_order', i, ev, '已发出补正告知、尚未收到补正，期限中止期间不能记录其他事件（第三十条）', 'a correction was requested and not yet received; nothing else can happen while the clock is stopped (Art. 30)');
    }
    switch (type) {
      case 'correction_requested':
        if (correctionSeen) {
          fail('second_correction', i, ev, '补正告知只能发出一次，应一次性告知需要补正的事项（第三十条）', 'a correction may be requested only once, listing everything at once (Art. 30)');
        }
        if (i !== 0) {
          fail('out_of_order', i, ev, '补正告知应在收到申请后首先作出（收到申请之日起7个工作日内，第三十条），不能在征求意见、收费通知或延期之后', 'a correction request comes first (within 7 working days of receipt, Art. 30), before any consultation, fee notice or extension');
        }
        if (ev.correctBy !== undefined && (!isIsoDate(ev.correctBy) || ev.correctBy < date)) {
          fail('bad_event', i, ev, `补正期限 correctBy 必须是不早于告知日期的 YYYY-MM-DD 日期，当前为 ${JSON.stringify(ev.correctBy)}`, `correctBy must be a YYYY-MM-DD date not before the request, got ${JSON.stringify(ev.correctBy)}`);
        }
        correctionSeen = true;
        awaitingCorrection = true;
        events.push(ev.correctBy === undefined ? { type, date } : { type, date, correctBy: ev.correctBy as string });
        return;
      case 'corrected':
        if (!awaitingCorrection) {
          fail('out_of_order', i, ev, '没有待补正的申请：收到补正前应先有补正告知（correction_requested）', 'nothing to correct: "corrected" must follow a "correction_requested"');
        }
        awaitingCorrection = false;
        break;
      case 'consultation_started':
        openConsultations++;
        break;
      case 'consultation_ended':
        if (openConsultations === 0) {
          fail('out_of_order', i, ev, '没有进行中的征求意见：结束前应先有 consultation_started', 'no consultation is open: "consultation_ended" must follow a "consultation_started"');
        }
        openConsultations--;
        break;
      case 'fee_notice_sent':
        if (feeOpen) {
          fail('out_of_order', i, ev, '上一份收费通知尚未缴费，不能再次发出收费通知', 'the previous fee notice has not been paid yet');
        }
        feeOpen = true;
        break;
      case 'fee_paid':
        if (!feeOpen) {
          fail('out_of_order', i, ev, '没有待缴的收费通知：缴费前应先有 fee_notice_sent', 'no fee notice is open: "fee_paid" must follow a "fee_notice_sent"');
        }
        feeOpen = false;
        break;
      case 'extended': {
        if (extensionSeen) {
          fail('second_extension', i, ev, '答复期限只能延长一次（第三十三条第二款）', 'the answer period may be extended only once (Art. 33 ¶2)');
        }
        const n = ev.workdays;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
          fail('bad_extension_workdays', i, ev, `延期须写明延长的工作日数（workdays，1至20的整数），当前为 ${JSON.stringify(n)}`, `an extension needs "workdays", a whole number from 1 to 20, got ${JSON.stringify(n)}`);
        }
        if (n > MAX_EXTENSION_WORKDAYS) {
          fail('extension_too_long', i, ev, `延长的期限最长不得超过20个工作日（第三十三条第二款），此处为${n}个工作日`, `an extension may not exceed 20 working days (Art. 33 ¶2); this one is ${n}`);
        }
        extensionSeen = true;
        events.push({ type, date, workdays: n });
        return;
      }
    }
    events.push({ type, date } as TimelineEvent);
  });

  return { received, events };
}
