// 文号 (发文字号) parsing and normalisation.
//
// GB/T 9704-2012《党政机关公文格式》7.2.4: 发文字号 = 发文机关代字 + 年份 + 发文顺序号; the year is
// written in full inside 六角括号〔〕, the serial has no 第 and no leading zeros (不编虚位), and
// is followed by 号 — e.g. `朝政发〔2020〕12号`. People type `[2020]`, `(2020)`, `【2020】`,
// full-width digits, `第12号` or `2020年12号`; we accept those on input and always store the
// standard form, so that 条例 第二十九条 requests that cite a 文号 can find the document.
//
// 命令（令）are numbered differently: `朝阳市人民政府令第12号` (no year; 规章 are issued this way),
// so that form is accepted too and keeps its 第.

import type { Label } from './taxonomy.ts';

export type DocNumberErrorCode =
  | 'empty'
  | 'too_long'
  | 'missing_agency'
  | 'invalid_agency'
  | 'missing_year'
  | 'invalid_year'
  | 'unbalanced_brackets'
  | 'missing_serial'
  | 'invalid_serial'
  | 'unrecognised';

export type DocNumberResult =
  | {
      ok: true;
      /** GB/T 9704 form, e.g. `朝政发〔2020〕12号` or `朝阳市人民政府令第3号`. */
      normalized: string;
      /** 发文机关代字, e.g. `朝政发` (for an order: `朝阳市人民政府令`). */
      agencyCode: string;
      /** null only for the 令 form, which carries no year. */
      year: number | null;
      serial: number;
      form: 'standard' | 'order';
    }
  | { ok: false; code: DocNumberErrorCode; message: Label };

const MESSAGES: Record<DocNumberErrorCode, Label> = {
  empty: { zh: '请填写文号', en: 'The document number is empty' },
  too_long: { zh: '文号过长', en: 'The document number is too long' },
  missing_agency: { zh: '文号缺少发文机关代字（如“朝政发”）', en: 'The issuing-agency code (e.g. 朝政发) is missing' },
  invalid_agency: { zh: '发文机关代字只能包含汉字或字母', en: 'The agency code may contain only Chinese characters or letters' },
  missing_year: { zh: '文号缺少年份，应写作“朝政发〔2020〕12号”', en: 'The year is missing; expected a form like 朝政发〔2020〕12号' },
  invalid_year: { zh: '文号中的年份应为四位数字，且在1949年至2099年之间', en: 'The year must have four digits, between 1949 and 2099' },
  unbalanced_brackets: { zh: '年份两侧的括号不配对', en: 'The brackets around the year do not match' },
  missing_serial: { zh: '文号缺少发文顺序号', en: 'The serial number is missing' },
  invalid_serial: { zh: '发文顺序号应为正整数（不超过6位）', en: 'The serial must be a positive whole number (at most 6 digits)' },
  unrecognised: { zh: '无法识别的文号格式，应写作“朝政发〔2020〕12号”', en: 'Unrecognised document number; expected a form like 朝政发〔2020〕12号' },
};

const fail = (code: DocNumberErrorCode): DocNumberResult => ({ ok: false, code, message: MESSAGES[code] });

// Opening → closing brackets people use for the year. NFKC has already folded （）［］ to ()[].
const BRACKETS: Record<string, string> = { '〔': '〕', '[': ']', '(': ')', '【': '】', '〖': '〗', '{': '}', '<': '>', '《': '》', '「': '」' };
const OPENERS = Object.keys(BRACKETS).map((c) => '\\' + c).join('');
const CLOSERS = Object.values(BRACKETS).map((c) => '\\' + c).join('');

// agency (possibly empty, diagnosed below), opener?, year, closer?, optional 年, optional
// separator, optional 第, serial, optional 号
const STANDARD_RE = new RegExp(
  `^([\\u4e00-\\u9fa5A-Za-z]*)([${OPENERS}]?)(\\d+)([${CLOSERS}]?)(年)?[-_—－·.]?(第)?(\\d*)(号)?$`,
);
const ORDER_RE = /^([\u4e00-\u9fa5A-Za-z]*令)(第)?(\d+)(号)?$/;

