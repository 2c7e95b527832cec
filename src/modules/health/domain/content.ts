/**
 * Checks on one published document and on messages:
 *   - metadata completeness (条例 第二十条; 国办公开办函〔2019〕61号 政府信息公开目录 fields:
 *     索引号、发布机构、主题分类、发布日期, and for policy documents 文号、成文日期、有效性 — reference.md §4.1);
 *   - 解读 missing (2020 plan point 7 解读材料随政策文件同步报送; the plan's 5 working days — §5.3);
 *   - messages past their answer deadline, and the veto of a message unanswered for 3 months
 *     (国办秘函〔2019〕19号 单项否决 第6项 互动回应差);
 *   - accessibility basics of the stored HTML (GB/T 37668-2019 一级: 非文本内容 text alternatives,
 *     链接目的, 标题 structure — reference.md §5.5).
 */
import { tokenize } from './html.ts';

export interface DocFacts {
  index_no: string | null;
  title: string;
  publish_date: string | null;
  topic_code: string | null;
  legal_form: string;
  doc_number: string | null;
  written_date: string | null;
  validity: string | null;
  issuers: number;
  interprets_id: number | null;
}

export type MetaField = 'index_no' | 'title' | 'publish_date' | 'issuer' | 'topic_code' | 'doc_number' | 'written_date' | 'validity';
export const POLICY_FORMS = new Set(['regulation', 'normative', 'other_policy']);

export function missingMetadata(d: DocFacts): MetaField[] {
  const out: MetaField[] = [];
  const empty = (v: string | null) => !v || !v.trim();
  if (empty(d.index_no)) out.push('index_no');
  if (empty(d.title)) out.push('title');
  if (empty(d.publish_date)) out.push('publish_date');
  if (d.issuers < 1) out.push('issuer');
  if (empty(d.topic_code)) out.push('topic_code');
  if (POLICY_FORMS.has(d.legal_form)) {
    // 规章 and 行政规范性文件 carry a 文号; 其他政策文件 may not (e.g. a plan issued without one)
    if (d.legal_form !== 'other_policy' && empty(d.doc_number)) out.push('doc_number');
    if (empty(d.written_date)) out.push('written_date');
    if (empty(d.validity)) out.push('validity');
  }
  return out;
}

export const INTERPRETATION_WORKDAYS = 5;

/**
 * A published policy without a published 解读 is a finding once `INTERPRETATION_WORKDAYS` working
 * days have passed since its publication (`dueOn` = publish date + 5 working days, computed by the
 * caller's calendar). Before that it is only pending.
 */
export function interpretationMissing(p: { legal_form: string; publish_date: string | null; interpreted: boolean; dueOn: string | null }, today: string): boolean {
  return POLICY_FORMS.has(p.legal_form) && !p.interpreted && !!p.publish_date && !!p.dueOn && today > p.dueOn;
}

/** A message still waiting for its answer after its due day; `veto` after 3 months unanswered. */
export function messageOverdue(m: { status: string; received_on: string; due_on: string }, today: string): { overdue: boolean; veto: boolean } {
  if (m.status !== 'received' && m.status !== 'assigned') return { overdue: false, veto: false };
  const threeMonths = new Date(Date.parse(m.received_on + 'T00:00:00Z'));
  threeMonths.setUTCMonth(threeMonths.getUTCMonth() + 3);
  return { overdue: today > m.due_on, veto: today > threeMonths.toISOString().slice(0, 10) };
}

export type A11yIssue = 'img-alt' | 'empty-link' | 'heading-order' | 'empty-heading' | 'table-header';

/** Accessibility basics of stored HTML, each kind with its count. */
export function accessibilityIssues(html: string): Partial<Record<A11yIssue, number>> {
  const out: Partial<Record<A11yIssue, number>> = {};
  const add = (k: A11yIssue) => { out[k] = (out[k] ?? 0) + 1; };
  // the page's h1 is the title and its metadata box an h2, so a body may open at h2 or h3, then not skip a level
  let level = 2;
  let link: { text: string; label: boolean } | null = null;
  let heading: { text: string } | null = null;
  let table: { th: boolean } | null = null;
  for (const t of tokenize(html)) {
    if ('text' in t) {
      if (link) link.text += t.text;
      if (heading) heading.text += t.text;
      continue;
    }
    const { name, closing, attrs } = t.tag;
    if (name === 'img' && !closing) {
      // alt="" marks a decorative image (allowed); no alt at all is the failure
      if (!('alt' in attrs)) add('img-alt');
      if (link && attrs.alt?.trim()) link.label = true;
    } else if (name === 'a') {
      if (!closing) link = { text: '', label: !!(attrs['aria-label']?.trim() || attrs.title?.trim()) };
      else if (link) {
        if (!link.text.trim() && !link.label) add('empty-link');
        link = null;
      }
    } else if (/^h[1-6]$/.test(name)) {
      const n = Number(name[1]);
      if (!closing) {
        if (n > level + 1) add('heading-order');
        level = n;
        heading = { text: '' };
      } else if (heading) {
        if (!heading.text.trim()) add('empty-heading');
        heading = null;
      }
    } else if (name === 'table') {
      if (!closing) table = { th: false };
      else if (table) {
        if (!table.th) add('table-header');
        table = null;
      }
    } else if (name === 'th' && !closing && table) table.th = true;
  }
  return out;
}
