/**
 * A loaded report in the four output forms: JSON (the shape of annual-report.md plus `checks`), a
 * standalone HTML file laid out like the official format, DOCX and PDF (the shared document model, with
 * merged table headers and the embedded CJK fonts). The admin downloads, the public column and the CLI
 * use these. A draft says what is unresolved in every form: `checks` in the JSON (report-checks.ts), the
 * box “草稿 · 未解决的问题” in the others; a published report has `"checks": []` and no box.
 */
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import { renderDocx, renderPdf, formatChineseDate } from '../../../core/docs/index.ts';
import { AnnualReportView, toDocModel, reportTitle } from '../domain/view.tsx';
import type { LoadedReport } from '../store/assemble.ts';
import type { ReportCheck } from '../domain/report-checks.ts';
import type { AnnualReport } from '../domain/types.ts';
import { reportUnitName } from '../store/assemble.ts';

export const OUTPUT_FORMATS = ['json', 'html', 'docx', 'pdf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const isOutputFormat = (s: string): s is OutputFormat => (OUTPUT_FORMATS as readonly string[]).includes(s);

/** The printed date line: the publication date once published. */
function subtitle(r: LoadedReport): string | undefined {
  return r.row?.published_on ? formatChineseDate(r.row.published_on) : undefined;
}

export function reportFileName(r: LoadedReport, fmt: OutputFormat): string {
  return `${reportTitle(reportUnitName(r.unit, r.kind), r.year)}.${fmt}`;
}

/** Content-Disposition with the Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(r: LoadedReport, fmt: OutputFormat): string {
  const ascii = `annual-report-${r.unit.code}-${r.year}${r.kind === 'summary' ? '-summary' : ''}.${fmt}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(reportFileName(r, fmt))}`;
}

// A self-contained file (opened from disk, so no site CSS): the official table look in a few rules.
const STANDALONE_CSS = `
body{font-family:"FangSong","STFangsong","Noto Serif CJK SC","Noto Sans CJK SC",serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.8;color:#000}
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em}h3{font-size:1.05em}p{text-indent:2em}
table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}caption{font-weight:bold;margin:.4em}
th,td{border:1px solid #000;padding:4px 6px;text-align:center}td.report-num{font-variant-numeric:tabular-nums}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.report-checks{border:3px solid #b00020;padding:.4em 1em;margin:1em 0}.report-checks h2{color:#b00020;margin:.2em 0}
`;

/** The draft marking of a report: its unresolved checks, or nothing once published. */
export function draftOf(r: LoadedReport): { checks: ReportCheck[] } | undefined {
  return r.row?.status === 'published' ? undefined : { checks: r.checks };
}

/** The JSON export: the report's figures (annual-report.md) and what is unresolved. */
export function reportJson(r: LoadedReport): AnnualReport & { checks: ReportCheck[] } {
  return { ...r.report, checks: draftOf(r)?.checks ?? [] };
}

export function reportHtmlDocument(r: LoadedReport): string {
  const name = reportUnitName(r.unit, r.kind);
  const draft = draftOf(r);
  const body = renderToString(h(AnnualReportView, { report: r.report, unitName: name, narrative: r.narrative, ...(draft ? { draft, failures: r.failures } : {}) }));
  const title = reportTitle(name, r.year);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STANDALONE_CSS}</style></head><body>${body}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function reportDocModel(r: LoadedReport) {
  const sub = subtitle(r);
  const draft = draftOf(r);
  return toDocModel(r.report, { unitName: reportUnitName(r.unit, r.kind), narrative: r.narrative, ...(sub ? { subtitle: sub } : {}), ...(draft ? { draft } : {}) });
}

export async function renderReport(r: LoadedReport, fmt: OutputFormat): Promise<Buffer> {
  switch (fmt) {
    case 'json':
      return Buffer.from(JSON.stringify(reportJson(r), null, 2) + '\n', 'utf8');
    case 'html':
      return Buffer.from(reportHtmlDocument(r), 'utf8');
    case 'docx':
      return renderDocx(reportDocModel(r));
    case 'pdf':
      return renderPdf(reportDocModel(r));
  }
}

/**
 * Files of published reports, kept per published version: a published report is frozen (条例 第四十九条),
 * so its DOCX and PDF are the same bytes until it is reopened (which bumps `version`) or the unit is
 * renamed (the title names it). Building a PDF takes a few hundred milliseconds; the public column
 * would otherwise pay that on every download. At most MAX_CACHED files (≈ 120 KB each) are kept.
 */
const MAX_CACHED = 48;
const fileCache = new Map<string, Buffer>();

export async function renderPublished(r: LoadedReport, fmt: OutputFormat, render: typeof renderReport = renderReport): Promise<Buffer> {
  if (r.row?.status !== 'published' || (fmt !== 'pdf' && fmt !== 'docx')) return render(r, fmt);
  const key = `${r.row.id}:${r.row.version}:${r.kind}:${fmt}:${reportUnitName(r.unit, r.kind)}`;
  const hit = fileCache.get(key);
  if (hit) {
    // refresh its place: the map's order is the eviction order
    fileCache.delete(key);
    fileCache.set(key, hit);
    return hit;
  }
  const bytes = await render(r, fmt);
  fileCache.set(key, bytes);
  while (fileCache.size > MAX_CACHED) fileCache.delete(fileCache.keys().next().value!);
  return bytes;
}
