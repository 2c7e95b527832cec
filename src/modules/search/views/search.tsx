/**
 * The 信息检索 page (条例 第二十四条): a GET form that works without JavaScript, filters in a
 * <details> box, results with highlighted titles and snippets, counts and pages.
 *
 * Titles and snippets are rendered from highlight.ts output, whose only markup is <mark>:
 * everything else in it is escaped (a document titled <script> shows as text; tests pin it).
 */
import type { ComponentChildren } from 'preact';
import { Shell, t, ErrorSummary, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatNumber, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { DOC_TYPES, TOPICS, VALIDITY, docTypeOf, validityOf } from '../../documents/domain/taxonomy.ts';
import { docHref } from '../../documents/views/portal-views.tsx';
import { PortalNav } from '../../portal/nav.tsx';
import type { SearchOutcome, SearchHit } from '../store/query.ts';
import { RESULT_KINDS, type ResultKind } from '../store/items.ts';
import { searchHref, type RawParams, type ResolvedParams } from '../http/params.ts';

export interface SearchOptions {
  units: { slug: string; name: string; short_name: string; depth: number }[];
  topics: { key: string; name_zh: string; name_en: string }[];
  columns: { id: number; name_zh: string; name_en: string; depth: number }[];
}

/** The label of each kind of result (items.ts RESULT_KINDS). */
export const KIND_LABELS = {
  document: { zh: '政府信息', en: 'Document' },
  guide: { zh: '办事指南', en: 'Service guide' },
  power: { zh: '权责清单', en: 'Power (权责清单)' },
  report: { zh: '年度报告', en: 'Annual report' },
} satisfies Record<ResultKind, Msg>;

export const L = {
  title: { zh: '信息检索', en: 'Search' },
  kind: { zh: '类别', en: 'Kind' },
  query: { zh: '搜索关键词', en: 'Search for' },
  queryHint: {
    zh: '多个词用空格分开；用引号查找完整短语，如 "政务公开工作要点"；在词前加减号排除，如 -征求意见；也可直接输入文号（如 朝政发〔2020〕12号）或索引号。',
    en: 'Separate words with spaces; quote a phrase ("…"); put a minus before a word to exclude it (-word); a document number (文号) or index number also works.',
  },
  submit: { zh: '搜索', en: 'Search' },
  filters: { zh: '高级筛选', en: 'Filters' },
  unit: { zh: '发布单位', en: 'Published by' },
  allUnits: { zh: '全部单位', en: 'All units' },
  sub: { zh: '包含下级单位', en: 'Include units below it' },
  column: { zh: '栏目', en: 'Column' },
  topic: { zh: '专题', en: 'Special topic' },
  subject: { zh: '主题分类', en: 'Subject' },
  type: { zh: '公文种类', en: 'Document type' },
  issuer: { zh: '发文机关', en: 'Issued by' },
  validity: { zh: '有效性', en: 'Validity' },
  published: { zh: '发布日期', en: 'Published' },
  written: { zh: '成文日期', en: 'Written' },
  from: { zh: '起', en: 'from' },
  to: { zh: '止', en: 'to' },
  any: { zh: '不限', en: 'Any' },
  sort: { zh: '排序', en: 'Sort' },
  byRelevance: { zh: '按相关度', en: 'By relevance' },
  byDate: { zh: '按发布日期', en: 'By date' },
  countExact: { zh: '共找到 {n} 条结果', en: '{n} results' },
  countAbout: { zh: '约 {n} 条结果', en: 'About {n} results' },
  none: { zh: '没有找到相关文件。请检查用字，换用更常见的词，或减少筛选条件。', en: 'Nothing found. Check the spelling, try more common words, or remove filters.' },
  didYouMean: { zh: '您是不是要找：', en: 'Did you mean: ' },
  docNumber: { zh: '文号', en: 'No.' },
  indexNo: { zh: '索引号', en: 'Index no.' },
  byNumber: { zh: '文号/索引号匹配', en: 'Number match' },
  results: { zh: '搜索结果', en: 'Results' },
  pages: { zh: '分页', en: 'Pages' },
  cap: { zh: '仅显示前 {n} 条，请增加关键词或筛选条件。', en: 'Only the first {n} are shown; add words or filters.' },
} satisfies Record<string, Msg>;

function Select(p: { c: ViewContext; name: string; label: string; value: string | undefined; options: [string, string][]; errors: Record<string, Msg> }) {
  const id = `f-${p.name}`;
  const err = p.errors[p.name];
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {err ? <p class="error" id={`${id}-err`}>{tr(p.c.l, err)}</p> : null}
      <select id={id} name={p.name} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-err` : undefined}>
        <option value="">{tr(p.c.l, L.any)}</option>
        {p.options.map(([v, label]) => <option value={v} selected={p.value === v}>{label}</option>)}
      </select>
    </div>
  );
}

function DateRangeFields(p: { c: ViewContext; legend: string; names: [string, string]; raw: RawParams; errors: Record<string, Msg> }) {
  const T = t(p.c);
  return (
    <fieldset class="date-range">
      <legend>{p.legend}</legend>
      <div class="date-range-row">
      {p.names.map((n, i) => {
        const id = `f-${n}`;
        const err = p.errors[n];
        return (
          <div class={`field${err ? ' has-error' : ''}`}>
            <label for={id}>{T(i === 0 ? L.from : L.to)}</label>
            {err ? <p class="error" id={`${id}-err`}>{tr(p.c.l, err)}</p> : null}
            <input type="date" id={id} name={n} value={p.raw[n as keyof RawParams] ?? ''} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-err` : undefined} />
          </div>
        );
      })}
      </div>
    </fieldset>
  );
}

