/**
 * How an application ends: every result of 《政府信息公开条例》 Art. 36 (and Arts. 30, 35, 37–39, 42),
 * each tied 1:1 to a row of table 3 of the annual report (国办公开办函〔2021〕30号 format, rows
 * 3.3.1 … 3.3.6.3 in annual-report.md). One case has exactly one result row; a reply that releases some
 * items and withholds others counts once, as 3.3.2 (部分公开, “区分处理的，只计这一情形”).
 *
 * Citation choices that the law leaves to practice (marked [practice]) should be confirmed with the
 * city's disclosure office; they are data here so that a change is one line.
 */
import { articleOrder } from './articles.ts';
import { fail, ok, type LocalizedText, type Result } from './rule-error.ts';

export { articleOrder };

export const REPORT_ROWS = [
  { code: '3.3.1', zh: '予以公开', en: 'released' },
  { code: '3.3.2', zh: '部分公开', en: 'partly released' },
  { code: '3.3.3.1', zh: '不予公开：属于国家秘密', en: 'refused: state secret' },
  { code: '3.3.3.2', zh: '不予公开：其他法律行政法规禁止公开', en: 'refused: prohibited by other laws' },
  { code: '3.3.3.3', zh: '不予公开：危及“三安全一稳定”', en: 'refused: endangers security or stability' },
  { code: '3.3.3.4', zh: '不予公开：保护第三方合法权益', en: 'refused: third-party rights' },
  { code: '3.3.3.5', zh: '不予公开：属于三类内部事务信息', en: 'refused: internal affairs' },
  { code: '3.3.3.6', zh: '不予公开：属于四类过程性信息', en: 'refused: process information' },
  { code: '3.3.3.7', zh: '不予公开：属于行政执法案卷', en: 'refused: law-enforcement case file' },
  { code: '3.3.3.8', zh: '不予公开：属于行政查询事项', en: 'refused: administrative query matter' },
  { code: '3.3.4.1', zh: '无法提供：本机关不掌握相关政府信息', en: 'cannot provide: not held by this organ' },
  { code: '3.3.4.2', zh: '无法提供：没有现成信息需要另行制作', en: 'cannot provide: would have to be created' },
  { code: '3.3.4.3', zh: '无法提供：补正后申请内容仍不明确', en: 'cannot provide: still unclear after correction' },
  { code: '3.3.5.1', zh: '不予处理：信访举报投诉类申请', en: 'not handled: petition, complaint or report' },
  { code: '3.3.5.2', zh: '不予处理：重复申请', en: 'not handled: repeated request' },
  { code: '3.3.5.3', zh: '不予处理：要求提供公开出版物', en: 'not handled: published works' },
  { code: '3.3.5.4', zh: '不予处理：无正当理由大量反复申请', en: 'not handled: massive repeated requests' },
  { code: '3.3.5.5', zh: '不予处理：要求行政机关确认或重新出具已获取信息', en: 'not handled: confirm or reissue information' },
  { code: '3.3.6.1', zh: '其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', en: 'other: correction not made in time' },
  { code: '3.3.6.2', zh: '其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', en: 'other: fee not paid in time' },
  { code: '3.3.6.3', zh: '其他处理：其他', en: 'other' },
] as const;

export type ReportRow = (typeof REPORT_ROWS)[number]['code'];

export const DISPOSITION_KEYS = [
  'already_public',
  'release',
  'partial',
  'refuse_state_secret',
  'refuse_law_prohibited',
  'refuse_security_stability',
  'refuse_third_party',
  'refuse_internal_affairs',
  'refuse_process_info',
  'refuse_enforcement_file',
  'refuse_admin_query',
  'not_held',
  'not_responsible',
  'needs_creation',
  'unclear_after_correction',
  'petition_complaint',
  'repeat_request',
  'publication',
  'excessive_requests',
  'confirm_or_reissue',
  'correction_lapsed',
  'fee_unpaid',
  'withdrawn',
  'other',
] as const;

