/**
 * The demo city: 朝阳市 as the 2020 work plan describes it — the city government, the offices and
 * bureaus the plan names as lead units, the counties/districts, a few townships and a park. Place
 * names are real geography; every person, phone number and address detail is fictional.
 */
import { makeUscc } from '../domain/uscc.ts';
import type { UnitType } from '../domain/types.ts';

export interface DemoUnit {
  key: string;
  parent?: string;
  name: string;
  short: string;
  en: string;
  type: UnitType;
  slug: string;
  division: string;
  org: string;
  body?: string;
  official: string;
  title: string;
}

const CITY = '211300';
export const DEMO_UNITS: DemoUnit[] = [
  { key: 'city', name: '朝阳市人民政府', short: '市政府', en: 'Chaoyang Municipal Government', type: 'city_government', slug: 'chaoyang', division: CITY, org: 'MB0100000', body: '朝阳市人民政府办公室政务公开科', official: '王建国', title: '市政府秘书长' },
  { key: 'szfb', parent: 'city', name: '朝阳市人民政府办公室', short: '市政府办公室', en: 'General Office of the Municipal Government', type: 'department', slug: 'szfb', division: CITY, org: 'MB0100100', body: '市政府办公室政务公开科', official: '刘晓东', title: '副主任' },
  { key: 'bb', parent: 'city', name: '中共朝阳市委机构编制委员会办公室', short: '市委编办', en: 'Municipal Commission Office for Public Sector Reform', type: 'office', slug: 'bianban', division: CITY, org: 'MB0100200', official: '孙丽华', title: '副主任' },
  { key: 'sfj', parent: 'city', name: '朝阳市司法局', short: '市司法局', en: 'Municipal Bureau of Justice', type: 'department', slug: 'sfj', division: CITY, org: 'MB0100300', official: '赵文明', title: '副局长' },
  { key: 'scjg', parent: 'city', name: '朝阳市市场监督管理局', short: '市市场监管局', en: 'Municipal Administration for Market Regulation', type: 'department', slug: 'scjgj', division: CITY, org: 'MB0100400', official: '周海涛', title: '副局长' },
  { key: 'yshj', parent: 'city', name: '朝阳市营商环境建设局', short: '市营商局', en: 'Municipal Bureau of Business Environment', type: 'department', slug: 'yshj', division: CITY, org: 'MB0100500', official: '吴志强', title: '副局长' },
  { key: 'wjw', parent: 'city', name: '朝阳市卫生健康委员会', short: '市卫生健康委', en: 'Municipal Health Commission', type: 'department', slug: 'wjw', division: CITY, org: 'MB0100600', official: '郑春梅', title: '副主任' },
  { key: 'yjj', parent: 'city', name: '朝阳市应急管理局', short: '市应急局', en: 'Municipal Emergency Management Bureau', type: 'department', slug: 'yjj', division: CITY, org: 'MB0100700', official: '陈国庆', title: '副局长' },
  { key: 'fgw', parent: 'city', name: '朝阳市发展和改革委员会', short: '市发展改革委', en: 'Municipal Development and Reform Commission', type: 'department', slug: 'fgw', division: CITY, org: 'MB0100800', official: '杨立新', title: '副主任' },
  { key: 'czj', parent: 'city', name: '朝阳市财政局', short: '市财政局', en: 'Municipal Finance Bureau', type: 'department', slug: 'czj', division: CITY, org: 'MB0100900', official: '黄玉兰', title: '副局长' },
  { key: 'jyj', parent: 'city', name: '朝阳市教育局', short: '市教育局', en: 'Municipal Education Bureau', type: 'department', slug: 'jyj', division: CITY, org: 'MB0101000', official: '林振华', title: '副局长' },
  { key: 'rsj', parent: 'city', name: '朝阳市人力资源和社会保障局', short: '市人社局', en: 'Municipal Human Resources and Social Security Bureau', type: 'department', slug: 'rsj', division: CITY, org: 'MB0101100', official: '何秀英', title: '副局长' },
  { key: 'zrzy', parent: 'city', name: '朝阳市自然资源局', short: '市自然资源局', en: 'Municipal Natural Resources Bureau', type: 'department', slug: 'zrzyj', division: CITY, org: 'MB0101200', official: '高云飞', title: '副局长' },
  { key: 'mzj', parent: 'city', name: '朝阳市民政局', short: '市民政局', en: 'Municipal Civil Affairs Bureau', type: 'department', slug: 'mzj', division: CITY, org: 'MB0101300', official: '马淑珍', title: '副局长' },
  { key: 'shuangta', parent: 'city', name: '朝阳市双塔区人民政府', short: '双塔区政府', en: 'Shuangta District Government', type: 'county_government', slug: 'shuangta', division: '211302', org: 'MB0200000', official: '罗志刚', title: '副区长' },
  { key: 'longcheng', parent: 'city', name: '朝阳市龙城区人民政府', short: '龙城区政府', en: 'Longcheng District Government', type: 'county_government', slug: 'longcheng', division: '211303', org: 'MB0300000', official: '梁红艳', title: '副区长' },
  { key: 'cyx', parent: 'city', name: '朝阳县人民政府', short: '朝阳县政府', en: 'Chaoyang County Government', type: 'county_government', slug: 'chaoyangxian', division: '211321', org: 'MB0400000', official: '宋建军', title: '副县长' },
  { key: 'jianping', parent: 'city', name: '建平县人民政府', short: '建平县政府', en: 'Jianping County Government', type: 'county_government', slug: 'jianping', division: '211322', org: 'MB0500000', official: '谢丽娟', title: '副县长' },
  { key: 'kazuo', parent: 'city', name: '喀喇沁左翼蒙古族自治县人民政府', short: '喀左县政府', en: 'Harqin Left Mongol Autonomous County Government', type: 'county_government', slug: 'kazuo', division: '211324', org: 'MB0600000', official: '韩宝力', title: '副县长' },
  { key: 'beipiao', parent: 'city', name: '北票市人民政府', short: '北票市政府', en: 'Beipiao City Government', type: 'county_government', slug: 'beipiao', division: '211381', org: 'MB0700000', official: '唐永生', title: '副市长' },
  { key: 'lingyuan', parent: 'city', name: '凌源市人民政府', short: '凌源市政府', en: 'Lingyuan City Government', type: 'county_government', slug: 'lingyuan', division: '211382', org: 'MB0800000', official: '冯秀梅', title: '副市长' },
  { key: 'st-lf', parent: 'shuangta', name: '双塔区凌凤街道办事处', short: '凌凤街道', en: 'Lingfeng Subdistrict Office', type: 'township', slug: 'shuangta-lingfeng', division: '211302', org: 'MB0201000', official: '于海燕', title: '副主任' },
  { key: 'st-bst', parent: 'shuangta', name: '双塔区桃花吐镇人民政府', short: '桃花吐镇', en: 'Taohuatu Town Government', type: 'township', slug: 'shuangta-taohuatu', division: '211302', org: 'MB0202000', official: '董立军', title: '副镇长' },
  { key: 'jp-yl', parent: 'jianping', name: '建平县叶柏寿街道办事处', short: '叶柏寿街道', en: 'Yebaishou Subdistrict Office', type: 'township', slug: 'jianping-yebaishou', division: '211322', org: 'MB0501000', official: '萧桂芳', title: '副主任' },
  { key: 'kz-gz', parent: 'kazuo', name: '喀左县公营子镇人民政府', short: '公营子镇', en: 'Gongyingzi Town Government', type: 'township', slug: 'kazuo-gongyingzi', division: '211324', org: 'MB0601000', official: '白乌兰', title: '副镇长' },
  { key: 'kfq', parent: 'city', name: '朝阳经济技术开发区管理委员会', short: '开发区管委会', en: 'Chaoyang Economic and Technological Development Zone Committee', type: 'park', slug: 'kfq', division: CITY, org: 'MB0900000', official: '潘志远', title: '副主任' },
  { key: 'fhs', parent: 'city', name: '凤凰山景区管理委员会', short: '凤凰山景区管委会', en: 'Fenghuang Mountain Scenic Area Committee', type: 'park', slug: 'fenghuangshan', division: CITY, org: 'MB1000000', official: '邓晓梅', title: '副主任' },
];

