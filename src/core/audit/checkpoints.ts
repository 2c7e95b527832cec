/**
 * Signed checkpoints: the audit chain's head (last id, its hash, the row count) at a moment, signed
 * with the Ed25519 key derived from GONGKAI_AUDIT_KEY and appended as one JSON line to
 * GONGKAI_AUDIT_ANCHOR_DIR/audit-checkpoints.jsonl — outside the database, and also written to the
 * application log. `gongkai audit verify` compares the log with every checkpoint: a truncated log, a
 * missing head, re-chained rows or fewer rows than a checkpoint counted are all reported.
 *
 * Line format (one per line, keys in this order):
 *   {"v":1,"at":"2026-12-05T08:00:00.000Z","headId":2509,"headHash":"…64 hex…","count":2509,
 *    "keyId":"ed25519:…","sig":"…base64…"}
 * `sig` is Ed25519 over the UTF-8 bytes of the other fields as canonical JSON (keys sorted, no
 * spaces): {"at":…,"count":…,"headHash":…,"headId":…,"keyId":…,"v":1}.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sign, verify } from 'node:crypto';
import type { Db, DbOrTx } from '../db/index.ts';
import { canonicalJson } from './hash.ts';
import type { AuditKeyring } from './keys.ts';

export interface Checkpoint {
  v: 1;
  at: string;
  headId: number;
  headHash: string;
  count: number;
  keyId: string;
  sig: string;
}

export function checkpointMessage(cp: Omit<Checkpoint, 'sig'> | Checkpoint): string {
  return canonicalJson({ v: cp.v, at: cp.at, headId: cp.headId, headHash: cp.headHash, count: cp.count, keyId: cp.keyId });
}

export function signCheckpoint(ring: AuditKeyring, head: { headId: number; headHash: string; count: number }, at: Date): Checkpoint {
  const body = { v: 1 as const, at: at.toISOString(), headId: head.headId, headHash: head.headHash, count: head.count, keyId: ring.signer.keyId };
  return { ...body, sig: sign(null, Buffer.from(checkpointMessage(body)), ring.signer.privateKey).toString('base64') };
}

export type SignatureCheck = 'ok' | 'bad' | 'unknown_key';

export function checkSignature(cp: Checkpoint, ring: AuditKeyring): SignatureCheck {
  const s = ring.signers.get(cp.keyId);
  if (!s) return 'unknown_key';
  try {
    return verify(null, Buffer.from(checkpointMessage(cp)), s.publicKey, Buffer.from(cp.sig, 'base64')) ? 'ok' : 'bad';
  } catch {
    return 'bad';
  }
}

function asCheckpoint(o: unknown): Checkpoint | null {
  const c = o as Partial<Checkpoint> | null;
  if (!c || typeof c !== 'object' || c.v !== 1) return null;
  if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at))) return null;
  if (!Number.isSafeInteger(c.headId) || !Number.isSafeInteger(c.count) || c.headId! < 1 || c.count! < 1) return null;
  if (typeof c.headHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.headHash)) return null;
  if (typeof c.keyId !== 'string' || typeof c.sig !== 'string') return null;
  return { v: 1, at: c.at, headId: c.headId!, headHash: c.headHash, count: c.count!, keyId: c.keyId, sig: c.sig };
}

export interface ParsedCheckpoints {
  checkpoints: (Checkpoint & { line: number })[];
  /** line numbers (1-based) that are not a well-formed checkpoint */
  badLines: number[];
}

export function parseCheckpoints(text: string, firstLine = 1): ParsedCheckpoints {
  const out: ParsedCheckpoints = { checkpoints: [], badLines: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let cp: Checkpoint | null = null;
    try {
      cp = asCheckpoint(JSON.parse(line));
    } catch {
      cp = null;
    }
    if (cp) out.checkpoints.push({ ...cp, line: firstLine + i });
    else out.badLines.push(firstLine + i);
  });
  return out;
}

/** Every checkpoint of a file; a missing file has none. */
export function readCheckpoints(file: string): ParsedCheckpoints {
  if (!existsSync(file)) return { checkpoints: [], badLines: [] };
  return parseCheckpoints(readFileSync(file, 'utf8'));
}

/** The last `n` checkpoints, reading only the end of the file (the public page, the job). */
export function recentCheckpoints(file: string, n: number): Checkpoint[] {
  if (!existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const want = Math.min(size, Math.max(4096, n * 400));
    const buf = Buffer.alloc(want);
    readSync(fd, buf, 0, want, size - want);
    let text = buf.toString('utf8');
    if (want < size) text = text.slice(text.indexOf('\n') + 1); // drop the partial first line
    return parseCheckpoints(text).checkpoints.slice(-n).map(({ line: _line, ...cp }) => cp);
  } finally {
    closeSync(fd);
  }
}

/** Appends one line and flushes it to disk before returning. */
function appendLine(file: string, line: string) {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o640);
  try {
    writeSync(fd, line + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function auditHead(db: Db | DbOrTx): Promise<{ headId: number; headHash: string; count: number } | null> {
  const h = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  return h ? { headId: Number(h.last_id), headHash: h.last_hash, count: Number(h.count) } : null;
}

/**
 * Signs the current head and appends it to `file`, unless the log is empty or the head has not moved
 * since the file's last checkpoint (`force` writes it anyway, e.g. at shutdown). Returns what it wrote.
 */
export async function writeCheckpoint(db: Db | DbOrTx, ring: AuditKeyring, file: string, o: { force?: boolean; now?: Date } = {}): Promise<Checkpoint | null> {
  const head = await auditHead(db);
  if (!head || head.count < 1) return null;
  const last = recentCheckpoints(file, 1)[0];
  if (!o.force && last && last.headId === head.headId && last.headHash === head.headHash && last.count === head.count) return null;
  const cp = signCheckpoint(ring, head, o.now ?? new Date());
  appendLine(file, JSON.stringify(cp));
  return cp;
}
