/** Admin pages for a unit's lifecycle: move to another parent, merge into another unit, deactivate. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatNumber, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { indentName } from '../domain/tree.ts';
import type { UnitListRow } from '../store/repository.ts';
import type { mergeImpact } from '../commands/lifecycle.ts';
import { typeName } from './units.tsx';

export type LifecycleKind = 'move' | 'merge' | 'deactivate';

const TITLES: Record<LifecycleKind, Msg> = {
  move: { zh: '迁移单位', en: 'Move a unit' },
  merge: { zh: '合并单位', en: 'Merge a unit' },
  deactivate: { zh: '停用单位', en: 'Deactivate a unit' },
};

const LABELS: Record<string, Msg> = {
  parent_code: { zh: '新的上级单位', en: 'New parent unit' },
  target_code: { zh: '并入的单位', en: 'Merge into' },
  date: { zh: '生效日期', en: 'Effective date' },
  reason: { zh: '依据', en: 'Basis' },
};

export interface LifecyclePageProps {
  c: ViewContext;
  kind: LifecycleKind;
  unit: UnitListRow;
  parent: UnitListRow | null;
  /** move: allowed new parents; merge: allowed targets. */
  choices: UnitListRow[];
  impact?: Awaited<ReturnType<typeof mergeImpact>>;
  values?: Record<string, string>;
  errors?: Record<string, Msg>;
  /** A refusal that is not about one field (409), shown above the form. */
  problem?: Msg;
  today: string;
}

export function LifecyclePage(p: LifecyclePageProps) {
  const { c, unit, kind } = p;
  const T = t(c);
  const title = `${T(TITLES[kind])} · ${unit.name}`;
  const v = p.values ?? {};
  const n = (x: number) => formatNumber(c.l, x);
  const field = kind === 'move' ? 'parent_code' : 'target_code';
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <AdminPage c={c} title={title} current="units" crumbs={[{ href: '/admin/units', label: T({ zh: '单位与备案', en: 'Units & registry' }) }, { label: title }]}>
      <h1>{title}</h1>
      <div class="meta-box"><dl>
        <dt>{T({ zh: '单位', en: 'Unit' })}</dt><dd>{unit.name}（{typeName(c, unit.type)}）</dd>
        <dt>{T({ zh: '现上级单位', en: 'Current parent' })}</dt><dd>{p.parent?.name ?? T(M.none)}</dd>
        {p.impact ? <><dt>{T({ zh: '已发布及在办文件', en: 'Documents' })}</dt><dd>{n(p.impact.documents)}</dd></> : null}
        {p.impact ? <><dt>{T({ zh: '依申请公开案件', en: 'Applications' })}</dt><dd>{T({ zh: '{a} 件，其中未办结 {b} 件', en: '{a}, of which {b} unfinished' }, { a: n(p.impact.cases), b: n(p.impact.openCases) })}</dd></> : null}
      </dl></div>
      {kind === 'move' ? <p>{T({ zh: '迁移后，本单位及其全部下级单位随之调整隶属关系；文件、案件和年报仍属本单位。需要同时具有原上级单位和新上级单位的管理权限。', en: 'The unit and all its sub-units move; its documents, cases and reports stay with it. You need authority over both the old and the new parent.' })}</p> : null}
      {kind === 'merge' ? (
        <div class="notice">
          <p>{T({ zh: '合并后，本单位停用并标注“已并入”，作为并入单位的下级保留：已发布的文件、栏目、已办结的案件和年度报告仍以本单位名义保留并可查阅，由并入单位的工作人员继续管理；本单位从合并的次年起不再列入年度报告应报名单。在用的下级单位改挂到并入单位之下。', en: 'The unit becomes inactive, marked as merged, and stays under the receiving unit: its published documents, columns, closed cases and reports stay in its name and remain public, looked after by the receiving unit’s staff; from the next year on it no longer owes an annual report. Its active sub-units move to the receiving unit.' })}</p>
          <p>{T({ zh: '未办结的依申请公开案件须先办结或转办。在本单位上授予的角色保留，只能管理本单位的历史记录，不会因合并获得并入单位的权限。', en: 'Unfinished applications must be finished or transferred first. Roles granted on this unit stay and reach only its history; nobody gains rights over the receiving unit by the merge.' })}</p>
        </div>
      ) : null}
      {kind === 'deactivate' ? <p class="notice">{T({ zh: '停用后，本单位从门户单位列表、依申请公开单位列表和各选择框中移除；已发布的文件和年度报告仍可查阅；从停用的次年起不再列入年度报告应报名单。有在用下级单位或未办结案件时不能停用。', en: 'The unit leaves the portal lists, the application list and unit selects; its published documents and reports stay public; from the next year on it owes no annual report. A unit with active sub-units or unfinished applications cannot be deactivated.' })}</p> : null}
      {p.impact && kind === 'merge' && p.impact.children.length ? <p>{T({ zh: '将改挂到并入单位之下的下级单位：{l}', en: 'Sub-units that will move: {l}' }, { l: p.impact.children.map((k) => k.name).join('、') })}</p> : null}
      {p.impact && kind === 'merge' && p.impact.grants.length ? <p>{T({ zh: '在本单位上有角色的账号（角色保留）：{l}', en: 'Accounts with roles on this unit (kept): {l}' }, { l: p.impact.grants.map((g) => `${g.display_name}（${g.username}）`).join('、') })}</p> : null}
      {p.problem ? <div class="error-summary" role="alert" tabIndex={-1} id="error-summary"><p>{T(p.problem)}</p></div> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      {kind !== 'deactivate' && !p.choices.length ? (
        <p class="warn">{T(kind === 'move' ? { zh: '没有您有权管理、且本单位类型可以设在其下的其他上级单位。', en: 'There is no other parent you manage under which this unit’s type may sit.' } : { zh: '没有您有权管理、可以并入的其他单位。', en: 'There is no other unit you manage that this one could merge into.' })}</p>
      ) : (
        <form method="post" action={`/admin/units/${unit.id}/${kind}`} novalidate>
          <input type="hidden" name="_csrf" value={c.csrf} />
          {kind !== 'deactivate' ? (
            <Field c={c} name={field} label={T(LABELS[field])} errors={p.errors} required>
              <select id={`f-${field}`} name={field}>
                {p.choices.map((u) => <option value={u.code} selected={v[field] === u.code}>{indentName(u.level, u.name)}</option>)}
              </select>
            </Field>
          ) : null}
          {kind !== 'move' ? <Field c={c} name="date" label={T(LABELS.date)} type="date" value={v.date ?? p.today} errors={p.errors} required hint="YYYY-MM-DD" /> : null}
          {kind !== 'move' ? <Field c={c} name="reason" label={T(LABELS.reason)} value={v.reason} errors={p.errors} required hint={T({ zh: '如机构改革方案、编委批复文号', en: 'e.g. the reform plan or the approval number' })} /> : null}
          <p><button type="submit">{T(TITLES[kind])}</button> <a class="button secondary" href="/admin/units">{T(M.cancel)}</a></p>
        </form>
      )}
    </AdminPage>
  );
}
