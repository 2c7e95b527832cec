/**
 * Staff list pages: the case list with due-soon / overdue filters and badges, entering an application
 * received in person, by post, letter or fax (条例 第三十一条), the one-time display of a new case's
 * query code, the submissions inbox, and reminders.
 */
import { randomUUID } from 'node:crypto';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatDateTime, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { CHANNELS } from '../domain/index.ts';
import { APPLICANT_LABELS, ApplicantFields, labelsFor, Select } from './form-parts.tsx';
import { categoryLabel, channelLabel, statusLabel } from './labels.ts';
import type { CaseListRow } from '../store/repository.ts';
import type { StoredStatus } from '../store/tables.ts';

const STATUS_FILTERS: StoredStatus[] = ['submitted', 'registered', 'accepted', 'correction_requested', 'consultation', 'fee_notice_sent', 'answered', 'delivered', 'closed', 'abandoned', 'fee_unpaid', 'withdrawn', 'transferred'];

/** 逾期 / 即将到期 / 暂停: computed from the stored due date; the same rule as the SQL lists. */
export function DueBadge(p: { c: ViewContext; row: { status: string; due_on: string | null; deadline_state: string | null }; today: string; soonBy?: string }) {
  const T = t(p.c);
  const running = p.row.status === 'registered' || p.row.status === 'accepted';
  if (running && p.row.due_on && p.row.due_on < p.today) return <span class="badge red">{T({ zh: '已逾期', en: 'overdue' })}</span>;
  if (running && p.row.due_on && p.soonBy && p.row.due_on <= p.soonBy) return <span class="badge amber">{T({ zh: '即将到期', en: 'due soon' })}</span>;
  if (['correction_requested', 'consultation', 'fee_notice_sent'].includes(p.row.status)) return <span class="badge">{T({ zh: '期限暂停', en: 'paused' })}</span>;
  return null;
}

export interface ListQuery {
  status?: string;
  due?: string;
  q?: string;
  mine?: string;
  /** 1-based page of CASE_PAGE_SIZE rows (bounded: CASE_MAX_PAGE) */
  page?: string;
}

/** Rows per page of the case list, and the last page it offers (a bounded offset: filters narrow the rest). */
export const CASE_PAGE_SIZE = 50;
export const CASE_MAX_PAGE = 200;

/** The page asked for, within 1 … CASE_MAX_PAGE. */
export const casePageOf = (q: ListQuery): number => Math.min(CASE_MAX_PAGE, Math.max(1, Math.floor(Number(q.page)) || 1));

