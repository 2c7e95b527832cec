/** Admin pages of the media library: the list with filters, paging and the upload form; one item with its uses. */
import { formTokenValue } from '../../../core/http/idempotency.ts';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, formatNumber, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { UnitListRow } from '../../units/repository.ts';
import { EditorBundle } from '../../documents/views/admin-views.tsx';
import { attachmentKindLabel } from '../../documents/domain/filetype.ts';
import { formatBytes } from '../../documents/views/portal-views.tsx';
import { ALT_MAX, FIELD_NAMES, isImage, KIND_FILTERS, libraryUrl, NAME_MAX, type KindFilter } from '../domain/rules.ts';
import type { ItemRow, UsageRow } from '../store/queries.ts';

export const TITLE: Msg = { zh: '媒体库', en: 'Media library' };
const indent = (u: UnitListRow) => '　'.repeat(Math.min(u.level, 6)) + u.name;
const labels = (c: ViewContext) => Object.fromEntries(Object.entries(FIELD_NAMES).map(([k, m]) => [k, t(c)(m)]));
const kindText = (c: ViewContext, kind: string) => { const k = attachmentKindLabel(kind); return k ? t(c)(k) : kind; };

function Preview(p: { c: ViewContext; item: ItemRow; thumb?: boolean }) {
  const { item } = p;
  if (isImage(item.kind)) return <img src={libraryUrl(item.key)} alt={p.thumb ? '' : item.alt} class={p.thumb ? 'library-thumb' : 'library-preview'} loading="lazy" />;
  return <span class="hint">{kindText(p.c, item.kind)}</span>;
}

export interface ListProps {
  c: ViewContext;
  items: ItemRow[];
  total: number;
  page: number;
  perPage: number;
  filter: { kind?: KindFilter; q: string; unit?: number };
  units: UnitListRow[];
  maxMb: number;
  values?: Record<string, string>;
  errors?: Record<string, Msg>;
  notice?: Msg;
}

function query(f: ListProps['filter'], page: number): string {
  const s = new URLSearchParams();
  if (f.kind) s.set('kind', f.kind);
  if (f.q) s.set('q', f.q);
  if (f.unit) s.set('unit', String(f.unit));
  if (page > 1) s.set('page', String(page));
  const q = s.toString();
  return q ? `?${q}` : '';
}

