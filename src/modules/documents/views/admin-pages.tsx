/**
 * The console's per-document page (details, timeliness, workflow, attachments, editor), the
 * version history with its diff, and the oversight lists: policies published without an
 * interpretation (2020 要点 第7点 解读同步) and documents past the 条例 第二十六条 / 第6点 limits.
 */
import type { ComponentChildren } from 'preact';
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, formatDateTime, formatNumber, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import type { DiffSegment, VersionDiff } from '../domain/diff.ts';
import type { TimelinessResult } from '../domain/timeliness.ts';
import type { DocumentDetail, VersionInfo } from '../store/repository.ts';
import type { Unit } from '../../units/repository.ts';
import type { PersonalDataReport } from '../store/pii-scan.ts';
import type { Paged, LatePublishedRow } from '../store/deadlines.ts';
import { attachmentKind, formatBytes, docHref } from './portal-views.tsx';
import { DOC_NAV, DocumentEditor, EditorBundle, statusLabel, type EditorProps } from './admin-views.tsx';
import { WorkflowPanel, type WorkflowProps } from './workflow.tsx';
import { PersonalDataPanel, ReviewContent, previewUrl, staffAttachmentUrl } from './review.tsx';
import { HistoryLink } from '../../audit/views/history-link.tsx';

const LIST: Msg = { zh: '文件管理', en: 'Documents' };
const crumbs = (c: ViewContext, label: string, mid?: { href: string; label: string }) => [{ href: '/admin/documents', label: tr(c.l, LIST) }, ...(mid ? [mid] : []), { label }];

export interface TimelinessView {
  /** from stored flags (published) or computed now (open clock) */
  result: Pick<TimelinessResult, 'workdays' | 'art26Overdue' | 'policyOverdue' | 'policyRuleApplies' | 'interpretationLagWorkdays' | 'interpretationLate' | 'remainingWorkdays'> | null;
  published: boolean;
  /** open clock: the last day to publish on time (stored deadline) */
  due?: string | null;
  /** published late: the reason given then */
  lateReason?: string | null;
}

function TimelinessBox(p: { c: ViewContext; t: TimelinessView }) {
  const T = t(p.c);
  const r = p.t.result;
  if (!r) return <p class="hint">{T({ zh: '未填写成文日期，无法计算公开时效。', en: 'No date written: timeliness cannot be computed.' })}</p>;
  const late = r.art26Overdue || r.policyOverdue || r.interpretationLate;
  const due = p.t.due ? formatDate(p.c.l, p.t.due) : null;
  return (
    <p class={late ? 'warn' : 'notice'} id="timeliness">
      <strong>{T({ zh: '公开时效', en: 'Timeliness' })}：</strong>
      {p.t.published
        ? T({ zh: '自形成之日起第 {n} 个工作日公开。', en: 'Published {n} working days after it was written.' }, { n: r.workdays })
        : r.remainingWorkdays < 0
          ? T({ zh: '自形成之日起已过 {n} 个工作日，已超期 {r} 个工作日。', en: '{n} working days since it was written: {r} working days overdue.' }, { n: r.workdays, r: -r.remainingWorkdays })
          : <>
              {T({ zh: '自形成之日起已过 {n} 个工作日，剩余 {r} 个工作日', en: '{n} working days since it was written; {r} left' }, { n: r.workdays, r: r.remainingWorkdays })}
              {due ? T({ zh: '（应于 {d} 前公开）', en: ' (publish by {d})' }, { d: due }) : ''}
              {T({ zh: '。', en: '.' })}
            </>}
      {r.art26Overdue ? <> <span class="badge red">{T({ zh: '超过《条例》第二十六条规定的20个工作日', en: 'over the 20 working days of Art. 26' })}</span></> : null}
      {r.policyOverdue ? <> <span class="badge red">{T({ zh: '政策文件超过5个工作日', en: 'policy over 5 working days' })}</span></> : null}
      {r.interpretationLate ? <> <span class="badge red">{T({ zh: '解读晚于政策 {n} 个工作日', en: 'interpretation {n} working days after its policy' }, { n: r.interpretationLagWorkdays ?? 0 })}</span></> : null}
      {p.t.published && late && p.t.lateReason ? <> {T({ zh: '超期发布原因：{r}', en: 'Reason given: {r}' }, { r: p.t.lateReason })}</> : null}
    </p>
  );
}

