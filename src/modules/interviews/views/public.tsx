/** Public pages of 在线访谈 / 新闻发布会: a unit's list (live, upcoming, past), one event, the block on the 政策解读 column. */
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { GuardFields } from '../../../core/render/antispam.tsx';
import type { Challenge } from '../../../core/http/antispam.ts';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { ENTRY_KIND_NAMES, KIND_NAMES, LABELS, REJECT_REASON_NAMES, STATUS_NAMES, takesQuestions, type EntryKind, type Kind, type RejectReason, type Status } from '../domain/rules.ts';
import type { EventDetail, EventParts, EventRow, QuestionRow } from '../store/queries.ts';

const TITLE: Msg = { zh: '在线访谈与新闻发布会', en: 'Online interviews and press conferences' };
const META = { columnName: '在线访谈', columnType: '政策解读' };

/** Date and time in Asia/Shanghai, e.g. 2026-06-01 09:30. */
export function when(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

function EventList(p: { c: ViewContext; rows: EventRow[]; label: string; id: string; showUnit: boolean }) {
  const T = t(p.c);
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.label}</h2>
      {p.rows.length ? (
        <ul class="doclist">
          {p.rows.map((r) => (
            <li>
              <a href={`/interviews/${r.id}`}>{r.title}</a>
              <p class="doclist-meta">{T(KIND_NAMES[r.kind as Kind])} · {when(r.starts_at)} · {T(STATUS_NAMES[r.status as Status])}{p.showUnit ? ` · ${r.unit_short_name}` : ''}</p>
            </li>
          ))}
        </ul>
      ) : <p>{T({ zh: '暂无。', en: 'None.' })}</p>}
    </section>
  );
}

