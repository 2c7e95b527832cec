/**
 * The indicators of the 政务公开 assessment — 2020 要点 第24点 (规范考核评估: 市县两级将政务公开工作
 * 纳入本级政府绩效考核体系，根据新形势科学设置指标) and 条例 第四十六条 (考核制度). Each indicator is a
 * ratio of counts the platform keeps (store/figures.ts computes them in SQL), with its legal or
 * work-plan basis beside it. Pure functions: no clock, no database.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const RULES = {
  'assessment.view': ['system_admin', 'unit_admin', 'supervisor'],
  'assessment.weights': ['system_admin', 'supervisor'],
} as const;

export interface Indicator { key: string; name: Msg; basis: string; measure: Msg; weight: number }

/** In display order; `weight` is the default (the points it gives out of 100). */
export const INDICATORS = [
  { key: 'docs_on_time', name: { zh: '主动公开及时率', en: 'Documents on time' }, basis: '条例 第二十六条（20个工作日）；2020要点 第6、7点（政策文件及解读5个工作日）', measure: { zh: '本年发布的主动公开信息中未超期的比例', en: 'share of the year\u2019s published documents within the limit' }, weight: 15 },
  { key: 'interpretation', name: { zh: '政策解读率', en: 'Policies interpreted' }, basis: '2020要点 第7、10点（政策文件与解读同步）', measure: { zh: '本年发布的政策文件中已关联已发布解读的比例', en: 'share of the year\u2019s policies with a published interpretation' }, weight: 10 },
  { key: 'requests_on_time', name: { zh: '依申请按期答复率', en: 'Requests answered on time' }, basis: '条例 第三十三条', measure: { zh: '本年办结（或到期未办结）的申请中按期答复的比例', en: 'share of requests concluded (or due) in the year answered by the due date' }, weight: 15 },
  { key: 'appeals', name: { zh: '复议诉讼未被纠错率', en: 'Appeals not lost' }, basis: '条例 第五十一条；年度报告 第四部分', measure: { zh: '本年审结的复议、诉讼中未被纠错的比例', en: 'share of appeals decided in the year that were not corrected' }, weight: 10 },
  { key: 'freshness', name: { zh: '栏目更新及时率', en: 'Columns up to date' }, basis: '国办秘函〔2019〕19号（动态要闻2周、通知公告和政策文件6个月）', measure: { zh: '应定期更新的栏目中在期限内有更新的比例（截至考核基准日）', en: 'share of columns due for updates that were updated in time (on the reference day)' }, weight: 10 },
  { key: 'messages_on_time', name: { zh: '留言按期答复率', en: 'Messages answered on time' }, basis: '国办秘函〔2019〕19号（互动回应，单项否决：3个月未答复）', measure: { zh: '本年答复（或到期未答复）的留言中按期答复的比例', en: 'share of messages answered (or due) in the year answered by the due date' }, weight: 10 },
  { key: 'messages_answered', name: { zh: '留言答复率', en: 'Messages answered' }, basis: '国办秘函〔2019〕19号（互动回应）', measure: { zh: '本年收到的有效留言中已答复的比例', en: 'share of the year\u2019s valid messages that have been answered' }, weight: 5 },
  { key: 'consultation_feedback', name: { zh: '意见征集反馈率', en: 'Consultations with feedback' }, basis: '重大行政决策程序暂行条例 第十八条、第三十二条（意见采纳情况）', measure: { zh: '本年截止的意见征集中已公布采纳情况反馈的比例', en: 'share of consultations closed in the year whose feedback is published' }, weight: 5 },
  { key: 'report_on_time', name: { zh: '年度报告按时发布', en: 'Annual report on time' }, basis: '条例 第四十九条（部门1月31日前、政府3月31日前）', measure: { zh: '上一年度报告是否在法定期限前发布', en: 'whether last year\u2019s report was published by the statutory date' }, weight: 10 },
  { key: 'training', name: { zh: '培训学时', en: 'Training hours' }, basis: '条例 第四十八条；2020要点 第23点', measure: { zh: '本单位人员参训人·学时与目标学时之比（不超过 1）', en: 'person-hours attended against the target (at most 1)' }, weight: 10 },
] as const satisfies readonly Indicator[];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];
export const KEYS: readonly IndicatorKey[] = INDICATORS.map((i) => i.key);
export const indicatorOf = (k: string) => INDICATORS.find((i) => i.key === k);

