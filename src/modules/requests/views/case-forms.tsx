/**
 * The forms on a case page: one per workflow step the user may take now (domain availableTransitions),
 * the reply draft (one result of 条例 第三十六条, with its basis), the reviewer's signature, appeals and
 * assignment. Several forms share a page, so every control's id carries its form's prefix.
 */
import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { t, type ViewContext } from '../../../core/render/page.tsx';
import type { Msg } from '../../../core/render/i18n.ts';
import { CONSULTATION_OUTCOMES, DELIVERY_METHODS, DISPOSITION_KEYS, DISPOSITIONS, FEE_METHODS, REFUSAL_GROUNDS, TRANSITIONS, type TransitionName } from '../domain/index.ts';
import { DELIVERY_METHOD_LABELS, dispositionLabel } from './labels.ts';
import { WITHHELD_ROWS } from '../http/forms.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_OUTCOME_LABELS, APPEAL_OUTCOMES } from '../store/supervision.ts';

type V = Record<string, string | undefined>;

export function In(p: { id: string; name: string; label: string; type?: string; value?: string | number | null; required?: boolean; hint?: string; min?: number; max?: number }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}{p.required ? <span class="req"> *</span> : null}</label>
      {p.hint ? <p class="hint" id={`${p.id}-hint`}>{p.hint}</p> : null}
      <input id={p.id} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''} required={p.required} min={p.min} max={p.max} aria-describedby={p.hint ? `${p.id}-hint` : undefined} />
    </div>
  );
}

export function Area(p: { id: string; name: string; label: string; value?: string; hint?: string; rows?: number; required?: boolean }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}{p.required ? <span class="req"> *</span> : null}</label>
      {p.hint ? <p class="hint" id={`${p.id}-hint`}>{p.hint}</p> : null}
      <textarea id={p.id} name={p.name} rows={p.rows ?? 3} required={p.required} aria-describedby={p.hint ? `${p.id}-hint` : undefined}>{p.value ?? ''}</textarea>
    </div>
  );
}

export function Sel(p: { id: string; name: string; label: string; options: [string, string][]; value?: string; empty?: string }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.name}>
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {p.options.map(([v, l]) => <option value={v} selected={p.value === v}>{l}</option>)}
      </select>
    </div>
  );
}

export function PostForm(p: { c: ViewContext; action: string; children?: ComponentChildren; button: string; secondary?: boolean }) {
  return (
    <form method="post" action={p.action}>
      <input type="hidden" name="_csrf" value={p.c.csrf} />
      {p.children}
      <p><button type="submit" class={p.secondary ? 'secondary' : undefined}>{p.button}</button></p>
    </form>
  );
}

const STEP_HINTS: Partial<Record<TransitionName, Msg>> = {
  request_correction: { zh: '收到申请之日起7个工作日内一次性告知全部补正事项（条例第三十条）', en: 'Within 7 working days of receipt, list everything at once (Art. 30)' },
  start_consultation: { zh: '征求意见所需时间不计入答复期限；第三方应在15个工作日内提出意见（条例第三十二条、第三十三条）', en: 'Consultation time is not counted; the third party answers within 15 working days (Arts. 32–33)' },
  extend: { zh: '经政府信息公开工作机构负责人同意，最长不超过20个工作日，并告知申请人（条例第三十三条第二款）', en: 'Approved by the head of the disclosure office, at most 20 working days, applicant told (Art. 33 ¶2)' },
  request_reasons: {
    zh: '申请数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。要求说明理由不中止答复期限；理由不合理的，以“不予处理”作出答复；理由合理但无法按期答复的，应在答复期限届满前确定延迟答复的合理期限',
    en: 'When the number or frequency of requests is clearly excessive, ask for reasons (Art. 35). This does not stop the clock: unreasonable reasons → reply “not handled”; reasonable but the period cannot be met → set a later date before the due date',
  },
  set_reasonable_period: {
    zh: '申请理由合理，但无法在条例第三十三条规定的期限内答复的，确定延迟答复的合理期限并告知申请人（条例第三十五条）。新的期限须晚于当前答复期限，确定后不再适用延期，也不因此后的征求意见顺延',
    en: 'Reasons are reasonable but the Art. 33 period cannot be met: set a reasonable later date and tell the applicant (Art. 35). It must be after the current due date; afterwards no Art. 33 extension applies and later consultations do not move it',
  },
  send_fee_notice: { zh: '按件或按量计收，二者择一；通知至缴费期间不计入答复期限（国办函〔2020〕109号）', en: 'Per request or per volume; the time until payment is not counted' },
  transfer: { zh: '转至负责公开该信息的单位（条例第十条），接收单位重新登记确认', en: 'To the unit responsible (Art. 10); it registers the application again' },
};

