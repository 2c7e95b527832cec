/**
 * The search parameters shared by the page (/search) and the API (GET /api/v1/search): raw query
 * string values → a SearchRequest, with a message per bad field (never an exception).
 *
 *   q         the query (text/query.ts: words, "phrases", -exclusions, 文号)
 *   unit      unit slug (or code); sub=0 for the unit alone (default: with the units below it)
 *   column    column id (doc_columns; its sub-columns included)
 *   topic     专题 key (doc_topics.key)       subject   主题分类 code ('02' or '0201')
 *   type      公文种类 code                    issuer    发文机关: a unit slug (or code)
 *   validity  有效性 code
 *   from, to  发布日期 (YYYY-MM-DD)           wfrom, wto  成文日期
 *   sort      relevance (default) | date      page, per_page
 *   kind      document | guide | power | report, or several comma-separated (default: all);
 *             guides (办事指南), 权责清单 items and annual reports are left out by the filters
 *             only documents have (column … wto)
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { DOC_TYPES, TOPICS, VALIDITY, findTopic } from '../../documents/domain/taxonomy.ts';
import { isValidDate } from '../../documents/domain/validate.ts';
import { unitByRef, type Unit } from '../../units/repository.ts';
import { LIMITS, type SearchFilters, type SortOrder } from '../domain/plan.ts';
import { MAX_PER_PAGE } from '../store/query.ts';
import { RESULT_KINDS, type ResultKind } from '../store/items.ts';

export const PARAM_NAMES = ['q', 'kind', 'unit', 'sub', 'column', 'topic', 'subject', 'type', 'issuer', 'validity', 'from', 'to', 'wfrom', 'wto', 'sort', 'page', 'per_page'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type RawParams = Partial<Record<ParamName, string>>;

export interface ResolvedParams {
  q: string;
  filters: SearchFilters;
  sort: SortOrder;
  page: number;
  perPage: number;
  /** the unit the search is scoped to (page heading and navigation) */
  unit: Unit | null;
  errors: Record<string, Msg>;
}

