/**
 * Public pages of 依申请公开: choose the unit, the application form (条例 第二十九条), the confirmation
 * with the tracking number and query code, the status page where the applicant sees the state, the
 * due date with how it was computed, and downloads the letters issued to them, and the withdrawal
 * (撤回申请) while the organ has not yet decided.
 */
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatDateTime, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import type { TraceEntry } from '../../../core/calendar/index.ts';
import { PortalNav } from '../../portal/nav.tsx';
import type { Unit } from '../../units/repository.ts';
import { ApplicantFields, APPLICANT_LABELS, labelsFor } from './form-parts.tsx';
import { INTAKE_GUARD } from '../http/guard.ts';
import { MAX_ATTACHMENTS } from '../intake-commands.ts';
import { eventLabel, statusLabel } from './labels.ts';
import { MAX_WITHDRAW_REASON, WITHDRAWABLE_STATUSES, type CaseStatus } from '../domain/index.ts';

function PortalPage(p: { c: ViewContext; title: string; unit?: Unit; crumbs?: { href?: string; label: string }[]; children: ComponentChildren }) {
  const T = t(p.c);
  const crumbs = p.crumbs ?? [{ href: '/', label: T(M.home) }, ...(p.unit ? [{ href: `/u/${p.unit.slug}/`, label: p.unit.short_name }, { href: `/u/${p.unit.slug}/xxgk/`, label: T(M.disclosure) }] : []), { label: p.title }];
  return (
    <Shell c={p.c} title={p.title} area="portal" nav={<PortalNav c={p.c} unit={p.unit} current="apply" />} breadcrumbs={crumbs}
      meta={{ columnName: '依申请公开', columnType: '政府信息公开', description: p.title }}>
      {p.children}
    </Shell>
  );
}

