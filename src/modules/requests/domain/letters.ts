/**
 * Every letter of the application workflow as a DocModel (src/core/docs), ready for renderDocx,
 * renderPdf or a text preview. `buildLetter(kind, data)` is the one entry point; `LETTER_KINDS` says for
 * each kind what it is called, which number sequence it draws from, which articles it cites and whether
 * it carries the remedies clause.
 *
 * The numbers themselves are the caller's: the lead stores one counter per unit × sequence × year and
 * passes the number in (`{ prefix, year, seq }` or a finished string).
 */
import { docToText, type DocModel } from '../../../core/docs/index.ts';
import { DISPOSITION_KEYS, DISPOSITIONS, type DispositionKey } from './dispositions.ts';
import {
  buildConsultationLetter,
  buildCorrectionNotice,
  buildDelayNotice,
  buildDeliveryRecord,
  buildExtensionNotice,
  buildFeeNotice,
  buildReasonsRequest,
  buildReceipt,
  type ConsultationLetterData,
  type CorrectionNoticeData,
  type DelayNoticeData,
  type DeliveryRecordData,
  type ExtensionNoticeData,
  type FeeNoticeData,
  type ReasonsRequestData,
  type ReceiptData,
} from './letter-notices.ts';
import { scrubModel, LetterError } from './letter-parts.ts';
import { buildReply, replyDocumentName, type ReplyData } from './letter-replies.ts';
import type { CaseState } from './case.ts';
import type { LocalizedText } from './rule-error.ts';

export type NoticeKind =
  | 'receipt'
  | 'correction_notice'
  | 'extension_notice'
  | 'reasons_request'
  | 'delay_notice'
  | 'consultation_letter'
  | 'fee_notice'
  | 'delivery_record';
export type ReplyKind = `reply.${DispositionKey}`;
export type LetterKind = NoticeKind | ReplyKind;

export interface LetterDataMap {
  receipt: ReceiptData;
  correction_notice: CorrectionNoticeData;
  extension_notice: ExtensionNoticeData;
  reasons_request: ReasonsRequestData;
  delay_notice: DelayNoticeData;
  consultation_letter: ConsultationLetterData;
  fee_notice: FeeNoticeData;
  delivery_record: DeliveryRecordData;
}
export type LetterData<K extends LetterKind> = K extends NoticeKind ? LetterDataMap[K] : ReplyData;

export interface LetterKindInfo {
  kind: LetterKind;
  label: LocalizedText;
  /** The second line of the title (the first is the organ's name). */
  title: string;
  /**
   * Number sequence the letter draws from. All replies share `reply`; each notice has its own. A unit
   * may give each sequence its own prefix.
   */
  sequence: 'reply' | NoticeKind;
  /** Suggested end of the prefix after the unit's abbreviation: 朝政办 + 公复 → 朝政办公复〔2024〕1号. */
  numberSuffix: string;
  /** Articles of the 条例 the letter cites. */
  articles: string[];
  remedies: boolean;
  /** The annual-report row, for replies. */
  row?: string;
}

const notice = (
  kind: NoticeKind,
  zh: string,
  en: string,
  numberSuffix: string,
  articles: string[],
): LetterKindInfo => ({ kind, label: { zh, en }, title: zh, sequence: kind, numberSuffix, articles, remedies: false });

export const LETTER_KINDS: Readonly<Record<LetterKind, LetterKindInfo>> = {
  receipt: notice('receipt', '政府信息公开申请接收回执', 'receipt', '公收', ['第三十条', '第三十一条', '第三十三条']),
  correction_notice: notice('correction_notice', '政府信息公开申请补正告知书', 'correction notice', '公补', ['第二十九条', '第三十条']),
  extension_notice: notice('extension_notice', '政府信息公开申请延期答复告知书', 'extension notice', '公延', ['第三十三条第二款']),
  // Art. 35: 说明理由 (公询) and the reasonable later period (公迟), each its own sequence.
  reasons_request: notice('reasons_request', '政府信息公开申请说明理由告知书', 'notice asking for reasons', '公询', ['第三十五条']),
  delay_notice: notice('delay_notice', '政府信息公开申请延迟答复告知书', 'notice of a later answer', '公迟', ['第三十三条', '第三十五条']),
  // Art. 32 for a third party; a letter to a co-making organ cites Art. 34 instead.
  consultation_letter: notice('consultation_letter', '政府信息公开第三方意见征询函', 'consultation letter', '公征', ['第三十二条']),
  fee_notice: notice('fee_notice', '政府信息公开信息处理费收费通知书', 'fee notice', '公费', ['第四十二条']),
  delivery_record: notice('delivery_record', '送达回证', 'delivery record', '公送', []),
  ...(Object.fromEntries(
    DISPOSITION_KEYS.map((key): [ReplyKind, LetterKindInfo] => {
      const d = DISPOSITIONS[key];
      const docName = replyDocumentName(key);
      return [
        `reply.${key}`,
        {
          kind: `reply.${key}`,
          label: { zh: `${docName}（${d.label.zh}）`, en: `reply (${d.label.en})` },
          title: docName === '答复书' ? '政府信息公开申请答复书' : '政府信息公开申请终止办理告知书',
          sequence: 'reply',
          numberSuffix: '公复',
          articles: d.articles,
          remedies: d.remedies,
          row: d.row,
        },
      ];
    }),
  ) as Record<ReplyKind, LetterKindInfo>),
};

