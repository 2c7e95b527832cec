/**
 * The families of the demo corpus (corpus.ts), each a function that draws one or a few related
 * documents for a year, and their weights. Families: 六稳六保 policies with their interpretations
 * (some without, for the 同步解读 check), 营商环境 rules (规章 by 令, 规范性文件 with registration
 * numbers), 疫情防控 notices and bulletins, health Q&A, 应急预案, older 规范性文件 repealed or amended
 * by a 2020 decision, 财政预决算, 公务员招考 and 任免, 双随机 results, 行政处罚 and 行政许可 results,
 * statistics, township items (低保, 土地征收, 流转), annual reports, news for the 专题. Built from
 * corpus-parts.ts and the vocabulary (corpus-vocab.ts).
 *
 *   FAMILIES: [Family, weight][];  TOTAL_WEIGHT;  newsFamily (the fallback draw)
 */
import type { ImportRecord } from '../store/importer.ts';
import * as V from './corpus-vocab.ts';
import { addDays, agencyCode, base, body, byType, dateIn, docNumber, fill, govs, unitByKey, weekday, zhDate, type Ctx } from './corpus-parts.ts';


// --- families -----------------------------------------------------------------------------------
export type Family = (c: Ctx, year: number) => ImportRecord[];

const policyFamily: Family = (c, year) => {
  const u = c.r.pick(byType(c, ['city_government', 'county_government'], ['fgw', 'rsj', 'czj', 'scjg', 'yshj']));
  const subject = c.r.pick([...V.SIX_STABILITIES, ...V.SIX_GUARANTEES]);
  const sector = c.r.pick(V.SECTORS);
  const title = u.name + fill(c.r.pick(V.POLICY_TITLES), { subject, sector, place: u.shortName.replace(/政府$/, '') });
  const written = dateIn(c, year, 2, 11);
  const normative = c.r.chance(0.7);
  const effective = addDays(written, c.r.int(0, 10));
  const p: ImportRecord = {
    ...base(c, u, year, written, true), title, docNumber: docNumber(c, agencyCode(u), year), docType: c.r.pick(['opinion', 'notice']),
    legalForm: normative ? 'normative' : 'other_policy', normativeRegNo: normative ? `CYGF-${year}-${String(++c.regNo).padStart(3, '0')}` : null,
    effectiveDate: effective, expiryDate: normative ? addDays(effective, 2 * 365) : null, validity: 'effective', topic: subject.includes('就业') ? '1501' : '0301',
    summary: `围绕“${subject}”，明确支持${sector}的${c.r.int(8, 20)}条政策措施、申报条件和办理渠道。`,
    keywords: ['六稳六保', subject, sector].slice(0, 3), columns: ['regulations-and-normative-documents', ...(subject.includes('就业') ? ['social-programmes'] : [])],
    topics: ['six-stabilities-six-guarantees/policies'],
    bodyHtml: body(c, { theme: '做好“六稳”工作、落实“六保”任务', purpose: `切实帮助${sector}纾困解难`, genre: normative ? '措施' : '方案', basis: '国务院关于进一步做好稳就业工作的意见', verb: '通知', approver: '市政府', sector, expiry: normative ? zhDate(addDays(effective, 730)) : '', owner: u.shortName }, 4),
  };
  const out = [p];
  // 2020 要点 第7点: 解读随文件同步; ~15 % get none, so the "without interpretation" list is not empty.
  if (c.r.chance(0.85)) {
    const kinds: [string, string][] = [['text', '政策解读：'], ...(c.r.chance(0.5) ? [['graphic', '图解：'] as [string, string]] : []), ...(c.r.chance(0.15) ? [['expert', '专家解读：'] as [string, string]] : []), ...(c.r.chance(0.1) ? [['video', '视频解读：'] as [string, string]] : []), ...(c.r.chance(0.1) ? [['media', '媒体解读：'] as [string, string]] : [])];
    for (const [kind, prefix] of kinds) {
      const w = weekday(addDays(p.publishDate!, c.r.chance(0.8) ? 0 : c.r.int(1, 10)));
      out.push({
        ...base(c, u, year, w, true), title: `${prefix}《${title.replace(u.name, '')}》`, docType: 'other', legalForm: 'none', interpretationOf: p.indexNo, interpretationKind: kind,
        topic: p.topic, summary: `从出台背景、主要内容和申请方式三个方面对《${title}》进行解读。`, keywords: ['政策解读', subject], columns: [], topics: ['six-stabilities-six-guarantees/interpretations'],
        bodyHtml: `<p>一、出台背景</p><p>为贯彻落实“${subject}”决策部署，帮助${sector}应对困难，${u.shortName}制定了本政策。</p><p>二、主要内容</p><p>政策共${c.r.int(8, 20)}条，重点在减负、稳岗、融资和服务四个方面。</p><p>三、如何申请</p><p>符合条件的主体可通过政务服务网在线申请，也可到政务服务中心窗口办理。</p>`,
      });
    }
  }
  return out;
};

