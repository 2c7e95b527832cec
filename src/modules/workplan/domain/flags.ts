/**
 * Supervision flags of a task (pure; the clock is injected): for each unit that owes a report (lead and
 * responsible units), its latest report decides.
 *   overdue      the task has a deadline, it has passed (Asia/Shanghai date) and the unit's latest
 *                status is not 已完成 (no report counts as not done)
 *   no_evidence  the unit's latest report says 推进中/已完成 but links no evidence
 *   unreported   the unit has not reported at all
 * A 长期坚持 task is never overdue. A task carries a flag when any of its units does.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import type { Status } from './plan.ts';

export const FLAGS = ['overdue', 'no_evidence', 'unreported'] as const;
export type Flag = (typeof FLAGS)[number];
export const FLAG_NAMES: Record<Flag, Msg> = {
  overdue: { zh: '逾期未完成', en: 'Overdue' },
  no_evidence: { zh: '无佐证材料', en: 'No evidence' },
  unreported: { zh: '未报送进展', en: 'Not reported' },
};
export const isFlag = (s: unknown): s is Flag => typeof s === 'string' && (FLAGS as readonly string[]).includes(s);

export interface LatestReport { unitId: number; status: Status; evidenceCount: number }

export interface UnitFlags { unitId: number; status: Status | null; flags: Flag[] }

export function unitFlags(deadline: string | null, today: string, owing: number[], latest: LatestReport[]): UnitFlags[] {
  const by = new Map(latest.map((r) => [r.unitId, r]));
  return owing.map((unitId) => {
    const r = by.get(unitId);
    const flags: Flag[] = [];
    if (deadline && deadline < today && r?.status !== 'done') flags.push('overdue');
    if (r && r.status !== 'not_started' && r.evidenceCount === 0) flags.push('no_evidence');
    if (!r) flags.push('unreported');
    return { unitId, status: r?.status ?? null, flags };
  });
}

/** The task's flags and counts from its units' flags. */
export function taskSummary(units: UnitFlags[]) {
  const count = (f: Flag) => units.filter((u) => u.flags.includes(f)).length;
  const counts = { overdue: count('overdue'), no_evidence: count('no_evidence'), unreported: count('unreported') };
  return {
    units: units.length,
    done: units.filter((u) => u.status === 'done').length,
    reported: units.filter((u) => u.status !== null).length,
    counts,
    flags: FLAGS.filter((f) => counts[f] > 0),
  };
}
export type TaskSummary = ReturnType<typeof taskSummary>;
