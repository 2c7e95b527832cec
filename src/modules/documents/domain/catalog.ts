// The standard "政府信息公开" column every unit's site carries, as data.
//
// 国办公开办函〔2019〕61号 requires one platform per agency with 统一名称、统一格式 and four
// first-level sub-columns: 政府信息公开指南 / 政府信息公开制度 / 法定主动公开内容 / 政府信息公开年报
// (reference.md §4.6, §0.A.1); we add 依申请公开 (the application entry, 条例 第二十七—二十九条).
// 法定主动公开内容 is organised by the 15 items of 条例 第二十条 plus the 第二十一条 items:
// 设区的市级、县级人民政府及其部门 → 市政建设 … 社会救助; 乡(镇)人民政府 → 农业农村政策 … 社会救助.
// Slugs are ASCII (for URLs) and stable; units add their own columns beneath these.

import type { ColumnTypeCode, Label } from './taxonomy.ts';

export type UnitType = 'city_government' | 'county_government' | 'department' | 'township' | 'park' | 'office';

export interface ColumnSource {
  /** e.g. '政府信息公开条例' or '国办公开办函〔2019〕61号'. */
  document: string;
  /** 条 number, when the column comes from an article. */
  article?: number;
  /** 项 number inside the article. */
  item?: number;
}

export interface CatalogColumn {
  slug: string;
  name: Label;
  type: ColumnTypeCode;
  source: ColumnSource;
  /** Verbatim statutory text the column implements, where there is one. */
  fullText?: string;
  /** Art. 21 says "根据本地方的具体情况": a unit enables the items relevant to its duties. */
  optional?: boolean;
  children?: CatalogColumn[];
}

const REG = '政府信息公开条例';
const NOTICE_61 = '国办公开办函〔2019〕61号';

