// 索引号 (index number) formatting and pattern validation.
//
// 条例 第十二条 requires the 政府信息公开目录 to give each item an 索引. There is no national format
// (reference.md §4.2): gov.cn uses `000014349/2017-00110` (organisation code / year - serial),
// local sites `11441700007280420Y/2021-00050` (统一社会信用代码 / year - serial), some add the month
// (`…/202110-00013`). So the pattern is configurable per unit; the default is
// `{unitCode}/{YYYY}-{serial:5}`. Serials are allocated per unit and year by the database and
// never reused — this file only formats and validates.
//
// Tokens:
//   {unitCode} or {unit code}  the unit's code (统一社会信用代码 or 组织机构代码)
//   {YYYY}                      four-digit year the serial belongs to
//   {MM}                        two-digit month (needs `month`)
//   {serial} / {serial:N}       the serial, zero-padded to N digits (1–10); never truncated
//   {topic}                     the document's 主题分类 code (needs `topic`)
// Anything else must be literal ASCII letters, digits or `/ - _ .`.

import type { Label } from './taxonomy.ts';

export const DEFAULT_INDEX_PATTERN = '{unitCode}/{YYYY}-{serial:5}';

export interface IndexNumberVars {
  unitCode: string;
  year: number;
  serial: number;
  month?: number;
  topic?: string;
}

export interface PatternError {
  code: string;
  message: Label;
}

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'unitCode' }
  | { kind: 'year' }
  | { kind: 'month' }
  | { kind: 'topic' }
  | { kind: 'serial'; width: number };

const LITERAL_RE = /^[A-Za-z0-9/_.-]+$/;
const UNIT_CODE_RE = /^[A-Za-z0-9-]{1,32}$/;

function tokenize(pattern: string): { tokens: Token[]; errors: PatternError[] } {
  const tokens: Token[] = [];
  const errors: PatternError[] = [];
  const re = /\{([^{}]*)\}|([^{}]+)|([{}])/g;
  for (const m of pattern.matchAll(re)) {
    if (m[3] !== undefined) {
      errors.push({ code: 'unbalanced_brace', message: { zh: '花括号不配对', en: 'Unbalanced brace' } });
      continue;
    }
    if (m[2] !== undefined) {
      if (!LITERAL_RE.test(m[2])) {
        errors.push({
          code: 'invalid_literal',
          message: { zh: `“${m[2]}”含有不允许的字符（只能使用字母、数字和 / - _ .）`, en: `"${m[2]}" has characters other than letters, digits and / - _ .` },
        });
      } else tokens.push({ kind: 'literal', text: m[2] });
      continue;
    }
    const name = m[1].trim();
    const serial = /^serial(?::(\d+))?$/.exec(name);
    if (name === 'unitCode' || name === 'unit code') tokens.push({ kind: 'unitCode' });
    else if (name === 'YYYY') tokens.push({ kind: 'year' });
    else if (name === 'MM') tokens.push({ kind: 'month' });
    else if (name === 'topic') tokens.push({ kind: 'topic' });
    else if (serial) {
      const width = serial[1] === undefined ? 1 : Number(serial[1]);
      if (width < 1 || width > 10) {
        errors.push({ code: 'invalid_serial_width', message: { zh: '流水号位数应为1到10', en: 'Serial width must be 1–10' } });
      }
      tokens.push({ kind: 'serial', width });
    } else {
      errors.push({ code: 'unknown_token', message: { zh: `未知的占位符 {${name}}`, en: `Unknown placeholder {${name}}` } });
    }
  }
  return { tokens, errors };
}

/** Checks a configured pattern. Year, unit code and exactly one serial are required so that
 *  numbers are unique across units and years (the serial restarts each year). */
