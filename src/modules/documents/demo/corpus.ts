/**
 * A fictional but realistic corpus of disclosed documents, from templates and vocabulary
 * (corpus-vocab.ts), in the import format (../store/importer.ts). Deterministic for a seed, so the demo
 * and the benchmarks (1 M documents: use the iterator, it streams) get the same data every run.
 *
 *   synthesizeDocuments(n, units, seed, opts?) → ImportRecord[]
 *   synthesizeDocumentsIter(n, units, seed, opts?) → Iterable<ImportRecord>
 *   workPlanDocument(unitCode) → the real 朝阳市2020年政务公开工作要点 as a document
 *
 * The families (六稳六保 policies and their interpretations, 营商环境 rules, 疫情防控, 应急预案,
 * repealed and amended 规范性文件, 财政预决算, personnel, inspections, licences, statistics, township
 * items, annual reports, news) are corpus-families.ts, the parts they are built from (units and
 * 发文机关代字, random draws, dates, 索引号/文号, bodies) corpus-parts.ts. Here: the weighted draw of
 * families, unique titles, a few withdrawn items, and the real work plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportRecord } from '../store/importer.ts';
import { DAY, rng, zhDate, type Ctx, type CorpusUnit } from './corpus-parts.ts';
import { FAMILIES, newsFamily, TOTAL_WEIGHT } from './corpus-families.ts';

export interface SynthOptions {
  /** year of the documents (default 2020) */
  year?: number;
  /** spread over these years instead (benchmarks) */
  years?: number[];
}

/** Streams n documents (for a million, iterate; nothing is kept in memory). */
export function* synthesizeDocumentsIter(n: number, units: CorpusUnit[], seed: number, o: SynthOptions = {}): Iterable<ImportRecord> {
  if (!units.length) throw new Error('synthesizeDocuments needs at least one unit');
  const c: Ctx = { r: rng(seed), year: o.year ?? 2020, units, serials: new Map(), numbers: new Map(), regNo: 0 };
  let made = 0;
  let i = 0;
  const titles = new Set<string>();
  while (made < n) {
    const year = o.years?.length ? c.r.pick(o.years) : c.year;
    let x = c.r.next() * TOTAL_WEIGHT;
    const fam = FAMILIES.find(([, w]) => (x -= w) < 0)?.[0] ?? newsFamily;
    for (const rec of fam(c, year)) {
      if (made >= n) return;
      i++;
      rec.externalId = `synth-${seed}-${i}`;
      rec.title = uniqueTitle(titles, rec.title!, rec.writtenDate!);
      // a few items in other states: withdrawn (corrected and republished), drafts awaiting review
      const s = c.r.next();
      if (s < 0.01 && !rec.interpretationOf && !rec.amendedBy && !rec.repealedBy) {
        rec.status = 'withdrawn';
        rec.withdrawalReason = '发布内容有误，已更正后重新发布';
        rec.withdrawnAt = new Date(new Date(rec.publishedAt!).getTime() + 2 * DAY).toISOString();
      }
      made++;
      yield rec;
    }
  }
}

/** A title not used before: the same subject twice gets its date, then a running number (no two documents alike). */
function uniqueTitle(seen: Set<string>, title: string, written: string): string {
  let t = title;
  if (seen.has(t)) t = `${title}（${zhDate(written)}）`;
  for (let k = 2; seen.has(t); k++) t = `${title}（${zhDate(written)}，之${k}）`;
  seen.add(t);
  return t;
}

export function synthesizeDocuments(n: number, units: CorpusUnit[], seed: number, o: SynthOptions = {}): ImportRecord[] {
  return [...synthesizeDocumentsIter(n, units, seed, o)];
}

/** The real work plan that drives this project, as the document it was: issued 2020-08-25. */
export function workPlanDocument(ownerCode: string): ImportRecord {
  const text = readFileSync(join(import.meta.dirname, 'corpus', 'work-plan-2020.zh-Hans.txt'), 'utf8');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
    .map((l) => (/^[一二三四五六七八九十]+、/.test(l) || l === '2020年政务公开工作要点' ? `<h3>${esc(l)}</h3>` : `<p>${esc(l)}</p>`)).join('');
  return {
    unit: ownerCode, externalId: 'work-plan-2020', status: 'published', title: '朝阳市政务公开领导小组关于印发朝阳市2020年政务公开工作要点的通知',
    issuingUnits: ['朝阳市政务公开领导小组', ownerCode], docType: 'notice', legalForm: 'other_policy', validity: 'effective', writtenDate: '2020-08-25',
    publishDate: '2020-08-25', publishedAt: '2020-08-25T08:00:00.000Z', topic: '0201', source: '朝阳市人民政府办公室', disclosure: 'proactive',
    summary: '聚焦“六稳”“六保”，部署完成政府信息公开平台建设、政策发布解读、优化营商环境信息公开、疫情防控信息发布和夯实工作基础等24项重点工作。',
    keywords: ['政务公开', '工作要点', '六稳六保'], columns: ['rules'], topics: ['six-stabilities-six-guarantees/policies'], bodyHtml: html,
  };
}
