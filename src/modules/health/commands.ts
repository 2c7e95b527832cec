/**
 * Write use-cases of site health besides the run (run.ts): work-order steps (指派 → 整改 → 核验 → 关闭,
 * domain/orders.ts) and the administrator's settings. Each authorizes on the order's unit and is
 * audited in the same transaction.
 */
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { RULES, STEPS, stepError, type OrderState, type Step } from './domain/orders.ts';
import { parseWordLists } from './domain/text.ts';
import { setMeta } from './store/facts.ts';
import { loadSettings } from './settings.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

const ORDER: Msg = { zh: '整改工单', en: 'work order' };
const ERRORS: Record<string, [string, Msg]> = {
  assignee: ['assignee', { zh: '请选择本单位的承办人', en: 'Choose a person of the unit' }],
  note: ['note', { zh: '请填写退回原因', en: 'Say why it is sent back' }],
  'still-found': ['note', { zh: '最近一次检查仍发现该问题：请先整改并重新检查，或说明为何属于误报', en: 'The latest check still finds this: fix it and check again, or explain why it is a false positive' }],
};

export async function moveOrder(db: Db, ctx: CommandContext, id: number, rawStep: string, input: { assignee?: string; note?: string }): Promise<void> {
  if (!Object.hasOwn(STEPS, rawStep)) throw invalid({ step: { zh: '未知的操作', en: 'Unknown action' } });
  const step = rawStep as Step;
  const note = (input.note ?? '').trim().slice(0, 500);
  await inTransaction(db, async (tx) => {
    const o = Number.isInteger(id) && id > 0 ? await tx.selectFrom('health_orders as o').innerJoin('health_findings as f', 'f.id', 'o.finding_id').innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.id', 'o.state', 'o.unit_id', 'u.path', 'f.kind', 'f.key', 'f.resolved_at']).where('o.id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!o) throw notFound(ORDER);
    authorize(ctx, STEPS[step].action, o.path);
    let assigneeId: number | null = null;
    let assigneeName: string | null = null;
    if (step === 'assign') {
      const user = /^\d{1,9}$/.test(input.assignee ?? '') ? await tx.selectFrom('users as us').innerJoin('units as u', 'u.id', 'us.unit_id').select(['us.id', 'us.username'])
        .where('us.id', '=', Number(input.assignee)).where('us.disabled', '=', false).where('u.path', 'like', o.path.replace(/[%_\\]/g, '\\$&') + '%').executeTakeFirst() : undefined;
      assigneeId = user?.id ?? null;
      assigneeName = user?.username ?? null;
    }
    const err = stepError(step, o.state as OrderState, { stillFound: !o.resolved_at, assignee: assigneeName, note });
    if (err === 'state') throw conflict({ zh: '工单当前状态不能执行此操作', en: 'The work order is not in a state for that' });
    if (err) throw invalid({ [ERRORS[err][0]]: ERRORS[err][1] });
    const to = STEPS[step].to;
    await tx.updateTable('health_orders').set({ state: to, updated_at: new Date(), updated_by: ctx.audit.name, ...(note ? { note } : {}), ...(step === 'assign' ? { assignee_id: assigneeId } : {}) }).where('id', '=', o.id).execute();
    const summary = { from: o.state, to, kind: o.kind, assignee: assigneeName, note: note || null };
    await recordAudit(tx, ctx.audit, { action: step === 'assign' ? 'health.order.assign' : step === 'fix' ? 'health.order.fix' : step === 'verify' ? 'health.order.verify' : step === 'reject' ? 'health.order.reject' : 'health.order.close', unitId: o.unit_id, subjectType: 'health_order', subjectId: o.id, summary });
  });
}

/** The word lists and the external-link switch (system administrators). */
export async function saveSettings(db: Db, ctx: CommandContext, raw: { typos?: string; sensitive?: string; external?: string }): Promise<void> {
  authorize(ctx, 'health.configure', null);
  const { value, errors } = parseWordLists({ typos: raw.typos ?? '', sensitive: raw.sensitive ?? '' });
  const e: Record<string, Msg> = {};
  if (errors.typos) e.typos = { zh: `第 ${errors.typos} 行格式应为“错误写法=正确写法”`, en: `Line ${errors.typos}: write it as wrong=right` };
  if (errors.sensitive) e.sensitive = { zh: `第 ${errors.sensitive} 行过长（不超过 60 个字）`, en: `Line ${errors.sensitive} is too long (60 characters at most)` };
  if (value.typos.length > 2000 || value.sensitive.length > 2000) e.typos = { zh: '每个词表不超过 2000 条', en: 'At most 2,000 entries a list' };
  if (Object.keys(e).length) throw invalid(e);
  await inTransaction(db, async (tx) => {
    const old = await loadSettings(tx);
    const external = raw.external === '1';
    await setMeta(tx, 'settings', { words: value, external, externalOptions: old.externalOptions });
    await recordAudit(tx, ctx.audit, { action: 'health.settings', unitId: null, subjectType: 'setting', subjectId: 'health', summary: { typos: value.typos.length, sensitive: value.sensitive.length, external } });
  });
}
