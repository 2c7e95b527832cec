/** Admin pages of the training records: the year's trainings and hours per unit, one training with its attendance. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatNumber, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import { FIELD_NAMES } from '../domain/rules.ts';
import type { AttendanceRow, TrainingRow, UnitHoursRow } from '../store/queries.ts';

const TITLE: Msg = { zh: '培训记录', en: 'Training records' };
const indent = (u: UnitListRow) => '　'.repeat(Math.min(u.level, 6)) + u.name;

function TrainingFields(p: { c: ViewContext; values: Record<string, unknown>; errors?: Record<string, Msg> }) {
  const T = t(p.c);
  const v = (k: string) => (p.values[k] == null ? '' : String(p.values[k]));
  return (
    <>
      <Field c={p.c} name="held_on" label={T(FIELD_NAMES.held_on)} type="date" value={v('held_on')} errors={p.errors} required />
      <Field c={p.c} name="topic" label={T(FIELD_NAMES.topic)} value={v('topic')} errors={p.errors} required />
      <Field c={p.c} name="organiser" label={T(FIELD_NAMES.organiser)} value={v('organiser')} errors={p.errors} required hint={T({ zh: '如：市政府办公室政务公开科', en: 'e.g. the open-government section of the General Office' })} />
      <Field c={p.c} name="hours" label={T(FIELD_NAMES.hours)} value={v('hours')} errors={p.errors} required hint={T({ zh: '以半小时计，如 2 或 1.5', en: 'In half hours, e.g. 2 or 1.5' })} />
      <Field c={p.c} name="note" label={T(FIELD_NAMES.note)} errors={p.errors}>
        <textarea id="f-note" name="note" rows={2}>{v('note')}</textarea>
      </Field>
    </>
  );
}

const labels = (c: ViewContext) => Object.fromEntries(Object.entries(FIELD_NAMES).map(([k, m]) => [k, t(c)(m)]));

export function TrainingList(p: { c: ViewContext; year: number; trainings: TrainingRow[]; hours: UnitHoursRow[]; units: UnitListRow[]; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  const num = (n: number) => formatNumber(c.l, n);
  return (
    <AdminPage c={c} title={title} current="training">
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '《条例》第四十八条：定期对政府信息公开工作人员进行教育培训；2020 年要点第 10、23 点。各单位参训学时计入政务公开考核（第 24 点）。', en: 'Regulations Art. 48 (regular training of disclosure staff); 2020 work plan points 10 and 23. Each unit\u2019s hours count in the assessment (point 24).' })}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <form method="get" action="/admin/training" class="inline-form">
        <label for="q-year">{T({ zh: '年度', en: 'Year' })}</label>{' '}
        <input id="q-year" name="year" inputMode="numeric" size={6} value={String(p.year)} />{' '}
        <button type="submit">{T({ zh: '查看', en: 'Show' })}</button>{' '}
        <a href={`/admin/training/export.csv?year=${p.year}`}>{T({ zh: '导出 CSV（参训明细）', en: 'Export CSV (attendance)' })}</a>
      </form>
      <h2>{T({ zh: '{y} 年培训', en: 'Trainings in {y}' }, { y: p.year })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '培训', en: 'Trainings' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(FIELD_NAMES.held_on)}</th><th scope="col">{T(FIELD_NAMES.topic)}</th><th scope="col">{T({ zh: '组织单位', en: 'Organising unit' })}</th><th scope="col">{T(FIELD_NAMES.hours)}</th><th scope="col">{T({ zh: '参训人次', en: 'Attendees' })}</th></tr></thead>
          <tbody>{p.trainings.map((r) => <tr><td>{r.held_on}</td><td><a href={`/admin/training/${r.id}`}>{r.topic}</a></td><td>{r.unit_name}</td><td>{num(r.hours)}</td><td>{num(r.attendees)}</td></tr>)}</tbody>
        </table>
      </div>
      {!p.trainings.length ? <p>{T({ zh: '本年度尚无培训记录。', en: 'No trainings recorded for this year.' })}</p> : null}
      <h2>{T({ zh: '各单位参训情况', en: 'Attendance per unit' })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '各单位参训情况', en: 'Attendance per unit' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '参加培训', en: 'Trainings' })}</th><th scope="col">{T({ zh: '参训人次', en: 'Attendees' })}</th><th scope="col">{T({ zh: '参训学时（人·学时）', en: 'Person-hours' })}</th></tr></thead>
          <tbody>{p.hours.map((r) => <tr><td>{r.unit_name}</td><td>{num(r.trainings)}</td><td>{num(r.attendees)}</td><td>{num(r.hours)}</td></tr>)}</tbody>
        </table>
      </div>
      {p.units.length ? (
        <>
          <h2 id="h-new">{T({ zh: '登记培训', en: 'Record a training' })}</h2>
          <ErrorSummary c={c} errors={p.errors} labels={labels(c)} />
          <form method="post" action="/admin/training" aria-labelledby="h-new">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
            <Field c={c} name="unit" label={T({ zh: '组织单位', en: 'Organising unit' })} errors={p.errors} required>
              <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)} selected={p.values?.unit === String(u.id)}>{indent(u)}</option>)}</select>
            </Field>
            <TrainingFields c={c} values={p.values ?? {}} errors={p.errors} />
            <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
          </form>
        </>
      ) : null}
    </AdminPage>
  );
}

export function TrainingPage(p: { c: ViewContext; tr: TrainingRow; attendance: AttendanceRow[]; units: UnitListRow[]; mayManage: boolean; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, tr: r } = p;
  const T = t(c);
  const title = r.topic;
  return (
    <AdminPage c={c} title={title} current="training" crumbs={[{ href: `/admin/training?year=${r.held_on.slice(0, 4)}`, label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{r.held_on} · {r.unit_name} · {r.organiser} · {T({ zh: '{h} 学时', en: '{h} hours' }, { h: formatNumber(c.l, r.hours) })}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels(c)} />
      <h2>{T({ zh: '参训人员（{n} 人次）', en: 'Attendees ({n})' }, { n: p.attendance.length })}</h2>
      <div class="table-scroll" role="region" aria-label={T(FIELD_NAMES.names)} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '姓名', en: 'Name' })}</th>{p.mayManage ? <th scope="col">{T({ zh: '操作', en: 'Action' })}</th> : null}</tr></thead>
          <tbody>{p.attendance.map((a) => (
            <tr><td>{a.unit_name}</td><td>{a.name}</td>{p.mayManage ? (
              <td><form method="post" action={`/admin/training/attendance/${a.id}/delete`}><input type="hidden" name="_csrf" value={c.csrf} /><button type="submit" class="secondary" aria-label={T({ zh: '移除 {n}', en: 'Remove {n}' }, { n: a.name })}>{T({ zh: '移除', en: 'Remove' })}</button></form></td>
            ) : null}</tr>
          ))}</tbody>
        </table>
      </div>
      {p.mayManage ? (
        <>
          <h2 id="h-att">{T({ zh: '登记参训人员', en: 'Register attendees' })}</h2>
          <form method="post" action={`/admin/training/${r.id}/attendance`} aria-labelledby="h-att">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
            <Field c={c} name="unit" label={T({ zh: '参训人员所在单位', en: 'Attendees\u2019 unit' })} errors={p.errors} required>
              <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)} selected={p.values?.unit === String(u.id)}>{indent(u)}</option>)}</select>
            </Field>
            <Field c={c} name="names" label={T(FIELD_NAMES.names)} errors={p.errors} required hint={T({ zh: '每行一人，或用顿号分隔', en: 'One name a line, or separated by commas' })}>
              <textarea id="f-names" name="names" rows={4} aria-describedby="f-names-hint">{p.values?.names ?? ''}</textarea>
            </Field>
            <button type="submit">{T({ zh: '登记', en: 'Register' })}</button>
          </form>
          <h2 id="h-edit">{T({ zh: '修改培训', en: 'Edit the training' })}</h2>
          <form method="post" action={`/admin/training/${r.id}`} aria-labelledby="h-edit">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <TrainingFields c={c} values={p.values?.topic !== undefined ? p.values : (r as unknown as Record<string, unknown>)} errors={p.errors} />
            <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
          </form>
          <form method="post" action={`/admin/training/${r.id}/delete`}>
            <input type="hidden" name="_csrf" value={c.csrf} />
            <button type="submit" class="secondary">{T({ zh: '删除此培训及其参训记录', en: 'Delete this training and its attendance' })}</button>
          </form>
        </>
      ) : null}
    </AdminPage>
  );
}