/** Fictional contact details: numbers in the 0421 area with a 555x block not used by the city. */
export function demoUnitFields(u: DemoUnit, i: number) {
  const code = makeUscc(u.division, u.org.slice(0, 8));
  const n = String(5550000 + i * 11).slice(0, 7);
  const gov = u.type === 'county_government' || u.type === 'city_government';
  return {
    code,
    name: u.name,
    short_name: u.short,
    name_en: u.en,
    type: u.type,
    slug: u.slug,
    sort_order: i,
    disclosure_body: u.body ?? `${u.short}政务公开办公室`,
    address: `辽宁省朝阳市${u.type === 'township' ? '' : '双塔区'}${['朝阳大街', '新华路', '黄河路', '龙山街', '中山大街'][i % 5]}${100 + i * 3}号`,
    postcode: u.division === CITY ? '122000' : `1220${String(i % 10)}${String(i % 7)}`,
    office_hours: '工作日 8:30–11:30，13:30–17:00（法定节假日除外）',
    phone: `0421-${n}`,
    fax: `0421-${String(5560000 + i * 11).slice(0, 7)}`,
    email: `gk-${u.slug}@example.gov.cn`,
    website: null,
    responsible_official: u.official,
    responsible_title: u.title,
    responsible_filed_on: '2020-09-15',
    reconsideration_organ: gov ? (u.type === 'city_government' ? '辽宁省人民政府' : '朝阳市人民政府') : '朝阳市人民政府',
    court: u.type === 'city_government' ? '朝阳市中级人民法院' : '朝阳市双塔区人民法院',
    // e.g. 市司法局 → 朝司法公复, 市政府办公室 → 朝政府公复, 双塔区政府 → 双塔区公复
    letter_prefix: { city: '朝政公复', szfb: '朝政办公复' }[u.key] ?? `${u.short.replace(/^市/, '朝').replace(/(人民政府|政府|办公室|管委会|委员会|局|委)$/, '') || u.short}公复`,
  };
}
