/**
 * Console pages for documents: the list (scoped in SQL), the editor with every 目录 field
 * (条例 第十二条; reference.md §4.1), the workflow panel (views/workflow.tsx; 条例 第十七条 审查 — buttons only where
 * the workflow and the policy allow), attachments, version history with a visible diff (条例
 * 第五十三条), timeliness (第二十六条) and the policies still without an interpretation
 * (2020 要点 第7点). Forms post without JavaScript; the body is HTML in a <textarea> that is
 * sanitised on the server (domain/sanitize.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatDateTime, formatNumber, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { STATUSES } from '../domain/workflow.ts';
import { DISCLOSURE, DOC_TYPES, INTERPRETATION_KINDS, LEGAL_FORMS, TOPICS, VALIDITY, WITHHELD_GROUNDS } from '../domain/taxonomy.ts';
import { FIELD_LABELS } from '../domain/diff.ts';
import type { ColumnNode } from '../store/repository.ts';
import type { AdminRow } from '../store/queries.ts';
import { BulkControls } from './bulk.tsx';

export const DOC_NAV = 'documents';
const TITLE_LIST: Msg = { zh: '文件管理', en: 'Documents' };

/** Field labels of the form (diff.ts labels plus the ones only the form has). */
export const LABELS: Record<string, Msg> = {
  ...FIELD_LABELS,
  issuingUnits: { zh: '发文机关（主办）', en: 'Issuing body (lead)' },
  issuerJoint: { zh: '联合发文机关', en: 'Joint issuing bodies' },
  issuerOther: { zh: '平台外的联合发文机关', en: 'Other joint bodies (outside the platform)' },
  changedDate: { zh: '变更日期', en: 'Date changed' },
  withheldGround: { zh: '不予公开依据', en: 'Ground for withholding' },
  columns: { zh: '所属栏目', en: 'Columns' },
  topics: { zh: '专题', en: 'Special topics' },
  bodyHtml: { zh: '正文', en: 'Body' },
  unit: { zh: '所属单位', en: 'Unit' },
  reason: { zh: '原因', en: 'Reason' },
  publishAt: { zh: '定时发布时间', en: 'Publication time' },
  lateReason: { zh: '超期发布原因', en: 'Why it is published late' },
  keys: { zh: '脱敏', en: 'Redaction' },
  confidentialityChecked: { zh: '保密审查', en: 'Confidentiality review' },
  personalInfoChecked: { zh: '个人信息检查', en: 'Personal-information check' },
  acknowledgePersonalData: { zh: '个人信息确认', en: 'Personal data acknowledgement' },
  changeNote: { zh: '修改说明', en: 'What changed' },
  file: { zh: '附件', en: 'Attachment' },
  action: { zh: '操作', en: 'Action' },
};

export const statusLabel = (c: ViewContext, s: string) => tr(c.l, STATUSES.find((x) => x.code === s) ?? { zh: s, en: s });

export function StatusBadge(p: { c: ViewContext; status: string }) {
  const cls = p.status === 'published' ? 'badge green' : p.status === 'withdrawn' ? 'badge red' : 'badge';
  return <span class={cls}>{statusLabel(p.c, p.status)}</span>;
}

export interface ListProps {
  c: ViewContext;
  rows: AdminRow[];
  total: number;
  /** more than `total` match: only the first `total` can be paged through (store/queries.ts LIST_MAX_ROWS) */
  capped?: boolean;
  page: number;
  pages: number;
  filter: { status?: string; unit?: string; column?: string; q?: string };
  units: { id: number; name: string; depth: number }[];
  columns: ColumnNode[];
  canCreate: boolean;
}

/** The list's filters as a query string (the export and the way back from a bulk action keep them). */
const filterQuery = (f: ListProps['filter']) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

function flatColumns(nodes: ColumnNode[], depth = 0): { node: ColumnNode; depth: number }[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flatColumns(n.children, depth + 1)]);
}

