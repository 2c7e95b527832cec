/**
 * The annual report rendered like the official format (条例 第五十条; 国办公开办函〔2021〕30号 / 〔2019〕60号):
 * the six parts in order, tables 二 三 四 with their merged headers. Accessibility (GB/T 37668): every
 * table has a <caption>, header cells have scope, and every number names its headers (headers=…), so a
 * screen reader reads one cell of the 10-column table 3 with its row and column labels.
 * The lead supplies `drillHref` (cell path → URL of the cases/documents list) for admin pages; the
 * public page passes none and gets plain numbers.
 */
import type { ComponentChildren } from 'preact';
import type { AnnualReport } from './types.ts';
import type { CheckFailure } from './checks.ts';
import { checkLine, type ReportCheck } from './report-checks.ts';
import type { Narrative, NarrativeSection } from './narrative.ts';
import { FORMATS, cellLabel, manualCells } from './formats.ts';
import { reportGrids } from './layout.ts';
import type { Grid, GridCell } from './layout.ts';
import { DRAFT_TITLE, reportTitle } from './docmodel.ts';

export { toDocModel, reportTitle, DRAFT_TITLE } from './docmodel.ts';
export type { DocModelOptions } from './docmodel.ts';

export interface ReportTableProps {
  grid: Grid;
  drillHref?: (path: string) => string | undefined;
  /** Paths of cells whose checks fail; they are marked and described. */
  failed?: Map<string, CheckFailure[]>;
}

function Cell({ c, drillHref, failed, gridId }: { c: GridCell; drillHref?: ReportTableProps['drillHref']; failed?: ReportTableProps['failed']; gridId: string }) {
  const span = {
    ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    ...(c.colSpan && c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
  };
  if (c.kind === 'th') {
    return <th {...span} id={c.id} scope={c.scope} headers={c.headers?.join(' ')}>{c.text}</th>;
  }
  if (!c.path) return <td {...span} class="report-corner">{c.text}</td>;
  const problems = failed?.get(c.path);
  const href = c.computed && c.text !== '0' ? drillHref?.(c.path) : undefined;
  const errId = problems ? `${gridId}-err-${c.path.replace(/\./g, '_')}` : undefined;
  return (
    <td {...span} headers={c.headers?.join(' ')} class={problems ? 'report-num check-failed' : 'report-num'} data-cell={c.path} aria-describedby={errId}>
      {href ? <a href={href}>{c.text}</a> : c.text}
      {problems ? (
        <span id={errId} class="sr-only">
          {problems.map((p) => p.message.zh).join('；')}
        </span>
      ) : null}
    </td>
  );
}

export function ReportTable({ grid, drillHref, failed }: ReportTableProps) {
  const row = (r: GridCell[], i: number) => (
    <tr key={i}>
      {r.map((c, j) => (
        <Cell key={j} c={c} drillHref={drillHref} failed={failed} gridId={grid.id} />
      ))}
    </tr>
  );
  return (
    <table class={`report-table report-${grid.id}`} id={grid.id}>
      <caption>{grid.caption}</caption>
      {grid.head.length ? <thead>{grid.head.map(row)}</thead> : null}
      {grid.bodies.map((b, i) => (
        <tbody key={i}>{b.map(row)}</tbody>
      ))}
    </table>
  );
}

function Sections({ list }: { list?: NarrativeSection[] }) {
  if (!list) return null;
  return (
    <>
      {list.map((s) => (
        <section key={s.heading}>
          <h3>{s.heading}</h3>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
    </>
  );
}

export interface AnnualReportViewProps {
  report: AnnualReport;
  unitName: string;
  narrative?: Narrative;
  drillHref?: (path: string) => string | undefined;
  /** Check failures of a draft: marked on their cells. */
  failures?: CheckFailure[];
  /**
   * A draft: the box “草稿 · 未解决的问题” at the top lists these (report-checks.ts). Omitted for a
   * published report, which shows no box.
   */
  draft?: { checks: ReportCheck[] };
  /** Show the source note of each unit-entered figure under table 2 (admin views). */
  showSources?: boolean;
}

/** The draft box: what must still be resolved, or that nothing is. */
export function DraftBox({ checks }: { checks: ReportCheck[] }) {
  const errors = checks.filter((c) => c.severity === 'error').length;
  return (
    <section class="report-checks" aria-labelledby="report-checks-title" data-draft="true">
      <h2 id="report-checks-title">{checks.length ? `${DRAFT_TITLE}（${checks.length}项）` : DRAFT_TITLE}</h2>
      {errors ? <p><strong>{`数据检查未通过（${errors}项），修正前不能发布`}</strong></p> : null}
      {checks.length ? (
        <ul>
          {checks.map((c, i) => (
            <li key={i} data-check={c.id} data-severity={c.severity}>
              {checkLine(c)}
            </li>
          ))}
        </ul>
      ) : (
        <p>本报告为草稿，尚未发布；数据检查均已通过。</p>
      )}
    </section>
  );
}

export function AnnualReportView({ report, unitName, narrative, drillHref, failures, showSources, draft }: AnnualReportViewProps) {
  const f = FORMATS[report.format];
  const grids = reportGrids(report);
  const failed = new Map<string, CheckFailure[]>();
  for (const x of failures ?? []) failed.set(x.cell, [...(failed.get(x.cell) ?? []), x]);
  const part = (i: number, children: ComponentChildren) => (
    <section class="report-part" aria-labelledby={`part-${i + 1}`}>
      <h2 id={`part-${i + 1}`}>{`${f.parts[i].numeral}、${f.parts[i].title}`}</h2>
      {children}
    </section>
  );
  return (
    <article class="annual-report" lang="zh-CN">
      <h1>{reportTitle(unitName, report.year)}</h1>
      {draft ? <DraftBox checks={draft.checks} /> : null}
      {narrative ? <p>{narrative.preface}</p> : null}
      {part(0, <Sections list={narrative?.part1} />)}
      {part(1, (
        <>
          <ReportTable grid={grids.table2} drillHref={drillHref} failed={failed} />
          {showSources ? (
            <dl class="report-sources">
              {manualCells(f).map((c) => (
                <div key={c.path}>
                  <dt>{cellLabel(f, c.path)}</dt>
                  <dd>{report.sources?.[c.path] ?? '未注明来源'}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      ))}
      {part(2, <ReportTable grid={grids.table3} drillHref={drillHref} failed={failed} />)}
      {part(3, <ReportTable grid={grids.table4} drillHref={drillHref} failed={failed} />)}
      {part(4, <Sections list={narrative?.part5} />)}
      {part(5, narrative ? narrative.part6.map((p, i) => <p key={i}>{p}</p>) : null)}
    </article>
  );
}