function SearchForm(p: { c: ViewContext; raw: RawParams; params: ResolvedParams; options: SearchOptions }) {
  const { c, raw, params } = p;
  const T = t(c);
  const e = params.errors;
  const indent = (depth: number) => '　'.repeat(Math.max(0, depth));
  const unitOptions: [string, string][] = p.options.units.map((u) => [u.slug, indent(u.depth) + (c.l === 'en' ? u.short_name : u.name)]);
  const filtersSet = ['column', 'topic', 'subject', 'type', 'issuer', 'validity', 'from', 'to', 'wfrom', 'wto'].some((k) => raw[k as keyof RawParams]) || Object.keys(e).length > 0;
  return (
    <form method="get" action="/search" role="search" class="search-form" aria-label={T(L.title)}>
      <div class="field">
        <label for="f-q">{T(L.query)}</label>
        <p class="hint" id="f-q-hint">{T(L.queryHint)}</p>
        <div class="search-row">
          <input type="search" id="f-q" name="q" value={raw.q ?? ''} aria-describedby="f-q-hint" autoComplete="off" />
          <button type="submit">{T(L.submit)}</button>
        </div>
      </div>
      <details class="filters" open={filtersSet}>
        <summary>{T(L.filters)}</summary>
        <div class="filter-grid">
          <Select c={c} name="unit" label={T(L.unit)} value={raw.unit} options={unitOptions} errors={e} />
          <div class="field checkbox">
            <input type="checkbox" id="f-sub" name="sub" value="0" checked={raw.sub === '0'} />
            <label for="f-sub">{c.l === 'en' ? 'This unit only (not the units below it)' : '仅本单位（不含下级单位）'}</label>
          </div>
          <Select c={c} name="kind" label={T(L.kind)} value={raw.kind} options={RESULT_KINDS.map((k) => [k, T(KIND_LABELS[k])])} errors={e} />
          {p.options.columns.length ? (
            <Select c={c} name="column" label={T(L.column)} value={raw.column} options={p.options.columns.map((col) => [String(col.id), indent(col.depth) + (c.l === 'en' ? col.name_en : col.name_zh)])} errors={e} />
          ) : null}
          <Select c={c} name="topic" label={T(L.topic)} value={raw.topic} options={p.options.topics.map((x) => [x.key, c.l === 'en' ? x.name_en : x.name_zh])} errors={e} />
          <Select c={c} name="subject" label={T(L.subject)} value={raw.subject} options={TOPICS.map((x) => [x.code, c.l === 'en' ? x.en : x.zh])} errors={e} />
          <Select c={c} name="type" label={T(L.type)} value={raw.type} options={DOC_TYPES.map((x) => [x.code, c.l === 'en' ? x.en : x.zh])} errors={e} />
          <Select c={c} name="issuer" label={T(L.issuer)} value={raw.issuer} options={unitOptions} errors={e} />
          <Select c={c} name="validity" label={T(L.validity)} value={raw.validity} options={VALIDITY.map((x) => [x.code, c.l === 'en' ? x.en : x.zh])} errors={e} />
          <DateRangeFields c={c} legend={T(L.published)} names={['from', 'to']} raw={raw} errors={e} />
          <DateRangeFields c={c} legend={T(L.written)} names={['wfrom', 'wto']} raw={raw} errors={e} />
          <fieldset class="sort">
            <legend>{T(L.sort)}</legend>
            <label class="inline-choice"><input type="radio" name="sort" value="relevance" checked={params.sort !== 'date'} /> {T(L.byRelevance)}</label>
            <label class="inline-choice"><input type="radio" name="sort" value="date" checked={params.sort === 'date'} /> {T(L.byDate)}</label>
          </fieldset>
        </div>
        <p><button type="submit">{T(L.submit)}</button></p>
      </details>
    </form>
  );
}

