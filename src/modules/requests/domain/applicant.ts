/**
 * The applicant and how the application arrived: categories as the annual report counts them, the
 * channels of Art. 29 with the receipt-date rule of Art. 31, the contents Art. 29 ¶2 requires, identity
 * number checks, and masking for display (personal information under the PIPL: shown masked, never in
 * a reply's body).
 */
import { fail, isIsoDate, ok, ruleError, type LocalizedText, type Result, type RuleError } from './rule-error.ts';

// ── Categories (annual report table 3 columns) ───────────────────────────────────────────────────────

export const APPLICANT_CATEGORIES = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'] as const;
export type ApplicantCategory = (typeof APPLICANT_CATEGORIES)[number];

export interface CategoryInfo {
  code: ApplicantCategory;
  /** The column label of table 3. */
  zh: string;
  en: string;
  /** 自然人, or 法人或其他组织 (the merged header over the five organisation columns). */
  group: 'natural_person' | 'legal_person_or_org';
}

export const CATEGORIES: Readonly<Record<ApplicantCategory, CategoryInfo>> = {
  natural: { code: 'natural', zh: '自然人', en: 'natural person', group: 'natural_person' },
  commercial: { code: 'commercial', zh: '商业企业', en: 'commercial enterprise', group: 'legal_person_or_org' },
  research: { code: 'research', zh: '科研机构', en: 'research institution', group: 'legal_person_or_org' },
  public_interest: { code: 'public_interest', zh: '社会公益组织', en: 'public-interest organisation', group: 'legal_person_or_org' },
  legal_services: { code: 'legal_services', zh: '法律服务机构', en: 'legal service institution', group: 'legal_person_or_org' },
  other_org: { code: 'other_org', zh: '其他', en: 'other organisation', group: 'legal_person_or_org' },
};

export const GROUP_LABELS: Record<CategoryInfo['group'], LocalizedText> = {
  natural_person: { zh: '自然人', en: 'natural person' },
  legal_person_or_org: { zh: '法人或其他组织', en: 'legal person or other organisation' },
};

/** “法人或其他组织·商业企业”, or “自然人”. */
export function categoryLabel(c: ApplicantCategory): string {
  const info = CATEGORIES[c];
  return info.group === 'natural_person' ? info.zh : `${GROUP_LABELS.legal_person_or_org.zh}·${info.zh}`;
}

// ── Channels and the receipt date (Arts. 29, 31) ─────────────────────────────────────────────────────

