/**
 * Formatting shared by letters and reports.
 *
 * Dates in official documents are written with Arabic numerals and without leading zeros —
 * 2024年10月15日 (GB/T 9704-2012 §7.3.5.3: “用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位”).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2024-10-05` → `2024年10月5日`. Throws on anything that is not a real YYYY-MM-DD date. */
export function formatChineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return `${y}年${mo}月${d}日`;
}

/** Formats ISO dates, passes any other text through (a model may carry “年  月  日” blanks to fill by hand). */
export function displayDate(value: string): string {
  return ISO_DATE.test(value) ? formatChineseDate(value) : value;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (for “第（五）项”, “六十日” and numbered headings).
 * Integers 0–9999.
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`chineseNumber: 0–9999, got ${n}`);
  if (n < 10) return n === 0 ? '零' : DIGITS[n];
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 十二, not 一十二, when the number starts with the tens.
  return n >= 10 && n < 20 ? out.slice(1) : out;
}
