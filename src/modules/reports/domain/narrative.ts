/**
 * Draft text for the narrative parts 一, 五 and 六, pre-filled from the figures so staff edit a draft
 * rather than a blank page (条例 第五十条: 主动公开、依申请公开、复议诉讼、存在的主要问题及改进情况、
 * 其他需要报告的事项). The structure of part 一 follows 国办公开办函〔2021〕30号: 主动公开、依申请公开、
 * 政府信息管理、政府信息公开平台建设、监督保障. Anything the facts do not give becomes a visible
 * placeholder 【待填写：…】, and hasPlaceholders() lets the publish step refuse a draft that still has one.
 */
import type { AnnualReport } from './types.ts';
import { toFixedDecimal, YUAN_SCALE, isDecimal } from './decimal.ts';

export interface NarrativeFacts {
  unitName: string;
  year: number;
  /** The year's report: table 3 and 4 figures fill the application and appeal sentences. */
  report?: AnnualReport;
  proactive?: {
    documentsPublished?: number;
    policyDocuments?: number;
    interpretations?: number;
    pressConferences?: number;
    onlineInterviews?: number;
  };
  management?: {
    /** 规范性文件 cleaned up (清理) this year. */
    normativeCleanedUp?: number;
    /** Items reviewed before disclosure (公开前审查). */
    itemsReviewed?: number;
  };
  platform?: { websiteName?: string; newMediaAccounts?: number; columnsUpdated?: number };
  /** 留言/咨询 and 意见征集 figures from the shared participation query (reports/store/participation.ts). */
  participation?: { messagesValid: number; answerRate: number | null; onTimeRate: number | null; consultationsClosed: number; consultationsWithFeedback: number };
  supervision?: { trainingSessions?: number; trainedPeople?: number; assessments?: string; accountability?: string };
  problems?: string[];
  improvements?: string[];
  /** 信息处理费 under 国办函〔2020〕109号, amounts in 元 as decimal strings. */
  fees?: { notices: number; notifiedYuan: string; collectedYuan: string };
  proposals?: { npcSuggestions?: number; cppccProposals?: number };
  /** 上级年度政务公开工作要点 implementation. */
  keyPoints?: string;
  innovations?: string;
  otherMatters?: string[];
}

export interface NarrativeSection {
  heading: string;
  paragraphs: string[];
}

export interface Narrative {
  /** "本报告中所列数据统计期限为…" */
  preface: string;
  part1: NarrativeSection[];
  part5: NarrativeSection[];
  part6: string[];
}

export const PLACEHOLDER_OPEN = '【待填写：';

export function placeholder(what: string): string {
  return `${PLACEHOLDER_OPEN}${what}】`;
}

export function hasPlaceholders(n: Narrative | string): boolean {
  const text = typeof n === 'string' ? n : [n.preface, ...n.part1.flatMap((s) => [s.heading, ...s.paragraphs]), ...n.part5.flatMap((s) => s.paragraphs), ...n.part6].join('\n');
  return text.includes(PLACEHOLDER_OPEN);
}

const n = (v: number | undefined, what: string) => (v === undefined ? placeholder(what) : String(v));
const yuan = (s: string) => (isDecimal(s, YUAN_SCALE) ? toFixedDecimal(s, 2, YUAN_SCALE) : placeholder('金额'));

