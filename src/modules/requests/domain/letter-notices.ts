/**
 * Letters sent while a case is handled: the receipt (回执), the correction notice (补正告知书, Art. 30),
 * the extension notice (延期答复告知书, Art. 33 ¶2), the notice asking for reasons (说明理由告知书, Art. 35),
 * the notice of a reasonable later period (延迟答复告知书, Art. 35), the consultation letter (征求意见函,
 * Arts. 32, 34), the fee notice (收费通知书, Art. 42 and 国办函〔2020〕109号) and the delivery record (送达回证).
 */
import type { DocModel } from '../../../core/docs/model.ts';
import { body, p } from '../../../core/docs/model.ts';
import { CHANNEL_LABELS, maskAddress, type Channel } from './applicant.ts';
import type { DeliveryMethod, FeeMethod } from './case.ts';
import {
  cite,
  cnDate,
  contactLine,
  formatDocNumber,
  LetterError,
  letterModel,
  numberedItems,
  receivedSentence,
  salutation,
  you,
  type DocNumber,
  type LetterBase,
  type OrganInfo,
} from './letter-parts.ts';

export interface ReceiptData extends LetterBase {
  channel: Channel;
  /** The case's registration number, for the applicant's enquiries. */
  caseNo?: string;
  /** The answer due date from the deadline engine, when known. */
  dueDate?: string;
  /** The secret query code that, with the case number, opens the status page (#14.8). */
  queryCode?: string;
}

export function buildReceipt(d: ReceiptData): DocModel {
  const y = you(d);
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开申请接收回执`,
    [
      salutation(d.applicant.name),
      body(
        `本机关于${cnDate(d.receivedOn)}收到${y}以${CHANNEL_LABELS[d.channel].zh}方式提交的政府信息公开申请` +
          `${d.caseNo ? `（登记编号：${d.caseNo}）` : ''}，申请获取“${d.request}”。`,
      ),
      body(
        `根据${cite(['第三十条', '第三十一条', '第三十三条'])}的规定，本机关将自收到申请之日起20个工作日内予以答复` +
          `${d.dueDate ? `（即${cnDate(d.dueDate)}前）` : ''}；需要延长答复期限的，经政府信息公开工作机构负责人同意后告知${y}，延长的期限最长不超过20个工作日。` +
          '征求第三方和其他机关意见所需时间不计算在答复期限内。申请内容需要补正的，本机关将自收到申请之日起7个工作日内一次性告知。',
      ),
      ...(d.caseNo
        ? [body(
          `${y}可凭查询编号和查询码在本机关政府信息公开平台的“申请查询”页面查询办理进度、下载文书。查询编号：${d.caseNo}；` +
            (d.queryCode ? `查询码：${d.queryCode}（请妥善保管，不要告知他人）。` : '查询码：与您网上提交申请时获得的查询码相同。'),
        )]
        : []),
      ...contactLine(d),
      body('特此回执。', { keepWithNext: true }),
    ],
    '政府信息公开申请接收回执',
  );
}

export interface CorrectionNoticeData extends LetterBase {
  /** Everything to correct, listed once (一次性告知). */
  items: string[];
  /** The reasonable deadline the organ sets. */
  correctBy: string;
}

export function buildCorrectionNotice(d: CorrectionNoticeData): DocModel {
  if (!d.items.length) throw new LetterError('missing_data', '补正告知书须列明需要补正的事项', 'the correction notice lists nothing to correct');
  const y = you(d);
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开申请补正告知书`,
    [
      salutation(d.applicant.name),
      body(
        `${receivedSentence(d)}经审查，${y}的申请内容不够明确，本机关无法据此确定${y}所需的政府信息。` +
          `根据${cite(['第二十九条', '第三十条'])}的规定，现一次性告知${y}需要补正的事项如下：`,
      ),
      ...numberedItems(d.items),
      body(
        `请${y}于${cnDate(d.correctBy)}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。` +
          `${y}无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。`,
      ),
      ...contactLine(d),
      body('特此告知。', { keepWithNext: true }),
    ],
    '政府信息公开申请补正告知书',
  );
}

export interface ExtensionNoticeData extends LetterBase {
  workdays: number;
  reason: string;
  /** The new due date from the deadline engine, when known. */
  newDueDate?: string;
}