function Pager(p: { c: ViewContext; raw: RawParams; page: number; pages: number }) {
  if (p.pages <= 1) return null;
  const T = t(p.c);
  const href = (n: number) => searchHref(p.raw, { page: String(n) });
  const near = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  return (
    <nav aria-label={T(L.pages)}>
      <ul class="pager">
        {p.page > 1 ? <li><a href={href(p.page - 1)} rel="prev">{T(M.prev)}</a></li> : null}
        {near.map((n, i) => (
          <>
            {i > 0 && n - near[i - 1] > 1 ? <li><span aria-hidden="true">…</span></li> : null}
            <li>{n === p.page ? <span aria-current="page">{n}</span> : <a href={href(n)} aria-label={T(M.page, { n })}>{n}</a>}</li>
          </>
        ))}
        {p.page < p.pages ? <li><a href={href(p.page + 1)} rel="next">{T(M.next)}</a></li> : null}
      </ul>
    </nav>
  );
}

function Hit(p: { c: ViewContext; hit: SearchHit }) {
  const { c, hit } = p;
  const T = t(c);
  const type = docTypeOf(hit.docType);
  const validity = validityOf(hit.validity);
  const meta: ComponentChildren[] = [hit.unitName];
  if (hit.publishDate) meta.push(<time dateTime={hit.publishDate}>{formatDate(c.l, hit.publishDate)}</time>);
  if (hit.docNumber) meta.push(`${T(L.docNumber)}：${hit.docNumber}`);
  if (hit.indexNo) meta.push(`${T(L.indexNo)}：${hit.indexNo}`);
  if (type) meta.push(c.l === 'en' ? type.en : type.zh);
  if (validity) meta.push(c.l === 'en' ? validity.en : validity.zh);
  return (
    <li class="result">
      <h2 class="result-title">
        {/* highlight.ts escapes everything but <mark> */}
        <span class={`badge kind-${hit.kind}`}>{T(KIND_LABELS[hit.kind])}</span>{' '}
        <a href={hit.url ?? docHref(hit.unitSlug, hit.id)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        {hit.matched === 'number' ? <span class="badge green">{T(L.byNumber)}</span> : null}
      </h2>
      <p class="result-meta">{meta.map((m, i) => <>{i > 0 ? <span aria-hidden="true"> · </span> : null}<span>{m}</span></>)}</p>
      {hit.snippetHtml ? <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} /> : null}
    </li>
  );
}

