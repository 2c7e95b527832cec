/**
 * The case page (staff): summary, applicant (masked unless the handler asks to see it — audited),
 * request, deadline trace, the steps the user may take, the reply draft, letters, the event timeline,
 * appeals and assignment; and the letter page (edit a draft, issue, download, record delivery).
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatDateTime, type Msg } from '../../../core/render/i18n.ts';
import type { DeadlineResult } from '../../../core/calendar/index.ts';
import { docToText, type DocModel } from '../../../core/docs/index.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { DELIVERY_METHODS, noticesBlockingAnswer, type CaseEvent, type Disposition, type TransitionName } from '../domain/index.ts';
import { categoryLabel, channelLabel, DELIVERY_METHOD_LABELS, dispositionLabel, eventLabel, letterLabel, statusLabel } from './labels.ts';
import { ID_TYPE_LABELS, FORM_LABELS, DELIVERY_LABELS, type IdType } from '../domain/intake.ts';
import { AppealForm, AppealOutcomeForm, SuperviseForm, Area, DispositionForm, In, PostForm, Sel, StepForms } from './case-forms.tsx';
import { APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS, type RevealedPii } from '../store/supervision.ts';
import type { AppealRow, CaseWithUnit, EventRow, LetterRow } from '../store/repository.ts';
import type { SupervisionOrderRow } from '../store/supervision-orders.ts';
import { dispositionToForm } from '../http/forms.ts';
import { DueBadge } from './staff-views.tsx';
import { HistoryLink } from '../../audit/views/history-link.tsx';

const crumbs = (c: ViewContext, last: string, caseId?: number, ref?: string) => [
  { href: '/admin', label: t(c)({ zh: '工作台', en: 'Dashboard' }) },
  { href: '/admin/requests', label: t(c)({ zh: '依申请公开', en: 'Applications' }) },
  ...(caseId ? [{ href: `/admin/requests/${caseId}`, label: ref ?? String(caseId) }] : []),
  { label: last },
];

/** One line of what a recorded step says (no personal data is ever in an event). */
export function eventDetails(e: CaseEvent, T: (m: Msg, v?: Record<string, string | number>) => string): string {
  switch (e.type) {
    case 'register': return T({ zh: '收到申请之日：{d}', en: 'received {d}' }, { d: e.date });
    case 'request_correction': return T({ zh: '补正事项：{i}；补正期限 {d}', en: 'to correct: {i}; by {d}' }, { i: e.items.join('；'), d: e.correctBy });
    case 'correct': return e.lateReason ? T({ zh: '逾期理由：{r}', en: 'late because: {r}' }, { r: e.lateReason }) : '';
    case 'start_consultation': return e.parties.map((p) => p.name).join('、');
    case 'end_consultation': return `${e.outcome}${e.note ? `：${e.note}` : ''}`;
    case 'extend': return T({ zh: '延长{n}个工作日；理由：{r}；批准人：{a}', en: '{n} working days; {r}; approved by {a}' }, { n: e.workdays, r: e.reason, a: e.approvedBy });
    case 'request_reasons': return T({ zh: '{f}；说明理由期限 {d}（答复期限不中止）', en: '{f}; reasons by {d} (the clock keeps running)' }, { f: e.facts, d: e.replyBy });
    case 'set_reasonable_period': return T({ zh: '延迟答复至 {d}；原因：{r}；批准人：{a}', en: 'due on {d}; {r}; approved by {a}' }, { d: e.dueDate, r: e.reason, a: e.approvedBy });
    case 'send_fee_notice': return T({ zh: '{a}元，缴费期限 {d}', en: '{a} yuan, pay by {d}' }, { a: e.amountYuan, d: e.payBy ?? '' });
    case 'answer': return T(dispositionLabel(e.disposition.key));
    case 'deliver': return T(DELIVERY_METHOD_LABELS[e.method] ?? { zh: e.method, en: e.method });
    case 'withdraw': return [e.byApplicant ? T({ zh: '申请人通过查询页面自行撤回', en: 'by the applicant on the status page' }) : '', e.reason ?? ''].filter(Boolean).join('；');
    case 'transfer': return e.reason;
    default: return '';
  }
}