/** Folds full-width forms and removes every kind of whitespace. Keeps character identity otherwise. */
function fold(input: string): string {
  return input.normalize('NFKC').replace(/[\s\u200b\u3000]+/g, '');
}

export function parseDocNumber(input: unknown): DocNumberResult {
  if (typeof input !== 'string') return fail('empty');
  const s = fold(input);
  if (s === '') return fail('empty');
  if (s.length > 60) return fail('too_long');

  const order = ORDER_RE.exec(s);
  if (order && order[1].length > 1) {
    const serial = parseSerial(order[3]);
    if (serial === null) return fail('invalid_serial');
    return { ok: true, normalized: `${order[1]}第${serial}号`, agencyCode: order[1], year: null, serial, form: 'order' };
  }

  const m = STANDARD_RE.exec(s);
  if (!m) return diagnose(s);
  const [, agency, open, yearText, close, , , serialText] = m;
  if (agency === '') return fail('missing_agency');
  if ((open === '') !== (close === '') || (open !== '' && BRACKETS[open] !== close)) return fail('unbalanced_brackets');
  if (yearText.length !== 4) {
    // `朝政发12号` — digits but no bracketed year: the year is what is missing.
    return open === '' && serialText === '' ? fail('missing_year') : fail('invalid_year');
  }
  const year = Number(yearText);
  if (year < 1949 || year > 2099) return fail('invalid_year');
  if (serialText === '') return fail('missing_serial');
  const serial = parseSerial(serialText);
  if (serial === null) return fail('invalid_serial');
  return { ok: true, normalized: `${agency}〔${year}〕${serial}号`, agencyCode: agency, year, serial, form: 'standard' };
}

function parseSerial(text: string): number | null {
  const digits = text.replace(/^0+/, ''); // 不编虚位: 012 → 12
  if (digits === '' || digits.length > 6) return null;
  return Number(digits);
}

/** Picks the most helpful message for input the patterns did not accept. */
function diagnose(s: string): DocNumberResult {
  if (!/^[\u4e00-\u9fa5A-Za-z]/.test(s)) return /^\d/.test(s) ? fail('missing_agency') : fail('unrecognised');
  const head = /^[\u4e00-\u9fa5A-Za-z]+/.exec(s)![0];
  const rest = s.slice(head.length);
  if (/^第\d/.test(rest) || (head.endsWith('第') && /^\d/.test(rest))) return fail('missing_year');
  if (!/\d/.test(rest)) return fail(/号$/.test(s) ? 'missing_year' : 'unrecognised');
  // Something that is neither a bracket nor a digit right after the agency code.
  if (/^[^\d]/.test(rest) && !new RegExp(`^[${OPENERS}]`).test(rest)) return fail('invalid_agency');
  const opens = (rest.match(new RegExp(`[${OPENERS}]`, 'g')) ?? []).length;
  const closes = (rest.match(new RegExp(`[${CLOSERS}]`, 'g')) ?? []).length;
  if (opens !== closes) return fail('unbalanced_brackets');
  return fail('unrecognised');
}

/**
 * A canonical key for looking a 文号 up (search index, duplicate check). For a complete 文号 it is
 * the normalised form; for a fragment such as `朝政发[2020]` or `〔2020〕１２` it applies the same
 * folding (full-width, spaces, bracket kind, 第, leading zeros) so that it is a substring of the
 * normalised form of every document it should match.
 */
export function docNumberSearchKey(input: string): string {
  const parsed = parseDocNumber(input);
  if (parsed.ok) return parsed.normalized;
  let s = fold(typeof input === 'string' ? input : '');
  s = s.replace(new RegExp(`[${OPENERS}]`, 'g'), '〔').replace(new RegExp(`[${CLOSERS}]`, 'g'), '〕');
  s = s.replace(/(\d{4})年(?=第?\d)/, '〔$1〕'); // 2020年12号 → 〔2020〕12号
  s = s.replace(/〕第/g, '〕');
  s = s.replace(/〕0+(?=\d)/g, '〕');
  return s;
}
