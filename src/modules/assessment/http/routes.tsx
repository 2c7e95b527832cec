/**
 * The assessment (要点 第24点): `/admin/assessment?year=` (ranking per unit and per county, charts,
 * exports), `/admin/assessment/units/:id`, `/admin/assessment/weights` and `GET /api/v1/assessment?year=`
 * (the same figures as JSON). Everything is scoped by assessment.view: a county's supervisor sees its
 * county's units. The API is not public: it takes the session cookie or an API token (Bearer), and
 * answers with the caller's scope — the same figures the page shows them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { xlsxBuffer } from '../../../core/docs/xlsx.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../../core/http/errors.ts';
import { loadActor } from '../../../core/http/auth.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { shanghaiDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { actorForApiToken } from '../../accounts/commands/tokens.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { yearParam } from '../../training/http/routes.tsx';
import { csvLine } from '../../training/domain/rules.ts';
import { saveWeights } from '../commands.ts';
import { INDICATORS, KEYS, rateOf } from '../domain/indicators.ts';
import { assess, weightsFor, type Assessment } from '../store/queries.ts';
import { chartSvg } from '../views/charts.ts';
import { AssessmentPage, UnitAssessmentPage, WeightsPage } from '../views/admin.tsx';

ADMIN_NAV.push({ key: 'assessment', href: '/admin/assessment', label: { zh: '考核评估', en: 'Assessment' }, action: 'assessment.view', order: 79.5 });

const HTML = 'text/html; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const thisYear = () => Number(shanghaiDate().slice(0, 4));
const SAVED: Msg = { zh: '已保存权重。', en: 'The weights are saved.' };

const Ratio = Type.Object({ num: Type.Number(), den: Type.Number(), rate: Type.Union([Type.Number(), Type.Null()]), points: Type.Union([Type.Number(), Type.Null()]), weight: Type.Number() });
const RowJson = Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String(), rank: Type.Union([Type.Integer(), Type.Null()]), score: Type.Union([Type.Number(), Type.Null()]), indicators: Type.Record(Type.String(), Ratio) });
const row = (r: Assessment['units'][number]) => ({
  id: r.id, name: r.name, type: r.type, rank: r.rank, score: r.total,
  indicators: Object.fromEntries(KEYS.map((k) => [k, { ...r.figures[k], rate: r.score.parts[k].rate, points: r.score.parts[k].points, weight: r.score.parts[k].max }])),
});

/** Sheet rows of the ranking: header, counties, then units. */
function table(a: Assessment, l: 'zh-CN' | 'en'): (string | number | null)[][] {
  const head = [tr(l, { zh: '类别', en: 'Kind' }), tr(l, { zh: '名次', en: 'Rank' }), tr(l, { zh: '单位', en: 'Unit' }), tr(l, { zh: '得分', en: 'Score' }), ...INDICATORS.map((i) => `${tr(l, i.name)} (%)`)];
  const line = (kind: Msg) => (r: Assessment['units'][number]) => [tr(l, kind), r.rank, r.name, r.total, ...KEYS.map((k) => { const v = r.score.parts[k].rate; return v === null ? null : Math.round(v * 1000) / 10; })];
  return [head, ...a.counties.map(line({ zh: '县（市）区', en: 'County' })), ...a.units.map(line({ zh: '单位', en: 'Unit' }))];
}

