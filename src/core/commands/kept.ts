/**
 * Kept submissions: a citizen's comment, question or message that passed validation but that the
 * database would not store is kept encrypted in the module's `*_kept` table (consultation_comments_kept,
 * interview_questions_kept, messages_kept) — never lost, as the requests module keeps applications in
 * `request_submissions_inbox`. Staff who moderate that kind of item, in its unit, see them and recover
 * each one: decrypted, inserted again as a normal pending item, the kept row deleted (its plaintext
 * gone), the recovery audited — all in one transaction. Or, when it should not be entered (a test, a
 * duplicate of one that did arrive, abuse), discard it with a required reason: the row stays as a
 * tombstone (payload still encrypted, marked discarded by whom, when and why — migration
 * `1161_kept_discard`), leaves the list, and the discard is audited with the reason and what the item
 * was (never the contact) — nothing disappears silently.
 * Shared by the three modules; each describes its table with a `KeptKind`.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type DbOrTx, type Tx } from '../db/index.ts';
import { inScope } from '../auth/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type CommandContext } from './context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Msg } from '../render/i18n.ts';
import { decryptPii } from '../pii/crypto.ts';


export type PiiKeys = readonly Buffer[];

export interface KeptKind {
  table: 'consultation_comments_kept' | 'interview_questions_kept' | 'messages_kept';
  /** the kept row's link to what it was sent to, and how that reaches its unit */
  parent: { table: 'consultations' | 'interviews'; column: 'consultation_id' | 'interview_id' } | { table: 'units'; column: 'unit_id' };
  /** who may see and recover them: the rule of those who moderate this kind, on the unit */
  rule: string;
  /** audit action of a recovery, and the subject type it is recorded under */
  action: string;
  /** audit action of a discard (with its reason) */
  discardAction: string;
  subjectType: string;
  what: Msg;
  /** inserts the item again as a normal pending one (inside the recovery's transaction); its new id and an audit summary */
  insert(tx: Tx, payload: Record<string, unknown>, kept: KeptEntry, keys: PiiKeys): Promise<{ id: number; summary?: Record<string, unknown> }>;
}

export interface KeptEntry { id: number; parent_id: number; unit_id: number; unit_name: string; unit_path: string; parent_title: string | null; error_code: string; created_at: Date; payload_enc: string }

const from = (k: KeptKind) => k.parent.table === 'units'
  ? sql`${sql.table(k.table)} k join units u on u.id = k.unit_id`
  : sql`${sql.table(k.table)} k join ${sql.table(k.parent.table)} p on p.id = k.${sql.ref(k.parent.column)} join units u on u.id = p.unit_id`;
const cols = (k: KeptKind) => sql`k.id, k.${sql.ref(k.parent.column)} as parent_id, u.id as unit_id, u.name as unit_name, u.path as unit_path,
  ${k.parent.table === 'units' ? sql`null` : sql`p.title`} as parent_title, k.error_code, k.created_at, k.payload_enc`;

/** The kept items of a scope, oldest first, decrypted for the screen (never the contact: `contact` is dropped). */
export async function listKept(db: DbOrTx, keys: PiiKeys, k: KeptKind, scope: string[]): Promise<(Omit<KeptEntry, 'payload_enc'> & { payload: Record<string, unknown> })[]> {
  const rows = (await sql<KeptEntry>`select ${cols(k)} from ${from(k)} where k.discarded_at is null and ${inScope('u.path', scope)} order by k.id limit 500`.execute(db)).rows;
  return rows.map(({ payload_enc, ...r }) => {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(decryptPii(keys, 'submission', payload_enc)) as Record<string, unknown>;
    } catch {
      payload = {};
    }
    const { contact: _c, files: _f, ...shown } = payload;
    return { ...r, payload: shown };
  });
}

