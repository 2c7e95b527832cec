// Detection of personal data that must not slip into a published document.
//
// 条例 第十五条 forbids disclosing personal privacy; 行政处罚结果信息网上公开 practice (reference.md
// §1.7) masks 身份证号码, 通讯方式 and 银行账户. The check runs when a draft is saved and submitted,
// on the review page (the reviewer's 个人信息检查 tick refers to its findings, see workflow.ts) and
// at publication, over the title, summary, body and the extracted text of attachments.
//
// - 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and a
//   check character = (12 − Σ(dᵢ·2^(17−i)) mod 11) mod 11 with 10 written X. The old 15-digit form
//   (before 1999) has a 6-digit birth date in 19YY and no check digit. A number with a real area and
//   birth date but a wrong check character is still reported, as "possible": a mistyped real number
//   is as private as a correct one (an audit found `110101199003071234` published in clear). The
//   18-digit form is found solid or in its three parts (6-8-4, one space or hyphen between).
// - Mainland mobile numbers: 11 digits starting 13–19, optionally +86/86, optionally split 3-4-4.
// - Bank card numbers (GB/T 19584 / ISO/IEC 7812): 16–19 digits, optionally in groups of four,
//   reported as "likely" only when the Luhn check passes. Unchecked 16–19-digit numbers are mostly
//   the unit's own 对公账户 (published on purpose for fee payments) or serial numbers, and flagging
//   them all would teach reviewers to ignore the warning.
// A number glued to further digits (an order number, a longer serial) is not reported: the match
// must not touch another digit on either side.

export type PersonalDataKind = 'id_card' | 'id_card_15' | 'id_card_possible' | 'mobile' | 'bank_card';

/** How sure the match is: a valid ID check character is certain; a wrong one only possible. */
export type Confidence = 'certain' | 'likely' | 'possible';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  confidence: Confidence;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** The matched text as it appears (full-width digits kept). */
  value: string;
  /** A masked preview safe to show in logs and warnings (same length as `value`). */
  masked: string;
}

export interface KindInfo {
  zh: string;
  en: string;
  confidence: Confidence;
}

export const PERSONAL_DATA_KINDS: Record<PersonalDataKind, KindInfo> = {
  id_card: { zh: '身份证号', en: 'ID card number', confidence: 'certain' },
  id_card_15: { zh: '身份证号（15位旧号）', en: 'ID card number (old 15-digit form)', confidence: 'likely' },
  id_card_possible: { zh: '可能的身份证号（校验位不符）', en: 'possible ID card number (check digit does not match)', confidence: 'possible' },
  mobile: { zh: '手机号', en: 'mobile number', confidence: 'likely' },
  bank_card: { zh: '疑似银行卡号', en: 'likely bank card number', confidence: 'likely' },
};

/** How a redaction hides a match: keep the usual 脱敏 edges (110101********1234) or hide every digit. */
export type MaskStyle = 'partial' | 'full';

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
  // Keep the area code and the last four, the usual 脱敏 form: 210102********123X; separators of
  // a number written in groups (210102 19900307 123X) stay as typed.
  const total = (value.match(/[\d０-９XxＸｘ]/g) ?? []).length;
  let seen = 0;
  return value.replace(/[\d０-９XxＸｘ]/g, (d) => {
    seen++;
    return seen <= 6 || seen > total - 4 ? d : '*';
  });
}

function maskMobile(value: string): string {
  // Keep any +86/separators as typed; hide digits 4–7 of the 11-digit number: 139****5678.
  let seen = 0;
  const digitsInPrefix = (/^(\+?86[-\s]?)/.exec(foldDigits(value))?.[0].match(/\d/g) ?? []).length;
  return value.replace(/[\d０-９]/g, (d) => {
    seen++;
    const pos = seen - digitsInPrefix; // 1-based within the 11-digit number
    return pos >= 4 && pos <= 7 ? '*' : d;
  });
}

function maskCard(value: string): string {
  // Keep the first four and the last four digits, separators as typed: 6222 **** **** 1234.
  const total = (foldDigits(value).match(/\d/g) ?? []).length;
  let seen = 0;
  return value.replace(/[\d０-９]/g, (d) => {
    seen++;
    return seen <= 4 || seen > total - 4 ? d : '*';
  });
}

