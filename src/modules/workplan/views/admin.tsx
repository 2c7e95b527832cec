/** Admin pages of the work plans: the plans (and the import form), a plan's tasks with filters, a task with every unit's report and history, the report form. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { FLAG_NAMES, FLAGS, type Flag } from '../domain/flags.ts';
import { STATUS_NAMES, STATUSES, type Status } from '../domain/plan.ts';
import type { Evidence } from '../domain/evidence.ts';
import type { AssignmentRow, PlanRow, ReportRow, TaskProgress } from '../store/queries.ts';

const TITLE: Msg = { zh: '工作要点督办', en: 'Work-plan supervision' };
const LONG_TERM: Msg = { zh: '长期坚持', en: 'Standing duty' };

export function StatusBadge(p: { c: ViewContext; s: Status | null }) {
  if (!p.s) return <span class="badge">{tr(p.c.l, { zh: '未报送', en: 'No report' })}</span>;
  return <span class={p.s === 'done' ? 'badge green' : p.s === 'in_progress' ? 'badge amber' : 'badge'}>{tr(p.c.l, STATUS_NAMES[p.s])}</span>;
}
export function FlagBadges(p: { c: ViewContext; flags: Flag[] }) {
  return <>{p.flags.map((f) => <span class="badge red">{tr(p.c.l, FLAG_NAMES[f])}</span>)}</>;
}
export const deadlineText = (c: ViewContext, d: string | null) => (d ? formatDate(c.l, d) : tr(c.l, LONG_TERM));

export function PlansPage(p: { c: ViewContext; plans: PlanRow[]; mayImport: boolean; errors?: Record<string, Msg>; fileErrors?: Msg[]; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  return (
    <AdminPage c={c} title={title} current="workplan">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '年度', en: 'Year' })}</th><th scope="col">{T({ zh: '工作要点', en: 'Plan' })}</th><th scope="col">{T({ zh: '所属政府', en: 'Government' })}</th><th scope="col">{T({ zh: '任务', en: 'Tasks' })}</th></tr></thead>
          <tbody>{p.plans.map((pl) => <tr><td>{pl.year}</td><td><a href={`/admin/workplan/${pl.id}`}>{pl.title}</a></td><td>{pl.unit_name}</td><td>{pl.task_count}</td></tr>)}</tbody>
        </table>
      </div>
      {!p.plans.length ? <p>{T({ zh: '暂无您所在单位参与的工作要点。', en: 'No plan names your units yet.' })}</p> : null}
      {p.mayImport ? (
        <section aria-labelledby="h-import">
          <h2 id="h-import">{T({ zh: '导入工作要点', en: 'Import a plan' })}</h2>
          <ErrorSummary c={c} errors={p.errors} labels={{ file: T({ zh: '文件', en: 'File' }), unit: T({ zh: '单位', en: 'Unit' }), title: T({ zh: '标题', en: 'Title' }), tasks: T({ zh: '任务', en: 'Tasks' }), year: T({ zh: '年度', en: 'Year' }) }} />
          {p.fileErrors?.length ? (
            <div class="error-summary" role="alert">
              <p><strong>{T({ zh: '文件中有 {n} 处错误，未导入任何内容：', en: '{n} problems in the file; nothing was imported:' }, { n: p.fileErrors.length })}</strong></p>
              <ul>{p.fileErrors.slice(0, 100).map((m) => <li>{T(m)}</li>)}</ul>
            </div>
          ) : null}
          <form method="post" action="/admin/workplan/import" enctype="multipart/form-data">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <Field c={c} name="file" label={T({ zh: '结构化文件（JSON Lines 或 JSON 数组，UTF-8）', en: 'Structured file (JSON Lines or a JSON array, UTF-8)' })} errors={p.errors} hint={T({ zh: '格式见 docs/workplan-format.md；有错时整个文件不导入。', en: 'Format: docs/workplan-format.md; a file with errors is not imported at all.' })}>
              <input id="f-file" name="file" type="file" accept=".jsonl,.json,application/json" aria-describedby="f-file-hint" />
            </Field>
            <button type="submit">{T({ zh: '导入', en: 'Import' })}</button>
          </form>
        </section>
      ) : null}
    </AdminPage>
  );
}

export function PlanPage(p: { c: ViewContext; plan: PlanRow; sections: { no: number; title: string }[]; tasks: TaskProgress[]; leads: AssignmentRow[]; filter: { lead: string; flag: string }; total: number; notice?: Msg }) {
  const { c, plan } = p;
  const T = t(c);
  const leadOptions = [...new Map(p.leads.map((a) => [a.unit_id, a.unit_name])).entries()];
  return (
    <AdminPage c={c} title={plan.title} current="workplan" crumbs={[{ href: '/admin/workplan', label: T(TITLE) }, { label: String(plan.year) }]}>
      <h1>{plan.title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <p>{plan.issuer ? `${plan.issuer} · ` : ''}{plan.doc_number ? `${plan.doc_number} · ` : ''}{plan.unit_name} · <a href={`/admin/workplan/${plan.id}/export.jsonl`}>{T({ zh: '导出（JSON Lines）', en: 'Export (JSON Lines)' })}</a></p>
      <form method="get" action={`/admin/workplan/${plan.id}`} class="inline-form">
        <label for="f-lead">{T({ zh: '牵头单位', en: 'Lead unit' })}</label>{' '}
        <select id="f-lead" name="lead"><option value="">{T({ zh: '全部', en: 'All' })}</option>{leadOptions.map(([id, name]) => <option value={String(id)} selected={p.filter.lead === String(id)}>{name}</option>)}</select>{' '}
        <label for="f-flag">{T({ zh: '提示', en: 'Flag' })}</label>{' '}
        <select id="f-flag" name="flag"><option value="">{T({ zh: '全部', en: 'All' })}</option>{FLAGS.map((f) => <option value={f} selected={p.filter.flag === f}>{T(FLAG_NAMES[f])}</option>)}</select>{' '}
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      <p role="status">{T({ zh: '显示 {n} / {t} 项任务', en: '{n} of {t} tasks' }, { n: p.tasks.length, t: p.total })}</p>
      <div class="table-scroll" role="region" aria-label={T({ zh: '任务', en: 'Tasks' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '序号', en: 'No.' })}</th><th scope="col">{T({ zh: '任务', en: 'Task' })}</th><th scope="col">{T({ zh: '牵头单位', en: 'Lead' })}</th><th scope="col">{T({ zh: '时限', en: 'Deadline' })}</th><th scope="col">{T({ zh: '完成/报送/应报', en: 'Done/reported/owed' })}</th><th scope="col">{T({ zh: '提示', en: 'Flags' })}</th></tr></thead>
          <tbody>{p.tasks.map(({ task, leads, summary }) => (
            <tr>
              <td>{task.no}</td>
              <td><a href={`/admin/workplan/tasks/${task.id}`}>{task.title}</a><br /><small>{p.sections.find((s) => s.no === task.section_no)?.title ?? ''}</small></td>
              <td>{leads.map((l) => l.unit_name).join('、') || '—'}{task.unresolved.length ? <> <span class="badge amber">{T({ zh: '未匹配：{n}', en: 'Unresolved: {n}' }, { n: task.unresolved.join('、') })}</span></> : null}</td>
              <td>{deadlineText(c, task.deadline)}</td>
              <td>{summary.done}/{summary.reported}/{summary.units}</td>
              <td><FlagBadges c={c} flags={summary.flags} /></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

function EvidenceList(p: { c: ViewContext; evidence: Evidence[] }) {
  const T = t(p.c);
  if (!p.evidence.length) return <span class="badge red">{T(FLAG_NAMES.no_evidence)}</span>;
  return <ul>{p.evidence.map((e) => <li><a href={e.url} rel={e.kind === 'external' ? 'noopener noreferrer nofollow' : undefined}>{e.title || e.url}</a>{' '}{e.verified ? <span class="badge green">{T({ zh: '站内已核验', en: 'verified' })}</span> : <span class="badge amber">{T({ zh: '外部链接，未核验', en: 'external, unverified' })}</span>}</li>)}</ul>;
}

export function TaskPage(p: { c: ViewContext; plan: PlanRow; progress: TaskProgress; history: ReportRow[]; reportable: AssignmentRow[]; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; today: string }) {
  const { c, plan, progress } = p;
  const { task } = progress;
  const T = t(c);
  const title = T({ zh: '任务 {n}：{t}', en: 'Task {n}: {t}' }, { n: task.no, t: task.title });
  const v = (k: string) => p.values?.[k] ?? '';
  const labels = { unit: T({ zh: '报送单位', en: 'Reporting unit' }), status: T({ zh: '进展状态', en: 'Status' }), body: T({ zh: '进展情况', en: 'Progress' }), evidence: T({ zh: '佐证链接', en: 'Evidence links' }), reported_on: T({ zh: '报送日期', en: 'Date' }) };
  return (
    <AdminPage c={c} title={title} current="workplan" crumbs={[{ href: '/admin/workplan', label: T(TITLE) }, { href: `/admin/workplan/${plan.id}`, label: plan.title }, { label: String(task.no) }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <p>{task.body}</p>
      <dl>
        <dt>{T({ zh: '牵头单位', en: 'Lead units' })}</dt><dd>{task.lead_names.join('、') || '—'}</dd>
        <dt>{T({ zh: '责任单位', en: 'Responsible units' })}</dt><dd>{task.responsible_names.join('、')}</dd>
        {task.unresolved.length ? <><dt>{T({ zh: '未匹配到平台单位', en: 'Not found in the unit registry' })}</dt><dd>{task.unresolved.join('、')}</dd></> : null}
        <dt>{T({ zh: '完成时限', en: 'Deadline' })}</dt><dd>{deadlineText(c, task.deadline)}</dd>
        {task.milestones.length ? <><dt>{T({ zh: '时间节点', en: 'Milestones' })}</dt><dd><ul>{task.milestones.map((m) => <li>{formatDate(c.l, m.date)}：{m.text}</li>)}</ul></dd></> : null}
        {task.expected_output ? <><dt>{T({ zh: '预期成果', en: 'Expected output' })}</dt><dd>{task.expected_output}</dd></> : null}
      </dl>
      <h2>{T({ zh: '各单位最新进展（{d}）', en: 'Each unit\u2019s latest report ({d})' }, { d: formatDate(c.l, p.today) })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '各单位最新进展', en: 'Latest reports' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '进展与佐证', en: 'Progress and evidence' })}</th><th scope="col">{T({ zh: '提示', en: 'Flags' })}</th></tr></thead>
          <tbody>{progress.units.map((u) => (
            <tr>
              <td>{u.unit_name}{u.role === 'lead' ? <> <span class="badge">{T({ zh: '牵头', en: 'lead' })}</span></> : null}</td>
              <td><StatusBadge c={c} s={u.status} /></td>
              <td>{u.latest ? <>{formatDate(c.l, u.latest.reported_on)}：{u.latest.body}<EvidenceList c={c} evidence={u.latest.evidence} /></> : '—'}</td>
              <td><FlagBadges c={c} flags={u.flags.filter((f) => f !== 'no_evidence')} /></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      {p.reportable.length ? (
        <section aria-labelledby="h-report">
          <h2 id="h-report">{T({ zh: '报送进展', en: 'Report progress' })}</h2>
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          <form method="post" action={`/admin/workplan/tasks/${task.id}/reports`}>
            <input type="hidden" name="_csrf" value={c.csrf} />
            <Field c={c} name="unit" label={labels.unit} errors={p.errors} required>
              <select id="f-unit" name="unit">{p.reportable.map((a) => <option value={String(a.unit_id)} selected={v('unit') === String(a.unit_id)}>{a.unit_name}</option>)}</select>
            </Field>
            <fieldset>
              <legend>{labels.status} *</legend>
              {p.errors?.status ? <p class="error" id="f-status-err">{T(p.errors.status)}</p> : null}
              {STATUSES.map((s, i) => <label><input type="radio" name="status" value={s} id={i === 0 ? 'f-status' : undefined} checked={v('status') === s} /> {T(STATUS_NAMES[s])}</label>)}
            </fieldset>
            <Field c={c} name="body" label={labels.body} errors={p.errors} required><textarea id="f-body" name="body" rows={4} aria-invalid={p.errors?.body ? 'true' : undefined} aria-describedby={p.errors?.body ? 'f-body-err' : undefined}>{v('body')}</textarea></Field>
            <Field c={c} name="evidence" label={labels.evidence} errors={p.errors} hint={T({ zh: '每行一条，最多 10 条：平台上已公开的信息（/u/单位/doc/编号）或单位网站页面（/u/单位/…）会被核验；外部网址可填，但标为“未核验”。', en: 'One a line, at most 10: a published document of the platform (/u/unit/doc/id) or a page of a unit\u2019s site (/u/unit/…) is verified; an external URL is accepted but marked unverified.' })}>
              <textarea id="f-evidence" name="evidence" rows={3} aria-describedby={'f-evidence-hint' + (p.errors?.evidence ? ' f-evidence-err' : '')} aria-invalid={p.errors?.evidence ? 'true' : undefined}>{v('evidence')}</textarea>
            </Field>
            <Field c={c} name="reported_on" label={labels.reported_on} type="date" value={v('reported_on') || p.today} errors={p.errors} />
            <button type="submit">{T({ zh: '提交进展', en: 'Submit the report' })}</button>
          </form>
        </section>
      ) : null}
      <h2>{T({ zh: '报送记录', en: 'Report history' })}</h2>
      {p.history.length ? <ol>{p.history.map((r) => <li>{formatDate(c.l, r.reported_on)} · {r.unit_name} · <StatusBadge c={c} s={r.status} /> · {r.body} <small>（{r.created_by}）</small><EvidenceList c={c} evidence={r.evidence} /></li>)}</ol> : <p>{T({ zh: '尚无报送。', en: 'No reports yet.' })}</p>}
    </AdminPage>
  );
}
