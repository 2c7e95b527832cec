/**
 * The 26 pilot areas of 基层政务公开标准化规范化 (国办发〔2017〕42号 named 25; 国办发〔2019〕54号
 * generalised them as "26个试点领域" with 扶贫救灾 split into 扶贫 and 救灾 — shared/domain/reference.md §3.1),
 * in the order county catalogs use. The code is the area's number; it never changes when a later
 * renaming happens (扶贫 → 乡村振兴, 医疗卫生 → 卫生健康: `aka` keeps the other names for imports).
 */
import type { Msg } from '../../../core/render/i18n.ts';

export interface Area { code: string; name: Msg; aka?: string[] }

export const AREAS: readonly Area[] = [
  { code: '01', name: { zh: '城乡规划', en: 'Urban and rural planning' } },
  { code: '02', name: { zh: '重大建设项目', en: 'Major construction projects' } },
  { code: '03', name: { zh: '公共资源交易', en: 'Public resource trading' } },
  { code: '04', name: { zh: '财政预决算', en: 'Budgets and final accounts' } },
  { code: '05', name: { zh: '安全生产', en: 'Work safety' } },
  { code: '06', name: { zh: '税收管理', en: 'Tax administration' } },
  { code: '07', name: { zh: '征地补偿', en: 'Land requisition compensation' } },
  { code: '08', name: { zh: '国有土地上房屋征收与补偿', en: 'Expropriation of housing on state-owned land' }, aka: ['拆迁安置'] },
  { code: '09', name: { zh: '保障性住房', en: 'Affordable housing' } },
  { code: '10', name: { zh: '农村危房改造', en: 'Rural dilapidated housing renovation' } },
  { code: '11', name: { zh: '扶贫', en: 'Poverty alleviation' }, aka: ['乡村振兴'] },
  { code: '12', name: { zh: '救灾', en: 'Disaster relief' } },
  { code: '13', name: { zh: '食品药品监管', en: 'Food and drug supervision' } },
  { code: '14', name: { zh: '城市综合执法', en: 'Urban administrative enforcement' } },
  { code: '15', name: { zh: '就业', en: 'Employment' }, aka: ['就业创业'] },
  { code: '16', name: { zh: '社会保险', en: 'Social insurance' } },
  { code: '17', name: { zh: '社会救助', en: 'Social assistance' } },
  { code: '18', name: { zh: '养老服务', en: 'Elderly care services' } },
  { code: '19', name: { zh: '户籍管理', en: 'Household registration' } },
  { code: '20', name: { zh: '涉农补贴', en: 'Agricultural subsidies' } },
  { code: '21', name: { zh: '义务教育', en: 'Compulsory education' } },
  { code: '22', name: { zh: '医疗卫生', en: 'Health care' }, aka: ['卫生健康'] },
  { code: '23', name: { zh: '环境保护', en: 'Environmental protection' }, aka: ['生态环境'] },
  { code: '24', name: { zh: '公共文化服务', en: 'Public cultural services' } },
  { code: '25', name: { zh: '公共法律服务', en: 'Public legal services' } },
  { code: '26', name: { zh: '市政服务', en: 'Municipal services' } },
];

const BY_CODE = new Map(AREAS.map((a) => [a.code, a]));

/** The area from its code ('7' or '07'), its Chinese name or one of its other names; null when unknown. */
export function areaOf(raw: unknown): Area | null {
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (/^\d{1,2}$/.test(s)) return BY_CODE.get(s.padStart(2, '0')) ?? null;
  return AREAS.find((a) => a.name.zh === s || a.aka?.includes(s)) ?? null;
}

export const areaName = (code: string): Msg => BY_CODE.get(code)?.name ?? { zh: code, en: code };