// 条例 第二十条, verbatim (国务院令第711号). Short names are ours, in the style portals use.
const ART20: Array<[string, string, string, ColumnTypeCode, string]> = [
  ['regulations-and-normative-documents', '法规文件', 'Regulations and normative documents', 'policy', '行政法规、规章和规范性文件'],
  ['organisation', '机构职能', 'Functions and organisation', 'overview', '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名'],
  ['plans', '规划信息', 'Development plans', 'planning', '国民经济和社会发展规划、专项规划、区域规划及相关政策'],
  ['statistics', '统计信息', 'Statistics', 'statistics', '国民经济和社会发展统计信息'],
  ['licensing-and-services', '行政许可和服务事项', 'Licensing and administrative services', 'service', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果'],
  ['penalties-and-enforcement', '行政处罚和行政强制', 'Penalties and enforcement', 'enforcement', '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定'],
  ['budgets-and-final-accounts', '财政预决算', 'Budgets and final accounts', 'finance', '财政预算、决算信息'],
  ['administrative-fees', '行政事业性收费', 'Administrative fees', 'finance', '行政事业性收费项目及其依据、标准'],
  ['government-procurement', '政府集中采购', 'Government procurement', 'finance', '政府集中采购项目的目录、标准及实施情况'],
  ['major-construction-projects', '重大建设项目', 'Major construction projects', 'planning', '重大建设项目的批准和实施情况'],
  ['social-programmes', '扶贫、教育、医疗、社会保障、促进就业', 'Poverty relief, education, health, social security and employment', 'policy', '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况'],
  ['emergencies', '突发公共事件应对', 'Public emergencies', 'emergency', '突发公共事件的应急预案、预警信息及应对情况'],
  ['inspections', '监督检查', 'Inspections', 'inspection', '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况'],
  ['civil-service-recruitment', '公务员招考', 'Civil-service recruitment', 'personnel', '公务员招考的职位、名额、报考条件等事项以及录用结果'],
  ['other-statutory-information', '其他法定公开信息', 'Other information required by law', 'other', '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息'],
];

export const ART21_TEXT =
  '除本条例第二十条规定的政府信息外，设区的市级、县级人民政府及其部门还应当根据本地方的具体情况，主动公开涉及市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面的政府信息；乡（镇）人民政府还应当根据本地方的具体情况，主动公开贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助等方面的政府信息。';

// 第二十一条 city/county items; the names are the statute's words.
const ART21_CITY: Array<[string, string, string, ColumnTypeCode]> = [
  ['municipal-construction', '市政建设', 'Municipal construction', 'planning'],
  ['public-services', '公共服务', 'Public services', 'service'],
  ['public-welfare', '公益事业', 'Public welfare', 'policy'],
  ['land-expropriation', '土地征收', 'Land expropriation', 'notice'],
  ['housing-expropriation', '房屋征收', 'Housing expropriation', 'notice'],
  ['public-order', '治安管理', 'Public order', 'enforcement'],
  ['social-assistance', '社会救助', 'Social assistance', 'policy'],
];

// 第二十一条 township items.
const ART21_TOWNSHIP: Array<[string, string, string, ColumnTypeCode]> = [
  ['rural-policy', '贯彻落实农业农村政策', 'Agricultural and rural policy', 'policy'],
  ['farmland-water-works', '农田水利工程建设运营', 'Farmland water works', 'planning'],
  ['rural-land-contract-transfer', '农村土地承包经营权流转', 'Transfer of rural land contract rights', 'notice'],
  ['homestead-approval', '宅基地使用情况审核', 'Homestead approvals', 'notice'],
  ['land-expropriation', '土地征收', 'Land expropriation', 'notice'],
  ['housing-expropriation', '房屋征收', 'Housing expropriation', 'notice'],
  ['pooled-funds-and-labour', '筹资筹劳', 'Pooled funds and labour', 'finance'],
  ['social-assistance', '社会救助', 'Social assistance', 'policy'],
];

function art20Columns(): CatalogColumn[] {
  return ART20.map(([slug, zh, en, type, fullText], i) => ({
    slug, name: { zh, en }, type, source: { document: REG, article: 20, item: i + 1 }, fullText,
  }));
}

function art21Columns(list: typeof ART21_CITY, optional: boolean): CatalogColumn[] {
  return list.map(([slug, zh, en, type]) => ({
    slug, name: { zh, en }, type, source: { document: REG, article: 21 }, fullText: ART21_TEXT, ...(optional ? { optional } : {}),
  }));
}

/**
 * Which 第二十一条 items a unit type carries:
 * - city_government, county_government: the city/county items (朝阳市 is a 设区的市).
 * - department, park, office: the article names 县级以上人民政府"及其部门", so departments carry the
 *   city/county items too; but "根据本地方的具体情况" and an empty column counts against the site
 *   (国办秘函〔2019〕19号: ≥ 5 空白栏目 fails it), so for them the items are `optional` — each unit
 *   enables those within its duties (e.g. 民政局 → 社会救助). Parks (开发区管委会) and offices
 *   (市直单位, 派出机构 acting in their own name, 条例 第十条第二款) are treated like departments.
 * - township: the township items.
 */
function art21For(unitType: UnitType): CatalogColumn[] {
  switch (unitType) {
    case 'city_government':
    case 'county_government':
      return art21Columns(ART21_CITY, false);
    case 'township':
      return art21Columns(ART21_TOWNSHIP, false);
    case 'department':
    case 'park':
    case 'office':
      return art21Columns(ART21_CITY, true);
  }
}

export const UNIT_TYPES: readonly UnitType[] = ['city_government', 'county_government', 'department', 'township', 'park', 'office'];

/** The standard 政府信息公开 column tree for a unit. A fresh copy each call (callers may add to it). */
export function catalogForUnit(unitType: UnitType): CatalogColumn {
  if (!UNIT_TYPES.includes(unitType)) throw new TypeError(`unknown unit type: ${String(unitType)}`);
  const governments = unitType === 'city_government' || unitType === 'county_government';
  const children: CatalogColumn[] = [
    { slug: 'guide', name: { zh: '政府信息公开指南', en: 'Disclosure guide' }, type: 'disclosure_guide', source: { document: REG, article: 12 },
      fullText: '政府信息公开指南包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。' },
    { slug: 'rules', name: { zh: '政府信息公开制度', en: 'Disclosure rules' }, type: 'disclosure_rules', source: { document: NOTICE_61 } },
    {
      slug: 'statutory', name: { zh: '法定主动公开内容', en: 'Statutory proactive disclosure' }, type: 'other', source: { document: REG, article: 20 },
      children: [...art20Columns(), ...art21For(unitType)],
    },
    { slug: 'annual-reports', name: { zh: '政府信息公开年报', en: 'Annual reports' }, type: 'annual_report', source: { document: REG, article: 49 },
      fullText: governments
        ? '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。'
        : '县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。' },
    { slug: 'on-request', name: { zh: '依申请公开', en: 'Disclosure on request' }, type: 'application', source: { document: REG, article: 27 } },
  ];
  // 国办发〔2019〕54号: counties and townships keep the 基层政务公开标准目录 (26 areas, reference.md §3).
  if (unitType === 'county_government' || unitType === 'township') {
    children.push({ slug: 'standard-catalog', name: { zh: '基层政务公开标准目录', en: 'Basic-level standard catalog' }, type: 'other', source: { document: '国办发〔2019〕54号' }, optional: true });
  }
  return { slug: 'zfxxgk', name: { zh: '政府信息公开', en: 'Government information disclosure' }, type: 'other', source: { document: NOTICE_61 }, children };
}

/** Depth-first list of all columns, each with its parent slug, for seeding tables. */
export function flattenCatalog(root: CatalogColumn): Array<{ column: CatalogColumn; parentSlug: string | null; depth: number; position: number }> {
  const out: Array<{ column: CatalogColumn; parentSlug: string | null; depth: number; position: number }> = [];
  const walk = (c: CatalogColumn, parent: string | null, depth: number, position: number) => {
    out.push({ column: c, parentSlug: parent, depth, position });
    (c.children ?? []).forEach((child, i) => walk(child, c.slug, depth + 1, i));
  };
  walk(root, null, 0, 0);
  return out;
}

// --- 专题 (special topics) for the demo: the themes of 朝阳市2020年政务公开工作要点 ---------------------

export interface TopicSection {
  slug: string;
  name: Label;
  /** Topic sections get their own column types for the freshness monitor. */
  columns: Array<{ slug: string; name: Label; type: ColumnTypeCode }>;
  /** Work points of the 2020 plan the topic answers. */
  basis: string;
}

export const SPECIAL_TOPICS: readonly TopicSection[] = [
  {
    slug: 'six-stabilities-six-guarantees',
    name: { zh: '六稳六保', en: 'Six Stabilities and Six Guarantees' },
    basis: '朝阳市2020年政务公开工作要点 第6、7点：设置专题栏目集中公开“六稳”“六保”政策文件；新出台政策文件5个工作日内公开；解读随文件同步报送',
    columns: [
      { slug: 'policies', name: { zh: '政策文件', en: 'Policies' }, type: 'policy' },
      { slug: 'interpretations', name: { zh: '政策解读', en: 'Interpretations' }, type: 'interpretation' },
      { slug: 'progress', name: { zh: '工作动态', en: 'Progress' }, type: 'news' },
    ],
  },
  {
    slug: 'epidemic-prevention',
    name: { zh: '疫情防控', en: 'Epidemic prevention and control' },
    basis: '朝阳市2020年政务公开工作要点 第11—14点：及时准确发布疫情信息、政策举措和解读',
    columns: [
      { slug: 'bulletins', name: { zh: '疫情通报', en: 'Bulletins' }, type: 'news' },
      { slug: 'policies', name: { zh: '防控政策', en: 'Policies' }, type: 'policy' },
      { slug: 'interpretations', name: { zh: '政策解读', en: 'Interpretations' }, type: 'interpretation' },
      { slug: 'health-knowledge', name: { zh: '健康科普', en: 'Health knowledge' }, type: 'news' },
    ],
  },
  {
    slug: 'business-environment',
    name: { zh: '优化营商环境', en: 'Improving the business environment' },
    basis: '朝阳市2020年政务公开工作要点 第8—10点：公开市场监管规则和标准、办事服务信息，做好经济政策解读',
    columns: [
      { slug: 'policies', name: { zh: '政策文件', en: 'Policies' }, type: 'policy' },
      { slug: 'regulatory-rules', name: { zh: '监管规则和标准', en: 'Regulatory rules and standards' }, type: 'policy' },
      { slug: 'services', name: { zh: '办事服务', en: 'Services' }, type: 'service' },
      { slug: 'interpretations', name: { zh: '政策解读', en: 'Interpretations' }, type: 'interpretation' },
    ],
  },
];
