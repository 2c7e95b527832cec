/**
 * Background jobs of the documents module (both idempotent; see core/jobs):
 *  - documents.publish_due: publishes scheduled documents whose time has come (every minute);
 *  - documents.validity: moves 有效性 along the dates — 尚未生效 → 有效 on the effective date,
 *    有效 → 失效 on the expiry date (deriveValidity) — and records the history the annual report
 *    counts (reference.md §4.5). Runs every 6 hours; a day late at most.
 */
import { JOBS } from '../../core/jobs/index.ts';
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { emitDocumentsChanged, publishDueDocuments } from './commands.ts';
import { syncValidity } from './store/write.ts';

/** Published documents whose stored 有效性 the dates have overtaken; returns how many changed. */
export async function refreshValidity(db: Db, today: string = shanghaiDate()): Promise<number> {
  const due = await db.selectFrom('documents').select(['id', 'unit_id', 'validity'])
    .where('published_at', 'is not', null)
    .where((eb) => eb.or([
      eb.and([eb('validity', '=', 'not_yet_effective'), eb('effective_date', '<=', today)]),
      eb.and([eb('validity', 'in', ['effective', 'not_yet_effective']), eb('expiry_date', '<=', today)]),
    ]))
    .orderBy('id').limit(5000).execute();
  const changed: { id: number; unit_id: number }[] = [];
  for (const d of due) {
    await inTransaction(db, async (tx) => {
      await syncValidity(tx, d.id, today, '按生效/失效日期自动更新');
      const now = await tx.selectFrom('documents').select('validity').where('id', '=', d.id).executeTakeFirstOrThrow();
      if (now.validity !== d.validity) {
        await recordAudit(tx, { id: null, name: 'scheduler' }, { action: 'document.validity', unitId: d.unit_id, subjectType: 'document', subjectId: d.id, summary: { before: { validity: d.validity }, after: { validity: now.validity } } });
        changed.push(d);
      }
    });
  }
  if (changed.length) emitDocumentsChanged({ unitIds: [...new Set(changed.map((c) => c.unit_id))], documentIds: changed.map((c) => c.id), kind: 'edit' });
  return changed.length;
}

JOBS.push(
  {
    name: 'documents.publish_due',
    everyMs: 60_000,
    run: async (d, _cfg, log) => {
      const n = await publishDueDocuments(d.db);
      if (n) log.info({ published: n }, 'scheduled documents published');
    },
  },
  {
    name: 'documents.validity',
    everyMs: 6 * 3600_000,
    run: async (d, _cfg, log) => {
      const n = await refreshValidity(d.db);
      if (n) log.info({ changed: n }, 'document validity updated from dates');
    },
  },
);
