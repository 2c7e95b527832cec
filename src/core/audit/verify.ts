/**
 * `verifyAudit`: walks the whole chain in id order (in batches) and compares it with the head row
 * and with the signed checkpoints kept outside the database. It reports every inconsistency:
 *   edited            a row's content does not match its hash (keyed rows: without the key it cannot be recomputed)
 *   chain_broken      a row's previous-hash link does not match the row before it (deleted or inserted rows)
 *   downgraded        an unkeyed (scheme 1) row after keyed ones or after the first checkpoint: re-chained without the key
 *   unknown_key       a row keyed with a key that is not configured (rotated out, or a forged key id)
 *   head_mismatch     the head row disagrees with the chain's end (rows deleted at the end)
 *   head_missing      the head row is gone while rows or checkpoints exist
 *   log_emptied       no rows although checkpoints counted some (TRUNCATE or DELETE of the log)
 *   checkpoint_*      a checkpoint's row is missing, has another hash, or fewer rows lead to it; a bad line or signature
 */
import type { Db, DbOrTx } from '../db/index.ts';
import { GENESIS, KEYED_SCHEME, LEGACY_SCHEME, rowHash, rowMac, type HashedFields } from './hash.ts';
import { auditKeyring, checkpointFile, type AuditKeyring } from './keys.ts';
import { checkSignature, readCheckpoints, type Checkpoint, type ParsedCheckpoints } from './checkpoints.ts';

export type ProblemKind =
  | 'edited' | 'chain_broken' | 'downgraded' | 'unknown_key' | 'head_mismatch' | 'head_missing' | 'log_emptied'
  | 'checkpoint_row_missing' | 'checkpoint_mismatch' | 'checkpoint_count' | 'checkpoint_signature' | 'checkpoint_unreadable';

export interface VerifyProblem {
  id: number | null;
  kind: ProblemKind;
  /** English */
  message: string;
  /** Chinese */
  zh: string;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  problems: VerifyProblem[];
  /** checkpoints compared (valid signatures) */
  checkpoints: number;
}

export interface VerifyOptions {
  batch?: number;
  keys?: AuditKeyring;
  /** checkpoints to compare with; default: the configured checkpoint file (none when not configured) */
  checkpoints?: ParsedCheckpoints;
}

const MAX_PER_KIND = 20;

