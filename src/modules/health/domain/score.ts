/**
 * The site score in the manner of 国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标, reference.md §5.2):
 * Part 1 单项否决 — any hit and the site is 不合格, nothing else counts; Part 2 扣分 out of 100,
 * below 60 不合格. The deductions are ours, in the spirit of the [R] examples of §5.2 (≈1 point a
 * broken homepage link, ≈0.1 another page's), each kind capped so one kind cannot sink a site alone;
 * the 国办 table should replace them once verified. 站点无法访问 (uptime) and 服务不实用 are not
 * measured here (see README).
 */
import { VETO } from './columns.ts';

export type CheckKind = 'link' | 'link_external' | 'column_stale' | 'column_empty' | 'home_stale' | 'metadata' | 'interpretation' | 'message_overdue' | 'typo' | 'sensitive' | 'a11y';
export const CHECK_KINDS: readonly CheckKind[] = ['link', 'link_external', 'column_stale', 'column_empty', 'home_stale', 'metadata', 'interpretation', 'message_overdue', 'typo', 'sensitive', 'a11y'];

/** What a run found for one site (a unit's own pages), counted for the score. */
export interface SiteCounts {
  brokenLinks: number;
  /** 动态 2 weeks + 通知公告/政策文件 6 months (the veto's first count) */
  staleColumns: number;
  /** other updatable columns past 6 months */
  longStaleColumns: number;
  emptyColumns: number;
  homeStale: boolean;
  missingMetadata: number;
  missingInterpretations: number;
  overdueMessages: number;
  /** messages unanswered for more than 3 months */
  messagesOver3Months: number;
  typos: number;
  seriousErrors: number;
  a11yIssues: number;
}

export type VetoCode = 'home_stale' | 'columns_stale' | 'columns_long_stale' | 'columns_empty' | 'serious_error' | 'interaction';
export const VETO_NAMES: Record<VetoCode, { zh: string; en: string }> = {
  home_stale: { zh: '首页不更新（2周内无新信息）', en: 'Home page not updated for 2 weeks' },
  columns_stale: { zh: '栏目不更新（5个及以上动态、通知公告或政策文件栏目超期未更新）', en: '5 or more news, notice or policy columns not updated in time' },
  columns_long_stale: { zh: '栏目不更新（10个及以上栏目长期未更新）', en: '10 or more columns not updated for a long time' },
  columns_empty: { zh: '空白栏目5个及以上', en: '5 or more empty columns' },
  serious_error: { zh: '严重错误（严重错别字或敏感词）', en: 'Serious errors (serious typos or sensitive words)' },
  interaction: { zh: '互动回应差（留言超过3个月未答复）', en: 'Poor interaction (a message unanswered for over 3 months)' },
};

export interface Score { vetoes: VetoCode[]; points: number; deductions: Record<string, number>; verdict: 'pass' | 'fail' }

const CAPS = { links: 10, columns: 20, metadata: 10, interpretation: 10, messages: 20, typos: 10, a11y: 10 } as const;
const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreSite(c: SiteCounts): Score {
  const vetoes: VetoCode[] = [];
  if (c.homeStale) vetoes.push('home_stale');
  if (c.staleColumns >= VETO.staleColumns) vetoes.push('columns_stale');
  if (c.staleColumns + c.longStaleColumns >= VETO.longStaleColumns) vetoes.push('columns_long_stale');
  if (c.emptyColumns >= VETO.emptyColumns) vetoes.push('columns_empty');
  if (c.seriousErrors > 0) vetoes.push('serious_error');
  if (c.messagesOver3Months > 0) vetoes.push('interaction');
  const deductions: Record<string, number> = {
    links: Math.min(CAPS.links, round1(c.brokenLinks * 0.5)),
    columns: Math.min(CAPS.columns, c.staleColumns * 2 + c.longStaleColumns + c.emptyColumns * 2),
    metadata: Math.min(CAPS.metadata, round1(c.missingMetadata * 0.5)),
    interpretation: Math.min(CAPS.interpretation, c.missingInterpretations * 2),
    messages: Math.min(CAPS.messages, c.overdueMessages * 2),
    typos: Math.min(CAPS.typos, c.typos),
    a11y: Math.min(CAPS.a11y, round1(c.a11yIssues * 0.2)),
  };
  for (const k of Object.keys(deductions)) if (!deductions[k]) delete deductions[k];
  const points = round1(Math.max(0, 100 - Object.values(deductions).reduce((a, b) => a + b, 0)));
  return { vetoes, points, deductions, verdict: vetoes.length || points < 60 ? 'fail' : 'pass' };
}

export const emptyCounts = (): SiteCounts => ({ brokenLinks: 0, staleColumns: 0, longStaleColumns: 0, emptyColumns: 0, homeStale: false, missingMetadata: 0, missingInterpretations: 0, overdueMessages: 0, messagesOver3Months: 0, typos: 0, seriousErrors: 0, a11yIssues: 0 });