function Results(p: { c: ViewContext; raw: RawParams; outcome: SearchOutcome }) {
  const { c, outcome } = p;
  const T = t(c);
  if (!outcome.ok) {
    return <div class="error-summary" role="alert"><p><strong>{tr(c.l, outcome.error)}</strong></p></div>;
  }
  const n = formatNumber(c.l, outcome.total);
  const first = (outcome.page - 1) * outcome.perPage + 1;
  return (
    <section aria-labelledby="h-results">
      <h2 id="h-results" class="sr-only">{T(L.results)}</h2>
      <p class="search-count" role="status">{T(outcome.totalExact ? L.countExact : L.countAbout, { n })}</p>
      {outcome.warnings.map((w) => <p class="warn">{tr(c.l, w)}</p>)}
      {outcome.suggestion ? (
        <p class="notice">{T(L.didYouMean)}<a href={searchHref(p.raw, { q: outcome.suggestion, page: '1' })}>{outcome.suggestion}</a></p>
      ) : null}
      {outcome.total > 0 ? (
        <p class="sort-links">
          {outcome.hits.length ? (
            <>
              {p.raw.sort === 'date' ? <a href={searchHref(p.raw, { sort: 'relevance', page: '1' })}>{T(L.byRelevance)}</a> : <strong>{T(L.byRelevance)}</strong>}
              <span aria-hidden="true"> | </span>
              {p.raw.sort === 'date' ? <strong>{T(L.byDate)}</strong> : <a href={searchHref(p.raw, { sort: 'date', page: '1' })}>{T(L.byDate)}</a>}
            </>
          ) : null}
        </p>
      ) : <p>{T(L.none)}</p>}
      {outcome.hits.length ? (
        <ol class="search-results" start={first}>
          {outcome.hits.map((h) => <Hit c={c} hit={h} />)}
        </ol>
      ) : null}
      {outcome.total > outcome.pages * outcome.perPage && outcome.page === outcome.pages ? <p class="hint">{T(L.cap, { n: outcome.pages * outcome.perPage })}</p> : null}
      <Pager c={c} raw={p.raw} page={outcome.page} pages={outcome.pages} />
    </section>
  );
}

export function SearchPage(p: { c: ViewContext; raw: RawParams; params: ResolvedParams; outcome: SearchOutcome | null; options: SearchOptions }) {
  const { c, params } = p;
  const T = t(c);
  const unit = params.unit;
  const heading = unit ? `${unit.name} · ${T(L.title)}` : T(L.title);
  const labels: Record<string, string> = {
    q: T(L.query), unit: T(L.unit), issuer: T(L.issuer), column: T(L.column), topic: T(L.topic), subject: T(L.subject), type: T(L.type),
    validity: T(L.validity), from: `${T(L.published)}（${T(L.from)}）`, to: `${T(L.published)}（${T(L.to)}）`,
    wfrom: `${T(L.written)}（${T(L.from)}）`, wto: `${T(L.written)}（${T(L.to)}）`,
  };
  const fieldErrors = Object.fromEntries(Object.entries(params.errors).map(([k, v]) => [['sort', 'page', 'per_page'].includes(k) ? 'q' : k, v]));
  return (
    <Shell
      c={c}
      title={heading}
      area="portal"
      nav={<PortalNav c={c} unit={unit ?? undefined} current="search" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, ...(unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }] : []), { label: T(L.title) }]}
      meta={{ columnName: T(L.title), columnType: '信息检索', description: heading }}
    >
      <h1>{heading}</h1>
      <ErrorSummary c={c} errors={fieldErrors} labels={labels} />
      <SearchForm c={c} raw={p.raw} params={params} options={p.options} />
      {p.outcome ? <Results c={c} raw={p.raw} outcome={p.outcome} /> : null}
    </Shell>
  );
}