export async function verifyAudit(db: Db | DbOrTx, opts: VerifyOptions | number = {}): Promise<VerifyResult> {
  const o: VerifyOptions = typeof opts === 'number' ? { batch: opts } : opts;
  const ring = o.keys ?? auditKeyring();
  const file = checkpointFile();
  const parsed = o.checkpoints ?? (file ? readCheckpoints(file) : { checkpoints: [], badLines: [] });
  const problems: VerifyProblem[] = [];
  const perKind = new Map<ProblemKind, number>();
  const add = (id: number | null, kind: ProblemKind, en: string, zh: string) => {
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    if (n <= MAX_PER_KIND) problems.push({ id, kind, message: en, zh });
  };

  // checkpoints first: only correctly signed ones are evidence
  for (const line of parsed.badLines) add(null, 'checkpoint_unreadable', `checkpoint file line ${line}: not a checkpoint`, `校验点文件第 ${line} 行：格式不正确`);
  const valid: Checkpoint[] = [];
  for (const cp of parsed.checkpoints) {
    const s = checkSignature(cp, ring);
    if (s === 'ok') valid.push(cp);
    else if (s === 'unknown_key') add(null, 'checkpoint_signature', `checkpoint of ${cp.at}: signed with key ${cp.keyId}, which is not configured`, `${cp.at} 的校验点：签名密钥 ${cp.keyId} 未配置`);
    else add(null, 'checkpoint_signature', `checkpoint of ${cp.at}: signature does not verify (forged or altered)`, `${cp.at} 的校验点：签名无效（伪造或被改动）`);
  }
  const wanted = new Map<number, { hash: string; count: number }>();
  for (const cp of valid) wanted.set(cp.headId, { hash: '', count: 0 });
  // rows up to the first checkpoint may be legacy (written before the key existed); none after it
  const legacyLimit = valid.length ? Math.min(...valid.map((c) => c.headId)) : Infinity;

  const batch = o.batch ?? 5000;
  let prev = GENESIS;
  let lastId = 0;
  let count = 0;
  let keyedSeen = false;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (!rows.length) break;
    for (const r of rows) {
      count++;
      const id = Number(r.id);
      if (r.prev_hash !== prev) {
        add(id, 'chain_broken', `row ${id}: previous-hash link broken (a row before it was deleted or replaced)`, `第 ${id} 条：与上一条的哈希链接断开（之前的记录被删除或替换）`);
      }
      const scheme = Number(r.hash_scheme ?? LEGACY_SCHEME);
      if (scheme === KEYED_SCHEME) {
        keyedSeen = true;
        const key = r.key_id ? ring.macKeys.get(r.key_id) : undefined;
        if (!key) add(id, 'unknown_key', `row ${id}: keyed with ${r.key_id ?? '(none)'}, which is not a configured GONGKAI_AUDIT_KEY`, `第 ${id} 条：所用密钥 ${r.key_id ?? '（无）'} 不在 GONGKAI_AUDIT_KEY 中`);
        else if (rowMac(key, r.key_id!, r.prev_hash, r as unknown as HashedFields & { id: number }) !== r.hash) {
          add(id, 'edited', `row ${id}: content does not match its hash (edited)`, `第 ${id} 条：内容与哈希不符（被修改）`);
        }
      } else if (scheme === LEGACY_SCHEME) {
        if (keyedSeen || id > legacyLimit) {
          add(id, 'downgraded', `row ${id}: unkeyed hash after keyed rows (re-chained without the key)`, `第 ${id} 条：在带密钥的记录之后出现无密钥哈希（被重新计算哈希链）`);
        }
        if (rowHash(r.prev_hash, r as unknown as HashedFields) !== r.hash) add(id, 'edited', `row ${id}: content does not match its hash (edited)`, `第 ${id} 条：内容与哈希不符（被修改）`);
      } else {
        add(id, 'edited', `row ${id}: unknown hash scheme ${scheme}`, `第 ${id} 条：未知的哈希方案 ${scheme}`);
      }
      const w = wanted.get(id);
      if (w) {
        w.hash = r.hash;
        w.count = count;
      }
      prev = r.hash;
      lastId = id;
    }
  }

  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.last_hash !== prev || Number(head.count) !== count)) {
    add(null, 'head_mismatch', `the chain has ${count} rows ending in ${prev.slice(0, 12)}…, but the head records ${head.count} rows ending in ${head.last_hash.slice(0, 12)}… (rows deleted at the end?)`,
      `哈希链有 ${count} 条、末尾为 ${prev.slice(0, 12)}…，但链头记录为 ${head.count} 条、末尾为 ${head.last_hash.slice(0, 12)}…（末尾的记录被删除？）`);
  }
  if (!head && (count > 0 || valid.length > 0)) add(null, 'head_missing', 'the audit head row is missing', '审计日志链头记录缺失');

  if (valid.length) {
    const most = valid.reduce((a, b) => (b.count > a.count ? b : a));
    if (count === 0) {
      add(null, 'log_emptied', `the audit log is empty, but the checkpoint of ${most.at} counted ${most.count} entries (truncated or deleted)`, `审计日志为空，但 ${most.at} 的校验点记录有 ${most.count} 条（被清空或删除）`);
    } else {
      if (count < most.count) {
        add(null, 'checkpoint_count', `the log has ${count} entries, fewer than the ${most.count} counted by the checkpoint of ${most.at}`, `审计日志现有 ${count} 条，少于 ${most.at} 校验点记录的 ${most.count} 条`);
      }
      for (const cp of valid) {
        const w = wanted.get(cp.headId)!;
        if (!w.hash) add(cp.headId, 'checkpoint_row_missing', `row ${cp.headId}, the head of the checkpoint of ${cp.at}, is missing (log truncated or rows deleted)`, `第 ${cp.headId} 条（${cp.at} 校验点的链头）不存在（日志被截断或删除）`);
        else if (w.hash !== cp.headHash) add(cp.headId, 'checkpoint_mismatch', `row ${cp.headId}: hash differs from the checkpoint of ${cp.at} (rows rewritten and re-chained)`, `第 ${cp.headId} 条：哈希与 ${cp.at} 的校验点不同（记录被改写并重新计算哈希链）`);
        else if (w.count !== cp.count) add(cp.headId, 'checkpoint_count', `row ${cp.headId}: ${w.count} rows lead to it, the checkpoint of ${cp.at} counted ${cp.count}`, `第 ${cp.headId} 条：之前共有 ${w.count} 条，${cp.at} 的校验点记录为 ${cp.count} 条`);
      }
    }
  }
  for (const [kind, n] of perKind) {
    if (n > MAX_PER_KIND) problems.push({ id: null, kind, message: `… and ${n - MAX_PER_KIND} more of this kind (${kind})`, zh: `……另有 ${n - MAX_PER_KIND} 处同类问题（${kind}）` });
  }
  return { ok: problems.length === 0, count, problems, checkpoints: valid.length };
}