export function CaseListPage(p: { c: ViewContext; rows: CaseListRow[]; page: number; hasNext: boolean; query: ListQuery; today: string; soonBy: string; counts: { open: number; overdue: number; soon: number; submitted: number }; canRegister: boolean; canInbox: boolean; unread: number }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '依申请公开', en: 'Applications for information' });
  const q = p.query;
  const filters = Object.entries(q).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v) as [string, string][];
  const pageHref = (n: number) => `/admin/requests?${new URLSearchParams([...filters, ['page', String(n)]])}`;
  return (
    <AdminPage c={c} title={title} current="requests">
      <h1>{title}</h1>
      <ul class="stats">
        <li><a href="/admin/requests?status=open"><strong>{p.counts.open}</strong>{T({ zh: '办理中', en: 'open' })}</a></li>
        <li><a href="/admin/requests?status=submitted"><strong>{p.counts.submitted}</strong>{T({ zh: '待确认登记', en: 'to confirm' })}</a></li>
        <li><a href="/admin/requests?due=soon"><strong>{p.counts.soon}</strong>{T({ zh: '即将到期（5个工作日内）', en: 'due within 5 working days' })}</a></li>
        <li><a href="/admin/requests?due=overdue"><strong class={p.counts.overdue ? 'alert-count' : undefined}>{p.counts.overdue}</strong>{T({ zh: '已逾期', en: 'overdue' })}</a></li>
      </ul>
      <p class="toolbar">
        {p.canRegister ? <a class="button" href="/admin/requests/new">{T({ zh: '登记纸质申请', en: 'Enter a paper application' })}</a> : null}
        {p.canInbox ? <a href="/admin/requests/inbox">{T({ zh: '暂存申请', en: 'Kept submissions' })}</a> : null}
        <a href="/admin/requests/notifications">{T({ zh: '提醒', en: 'Reminders' })}{p.unread ? ` (${p.unread})` : ''}</a>
        <a href="/admin/requests/appeals">{T({ zh: '复议诉讼登记簿', en: 'Appeals register' })}</a>
        <a href={`/admin/requests/export.xlsx?${new URLSearchParams(filters)}`} download>{T({ zh: '导出登记簿 Excel（当前筛选）', en: 'Export the register to Excel (current filters)' })}</a>
      </p>
      <form method="get" action="/admin/requests" class="toolbar filters">
        <div class="field">
          <label for="q-status">{T({ zh: '状态', en: 'Status' })}</label>
          <select id="q-status" name="status">
            <option value="open" selected={!q.status || q.status === 'open'}>{T({ zh: '办理中（全部）', en: 'open (all)' })}</option>
            <option value="all" selected={q.status === 'all'}>{T({ zh: '全部', en: 'all' })}</option>
            {STATUS_FILTERS.map((s) => <option value={s} selected={q.status === s}>{T(statusLabel(s))}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="q-due">{T({ zh: '期限', en: 'Deadline' })}</label>
          <select id="q-due" name="due">
            <option value="">{T({ zh: '不限', en: 'any' })}</option>
            <option value="soon" selected={q.due === 'soon'}>{T({ zh: '即将到期', en: 'due soon' })}</option>
            <option value="overdue" selected={q.due === 'overdue'}>{T({ zh: '已逾期', en: 'overdue' })}</option>
          </select>
        </div>
        <div class="field">
          <label for="q-q">{T({ zh: '编号或申请人姓名', en: 'Number or applicant’s name' })}</label>
          <input id="q-q" name="q" type="search" value={q.q ?? ''} aria-describedby="q-q-hint" />
          <span class="hint" id="q-q-hint">{T({ zh: '编号可输入部分；姓名或名称须完整输入（个人信息加密存储，按姓名精确查找）', en: 'Part of a number, or the full name (personal data is stored encrypted; names match exactly)' })}</span>
        </div>
        <label class="check"><input type="checkbox" name="mine" value="1" checked={q.mine === '1'} /> {T({ zh: '只看我承办的', en: 'mine only' })}</label>
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{T({ zh: '编号', en: 'Ref' })}</th>
              <th scope="col">{T({ zh: '单位', en: 'Unit' })}</th>
              <th scope="col">{T({ zh: '申请人', en: 'Applicant' })}</th>
              <th scope="col">{T({ zh: '所需信息', en: 'Information' })}</th>
              <th scope="col">{T({ zh: '收到日期', en: 'Received' })}</th>
              <th scope="col">{T({ zh: '答复期限', en: 'Due' })}</th>
              <th scope="col">{T({ zh: '状态', en: 'Status' })}</th>
              <th scope="col">{T({ zh: '承办人', en: 'Handler' })}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length ? p.rows.map((r) => (
              <tr>
                <td><a href={`/admin/requests/${r.id}`}>{r.ref}</a></td>
                <td>{r.unit_short_name}</td>
                <td>{r.applicant_name_masked}<br /><span class="hint">{T(categoryLabel(r.category))} {r.id_number_masked ?? ''}</span></td>
                <td>{(r.info_title ?? r.description).slice(0, 40)}</td>
                <td>{r.received_on ? formatDate(c.l, r.received_on) : '—'}</td>
                <td>{r.due_on ? formatDate(c.l, r.due_on) : '—'} <DueBadge c={c} row={r} today={p.today} soonBy={p.soonBy} /></td>
                <td>{T(statusLabel(r.status))}</td>
                <td>{r.handler_name ?? '—'}</td>
              </tr>
            )) : <tr><td colSpan={8}>{T({ zh: '没有符合条件的申请', en: 'No applications' })}</td></tr>}
          </tbody>
        </table>
      </div>
      {p.page > 1 || p.hasNext ? (
        <nav aria-label={T({ zh: '分页', en: 'Pages' })}>
          <ul class="pager">
            {p.page > 1 ? <li><a href={pageHref(p.page - 1)} rel="prev">{T({ zh: '上一页', en: 'Previous' })}</a></li> : null}
            <li><span aria-current="page">{T({ zh: '第 {p} 页', en: 'Page {p}' }, { p: p.page })}</span></li>
            {p.hasNext ? <li><a href={pageHref(p.page + 1)} rel="next">{T({ zh: '下一页', en: 'Next' })}</a></li> : null}
          </ul>
          {p.page === CASE_MAX_PAGE ? <p class="hint">{T({ zh: '最多列出 {n} 页；请用状态、期限或编号筛选', en: 'At most {n} pages are listed; filter by status, deadline or number' }, { n: CASE_MAX_PAGE })}</p> : null}
        </nav>
      ) : null}
    </AdminPage>
  );
}

