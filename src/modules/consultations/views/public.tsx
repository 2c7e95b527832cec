/** Public pages of 重大行政决策 participation: lists (a unit's subtree or the cluster) with the catalogue, and one consultation. */
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { GuardFields } from '../../../core/render/antispam.tsx';
import type { Challenge } from '../../../core/http/antispam.ts';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import {
  ADOPTION_NAMES, DECISION_STATUS_NAMES, LABELS, PHASE_NAMES, REJECT_REASON_NAMES, phaseOf, windowDays,
  type Adoption, type DecisionStatus, type RejectReason,
} from '../domain/rules.ts';
import { Pager } from '../../documents/views/portal-views.tsx';
import { COMMENTS_PER_PAGE, type CommentRow, type ConsultationDetail, type ConsultationRow, type DecisionRow, type HearingRow, type RelatedDoc, type SignupRow } from '../store/queries.ts';

const d = (c: ViewContext, s: string | null | Date) => (s ? formatDate(c.l, s) : '—');
const TITLE: Msg = { zh: '重大行政决策意见征集', en: 'Public consultations on major decisions' };

function ConsultationTable(p: { c: ViewContext; rows: ConsultationRow[]; caption: string; today: string; showUnit: boolean }) {
  const T = t(p.c);
  if (!p.rows.length) return <p>{T({ zh: '暂无。', en: 'None.' })}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={p.caption} tabIndex={0}>
      <table>
        <caption class="sr-only">{p.caption}</caption>
        <thead><tr>
          <th scope="col">{T(LABELS.title)}</th>{p.showUnit ? <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th> : null}
          <th scope="col">{T({ zh: '征求意见时间', en: 'Window' })}</th><th scope="col">{T({ zh: '意见数', en: 'Comments' })}</th><th scope="col">{T({ zh: '采纳情况', en: 'Feedback' })}</th>
        </tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row"><a href={`/consultations/${r.id}`}>{r.title}</a></th>
              {p.showUnit ? <td>{r.unit_name}</td> : null}
              <td>{d(p.c, r.opens_on)} – {d(p.c, r.closes_on)}</td>
              <td>{r.received}</td>
              <td>{r.feedback_published_at ? T({ zh: '已公布', en: 'Published' }) : phaseOf({ published: true, opens_on: r.opens_on, closes_on: r.closes_on }, p.today) === 'closed' ? T({ zh: '整理中', en: 'Being prepared' }) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ListPage(p: { c: ViewContext; unit: Unit | null; open: ConsultationRow[]; closed: ConsultationRow[]; upcoming: ConsultationRow[]; decisions: DecisionRow[]; year: number; today: string }) {
  const { c, unit } = p;
  const T = t(c);
  const title = unit ? `${unit.name}${T({ zh: '重大行政决策意见征集', en: ': public consultations' })}` : T(TITLE);
  const crumb = T({ zh: '意见征集', en: 'Consultations' });
  const base = unit ? `/u/${unit.slug}/consultations` : '/consultations';
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit ?? undefined} current="consult" />} breadcrumbs={[{ href: '/', label: T(M.home) }, ...(unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }] : []), { label: crumb }]} meta={{ columnName: '意见征集', columnType: '互动交流', description: title }}>
      <h1>{title}</h1>
      <p>{T({ zh: '依照《重大行政决策程序暂行条例》第十四条、第十五条，重大行政决策草案及其说明向社会公开征求意见，期限一般不少于 30 日。意见经审核后公开；联系方式仅用于核实，不予公开。', en: 'Drafts of major decisions and their explanations are open for public comment, normally for at least 30 days (Regulation on Major Administrative Decisions, Arts. 14–15). Comments are published after moderation; contacts are never published.' })}</p>
      <h2 id="h-open">{T({ zh: '正在征求意见', en: 'Open for comment' })}</h2>
      <ConsultationTable c={c} rows={p.open} caption={T({ zh: '正在征求意见', en: 'Open for comment' })} today={p.today} showUnit={!unit || p.open.some((r) => r.unit_id !== unit.id)} />
      {p.upcoming.length ? (<><h2 id="h-upcoming">{T({ zh: '即将开始', en: 'Opening soon' })}</h2><ConsultationTable c={c} rows={p.upcoming} caption={T({ zh: '即将开始', en: 'Opening soon' })} today={p.today} showUnit={!unit} /></>) : null}
      <h2 id="h-closed">{T({ zh: '已结束的征求意见', en: 'Closed consultations' })}</h2>
      <ConsultationTable c={c} rows={p.closed} caption={T({ zh: '已结束的征求意见', en: 'Closed consultations' })} today={p.today} showUnit={!unit || p.closed.some((r) => r.unit_id !== unit.id)} />
      <h2 id="h-catalogue">{T({ zh: '{y} 年度重大行政决策事项目录', en: 'Catalogue of major decisions, {y}' }, { y: p.year })}</h2>
      <form method="get" action={base} class="inline-form">
        <label for="f-year">{T(LABELS.year)}</label>{' '}
        <input id="f-year" name="year" type="number" min="2019" max="2100" value={String(p.year)} />{' '}
        <button type="submit">{T({ zh: '查看', en: 'Show' })}</button>
      </form>
      {p.decisions.length ? (
        <div class="table-scroll" role="region" aria-label={T({ zh: '决策事项目录', en: 'Catalogue' })} tabIndex={0}>
          <table>
            <caption class="sr-only">{T({ zh: '决策事项目录', en: 'Catalogue' })}</caption>
            <thead><tr><th scope="col">{T(LABELS.title)}</th><th scope="col">{T({ zh: '决策机关', en: 'Deciding body' })}</th><th scope="col">{T(LABELS.undertaker)}</th><th scope="col">{T(LABELS.status)}</th></tr></thead>
            <tbody>
              {p.decisions.map((x) => (
                <tr><th scope="row">{x.title}{x.summary ? <p class="doclist-meta">{x.summary}</p> : null}</th><td>{x.unit_name}</td><td>{x.undertaker}</td>
                  <td>{T(DECISION_STATUS_NAMES[x.status as DecisionStatus] ?? { zh: x.status, en: x.status })}{x.decided_on ? `（${d(c, x.decided_on)}）` : ''}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{T({ zh: '该年度暂无公布的决策事项目录。', en: 'No catalogue published for this year.' })}</p>}
    </Shell>
  );
}

export interface DetailData {
  consultation: ConsultationDetail; related: RelatedDoc[]; rejected: Record<string, number>;
  /** one page of the published comments; the page, how many pages, how many published in all */
  comments: CommentRow[]; commentsPage: number; commentsPages: number; commentsTotal: number; adopted: number; partly: number;
  hearings: HearingRow[]; participants: SignupRow[]; today: string;
}

function HearingBlock(p: { c: ViewContext; h: HearingRow; participants: SignupRow[]; today: string; open: boolean }) {
  const { c, h } = p;
  const T = t(c);
  return (
    <section aria-labelledby={`h-hearing-${h.id}`}>
      <h3 id={`h-hearing-${h.id}`}>{T({ zh: '听证会：{d} {t}', en: 'Hearing: {d} {t}' }, { d: d(c, h.held_on), t: h.held_time })}</h3>
      <dl class="facts">
        <dt>{T(LABELS.place)}</dt><dd>{h.place}</dd>
        <dt>{T(LABELS.seats)}</dt><dd>{h.seats}</dd>
        <dt>{T(LABELS.signup_closes_on)}</dt><dd>{d(c, h.signup_closes_on)}</dd>
        <dt>{T(LABELS.selection_method)}</dt><dd>{h.selection_method}</dd>
      </dl>
      <h4>{T({ zh: '听证参加人名单', en: 'Participants' })}</h4>
      {p.participants.length ? <ul>{p.participants.map((s) => <li>{s.name}</li>)}</ul> : <p>{T({ zh: '尚未确定。', en: 'Not chosen yet.' })}</p>}
      {h.record_published_at ? (<><h4>{T(LABELS.record)}</h4><div class="prose">{h.record_text!.split('\n').map((line) => <p>{line}</p>)}</div></>) : null}
      {p.open && p.today <= h.signup_closes_on ? <p><a href={`/consultations/hearings/${h.id}/signup`}>{T({ zh: '报名参加听证会（{d} 截止）', en: 'Sign up to take part (until {d})' }, { d: d(c, h.signup_closes_on) })}</a></p> : null}
    </section>
  );
}

/** The sign-up form of one hearing (its own page: one guarded form per page). */
export function SignupPage(p: { c: ViewContext; unit: Unit; consultation: { id: number; title: string }; h: HearingRow; challenge: Challenge; values: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, h } = p;
  const T = t(c);
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]));
  const v = (k: string) => p.values[k] ?? '';
  const title = T({ zh: '报名参加听证会', en: 'Sign up for the hearing' });
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={p.unit} current="consult" />} breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${p.unit.slug}/consultations`, label: T({ zh: '意见征集', en: 'Consultations' }) }, { href: `/consultations/${p.consultation.id}`, label: p.consultation.title }, { label: title }]} meta={{ columnName: '意见征集', columnType: '互动交流', description: title }} noindex>
      <h1>{title}</h1>
      <p>{p.consultation.title}</p>
      <p>{T({ zh: '听证会：{d} {t}，{place}。报名于 {s} 截止。', en: 'Hearing: {d} {t}, {place}. Sign-up closes on {s}.' }, { d: d(c, h.held_on), t: h.held_time, place: h.place, s: d(c, h.signup_closes_on) })}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : (
        <form method="post" action={`/consultations/hearings/${h.id}/signup`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <ErrorSummary c={c} errors={p.errors} labels={{ ...labels, name: T({ zh: '姓名', en: 'Name' }) }} />
          <Field c={c} name="name" label={T({ zh: '姓名', en: 'Name' })} value={v('name')} required errors={p.errors} hint={T({ zh: '入选后，姓名将列入公布的听证参加人名单（第十六条）。', en: 'If you are chosen, your name is published in the list of participants (Art. 16).' })} autocomplete="name" />
          <Field c={c} name="contact" label={labels.contact} value={v('contact')} required errors={p.errors} autocomplete="tel" />
          <Field c={c} name="statement" label={labels.statement} errors={p.errors}><textarea id="f-statement" name="statement" rows={3}>{v('statement')}</textarea></Field>
          <GuardFields c={c} challenge={p.challenge} errors={p.errors} />
          <button type="submit">{T({ zh: '报名', en: 'Sign up' })}</button>
        </form>
      )}
      <p><a href={`/consultations/${p.consultation.id}`}>{T({ zh: '返回征求意见页面', en: 'Back to the consultation' })}</a></p>
    </Shell>
  );
}

export function DetailPage(p: {
  c: ViewContext; unit: Unit; data: DetailData; challenge: Challenge;
  values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; error?: Msg;
}) {
  const { c, unit } = p;
  const { consultation: k, today } = p.data;
  const T = t(c);
  const phase = phaseOf({ published: !!k.published_at, opens_on: k.opens_on, closes_on: k.closes_on }, today);
  const labels = Object.fromEntries(Object.entries(LABELS).map(([key, m]) => [key, T(m)]));
  const v = (key: string) => p.values?.[key] ?? '';
  const days = windowDays(k.opens_on, k.closes_on);
  const rejectedTotal = Object.values(p.data.rejected).reduce((a, b) => a + b, 0);
  const { adopted, partly } = p.data;
  return (
    <Shell c={c} title={k.title} area="portal" nav={<PortalNav c={c} unit={unit} current="consult" />} breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/consultations`, label: T({ zh: '意见征集', en: 'Consultations' }) }, { label: k.title }]} meta={{ columnName: '意见征集', columnType: '互动交流', description: k.title }}>
      <h1>{k.title}</h1>
      <dl class="facts">
        <dt>{T({ zh: '决策机关', en: 'Deciding body' })}</dt><dd>{unit.name}</dd>
        <dt>{T({ zh: '决策事项', en: 'Decision' })}</dt><dd>{k.decision_title}（{T(DECISION_STATUS_NAMES[k.decision_status as DecisionStatus])}）</dd>
        <dt>{T({ zh: '征求意见时间', en: 'Window' })}</dt><dd>{d(c, k.opens_on)} – {d(c, k.closes_on)}（{T({ zh: '{n} 日', en: '{n} days' }, { n: days })}） · <strong>{T(PHASE_NAMES[phase])}</strong></dd>
        {k.short_reason ? (<><dt>{T(LABELS.short_reason)}</dt><dd>{k.short_reason}</dd></>) : null}
      </dl>
      <h2 id="h-draft">{T(LABELS.draft_html)}</h2>
      <div class="prose" dangerouslySetInnerHTML={{ __html: k.draft_html }} />
      <h2 id="h-explanation">{T(LABELS.explanation_html)}</h2>
      <div class="prose" dangerouslySetInnerHTML={{ __html: k.explanation_html }} />
      {p.data.related.length ? (
        <><h2 id="h-related">{T({ zh: '相关文件', en: 'Related documents' })}</h2>
          <ul>{p.data.related.filter((r) => r.public).map((r) => <li><a href={`/u/${r.unit_slug}/doc/${r.id}`}>{r.title}</a> <span class="doclist-meta">{r.index_no}</span></li>)}</ul></>
      ) : null}

      <h2 id="h-comment">{T({ zh: '提交意见', en: 'Send a comment' })}</h2>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.error ? <p class="notice error" role="alert">{T(p.error)}</p> : null}
      {phase === 'open' ? (
        <form method="post" action={`/consultations/${k.id}/comments#h-comment`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          <Field c={c} name="name" label={labels.name} value={v('name')} errors={p.errors} autocomplete="name" />
          <Field c={c} name="contact" label={labels.contact} value={v('contact')} required errors={p.errors} autocomplete="tel" hint={T({ zh: '手机号、座机号或电子邮箱，仅用于核实和联系，不会公开。', en: 'Mobile, landline or e-mail, only to check and reach you; never published.' })} />
          <Field c={c} name="body" label={labels.body} required errors={p.errors}><textarea id="f-body" name="body" rows={8} required aria-describedby={p.errors?.body ? 'f-body-err' : undefined}>{v('body')}</textarea></Field>
          <GuardFields c={c} challenge={p.challenge} errors={p.errors} />
          <button type="submit">{T({ zh: '提交意见', en: 'Send' })}</button>
        </form>
      ) : <p>{phase === 'upcoming' ? T({ zh: '征求意见将于 {d} 开始。', en: 'Comments open on {d}.' }, { d: d(c, k.opens_on) }) : T({ zh: '征求意见已于 {d} 结束。', en: 'Comments closed on {d}.' }, { d: d(c, k.closes_on) })}</p>}

      {p.data.hearings.length ? <h2 id="h-hearings">{T({ zh: '听证会', en: 'Hearings' })}</h2> : null}
      {p.data.hearings.map((h) => (
        <HearingBlock c={c} h={h} participants={p.data.participants.filter((s) => s.hearing_id === h.id)} today={today} open={phase !== 'draft'} />
      ))}

      <h2 id="h-feedback">{T({ zh: '意见采纳情况', en: 'Feedback on the comments' })}</h2>
      {k.feedback_published_at ? (
        <>
          <p>{T({ zh: '共收到意见 {n} 条，公开 {p} 条，采纳 {a} 条，部分采纳 {b} 条（公布于 {d}）。', en: '{n} comments received, {p} published, {a} adopted, {b} partly adopted (published {d}).' }, { n: k.received, p: k.published_comments, a: adopted, b: partly, d: d(c, k.feedback_published_at) })}</p>
          <div class="prose">{(k.feedback_summary ?? '').split('\n').map((line) => <p>{line}</p>)}</div>
        </>
      ) : <p>{phase === 'closed' ? T({ zh: '正在整理研究，采纳情况将在此公布（第十八条）。', en: 'The comments are being studied; the feedback will be published here.' }) : T({ zh: '征求意见结束后公布。', en: 'Published after the consultation closes.' })}</p>}

      <h2 id="h-comments">{T({ zh: '公开的意见（{n} 条）', en: 'Published comments ({n})' }, { n: p.data.commentsTotal })}</h2>
      {rejectedTotal ? <p>{T({ zh: '另有 {n} 条意见未予公开：', en: '{n} further comments were not published: ' }, { n: rejectedTotal })}{Object.entries(p.data.rejected).map(([r, n]) => `${tr(c.l, REJECT_REASON_NAMES[r as RejectReason] ?? { zh: r, en: r })} ${n}`).join(c.l === 'en' ? '; ' : '；')}</p> : null}
      {p.data.comments.length ? (
        <ol class="comments" start={(p.data.commentsPage - 1) * COMMENTS_PER_PAGE + 1}>
          {p.data.comments.map((x) => (
            <li id={`comment-${x.id}`}>
              <p class="doclist-meta">{x.name || T({ zh: '匿名', en: 'Anonymous' })} · {d(c, x.created_at)} · {T({ zh: '第 {n} 号', en: 'No. {n}' }, { n: x.id })}</p>
              {x.body.split('\n').map((line) => <p>{line}</p>)}
              {x.adoption ? <p><span class={`badge ${x.adoption === 'adopted' ? 'green' : x.adoption === 'partly' ? 'amber' : ''}`}>{T(ADOPTION_NAMES[x.adoption as Adoption])}</span>{x.response ? ` ${x.response}` : ''}</p> : null}
            </li>
          ))}
        </ol>
      ) : <p>{T({ zh: '暂无公开的意见。', en: 'No published comments yet.' })}</p>}
      <Pager c={c} base={`/consultations/${k.id}`} param="comments_page" hash="h-comments" page={p.data.commentsPage} pages={p.data.commentsPages} total={p.data.commentsTotal} label={T({ zh: '公开意见分页', en: 'Pages of published comments' })} />
    </Shell>
  );
}

export function KeptPage(p: { c: ViewContext; unit: Unit; consultationId: number }) {
  const T = t(p.c);
  const title = T({ zh: '意见已收到', en: 'Comment received' });
  return (
    <Shell c={p.c} title={title} area="portal" nav={<PortalNav c={p.c} unit={p.unit} current="consult" />} breadcrumbs={[{ href: '/', label: T(M.home) }, { label: title }]} meta={{ columnName: '意见征集', columnType: '互动交流', description: title }} noindex>
      <h1>{title}</h1>
      <p>{T({ zh: '系统暂时无法登记您的意见，意见已加密保存，工作人员将尽快补录，无需重复提交。', en: 'We could not register your comment just now; it is kept safely (encrypted) and staff will enter it. No need to send it again.' })}</p>
      <p><a href={`/consultations/${p.consultationId}`}>{T({ zh: '返回征求意见页面', en: 'Back to the consultation' })}</a></p>
    </Shell>
  );
}
