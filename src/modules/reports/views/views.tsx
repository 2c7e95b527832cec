/**
 * Admin pages of the annual report: the overview of a year (who has published, deadlines), one report
 * (laid out like the official format, failing checks marked on their cells, every computed number a
 * link to the cases or documents behind it) and the drill-down lists.
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { AnnualReportView, reportTitle } from '../domain/view.tsx';
import { FORMATS, leaves } from '../domain/formats.ts';
import { cellName } from '../domain/labels-en.ts';
import type { DeadlineStatus } from '../domain/deadlines.ts';
import type { LoadedReport } from '../store/assemble.ts';
import { reportUnitName } from '../store/assemble.ts';
import type { CaseDetail, DocDetail, ReportUnit } from '../store/sources.ts';
import type { UnitReportState } from '../store/status.ts';
import type { ReportKind, ReportStatus, ReportOrigin } from '../store/tables.ts';
import { OUTPUT_FORMATS } from '../export/export.ts';

export const reportUrl = (unitId: number, year: number, kind: ReportKind) => `/admin/reports/${unitId}/${year}/${kind}`;

export const KIND_LABEL: Record<ReportKind, Msg> = {
  unit: { zh: '本单位年度报告', en: 'Unit report' },
  summary: { zh: '本行政区域汇总年度报告', en: 'Area summary report' },
};

export function statusLabel(status: ReportStatus | null, origin: ReportOrigin | null): Msg {
  if (status === 'published') return { zh: '已发布', en: 'Published' };
  if (origin === 'import') return { zh: '导入数据（未发布）', en: 'Imported (not published)' };
  if (status === 'draft') return { zh: '草稿', en: 'Draft' };
  return { zh: '未开始（草稿实时计算）', en: 'Not started (live draft)' };
}

export function DeadlineLine(p: { c: ViewContext; s: DeadlineStatus }) {
  const cls = p.s.flagged ? 'badge red' : p.s.state === 'published' ? 'badge green' : 'badge';
  return <span class={cls}>{t(p.c)(p.s.message)}</span>;
}

export type OverviewRow = UnitReportState;

export function OverviewPage(p: { c: ViewContext; year: number; rows: OverviewRow[]; canSettings: boolean; settings: { department: string; government: string } }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '政府信息公开工作年度报告', en: 'Annual reports' });
  const flagged = p.rows.filter((r) => r.deadline.flagged).length;
  return (
    <AdminPage c={c} title={title} current="reports">
      <h1>{title}</h1>
      <p>
        {T({ zh: '条例第四十九条：政府部门于每年1月31日前、县级以上人民政府于3月31日前公布上一年度报告。本平台的截止日期：部门 {d}，政府 {g}（次年）。', en: 'Art. 49: departments publish by 31 January, governments by 31 March. Deadlines here: departments {d}, governments {g} (of the following year).' }, { d: p.settings.department, g: p.settings.government })}
        {p.canSettings ? <> <a href="/admin/reports/settings">{T({ zh: '修改截止日期', en: 'Change deadlines' })}</a></> : null}
      </p>
      <nav class="toolbar" aria-label={T({ zh: '年度', en: 'Year' })}>
        <a href={`/admin/reports?year=${p.year - 1}`}>{`‹ ${p.year - 1}`}</a>
        <strong>{T({ zh: '{y}年度', en: 'Year {y}' }, { y: p.year })}</strong>
        <a href={`/admin/reports?year=${p.year + 1}`}>{`${p.year + 1} ›`}</a>
      </nav>
      {flagged ? <p class="warn" role="status">{T({ zh: '{n}个单位的年度报告逾期未发布或逾期发布', en: '{n} unit(s) late or missing' }, { n: flagged })}</p> : null}
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
              <th scope="col">{T({ zh: '应发布的报告', en: 'Report due' })}</th>
              <th scope="col">{T({ zh: '状态', en: 'Status' })}</th>
              <th scope="col">{T({ zh: '截止日期', en: 'Deadline' })}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row"><a href={reportUrl(r.unit.id, p.year, r.kind)}>{r.unit.name}</a></th>
                <td>{T(KIND_LABEL[r.kind])}</td>
                <td>
                  {r.documentOn
                    ? T({ zh: '已以文件形式发布（{d}）', en: 'Published as a document ({d})' }, { d: formatDate(c.l, r.documentOn) })
                    : <>{T(statusLabel(r.status, r.origin))}{r.publishedOn ? `（${formatDate(c.l, r.publishedOn)}）` : ''}</>}
                </td>
                <td><DeadlineLine c={c} s={r.deadline} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export interface ReportPageProps {
  c: ViewContext;
  r: LoadedReport;
  deadline: DeadlineStatus;
  may: { edit: boolean; publish: boolean };
  /** A refused action: its message and the cells or fields it names. */
  refusal?: { message: Msg; fields?: Record<string, Msg> };
}

