/** Staff pages of 留言/咨询: the inbox with overdue and due-soon lists and the year's figures, and one message with its actions. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { allowed, CATEGORY_NAMES, REJECT_REASON_NAMES, REJECT_REASONS, STATUS_NAMES, type Category, type RejectReason, type Status, type Urgency } from '../domain/rules.ts';
import type { MessageDetail, StaffRow } from '../store/queries.ts';
import type { ParticipationFigures } from '../../reports/store/participation.ts';

const Csrf = (p: { c: ViewContext }) => <input type="hidden" name="_csrf" value={p.c.csrf} />;
const URGENCY: Record<Urgency, Msg> = { overdue: { zh: '已超期', en: 'Overdue' }, due_soon: { zh: '即将到期', en: 'Due soon' }, normal: { zh: '—', en: '—' } };
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function Table(p: { c: ViewContext; rows: (StaffRow & { urgency: Urgency })[]; caption: string }) {
  const T = t(p.c);
  if (!p.rows.length) return <p>{T({ zh: '暂无。', en: 'None.' })}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={p.caption} tabIndex={0}>
      <table>
        <caption class="sr-only">{p.caption}</caption>
        <thead><tr>
          <th scope="col">{T({ zh: '标题', en: 'Subject' })}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th>
          <th scope="col">{T({ zh: '办理人', en: 'Handler' })}</th><th scope="col">{T({ zh: '答复期限', en: 'Due' })}</th><th scope="col">{T({ zh: '提醒', en: 'Alert' })}</th>
        </tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row"><a href={`/admin/messages/${r.id}`}>{r.subject}</a> <span class="meta">{r.tracking_no}</span></th>
              <td>{r.unit_name}</td><td>{T(STATUS_NAMES[r.status])}</td><td>{r.assignee ?? '—'}</td><td>{formatDate(p.c.l, r.due_on)}</td><td>{T(URGENCY[r.urgency])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InboxPage(p: { c: ViewContext; kept?: number; open: (StaffRow & { urgency: Urgency })[]; toPublish: (StaffRow & { urgency: Urgency })[]; figures: (ParticipationFigures & { unitName: string })[]; year: number; units: { id: number; name: string; workdays: number }[]; notice?: Msg; errors?: Record<string, Msg> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '留言咨询', en: 'Citizen messages' });
  return (
    <AdminPage c={c} title={title} current="messages">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.kept ? <p class="notice" role="alert"><a href="/admin/messages/kept">{T({ zh: '有 {n} 条留言因存储故障被加密暂存，请恢复。', en: '{n} messages were kept (encrypted) after a storage error; recover them.' }, { n: p.kept })}</a></p> : null}
      <h2 id="h-overdue">{T({ zh: '已超期', en: 'Overdue' })}</h2>
      <Table c={c} rows={p.open.filter((r) => r.urgency === 'overdue')} caption={T({ zh: '已超期', en: 'Overdue' })} />
      <h2 id="h-due-soon">{T({ zh: '即将到期', en: 'Due soon' })}</h2>
      <Table c={c} rows={p.open.filter((r) => r.urgency === 'due_soon')} caption={T({ zh: '即将到期', en: 'Due soon' })} />
      <h2 id="h-open">{T({ zh: '全部待答复', en: 'All awaiting an answer' })}</h2>
      <Table c={c} rows={p.open} caption={T({ zh: '全部待答复', en: 'All awaiting an answer' })} />
      <h2 id="h-publish">{T({ zh: '已答复、可公开', en: 'Answered, may be published' })}</h2>
      <Table c={c} rows={p.toPublish} caption={T({ zh: '已答复、可公开', en: 'Answered, may be published' })} />
      <h2 id="h-figures">{T({ zh: '{y} 年度答复情况', en: 'Figures for {y}' }, { y: p.year })}</h2>
      {p.figures.length ? (
        <div class="table-scroll" role="region" aria-label={T({ zh: '答复情况', en: 'Figures' })} tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '收到', en: 'Received' })}</th><th scope="col">{T({ zh: '不予处理', en: 'Set aside' })}</th><th scope="col">{T({ zh: '已答复', en: 'Answered' })}</th><th scope="col">{T({ zh: '答复率', en: 'Answer rate' })}</th><th scope="col">{T({ zh: '按时答复率', en: 'On-time rate' })}</th><th scope="col">{T({ zh: '征集反馈公开率', en: 'Consultations with feedback' })}</th></tr></thead>
            <tbody>{p.figures.map((f) => <tr><th scope="row">{f.unitName}</th><td>{f.received}</td><td>{f.rejected}</td><td>{f.answered}</td><td>{pct(f.answerRate)}</td><td>{pct(f.onTimeRate)}</td><td>{pct(f.feedbackRate)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p>{T({ zh: '本年度暂无留言。', en: 'No messages this year.' })}</p>}
      <p class="hint">{T({ zh: '按时答复率 = 本年在期限内答复的留言 ÷（本年答复的留言 + 已超期未答复的留言）；与考核指标、年度报告使用同一统计。', en: 'On-time rate = messages answered by their due date in the year ÷ (messages answered in the year + overdue unanswered ones); the same count as the assessment and the annual report.' })}</p>
      {p.units.length ? (
        <>
          <h2 id="h-settings">{T({ zh: '答复期限', en: 'Answer period' })}</h2>
          <ErrorSummary c={c} errors={p.errors} />
          {p.units.map((u) => (
            <form method="post" action="/admin/messages/settings" class="inline">
              <Csrf c={c} /><input type="hidden" name="unit_id" value={u.id} />
              <Field c={c} name="workdays" label={`${u.name}（${T({ zh: '工作日', en: 'working days' })}）`} value={u.workdays} type="number" errors={p.errors} required />
              <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
            </form>
          ))}
        </>
      ) : null}
    </AdminPage>
  );
}

export function MessagePage(p: {
  c: ViewContext; m: MessageDetail; urgency: Urgency; staff: { id: number; display_name: string }[]; units: { id: number; name: string }[]; faqs: { id: number; question: string }[];
  attachments: { id: number; filename: string; size: number }[]; contact?: { name: string; contact: string }; notice?: Msg; error?: Msg; errors?: Record<string, Msg>; values?: Record<string, string>; section?: string;
}) {
  const { c, m } = p;
  const T = t(c);
  const st = m.status as Status;
  const canHandle = c.can('message.handle', m.unit_path);
  const canPublish = c.can('message.publish', m.unit_path);
  const v = p.values ?? {};
  const errs = (s: string) => (p.section === s ? p.errors : undefined);
  return (
    <AdminPage c={c} title={m.subject} current="messages" crumbs={[{ href: '/admin/messages', label: T({ zh: '留言咨询', en: 'Citizen messages' }) }, { label: m.tracking_no }]}>
      <h1>{m.subject}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.error ? <p class="error" role="alert">{T(p.error)}</p> : null}
      <dl>
        <dt>{T({ zh: '查询号', en: 'Tracking number' })}</dt><dd>{m.tracking_no}</dd>
        <dt>{T({ zh: '单位', en: 'Unit' })}</dt><dd>{m.unit_name}</dd>
        <dt>{T({ zh: '类别', en: 'Category' })}</dt><dd>{T(CATEGORY_NAMES[m.category as Category])}</dd>
        <dt>{T({ zh: '状态', en: 'Status' })}</dt><dd>{T(STATUS_NAMES[st])}{p.urgency !== 'normal' ? `（${T(URGENCY[p.urgency])}）` : ''}</dd>
        <dt>{T({ zh: '收到 / 答复期限', en: 'Received / due' })}</dt><dd>{formatDate(c.l, m.received_on)} / {formatDate(c.l, m.due_on)}</dd>
        <dt>{T({ zh: '办理人', en: 'Handler' })}</dt><dd>{m.assignee ?? '—'}</dd>
        <dt>{T({ zh: '同意公开', en: 'Consent to publish' })}</dt><dd>{m.consent ? T({ zh: '是', en: 'Yes' }) : T({ zh: '否', en: 'No' })}</dd>
        <dt>{T({ zh: '留言人', en: 'Asker' })}</dt>
        <dd>{p.contact ? `${p.contact.name || '—'} · ${p.contact.contact}` : canHandle ? (
          <form method="post" action={`/admin/messages/${m.id}/contact`} class="inline"><Csrf c={c} /><button type="submit">{T({ zh: '查看联系方式（将记录）', en: 'Show contact (recorded)' })}</button></form>
        ) : T({ zh: '已加密', en: 'Encrypted' })}</dd>
        {m.reject_reason ? (<><dt>{T({ zh: '不予处理', en: 'Set aside' })}</dt><dd>{T(REJECT_REASON_NAMES[m.reject_reason as RejectReason])} {m.reject_note}</dd></>) : null}
      </dl>
      <h2>{T({ zh: '留言内容', en: 'Question' })}</h2>
      <p class="pre">{m.body}</p>
      {p.attachments.length ? (
        <>
          <h3>{T({ zh: '附件', en: 'Attachments' })}</h3>
          <ul>{p.attachments.map((a) => <li>{canHandle ? <a href={`/admin/messages/${m.id}/attachments/${a.id}`}>{a.filename}</a> : a.filename}（{Math.max(1, Math.round(a.size / 1024))} KB）</li>)}</ul>
        </>
      ) : null}
      {m.answer ? (<><h2>{T({ zh: '答复', en: 'Answer' })}（{formatDate(c.l, m.answered_on)} · {m.answered_by}）</h2><p class="pre">{m.answer}</p></>) : null}
      {m.published_at ? <p><a href={`/messages/${m.id}`}>{T({ zh: '查看公开页面', en: 'See the public page' })}</a></p> : null}

      {canHandle && allowed(st, 'answer') ? (
        <form method="post" action={`/admin/messages/${m.id}/answer`} id="answer">
          <h2>{T({ zh: '答复', en: 'Answer' })}</h2><Csrf c={c} /><ErrorSummary c={c} errors={errs('answer')} />
          <Field c={c} name="answer" label={T({ zh: '答复内容', en: 'Answer' })} errors={errs('answer')} required>
            <textarea id="f-answer" name="answer" rows={6} required>{v.answer ?? m.answer ?? ''}</textarea>
          </Field>
          <Field c={c} name="document_index_no" label={T({ zh: '相关政策文件索引号（选填）', en: 'Index number of the policy document (optional)' })} value={v.document_index_no} errors={errs('answer')} />
          <button type="submit">{T({ zh: '保存答复', en: 'Save the answer' })}</button>
        </form>
      ) : null}
      {canHandle && allowed(st, 'assign') ? (
        <form method="post" action={`/admin/messages/${m.id}/assign`} id="assign">
          <h2>{T({ zh: '交办', en: 'Assign' })}</h2><Csrf c={c} />
          <Field c={c} name="user_id" label={T({ zh: '办理人', en: 'Handler' })} errors={errs('assign')} required>
            <select id="f-user_id" name="user_id" required>{p.staff.map((u) => <option value={u.id} selected={m.assigned_to === u.id}>{u.display_name}</option>)}</select>
          </Field>
          <button type="submit">{T({ zh: '交办', en: 'Assign' })}</button>
        </form>
      ) : null}
      {canHandle && allowed(st, 'transfer') ? (
        <form method="post" action={`/admin/messages/${m.id}/transfer`} id="transfer">
          <h2>{T({ zh: '转办', en: 'Transfer to another unit' })}</h2><Csrf c={c} />
          <Field c={c} name="unit_id" label={T({ zh: '转至单位', en: 'To unit' })} errors={errs('transfer')} required>
            <select id="f-unit_id" name="unit_id" required><option value="">{T({ zh: '请选择', en: 'Choose' })}</option>{p.units.filter((u) => u.id !== m.unit_id).map((u) => <option value={u.id}>{u.name}</option>)}</select>
          </Field>
          <button type="submit">{T({ zh: '转办', en: 'Transfer' })}</button>
        </form>
      ) : null}
      {canHandle && allowed(st, 'reject') ? (
        <form method="post" action={`/admin/messages/${m.id}/reject`} id="reject">
          <h2>{T({ zh: '不予处理', en: 'Set aside' })}</h2><Csrf c={c} />
          <Field c={c} name="reason" label={T({ zh: '理由', en: 'Reason' })} errors={errs('reject')} required>
            <select id="f-reason" name="reason" required><option value="">{T({ zh: '请选择', en: 'Choose' })}</option>{REJECT_REASONS.map((r) => <option value={r}>{T(REJECT_REASON_NAMES[r])}</option>)}</select>
          </Field>
          <Field c={c} name="note" label={T({ zh: '说明（选填）', en: 'Note (optional)' })} />
          <button type="submit">{T({ zh: '不予处理', en: 'Set aside' })}</button>
        </form>
      ) : null}
      {canPublish && allowed(st, 'publish') && m.consent ? (
        <form method="post" action={`/admin/messages/${m.id}/publish`} id="publish">
          <h2>{T({ zh: '公开', en: 'Publish' })}</h2><Csrf c={c} />
          <p>{T({ zh: '留言人已同意公开。公开时自动去除姓名、电话、身份证号和邮箱；请再核对以下文字。', en: 'The asker agreed. Names, phone and ID numbers and e-mail addresses are removed on publishing; check the text below.' })}</p>
          <Field c={c} name="public_subject" label={T({ zh: '公开标题', en: 'Published subject' })} value={m.subject} />
          <Field c={c} name="public_body" label={T({ zh: '公开的留言内容', en: 'Published question' })}>
            <textarea id="f-public_body" name="public_body" rows={5}>{m.body}</textarea>
          </Field>
          <button type="submit">{T({ zh: '公开', en: 'Publish' })}</button>
        </form>
      ) : null}
      {canPublish && allowed(st, 'faq') ? (
        <form method="post" action={`/admin/messages/${m.id}/faq`} id="faq">
          <h2>{T({ zh: '归入常见问题', en: 'Merge into the FAQ' })}</h2><Csrf c={c} /><ErrorSummary c={c} errors={errs('faq')} />
          <Field c={c} name="faq_id" label={T({ zh: '已有的常见问题', en: 'Existing FAQ entry' })} errors={errs('faq')}>
            <select id="f-faq_id" name="faq_id"><option value="">{T({ zh: '新建一条', en: 'Create a new one' })}</option>{p.faqs.map((f) => <option value={f.id} selected={m.faq_id === f.id}>{f.question}</option>)}</select>
          </Field>
          <Field c={c} name="question" label={T({ zh: '新常见问题（选填，默认为公开标题）', en: 'New question (optional)' })} value={v.question} errors={errs('faq')} />
          <button type="submit">{T({ zh: '归入', en: 'Merge' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}