export type DispositionKey = (typeof DISPOSITION_KEYS)[number];

/** The eight grounds of 不予公开 (rows 3.3.3.x); a withheld part of a partial release names one. */
export const REFUSAL_GROUNDS = [
  'refuse_state_secret',
  'refuse_law_prohibited',
  'refuse_security_stability',
  'refuse_third_party',
  'refuse_internal_affairs',
  'refuse_process_info',
  'refuse_enforcement_file',
  'refuse_admin_query',
] as const satisfies readonly DispositionKey[];

export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** Which step of the workflow ends a case with this result. */
export type DispositionVia = 'answer' | 'abandon' | 'fee_lapse' | 'withdraw';

/** Fields of a Disposition that must be filled for this result. */
export type DispositionField = 'reason' | 'released' | 'withheld' | 'access' | 'provision' | 'previous' | 'procedure';

export interface DispositionInfo {
  key: DispositionKey;
  row: ReportRow;
  label: LocalizedText;
  /** The item of Art. 36 this result is, when it is one (1–7). */
  art36Item?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** Articles of the 条例 the reply cites, in the order the letter names them. */
  articles: string[];
  /** Other rules the reply cites. */
  otherBasis?: string[];
  /**
   * The reply refuses, limits or ends the request, so it must tell the applicant of 行政复议 and
   * 行政诉讼 (行政复议法 Art. 20; 行政诉讼法 Art. 46; 条例 Art. 51).
   */
  remedies: boolean;
  /** Key of the letter template (letters.ts). */
  template: `reply.${DispositionKey}`;
  via: DispositionVia;
  requires: DispositionField[];
}

const A36 = (item: string) => `第三十六条第（${item}）项`;

function info(
  key: DispositionKey,
  row: ReportRow,
  label: LocalizedText,
  articles: string[],
  opts: Partial<Pick<DispositionInfo, 'art36Item' | 'otherBasis' | 'via' | 'requires'>> & { remedies?: boolean } = {},
): DispositionInfo {
  return {
    key,
    row,
    label,
    articles,
    remedies: opts.remedies ?? true,
    template: `reply.${key}`,
    via: opts.via ?? 'answer',
    requires: opts.requires ?? [],
    ...(opts.art36Item ? { art36Item: opts.art36Item } : {}),
    ...(opts.otherBasis ? { otherBasis: opts.otherBasis } : {}),
  };
}

