/** Admin pages for units: the list (scoped to the user's subtree), the create form, the edit/备案 form. */
import { ErrorSummary, Field, t, type ViewContext } from '../../core/render/page.tsx';
import { tr, formatDate, type Msg } from '../../core/render/i18n.ts';
import { M } from '../../core/render/messages.ts';
import { AdminPage } from '../admin/layout.tsx';
import { UNIT_TYPES, UNIT_TYPE_LABELS } from './types.ts';
import type { UnitRow } from './repository.ts';

export const UNIT_FIELD_LABELS: Record<string, Msg> = {
  code: { zh: '单位代码（统一社会信用代码）', en: 'Unit code (unified social credit code)' },
  name: { zh: '单位名称', en: 'Name' },
  short_name: { zh: '简称', en: 'Short name' },
  name_en: { zh: '英文名称', en: 'English name' },
  type: { zh: '单位类型', en: 'Type' },
  parent_code: { zh: '上级单位', en: 'Parent unit' },
  slug: { zh: '网址标识', en: 'URL slug' },
  sort_order: { zh: '排序号', en: 'Sort number' },
  disclosure_body: { zh: '政府信息公开工作机构', en: 'Disclosure office' },
  address: { zh: '办公地址', en: 'Address' },
  postcode: { zh: '邮政编码', en: 'Postcode' },
  office_hours: { zh: '办公时间', en: 'Office hours' },
  phone: { zh: '联系电话', en: 'Telephone' },
  fax: { zh: '传真', en: 'Fax' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  website: { zh: '网站地址', en: 'Website' },
  responsible_official: { zh: '负责同志姓名', en: 'Responsible official' },
  responsible_title: { zh: '负责同志职务', en: 'Official title' },
  responsible_filed_on: { zh: '备案日期', en: 'Filing date' },
  reconsideration_organ: { zh: '行政复议机关', en: 'Reconsideration organ' },
  court: { zh: '行政诉讼管辖法院', en: 'Court' },
  letter_prefix: { zh: '答复文书字号前缀', en: 'Letter number prefix' },
};

export function UnitList(p: { c: ViewContext; units: UnitRow[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '单位与备案', en: 'Units & registry' });
  const canCreate = c.can('unit.create');
  return (
    <AdminPage c={c} title={title} current="units">
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '各单位的政府信息公开工作机构、联系方式和负责同志（工作要点第21、22项备案信息），修改均记入审计日志。', en: 'Each unit’s disclosure office, contacts and responsible official (work points 21–22); every change is audited.' })}</p>
      {canCreate ? <p class="toolbar"><a class="button" href="/admin/units/new">{T({ zh: '新建单位', en: 'New unit' })}</a></p> : null}
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{T(UNIT_FIELD_LABELS.name)}</th>
              <th scope="col">{T(UNIT_FIELD_LABELS.code)}</th>
              <th scope="col">{T(UNIT_FIELD_LABELS.type)}</th>
              <th scope="col">{T(UNIT_FIELD_LABELS.responsible_official)}</th>
              <th scope="col">{T(UNIT_FIELD_LABELS.responsible_filed_on)}</th>
              <th scope="col">{T(M.actions)}</th>
            </tr>
          </thead>
          <tbody>
            {p.units.map((u) => (
              <tr>
                <td style={undefined}>{'　'.repeat(Math.max(0, u.depth))}<a href={`/u/${u.slug}/`}>{u.name}</a>{u.active ? null : <span class="badge">{T({ zh: '已停用', en: 'inactive' })}</span>}</td>
                <td><code>{u.code}</code></td>
                <td>{tr(c.l, UNIT_TYPE_LABELS[u.type as keyof typeof UNIT_TYPE_LABELS] ?? { zh: u.type, en: u.type })}</td>
                <td>{u.responsible_official ?? T(M.none)}{u.responsible_title ? `（${u.responsible_title}）` : ''}</td>
                <td>{formatDate(c.l, u.responsible_filed_on)}</td>
                <td>{c.can('unit.update', u.path) ? <a href={`/admin/units/${u.id}`}>{T(M.edit)}<span class="sr-only"> {u.name}</span></a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function UnitForm(p: { c: ViewContext; mode: 'create' | 'update'; values: Record<string, unknown>; errors?: Record<string, Msg>; parents: UnitRow[]; id?: number }) {
  const { c, values: v, errors } = p;
  const T = t(c);
  const L = (k: string) => T(UNIT_FIELD_LABELS[k]);
  const title = p.mode === 'create' ? T({ zh: '新建单位', en: 'New unit' }) : `${T(M.edit)} · ${String(v.name ?? '')}`;
  const labels = Object.fromEntries(Object.keys(UNIT_FIELD_LABELS).map((k) => [k, L(k)]));
  const s = (k: string) => (v[k] === null || v[k] === undefined ? '' : String(v[k]));
  const text = (k: string, extra: { required?: boolean; hint?: string; type?: string } = {}) => <Field c={c} name={k} label={L(k)} value={s(k)} errors={errors} {...extra} />;
  return (
    <AdminPage c={c} title={title} current="units" crumbs={[{ href: '/admin/units', label: T({ zh: '单位与备案', en: 'Units & registry' }) }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={errors} labels={labels} />
      <form method="post" action={p.mode === 'create' ? '/admin/units' : `/admin/units/${p.id}`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <fieldset>
          <legend>{T({ zh: '基本信息', en: 'Basic information' })}</legend>
          {p.mode === 'create' ? text('code', { required: true, hint: T({ zh: '18 位统一社会信用代码（用于索引号前缀）', en: '18-character unified social credit code (prefixes index numbers)' }) }) : <p><strong>{L('code')}</strong>：<code>{s('code')}</code></p>}
          {text('name', { required: true })}
          {text('short_name')}
          {text('name_en')}
          <Field c={c} name="type" label={L('type')} errors={errors} required>
            <select id="f-type" name="type">
              {UNIT_TYPES.map((ty) => <option value={ty} selected={s('type') === ty}>{tr(c.l, UNIT_TYPE_LABELS[ty])}</option>)}
            </select>
          </Field>
          {p.mode === 'create' ? (
            <Field c={c} name="parent_code" label={L('parent_code')} errors={errors} required>
              <select id="f-parent_code" name="parent_code">
                {p.parents.map((u) => <option value={u.code} selected={s('parent_code') === u.code}>{'　'.repeat(u.depth)}{u.name}</option>)}
              </select>
            </Field>
          ) : null}
          {text('slug', { required: true, hint: T({ zh: '门户网址 /u/标识/，如 sfj', en: 'Portal address /u/slug/, e.g. sfj' }) })}
          {text('sort_order', { type: 'number' })}
        </fieldset>
        <fieldset>
          <legend>{T({ zh: '政府信息公开工作机构（《条例》第十二条）', en: 'Disclosure office (Article 12)' })}</legend>
          {text('disclosure_body')}
          {text('address')}
          {text('postcode')}
          {text('office_hours')}
          {text('phone', { type: 'tel' })}
          {text('fax', { type: 'tel' })}
          {text('email', { type: 'email' })}
          {text('website', { type: 'url' })}
        </fieldset>
        <fieldset>
          <legend>{T({ zh: '负责同志备案（工作要点第21项）', en: 'Responsible official filing (work point 21)' })}</legend>
          {text('responsible_official')}
          {text('responsible_title')}
          {text('responsible_filed_on', { type: 'date', hint: 'YYYY-MM-DD' })}
        </fieldset>
        <fieldset>
          <legend>{T({ zh: '答复文书', en: 'Reply letters' })}</legend>
          {text('reconsideration_organ')}
          {text('court')}
          {text('letter_prefix', { hint: T({ zh: '如“朝政办公复”，生成“朝政办公复〔2024〕1号”', en: 'e.g. 朝政办公复 gives 朝政办公复〔2024〕1号' }) })}
        </fieldset>
        <p><button type="submit">{T(M.save)}</button> <a class="button secondary" href="/admin/units">{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}