const businessFamily: Family = (c, year) => {
  const city = unitByKey(c, 'city', ['city_government']);
  const written = dateIn(c, year, 3, 11);
  if (c.r.chance(0.4)) {
    const title = c.r.pick(V.BUSINESS_RULES);
    const n = (c.numbers.get('order') ?? 0) + 1;
    c.numbers.set('order', n);
    return [{
      ...base(c, city, year, written, true), title, docNumber: `朝阳市人民政府令第${n}号`, docType: 'order', legalForm: 'regulation', validity: 'effective',
      effectiveDate: weekday(addDays(written, 30)), topic: '0301', summary: `规定${title.replace('朝阳市', '')}的适用范围、职责分工、办理程序和法律责任。`,
      keywords: ['营商环境', '规章'], columns: ['regulations-and-normative-documents'], topics: ['business-environment/policies'],
      bodyHtml: body(c, { theme: '优化营商环境', purpose: '激发市场主体活力', genre: '办法', basis: '优化营商环境条例', verb: '规定', approver: '市政府常务会议', sector: '市场主体', owner: '市司法局' }, 5),
    }];
  }
  const u = unitByKey(c, c.r.pick(['yshj', 'scjg']), ['department']);
  const title = c.r.pick(V.REGULATORY_RULES);
  return [{
    ...base(c, u, year, written, true), title: `${u.name}关于印发《${title}》的通知`, docNumber: docNumber(c, agencyCode(u), year), docType: 'notice', legalForm: 'normative',
    normativeRegNo: `CYGF-${year}-${String(++c.regNo).padStart(3, '0')}`, validity: 'effective', topic: '0902', summary: `公布${title.replace('朝阳市', '')}，明确监管规则和标准。`,
    keywords: ['营商环境', '监管规则'], columns: ['regulations-and-normative-documents'], topics: ['business-environment/regulatory-rules'],
    bodyHtml: body(c, { theme: '规范涉企执法', purpose: '营造公平透明的市场环境', genre: '细则', basis: '优化营商环境条例', verb: '通知', approver: '局党组', sector: '市场主体', owner: u.shortName }, 3),
  }];
};

