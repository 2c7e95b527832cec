/**
 * The error a domain rule returns: a stable code for programs, a message in Chinese for the people who
 * read it and in English for logs and tests, and the article of law it enforces.
 */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface RuleError<C extends string = string> extends LocalizedText {
  code: C;
  /** Where the rule comes from, e.g. “《政府信息公开条例》第三十条”. */
  article?: string;
}

export type Result<T, C extends string = string> = { ok: true; value: T } | { ok: false; error: RuleError<C> };

export function ruleError<C extends string>(code: C, zh: string, en: string, article?: string): RuleError<C> {
  return article ? { code, zh, en, article } : { code, zh, en };
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <C extends string>(code: C, zh: string, en: string, article?: string): { ok: false; error: RuleError<C> } => ({
  ok: false,
  error: ruleError(code, zh, en, article),
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The 条例 as letters and messages name it. */
export const REGULATION = '《中华人民共和国政府信息公开条例》';
