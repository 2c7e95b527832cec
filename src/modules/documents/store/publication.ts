/**
 * The publication half of the document commands (commands.ts re-exports them; callers import
 * from commands.ts): publish now or on schedule (with the late-publication reason of 条例
 * 第二十六条), cancel a schedule, withdraw (with chosen 解读 of a policy), reopen, and the job that
 * publishes what is due. Same shape as every command: policy, workflow, write, audit, one transaction.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../../core/db/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { POLICY_LIMIT_WORKDAYS } from '../domain/timeliness.ts';
import type { DocumentDetail } from './repository.ts';
import { personalDataCount, plainText, timelinessFor } from './write.ts';
import { refreshDeadlines } from './deadlines.ts';
import { afterPublication, done, load, requireComplete, todayOf, transition, type CommandResult } from '../commands.ts';

/**
 * The limits a first publication on `date` would break (条例 第二十六条: 20 working days; 2020 要点
 * 第6点: policies 5; 第7点: 解读 within 5 of its policy). Empty when on time, for a document
 * published before (it keeps its first 发布日期) and for what is not 主动公开.
 */
async function lateness(tx: Tx, d: DocumentDetail, date: string): Promise<{ workdays: number; limits: Msg[] }> {
  if (d.published_at || d.disclosure !== 'proactive' || !d.written_date) return { workdays: 0, limits: [] };
  const t = await timelinessFor(tx, { ...d, publish_date: date }, d.unit.code, date);
  const limits: Msg[] = [];
  if (t.timeliness_art26_overdue) limits.push({ zh: '超过《条例》第二十六条规定的20个工作日', en: 'over the 20 working days of Art. 26' });
  if (t.timeliness_policy_overdue) limits.push({ zh: '政策文件超过5个工作日', en: 'a policy after more than 5 working days' });
  if ((t.interpretation_lag_workdays ?? 0) > POLICY_LIMIT_WORKDAYS) limits.push({ zh: '解读晚于政策文件5个工作日以上', en: 'an interpretation more than 5 working days after its policy' });
  return { workdays: t.timeliness_workdays ?? 0, limits };
}

/** Publishes now, or schedules when `publishAt` is given. */
export async function publishDocument(db: Db, ctx: CommandContext, id: number, opts: { acknowledgePersonalData?: boolean; publishAt?: string | null; lateReason?: string | null; now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.publish', d.unit.path);
    await requireComplete(tx, d, now);
    // A late publication is still a publication, but whoever decides it says why (kept with the
    // document and in the audit); jobs and the CLI have nobody to ask.
    const when = opts.publishAt ? new Date(opts.publishAt) : now;
    const late = await lateness(tx, d, todayOf(Number.isNaN(when.getTime()) ? now : when));
    const lateReason = plainText(opts.lateReason, true)?.slice(0, 500) ?? null;
    if (late.limits.length && !lateReason && ctx.actor) {
      const what = late.limits.map((m) => m.zh).join('，');
      throw invalid({ lateReason: { zh: `本文件发布时已超期（${what}；自形成之日起第 ${late.workdays} 个工作日），请填写超期发布的原因`, en: `This publication is late (${late.limits.map((m) => m.en).join(', ')}; working day ${late.workdays}): give the reason` } });
    }
    const lateAudit = late.limits.length ? { late: true, late_reason: lateReason } : {};
    if (late.limits.length) await tx.updateTable('documents').set({ late_reason: lateReason }).where('id', '=', d.id).execute();
    const findings = await personalDataCount(tx, d.id);
    await tx.updateTable('documents').set({ personal_data_findings: findings }).where('id', '=', d.id).execute();
    if (opts.publishAt) {
      const t = await transition(tx, ctx, d, 'schedule', { publishAt: opts.publishAt, personalDataFindings: findings, acknowledgePersonalData: opts.acknowledgePersonalData }, now, lateAudit);
      return { id, warnings: t.warnings, kind: null };
    }
    const first = !d.published_at;
    const t = await transition(tx, ctx, d, 'publish', { personalDataFindings: findings, acknowledgePersonalData: opts.acknowledgePersonalData }, now, lateAudit);
    await afterPublication(tx, ctx, id, t.state.version, todayOf(now), null, first);
    return { id, warnings: t.warnings, kind: 'publish' };
  });
}

export async function unscheduleDocument(db: Db, ctx: CommandContext, id: number, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.publish', d.unit.path);
    const t = await transition(tx, ctx, d, 'unschedule', {}, now);
    return { id, warnings: t.warnings, kind: null };
  });
}

/**
 * Withdraws a published document (条例 第五十三条: the reason is kept); the public page then answers
 * 410. A policy's published 解读 would lose their link to it silently, so the caller may withdraw
 * chosen ones with it (`withdrawInterpretations`, their ids); the others stay published and the
 * policy's page lists them.
 */
export async function withdrawDocument(db: Db, ctx: CommandContext, id: number, reason: string, opts: { withdrawInterpretations?: number[]; now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.withdraw', d.unit.path);
    const why = plainText(reason, true) ?? '';
    const t = await transition(tx, ctx, d, 'withdraw', { reason: why }, now);
    const also: number[] = [];
    for (const iid of new Set(opts.withdrawInterpretations ?? [])) {
      const ref = d.interpretations.find((r) => r.id === iid && r.status === 'published');
      if (!ref) continue; // not (or no longer) a published interpretation of this policy
      const i = await load(tx, iid);
      authorize(ctx, 'document.withdraw', i.unit.path);
      await transition(tx, ctx, i, 'withdraw', { reason: `所解读的政策文件已撤回：${why}`.slice(0, 500) }, now, { with_policy: d.index_no });
      also.push(iid);
    }
    return { id, warnings: t.warnings, kind: 'withdraw', alsoChanged: also };
  });
}

export async function reopenDocument(db: Db, ctx: CommandContext, id: number, reason?: string, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.reopen', d.unit.path);
    const t = await transition(tx, ctx, d, 'reopen', { reason: plainText(reason, true) ?? undefined }, now);
    await refreshDeadlines(tx, { ids: [id] });
    return { id, warnings: t.warnings, kind: null };
  });
}

/**
 * Publishes scheduled documents whose time has come, each in its own transaction, as the
 * 'scheduler'. Idempotent: a document already published (by another node) is skipped.
 */
export async function publishDueDocuments(db: Db, now: Date = new Date(), ctx: CommandContext = { actor: null, audit: { id: null, name: 'scheduler' } }): Promise<number> {
  const due = await db.selectFrom('documents').select('id').where('status', '=', 'scheduled').where('publish_at', '<=', now).orderBy('publish_at').limit(500).execute();
  let n = 0;
  for (const { id } of due) {
    await done(db, async (tx) => {
      const locked = await sql<{ id: number }>`select id from documents where id = ${id} and status = 'scheduled' and publish_at <= ${now} for update skip locked`.execute(tx);
      if (!locked.rows.length) return { id, warnings: [], kind: null };
      const d = await load(tx, id, false);
      const findings = await personalDataCount(tx, id);
      const first = !d.published_at;
      const t = await transition(tx, ctx, d, 'publish_due', { personalDataFindings: findings }, now);
      await afterPublication(tx, ctx, id, t.state.version, todayOf(now), null, first);
      n++;
      return { id, warnings: [], kind: 'publish' };
    });
  }
  return n;
}