const epidemicFamily: Family = (c, year) => {
  const u = c.r.chance(0.5) ? unitByKey(c, 'wjw', ['department']) : c.r.pick(govs(c));
  const written = dateIn(c, year, 1, c.r.chance(0.6) ? 4 : 12);
  if (c.r.chance(0.5)) {
    return [{
      ...base(c, u, year, written, false), title: `${u.name.replace(/人民政府$/, '')}新冠肺炎疫情情况通报（${zhDate(written)}）`, docType: 'bulletin', legalForm: 'none', topic: '1301',
      summary: `通报截至${zhDate(written)}24时本地疫情防控情况。`, keywords: ['疫情防控', '疫情通报'], columns: ['emergencies'], topics: ['epidemic-prevention/bulletins'],
      bodyHtml: `<p>${zhDate(written)}0—24时，全市无新增确诊病例、无新增疑似病例、无新增无症状感染者。</p><p>请广大市民继续做好个人防护，科学佩戴口罩，勤洗手、常通风。</p>`,
    }];
  }
  const t = c.r.pick(V.EPIDEMIC_MEASURES);
  return [{
    ...base(c, u, year, written, false), title: `朝阳市新冠肺炎疫情防控指挥部${t}`, issuingUnits: ['朝阳市新冠肺炎疫情防控指挥部', u.code],
    docType: t.endsWith('通告') ? 'public_notice' : 'notice', legalForm: 'other_policy', validity: 'effective', topic: '1301',
    summary: `部署${t.replace(/^关于|的通(告|知)$/g, '')}的具体措施。`, keywords: ['疫情防控'], columns: ['emergencies'], topics: ['epidemic-prevention/policies'],
    bodyHtml: body(c, { theme: '统筹疫情防控和经济社会发展', purpose: '巩固疫情防控成果', genre: '通告', basis: '中华人民共和国传染病防治法', verb: '通告', approver: '市疫情防控指挥部', sector: '重点场所', owner: '市疫情防控指挥部' }, 3),
  }];
};

const healthFamily: Family = (c, year) => {
  const u = unitByKey(c, 'wjw', ['department']);
  const t = c.r.pick(V.HEALTH_TOPICS);
  const written = dateIn(c, year);
  return [{ ...base(c, u, year, written, false), title: `健康科普：${t}知识问答`, docType: 'other', legalForm: 'none', topic: '1301', summary: `介绍${t}的常见问题和注意事项。`, keywords: ['健康科普', t.slice(0, 10)], topics: ['epidemic-prevention/health-knowledge'], bodyHtml: `<p>问：${t}需要注意什么？</p><p>答：请关注官方发布的权威信息，做好个人防护。</p>` }];
};

const emergencyPlanFamily: Family = (c, year) => {
  const u = c.r.chance(0.5) ? unitByKey(c, 'yjj', ['department']) : c.r.pick(govs(c));
  const h = c.r.pick(V.HAZARDS);
  const written = dateIn(c, year, 3, 10);
  const place = u.type === 'county_government' ? u.name.replace(/人民政府$/, '') : '朝阳市';
  return [{
    ...base(c, u, year, written, true), title: `${u.name}关于印发${place}${h}应急预案（${year}年修订）的通知`, docNumber: docNumber(c, agencyCode(u), year), docType: 'notice', legalForm: 'other_policy',
    validity: 'effective', topic: '0203', summary: `修订${place}${h}应急预案，明确组织体系、预警响应和保障措施。`, keywords: ['应急预案', h.slice(0, 10)], columns: ['emergencies'],
    bodyHtml: body(c, { theme: '防范化解重大风险', purpose: `提高${h}应对能力`, genre: '预案', basis: '中华人民共和国突发事件应对法', verb: '通知', approver: '市政府', sector: '各责任单位', owner: u.shortName }, 4),
  }];
};

/** A 2020 decision repealing or amending older normative documents; the decision comes first so truncation never orphans a link. */
const repealFamily: Family = (c, year) => {
  const u = c.r.pick(govs(c));
  const written = dateIn(c, year, 6, 11);
  const decision: ImportRecord = {
    ...base(c, u, year, written, true), title: `${u.name}关于废止和修改部分规范性文件的决定`, docNumber: docNumber(c, agencyCode(u), year), docType: 'decision', legalForm: 'normative',
    normativeRegNo: `CYGF-${year}-${String(++c.regNo).padStart(3, '0')}`, validity: 'effective', topic: '0201', summary: '经清理，决定废止和修改部分规范性文件。',
    keywords: ['规范性文件清理'], columns: ['regulations-and-normative-documents'],
    bodyHtml: body(c, { theme: '“放管服”改革', purpose: '维护法制统一', genre: '决定', basis: '国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知', verb: '决定', approver: '政府常务会议', sector: '各单位', owner: u.shortName }, 2),
  };
  const out = [decision];
  for (let i = 0; i < c.r.int(2, 3); i++) {
    const oldYear = year - c.r.int(1, 3);
    const w = dateIn(c, oldYear);
    const amended = c.r.chance(0.3);
    out.push({
      ...base(c, u, oldYear, w, true), title: `${u.name}关于${c.r.pick(['加强', '规范', '推进'])}${c.r.pick(['农村集体资产', '城市道路占用', '户外广告设置', '建筑垃圾', '政府投资项目', '行政事业性收费'])}管理的${c.r.pick(['通知', '意见', '规定'])}`,
      docNumber: docNumber(c, agencyCode(u), oldYear), docType: 'notice', legalForm: 'normative', normativeRegNo: `CYGF-${oldYear}-${String(c.r.int(1, 80)).padStart(3, '0')}`,
      effectiveDate: w, topic: '0201', summary: '对有关管理事项作出规定。', keywords: ['规范性文件'], columns: ['regulations-and-normative-documents'],
      validity: amended ? 'amended' : 'repealed', ...(amended ? { amendedBy: decision.indexNo } : { repealedBy: decision.indexNo }),
      bodyHtml: body(c, { theme: '依法行政', purpose: '规范管理秩序', genre: '规定', basis: '有关法律法规', verb: '通知', approver: '政府', sector: '相关单位', owner: u.shortName }, 2),
    });
  }
  return out;
};