export function buildExtensionNotice(d: ExtensionNoticeData): DocModel {
  if (!Number.isInteger(d.workdays) || d.workdays < 1 || d.workdays > 20) {
    throw new LetterError('missing_data', '延长的期限应为1至20个工作日（第三十三条第二款）', 'an extension is 1 to 20 working days (Art. 33 ¶2)');
  }
  const y = you(d);
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开申请延期答复告知书`,
    [
      salutation(d.applicant.name),
      body(
        `${receivedSentence(d)}因${d.reason.trim().replace(/[。，,；;]$/, '')}，本机关不能在法定期限内作出答复。` +
          `经本机关政府信息公开工作机构负责人同意，根据${cite(['第三十三条第二款'])}的规定，答复期限延长${d.workdays}个工作日` +
          `${d.newDueDate ? `，本机关将于${cnDate(d.newDueDate)}前向${y}作出答复` : ''}。`,
      ),
      ...contactLine(d),
      body('特此告知。', { keepWithNext: true }),
    ],
    '政府信息公开申请延期答复告知书',
  );
}

export interface ReasonsRequestData extends LetterBase {
  /** The number and frequency of the applicant's requests, e.g. “自2024年9月1日至9月30日，您共提出申请62件”. */
  facts: string;
  /** The date by which to give reasons. */
  replyBy: string;
}

/** Art. 35: the number or frequency of requests clearly exceeds a reasonable range — the applicant is asked why. */
export function buildReasonsRequest(d: ReasonsRequestData): DocModel {
  if (!d.facts.trim()) throw new LetterError('missing_data', '说明理由告知书须写明申请数量、频次的事实', 'the notice must state the number and frequency of requests');
  const y = you(d);
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开申请说明理由告知书`,
    [
      salutation(d.applicant.name),
      body(
        `${receivedSentence(d)}经审查，${d.facts.trim().replace(/[。，,；;]$/, '')}，${y}申请公开政府信息的数量、频次明显超过合理范围。` +
          `根据${cite(['第三十五条'])}的规定，请${y}于${cnDate(d.replyBy)}前以书面形式向本机关说明申请理由。`,
      ),
      body(
        `本机关收到${y}的说明后，认为申请理由不合理的，将告知${y}不予处理；认为申请理由合理，但是无法在${cite(['第三十三条'])}规定的期限内答复的，` +
          `将确定延迟答复的合理期限并告知${y}。${y}逾期未作说明的，本机关将根据已掌握的情况依法处理。`,
      ),
      ...contactLine(d),
      body('特此告知。', { keepWithNext: true }),
    ],
    '政府信息公开申请说明理由告知书',
  );
}

export interface DelayNoticeData extends LetterBase {
  /** When the applicant was asked for reasons (Art. 35). */
  reasonsRequestedOn?: string;
  /** Why the answer cannot be given within the Art. 33 period. */
  reason: string;
  /** The reasonable later due date the organ set. */
  dueDate: string;
}

