/**
 * What the reviewer reads before certifying the 保密审查 (条例 第十七条) and the 个人信息检查
 * (第十五条): every metadata field, the document rendered exactly as the portal will show it (the
 * portal's own DocumentArticle, with staff links to unpublished attachments), and the personal
 * numbers found, with the redaction form. The workflow panel with the two ticks comes after these
 * on the page, so nobody can tick before the document has been on the screen.
 */
import type { ComponentChildren } from 'preact';
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import type { Unit } from '../../units/repository.ts';
import { disclosureOf, docTypeOf, interpretationKindOf, legalFormOf, validityOf, withheldGroundOf } from '../domain/taxonomy.ts';
import type { DocumentDetail, DocumentRef } from '../store/repository.ts';
import type { PersonalDataReport } from '../store/pii-scan.ts';
import { DocumentArticle, topicLabel } from './portal-views.tsx';

/** The staff download of an attachment (any status, scoped by the policy, never cached). */
export const staffAttachmentUrl = (a: { id: number; document_id: number }) => `/admin/documents/${a.document_id}/attachments/${a.id}`;
export const staffDocUrl = (r: { id: number }) => `/admin/documents/${r.id}`;
export const previewUrl = (id: number) => `/admin/documents/${id}/preview`;

/** The banner of a preview: it is not (yet) what the public sees. */
export function PreviewBanner(p: { c: ViewContext; doc: DocumentDetail }) {
  const T = t(p.c);
  const published = p.doc.status === 'published';
  return (
    <div class="preview-banner" role="note" aria-label={T({ zh: '预览', en: 'Preview' })}>
      <p>
        <strong>{published ? T({ zh: '预览 · 已发布', en: 'Preview · published' }) : T({ zh: '预览 · 未发布', en: 'Preview · not published' })}</strong>
        {published ? null : <> {T({ zh: '本页仅供本单位工作人员审阅，公众无法访问，也不会被搜索引擎收录。', en: 'Only staff can see this page; the public cannot, and search engines do not index it.' })}</>}
      </p>
      <p><a href={staffDocUrl(p.doc)}>{T({ zh: '返回文件管理', en: 'Back to the document' })}</a></p>
    </div>
  );
}

const refText = (r: DocumentRef | null) => (r ? <a href={staffDocUrl(r)}>{r.title}</a> : null);
const label = (c: ViewContext, m: Msg | undefined, raw: string | null) => (m ? tr(c.l, m) : (raw ?? ''));

/** Every field the document carries (the portal box shows only the 目录 subset). */
export function FullMetadata(p: { c: ViewContext; doc: DocumentDetail }) {
  const { c, doc: d } = p;
  const T = t(c);
  const rows: [Msg, ComponentChildren][] = [
    [{ zh: '索引号', en: 'Index no.' }, <code>{d.index_no}</code>],
    [{ zh: '标题', en: 'Title' }, d.title],
    [{ zh: '内容概述', en: 'Summary' }, d.summary],
    [{ zh: '发文机关', en: 'Issuing bodies' }, d.issuers.map((i) => i.name).join('、') || d.unit.name],
    [{ zh: '文号', en: 'Document no.' }, d.doc_number],
    [{ zh: '公文种类', en: 'Document type' }, label(c, docTypeOf(d.doc_type), d.doc_type)],
    [{ zh: '文件类别', en: 'Legal form' }, label(c, legalFormOf(d.legal_form), d.legal_form)],
    [{ zh: '规范性文件登记号', en: 'Registration no.' }, d.normative_reg_no],
    [{ zh: '成文日期', en: 'Date written' }, formatDate(c.l, d.written_date)],
    [{ zh: '变更日期', en: 'Date changed' }, formatDate(c.l, d.changed_date)],
    [{ zh: '生效日期', en: 'Effective' }, formatDate(c.l, d.effective_date)],
    [{ zh: '失效日期', en: 'Expires' }, formatDate(c.l, d.expiry_date)],
    [{ zh: '主题分类', en: 'Topic' }, topicLabel(c, d.topic_code)],
    [{ zh: '有效性', en: 'Validity' }, label(c, validityOf(d.validity), d.validity)],
    [{ zh: '修改文件', en: 'Amended by' }, refText(d.amendedBy)],
    [{ zh: '废止文件', en: 'Repealed by' }, refText(d.repealedBy)],
    [{ zh: '关键词', en: 'Keywords' }, d.keywords.join('、')],
    [{ zh: '信息来源', en: 'Source' }, d.source],
    [{ zh: '公开属性', en: 'Disclosure' }, <strong>{label(c, disclosureOf(d.disclosure), d.disclosure)}</strong>],
    [{ zh: '不公开理由', en: 'Reason for non-disclosure' }, d.disclosure_reason],
    [{ zh: '不予公开依据', en: 'Ground for withholding' }, (() => { const g = withheldGroundOf(d.withheld_ground); return g ? `${tr(c.l, g)}（${g.article}）` : d.withheld_ground; })()],
    [{ zh: '所属栏目', en: 'Columns' }, d.columns.map((x) => (c.l === 'en' ? x.name_en : x.name_zh)).join('、')],
    [{ zh: '专题', en: 'Special topics' }, d.topics.map((x) => (c.l === 'en' ? x.name_en : x.name_zh)).join('、')],
    [{ zh: '解读对象', en: 'Interprets' }, refText(d.interprets)],
    [{ zh: '解读形式', en: 'Interpretation kind' }, label(c, interpretationKindOf(d.interpretation_kind), d.interpretation_kind)],
  ];
  return (
    <dl class="summary-list full-meta">
      {rows.map(([k, v]) => (
        <>
          <dt>{T(k)}</dt>
          <dd>{v === null || v === undefined || v === '' ? <span class="hint">{T(M.none)}</span> : v}</dd>
        </>
      ))}
    </dl>
  );
}