const budgetFamily: Family = (c, year) => {
  const u = c.r.pick(byType(c, ['department', 'office', 'county_government', 'city_government']));
  const final = c.r.chance(0.4);
  const y = final ? year - 1 : year;
  const written = final ? dateIn(c, year, 8, 9) : dateIn(c, year, 2, 3);
  return [{
    ...base(c, u, year, written, false), title: `${u.name}${y}年${final ? '部门决算' : '部门预算'}`, docType: 'other', legalForm: 'none', topic: '0401',
    summary: `公开${u.shortName}${y}年${final ? '收支决算' : '收支预算'}、“三公”经费和政府采购情况。`, keywords: ['财政预决算', final ? '部门决算' : '部门预算'], columns: ['budgets-and-final-accounts'],
    bodyHtml: `<p>一、部门基本情况</p><p>${u.shortName}${final ? '决算' : '预算'}包括本级及所属单位。</p><p>二、收支总体情况</p><table><tr><th>项目</th><th>金额（万元）</th></tr><tr><td>收入合计</td><td>${c.r.int(800, 90000)}</td></tr><tr><td>支出合计</td><td>${c.r.int(800, 90000)}</td></tr><tr><td>“三公”经费</td><td>${c.r.int(5, 200)}</td></tr></table>`,
  }];
};

const personnelFamily: Family = (c, year) => {
  if (c.r.chance(0.5)) {
    const u = unitByKey(c, 'rsj', ['department']);
    const stage = c.r.pick(V.EXAM_STAGES);
    const w = dateIn(c, year, 4, 11);
    return [{ ...base(c, u, year, w, false), title: `朝阳市${year}年度考试录用公务员${stage}`, docType: 'announcement', legalForm: 'none', topic: '1503', summary: `发布${year}年度考试录用公务员${stage}。`, keywords: ['公务员招考'], columns: ['civil-service-recruitment'], bodyHtml: `<p>根据《公务员录用规定》，现将${year}年度考试录用公务员${stage.replace(/公告|公示$/, '')}有关事项公告如下。</p><p>咨询电话：0421-5551234（工作日）。</p>` }];
  }
  const u = c.r.pick(govs(c));
  const name = c.r.pick(V.SURNAMES) + c.r.pick(V.GIVEN);
  const w = dateIn(c, year);
  return [{ ...base(c, u, year, w, false), title: `${u.name}关于${name}等同志职务任免的通知`, docNumber: docNumber(c, agencyCode(u).replace('政发', '政任'), year), docType: 'notice', legalForm: 'none', topic: '1503', summary: '任免有关同志职务。', keywords: ['人事任免'], columns: ['organisation'], bodyHtml: `<p>经研究决定：</p><p>任命${name}为${c.r.pick(V.POSTS)}；</p><p>免去${c.r.pick(V.SURNAMES)}${c.r.pick(V.GIVEN)}的${c.r.pick(V.POSTS)}职务。</p>` }];
};

