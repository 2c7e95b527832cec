/** Passwords: argon2id (memory-hard), parameters per OWASP's current minimums. The rule: password-rule.ts. */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export { passwordProblems } from './password-rule.ts';

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

let dummy: Promise<string> | null = null;
/**
 * Verifies `pw` against a hash of a random string made with the same parameters, so a sign-in with
 * an unknown user name costs exactly what a wrong password costs (no timing oracle). Always false.
 */
export async function verifyDummy(pw: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummy, pw);
  return false;
}