/**
 * Notices that must have gone out before the case is answered (#14.8): the receipt, the correction
 * notice (条例 第三十条: 一次性告知) and the notices of a later answer (第三十三条第二款, 第三十五条). A reply
 * signed while one of them is an unissued draft would answer an applicant who was never told.
 */
export const NOTICES_BEFORE_ANSWER: readonly NoticeKind[] = ['receipt', 'correction_notice', 'extension_notice', 'delay_notice'];

/** The draft notices that block the answer, by kind; empty when the case may be answered. */
export function noticesBlockingAnswer(letters: readonly { kind: string; status: string }[]): NoticeKind[] {
  return NOTICES_BEFORE_ANSWER.filter((k) => letters.some((l) => l.kind === k && l.status === 'draft'));
}

/** The reply kind for a disposition. */
export const replyKind = (key: DispositionKey): ReplyKind => `reply.${key}`;

/** A unit's prefix for a letter kind: numberPrefix('朝政办', 'reply.release') → '朝政办公复'. */
export function numberPrefix(unitAbbreviation: string, kind: LetterKind): string {
  return `${unitAbbreviation.trim()}${LETTER_KINDS[kind].numberSuffix}`;
}

/**
 * Builds the letter. Throws LetterError when the data cannot make a lawful letter (no remedies
 * configured for a refusal, nothing to correct, a bad number). Identity numbers that slipped into any
 * free text are masked on the way out.
 */
export function buildLetter<K extends LetterKind>(kind: K, data: LetterData<K>): DocModel {
  let model: DocModel;
  switch (kind) {
    case 'receipt':
      model = buildReceipt(data as ReceiptData);
      break;
    case 'correction_notice':
      model = buildCorrectionNotice(data as CorrectionNoticeData);
      break;
    case 'extension_notice':
      model = buildExtensionNotice(data as ExtensionNoticeData);
      break;
    case 'reasons_request':
      model = buildReasonsRequest(data as ReasonsRequestData);
      break;
    case 'delay_notice':
      model = buildDelayNotice(data as DelayNoticeData);
      break;
    case 'consultation_letter':
      model = buildConsultationLetter(data as ConsultationLetterData);
      break;
    case 'fee_notice':
      model = buildFeeNotice(data as FeeNoticeData);
      break;
    case 'delivery_record':
      model = buildDeliveryRecord(data as DeliveryRecordData);
      break;
    default: {
      const reply = data as ReplyData;
      if (!(kind in LETTER_KINDS) || kind !== `reply.${reply.disposition?.key}`) {
        throw new LetterError('missing_data', `答复书类型与答复结果不一致：${kind}`, `letter kind ${kind} does not match the disposition ${reply.disposition?.key}`);
      }
      model = buildReply(reply);
    }
  }
  return scrubModel(model);
}

/** The facts of a case that a reply recites (correction, fee notice, withdrawal), for ReplyData.context. */
export function replyContextOf(c: CaseState): NonNullable<ReplyData['context']> {
  const ctx: NonNullable<ReplyData['context']> = {};
  if (c.correction) ctx.correction = { requestedOn: c.correction.requestedOn, correctBy: c.correction.correctBy, correctedOn: c.correction.correctedOn };
  if (c.fee) ctx.fee = { noticeOn: c.fee.noticeOn, payBy: c.fee.payBy };
  if (c.reasons) ctx.reasons = { requestedOn: c.reasons.requestedOn, replyBy: c.reasons.replyBy };
  if (c.disposition?.key === 'withdrawn' && c.concludedOn) ctx.withdrawnOn = c.concludedOn;
  return ctx;
}

/** The plain text of a letter (or any DocModel), for previews and tests. */
export const letterText = (model: DocModel): string => docToText(model);

export { formatDocNumber, LetterError, type DocNumber, type LetterBase, type OrganInfo, type RemediesConfig } from './letter-parts.ts';
export type { ReplyData } from './letter-replies.ts';
export type {
  ConsultationLetterData,
  CorrectionNoticeData,
  DelayNoticeData,
  DeliveryRecordData,
  ExtensionNoticeData,
  FeeNoticeData,
  ReasonsRequestData,
  ReceiptData,
} from './letter-notices.ts';