const company = (c: Ctx) => `朝阳市${c.r.pick(V.COMPANY_STEMS)}${c.r.pick(V.COMPANY_KINDS)}`;

const inspectionFamily: Family = (c, year) => {
  const u = unitByKey(c, 'scjg', ['department']);
  const w = dateIn(c, year, 3, 12);
  if (c.r.chance(0.55)) {
    const n = c.r.int(1, 12);
    const area = c.r.pick(V.INSPECTION_AREAS);
    return [{ ...base(c, u, year, w, false), title: `${u.name}${year}年第${n}批“双随机、一公开”${area}抽查结果公示`, docType: 'other', legalForm: 'none', topic: '0901', summary: `公示${area}领域随机抽查${c.r.int(10, 60)}户市场主体的检查结果。`, keywords: ['双随机一公开', area], columns: ['inspections'], topics: ['business-environment/regulatory-rules'], bodyHtml: `<table><tr><th>市场主体名称</th><th>检查结果</th></tr><tr><td>${company(c)}</td><td>未发现问题</td></tr><tr><td>${company(c)}</td><td>责令整改</td></tr></table>` }];
  }
  const no = docNumber(c, '朝市监罚', year);
  const who = company(c);
  return [{ ...base(c, u, year, w, false), title: `行政处罚决定书（${no}）`, docNumber: no, docType: 'other', legalForm: 'none', topic: '0901', summary: `${who}${c.r.pick(V.VIOLATIONS)}案行政处罚决定。`, keywords: ['行政处罚'], columns: ['penalties-and-enforcement'], bodyHtml: `<p>当事人：${who}</p><p>经查，当事人存在${c.r.pick(V.VIOLATIONS)}的违法行为，依法给予警告并处罚款${c.r.int(1, 50) * 1000}元。</p>` }];
};

const licensingFamily: Family = (c, year) => {
  const u = c.r.chance(0.5) ? unitByKey(c, 'yshj', ['department']) : c.r.pick(byType(c, ['department']));
  const m = c.r.int(1, 12);
  const w = weekday(`${year}-${String(m).padStart(2, '0')}-${String(c.r.int(3, 26)).padStart(2, '0')}`);
  const item = c.r.pick(V.LICENCE_ITEMS);
  return [{ ...base(c, u, year, w, false), title: `${u.name}${year}年${m}月${item}办理结果公示`, docType: 'other', legalForm: 'none', topic: '0201', summary: `公示${m}月办结的${item}事项${c.r.int(5, 80)}件。`, keywords: ['行政许可', item], columns: ['licensing-and-services'], topics: ['business-environment/services'], bodyHtml: `<table><tr><th>申请人</th><th>许可事项</th><th>结果</th></tr><tr><td>${company(c)}</td><td>${item}</td><td>准予许可</td></tr></table>` }];
};

const statisticsFamily: Family = (c, year) => {
  const u = unitByKey(c, 'fgw', ['department']);
  const m = c.r.int(1, 11);
  const w = weekday(`${year}-${String(m + 1).padStart(2, '0')}-${String(c.r.int(10, 25)).padStart(2, '0')}`);
  const item = c.r.pick(V.STAT_ITEMS);
  return [{ ...base(c, u, year, w, false), title: `${year}年1—${m}月朝阳市国民经济运行情况`, docType: 'other', legalForm: 'none', topic: '0303', summary: `1—${m}月全市${item}等主要指标运行情况。`, keywords: ['统计信息', item], columns: ['statistics'], bodyHtml: `<p>1—${m}月，全市${item}同比${c.r.chance(0.5) ? '增长' : '下降'}${(c.r.next() * 8).toFixed(1)}%。</p>` }];
};