export const CHANNELS = ['online', 'in_person', 'post', 'letter', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, LocalizedText> = {
  online: { zh: '互联网', en: 'online' },
  in_person: { zh: '当面提交', en: 'in person' },
  post: { zh: '邮寄（需签收）', en: 'post needing a signature' },
  letter: { zh: '平信', en: 'ordinary letter' },
  fax: { zh: '传真', en: 'fax' },
};

export interface ReceiptFacts {
  channel: Channel;
  /** In person: the day the applicant handed it in. */
  handedIn?: string;
  /** Post needing a signature: the day the organ signed for it. */
  signedFor?: string;
  /** Ordinary letter: the day it arrived (the office must confirm with the applicant that day). */
  arrived?: string;
  /** Ordinary letter, internet, fax: the day the office and the applicant confirmed it. */
  confirmed?: string;
  /** Internet, fax: the day the applicant sent it (the confirmation cannot be earlier). */
  submitted?: string;
  /** When given, a receipt date after it is refused. */
  today?: string;
}

export type ReceiptErrorCode = 'unknown_channel' | 'missing_date' | 'bad_date' | 'future_date' | 'confirmed_before_arrival';

const ART31 = '第三十一条';

/**
 * The date of receipt under Art. 31, from which every period runs:
 *   (1) in person — the day it is handed in;
 *   (2) post — the day the organ signs for it; an ordinary letter needing no signature — the day the
 *       disclosure body confirms it with the applicant, which it must do on the day the letter arrives;
 *   (3) internet or the body's fax — the day both sides confirm it.
 * A late confirmation of an ordinary letter is still the receipt date, with a warning that the office
 * missed its same-day duty.
 */
export function receiptDate(f: ReceiptFacts): Result<{ date: string; warnings: RuleError[] }, ReceiptErrorCode> {
  const need = (value: string | undefined, zh: string, en: string): Result<string, ReceiptErrorCode> => {
    if (value === undefined || value === '') {
      return fail('missing_date', `${CHANNEL_LABELS[f.channel].zh}方式提交的申请，以${zh}为收到申请之日，请填写该日期`, `for ${CHANNEL_LABELS[f.channel].en} the receipt date is ${en}; give that date`, ART31);
    }
    if (!isIsoDate(value)) return fail('bad_date', `${zh}不是有效日期（应为 YYYY-MM-DD）：${value}`, `${en} is not a YYYY-MM-DD date: ${value}`, ART31);
    return ok(value);
  };
  let r: Result<string, ReceiptErrorCode>;
  const warnings: RuleError[] = [];
  switch (f.channel) {
    case 'in_person':
      r = need(f.handedIn, '申请人提交之日', 'the day it was handed in');
      break;
    case 'post':
      r = need(f.signedFor, '行政机关签收之日', 'the day the organ signed for it');
      break;
    case 'letter': {
      r = need(f.confirmed, '政府信息公开工作机构与申请人确认之日', 'the day the office confirmed it with the applicant');
      if (r.ok && f.arrived !== undefined) {
        if (!isIsoDate(f.arrived)) return fail('bad_date', `信件到达日期无效：${f.arrived}`, `arrival date is not a YYYY-MM-DD date: ${f.arrived}`, ART31);
        if (r.value < f.arrived) {
          return fail('confirmed_before_arrival', '确认日期不能早于信件到达日期', 'the confirmation cannot be earlier than the arrival', ART31);
        }
        if (r.value > f.arrived) {
          warnings.push(
            ruleError(
              'late_confirmation',
              `平信应当于收到当日与申请人确认（到达${f.arrived}，确认${r.value}）；收到申请之日以确认之日为准`,
              `an ordinary letter must be confirmed on the day it arrives (arrived ${f.arrived}, confirmed ${r.value}); the confirmation date counts`,
              ART31,
            ),
          );
        }
      }
      break;
    }
    case 'online':
    case 'fax': {
      r = need(f.confirmed, '双方确认之日', 'the day both sides confirmed it');
      if (r.ok && f.submitted !== undefined) {
        if (!isIsoDate(f.submitted)) return fail('bad_date', `提交日期无效：${f.submitted}`, `submission date is not a YYYY-MM-DD date: ${f.submitted}`, ART31);
        if (r.value < f.submitted) return fail('confirmed_before_arrival', '确认日期不能早于提交日期', 'the confirmation cannot be earlier than the submission', ART31);
      }
      break;
    }
    default:
      return fail('unknown_channel', `无法识别的申请方式：${JSON.stringify(f.channel)}`, `unknown channel ${JSON.stringify(f.channel)}`, '第二十九条');
  }
  if (!r.ok) return r;
  if (f.today !== undefined && r.value > f.today) {
    return fail('future_date', `收到申请之日（${r.value}）不能晚于今天（${f.today}）`, `the receipt date ${r.value} is after today ${f.today}`, ART31);
  }
  return ok({ date: r.value, warnings });
}

// ── What an application must contain (Art. 29 ¶2) ────────────────────────────────────────────────────

export interface ApplicationContents {
  applicant: { name?: string; idDocument?: string; phone?: string; email?: string; address?: string };
  /** 所需信息的名称、文号或者便于查询的其他特征性描述. */
  description?: string;
  /** 形式要求：获取信息的方式、途径. */
  form?: string;
}

/**
 * What is missing from an application under Art. 29 ¶2, worded for a 补正告知书 (which must list every
 * item at once, Art. 30). Empty when complete. Whether a description is clear enough is the handler's
 * judgment, not checked here.
 */
export function missingApplicationItems(a: ApplicationContents): LocalizedText[] {
  const blank = (s: string | undefined) => !s || !s.trim();
  const out: LocalizedText[] = [];
  if (blank(a.applicant.name)) out.push({ zh: '申请人的姓名或者名称', en: 'the applicant’s name' });
  if (blank(a.applicant.idDocument)) out.push({ zh: '申请人的身份证明', en: 'proof of the applicant’s identity' });
  if (blank(a.applicant.phone) && blank(a.applicant.email) && blank(a.applicant.address)) {
    out.push({ zh: '申请人的联系方式', en: 'the applicant’s contact details' });
  }
  if (blank(a.description)) {
    out.push({ zh: '申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述', en: 'the name, number or other description of the information' });
  }
  if (blank(a.form)) out.push({ zh: '申请公开的政府信息的形式要求，包括获取信息的方式、途径', en: 'the form and way of receiving the information' });
  return out;
}

// ── Identity numbers ─────────────────────────────────────────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** First two digits of the address code: provinces (GB/T 2260), 71 Taiwan, 81–83 residence permits. */
const ID_PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

export type IdErrorCode = 'id_format' | 'id_legacy_15' | 'id_region' | 'id_birth_date' | 'id_checksum';

/**
 * Checks a citizen identity number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence (odd = male), and the ISO 7064 MOD 11-2 check character. Lower-case x is
 * accepted and returned upper-case.
 */
export function validateIdNumber(
  input: string,
  today?: string,
): Result<{ normalized: string; birthDate: string; sex: 'male' | 'female' }, IdErrorCode> {
  const s = input.trim().toUpperCase();
  if (/^\d{15}$/.test(s)) {
    return fail('id_legacy_15', '15位身份证号码已停止使用，请提供18位公民身份号码', '15-digit numbers are no longer valid; give the 18-digit number');
  }
  if (!/^\d{17}[\dX]$/.test(s)) return fail('id_format', '公民身份号码应为18位：17位数字加1位校验码（数字或X）', 'an identity number has 17 digits and a check character (digit or X)');
  if (!ID_PROVINCES.has(s.slice(0, 2))) return fail('id_region', '身份证号码的地址码无效', 'the address code is not valid');
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today)) {
    return fail('id_birth_date', '身份证号码中的出生日期无效', 'the birth date in the number is not valid');
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if (ID_CHECK[sum % 11] !== s[17]) return fail('id_checksum', '身份证号码校验码不正确，请核对', 'the check character does not match; please check the number');
  return ok({ normalized: s, birthDate, sex: Number(s[16]) % 2 === 1 ? 'male' : 'female' });
}

