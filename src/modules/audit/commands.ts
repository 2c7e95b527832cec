/**
 * The module's one write: exporting the audit log is itself recorded (`audit.export`), with the
 * filter used — an export carries names and addresses out of the system (个人信息保护法 第五十一条:
 * measures to protect personal information include recording who processed it).
 */
import type { Db } from '../../core/db/index.ts';
import { inTransaction } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import type { ParsedFilter } from './domain/filters.ts';

export async function recordAuditExport(db: Db, ctx: CommandContext, filter: ParsedFilter, subject?: { type: string; id: string }): Promise<void> {
  authorize(ctx, 'audit.view', null);
  const { before: _b, after: _a, ...f } = filter;
  await inTransaction(db, (tx) =>
    recordAudit(tx, ctx.audit, { action: 'audit.export', unitId: filter.unitId ?? null, subjectType: subject?.type ?? 'audit_log', subjectId: subject?.id ?? null, summary: { filter: f } }));
}
