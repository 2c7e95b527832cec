/**
 * The workflow panel of the console's document page (条例 第十七条 审查): only the transitions the
 * user's roles and the policy allow, each a small form that works without JavaScript — submit,
 * recall (撤回提交), the review ticks (which refer to the personal-information findings shown
 * above them), publish or schedule (with the late-publication reason and the personal-data
 * acknowledgement when needed), return, withdraw (offering the policy's published 解读), reopen.
 */
import type { ComponentChildren } from 'preact';
import { Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import type { DocStatus, WorkflowAction } from '../domain/workflow.ts';
import { LABELS, PersonalDataAck, StatusBadge } from './admin-views.tsx';

export interface WorkflowProps {
  c: ViewContext;
  id: number;
  status: DocStatus;
  actions: WorkflowAction[];
  publishAt: Date | null;
  /** masked numbers in the current text and attachments (the publish acknowledgement lists them) */
  personalData: string[];
  /** attachments whose text could not be checked automatically */
  uncheckedAttachments: number;
  /** publishing now would break a time limit (条例 第二十六条): ask for the reason */
  late: boolean;
  /** published 解读 of this policy, which a withdrawal would leave without their policy */
  interpretations: { id: number; title: string }[];
  errors?: Record<string, Msg>;
}

function ActionForm(p: { c: ViewContext; id: number; action: string; label: string; secondary?: boolean; children?: ComponentChildren }) {
  return (
    <form method="post" action={`/admin/documents/${p.id}/${p.action}`} class="workflow-form">
      <input type="hidden" name="_csrf" value={p.c.csrf} />
      {p.children}
      <p><button type="submit" class={p.secondary ? 'secondary' : undefined}>{p.label}</button></p>
    </form>
  );
}

const ERROR_KEYS = ['action', 'reason', 'confidentialityChecked', 'publishAt', 'lateReason'];

export function WorkflowPanel(p: WorkflowProps) {
  const { c, id, actions: a } = p;
  const T = t(c);
  const has = (x: WorkflowAction) => a.includes(x);
  const reason = (k: string, label: Msg) => (
    <div class="field">
      <label for={`f-reason-${k}`}>{T(label)}<span class="req"> *<span class="sr-only">{T(M.required)}</span></span></label>
      <textarea id={`f-reason-${k}`} name="reason" rows={2} required />
    </div>
  );
  const n = p.personalData.length;
  const errorKeys = [...ERROR_KEYS.filter((k) => p.errors?.[k]), ...Object.keys(p.errors ?? {}).filter((k) => !ERROR_KEYS.includes(k))];
  return (
    <section class="card workflow" aria-labelledby="h-workflow">
      <h2 id="h-workflow">{T({ zh: '审核发布', en: 'Review and publication' })}</h2>
      <p>{T({ zh: '当前状态', en: 'Status' })}：<StatusBadge c={c} status={p.status} />{p.publishAt ? <> {T({ zh: '定时发布于', en: 'scheduled for' })} {formatDateTime(c.l, p.publishAt)}</> : null}</p>
      {errorKeys.length ? (
        // the panel's own fields first, then what a transition found missing in the document (submit
        // and publish check the metadata, e.g. 主题分类), named by the field's label
        <div class="error-summary" role="alert">{errorKeys.map((k) => <p>{!ERROR_KEYS.includes(k) && LABELS[k] ? `${T(LABELS[k])}：` : ''}{T(p.errors![k])}</p>)}</div>
      ) : null}
      {has('submit') ? <ActionForm c={c} id={id} action="submit" label={T({ zh: '提交审核', en: 'Submit for review' })} /> : null}
      {has('recall') ? (
        <ActionForm c={c} id={id} action="recall" label={T({ zh: '撤回提交', en: 'Recall the submission' })} secondary>
          <p class="hint">{T({ zh: '审核前可撤回，修改后重新提交。', en: 'Until it is reviewed you can take it back, edit it and submit again.' })}</p>
        </ActionForm>
      ) : null}
      {has('review') ? (
        <ActionForm c={c} id={id} action="review" label={T({ zh: '审核通过', en: 'Approve' })}>
          <fieldset>
            <legend>{T({ zh: '审核确认（《条例》第十七条、第十五条）', en: 'Checks (Arts. 17 and 15)' })}</legend>
            <p class="hint">{T({ zh: '请先阅读上方的全部信息项、全文和附件，以及个人信息检查结果。', en: 'First read every field, the full text and attachments above, and the personal-information findings.' })}</p>
            <label class="check"><input type="checkbox" name="confidentialityChecked" value="1" required /> {T({ zh: '已完成保密审查，不涉及国家秘密', en: 'Confidentiality review done: no state secrets' })}</label>
            <label class="check">
              <input type="checkbox" name="personalInfoChecked" value="1" required aria-describedby="f-pii-ref" />{' '}
              {T({ zh: '已完成个人信息检查，个人隐私已处理', en: 'Personal-information check done: privacy protected' })}
            </label>
            <p class="hint" id="f-pii-ref">
              {n
                ? T({ zh: '包括核查自动发现的 {n} 处疑似个人信息（见“个人信息检查”）', en: 'including the {n} possible personal numbers found (see the personal-information check)' }, { n })
                : T({ zh: '自动检查未发现身份证号、手机号或银行卡号（见“个人信息检查”）', en: 'no ID, mobile or bank-card numbers were found automatically (see the personal-information check)' })}
              {p.uncheckedAttachments ? T({ zh: '；{n} 个附件须人工核查', en: '; {n} attachment(s) to check by hand' }, { n: p.uncheckedAttachments }) : ''}
              {' '}<a href="#h-pii">{T({ zh: '查看', en: 'View' })}</a>
            </p>
          </fieldset>
        </ActionForm>
      ) : null}
      {has('publish') ? (
        <ActionForm c={c} id={id} action="publish" label={T({ zh: '发布', en: 'Publish' })}>
          <Field c={c} name="publishAt" label={T(LABELS.publishAt)} type="datetime-local" errors={p.errors} hint={T({ zh: '留空则立即发布；填写则到时自动发布（北京时间）', en: 'Leave empty to publish now; otherwise it is published at that time (Beijing time)' })} />
          {p.late || p.errors?.lateReason ? (
            <Field c={c} name="lateReason" label={T(LABELS.lateReason)} errors={p.errors} required hint={T({ zh: '本文件已超过公开时限（《条例》第二十六条；政策文件及解读5个工作日），发布时须说明原因，原因将记录在案', en: 'This document is past its time limit (Art. 26; 5 working days for policies and interpretations): say why; the reason is kept' })}>
              <textarea id="f-lateReason" name="lateReason" rows={2} aria-describedby={p.errors?.lateReason ? 'f-lateReason-hint f-lateReason-err' : 'f-lateReason-hint'} />
            </Field>
          ) : null}
          <PersonalDataAck c={c} found={p.personalData} errors={p.errors} />
        </ActionForm>
      ) : null}
      {has('unschedule') ? <ActionForm c={c} id={id} action="unschedule" label={T({ zh: '取消定时', en: 'Cancel schedule' })} secondary /> : null}
      {has('return') ? <ActionForm c={c} id={id} action="return" label={T({ zh: '退回修改', en: 'Return to draft' })} secondary>{reason('return', { zh: '退回原因', en: 'Reason for returning' })}</ActionForm> : null}
      {has('withdraw') ? (
        <ActionForm c={c} id={id} action="withdraw" label={T({ zh: '撤回', en: 'Withdraw' })} secondary>
          {reason('withdraw', { zh: '撤回原因', en: 'Reason for withdrawing' })}
          {p.interpretations.length ? (
            <fieldset class="warn">
              <legend>{T({ zh: '本文件的政策解读', en: 'Interpretations of this policy' })}</legend>
              <p>{T({ zh: '以下解读已发布。撤回本文件后，它们仍会公开，但其中“解读的政策文件”的链接将不再显示。如需一并撤回，请勾选：', en: 'These interpretations are published. After this withdrawal they stay public, but lose their link to this policy. Tick those to withdraw as well:' })}</p>
              {p.interpretations.map((r) => <label class="check"><input type="checkbox" name="withdrawInterpretations" value={String(r.id)} /> {r.title}</label>)}
            </fieldset>
          ) : null}
        </ActionForm>
      ) : null}
      {has('reopen') ? <ActionForm c={c} id={id} action="reopen" label={T({ zh: '重新编辑', en: 'Reopen as draft' })} secondary /> : null}
      {!a.filter((x) => x !== 'edit' && x !== 'edit_published').length ? <p class="hint">{T({ zh: '您在当前状态下没有可执行的审核操作。', en: 'There is nothing for you to do in this status.' })}</p> : null}
    </section>
  );
}