/** good / counted; `den` 0 means the indicator does not apply (nothing to count). Training: num = person-hours, den = units. */
export interface Ratio { num: number; den: number }
export type Figures = Record<IndicatorKey, Ratio>;

export interface WeightSet { weights: Record<IndicatorKey, number>; trainingTarget: number }
export const DEFAULT_WEIGHTS: WeightSet = { weights: Object.fromEntries(INDICATORS.map((i) => [i.key, i.weight])) as Record<IndicatorKey, number>, trainingTarget: 16 };

export const emptyFigures = (): Figures => Object.fromEntries(KEYS.map((k) => [k, { num: 0, den: 0 }])) as Figures;

export function addFigures(into: Figures, f: Figures): Figures {
  for (const k of KEYS) { into[k].num += f[k].num; into[k].den += f[k].den; }
  return into;
}

/** 0…1, or null when nothing was counted. Training: hours per unit against the target, capped at 1. */
export function rateOf(key: IndicatorKey, r: Ratio, w: WeightSet = DEFAULT_WEIGHTS): number | null {
  if (!(r.den > 0)) return null;
  if (key === 'training') return Math.min(1, r.num / r.den / w.trainingTarget);
  return Math.max(0, Math.min(1, r.num / r.den));
}

export interface Score { total: number | null; parts: Record<IndicatorKey, { rate: number | null; points: number | null; max: number }> }

/**
 * Score out of 100: Σ weight × rate over the indicators that apply, rescaled by the weight that
 * applies (a unit that received no request is neither rewarded nor punished for it). Rounded to 0.1.
 */
export function scoreOf(f: Figures, w: WeightSet = DEFAULT_WEIGHTS): Score {
  let got = 0;
  let possible = 0;
  const parts = {} as Score['parts'];
  for (const k of KEYS) {
    const rate = rateOf(k, f[k], w);
    const max = w.weights[k];
    parts[k] = { rate, points: rate === null ? null : Math.round(rate * max * 10) / 10, max };
    if (rate !== null && max > 0) { got += rate * max; possible += max; }
  }
  return { total: possible > 0 ? Math.round((got / possible) * 1000) / 10 : null, parts };
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; units without a score come last, unranked. */
export function rank<T extends { total: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  return sorted.map((r) => ({ ...r, rank: r.total === null ? null : sorted.findIndex((x) => x.total === r.total) + 1 }));
}

/**
 * Validates a weight set from a form: each weight a whole number 0–100, together exactly 100; the
 * training target 1–200 person-hours a unit. Errors name the field.
 */
export function validateWeights(raw: Record<string, unknown>): { value: WeightSet; errors: Record<string, Msg> } {
  const errors: Record<string, Msg> = {};
  const weights = {} as Record<IndicatorKey, number>;
  for (const i of INDICATORS) {
    const s = String(raw[i.key] ?? '').trim();
    const n = /^\d{1,3}$/.test(s) ? Number(s) : NaN;
    if (!(n >= 0 && n <= 100)) errors[i.key] = { zh: `${i.name.zh}：权重须为 0 至 100 的整数`, en: `${i.name.en}: a whole number from 0 to 100` };
    weights[i.key] = Number.isFinite(n) ? n : 0;
  }
  const sum = KEYS.reduce((a, k) => a + weights[k], 0);
  if (!Object.keys(errors).length && sum !== 100) errors[KEYS[0]] = { zh: `各项权重之和须为 100（现为 ${sum}）`, en: `The weights must add up to 100 (they add up to ${sum})` };
  const ts = String(raw.trainingTarget ?? '').trim();
  const target = /^\d{1,3}(\.\d)?$/.test(ts) ? Number(ts) : NaN;
  if (!(target >= 1 && target <= 200)) errors.trainingTarget = { zh: '目标学时须为 1 至 200 之间的数', en: 'The target: a number from 1 to 200' };
  return { value: { weights, trainingTarget: Number.isFinite(target) ? target : DEFAULT_WEIGHTS.trainingTarget }, errors };
}

/** The day the figures are taken on: the year's last day, or today while the year runs. */
export function referenceDay(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}
