/**
 * Demo only: the attachments of the demo documents, each made from its own document's data, so a
 * citizen who opens one reads what the page promised (issue #11 item 9, "attachments agree with the
 * body"):
 *  - a 印发 notice (关于印发《X》的通知) names “附件：X” in its body and carries X as a Word file: the
 *    title X, the 文号 of the notice it came with, the body's own sections and tables, the issuing
 *    organ and date; when the body gives X's text under a heading “X” (the column fill's 制度), only
 *    that text (`issuedPart`), not the covering notice;
 *  - a document whose body already names “附件：X” (土地征收预公告) carries X as a Word file with the
 *    body's figures, and for a 征收 the table of 范围、面积、现状、目的、补偿;
 *  - a 部门预算/决算 names “附件：<title>公开表” and carries it as a PDF of the body's own table.
 *
 *   attachmentName(rec)          → the name the body gives (adds the “附件：” line where the kind needs one)
 *   addDemoAttachments(records)  → the same records with `attachments` (DOCX / PDF bytes, base64)
 */
import { renderDocx, type Block, type DocModel } from '../../../core/docs/index.ts';
import type { ImportRecord } from '../store/importer.ts';
import { budgetPdf, budgetRows } from './budget-pdf.ts';

/** Every demo attachment says what it is, as the demo's pages do. */
const DEMO_NOTE = '【演示数据】本附件为平台演示用虚构内容，所涉单位、数字均非真实信息。';
const ATTACHMENT_LINE = /<p>附件：([^<]+)<\/p>/;
const ISSUING = /关于印发《?(.+?)》?的通知$/;
const TRAILING_DATE = /<p>\d{4}年\d{1,2}月\d{1,2}日<\/p>/;

