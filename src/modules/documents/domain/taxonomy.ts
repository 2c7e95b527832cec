// Reference data for a disclosed document's metadata: 主题分类, 公文种类, 有效性, 公开属性,
// 解读形式 and column types. Pure data plus tiny lookups; the database stores the codes only,
// so codes here are STABLE — never renumber, only append (a retired entry keeps its code).
//
// Sources (see README.md in this folder):
// - 主题分类: the gov.cn policy-library two-level taxonomy (reference.md §4.3, [V]).
// - 公文种类: 党政机关公文处理工作条例 (中办发〔2012〕14号) 第八条, 15 kinds.
// - 有效性: reference.md §4.5 recommended enum.
// - 公开属性: 条例 第十三条 (主动公开/依申请公开) and 第十四—十六条 (不予公开).
// - column freshness: 国办秘函〔2019〕19号 单项否决 "栏目不更新" (reference.md §5.2).

export interface Label {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------
// 主题分类 (gov.cn topic taxonomy)
// ---------------------------------------------------------------------------
// Codes: first level two digits '01'..'22' in the gov.cn order; second level the parent code
// plus two digits in listed order, except 其他 which is always '99' so that items appended
// later never shift it. The list below is exactly reference.md §4.3 (which is [V] from the
// gov.cn search facets); 18 民族、宗教, 20 港澳台侨工作 and 21 国防 have no 其他 item there, and
// 22 其他 has no second level — a document may then carry the first-level code alone.
// English labels are our own translations.

export interface TopicL2 {
  code: string;
  zh: string;
  en: string;
}

export interface TopicL1 {
  code: string;
  zh: string;
  en: string;
  children: TopicL2[];
}

// [zh, en] pairs; 其他 is appended as '99' where the source lists it.
type Raw = [string, string, Array<[string, string]>, boolean];

const RAW_TOPICS: Raw[] = [
  ['国务院组织机构', 'State Council organisation', [
    ['国务院', 'State Council'], ['国务院办公厅', 'General Office of the State Council'],
    ['国务院组成部门', 'Constituent departments'], ['国务院直属特设机构', 'Special organisation directly under the State Council'],
    ['国务院直属机构', 'Organisations directly under the State Council'], ['国务院办事机构', 'Administrative offices'],
    ['国务院直属事业单位', 'Public institutions directly under the State Council'],
    ['国务院部委管理的国家局', 'National bureaus administered by ministries'],
    ['国务院议事协调机构', 'Deliberative and coordinating bodies'],
  ], true],
  ['综合政务', 'General government affairs', [
    ['政务公开', 'Open government'], ['政务督查', 'Government supervision'], ['应急管理', 'Emergency management'],
    ['电子政务', 'E-government'], ['文秘工作', 'Secretarial work'], ['保密工作', 'Confidentiality work'],
    ['信访', 'Petitions (xinfang)'], ['参事、文史', 'Counsellors and culture-history research'],
  ], true],
  ['国民经济管理、国有资产监管', 'Economic management and state assets', [
    ['宏观经济', 'Macro-economy'], ['经济体制改革', 'Economic reform'], ['统计', 'Statistics'], ['物价', 'Prices'],
    ['国有资产监管', 'State-owned assets supervision'], ['重大建设项目', 'Major construction projects'],
  ], true],
  ['财政、金融、审计', 'Finance, banking and audit', [
    ['财政', 'Public finance'], ['税务', 'Taxation'], ['银行', 'Banking'], ['货币（含外汇）', 'Currency (incl. foreign exchange)'],
    ['证券', 'Securities'], ['保险', 'Insurance'], ['社会信用体系建设', 'Social credit system'], ['审计', 'Audit'],
  ], true],
  ['国土资源、能源', 'Land resources and energy', [
    ['土地', 'Land'], ['矿产', 'Minerals'], ['水资源', 'Water resources'], ['海洋', 'Oceans'], ['煤炭', 'Coal'],
    ['石油与天然气', 'Oil and gas'], ['电力', 'Electric power'],
  ], true],
  ['农业、林业、水利', 'Agriculture, forestry and water', [
    ['农业、畜牧业、渔业', 'Farming, animal husbandry and fisheries'], ['林业', 'Forestry'], ['水利', 'Water conservancy'],
  ], true],
  ['工业、交通', 'Industry and transport', [
    ['机械制造与重工业', 'Machinery and heavy industry'], ['轻工纺织', 'Light industry and textiles'], ['化工', 'Chemicals'],
    ['国防工业', 'Defence industry'], ['航天、航空', 'Aerospace and aviation'], ['信息产业（含电信）', 'Information industry (incl. telecoms)'],
    ['公路', 'Roads'], ['水运', 'Waterways'], ['铁路', 'Railways'], ['民航', 'Civil aviation'], ['邮政', 'Postal services'],
  ], true],
  ['商贸、海关、旅游', 'Trade, customs and tourism', [
    ['对外经贸合作', 'Foreign trade and economic cooperation'], ['国内贸易（含供销）', 'Domestic trade (incl. supply and marketing)'],
    ['海关', 'Customs'], ['检验、检疫', 'Inspection and quarantine'], ['旅游', 'Tourism'],
  ], true],
  ['市场监管、安全生产监管', 'Market regulation and work safety', [
    ['工商', 'Industry and commerce administration'], ['质量监督', 'Quality supervision'], ['标准', 'Standards'],
    ['食品药品监管', 'Food and drug regulation'], ['安全生产监管', 'Work-safety regulation'],
  ], true],
  ['城乡建设、环境保护', 'Urban-rural construction and environment', [
    ['城市规划', 'Urban planning'], ['城乡建设（含住房）', 'Urban-rural construction (incl. housing)'],
    ['环境监测、保护与治理', 'Environmental monitoring, protection and remediation'],
    ['节能与资源综合利用', 'Energy saving and resource use'], ['气象、水文、测绘、地震', 'Meteorology, hydrology, surveying, seismology'],
  ], true],
  ['科技、教育', 'Science and education', [
    ['科技', 'Science and technology'], ['教育', 'Education'], ['知识产权', 'Intellectual property'],
  ], true],
  ['文化、广电、新闻出版', 'Culture, broadcasting and publishing', [
    ['文化', 'Culture'], ['文物', 'Cultural relics'], ['新闻出版', 'Press and publishing'], ['广播、电影、电视', 'Radio, film and television'],
  ], true],
  ['卫生、体育', 'Health and sports', [
    ['卫生', 'Health'], ['医药管理', 'Pharmaceutical administration'], ['体育', 'Sports'],
  ], true],
  ['人口与计划生育、妇女儿童工作', 'Population, family planning, women and children', [
    ['人口与计划生育', 'Population and family planning'], ['妇女儿童', 'Women and children'],
  ], true],
  ['劳动、人事、监察', 'Labour, personnel and supervision', [
    ['劳动就业', 'Employment'], ['社会保障', 'Social security'], ['人事工作', 'Personnel'], ['军转安置', 'Resettlement of demobilised officers'],
    ['监察', 'Supervision'], ['纠正行业不正之风', 'Correcting malpractice in sectors'],
  ], true],
  ['公安、安全、司法', 'Public security, state security and justice', [
    ['公安', 'Public security'], ['国家安全', 'State security'], ['司法', 'Justice'],
  ], true],
  ['民政、扶贫、救灾', 'Civil affairs, poverty relief and disaster relief', [
    ['减灾救灾', 'Disaster reduction and relief'], ['优抚安置', 'Special care and resettlement'], ['社会福利', 'Social welfare'],
    ['行政区划与地名', 'Administrative divisions and place names'], ['社团管理', 'Social organisations'], ['扶贫', 'Poverty alleviation'],
  ], true],
  ['民族、宗教', 'Ethnic and religious affairs', [
    ['民族事务', 'Ethnic affairs'], ['宗教事务', 'Religious affairs'],
  ], false],
  ['对外事务', 'Foreign affairs', [
    ['外交、外事', 'Diplomacy and foreign affairs'], ['国际条约、国际组织', 'Treaties and international organisations'],
  ], true],
  ['港澳台侨工作', 'Hong Kong, Macao, Taiwan and overseas Chinese', [
    ['港澳工作', 'Hong Kong and Macao affairs'], ['对台工作', 'Taiwan affairs'], ['侨务工作', 'Overseas Chinese affairs'],
  ], false],
  ['国防', 'National defence', [
    ['国防建设', 'Defence construction'], ['国防动员', 'Defence mobilisation'],
  ], false],
  ['其他', 'Other', [], false],
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const TOPICS: readonly TopicL1[] = RAW_TOPICS.map(([zh, en, items, hasOther], i) => {
  const code = pad2(i + 1);
  const children: TopicL2[] = items.map(([czh, cen], j) => ({ code: code + pad2(j + 1), zh: czh, en: cen }));
  if (hasOther) children.push({ code: code + '99', zh: '其他', en: 'Other' });
  return { code, zh, en, children };
});

export interface TopicLookup {
  l1: TopicL1;
  l2: TopicL2 | null;
  /** gov.cn display form `L1\L2`. */
  pathZh: string;
}

/** Resolves a topic code: a second-level code, or a first-level code that has no second level. */
export function findTopic(code: string): TopicLookup | null {
  if (typeof code !== 'string') return null;
  const l1 = TOPICS.find((t) => t.code === code.slice(0, 2));
  if (!l1) return null;
  if (code.length === 2) {
    // A bare first-level code is only a complete classification where there is nothing below it.
    return l1.children.length === 0 ? { l1, l2: null, pathZh: l1.zh } : null;
  }
  const l2 = l1.children.find((c) => c.code === code);
  return l2 ? { l1, l2, pathZh: `${l1.zh}\\${l2.zh}` } : null;
}

// ---------------------------------------------------------------------------
// 公文种类 — 党政机关公文处理工作条例 (中办发〔2012〕14号) 第八条, in the article's order.
// ---------------------------------------------------------------------------
export const DOC_TYPES = [
  { code: 'resolution', zh: '决议', en: 'Resolution' },
  { code: 'decision', zh: '决定', en: 'Decision' },
  { code: 'order', zh: '命令（令）', en: 'Order (decree)' },
  { code: 'communique', zh: '公报', en: 'Communiqué' },
  { code: 'announcement', zh: '公告', en: 'Announcement' },
  { code: 'public_notice', zh: '通告', en: 'Public notice' },
  { code: 'opinion', zh: '意见', en: 'Opinion' },
  { code: 'notice', zh: '通知', en: 'Notice' },
  { code: 'bulletin', zh: '通报', en: 'Bulletin' },
  { code: 'report', zh: '报告', en: 'Report' },
  { code: 'request', zh: '请示', en: 'Request for instructions' },
  { code: 'reply', zh: '批复', en: 'Official reply' },
  { code: 'motion', zh: '议案', en: 'Motion' },
  { code: 'letter', zh: '函', en: 'Letter' },
  { code: 'minutes', zh: '纪要', en: 'Minutes' },
  // Not a 公文种类: items that are not formal 公文 (news, tables, guides, data) still need a value.
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly ({ code: string } & Label)[];
export type DocTypeCode = (typeof DOC_TYPES)[number]['code'];

// The legal form of a document, separate from its 公文种类: 规章 are issued by 令 (立法法 /
// 规章制定程序条例), 行政规范性文件 carry a registration number (国办发〔2018〕37号). The annual report
// table 2 counts the first two; the timeliness rule for policy documents (2020 要点 第6、7点) uses
// all three policy forms.
export const LEGAL_FORMS = [
  { code: 'regulation', zh: '规章', en: 'Government rule', isPolicy: true },
  { code: 'normative', zh: '行政规范性文件', en: 'Normative document', isPolicy: true },
  { code: 'other_policy', zh: '其他政策文件', en: 'Other policy document', isPolicy: true },
  { code: 'none', zh: '非政策文件', en: 'Not a policy document', isPolicy: false },
] as const satisfies readonly ({ code: string; isPolicy: boolean } & Label)[];
export type LegalFormCode = (typeof LEGAL_FORMS)[number]['code'];

// ---------------------------------------------------------------------------
// 有效性 (reference.md §4.5). `needsLink`: which document amended/repealed it.
// ---------------------------------------------------------------------------
export const VALIDITY = [
  { code: 'not_yet_effective', zh: '尚未生效', en: 'Not yet in force', needsLink: false },
  { code: 'effective', zh: '有效', en: 'In force', needsLink: false },
  { code: 'amended', zh: '已修改', en: 'Amended', needsLink: true },
  { code: 'repealed', zh: '已废止', en: 'Repealed', needsLink: true },
  { code: 'expired', zh: '失效', en: 'Expired', needsLink: false },
] as const satisfies readonly ({ code: string; needsLink: boolean } & Label)[];
export type ValidityCode = (typeof VALIDITY)[number]['code'];

// ---------------------------------------------------------------------------
// 公开属性 (条例 第十三条; 源头认定 "此件公开发布/此件依申请公开/此件不公开", reference.md §4.4).
// A non-proactive attribute needs a stated reason.
// ---------------------------------------------------------------------------
export const DISCLOSURE = [
  { code: 'proactive', zh: '主动公开', en: 'Proactive disclosure', needsReason: false },
  { code: 'on_request', zh: '依申请公开', en: 'Disclosure on request', needsReason: true },
  { code: 'withheld', zh: '不予公开', en: 'Not disclosed', needsReason: true },
] as const satisfies readonly ({ code: string; needsReason: boolean } & Label)[];
export type DisclosureCode = (typeof DISCLOSURE)[number]['code'];

// Grounds for 不予公开, one per clause of 条例 第十四—十六条 (verbatim categories, reference.md §1.2).
export const WITHHELD_GROUNDS = [
  { code: 'state_secret', article: '第十四条', zh: '依法确定为国家秘密', en: 'Classified as a state secret' },
  { code: 'prohibited_by_law', article: '第十四条', zh: '法律、行政法规禁止公开', en: 'Disclosure prohibited by law or administrative regulation' },
  { code: 'security_stability', article: '第十四条', zh: '危及国家安全、公共安全、经济安全、社会稳定', en: 'Would endanger national, public or economic security or social stability' },
  { code: 'third_party', article: '第十五条', zh: '涉及商业秘密、个人隐私等，公开会损害第三方合法权益', en: 'Trade secrets or personal privacy of a third party' },
  { code: 'internal_affairs', article: '第十六条第一款', zh: '内部事务信息', en: 'Internal affairs information' },
  { code: 'process_information', article: '第十六条第二款', zh: '过程性信息', en: 'Process information' },
  { code: 'enforcement_file', article: '第十六条第二款', zh: '行政执法案卷信息', en: 'Administrative enforcement case files' },
] as const satisfies readonly ({ code: string; article: string } & Label)[];
export type WithheldGroundCode = (typeof WITHHELD_GROUNDS)[number]['code'];

// ---------------------------------------------------------------------------
// 政策解读 forms named in the issue (2020 要点 第7点: 解读材料随政策文件同步报送, 图解 by the office).
// ---------------------------------------------------------------------------
export const INTERPRETATION_KINDS = [
  { code: 'text', zh: '文字解读', en: 'Written interpretation' },
  { code: 'graphic', zh: '图解', en: 'Infographic' },
  { code: 'video', zh: '视频解读', en: 'Video interpretation' },
  { code: 'expert', zh: '专家解读', en: 'Expert interpretation' },
  { code: 'media', zh: '媒体解读', en: 'Media interpretation' },
] as const satisfies readonly ({ code: string } & Label)[];
export type InterpretationKindCode = (typeof INTERPRETATION_KINDS)[number]['code'];

// ---------------------------------------------------------------------------
// Column types and their freshness rule, for the monitor (国办秘函〔2019〕19号 单项否决 第4项
// "栏目不更新": 动态、要闻类 not updated within 2 weeks, 通知公告、政策文件类 first-level columns
// not updated within 6 months; ≥ 5 such columns, or ≥ 5 empty columns → the site fails).
// `freshnessDays` null = no fixed cadence in the indicators; such columns still count as
// "empty" when they hold nothing, and as "应更新未更新" at the checker's judgement.
// 182 days approximates 6 months as in reference.md §5.2; a monitor that wants calendar months
// can use `freshnessMonths`.
// ---------------------------------------------------------------------------
export interface ColumnTypeDef extends Label {
  code: string;
  freshnessDays: number | null;
  freshnessMonths: number | null;
  note: Label | null;
}

export const COLUMN_TYPES = [
  { code: 'news', zh: '动态要闻', en: 'News', freshnessDays: 14, freshnessMonths: null, note: { zh: '两周内须有更新（国办秘函〔2019〕19号 单项否决）', en: 'Must be updated within 2 weeks (single-veto indicator)' } },
  { code: 'notice', zh: '通知公告', en: 'Notices', freshnessDays: 182, freshnessMonths: 6, note: { zh: '六个月内须有更新（一级栏目）', en: 'Must be updated within 6 months (first-level columns)' } },
  { code: 'policy', zh: '政策文件', en: 'Policy documents', freshnessDays: 182, freshnessMonths: 6, note: { zh: '六个月内须有更新（一级栏目）', en: 'Must be updated within 6 months (first-level columns)' } },
  { code: 'interpretation', zh: '政策解读', en: 'Policy interpretations', freshnessDays: null, freshnessMonths: null, note: { zh: '随政策文件同步发布', en: 'Published together with the policy' } },
  { code: 'overview', zh: '概况', en: 'Overview', freshnessDays: null, freshnessMonths: null, note: { zh: '须准确，变更后及时更新', en: 'Must be accurate and updated on change' } },
  { code: 'planning', zh: '规划计划', en: 'Plans and programmes', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'statistics', zh: '统计信息', en: 'Statistics', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'service', zh: '办事服务', en: 'Services', freshnessDays: null, freshnessMonths: null, note: { zh: '办事指南要素须完整', en: 'Service guides must have all key elements' } },
  { code: 'enforcement', zh: '执法信息', en: 'Enforcement', freshnessDays: null, freshnessMonths: null, note: { zh: '行政许可、行政处罚决定7个工作日内公示（国办发〔2018〕118号）', en: 'Licensing and penalty decisions within 7 working days' } },
  { code: 'finance', zh: '财政信息', en: 'Public finance', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'personnel', zh: '人事信息', en: 'Personnel', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'emergency', zh: '应急管理', en: 'Emergencies', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'inspection', zh: '监督检查', en: 'Inspections', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'interaction', zh: '互动', en: 'Interaction', freshnessDays: null, freshnessMonths: null, note: { zh: '留言超过3个月未回复即单项否决', en: 'A message unanswered for over 3 months fails the site' } },
  { code: 'disclosure_guide', zh: '公开指南', en: 'Disclosure guide', freshnessDays: null, freshnessMonths: null, note: { zh: '条例第十二条：及时更新', en: 'Reg. Art. 12: keep up to date' } },
  { code: 'disclosure_rules', zh: '政府信息公开制度', en: 'Rules on disclosure', freshnessDays: null, freshnessMonths: null, note: { zh: '本机关的公开工作制度（国办公开办函〔2019〕61号），修订后及时更新', en: 'The agency’s own disclosure rules (State Council Office letter [2019] 61), updated on change' } },
  { code: 'annual_report', zh: '公开年报', en: 'Annual reports', freshnessDays: null, freshnessMonths: null, note: { zh: '部门1月31日前、政府3月31日前公布（条例第四十九条）', en: 'By 31 Jan (departments) / 31 Mar (governments), Reg. Art. 49' } },
  { code: 'application', zh: '依申请公开', en: 'Disclosure on request', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'topic', zh: '专题专栏', en: 'Special topic', freshnessDays: null, freshnessMonths: null, note: null },
  { code: 'other', zh: '其他', en: 'Other', freshnessDays: null, freshnessMonths: null, note: null },
] as const satisfies readonly ColumnTypeDef[];
export type ColumnTypeCode = (typeof COLUMN_TYPES)[number]['code'];

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------
type Coded = { readonly code: string };

function byCode<T extends Coded>(list: readonly T[]): (code: unknown) => T | undefined {
  const map = new Map(list.map((x) => [x.code, x] as const));
  return (code) => (typeof code === 'string' ? map.get(code) : undefined);
}

export const docTypeOf = byCode(DOC_TYPES);
export const legalFormOf = byCode(LEGAL_FORMS);
export const validityOf = byCode(VALIDITY);
export const disclosureOf = byCode(DISCLOSURE);
export const withheldGroundOf = byCode(WITHHELD_GROUNDS);
export const interpretationKindOf = byCode(INTERPRETATION_KINDS);
export const columnTypeOf = byCode(COLUMN_TYPES);
