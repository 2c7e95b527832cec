/**
 * Personal information of applicants (个人信息保护法 第五十一条: encryption as a security measure;
 * 条例 第三十二条 and 第三十七条 keep it out of replies): identity numbers, phones, e-mail and addresses
 * are stored as AES-256-GCM ciphertext under the current key `cfg.piiKeys[0]`, with the key's id in the
 * token so any key still listed in `cfg.piiKeys` decrypts it, and `gongkai pii rotate` re-encrypts
 * everything under the current key. Identity numbers also get a keyed hash (HMAC) so repeat applicants
 * (annual-report rows 3.3.5.2 and 3.3.5.4, 条例 第三十五条) can be found without decrypting.
 *
 * Token format: `g1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The field name is the GCM
 * additional data, so a ciphertext copied into another column does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type PiiField = 'id_number' | 'phone' | 'email' | 'address' | 'submission';

export class PiiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiKeyError';
  }
}

/** A short, stable id of a key (not secret: a hash prefix), stored with each ciphertext. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function checkKeys(keys: readonly Buffer[]): void {
  if (!keys.length || keys.some((k) => k.length !== 32)) throw new PiiKeyError('PII keys must be 32 bytes each (GONGKAI_PII_KEY)');
}

export function encryptPii(keys: readonly Buffer[], field: PiiField, plain: string): string {
  checkKeys(keys);
  const key = keys[0];
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(field));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['g1', keyId(key), iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** The key id a token was encrypted with, or null when it is not one of ours. */
export function tokenKeyId(token: string): string | null {
  const parts = token.split('.');
  return parts.length === 5 && parts[0] === 'g1' ? parts[1] : null;
}

export function decryptPii(keys: readonly Buffer[], field: PiiField, token: string): string {
  checkKeys(keys);
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== 'g1') throw new PiiKeyError('not an encrypted value');
  const key = keys.find((k) => keyId(k) === parts[1]);
  if (!key) throw new PiiKeyError(`no configured key has id ${parts[1]}; add the old key to GONGKAI_PII_KEY to read it`);
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'));
  d.setAAD(Buffer.from(field));
  d.setAuthTag(Buffer.from(parts[3], 'base64url'));
  return Buffer.concat([d.update(Buffer.from(parts[4], 'base64url')), d.final()]).toString('utf8');
}

export const encryptOrNull = (keys: readonly Buffer[], field: PiiField, v: string | null | undefined): string | null =>
  v ? encryptPii(keys, field, v) : null;

export const decryptOrNull = (keys: readonly Buffer[], field: PiiField, v: string | null | undefined): string | null =>
  v ? decryptPii(keys, field, v) : null;

/** The HMAC key is derived from the encryption key (HKDF), so one secret serves both purposes safely. */
function hmacKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gongkai/requests/id-number-hmac', 32));
}

/** Normalised identity number → keyed hash under `key`. */
export function hmacIdNumber(key: Buffer, idNumber: string): string {
  return createHmac('sha256', hmacKey(key)).update(idNumber.trim().toUpperCase()).digest('hex');
}

/** The hashes of one number under every configured key (the first under the current key), for lookups during a rotation. */
export function idNumberHmacs(keys: readonly Buffer[], idNumber: string): string[] {
  checkKeys(keys);
  return keys.map((k) => hmacIdNumber(k, idNumber));
}
