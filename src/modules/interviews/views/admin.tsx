/** Admin pages of 在线访谈 / 新闻发布会: the list with the moderation queue, the event form, one event (status, transcript, photos, questions). */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import { ENTRY_KINDS, ENTRY_KIND_NAMES, KINDS, KIND_NAMES, LABELS, REJECT_REASONS, REJECT_REASON_NAMES, STATUS_NAMES, TRANSITIONS, type EntryKind, type Kind, type RejectReason, type Status } from '../domain/rules.ts';
import type { EventDetail, EventParts, EventRow, PendingRow, QuestionRow } from '../store/queries.ts';
import { when } from './public.tsx';

type Errs = Record<string, Msg> | undefined;
const Csrf = (p: { c: ViewContext }) => <input type="hidden" name="_csrf" value={p.c.csrf} />;
const TITLE: Msg = { zh: '在线访谈与新闻发布会', en: 'Interviews and press conferences' };

export function AdminList(p: { c: ViewContext; events: EventRow[]; pending: { rows: PendingRow[]; total: number }; units: UnitListRow[]; kept: number; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  return (
    <AdminPage c={c} title={T(TITLE)} current="interviews">
      <h1>{T(TITLE)}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.kept ? <p class="notice" role="alert"><a href="/admin/interviews/kept">{T({ zh: '有 {n} 条网友问题因存储故障被加密暂存，请恢复。', en: '{n} questions were kept (encrypted) after a storage error; recover them.' }, { n: p.kept })}</a></p> : null}
      <h2 id="h-pending">{T({ zh: '待审核的网友问题（{n} 条）', en: 'Questions awaiting moderation ({n})' }, { n: p.pending.total })}</h2>
      {p.pending.rows.length ? <ul>{p.pending.rows.map((r) => <li><a href={`/admin/interviews/${r.interview_id}#question-${r.id}`}>{r.interview_title}</a> · {r.unit_name} · {formatDate(c.l, r.created_at)} · {r.body.slice(0, 40)}</li>)}</ul> : <p>{T({ zh: '没有待审核的问题。', en: 'Nothing to moderate.' })}</p>}
      {p.units.length ? (
        <form method="get" action="/admin/interviews/new" class="inline-form">
          <label for="f-unit">{T({ zh: '为单位新建访谈或发布会', en: 'New event for' })}</label>{' '}
          <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '新建', en: 'New' })}</button>
        </form>
      ) : null}
      <h2 id="h-events">{T({ zh: '活动', en: 'Events' })}</h2>
      <div class="table-scroll" role="region" aria-label={T({ zh: '活动', en: 'Events' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(LABELS.title)}</th><th scope="col">{T(LABELS.kind)}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T(LABELS.starts_at)}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '待审核', en: 'Pending' })}</th></tr></thead>
          <tbody>{p.events.map((x) => <tr><td><a href={`/admin/interviews/${x.id}`}>{x.title}</a></td><td>{T(KIND_NAMES[x.kind as Kind])}</td><td>{x.unit_short_name}</td><td>{when(x.starts_at)}</td><td>{T(STATUS_NAMES[x.status as Status])}</td><td>{x.questions_pending}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

/** The form's values from a stored event (for editing). */
export function valuesOf(e: EventDetail, parts: EventParts): Record<string, string> {
  const people = (role: string) => parts.people.filter((x) => x.role === role).map((x) => [x.name, x.title, x.unit_name].join('|')).join('\n');
  return {
    kind: e.kind, title: e.title, topic: e.topic, starts_at: when(e.starts_at).replace(' ', 'T'), place: e.place, intro_html: e.intro_html, statement_html: e.statement_html,
    guests: people('guest'), officials: people('official'), related: parts.related.map((r) => r.index_no).join('\n'), videos: parts.videos.map((v) => `${v.title}|${v.url}`).join('\n'),
  };
}

export function EventForm(p: { c: ViewContext; action: string; values: Record<string, string>; errors: Errs; disabled?: boolean; once?: boolean }) {
  const { c } = p;
  const T = t(c);
  const L = (k: string) => T(LABELS[k]);
  const v = (k: string) => p.values[k] ?? '';
  const area = (k: string, rows = 4) => <Field c={c} name={k} label={L(k)} errors={p.errors}><textarea id={`f-${k}`} name={k} rows={rows}>{v(k)}</textarea></Field>;
  return (
    <form method="post" action={p.action}>
      <Csrf c={c} />
      {p.once ? <input type="hidden" name="form_token" value={formTokenValue(p.values)} /> : null}
      <ErrorSummary c={c} errors={p.errors} labels={Object.fromEntries(Object.keys(LABELS).map((k) => [k, L(k)]))} />
      <fieldset disabled={p.disabled}>
        <legend>{T({ zh: '活动信息', en: 'The event' })}</legend>
        <Field c={c} name="kind" label={L('kind')} errors={p.errors} required>
          <select id="f-kind" name="kind">{KINDS.map((k) => <option value={k} selected={v('kind') === k}>{T(KIND_NAMES[k])}</option>)}</select>
        </Field>
        <Field c={c} name="title" label={L('title')} value={v('title')} errors={p.errors} required />
        <Field c={c} name="topic" label={L('topic')} value={v('topic')} errors={p.errors} required />
        <Field c={c} name="starts_at" label={L('starts_at')} type="datetime-local" value={v('starts_at')} errors={p.errors} required hint={T({ zh: '北京时间，例如 2026-06-01T09:30', en: 'Beijing time, e.g. 2026-06-01T09:30' })} />
        <Field c={c} name="place" label={L('place')} value={v('place')} errors={p.errors} />
        {area('guests')}
        {area('officials')}
        {area('intro_html', 5)}
        {area('statement_html', 8)}
        {area('related', 3)}
        {area('videos', 3)}
        <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
      </fieldset>
    </form>
  );
}

export function NewPage(p: { c: ViewContext; unitId: number; unitName: string; values: Record<string, string>; errors?: Errs }) {
  const T = t(p.c);
  const title = T({ zh: '新建访谈或发布会：{u}', en: 'New event: {u}' }, { u: p.unitName });
  return (
    <AdminPage c={p.c} title={title} current="interviews" crumbs={[{ href: '/admin/interviews', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      <EventForm c={p.c} action={`/admin/interviews?unit=${p.unitId}`} values={p.values} errors={p.errors} once />
    </AdminPage>
  );
}

export interface EventPageData { e: EventDetail; parts: EventParts; questions: QuestionRow[] }

export function EventPage(p: { c: ViewContext; data: EventPageData; values?: Record<string, string>; errors?: Errs; section?: string; error?: Msg; notice?: Msg; contact?: { id: number; value: string } }) {
  const { c } = p;
  const { e, parts, questions } = p.data;
  const T = t(c);
  const L = (k: string) => T(LABELS[k]);
  const canEdit = c.can('interview.edit', e.unit_path);
  const canPublish = c.can('interview.publish', e.unit_path);
  const canModerate = c.can('interview.moderate', e.unit_path);
  const errs = (s: string) => (p.section === s ? p.errors : undefined);
  const val = (s: string, k: string) => (p.section === s ? p.values?.[k] ?? '' : '');
  const next = TRANSITIONS[e.status as Status];
  return (
    <AdminPage c={c} title={e.title} current="interviews" crumbs={[{ href: '/admin/interviews', label: T(TITLE) }, { label: e.title }]}>
      <h1>{e.title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.error ? <p class="error-summary" role="alert">{T(p.error)}</p> : null}
      <p>{T(KIND_NAMES[e.kind as Kind])} · {e.unit_name} · {when(e.starts_at)} · <strong>{T(STATUS_NAMES[e.status as Status])}</strong>
        {e.status !== 'draft' ? <> · <a href={`/interviews/${e.id}`}>{T({ zh: '查看公开页面', en: 'Public page' })}</a></> : null}</p>
      {canPublish && next.length ? (
        <section aria-labelledby="h-status">
          <h2 id="h-status">{T({ zh: '状态', en: 'Status' })}</h2>
          <ErrorSummary c={c} errors={errs('status')} labels={{ reason: L('reason') }} />
          {next.map((to) => (
            <form method="post" action={`/admin/interviews/${e.id}/status`} class="inline-form">
              <Csrf c={c} /><input type="hidden" name="to" value={to} />
              {to === 'cancelled' ? <><label for={`f-reason`}>{L('reason')}</label>{' '}<input id="f-reason" name="reason" type="text" value={val('status', 'reason')} />{' '}</> : null}
              <button type="submit">{T({ zh: '改为“{s}”', en: 'Mark “{s}”' }, { s: T(STATUS_NAMES[to]) })}</button>
            </form>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="h-questions">
        <h2 id="h-questions">{T({ zh: '网友问题', en: 'Questions' })}</h2>
        <ErrorSummary c={c} errors={errs('moderate')} labels={{ reason: L('reason'), action: L('reason') }} />
        {questions.length ? <ol class="plain-list">{questions.map((q) => (
          <li id={`question-${q.id}`}>
            <p><strong>#{q.id} {q.name || T({ zh: '网友', en: 'Anonymous' })}</strong> · {formatDate(c.l, q.created_at)} · {q.status === 'pending' ? T({ zh: '待审核', en: 'Pending' }) : q.status === 'approved' ? T({ zh: '已采用', en: 'Approved' }) : `${T({ zh: '未采用', en: 'Rejected' })}：${T(REJECT_REASON_NAMES[q.reject_reason as RejectReason] ?? { zh: '', en: '' })}`}</p>
            <p>{q.body}</p>
            {p.contact?.id === q.id ? <p>{T({ zh: '联系方式：', en: 'Contact: ' })}{p.contact.value}</p> : canModerate ? (
              <form method="post" action={`/admin/interviews/questions/${q.id}/contact`} class="inline-form"><Csrf c={c} /><button type="submit" class="secondary">{T({ zh: '查看联系方式（记入审计日志）', en: 'Show contact (audited)' })}</button></form>
            ) : null}
            {q.status === 'pending' && canModerate ? (
              <form method="post" action={`/admin/interviews/questions/${q.id}/moderate`} class="inline-form">
                <Csrf c={c} />
                <button type="submit" name="action" value="approve">{T({ zh: '采用并公开', en: 'Approve' })}</button>{' '}
                <label for={`f-reason-${q.id}`}>{T({ zh: '不予采用的理由', en: 'Reason to reject' })}</label>{' '}
                <select id={`f-reason-${q.id}`} name="reason"><option value="">—</option>{REJECT_REASONS.map((r) => <option value={r}>{T(REJECT_REASON_NAMES[r])}</option>)}</select>{' '}
                <button type="submit" name="action" value="reject" class="secondary">{T({ zh: '不予采用', en: 'Reject' })}</button>
              </form>
            ) : null}
          </li>
        ))}</ol> : <p>{T({ zh: '暂无问题。', en: 'No questions yet.' })}</p>}
      </section>
      <section aria-labelledby="h-transcript">
        <h2 id="h-transcript">{T({ zh: '文字实录', en: 'Transcript' })}</h2>
        {parts.entries.map((x) => (
          <div class="transcript-entry" id={`entry-${x.id}`}>
            <p><strong>{x.position}. {x.speaker}</strong>（{T(ENTRY_KIND_NAMES[x.kind as EntryKind])}{x.question_id ? ` · #${x.question_id}` : ''}）</p>
            <div class="prose" dangerouslySetInnerHTML={{ __html: x.body_html }} />
            {canEdit ? <form method="post" action={`/admin/interviews/${e.id}/entries/${x.id}/delete`} class="inline-form"><Csrf c={c} /><button type="submit" class="secondary">{T({ zh: '删除此条', en: 'Delete entry' })}</button></form> : null}
          </div>
        ))}
        {canEdit && e.status !== 'cancelled' ? (
          <form method="post" action={`/admin/interviews/${e.id}/entries`}>
            <Csrf c={c} />
            <input type="hidden" name="form_token" value={formTokenValue(p.section === 'entry' ? p.values : undefined)} />
            <ErrorSummary c={c} errors={errs('entry')} labels={{ entry_kind: L('entry_kind'), speaker: L('speaker'), entry_html: L('entry_html'), question_id: L('question_id') }} />
            <Field c={c} name="entry_kind" label={L('entry_kind')} errors={errs('entry')}>
              <select id="f-entry_kind" name="entry_kind">{ENTRY_KINDS.map((k) => <option value={k} selected={val('entry', 'entry_kind') === k}>{T(ENTRY_KIND_NAMES[k])}</option>)}</select>
            </Field>
            <Field c={c} name="speaker" label={L('speaker')} value={val('entry', 'speaker')} errors={errs('entry')} required />
            <Field c={c} name="entry_html" label={L('entry_html')} errors={errs('entry')} required><textarea id="f-entry_html" name="entry_html" rows={5}>{val('entry', 'entry_html')}</textarea></Field>
            <Field c={c} name="question_id" label={L('question_id')} value={val('entry', 'question_id')} errors={errs('entry')} />
            <button type="submit">{T({ zh: '添加到实录', en: 'Add to transcript' })}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="h-photos">
        <h2 id="h-photos">{T({ zh: '图片', en: 'Photos' })}</h2>
        <ul class="plain-list interview-photos">{parts.photos.map((x) => <li><figure><img src={`/admin/interviews/photos/${x.id}`} alt={x.caption} /><figcaption>{x.caption}</figcaption></figure></li>)}</ul>
        {canEdit && e.status !== 'cancelled' ? (
          <form method="post" action={`/admin/interviews/${e.id}/photos`} enctype="multipart/form-data">
            <Csrf c={c} />
            <input type="hidden" name="form_token" value={formTokenValue(p.section === 'photo' ? p.values : undefined)} />
            <ErrorSummary c={c} errors={errs('photo')} labels={{ caption: L('caption'), photo: L('photo') }} />
            <Field c={c} name="caption" label={L('caption')} value={val('photo', 'caption')} errors={errs('photo')} required />
            <Field c={c} name="photo" label={L('photo')} errors={errs('photo')} required><input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png" /></Field>
            <button type="submit">{T({ zh: '上传', en: 'Upload' })}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="h-edit">
        <h2 id="h-edit">{T({ zh: '活动信息', en: 'The event' })}</h2>
        <EventForm c={c} action={`/admin/interviews/${e.id}`} values={p.section === 'edit' && p.values ? p.values : valuesOf(e, parts)} errors={errs('edit')} disabled={!canEdit || e.status === 'cancelled'} />
      </section>
    </AdminPage>
  );
}
