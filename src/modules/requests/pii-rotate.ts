/**
 * `gongkai pii rotate`: re-encrypts every applicant's personal data (and the kept submissions) under
 * the current key `GONGKAI_PII_KEY`'s first entry, and recomputes the identity-number hashes. Run it
 * after putting a new key first (keep the old one listed until this finishes); then the old key can
 * be removed. Works in batches, each in its own transaction, and can be re-run safely.
 */
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { decryptPii, encryptPii, hmacIdNumber, keyId, tokenKeyId, type PiiField } from './pii.ts';

export interface RotateResult {
  cases: number;
  submissions: number;
  keyId: string;
}

const FIELDS: [PiiField, 'id_number_enc' | 'phone_enc' | 'email_enc' | 'address_enc'][] = [
  ['id_number', 'id_number_enc'], ['phone', 'phone_enc'], ['email', 'email_enc'], ['address', 'address_enc'],
];

export async function rotatePii(db: Db, ctx: CommandContext, keys: readonly Buffer[], opts: { batch?: number } = {}): Promise<RotateResult> {
  const current = keyId(keys[0]);
  const batch = opts.batch ?? 200;
  const stale = (v: string | null) => v !== null && tokenKeyId(v) !== current;
  let cases = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('request_cases')
      .select(['id', 'id_number_enc', 'phone_enc', 'email_enc', 'address_enc', 'id_number_hmac'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    const todo = rows.filter((r) => FIELDS.some(([, col]) => stale(r[col])) || (r.id_number_enc && r.id_number_hmac !== hmacIdNumber(keys[0], decryptPii(keys, 'id_number', r.id_number_enc))));
    if (!todo.length) continue;
    await inTransaction(db, async (tx) => {
      for (const r of todo) {
        const set: Record<string, string | null> = {};
        for (const [field, col] of FIELDS) {
          const v = r[col];
          if (v === null) continue;
          const plain = decryptPii(keys, field, v);
          if (stale(v)) set[col] = encryptPii(keys, field, plain);
          if (field === 'id_number') set.id_number_hmac = hmacIdNumber(keys[0], plain);
        }
        await tx.updateTable('request_cases').set(set).where('id', '=', r.id).execute();
      }
    });
    cases += todo.length;
  }
  let submissions = 0;
  const kept = await db.selectFrom('request_submissions_inbox').select(['id', 'payload_enc']).execute();
  const staleKept = kept.filter((k) => stale(k.payload_enc));
  if (staleKept.length) {
    await inTransaction(db, async (tx) => {
      for (const k of staleKept) {
        await tx.updateTable('request_submissions_inbox').set({ payload_enc: encryptPii(keys, 'submission', decryptPii(keys, 'submission', k.payload_enc)) }).where('id', '=', k.id).execute();
      }
    });
    submissions = staleKept.length;
  }
  await inTransaction(db, (tx) => recordAudit(tx, ctx.audit, { action: 'request.pii.rotate', unitId: null, subjectType: 'pii_key', subjectId: current, summary: { cases, submissions } }));
  return { cases, submissions, keyId: current };
}