export function ChooseUnitPage(p: { c: ViewContext; units: { slug: string; name: string; depth: number }[] }) {
  const T = t(p.c);
  const title = T({ zh: '政府信息公开申请', en: 'Apply for government information' });
  return (
    <PortalPage c={p.c} title={title}>
      <h1>{title}</h1>
      <p>{T({ zh: '请选择持有所需信息的行政机关（条例第二十七条）。不确定时，可向本级人民政府提出申请。', en: 'Choose the organ that holds the information (Art. 27). If unsure, apply to the government at that level.' })}</p>
      <form method="get" action="/apply">
        <div class="field">
          <label for="f-unit">{T(APPLICANT_LABELS.unit)}</label>
          <select id="f-unit" name="unit">
            {p.units.map((u) => <option value={u.slug}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </div>
        <p><button type="submit">{T({ zh: '填写申请', en: 'Fill in the application' })}</button></p>
      </form>
      <p><a href="/ysqgk/status">{T({ zh: '查询已提交申请的办理进度', en: 'Check the status of an application' })}</a></p>
    </PortalPage>
  );
}

export function ApplicationFormPage(p: { c: ViewContext; unit: Unit; values: Record<string, string | undefined>; errors?: Record<string, Msg>; formToken: string; maxUploadMb: number; notice?: Msg }) {
  const { c, unit } = p;
  const T = t(c);
  const title = T({ zh: '{u}政府信息公开申请', en: 'Request information from {u}' }, { u: unit.name });
  return (
    <PortalPage c={c} title={title} unit={unit}>
      <h1>{title}</h1>
      <div class="notice">
        <p>{T({ zh: '本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日（条例第三十三条）。网上提交的申请，以双方确认之日为收到申请之日（条例第三十一条）。', en: 'We answer on the spot where possible, otherwise within 20 working days of receipt, extendable once by at most 20 working days with notice to you (Art. 33). An online application counts as received on the day both sides confirm it (Art. 31).' })}</p>
        <p>{T({ zh: '依申请提供政府信息一般不收取费用（条例第四十二条）。', en: 'There is normally no fee (Art. 42).' })} <a href={`/u/${unit.slug}/xxgk/zn`}>{T({ zh: '政府信息公开指南', en: 'Guide' })}</a> · <a href="/ysqgk/status">{T({ zh: '查询办理进度', en: 'Check a status' })}</a></p>
      </div>
      {p.notice ? <div class="warn" role="alert">{T(p.notice)}</div> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labelsFor(c, APPLICANT_LABELS)} />
      <form method="post" action={`/u/${unit.slug}/xxgk/ysqgk`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <input type="hidden" name="form_token" value={p.formToken} />
        <div class="hp">
          <label for="f-hp">{T({ zh: '请勿填写此项', en: 'Leave this empty' })}</label>
          <input id="f-hp" name={INTAKE_GUARD.honeypot} type="text" value="" autoComplete="off" tabIndex={-1} />
        </div>
        <ApplicantFields c={c} values={p.values} errors={p.errors} />
        <fieldset>
          <legend>{T(APPLICANT_LABELS.attachments)}</legend>
          <div class={`field${p.errors?.attachments ? ' has-error' : ''}`}>
            <label for="f-attachments">{T({ zh: '上传附件', en: 'Upload files' })}</label>
            <p class="hint" id="f-attachments-hint">{T({ zh: '如身份证明、授权委托书。最多 {n} 个，每个不超过 {mb} MB，支持 PDF、Word（DOCX）、Excel（XLSX）、PNG、JPEG。', en: 'E.g. proof of identity or a power of attorney. Up to {n} files of at most {mb} MB each: PDF, DOCX, XLSX, PNG, JPEG.' }, { n: MAX_ATTACHMENTS, mb: p.maxUploadMb })}</p>
            {p.errors?.attachments ? <p class="error">{T(p.errors.attachments)}</p> : null}
            <input id="f-attachments" name="attachments" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" aria-describedby="f-attachments-hint" />
          </div>
        </fieldset>
        <p class="hint">{T({ zh: '您的身份证明号码、电话和地址加密保存，仅办理人员可以查看，不会在答复书中出现或对外公开。', en: 'Your identity number, phone and address are stored encrypted, seen only by the staff handling your application, and never published.' })}</p>
        <p><button type="submit">{T({ zh: '提交申请', en: 'Submit the application' })}</button></p>
      </form>
    </PortalPage>
  );
}

export function SubmittedPage(p: { c: ViewContext; unit: Unit; trackingNo: string; queryCode: string }) {
  const T = t(p.c);
  const title = T({ zh: '申请已提交', en: 'Application submitted' });
  return (
    <PortalPage c={p.c} title={title} unit={p.unit}>
      <h1>{title}</h1>
      <p role="status">{T({ zh: '您的政府信息公开申请已提交至{u}。工作人员确认收到后，答复期限自确认之日起计算（条例第三十一条）。', en: 'Your application was sent to {u}. The answer period runs from the day staff confirm receipt (Art. 31).' }, { u: p.unit.name })}</p>
      <div class="meta-box receipt-codes"><dl>
        <dt>{T({ zh: '查询编号', en: 'Tracking number' })}</dt><dd><strong id="tracking-no">{p.trackingNo}</strong></dd>
        <dt>{T({ zh: '查询码', en: 'Query code' })}</dt><dd><strong id="query-code">{p.queryCode}</strong></dd>
      </dl></div>
      <p class="warn">{T({ zh: '请记下查询编号和查询码。查询码只显示这一次，凭二者可查询办理进度、下载答复文书。', en: 'Write down both. The query code is shown only this once; with both you can check the status and download the letters.' })}</p>
      <p><a href="/ysqgk/status">{T({ zh: '查询办理进度', en: 'Check the status' })}</a></p>
    </PortalPage>
  );
}

export function KeptPage(p: { c: ViewContext; unit: Unit; inboxId: number }) {
  const T = t(p.c);
  const title = T({ zh: '申请已收到', en: 'Application received' });
  return (
    <PortalPage c={p.c} title={title} unit={p.unit}>
      <h1>{title}</h1>
      <p role="status">{T({ zh: '系统暂时无法生成查询编号，您的申请已完整保存（暂存编号 {n}），工作人员将尽快登记并与您联系，无需重复提交。', en: 'We could not create a tracking number just now, but your application is saved in full (reference {n}). Staff will register it and contact you; there is no need to submit again.' }, { n: p.inboxId })}</p>
    </PortalPage>
  );
}

export function StatusLookupPage(p: { c: ViewContext; tracking?: string; error?: Msg }) {
  const T = t(p.c);
  const title = T({ zh: '申请办理进度查询', en: 'Application status' });
  return (
    <PortalPage c={p.c} title={title}>
      <h1>{title}</h1>
      {p.error ? <div class="error-summary" role="alert"><p>{T(p.error)}</p></div> : null}
      <form method="post" action="/ysqgk/status" novalidate>
        <input type="hidden" name="_csrf" value={p.c.csrf} />
        <div class="field"><label for="f-tracking">{T({ zh: '查询编号', en: 'Tracking number' })}</label><input id="f-tracking" name="tracking" type="text" value={p.tracking ?? ''} autoComplete="off" required /></div>
        <div class="field"><label for="f-code">{T({ zh: '查询码', en: 'Query code' })}</label><input id="f-code" name="code" type="password" autoComplete="off" required /></div>
        <p><button type="submit">{T({ zh: '查询', en: 'Look up' })}</button></p>
      </form>
    </PortalPage>
  );
}

export interface PublicStatus {
  trackingNo: string;
  unitName: string;
  status: string;
  submittedAt: Date | null;
  receivedOn: string | null;
  dueOn: string | null;
  deadlineState: string | null;
  pausedSince: string | null;
  concludedOn: string | null;
  transferredTo: { trackingNo: string; unitName: string } | null;
  trace: TraceEntry[];
  /** The due date reaches into a year whose holiday arrangement is not loaded yet (calendar engine). */
  provisional?: boolean;
  events: { type: string; date: string; byApplicant?: boolean }[];
  letters: { id: number; title: string; number: string; date: string; delivered: string | null }[];
}

export function StatusPage(p: { c: ViewContext; s: PublicStatus; code: string }) {
  const T = t(p.c);
  const { s } = p;
  const title = T({ zh: '申请办理进度', en: 'Application status' });
  return (
    <PortalPage c={p.c} title={title}>
      <h1>{title}</h1>
      <div class="meta-box"><dl>
        <dt>{T({ zh: '查询编号', en: 'Tracking number' })}</dt><dd>{s.trackingNo}</dd>
        <dt>{T({ zh: '受理单位', en: 'Unit' })}</dt><dd>{s.unitName}</dd>
        <dt>{T({ zh: '办理状态', en: 'Status' })}</dt><dd><strong id="case-status">{T(statusLabel(s.status))}</strong></dd>
        <dt>{T({ zh: '提交时间', en: 'Submitted' })}</dt><dd>{s.submittedAt ? formatDateTime(p.c.l, s.submittedAt) : '—'}</dd>
        <dt>{T({ zh: '收到申请之日', en: 'Received (Art. 31)' })}</dt><dd>{s.receivedOn ? formatDate(p.c.l, s.receivedOn) : T({ zh: '待工作人员确认', en: 'awaiting confirmation' })}</dd>
        <dt>{T({ zh: '答复期限', en: 'Answer due' })}</dt>
        <dd id="due-date">{s.concludedOn ? T({ zh: '已于{d}办结', en: 'concluded on {d}' }, { d: formatDate(p.c.l, s.concludedOn) }) : s.dueOn ? formatDate(p.c.l, s.dueOn) : s.deadlineState === 'paused' ? T({ zh: '期限暂停中（自{d}起）', en: 'paused since {d}' }, { d: formatDate(p.c.l, s.pausedSince) }) : s.deadlineState === 'awaiting_correction' ? T({ zh: '等待补正，期限中止', en: 'awaiting your correction' }) : '—'}</dd>
      </dl></div>
      {s.provisional && !s.concludedOn && s.dueOn ? <p class="notice" id="due-provisional">{T({ zh: '该日期按双休日推算，待国家公布节假日安排后可能调整。', en: 'This date was counted on weekends and fixed public holidays only; it may change once the national holiday arrangements are published.' })}</p> : null}
      {s.transferredTo ? <p class="notice">{T({ zh: '本申请已转至{u}办理，新的查询编号为 {t}，查询码不变。', en: 'Transferred to {u}; the new tracking number is {t}, with the same query code.' }, { u: s.transferredTo.unitName, t: s.transferredTo.trackingNo })}</p> : null}
      {s.trace.length ? (
        <section aria-labelledby="h-trace">
          <h2 id="h-trace">{T({ zh: '答复期限是如何计算的', en: 'How the due date was computed' })}</h2>
          <ol class="trace">{s.trace.map((e) => <li>{p.c.l === 'en' ? e.text.en : e.text.zh}</li>)}</ol>
        </section>
      ) : null}
      {s.events.length ? (
        <section aria-labelledby="h-events">
          <h2 id="h-events">{T({ zh: '办理过程', en: 'Steps so far' })}</h2>
          <ol class="timeline">{s.events.map((e) => <li><time>{formatDate(p.c.l, e.date)}</time> {T(eventLabel(e))}</li>)}</ol>
        </section>
      ) : null}
      <section aria-labelledby="h-letters">
        <h2 id="h-letters">{T({ zh: '文书', en: 'Letters' })}</h2>
        {s.letters.length ? (
          <div class="table-scroll">
            <table class="data">
              <thead><tr><th scope="col">{T({ zh: '文书', en: 'Letter' })}</th><th scope="col">{T({ zh: '文号', en: 'Number' })}</th><th scope="col">{T({ zh: '日期', en: 'Date' })}</th><th scope="col">{T({ zh: '下载', en: 'Download' })}</th></tr></thead>
              <tbody>
                {s.letters.map((l) => (
                  <tr>
                    <td>{l.title}</td>
                    <td>{l.number}</td>
                    <td>{formatDate(p.c.l, l.date)}</td>
                    <td>
                      {(['pdf', 'docx'] as const).map((f) => (
                        <form method="post" action={`/ysqgk/letters/${l.id}`} class="inline dl-form">
                          <input type="hidden" name="_csrf" value={p.c.csrf} />
                          <input type="hidden" name="tracking" value={s.trackingNo} />
                          <input type="hidden" name="code" value={p.code} />
                          <input type="hidden" name="format" value={f} />
                          <button type="submit" class="linklike">{f.toUpperCase()}<span class="sr-only"> {l.number}</span></button>
                        </form>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{T({ zh: '暂无文书。', en: 'No letters yet.' })}</p>}
      </section>
      {WITHDRAWABLE_STATUSES.includes(s.status as CaseStatus) ? (
        <section aria-labelledby="h-withdraw">
          <h2 id="h-withdraw">{T(WITHDRAW_TITLE)}</h2>
          <WithdrawForm c={p.c} tracking={s.trackingNo} trackingHidden />
        </section>
      ) : s.status === 'submitted' ? (
        <p class="hint">{T({ zh: '工作人员确认登记后，如需撤回申请，可在本页面办理。', en: 'Once staff have registered the application you can withdraw it on this page.' })}</p>
      ) : null}
    </PortalPage>
  );
}

const WITHDRAW_TITLE: Msg = { zh: '撤回申请', en: 'Withdraw the application' };
/** What withdrawing means, stated before the applicant confirms. */
const WITHDRAW_CONSEQUENCE: Msg = {
  zh: '撤回后本申请终止办理；如仍需获取相关政府信息，可重新提出申请。',
  en: 'Once withdrawn, the application will not be handled any further. If you still need the information, you can apply again.',
};
const WITHDRAW_LABELS: Record<string, Msg> = {
  tracking: { zh: '查询编号', en: 'Tracking number' },
  code: { zh: '查询码', en: 'Query code' },
  reason: { zh: '撤回理由（选填）', en: 'Reason (optional)' },
  confirm: { zh: '确认', en: 'Confirmation' },
};

/**
 * The withdrawal form: the tracking number (carried from the status page, or typed on the stand-alone
 * page), the query code typed again, an optional reason and the confirmation of the consequence.
 */
function WithdrawForm(p: { c: ViewContext; tracking?: string; trackingHidden?: boolean; values?: Record<string, string | undefined>; errors?: Record<string, Msg> }) {
  const T = t(p.c);
  const v = p.values ?? {};
  const err = p.errors ?? {};
  return (
    <form method="post" action="/ysqgk/withdraw" novalidate>
      <input type="hidden" name="_csrf" value={p.c.csrf} />
      <div class="warn" id="withdraw-consequence">
        <p><strong>{T(WITHDRAW_CONSEQUENCE)}</strong></p>
        <p>{T({ zh: '撤回申请后，本机关将出具政府信息公开申请终止办理告知书，签发后可凭查询编号和查询码在本页面下载。本机关已作出答复的申请，不能撤回。', en: 'The unit will then issue a notice that handling has ended, which you can download here with your tracking number and query code. An application the unit has already answered cannot be withdrawn.' })}</p>
      </div>
      {p.trackingHidden ? <input type="hidden" name="tracking" value={p.tracking ?? ''} /> : (
        <Field c={p.c} name="tracking" label={T(WITHDRAW_LABELS.tracking)} value={p.tracking ?? v.tracking} errors={err} required autocomplete="off" />
      )}
      <Field c={p.c} name="code" label={T(WITHDRAW_LABELS.code)} type="password" errors={err} required autocomplete="off"
        hint={T({ zh: '为确认是申请人本人操作，请再次输入查询码。', en: 'Enter your query code again to confirm that it is you.' })} />
      <Field c={p.c} name="reason" label={T(WITHDRAW_LABELS.reason)} errors={err} hint={T({ zh: '最多{n}字。', en: 'At most {n} characters.' }, { n: MAX_WITHDRAW_REASON })}>
        <textarea id="f-reason" name="reason" rows={3} maxLength={MAX_WITHDRAW_REASON} aria-invalid={err.reason ? 'true' : undefined}
          aria-describedby={['f-reason-hint', err.reason ? 'f-reason-err' : ''].filter(Boolean).join(' ')}>{v.reason ?? ''}</textarea>
      </Field>
      <div class={`field${err.confirm ? ' has-error' : ''}`}>
        {err.confirm ? <p class="error" id="f-confirm-err">{T(err.confirm)}</p> : null}
        <label class="check" for="f-confirm">
          <input id="f-confirm" name="confirm" type="checkbox" value="yes" required aria-invalid={err.confirm ? 'true' : undefined}
            aria-describedby={['withdraw-consequence', err.confirm ? 'f-confirm-err' : ''].filter(Boolean).join(' ')} />{' '}
          {T({ zh: '我已知悉上述后果，确认撤回本申请', en: 'I understand this and want to withdraw my application' })}
        </label>
      </div>
      <p><button type="submit">{T({ zh: '确认撤回申请', en: 'Withdraw the application' })}</button></p>
    </form>
  );
}

/** The stand-alone withdrawal page, and the form again with what went wrong (422, 404 or 409). */
export function WithdrawPage(p: { c: ViewContext; values?: Record<string, string | undefined>; errors?: Record<string, Msg>; error?: Msg }) {
  const T = t(p.c);
  const title = T(WITHDRAW_TITLE);
  return (
    <PortalPage c={p.c} title={title}>
      <h1>{title}</h1>
      {p.error ? <div class="error-summary" role="alert" tabIndex={-1} id="error-summary"><p>{T(p.error)}</p></div> : null}
      <ErrorSummary c={p.c} errors={p.errors} labels={labelsFor(p.c, WITHDRAW_LABELS)} />
      <WithdrawForm c={p.c} tracking={p.values?.tracking} values={p.values} errors={p.errors} />
      <p><a href="/ysqgk/status">{T({ zh: '返回查询办理进度', en: 'Back to the status lookup' })}</a></p>
    </PortalPage>
  );
}

export function WithdrawnPage(p: { c: ViewContext; trackingNo: string; unitName: string; date: string }) {
  const T = t(p.c);
  const title = T({ zh: '申请已撤回', en: 'Application withdrawn' });
  return (
    <PortalPage c={p.c} title={title}>
      <h1>{title}</h1>
      <p role="status">{T({ zh: '您已于{d}撤回向{u}提出的政府信息公开申请（查询编号 {t}）。', en: 'On {d} you withdrew your application to {u} (tracking number {t}).' }, { d: formatDate(p.c.l, p.date), u: p.unitName, t: p.trackingNo })}</p>
      <p>{T(WITHDRAW_CONSEQUENCE)}</p>
      <p>{T({ zh: '本机关将出具政府信息公开申请终止办理告知书，签发后可凭查询编号和查询码下载。', en: 'The unit will issue a notice that handling has ended; once issued you can download it with your tracking number and query code.' })}</p>
      <p><a href="/ysqgk/status">{T({ zh: '查询办理进度', en: 'Check the status' })}</a></p>
    </PortalPage>
  );
}