/** The document as it will appear on the portal, inside the console page. */
export function ReviewContent(p: { c: ViewContext; doc: DocumentDetail; unit: Unit }) {
  const { c, doc } = p;
  const T = t(c);
  return (
    <section aria-labelledby="h-content" class="review-content">
      <h2 id="h-content">{T({ zh: '文件内容', en: 'The document' })}</h2>
      <p class="hint">
        {T({ zh: '审核前请阅读全部信息项和全文。下方按门户网站发布后的样式显示；', en: 'Read every field and the full text before the review. Below, as the portal will show it; ' })}
        <a href={previewUrl(doc.id)}>{T({ zh: '在新页面中预览', en: 'open the preview page' })}</a>
      </p>
      <h3 id="h-fields">{T({ zh: '全部信息项', en: 'All fields' })}</h3>
      <FullMetadata c={c} doc={doc} />
      <h3 id="h-rendered">{T({ zh: '发布后的样式', en: 'As published' })}</h3>
      <div class="rendered-preview">
        <DocumentArticle c={c} doc={doc} unit={p.unit} slugs={{}} canonicalUrl="" print={false} trail={[]} embedded
          preview={{ attachmentHref: staffAttachmentUrl, refHref: staffDocUrl }} />
      </div>
    </section>
  );
}

const STATE: Record<string, Msg> = {
  checked: { zh: '已检查文字内容', en: 'text checked' },
  unavailable: { zh: '无法提取文字，未能自动检查，请打开附件人工核查', en: 'no text could be extracted: open it and check by hand' },
  not_text: { zh: '图片，无法自动检查，请打开附件人工核查', en: 'an image: open it and check by hand' },
};

/** Why no text was extracted (attachment text_state, core/docs/extract-pool.ts). */
const REASON: Record<string, Msg> = {
  empty: { zh: '（文件中没有文字层，可能是扫描件）', en: ' (the file has no text layer; a scan?)' },
  too_large: { zh: '（文件解压后过大）', en: ' (it unpacks too large)' },
  timeout: { zh: '（提取文字超时）', en: ' (extraction took too long)' },
  out_of_memory: { zh: '（提取文字占用内存过多）', en: ' (extraction needed too much memory)' },
  unreadable: { zh: '（文件无法读取）', en: ' (the file could not be read)' },
  busy: { zh: '（服务器繁忙，下次检查时重试）', en: ' (the server was busy; tried again at the next check)' },
};

/**
 * 个人信息检查 (条例 第十五条): the numbers found in the current text, attachments and the version
 * history, each with where it appears, and — for those who may — the redaction form.
 */
