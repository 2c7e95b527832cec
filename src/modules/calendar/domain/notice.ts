/**
 * The annual holiday notice as a small structured import: 国务院办公厅关于YYYY年部分节假日安排的通知
 * (or a county's notice of its local holidays, 全国年节及纪念日放假办法 第四条) lists, per festival, a
 * range of days off and the weekend days worked instead (调休上班, 第七条). Two spellings are accepted:
 *
 * JSON —
 *   { "year": 2027, "source": "国办发明电〔2026〕7号",
 *     "holidays": [ { "name": "元旦", "start": "2027-01-01", "end": "2027-01-03" },
 *                   { "name": "春节", "start": "2027-02-05", "end": "2027-02-12", "workdays": ["2027-02-14", "2027-02-20"] } ] }
 * text, one line each (full-width or ASCII colons; dates as 2027-02-05 or 2月5日; ranges with 至 - ~ —) —
 *   年份：2027
 *   文号：国办发明电〔2026〕7号
 *   元旦：2027-01-01至2027-01-03
 *   春节：2月5日至12日；上班：2月14日、2月20日
 *
 * The result is the list of days to enter, in date order, or line-numbered errors in both languages.
 */
import { addDays, compareDates, isIsoDate, toDayNumber, weekday, weekdayName } from '../../../core/calendar/dates.ts';
import { fixedStatutoryHoliday } from '../../../core/calendar/statutory.ts';
import type { Msg } from '../../../core/render/i18n.ts';

export interface NoticeHoliday {
  name: string;
  start: string;
  end: string;
  workdays: string[];
}

export interface ParsedNotice {
  year: number;
  source: string;
  holidays: NoticeHoliday[];
  /** Every day to enter, in date order. */
  days: NoticeDay[];
}

export interface NoticeDay {
  date: string;
  isWorkday: boolean;
  name: string;
}

export interface NoticeError {
  /** 1-based line of the text, or 0 for the whole input / a JSON field. */
  line: number;
  message: Msg;
}

export const MAX_NOTICE_CHARS = 8000;
const MAX_HOLIDAYS = 30;
const MAX_RANGE_DAYS = 15;

const DATE_TOKEN = String.raw`(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}日)`;
const RANGE = new RegExp(String.raw`^${DATE_TOKEN}(?:\s*(?:至|到|-|~|～|—|–)\s*${DATE_TOKEN})?$`);