export interface CasePageData {
  c: CaseWithUnit;
  handlerName: string | null;
  events: EventRow[];
  deadline: DeadlineResult | null;
  letters: LetterRow[];
  appeals: AppealRow[];
  attachments: { id: number; filename: string; size: number }[];
  steps: TransitionName[];
  canConfirm: boolean;
  canDraft: boolean;
  canSign: boolean;
  canPii: boolean;
  canAppeal: boolean;
  /** 督办 given on the case, and whether this user may give one (#14.9) */
  orders: SupervisionOrderRow[];
  canSupervise: boolean;
  canAssign: boolean;
  pii?: RevealedPii;
  handlers: { id: number; name: string }[];
  units: { id: number; name: string }[];
  repeats: number;
  today: string;
  flash?: Msg[];
}

export function CasePage(p: { ctx: ViewContext; d: CasePageData }) {
  const c = p.ctx;
  const T = t(c);
  const { c: k, d } = { c: p.d.c, d: p.d };
  const title = `${T({ zh: '申请', en: 'Application' })} ${k.ref}`;
  const draft = k.draft_disposition as Disposition | null;
  const disp = k.disposition as Disposition | null;
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={crumbs(c, k.ref)}>
      <h1>{title} <span class="badge">{T(statusLabel(k.status))}</span> <DueBadge c={c} row={k} today={d.today} /></h1>
      {d.flash?.map((m) => <div class="notice" role="status">{T(m)}</div>)}
      {c.can('audit.view', k.unit_path) ? <p class="toolbar"><HistoryLink c={c} type="request_case" id={k.id} unitPath={k.unit_path} /></p> : null}
      {d.deadline?.warnings.map((w) => <div class="warn">{c.l === 'en' ? w.message.en : w.message.zh}</div>)}
      <section aria-labelledby="h-sum">
        <h2 id="h-sum">{T({ zh: '概况', en: 'Summary' })}</h2>
        <div class="meta-box"><dl>
          <dt>{T({ zh: '受理单位', en: 'Unit' })}</dt><dd>{k.unit_name}</dd>
          <dt>{T({ zh: '查询编号', en: 'Tracking no.' })}</dt><dd>{k.tracking_no ?? '—'}</dd>
          <dt>{T({ zh: '申请方式', en: 'Channel' })}</dt><dd>{T(channelLabel(k.channel))}{k.source === 'import' ? T({ zh: '（历史数据导入）', en: ' (imported)' }) : ''}</dd>
          <dt>{T({ zh: '申请人类别', en: 'Category' })}</dt><dd>{T(categoryLabel(k.category))}</dd>
          <dt>{T({ zh: '提交时间', en: 'Submitted' })}</dt><dd>{k.submitted_at ? formatDateTime(c.l, k.submitted_at) : '—'}</dd>
          <dt>{T({ zh: '收到申请之日', en: 'Received' })}</dt><dd>{k.received_on ? formatDate(c.l, k.received_on) : T({ zh: '待确认', en: 'to confirm' })}</dd>
          <dt>{T({ zh: '答复期限', en: 'Due' })}</dt><dd id="due-on">{k.due_on ? formatDate(c.l, k.due_on) + (d.deadline?.provisional ? T({ zh: '（暂定，待国家公布节假日安排）', en: ' (provisional until the holiday arrangements are published)' }) : '') : k.deadline_state === 'paused' ? T({ zh: '暂停中（剩余{n}个工作日）', en: 'paused ({n} working days left)' }, { n: k.remaining_workdays ?? 0 }) : '—'}</dd>
          <dt>{T({ zh: '承办人', en: 'Handler' })}</dt><dd>{d.handlerName ?? T({ zh: '未分配', en: 'unassigned' })}</dd>
          {disp ? <><dt>{T({ zh: '办理结果', en: 'Result' })}</dt><dd>{T(dispositionLabel(disp.key))}</dd></> : null}
        </dl></div>
      </section>

      <section aria-labelledby="h-app">
        <h2 id="h-app">{T({ zh: '申请人', en: 'Applicant' })}</h2>
        <div class="meta-box"><dl>
          <dt>{T({ zh: '姓名或名称', en: 'Name' })}</dt><dd>{k.applicant_name}</dd>
          {k.contact_person ? <><dt>{T({ zh: '联系人', en: 'Contact' })}</dt><dd>{k.contact_person}</dd></> : null}
          <dt>{T({ zh: '身份证明', en: 'Identity' })}</dt><dd id="pii-id">{k.id_type ? `${T(ID_TYPE_LABELS[k.id_type as IdType] ?? { zh: k.id_type, en: k.id_type })} ` : ''}{d.pii ? d.pii.idNumber : k.id_number_masked ?? '—'}</dd>
          <dt>{T({ zh: '电话', en: 'Phone' })}</dt><dd id="pii-phone">{d.pii ? d.pii.phone : k.phone_masked ?? '—'}</dd>
          <dt>{T({ zh: '电子邮箱', en: 'E-mail' })}</dt><dd>{d.pii ? d.pii.email : k.email_masked ?? '—'}</dd>
          <dt>{T({ zh: '通信地址', en: 'Address' })}</dt><dd>{d.pii ? `${d.pii.address ?? '—'}${d.pii.postcode ? ` ${d.pii.postcode}` : ''}` : k.address_masked ?? '—'}</dd>
        </dl></div>
        {d.canPii && !d.pii ? (
          <PostForm c={c} action={`/admin/requests/${k.id}/pii`} button={T({ zh: '查看完整个人信息（将记录审计日志）', en: 'Show full personal data (audited)' })} secondary />
        ) : null}
        {d.repeats ? <p class="hint">{T({ zh: '同一身份证明号码另有 {n} 件申请（可用于判断重复申请，条例第三十五条、第三十六条第（六）项）。', en: '{n} other applications with the same identity number (for repeat requests, Arts. 35, 36(6)).' }, { n: d.repeats })}</p> : null}
      </section>

      <section aria-labelledby="h-req">
        <h2 id="h-req">{T({ zh: '申请内容', en: 'Request' })}</h2>
        <div class="meta-box"><dl>
          <dt>{T({ zh: '信息名称', en: 'Title' })}</dt><dd>{k.info_title ?? '—'}</dd>
          <dt>{T({ zh: '文号', en: 'Number' })}</dt><dd>{k.info_number ?? '—'}</dd>
          <dt>{T({ zh: '获取形式', en: 'Form' })}</dt><dd>{k.form ? T(FORM_LABELS[k.form as keyof typeof FORM_LABELS] ?? { zh: k.form, en: k.form }) : '—'}</dd>
          <dt>{T({ zh: '获取途径', en: 'Way' })}</dt><dd>{k.delivery ? T(DELIVERY_LABELS[k.delivery as keyof typeof DELIVERY_LABELS] ?? { zh: k.delivery, en: k.delivery }) : '—'}</dd>
        </dl></div>
        <p class="pre">{k.description}</p>
        {d.attachments.length ? (
          <ul>{d.attachments.map((a, i) => <li>{d.canPii ? <a href={`/admin/requests/${k.id}/attachments/${a.id}`}>{a.filename}</a> : T({ zh: `附件${i + 1}`, en: `Attachment ${i + 1}` })}（{Math.ceil(a.size / 1024)} KB）</li>)}</ul>
        ) : null}
        {d.attachments.length && d.canPii ? <p class="hint">{T({ zh: '附件可能含有身份证明等个人信息，每次下载均记录审计日志。', en: 'Attachments may hold identity documents; each download is audited.' })}</p> : null}
      </section>

      <section aria-labelledby="h-act">
        <h2 id="h-act">{T({ zh: '办理', en: 'Handling' })}</h2>
        {d.canConfirm ? (
          <PostForm c={c} action={`/admin/requests/${k.id}/confirm`} button={T({ zh: '确认收到并登记', en: 'Confirm receipt and register' })}>
            <p class="hint">{T({ zh: '网上申请以双方确认之日为收到申请之日（条例第三十一条），答复期限自该日起计算。', en: 'For online applications the day both sides confirm is the receipt date (Art. 31).' })}</p>
            <In id="confirm-date" name="date" type="date" label={T({ zh: '确认日期', en: 'Confirmed on' })} value={d.today} required />
          </PostForm>
        ) : null}
        {d.canDraft ? <DispositionForm c={c} caseId={k.id} values={dispositionToForm(draft)} /> : null}
        {draft ? (
          <div class="notice">
            <p>{T({ zh: '答复草稿：{r}', en: 'Draft reply: {r}' }, { r: T(dispositionLabel(draft.key)) })}</p>
            {noticesBlockingAnswer(d.letters).length ? (
              <p class="warn">{T({ zh: '以下文书尚未签发，签发后才能答复：{l}', en: 'Issue these letters before the reply can be signed: {l}' }, { l: noticesBlockingAnswer(d.letters).map((k) => T(letterLabel(k))).join(c.l === 'en' ? ', ' : '、') })}</p>
            ) : null}
            {d.canSign ? (
              <PostForm c={c} action={`/admin/requests/${k.id}/sign`} button={T({ zh: '审核签发答复', en: 'Approve and issue the reply' })}>
                <In id="sign-date" name="date" type="date" label={T({ zh: '答复日期', en: 'Reply date' })} value={d.today} required />
              </PostForm>
            ) : <p class="hint">{T({ zh: '待审核人员或单位管理员审核签发（条例第四十五条）。', en: 'Awaiting a reviewer’s approval (Art. 45).' })}</p>}
          </div>
        ) : null}
        {d.steps.length ? <StepForms c={c} caseId={k.id} steps={d.steps} today={d.today} units={d.units} dueOn={k.due_on} /> : null}
        {!d.canConfirm && !d.canDraft && !d.steps.length ? <p>{T({ zh: '当前没有您可以办理的步骤。', en: 'There is nothing for you to do now.' })}</p> : null}
      </section>

      {d.deadline ? (
        <section aria-labelledby="h-trace">
          <h2 id="h-trace">{T({ zh: '答复期限计算过程', en: 'How the due date was computed' })}</h2>
          <ol class="trace">{d.deadline.trace.map((e) => <li>{c.l === 'en' ? e.text.en : e.text.zh}</li>)}</ol>
        </section>
      ) : null}

      <section aria-labelledby="h-letters">
        <h2 id="h-letters">{T({ zh: '文书', en: 'Letters' })}</h2>
        {d.letters.length ? (
          <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">{T({ zh: '文书', en: 'Letter' })}</th><th scope="col">{T({ zh: '受送达人', en: 'To' })}</th><th scope="col">{T({ zh: '文号', en: 'Number' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '送达', en: 'Delivered' })}</th></tr></thead>
            <tbody>{d.letters.map((l) => (
              <tr>
                <td><a href={`/admin/requests/${k.id}/letters/${l.id}`}>{T(letterLabel(l.kind))}</a></td>
                <td>{l.recipient}</td>
                <td>{l.number ?? '—'}</td>
                <td>{l.status === 'issued' ? <span class="badge green">{T({ zh: '已签发', en: 'issued' })}</span> : <span class="badge">{T({ zh: '草稿', en: 'draft' })}</span>}</td>
                <td>{l.delivered_on ? `${formatDate(c.l, l.delivered_on)} ${T(DELIVERY_METHOD_LABELS[l.delivery_method as keyof typeof DELIVERY_METHOD_LABELS] ?? { zh: '', en: '' })}` : '—'}</td>
              </tr>
            ))}</tbody>
          </table></div>
        ) : <p>{T({ zh: '暂无文书。', en: 'No letters.' })}</p>}
      </section>

      <section aria-labelledby="h-events">
        <h2 id="h-events">{T({ zh: '办理记录', en: 'Timeline' })}</h2>
        {d.events.length ? (
          <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">{T({ zh: '日期', en: 'Date' })}</th><th scope="col">{T({ zh: '步骤', en: 'Step' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '经办人', en: 'By' })}</th><th scope="col">{T({ zh: '内容', en: 'Details' })}</th></tr></thead>
            <tbody>{d.events.map((e) => (
              <tr>
                <td>{formatDate(c.l, e.date)}</td>
                <td>{T(eventLabel({ type: e.type, byApplicant: e.data.type === 'withdraw' && !!e.data.byApplicant }))}</td>
                <td>{e.from_status ? `${T(statusLabel(e.from_status))} → ` : ''}{T(statusLabel(e.to_status))}</td>
                <td>{e.actor_name === 'applicant' ? T({ zh: '申请人', en: 'applicant' }) : e.actor_name}</td>
                <td>{eventDetails(e.data, T)}</td>
              </tr>
            ))}</tbody>
          </table></div>
        ) : <p>{T({ zh: '尚未登记。', en: 'Not registered yet.' })}</p>}
      </section>

      <section aria-labelledby="h-appeals">
        <h2 id="h-appeals">{T({ zh: '行政复议和行政诉讼', en: 'Reconsideration and litigation' })}</h2>
        {d.appeals.length ? (
          <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">{T({ zh: '类别', en: 'Kind' })}</th><th scope="col">{T({ zh: '结果', en: 'Outcome' })}</th><th scope="col">{T({ zh: '提起日期', en: 'Filed' })}</th><th scope="col">{T({ zh: '决定日期', en: 'Decided' })}</th><th scope="col">{T({ zh: '复议机关或法院', en: 'Organ or court' })}</th><th scope="col">{T({ zh: '备注', en: 'Note' })}</th>{d.canAppeal ? <th scope="col">{T({ zh: '操作', en: 'Action' })}</th> : null}</tr></thead>
            <tbody>{d.appeals.map((a) => <tr><td>{T(APPEAL_KIND_LABELS[a.kind])}</td><td>{T(APPEAL_OUTCOME_LABELS[a.outcome])}</td><td>{formatDate(c.l, a.filed_on)}</td><td>{formatDate(c.l, a.decided_on)}</td><td>{a.body}</td><td>{a.note}</td>{d.canAppeal ? <td><AppealOutcomeForm c={c} caseId={k.id} appeal={a} /></td> : null}</tr>)}</tbody>
          </table></div>
        ) : <p>{T({ zh: '暂无。', en: 'None.' })}</p>}
        {d.canAppeal ? <AppealForm c={c} caseId={k.id} today={d.today} /> : null}
      </section>

      {d.orders.length || d.canSupervise ? (
        <section aria-labelledby="h-orders">
          <h2 id="h-orders">{T({ zh: '督办', en: 'Supervision' })}</h2>
          {d.orders.length ? (
            <ul class="doclist">{d.orders.map((o) => (
              <li><span><strong>{formatDate(c.l, o.issued_on)}</strong> {o.issued_by}：{o.instruction}{o.reply_by ? T({ zh: '（请于{d}前办理）', en: ' (by {d})' }, { d: formatDate(c.l, o.reply_by) }) : null}</span></li>
            ))}</ul>
          ) : null}
          {d.canSupervise ? <SuperviseForm c={c} caseId={k.id} today={d.today} /> : null}
        </section>
      ) : null}

      {d.canAssign ? (
        <section aria-labelledby="h-assign">
          <h2 id="h-assign">{T({ zh: '分办', en: 'Assignment' })}</h2>
          <PostForm c={c} action={`/admin/requests/${k.id}/assign`} button={T({ zh: '保存', en: 'Save' })}>
            <Sel id="assign-handler" name="handler_id" label={T({ zh: '承办人', en: 'Handler' })} value={k.handler_id ? String(k.handler_id) : ''} empty={T({ zh: '（未分配）', en: '(unassigned)' })} options={d.handlers.map((h) => [String(h.id), h.name])} />
          </PostForm>
        </section>
      ) : null}
    </AdminPage>
  );
}

