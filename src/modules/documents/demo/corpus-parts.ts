/**
 * What every document of the demo corpus (corpus.ts) is made from: the unit and its 发文机关代字,
 * the seeded random draws (mulberry32), working-day dates as plain strings, the 索引号 and 文号
 * counters, the publication lag (a few late, for the reports), template filling and a sectioned
 * body from the vocabulary (corpus-vocab.ts), and the published record every family starts from.
 * The families that use them are corpus-families.ts. The order of the draws is what keeps the
 * corpus the same for a seed: change none of it lightly.
 *
 *   agencyCode(unit) → 发文机关代字 (demo units by key, others from the short name)
 *   rng(seed) → {next, int, pick, chance};  Ctx: the draws, year, units and counters of one run
 *   base(c, unit, year, written, policy) → a published 主动公开 ImportRecord with 索引号 and dates
 */
import type { ImportRecord } from '../store/importer.ts';
import * as V from './corpus-vocab.ts';


export interface CorpusUnit {
  code: string;
  name: string;
  shortName: string;
  type: string;
  /** demo unit key (units/demo.ts), used for the 发文机关代字 */
  key?: string;
}

// 发文机关代字 of the demo units (GB/T 9704 7.2.4); other units get one derived from their short name.
const AGENCY: Record<string, string> = {
  city: '朝政发', szfb: '朝政办发', bb: '朝编办发', sfj: '朝司发', scjg: '朝市监发', yshj: '朝营商发', wjw: '朝卫健发', yjj: '朝应急发',
  fgw: '朝发改发', czj: '朝财发', jyj: '朝教发', rsj: '朝人社发', zrzy: '朝自然资发', mzj: '朝民发', shuangta: '双政发', longcheng: '龙政发',
  cyx: '朝县政发', jianping: '建政发', kazuo: '喀左政发', beipiao: '北政发', lingyuan: '凌政发', 'st-lf': '凌凤街发', 'st-bst': '桃政发',
  'jp-yl': '叶街发', 'kz-gz': '公镇发', kfq: '朝开管发', fhs: '凤景管发',
};

export function agencyCode(u: CorpusUnit): string {
  if (u.key && AGENCY[u.key]) return AGENCY[u.key];
  const core = u.shortName.replace(/[^\u4e00-\u9fa5]/g, '').replace(/^市/, '').replace(/(人民政府|政府|委员会|管委会|办事处)$/, '');
  return '朝' + (core.slice(0, 2) || '政') + '发';
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

// --- dates (pure string arithmetic, no time zones) ----------------------------------------------
export const DAY = 86_400_000;
const toDate = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (s: string, n: number) => fmt(toDate(s) + n * DAY);
/** Moves a Saturday or Sunday to the Monday after (documents are signed on working days). */
export function weekday(s: string): string {
  const dow = new Date(toDate(s)).getUTCDay();
  return dow === 6 ? addDays(s, 2) : dow === 0 ? addDays(s, 1) : s;
}
export const zhDate = (s: string) => `${+s.slice(0, 4)}年${+s.slice(5, 7)}月${+s.slice(8, 10)}日`;

export interface Ctx {
  r: Rng;
  year: number;
  units: CorpusUnit[];
  serials: Map<string, number>;
  numbers: Map<string, number>;
  regNo: number;
}

function indexNo(c: Ctx, u: CorpusUnit, year: number): string {
  const k = `${u.code}|${year}`;
  const n = (c.serials.get(k) ?? 0) + 1;
  c.serials.set(k, n);
  return `${u.code}/${year}-${String(n).padStart(5, '0')}`;
}

export function docNumber(c: Ctx, agency: string, year: number): string {
  const k = `${agency}|${year}`;
  const n = (c.numbers.get(k) ?? 0) + 1;
  c.numbers.set(k, n);
  return `${agency}〔${year}〕${n}号`;
}

export function dateIn(c: Ctx, year: number, fromMonth = 1, toMonth = 12): string {
  const start = toDate(`${year}-${String(fromMonth).padStart(2, '0')}-01`);
  const end = toDate(`${year}-${String(toMonth).padStart(2, '0')}-28`);
  return weekday(fmt(start + Math.floor(c.r.next() * ((end - start) / DAY)) * DAY));
}

/** Publication lag in days: mostly within a week; a few late (Art. 26 and the 5-day policy rule show up in reports). */
function lag(c: Ctx, policy: boolean): number {
  const x = c.r.next();
  if (x < 0.04) return c.r.int(30, 45);
  if (policy && x < 0.2) return c.r.int(8, 14);
  return c.r.int(0, policy ? 5 : 9);
}

function published(c: Ctx, written: string, policy = false): { publishDate: string; publishedAt: string } {
  const d = weekday(addDays(written, lag(c, policy)));
  const minutes = c.r.int(8 * 60 + 30, 17 * 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { publishDate: d, publishedAt: new Date(`${d}T${hh}:${mm}:00+08:00`).toISOString() };
}

export function fill(s: string, vars: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

export function body(c: Ctx, vars: Record<string, string>, sections = 3): string {
  const p: string[] = [`<p>${fill(c.r.pick(V.OPENINGS), vars)}</p>`];
  const names = [...V.SECTIONS].sort(() => c.r.next() - 0.5).slice(0, sections);
  const nums = '一二三四五六七八';
  names.forEach((name, i) => {
    p.push(`<h3>${nums[i]}、${name}</h3>`);
    const k = c.r.int(2, 3);
    for (let j = 0; j < k; j++) p.push(`<p>（${nums[j]}）${fill(c.r.pick(V.CLAUSES), vars)}</p>`);
  });
  // a closing that names an expiry date only when the document has one (never '有效期至。')
  const closings = vars.expiry ? V.CLOSINGS : V.CLOSINGS.filter((x) => !x.includes('{expiry}'));
  p.push(`<p>${fill(c.r.pick(closings), vars)}</p>`);
  return p.join('');
}

export const byType = (c: Ctx, types: string[], keys: string[] = []) => {
  const hit = c.units.filter((u) => (u.key && keys.includes(u.key)) || types.includes(u.type));
  return hit.length ? hit : c.units;
};
export const govs = (c: Ctx) => byType(c, ['city_government', 'county_government']);
export const unitByKey = (c: Ctx, key: string, fallback: string[]) => c.units.find((u) => u.key === key) ?? c.r.pick(byType(c, fallback));

export function base(c: Ctx, u: CorpusUnit, year: number, written: string, policy: boolean): ImportRecord {
  return { unit: u.code, indexNo: indexNo(c, u, year), status: 'published', writtenDate: written, ...published(c, written, policy), disclosure: 'proactive', source: u.name, issuingUnits: [u.code] };
}
