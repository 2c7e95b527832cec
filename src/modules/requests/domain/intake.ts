/**
 * What an application must say (条例 第二十九条) and how it arrived (第三十一条), validated in full
 * before anything is written. Used by the public form, the JSON API and the staff entry form; a staff
 * entry may lack the identity proof (the organ then asks for it with a 补正告知书, 第三十条), the public
 * form may not.
 */
import type { Msg } from '../../../core/render/i18n.ts';
import { APPLICANT_CATEGORIES, CHANNELS, isValidUscc, receiptDate, validateIdNumber, type ApplicantCategory, type Channel, type ReceiptFacts } from './index.ts';

export const ID_TYPES = ['resident_id', 'passport', 'hk_macao', 'taiwan', 'foreign_permanent', 'uscc', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, Msg> = {
  resident_id: { zh: '居民身份证', en: 'Resident identity card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macao: { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit (HK/Macao)' },
  taiwan: { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit (Taiwan)' },
  foreign_permanent: { zh: '外国人永久居留身份证', en: 'Foreign permanent residence ID' },
  uscc: { zh: '统一社会信用代码证明（营业执照等）', en: 'Unified social credit code (licence)' },
  other: { zh: '其他身份证明', en: 'Other identity document' },
};

/** 获取信息的形式 (条例 第四十条). */
export const FORMS = ['paper', 'electronic', 'inspection'] as const;
export const FORM_LABELS: Record<(typeof FORMS)[number], Msg> = {
  paper: { zh: '纸质文本', en: 'Paper copy' },
  electronic: { zh: '电子文件', en: 'Electronic file' },
  inspection: { zh: '当场查阅、抄录', en: 'Inspect on site' },
};
/** 获取信息的途径. */
export const DELIVERIES = ['post', 'email', 'collect', 'online'] as const;
export const DELIVERY_LABELS: Record<(typeof DELIVERIES)[number], Msg> = {
  post: { zh: '邮寄', en: 'By post' },
  email: { zh: '电子邮件', en: 'By e-mail' },
  collect: { zh: '当面领取', en: 'Collect in person' },
  online: { zh: '网上获取（本平台查询页面下载）', en: 'Online (download from the status page)' },
};

export const ORG_KINDS = APPLICANT_CATEGORIES.filter((c) => c !== 'natural');

export interface IntakeValue {
  category: ApplicantCategory;
  name: string;
  contactPerson: string | null;
  idType: IdType | null;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  infoTitle: string | null;
  infoNumber: string | null;
  description: string;
  form: string;
  delivery: string;
}

export interface StaffIntakeValue extends IntakeValue {
  channel: Channel;
  receivedOn: string;
  submittedOn: string | null;
  warnings: Msg[];
}

type Raw = Record<string, unknown>;
type Errors = Record<string, Msg>;

/** Trimmed text without control characters (kept: newlines in long fields). */
export function clean(v: unknown, multiline = false): string {
  if (typeof v !== 'string') return '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const s = v.replace(multiline ? /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, '');
  return s.replace(/\r\n?/g, '\n').trim();
}

const MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$/;
const LANDLINE = /^(?:\(?0\d{2,3}\)?[- ]?)?\d{7,8}(?:-\d{1,6})?$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

function limit(e: Errors, key: string, v: string, max: number) {
  if (v.length > max) e[key] = { zh: `最多 ${max} 个字`, en: `At most ${max} characters` };
}

/** The parts of 第二十九条 every application needs, whoever enters it. */
export function validateApplication(raw: Raw, opts: { today: string; requireIdentity: boolean }): { value: IntakeValue; errors: Errors } {
  const e: Errors = {};
  const type = clean(raw.applicant_type) || 'natural';
  let category: ApplicantCategory = 'natural';
  if (type === 'org') {
    const kind = clean(raw.org_kind);
    if ((ORG_KINDS as readonly string[]).includes(kind)) category = kind as ApplicantCategory;
    else e.org_kind = { zh: '请选择法人或其他组织的类别', en: 'Choose the kind of organisation' };
  } else if (type !== 'natural') {
    e.applicant_type = { zh: '请选择申请人类型', en: 'Choose the type of applicant' };
  }
  const name = clean(raw.name);
  if (!name) e.name = type === 'org' ? { zh: '请填写法人或其他组织的名称', en: 'Enter the organisation’s name' } : { zh: '请填写申请人姓名', en: 'Enter your name' };
  limit(e, 'name', name, 100);
  const contactPerson = clean(raw.contact_person) || null;
  if (type === 'org' && !contactPerson) e.contact_person = { zh: '请填写联系人姓名', en: 'Enter a contact person' };
  if (contactPerson) limit(e, 'contact_person', contactPerson, 50);

  // identity proof (第二十九条第二款第一项)
  const idTypeRaw = clean(raw.id_type);
  let idType: IdType | null = (ID_TYPES as readonly string[]).includes(idTypeRaw) ? (idTypeRaw as IdType) : null;
  let idNumber: string | null = clean(raw.id_number).replace(/\s+/g, '') || null;
  if (idTypeRaw && !idType) e.id_type = { zh: '请选择身份证明类型', en: 'Choose the identity document' };
  if (!idNumber && opts.requireIdentity) e.id_number = { zh: '请填写身份证明号码（条例第二十九条）', en: 'Enter the identity document number (Art. 29)' };
  if (idNumber) {
    if (!idType) idType = type === 'org' ? 'uscc' : 'resident_id';
    if (idType === 'resident_id') {
      const r = validateIdNumber(idNumber, opts.today);
      if (r.ok) idNumber = r.value.normalized;
      else e.id_number = { zh: r.error.zh, en: r.error.en };
    } else if (idType === 'uscc') {
      idNumber = idNumber.toUpperCase();
      if (!isValidUscc(idNumber)) e.id_number = { zh: '统一社会信用代码应为18位且校验码正确', en: 'A unified social credit code has 18 characters with a valid check character' };
    } else if (!/^[0-9A-Za-z()（）-]{5,30}$/.test(idNumber)) {
      e.id_number = { zh: '证件号码格式不正确', en: 'The document number is not valid' };
    }
  } else if (idType === null && opts.requireIdentity) {
    idType = type === 'org' ? 'uscc' : 'resident_id';
  }

  // contact details: at least one way to reach the applicant (第二十九条第二款第一项 联系方式)
  const phone = clean(raw.phone) || null;
  const email = clean(raw.email) || null;
  const address = clean(raw.address) || null;
  const postcode = clean(raw.postcode) || null;
  if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) e.phone = { zh: '请填写有效的手机号码或固定电话', en: 'Enter a valid mobile or landline number' };
  if (email && !EMAIL.test(email)) e.email = { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' };
  if (email) limit(e, 'email', email, 200);
  if (address) limit(e, 'address', address, 200);
  if (postcode && !/^\d{6}$/.test(postcode)) e.postcode = { zh: '邮政编码应为6位数字', en: 'A postcode has 6 digits' };
  if (!phone && !email && !address) e.phone = { zh: '请至少填写一种联系方式（电话、电子邮箱或通信地址）', en: 'Give at least one way to contact you (phone, e-mail or address)' };

  // the information sought (第二十九条第二款第二项): a title, a document number or features
  const infoTitle = clean(raw.info_title) || null;
  const infoNumber = clean(raw.info_number) || null;
  const description = clean(raw.description, true);
  if (!description && !infoTitle && !infoNumber) {
    e.description = { zh: '请填写所需信息的名称、文号或者便于查询的其他特征性描述', en: 'Describe the information: its title, document number or other features' };
  }
  if (infoTitle) limit(e, 'info_title', infoTitle, 200);
  if (infoNumber) limit(e, 'info_number', infoNumber, 100);
  limit(e, 'description', description, 4000);

  // form and way of getting it (第二十九条第二款第三项)
  const form = clean(raw.form);
  const delivery = clean(raw.delivery);
  if (!(FORMS as readonly string[]).includes(form)) e.form = { zh: '请选择获取信息的形式', en: 'Choose the form of the information' };
  if (!(DELIVERIES as readonly string[]).includes(delivery)) e.delivery = { zh: '请选择获取信息的途径', en: 'Choose how to receive it' };
  if (delivery === 'email' && !email && !e.email) e.email = { zh: '选择电子邮件获取时，请填写电子邮箱', en: 'Enter an e-mail address to receive it by e-mail' };
  if (delivery === 'post' && !address && !e.address) e.address = { zh: '选择邮寄时，请填写通信地址', en: 'Enter a postal address to receive it by post' };

  return {
    value: {
      category, name, contactPerson, idType: idNumber ? idType : null, idNumber, phone, email, address, postcode,
      infoTitle, infoNumber, description: description || [infoTitle, infoNumber].filter(Boolean).join(' '), form, delivery,
    },
    errors: e,
  };
}

/**
 * An application entered by staff: received in person, by post (signature date), by ordinary letter
 * (confirmation date) or by fax (the day both sides confirm) — the receipt date of 第三十一条.
 */
export function validateStaffEntry(raw: Raw, opts: { today: string }): { value: StaffIntakeValue; errors: Errors } {
  const { value, errors } = validateApplication(raw, { today: opts.today, requireIdentity: false });
  const channel = clean(raw.channel) as Channel;
  const warnings: Msg[] = [];
  let receivedOn = '';
  if (!(CHANNELS as readonly string[]).includes(channel) || channel === 'online') {
    errors.channel = { zh: '请选择申请方式（当面、邮寄、平信或传真）', en: 'Choose how it arrived (in person, post, letter or fax)' };
  } else {
    const d = (k: string) => clean(raw[k]) || undefined;
    const facts: ReceiptFacts = { channel, today: opts.today, handedIn: d('handed_in'), signedFor: d('signed_for'), arrived: d('arrived'), confirmed: d('confirmed') };
    const r = receiptDate(facts);
    if (r.ok) {
      receivedOn = r.value.date;
      warnings.push(...r.value.warnings.map((w) => ({ zh: w.zh, en: w.en })));
    } else {
      const field = channel === 'in_person' ? 'handed_in' : channel === 'post' ? 'signed_for' : r.error.code === 'confirmed_before_arrival' ? 'arrived' : 'confirmed';
      errors[field] = { zh: r.error.zh, en: r.error.en };
    }
  }
  return { value: { ...value, channel, receivedOn, submittedOn: null, warnings }, errors };
}

/** Where the receipt date comes from for each channel, for the entry form (第三十一条). */
export const RECEIPT_FIELD: Record<Channel, string> = { in_person: 'handed_in', post: 'signed_for', letter: 'confirmed', fax: 'confirmed', online: 'confirmed' };