/** Art. 35: the reasons are reasonable, the Art. 33 period cannot be met — the later date the organ set. */
export function buildDelayNotice(d: DelayNoticeData): DocModel {
  if (!d.reason.trim()) throw new LetterError('missing_data', '延迟答复告知书须写明无法按期答复的原因', 'the notice must say why the answer cannot be given in time');
  const y = you(d);
  const asked = d.reasonsRequestedOn ? `本机关于${cnDate(d.reasonsRequestedOn)}要求${y}说明申请理由，` : `本机关已要求${y}说明申请理由，`;
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开申请延迟答复告知书`,
    [
      salutation(d.applicant.name),
      body(
        `${receivedSentence(d)}因${y}申请公开政府信息的数量、频次明显超过合理范围，${asked}经审查，本机关认为${y}的申请理由合理。` +
          `因${d.reason.trim().replace(/[。，,；;]$/, '')}，本机关无法在${cite(['第三十三条'])}规定的期限内答复。`,
      ),
      body(`根据${cite(['第三十五条'])}的规定，本机关确定延迟答复的合理期限，将于${cnDate(d.dueDate)}前向${y}作出答复。`),
      ...contactLine(d),
      body('特此告知。', { keepWithNext: true }),
    ],
    '政府信息公开申请延迟答复告知书',
  );
}

export interface ConsultationLetterData {
  organ: OrganInfo;
  number: string | DocNumber;
  date: string;
  receivedOn: string;
  request: string;
  /** Art. 32: a third party whose rights may be affected; Art. 34: an organ that made the information with us. */
  recipient: { kind: 'third_party' | 'organ'; name: string };
  /** Why the recipient's interests are touched, e.g. “贵公司的投标报价等商业信息”. */
  concern?: string;
  seal?: string;
}

/**
 * The consultation letter. It does not name the applicant: the third party learns what is asked, not
 * who asks (the applicant's identity is personal information the consultation does not need).
 */
export function buildConsultationLetter(d: ConsultationLetterData): DocModel {
  const toParty = d.recipient.kind === 'third_party';
  const yours = toParty ? '贵方' : '贵机关';
  const blocks = toParty
    ? [
        body(
          `本机关于${cnDate(d.receivedOn)}收到一份政府信息公开申请，申请公开“${d.request}”。经审查，该信息可能涉及` +
            `${d.concern?.trim() ? d.concern.trim() : '贵方的商业秘密、个人隐私等'}，公开可能损害${yours}的合法权益。根据${cite(['第三十二条'])}的规定，现书面征求${yours}意见。`,
        ),
        body(
          `请${yours}自收到本函之日起15个工作日内书面提出意见；不同意公开的，请说明理由。${yours}逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。`,
        ),
        body(
          `${yours}不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知${yours}。`,
        ),
      ]
    : [
        body(
          `本机关于${cnDate(d.receivedOn)}收到一份政府信息公开申请，申请公开“${d.request}”。该信息由本机关与${yours}共同制作。` +
            `根据${cite(['第三十四条'])}的规定，现征求${yours}意见。`,
        ),
        body(`请${yours}自收到本函之日起15个工作日内提出意见；逾期未提出意见的，视为同意公开。`),
      ];
  return letterModel(
    d,
    toParty ? `${d.organ.name}\n政府信息公开第三方意见征询函` : `${d.organ.name}\n政府信息公开征求意见函`,
    [salutation(d.recipient.name), ...blocks, ...contactLine(d), body('特此函询。', { keepWithNext: true })],
    toParty ? '政府信息公开第三方意见征询函' : '政府信息公开征求意见函',
  );
}

export interface FeeNoticeData extends LetterBase {
  method: FeeMethod;
  amountYuan: number;
  /** The fact the fee rests on, e.g. “本月提出的第15件申请” or “共计需提供45页”. */
  basis: string;
  payBy: string;
  /** How to pay, e.g. the payment code or the account of the non-tax revenue system. */
  payment: string;
}

export function buildFeeNotice(d: FeeNoticeData): DocModel {
  const y = you(d);
  const how = d.method === 'per_request' ? '按件计收' : '按量计收';
  return letterModel(
    d,
    `${d.organ.name}\n政府信息公开信息处理费收费通知书`,
    [
      salutation(d.applicant.name),
      body(
        `${receivedSentence(d)}经审查，${d.basis.trim().replace(/[。，,]$/, '')}，超出了免予收费的范围。` +
          `根据${cite(['第四十二条'], ['《政府信息公开信息处理费管理办法》'])}的规定，按照${how}标准，${y}应当缴纳信息处理费${d.amountYuan}元。`,
      ),
      body(
        `请${y}于${cnDate(d.payBy)}前通过以下方式缴纳：${d.payment.trim().replace(/[。]$/, '')}。自本通知发出至${y}缴纳费用的期间，不计算在答复期限内。` +
          `${y}逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。`,
      ),
      ...contactLine(d),
      body('特此通知。', { keepWithNext: true }),
    ],
    '政府信息公开信息处理费收费通知书',
  );
}

export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  in_person: '直接送达',
  post: '邮寄送达',
  email: '电子邮件送达',
  online: '网上送达',
  fax: '传真送达',
};

export interface DeliveryRecordData {
  organ: OrganInfo;
  number: string | DocNumber;
  date: string;
  applicant: { name: string };
  /** The letters delivered, with their numbers. */
  documents: { title: string; number: string | DocNumber }[];
  method: DeliveryMethod;
  deliveredOn: string;
  /** Where: masked here, the record is kept in the file, not shown to others. */
  place?: string;
  /** The staff member who delivered. */
  server?: string;
  /** E.g. an EMS tracking number. */
  note?: string;
  seal?: string;
}

export function buildDeliveryRecord(d: DeliveryRecordData): DocModel {
  if (!d.documents.length) throw new LetterError('missing_data', '送达回证须列明送达的文书', 'the delivery record lists no document');
  const label = (text: string) => ({ text, bold: true });
  return letterModel(
    d,
    `${d.organ.name}\n送达回证`,
    [
      {
        type: 'table',
        widths: [1, 3],
        fontSize: 12,
        align: 'left',
        rows: [
          [label('送达文书'), d.documents.map((x) => `${x.title.replace(/\n/g, '')}（${formatDocNumber(x.number)}）`).join('\n')],
          [label('受送达人'), d.applicant.name],
          [label('送达方式'), DELIVERY_LABELS[d.method]],
          [label('送达地点'), d.place ? maskAddress(d.place) : ''],
          [label('送达时间'), cnDate(d.deliveredOn)],
          [label('受送达人签收'), '\n\n（签名）            年    月    日'],
          [label('送达人'), d.server ?? ''],
          [label('备注'), d.note ?? ''],
        ],
      },
      p(''),
    ],
    '送达回证',
  );
}
