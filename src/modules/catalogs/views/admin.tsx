/** Admin pages of the standard catalogs: the catalogs in scope, a catalog with its rows and workflow, a row with its fulfilment, the import preview. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import type { ColumnNode, TopicNode } from '../../documents/store/repository-catalog.ts';
import { AREAS, areaName } from '../domain/areas.ts';
import { FIELD_NAMES, FIELDS, SETS, type RowError, type RowValue, type SetField } from '../domain/rules.ts';
import type { RowWithState } from '../coverage.ts';
import type { CatalogRow } from '../store/queries.ts';
import { catalogsUrl, optionName, StateBadge, StatusBadge } from './shared.tsx';

const TITLE: Msg = { zh: '基层政务公开标准目录', en: 'Standard disclosure catalogs' };
const catName = (c: ViewContext, cat: CatalogRow) => `${cat.unit_name} · ${tr(c.l, areaName(cat.area))} · ${cat.year}`;

export function AdminCatalogs(p: { c: ViewContext; cats: CatalogRow[]; units: UnitListRow[]; values?: Record<string, string>; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c } = p;
  const T = t(c);
  const title = T(TITLE);
  return (
    <AdminPage c={c} title={title} current="catalogs">
      <h1>{title}</h1>
      <p><a href="/admin/catalogs/coverage">{T({ zh: '落实情况（按县、乡镇统计已公开、逾期事项）', en: 'Coverage report (published and overdue rows by county and township)' })}</a></p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ year: T({ zh: '年度', en: 'Year' }), area: T({ zh: '领域', en: 'Area' }), unit: T({ zh: '单位', en: 'Unit' }) }} />
      {p.units.length ? (
        <form method="post" action="/admin/catalogs" class="inline-form">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
          <label for="f-unit">{T({ zh: '单位', en: 'Unit' })}</label>{' '}
          <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)} selected={p.values?.unit === String(u.id)}>{'　'.repeat(Math.min(u.level, 6))}{u.name}</option>)}</select>{' '}
          <label for="f-area">{T({ zh: '领域', en: 'Area' })}</label>{' '}
          <select id="f-area" name="area" aria-invalid={p.errors?.area ? 'true' : undefined}>{AREAS.map((a) => <option value={a.code} selected={p.values?.area === a.code}>{a.code} {tr(c.l, a.name)}</option>)}</select>{' '}
          <label for="f-year">{T({ zh: '年度', en: 'Year' })}</label>{' '}
          <input id="f-year" name="year" inputMode="numeric" size={6} value={p.values?.year ?? ''} aria-invalid={p.errors?.year ? 'true' : undefined} />{' '}
          <button type="submit">{T({ zh: '新建年度目录（复制上一年度的事项）', en: 'New year (copies the previous year\u2019s rows)' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '领域', en: 'Area' })}</th><th scope="col">{T({ zh: '年度', en: 'Year' })}</th><th scope="col">{T({ zh: '事项', en: 'Rows' })}</th><th scope="col">{T({ zh: '状态', en: 'Status' })}</th><th scope="col">{T({ zh: '更新', en: 'Updated' })}</th></tr></thead>
          <tbody>{p.cats.map((x) => <tr><td>{x.unit_name}</td><td><a href={`/admin/catalogs/${x.id}`}>{tr(c.l, areaName(x.area))}</a></td><td>{x.year}</td><td>{x.row_count}</td><td><StatusBadge c={c} s={x.status} /></td><td>{formatDate(c.l, x.updated_at)}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export function AdminCatalog(p: { c: ViewContext; cat: CatalogRow; rows: RowWithState[]; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, cat } = p;
  const T = t(c);
  const title = catName(c, cat);
  const mayEdit = cat.status === 'draft' && c.can('catalog.edit', cat.unit_path);
  const mayPublish = c.can('catalog.publish', cat.unit_path);
  const step = (name: string, label: Msg) => <button type="submit" name="to" value={name}>{T(label)}</button>;
  return (
    <AdminPage c={c} title={title} current="catalogs" crumbs={[{ href: '/admin/catalogs', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      <p><StatusBadge c={c} s={cat.status} />{cat.status === 'published' ? <> · <a href={catalogsUrl(cat.unit_slug, { area: cat.area, year: cat.year })}>{T({ zh: '在门户查看', en: 'View on the portal' })}</a></> : null}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={{ items: T({ zh: '事项', en: 'Rows' }), to: T({ zh: '操作', en: 'Action' }), file: T({ zh: '表格文件', en: 'Spreadsheet' }) }} />
      <form method="post" action={`/admin/catalogs/${cat.id}/status`} class="inline-form">
        <input type="hidden" name="_csrf" value={c.csrf} />
        {mayEdit ? step('submit', { zh: '提交审核', en: 'Submit for review' }) : null}{' '}
        {cat.status !== 'published' && mayPublish ? step('publish', { zh: '审核通过并发布', en: 'Approve and publish' }) : null}{' '}
        {cat.status !== 'draft' && mayPublish ? step('return', { zh: '退回草稿', en: 'Return to draft' }) : null}
      </form>
      <p>
        <a href={`/admin/catalogs/${cat.id}/export.xlsx`}>{T({ zh: '导出 Excel 表格', en: 'Export as Excel (XLSX)' })}</a>
        {mayEdit ? <> · <a href={`/admin/catalogs/${cat.id}/rows/new`}>{T({ zh: '新增事项', en: 'New row' })}</a></> : null}
      </p>
      {mayEdit ? (
        <form method="post" action={`/admin/catalogs/${cat.id}/import`} enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <div class="field">
            <label for="f-file">{T({ zh: '从 Excel 表格导入（先预览，确认后替换本目录的事项）', en: 'Import from Excel (preview first; confirming replaces this catalog\u2019s rows)' })}</label>
            <p class="hint" id="f-file-hint">{T({ zh: '第一行为表头：{h}。多选项用"、"分隔。', en: 'First row: the header, {h}. Separate several options with 、.' }, { h: FIELDS.map((f) => FIELD_NAMES[f].zh).join('、') })}</p>
            <input id="f-file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="f-file-hint" />
          </div>
          <button type="submit">{T({ zh: '上传并预览', en: 'Upload and preview' })}</button>
        </form>
      ) : null}
      <div class="table-scroll" role="region" aria-label={T({ zh: '事项', en: 'Rows' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(FIELD_NAMES.seq)}</th><th scope="col">{T(FIELD_NAMES.item1)}</th><th scope="col">{T(FIELD_NAMES.item2)}</th><th scope="col">{T(FIELD_NAMES.deadline)}</th><th scope="col">{T({ zh: '落实', en: 'State' })}</th><th scope="col">{T({ zh: '关联', en: 'Links' })}</th></tr></thead>
          <tbody>{p.rows.map((r) => <tr><td>{r.seq}</td><td>{r.item1}</td><td><a href={`/admin/catalogs/rows/${r.id}`}>{r.item2}</a></td><td>{r.deadline}</td><td><StateBadge c={c} state={r.status.state} />{r.status.due ? <> {T({ zh: '（期限 {d}）', en: ' (due {d})' }, { d: r.status.due })}</> : null}</td><td>{r.links.length}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminPage>
  );
}

function SetBoxes(p: { c: ViewContext; field: SetField; values: string[]; errors?: Record<string, Msg>; disabled?: boolean }) {
  const { c, field } = p;
  const err = p.errors?.[field];
  return (
    <fieldset class={`field${err ? ' has-error' : ''}`} aria-describedby={err ? `f-${field}-err` : undefined}>
      <legend>{tr(c.l, FIELD_NAMES[field])} <span class="req">*</span></legend>
      {err ? <p class="error" id={`f-${field}-err`}>{tr(c.l, err)}</p> : null}
      {Object.keys(SETS[field]).map((k) => <label class="check"><input type="checkbox" name={field} value={k} checked={p.values.includes(k)} /> {optionName(c, field, k)}</label>)}
    </fieldset>
  );
}

const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

export function RowForm(p: { c: ViewContext; cat: CatalogRow; row: RowWithState | null; values: Record<string, unknown>; columns: ColumnNode[]; topics: TopicNode[]; errors?: Record<string, Msg>; notice?: Msg }) {
  const { c, cat, row } = p;
  const T = t(c);
  const title = row ? `${row.item1} · ${row.item2}` : T({ zh: '新增目录事项', en: 'New row' });
  const v = (k: string) => (p.values[k] === undefined || p.values[k] === null ? '' : String(p.values[k]));
  const labels: Record<string, string> = { ...Object.fromEntries(FIELDS.map((f) => [f, T(FIELD_NAMES[f])])), link: T({ zh: '关联', en: 'Link' }), column: T({ zh: '栏目', en: 'Column' }), topic: T({ zh: '专题', en: 'Topic' }), document: T({ zh: '信息', en: 'Document' }) };
  const mayEdit = cat.status === 'draft' && c.can('catalog.edit', cat.unit_path);
  const mayLink = c.can('catalog.edit', cat.unit_path);
  const flat = (ns: ColumnNode[], depth = 0): { id: number; name: string; depth: number }[] => ns.flatMap((n) => [{ id: n.id, name: n.name_zh, depth }, ...flat(n.children, depth + 1)]);
  const topicsFlat = (ns: TopicNode[]): TopicNode[] => ns.flatMap((n) => [n, ...topicsFlat(n.children)]);
  return (
    <AdminPage c={c} title={title} current="catalogs" crumbs={[{ href: '/admin/catalogs', label: T(TITLE) }, { href: `/admin/catalogs/${cat.id}`, label: catName(c, cat) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{catName(c, cat)} · <StatusBadge c={c} s={cat.status} /></p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      {row ? (
        <section aria-labelledby="h-fulfil">
          <h2 id="h-fulfil">{T({ zh: '落实情况', en: 'Fulfilment' })}</h2>
          <p><StateBadge c={c} state={row.status.state} />{row.status.due ? <> {T({ zh: '公开期限：{d}', en: 'Due: {d}' }, { d: row.status.due })}</> : null}{row.status.published ? <> · {T({ zh: '最近公开：{d}', en: 'Last published: {d}' }, { d: row.status.published })}</> : null}</p>
          <ul>{row.links.map((l) => (
            <li>{T({ column: { zh: '栏目', en: 'Column' }, topic: { zh: '专题', en: 'Topic' }, document: { zh: '信息', en: 'Document' } }[l.kind])}：<a href={l.href}>{l.label}</a>{mayLink ? (
              <form method="post" action={`/admin/catalogs/links/${l.id}/delete`} class="inline-form"><input type="hidden" name="_csrf" value={c.csrf} /> <button type="submit" class="secondary" aria-label={T({ zh: '取消关联：{n}', en: 'Remove the link: {n}' }, { n: l.label })}>{T({ zh: '取消关联', en: 'Remove' })}</button></form>
            ) : null}</li>
          ))}</ul>
          {!row.links.length ? <p>{T({ zh: '尚未关联栏目、专题或信息。', en: 'Nothing linked yet.' })}</p> : null}
          {mayLink ? (
            <>
              <form method="post" action={`/admin/catalogs/rows/${row.id}/trigger`} class="inline-form">
                <input type="hidden" name="_csrf" value={c.csrf} />
                <label for="f-trigger">{T({ zh: '起算日期（信息形成或者变更之日）', en: 'Clock starts (the date the information was formed or changed)' })}</label>{' '}
                <input id="f-trigger" name="trigger" type="date" value={row.trigger ?? ''} aria-invalid={p.errors?.trigger ? 'true' : undefined} />{' '}
                <button type="submit">{T({ zh: '保存日期', en: 'Save the date' })}</button>
              </form>
              <form method="post" action={`/admin/catalogs/rows/${row.id}/links`}>
                <input type="hidden" name="_csrf" value={c.csrf} />
                <fieldset>
                  <legend>{T({ zh: '关联落实本事项的栏目、专题或信息', en: 'Link the column, topic or document that fulfils this row' })}</legend>
                  <p><label class="check"><input type="radio" name="kind" value="column" checked /> {labels.column}</label>{' '}
                    <select name="column" aria-label={labels.column}>{flat(p.columns).map((x) => <option value={String(x.id)}>{'　'.repeat(x.depth)}{x.name}</option>)}</select></p>
                  <p><label class="check"><input type="radio" name="kind" value="topic" /> {labels.topic}</label>{' '}
                    <select name="topic" aria-label={labels.topic}>{topicsFlat(p.topics).map((x) => <option value={String(x.id)}>{x.name_zh}</option>)}</select></p>
                  <p><label class="check"><input type="radio" name="kind" value="document" /> {labels.document}</label>{' '}
                    <input name="document" size={24} aria-label={T({ zh: '信息编号或索引号', en: 'Document id or index number' })} placeholder={T({ zh: '编号或索引号', en: 'id or index number' })} /></p>
                  <button type="submit">{T({ zh: '关联', en: 'Link' })}</button>
                </fieldset>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
      <h2>{T({ zh: '目录内容', en: 'The row' })}</h2>
      {!mayEdit ? <p>{T({ zh: '目录不是草稿，或您无权修改：只能查看。', en: 'The catalog is not a draft, or you may not edit it: read only.' })}</p> : null}
      <form method="post" action={row ? `/admin/catalogs/rows/${row.id}` : `/admin/catalogs/${cat.id}/rows`}>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {row ? null : <input type="hidden" name="form_token" value={formTokenValue(p.values)} />}
        <fieldset disabled={!mayEdit}>
          <legend>{T({ zh: '事项', en: 'Row' })}</legend>
          <Field c={c} name="seq" label={labels.seq} value={v('seq')} errors={p.errors} required />
          {(['item1', 'item2', 'deadline', 'subject'] as const).map((k) => <Field c={c} name={k} label={labels[k]} value={v(k)} errors={p.errors} required />)}
          {(['content', 'basis'] as const).map((k) => <Field c={c} name={k} label={labels[k]} errors={p.errors} required><textarea id={`f-${k}`} name={k} rows={4} aria-invalid={p.errors?.[k] ? 'true' : undefined} aria-describedby={p.errors?.[k] ? `f-${k}-err` : undefined}>{v(k)}</textarea></Field>)}
          {!row ? <Field c={c} name="trigger" label={labels.trigger} type="date" value={v('trigger')} errors={p.errors} /> : <input type="hidden" name="trigger" value={v('trigger')} />}
          {(['channels', 'audiences', 'modes', 'levels'] as const).map((f) => <SetBoxes c={c} field={f} values={arr(p.values[f])} errors={p.errors} />)}
          <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
        </fieldset>
      </form>
      {row && mayEdit ? (
        <form method="post" action={`/admin/catalogs/rows/${row.id}/delete`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <button type="submit" class="secondary">{T({ zh: '删除此事项', en: 'Delete this row' })}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}

export function ImportPreview(p: { c: ViewContext; cat: CatalogRow; items: RowValue[]; errors: RowError[] }) {
  const { c, cat } = p;
  const T = t(c);
  const title = T({ zh: '导入预览', en: 'Import preview' });
  return (
    <AdminPage c={c} title={title} current="catalogs" crumbs={[{ href: '/admin/catalogs', label: T(TITLE) }, { href: `/admin/catalogs/${cat.id}`, label: catName(c, cat) }, { label: title }]}>
      <h1>{title}</h1>
      {p.errors.length ? (
        <div class="error-summary" role="alert" aria-labelledby="h-import-errors">
          <h2 id="h-import-errors">{T({ zh: '表格中有 {n} 处错误，请修改后重新上传（未导入任何事项）', en: '{n} problems in the sheet; correct them and upload again (nothing was imported)' }, { n: p.errors.length })}</h2>
          <ul>{p.errors.slice(0, 200).map((e) => <li>{T({ zh: '第 {r} 行，{col} 列：', en: 'Row {r}, column {col}: ' }, { r: e.row, col: e.column })}{T(e.message)}</li>)}</ul>
        </div>
      ) : (
        <form method="post" action={`/admin/catalogs/${cat.id}/import/confirm`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="items" value={JSON.stringify(p.items)} />
          <p>{T({ zh: '读取到 {n} 项，确认后将替换本目录现有的事项（一级、二级事项相同的保留关联）。', en: '{n} rows read; confirming replaces the catalog\u2019s rows (rows with the same items keep their links).' }, { n: p.items.length })}</p>
          <button type="submit">{T({ zh: '确认导入', en: 'Confirm the import' })}</button>
        </form>
      )}
      <div class="table-scroll" role="region" aria-label={T({ zh: '读取的事项', en: 'Rows read' })} tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{T(FIELD_NAMES.seq)}</th><th scope="col">{T(FIELD_NAMES.item1)}</th><th scope="col">{T(FIELD_NAMES.item2)}</th><th scope="col">{T(FIELD_NAMES.deadline)}</th></tr></thead>
          <tbody>{p.items.slice(0, 500).map((i) => <tr><td>{i.seq}</td><td>{i.item1}</td><td>{i.item2}</td><td>{i.deadline}</td></tr>)}</tbody>
        </table>
      </div>
      <p><a href={`/admin/catalogs/${cat.id}`}>{T({ zh: '返回目录', en: 'Back to the catalog' })}</a></p>
    </AdminPage>
  );
}