const decode = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** A 部门预算/决算 with its table of figures (the column fill's progress reports have none). */
const isBudget = (r: ImportRecord) => !!r.columns?.includes('budgets-and-final-accounts') && /<table>/.test(r.bodyHtml ?? '');

/**
 * Puts “附件：name” after the body's text, before its closing date line (and before the issuing organ's
 * line just above that date, the 落款, when `organ` is given) and the demo mark.
 */
function withLine(html: string, name: string, organ?: string | null): string {
  const line = `<p>附件：${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
  let at = html.search(TRAILING_DATE);
  const signed = organ ? `<p>${organ.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>` : null;
  if (at >= 0 && signed && html.slice(0, at).endsWith(signed)) at -= signed.length;
  return at >= 0 ? html.slice(0, at) + line + html.slice(at) : html + line;
}

/**
 * The attachment a demo record carries, by the name its body gives; the line is added to the body
 * for the kinds that always have one (印发 notices, budgets). null: the record has no attachment.
 */
export function attachmentName(r: ImportRecord): string | null {
  const html = r.bodyHtml ?? '';
  const named = ATTACHMENT_LINE.exec(html);
  if (named) return decode(named[1]);
  let name: string | null = null;
  const m = ISSUING.exec(r.title ?? '');
  if (m) name = m[1].replace(/^《|》$/g, '');
  else if (isBudget(r)) name = `${(r.title ?? "").replace(/（\d{4}年\d{1,2}月\d{1,2}日）$/, "")}公开表`;
  if (!name) return null;
  r.bodyHtml = withLine(html, name, r.source);
  return name;
}

/** The body's headings, paragraphs and tables as document blocks (the 附件 line itself left out). */
export function bodyBlocks(html: string): Block[] {
  const out: Block[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p)>(.*?)<\/\1>|<table>(.*?)<\/table>/gs)) {
    if (m[3] !== undefined) {
      const rows = [...m[3].matchAll(/<tr>(.*?)<\/tr>/gs)].map((tr) => [...tr[1].matchAll(/<t[hd]>(.*?)<\/t[hd]>/gs)].map((c) => decode(c[1])));
      if (rows.length) out.push({ type: 'table', rows, headerRows: /<th>/.test(m[3]) ? 1 : 0 });
      continue;
    }
    const text = decode(m[2]).trim();
    if (!text || text.startsWith('附件：') || text.includes('详见附件')) continue; // the notice's pointer to the attachment is not part of it
    if (m[1] !== 'p' || /^[一二三四五六七八九十]+、/.test(text) && text.length <= 20) out.push({ type: 'heading', text, level: 1 });
    else out.push({ type: 'paragraph', runs: text, indent: true });
  }
  return out;
}

/**
 * The part of a 印发 notice's body that is the document it issues: from the heading that bears the
 * attachment's name (the column fill's 制度 put the rules under `<h2>name</h2>` after the covering
 * notice), without that heading, which becomes the attachment's title. A real attachment holds the
 * issued text only, not the covering notice (主送机关、“现将…印发给你们”、落款). Bodies without such a
 * heading are returned whole.
 */
export function issuedPart(html: string, name: string): string {
  const heading = `<h2>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h2>`;
  const at = html.indexOf(heading);
  return at >= 0 ? html.slice(at + heading.length) : html;
}

/** A 征收 预公告's own figures (village, hectares) as the table of its 方案. */
function expropriationTable(html: string): Block[] {
  const m = /拟征收(.+?)集体土地(\d+)公顷/.exec(decode(html));
  if (!m) return [];
  const [, village, ha] = m;
  return [
    { type: 'heading', text: '征收范围及补偿安置', level: 1 },
    {
      type: 'table', headerRows: 1, widths: [1, 3], align: 'left',
      rows: [['项目', '内容'], ['征收范围', `${village}集体土地（四至以实地勘测定界图为准）`], ['征收面积', `${ha}公顷`],
        ['土地现状', '以耕地为主，另有少量林地和农村道路'], ['征收目的', '公共利益需要（基础设施建设）'],
        ['补偿标准', '执行辽宁省人民政府公布的征地区片综合地价，地上附着物和青苗按规定另行补偿'], ['安置方式', '货币补偿，被征地农民纳入养老保险等社会保障体系']],
    },
  ];
}

/** The Word file of attachment `name` of record `r`: made from the record alone. */
export async function attachmentDocx(r: ImportRecord, name: string): Promise<Buffer> {
  const html = issuedPart(r.bodyHtml ?? '', name);
  // the issued text alone (a 制度, its title and articles): the covering notice carries the 落款
  const issuedOnly = html !== (r.bodyHtml ?? '');
  const blocks: Block[] = [...expropriationTable(html), ...bodyBlocks(html)];
  if (!blocks.some((b) => b.type === 'paragraph' && typeof b.runs === 'string' && b.runs.startsWith('【演示数据】'))) blocks.push({ type: 'paragraph', runs: DEMO_NOTE, indent: true });
  if (r.source && r.writtenDate && !issuedOnly) blocks.push({ type: 'signature', organ: r.source, date: r.writtenDate });
  const model: DocModel = {
    title: name,
    number: r.docNumber ? `（${r.docNumber}附件）` : undefined,
    blocks,
    footer: { text: `${r.title}（附件）`, pageNumbers: true },
    meta: { author: r.source ?? undefined, subject: r.title, keywords: ['演示数据'] },
  };
  return renderDocx(model);
}

/** Gives every demo record whose body names an attachment that attachment, made from the record. */
export async function addDemoAttachments(records: ImportRecord[]): Promise<number> {
  let n = 0;
  for (const r of records) {
    if (r.attachments?.length || r.status === 'draft') continue;
    const name = attachmentName(r);
    if (!name) continue;
    if (isBudget(r)) {
      // the attachment states the figures of the body's table, not others
      const pdf = await budgetPdf(name, budgetRows(r.bodyHtml ?? ''), { organ: r.source ?? undefined, date: r.writtenDate ?? undefined, note: DEMO_NOTE });
      r.attachments = [{ filename: `${name}.pdf`, contentBase64: pdf.toString('base64') }];
    } else {
      const docx = await attachmentDocx(r, name);
      r.attachments = [{ filename: `${name.replace(/[\\/:*?"<>|]/g, '')}.docx`, contentBase64: docx.toString('base64') }];
    }
    n++;
  }
  return n;
}
