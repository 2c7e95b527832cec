/** Public pages of 留言/咨询: the list of published answers (a unit's subtree or the cluster) with the ask form, one answer, and the asker's status page. */
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { GuardFields } from '../../../core/render/antispam.tsx';
import type { Challenge } from '../../../core/http/antispam.ts';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { CATEGORIES, CATEGORY_NAMES, REJECT_REASON_NAMES, STATUS_NAMES, type Category, type RejectReason, type Status } from '../domain/rules.ts';
import type { PublishedRow } from '../store/queries.ts';

const TITLE: Msg = { zh: '留言咨询', en: 'Ask a question' };
const FIELD_LABELS: Record<string, Msg> = {
  category: { zh: '留言类别', en: 'Category' }, subject: { zh: '标题', en: 'Subject' }, body: { zh: '留言内容', en: 'Your question' },
  attachments: { zh: '附件', en: 'Attachments' }, name: { zh: '姓名（选填）', en: 'Name (optional)' }, contact: { zh: '手机号码或电子邮箱', en: 'Mobile number or e-mail' }, guard_answer: { zh: '验证问题', en: 'Check question' },
};
type Faq = { id: number; question: string; answer: string };
type DocLink = { id: number; title: string; index_no: string; unit_slug: string };
type Doc = (DocLink & { interpretations: DocLink[] }) | undefined;

function crumbs(c: ViewContext, unit: Unit | null, last?: { href?: string; label: string }) {
  const T = t(c);
  return [{ href: '/', label: T(M.home) }, ...(unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }] : []), ...(last ? [{ href: unit ? `/u/${unit.slug}/messages` : '/messages', label: T(TITLE) }, last] : [{ label: T(TITLE) }])];
}

