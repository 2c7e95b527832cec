/**
 * Personal information of applicants (个人信息保护法 第五十一条: encryption as a security measure;
 * 条例 第三十二条 and 第三十七条 keep it out of replies): the applicant's name, contact person, identity
 * number, phone, e-mail, address and postcode, the request itself (title, 文号, description) and the
 * uploaded files (names and bytes: often identity document scans) and the letters made from them
 * (recipient, DocModel, DOCX/PDF, delivery note: store/letters-pii.ts) are stored as AES-256-GCM ciphertext
 * under the current key `cfg.piiKeys[0]`, with the key's id in the token so any key still listed in
 * `cfg.piiKeys` decrypts it, and `gongkai pii rotate` re-encrypts everything under the current key.
 * Identity numbers and applicant names also get a keyed hash (HMAC) of their normalised form, so
 * repeat applicants (annual-report rows 3.3.5.2 and 3.3.5.4, 条例 第三十五条) and staff searching by
 * name (exact match) find cases without decrypting.
 *
 * Text token: `g1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). Bytes: `g1` | key id (4 bytes)
 * | iv (12) | tag (16) | ciphertext. The field name is the GCM additional data, so a ciphertext copied
 * into another column does not decrypt.
 *
 * The keys are also held here for code that has no `cfg` at hand (the repository decrypting a case
 * for a letter, the migration that encrypted older rows): `configurePiiKeys` at start-up (boot, app).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type PiiField =
  | 'id_number' | 'phone' | 'email' | 'address' | 'submission'
  | 'name' | 'contact_person' | 'postcode' | 'info_title' | 'info_number' | 'description'
  | 'attachment_name' | 'attachment' | 'contact' | 'idempotency' | 'query_code'
  | 'letter_recipient' | 'letter_model' | 'letter_docx' | 'letter_pdf' | 'delivery_note';

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

let configured: Buffer[] | null = null;

/** Sets the process's keys (GONGKAI_PII_KEY, current first); boot and buildApp call it with `cfg.piiKeys`. */
export function configurePiiKeys(keys: readonly Buffer[]): void {
  checkKeys(keys);
  configured = [...keys];
}

/** Whether start-up (or a test app) has configured the keys. */
export const piiKeysConfigured = (): boolean => configured !== null;

/** The configured keys; throws when start-up has not configured them. */
export function piiKeys(): readonly Buffer[] {
  if (!configured) throw new PiiKeyError('the PII keys are not configured (GONGKAI_PII_KEY)');
  return configured;
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

const BYTES_MAGIC = Buffer.from('g1');

/** Bytes (an uploaded file) → `g1` | key id | iv | tag | ciphertext, the field bound in as for text. */
export function encryptPiiBytes(keys: readonly Buffer[], field: PiiField, plain: Uint8Array): Buffer {
  checkKeys(keys);
  const key = keys[0];
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(field));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([BYTES_MAGIC, Buffer.from(keyId(key), 'hex'), iv, c.getAuthTag(), ct]);
}

/** The key id encrypted bytes name, or null when they are not ours. */
export function bytesKeyId(data: Uint8Array): string | null {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return b.length >= 34 && b.subarray(0, 2).equals(BYTES_MAGIC) ? b.subarray(2, 6).toString('hex') : null;
}

export function decryptPiiBytes(keys: readonly Buffer[], field: PiiField, data: Uint8Array): Buffer {
  checkKeys(keys);
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const kid = bytesKeyId(b);
  if (!kid) throw new PiiKeyError('not encrypted bytes');
  const key = keys.find((k) => keyId(k) === kid);
  if (!key) throw new PiiKeyError(`no configured key has id ${kid}; add the old key to GONGKAI_PII_KEY to read it`);
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(6, 18));
  d.setAAD(Buffer.from(field));
  d.setAuthTag(b.subarray(18, 34));
  return Buffer.concat([d.update(b.subarray(34)), d.final()]);
}

/** The HMAC key is derived from the encryption key (HKDF), so one secret serves both purposes safely. */
function hmacKey(key: Buffer, purpose = 'id-number'): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `gongkai/requests/${purpose}-hmac`, 32));
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

/**
 * A name as staff would type it: Unicode NFKC (full-width letters → ASCII), lower case, without spaces
 * or the separator dots of transliterated names (阿卜杜·热合曼 = 阿卜杜热合曼). Search is exact on this form.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s·・•‧.．]/gu, '');
}

/** Normalised name → keyed hash under `key` (its own HKDF purpose, unrelated to the identity-number hash). */
export function hmacName(key: Buffer, name: string): string {
  return createHmac('sha256', hmacKey(key, 'name')).update(normalizeName(name)).digest('hex');
}

/** The name's hashes under every configured key (current first), or none for a blank name. */
export function nameHmacs(keys: readonly Buffer[], name: string): string[] {
  checkKeys(keys);
  return normalizeName(name) ? keys.map((k) => hmacName(k, name)) : [];
}
