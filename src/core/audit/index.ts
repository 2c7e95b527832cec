/**
 * The append-only audit log. Every write command records one event here *inside its own
 * transaction*, so an event exists exactly when its change committed. Each row carries the hash of
 * the previous row (a hash chain), keyed with GONGKAI_AUDIT_KEY (HMAC-SHA256, kept outside the
 * database); `audit_head` remembers the last hash and the row count, and signed checkpoints outside
 * the database (checkpoints.ts) remember them too. `gongkai audit verify` (verify.ts) detects an
 * edited row, a deleted row, a truncated tail, a re-chained log and an emptied one.
 * The same typed events feed case timelines and the admin's history views (src/modules/audit).
 * Operations notes (database role, keys, the checkpoint folder): README.md here.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/index.ts';
import { canonicalJson, KEYED_SCHEME, rowMac, GENESIS, type HashedFields } from './hash.ts';
import { auditKeyring } from './keys.ts';

export { canonicalJson, rowHash, rowMac, GENESIS } from './hash.ts';
export { configureAudit, auditKeyring, checkpointFile, keyringFrom, CHECKPOINT_FILE, type AuditKeyring, type Signer } from './keys.ts';
export { verifyAudit, type VerifyProblem, type VerifyResult, type ProblemKind } from './verify.ts';
export { writeCheckpoint, readCheckpoints, recentCheckpoints, checkSignature, type Checkpoint } from './checkpoints.ts';

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

// An arbitrary constant key: pg_advisory_xact_lock serialises audit writers until commit, so the
// chain order is the commit order even with many app nodes.
const AUDIT_LOCK_KEY = 4_242_001;

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
  const ring = auditKeyring();
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const prev = head?.last_hash ?? GENESIS;
  // The id is part of the keyed hash, so it is taken from the sequence first. The time is the
  // database's clock (one clock for every app node), never earlier than the previous row's: `at`
  // then grows with id, and the admin list turns a date range into an id range.
  const { rows } = await sql<{ id: string | number; now: Date; prev_at: Date | null }>`
    select nextval(pg_get_serial_sequence('audit_log', 'id')) as id, date_trunc('milliseconds', clock_timestamp()) as now,
      (select at from audit_log where id = ${head?.last_id ?? 0}) as prev_at`.execute(tx);
  const id = Number(rows[0].id);
  const now = new Date(rows[0].now);
  const prevAt = rows[0].prev_at ? new Date(rows[0].prev_at) : null;
  const row: HashedFields = {
    at: prevAt && prevAt > now ? prevAt : now,
    actor_id: actor.id,
    actor_name: actor.name,
    unit_id: e.unitId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId === null ? null : String(e.subjectId),
    summary: JSON.parse(canonicalJson(e.summary ?? {})),
    ip: actor.ip ?? null,
  };
  const hash = rowMac(ring.current.key, ring.current.id, prev, { ...row, id });
  await tx
    .insertInto('audit_log')
    .values({ ...row, id, summary: JSON.stringify(row.summary), prev_hash: prev, hash, hash_scheme: KEYED_SCHEME, key_id: ring.current.id })
    .execute();
  if (head) {
    await tx.updateTable('audit_head').set({ last_id: id, last_hash: hash, count: sql`count + 1` }).where('id', '=', 1).execute();
  } else {
    await tx.insertInto('audit_head').values({ id: 1, last_id: id, last_hash: hash, count: 1 }).execute();
  }
  return id;
}