export default async function assessmentRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { year?: string; done?: string } }>;
  const run = (req: FastifyRequest, year: number) => assess(db, { year, today: shanghaiDate(), scope: scopePaths(req.actor, 'assessment.view') });
  /** The weights are city-wide: assessment.weights on the root unit (commands.ts). */
  const mayEditWeights = async (req: FastifyRequest) => {
    const root = await db.selectFrom('units').select('path').where('parent_id', 'is', null).orderBy('id').limit(1).executeTakeFirst();
    return Boolean(root && can(req.actor, 'assessment.weights', root.path));
  };
  const needSomewhere = (req: FastifyRequest) => { if (!scopePaths(req.actor, 'assessment.view').length) throw forbidden(); };

  app.get('/api/v1/assessment', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      summary: 'The assessment of a year (要点 第24点) for the caller\u2019s scope: per county and per unit, every indicator\u2019s counts, rate and points, the score and rank. Needs a session or `Authorization: Bearer <API token>` of a user with assessment.view.',
      tags: ['units'],
      security: [{ bearerAuth: [] }],
      querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4, description: 'e.g. 2020 (default: this year)' })) }),
      response: { 200: Type.Object({ year: Type.Integer(), reference_day: Type.String(), weights: Type.Record(Type.String(), Type.Number()), training_target: Type.Number(), total: RowJson, counties: Type.Array(RowJson), units: Type.Array(RowJson) }) },
    },
  }, async (req) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (req.headers.authorization) {
      req.actor = m ? await actorForApiToken(db, m[1]) : null;
      if (!req.actor) throw new AppError(401, 'invalid_token', { zh: 'API 令牌无效、已过期或已撤销', en: 'The API token is invalid, expired or revoked' });
    } else await loadActor(req);
    if (!req.actor) throw unauthenticated();
    needSomewhere(req);
    const a = await run(req, yearParam((req.query as { year?: string }).year, thisYear()));
    return { year: a.year, reference_day: a.ref, weights: a.weights.weights, training_target: a.weights.trainingTarget, total: row({ ...a.total, name: '合计' }), counties: a.counties.map(row), units: a.units.map(row) };
  });

  await adminRoutes(app, async (s) => {
    s.get('/admin/assessment', async (req: Req, reply) => {
      needSomewhere(req);
      const a = await run(req, yearParam(req.query.year, thisYear()));
      const c = viewContext(req, reply);
      const T = (m: Msg, v?: Record<string, string | number>) => tr(c.l, m, v);
      const trendKeys = ['docs_on_time', 'requests_on_time', 'messages_on_time'] as const;
      const pctOf = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
      const ranked = a.units.filter((u) => u.total !== null);
      const [trend, units, counties] = await Promise.all([
        chartSvg({ id: 'c-trend', kind: 'line', max: 100, title: T({ zh: '{y} 年各月及时率（%）', en: 'Monthly rates {y} (%)' }, { y: a.year }), desc: T({ zh: '折线图：主动公开、依申请答复、留言答复各月按期比例；数据见图下表格。', en: 'Line chart of the monthly on-time rates of documents, requests and messages; the figures are in the table below.' }), categories: a.months.map((_, i) => T({ zh: '{m}月', en: 'M{m}' }, { m: i + 1 })), series: trendKeys.map((k) => ({ name: T(INDICATORS.find((i) => i.key === k)!.name), data: a.months.map((m) => pctOf(rateOf(k, m[k]))) })) }),
        chartSvg({ id: 'c-units', kind: 'bar', max: 100, title: T({ zh: '{y} 年各单位得分', en: 'Scores of the units, {y}' }, { y: a.year }), desc: T({ zh: '条形图：各单位得分，由高到低；数据见排名表。', en: 'Bar chart of the units\u2019 scores, highest first; the figures are in the ranking table.' }), categories: ranked.map((u) => u.name), series: [{ name: T({ zh: '得分', en: 'Score' }), data: ranked.map((u) => u.total) }] }),
        a.counties.length > 1 ? chartSvg({ id: 'c-counties', kind: 'bar', max: 100, title: T({ zh: '{y} 年各县（市）区得分', en: 'Scores of the counties, {y}' }, { y: a.year }), desc: T({ zh: '条形图：各县（市）区（含所属单位）得分；数据见县（市）区排名表。', en: 'Bar chart of the counties\u2019 scores; the figures are in the county table.' }), categories: a.counties.map((u) => u.name), series: [{ name: T({ zh: '得分', en: 'Score' }), data: a.counties.map((u) => u.total) }] }) : Promise.resolve(null),
      ]);
      return send(reply, AssessmentPage({ c, a, charts: { trend, units, counties }, mayEditWeights: await mayEditWeights(req) }));
    });
    s.get('/admin/assessment/units/:id', async (req: Req, reply) => {
      needSomewhere(req);
      const a = await run(req, yearParam(req.query.year, thisYear()));
      const r = a.units.find((u) => u.id === idOf(req.params.id)) ?? a.counties.find((u) => u.id === idOf(req.params.id));
      if (!r) throw notFound({ zh: '单位', en: 'unit' });
      return send(reply, UnitAssessmentPage({ c: viewContext(req, reply), a, row: r }));
    });
    s.get('/admin/assessment/export.csv', async (req: Req, reply) => {
      needSomewhere(req);
      const a = await run(req, yearParam(req.query.year, thisYear()));
      const body = '\ufeff' + table(a, 'zh-CN').map(csvLine).join('');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="assessment-${a.year}.csv"`).header('cache-control', 'private, no-store').send(body);
    });
    s.get('/admin/assessment/export.xlsx', async (req: Req, reply) => {
      needSomewhere(req);
      const a = await run(req, yearParam(req.query.year, thisYear()));
      const buf = await xlsxBuffer(table(a, 'zh-CN').map((r) => r.map((v) => (v === null ? null : { value: v }))) as never, { sheet: String(a.year) });
      return reply.type(XLSX).header('content-disposition', `attachment; filename="assessment-${a.year}.xlsx"`).header('cache-control', 'private, no-store').send(buf);
    });
    const weightsPage = async (req: Req, reply: FastifyReply, values?: Record<string, string>, errors?: Record<string, Msg>, status = 200) => {
      const year = yearParam(req.query.year, thisYear());
      return send(reply, WeightsPage({ c: viewContext(req, reply), year, w: await weightsFor(db, year), values, errors, notice: req.query.done === 'saved' ? SAVED : undefined }), status);
    };
    s.get('/admin/assessment/weights', async (req: Req, reply) => {
      if (!(await mayEditWeights(req))) throw forbidden();
      return weightsPage(req, reply);
    });
    s.post('/admin/assessment/weights', async (req: Req, reply) => {
      const year = yearParam(req.query.year, thisYear());
      const body = formBody(req);
      try {
        await saveWeights(db, commandContext(req), year, body);
        return reply.redirect(`/admin/assessment/weights?year=${year}&done=saved`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return weightsPage(req, reply, body, e.fields, e.status);
        throw e;
      }
    });
  });
}
