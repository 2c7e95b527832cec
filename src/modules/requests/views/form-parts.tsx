/**
 * Form pieces shared by the public application form and the staff entry form: the contents 条例
 * 第二十九条 requires (applicant, identity proof, contacts, the information sought, its form and way).
 * Everything works without JavaScript: fields for both applicant types are shown, with hints.
 */
import { Field, t, type ViewContext } from '../../../core/render/page.tsx';
import type { Msg } from '../../../core/render/i18n.ts';
import { CATEGORIES } from '../domain/index.ts';
import { DELIVERIES, DELIVERY_LABELS, FORM_LABELS, FORMS, ID_TYPE_LABELS, ID_TYPES, ORG_KINDS } from '../domain/intake.ts';

export const APPLICANT_LABELS: Record<string, Msg> = {
  applicant_type: { zh: '申请人类型', en: 'Type of applicant' },
  org_kind: { zh: '法人或其他组织类别', en: 'Kind of organisation' },
  name: { zh: '姓名或名称', en: 'Name' },
  contact_person: { zh: '联系人（法人或其他组织填写）', en: 'Contact person (organisations)' },
  id_type: { zh: '身份证明类型', en: 'Identity document' },
  id_number: { zh: '身份证明号码', en: 'Document number' },
  phone: { zh: '联系电话', en: 'Phone' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  address: { zh: '通信地址', en: 'Postal address' },
  postcode: { zh: '邮政编码', en: 'Postcode' },
  info_title: { zh: '所需信息的名称', en: 'Title of the information' },
  info_number: { zh: '文号', en: 'Document number (文号)' },
  description: { zh: '所需信息的特征性描述', en: 'Description of the information' },
  form: { zh: '获取信息的形式', en: 'Form of the information' },
  delivery: { zh: '获取信息的途径', en: 'How to receive it' },
  attachments: { zh: '附件（可选）', en: 'Attachments (optional)' },
  unit: { zh: '受理单位', en: 'Unit' },
};

type V = Record<string, string | undefined>;

function Radios(p: { c: ViewContext; name: string; legend: string; options: [string, string][]; value?: string; errors?: Record<string, Msg>; required?: boolean }) {
  const err = p.errors?.[p.name];
  return (
    <fieldset id={`f-${p.name}`} class={err ? 'has-error' : undefined}>
      <legend>{p.legend}{p.required ? <span class="req"> *</span> : null}</legend>
      {err ? <p class="error">{t(p.c)(err)}</p> : null}
      {p.options.map(([v, label]) => (
        <label class="check"><input type="radio" name={p.name} value={v} checked={p.value === v} /> {label}</label>
      ))}
    </fieldset>
  );
}

export function Select(p: { c: ViewContext; name: string; label: string; options: [string, string][]; value?: string; errors?: Record<string, Msg>; required?: boolean; hint?: string; empty?: string }) {
  return (
    <Field c={p.c} name={p.name} label={p.label} errors={p.errors} required={p.required} hint={p.hint}>
      <select id={`f-${p.name}`} name={p.name} aria-invalid={p.errors?.[p.name] ? 'true' : undefined}>
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {p.options.map(([v, label]) => <option value={v} selected={p.value === v}>{label}</option>)}
      </select>
    </Field>
  );
}

export function TextArea(p: { c: ViewContext; name: string; label: string; value?: string; errors?: Record<string, Msg>; required?: boolean; hint?: string; rows?: number }) {
  const err = p.errors?.[p.name];
  return (
    <Field c={p.c} name={p.name} label={p.label} errors={p.errors} required={p.required} hint={p.hint}>
      <textarea id={`f-${p.name}`} name={p.name} rows={p.rows ?? 5} aria-invalid={err ? 'true' : undefined} aria-describedby={[p.hint ? `f-${p.name}-hint` : '', err ? `f-${p.name}-err` : ''].filter(Boolean).join(' ') || undefined}>{p.value ?? ''}</textarea>
    </Field>
  );
}

export function ApplicantFields(p: { c: ViewContext; values: V; errors?: Record<string, Msg>; staff?: boolean }) {
  const T = t(p.c);
  const v = p.values;
  const L = (k: string) => T(APPLICANT_LABELS[k]);
  return (
    <>
      <fieldset>
        <legend>{T({ zh: '申请人信息', en: 'About you' })}</legend>
        <Radios c={p.c} name="applicant_type" legend={L('applicant_type')} value={v.applicant_type ?? 'natural'} errors={p.errors} required
          options={[['natural', T({ zh: '自然人', en: 'Natural person' })], ['org', T({ zh: '法人或其他组织', en: 'Legal person or other organisation' })]]} />
        <Select c={p.c} name="org_kind" label={L('org_kind')} value={v.org_kind} errors={p.errors} empty={T({ zh: '（自然人无需选择）', en: '(not for natural persons)' })}
          options={ORG_KINDS.map((k) => [k, p.c.l === 'en' ? CATEGORIES[k].en : CATEGORIES[k].zh])} />
        <Field c={p.c} name="name" label={L('name')} value={v.name} errors={p.errors} required autocomplete="name" hint={T({ zh: '自然人填写姓名；法人或其他组织填写全称', en: 'Your name, or the organisation’s full name' })} />
        <Field c={p.c} name="contact_person" label={L('contact_person')} value={v.contact_person} errors={p.errors} />
        <Select c={p.c} name="id_type" label={L('id_type')} value={v.id_type ?? 'resident_id'} errors={p.errors} required={!p.staff}
          options={ID_TYPES.map((k) => [k, T(ID_TYPE_LABELS[k])])} />
        <Field c={p.c} name="id_number" label={L('id_number')} value={v.id_number} errors={p.errors} required={!p.staff} autocomplete="off"
          hint={T({ zh: '身份信息仅用于办理本申请，加密保存，不会公开', en: 'Used only to handle this application; stored encrypted, never published' })} />
        <Field c={p.c} name="phone" label={L('phone')} type="tel" value={v.phone} errors={p.errors} autocomplete="tel" hint={T({ zh: '电话、电子邮箱、通信地址至少填写一项', en: 'Give at least one of phone, e-mail or address' })} />
        <Field c={p.c} name="email" label={L('email')} type="email" value={v.email} errors={p.errors} autocomplete="email" />
        <Field c={p.c} name="address" label={L('address')} value={v.address} errors={p.errors} autocomplete="street-address" />
        <Field c={p.c} name="postcode" label={L('postcode')} value={v.postcode} errors={p.errors} autocomplete="postal-code" />
      </fieldset>
      <fieldset>
        <legend>{T({ zh: '所需信息情况', en: 'The information you ask for' })}</legend>
        <p class="hint">{T({ zh: '请写明所需政府信息的名称、文号，或者便于查询的其他特征性描述（条例第二十九条）。', en: 'Give the title, the document number or other features that identify the information (Art. 29).' })}</p>
        <Field c={p.c} name="info_title" label={L('info_title')} value={v.info_title} errors={p.errors} />
        <Field c={p.c} name="info_number" label={L('info_number')} value={v.info_number} errors={p.errors} />
        <TextArea c={p.c} name="description" label={L('description')} value={v.description} errors={p.errors} hint={T({ zh: '如制作时间、内容要点、涉及的项目或事项', en: 'E.g. when it was made, what it covers, the project or matter' })} />
        <Radios c={p.c} name="form" legend={L('form')} value={v.form} errors={p.errors} required options={FORMS.map((k) => [k, T(FORM_LABELS[k])])} />
        <Radios c={p.c} name="delivery" legend={L('delivery')} value={v.delivery} errors={p.errors} required options={DELIVERIES.map((k) => [k, T(DELIVERY_LABELS[k])])} />
      </fieldset>
    </>
  );
}

export const labelsFor = (c: ViewContext, m: Record<string, Msg>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, t(c)(v)]));