export function AskForm(p: { c: ViewContext; unit: Unit; challenge: Challenge; values?: Record<string, string>; errors?: Record<string, Msg>; error?: Msg }) {
  const { c } = p;
  const T = t(c);
  const v = p.values ?? {};
  const labels = Object.fromEntries(Object.entries(FIELD_LABELS).map(([k, m]) => [k, T(m)]));
  return (
    <section aria-labelledby="h-ask">
      <h2 id="h-ask">{T({ zh: '我要留言', en: 'Ask {u} a question' }, { u: p.unit.name })}</h2>
      {p.error ? <p class="error" role="alert">{T(p.error)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={`/u/${p.unit.slug}/messages#h-ask`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="category" label={labels.category} errors={p.errors} required>
          <select id="f-category" name="category" required aria-invalid={p.errors?.category ? 'true' : undefined}>
            <option value="">{T({ zh: '请选择', en: 'Choose' })}</option>
            {CATEGORIES.map((k) => <option value={k} selected={v.category === k}>{T(CATEGORY_NAMES[k])}</option>)}
          </select>
        </Field>
        <Field c={c} name="subject" label={labels.subject} value={v.subject} errors={p.errors} required />
        <Field c={c} name="body" label={labels.body} errors={p.errors} required hint={T({ zh: '请勿在留言内容中填写身份证号、电话等个人信息。', en: 'Please do not put ID numbers or phone numbers in the text.' })}>
          <textarea id="f-body" name="body" rows={6} required aria-invalid={p.errors?.body ? 'true' : undefined} aria-describedby={`f-body-hint${p.errors?.body ? ' f-body-err' : ''}`}>{v.body ?? ''}</textarea>
        </Field>
        <Field c={c} name="attachments" label={labels.attachments} errors={p.errors} hint={T({ zh: '选填，最多 3 个，每个不超过 10 MB；支持 PDF、Word、Excel 和图片。附件不公开。', en: 'Optional: up to 3 files of at most 10 MB each (PDF, Word, Excel, images). Attachments are never published.' })}>
          <input id="f-attachments" name="attachments" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp" aria-describedby={`f-attachments-hint${p.errors?.attachments ? ' f-attachments-err' : ''}`} />
        </Field>
        <Field c={c} name="name" label={labels.name} value={v.name} errors={p.errors} autocomplete="name" />
        <Field c={c} name="contact" label={labels.contact} value={v.contact} errors={p.errors} required autocomplete="tel" hint={T({ zh: '仅用于答复和核实，不会公开。', en: 'Used only to answer and check; never published.' })} />
        <div class="field">
          <input type="checkbox" id="f-consent" name="consent" value="yes" checked={v.consent === 'yes'} />
          <label for="f-consent">{T({ zh: '同意在去除个人信息后公开我的留言和答复', en: 'I agree that my question and its answer may be published, with personal data removed' })}</label>
        </div>
        <GuardFields c={c} challenge={p.challenge} errors={p.errors} />
        <button type="submit">{T({ zh: '提交留言', en: 'Send' })}</button>
      </form>
    </section>
  );
}

function AnswerList(p: { c: ViewContext; rows: PublishedRow[]; showUnit: boolean }) {
  const T = t(p.c);
  if (!p.rows.length) return <p>{T({ zh: '暂无公开的答复。', en: 'No published answers yet.' })}</p>;
  return (
    <ul class="list">
      {p.rows.map((r) => (
        <li>
          <a href={`/messages/${r.id}`}>{r.public_subject}</a>
          {' '}<span class="meta">{T(CATEGORY_NAMES[r.category as Category] ?? CATEGORY_NAMES.other)}{p.showUnit ? ` · ${r.unit_name}` : ''} · {T({ zh: '答复于', en: 'answered' })} {formatDate(p.c.l, r.answered_on)}</span>
        </li>
      ))}
    </ul>
  );
}

export function ListPage(p: { c: ViewContext; unit: Unit | null; rows: PublishedRow[]; faqs: Faq[]; q: string; workdays: number | null; form?: Parameters<typeof AskForm>[0]; notice?: { trackingNo: string; queryCode: string; dueOn: string; kept?: boolean } }) {
  const { c, unit } = p;
  const T = t(c);
  const title = unit ? `${unit.name} · ${T(TITLE)}` : T(TITLE);
  const base = unit ? `/u/${unit.slug}/messages` : '/messages';
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit ?? undefined} current="messages" />} breadcrumbs={crumbs(c, unit)} meta={{ columnName: '留言咨询', columnType: '互动交流', description: title }}>
      <h1>{title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          <p>{T({ zh: '留言已提交。请记下查询号和查询码，凭此查看办理情况和答复：', en: 'Your message was received. Keep the tracking number and query code to see its progress and the answer:' })}</p>
          {p.notice.kept ? <p>{T({ zh: '系统暂时无法登记您的留言，留言已加密保存，工作人员将尽快补录，无需重复提交；补录后即可凭下列查询号和查询码查询。', en: 'We could not register your message just now; it is kept safely (encrypted) and staff will enter it — no need to send it again. Once entered, the tracking number and code below work.' })}</p> : null}
          <p>{T({ zh: '查询号', en: 'Tracking number' })}：<strong>{p.notice.trackingNo}</strong>　{T({ zh: '查询码', en: 'Query code' })}：<strong>{p.notice.queryCode}</strong></p>
          <p>{T({ zh: '答复期限：{d}', en: 'Answer due by {d}' }, { d: formatDate(c.l, p.notice.dueOn) })}</p>
        </div>
      ) : null}
      <p>{p.workdays ? T({ zh: '本单位在收到留言后 {n} 个工作日内答复（节假日顺延）。', en: 'This unit answers within {n} working days of receipt (public holidays excluded).' }, { n: p.workdays }) : T({ zh: '选择单位后可向该单位留言。', en: 'Open a unit’s page to ask it a question.' })}{' '}<a href="/messages/status">{T({ zh: '查询我的留言', en: 'Check my message' })}</a></p>
      <form method="get" action={base} role="search">
        <label for="f-q">{T({ zh: '搜索已公开的留言和答复', en: 'Search published questions and answers' })}</label>{' '}
        <input id="f-q" name="q" type="search" value={p.q} maxLength={50} />{' '}
        <button type="submit">{T(M.search)}</button>
      </form>
      <h2 id="h-answers">{T({ zh: '已公开的答复', en: 'Published answers' })}</h2>
      <AnswerList c={c} rows={p.rows} showUnit={!unit || p.rows.some((r) => r.unit_id !== unit.id)} />
      {p.faqs.length ? (
        <>
          <h2 id="h-faq">{T({ zh: '常见问题', en: 'Frequently asked questions' })}</h2>
          <dl>{p.faqs.map((f) => (<><dt id={`faq-${f.id}`}>{f.question}</dt><dd>{f.answer}</dd></>))}</dl>
        </>
      ) : null}
      {p.form ? <AskForm {...p.form} /> : null}
    </Shell>
  );
}

