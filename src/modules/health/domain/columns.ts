/**
 * Column freshness and empty columns — 国办秘函〔2019〕19号 单项否决 第4项 栏目不更新 (reference.md §5.2):
 *   - 动态/要闻 columns (type news) with no update in the 2 weeks before the check, and 通知公告 /
 *     政策文件 first-level columns (types notice, policy) with no update in the 6 months before it:
 *     ≥ 5 such columns → veto;
 *   - ≥ 10 columns "that should be updated but have not been for a long time": the other updatable
 *     types, 6 months (the plan's 日常维护, work point 15; the same horizon as notices);
 *   - ≥ 5 empty columns → veto.
 * An item without a publication time counts as not updated (2015 普查: 未注明信息发布时间的视为不更新),
 * so only publish dates count. Period per column type: documents/domain/taxonomy.ts COLUMN_TYPES.
 */
export type FreshnessClass = 'dynamic' | 'periodic' | 'long' | 'exempt';

/** Days a column of the type may go without a new item, and which veto count it feeds. */
export const COLUMN_PERIODS: Readonly<Record<string, { days: number; cls: FreshnessClass }>> = {
  news: { days: 14, cls: 'dynamic' },
  notice: { days: 182, cls: 'periodic' },
  policy: { days: 182, cls: 'periodic' },
  planning: { days: 182, cls: 'long' },
  statistics: { days: 182, cls: 'long' },
  service: { days: 182, cls: 'long' },
  enforcement: { days: 182, cls: 'long' },
  finance: { days: 182, cls: 'long' },
  personnel: { days: 182, cls: 'long' },
  emergency: { days: 182, cls: 'long' },
  inspection: { days: 182, cls: 'long' },
  topic: { days: 182, cls: 'long' },
  // a yearly publication (条例 第四十九条): 13 months
  annual_report: { days: 396, cls: 'long' },
};
// Not checked for freshness: interpretation (follows its policies: see interpretation check),
// overview, disclosure_guide and disclosure_rules (updated on change), interaction, application and
// other (containers).

/**
 * Column types filled by other modules (agency panel, the guide, 依申请公开, annual reports, messages):
 * never "empty". Not disclosure_rules: the 政府信息公开制度 column (国办公开办函〔2019〕61号) holds the
 * unit's own rules as documents that nothing else publishes, so an empty one is a 空白栏目.
 */
export const FILLED_ELSEWHERE: ReadonlySet<string> = new Set(['overview', 'disclosure_guide', 'application', 'annual_report', 'interaction']);

/** Whether a column's content comes from another module, so it is never "empty". */
export const filledElsewhere = (c: { type: string }): boolean => FILLED_ELSEWHERE.has(c.type);

export const VETO = { staleColumns: 5, longStaleColumns: 10, emptyColumns: 5 } as const;

export interface ColumnFacts {
  id: number;
  type: string;
  /** first-level within the unit's site (parent is the 政府信息公开 root or none) */
  firstLevel: boolean;
  /** the column has sub-columns or a panel that fills it: never "empty" */
  container: boolean;
  /** published documents in it */
  count: number;
  /** the latest publish_date of those, 'YYYY-MM-DD', or null */
  last: string | null;
}

export type ColumnIssue = { kind: 'stale'; cls: FreshnessClass; days: number; since: string | null; overBy: number } | { kind: 'empty' };

const DAY = 86_400_000;
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY);

/** The column's issue on `today` ('YYYY-MM-DD', Asia/Shanghai), or null. */
export function columnIssue(c: ColumnFacts, today: string): ColumnIssue | null {
  if (c.count === 0) return c.container ? null : { kind: 'empty' };
  const rule = COLUMN_PERIODS[c.type];
  if (!rule) return null;
  // the veto counts 通知公告/政策文件 at the first level only; deeper ones count as "long"
  const cls = rule.cls === 'periodic' && !c.firstLevel ? 'long' : rule.cls;
  if (!c.last) return { kind: 'stale', cls, days: rule.days, since: null, overBy: rule.days };
  const age = daysBetween(c.last, today);
  return age > rule.days ? { kind: 'stale', cls, days: rule.days, since: c.last, overBy: age - rule.days } : null;
}