export const DISPOSITIONS: Readonly<Record<DispositionKey, DispositionInfo>> = {
  // Art. 36(1): already proactively disclosed — tell the applicant how and where to get it. Counted as 予以公开.
  // Remedies even for a full grant (#14.8): Art. 51 opens 复议 and 诉讼 against any act of disclosure work,
  // not only refusals (what was released may not be what was asked, the form or fee may be contested),
  // and a reply that does not state the periods leaves the 6-month period open for up to a year.
  already_public: info('already_public', '3.3.1', { zh: '已主动公开，告知获取方式', en: 'already public: where to find it' }, [A36('一')], {
    art36Item: 1,
    requires: ['access'],
  }),
  // Art. 36(2): can be disclosed — provide it, or tell the way, channel and time of getting it.
  release: info('release', '3.3.1', { zh: '予以公开', en: 'released' }, [A36('二')], { art36Item: 2, requires: ['released', 'provision'] }),
  // Art. 37: separable — provide the disclosable part, give reasons for the rest.
  partial: info('partial', '3.3.2', { zh: '部分公开（区分处理）', en: 'partly released (Art. 37)' }, ['第三十七条', A36('二'), A36('三')], {
    requires: ['released', 'withheld', 'provision'],
  }),
  // Art. 14 (mandatory): state secrets; prohibited by law; endangers 国家安全、公共安全、经济安全、社会稳定.
  refuse_state_secret: info('refuse_state_secret', '3.3.3.1', { zh: '不予公开：属于国家秘密', en: 'refused: state secret' }, ['第十四条', A36('三')], {
    art36Item: 3,
    requires: ['reason'],
  }),
  refuse_law_prohibited: info(
    'refuse_law_prohibited',
    '3.3.3.2',
    { zh: '不予公开：法律、行政法规禁止公开', en: 'refused: prohibited by law' },
    ['第十四条', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  refuse_security_stability: info(
    'refuse_security_stability',
    '3.3.3.3',
    { zh: '不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定', en: 'refused: endangers security or stability' },
    ['第十四条', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  // Art. 15 with the consultation of Art. 32: trade secrets, personal privacy of a third party.
  refuse_third_party: info(
    'refuse_third_party',
    '3.3.3.4',
    { zh: '不予公开：涉及商业秘密、个人隐私等，公开会损害第三方合法权益', en: 'refused: third-party rights' },
    ['第十五条', '第三十二条', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  // Art. 16 ¶1: 人事管理、后勤管理、内部工作流程.
  refuse_internal_affairs: info(
    'refuse_internal_affairs',
    '3.3.3.5',
    { zh: '不予公开：属于内部事务信息', en: 'refused: internal affairs' },
    ['第十六条第一款', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  // Art. 16 ¶2: 讨论记录、过程稿、磋商信函、请示报告.
  refuse_process_info: info(
    'refuse_process_info',
    '3.3.3.6',
    { zh: '不予公开：属于过程性信息', en: 'refused: process information' },
    ['第十六条第二款', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  // Art. 16 ¶2: 行政执法案卷信息.
  refuse_enforcement_file: info(
    'refuse_enforcement_file',
    '3.3.3.7',
    { zh: '不予公开：属于行政执法案卷信息', en: 'refused: law-enforcement case file' },
    ['第十六条第二款', A36('三')],
    { art36Item: 3, requires: ['reason'] },
  ),
  // Art. 36(7): 工商、不动产登记资料 and the like, which other laws open through their own query procedure.
  // The 2021 report format counts this under 不予公开 as 行政查询事项. [practice]
  refuse_admin_query: info(
    'refuse_admin_query',
    '3.3.3.8',
    { zh: '属于行政查询事项，告知依照有关法律、行政法规的规定办理', en: 'administrative query matter: use the special procedure' },
    [A36('七')],
    { art36Item: 7, requires: ['procedure'] },
  ),
  // Art. 36(4): not found after a search — the information does not exist.
  not_held: info('not_held', '3.3.4.1', { zh: '经检索没有所申请公开的信息', en: 'not held after search' }, [A36('四')], { art36Item: 4 }),
  // Art. 36(5): not this organ's to disclose; name the responsible organ and its contact where known.
  not_responsible: info(
    'not_responsible',
    '3.3.4.1',
    { zh: '不属于本机关负责公开', en: 'not this organ’s information' },
    [A36('五')],
    { art36Item: 5, requires: ['reason'] },
  ),
  // Art. 38: only information already made or obtained; no creating, compiling or analysing on request.
  needs_creation: info('needs_creation', '3.3.4.2', { zh: '没有现成信息，需要另行制作', en: 'would have to be created' }, ['第三十八条']),
  // Art. 30 with Art. 36(4): the corrected application still does not identify the information. [practice]
  unclear_after_correction: info(
    'unclear_after_correction',
    '3.3.4.3',
    { zh: '补正后申请内容仍不明确', en: 'still unclear after correction' },
    ['第二十九条第二款', '第三十条'],
  ),
  // Art. 39 ¶1: petitions, complaints and reports go to their own channels.
  petition_complaint: info(
    'petition_complaint',
    '3.3.5.1',
    { zh: '属于信访、投诉、举报等事项，不作为政府信息公开申请处理', en: 'petition, complaint or report' },
    ['第三十九条第一款'],
  ),
  // Art. 36(6): the same information again after a reply — not handled again.
  repeat_request: info('repeat_request', '3.3.5.2', { zh: '重复申请，不予重复处理', en: 'repeated request' }, [A36('六')], {
    art36Item: 6,
    requires: ['previous'],
  }),
  // Art. 39 ¶2: 政府公报、报刊、书籍等公开出版物 — tell where to get them.
  publication: info('publication', '3.3.5.3', { zh: '要求提供公开出版物', en: 'published works' }, ['第三十九条第二款'], { requires: ['access'] }),
  // Art. 35: clearly unreasonable number or frequency, after asking for reasons.
  excessive_requests: info(
    'excessive_requests',
    '3.3.5.4',
    { zh: '无正当理由大量、频繁申请，不予处理', en: 'massive repeated requests without good reason' },
    ['第三十五条'],
    { requires: ['reason'] },
  ),
  // A request to confirm, or issue again, information the applicant already has is not a request for
  // existing government information (Art. 2) and asks the organ to make a new document (Art. 38). [practice]
  confirm_or_reissue: info(
    'confirm_or_reissue',
    '3.3.5.5',
    { zh: '要求行政机关确认或重新出具已获取信息', en: 'confirm or reissue information' },
    ['第二条', '第三十八条'],
  ),
  // Art. 30: no correction by the deadline without good reason = abandoned.
  correction_lapsed: info(
    'correction_lapsed',
    '3.3.6.1',
    { zh: '逾期未补正，视为放弃申请', en: 'correction not made in time: abandoned' },
    ['第三十条'],
    { via: 'abandon' },
  ),
  // Art. 42 and 国办函〔2020〕109号: the fee notice not paid within 20 working days.
  fee_unpaid: info('fee_unpaid', '3.3.6.2', { zh: '逾期未缴纳信息处理费，不再处理', en: 'fee not paid in time' }, ['第四十二条'], {
    otherBasis: ['《政府信息公开信息处理费管理办法》'],
    via: 'fee_lapse',
  }),
  // The applicant withdrew: counted as 其他 (annual-report.md). No remedies: nothing was decided against them.
  withdrawn: info('withdrawn', '3.3.6.3', { zh: '申请人撤回申请', en: 'withdrawn by the applicant' }, [], { remedies: false, via: 'withdraw' }),
  other: info('other', '3.3.6.3', { zh: '其他处理', en: 'other' }, [], { requires: ['reason'] }),
};

export interface ReleasedItem {
  /** What is provided, e.g. “《朝阳市2023年城市建设计划》（朝政发〔2023〕5号）”. */
  description: string;
}

export interface WithheldItem {
  description: string;
  ground: RefusalGround;
  /** 说明理由 (Art. 37: “对不予公开的内容说明理由”). */
  reason: string;
}

/** The result of a case as the handler records it; which fields matter depends on the key. */
export interface Disposition {
  key: DispositionKey;
  /** 说明理由: required for refusals (Art. 36(3)), Art. 36(5), Art. 35 and “其他”. */
  reason?: string;
  released?: ReleasedItem[];
  withheld?: WithheldItem[];
  /** Where and how the applicant gets information that is already public (Art. 36(1)) or published (Art. 39 ¶2). */
  access?: string;
  /** How and when the released information is provided (Art. 36(2), Art. 40). */
  provision?: string;
  /** The organ responsible for the information, when it can be determined (Art. 36(5)). */
  holder?: { name: string; contact?: string };
  /** The earlier reply to the same request (Art. 36(6)). */
  previous?: { number?: string; date: string };
  /** The procedure another law provides (Art. 36(7)), or the proper channel for a petition (Art. 39 ¶1). */
  procedure?: string;
  /** Rules other than the 条例 that the reason relies on, e.g. 《中华人民共和国统计法》第三十九条. */
  otherBasis?: string[];
}

export function dispositionInfo(key: DispositionKey): DispositionInfo {
  return DISPOSITIONS[key];
}

export function reportRowOf(d: Pick<Disposition, 'key'>): ReportRow {
  return DISPOSITIONS[d.key].row;
}

export function needsRemedies(d: Pick<Disposition, 'key'>): boolean {
  return DISPOSITIONS[d.key].remedies;
}

export function isRefusalGround(key: string): key is RefusalGround {
  return (REFUSAL_GROUNDS as readonly string[]).includes(key);
}

/**
 * The articles of the 条例 a reply cites: the result's own articles, and for a partial release also the
 * grounds of each withheld part, without repeats, in the order of the 条例.
 */
export function citedArticles(d: Disposition): string[] {
  const list = [...DISPOSITIONS[d.key].articles];
  if (d.key === 'partial') for (const w of d.withheld ?? []) list.push(...DISPOSITIONS[w.ground].articles);
  return [...new Set(list)].sort((a, b) => articleOrder(a) - articleOrder(b));
}

/** Other rules a reply cites, without repeats. */
export function citedOtherBasis(d: Disposition): string[] {
  return [...new Set([...(DISPOSITIONS[d.key].otherBasis ?? []), ...(d.otherBasis ?? [])])];
}

const FIELD_LABEL: Record<DispositionField, LocalizedText> = {
  reason: { zh: '理由', en: 'a reason' },
  released: { zh: '提供的信息', en: 'the released items' },
  withheld: { zh: '不予公开的部分及其理由', en: 'the withheld items with their grounds' },
  access: { zh: '获取信息的方式、途径', en: 'where and how to get it' },
  provision: { zh: '提供信息的方式、途径和时间', en: 'how and when it is provided' },
  previous: { zh: '此前作出的答复', en: 'the earlier reply' },
  procedure: { zh: '应当依照办理的程序或渠道', en: 'the procedure or channel to use' },
};

function filled(d: Disposition, field: DispositionField): boolean {
  switch (field) {
    case 'released':
      return (d.released ?? []).some((r) => r.description.trim().length > 0);
    case 'withheld':
      return (d.withheld ?? []).length > 0;
    case 'previous':
      return !!d.previous?.date;
    default:
      return typeof d[field] === 'string' && (d[field] as string).trim().length > 0;
  }
}

export type DispositionErrorCode = 'unknown_disposition' | 'disposition_incomplete' | 'bad_withheld_ground' | 'withheld_without_reason';

/** Checks that a disposition carries what its reply letter must say. */
export function validateDisposition(d: Disposition | undefined): Result<Disposition, DispositionErrorCode> {
  if (!d || !(d.key in DISPOSITIONS)) {
    return fail('unknown_disposition', `答复结果无法识别：${JSON.stringify(d?.key)}`, `unknown disposition ${JSON.stringify(d?.key)}`, '第三十六条');
  }
  const meta = DISPOSITIONS[d.key];
  for (const field of meta.requires) {
    if (!filled(d, field)) {
      const label = FIELD_LABEL[field];
      return fail(
        'disposition_incomplete',
        `“${meta.label.zh}”的答复须写明${label.zh}`,
        `a “${meta.label.en}” reply must state ${label.en}`,
        meta.articles[0] ? `${meta.articles[0]}` : undefined,
      );
    }
  }
  if (d.key === 'partial') {
    for (const w of d.withheld ?? []) {
      if (!isRefusalGround(w.ground)) {
        return fail(
          'bad_withheld_ground',
          `不予公开部分的理由须为第十四条至第十六条规定的情形之一，当前为 ${JSON.stringify(w.ground)}`,
          `a withheld part needs one of the refusal grounds of Arts. 14–16, got ${JSON.stringify(w.ground)}`,
          '第三十七条',
        );
      }
      if (!w.reason?.trim() || !w.description?.trim()) {
        return fail('withheld_without_reason', '对不予公开的内容应当说明理由', 'each withheld part needs a description and a reason', '第三十七条');
      }
    }
  }
  return ok(d);
}
