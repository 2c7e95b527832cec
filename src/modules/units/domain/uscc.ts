/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation type
 * (1), administrative division (6), organisation code (9, with its own GB 11714 check character),
 * and a check character over the first 17. Units use it as their code, and it prefixes 索引号.
 * Bodies without one (internal offices) may use a shorter local code of capitals and digits.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** GB 11714 organisation-code check character for 8 characters. */
export function orgCodeCheckChar(first8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i];
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A=10 …
    sum += v * w[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** Builds a valid code for a government organ ('11' = 机构编制 · 机关) in a division. */
export function makeUscc(division: string, org8: string): string {
  const body = '11' + division + org8 + orgCodeCheckChar(org8);
  return body + usccCheckChar(body)!;
}

export type CodeProblem = 'format' | 'checksum' | null;
export function unitCodeProblem(code: string): CodeProblem {
  if (code.length === 18) return isValidUscc(code) ? null : /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) ? 'checksum' : 'format';
  return /^[0-9A-Z]{4,17}$/.test(code) ? null : 'format';
}
