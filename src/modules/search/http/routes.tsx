/**
 * 信息检索 (条例 第二十四条): the portal page and the API, over the same search.
 *   GET /search                 the page, cluster-wide; ?unit=<slug> scopes it to a unit's site
 *   GET /api/v1/search          JSON, the same parameters (params.ts), rate-limited
 * Bad input is a message, never a 500: an empty or over-long query (text/query.ts) is shown on
 * the page and is a 400 with its code on the API; a bad filter is a 400 with field messages.
 *
 * The plugin also starts indexing on document changes (jobs.ts) for this app's database.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { viewContext, localeOf } from '../../../core/http/request.ts';
import { AppError, badRequest } from '../../../core/http/errors.ts';
import { tr } from '../../../core/render/i18n.ts';
import { listUnits } from '../../units/repository.ts';
import { docHref } from '../../documents/views/portal-views.tsx';
import { search, type SearchOutcome } from '../store/query.ts';
import { PARAM_NAMES, rawParams, resolveParams, type ResolvedParams } from './params.ts';
import { SearchPage, type SearchOptions } from '../views/search.tsx';
import { startIndexing } from '../jobs.ts';
import { warmUpTokenizer } from '../text/tokenize.ts';
import { RESULT_KINDS } from '../store/items.ts';
import '../cli.ts';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const SearchQuery = Type.Object(
  Object.fromEntries(PARAM_NAMES.map((k) => [k, Type.Optional(Type.String({
    maxLength: k === 'q' ? 8000 : 200,
    ...(k === 'kind' ? { description: 'document | guide | power | report, or several comma-separated; default all. Guides, powers and reports have no column, 专题, 主题分类, 公文种类, 发文机关, 有效性 or 成文日期: those filters leave them out.' } : {}),
  }))])),
  { additionalProperties: true },
);

const HitJson = Type.Object({
  kind: Type.Union(RESULT_KINDS.map((k) => Type.Literal(k)), { description: 'document (解读 included), guide (办事指南), power (权责清单 item) or report (年度报告)' }),
  id: Type.Integer({ description: 'id within its kind' }),
  title: Type.String(),
  title_html: Type.String({ description: 'title, HTML-escaped, query words in <mark>' }),
  snippet_html: Type.String({ description: 'excerpt, HTML-escaped, query words in <mark>' }),
  url: Type.String(),
  index_no: Type.String({ description: '索引号' }),
  doc_number: N(Type.String({ description: '文号' })),
  unit: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
  publish_date: N(Type.String({ format: 'date' })),
  written_date: N(Type.String({ format: 'date' })),
  doc_type: N(Type.String()),
  validity: N(Type.String()),
  interprets_id: N(Type.Integer()),
  matched: Type.String({ description: 'number (文号/索引号), title (every word in the title) or text' }),
});

const SearchJson = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: 'matching results (documents, guides, powers, reports); an estimate when total_exact is false' }),
  total_exact: Type.Boolean(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  pages: Type.Integer(),
  suggestion: N(Type.String({ description: 'did you mean' })),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  results: Type.Array(HitJson),
});

export async function searchOptions(db: DbOrTx, unit: ResolvedParams['unit']): Promise<SearchOptions> {
  const [units, topics, columns] = await Promise.all([
    listUnits(db, { activeOnly: true }),
    db.selectFrom('doc_topics').select(['key', 'name_zh', 'name_en']).where('active', '=', true).orderBy('key').execute(),
    unit
      ? sql<{ id: number; name_zh: string; name_en: string; depth: number }>`
          with recursive tree(id, name_zh, name_en, depth, ord) as (
            select id, name_zh, name_en, 0, array[sort, id] from doc_columns where unit_id = ${unit.id} and parent_id is null and enabled
            union all
            select c.id, c.name_zh, c.name_en, t.depth + 1, t.ord || array[c.sort, c.id]
            from doc_columns c join tree t on c.parent_id = t.id where c.enabled
          ) select id, name_zh, name_en, depth from tree order by ord`.execute(db).then((r) => r.rows)
      : Promise.resolve([]),
  ]);
  return { units: units.map((u) => ({ slug: u.slug, name: u.name, short_name: u.short_name, depth: u.level })), topics, columns };
}

export default async function searchRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const indexing = startIndexing(db, { dataDir: cfg.dataDir }, app.log);
  app.addHook('onClose', async () => {
    indexing.stop();
    await indexing.idle();
  });
  // jieba's dictionaries take ~0.5 s to load: do it when the server starts listening rather than
  // on the first search (tests that never listen skip it).
  app.addHook('onListen', async () => {
    setImmediate(() => warmUpTokenizer());
  });

  app.get('/search', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (req, reply) => {
    const raw = rawParams(req.query);
    const params = await resolveParams(db, raw);
    const bad = Object.keys(params.errors).length > 0;
    let outcome: SearchOutcome | null = null;
    if (!bad && raw.q !== undefined) {
      outcome = await search(db, { q: params.q, filters: params.filters, sort: params.sort, page: params.page, perPage: params.perPage });
    }
    const c = viewContext(req, reply);
    const options = await searchOptions(db, params.unit);
    return reply
      .code(bad ? 400 : 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderHtml(SearchPage({ c, raw, params, outcome, options })));
  });

  app.get('/api/v1/search', {
    schema: {
      summary: 'Full-text search of published documents, 办事指南, 权责清单 items and annual reports / 信息检索',
      description: 'Words (AND), "phrases", -exclusions and 文号 in `q`; filters as on the /search page. ' +
        'An empty query, one over 200 characters, or a bad filter → 400 with `error.code` (empty, too_long, nothing_searchable, only_exclusions, page_too_deep, bad_request).',
      tags: ['search'],
      querystring: SearchQuery,
      response: { 200: SearchJson },
    },
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req) => {
    const raw = rawParams(req.query);
    const params = await resolveParams(db, raw);
    if (Object.keys(params.errors).length) throw badRequest({ zh: '搜索参数不正确', en: 'Invalid search parameters' }, params.errors);
    const r = await search(db, { q: params.q, filters: params.filters, sort: params.sort, page: params.page, perPage: params.perPage });
    if (!r.ok) throw new AppError(400, r.error.code, { zh: r.error.zh, en: r.error.en });
    const l = localeOf(req);
    return {
      query: r.query.raw,
      total: r.total,
      total_exact: r.totalExact,
      page: r.page,
      per_page: r.perPage,
      pages: r.pages,
      suggestion: r.suggestion,
      warnings: r.warnings.map((w) => ({ code: w.code, message: tr(l, w) })),
      results: r.hits.map((h) => ({
        kind: h.kind,
        id: h.id,
        title: h.title,
        title_html: h.titleHtml,
        snippet_html: h.snippetHtml,
        url: h.url ?? docHref(h.unitSlug, h.id),
        index_no: h.indexNo,
        doc_number: h.docNumber,
        unit: { id: h.unitId, slug: h.unitSlug, name: h.unitName },
        publish_date: h.publishDate,
        written_date: h.writtenDate,
        doc_type: h.docType,
        validity: h.validity,
        interprets_id: h.interpretsId,
        matched: h.matched,
      })),
    };
  });
}