export function AnswerPage(p: { c: ViewContext; unit: Unit; row: PublishedRow; doc: Doc }) {
  const { c, row } = p;
  const T = t(c);
  return (
    <Shell c={c} title={row.public_subject} area="portal" nav={<PortalNav c={c} unit={p.unit} current="messages" />} breadcrumbs={crumbs(c, p.unit, { label: row.public_subject })} meta={{ columnName: '留言咨询', columnType: '互动交流', articleTitle: row.public_subject, description: row.public_subject }}>
      <h1>{row.public_subject}</h1>
      <p class="meta">{T(CATEGORY_NAMES[row.category as Category] ?? CATEGORY_NAMES.other)} · {row.unit_name} · {T({ zh: '留言日期', en: 'Asked' })} {formatDate(c.l, row.received_on)} · {T({ zh: '答复日期', en: 'Answered' })} {formatDate(c.l, row.answered_on)}</p>
      <h2>{T({ zh: '留言内容', en: 'Question' })}</h2>
      <p class="pre">{row.public_body}</p>
      <h2>{T({ zh: '答复内容', en: 'Answer' })}</h2>
      <p class="pre">{row.public_answer}</p>
      {p.doc ? <p>{T({ zh: '相关政策文件：', en: 'Related policy document: ' })}<a href={`/u/${p.doc.unit_slug}/doc/${p.doc.id}`}>{p.doc.title}</a>（{p.doc.index_no}）</p> : null}
      {p.doc?.interpretations.length ? (
        <p>{T({ zh: '政策解读：', en: 'Interpretation: ' })}{p.doc.interpretations.map((d, i) => <>{i ? '；' : ''}<a href={`/u/${d.unit_slug}/doc/${d.id}`}>{d.title}</a></>)}</p>
      ) : null}
      <p><a href={`/u/${p.unit.slug}/messages`}>{T({ zh: '返回留言咨询', en: 'Back to questions' })}</a></p>
    </Shell>
  );
}

export interface AskerView { tracking_no: string; status: string; subject: string; received_on: string; due_on: string; answer: string | null; answered_on: string | null; published_at: Date | null; reject_reason: string | null; unit_name: string; id: number }

export function StatusPage(p: { c: ViewContext; values?: Record<string, string>; error?: Msg; m?: AskerView | null }) {
  const { c } = p;
  const T = t(c);
  const m = p.m;
  return (
    <Shell c={c} title={T({ zh: '查询留言办理情况', en: 'Check a message' })} area="portal" nav={<PortalNav c={c} current="messages" />} breadcrumbs={crumbs(c, null, { label: T({ zh: '查询', en: 'Check' }) })} meta={{ columnName: '留言咨询', columnType: '互动交流' }} noindex>
      <h1>{T({ zh: '查询留言办理情况', en: 'Check a message' })}</h1>
      {p.error ? <p class="error" role="alert">{T(p.error)}</p> : null}
      <form method="post" action="/messages/status">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="tracking_no" label={T({ zh: '查询号', en: 'Tracking number' })} value={p.values?.tracking_no} required autocomplete="off" />
        <Field c={c} name="code" label={T({ zh: '查询码', en: 'Query code' })} value="" required autocomplete="off" />
        <button type="submit">{T({ zh: '查询', en: 'Check' })}</button>
      </form>
      {m ? (
        <section aria-labelledby="h-result">
          <h2 id="h-result">{m.subject}</h2>
          <dl>
            <dt>{T({ zh: '受理单位', en: 'Unit' })}</dt><dd>{m.unit_name}</dd>
            <dt>{T({ zh: '状态', en: 'Status' })}</dt><dd>{T(STATUS_NAMES[m.status as Status])}</dd>
            <dt>{T({ zh: '留言日期', en: 'Received' })}</dt><dd>{formatDate(c.l, m.received_on)}</dd>
            <dt>{T({ zh: '答复期限', en: 'Due' })}</dt><dd>{formatDate(c.l, m.due_on)}</dd>
            {m.reject_reason ? (<><dt>{T({ zh: '不予处理的理由', en: 'Reason' })}</dt><dd>{T(REJECT_REASON_NAMES[m.reject_reason as RejectReason])}</dd></>) : null}
          </dl>
          {m.answer && m.answered_on ? (<><h3>{T({ zh: '答复（{d}）', en: 'Answer ({d})' }, { d: formatDate(c.l, m.answered_on) })}</h3><p class="pre">{m.answer}</p></>) : null}
          {m.published_at ? <p><a href={`/messages/${m.id}`}>{T({ zh: '查看公开的答复', en: 'See the published answer' })}</a></p> : null}
        </section>
      ) : null}
    </Shell>
  );
}