const localFamily: Family = (c, year) => {
  const towns = byType(c, ['township']);
  const u = c.r.pick(towns.length ? towns : govs(c));
  const w = dateIn(c, year);
  const v = c.r.pick(V.VILLAGES);
  const x = c.r.next();
  if (x < 0.4) {
    const m = +w.slice(5, 7);
    return [{ ...base(c, u, year, w, false), title: `${u.shortName}${year}年${m}月城乡低保动态管理情况公示`, docType: 'other', legalForm: 'none', topic: '1703', summary: `公示${m}月新增、停发低保对象情况（姓名已脱敏）。`, keywords: ['社会救助', '低保'], columns: ['social-assistance'], bodyHtml: `<table><tr><th>村（社区）</th><th>户主</th><th>变动</th></tr><tr><td>${v}</td><td>${c.r.pick(V.SURNAMES)}**</td><td>新增</td></tr></table>` }];
  }
  if (x < 0.7 && u.type === 'township') {
    return [{ ...base(c, u, year, w, false), title: `${u.shortName}${v}农村土地承包经营权流转情况公示`, docType: 'other', legalForm: 'none', topic: '0601', summary: `公示${v}土地流转面积、期限和受让方。`, keywords: ['土地流转'], columns: ['rural-land-contract-transfer'], bodyHtml: `<p>${v}流转耕地${c.r.int(20, 500)}亩，期限${c.r.int(3, 15)}年，受让方为${c.r.pick(V.COMPANY_STEMS)}农民专业合作社。</p>` }];
  }
  const g = c.r.pick(govs(c));
  const b = base(c, g, year, w, false); // (the draws in the order they always had: the corpus stays the same)
  const no = c.r.int(1, 20);
  const ha = c.r.int(2, 60);
  return [{
    ...b, title: `${g.name}征收土地预公告（${year}年第${no}号）`, docType: 'announcement', legalForm: 'none', topic: '0501', summary: `拟征收${v}集体土地${ha}公顷的范围、目的和补偿安置安排。`, keywords: ['土地征收'], columns: ['land-expropriation'],
    // the attachment it names is made from these figures (demo/attachments.ts)
    bodyHtml: `<p>因公共利益需要，拟征收${v}集体土地${ha}公顷。征收范围、土地现状、征收目的、补偿标准等详见附件。</p><p>附件：${v}征收土地范围及补偿安置方案</p>`,
  }];
};

const annualReportFamily: Family = (c, year) => {
  const u = c.r.pick(c.units);
  const gov = u.type === 'city_government' || u.type === 'county_government';
  const w = weekday(`${year}-${gov ? '03' : '01'}-${String(c.r.int(10, 25)).padStart(2, '0')}`);
  return [{ ...base(c, u, year, w, false), title: `${u.name}${year - 1}年政府信息公开工作年度报告`, docType: 'report', legalForm: 'none', topic: '0201', summary: `${u.shortName}${year - 1}年主动公开、依申请公开、复议诉讼和存在问题情况。`, keywords: ['政府信息公开', '年度报告'], columns: ['annual-reports'], bodyHtml: '<p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>' }];
};

export const newsFamily: Family = (c, year) => {
  const u = c.r.pick(c.units);
  const e = c.r.pick(V.NEWS_EVENTS);
  const w = dateIn(c, year);
  const topic = e.includes('疫情') ? [] : ['six-stabilities-six-guarantees/progress'];
  return [{ ...base(c, u, year, w, false), title: `${u.shortName}${e}`, docType: 'other', legalForm: 'none', topic: '0201', summary: `${zhDate(w)}，${u.shortName}${e}。`, keywords: ['工作动态'], topics: topic, bodyHtml: `<p>${zhDate(w)}，${u.shortName}${e}，对下一步工作作出部署。</p>` }];
};

export const FAMILIES: [Family, number][] = [
  [policyFamily, 12], [businessFamily, 5], [epidemicFamily, 11], [healthFamily, 3], [emergencyPlanFamily, 3], [repealFamily, 2], [budgetFamily, 10],
  [personnelFamily, 8], [inspectionFamily, 12], [licensingFamily, 7], [statisticsFamily, 5], [localFamily, 10], [annualReportFamily, 4], [newsFamily, 8],
];
export const TOTAL_WEIGHT = FAMILIES.reduce((n, [, w]) => n + w, 0);