export function PersonalDataPanel(p: { c: ViewContext; doc: DocumentDetail; report: PersonalDataReport; canRedact: boolean; errors?: Record<string, Msg> }) {
  const { c, doc, report } = p;
  const T = t(c);
  const redactable = report.findings.filter((f) => f.redactable);
  const manual = report.attachments.filter((a) => a.state !== 'checked');
  return (
    <section aria-labelledby="h-pii" class="card pii-check" id="pii">
      <h2 id="h-pii">{T({ zh: '个人信息检查（《条例》第十五条）', en: 'Personal-information check (Art. 15)' })}</h2>
      {report.findings.length ? (
        <p class="warn">{T({ zh: '自动检查发现 {n} 个疑似个人信息号码（身份证号、手机号、银行卡号）。请逐一核查：不应公开的请脱敏。', en: '{n} possible personal numbers found (ID card, mobile, bank card). Check each; redact what must not be published.' }, { n: report.findings.length })}</p>
      ) : (
        <p class="notice">{T({ zh: '自动检查未在标题、正文、附件和历史版本中发现身份证号、手机号或银行卡号。姓名、住址等其他个人信息仍须人工核查。', en: 'No ID, mobile or bank-card numbers were found in the title, body, attachments or versions. Names, addresses and other personal details still need a human check.' })}</p>
      )}
      {p.errors?.keys ? <p class="error" id="f-keys-err" role="alert">{T(p.errors.keys)}</p> : null}
      {report.findings.length ? (
        <form method="post" action={`/admin/documents/${doc.id}/redact`}>
          <input type="hidden" name="_csrf" value={c.csrf} />
          <div class="table-scroll">
            <table class="data">
              <caption class="sr-only">{T({ zh: '发现的疑似个人信息', en: 'Possible personal numbers found' })}</caption>
              <thead>
                <tr>
                  {p.canRedact ? <th scope="col">{T({ zh: '选择', en: 'Choose' })}</th> : null}
                  <th scope="col">{T({ zh: '号码（已遮盖）', en: 'Number (masked)' })}</th>
                  <th scope="col">{T({ zh: '类型', en: 'Kind' })}</th>
                  <th scope="col">{T({ zh: '位置', en: 'Where' })}</th>
                </tr>
              </thead>
              <tbody>
                {report.findings.map((f) => (
                  <tr>
                    {p.canRedact ? (
                      <td>{f.redactable ? <input type="checkbox" name="keys" value={f.key} id={`f-key-${f.key}`} aria-label={`${T({ zh: '脱敏', en: 'Redact' })} ${f.masked}`} /> : ''}</td>
                    ) : null}
                    <td><code>{f.masked}</code></td>
                    <td>{T(f.label)}{f.confidence === 'possible' ? <> <span class="badge amber">{T({ zh: '可能', en: 'possible' })}</span></> : null}</td>
                    <td>
                      {f.places.map((pl) => T(pl)).join('、')}
                      {f.inFile ? <span class="hint">{T({ zh: '（附件文件中的须更换附件）', en: ' (inside a file: replace the file)' })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.canRedact && redactable.length ? (
            <fieldset>
              <legend>{T({ zh: '脱敏所选号码（正文、信息项和全部历史版本）', en: 'Redact the chosen numbers (text, fields and every version)' })}</legend>
              <label class="check"><input type="radio" name="style" value="partial" checked /> {T({ zh: '部分遮盖（如 110101********1234）', en: 'Partly masked (e.g. 110101********1234)' })}</label>
              <label class="check"><input type="radio" name="style" value="full" /> {T({ zh: '全部遮盖（如 ******************）', en: 'Fully masked (e.g. ******************)' })}</label>
              <p><button type="submit" class="secondary">{T({ zh: '脱敏', en: 'Redact' })}</button></p>
            </fieldset>
          ) : null}
        </form>
      ) : null}
      {report.attachments.length ? (
        <>
          <h3 id="h-pii-att">{T({ zh: '附件检查', en: 'Attachments' })}</h3>
          <ul>
            {report.attachments.map((a) => (
              <li><a href={staffAttachmentUrl({ id: a.id, document_id: doc.id })}>{a.filename}</a>：{T(STATE[a.state])}{a.reason && REASON[a.reason] ? T(REASON[a.reason]) : ''}{a.state === 'checked' ? T({ zh: '，发现 {n} 处', en: ', {n} found' }, { n: a.found }) : ''}</li>
            ))}
          </ul>
          {manual.length ? <p class="warn">{T({ zh: '有 {n} 个附件未能自动检查，审核时请打开人工核查。', en: '{n} attachment(s) could not be checked automatically: open them during the review.' }, { n: manual.length })}</p> : null}
        </>
      ) : null}
    </section>
  );
}
