// Validation and normalisation of a document's metadata (the 政府信息公开目录 fields).
//
// Returns every problem at once, each with its field name and a zh/en message, so a form can
// mark all of them. Two modes: 'draft' checks only what is filled in; 'publish' also requires
// what the 目录 must show (条例 第十二条: 索引、名称、内容概述、生成日期; the 索引号 is generated).
// Field names match diff.ts FIELD_LABELS.

import { parseDocNumber } from './docnumber.ts';
import {
  disclosureOf, docTypeOf, findTopic, interpretationKindOf, legalFormOf, validityOf, withheldGroundOf,
} from './taxonomy.ts';
import type {
  DisclosureCode, DocTypeCode, InterpretationKindCode, Label, LegalFormCode, ValidityCode, WithheldGroundCode,
} from './taxonomy.ts';

export interface DocumentMetadata {
  title: string;
  summary: string | null;
  /** Unit ids of the 发文机关; more than one for a joint document (联合发文, 条例 第十条第三款). */
  issuingUnits: string[];
  docNumber: string | null;
  docType: DocTypeCode | null;
  legalForm: LegalFormCode;
  normativeRegNo: string | null;
  writtenDate: string | null;
  publishDate: string | null;
  effectiveDate: string | null;
  expiryDate: string | null;
  topic: string | null;
  validity: ValidityCode | null;
  amendedBy: string | null;
  repealedBy: string | null;
  keywords: string[];
  source: string | null;
  disclosure: DisclosureCode;
  disclosureReason: string | null;
  withheldGround: WithheldGroundCode | null;
  column: string | null;
  interpretationOf: string | null;
  interpretationKind: InterpretationKindCode | null;
}

export interface FieldError {
  field: keyof DocumentMetadata;
  code: string;
  message: Label;
}

export interface ValidateOptions {
  mode?: 'draft' | 'publish';
  /** Today (Asia/Shanghai); enables the date-versus-validity checks. */
  today?: string;
  /** The document's own id, to refuse self-links. */
  selfId?: string;
}

export type ValidationResult =
  | { ok: true; value: DocumentMetadata; warnings: FieldError[] }
  | { ok: false; errors: FieldError[]; warnings: FieldError[] };

