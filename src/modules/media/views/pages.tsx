/** Pages of the 政务新媒体 registry: the public list (a unit and the units below it, or the whole cluster) and the admin pages. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { PortalNav } from '../../portal/nav.tsx';
import { AdminPage } from '../../admin/layout.tsx';
import type { Unit, UnitListRow } from '../../units/repository.ts';
import { LABELS, PLATFORMS, PLATFORM_NAMES, STATUS_NAMES, type Platform } from '../domain/rules.ts';
import type { AccountRow, inspectionsOf } from '../store/queries.ts';

const platformName = (c: ViewContext, p: string) => tr(c.l, PLATFORM_NAMES[p as Platform] ?? { zh: p, en: p });
const d = (c: ViewContext, s: string | null) => (s ? formatDate(c.l, s) : '—');

function Status(p: { c: ViewContext; a: AccountRow }) {
  const T = t(p.c);
  return p.a.status === 'closed' ? <span class="badge">{T(STATUS_NAMES.closed)}（{d(p.c, p.a.closed_on)}）</span> : <span>{T(STATUS_NAMES.open)}</span>;
}

function Inspection(p: { c: ViewContext; a: AccountRow }) {
  const T = t(p.c);
  if (!p.a.last_inspected_on) return <span>{T({ zh: '尚未检查', en: 'not inspected' })}</span>;
  return <span>{d(p.c, p.a.last_inspected_on)} {p.a.last_pass ? T({ zh: '合格', en: 'passed' }) : <span class="badge red">{T({ zh: '不合格', en: 'failed' })}</span>}</span>;
}

export function PublicList(p: { c: ViewContext; unit: Unit | null; accounts: AccountRow[] }) {
  const { c, unit } = p;
  const T = t(c);
  const title = unit ? T({ zh: '{u}政务新媒体', en: 'Government new-media accounts of {u}' }, { u: unit.name }) : T({ zh: '政务新媒体', en: 'Government new-media accounts' });
  const crumbs = unit ? [{ href: `/u/${unit.slug}/`, label: unit.short_name }, { label: T({ zh: '政务新媒体', en: 'New media' }) }] : [{ label: T({ zh: '政务新媒体', en: 'New media' }) }];
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} unit={unit ?? undefined} />} breadcrumbs={[{ href: '/', label: T(M.home) }, ...crumbs]} meta={{ columnName: '政务新媒体', columnType: '互动交流', description: title }}>
      <h1>{title}</h1>
      <p>{T({ zh: '本页列出开设的政务新媒体账号及其运营主体、开设和关停情况、最近一次检查结果。请认准以下账号，谨防假冒。', en: 'The official accounts, their operators, opening and closing, and the latest inspection. Beware of impostors.' })}</p>
      {p.accounts.length ? (
        <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
          <table>
            <caption class="sr-only">{title}</caption>
            <thead><tr>
              <th scope="col">{T(LABELS.name)}</th><th scope="col">{T(LABELS.platform)}</th><th scope="col">{T(LABELS.account_id)}</th>
              <th scope="col">{T(LABELS.operator)}</th><th scope="col">{T(LABELS.status)}</th><th scope="col">{T({ zh: '最近检查', en: 'Last inspection' })}</th><th scope="col">{T(LABELS.qr)}</th>
            </tr></thead>
            <tbody>
              {p.accounts.map((a) => (
                <tr>
                  <th scope="row">{a.name}{!unit || a.unit_id !== unit.id ? <span class="doclist-meta"> {a.unit_name}</span> : null}</th>
                  <td>{platformName(c, a.platform)}</td><td>{a.account_id || '—'}</td><td>{a.operator}</td>
                  <td><Status c={c} a={a} /></td><td><Inspection c={c} a={a} /></td>
                  <td>{a.has_qr && a.status === 'open' ? <img src={`/media/qr/${a.id}`} alt={T({ zh: '{n}二维码', en: 'QR code of {n}' }, { n: a.name })} width={96} height={96} loading="lazy" /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{T({ zh: '暂无登记的政务新媒体账号。', en: 'No accounts registered.' })}</p>}
    </Shell>
  );
}

export function AdminList(p: { c: ViewContext; accounts: AccountRow[]; units: UnitListRow[]; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '政务新媒体', en: 'New-media accounts' });
  const editable = p.units.filter((u) => c.can('media.edit', u.path));
  return (
    <AdminPage c={c} title={title} current="media">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {editable.length ? (
        <form method="get" action="/admin/media/new" class="inline-form">
          <label for="f-unit">{T({ zh: '为单位登记新账号', en: 'Register an account for' })}</label>{' '}
          <select id="f-unit" name="unit">{editable.map((u) => <option value={String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <button type="submit">{T({ zh: '登记', en: 'Register' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(LABELS.name)}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T(LABELS.platform)}</th><th scope="col">{T(LABELS.status)}</th><th scope="col">{T({ zh: '最近检查', en: 'Last inspection' })}</th></tr></thead>
          <tbody>
            {p.accounts.map((a) => (
              <tr><td><a href={`/admin/media/${a.id}`}>{a.name}</a></td><td>{a.unit_name}</td><td>{platformName(c, a.platform)}</td><td><Status c={c} a={a} /></td><td><Inspection c={c} a={a} /></td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function AccountPage(p: {
  c: ViewContext; unit: Unit; account: AccountRow | null; values: Record<string, unknown>; errors?: Record<string, Msg>;
  inspections: Awaited<ReturnType<typeof inspectionsOf>>; inspectValues?: Record<string, unknown>; inspectErrors?: Record<string, Msg>; notice?: Msg;
}) {
  const { c, unit, account } = p;
  const T = t(c);
  const title = account ? account.name : T({ zh: '登记政务新媒体账号', en: 'Register an account' });
  const v = (k: string) => (p.values[k] === undefined || p.values[k] === null ? '' : String(p.values[k]));
  const iv = (k: string) => (p.inspectValues?.[k] === undefined ? '' : String(p.inspectValues[k]));
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, m]) => [k, T(m)]));
  const mayEdit = c.can('media.edit', unit.path);
  return (
    <AdminPage c={c} title={title} current="media" crumbs={[{ href: '/admin/media', label: T({ zh: '政务新媒体', en: 'New-media accounts' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{unit.name}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={account ? `/admin/media/${account.id}` : `/admin/media?unit=${unit.id}`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={c.csrf} />
        {account ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <fieldset disabled={!mayEdit}>
          <legend>{T({ zh: '账号信息', en: 'Account' })}</legend>
          <Field c={c} name="platform" label={labels.platform} required errors={p.errors}>
            <select id="f-platform" name="platform" required>{PLATFORMS.map((x) => <option value={x} selected={v('platform') === x}>{platformName(c, x)}</option>)}</select>
          </Field>
          <Field c={c} name="name" label={labels.name} value={v('name')} required errors={p.errors} />
          <Field c={c} name="account_id" label={labels.account_id} value={v('account_id')} errors={p.errors} />
          <Field c={c} name="operator" label={labels.operator} value={v('operator') || unit.name} required errors={p.errors} />
          <Field c={c} name="opened_on" label={labels.opened_on} value={v('opened_on')} type="date" errors={p.errors} />
          <Field c={c} name="status" label={labels.status} errors={p.errors}>
            <select id="f-status" name="status">{(['open', 'closed'] as const).map((x) => <option value={x} selected={(v('status') || 'open') === x}>{T(STATUS_NAMES[x])}</option>)}</select>
          </Field>
          <Field c={c} name="closed_on" label={labels.closed_on} value={v('closed_on')} type="date" errors={p.errors} hint={T({ zh: '关停的账号须填写关停日期。', en: 'Required for a closed account.' })} />
          {account?.has_qr ? <p><img src={`/admin/media/${account.id}/qr`} alt={T({ zh: '当前二维码', en: 'Current QR code' })} width={96} height={96} /></p> : null}
          <Field c={c} name="qr" label={labels.qr} errors={p.errors} hint={T({ zh: 'JPEG 或 PNG，不超过 1 MB；不选则保留原图。', en: 'JPEG or PNG, at most 1 MB; leave empty to keep it.' })}>
            <input id="f-qr" name="qr" type="file" accept="image/jpeg,image/png" aria-describedby="f-qr-hint" />
          </Field>
          <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
        </fieldset>
      </form>
      {account ? (
        <>
          <h2 id="h-inspections">{T({ zh: '检查记录', en: 'Inspections' })}</h2>
          {p.inspections.length ? (
            <ul>
              {p.inspections.map((i) => (
                <li>{d(c, i.inspected_on)} · {i.pass ? T({ zh: '合格', en: 'passed' }) : T({ zh: '不合格', en: 'failed' })} · {T(LABELS.last_post_on)} {d(c, i.last_post_on)} · {i.inspector}
                  {i.findings.length ? <ul>{i.findings.map((f) => <li>{tr(c.l, f)}</li>)}</ul> : null}{i.note ? <p>{i.note}</p> : null}</li>
              ))}
            </ul>
          ) : <p>{T({ zh: '尚无检查记录。', en: 'No inspections yet.' })}</p>}
          {c.can('media.inspect', unit.path) ? (
            <form method="post" action={`/admin/media/${account.id}/inspections`}>
              <input type="hidden" name="_csrf" value={c.csrf} />
              <ErrorSummary c={c} errors={p.inspectErrors} labels={labels} />
              <fieldset>
                <legend>{T({ zh: '记录一次检查', en: 'Record an inspection' })}</legend>
                <Field c={c} name="inspected_on" label={labels.inspected_on} value={iv('inspected_on')} type="date" required errors={p.inspectErrors} />
                <Field c={c} name="last_post_on" label={labels.last_post_on} value={iv('last_post_on')} type="date" errors={p.inspectErrors} hint={T({ zh: '检查前 14 天内未更新即为不合格。', en: 'No update in the 14 days before the check fails.' })} />
                <p><label><input type="checkbox" name="interaction_ok" value="1" checked={iv('interaction_ok') === '1'} /> {labels.interaction_ok}</label></p>
                <Field c={c} name="note" label={labels.note} errors={p.inspectErrors}><textarea id="f-note" name="note" rows={3}>{iv('note')}</textarea></Field>
                <button type="submit">{T({ zh: '记录检查', en: 'Record' })}</button>
              </fieldset>
            </form>
          ) : null}
        </>
      ) : null}
    </AdminPage>
  );
}