/** The fields of one step's form. */
function StepFields(p: { c: ViewContext; type: TransitionName; today: string; units: { id: number; name: string }[]; dueOn?: string | null }) {
  const T = t(p.c);
  const id = (n: string) => `s-${p.type}-${n}`;
  const date = <In id={id('date')} name="date" type="date" label={T({ zh: '日期', en: 'Date' })} value={p.today} required />;
  switch (p.type) {
    case 'request_correction':
      return <>{date}<Area id={id('items')} name="items" label={T({ zh: '需要补正的事项（每行一项）', en: 'What to correct (one per line)' })} required /><In id={id('correct_by')} name="correct_by" type="date" label={T({ zh: '补正期限', en: 'Correct by' })} required /></>;
    case 'correct':
      return <>{date}<In id={id('late_reason')} name="late_reason" label={T({ zh: '逾期补正的正当理由（逾期时填写）', en: 'Good reason for a late correction' })} /></>;
    case 'start_consultation':
      return (
        <>
          {date}
          <Sel id={id('party_kind')} name="party_kind" label={T({ zh: '征求对象', en: 'Consulted' })} options={[['third_party', T({ zh: '第三方（条例第三十二条）', en: 'Third party (Art. 32)' })], ['organ', T({ zh: '共同制作机关（条例第三十四条）', en: 'Co-making organ (Art. 34)' })]]} />
          <Area id={id('parties')} name="parties" label={T({ zh: '名称（每行一个）', en: 'Names (one per line)' })} required />
          <In id={id('concern')} name="concern" label={T({ zh: '涉及的权益（写入征询函）', en: 'Interests concerned (for the letter)' })} />
        </>
      );
    case 'end_consultation':
      return (
        <>
          {date}
          <Sel id={id('outcome')} name="outcome" label={T({ zh: '意见', en: 'Outcome' })} options={CONSULTATION_OUTCOMES.map((o) => [o, T({ consented: { zh: '同意公开', en: 'consented' }, objected: { zh: '不同意公开', en: 'objected' }, no_reply: { zh: '逾期未答复', en: 'no reply' }, mixed: { zh: '意见不一', en: 'mixed' } }[o])])} />
          <In id={id('note')} name="note" label={T({ zh: '备注', en: 'Note' })} />
        </>
      );
    case 'extend':
      return <>{date}<In id={id('workdays')} name="workdays" type="number" min={1} max={20} label={T({ zh: '延长工作日数（1–20）', en: 'Working days (1–20)' })} value="20" required /><In id={id('reason')} name="reason" label={T({ zh: '延期理由', en: 'Reason' })} required /><In id={id('approved_by')} name="approved_by" label={T({ zh: '批准人（政府信息公开工作机构负责人）', en: 'Approved by (head of the disclosure office)' })} required /></>;
    case 'request_reasons':
      return (
        <>
          {date}
          <Area id={id('facts')} name="facts" label={T({ zh: '申请数量、频次的事实（写入告知书）', en: 'The number and frequency of requests (for the letter)' })} hint={T({ zh: '如：自2024年9月1日至9月30日，您共向本机关提出政府信息公开申请62件', en: 'E.g. 62 requests between 1 and 30 September 2024' })} required />
          <In id={id('reply_by')} name="reply_by" type="date" label={T({ zh: '说明理由期限', en: 'Give reasons by' })} required />
        </>
      );
    case 'set_reasonable_period':
      return (
        <>
          {date}
          <In id={id('due_date')} name="due_date" type="date" label={T({ zh: '延迟答复的期限（须晚于当前答复期限）', en: 'Later due date (after the current one)' })} hint={p.dueOn ? T({ zh: '当前答复期限：{d}', en: 'Current due date: {d}' }, { d: p.dueOn }) : undefined} required />
          <In id={id('reason')} name="reason" label={T({ zh: '无法按期答复的原因（写入告知书）', en: 'Why the answer cannot be given in time (for the letter)' })} required />
          <In id={id('approved_by')} name="approved_by" label={T({ zh: '批准人（政府信息公开工作机构负责人）', en: 'Approved by (head of the disclosure office)' })} required />
        </>
      );
    case 'send_fee_notice':
      return (
        <>
          {date}
          <In id={id('amount')} name="amount" type="number" min={1} label={T({ zh: '金额（元）', en: 'Amount (yuan)' })} required />
          <Sel id={id('method')} name="method" label={T({ zh: '计收方式', en: 'Method' })} options={FEE_METHODS.map((m) => [m, m === 'per_request' ? T({ zh: '按件计收', en: 'per request' }) : T({ zh: '按量计收', en: 'per volume' })])} />
          <In id={id('pay_by')} name="pay_by" type="date" label={T({ zh: '缴费期限（默认20个工作日）', en: 'Pay by (default 20 working days)' })} />
          <In id={id('fee_basis')} name="fee_basis" label={T({ zh: '收费依据事实', en: 'Basis' })} />
          <In id={id('fee_payment')} name="fee_payment" label={T({ zh: '缴费方式', en: 'How to pay' })} />
        </>
      );
    case 'deliver':
      return <>{date}<Sel id={id('method')} name="method" label={T({ zh: '送达方式', en: 'Method' })} options={DELIVERY_METHODS.map((m) => [m, T(DELIVERY_METHOD_LABELS[m])])} /><In id={id('note')} name="note" label={T({ zh: '备注（如邮件单号）', en: 'Note (e.g. tracking no.)' })} /></>;
    case 'withdraw':
      return <>{date}<In id={id('reason')} name="reason" label={T({ zh: '撤回说明', en: 'Note' })} /></>;
    case 'transfer':
      return <>{date}<Sel id={id('to_unit')} name="to_unit" label={T({ zh: '接收单位', en: 'Receiving unit' })} options={p.units.map((u) => [String(u.id), u.name])} /><In id={id('reason')} name="reason" label={T({ zh: '转办理由', en: 'Reason' })} required /></>;
    default:
      return date;
  }
}

