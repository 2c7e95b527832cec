/**
 * Two locales: zh-CN (default) and en. A message is an object with both texts, kept beside the
 * code that shows it (or in `messages.ts` for shared words), so a missing translation is a type error.
 */
export type Locale = 'zh-CN' | 'en';
export interface Msg {
  zh: string;
  en: string;
}
export const LOCALES: Locale[] = ['zh-CN', 'en'];

export function tr(l: Locale, m: Msg, vars?: Record<string, string | number>): string {
  let s = l === 'en' ? m.en : m.zh;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Locale from the `lang` cookie, else Accept-Language, else zh-CN. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

/** A legal date as a Chinese office writes it: 2024年10月15日 (en: 2024-10-15). */
export function formatDate(l: Locale, d: string | Date | null | undefined): string {
  if (!d) return '';
  const iso = typeof d === 'string' ? d.slice(0, 10) : shanghaiDate(d);
  const [y, m, day] = iso.split('-');
  return l === 'en' ? iso : `${y}年${Number(m)}月${Number(day)}日`;
}

/** The calendar day in Asia/Shanghai (UTC+8, no DST) of an instant. */
export function shanghaiDate(d: Date = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function formatDateTime(l: Locale, d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${formatDate(l, t.slice(0, 10))} ${t.slice(11, 16)}`;
}

// Created once: an Intl.NumberFormat costs tens of microseconds to build, and pages format many numbers.
const NUMBER_FORMATS = { en: new Intl.NumberFormat('en-US'), zh: new Intl.NumberFormat('zh-CN') };

export function formatNumber(l: Locale, n: number): string {
  return (l === 'en' ? NUMBER_FORMATS.en : NUMBER_FORMATS.zh).format(n);
}
