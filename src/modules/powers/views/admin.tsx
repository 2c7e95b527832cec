/** Admin pages of the 权责清单: the lists in the user's scope, a list with its items and workflow, an item's form, the import preview. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { Unit, UnitListRow } from '../../units/repository.ts';
import { FIELD_NAMES, FIELDS, STATUS_NAMES, TYPE_NAMES, TYPES, type ItemInput, type PowerType, type RowError, type Status } from '../domain/rules.ts';
import type { ItemRow, ListRow } from '../store/queries.ts';
import { powersUrl } from './public.tsx';

const TITLE: Msg = { zh: '权责清单', en: 'Lists of powers' };
const LONG = new Set(['basis', 'duties', 'accountability']);

function StatusBadge(p: { c: ViewContext; s: string }) {
  const m = STATUS_NAMES[p.s as Status] ?? STATUS_NAMES.draft;
  return <span class={p.s === 'published' ? 'badge green' : 'badge amber'}>{tr(p.c.l, m)}</span>;
}

export function AdminLists(p: { c: ViewContext; lists: ListRow[]; units: UnitListRow[]; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  return (
    <AdminPage c={c} title={title} current="powers">
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ year: T({ zh: '年度', en: 'Year' }), unit: T({ zh: '单位', en: 'Unit' }) }} />
      {p.units.length ? (
        <form method="post" action="/admin/powers" class="inline-form">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
          <label for="f-unit">{T({ zh: '单位', en: 'Unit' })}</label>{' '}
          <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)} selected={p.values?.unit === String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <label for="f-year">{T({ zh: '年度', en: 'Year' })}</label>{' '}
          <input id="f-year" name="year" inputMode="numeric" size={6} value={p.values?.year ?? ''} aria-invalid={p.errors?.year ? 'true' : undefined} />{' '}
          <button type="submit">{T({ zh: '新建年度清单（复制上一年度的事项）', en: 'New year (copies the previous year\u2019s items)' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '年度', en: 'Year' })}</th><th scope="col">{T({ zh: '事项', en: 'Items' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '更新', en: 'Updated' })}</th></tr></thead>
          <tbody>{p.lists.map((l) => <tr><td>{l.unit_name}</td><td><a href={`/admin/powers/lists/${l.id}`}>{l.year}</a></td><td>{l.item_count}</td><td><StatusBadge c={c} s={l.status} /></td><td>{formatDate(c.l, l.updated_at)}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function AdminList(p: { c: ViewContext; list: ListRow; items: ItemRow[]; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, list } = p;
  const T = t(c);
  const title = T({ zh: '{u} {y} 年度权责清单', en: '{u}: list of powers, {y}' }, { u: list.unit_name, y: list.year });
  const mayEdit = list.status === 'draft' && c.can('power.edit', list.unit_path);
  const mayPublish = c.can('power.publish', list.unit_path);
  const step = (name: string, label: Msg) => <button type="submit" name="to" value={name}>{T(label)}</button>;
  return (
    <AdminPage c={c} title={title} current="powers" crumbs={[{ href: '/admin/powers', label: T(TITLE) }, { label: String(list.year) }]}>
      <h1>{title}</h1>
      <p><StatusBadge c={c} s={list.status} />{list.status === 'published' ? <> · <a href={powersUrl(list.unit_slug, list.year)}>{T({ zh: '在门户查看', en: 'View on the portal' })}</a></> : null}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ items: T({ zh: '事项', en: 'Items' }), to: T({ zh: '操作', en: 'Action' }), file: T({ zh: '表格文件', en: 'Spreadsheet' }) }} />
      <form method="post" action={`/admin/powers/lists/${list.id}/status`} class="inline-form">
        <input type="hidden" name="_csrf" value={c.csrf} />
        {list.status === 'draft' && c.can('power.edit', list.unit_path) ? step('submit', { zh: '提交审核', en: 'Submit for review' }) : null}{' '}
        {list.status !== 'published' && mayPublish ? step('publish', { zh: '审核通过并发布', en: 'Approve and publish' }) : null}{' '}
        {list.status !== 'draft' && mayPublish ? step('return', { zh: '退回草稿', en: 'Return to draft' }) : null}
      </form>
      <p>
        <a href={`/admin/powers/lists/${list.id}/export.xlsx`}>{T({ zh: '导出 Excel 表格', en: 'Export as Excel (XLSX)' })}</a>
        {mayEdit ? <> · <a href={`/admin/powers/lists/${list.id}/items/new`}>{T({ zh: '新增事项', en: 'New item' })}</a></> : null}
      </p>
      {mayEdit ? (
        <form method="post" action={`/admin/powers/lists/${list.id}/import`} enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <div class="field">
            <label for="f-file">{T({ zh: '从 Excel 表格导入（先预览，确认后替换本清单的事项）', en: 'Import from Excel (preview first; confirming replaces this list\u2019s items)' })}</label>
            <p class="hint" id="f-file-hint">{T({ zh: '第一行为表头：{h}。', en: 'First row: the header, {h}.' }, { h: FIELDS.map((f) => FIELD_NAMES[f].zh).join('、') })}</p>
            <input id="f-file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="f-file-hint" />
          </div>
          <button type="submit">{T({ zh: '上传并预览', en: 'Upload and preview' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={T({ zh: '事项', en: 'Items' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(FIELD_NAMES.code)}</th><th scope="col">{T(FIELD_NAMES.name)}</th><th scope="col">{T(FIELD_NAMES.type)}</th><th scope="col">{T({ zh: '流程图', en: 'Flowchart' })}</th></tr></thead>
          <tbody>{p.items.map((i) => <tr><td>{i.code}</td><td><a href={`/admin/powers/items/${i.id}`}>{i.name}</a></td><td>{T(TYPE_NAMES[i.type as PowerType] ?? TYPE_NAMES.other)}</td><td>{i.has_chart ? T({ zh: '有', en: 'yes' }) : '—'}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function ItemForm(p: { c: ViewContext; unit: Unit; list: ListRow; item: ItemRow | null; values: Record<string, unknown>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, list, item } = p;
  const T = t(c);
  const title = item ? item.name : T({ zh: '新增权责事项', en: 'New item' });
  const v = (k: string) => (p.values[k] === undefined || p.values[k] === null ? '' : String(p.values[k]));
  const labels: Record<string, string> = { ...Object.fromEntries(FIELDS.map((f) => [f, T(FIELD_NAMES[f])])), chart: T({ zh: '流程图', en: 'Flowchart' }) };
  const mayEdit = list.status === 'draft' && c.can('power.edit', list.unit_path);
  return (
    <AdminPage c={c} title={title} current="powers" crumbs={[{ href: '/admin/powers', label: T(TITLE) }, { href: `/admin/powers/lists/${list.id}`, label: `${list.unit_name} ${list.year}` }, { label: title }]}>
      <h1>{title}</h1>
      <p>{p.unit.name} · {list.year} · <StatusBadge c={c} s={list.status} /></p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {!mayEdit ? <p>{T({ zh: '清单不是草稿，或您无权修改：只能查看。', en: 'The list is not a draft, or you may not edit it: read only.' })}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={item ? `/admin/powers/items/${item.id}` : `/admin/powers/lists/${list.id}/items`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={c.csrf} />
        {item ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <fieldset disabled={!mayEdit}>
          <legend>{T({ zh: '事项内容', en: 'The item' })}</legend>
          <Field c={c} name="type" label={labels.type} errors={p.errors} required>
            <select id="f-type" name="type">{TYPES.map((k) => <option value={k} selected={v('type') === k}>{T(TYPE_NAMES[k])}</option>)}</select>
          </Field>
          {(['code', 'name', 'basis', 'subject', 'duties', 'accountability'] as const).map((k) => LONG.has(k)
            ? <Field c={c} name={k} label={labels[k]} errors={p.errors} required={k === 'basis'}><textarea id={`f-${k}`} name={k} rows={4} aria-invalid={p.errors?.[k] ? 'true' : undefined} aria-describedby={p.errors?.[k] ? `f-${k}-err` : undefined}>{v(k)}</textarea></Field>
            : <Field c={c} name={k} label={labels[k]} value={v(k)} errors={p.errors} required />)}
          <Field c={c} name="chart" label={labels.chart} errors={p.errors} hint={T({ zh: 'JPEG 或 PNG 图片，不超过 1 MB；不选则保留原图。', en: 'A JPEG or PNG image of at most 1 MB; leave empty to keep the current one.' })}>
            <input id="f-chart" name="chart" type="file" accept="image/jpeg,image/png" aria-describedby="f-chart-hint" />
          </Field>
          {item?.has_chart ? <p><img src={`/admin/powers/items/${item.id}/chart`} alt={T({ zh: '当前流程图', en: 'Current flowchart' })} style="max-width:100%;height:auto" /></p> : null}
          <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
        </fieldset>
      </form>
      {item && mayEdit ? (
        <form method="post" action={`/admin/powers/items/${item.id}/delete`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <button type="submit" class="secondary">{T({ zh: '删除此事项', en: 'Delete this item' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}

/** The preview of a spreadsheet: the rows read, each problem by row and column; confirm when clean. */
export function ImportPreview(p: { c: ViewContext; list: ListRow; items: ItemInput[]; errors: RowError[] }) {
  const { c, list } = p;
  const T = t(c);
  const title = T({ zh: '导入预览', en: 'Import preview' });
  return (
    <AdminPage c={c} title={title} current="powers" crumbs={[{ href: '/admin/powers', label: T(TITLE) }, { href: `/admin/powers/lists/${list.id}`, label: `${list.unit_name} ${list.year}` }, { label: title }]}>
      <h1>{title}</h1>
      {p.errors.length ? (
        <div class="error-summary" role="alert" aria-labelledby="h-import-errors">
          <h2 id="h-import-errors">{T({ zh: '表格中有 {n} 处错误，请修改后重新上传（未导入任何事项）', en: '{n} problems in the sheet; correct them and upload again (nothing was imported)' }, { n: p.errors.length })}</h2>
          <ul>{p.errors.slice(0, 200).map((e) => <li>{T({ zh: '第 {r} 行，{col} 列：', en: 'Row {r}, column {col}: ' }, { r: e.row, col: e.column })}{T(e.message)}</li>)}</ul>
        </div>
      ) : (
        <form method="post" action={`/admin/powers/lists/${list.id}/import/confirm`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="items" value={JSON.stringify(p.items)} />
          <p>{T({ zh: '读取到 {n} 项，确认后将替换本清单现有的事项（编码相同的事项保留流程图）。', en: '{n} items read; confirming replaces the list\u2019s items (items with the same code keep their flowchart).' }, { n: p.items.length })}</p>
          <button type="submit">{T({ zh: '确认导入', en: 'Confirm the import' })}</button>
        </form>
      )}
      <div class="table-scroll" role="region" aria-label={T({ zh: '读取的事项', en: 'Items read' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(FIELD_NAMES.code)}</th><th scope="col">{T(FIELD_NAMES.name)}</th><th scope="col">{T(FIELD_NAMES.type)}</th><th scope="col">{T(FIELD_NAMES.subject)}</th></tr></thead>
          <tbody>{p.items.slice(0, 500).map((i) => <tr><td>{i.code}</td><td>{i.name}</td><td>{T(TYPE_NAMES[i.type])}</td><td>{i.subject}</td></tr>)}</tbody>
        </table>
      </div>
      <p><a href={`/admin/powers/lists/${list.id}`}>{T({ zh: '返回清单', en: 'Back to the list' })}</a></p>
    </AdminPage>
  );
}
