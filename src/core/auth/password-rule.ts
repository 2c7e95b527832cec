/**
 * What a password (and a production secret) must be. Pure: no hashing here (passwords.ts), so the
 * configuration check can use it too.
 *
 * Passwords: the length/class rule a government IT department expects (≥ 10 characters, three of
 * four classes, not containing the user name), and — because that rule alone accepts `Password12`
 * or `Qwerty12345` — a strength estimate by zxcvbn-ts with its common-password dictionary
 * (@zxcvbn-ts/language-common): a password must need at least 10^10 guesses (zxcvbn score 4).
 * GB/T 22239-2019 (等级保护 2.0, 身份鉴别) asks that 身份鉴别信息具有复杂度要求; common and patterned
 * passwords are what attackers try first, so they are refused, with the reason.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import type { Msg } from '../render/i18n.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** log10 of the guesses zxcvbn estimates a password needs; 10 = its top score. */
export const MIN_GUESSES_LOG10 = 10;

let factory: ZxcvbnFactory | null = null;
/** Built on first use: the dictionaries take ~80 ms to load, which start-up need not pay. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

const REASONS: Record<string, Msg> = {
  common: { zh: '这是常见密码或其简单变形', en: 'it is a common password or a simple variant of one' },
  keyboard: { zh: '这是键盘上相邻按键的排列', en: 'it is a keyboard pattern' },
  repeat: { zh: '含有重复的字符或片段', en: 'it repeats characters or chunks' },
  sequence: { zh: '含有“abc”“123”这样的顺序', en: 'it contains a sequence such as abc or 123' },
  date: { zh: '主要由年份或日期组成', en: 'it relies on a year or a date' },
  word: { zh: '主要由常见单词或姓名组成', en: 'it is mostly a common word or name' },
  user: { zh: '含有用户名、姓名或本站名称', en: 'it contains the user name, the name or the site’s name' },
  guessable: { zh: '估计不到 100 亿次尝试就能猜出', en: 'it could be guessed in fewer than ten billion tries' },
};

const WARNING_REASON: Record<string, keyof typeof REASONS> = {
  topTen: 'common', topHundred: 'common', common: 'common', similarToCommon: 'common', pwned: 'common',
  straightRow: 'keyboard', keyPattern: 'keyboard',
  simpleRepeat: 'repeat', extendedRepeat: 'repeat',
  sequences: 'sequence',
  recentYears: 'date', dates: 'date',
  wordByItself: 'word', namesByThemselves: 'word', commonNames: 'word',
  userInputs: 'user',
};

/**
 * Why `pw` is not acceptable, or null. `inputs` are words the password must not lean on: the user
 * name, the display name, the e-mail's local part (the site's own name is added here).
 */
export function passwordProblems(pw: string, username?: string, inputs: string[] = []): Msg | null {
  if (pw.length < MIN_PASSWORD_LENGTH) return { zh: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, en: `Password must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (pw.length > 200) return { zh: '密码过长', en: 'Password is too long' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return { zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类', en: 'Password needs at least three of: lower case, upper case, digits, symbols' };
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return { zh: '密码不能包含用户名', en: 'Password must not contain the user name' };
  const words = [username ?? '', ...inputs, 'gongkai', 'zhengwu']
    .flatMap((s) => [s, s.replace(/[\s._@-]+/g, ''), ...s.split(/[\s._@-]+/)]).map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 3);
  const r = zxcvbn().check(pw, words);
  if (r.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const matched = (what: string) => r.sequence.some((m) => m.pattern === what || (m as { dictionaryName?: string }).dictionaryName === what);
  const reason = REASONS[WARNING_REASON[r.feedback.warning ?? ''] ?? (matched('userInputs') ? 'user' : matched('spatial') ? 'keyboard' : 'guessable')];
  return {
    zh: `密码太容易被猜中：${reason.zh}。请换一个更长、没有规律的密码，例如几个不相关的词语加数字和符号`,
    en: `This password is too easy to guess: ${reason.en}. Choose a longer password without patterns, e.g. several unrelated words with digits and symbols`,
  };
}

/** Shannon entropy of the string's own character distribution × its length, in bits. */
export function estimatedBits(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h * n;
}

/**
 * A production secret (SESSION_SECRET) must look random: ≥ 96 bits by its own character
 * distribution (32 random hex digits give ~110) and no pattern zxcvbn recognises (repeats,
 * sequences, words: < 10^24 guesses). Returns the problem or null.
 */
export function weakSecretProblem(s: string): string | null {
  if (estimatedBits(s) < 96) return 'looks too regular (too few different characters); use a random value, e.g. `openssl rand -base64 48`';
  if (zxcvbn().check(s.slice(0, 200)).guessesLog10 < 24) return 'follows a guessable pattern (repeats, sequences or words); use a random value, e.g. `openssl rand -base64 48`';
  return null;
}

/** A 32-byte key with fewer than 16 different byte values (all zero, one byte repeated, a short pattern) is not random. */
export function weakKeyProblem(key: Buffer): string | null {
  return new Set(key).size < 16 ? 'is not random (all zero, or a repeated byte pattern); generate one with `openssl rand -base64 32`' : null;
}