export function StepForms(p: { c: ViewContext; caseId: number; steps: TransitionName[]; today: string; units: { id: number; name: string }[]; dueOn?: string | null }) {
  const T = t(p.c);
  return (
    <div class="steps">
      {p.steps.map((type) => (
        <details class="req-details">
          <summary>{T(TRANSITIONS[type].label)}<span class="hint">（{TRANSITIONS[type].article.startsWith('第') ? `条例${TRANSITIONS[type].article}` : TRANSITIONS[type].article}）</span></summary>
          {STEP_HINTS[type] ? <p class="hint">{T(STEP_HINTS[type]!)}</p> : null}
          <PostForm c={p.c} action={`/admin/requests/${p.caseId}/steps`} button={T(TRANSITIONS[type].label)}>
            <input type="hidden" name="type" value={type} />
            <StepFields c={p.c} type={type} today={p.today} units={p.units} dueOn={p.dueOn} />
          </PostForm>
        </details>
      ))}
    </div>
  );
}

/** The reply's result and what its letter must say (dispositions.ts `requires`). */
export function DispositionForm(p: { c: ViewContext; caseId: number; values: V; open?: boolean }) {
  const T = t(p.c);
  const v = p.values;
  const viaAnswer = DISPOSITION_KEYS.filter((k) => DISPOSITIONS[k].via === 'answer');
  const grounds: [string, string][] = REFUSAL_GROUNDS.map((g) => [g, T(dispositionLabel(g))]);
  return (
    <details class="req-details" open={p.open}>
      <summary>{T({ zh: '起草答复', en: 'Draft the reply' })}</summary>
      <p class="hint">{T({ zh: '选择答复结果并填写该结果的答复书须写明的内容；部分公开须列明提供的信息和不予公开的部分及理由（条例第三十六条、第三十七条）。', en: 'Choose the result and fill in what its reply must state; a partial release lists what is released and what is withheld with grounds (Arts. 36–37).' })}</p>
      <PostForm c={p.c} action={`/admin/requests/${p.caseId}/reply`} button={T({ zh: '保存答复草稿', en: 'Save the draft reply' })}>
        <Sel id="d-key" name="key" label={T({ zh: '答复结果（年报行）', en: 'Result (report row)' })} value={v.key} options={viaAnswer.map((k) => [k, T(dispositionLabel(k))])} />
        <Area id="d-released" name="released" label={T({ zh: '提供的信息（每行一项）', en: 'Released items (one per line)' })} value={v.released} />
        <In id="d-provision" name="provision" label={T({ zh: '提供方式、途径和时间', en: 'How and when it is provided' })} value={v.provision} />
        <fieldset>
          <legend>{T({ zh: '不予公开的部分（部分公开时填写）', en: 'Withheld parts (partial release)' })}</legend>
          {Array.from({ length: WITHHELD_ROWS }, (_, i) => i + 1).map((i) => (
            <div class="withheld-row">
              <In id={`d-w${i}-desc`} name={`withheld_${i}_desc`} label={T({ zh: '第{n}项：内容', en: 'Part {n}: what' }, { n: i })} value={v[`withheld_${i}_desc`]} />
              <Sel id={`d-w${i}-ground`} name={`withheld_${i}_ground`} label={T({ zh: '第{n}项：理由类别', en: 'Part {n}: ground' }, { n: i })} value={v[`withheld_${i}_ground`]} options={grounds} />
              <In id={`d-w${i}-reason`} name={`withheld_${i}_reason`} label={T({ zh: '第{n}项：具体理由', en: 'Part {n}: reason' }, { n: i })} value={v[`withheld_${i}_reason`]} />
            </div>
          ))}
        </fieldset>
        <Area id="d-reason" name="reason" label={T({ zh: '理由（不予公开、非本机关负责公开等须填写）', en: 'Reason (refusals and other results that need one)' })} value={v.reason} />
        <In id="d-access" name="access" label={T({ zh: '获取方式、途径（已主动公开、公开出版物）', en: 'Where to get it (already public, publications)' })} value={v.access} />
        <In id="d-holder" name="holder_name" label={T({ zh: '负责公开的机关（非本机关负责公开时）', en: 'Responsible organ (not ours)' })} value={v.holder_name} />
        <In id="d-holder-contact" name="holder_contact" label={T({ zh: '该机关联系方式', en: 'Its contact' })} value={v.holder_contact} />
        <In id="d-prev-date" name="previous_date" type="date" label={T({ zh: '此前答复日期（重复申请）', en: 'Earlier reply date (repeat request)' })} value={v.previous_date} />
        <In id="d-prev-no" name="previous_number" label={T({ zh: '此前答复文号', en: 'Earlier reply number' })} value={v.previous_number} />
        <In id="d-procedure" name="procedure" label={T({ zh: '应依照办理的程序或渠道', en: 'Procedure or channel to use' })} value={v.procedure} />
        <Area id="d-other" name="other_basis" label={T({ zh: '其他依据（每行一项，如《中华人民共和国统计法》第三十九条）', en: 'Other legal basis (one per line)' })} value={v.other_basis} />
      </PostForm>
    </details>
  );
}

