/** Admin pages for units: the list (the user's subtree, in tree order), the create form, the edit/备案 form. */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { tr, formatDate, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { allowedChildTypes, isUnitType, typeAllowedUnder, UNIT_TYPE_NAMES, type UnitType } from '../domain/types.ts';
import { indentName } from '../domain/tree.ts';
import type { UnitListRow } from '../store/repository.ts';

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

export const typeName = (c: ViewContext, type: string) => tr(c.l, isUnitType(type) ? UNIT_TYPE_NAMES[type] : { zh: type, en: type });
const treeClass = (level: number) => (level > 0 ? `tree-l${Math.min(level, 6)}` : undefined);

/** The unit's standing in a list: inactive, merged into another, or a type that does not fit its place. */
export function UnitBadges(p: { c: ViewContext; u: UnitListRow; byId: Map<number, UnitListRow> }) {
  const T = t(p.c);
  const { u } = p;
  const parent = u.parent_id === null ? null : p.byId.get(u.parent_id);
  const merged = u.merged_into_id !== null ? p.byId.get(u.merged_into_id) : undefined;
  return (
    <>
      {!u.active && u.merged_into_id !== null ? <> <span class="badge">{T({ zh: '已并入{b}', en: 'merged into {b}' }, { b: merged?.short_name ?? '' })}{u.deactivated_on ? `（${formatDate(p.c.l, u.deactivated_on)}）` : ''}</span></> : null}
      {!u.active && u.merged_into_id === null ? <> <span class="badge">{T({ zh: '已停用', en: 'inactive' })}{u.deactivated_on ? `（${formatDate(p.c.l, u.deactivated_on)}）` : ''}</span></> : null}
      {u.active && parent !== undefined && !typeAllowedUnder(u.type, parent?.type ?? null) ? <> <span class="badge red">{T({ zh: '类型与所在层级不符', en: 'type does not fit its place' })}</span></> : null}
    </>
  );
}

export function UnitList(p: { c: ViewContext; units: UnitListRow[]; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '单位与备案', en: 'Units & registry' });
  const byId = new Map(p.units.map((u) => [u.id, u]));
  const parentOf = (u: UnitListRow) => (u.parent_id === null ? undefined : byId.get(u.parent_id));
  const mayCreateUnder = (u: UnitListRow) => u.active && allowedChildTypes(u.type).length > 0 && c.can('unit.create', u.path);
  return (
    <AdminPage c={c} title={title} current="units">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <p class="hint">{T({ zh: '各单位的政府信息公开工作机构、联系方式和负责同志（工作要点第21、22项备案信息），按隶属关系排列，修改均记入审计日志。', en: 'Each unit’s disclosure office, contacts and responsible official (work points 21–22), listed under its parent; every change is audited.' })}</p>
      {p.units.some(mayCreateUnder) ? <p class="toolbar"><a class="button" href="/admin/units/new">{T({ zh: '新建单位', en: 'New unit' })}</a></p> : null}
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
            {p.units.map((u) => {
              const parent = parentOf(u);
              const onParent = (action: string) => parent !== undefined && c.can(action, parent.path);
              return (
                <tr>
                  <td class={treeClass(u.level)}>
                    <a href={`/u/${u.slug}/`}>{u.name}</a>
                    {parent ? <span class="sr-only">{T({ zh: '（{p}的下级单位）', en: ' (under {p})' }, { p: parent.short_name })}</span> : null}
                    <UnitBadges c={c} u={u} byId={byId} />
                  </td>
                  <td><code>{u.code}</code></td>
                  <td>{typeName(c, u.type)}</td>
                  <td>{u.responsible_official ?? T(M.none)}{u.responsible_title ? `（${u.responsible_title}）` : ''}</td>
                  <td>{formatDate(c.l, u.responsible_filed_on)}</td>
                  <td>
                    <ul class="sub row-actions">
                      {c.can('unit.update', u.path) ? <li><a href={`/admin/units/${u.id}`}>{T(M.edit)}<span class="sr-only"> {u.name}</span></a></li> : null}
                      {mayCreateUnder(u) ? <li><a href={`/admin/units/new?parent=${encodeURIComponent(u.code)}`}>{T({ zh: '新建下级单位', en: 'Add a sub-unit' })}<span class="sr-only"> {u.name}</span></a></li> : null}
                      {u.active && onParent('unit.move') ? <li><a href={`/admin/units/${u.id}/move`}>{T({ zh: '迁移', en: 'Move' })}<span class="sr-only"> {u.name}</span></a></li> : null}
                      {u.active && onParent('unit.merge') ? <li><a href={`/admin/units/${u.id}/merge`}>{T({ zh: '合并', en: 'Merge' })}<span class="sr-only"> {u.name}</span></a></li> : null}
                      {u.active && onParent('unit.deactivate') ? <li><a href={`/admin/units/${u.id}/deactivate`}>{T({ zh: '停用', en: 'Deactivate' })}<span class="sr-only"> {u.name}</span></a></li> : null}
                      {!u.active && u.merged_into_id === null && onParent('unit.deactivate') ? (
                        <li>
                          <form method="post" action={`/admin/units/${u.id}/activate`} class="inline">
                            <input type="hidden" name="_csrf" value={c.csrf} />
                            <button type="submit" class="linklike">{T({ zh: '恢复', en: 'Reactivate' })}<span class="sr-only"> {u.name}</span></button>
                          </form>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

/** Step 1 of "new unit" (works without JavaScript): choose the parent, so step 2 offers only the types allowed under it. */
export function ChooseParentPage(p: { c: ViewContext; parents: UnitListRow[]; errors?: Record<string, Msg> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '新建单位', en: 'New unit' });
  return (
    <AdminPage c={c} title={title} current="units" crumbs={[{ href: '/admin/units', label: T({ zh: '单位与备案', en: 'Units & registry' }) }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={p.errors} labels={{ parent: T(UNIT_FIELD_LABELS.parent_code) }} />
      <form method="get" action="/admin/units/new">
        <Field c={c} name="parent" label={T(UNIT_FIELD_LABELS.parent_code)} errors={p.errors} required hint={T({ zh: '先选择上级单位，下一步只列出可在其下设立的单位类型。', en: 'Choose the parent first; the next step offers only the types that may sit under it.' })}>
          <select id="f-parent" name="parent" aria-describedby="f-parent-hint">
            {p.parents.map((u) => <option value={u.code}>{indentName(u.level, u.name)}</option>)}
          </select>
        </Field>
        <p><button type="submit">{T({ zh: '下一步', en: 'Next' })}</button> <a class="button secondary" href="/admin/units">{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}

export interface UnitFormProps {
  c: ViewContext;
  mode: 'create' | 'update';
  values: Record<string, unknown>;
  errors?: Record<string, Msg>;
  /** create: the chosen parent; update: the unit's parent (null at the root). */
  parent: UnitListRow | null;
  /** update: whether this user may change the type (authority over the parent). */
  typeEditable?: boolean;
  /** update: the unit's stored type. */
  currentType?: string;
  id?: number;
}

export function UnitForm(p: UnitFormProps) {
  const { c, values: v, errors } = p;
  const T = t(c);
  const L = (k: string) => T(UNIT_FIELD_LABELS[k]);
  const title = p.mode === 'create' ? T({ zh: '新建单位', en: 'New unit' }) : `${T(M.edit)} · ${String(v.name ?? '')}`;
  const labels = Object.fromEntries(Object.keys(UNIT_FIELD_LABELS).map((k) => [k, L(k)]));
  const s = (k: string) => (v[k] === null || v[k] === undefined ? '' : String(v[k]));
  const text = (k: string, extra: { required?: boolean; hint?: string; type?: string } = {}) => <Field c={c} name={k} label={L(k)} value={s(k)} errors={errors} {...extra} />;
  const parentType = p.parent?.type ?? null;
  const allowed: string[] = allowedChildTypes(parentType);
  const misplaced = p.mode === 'update' && p.currentType !== undefined && !allowed.includes(p.currentType);
  const options: string[] = misplaced ? [p.currentType!, ...allowed] : allowed;
  const editable = p.mode === 'create' || p.typeEditable;
  return (
    <AdminPage c={c} title={title} current="units" crumbs={[{ href: '/admin/units', label: T({ zh: '单位与备案', en: 'Units & registry' }) }, { label: title }]}>
      <h1>{title}</h1>
      {misplaced ? <p class="warn">{T({ zh: '本单位的类型“{t}”不符合所在层级的设置规则（{p}之下只能设立：{a}）。请调整类型，或迁移、停用本单位。', en: 'This unit’s type ({t}) does not fit its place (under {p} only {a} may sit). Change the type, or move or deactivate the unit.' }, { t: typeName(c, p.currentType!), p: p.parent ? p.parent.name : T({ zh: '根', en: 'the root' }), a: allowed.map((a) => typeName(c, a)).join(c.l === 'en' ? ', ' : '、') || T(M.none) })}</p> : null}
      <ErrorSummary c={c} errors={errors} labels={labels} />
      <form method="post" action={p.mode === 'create' ? '/admin/units' : `/admin/units/${p.id}`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <fieldset>
          <legend>{T({ zh: '基本信息', en: 'Basic information' })}</legend>
          {p.mode === 'create' ? (
            <div class={`field${errors?.parent_code ? ' has-error' : ''}`}>
              <p id="f-parent_code"><strong>{L('parent_code')}</strong>：{p.parent?.name ?? T(M.none)} <a href="/admin/units/new">{T({ zh: '更换上级单位', en: 'Choose another parent' })}</a></p>
              {errors?.parent_code ? <p class="error">{T(errors.parent_code)}</p> : null}
              <input type="hidden" name="parent_code" value={p.parent?.code ?? ''} />
            </div>
          ) : p.parent ? <p><strong>{L('parent_code')}</strong>：{p.parent.name}</p> : null}
          {p.mode === 'create' ? text('code', { required: true, hint: T({ zh: '18 位统一社会信用代码（用于索引号前缀）', en: '18-character unified social credit code (prefixes index numbers)' }) }) : <p><strong>{L('code')}</strong>：<code>{s('code')}</code></p>}
          {text('name', { required: true })}
          {text('short_name')}
          {text('name_en')}
          {editable && options.length ? (
            <Field c={c} name="type" label={L('type')} errors={errors} required hint={T({ zh: '只列出可在上级单位之下设立的类型（按隶属关系：县级政府设在市政府之下，乡镇、街道设在县级政府之下，部门设在本级政府之下）。', en: 'Only the types that may sit under the parent (county governments under the city, townships under a county, departments under their own government).' })}>
              <select id="f-type" name="type" aria-describedby="f-type-hint">
                {options.map((ty) => <option value={ty} selected={s('type') === ty}>{typeName(c, ty)}{misplaced && ty === p.currentType ? T({ zh: '（当前类型，不符合规则）', en: ' (current, does not fit)' }) : ''}</option>)}
              </select>
            </Field>
          ) : (
            <p><strong>{L('type')}</strong>：{typeName(c, s('type'))}{p.mode === 'update' ? <span class="hint"> {T({ zh: '（单位类型由上级单位的管理员设定）', en: '(set by the parent unit’s administrators)' })}</span> : null}</p>
          )}
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

export type { UnitType };
