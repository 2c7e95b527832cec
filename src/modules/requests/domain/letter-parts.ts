/**
 * Pieces every letter shares: the data common to all letters, the 文号, citations of the 条例, the
 * opening and closing of a letter, and the remedies clause. The letter texts are our own wording in the
 * register of official letters (公文).
 */
import { formatChineseDate, type Block, type DocModel, type Inline } from '../../../core/docs/index.ts';
import { body, p } from '../../../core/docs/model.ts';
import { findIdNumbers, maskIdNumber } from './applicant.ts';
import { articleOrder } from './dispositions.ts';
import { REGULATION } from './rule-error.ts';

/** A 文号: `朝政办公复〔2024〕15号` from { prefix: '朝政办公复', year: 2024, seq: 15 }. */
export interface DocNumber {
  prefix: string;
  year: number;
  seq: number;
}

/** Where a refused applicant may turn; configured per unit (行政复议法 2023 changed who hears 复议). */
export interface RemediesConfig {
  /** E.g. 朝阳市人民政府. */
  reconsiderationOrgan: string;
  /** E.g. 朝阳市双塔区人民法院. */
  court: string;
}

export interface OrganInfo {
  /** Full name of the organ in whose name the letter goes out. */
  name: string;
  /** Office contact printed on notices, e.g. “联系电话：0421-2612345”. Never the applicant's. */
  contact?: string;
  remedies?: RemediesConfig;
}

export interface LetterBase {
  organ: OrganInfo;
  number: string | DocNumber;
  /** Date of the letter, YYYY-MM-DD. */
  date: string;
  /** The addressee: the name only. Identity numbers, phones and addresses never go into a letter's body. */
  applicant: { name: string; organization?: boolean };
  /** Receipt date of the application (Art. 31), YYYY-MM-DD. */
  receivedOn: string;
  /** The information requested, as the applicant described it (short). */
  request: string;
  /** Placeholder text where the seal goes, e.g. “（印章）”. */
  seal?: string;
}

export class LetterError extends Error {
  constructor(
    readonly code: 'bad_number' | 'remedies_not_configured' | 'missing_data',
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = 'LetterError';
  }
}

export function formatDocNumber(n: string | DocNumber): string {
  if (typeof n === 'string') {
    if (!n.trim()) throw new LetterError('bad_number', '文号不能为空', 'the document number is empty');
    return n.trim();
  }
  if (!n.prefix.trim() || !Number.isInteger(n.year) || n.year < 1949 || n.year > 9999 || !Number.isInteger(n.seq) || n.seq < 1) {
    throw new LetterError('bad_number', '文号的机关代字、年份或序号无效', `bad document number ${JSON.stringify(n)}`);
  }
  // GB/T 9704 §7.2.4: the year in 六角括号〔〕, the serial without leading zeros, then 号.
  return `${n.prefix.trim()}〔${n.year}〕${n.seq}号`;
}

export const cnDate = formatChineseDate;

/** “《中华人民共和国政府信息公开条例》第十五条、第三十二条” plus any other rules, in the order of the law. */
export function cite(articles: readonly string[], otherBasis: readonly string[] = []): string {
  const sorted = [...new Set(articles)].sort((a, b) => articleOrder(a) - articleOrder(b));
  const parts: string[] = [];
  if (sorted.length) parts.push(`${REGULATION}${sorted.join('、')}`);
  parts.push(...otherBasis);
  return parts.join('和');
}

/** “您” to a person, “贵单位” to an organisation. */
export const you = (b: Pick<LetterBase, 'applicant'>): string => (b.applicant.organization ? '贵单位' : '您');

/** The salutation line “王小明：” (no indent, GB/T 9704 §7.3.2). */
export const salutation = (name: string): Block => p(`${name}：`);

/** “本机关于2024年10月8日收到您提出的政府信息公开申请，申请获取“…”。” */
export function receivedSentence(b: LetterBase): string {
  return `本机关于${cnDate(b.receivedOn)}收到${you(b)}提出的政府信息公开申请，申请获取“${b.request}”。`;
}

/**
 * The remedies clause: 行政复议 within 60 days of knowing (行政复议法 Art. 20) to the configured organ,
 * or 行政诉讼 within 6 months (行政诉讼法 Art. 46) to the configured court.
 */
export function remediesClause(b: LetterBase, documentName: string): Block {
  const r = b.organ.remedies;
  if (!r || !r.reconsiderationOrgan.trim() || !r.court.trim()) {
    throw new LetterError(
      'remedies_not_configured',
      '本文书须告知申请人救济途径，请先为本单位配置行政复议机关和管辖法院',
      'this letter must state the remedies: configure the reconsideration organ and the court for the unit',
    );
  }
  const subject = b.applicant.organization ? '贵单位' : '您';
  return body(
    `${subject}如对本${documentName}不服，可以自收到本${documentName}之日起60日内向${r.reconsiderationOrgan}申请行政复议，` +
      `或者自收到本${documentName}之日起6个月内向${r.court}提起行政诉讼。`,
  );
}

export function numberedItems(items: readonly string[]): Block[] {
  return items.map((item, i) => body(`${i + 1}.${item}`));
}

/** Scrubs identity numbers from text that came from outside (an applicant's description may carry one). */
export function scrub(text: string): string {
  let out = text;
  for (const id of findIdNumbers(text)) out = out.split(id).join(maskIdNumber(id));
  return out;
}

function scrubInline(r: Inline): Inline {
  return typeof r === 'string' ? scrub(r) : { ...r, text: scrub(r.text) };
}

/** The whole model with identity numbers masked, wherever they slipped in. */
export function scrubModel(m: DocModel): DocModel {
  const blocks = m.blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
        return { ...b, text: scrub(b.text) };
      case 'paragraph':
        return { ...b, runs: typeof b.runs === 'string' ? scrub(b.runs) : b.runs.map(scrubInline) };
      case 'table':
        return {
          ...b,
          rows: b.rows.map((row) =>
            row.map((c) => (typeof c === 'string' ? scrub(c) : { ...c, text: c.text && scrub(c.text), runs: c.runs?.map(scrubInline) })),
          ),
        };
      default:
        return b;
    }
  });
  return { ...m, title: scrub(m.title), blocks };
}

/** Title, number, body and the organ's signature, as every letter ends. */
export function letterModel(b: Pick<LetterBase, 'organ' | 'number' | 'date' | 'seal'>, title: string, blocks: Block[], subject: string): DocModel {
  return {
    title,
    number: formatDocNumber(b.number),
    blocks: [...blocks, { type: 'signature', organ: b.organ.name, date: b.date, ...(b.seal ? { seal: b.seal } : {}) }],
    footer: { pageNumbers: true },
    meta: { author: b.organ.name, subject },
  };
}

export function contactLine(b: Pick<LetterBase, 'organ'>): Block[] {
  return b.organ.contact ? [body(b.organ.contact)] : [];
}