export const LIMITS = {
  titleMin: 2,
  titleMax: 200,
  summaryMax: 1000,
  issuingUnitsMax: 20,
  keywordsMax: 10,
  keywordMax: 20,
  sourceMax: 100,
  reasonMin: 5,
  reasonMax: 500,
  regNoMax: 50,
  idMax: 64,
} as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1949 || y > 2099 || mo < 1 || mo > 12 || d < 1) return false;
  // Day count of the month without Date (no time-zone involvement).
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Collapses whitespace and removes control characters. */
function cleanLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function validateDocumentMetadata(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const mode = options.mode ?? 'draft';
  const publish = mode === 'publish';
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const err = (field: keyof DocumentMetadata, code: string, zh: string, en: string) => errors.push({ field, code, message: { zh, en } });
  const warn = (field: keyof DocumentMetadata, code: string, zh: string, en: string) => warnings.push({ field, code, message: { zh, en } });

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    err('title', 'invalid_input', '提交的数据格式不正确', 'The submitted data is not an object');
    return { ok: false, errors, warnings };
  }
  const raw = input as Record<string, unknown>;

  // Optional string field: type check, trim, length.
  const str = (field: keyof DocumentMetadata, max: number, label: string, multiline = false): string | null => {
    const v = raw[field];
    if (blank(v)) return null;
    if (typeof v !== 'string') {
      err(field, 'type', `${label}应为文本`, `${field} must be text`);
      return null;
    }
    // eslint-disable-next-line no-control-regex -- keep \n and \t, drop other control characters
    const s = multiline ? v.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim() : cleanLine(v);
    if (s.length > max) err(field, 'too_long', `${label}不能超过${max}个字`, `${field} must be at most ${max} characters`);
    return s;
  };
  const date = (field: keyof DocumentMetadata, label: string): string | null => {
    const v = raw[field];
    if (blank(v)) return null;
    if (!isValidDate(v)) {
      err(field, 'invalid_date', `${label}不是有效日期（格式为YYYY-MM-DD）`, `${field} must be a valid YYYY-MM-DD date`);
      return null;
    }
    return v;
  };
  const code = <T>(field: keyof DocumentMetadata, lookup: (c: unknown) => T | undefined, label: string): T | null => {
    const v = raw[field];
    if (blank(v)) return null;
    const hit = lookup(v);
    if (!hit) err(field, 'invalid_code', `${label}的取值无效`, `${field} has an unknown value`);
    return hit ?? null;
  };
  const id = (field: keyof DocumentMetadata, label: string): string | null => {
    const s = str(field, LIMITS.idMax, label);
    if (s && options.selfId && s === options.selfId) err(field, 'self_link', `${label}不能指向本文件`, `${field} cannot point to this document`);
    return s;
  };

  // 标题 / 名称 (条例 第十二条).
  const title = str('title', LIMITS.titleMax, '标题') ?? '';
  if (title === '' && !errors.some((e) => e.field === 'title')) err('title', 'required', '请填写标题', 'The title is required');
  else if (title !== '' && title.length < LIMITS.titleMin) err('title', 'too_short', `标题至少${LIMITS.titleMin}个字`, `The title must be at least ${LIMITS.titleMin} characters`);

  // 内容概述 (条例 第十二条) — required for the 目录 at publication.
  const summary = str('summary', LIMITS.summaryMax, '内容概述', true);
  if (publish && summary === null) err('summary', 'required', '发布前须填写内容概述', 'A summary is required to publish');

  // 发文机关: at least one; joint documents list several (条例 第十条第三款: the lead body first).
  const issuingUnits: string[] = [];
  const units = raw.issuingUnits;
  if (!Array.isArray(units) || units.length === 0) {
    err('issuingUnits', 'required', '请至少选择一个发文机关', 'Select at least one issuing body');
  } else if (units.some((u) => typeof u !== 'string' || u.trim() === '' || u.length > LIMITS.idMax)) {
    err('issuingUnits', 'type', '发文机关的取值无效', 'Invalid issuing body');
  } else {
    for (const u of units as string[]) if (!issuingUnits.includes(u.trim())) issuingUnits.push(u.trim());
    if (issuingUnits.length > LIMITS.issuingUnitsMax) err('issuingUnits', 'too_many', `发文机关不能超过${LIMITS.issuingUnitsMax}个`, 'Too many issuing bodies');
  }

  // 文号, normalised to GB/T 9704 form.
  let docNumber: string | null = null;
  if (!blank(raw.docNumber)) {
    const parsed = parseDocNumber(raw.docNumber);
    if (parsed.ok) docNumber = parsed.normalized;
    else errors.push({ field: 'docNumber', code: `doc_number_${parsed.code}`, message: parsed.message });
  }

  const docType = code('docType', docTypeOf, '公文种类')?.code ?? null;
  if (publish && blank(raw.docType)) err('docType', 'required', '发布前须选择公文种类', 'A document type is required to publish');
  const legalForm = blank(raw.legalForm) ? 'none' : (code('legalForm', legalFormOf, '文件类别')?.code ?? 'none');
  const isPolicy = legalFormOf(legalForm)?.isPolicy ?? false;
  const normativeRegNo = str('normativeRegNo', LIMITS.regNoMax, '规范性文件登记号');
  // 国办发〔2018〕37号: 行政规范性文件 统一登记、统一编号 — local practice varies, so only a warning.
  if (publish && legalForm === 'normative' && !normativeRegNo) {
    warn('normativeRegNo', 'recommended', '行政规范性文件一般应有统一登记编号', 'Normative documents usually carry a registration number');
  }
  if (legalForm === 'regulation' && docType && docType !== 'order') {
    warn('docType', 'regulation_by_order', '规章一般以“令”的形式公布', 'Government rules are normally issued as an order (令)');
  }

  // Dates. 成文日期 is the 生成日期 of 条例 第十二条 and the start of the 第二十六条 clock.
  const writtenDate = date('writtenDate', '成文日期');
  const publishDate = date('publishDate', '发布日期');
  const effectiveDate = date('effectiveDate', '生效日期');
  const expiryDate = date('expiryDate', '失效日期');
  if (publish && blank(raw.writtenDate)) err('writtenDate', 'required', '发布前须填写成文日期', 'The date written is required to publish');
  if (writtenDate && publishDate && publishDate < writtenDate) {
    err('publishDate', 'before_written', '发布日期不能早于成文日期', 'The publication date cannot be before the date written');
  }
  if (effectiveDate && expiryDate && expiryDate < effectiveDate) {
    err('expiryDate', 'before_effective', '失效日期不能早于生效日期', 'The expiry date cannot be before the effective date');
  }

  // 主题分类 (gov.cn taxonomy).
  let topic: string | null = null;
  if (!blank(raw.topic)) {
    const t = typeof raw.topic === 'string' ? findTopic(raw.topic.trim()) : null;
    if (t) topic = t.l2?.code ?? t.l1.code;
    else err('topic', 'invalid_code', '主题分类无效，请选择到二级分类', 'Unknown topic; choose a second-level topic');
  } else if (publish) err('topic', 'required', '发布前须选择主题分类', 'A topic is required to publish');

  // 有效性 and its links (reference.md §4.5).
  const validity = code('validity', validityOf, '有效性')?.code ?? null;
  if (publish && isPolicy && validity === null && blank(raw.validity)) {
    err('validity', 'required', '政策文件须标注有效性', 'Policy documents need a validity status');
  }
  const amendedBy = id('amendedBy', '修改文件');
  const repealedBy = id('repealedBy', '废止文件');
  if (validity === 'amended' && !amendedBy) err('amendedBy', 'required', '有效性为“已修改”时须关联修改该文件的文件', 'Link the amending document');
  if (validity === 'repealed' && !repealedBy) err('repealedBy', 'required', '有效性为“已废止”时须关联废止该文件的文件', 'Link the repealing document');
  if (amendedBy && validity !== 'amended') err('amendedBy', 'not_applicable', '只有“已修改”的文件才关联修改文件', 'Only amended documents link an amending document');
  if (repealedBy && validity !== 'repealed') err('repealedBy', 'not_applicable', '只有“已废止”的文件才关联废止文件', 'Only repealed documents link a repealing document');
  if (validity === 'not_yet_effective' && !effectiveDate && !errors.some((e) => e.field === 'effectiveDate')) {
    err('effectiveDate', 'required', '尚未生效的文件须填写生效日期', 'A document not yet in force needs its effective date');
  }
  if (validity === 'expired' && !expiryDate && !errors.some((e) => e.field === 'expiryDate')) {
    err('expiryDate', 'required', '失效的文件须填写失效日期', 'An expired document needs its expiry date');
  }
  const today = options.today && isValidDate(options.today) ? options.today : null;
  if (today) {
    if (validity === 'not_yet_effective' && effectiveDate && effectiveDate <= today) {
      err('validity', 'already_effective', '生效日期已到，有效性不应为“尚未生效”', 'The effective date has passed; the document is in force');
    }
    if (validity === 'expired' && expiryDate && expiryDate > today) {
      err('validity', 'not_yet_expired', '失效日期未到，有效性不应为“失效”', 'The expiry date has not come yet');
    }
    if (validity === 'effective' && effectiveDate && effectiveDate > today) {
      warn('validity', 'future_effective', '生效日期在今天之后，应标注为“尚未生效”', 'The effective date is in the future');
    }
    if (validity === 'effective' && expiryDate && expiryDate <= today) {
      warn('validity', 'past_expiry', '失效日期已到，应标注为“失效”', 'The expiry date has passed');
    }
  }

  // 关键词 / 主题词: a list, or one string separated by commas, 、 or spaces.
  let keywords: string[] = [];
  const kw = raw.keywords;
  if (!blank(kw)) {
    const list = typeof kw === 'string' ? kw.split(/[,，、;；\s]+/) : Array.isArray(kw) ? kw : null;
    if (!list || list.some((k) => typeof k !== 'string')) err('keywords', 'type', '关键词格式不正确', 'Keywords must be text');
    else {
      keywords = [...new Set((list as string[]).map(cleanLine).filter((k) => k !== ''))];
      if (keywords.length > LIMITS.keywordsMax) err('keywords', 'too_many', `关键词不能超过${LIMITS.keywordsMax}个`, `At most ${LIMITS.keywordsMax} keywords`);
      if (keywords.some((k) => k.length > LIMITS.keywordMax)) err('keywords', 'too_long', `每个关键词不能超过${LIMITS.keywordMax}个字`, `Each keyword must be at most ${LIMITS.keywordMax} characters`);
    }
  }

  const source = str('source', LIMITS.sourceMax, '信息来源');

  // 公开属性 (条例 第十三条; 源头认定). A non-public attribute needs a reason; 不予公开 must rest on
  // one of the grounds of 第十四—十六条, since 第十三条 makes everything else public.
  let disclosure: DisclosureCode = 'proactive';
  if (blank(raw.disclosure)) {
    if (publish) err('disclosure', 'required', '请选择公开属性', 'Choose the disclosure attribute');
  } else disclosure = code('disclosure', disclosureOf, '公开属性')?.code ?? 'proactive';
  const disclosureReason = str('disclosureReason', LIMITS.reasonMax, '理由', true);
  const withheldGround = code('withheldGround', withheldGroundOf, '不予公开依据')?.code ?? null;
  if (disclosureOf(disclosure)?.needsReason && !errors.some((e) => e.field === 'disclosure')) {
    if (!disclosureReason) {
      err('disclosureReason', 'required', `公开属性为“${disclosureOf(disclosure)!.zh}”时须说明理由`, 'A reason is required when the document is not proactively disclosed');
    } else if (disclosureReason.length < LIMITS.reasonMin) {
      err('disclosureReason', 'too_short', `理由至少${LIMITS.reasonMin}个字`, `The reason must be at least ${LIMITS.reasonMin} characters`);
    }
    if (disclosure === 'withheld' && !withheldGround && blank(raw.withheldGround)) {
      err('withheldGround', 'required', '不予公开须选择依据（条例第十四条至第十六条）', 'Choose the legal ground (Arts. 14–16)');
    }
  }
  if (withheldGround && disclosure !== 'withheld') {
    err('withheldGround', 'not_applicable', '只有“不予公开”的文件才需选择不予公开依据', 'A withholding ground applies only to withheld documents');
  }

  const column = str('column', LIMITS.idMax, '栏目');

  // 解读 is linked to the policy it interprets; both fields go together.
  const interpretationOf = id('interpretationOf', '解读对象');
  const interpretationKind = code('interpretationKind', interpretationKindOf, '解读形式')?.code ?? null;
  if (interpretationOf && !interpretationKind && blank(raw.interpretationKind)) {
    err('interpretationKind', 'required', '请选择解读形式', 'Choose the interpretation kind');
  }
  if (interpretationKind && !interpretationOf) {
    err('interpretationOf', 'required', '请关联被解读的政策文件', 'Link the policy being interpreted');
  }

  if (errors.length) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    value: {
      title, summary, issuingUnits, docNumber, docType, legalForm, normativeRegNo,
      writtenDate, publishDate, effectiveDate, expiryDate, topic, validity, amendedBy, repealedBy,
      keywords, source, disclosure, disclosureReason: disclosure === 'proactive' ? null : disclosureReason,
      withheldGround, column, interpretationOf, interpretationKind,
    },
  };
}

/** The 有效性 the dates imply on a given day, for a nightly job or a form hint. Amended and
 *  repealed are decided by other documents, so they are kept as they are. */
export function deriveValidity(
  current: ValidityCode | null,
  effectiveDate: string | null,
  expiryDate: string | null,
  today: string,
): ValidityCode | null {
  if (current === 'amended' || current === 'repealed') return current;
  if (expiryDate && expiryDate <= today) return 'expired';
  if (effectiveDate && effectiveDate > today) return 'not_yet_effective';
  if (current === 'not_yet_effective' || current === 'expired') return 'effective';
  return current;
}
