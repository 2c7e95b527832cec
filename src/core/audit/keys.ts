/**
 * The audit keys, all outside the database (security audit 2026-12-04, F4):
 *  - GONGKAI_AUDIT_KEY (base64 of 32 bytes; comma-separated to rotate, current first) keys the
 *    HMAC-SHA256 chain. Someone who can write to the database but does not hold this key cannot
 *    re-chain edited rows.
 *  - An Ed25519 key pair derived from each audit key (HKDF) signs the checkpoints; its public key is
 *    shown on /transparency/audit, so anyone can check a checkpoint without holding a secret.
 * Each key has a short id stored with each row / checkpoint, so old keys keep verifying after a
 * rotation as long as they stay in the list.
 */
import { createHash, createPrivateKey, createPublicKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { join } from 'node:path';

export interface Signer {
  keyId: string; // 'ed25519:' + 16 hex of SHA-256 of the raw public key
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** raw 32-byte public key, base64 */
  publicRaw: string;
  publicPem: string;
}

export interface AuditKeyring {
  /** the key new rows are written with */
  current: { id: string; key: Buffer };
  /** every configured chain key by id (current and older ones) */
  macKeys: Map<string, Buffer>;
  /** the checkpoint signer of the current key */
  signer: Signer;
  /** every signer by key id (current first) */
  signers: Map<string, Signer>;
}

/** 'k' + 12 hex: names the key without revealing it (a keyed hash of a constant). */
export function macKeyId(key: Buffer): string {
  return 'k' + createHash('sha256').update('gongkai/audit/key-id\0').update(key).digest('hex').slice(0, 12);
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto imports it as a private key.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function signerFor(key: Buffer): Signer {
  const seed = Buffer.from(hkdfSync('sha256', key, 'gongkai', 'audit-checkpoint-ed25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
  return {
    keyId: 'ed25519:' + createHash('sha256').update(raw).digest('hex').slice(0, 16),
    privateKey,
    publicKey,
    publicRaw: raw.toString('base64'),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export function keyringFrom(keys: Buffer[]): AuditKeyring {
  if (!keys.length || keys.some((k) => k.length !== 32)) throw new Error('audit keys must be 32 bytes each');
  const macKeys = new Map(keys.map((k) => [macKeyId(k), k] as const));
  const signers = new Map(keys.map((k) => signerFor(k)).map((s) => [s.keyId, s] as const));
  return { current: { id: macKeyId(keys[0]), key: keys[0] }, macKeys, signer: signerFor(keys[0]), signers };
}

let configured: { ring: AuditKeyring; anchorDir: string | null } | null = null;
let ephemeral: AuditKeyring | null = null;

/**
 * Called at start-up (boot, buildApp) with the configuration's keys and checkpoint folder. Before
 * that — scripts and benchmarks that open a database directly — rows are keyed with a throw-away
 * key of this process, which no later `audit verify` accepts; a warning says so once.
 */
export function configureAudit(o: { keys: Buffer[]; anchorDir: string | null }): void {
  configured = { ring: keyringFrom(o.keys), anchorDir: o.anchorDir };
}

export function auditKeyring(): AuditKeyring {
  if (configured) return configured.ring;
  if (!ephemeral) {
    process.emitWarning('audit: no GONGKAI_AUDIT_KEY configured in this process (configureAudit); audit rows are keyed with a throw-away key', 'GongkaiAuditWarning');
    ephemeral = keyringFrom([randomBytes(32)]);
  }
  return ephemeral;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/** The checkpoint file of this process's configuration, or null when none is configured. */
export function checkpointFile(): string | null {
  return configured?.anchorDir ? join(configured.anchorDir, CHECKPOINT_FILE) : null;
}