export function LibraryList(p: ListProps) {
  const { c, filter: f } = p;
  const T = t(c);
  const title = T(TITLE);
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  const v = (k: string) => p.values?.[k] ?? '';
  return (
    <AdminPage c={c} title={title} current="library">
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '本单位可在文件正文中反复使用的图片和文件。图片须填写替代文本（GB/T 37668）；正文仍在引用的文件不能删除。', en: 'Images and files your unit reuses in document bodies. Images need a text alternative (GB/T 37668); a file a document still uses cannot be deleted.' })}</p>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <form method="get" action="/admin/media-library" class="inline-form" aria-label={T({ zh: '筛选', en: 'Filter' })}>
        <label for="q-kind">{T({ zh: '类型', en: 'Type' })}</label>{' '}
        <select id="q-kind" name="kind">
          <option value="">{T({ zh: '全部', en: 'All' })}</option>
          {(Object.keys(KIND_FILTERS) as KindFilter[]).map((k) => <option value={k} selected={f.kind === k}>{T(KIND_FILTERS[k].label)}</option>)}
        </select>{' '}
        {p.units.length > 1 ? (
          <>
            <label for="q-unit">{T({ zh: '单位', en: 'Unit' })}</label>{' '}
            <select id="q-unit" name="unit">
              <option value="">{T({ zh: '全部', en: 'All' })}</option>
              {p.units.map((u) => <option value={String(u.id)} selected={f.unit === u.id}>{indent(u)}</option>)}
            </select>{' '}
          </>
        ) : null}
        <label for="q-q">{T({ zh: '名称', en: 'Name' })}</label>{' '}
        <input id="q-q" name="q" type="search" size={16} value={f.q} maxLength={100} />{' '}
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      <h2>{T({ zh: '文件（共 {n} 个）', en: 'Files ({n})' }, { n: formatNumber(c.l, p.total) })}</h2>
      {p.items.length ? (
        <div class="table-scroll" role="region" aria-label={T({ zh: '媒体库文件', en: 'Library files' })} tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{T({ zh: '预览', en: 'Preview' })}</th><th scope="col">{T(FIELD_NAMES.name)}</th><th scope="col">{T({ zh: '类型与大小', en: 'Type and size' })}</th><th scope="col">{T(FIELD_NAMES.unit)}</th><th scope="col">{T({ zh: '上传时间', en: 'Uploaded' })}</th></tr></thead>
            <tbody>{p.items.map((i) => (
              <tr>
                <td><Preview c={c} item={i} thumb /></td>
                <td><a href={`/admin/media-library/${i.id}`}>{i.name}</a>{i.alt ? <><br /><span class="hint">{i.alt}</span></> : null}</td>
                <td>{kindText(c, i.kind)}，{formatBytes(c.l, i.size)}</td>
                <td>{i.unit_name}</td>
                <td>{formatDateTime(c.l, i.created_at)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p>{T({ zh: '没有符合条件的文件。', en: 'No files match.' })}</p>}
      {pages > 1 ? (
        <nav aria-label={T({ zh: '翻页', en: 'Pages' })}>
          <ul class="pager">
            {p.page > 1 ? <li><a href={`/admin/media-library${query(f, p.page - 1)}`} rel="prev">{T({ zh: '上一页', en: 'Previous' })}</a></li> : null}
            <li><span>{T({ zh: '第 {p} / {n} 页', en: 'Page {p} of {n}' }, { p: p.page, n: pages })}</span></li>
            {p.page < pages ? <li><a href={`/admin/media-library${query(f, p.page + 1)}`} rel="next">{T({ zh: '下一页', en: 'Next' })}</a></li> : null}
          </ul>
        </nav>
      ) : null}
      {p.units.length ? (
        <>
          <h2 id="h-upload">{T({ zh: '上传文件', en: 'Upload a file' })}</h2>
          <ErrorSummary c={c} errors={p.errors} labels={labels(c)} />
          {/* The CSRF token travels as a form field: the routes parse multipart fields before the check. */}
          <form method="post" action="/admin/media-library" enctype="multipart/form-data" data-dropzone="1" aria-labelledby="h-upload">
            <input type="hidden" name="_csrf" value={c.csrf} />
            <input type="hidden" name="form_token" value={formTokenValue(p.values)} />
            <Field c={c} name="unit" label={T(FIELD_NAMES.unit)} errors={p.errors} required>
              <select id="f-unit" name="unit">{p.units.map((u) => <option value={String(u.id)} selected={v('unit') === String(u.id)}>{indent(u)}</option>)}</select>
            </Field>
            <Field c={c} name="name" label={T(FIELD_NAMES.name)} value={v('name')} errors={p.errors} hint={T({ zh: '不超过 {n} 字；不填则用文件名', en: 'At most {n} characters; the file name when left empty' }, { n: NAME_MAX })} />
            <Field c={c} name="alt" label={T(FIELD_NAMES.alt)} errors={p.errors} hint={T({ zh: '图片必填：用一句话说明图片内容，供读屏软件朗读（不超过 {n} 字）', en: 'Required for images: one sentence saying what the image shows, read by screen readers (at most {n} characters)' }, { n: ALT_MAX })}>
              <textarea id="f-alt" name="alt" rows={2} aria-describedby={p.errors?.alt ? 'f-alt-hint f-alt-err' : 'f-alt-hint'} aria-invalid={p.errors?.alt ? 'true' : undefined}>{v('alt')}</textarea>
            </Field>
            <Field c={c} name="file" label={T(FIELD_NAMES.file)} errors={p.errors} required hint={T({ zh: '图片（PNG、JPEG、GIF、WebP，不超过 5 MB）或 PDF、DOCX、XLSX（不超过 {n} MB）；类型按文件内容判断', en: 'An image (PNG, JPEG, GIF, WebP, at most 5 MB) or PDF, DOCX, XLSX (at most {n} MB); the type is read from the content' }, { n: p.maxMb })}>
              <input id="f-file" name="file" type="file" required aria-describedby={p.errors?.file ? 'f-file-hint f-file-err' : 'f-file-hint'} aria-invalid={p.errors?.file ? 'true' : undefined} />
            </Field>
            <p><button type="submit">{T({ zh: '上传', en: 'Upload' })}</button></p>
            <EditorBundle />
          </form>
        </>
      ) : null}
    </AdminPage>
  );
}

export interface ItemProps {
  c: ViewContext;
  item: ItemRow;
  /** documents the viewer may open, and how many others (other units') use it */
  usages: UsageRow[];
  hiddenUsages: number;
  values?: Record<string, string>;
  errors?: Record<string, Msg>;
  notice?: Msg;
  /** a refusal to show at the top (409 delete while used) */
  problem?: Msg;
}

export function LibraryItem(p: ItemProps) {
  const { c, item } = p;
  const T = t(c);
  const title = item.name;
  const v = (k: 'name' | 'alt') => p.values?.[k] ?? item[k];
  const used = p.usages.length + p.hiddenUsages;
  return (
    <AdminPage c={c} title={title} current="library" crumbs={[{ href: '/admin/media-library', label: T(TITLE) }, { label: title }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      {p.problem ? <div class="error-summary" role="alert"><p>{T(p.problem)}</p></div> : null}
      <p><Preview c={c} item={item} /></p>
      <dl class="facts">
        <dt>{T({ zh: '地址', en: 'Address' })}</dt><dd><a href={libraryUrl(item.key)}><code>{libraryUrl(item.key)}</code></a></dd>
        <dt>{T({ zh: '类型与大小', en: 'Type and size' })}</dt><dd>{kindText(c, item.kind)}，{formatBytes(c.l, item.size)}</dd>
        <dt>{T({ zh: '原文件名', en: 'Original file name' })}</dt><dd>{item.filename}</dd>
        <dt>{T(FIELD_NAMES.unit)}</dt><dd>{item.unit_name}</dd>
        <dt>{T({ zh: '最后修改', en: 'Last changed' })}</dt><dd>{formatDateTime(c.l, item.updated_at)} {item.updated_by}</dd>
      </dl>
      <h2 id="h-usage">{T({ zh: '引用位置', en: 'Where it is used' })}</h2>
      {used ? (
        <>
          <p>{T({ zh: '以下 {n} 篇文件的正文引用了此文件：', en: '{n} document bodies use this file:' }, { n: used })}</p>
          <ul>{p.usages.map((u) => <li><a href={`/admin/documents/${u.id}`}>{u.title}</a></li>)}</ul>
          {p.hiddenUsages ? <p class="hint">{T({ zh: '另有 {n} 篇其他单位的文件（您无权查看）。', en: 'And {n} documents of other units (not visible to you).' }, { n: p.hiddenUsages })}</p> : null}
        </>
      ) : <p>{T({ zh: '目前没有文件的正文引用它。', en: 'No document body uses it at present.' })}</p>}
      <h2 id="h-edit">{T({ zh: '修改名称与替代文本', en: 'Edit the name and text alternative' })}</h2>
      <ErrorSummary c={c} errors={p.errors} labels={labels(c)} />
      <form method="post" action={`/admin/media-library/${item.id}`} aria-labelledby="h-edit">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="name" label={T(FIELD_NAMES.name)} value={v('name')} errors={p.errors} required />
        {isImage(item.kind) ? (
          <Field c={c} name="alt" label={T(FIELD_NAMES.alt)} errors={p.errors} required hint={T({ zh: '说明图片内容，供读屏软件朗读（GB/T 37668）。已插入正文的图片沿用插入时的替代文本。', en: 'What the image shows, for screen readers (GB/T 37668). Images already in a body keep the text they were inserted with.' })}>
            <textarea id="f-alt" name="alt" rows={2} aria-describedby={p.errors?.alt ? 'f-alt-hint f-alt-err' : 'f-alt-hint'} aria-invalid={p.errors?.alt ? 'true' : undefined}>{v('alt')}</textarea>
          </Field>
        ) : null}
        <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
      </form>
      <h2 id="h-delete">{T({ zh: '删除', en: 'Delete' })}</h2>
      {used ? <p class="hint">{T({ zh: '正文仍在引用，暂不能删除。', en: 'Documents still use it; it cannot be deleted yet.' })}</p> : null}
      <form method="post" action={`/admin/media-library/${item.id}/delete`} aria-labelledby="h-delete">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <button type="submit" class="secondary">{T({ zh: '从媒体库删除此文件', en: 'Delete this file from the library' })}</button>
      </form>
    </AdminPage>
  );
}
