/** Admin pages of the service guides: the list in the user's scope, a guide's form with its status, a bundle's form. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { Unit, UnitListRow } from '../../units/repository.ts';
import { ELEMENT_NAMES, ELEMENTS, KIND_NAMES, KINDS, STATUS_NAMES, missingElements, type Status } from '../domain/rules.ts';
import type { BundleRow, GuideRow } from '../store/queries.ts';
import { guideUrl } from './public.tsx';

const LONG = new Set(['basis', 'conditions', 'materials', 'process', 'fees']);
const TITLE: Msg = { zh: '办事指南', en: 'Service guides' };

function StatusBadge(p: { c: ViewContext; s: string }) {
  const T = t(p.c);
  const m = STATUS_NAMES[p.s as Status] ?? STATUS_NAMES.draft;
  return <span class={p.s === 'published' ? 'badge' : 'badge amber'}>{T(m)}</span>;
}

export function AdminGuideList(p: { c: ViewContext; guides: GuideRow[]; bundles: (BundleRow & { unit_name: string })[]; units: UnitListRow[]; bundleUnits: UnitListRow[]; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  return (
    <AdminPage c={c} title={title} current="guides">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.units.length ? (
        <form method="get" action="/admin/guides/new" class="inline-form">
          <label for="f-unit">{T({ zh: '为单位新建办事指南', en: 'New guide for' })}</label>{' '}
          <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '新建', en: 'New' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(ELEMENT_NAMES.name)}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '缺少的要素', en: 'Missing elements' })}</th><th scope="col">{T({ zh: '更新', en: 'Updated' })}</th></tr></thead>
          <tbody>
            {p.guides.map((g) => {
              const missing = missingElements(g);
              return (
                <tr>
                  <td><a href={`/admin/guides/${g.id}`}>{g.name}</a></td><td>{g.unit_name}</td><td><StatusBadge c={c} s={g.status} /></td>
                  <td>{missing.length ? missing.map((k) => tr(c.l, ELEMENT_NAMES[k])).join(c.l === 'en' ? ', ' : '、') : '—'}</td>
                  <td>{formatDate(c.l, g.updated_at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>{T({ zh: '"一件事"', en: 'Life-event bundles' })}</h2>
      {p.bundles.length ? <ul>{p.bundles.map((b) => <li><a href={`/admin/guides/bundles/${b.id}`}>{b.name}</a> <span class="doclist-meta">{b.unit_name} · {T({ zh: '{n} 个已发布事项', en: '{n} published' }, { n: b.guide_count })}</span></li>)}</ul> : <p>{T({ zh: '尚无"一件事"。', en: 'No bundles yet.' })}</p>}
      {p.bundleUnits.length ? (
        <form method="get" action="/admin/guides/bundles/new" class="inline-form">
          <label for="f-bunit">{T({ zh: '为单位新建"一件事"', en: 'New bundle for' })}</label>{' '}
          <select id="f-bunit" name="unit">{p.bundleUnits.map((u) => <option value={String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '新建', en: 'New' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}

export function GuideForm(p: { c: ViewContext; unit: Unit; guide: GuideRow | null; values: Record<string, unknown>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, unit, guide } = p;
  const T = t(c);
  const title = guide ? guide.name : T({ zh: '新建办事指南', en: 'New service guide' });
  const v = (k: string) => (p.values[k] === undefined || p.values[k] === null ? '' : String(p.values[k]));
  const labels: Record<string, string> = { ...Object.fromEntries(ELEMENTS.map((k) => [k, T(ELEMENT_NAMES[k])])), kind: T({ zh: '事项类型', en: 'Kind' }), code: T({ zh: '事项编码', en: 'Code' }), time_limit: T({ zh: '办理时限', en: 'Time limit' }), online_url: T({ zh: '网上办理地址', en: 'Online address' }) };
  const mayPublish = c.can('guide.publish', unit.path);
  const mayEdit = c.can('guide.edit', unit.path) && (guide?.status !== 'published' || mayPublish);
  const missing = guide ? missingElements(guide) : [];
  return (
    <AdminPage c={c} title={title} current="guides" crumbs={[{ href: '/admin/guides', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{unit.name}{guide ? <> · <StatusBadge c={c} s={guide.status} />{guide.status === 'published' ? <> · <a href={guideUrl(guide)}>{T({ zh: '在门户查看', en: 'View on the portal' })}</a></> : null}</> : null}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={guide ? `/admin/guides/${guide.id}` : `/admin/guides?unit=${unit.id}`}>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {guide ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <fieldset disabled={!mayEdit}>
          <legend>{T({ zh: '十项要素', en: 'The ten elements' })}</legend>
          <Field c={c} name="kind" label={labels.kind} errors={p.errors}>
            <select id="f-kind" name="kind">{KINDS.map((k) => <option value={k} selected={v('kind') === k}>{T(KIND_NAMES[k])}</option>)}</select>
          </Field>
          <Field c={c} name="code" label={labels.code} value={v('code')} errors={p.errors} />
          {ELEMENTS.map((k) => LONG.has(k)
            ? <Field c={c} name={k} label={labels[k]} errors={p.errors} hint={k === 'materials' || k === 'process' ? T({ zh: '每行一项。', en: 'One item per line.' }) : undefined}><textarea id={`f-${k}`} name={k} rows={k === 'fees' ? 2 : 5} aria-invalid={p.errors?.[k] ? 'true' : undefined} aria-describedby={[k === 'materials' || k === 'process' ? `f-${k}-hint` : '', p.errors?.[k] ? `f-${k}-err` : ''].filter(Boolean).join(' ') || undefined}>{v(k)}</textarea></Field>
            : <Field c={c} name={k} label={labels[k]} value={v(k)} required={k === 'name'} errors={p.errors} />)}
          <Field c={c} name="time_limit" label={labels.time_limit} value={v('time_limit')} errors={p.errors} hint={T({ zh: '如"承诺 5 个工作日"。', en: 'E.g. "5 working days".' })} />
          <Field c={c} name="online_url" label={labels.online_url} value={v('online_url')} type="url" errors={p.errors} />
          <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
        </fieldset>
      </form>
      {guide && mayPublish ? (
        <section aria-labelledby="h-status">
          <h2 id="h-status">{T({ zh: '发布', en: 'Publication' })}</h2>
          {guide.status !== 'published' && missing.length ? <p>{T({ zh: '发布前须补全：{m}', en: 'Before publication, fill in: {m}' }, { m: missing.map((k) => labels[k]).join(c.l === 'en' ? ', ' : '、') })}</p> : null}
          <form method="post" action={`/admin/guides/${guide.id}/status`} class="inline-form">
            <input type="hidden" name="_csrf" value={c.csrf} />
            {guide.status !== 'published' ? <button type="submit" name="to" value="published">{T({ zh: '审核通过并发布', en: 'Approve and publish' })}</button> : <button type="submit" name="to" value="withdrawn">{T({ zh: '撤下', en: 'Withdraw' })}</button>}
            {guide.status === 'withdrawn' ? <> <button type="submit" name="to" value="draft">{T({ zh: '退回草稿', en: 'Back to draft' })}</button></> : null}
          </form>
        </section>
      ) : null}
    </AdminPage>
  );
}

export function BundleForm(p: { c: ViewContext; unit: Unit; bundleId: number | null; values: { name?: string; description?: string; guides: string[] }; choices: GuideRow[]; errors?: Record<string, Msg> }) {
  const { c, unit } = p;
  const T = t(c);
  const title = p.bundleId ? p.values.name || T({ zh: '"一件事"', en: 'Bundle' }) : T({ zh: '新建"一件事"', en: 'New bundle' });
  const labels = { name: T({ zh: '名称', en: 'Name' }), description: T({ zh: '说明', en: 'Description' }), guides: T({ zh: '所含办事指南', en: 'Guides' }) };
  const picked = new Set(p.values.guides);
  return (
    <AdminPage c={c} title={title} current="guides" crumbs={[{ href: '/admin/guides', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{unit.name}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={p.bundleId ? `/admin/guides/bundles/${p.bundleId}` : `/admin/guides/bundles?unit=${unit.id}`}>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="name" label={labels.name} value={p.values.name ?? ''} required errors={p.errors} />
        <Field c={c} name="description" label={labels.description} errors={p.errors}><textarea id="f-description" name="description" rows={3} aria-describedby={p.errors?.description ? 'f-description-err' : undefined}>{p.values.description ?? ''}</textarea></Field>
        <fieldset id="f-guides">
          <legend>{labels.guides}</legend>
          {p.errors?.guides ? <p class="error" id="f-guides-err">{T(p.errors.guides)}</p> : null}
          <p class="hint">{T({ zh: '按办理顺序勾选本单位及下级单位的事项（至少两项）。', en: 'Tick the guides of this unit and the units below it (at least two).' })}</p>
          {p.choices.map((g) => <p><label><input type="checkbox" name="guides" value={String(g.id)} checked={picked.has(String(g.id))} /> {g.name} <span class="doclist-meta">{g.unit_name} · {T(STATUS_NAMES[g.status as Status] ?? STATUS_NAMES.draft)}</span></label></p>)}
        </fieldset>
        <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
      </form>
      {p.bundleId ? (
        <form method="post" action={`/admin/guides/bundles/${p.bundleId}/delete`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <button type="submit" class="secondary">{T({ zh: '删除此"一件事"', en: 'Delete this bundle' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}