function Attachments(p: { c: ViewContext; doc: DocumentDetail; canEdit: boolean; maxMb: number; errors?: Record<string, Msg> }) {
  const { c, doc } = p;
  const T = t(c);
  return (
    <section aria-labelledby="h-att" class="card">
      <h2 id="h-att">{T({ zh: '附件', en: 'Attachments' })}</h2>
      {doc.attachments.length ? (
        <ul class="attachments">
          {doc.attachments.map((a) => (
            <li>
              <a href={staffAttachmentUrl(a)}>{a.filename}</a> <span class="hint">（{attachmentKind(c, a)}，{formatBytes(c.l, a.size)}）</span>
              {p.canEdit ? (
                <form method="post" action={`/admin/documents/${doc.id}/attachments/${a.id}/delete`} class="inline">
                  <input type="hidden" name="_csrf" value={c.csrf} />
                  <button type="submit" class="linklike">{T({ zh: '删除', en: 'Remove' })}<span class="sr-only"> {a.filename}</span></button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p>{T(M.none)}</p>}
      {p.canEdit ? (
        // The CSRF token travels as a form field: admin-routes parses multipart fields before the check.
        <form method="post" action={`/admin/documents/${doc.id}/attachments`} enctype="multipart/form-data" data-dropzone="1">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <div class={`field${p.errors?.file ? ' has-error' : ''}`}>
            <label for="f-file">{T({ zh: '上传附件', en: 'Upload an attachment' })}</label>
            <p class="hint" id="f-file-hint">{T({ zh: 'PDF、DOCX、XLSX 或图片，不超过 {n} MB；类型按文件内容判断', en: 'PDF, DOCX, XLSX or an image, at most {n} MB; the type is read from the content' }, { n: p.maxMb })}</p>
            {p.errors?.file ? <p class="error" id="f-file-err">{T(p.errors.file)}</p> : null}
            <input id="f-file" name="file" type="file" required aria-describedby={p.errors?.file ? 'f-file-hint f-file-err' : 'f-file-hint'} />
          </div>
          {doc.status === 'published' ? <label class="check"><input type="checkbox" name="acknowledgePersonalData" value="1" /> {T({ zh: '如附件含身份证号或手机号，我已核查并确认发布', en: 'If the file holds ID or mobile numbers, I have checked and confirm' })}</label> : null}
          <p><button type="submit" class="secondary">{T({ zh: '上传', en: 'Upload' })}</button></p>
          <EditorBundle />
        </form>
      ) : null}
    </section>
  );
}

export interface DocumentAdminProps {
  c: ViewContext;
  doc: DocumentDetail;
  workflow: Omit<WorkflowProps, 'c'>;
  /** the form, for who may edit in this status; otherwise the document is shown read-only in full */
  editor: Omit<EditorProps, 'c'> | null;
  /** the owning unit (the read-only view renders the document as its portal page would) */
  unit: Unit;
  timeliness: TimelinessView;
  pii: { report: PersonalDataReport; canRedact: boolean; errors?: Record<string, Msg> };
  maxUploadMb: number;
  attachmentErrors?: Record<string, Msg>;
  notices?: Msg[];
  /** panels of other modules (http/review-panels.ts), shown before the workflow */
  panels?: unknown[];
}

/**
 * One document in the console. Order matters for the review (条例 第十七条): the content and the
 * personal-information findings come first, the workflow panel with the review ticks last.
 */
export function DocumentAdminPage(p: DocumentAdminProps) {
  const { c, doc } = p;
  const T = t(c);
  const stillPublic = doc.status === 'withdrawn' ? doc.interpretations.filter((r) => r.status === 'published') : [];
  return (
    <AdminPage c={c} title={doc.title} current={DOC_NAV} crumbs={crumbs(c, doc.title)}>
      <h1>{doc.title}</h1>
      {p.notices?.length ? <div class="notice" role="status">{p.notices.map((n) => <p>{T(n)}</p>)}</div> : null}
      {doc.return_reason && doc.status === 'draft' ? <p class="warn">{T({ zh: '退回原因', en: 'Returned because' })}：{doc.return_reason}</p> : null}
      {doc.withdrawal_reason && doc.status === 'withdrawn' ? <p class="warn">{T({ zh: '撤回原因', en: 'Withdrawn because' })}：{doc.withdrawal_reason}</p> : null}
      {stillPublic.length ? (
        <div class="warn">
          <p>{T({ zh: '本文件已撤回，但以下解读仍在公开，其“解读的政策文件”链接已不再显示。请确认是否需要撤回或修改：', en: 'This policy is withdrawn, but these interpretations are still public without their link to it. Decide whether to withdraw or edit them:' })}</p>
          <ul>{stillPublic.map((r) => <li><a href={`/admin/documents/${r.id}`}>{r.title}</a></li>)}</ul>
        </div>
      ) : null}
      <dl class="meta-box summary-list">
        <dt>{T({ zh: '索引号', en: 'Index no.' })}</dt><dd><code>{doc.index_no}</code></dd>
        <dt>{T({ zh: '所属单位', en: 'Unit' })}</dt><dd>{doc.unit.name}</dd>
        <dt>{T({ zh: '状态', en: 'Status' })}</dt><dd>{statusLabel(c, doc.status)}{doc.version ? ` · ${T({ zh: '第 {n} 版', en: 'version {n}' }, { n: doc.version })}` : ''}</dd>
        <dt>{T({ zh: '发布日期', en: 'Published' })}</dt><dd>{doc.publish_date ? formatDate(c.l, doc.publish_date) : T(M.none)}</dd>
        {doc.interprets ? <><dt>{T({ zh: '解读对象', en: 'Interprets' })}</dt><dd><a href={`/admin/documents/${doc.interprets.id}`}>{doc.interprets.title}</a></dd></> : null}
        {doc.interpretations.length ? <><dt>{T({ zh: '政策解读', en: 'Interpretations' })}</dt><dd>{doc.interpretations.map((r, i) => <>{i ? '、' : ''}<a href={`/admin/documents/${r.id}`}>{r.title}</a>（{statusLabel(c, r.status)}）</>)}</dd></> : null}
      </dl>
      <p class="toolbar">
        {doc.status === 'published' && doc.disclosure === 'proactive' ? <a href={docHref(doc.unit.slug, doc.id)}>{T({ zh: '查看门户页面', en: 'View on the portal' })}</a> : <a href={previewUrl(doc.id)}>{T({ zh: '预览（未发布）', en: 'Preview (not published)' })}</a>}
        <a href={`/admin/documents/${doc.id}/versions`}>{T({ zh: '版本记录', en: 'Version history' })}</a>
        <HistoryLink c={c} type="document" id={doc.id} unitPath={doc.unit.path} />
      </p>
      <TimelinessBox c={c} t={p.timeliness} />
      {p.editor ? (
        <>
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">{T({ zh: '文件信息', en: 'Details' })}</h2>
            <DocumentEditor c={c} {...p.editor} />
          </section>
          <Attachments c={c} doc={doc} canEdit maxMb={p.maxUploadMb} errors={p.attachmentErrors} />
        </>
      ) : (
        <>
          <ReviewContent c={c} doc={doc} unit={p.unit} />
          {p.attachmentErrors ? <p class="error" role="alert">{T(Object.values(p.attachmentErrors)[0])}</p> : null}
        </>
      )}
      <PersonalDataPanel c={c} doc={doc} report={p.pii.report} canRedact={p.pii.canRedact} errors={p.pii.errors} />
      {(p.panels ?? []) as never}
      <WorkflowPanel c={c} {...p.workflow} />
    </AdminPage>
  );
}

export function NewDocumentPage(p: { c: ViewContext; editor: Omit<EditorProps, 'c'> }) {
  const T = t(p.c);
  const title = T({ zh: '新建文件', en: 'New document' });
  return (
    <AdminPage c={p.c} title={title} current={DOC_NAV} crumbs={crumbs(p.c, title)}>
      <h1>{title}</h1>
      <DocumentEditor c={p.c} {...p.editor} />
    </AdminPage>
  );
}

// --- versions -----------------------------------------------------------------------------------

export function Segments(p: { segments: DiffSegment[] }) {
  return <>{p.segments.map((s) => (s.op === 'insert' ? <ins>{s.text}</ins> : s.op === 'delete' ? <del>{s.text}</del> : s.text))}</>;
}

export function VersionsPage(p: { c: ViewContext; doc: DocumentDetail; versions: VersionInfo[]; from: number | null; to: number | null; diff: VersionDiff | null }) {
  const { c, doc, diff } = p;
  const T = t(c);
  const title = T({ zh: '版本记录', en: 'Version history' });
  return (
    <AdminPage c={c} title={`${title} · ${doc.title}`} current={DOC_NAV} crumbs={crumbs(c, title, { href: `/admin/documents/${doc.id}`, label: doc.title })}>
      <h1>{title}：{doc.title}</h1>
      <p class="hint">{T({ zh: '每次发布和修改已发布信息都会保存一个版本（《条例》第五十三条：确保公开信息准确）。', en: 'Every publication and every edit of a published document keeps a version.' })}</p>
      <div class="table-scroll">
        <table class="data">
          <caption class="sr-only">{title}</caption>
          <thead><tr><th scope="col">{T({ zh: '版本', en: 'Version' })}</th><th scope="col">{T({ zh: '时间', en: 'Time' })}</th><th scope="col">{T({ zh: '操作人', en: 'By' })}</th><th scope="col">{T({ zh: '修改说明', en: 'Note' })}</th><th scope="col">{T({ zh: '比较', en: 'Compare' })}</th></tr></thead>
          <tbody>
            {p.versions.length ? p.versions.map((v) => (
              <tr>
                <td>{v.version}</td>
                <td>{formatDateTime(c.l, v.created_at)}</td>
                <td>{v.created_by_name}</td>
                <td>{v.change_note ?? ''}</td>
                <td>{v.version > 1 ? <a href={`/admin/documents/${doc.id}/versions?from=${v.version - 1}&to=${v.version}`}>{T({ zh: '与上一版比较', en: 'Compare with previous' })}<span class="sr-only"> {v.version}</span></a> : ''}</td>
              </tr>
            )) : <tr><td colSpan={5}>{T({ zh: '尚未发布，没有版本。', en: 'Not published yet: no versions.' })}</td></tr>}
          </tbody>
        </table>
      </div>
      {diff && p.from !== null && p.to !== null ? (
        <section aria-labelledby="h-diff" class="diff">
          <h2 id="h-diff">{T({ zh: '第 {a} 版 → 第 {b} 版的变化', en: 'Changes from version {a} to {b}' }, { a: p.from, b: p.to })}</h2>
          {!diff.changed ? <p>{T({ zh: '两个版本没有差别。', en: 'The versions are the same.' })}</p> : null}
          <p class="hint">{T({ zh: '新增 {i} 字，删除 {d} 字。', en: '{i} characters added, {d} removed.' }, { i: formatNumber(c.l, diff.stats.insertedChars), d: formatNumber(c.l, diff.stats.deletedChars) })}</p>
          {diff.fields.length ? (
            <table class="data">
              <caption>{T({ zh: '信息项', en: 'Fields' })}</caption>
              <thead><tr><th scope="col">{T({ zh: '项目', en: 'Field' })}</th><th scope="col">{T({ zh: '变化', en: 'Change' })}</th></tr></thead>
              <tbody>{diff.fields.map((f) => <tr><th scope="row">{tr(c.l, f.label)}</th><td><Segments segments={f.segments} /></td></tr>)}</tbody>
            </table>
          ) : null}
          {diff.body.some((b) => b.op !== 'equal') ? (
            <>
              <h3>{T({ zh: '正文', en: 'Body' })}</h3>
              <div class="diff-body">{diff.body.filter((b) => b.op !== 'equal').map((b) => <p class={`diff-${b.op}`}><Segments segments={b.segments} /></p>)}</div>
            </>
          ) : null}
          {diff.attachments.added.length || diff.attachments.removed.length ? (
            <>
              <h3>{T({ zh: '附件', en: 'Attachments' })}</h3>
              <ul>
                {diff.attachments.added.map((a) => <li><ins>{a.name}</ins></li>)}
                {diff.attachments.removed.map((a) => <li><del>{a.name}</del></li>)}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </AdminPage>
  );
}

// --- oversight lists ----------------------------------------------------------------------------

function SimpleTable(p: { c: ViewContext; caption: string; head: string[]; rows: ComponentChildren[][]; empty: Msg }) {
  return (
    <div class="table-scroll">
      <table class="data">
        <caption class="sr-only">{p.caption}</caption>
        <thead><tr>{p.head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{p.rows.length ? p.rows.map((r) => <tr>{r.map((x) => <td>{x}</td>)}</tr>) : <tr><td colSpan={p.head.length}>{tr(p.c.l, p.empty)}</td></tr>}</tbody>
      </table>
    </div>
  );
}

export function UninterpretedPage(p: { c: ViewContext; rows: { id: number; title: string; unit_name: string; publish_date: string | null }[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '未发布解读的政策文件', en: 'Policies published without an interpretation' });
  return (
    <AdminPage c={c} title={title} current={DOC_NAV} crumbs={crumbs(c, title)}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '政策文件与解读材料应同步组织、同步审签、同步部署（朝阳市2020年政务公开工作要点 第7点）。以下规章、规范性文件和其他政策文件已发布，但还没有已发布的解读。', en: 'Policies and their interpretations should be published together (2020 work points, item 7). These policies are published but have no published interpretation.' })}</p>
      <SimpleTable c={c} caption={title} empty={M.none}
        head={[T({ zh: '文件', en: 'Document' }), T({ zh: '单位', en: 'Unit' }), T({ zh: '发布日期', en: 'Published' }), T(M.actions)]}
        rows={p.rows.map((r) => [<a href={`/admin/documents/${r.id}`}>{r.title}</a>, r.unit_name, formatDate(c.l, r.publish_date), c.can('document.create') ? <a href={`/admin/documents/new?interprets=${r.id}`}>{T({ zh: '撰写解读', en: 'Write an interpretation' })}<span class="sr-only"> {r.title}</span></a> : ''])} />
    </AdminPage>
  );
}

export interface OverdueRow {
  id: number;
  title: string;
  unit_name: string;
  status: string;
  written_date: string;
  due: string;
  workdays: number;
  flags: Msg[];
}

function AdminPager(p: { c: ViewContext; page: number; pages: number; href: (n: number) => string }) {
  if (p.pages <= 1) return null;
  const T = t(p.c);
  return (
    <nav aria-label={T({ zh: '分页', en: 'Pages' })}>
      <ul class="pager">
        {p.page > 1 ? <li><a href={p.href(p.page - 1)} rel="prev">{T(M.prev)}</a></li> : null}
        <li><span aria-current="page">{T({ zh: '第 {p}/{q} 页', en: 'Page {p} of {q}' }, { p: p.page, q: p.pages })}</span></li>
        {p.page < p.pages ? <li><a href={p.href(p.page + 1)} rel="next">{T(M.next)}</a></li> : null}
      </ul>
    </nav>
  );
}

/**
 * 公开时效 oversight: unpublished documents already late (view=open, the longest overdue first) and
 * published documents that came out late, with the reason given (view=late). Both paginated; the
 * rows come from the stored deadlines (store/deadlines.ts).
 */
export function TimelinessPage(p: { c: ViewContext; view: 'open' | 'late'; open: Paged<OverdueRow> | null; late: Paged<LatePublishedRow> | null; openCount: number; lateCount: number }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '公开时效', en: 'Timeliness' });
  const tabs = (
    <nav aria-label={T({ zh: '公开时效列表', en: 'Timeliness lists' })}>
      <ul class="toolbar tabs">
        <li><a href="/admin/documents/timeliness" aria-current={p.view === 'open' ? 'page' : undefined}>{T({ zh: '超期未公开（{n}）', en: 'Overdue, not published ({n})' }, { n: formatNumber(c.l, p.openCount) })}</a></li>
        <li><a href="/admin/documents/timeliness?view=late" aria-current={p.view === 'late' ? 'page' : undefined}>{T({ zh: '已超期发布（{n}）', en: 'Published late ({n})' }, { n: formatNumber(c.l, p.lateCount) })}</a></li>
      </ul>
    </nav>
  );
  return (
    <AdminPage c={c} title={title} current={DOC_NAV} crumbs={crumbs(c, title)}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '主动公开的政府信息应自形成或变更之日起20个工作日内公开（《条例》第二十六条）；政策文件及其解读应在5个工作日内公开（2020年工作要点第6、7点）。', en: 'Proactive information is due within 20 working days of being written or changed (Art. 26); policies and interpretations within 5 (2020 work points 6–7).' })}</p>
      {tabs}
      {p.open ? (
        <>
          <h2 id="h-open">{T({ zh: '尚未发布且已超期的文件', en: 'Unpublished documents already late' })}</h2>
          <SimpleTable c={c} caption={T({ zh: '尚未发布且已超期的文件', en: 'Unpublished documents already late' })} empty={M.none}
            head={[T({ zh: '文件', en: 'Document' }), T({ zh: '单位', en: 'Unit' }), T({ zh: '状态', en: 'Status' }), T({ zh: '成文日期', en: 'Written' }), T({ zh: '应公开日期', en: 'Due' }), T({ zh: '已过工作日', en: 'Working days' }), T({ zh: '提示', en: 'Flags' })]}
            rows={p.open.rows.map((r) => [<a href={`/admin/documents/${r.id}`}>{r.title}</a>, r.unit_name, statusLabel(c, r.status), formatDate(c.l, r.written_date), formatDate(c.l, r.due), formatNumber(c.l, r.workdays), r.flags.map((f) => <span class="badge red">{T(f)}</span>)])} />
          <AdminPager c={c} page={p.open.page} pages={p.open.pages} href={(n) => `/admin/documents/timeliness?page=${n}`} />
        </>
      ) : null}
      {p.late ? (
        <>
          <h2 id="h-late">{T({ zh: '发布时已超期的文件', en: 'Documents published late' })}</h2>
          <SimpleTable c={c} caption={T({ zh: '发布时已超期的文件', en: 'Documents published late' })} empty={M.none}
            head={[T({ zh: '文件', en: 'Document' }), T({ zh: '单位', en: 'Unit' }), T({ zh: '成文日期', en: 'Written' }), T({ zh: '发布日期', en: 'Published' }), T({ zh: '第几个工作日', en: 'Working day' }), T({ zh: '超期原因', en: 'Reason given' })]}
            rows={p.late.rows.map((r) => [<a href={`/admin/documents/${r.id}`}>{r.title}</a>, r.unit_name, formatDate(c.l, r.written_date), formatDate(c.l, r.publish_date), r.timeliness_workdays === null ? '' : formatNumber(c.l, r.timeliness_workdays), r.late_reason ?? T({ zh: '（未记录）', en: '(none recorded)' })])} />
          <AdminPager c={c} page={p.late.page} pages={p.late.pages} href={(n) => `/admin/documents/timeliness?view=late&page=${n}`} />
        </>
      ) : null}
    </AdminPage>
  );
}
