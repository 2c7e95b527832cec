/**
 * Routes of the annual report: the public 政府信息公开年报 column (/u/<slug>/xxgk/nb) and the admin
 * pages (/admin/reports…). Handlers are thin: load, authorize, call one command, render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { scopePaths } from '../../../core/auth/policy.ts';
import { authorize } from '../../../core/commands/context.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { DASHBOARD_WIDGETS } from '../../admin/dashboard.tsx';
import { unitBySlug } from '../../units/repository.ts';
import { allCellPaths, getCell } from '../domain/shape.ts';
import { FORMATS, formatForYear, manualCells } from '../domain/formats.ts';
import { currentReportYear } from '../domain/deadlines.ts';
import { loadPublished, loadReport, MIN_YEAR, type LoadedReport } from '../store/assemble.ts';
import { caseDetails, docDetails } from '../store/sources.ts';
import { deadlineSettings, manualFigures, publishedReports, reportDocumentDates, reportDocuments, requiredKind } from '../store/repository.ts';
import { importManualFigures, publishReport, reopenReport, reportTarget, saveDeadlineSettings, saveManualFigures, saveNarrative, type FigureInput } from '../commands.ts';
import { attachment, CONTENT_TYPES, isOutputFormat, renderPublished } from '../export/export.ts';
import { deadlineOf, reportOverview } from '../store/status.ts';
import { DrillPage, OverviewPage, ReportPage, reportUrl } from '../views/views.tsx';
import { FiguresPage, NarrativePage, SettingsPage } from '../views/forms.tsx';
import { PublicList, PublicReport } from '../views/public.tsx';
import { reportsWidget } from '../views/widget.tsx';
import type { ReportKind } from '../store/tables.ts';
import '../policy.ts';
import '../cli.ts';
import '../demo/seed.ts';

ADMIN_NAV.push({ key: 'reports', href: '/admin/reports', label: { zh: '年度报告', en: 'Annual reports' }, action: 'report.view', order: 60 });
DASHBOARD_WIDGETS.push(reportsWidget);

type P = { unitId: string; year: string; kind: string };
const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
const REPORT = { zh: '年度报告', en: 'annual report' };

function params(req: FastifyRequest<{ Params: P }>): { unitId: number; year: number; kind: ReportKind } {
  const { unitId, year, kind } = req.params;
  if (!/^\d{1,9}$/.test(unitId) || !/^\d{4}$/.test(year) || (kind !== 'unit' && kind !== 'summary')) throw notFound(REPORT);
  return { unitId: Number(unitId), year: Number(year), kind };
}

export default async function reportRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  // ---- public: the unit's 政府信息公开年报 column --------------------------------------------------------
  // One place for every published report of the unit: those made here, and the earlier ones filed as
  // documents in the catalog's 年报 column (imported with the unit's other documents).
  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/nb', async (req, reply) => {
    const unit = await unitBySlug(db, req.params.slug, { includeInactive: true });
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    const [reports, documents] = await Promise.all([publishedReports(db, unit.id), reportDocuments(db, unit.id)]);
    return html(reply, 200, renderHtml(PublicList({ c: viewContext(req, reply), unit, mainKind: requiredKind(unit), reports, documents })));
  });
  // The catalog's own address of that column (/xxgk/annual-reports) is the same list.
  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/annual-reports', async (req, reply) => reply.redirect(`/u/${encodeURIComponent(req.params.slug)}/xxgk/nb`, 301));

  app.get<{ Params: { slug: string; file: string } }>('/u/:slug/xxgk/nb/:file', async (req, reply) => {
    const m = /^(\d{4})(?:-(unit|summary))?(?:\.(docx|pdf|json|html))?$/.exec(req.params.file);
    const unit = m ? await unitBySlug(db, req.params.slug, { includeInactive: true }) : undefined;
    if (!m || !unit) throw notFound(REPORT);
    const mainKind = requiredKind(unit);
    const kind = (m[2] as ReportKind | undefined) ?? mainKind;
    const r = await loadPublished(db, unit, Number(m[1]), kind);
    if (!r) throw notFound(REPORT);
    const fmt = m[3];
    if (fmt && isOutputFormat(fmt)) {
      const bytes = await renderPublished(r, fmt);
      return reply.type(CONTENT_TYPES[fmt]).header('content-disposition', attachment(r, fmt)).send(bytes);
    }
    return html(reply, 200, renderHtml(PublicReport({ c: viewContext(req, reply), unit, r, mainKind })));
  });

  // ---- admin --------------------------------------------------------------------------------------------
  await adminRoutes(app, (s) => {
    s.get<{ Querystring: { year?: string } }>('/admin/reports', async (req, reply) => {
      const c = viewContext(req, reply);
      const scope = scopePaths(req.actor, 'report.view');
      if (!scope.length) throw new AppError(403, 'forbidden', { zh: '您没有查看年度报告的权限', en: 'You may not view annual reports' });
      const today = shanghaiDate();
      const y = Number(req.query.year);
      const year = Number.isInteger(y) && y >= MIN_YEAR && y <= Number(today.slice(0, 4)) ? y : currentReportYear(today);
      const { rows, settings } = await reportOverview(db, scope, year, today);
      return html(reply, 200, renderHtml(OverviewPage({ c, year, rows, settings, canSettings: c.can('settings.manage') })));
    });

    s.get('/admin/reports/settings', async (req, reply) => {
      authorize(commandContext(req), 'settings.manage', null);
      return html(reply, 200, renderHtml(SettingsPage({ c: viewContext(req, reply), settings: await deadlineSettings(db) })));
    });
    s.post('/admin/reports/settings', async (req, reply) => {
      const b = formBody(req);
      try {
        await saveDeadlineSettings(db, commandContext(req), { department: b.department, government: b.government });
        return reply.redirect('/admin/reports', 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return html(reply, e.status, renderHtml(SettingsPage({ c: viewContext(req, reply), settings: await deadlineSettings(db), values: b, errors: e.fields })));
        throw e;
      }
    });

    /** Loads a report the actor may view (404 for a bad address, 403 outside the scope). */
    const load = async (req: FastifyRequest<{ Params: P }>) => {
      const { unitId, year, kind } = params(req);
      const unit = await reportTarget(db, commandContext(req), unitId, year, kind, 'report.view');
      return loadReport(db, unit, year, kind);
    };
    const page = async (req: FastifyRequest<{ Params: P }>, reply: FastifyReply, r: LoadedReport, status = 200, refusal?: { message: Msg; fields?: Record<string, Msg> }) => {
      const c = viewContext(req, reply);
      // a report the unit published as a document in its 年报 column counts, as in the overview
      const asDocument = r.row?.status === 'published' || r.kind !== requiredKind(r.unit) ? undefined : (await reportDocumentDates(db, [r.unit.id], r.year)).get(r.unit.id);
      const deadline = deadlineOf(r.kind, r.year, shanghaiDate(), await deadlineSettings(db), asDocument ? { status: 'published', published_on: asDocument } : r.row);
      return html(reply, status, renderHtml(ReportPage({ c, r, deadline, may: { edit: c.can('report.edit', r.unit.path), publish: c.can('report.publish', r.unit.path) }, refusal })));
    };

    s.get<{ Params: P }>('/admin/reports/:unitId/:year/:kind', async (req, reply) => page(req, reply, await load(req)));

    s.get<{ Params: P; Querystring: { cell?: string } }>('/admin/reports/:unitId/:year/:kind/drill', async (req, reply) => {
      const r = await load(req);
      const cell = String(req.query.cell ?? '');
      if (!allCellPaths(FORMATS[r.report.format]).includes(cell) || manualCells(formatForYear(r.year)).some((d) => d.path === cell)) throw notFound({ zh: '单元格', en: 'cell' });
      const c = viewContext(req, reply);
      if (r.parts) {
        const units = r.parts.map((p) => ({ unit: p.unit, value: getCell(p.report, cell) ?? 0 })).filter((u) => u.value !== 0 && u.value !== '0');
        return html(reply, 200, renderHtml(DrillPage({ c, r, cell, units })));
      }
      if (!r.drill) throw notFound({ zh: '明细（导入的数据没有明细）', en: 'breakdown (imported figures have none)' });
      const ids = r.drill[cell] ?? [];
      if (cell.startsWith('table2.')) return html(reply, 200, renderHtml(DrillPage({ c, r, cell, docs: await docDetails(db, ids) })));
      return html(reply, 200, renderHtml(DrillPage({ c, r, cell, cases: await caseDetails(db, ids) })));
    });

    s.get<{ Params: P & { fmt: string } }>('/admin/reports/:unitId/:year/:kind/export/:fmt', async (req, reply) => {
      const fmt = req.params.fmt;
      if (!isOutputFormat(fmt)) throw notFound(REPORT);
      const r = await load(req);
      return reply.type(CONTENT_TYPES[fmt]).header('content-disposition', attachment(r, fmt)).header('cache-control', 'no-store').send(await renderPublished(r, fmt));
    });

    // figures the platform does not hold
    const figuresPage = async (req: FastifyRequest<{ Params: P }>, reply: FastifyReply, status = 200, extra: { values?: Record<string, string>; errors?: Record<string, Msg>; json?: string } = {}) => {
      const { unitId, year, kind } = params(req);
      if (kind !== 'unit') throw notFound(REPORT);
      const unit = await reportTarget(db, commandContext(req), unitId, year, kind, 'report.edit');
      const r = await loadReport(db, unit, year, kind);
      const figures = (await manualFigures(db, [unit.id], year)).get(unit.id) ?? {};
      return html(reply, status, renderHtml(FiguresPage({ c: viewContext(req, reply), r, figures, ...extra })));
    };
    s.get<{ Params: P }>('/admin/reports/:unitId/:year/:kind/figures', async (req, reply) => figuresPage(req, reply));
    s.post<{ Params: P }>('/admin/reports/:unitId/:year/:kind/figures', async (req, reply) => {
      const { unitId, year, kind } = params(req);
      if (kind !== 'unit') throw notFound(REPORT);
      const b = formBody(req);
      const input: Record<string, FigureInput> = {};
      for (const d of manualCells(formatForYear(year))) input[d.path] = { value: b[`value:${d.path}`] ?? '', source: b[`source:${d.path}`] ?? '' };
      try {
        await saveManualFigures(db, commandContext(req), unitId, year, input);
        return reply.redirect(reportUrl(unitId, year, kind), 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return figuresPage(req, reply, e.status, { values: b, errors: e.fields });
        throw e;
      }
    });
    s.post<{ Params: P }>('/admin/reports/:unitId/:year/:kind/figures/import', async (req, reply) => {
      const { unitId, year, kind } = params(req);
      if (kind !== 'unit') throw notFound(REPORT);
      const text = formBody(req).json ?? '';
      try {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (err) {
          throw new AppError(422, 'invalid', { zh: '不是有效的 JSON', en: 'Not valid JSON' }, { json: { zh: `JSON 格式错误：${(err as Error).message}`, en: `JSON syntax error: ${(err as Error).message}` } });
        }
        await importManualFigures(db, commandContext(req), unitId, year, parsed);
        return reply.redirect(reportUrl(unitId, year, kind), 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return figuresPage(req, reply, e.status, { errors: e.fields, json: text });
        throw e;
      }
    });

    // narrative
    const narrativePage = async (req: FastifyRequest<{ Params: P }>, reply: FastifyReply, status = 200, extra: { values?: Record<string, string>; errors?: Record<string, Msg> } = {}) => {
      const { unitId, year, kind } = params(req);
      const unit = await reportTarget(db, commandContext(req), unitId, year, kind, 'report.edit');
      return html(reply, status, renderHtml(NarrativePage({ c: viewContext(req, reply), r: await loadReport(db, unit, year, kind), ...extra })));
    };
    s.get<{ Params: P }>('/admin/reports/:unitId/:year/:kind/narrative', async (req, reply) => narrativePage(req, reply));
    s.post<{ Params: P }>('/admin/reports/:unitId/:year/:kind/narrative', async (req, reply) => {
      const { unitId, year, kind } = params(req);
      const b = formBody(req);
      const list = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => b[`${prefix}_${i}`] ?? '');
      try {
        await saveNarrative(db, commandContext(req), unitId, year, kind, { preface: b.preface, part1: list('part1', 5), part5: list('part5', 2), part6: b.part6 });
        return reply.redirect(reportUrl(unitId, year, kind), 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return narrativePage(req, reply, e.status, { values: b, errors: e.fields });
        throw e;
      }
    });

    // publish / reopen
    s.post<{ Params: P }>('/admin/reports/:unitId/:year/:kind/publish', async (req, reply) => {
      const { unitId, year, kind } = params(req);
      try {
        await publishReport(db, commandContext(req), unitId, year, kind, shanghaiDate());
        return reply.redirect(reportUrl(unitId, year, kind), 303);
      } catch (e) {
        if (e instanceof AppError && e.status === 409) return page(req, reply, await load(req), 409, { message: e.msg, fields: e.fields });
        throw e;
      }
    });
    s.post<{ Params: P }>('/admin/reports/:unitId/:year/:kind/reopen', async (req, reply) => {
      const { unitId, year, kind } = params(req);
      try {
        await reopenReport(db, commandContext(req), unitId, year, kind, formBody(req).reason ?? '');
        return reply.redirect(reportUrl(unitId, year, kind), 303);
      } catch (e) {
        if (e instanceof AppError && (e.status === 409 || e.status === 422)) return page(req, reply, await load(req), e.status, { message: e.msg, fields: e.fields });
        throw e;
      }
    });
  });
}