const ENTRY_LABELS: Record<string, Msg> = {
  ...APPLICANT_LABELS,
  channel: { zh: '申请方式', en: 'How it arrived' },
  handed_in: { zh: '当面提交之日', en: 'Handed in on' },
  signed_for: { zh: '签收之日（邮寄需签收）', en: 'Signed for on (post)' },
  arrived: { zh: '平信到达之日', en: 'Letter arrived on' },
  confirmed: { zh: '与申请人确认之日（平信、传真）', en: 'Confirmed with the applicant on (letter, fax)' },
};

export function NewCasePage(p: { c: ViewContext; units: { id: number; name: string }[]; values: Record<string, string | undefined>; errors?: Record<string, Msg>; today: string }) {
  const { c } = p;
  const T = t(c);
  const v = p.values;
  const title = T({ zh: '登记纸质申请', en: 'Enter a paper application' });
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={[{ href: '/admin/requests', label: T({ zh: '依申请公开', en: 'Applications' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '收到申请之日按条例第三十一条确定：当面提交的为提交之日；邮寄需签收的为签收之日；平信为与申请人确认之日（应于收到当日确认）；传真为双方确认之日。', en: 'The receipt date follows Art. 31: handed in; signed for; for an ordinary letter, the day it was confirmed with the applicant (on arrival); for a fax, the day both sides confirmed.' })}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labelsFor(c, ENTRY_LABELS)} />
      <form method="post" action="/admin/requests" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {/* one-time key of this form: a resent POST shows the first registration instead of a second case (#14.8) */}
        <input type="hidden" name="form_token" value={p.values.form_token || randomUUID()} />
        <fieldset>
          <legend>{T({ zh: '收到申请', en: 'Receipt' })}</legend>
          <Select c={c} name="unit_id" label={T(APPLICANT_LABELS.unit)} value={v.unit_id} errors={p.errors} options={p.units.map((u) => [String(u.id), u.name])} required />
          <Select c={c} name="channel" label={T(ENTRY_LABELS.channel)} value={v.channel} errors={p.errors} required options={CHANNELS.filter((ch) => ch !== 'online').map((ch) => [ch, T(channelLabel(ch))])} />
          <Field c={c} name="handed_in" type="date" label={T(ENTRY_LABELS.handed_in)} value={v.handed_in} errors={p.errors} />
          <Field c={c} name="signed_for" type="date" label={T(ENTRY_LABELS.signed_for)} value={v.signed_for} errors={p.errors} />
          <Field c={c} name="arrived" type="date" label={T(ENTRY_LABELS.arrived)} value={v.arrived} errors={p.errors} />
          <Field c={c} name="confirmed" type="date" label={T(ENTRY_LABELS.confirmed)} value={v.confirmed} errors={p.errors} />
        </fieldset>
        <ApplicantFields c={c} values={v} errors={p.errors} staff />
        <p><button type="submit">{T({ zh: '登记', en: 'Register' })}</button></p>
      </form>
    </AdminPage>
  );
}

