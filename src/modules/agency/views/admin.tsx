/** Admin pages of the agency information: the unit list, a unit's draft, an item form, a version. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { Unit, UnitListRow } from '../../units/repository.ts';
import { FIELD_LABELS, type diffSnapshots } from '../domain/rules.ts';
import type { DepartmentRow, LeaderRow, VersionRow } from '../store/queries.ts';
import { AgencyPanel } from './public.tsx';

const base = (unitId: number) => `/admin/agency/${unitId}`;
const label = (c: ViewContext, k: string) => tr(c.l, FIELD_LABELS[k]);

export function AgencyList(p: { c: ViewContext; units: UnitListRow[]; published: Map<number, { version: number; published_at: Date }> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '机构信息', en: 'Agency information' });
  return (
    <AdminPage c={c} title={title} current="agency">
      <h1>{title}</h1>
      <p>{T({ zh: '机关职能、机构设置和领导信息按条例第二十条第（二）项主动公开；办公地址、办公时间和联系方式取自“单位与备案”。', en: 'Functions, departments and leaders are published under Regulations Art. 20(2); address, hours and contacts come from the unit registry.' })}</p>
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '已发布版本', en: 'Published version' })}</th></tr></thead>
          <tbody>
            {p.units.map((u) => {
              const v = p.published.get(u.id);
              return (
                <tr>
                  <td class={u.level ? `tree-l${Math.min(u.level, 6)}` : undefined}><a href={base(u.id)}>{u.name}</a></td>
                  <td>{v ? T({ zh: '第 {v} 版（{d}）', en: 'version {v} ({d})' }, { v: v.version, d: formatDate(c.l, v.published_at) }) : <span class="badge red">{T({ zh: '未发布', en: 'not published' })}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

type Diff = ReturnType<typeof diffSnapshots>;

function DiffList(p: { c: ViewContext; diff: Diff }) {
  const T = t(p.c);
  const { diff } = p;
  const rows: [Msg, string[]][] = [
    [{ zh: '新增', en: 'Added' }, diff.added],
    [{ zh: '删除', en: 'Removed' }, diff.removed],
    [{ zh: '修改', en: 'Changed' }, diff.changed],
  ];
  return (
    <ul>
      {diff.functions ? <li>{T({ zh: '机关职能有修改', en: 'The functions changed' })}</li> : null}
      {rows.filter(([, xs]) => xs.length).map(([k, xs]) => <li>{T(k)}：{xs.join('、')}</li>)}
    </ul>
  );
}

export function AgencyEdit(p: {
  c: ViewContext; unit: Unit; functions: string; departments: DepartmentRow[]; leaders: LeaderRow[]; versions: VersionRow[];
  pending: Diff | null; notice?: Msg; errors?: Record<string, Msg>; functionsValue?: string;
}) {
  const { c, unit } = p;
  const T = t(c);
  const title = T({ zh: '{u} · 机构信息', en: '{u} · agency information' }, { u: unit.name });
  const mayEdit = c.can('agency.edit', unit.path);
  const mayPublish = c.can('agency.publish', unit.path);
  const hidden = <input type="hidden" name="_csrf" value={c.csrf} />;
  const del = (href: string, name: string) => (
    <form method="post" action={href} class="inline">{hidden}<button type="submit" class="link">{T({ zh: '删除', en: 'Delete' })}<span class="sr-only"> {name}</span></button></form>
  );
  return (
    <AdminPage c={c} title={title} current="agency" crumbs={[{ href: '/admin/agency', label: T({ zh: '机构信息', en: 'Agency information' }) }, { label: unit.name }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ functions: label(c, 'functions'), note: label(c, 'note') }} />
      <p><a href={`/u/${unit.slug}/xxgk/fdzdgknr/organisation`}>{T({ zh: '查看门户上的机构职能栏目', en: 'See the column on the portal' })}</a> · <a href={`/admin/units/${unit.id}`}>{T({ zh: '修改办公地址、时间和联系方式（单位与备案）', en: 'Edit address, hours and contacts (unit registry)' })}</a></p>

      <h2 id="h-functions">{label(c, 'functions')}</h2>
      {mayEdit ? (
        <form method="post" action={`${base(unit.id)}/functions`}>
          {hidden}
          <Field c={c} name="functions" label={label(c, 'functions')} errors={p.errors} hint={T({ zh: '可用段落和列表；保存时清除不安全的格式。', en: 'Paragraphs and lists; unsafe markup is removed on saving.' })}>
            <textarea id="f-functions" name="functions" rows={10} aria-describedby="f-functions-hint">{p.functionsValue ?? p.functions}</textarea>
          </Field>
          <button type="submit">{T({ zh: '保存草稿', en: 'Save draft' })}</button>
        </form>
      ) : <div class="article" dangerouslySetInnerHTML={{ __html: p.functions }} />}

      <h2 id="h-depts">{T({ zh: '内设机构', en: 'Internal departments' })}</h2>
      {p.departments.length ? (
        <ul>
          {p.departments.map((d) => <li>{mayEdit ? <a href={`${base(unit.id)}/departments/${d.id}`}>{d.name}</a> : d.name}{d.phone ? `（${d.phone}）` : ''} {mayEdit ? del(`${base(unit.id)}/departments/${d.id}/delete`, d.name) : null}</li>)}
        </ul>
      ) : <p>{T({ zh: '暂无内设机构。', en: 'No departments yet.' })}</p>}
      {mayEdit ? <p><a href={`${base(unit.id)}/departments/new`}>{T({ zh: '新增内设机构', en: 'Add a department' })}</a></p> : null}

      <h2 id="h-leaders">{T({ zh: '领导信息', en: 'Leaders' })}</h2>
      {p.leaders.length ? (
        <ul>
          {p.leaders.map((l) => <li>{mayEdit ? <a href={`${base(unit.id)}/leaders/${l.id}`}>{l.name}</a> : l.name}（{l.title}）{l.photo_id ? '' : T({ zh: ' — 缺照片', en: ' — no photo' })} {mayEdit ? del(`${base(unit.id)}/leaders/${l.id}/delete`, l.name) : null}</li>)}
        </ul>
      ) : <p>{T({ zh: '暂无领导信息。', en: 'No leaders yet.' })}</p>}
      {mayEdit ? <p><a href={`${base(unit.id)}/leaders/new`}>{T({ zh: '新增领导', en: 'Add a leader' })}</a></p> : null}

      <h2 id="h-publish">{T({ zh: '发布', en: 'Publish' })}</h2>
      {p.pending ? (
        <>
          <p>{p.versions.length ? T({ zh: '草稿与第 {v} 版相比：', en: 'The draft compared with version {v}:' }, { v: p.versions[0].version }) : T({ zh: '尚未发布过，发布后为第 1 版：', en: 'Never published; this becomes version 1:' })}</p>
          <DiffList c={c} diff={p.pending} />
        </>
      ) : <p>{T({ zh: '草稿与已发布的版本相同。', en: 'The draft equals the published version.' })}</p>}
      {mayPublish ? (
        <form method="post" action={`${base(unit.id)}/publish`}>
          {hidden}
          <Field c={c} name="note" label={label(c, 'note')} errors={p.errors} />
          <button type="submit">{T({ zh: '审核并发布', en: 'Review and publish' })}</button>
        </form>
      ) : <p>{T({ zh: '由本单位审核员或管理员发布。', en: 'A reviewer or admin of the unit publishes.' })}</p>}

      <h2 id="h-versions">{T({ zh: '版本记录', en: 'Versions' })}</h2>
      {p.versions.length ? (
        <ol reversed>
          {p.versions.map((v) => <li><a href={`${base(unit.id)}/versions/${v.version}`}>{T({ zh: '第 {v} 版', en: 'Version {v}' }, { v: v.version })}</a> · {formatDate(c.l, v.published_at)} · {v.published_by}{v.note ? ` · ${v.note}` : ''}</li>)}
        </ol>
      ) : <p>{T({ zh: '尚无版本。', en: 'No versions yet.' })}</p>}
    </AdminPage>
  );
}

export function ItemForm(p: { c: ViewContext; unit: Unit; kind: 'departments' | 'leaders'; id: number | null; values: Record<string, unknown>; errors?: Record<string, Msg>; photoId?: number | null }) {
  const { c, unit, kind } = p;
  const T = t(c);
  const leader = kind === 'leaders';
  const title = leader ? (p.id ? T({ zh: '修改领导信息', en: 'Edit a leader' }) : T({ zh: '新增领导', en: 'Add a leader' })) : p.id ? T({ zh: '修改内设机构', en: 'Edit a department' }) : T({ zh: '新增内设机构', en: 'Add a department' });
  const v = (k: string) => (p.values[k] === undefined || p.values[k] === null ? '' : String(p.values[k]));
  const labels: Record<string, string> = leader
    ? { name: label(c, 'leader_name'), title: label(c, 'title'), duties: label(c, 'duties'), cv: label(c, 'cv'), photo: label(c, 'photo'), sort_order: label(c, 'sort_order') }
    : { name: label(c, 'name'), functions: label(c, 'dept_functions'), phone: label(c, 'phone'), sort_order: label(c, 'sort_order') };
  const area = (name: string, rows: number) => (
    <Field c={c} name={name} label={labels[name]} errors={p.errors}>
      <textarea id={`f-${name}`} name={name} rows={rows}>{v(name)}</textarea>
    </Field>
  );
  return (
    <AdminPage c={c} title={title} current="agency" crumbs={[{ href: '/admin/agency', label: T({ zh: '机构信息', en: 'Agency information' }) }, { href: base(unit.id), label: unit.name }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={`${base(unit.id)}/${kind}${p.id ? `/${p.id}` : ''}`} enctype={leader ? 'multipart/form-data' : undefined}>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {p.id ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <Field c={c} name="name" label={labels.name} value={v('name')} required errors={p.errors} />
        {leader ? (
          <>
            <Field c={c} name="title" label={labels.title} value={v('title')} required errors={p.errors} />
            {area('duties', 4)}
            {area('cv', 8)}
            {p.photoId ? <p><img src={`${base(unit.id)}/photos/${p.photoId}`} alt={T({ zh: '当前照片', en: 'Current photo' })} width={90} height={120} /></p> : null}
            <Field c={c} name="photo" label={labels.photo} errors={p.errors} hint={T({ zh: 'JPEG 或 PNG，不超过 1 MB；不选则保留原照片。', en: 'JPEG or PNG, at most 1 MB; leave empty to keep the current one.' })}>
              <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png" aria-describedby="f-photo-hint" />
            </Field>
            {p.photoId ? <p><label><input type="checkbox" name="remove_photo" value="1" /> {T({ zh: '删除照片', en: 'Remove the photo' })}</label></p> : null}
          </>
        ) : (
          <>
            {area('functions', 5)}
            <Field c={c} name="phone" label={labels.phone} value={v('phone')} errors={p.errors} autocomplete="off" />
          </>
        )}
        <Field c={c} name="sort_order" label={labels.sort_order} value={v('sort_order') || '0'} type="number" errors={p.errors} />
        <button type="submit">{T({ zh: '保存草稿', en: 'Save draft' })}</button>
      </form>
    </AdminPage>
  );
}

export function VersionView(p: { c: ViewContext; unit: Unit; version: VersionRow; diff: Diff }) {
  const { c, unit, version } = p;
  const T = t(c);
  const title = T({ zh: '{u} · 机构信息第 {v} 版', en: '{u} · agency information, version {v}' }, { u: unit.name, v: version.version });
  return (
    <AdminPage c={c} title={title} current="agency" crumbs={[{ href: '/admin/agency', label: T({ zh: '机构信息', en: 'Agency information' }) }, { href: base(unit.id), label: unit.name }, { label: title }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '{d} 由 {by} 发布', en: 'Published {d} by {by}' }, { d: formatDate(c.l, version.published_at), by: version.published_by })}{version.note ? ` · ${version.note}` : ''}</p>
      <h2>{T({ zh: '与上一版相比', en: 'Compared with the previous version' })}</h2>
      <DiffList c={c} diff={p.diff} />
      <AgencyPanel c={c} unit={unit} version={version} />
    </AdminPage>
  );
}