/** The masked form of a match, always as long as `value` (so offsets in a text stay valid). */
export function maskValue(value: string, kind: PersonalDataKind, style: MaskStyle = 'partial'): string {
  if (style === 'full') return value.replace(/[\d０-９XxＸｘ]/g, '*');
  if (kind === 'mobile') return maskMobile(value);
  if (kind === 'bank_card') return maskCard(value);
  return maskId(value);
}

/** Digits only, folded and upper-cased: the same number however it was typed (spaces, full width). */
export function normalizedValue(value: string): string {
  return foldDigits(value).toUpperCase().replace(/[^\dX]/g, '');
}

/** Luhn (ISO/IEC 7812-1 Annex B) over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Digits are folded first, so ASCII classes suffice. X is allowed only as the 18th character.
// An 18-digit ID is also written in its three parts (area, birth date, sequence and check:
// 110101 19900307 1234 or with hyphens), which is as ID-shaped as the solid form.
const ID18 = /(?<![\dXx])(?:\d{17}[\dXx]|\d{6}[-\s]\d{8}[-\s]\d{3}[\dXx])(?![\dXx])/g;
const ID15 = /(?<![\dXx])\d{15}(?![\dXx])/g;
const MOBILE = /(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:\d{8}|[-\s]\d{4}[-\s]\d{4})(?!\d)/g;
// 16–19 digits, written solid or in groups of four separated by one space or hyphen.
const CARD = /(?<![\d-])(?:\d{16,19}|\d{4}(?:[-\s]\d{4}){3}(?:[-\s]?\d{1,3})?)(?![\d-])/g;

export function findPersonalData(text: string): PersonalDataMatch[] {
  if (typeof text !== 'string' || text === '') return [];
  const folded = foldDigits(text);
  const out: PersonalDataMatch[] = [];
  const push = (kind: PersonalDataKind, start: number, length: number) => {
    const value = text.slice(start, start + length);
    out.push({ kind, confidence: PERSONAL_DATA_KINDS[kind].confidence, start, end: start + length, value, masked: maskValue(value, kind) });
  };

  for (const m of folded.matchAll(ID18)) {
    const digits = m[0].replace(/[-\s]/g, '').toUpperCase();
    if (!plausibleId(digits, false)) continue;
    push(idChecksumChar(digits) === digits[17] ? 'id_card' : 'id_card_possible', m.index!, m[0].length);
  }
  for (const m of folded.matchAll(ID15)) {
    if (plausibleId(m[0], true)) push('id_card_15', m.index!, 15);
  }
  for (const m of folded.matchAll(MOBILE)) push('mobile', m.index!, m[0].length);
  for (const m of folded.matchAll(CARD)) {
    // an ID-shaped 18-digit number was reported above, whatever its check character
    if (out.some((x) => x.start < m.index! + m[0].length && m.index! < x.end)) continue;
    if (luhnValid(m[0].replace(/\D/g, ''))) push('bank_card', m.index!, m[0].length);
  }
  // IDs, mobiles and cards differ in length and need a non-digit on both sides, so they do not
  // overlap (cards skip what an ID already covers); sort so callers can walk the text in order.
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Replaces matches with their masked form: every match, or only those whose normalizedValue is in
 * `only` (a redaction of chosen numbers). Returns the text and how many were replaced.
 */
export function redactPersonalData(text: string, o: { only?: ReadonlySet<string>; style?: MaskStyle } = {}): { text: string; count: number } {
  let out = '';
  let at = 0;
  let count = 0;
  for (const m of findPersonalData(text)) {
    if (o.only && !o.only.has(normalizedValue(m.value))) continue;
    out += text.slice(at, m.start) + maskValue(m.value, m.kind, o.style ?? 'partial');
    at = m.end;
    count++;
  }
  return { text: out + text.slice(at), count };
}

/** Replaces every match with its masked form (for previews and redacted copies). */
export function maskPersonalData(text: string): string {
  return redactPersonalData(text).text;
}