/** First value of a query-string parameter (repeated keys arrive as arrays). */
export function rawParams(query: unknown): RawParams {
  const out: RawParams = {};
  if (!query || typeof query !== 'object') return out;
  for (const k of PARAM_NAMES) {
    const v = (query as Record<string, unknown>)[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s;
  }
  return out;
}

const msg = {
  unit: { zh: '未找到该单位', en: 'No such unit' },
  issuer: { zh: '未找到该发文机关', en: 'No such issuing unit' },
  column: { zh: '未找到该栏目', en: 'No such column' },
  topic: { zh: '未找到该专题', en: 'No such topic' },
  subject: { zh: '主题分类代码不正确', en: 'Unknown subject code' },
  type: { zh: '公文种类不正确', en: 'Unknown document type' },
  validity: { zh: '有效性不正确', en: 'Unknown validity' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' },
  order: { zh: '开始日期不能晚于结束日期', en: 'The start date is after the end date' },
  kind: { zh: '类别只能是 document、guide、power、report', en: 'Kind: document, guide, power or report' },
  sort: { zh: '排序方式只能是相关度或发布日期', en: 'Sort by relevance or date' },
  page: { zh: `页码不正确（最多显示前${LIMITS.maxResults}条结果）`, en: `Invalid page (at most ${LIMITS.maxResults} results are shown)` },
  perPage: { zh: `每页条数应为1至${MAX_PER_PAGE}`, en: `Results per page: 1 to ${MAX_PER_PAGE}` },
} satisfies Record<string, Msg>;

const positiveInt = (s: string | undefined): number | null => (s && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);
const present = (s: string | undefined): s is string => typeof s === 'string' && s.trim() !== '';

export async function resolveParams(db: DbOrTx, raw: RawParams): Promise<ResolvedParams> {
  const errors: Record<string, Msg> = {};
  const filters: SearchFilters = {};
  let unit: ResolvedParams['unit'] = null;

  if (present(raw.unit)) {
    const u = await unitByRef(db, raw.unit.trim());
    if (u?.active) {
      unit = u;
      filters.unitId = u.id;
      filters.subtree = raw.sub !== '0';
    } else errors.unit = msg.unit;
  }
  if (present(raw.issuer)) {
    const u = await unitByRef(db, raw.issuer.trim());
    if (u) filters.issuerUnitId = u.id;
    else errors.issuer = msg.issuer;
  }
  if (present(raw.column)) {
    const id = positiveInt(raw.column.trim());
    const c = id !== null && id < 2_147_483_648 ? await db.selectFrom('doc_columns').select('id').where('id', '=', id).executeTakeFirst() : undefined;
    if (c) filters.columnId = c.id;
    else errors.column = msg.column;
  }
  if (present(raw.topic)) {
    const t = await db.selectFrom('doc_topics').select('id').where('key', '=', raw.topic.trim()).executeTakeFirst();
    if (t) filters.topicId = t.id;
    else errors.topic = msg.topic;
  }
  if (present(raw.subject)) {
    const s = raw.subject.trim();
    if ((/^\d{2}$/.test(s) && TOPICS.some((t) => t.code === s)) || (/^\d{4}$/.test(s) && findTopic(s))) filters.subject = s;
    else errors.subject = msg.subject;
  }
  if (present(raw.type)) {
    if (DOC_TYPES.some((t) => t.code === raw.type)) filters.docType = raw.type;
    else errors.type = msg.type;
  }
  if (present(raw.validity)) {
    if (VALIDITY.some((v) => v.code === raw.validity)) filters.validity = raw.validity;
    else errors.validity = msg.validity;
  }
  const dates: [ParamName, ParamName, 'publishedFrom' | 'writtenFrom', 'publishedTo' | 'writtenTo'][] = [
    ['from', 'to', 'publishedFrom', 'publishedTo'],
    ['wfrom', 'wto', 'writtenFrom', 'writtenTo'],
  ];
  for (const [a, b, fa, fb] of dates) {
    const va = raw[a]?.trim();
    const vb = raw[b]?.trim();
    if (va) {
      if (isValidDate(va)) filters[fa] = va;
      else errors[a] = msg.date;
    }
    if (vb) {
      if (isValidDate(vb)) filters[fb] = vb;
      else errors[b] = msg.date;
    }
    if (filters[fa] && filters[fb] && filters[fa]! > filters[fb]!) errors[b] = msg.order;
  }
  if (present(raw.kind)) {
    const list = [...new Set(raw.kind.split(',').map((k) => k.trim()).filter(Boolean))];
    if (list.length && list.every((k) => (RESULT_KINDS as readonly string[]).includes(k))) {
      if (list.length < RESULT_KINDS.length) filters.kinds = list as ResultKind[];
    } else errors.kind = msg.kind;
  }
  let sort: SortOrder = 'relevance';
  if (present(raw.sort)) {
    if (raw.sort === 'date' || raw.sort === 'relevance') sort = raw.sort;
    else errors.sort = msg.sort;
  }
  let perPage = 20;
  if (present(raw.per_page)) {
    const n = positiveInt(raw.per_page.trim());
    if (n !== null && n <= MAX_PER_PAGE) perPage = n;
    else errors.per_page = msg.perPage;
  }
  let page = 1;
  if (present(raw.page)) {
    const n = positiveInt(raw.page.trim());
    if (n !== null && (n - 1) * perPage < LIMITS.maxResults) page = n;
    else errors.page = msg.page;
  }
  return { q: raw.q ?? '', filters, sort, page, perPage, unit, errors };
}

/** The query string of a search, for links (pages, sort order, suggestion). */
export function searchHref(raw: RawParams, change: RawParams = {}): string {
  const p = new URLSearchParams();
  for (const k of PARAM_NAMES) {
    const v = k in change ? change[k] : raw[k];
    if (v !== undefined && v !== '' && !(k === 'page' && v === '1')) p.set(k, v);
  }
  const s = p.toString();
  return s ? `/search?${s}` : '/search';
}
