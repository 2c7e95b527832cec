/** Admin pages: the catalogue and moderation queue, a decision, a consultation (draft, comments, feedback, hearings). */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import {
  ADOPTIONS, ADOPTION_NAMES, DECISION_STATUSES, DECISION_STATUS_NAMES, LABELS, PHASE_NAMES, REJECT_REASONS, REJECT_REASON_NAMES, phaseOf,
  type Adoption, type DecisionStatus, type RejectReason,
} from '../domain/rules.ts';
import type { CommentRow, ConsultationDetail, ConsultationRow, DecisionRow, HearingRow, PendingRow, RelatedDoc, SignupRow } from '../store/queries.ts';

const d = (c: ViewContext, s: string | Date | null) => (s ? formatDate(c.l, s) : '—');
const NAV = { zh: '意见征集', en: 'Consultations' };
type Errs = Record<string, Msg> | undefined;
const labelsOf = (c: ViewContext) => Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, t(c)(m)]));
const Csrf = (p: { c: ViewContext }) => <input type="hidden" name="_csrf" value={p.c.csrf} />;

export function AdminList(p: { c: ViewContext; decisions: DecisionRow[]; consultations: ConsultationRow[]; pending: { rows: PendingRow[]; total: number }; units: UnitListRow[]; kept: number; today: string; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '重大行政决策意见征集', en: 'Consultations on major decisions' });
  return (
    <AdminPage c={c} title={title} current="consultations">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.kept ? <p class="notice" role="alert"><a href="/admin/consultations/kept">{T({ zh: '有 {n} 条意见因存储故障被加密暂存，请恢复。', en: '{n} comments were kept (encrypted) after a storage error; recover them.' }, { n: p.kept })}</a></p> : null}
      <h2 id="h-pending">{T({ zh: '待审核的意见（{n} 条）', en: 'Comments awaiting moderation ({n})' }, { n: p.pending.total })}</h2>
      {p.pending.rows.length ? <ul>{p.pending.rows.map((r) => <li><a href={`/admin/consultations/${r.consultation_id}#comment-${r.id}`}>{r.consultation_title}</a> · {r.unit_name} · {d(c, r.created_at)} · {r.body.slice(0, 40)}</li>)}</ul> : <p>{T({ zh: '没有待审核的意见。', en: 'Nothing to moderate.' })}</p>}
      {p.units.length ? (
        <form method="get" action="/admin/consultations/decisions/new" class="inline-form">
          <label for="f-unit">{T({ zh: '为单位添加决策事项', en: 'Add a decision for' })}</label>{' '}
          <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '添加', en: 'Add' })}</button>
        </form>
      ) : null}
      <h2 id="h-catalogue">{T({ zh: '决策事项目录', en: 'Catalogue' })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '决策事项目录', en: 'Catalogue' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(LABELS.title)}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T(LABELS.year)}</th><th scope="col">{T(LABELS.status)}</th></tr></thead>
          <tbody>{p.decisions.map((x) => <tr><td><a href={`/admin/consultations/decisions/${x.id}`}>{x.title}</a></td><td>{x.unit_name}</td><td>{x.year}</td><td>{T(DECISION_STATUS_NAMES[x.status as DecisionStatus])}</td></tr>)}</tbody>
        </table>
      </div>
      <h2 id="h-consultations">{T({ zh: '征求意见', en: 'Consultations' })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '征求意见', en: 'Consultations' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(LABELS.title)}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '时间', en: 'Window' })}</th><th scope="col">{T(LABELS.status)}</th><th scope="col">{T({ zh: '待审核', en: 'Pending' })}</th></tr></thead>
          <tbody>{p.consultations.map((x) => <tr><td><a href={`/admin/consultations/${x.id}`}>{x.title}</a></td><td>{x.unit_name}</td><td>{d(c, x.opens_on)} – {d(c, x.closes_on)}</td><td>{T(PHASE_NAMES[phaseOf({ published: !!x.published_at, opens_on: x.opens_on, closes_on: x.closes_on }, p.today)])}</td><td>{x.pending}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

function ConsultationFields(p: { c: ViewContext; v: (k: string) => string; errors: Errs; disabled?: boolean }) {
  const { c, v } = p;
  const L = labelsOf(c);
  const T = t(c);
  return (
    <fieldset disabled={p.disabled}>
      <legend>{T({ zh: '征求意见稿', en: 'Call for comments' })}</legend>
      <Field c={c} name="title" label={L.title} value={v('title')} required errors={p.errors} />
      <Field c={c} name="draft_html" label={L.draft_html} required errors={p.errors} hint={T({ zh: '可粘贴带格式的正文；脚本和样式会被清除。', en: 'Formatted text may be pasted; scripts and styles are removed.' })}><textarea id="f-draft_html" name="draft_html" rows={10} aria-describedby="f-draft_html-hint">{v('draft_html')}</textarea></Field>
      <Field c={c} name="explanation_html" label={L.explanation_html} required errors={p.errors}><textarea id="f-explanation_html" name="explanation_html" rows={6}>{v('explanation_html')}</textarea></Field>
      <Field c={c} name="opens_on" label={L.opens_on} value={v('opens_on')} type="date" required errors={p.errors} />
      <Field c={c} name="closes_on" label={L.closes_on} value={v('closes_on')} type="date" required errors={p.errors} hint={T({ zh: '一般不少于 30 日（含首尾两日）。', en: 'Normally at least 30 days, both ends counted.' })} />
      <Field c={c} name="short_reason" label={L.short_reason} value={v('short_reason')} errors={p.errors} hint={T({ zh: '期限少于 30 日时必填，并随征求意见公布（第十五条）。', en: 'Required when under 30 days; published with the call (Art. 15).' })} />
      <Field c={c} name="related" label={L.related} errors={p.errors}><textarea id="f-related" name="related" rows={3}>{v('related')}</textarea></Field>
      <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
    </fieldset>
  );
}

export function DecisionPage(p: { c: ViewContext; unitName: string; unitId: number; unitPath: string; decision: DecisionRow | null; consultations: ConsultationRow[]; values: Record<string, unknown>; errors?: Errs; statusErrors?: Errs; notice?: Msg }) {
  const { c, decision } = p;
  const T = t(c);
  const L = labelsOf(c);
  const title = decision ? decision.title : T({ zh: '添加决策事项', en: 'Add a decision' });
  const v = (k: string) => (p.values[k] == null ? '' : String(p.values[k]));
  const mayEdit = c.can('consultation.edit', p.unitPath);
  return (
    <AdminPage c={c} title={title} current="consultations" crumbs={[{ href: '/admin/consultations', label: T(NAV) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{p.unitName}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={L} />
      <form method="post" action={decision ? `/admin/consultations/decisions/${decision.id}` : `/admin/consultations/decisions?unit=${p.unitId}`}>
        <Csrf c={c} />
        {decision ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <fieldset disabled={!mayEdit}>
          <legend>{T({ zh: '决策事项目录条目', en: 'Catalogue entry' })}</legend>
          <Field c={c} name="year" label={L.year} value={v('year')} type="number" required errors={p.errors} />
          <Field c={c} name="title" label={L.title} value={v('title')} required errors={p.errors} />
          <Field c={c} name="undertaker" label={L.undertaker} value={v('undertaker')} required errors={p.errors} />
          <Field c={c} name="summary" label={L.summary} errors={p.errors}><textarea id="f-summary" name="summary" rows={3}>{v('summary')}</textarea></Field>
          <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
        </fieldset>
      </form>
      {decision ? (
        <>
          <h2 id="h-status">{T(LABELS.status)}：{T(DECISION_STATUS_NAMES[decision.status as DecisionStatus])}</h2>
          {c.can('consultation.publish', p.unitPath) ? (
            <form method="post" action={`/admin/consultations/decisions/${decision.id}/status`}>
              <Csrf c={c} />
              <ErrorSummary c={c} errors={p.statusErrors} labels={L} />
              <Field c={c} name="status" label={L.status} errors={p.statusErrors}>
                <select id="f-status" name="status">{DECISION_STATUSES.map((s) => <option value={s} selected={s === decision.status}>{T(DECISION_STATUS_NAMES[s])}</option>)}</select>
              </Field>
              <Field c={c} name="decided_on" label={T({ zh: '决策日期（标记为已作出决策时）', en: 'Decision date (when decided)' })} type="date" errors={p.statusErrors} />
              <button type="submit">{T({ zh: '更新状态', en: 'Update' })}</button>
            </form>
          ) : null}
          <h2 id="h-consultations">{T({ zh: '征求意见', en: 'Consultations' })}</h2>
          <ul>{p.consultations.map((x) => <li><a href={`/admin/consultations/${x.id}`}>{x.title}</a> · {d(c, x.opens_on)} – {d(c, x.closes_on)}</li>)}</ul>
          {mayEdit ? <p><a href={`/admin/consultations/decisions/${decision.id}/new`}>{T({ zh: '新建征求意见稿', en: 'New call for comments' })}</a></p> : null}
        </>
      ) : null}
    </AdminPage>
  );
}

export function NewConsultationPage(p: { c: ViewContext; decision: DecisionRow; values: Record<string, unknown>; errors?: Errs }) {
  const { c, decision } = p;
  const T = t(c);
  const title = T({ zh: '新建征求意见稿', en: 'New call for comments' });
  return (
    <AdminPage c={c} title={title} current="consultations" crumbs={[{ href: '/admin/consultations', label: T(NAV) }, { href: `/admin/consultations/decisions/${decision.id}`, label: decision.title }, { label: title }]}>
      <h1>{title}</h1>
      <p>{decision.unit_name} · {decision.title}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labelsOf(c)} />
      <form method="post" action={`/admin/consultations/decisions/${decision.id}/consultations`}>
        <Csrf c={c} />
        <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
        <ConsultationFields c={c} v={(k) => (p.values[k] == null ? '' : String(p.values[k]))} errors={p.errors} />
      </form>
    </AdminPage>
  );
}

export interface ConsultationPageData { k: ConsultationDetail; related: RelatedDoc[]; comments: CommentRow[]; hearings: HearingRow[]; signups: SignupRow[]; today: string; unitPath: string }

export function ConsultationPage(p: { c: ViewContext; data: ConsultationPageData; values?: Record<string, unknown>; errors?: Errs; section?: string; notice?: Msg; error?: Msg; contact?: { id: number; value: string } }) {
  const { c } = p;
  const { k, today, unitPath } = p.data;
  const T = t(c);
  const L = labelsOf(c);
  const phase = phaseOf({ published: !!k.published_at, opens_on: k.opens_on, closes_on: k.closes_on }, today);
  const errs = (s: string) => (p.section === s ? p.errors : undefined);
  const val = (s: string, fallback: Record<string, unknown>) => (key: string) => { const src = p.section === s && p.values ? p.values : fallback; return src[key] == null ? '' : String(src[key]); };
  const mayPublish = c.can('consultation.publish', unitPath);
  const mayModerate = c.can('consultation.moderate', unitPath);
  const mayEdit = c.can('consultation.edit', unitPath);
  return (
    <AdminPage c={c} title={k.title} current="consultations" crumbs={[{ href: '/admin/consultations', label: T(NAV) }, { href: `/admin/consultations/decisions/${k.decision_id}`, label: k.decision_title }, { label: k.title }]}>
      <h1>{k.title}</h1>
      <p>{k.unit_name} · {T(PHASE_NAMES[phase])} · {k.published_at ? <a href={`/consultations/${k.id}`}>{T({ zh: '查看公开页面', en: 'Public page' })}</a> : null}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.error ? <p class="notice error" role="alert">{T(p.error)}</p> : null}
      {p.section === 'moderate' || p.section === 'signup' ? <ErrorSummary c={c} errors={p.errors} labels={L} /> : null}
      {!k.published_at ? (
        <>
          <ErrorSummary c={c} errors={errs('edit')} labels={L} />
          <form method="post" action={`/admin/consultations/${k.id}`}>
            <Csrf c={c} />
            <ConsultationFields c={c} v={val('edit', { ...k, related: p.data.related.map((r) => r.index_no).join('\n') })} errors={errs('edit')} disabled={!mayEdit} />
          </form>
          {mayPublish ? <form method="post" action={`/admin/consultations/${k.id}/publish`}><Csrf c={c} /><ErrorSummary c={c} errors={errs('publish')} labels={L} /><button type="submit">{T({ zh: '发布征求意见', en: 'Publish the call for comments' })}</button></form> : null}
        </>
      ) : null}

      <h2 id="h-comments">{T({ zh: '收到的意见（{n} 条）', en: 'Comments received ({n})' }, { n: p.data.comments.length })}</h2>
      {p.data.comments.length ? (
        <ol class="comments">
          {p.data.comments.map((x) => (
            <li id={`comment-${x.id}`}>
              <p class="doclist-meta">{T({ zh: '第 {n} 号', en: 'No. {n}' }, { n: x.id })} · {x.name || T({ zh: '匿名', en: 'Anonymous' })} · {d(c, x.created_at)} · {x.status === 'pending' ? <span class="badge amber">{T({ zh: '待审核', en: 'Pending' })}</span> : x.status === 'published' ? <span class="badge green">{T({ zh: '已公开', en: 'Published' })}</span> : <span class="badge red">{T({ zh: '不予公开', en: 'Rejected' })}：{T(REJECT_REASON_NAMES[x.reject_reason as RejectReason])}</span>}</p>
              {x.body.split('\n').map((line) => <p>{line}</p>)}
              {p.contact?.id === x.id ? <p>{T({ zh: '联系方式', en: 'Contact' })}：{p.contact.value}</p> : mayModerate ? <form method="post" action={`/admin/consultations/comments/${x.id}/contact`} class="inline-form"><Csrf c={c} /><button type="submit">{T({ zh: '查看联系方式（记入审计日志）', en: 'Show contact (audited)' })}</button></form> : null}
              {x.status === 'pending' && mayModerate ? (
                <form method="post" action={`/admin/consultations/comments/${x.id}/moderate`} class="inline-form">
                  <Csrf c={c} />
                  <label for={`f-reason-${x.id}`}>{T({ zh: '不予公开的理由', en: 'Reason if rejected' })}</label>{' '}
                  <select id={`f-reason-${x.id}`} name="reason"><option value="">—</option>{REJECT_REASONS.map((r) => <option value={r}>{T(REJECT_REASON_NAMES[r])}</option>)}</select>{' '}
                  <button type="submit" name="action" value="publish">{T({ zh: '公开', en: 'Publish' })}</button>{' '}
                  <button type="submit" name="action" value="reject">{T({ zh: '不予公开', en: 'Reject' })}</button>
                </form>
              ) : null}
              {x.adoption ? <p>{T(ADOPTION_NAMES[x.adoption as Adoption])}{x.response ? `：${x.response}` : ''}</p> : null}
            </li>
          ))}
        </ol>
      ) : <p>{T({ zh: '暂无意见。', en: 'No comments yet.' })}</p>}

      <h2 id="h-feedback">{T({ zh: '意见采纳情况', en: 'Feedback' })}</h2>
      {k.feedback_published_at ? <p>{T({ zh: '已于 {d} 公布。', en: 'Published on {d}.' }, { d: d(c, k.feedback_published_at) })}</p> : phase === 'closed' && mayPublish ? (
        <form method="post" action={`/admin/consultations/${k.id}/feedback`}>
          <Csrf c={c} />
          <ErrorSummary c={c} errors={errs('feedback')} labels={L} />
          <fieldset>
            <legend>{T({ zh: '公布采纳情况（第十八条、第三十二条）', en: 'Publish the feedback (Arts. 18 and 32)' })}</legend>
            <Field c={c} name="summary_fb" label={L.summary_fb} required errors={errs('feedback')}><textarea id="f-summary_fb" name="summary_fb" rows={5}>{val('feedback', {})('summary_fb')}</textarea></Field>
            {p.data.comments.filter((x) => x.status === 'published').map((x) => (
              <div class="field">
                <Field c={c} name={`adoption_${x.id}`} label={T({ zh: '第 {n} 号意见', en: 'Comment {n}' }, { n: x.id })} errors={errs('feedback')}>
                  <select id={`f-adoption_${x.id}`} name={`adoption_${x.id}`}><option value="">—</option>{ADOPTIONS.map((a) => <option value={a} selected={val('feedback', {})(`adoption_${x.id}`) === a}>{T(ADOPTION_NAMES[a])}</option>)}</select>
                </Field>
                <Field c={c} name={`response_${x.id}`} label={T({ zh: '第 {n} 号意见的说明（未采纳的理由）', en: 'Comment {n}: reason if not adopted' }, { n: x.id })} value={val('feedback', {})(`response_${x.id}`)} errors={errs('feedback')} />
              </div>
            ))}
            <button type="submit">{T({ zh: '公布采纳情况', en: 'Publish the feedback' })}</button>
          </fieldset>
        </form>
      ) : <p>{T({ zh: '征求意见结束、全部意见审核后公布。', en: 'Published after the window closes and every comment is moderated.' })}</p>}

      <h2 id="h-hearings">{T({ zh: '听证会', en: 'Hearings' })}</h2>
      {p.data.hearings.map((h) => (
        <section aria-labelledby={`h-hearing-${h.id}`}>
          <h3 id={`h-hearing-${h.id}`}>{d(c, h.held_on)} {h.held_time} · {h.place}</h3>
          <ul>
            {p.data.signups.filter((s) => s.hearing_id === h.id).map((s) => (
              <li>{s.name}{s.statement ? `：${s.statement}` : ''} · {s.status === 'selected' ? T({ zh: '已确定参加', en: 'chosen' }) : s.status === 'not_selected' ? T({ zh: '未入选', en: 'not chosen' }) : T({ zh: '待确定', en: 'pending' })}
                {mayEdit && !h.record_published_at ? <form method="post" action={`/admin/consultations/hearings/${h.id}/signups/${s.id}`} class="inline-form"><Csrf c={c} /><button type="submit" name="selected" value={s.status === 'selected' ? '0' : '1'}>{s.status === 'selected' ? T({ zh: '取消入选', en: 'Un-choose' }) : T({ zh: '确定参加', en: 'Choose' })}</button></form> : null}
              </li>
            ))}
          </ul>
          {h.record_published_at ? <p>{T({ zh: '听证会记录已公布。', en: 'Record published.' })}</p> : mayPublish && h.held_on <= today ? (
            <form method="post" action={`/admin/consultations/hearings/${h.id}/record`}>
              <Csrf c={c} />
              <ErrorSummary c={c} errors={errs(`record-${h.id}`)} labels={L} />
              <Field c={c} name="record" label={L.record} required errors={errs(`record-${h.id}`)}><textarea id="f-record" name="record" rows={5}>{val(`record-${h.id}`, {})('record')}</textarea></Field>
              <button type="submit">{T({ zh: '公布听证会记录', en: 'Publish the record' })}</button>
            </form>
          ) : null}
        </section>
      ))}
      {mayEdit ? (
        <form method="post" action={`/admin/consultations/${k.id}/hearings`}>
          <Csrf c={c} />
          <input type="hidden" name="form_token" value={formTokenValue(p.section === 'hearing' ? p.values : undefined)} />
          <ErrorSummary c={c} errors={errs('hearing')} labels={L} />
          <fieldset>
            <legend>{T({ zh: '安排听证会（第十六条）', en: 'Schedule a hearing (Art. 16)' })}</legend>
            <Field c={c} name="held_on" label={L.held_on} type="date" value={val('hearing', {})('held_on')} required errors={errs('hearing')} />
            <Field c={c} name="held_time" label={L.held_time} value={val('hearing', {})('held_time')} required errors={errs('hearing')} hint="09:30" />
            <Field c={c} name="place" label={L.place} value={val('hearing', {})('place')} required errors={errs('hearing')} />
            <Field c={c} name="signup_closes_on" label={L.signup_closes_on} type="date" value={val('hearing', {})('signup_closes_on')} required errors={errs('hearing')} hint={T({ zh: '至少在听证会 7 日前截止。', en: 'At least 7 days before the hearing.' })} />
            <Field c={c} name="seats" label={L.seats} type="number" value={val('hearing', {})('seats')} required errors={errs('hearing')} />
            <Field c={c} name="selection_method" label={L.selection_method} required errors={errs('hearing')}><textarea id="f-selection_method" name="selection_method" rows={3}>{val('hearing', {})('selection_method')}</textarea></Field>
            <button type="submit">{T({ zh: '保存听证会', en: 'Save the hearing' })}</button>
          </fieldset>
        </form>
      ) : null}
    </AdminPage>
  );
}