/** A date token as ISO, given the notice's year and (for "12日") the month of the range's start. */
function toIso(token: string, year: number, monthOf?: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(token);
  if (m) return isIsoDate(token) ? token : null;
  m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日$/.exec(token);
  let iso: string | null = null;
  if (m) iso = `${m[1] ?? year}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  else {
    const d = /^(\d{1,2})日$/.exec(token);
    if (d && monthOf) iso = `${monthOf.slice(0, 7)}-${d[1].padStart(2, '0')}`;
  }
  return iso && isIsoDate(iso) ? iso : null;
}

const err = (line: number, zh: string, en: string): NoticeError => ({ line, message: { zh, en } });

/** Parses and checks the import; never throws on bad input. */
export function parseNotice(input: string): { value?: ParsedNotice; errors: NoticeError[] } {
  const text = (input ?? '').trim();
  if (!text) return { errors: [err(0, '请粘贴放假安排（JSON 或文本格式）', 'Paste the holiday arrangement (JSON or text)')] };
  if (text.length > MAX_NOTICE_CHARS) return { errors: [err(0, `内容过长（最多 ${MAX_NOTICE_CHARS} 字）`, `Too long (at most ${MAX_NOTICE_CHARS} characters)`)] };
  return text.startsWith('{') ? parseJson(text) : parseText(text);
}

function parseJson(text: string): { value?: ParsedNotice; errors: NoticeError[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { errors: [err(0, 'JSON 格式不正确', 'The JSON is malformed')] };
  }
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const errors: NoticeError[] = [];
  const year = typeof o.year === 'number' ? o.year : Number(o.year);
  const source = typeof o.source === 'string' ? o.source : '';
  const list = Array.isArray(o.holidays) ? o.holidays : null;
  if (!list) errors.push(err(0, '缺少 holidays 列表', 'The holidays list is missing'));
  const holidays: { h: Partial<NoticeHoliday>; line: number; raw: Record<string, unknown> }[] = (list ?? []).map((x, i) => {
    const r = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const start = typeof r.start === 'string' ? r.start : '';
    const end = typeof r.end === 'string' && r.end ? r.end : start;
    const workdays = Array.isArray(r.workdays) ? r.workdays.filter((w): w is string => typeof w === 'string') : [];
    return { h: { name: typeof r.name === 'string' ? r.name.trim() : '', start, end, workdays }, line: i + 1, raw: r };
  });
  for (const { raw, line } of holidays) {
    if (raw.workdays !== undefined && (!Array.isArray(raw.workdays) || raw.workdays.some((w) => typeof w !== 'string'))) errors.push(err(0, `第 ${line} 项：workdays 应为日期列表`, `item ${line}: workdays must be a list of dates`));
  }
  return finish(year, source, holidays.map(({ h, line }) => ({ h, line, label: { zh: `第 ${line} 项`, en: `item ${line}` } })), errors, true);
}

type TextItem = Partial<NoticeHoliday> & { bad?: boolean };

function parseText(text: string): { value?: ParsedNotice; errors: NoticeError[] } {
  const errors: NoticeError[] = [];
  let year = NaN;
  let source = '';
  const lines = text.split(/\r?\n/);
  const pending: { name: string; range: string; work: string; line: number }[] = [];
  lines.forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([^:：]{1,40})[:：]\s*(.*)$/.exec(line);
    if (!m) {
      errors.push(err(i + 1, '格式应为“名称：日期至日期；上班：日期、日期”', 'Expected “name: date to date; 上班: date, date”'));
      return;
    }
    const key = m[1].trim();
    const rest = m[2].trim();
    if (key === '年份' || key.toLowerCase() === 'year') year = Number(rest.replace(/年$/, ''));
    else if (key === '文号' || key === '依据' || key.toLowerCase() === 'source') source = rest;
    else {
      const [range, ...more] = rest.split(/[；;]/).map((x) => x.trim());
      const work = more.map((x) => /^(?:调休)?上班[:：]?\s*(.*)$/.exec(x)?.[1] ?? (x ? '\u0000' : '')).join('、');
      pending.push({ name: key, range, work, line: i + 1 });
    }
  });
  const items = pending.map((p) => {
    const h: TextItem = { name: p.name, workdays: [] };
    const r = RANGE.exec(p.range.replace(/\s+/g, ''));
    if (!r || !Number.isInteger(year)) {
      if (Number.isInteger(year)) errors.push(err(p.line, '放假日期格式不正确，如“2027-02-05至2027-02-12”或“2月5日至12日”', 'Bad date range, e.g. “2027-02-05至2027-02-12”'));
      h.bad = true;
    } else {
      h.start = toIso(r[1], year) ?? '';
      h.end = r[2] ? (toIso(r[2], year, h.start || undefined) ?? '') : h.start;
      if (!h.start || !h.end) errors.push(err(p.line, '放假日期不是有效日期', 'A date is not valid'));
    }
    if (p.work.includes('\u0000')) errors.push(err(p.line, '分号后只能写“上班：日期、日期”', 'After the semicolon only “上班: dates” may follow'));
    else if (p.work) {
      for (const w of p.work.split(/[、，,\s]+/).filter(Boolean)) {
        const iso = Number.isInteger(year) ? toIso(w, year) : null;
        if (!iso) errors.push(err(p.line, `调休上班日期“${w}”不是有效日期`, `Make-up working day “${w}” is not a valid date`));
        else h.workdays!.push(iso);
      }
    }
    return { h, line: p.line, label: { zh: `第 ${p.line} 行`, en: `line ${p.line}` } };
  });
  if (!Number.isInteger(year)) errors.unshift(err(0, '请写明年份（如“年份：2027”）', 'State the year (e.g. “年份：2027”)'));
  return finish(year, source, items.filter((x) => !x.h.bad), errors, false);
}

/** Checks shared by both spellings, then expands the ranges into days. */
function finish(
  year: number,
  sourceRaw: string,
  items: { h: Partial<NoticeHoliday>; line: number; label: Msg }[],
  errors: NoticeError[],
  json: boolean,
): { value?: ParsedNotice; errors: NoticeError[] } {
  const source = sourceRaw.trim();
  if (!Number.isInteger(year) || year < 2000 || year > 2999) {
    if (json || Number.isInteger(year)) errors.push(err(0, '年份应为 2000–2999 的整数', 'The year must be a whole number 2000–2999'));
    return { errors };
  }
  if (!source) errors.push(err(0, '请写明依据文件文号（如“文号：国办发明电〔2026〕7号”）', 'State the notice number (e.g. “文号：国办发明电〔2026〕7号”)'));
  else if (source.length > 100) errors.push(err(0, '文号最多 100 字', 'The notice number may have at most 100 characters'));
  if (!items.length && !errors.length) errors.push(err(0, '没有放假安排', 'No holidays listed'));
  if (items.length > MAX_HOLIDAYS) errors.push(err(0, `最多 ${MAX_HOLIDAYS} 项`, `At most ${MAX_HOLIDAYS} items`));
  // A notice for YEAR may start a holiday in late December before it or list a make-up day there.
  const lo = `${year - 1}-12-01`;
  const hi = `${year + 1}-01-31`;
  const inWindow = (d: string) => compareDates(d, lo) >= 0 && compareDates(d, hi) <= 0;
  const days = new Map<string, NoticeDay & { line: number }>();
  const put = (d: NoticeDay, line: number, label: Msg) => {
    const prev = days.get(d.date);
    if (prev) errors.push(err(json ? 0 : line, `${label.zh}：${d.date} 已在第 ${prev.line} ${json ? '项' : '行'}出现`, `${label.en}: ${d.date} is already listed (${json ? 'item' : 'line'} ${prev.line})`));
    else days.set(d.date, { ...d, line });
  };
  for (const { h, line, label } of items) {
    const at = json ? 0 : line;
    const name = (h.name ?? '').trim();
    if (!name) errors.push(err(at, `${label.zh}：请写明节日名称`, `${label.en}: name the festival`));
    else if (name.length > 40) errors.push(err(at, `${label.zh}：名称最多 40 字`, `${label.en}: at most 40 characters`));
    const { start = '', end = '' } = h;
    if (!isIsoDate(start) || !isIsoDate(end)) {
      if (json) errors.push(err(0, `${label.zh}：start/end 应为 YYYY-MM-DD`, `${label.en}: start/end must be YYYY-MM-DD`));
      continue;
    }
    if (compareDates(start, end) > 0) { errors.push(err(at, `${label.zh}：结束日期早于开始日期`, `${label.en}: the end is before the start`)); continue; }
    if (toDayNumber(end) - toDayNumber(start) + 1 > MAX_RANGE_DAYS) { errors.push(err(at, `${label.zh}：连续放假超过 ${MAX_RANGE_DAYS} 天，请核对`, `${label.en}: more than ${MAX_RANGE_DAYS} days in a row; check it`)); continue; }
    if (!inWindow(start) || !inWindow(end)) { errors.push(err(at, `${label.zh}：日期不在 ${year} 年的安排范围内`, `${label.en}: the dates are outside the ${year} arrangement`)); continue; }
    for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) put({ date: d, isWorkday: false, name }, line, label);
    for (const w of h.workdays ?? []) {
      if (!isIsoDate(w)) { errors.push(err(at, `${label.zh}：调休上班日期 ${w} 无效`, `${label.en}: make-up day ${w} is not valid`)); continue; }
      if (!inWindow(w)) { errors.push(err(at, `${label.zh}：调休上班日期 ${w} 不在 ${year} 年的安排范围内`, `${label.en}: make-up day ${w} is outside the ${year} arrangement`)); continue; }
      put({ date: w, isWorkday: true, name }, line, label);
    }
  }
  if (errors.length) return { errors };
  const sorted = [...days.values()].sort((a, b) => compareDates(a.date, b.date)).map(({ line: _l, ...d }) => d);
  const holidays = items.map(({ h }) => ({ name: (h.name ?? '').trim(), start: h.start!, end: h.end!, workdays: h.workdays ?? [] }));
  return { value: { year, source, holidays, days: sorted }, errors: [] };
}

/**
 * Whether an entry is unusual enough to ask "are you sure?" (never refused): a weekend day marked as a
 * day off outside a holiday range (it is off anyway), a weekday marked as a working day (it is one
 * anyway), or a working day on a fixed-date statutory holiday (放假办法 第二条 makes it a day off).
 */
export function unusualEntry(date: string, isWorkday: boolean): Msg | null {
  if (!isIsoDate(date)) return null;
  const wd = weekday(date);
  const weekend = wd === 0 || wd === 6;
  const fixed = fixedStatutoryHoliday(date);
  if (isWorkday && fixed) return { zh: `${date} 是法定节假日（${fixed.name}，《全国年节及纪念日放假办法》第二条），一般不会安排上班，请核对通知。`, en: `${date} is a statutory holiday (${fixed.nameEn}); it is normally never a working day. Check the notice.` };
  if (!isWorkday && weekend) return { zh: `${date} 是${weekdayName(date, 'zh')}，本来就是休息日。除非是放假安排中连续假期所含的周末，一般无需录入；请核对通知。`, en: `${date} is a ${weekdayName(date, 'en')}, a day off anyway. Unless it belongs to a holiday range in the notice it need not be entered; check the notice.` };
  if (isWorkday && !weekend) return { zh: `${date} 是${weekdayName(date, 'zh')}，本来就是工作日；调休上班一般是星期六或星期日。请核对通知。`, en: `${date} is a ${weekdayName(date, 'en')}, a working day anyway; make-up working days are normally Saturdays or Sundays. Check the notice.` };
  return null;
}