export function isValidIdNumber(input: string): boolean {
  return validateIdNumber(input).ok;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015) of an organisation applicant: 18 characters with a MOD 31 check. */
export function isValidUscc(input: string): boolean {
  const s = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(s)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(s[i]), 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === s[17];
}

/** 18-digit identity numbers that pass the checksum, found in free text (for scrubbing letters). */
export function findIdNumbers(text: string): string[] {
  return [...text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)].map((m) => m[0]).filter(isValidIdNumber);
}

// ── Masking ──────────────────────────────────────────────────────────────────────────────────────────

/** 110101199003078515 → 110***********8515: region and birth date hidden. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/**
 * The name shown in lists (个人信息保护法 第五十一条: de-identified display): a person keeps the first
 * character (王小明 → 王**, John Smith → J*********); an organisation, which is not a person, keeps its
 * first two and last four characters when long enough to show what kind of body it is
 * (朝阳市某某科技有限公司 → 朝阳****有限公司).
 */
export function maskName(name: string, category: string): string {
  const c = [...name.trim()];
  if (!c.length) return '';
  if (category !== 'natural' && c.length >= 8) return `${c.slice(0, 2).join('')}****${c.slice(-4).join('')}`;
  return c[0] + '*'.repeat(Math.max(1, Math.min(c.length - 1, 9)));
}

/**
 * Mobile 13812345678 → 138****5678; landline 0421-2612345 → 0421-***2345 (area code kept);
 * anything else keeps its last four digits (or two, when short).
 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  const mobile = /^(\+?86)?(1[3-9]\d)\d{4}(\d{4})$/.exec(s.replace(/[\s-]/g, ''));
  if (mobile) return `${mobile[1] ?? ''}${mobile[2]}****${mobile[3]}`;
  const landline = /^(\(?0\d{2,3}\)?[\s-])(\d{5,8})(.*)$/.exec(s);
  if (landline) return landline[1] + maskDigits(landline[2], 4) + landline[3].replace(/\d/g, '*');
  return maskDigits(s, s.replace(/\D/g, '').length > 6 ? 4 : 2);
}

function maskDigits(s: string, keepLast: number): string {
  const total = s.replace(/\D/g, '').length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen > total - keepLast ? d : '*'));
}

// A division's name has none of the characters of streets, villages, buildings or numbers, so “幸福小区”
// or “龙山街道” never pass for a district.
const ADMIN_UNIT = /^[^省市区县旗盟\s\d街路号村镇乡楼院巷道栋室]{1,12}?(特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|盟|区|县|旗)/;
const NOT_A_DIVISION = /(小区|社区|园区|景区|校区|厂区)$/;

/**
 * Keeps the administrative divisions at the start of an address (省、市、区县) and hides the rest:
 * 辽宁省朝阳市双塔区龙山街道幸福里3号楼2单元501 → 辽宁省朝阳市双塔区****.
 */
export function maskAddress(address: string): string {
  let rest = address.trim();
  let kept = '';
  for (let i = 0; i < 4; i++) {
    const m = ADMIN_UNIT.exec(rest);
    if (!m || NOT_A_DIVISION.test(m[0])) break;
    kept += m[0];
    rest = rest.slice(m[0].length);
  }
  if (!kept) kept = address.trim().slice(0, Math.min(3, Math.floor(address.trim().length / 3)));
  return rest.length > 0 || kept.length < address.trim().length ? `${kept}****` : kept;
}