export function draftNarrative(facts: NarrativeFacts): Narrative {
  const y = facts.year;
  const r = facts.report;
  const p = facts.proactive ?? {};
  const m = facts.management ?? {};
  const pl = facts.platform ?? {};
  const s = facts.supervision ?? {};

  const proactive =
    `${y}年，${facts.unitName}坚持以公开为常态、不公开为例外，通过政府网站主动公开政府信息${n(p.documentsPublished, '主动公开信息条数')}条，` +
    `其中政策文件${n(p.policyDocuments, '政策文件件数')}件，发布政策解读${n(p.interpretations, '政策解读件数')}篇，` +
    `召开新闻发布会${n(p.pressConferences, '新闻发布会场次')}场，开展在线访谈${n(p.onlineInterviews, '在线访谈期数')}期。`;

  const application = r
    ? `${y}年，本机关新收政府信息公开申请${r.table3['3.1'].total}件，上年结转${r.table3['3.2'].total}件，本年度办结${r.table3['3.3.7'].total}件，` +
      `其中予以公开${r.table3['3.3.1'].total}件、部分公开${r.table3['3.3.2'].total}件，结转下年度继续办理${r.table3['3.4'].total}件。` +
      `因政府信息公开工作被申请行政复议${r.table4.review.total}件，被提起行政诉讼${r.table4.litigation_direct.total + r.table4.litigation_after_review.total}件，` +
      `其中结果被纠正${r.table4.review.corrected + r.table4.litigation_direct.corrected + r.table4.litigation_after_review.corrected}件。`
    : placeholder('依申请公开办理情况');

  const mgmt = [
    m.normativeCleanedUp !== undefined ? `清理行政规范性文件${m.normativeCleanedUp}件` : undefined,
    m.itemsReviewed !== undefined ? `对拟公开的${m.itemsReviewed}条政府信息进行公开前审查` : undefined,
  ].filter(Boolean);
  const docFigures =
    r && r.format === '2021' && r.table2.regulations && r.table2.normative
      ? `本年制发规章${r.table2.regulations.issued}件、行政规范性文件${r.table2.normative.issued}件，废止规章${r.table2.regulations.repealed}件、行政规范性文件${r.table2.normative.repealed}件，现行有效规章${r.table2.regulations.in_force}件、行政规范性文件${r.table2.normative.in_force}件。`
      : '';
  const management = (mgmt.length ? `严格落实公开前审查和动态调整机制，${mgmt.join('，')}。` : placeholder('政府信息管理情况')) + docFigures;

  const platform =
    `${pl.websiteName ? `以${pl.websiteName}为第一平台，` : ''}` +
    (pl.columnsUpdated !== undefined || pl.newMediaAccounts !== undefined
      ? `更新政府信息公开专栏${n(pl.columnsUpdated, '更新栏目数')}个，运维政务新媒体账号${n(pl.newMediaAccounts, '政务新媒体账号数')}个。`
      : placeholder('政府信息公开平台建设情况')) +
    participationSentence(facts.participation);

  const supervision =
    `组织政务公开业务培训${n(s.trainingSessions, '培训场次')}场，参训${n(s.trainedPeople, '参训人次')}人次。` +
    (s.assessments ? s.assessments : placeholder('工作考核、社会评议情况')) +
    (s.accountability ? s.accountability : placeholder('责任追究结果情况（无则写“本年度未发生责任追究情况”）'));

  const problems = facts.problems?.length ? facts.problems.map((t, i) => `${i + 1}.${t}`) : [placeholder('存在的主要问题')];
  const improvements = facts.improvements?.length ? facts.improvements.map((t, i) => `${i + 1}.${t}`) : [placeholder('改进情况')];

  const part6: string[] = [];
  const fees = facts.fees;
  if (!fees) part6.push(placeholder('信息处理费收取情况（依据国办函〔2020〕109号）'));
  else if (fees.notices === 0 && isDecimal(fees.collectedYuan, YUAN_SCALE) && toFixedDecimal(fees.collectedYuan, 2, YUAN_SCALE) === '0.00') {
    part6.push(`${y}年，本机关未发出信息处理费收费通知，未收取信息处理费。`);
  } else {
    part6.push(`${y}年，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）发出收费通知${fees.notices}件，通知收费金额${yuan(fees.notifiedYuan)}元，实际收取信息处理费${yuan(fees.collectedYuan)}元。`);
  }
  part6.push(facts.keyPoints ?? placeholder('落实上级年度政务公开工作要点情况'));
  const pr = facts.proposals;
  part6.push(pr ? `本年度办理人大代表建议${n(pr.npcSuggestions, '人大代表建议件数')}件、政协提案${n(pr.cppccProposals, '政协提案件数')}件，办理结果已按规定公开。` : placeholder('人大代表建议和政协提案办理结果公开情况'));
  if (facts.innovations) part6.push(facts.innovations);
  part6.push(...(facts.otherMatters ?? []));

  return {
    preface: `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。本报告中所列数据统计期限为${y}年1月1日至${y}年12月31日。`,
    part1: [
      { heading: '（一）主动公开', paragraphs: [proactive] },
      { heading: '（二）依申请公开', paragraphs: [application] },
      { heading: '（三）政府信息管理', paragraphs: [management] },
      { heading: '（四）政府信息公开平台建设', paragraphs: [platform] },
      { heading: '（五）监督保障', paragraphs: [supervision] },
    ],
    part5: [
      { heading: '（一）存在的主要问题', paragraphs: problems },
      { heading: '（二）改进情况', paragraphs: improvements },
    ],
    part6,
  };
}

/** Rates as 百分比 with at most one decimal ("—" when there is nothing to divide). */
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The 互动回应 sentence: the same answer rate, on-time rate and feedback count as the assessment. */
export function participationSentence(p: NarrativeFacts['participation']): string {
  if (!p) return '';
  return `办理群众留言咨询${p.messagesValid}件，答复率${percent(p.answerRate)}，按时答复率${percent(p.onTimeRate)}；` +
    `${p.consultationsClosed}项意见征集期满，其中${p.consultationsWithFeedback}项已公开意见采纳情况。`;
}
