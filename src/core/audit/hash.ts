/**
 * The two hash schemes of the audit chain, versioned per row (`audit_log.hash_scheme`):
 *   1 — SHA-256(prev | fields): rows written before the chain was keyed; still verified as they are.
 *   2 — HMAC-SHA256(key, prev | fields incl. id, scheme and key id): every row written since.
 * Both take the previous row's hash, so the order of rows is part of what is protected.
 */
import { createHash, createHmac } from 'node:crypto';

export const GENESIS = '0'.repeat(64);
export const LEGACY_SCHEME = 1;
export const KEYED_SCHEME = 2;

/** JSON with object keys sorted at every level: jsonb reorders keys, so hashing needs a canonical form. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

export interface HashedFields {
  at: Date;
  actor_id: number | null;
  actor_name: string;
  unit_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  summary: unknown;
  ip: string | null;
}

function fields(r: HashedFields) {
  // only the recorded fields, picked by name (a row read back also has id, prev_hash, hash …)
  return {
    at: new Date(r.at).toISOString(), actor_id: r.actor_id, actor_name: r.actor_name, unit_id: r.unit_id,
    action: r.action, subject_type: r.subject_type, subject_id: r.subject_id, summary: r.summary, ip: r.ip,
  };
}

/** Scheme 1 (legacy, unkeyed). */
export function rowHash(prev: string, r: HashedFields): string {
  return createHash('sha256').update(prev).update('|').update(canonicalJson(fields(r))).digest('hex');
}

/** Scheme 2: keyed, and binds the row id so a checkpoint's (id, hash) pair names exactly one row. */
export function rowMac(key: Buffer, keyId: string, prev: string, r: HashedFields & { id: number }): string {
  const body = canonicalJson({ ...fields(r), id: Number(r.id), scheme: KEYED_SCHEME, key_id: keyId });
  return createHmac('sha256', key).update(prev).update('|').update(body).digest('hex');
}
