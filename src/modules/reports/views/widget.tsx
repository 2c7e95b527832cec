/**
 * Dashboard widget: the countdown to the year's publication deadlines (条例 第四十九条: departments by
 * 31 January, governments by 31 March, or the earlier dates set for the city) and every unit in the
 * user's scope whose report is late or missing.
 */
import type { FastifyRequest } from 'fastify';
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { scopePaths } from '../../../core/auth/policy.ts';
import { currentReportYear, deadlineStatus } from '../domain/deadlines.ts';
import { reportOverview } from '../store/status.ts';
import { reportUrl } from './views.tsx';

const SHOW = 10;

export async function reportsWidget(req: FastifyRequest, c: ViewContext) {
  if (!c.can('report.view')) return null;
  const T = t(c);
  const today = shanghaiDate();
  const year = currentReportYear(today);
  const { rows, settings } = await reportOverview(req.server.deps.db, scopePaths(req.actor, 'report.view'), year, today);
  if (!rows.length) return null;
  const flagged = rows.filter((r) => r.deadline.flagged);
  const line = (kind: 'department' | 'government') => {
    const mine = rows.filter((r) => (r.kind === 'summary') === (kind === 'government'));
    if (!mine.length) return null;
    const published = mine.filter((r) => r.status === 'published' || r.documentOn).length;
    const s = deadlineStatus({ kind, year, today, settings });
    return (
      <li>
        {T(s.message)}{' '}
        {T({ zh: '（已发布 {p}/{n}）', en: ' ({p} of {n} published)' }, { p: published, n: mine.length })}
      </li>
    );
  };
  return (
    <section class="card report-deadlines" aria-labelledby="w-reports">
      <h2 id="w-reports">{T({ zh: '{y}年度政府信息公开工作年度报告', en: 'Annual reports on {y}' }, { y: year })}</h2>
      <ul>
        {line('department')}
        {line('government')}
      </ul>
      {flagged.length ? (
        <div class="warn" role="status">
          <p><strong>{T({ zh: '逾期未发布或逾期发布（{n}个单位）', en: 'Late or missing ({n} units)' }, { n: flagged.length })}</strong></p>
          <ul>
            {flagged.slice(0, SHOW).map((r) => (
              <li><a href={reportUrl(r.unit.id, year, r.kind)}>{r.unit.name}</a>：{T(r.deadline.message)}</li>
            ))}
          </ul>
          {flagged.length > SHOW ? <p>{T({ zh: '等{n}个单位', en: 'and {n} more' }, { n: flagged.length - SHOW })}</p> : null}
        </div>
      ) : null}
      <p><a href={`/admin/reports?year=${year}`}>{T({ zh: '查看全部单位的年度报告', en: 'All units’ reports' })}</a></p>
    </section>
  );
}
