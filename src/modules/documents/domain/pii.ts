// Detection of personal data that must not slip into a published document.
//
// 条例 第十五条 forbids disclosing personal privacy; 行政处罚结果信息网上公开 practice (reference.md
// §1.7) masks 身份证号码 and 通讯方式. The publish step runs this over the body and the extracted text
// of attachments and warns the reviewer (who also confirms the 个人信息检查, see workflow.ts).
//
// - 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and a
//   check character = (12 − Σ(dᵢ·2^(17−i)) mod 11) mod 11 with 10 written X. The old 15-digit form
//   (before 1999) has a 6-digit birth date in 19YY and no check digit.
// - Mainland mobile numbers: 11 digits starting 13–19, optionally +86/86, optionally split 3-4-4.
// A number glued to further digits (an order number, a bank account) is not reported: the match
// must not touch another digit on either side.

export type PersonalDataKind = 'id_card' | 'id_card_15' | 'id_card_suspect' | 'mobile';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** The matched text as it appears (full-width digits kept). */
  value: string;
  /** A masked preview safe to show in logs and warnings. */
  masked: string;
}

export interface FindOptions {
  /** Also report 18-digit numbers with a valid area and birth date but a wrong check digit
   *  (likely a mistyped real number). Off by default to keep warnings precise. */
  includeSuspect?: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// 省级 codes of GB/T 2260 (plus 71 台湾, 81 香港, 82 澳门, 83 for 港澳台居民居住证).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** Folds full-width digits and x/ｘ/Ｘ to ASCII one character at a time, so offsets are unchanged. */
function foldDigits(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (c) => {
    if (c === 'Ｘ' || c === 'ｘ') return 'X';
    return String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30);
  });
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export function idChecksumChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Structure check shared by both forms: known province, real birth date in a plausible range. */
function plausibleId(digits: string, fifteen: boolean): boolean {
  if (!PROVINCES.has(Number(digits.slice(0, 2)))) return false;
  const y = fifteen ? 1900 + Number(digits.slice(6, 8)) : Number(digits.slice(6, 10));
  const m = Number(digits.slice(fifteen ? 8 : 10, fifteen ? 10 : 12));
  const d = Number(digits.slice(fifteen ? 10 : 12, fifteen ? 12 : 14));
  if (y < 1880 || y > 2100) return false;
  return isValidDate(y, m, d);
}

export function isValidIdNumber(value: string): boolean {
  const s = foldDigits(value).toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) return plausibleId(s, false) && idChecksumChar(s) === s[17];
  if (/^\d{15}$/.test(s)) return plausibleId(s, true);
  return false;
}

function maskId(value: string): string {
  // Keep the area code and the last four, the usual 脱敏 form: 210102********123X.
  return value.slice(0, 6) + '*'.repeat(Math.max(0, value.length - 10)) + value.slice(-4);
}

function maskMobile(value: string): string {
  // Keep any +86/separators as typed; hide digits 4–7 of the 11-digit number: 139****5678.
  let seen = 0;
  const digitsInPrefix = (/^(\+?86[-\s]?)/.exec(value)?.[0].match(/\d/g) ?? []).length;
  return value.replace(/\d/g, (d) => {
    seen++;
    const pos = seen - digitsInPrefix; // 1-based within the 11-digit number
    return pos >= 4 && pos <= 7 ? '*' : d;
  });
}

// Digits are folded first, so ASCII classes suffice. X is allowed only as the 18th character.
const ID18 = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const ID15 = /(?<![\dXx])\d{15}(?![\dXx])/g;
const MOBILE = /(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:\d{8}|[-\s]\d{4}[-\s]\d{4})(?!\d)/g;

export function findPersonalData(text: string, options: FindOptions = {}): PersonalDataMatch[] {
  if (typeof text !== 'string' || text === '') return [];
  const folded = foldDigits(text);
  const out: PersonalDataMatch[] = [];

  for (const m of folded.matchAll(ID18)) {
    const digits = m[0].toUpperCase();
    if (!plausibleId(digits, false)) continue;
    const valid = idChecksumChar(digits) === digits[17];
    if (!valid && !options.includeSuspect) continue;
    const start = m.index!;
    const value = text.slice(start, start + m[0].length);
    out.push({ kind: valid ? 'id_card' : 'id_card_suspect', start, end: start + m[0].length, value, masked: maskId(value) });
  }
  for (const m of folded.matchAll(ID15)) {
    if (!plausibleId(m[0], true)) continue;
    const start = m.index!;
    const value = text.slice(start, start + 15);
    out.push({ kind: 'id_card_15', start, end: start + 15, value, masked: maskId(value) });
  }
  for (const m of folded.matchAll(MOBILE)) {
    const start = m.index!;
    const value = text.slice(start, start + m[0].length);
    out.push({ kind: 'mobile', start, end: start + m[0].length, value, masked: maskMobile(value) });
  }
  // The three patterns cannot overlap (each requires a non-digit on both sides and they differ in
  // length), but sort so callers can walk the text in order.
  return out.sort((a, b) => a.start - b.start);
}

/** Replaces every match with its masked form (for previews and redacted copies). */
export function maskPersonalData(text: string, options: FindOptions = {}): string {
  const matches = findPersonalData(text, options);
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + m.masked;
    at = m.end;
  }
  return out + text.slice(at);
}