export function validatePattern(pattern: unknown): { ok: true } | { ok: false; errors: PatternError[] } {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    return { ok: false, errors: [{ code: 'empty', message: { zh: '请填写索引号格式', en: 'The pattern is empty' } }] };
  }
  if (pattern.length > 100) {
    return { ok: false, errors: [{ code: 'too_long', message: { zh: '索引号格式过长', en: 'The pattern is too long' } }] };
  }
  const { tokens, errors } = tokenize(pattern);
  const count = (k: Token['kind']) => tokens.filter((t) => t.kind === k).length;
  if (count('serial') !== 1) {
    errors.push({ code: 'serial_count', message: { zh: '格式中必须恰好包含一个 {serial:N} 流水号', en: 'The pattern must contain exactly one {serial:N}' } });
  }
  if (count('year') < 1) {
    errors.push({ code: 'missing_year', message: { zh: '格式中必须包含年份 {YYYY}（流水号按年编排）', en: 'The pattern must contain {YYYY} (serials restart each year)' } });
  }
  if (count('unitCode') < 1) {
    errors.push({ code: 'missing_unit_code', message: { zh: '格式中必须包含单位代码 {unitCode}', en: 'The pattern must contain {unitCode}' } });
  }
  // Two adjacent placeholders with no separator make numbers ambiguous (e.g. 2020 + 123 vs 20201 + 23).
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].kind !== 'literal' && tokens[i - 1].kind !== 'literal' && !(tokens[i - 1].kind === 'year' && tokens[i].kind === 'month')) {
      errors.push({ code: 'adjacent_tokens', message: { zh: '两个占位符之间需要分隔符', en: 'Placeholders must be separated by a literal' } });
      break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

export class IndexNumberError extends Error {
  constructor(readonly detail: Label) {
    super(detail.en);
    this.name = 'IndexNumberError';
  }
}

/** Formats an index number. Throws IndexNumberError on an invalid pattern or missing variable
 *  (both are configuration/programming errors: patterns are validated when saved). */
export function formatIndexNumber(pattern: string, vars: IndexNumberVars): string {
  const check = validatePattern(pattern);
  if (!check.ok) throw new IndexNumberError(check.errors[0].message);
  if (typeof vars.unitCode !== 'string' || !UNIT_CODE_RE.test(vars.unitCode)) {
    throw new IndexNumberError({ zh: '单位代码只能包含字母、数字和连字符', en: 'The unit code must be letters, digits or hyphens' });
  }
  if (!Number.isInteger(vars.year) || vars.year < 1949 || vars.year > 2099) {
    throw new IndexNumberError({ zh: '年份无效', en: 'Invalid year' });
  }
  if (!Number.isSafeInteger(vars.serial) || vars.serial < 1) {
    throw new IndexNumberError({ zh: '流水号应为正整数', en: 'The serial must be a positive integer' });
  }
  const { tokens } = tokenize(pattern);
  return tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'unitCode':
          return vars.unitCode;
        case 'year':
          return String(vars.year);
        case 'month':
          if (!Number.isInteger(vars.month) || vars.month! < 1 || vars.month! > 12) {
            throw new IndexNumberError({ zh: '格式包含 {MM}，但未提供有效月份', en: 'The pattern has {MM} but no valid month was given' });
          }
          return String(vars.month).padStart(2, '0');
        case 'topic':
          if (typeof vars.topic !== 'string' || !/^[A-Za-z0-9]{1,10}$/.test(vars.topic)) {
            throw new IndexNumberError({ zh: '格式包含 {topic}，但未提供主题分类代码', en: 'The pattern has {topic} but no topic code was given' });
          }
          return vars.topic;
        case 'serial':
          // Never truncate: a serial wider than the pad still has to stay unique.
          return String(vars.serial).padStart(t.width, '0');
      }
    })
    .join('');
}

// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I O S V Z); the last
// is a check character over the first 17 with weights 3^i mod 31. Useful to validate the default
// {unitCode} when a unit is set up.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function isUnifiedSocialCreditCode(code: string): boolean {
  if (typeof code !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_ALPHABET.indexOf(code[i]) * weight;
    weight = (weight * 3) % 31;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_ALPHABET[check] === code[17];
}
