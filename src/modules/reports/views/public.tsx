/**
 * The unit's 政府信息公开年报 column (国办公开办函〔2019〕61号; 条例 第四十九条: the report is published
 * to society): the list of its published reports, and one report laid out like the official format,
 * with DOCX, PDF and JSON downloads.
 */
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, shanghaiDate } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { AnnualReportView, reportTitle } from '../domain/view.tsx';
import type { LoadedReport } from '../store/assemble.ts';
import { reportUnitName } from '../store/assemble.ts';
import type { ReportKind } from '../store/tables.ts';
import type { ReportDocument } from '../store/repository.ts';

export const COLUMN_NAME = '政府信息公开年报';

/** `/u/<slug>/xxgk/nb/2024` (the main report), `2024-unit` (a government's own-organ report), `.docx|.pdf|.json`. */
export function publicReportPath(slug: string, year: number, kind: ReportKind, mainKind: ReportKind, ext?: string): string {
  return `/u/${slug}/xxgk/nb/${year}${kind === mainKind ? '' : `-${kind}`}${ext ? `.${ext}` : ''}`;
}

function crumbs(c: ViewContext, unit: Unit, extra?: string) {
  const T = t(c);
  return [
    { href: '/', label: T(M.home) },
    { href: `/u/${unit.slug}/`, label: unit.short_name },
    { href: `/u/${unit.slug}/xxgk/`, label: T(M.disclosure) },
    { href: `/u/${unit.slug}/xxgk/nb`, label: T({ zh: COLUMN_NAME, en: 'Annual reports' }) },
    ...(extra ? [{ label: extra }] : []),
  ];
}

export function PublicList(p: { c: ViewContext; unit: Unit; mainKind: ReportKind; reports: { year: number; kind: ReportKind; published_on: string | null }[]; documents?: ReportDocument[] }) {
  const { c, unit } = p;
  const T = t(c);
  const title = `${unit.short_name} · ${T({ zh: COLUMN_NAME, en: 'Annual reports' })}`;
  // Newest year first: the reports made here and those published as documents, by the year they cover.
  const items = [
    ...p.reports.map((r) => ({
      year: r.year, order: 1, date: r.published_on, href: publicReportPath(unit.slug, r.year, r.kind, p.mainKind),
      title: reportTitle(r.kind === 'unit' && p.mainKind === 'summary' ? `${unit.name}（本机关）` : unit.name, r.year),
    })),
    ...(p.documents ?? []).map((d) => ({
      year: d.year ?? Number((d.publish_date ?? shanghaiDate(d.published_at)).slice(0, 4)) - 1, order: 0, date: d.publish_date ?? shanghaiDate(d.published_at), href: `/u/${d.unit_slug}/doc/${d.id}`, title: d.title,
    })),
  ].sort((a, b) => b.year - a.year || b.order - a.order || (b.date ?? '').localeCompare(a.date ?? ''));
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit} current="xxgk" />} breadcrumbs={crumbs(c, unit)} meta={{ columnName: COLUMN_NAME, columnType: '政府信息公开年报', description: `${unit.name}${COLUMN_NAME}` }}>
      <h1>{unit.name} · {T({ zh: COLUMN_NAME, en: 'Annual reports on government information disclosure' })}</h1>
      <p class="notice">{T({ zh: '根据《中华人民共和国政府信息公开条例》第四十九条、第五十条，本机关每年公布上一年度政府信息公开工作年度报告。', en: 'Under Articles 49–50 of the Regulations, this body publishes its report on the previous year every year.' })}</p>
      {items.length ? (
        <ul class="doclist">
          {items.map((r) => (
            <li>
              <a href={r.href} lang="zh-CN">{r.title}</a>
              <time dateTime={r.date ?? undefined}>{formatDate(c.l, r.date)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <p>{T({ zh: '暂无已发布的年度报告。', en: 'No report has been published yet.' })}</p>
      )}
    </Shell>
  );
}

export function PublicReport(p: { c: ViewContext; unit: Unit; r: LoadedReport; mainKind: ReportKind }) {
  const { c, unit, r } = p;
  const T = t(c);
  const name = reportUnitName(r.unit, r.kind);
  const title = reportTitle(name, r.year);
  const file = (ext: string) => publicReportPath(unit.slug, r.year, r.kind, p.mainKind, ext);
  return (
    <Shell
      c={c}
      title={title}
      area="portal"
      nav={<PortalNav c={c} unit={unit} current="xxgk" />}
      breadcrumbs={crumbs(c, unit, T({ zh: '{y}年度', en: '{y}' }, { y: r.year }))}
      meta={{ columnName: COLUMN_NAME, columnType: '政府信息公开年报', articleTitle: title, pubDate: r.row?.published_on ?? undefined, contentSource: unit.name, description: title }}
    >
      <p class="meta-box">
        {T({ zh: '发布日期', en: 'Published' })}：<time dateTime={r.row?.published_on ?? undefined}>{formatDate(c.l, r.row?.published_on)}</time>
        {'　'}{T({ zh: '下载', en: 'Download' })}：<a href={file('docx')}>Word（DOCX）</a>　<a href={file('pdf')}>PDF</a>　<a href={file('json')}>{T({ zh: '数据（JSON）', en: 'Data (JSON)' })}</a>
      </p>
      <div class="report-scroll" tabIndex={0} role="region" aria-label={title}>
        <AnnualReportView report={r.report} unitName={name} narrative={r.narrative} />
      </div>
    </Shell>
  );
}