export function AppealForm(p: { c: ViewContext; caseId: number; today: string }) {
  const T = t(p.c);
  return (
    <details class="req-details">
      <summary>{T({ zh: '登记行政复议或行政诉讼', en: 'Record a reconsideration or lawsuit' })}</summary>
      <PostForm c={p.c} action={`/admin/requests/${p.caseId}/appeals`} button={T({ zh: '登记', en: 'Record' })}>
        <input type="hidden" name="form_token" value={randomUUID()} />
        <Sel id="a-kind" name="kind" label={T({ zh: '类别', en: 'Kind' })} options={APPEAL_KINDS.map((k) => [k, T(APPEAL_KIND_LABELS[k])])} />
        <Sel id="a-outcome" name="outcome" label={T({ zh: '结果', en: 'Outcome' })} value="pending" options={APPEAL_OUTCOMES.map((k) => [k, T(APPEAL_OUTCOME_LABELS[k])])} />
        <In id="a-filed" name="filed_on" type="date" label={T({ zh: '提起日期', en: 'Filed on' })} />
        <In id="a-decided" name="decided_on" type="date" label={T({ zh: '决定或判决日期', en: 'Decided on' })} />
        <In id="a-body" name="body" label={T({ zh: '复议机关或受理法院', en: 'Reconsideration organ or court' })} />
        <In id="a-note" name="note" label={T({ zh: '备注（案号等）', en: 'Note (case number etc.)' })} />
        <p class="hint">{T({ zh: '提起时登记（结果为“尚未审结”）；有了结果后在该记录上更新，不要另行登记。', en: 'Record it when filed (pending); when decided, update that record instead of adding another.' })}</p>
      </PostForm>
    </details>
  );
}