/** How many wait in a scope (the notice on the module's admin page). */
export async function keptInScope(db: DbOrTx, k: KeptKind, scope: string[]): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${from(k)} where k.discarded_at is null and ${inScope('u.path', scope)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Recovers one kept item (see the file comment); 404 when it is gone (already recovered) or out of reach. */
export async function recoverKept(db: Db, keys: PiiKeys, ctx: CommandContext, k: KeptKind, keptId: number): Promise<{ id: number; unitId: number; parentId: number }> {
  if (!Number.isSafeInteger(keptId) || keptId <= 0 || keptId >= 2_147_483_648) throw notFound(k.what);
  return inTransaction(db, async (tx) => {
    const row = (await sql<KeptEntry>`select ${cols(k)} from ${from(k)} where k.id = ${keptId} and k.discarded_at is null for update of k`.execute(tx)).rows[0];
    if (!row) throw notFound(k.what);
    authorize(ctx, k.rule, row.unit_path);
    const payload = JSON.parse(decryptPii(keys, 'submission', row.payload_enc)) as Record<string, unknown>;
    const made = await k.insert(tx, payload, row, keys);
    await sql`delete from ${sql.table(k.table)} where id = ${keptId}`.execute(tx);
    await recordAudit(tx, ctx.audit, { action: k.action, unitId: row.unit_id, subjectType: k.subjectType, subjectId: k.parent.table === 'units' ? made.id : row.parent_id, summary: { kept: keptId, id: made.id, error_code: row.error_code, ...made.summary } });
    return { id: made.id, unitId: row.unit_id, parentId: row.parent_id };
  });
}

/** Longest reason for a discard. */
export const DISCARD_REASON_MAX = 500;

/**
 * Discards one kept item with the reason (see the file comment): 400 without a reason, 404 when it is
 * gone (recovered or discarded) or out of reach, 403 without the kind's rule on its unit. The audit row
 * says what was discarded — kind, kept id, unit, what it was sent to, when, the error and its length (not
 * its text, which may hold personal data: that stays encrypted in the tombstone) — and why.
 */
export async function discardKept(db: Db, keys: PiiKeys, ctx: CommandContext, k: KeptKind, keptId: number, rawReason: unknown): Promise<{ unitId: number; parentId: number }> {
  if (!Number.isSafeInteger(keptId) || keptId <= 0 || keptId >= 2_147_483_648) throw notFound(k.what);
  const reason = typeof rawReason === 'string' ? rawReason.trim() : '';
  if (!reason) throw badRequest({ zh: '请填写舍弃的理由', en: 'Give the reason for discarding it' }, { reason: { zh: '请填写舍弃的理由', en: 'Give the reason for discarding it' } });
  if (reason.length > DISCARD_REASON_MAX) throw badRequest({ zh: `舍弃理由不能超过 ${DISCARD_REASON_MAX} 字`, en: `At most ${DISCARD_REASON_MAX} characters` }, { reason: { zh: `舍弃理由不能超过 ${DISCARD_REASON_MAX} 字`, en: `At most ${DISCARD_REASON_MAX} characters` } });
  return inTransaction(db, async (tx) => {
    const row = (await sql<KeptEntry>`select ${cols(k)} from ${from(k)} where k.id = ${keptId} and k.discarded_at is null for update of k`.execute(tx)).rows[0];
    if (!row) throw notFound(k.what);
    authorize(ctx, k.rule, row.unit_path);
    let text = '';
    let at: unknown;
    try {
      const p = JSON.parse(decryptPii(keys, 'submission', row.payload_enc)) as Record<string, unknown>;
      text = [p.subject, p.body].filter((x) => typeof x === 'string' && x).join(' / ');
      at = p.at;
    } catch {
      // an unreadable payload is still discarded; the tombstone keeps its ciphertext
    }
    await sql`update ${sql.table(k.table)} set discarded_at = now(), discarded_by = ${ctx.audit.name}, discard_reason = ${reason} where id = ${keptId}`.execute(tx);
    await recordAudit(tx, ctx.audit, {
      action: k.discardAction, unitId: row.unit_id, subjectType: k.subjectType, subjectId: k.parent.table === 'units' ? null : row.parent_id,
      summary: { kept: keptId, reason, table: k.table, title: row.parent_title ?? undefined, error_code: row.error_code, submitted: typeof at === 'string' ? at : row.created_at.toISOString(), chars: text.length },
    });
    return { unitId: row.unit_id, parentId: row.parent_id };
  });
}