export function ListPage(p: { c: ViewContext; unit: Unit | null; rows: EventRow[] }) {
  const { c, unit } = p;
  const T = t(c);
  const title = unit ? `${unit.short_name} · ${T(TITLE)}` : T(TITLE);
  const showUnit = !unit || p.rows.some((r) => r.unit_id !== unit.id);
  const of = (...s: string[]) => p.rows.filter((r) => s.includes(r.status));
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit ?? undefined} current="xxgk" />} meta={{ ...META, description: title }}
      breadcrumbs={[{ href: '/', label: T(M.home) }, ...(unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/xxgk/zcjd`, label: T({ zh: '政策解读', en: 'Interpretations' }) }] : []), { label: T(TITLE) }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '围绕重要政策和社会关注的热点，邀请相关负责同志在线访谈、召开新闻发布会，解读政策、回应关切。访谈开始前和进行中均可提问，问题经审核后公开；联系方式仅用于核实，不予公开。', en: 'Officials explain policies and answer public concerns in online interviews and press conferences. Ask before or during an interview; questions are shown after moderation and contacts are never published.' })}</p>
      <EventList c={c} rows={of('live')} label={T({ zh: '正在进行', en: 'Live now' })} id="h-live" showUnit={showUnit} />
      <EventList c={c} rows={of('scheduled').reverse()} label={T({ zh: '访谈预告', en: 'Upcoming' })} id="h-upcoming" showUnit={showUnit} />
      <EventList c={c} rows={of('ended', 'cancelled')} label={T({ zh: '往期回顾', en: 'Past events' })} id="h-past" showUnit={showUnit} />
    </Shell>
  );
}

/** The listing block on a unit's 政策解读 column (portal lists-routes ZCJD_BLOCKS). */
export function ColumnBlock(p: { c: ViewContext; unit: Unit; rows: EventRow[] }) {
  const T = t(p.c);
  if (!p.rows.length) return null;
  return (
    <section aria-labelledby="h-interviews" class="column-block">
      <h2 id="h-interviews">{T({ zh: '在线访谈与新闻发布会', en: 'Interviews and press conferences' })}</h2>
      <ul class="doclist">
        {p.rows.map((r) => <li><a href={`/interviews/${r.id}`}>{r.title}</a><p class="doclist-meta">{T(KIND_NAMES[r.kind as Kind])} · {when(r.starts_at)} · {T(STATUS_NAMES[r.status as Status])}</p></li>)}
      </ul>
      <p><a href={`/u/${p.unit.slug}/interviews`}>{T({ zh: '全部访谈和发布会', en: 'All interviews and press conferences' })}</a></p>
    </section>
  );
}

export interface DetailData { event: EventDetail; parts: EventParts; questions: QuestionRow[]; rejected: Record<string, number> }

export function People(p: { c: ViewContext; people: EventParts['people']; role: string; label: Msg }) {
  const rows = p.people.filter((x) => x.role === p.role);
  if (!rows.length) return null;
  return (<><dt>{t(p.c)(p.label)}</dt><dd><ul class="plain-list">{rows.map((x) => <li>{x.name}，{x.unit_name ? `${x.unit_name}${x.title}` : x.title}</li>)}</ul></dd></>);
}

export function DetailPage(p: { c: ViewContext; unit: Unit; data: DetailData; challenge: Challenge; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg; error?: Msg }) {
  const { c, unit } = p;
  const { event: e, parts, questions } = p.data;
  const T = t(c);
  const L = (k: string) => T(LABELS[k]);
  const v = (k: string) => p.values?.[k] ?? '';
  const answered = new Set(parts.entries.map((x) => x.question_id).filter((x) => x !== null));
  const rejectedTotal = Object.values(p.data.rejected).reduce((a, b) => a + b, 0);
  const open = takesQuestions(e.status);
  return (
    <Shell c={c} title={e.title} area="portal" nav={<PortalNav c={c} unit={unit} current="xxgk" />} meta={{ ...META, description: e.topic }}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { href: `/u/${unit.slug}/interviews`, label: T(TITLE) }, { label: e.title }]}>
      <h1>{e.title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <dl class="facts">
        <dt>{T(LABELS.kind)}</dt><dd>{T(KIND_NAMES[e.kind as Kind])}</dd>
        <dt>{T({ zh: '状态', en: 'Status' })}</dt><dd>{T(STATUS_NAMES[e.status as Status])}{e.status === 'cancelled' && e.cancel_reason ? `（${e.cancel_reason}）` : ''}</dd>
        <dt>{L('starts_at')}</dt><dd>{when(e.starts_at)}</dd>
        {e.place ? <><dt>{T({ zh: '地点', en: 'Place' })}</dt><dd>{e.place}</dd></> : null}
        <dt>{L('topic')}</dt><dd>{e.topic}</dd>
        <dt>{T({ zh: '主办单位', en: 'Host' })}</dt><dd>{e.unit_name}</dd>
        <People c={c} people={parts.people} role="guest" label={{ zh: '访谈嘉宾', en: 'Guests' }} />
        <People c={c} people={parts.people} role="official" label={{ zh: '发布人', en: 'Releasing officials' }} />
      </dl>
      {e.intro_html ? <div class="prose" dangerouslySetInnerHTML={{ __html: e.intro_html }} /> : null}
      {parts.related.some((r) => r.public) ? (
        <section aria-labelledby="h-related">
          <h2 id="h-related">{T({ zh: '相关政策', en: 'Related policies' })}</h2>
          <ul>{parts.related.filter((r) => r.public).map((r) => (
            <li><a href={`/u/${r.unit_slug}/doc/${r.id}`}>{r.title}</a>
              {r.interpretations.length ? <ul>{r.interpretations.map((x) => <li>{T({ zh: '解读：', en: 'Interpretation: ' })}<a href={`/u/${x.unit_slug}/doc/${x.id}`}>{x.title}</a></li>)}</ul> : null}
            </li>))}</ul>
        </section>
      ) : null}
      {e.kind === 'press' && e.statement_html && e.status !== 'scheduled' ? (
        <section aria-labelledby="h-statement"><h2 id="h-statement">{T(LABELS.statement_html)}</h2><div class="prose" dangerouslySetInnerHTML={{ __html: e.statement_html }} /></section>
      ) : null}
      {parts.entries.length && (e.status === 'live' || e.status === 'ended') ? (
        <section aria-labelledby="h-transcript">
          <h2 id="h-transcript">{T({ zh: '文字实录', en: 'Transcript' })}</h2>
          {parts.entries.map((x) => (
            <div class={`transcript-entry entry-${x.kind}`} id={`entry-${x.id}`}>
              <p><strong>{x.speaker}</strong>（{T(ENTRY_KIND_NAMES[x.kind as EntryKind])}）{x.question_id ? <a href={`#question-${x.question_id}`}>{T({ zh: '网友问题 #{n}', en: 'Question #{n}' }, { n: x.question_id })}</a> : null}</p>
              <div class="prose" dangerouslySetInnerHTML={{ __html: x.body_html }} />
            </div>
          ))}
        </section>
      ) : null}
      {parts.photos.length ? (
        <section aria-labelledby="h-photos"><h2 id="h-photos">{T({ zh: '图片', en: 'Photos' })}</h2>
          <ul class="plain-list interview-photos">{parts.photos.map((x) => <li><figure><img src={`/interviews/photos/${x.id}`} alt={x.caption} loading="lazy" /><figcaption>{x.caption}</figcaption></figure></li>)}</ul>
        </section>
      ) : null}
      {parts.videos.length ? (
        <section aria-labelledby="h-videos"><h2 id="h-videos">{T({ zh: '视频', en: 'Video' })}</h2>
          <ul>{parts.videos.map((x) => <li><a href={x.url} rel="noopener noreferrer nofollow">{x.title}</a></li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="h-questions">
        <h2 id="h-questions">{T({ zh: '网友提问', en: 'Questions from the public' })}</h2>
        {questions.length ? (
          <ol class="plain-list">{questions.map((q) => (
            <li id={`question-${q.id}`}><p><strong>#{q.id} {q.name || T({ zh: '网友', en: 'Anonymous' })}</strong>（{formatDate(c.l, q.created_at)}{q.asked_during === 'live' ? T({ zh: '，访谈中', en: ', during the event' }) : ''}）{answered.has(q.id) ? ` · ${T({ zh: '已在实录中答复', en: 'answered in the transcript' })}` : ''}</p><p>{q.body}</p></li>
          ))}</ol>
        ) : <p>{T({ zh: '暂无公开的问题。', en: 'No questions shown yet.' })}</p>}
        {rejectedTotal ? <p>{T({ zh: '另有 {n} 条问题未予采用：', en: '{n} further questions were not shown: ' }, { n: rejectedTotal })}{Object.entries(p.data.rejected).map(([r, n]) => `${T(REJECT_REASON_NAMES[r as RejectReason] ?? { zh: r, en: r })} ${n}`).join('；')}</p> : null}
      </section>
      {open ? (
        <section aria-labelledby="h-ask">
          <h2 id="h-ask">{T({ zh: '我要提问', en: 'Ask a question' })}</h2>
          {p.error ? <p class="error-summary" role="alert">{T(p.error)}</p> : null}
          <form method="post" action={`/interviews/${e.id}/questions`}>
            <input type="hidden" name="_csrf" value={c.csrf} />
            <ErrorSummary c={c} errors={p.errors} labels={Object.fromEntries(['name', 'contact', 'body'].map((k) => [k, L(k)]))} />
            <Field c={c} name="name" label={L('name')} value={v('name')} errors={p.errors} autocomplete="nickname" />
            <Field c={c} name="contact" label={L('contact')} value={v('contact')} required errors={p.errors} autocomplete="tel" />
            <Field c={c} name="body" label={L('body')} required errors={p.errors}><textarea id="f-body" name="body" rows={4} required aria-invalid={p.errors?.body ? 'true' : undefined}>{v('body')}</textarea></Field>
            <GuardFields c={c} challenge={p.challenge} errors={p.errors} />
            <button type="submit">{T({ zh: '提交问题', en: 'Send question' })}</button>
          </form>
        </section>
      ) : null}
    </Shell>
  );
}

export function KeptPage(p: { c: ViewContext; unit: Unit; id: number }) {
  const T = t(p.c);
  const title = T({ zh: '问题已收到', en: 'Question received' });
  return (
    <Shell c={p.c} title={title} area="portal" nav={<PortalNav c={p.c} unit={p.unit} current="xxgk" />} breadcrumbs={[{ href: '/', label: T(M.home) }, { label: title }]} meta={{ ...META, description: title }} noindex>
      <h1>{title}</h1>
      <p>{T({ zh: '系统暂时无法登记您的问题，问题已加密保存，工作人员将尽快补录，无需重复提交。', en: 'We could not register your question just now; it is kept safely (encrypted) and staff will enter it. No need to send it again.' })}</p>
      <p><a href={`/interviews/${p.id}`}>{T({ zh: '返回访谈页面', en: 'Back to the event' })}</a></p>
    </Shell>
  );
}