/** The outcome of a recorded appeal: the same row moves on (filed → outcome), so table 4 counts it once. */
export function AppealOutcomeForm(p: { c: ViewContext; caseId: number; appeal: { id: number; outcome: string; decided_on: string | null; body: string | null } }) {
  const T = t(p.c);
  const a = p.appeal;
  return (
    <details class="req-details">
      <summary>{T({ zh: '更新结果', en: 'Update the outcome' })}<span class="sr-only">（{a.id}）</span></summary>
      <PostForm c={p.c} action={`/admin/requests/${p.caseId}/appeals/${a.id}`} button={T({ zh: '保存结果', en: 'Save the outcome' })}>
        <Sel id={`ao-outcome-${a.id}`} name="outcome" label={T({ zh: '结果', en: 'Outcome' })} value={a.outcome} options={APPEAL_OUTCOMES.map((k) => [k, T(APPEAL_OUTCOME_LABELS[k])])} />
        <In id={`ao-decided-${a.id}`} name="decided_on" type="date" value={a.decided_on} label={T({ zh: '决定或判决日期', en: 'Decided on' })} />
        <In id={`ao-body-${a.id}`} name="body" value={a.body} label={T({ zh: '复议机关或受理法院', en: 'Reconsideration organ or court' })} />
      </PostForm>
    </details>
  );
}

/** 督办 (#14.9): the supervisor's dated instruction to the handler and the unit administrator. */
export function SuperviseForm(p: { c: ViewContext; caseId: number; today: string }) {
  const T = t(p.c);
  return (
    <details class="req-details">
      <summary>{T({ zh: '督办本申请', en: 'Supervise this case' })}</summary>
      <PostForm c={p.c} action={`/admin/requests/${p.caseId}/supervise`} button={T({ zh: '发出督办', en: 'Send the instruction' })}>
        <input type="hidden" name="form_token" value={randomUUID()} />
        <Area id="s-instruction" name="instruction" required label={T({ zh: '督办意见（送办理人员和单位管理员，答复前一直显示）', en: 'Instruction (to the handler and unit administrator; shown until the case is answered)' })} />
        <In id="s-reply-by" name="reply_by" type="date" label={T({ zh: '要求办理期限（可选）', en: 'Deal with it by (optional)' })} />
      </PostForm>
    </details>
  );
}