export function RegisteredPage(p: { c: ViewContext; caseId: number; trackingNo: string; queryCode: string; warnings: Msg[] }) {
  const T = t(p.c);
  const title = T({ zh: '申请已登记', en: 'Application registered' });
  return (
    <AdminPage c={p.c} title={title} current="requests">
      <h1>{title}</h1>
      {p.warnings.map((w) => <div class="warn">{T(w)}</div>)}
      <div class="meta-box"><dl>
        <dt>{T({ zh: '查询编号', en: 'Tracking number' })}</dt><dd id="tracking-no">{p.trackingNo}</dd>
        <dt>{T({ zh: '查询码', en: 'Query code' })}</dt><dd id="query-code">{p.queryCode}</dd>
      </dl></div>
      <p class="warn">{T({ zh: '请将查询编号和查询码告知申请人（例如写入回执）。查询码只显示这一次。', en: 'Give both to the applicant (e.g. with the receipt). The query code is shown only once.' })}</p>
      <p><a href={`/admin/requests/${p.caseId}`}>{T({ zh: '进入案件', en: 'Open the case' })}</a></p>
    </AdminPage>
  );
}

export function InboxPage(p: { c: ViewContext; rows: { id: number; received_at: Date; unit_name: string | null; error_code: string | null }[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '暂存申请', en: 'Kept submissions' });
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={[{ href: '/admin/requests', label: T({ zh: '依申请公开', en: 'Applications' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '公众提交的申请在校验通过后因系统故障未能保存时，原始内容加密暂存于此。请恢复为申请，或说明理由后作废（如重复提交）。', en: 'Submissions that passed validation but could not be stored are kept here, encrypted. Recover each as an application, or discard it with a reason (e.g. a duplicate).' })}</p>
      <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">#</th><th scope="col">{T({ zh: '提交时间', en: 'Submitted' })}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '错误', en: 'Error' })}</th><th scope="col">{T({ zh: '操作', en: 'Actions' })}</th></tr></thead>
        <tbody>{p.rows.length ? p.rows.map((r) => (
          <tr>
            <td>{r.id}</td><td>{formatDateTime(c.l, r.received_at)}</td><td>{r.unit_name ?? ''}</td><td><code>{r.error_code}</code></td>
            <td>
              <form method="post" action={`/admin/requests/inbox/${r.id}/recover`} class="inline"><input type="hidden" name="_csrf" value={c.csrf} /><button type="submit">{T({ zh: '恢复为申请', en: 'Recover' })}<span class="sr-only"> {r.id}</span></button></form>{' '}
              <form method="post" action={`/admin/requests/inbox/${r.id}/discard`} class="inline">
                <input type="hidden" name="_csrf" value={c.csrf} />
                <label for={`discard-${r.id}`} class="sr-only">{T({ zh: '作废理由', en: 'Reason' })}</label>
                <input id={`discard-${r.id}`} name="reason" type="text" placeholder={T({ zh: '作废理由', en: 'Reason' })} />
                <button type="submit" class="secondary">{T({ zh: '作废', en: 'Discard' })}<span class="sr-only"> {r.id}</span></button>
              </form>
            </td>
          </tr>
        )) : <tr><td colSpan={5}>{T({ zh: '没有暂存的申请', en: 'Nothing kept' })}</td></tr>}</tbody>
      </table></div>
    </AdminPage>
  );
}

export function NotificationsPage(p: { c: ViewContext; rows: { id: number; kind: string; due_on: string; message: unknown; created_at: Date; read_at: Date | null; case_id: number; ref: string }[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '办理提醒', en: 'Reminders' });
  return (
    <AdminPage c={c} title={title} current="requests" crumbs={[{ href: '/admin/requests', label: T({ zh: '依申请公开', en: 'Applications' }) }, { label: title }]}>
      <h1>{title}</h1>
      <form method="post" action="/admin/requests/notifications/read"><input type="hidden" name="_csrf" value={c.csrf} /><button type="submit" class="secondary">{T({ zh: '全部标为已读', en: 'Mark all read' })}</button></form>
      <ul class="doclist">
        {p.rows.length ? p.rows.map((r) => (
          <li>
            <span>{r.read_at ? null : <span class="badge red">{T({ zh: '未读', en: 'new' })}</span>} <a href={`/admin/requests/${r.case_id}`}>{r.ref}</a> {T(r.message as Msg)}</span>
            <time>{formatDate(c.l, r.due_on)}</time>
          </li>
        )) : <li>{T({ zh: '暂无提醒', en: 'No reminders' })}</li>}
      </ul>
    </AdminPage>
  );
}
