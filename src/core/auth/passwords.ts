/** Passwords: argon2id (memory-hard), parameters per OWASP's current minimums. */
import { hash, verify } from '@node-rs/argon2';

const OPTS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, OPTS);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/** A password policy a government IT department would accept: ≥ 10 chars, 3 of 4 character classes. */
export function passwordProblems(pw: string, username?: string): { zh: string; en: string } | null {
  if (pw.length < 10) return { zh: '密码至少需要 10 个字符', en: 'Password must be at least 10 characters' };
  if (pw.length > 200) return { zh: '密码过长', en: 'Password is too long' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return { zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类', en: 'Password needs at least three of: lower case, upper case, digits, symbols' };
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return { zh: '密码不能包含用户名', en: 'Password must not contain the user name' };
  return null;
}
