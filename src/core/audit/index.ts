/**
 * The append-only audit log. Every write command records one event here *inside its own
 * transaction*, so an event exists exactly when its change committed. Each row carries the hash of
 * the previous row (a hash chain) and `audit_head` remembers the last hash and the row count, so
 * `gongkai audit verify` detects an edited row, a deleted row and a truncated tail.
 * The same typed events feed case timelines and the admin's history views.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx, Tx, Db } from '../db/index.ts';

export interface AuditActor {
  id: number | null;
  name: string;
  ip?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system' };

export interface AuditEvent {
  action: string; // e.g. 'unit.create', 'user.update', 'document.publish'
  unitId: number | null;
  subjectType: string;
  subjectId: string | number | null;
  /** before/after summary — never personal data (ID numbers, phones): pass them through `redact` */
  summary?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
// An arbitrary constant key: pg_advisory_xact_lock serialises audit writers until commit, so the
// chain order is the commit order even with many app nodes.
const AUDIT_LOCK_KEY = 4_242_001;

/** JSON with object keys sorted at every level: jsonb reorders keys, so hashing needs a canonical form. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

interface HashedFields {
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

export function rowHash(prev: string, r: HashedFields): string {
  // only the recorded fields, picked by name (a row read back also has id, prev_hash, hash)
  const body = canonicalJson({
    at: new Date(r.at).toISOString(), actor_id: r.actor_id, actor_name: r.actor_name, unit_id: r.unit_id,
    action: r.action, subject_type: r.subject_type, subject_id: r.subject_id, summary: r.summary, ip: r.ip,
  });
  return createHash('sha256').update(prev).update('|').update(body).digest('hex');
}

/** Field-level before/after of the keys that changed. */
export function changes(before: Record<string, unknown> | null, after: Record<string, unknown> | null, keys?: string[]) {
  const ks = keys ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of ks) {
    const x = before?.[k] ?? null;
    const y = after?.[k] ?? null;
    if (canonicalJson(x) !== canonicalJson(y)) {
      b[k] = x;
      a[k] = y;
    }
  }
  return { before: before ? b : null, after: after ? a : null };
}

export async function recordAudit(tx: Tx, actor: AuditActor, e: AuditEvent): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const prev = head?.last_hash ?? GENESIS;
  const row: HashedFields = {
    at: new Date(),
    actor_id: actor.id,
    actor_name: actor.name,
    unit_id: e.unitId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId === null ? null : String(e.subjectId),
    summary: JSON.parse(canonicalJson(e.summary ?? {})),
    ip: actor.ip ?? null,
  };
  const hash = rowHash(prev, row);
  const ins = await tx
    .insertInto('audit_log')
    .values({ ...row, summary: JSON.stringify(row.summary), prev_hash: prev, hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (head) {
    await tx.updateTable('audit_head').set({ last_id: ins.id, last_hash: hash, count: sql`count + 1` }).where('id', '=', 1).execute();
  } else {
    await tx.insertInto('audit_head').values({ id: 1, last_id: ins.id, last_hash: hash, count: 1 }).execute();
  }
  return ins.id;
}

export interface VerifyProblem {
  id: number | null;
  kind: 'edited' | 'chain_broken' | 'head_mismatch';
  message: string;
}

/** Walks the whole chain in id order (in batches) and reports every inconsistency. */
export async function verifyAudit(db: Db | DbOrTx, batch = 5000): Promise<{ ok: boolean; count: number; problems: VerifyProblem[] }> {
  const problems: VerifyProblem[] = [];
  let prev = GENESIS;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (!rows.length) break;
    for (const r of rows) {
      count++;
      if (r.prev_hash !== prev) {
        problems.push({ id: r.id, kind: 'chain_broken', message: `row ${r.id}: previous-hash link broken (a row before it was deleted or replaced)` });
      }
      const expect = rowHash(r.prev_hash, r as unknown as HashedFields);
      if (expect !== r.hash) problems.push({ id: r.id, kind: 'edited', message: `row ${r.id}: content does not match its hash (edited)` });
      prev = r.hash;
      lastId = r.id;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.last_hash !== prev || Number(head.count) !== count)) {
    problems.push({ id: null, kind: 'head_mismatch', message: `the chain has ${count} rows ending in ${prev.slice(0, 12)}…, but the head records ${head.count} rows ending in ${head.last_hash.slice(0, 12)}… (rows deleted at the end?)` });
  }
  if (!head && count > 0) problems.push({ id: null, kind: 'head_mismatch', message: 'audit head missing' });
  return { ok: problems.length === 0, count, problems };
}