/**
 * The 回执's query code in a staff page: masked, as no other staff view shows it. The PDF/DOCX keep it
 * (the applicant's paper copy), and so does the draft editor (its paragraphs are saved back as typed).
 */
export const maskQueryCode = (text: string): string => text.replace(/(查询码：)([A-Za-z0-9]{4,})/g, (_m, label: string, code: string) => label + '*'.repeat(code.length));

export function LetterPage(p: { c: ViewContext; k: CaseWithUnit; l: LetterRow; canEdit: boolean; canIssue: boolean; canDeliver: boolean; today: string; signViaReply: boolean }) {
  const { c, k, l } = p;
  const T = t(c);
  const model = l.model as DocModel;
  const title = `${T(letterLabel(l.kind))}${l.number ? ` ${l.number}` : ''}`;
  const paragraphs = model.blocks.filter((b) => b.type === 'paragraph').map((b) => (typeof b.runs === 'string' ? b.runs : b.runs.map((r) => (typeof r === 'string' ? r : r.text)).join('')));
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={crumbs(c, T(letterLabel(l.kind)), k.id, k.ref)}>
      <h1>{title}</h1>
      <p>{l.status === 'issued' ? <span class="badge green">{T({ zh: '已签发', en: 'issued' })}</span> : <span class="badge">{T({ zh: '草稿', en: 'draft' })}</span>} {T({ zh: '受送达人：{r}', en: 'To: {r}' }, { r: l.recipient })}</p>
      {l.status === 'issued' ? (
        <>
          <p class="toolbar">
            <a class="button" href={`/admin/requests/${k.id}/letters/${l.id}.pdf`}>{T({ zh: '下载 PDF', en: 'Download PDF' })}</a>
            <a class="button secondary" href={`/admin/requests/${k.id}/letters/${l.id}.docx`}>{T({ zh: '下载 Word（DOCX）', en: 'Download DOCX' })}</a>
          </p>
          {l.delivered_on ? <p>{T({ zh: '已于{d}{m}。', en: 'Delivered on {d} ({m}).' }, { d: formatDate(c.l, l.delivered_on), m: T(DELIVERY_METHOD_LABELS[l.delivery_method as keyof typeof DELIVERY_METHOD_LABELS] ?? { zh: '', en: '' }) })}</p> : p.canDeliver ? (
            <PostForm c={c} action={`/admin/requests/${k.id}/letters/${l.id}/deliver`} button={T({ zh: '登记送达', en: 'Record delivery' })}>
              <Sel id="dl-method" name="method" label={T({ zh: '送达方式', en: 'Delivered by' })} options={DELIVERY_METHODS.map((m) => [m, T(DELIVERY_METHOD_LABELS[m])])} />
              <In id="dl-date" name="date" type="date" label={T({ zh: '送达日期', en: 'Delivered on' })} value={p.today} required />
              <In id="dl-note" name="note" label={T({ zh: '备注（如邮件单号）', en: 'Note' })} />
            </PostForm>
          ) : null}
        </>
      ) : null}
      {l.status === 'draft' && p.canEdit ? (
        <PostForm c={c} action={`/admin/requests/${k.id}/letters/${l.id}`} button={T({ zh: '保存修改', en: 'Save changes' })} secondary>
          <p class="hint">{T({ zh: '可修改各段文字；清空一段即删除该段，空一行可分成两段。身份证号码、手机号码会被自动遮蔽。', en: 'Edit each paragraph; empty one to remove it, a blank line splits it. Identity and mobile numbers are masked automatically.' })}</p>
          {paragraphs.map((text, i) => <Area id={`p-${i}`} name="p" label={T({ zh: '第{n}段', en: 'Paragraph {n}' }, { n: i + 1 })} value={text} rows={Math.min(10, 2 + Math.ceil(text.length / 60))} />)}
        </PostForm>
      ) : null}
      {l.status === 'draft' && p.canIssue && !p.signViaReply ? (
        <PostForm c={c} action={`/admin/requests/${k.id}/letters/${l.id}/issue`} button={T({ zh: '签发（编号）', en: 'Issue (assign the number)' })}>
          <In id="issue-date" name="date" type="date" label={T({ zh: '成文日期', en: 'Date' })} value={p.today} required />
        </PostForm>
      ) : null}
      {l.status === 'draft' && p.signViaReply ? <p class="hint">{T({ zh: '答复书在案件页面“审核签发答复”时签发。', en: 'The reply is issued by approving it on the case page.' })}</p> : null}
      <h2>{T({ zh: '预览', en: 'Preview' })}</h2>
      <div class="letter-preview"><p class="pre">{maskQueryCode(docToText(model))}</p></div>
      <p><a href={`/admin/requests/${k.id}`}>{T({ zh: '返回案件', en: 'Back to the case' })}</a></p>
    </AdminPage>
  );
}