export function ReportPage({ c, r, deadline, may, refusal }: ReportPageProps) {
  const T = t(c);
  const base = reportUrl(r.unit.id, r.year, r.kind);
  const name = reportUnitName(r.unit, r.kind);
  const title = reportTitle(name, r.year);
  const published = r.row?.status === 'published';
  const imported = r.row?.origin === 'import';
  const drillable = r.kind === 'summary' ? !!r.parts : !!r.drill;
  return (
    <AdminPage c={c} title={title} current="reports" crumbs={[{ href: '/admin', label: T({ zh: '工作台', en: 'Dashboard' }) }, { href: `/admin/reports?year=${r.year}`, label: T({ zh: '年度报告', en: 'Annual reports' }) }, { label: title }]}>
      <p>
        <span class={published ? 'badge green' : 'badge'}>{T(statusLabel(r.row?.status ?? null, r.row?.origin ?? null))}</span>{' '}
        {T(KIND_LABEL[r.kind])}　<DeadlineLine c={c} s={deadline} />
      </p>
      {refusal ? (
        <div class="error-summary" role="alert" id="error-summary">
          <p><strong>{T(refusal.message)}</strong></p>
          {refusal.fields ? <ul>{Object.entries(refusal.fields).map(([k, m]) => <li>{k.startsWith('table') ? `${T(cellName(FORMATS[r.report.format], k))}${c.l === 'en' ? ': ' : '：'}` : ''}{T(m)}</li>)}</ul> : null}
        </div>
      ) : null}
      <div class="toolbar noprint">
        {may.edit && !published && r.kind === 'unit' && !imported ? <a class="button secondary" href={`${base}/figures`}>{T({ zh: '填报数据（表二）', en: 'Unit-entered figures' })}</a> : null}
        {may.edit && !published ? <a class="button secondary" href={`${base}/narrative`}>{T({ zh: '编辑正文（一、五、六）', en: 'Edit narrative' })}</a> : null}
        {may.publish && !published && r.failures.length === 0 ? (
          <form method="post" action={`${base}/publish`} class="inline">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <button type="submit">{T({ zh: '发布', en: 'Publish' })}</button>
          </form>
        ) : null}
        {OUTPUT_FORMATS.map((f) => <a href={`${base}/export/${f}`}>{T({ zh: '下载', en: 'Download' })} {f.toUpperCase()}</a>)}
      </div>
      {!published && r.failures.length > 0 ? <p class="hint">{T({ zh: '下列检查通过后才能发布；点击数字可查看其对应的申请或文件。', en: 'The report can be published once every check passes; click a number to see the cases or documents behind it.' })}</p> : null}
      {!r.narrativeSaved && !published ? <p class="notice">{T({ zh: '正文为根据平台数据生成的草稿，【待填写】处须补充后才能发布。', en: 'The narrative is a draft generated from the data; fill in every 【待填写】 before publishing.' })}</p> : null}
      {r.parts ? <SummaryParts c={c} r={r} /> : null}
      <div class="report-scroll" tabIndex={0} role="region" aria-label={title}>
        <AnnualReportView report={r.report} unitName={name} narrative={r.narrative} failures={published ? undefined : r.failures} draft={published ? undefined : { checks: r.checks }} showSources drillHref={drillable ? (path) => `${base}/drill?cell=${encodeURIComponent(path)}` : undefined} />
      </div>
      {may.publish && published ? (
        <form method="post" action={`${base}/reopen`} class="noprint">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <h2>{T({ zh: '撤回更正', en: 'Reopen for correction' })}</h2>
          <div class="field">
            <label for="f-reason">{T({ zh: '撤回原因', en: 'Reason' })}</label>
            <input id="f-reason" name="reason" type="text" required />
          </div>
          <button type="submit" class="secondary">{T({ zh: '撤回为草稿', en: 'Reopen as draft' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}

function SummaryParts({ c, r }: { c: ViewContext; r: LoadedReport }) {
  const T = t(c);
  return (
    <details class="report-parts">
      <summary>{T({ zh: '汇总范围：{n}个单位', en: 'Summed over {n} units' }, { n: r.parts!.length })}</summary>
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{T({ zh: '汇总范围', en: 'Units summed' })}</caption>
          <thead>
            <tr>
              <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
              <th scope="col">{T({ zh: '数据', en: 'Figures' })}</th>
              <th scope="col" class="num">{T({ zh: '本年新收', en: 'Received' })}</th>
              <th scope="col" class="num">{T({ zh: '办结', en: 'Concluded' })}</th>
              <th scope="col" class="num">{T({ zh: '结转下年度', en: 'Carried forward' })}</th>
            </tr>
          </thead>
          <tbody>
            {r.parts!.map((p) => (
              <tr>
                <th scope="row"><a href={reportUrl(p.unit.id, r.year, 'unit')}>{p.unit.name}</a></th>
                <td>{p.frozen ? T({ zh: '已发布/导入', en: 'published/imported' }) : T({ zh: '实时计算', en: 'live' })}</td>
                <td class="num">{p.report.table3['3.1']?.total}</td>
                <td class="num">{p.report.table3['3.3.7']?.total}</td>
                <td class="num">{p.report.table3['3.4']?.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export interface DrillProps {
  c: ViewContext;
  r: LoadedReport;
  cell: string;
  cases?: CaseDetail[];
  docs?: DocDetail[];
  /** Summary: each unit's value of the cell. */
  units?: { unit: ReportUnit; value: number | string }[];
}

export function DrillPage({ c, r, cell, cases, docs, units }: DrillProps) {
  const T = t(c);
  const f = FORMATS[r.report.format];
  const label = T(cellName(f, cell));
  const base = reportUrl(r.unit.id, r.year, r.kind);
  const title = `${label}`;
  const rowLabel = (code: string | null) => (code ? leaves(f.table3.rows).find((n) => n.key === code || (f.id === '2019' && code.startsWith('3.3.6') && n.key === '3.3.6'))?.label ?? code : '');
  const catLabel = (k: string) => leaves(f.table3.columns).find((n) => n.key === k)?.label ?? k;
  const appealLabel: Record<string, string> = { review: '行政复议', litigation_direct: '直接起诉', litigation_after_review: '复议后起诉', upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' };
  const n = cases?.length ?? docs?.length ?? units?.length ?? 0;
  return (
    <AdminPage c={c} title={title} current="reports" crumbs={[{ href: `/admin/reports?year=${r.year}`, label: T({ zh: '年度报告', en: 'Annual reports' }) }, { href: base, label: reportTitle(reportUnitName(r.unit, r.kind), r.year) }, { label }]}>
      <h1>{label}</h1>
      <p>{T({ zh: '数值：{v}。以下为计入该单元格的{what}（{n}）。', en: 'Value: {v}. The {what} counted in this cell ({n}).' }, { v: String(units ? units.reduce((s, u) => s + Number(u.value), 0) : n), what: T(units ? { zh: '各单位数据', en: 'units' } : docs ? { zh: '文件', en: 'documents' } : { zh: '申请', en: 'cases' }), n })}</p>
      {cases ? (
        <div class="table-scroll">
          <table class="data">
            <caption class="sr-only">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{T({ zh: '申请编号', en: 'Case' })}</th>
                <th scope="col">{T({ zh: '申请人类别', en: 'Applicant' })}</th>
                <th scope="col">{T({ zh: '收到日期', en: 'Received' })}</th>
                <th scope="col">{T({ zh: '办结日期', en: 'Concluded' })}</th>
                <th scope="col">{T({ zh: '办理结果', en: 'Result' })}</th>
                <th scope="col">{T({ zh: '复议、诉讼', en: 'Appeals' })}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((k) => (
                <tr>
                  <th scope="row"><a href={`/admin/requests/${k.id}`}>{k.ref}</a></th>
                  <td>{catLabel(k.category)}</td>
                  <td>{formatDate(c.l, k.received)}</td>
                  <td>{formatDate(c.l, k.concluded)}</td>
                  <td>{rowLabel(k.result)}</td>
                  <td>{k.appeals.map((a) => `${appealLabel[a.kind] ?? a.kind}·${appealLabel[a.outcome] ?? a.outcome}${a.decided ? `（${a.decided}）` : ''}`).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {docs ? (
        <div class="table-scroll">
          <table class="data">
            <caption class="sr-only">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{T({ zh: '文件', en: 'Document' })}</th>
                <th scope="col">{T({ zh: '文号', en: 'Number' })}</th>
                <th scope="col">{T({ zh: '成文日期', en: 'Issued' })}</th>
                <th scope="col">{T({ zh: '发布日期', en: 'Published' })}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr>
                  <th scope="row"><a href={`/admin/documents/${d.id}`}>{d.title}</a></th>
                  <td>{d.docNumber ?? ''}</td>
                  <td>{formatDate(c.l, d.issued)}</td>
                  <td>{formatDate(c.l, d.published)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {units ? (
        <div class="table-scroll">
          <table class="data">
            <caption class="sr-only">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
                <th scope="col" class="num">{T({ zh: '数值', en: 'Value' })}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr>
                  <th scope="row">{u.unit.name}</th>
                  <td class="num"><a href={`${reportUrl(u.unit.id, r.year, 'unit')}/drill?cell=${encodeURIComponent(cell)}`}>{String(u.value)}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {n === 0 ? <p>{T(M.none)}</p> : null}
      <p><a href={base}>{T(M.back)}</a></p>
    </AdminPage>
  );
}