export function DocumentList(p: ListProps) {
  const { c, filter: f } = p;
  const T = t(c);
  const title = T(TITLE_LIST);
  const qs = (page: number) => {
    const u = new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `/admin/documents?${u}`;
  };
  return (
    <AdminPage c={c} title={title} current={DOC_NAV}>
      <h1>{title}</h1>
      <p class="toolbar">
        {p.canCreate ? <a class="button" href="/admin/documents/new">{T({ zh: '新建文件', en: 'New document' })}</a> : null}
        <a href="/admin/documents/uninterpreted">{T({ zh: '未发布解读的政策文件', en: 'Policies without interpretation' })}</a>
        <a href="/admin/documents/timeliness">{T({ zh: '公开时效', en: 'Timeliness' })}</a>
        {c.can('document.settings') ? <a href="/admin/documents/settings">{T({ zh: '索引号设置', en: 'Index number settings' })}</a> : null}
      </p>
      <form method="get" action="/admin/documents" class="doc-filters" role="search" aria-label={T({ zh: '筛选文件', en: 'Filter documents' })}>
        <Field c={c} name="q" label={T({ zh: '标题、索引号或文号', en: 'Title, index no. or document no.' })} value={f.q} type="search" />
        <Field c={c} name="status" label={T({ zh: '状态', en: 'Status' })}>
          <select id="f-status" name="status">
            <option value="">{T({ zh: '全部', en: 'All' })}</option>
            {STATUSES.map((s) => <option value={s.code} selected={f.status === s.code}>{tr(c.l, s)}</option>)}
          </select>
        </Field>
        <Field c={c} name="unit" label={T(LABELS.unit)}>
          <select id="f-unit" name="unit">
            <option value="">{T({ zh: '全部', en: 'All' })}</option>
            {p.units.map((u) => <option value={String(u.id)} selected={f.unit === String(u.id)}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </Field>
        {p.columns.length ? (
          <Field c={c} name="column" label={T(LABELS.columns)}>
            <select id="f-column" name="column">
              <option value="">{T({ zh: '全部', en: 'All' })}</option>
              {flatColumns(p.columns).map(({ node, depth }) => <option value={String(node.id)} selected={f.column === String(node.id)}>{'　'.repeat(depth)}{c.l === 'en' ? node.name_en : node.name_zh}</option>)}
            </select>
          </Field>
        ) : <p class="hint">{T({ zh: '选择单位后可按栏目筛选。', en: 'Choose a unit to filter by column.' })}</p>}
        <p><button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button></p>
      </form>
      <p>
        {p.capped
          ? T({ zh: '超过 {n} 件，列出最近修改的 {n} 件；请按单位、状态、栏目或关键词筛选', en: 'More than {n} documents; the {n} changed most recently are listed — filter by unit, status, column or words' }, { n: formatNumber(c.l, p.total) })
          : T({ zh: '共 {n} 件', en: '{n} documents' }, { n: formatNumber(c.l, p.total) })}{' '}
        <a href={`/admin/documents/export.xlsx?${filterQuery(f)}`} download>{T({ zh: '导出 Excel（当前筛选）', en: 'Export to Excel (current filters)' })}</a>
      </p>
      <form method="post" action="/admin/documents/bulk" class="bulk">
      <input type="hidden" name="back" value={`/admin/documents?${filterQuery(f)}`} />
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col"><span class="sr-only">{T({ zh: '选择', en: 'Select' })}</span></th>
              <th scope="col">{T(LABELS.title)}</th>
              <th scope="col">{T({ zh: '索引号', en: 'Index no.' })}</th>
              <th scope="col">{T(LABELS.unit)}</th>
              <th scope="col">{T({ zh: '状态', en: 'Status' })}</th>
              <th scope="col">{T(LABELS.publishDate)}</th>
              <th scope="col">{T({ zh: '更新时间', en: 'Updated' })}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length ? p.rows.map((r) => (
              <tr>
                <td><input type="checkbox" name="ids" value={String(r.id)} id={`pick-${r.id}`} aria-label={r.title} /></td>
                <td>
                  <a href={`/admin/documents/${r.id}`}>{r.title}</a>
                  {r.timeliness_art26_overdue || r.timeliness_policy_overdue ? <> <span class="badge red">{T({ zh: '超期公开', en: 'late' })}</span></> : null}
                  {r.interprets_id ? <> <span class="badge">{T({ zh: '解读', en: 'interpretation' })}</span></> : null}
                </td>
                <td><code>{r.index_no}</code></td>
                <td>{r.unit_name}</td>
                <td><StatusBadge c={c} status={r.status} /></td>
                <td>{formatDate(c.l, r.publish_date)}</td>
                <td>{formatDateTime(c.l, r.updated_at)}</td>
              </tr>
            )) : <tr><td colSpan={7}>{T(M.none)}</td></tr>}
          </tbody>
        </table>
      </div>
      {p.rows.length ? <BulkControls c={c} columns={flatColumns(p.columns).map(({ node, depth }) => ({ slug: node.slug, name: c.l === 'en' ? node.name_en : node.name_zh, depth }))} /> : null}
      </form>
      {p.pages > 1 ? (
        <nav aria-label={T({ zh: '分页', en: 'Pages' })}>
          <ul class="pager">
            {p.page > 1 ? <li><a href={qs(p.page - 1)}>{T(M.prev)}</a></li> : null}
            <li><span aria-current="page">{T({ zh: '第 {p}/{q} 页', en: 'Page {p} of {q}' }, { p: p.page, q: p.pages })}</span></li>
            {p.page < p.pages ? <li><a href={qs(p.page + 1)}>{T(M.next)}</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </AdminPage>
  );
}

// --- the editor ---------------------------------------------------------------------------------

export type FormValues = Record<string, string | string[] | null | undefined>;

export interface EditorProps {
  c: ViewContext;
  mode: 'create' | 'update';
  id?: number;
  published?: boolean;
  values: FormValues;
  errors?: Record<string, Msg>;
  /** units the user may create in (create mode) */
  ownUnits?: { id: number; name: string; depth: number }[];
  /** every active unit, for 发文机关 */
  allUnits: { code: string; name: string; depth: number }[];
  columns: ColumnNode[];
  topics: { key: string; name_zh: string; name_en: string; parent: string | null }[];
  /** ID/mobile numbers found in the current text (masked), for the 第十五条 warning */
  personalData?: string[];
}

const s = (v: FormValues[string]) => (v === null || v === undefined ? '' : Array.isArray(v) ? (v[0] ?? '') : v);
const arr = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);

function Select(p: { c: ViewContext; name: string; value: string; options: readonly ({ code: string } & Msg)[]; empty?: boolean; errors?: Record<string, Msg>; required?: boolean }) {
  const T = t(p.c);
  return (
    <Field c={p.c} name={p.name} label={T(LABELS[p.name])} errors={p.errors} required={p.required}>
      <select id={`f-${p.name}`} name={p.name} aria-invalid={p.errors?.[p.name] ? 'true' : undefined} aria-describedby={p.errors?.[p.name] ? `f-${p.name}-err` : undefined}>
        {p.empty !== false ? <option value="">{T({ zh: '（未选择）', en: '(none)' })}</option> : null}
        {p.options.map((o) => <option value={o.code} selected={p.value === o.code}>{tr(p.c.l, o)}</option>)}
      </select>
    </Field>
  );
}

export function DocumentEditor(p: EditorProps) {
  const { c, values: v, errors } = p;
  const T = t(c);
  const L = (k: string) => T(LABELS[k] ?? { zh: k, en: k });
  const text = (k: string, extra: { required?: boolean; hint?: string; type?: string } = {}) => <Field c={c} name={k} label={L(k)} value={s(v[k])} errors={errors} {...extra} />;
  const area = (k: string, rows: number, extra: { hint?: string; required?: boolean; rich?: boolean } = {}) => (
    <Field c={c} name={k} label={L(k)} errors={errors} hint={extra.hint} required={extra.required}>
      <textarea id={`f-${k}`} name={k} rows={rows} data-rich={extra.rich ? '1' : undefined} aria-invalid={errors?.[k] ? 'true' : undefined} aria-describedby={[extra.hint ? `f-${k}-hint` : '', errors?.[k] ? `f-${k}-err` : ''].filter(Boolean).join(' ') || undefined}>{s(v[k])}</textarea>
    </Field>
  );
  const joint = arr(v.issuerJoint);
  const cols = arr(v.columns);
  const tops = arr(v.topics);
  const labels = Object.fromEntries(Object.keys(LABELS).map((k) => [k, L(k)]));
  const action = p.mode === 'create' ? '/admin/documents' : `/admin/documents/${p.id}`;
  return (
    <form method="post" action={action} novalidate class="doc-editor">
      <ErrorSummary c={c} errors={errors} labels={labels} />
      {!p.published && p.personalData?.length ? (
        // 条例 第十五条: warn while drafting, with the numbers of the text as saved (or as typed, on a refused save)
        <div class="warn" role="status" id="pii-warning">
          <p><strong>{T({ zh: '个人信息提示（《条例》第十五条）', en: 'Personal data (Art. 15)' })}</strong>：{T({ zh: '发现 {n} 处疑似身份证号、手机号或银行卡号，请核查，不应公开的请修改或脱敏：', en: '{n} possible ID, mobile or bank-card number(s): check them; change or redact what must not be published:' }, { n: p.personalData.length })}</p>
          <ul>{p.personalData.slice(0, 20).map((m) => <li><code>{m}</code></li>)}</ul>
        </div>
      ) : null}
      <input type="hidden" name="_csrf" value={c.csrf} />
      {/* the create form's one-time key (#14.8): a resent POST opens the draft it made, not a second one */}
      {p.mode === 'create' ? <input type="hidden" name="form_token" value={s(v.form_token) || randomUUID()} /> : null}
      {p.mode === 'create' ? (
        <Field c={c} name="unit" label={L('unit')} errors={errors} required>
          <select id="f-unit" name="unit">
            {(p.ownUnits ?? []).map((u) => <option value={String(u.id)} selected={s(v.unit) === String(u.id)}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </Field>
      ) : null}
      <fieldset>
        <legend>{T({ zh: '名称与概述（《条例》第十二条）', en: 'Title and summary (Art. 12)' })}</legend>
        {text('title', { required: true })}
        {area('summary', 3, { hint: T({ zh: '发布时必填，显示在目录和搜索结果中', en: 'Required to publish; shown in the catalogue and search results' }) })}
      </fieldset>
      <fieldset>
        <legend>{T({ zh: '发文信息', en: 'Issuance' })}</legend>
        <Field c={c} name="issuingUnits" label={L('issuingUnits')} errors={errors}>
          <select id="f-issuingUnits" name="issuerLead">
            <option value="">{T({ zh: '（本单位）', en: '(this unit)' })}</option>
            {p.allUnits.map((u) => <option value={u.code} selected={s(v.issuerLead) === u.code}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </Field>
        <Field c={c} name="issuerJoint" label={L('issuerJoint')} hint={T({ zh: '联合发文时选择（可多选，按住 Ctrl 或 ⌘）；主办机关排在首位（《条例》第十条第三款）', en: 'For joint documents (multiple choice with Ctrl/⌘); the lead body comes first (Art. 10(3))' })}>
          <select id="f-issuerJoint" name="issuerJoint" multiple size={6} aria-describedby="f-issuerJoint-hint">
            {p.allUnits.map((u) => <option value={u.code} selected={joint.includes(u.code)}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </Field>
        {text('issuerOther', { hint: T({ zh: '平台外机关的全称，多个用“、”分隔', en: 'Full names of bodies outside the platform, separated by 、' }) })}
        {text('docNumber', { hint: T({ zh: '如：朝政发〔2020〕12号（六角括号，序号不编虚位）', en: 'e.g. 朝政发〔2020〕12号' }) })}
        <Select c={c} name="docType" value={s(v.docType)} options={DOC_TYPES} errors={errors} />
        <Select c={c} name="legalForm" value={s(v.legalForm) || 'none'} options={LEGAL_FORMS} empty={false} errors={errors} />
        {text('normativeRegNo')}
        {text('writtenDate', { type: 'date' })}
        {text('changedDate', { type: 'date', hint: T({ zh: '已公开信息发生变更时填写，重新起算20个工作日（《条例》第二十六条）', en: 'For changed information; restarts the 20-working-day clock (Art. 26)' }) })}
        {text('effectiveDate', { type: 'date' })}
        {text('expiryDate', { type: 'date' })}
      </fieldset>
      <fieldset>
        <legend>{T({ zh: '分类与有效性', en: 'Classification and validity' })}</legend>
        <Field c={c} name="topic" label={L('topic')} errors={errors}>
          <select id="f-topic" name="topic">
            <option value="">{T({ zh: '（未选择）', en: '(none)' })}</option>
            {TOPICS.map((l1) => l1.children.length ? (
              <optgroup label={tr(c.l, l1)}>
                {l1.children.map((l2) => <option value={l2.code} selected={s(v.topic) === l2.code}>{tr(c.l, l1)}\{tr(c.l, l2)}</option>)}
              </optgroup>
            ) : <option value={l1.code} selected={s(v.topic) === l1.code}>{tr(c.l, l1)}</option>)}
          </select>
        </Field>
        <Select c={c} name="validity" value={s(v.validity)} options={VALIDITY} errors={errors} />
        {text('amendedBy', { hint: T({ zh: '有效性为“已修改”时填写修改文件的编号或索引号', en: 'When amended: the amending document’s id or index number' }) })}
        {text('repealedBy', { hint: T({ zh: '有效性为“已废止”时填写废止文件的编号或索引号', en: 'When repealed: the repealing document’s id or index number' }) })}
        {text('keywords', { hint: T({ zh: '多个关键词用逗号分隔', en: 'Separate keywords with commas' }) })}
        {text('source')}
      </fieldset>
      <fieldset>
        <legend>{T({ zh: '公开属性（《条例》第十三条至第十六条）', en: 'Disclosure (Arts. 13–16)' })}</legend>
        <Select c={c} name="disclosure" value={s(v.disclosure) || 'proactive'} options={DISCLOSURE} empty={false} errors={errors} required />
        {area('disclosureReason', 2, { hint: T({ zh: '依申请公开或不予公开时须说明理由', en: 'Required unless proactively disclosed' }) })}
        <Select c={c} name="withheldGround" value={s(v.withheldGround)} options={WITHHELD_GROUNDS.map((g) => ({ code: g.code, zh: `${g.zh}（${g.article}）`, en: g.en }))} errors={errors} />
      </fieldset>
      <fieldset id="f-columns">
        <legend>{L('columns')}</legend>
        {errors?.columns ? <p class="error">{T(errors.columns)}</p> : null}
        {p.columns.length ? <ColumnChecks c={c} nodes={p.columns} checked={cols} depth={0} /> : <p class="hint">{T({ zh: '保存后可选择所属单位的栏目。', en: 'Columns of the unit can be chosen after saving.' })}</p>}
      </fieldset>
      <fieldset id="f-topics">
        <legend>{L('topics')}</legend>
        {errors?.topics ? <p class="error">{T(errors.topics)}</p> : null}
        {p.topics.filter((x) => x.parent !== null).map((x) => (
          <label class="check"><input type="checkbox" name="topics" value={x.key} checked={tops.includes(x.key)} /> {p.topics.find((y) => y.key === x.parent)?.name_zh} · {c.l === 'en' ? x.name_en : x.name_zh}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{T({ zh: '政策解读', en: 'Policy interpretation' })}</legend>
        {text('interpretationOf', { hint: T({ zh: '本文件是解读时，填写被解读政策文件的编号或索引号（解读随政策同步发布）', en: 'If this document interprets a policy: the policy’s id or index number' }) })}
        <Select c={c} name="interpretationKind" value={s(v.interpretationKind)} options={INTERPRETATION_KINDS} errors={errors} />
      </fieldset>
      {area('bodyHtml', 16, { hint: T({ zh: '可粘贴 HTML（段落、标题、列表、表格、链接、图片）；保存时会清除脚本、样式等不安全内容', en: 'HTML is accepted (paragraphs, headings, lists, tables, links, images); scripts and styles are removed on save' }), rich: true })}
      {p.published ? (
        <fieldset>
          <legend>{T({ zh: '修改已发布信息（将生成新版本）', en: 'Editing a published document (creates a new version)' })}</legend>
          {area('changeNote', 2)}
          <PersonalDataAck c={c} found={p.personalData ?? []} errors={errors} />
        </fieldset>
      ) : null}
      <p><button type="submit">{T(M.save)}</button></p>
      <EditorBundle />
    </form>
  );
}

/** The visual editor and drag-and-drop upload (client/, bundled by scripts/build-client.mjs): an
 *  enhancement only, the forms post the same fields without it. External files: CSP script-src 'self'. */
export function EditorBundle() {
  return (
    <>
      <link rel="stylesheet" href="/static/build/editor.css" />
      <script type="module" src="/static/build/editor.js"></script>
    </>
  );
}

function ColumnChecks(p: { c: ViewContext; nodes: ColumnNode[]; checked: string[]; depth: number }): ComponentChildren {
  return (
    <ul class={p.depth ? 'sub' : 'checklist'}>
      {p.nodes.map((n) => (
        <li>
          {n.slug === 'zfxxgk' ? <span>{p.c.l === 'en' ? n.name_en : n.name_zh}</span> : (
            <label class="check"><input type="checkbox" name="columns" value={n.slug} checked={p.checked.includes(n.slug)} /> {p.c.l === 'en' ? n.name_en : n.name_zh}</label>
          )}
          {n.children.length ? <ColumnChecks c={p.c} nodes={n.children} checked={p.checked} depth={p.depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** 条例 第十五条: numbers that look like ID cards or mobiles; publishing needs an explicit acknowledgement. */
export function PersonalDataAck(p: { c: ViewContext; found: string[]; errors?: Record<string, Msg> }) {
  const T = t(p.c);
  const err = p.errors?.acknowledgePersonalData;
  if (!p.found.length && !err) return null;
  return (
    <div class="warn" role="alert" id="f-acknowledgePersonalData">
      <p><strong>{T({ zh: '个人信息提示（《条例》第十五条）', en: 'Personal data (Art. 15)' })}</strong>：{err ? T(err) : T({ zh: '正文或附件中发现 {n} 处疑似身份证号或手机号：', en: '{n} possible ID or mobile number(s) found:' }, { n: p.found.length })}</p>
      {p.found.length ? <ul>{p.found.slice(0, 20).map((m) => <li><code>{m}</code></li>)}</ul> : null}
      <label class="check"><input type="checkbox" name="acknowledgePersonalData" value="1" /> {T({ zh: '我已核查，上述信息已脱敏或确需公开', en: 'I have checked: these are masked or must be published' })}</label>
    </div>
  );
}
