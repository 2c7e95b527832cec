/**
 * Demo only: fills every still-empty statutory column of the demo units with fictional documents
 * (the citizen audit of 2026-12-04 found 451 of 520 leaf columns empty). Each column gets two
 * documents whose title, 发文机关, dates, 主题分类 and body come from the column's statutory purpose
 * (its 条例 item, statutory_ref) and a sentence of the 2020 work plan that speaks to it; 文号 only
 * where the column holds issued documents. Every item says plainly that it is demo data.
 *
 *   fillRecords(columns, units, planText) → ImportRecord[]   (pure, deterministic)
 *   fillEmptyColumns(db, ctx, store)      → how many were created (through the importer)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { filledElsewhere } from '../../health/domain/columns.ts';
import { importRecords, type ImportRecord } from '../store/importer.ts';
import { agencyCode, type CorpusUnit } from './corpus-parts.ts';
import { addDemoAttachments } from './attachments.ts';

export interface EmptyColumn { unitCode: string; slug: string; name: string; type: string; statutoryRef: string | null }

export const DEMO_MARK = '【演示数据】本文为平台演示用虚构内容，所涉单位、人员、数字均非真实信息。';
/** Columns of issued documents (通知、规定、方案): they carry a 文号. */
const ISSUED = new Set(['policy', 'notice', 'planning', 'personnel', 'emergency']);
const KINDS: Record<string, [string, string][]> = {
  policy: [['关于印发{n}工作实施办法的通知', 'notice'], ['关于进一步规范{n}工作的意见', 'opinion']],
  notice: [['关于做好{n}有关工作的通知', 'notice'], ['关于{n}事项的公告', 'announcement']],
  planning: [['{y}年{n}工作计划', 'other'], ['关于印发{n}三年行动方案的通知', 'notice']],
  personnel: [['关于{n}有关事项的通知', 'notice'], ['{y}年{n}情况公示', 'other']],
  emergency: [['关于印发{n}工作方案的通知', 'notice'], ['{n}工作情况通报', 'bulletin']],
};
const DEFAULT_KINDS: [string, string][] = [['{y}年{n}情况公开', 'other'], ['{y}年上半年{n}工作进展情况', 'other']];
/**
 * The 政府信息公开制度 column (国办公开办函〔2019〕61号) holds a unit's own disclosure rules: the
 * 保密审查 rule (条例 第十七条) and the 依申请公开 procedure (条例 第二十七条至第四十五条), each issued by a notice.
 */
const RULES_TYPE = 'disclosure_rules';
const RULES_KINDS: [string, string][] = [['关于印发《{u}政府信息公开保密审查制度》的通知', 'notice'], ['关于印发《{u}依申请公开政府信息工作规程》的通知', 'notice']];
const RULES_BODY = [
  '<h3>一、总则</h3><p>为规范本单位政府信息公开工作，根据《中华人民共和国政府信息公开条例》，结合工作实际，制定本制度。</p>',
  '<h3>二、职责分工</h3><p>本单位政务公开工作机构负责组织实施，各科室负责本科室政府信息的梳理、审查和报送。</p>',
  '<h3>三、工作程序</h3><p>拟公开的政府信息经承办科室初审、政务公开工作机构复核、分管负责同志审定后公开；依申请公开的，自收到申请之日起20个工作日内答复，需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>',
  '<h3>四、监督检查</h3><p>本制度执行情况纳入年度政务公开工作考核。</p>',
].join('');

/**
 * Whom a unit's 印发 notice of its own rules is addressed to (主送机关): a government writes to the
 * governments and departments below it, a township to its villages and communities and its own
 * offices, a department or any other body to its own sections and the units under it.
 */
export function addressee(u: { type: string; name: string }): string {
  switch (u.type) {
    case 'city_government':
      return '各县（市）区人民政府，市政府各部门、各直属机构';
    case 'county_government': {
      const level = /(区|县|市)人民政府$/.exec(u.name)?.[1] ?? '县（区）';
      return `各乡镇人民政府、街道办事处，${level}政府各部门`;
    }
    case 'township':
      return u.name.endsWith('街道办事处') ? '各社区居民委员会，街道各科室' : `各村民委员会，${/乡人民政府$/.test(u.name) ? '乡' : '镇'}直各单位`;
    default:
      return '各科室、各直属单位';
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const zh = (d: string) => `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8, 10)}日`;
/** A working day of the year from a number (Mon–Fri; months 1–11 so the demo's year is complete). */
function dayOf(year: number, x: number): string {
  const t = Date.UTC(year, 0, 6) + (x % 320) * 86_400_000;
  const d = new Date(t);
  const dow = d.getUTCDay();
  if (dow === 0 || dow === 6) d.setUTCDate(d.getUTCDate() + (dow === 6 ? 2 : 1));
  return d.toISOString().slice(0, 10);
}

/** The plan's sentences, to quote the one that speaks to a column. */
export function planSentences(text: string): string[] {
  return text.split(/\r?\n/).flatMap((l) => l.split(/(?<=。)/)).map((s) => s.trim()).filter((s) => s.length >= 12 && s.endsWith('。') && !/^[一二三四五六七八九十]+、/.test(s));
}

function quote(plan: string[], name: string, h: number): string {
  const keys = [name, name.slice(0, 4), name.slice(0, 2), name.slice(-2)].filter((k) => k.length >= 2);
  for (const k of keys) {
    const hits = plan.filter((s) => s.includes(k));
    if (hits.length) return hits[h % hits.length];
  }
  return plan[h % plan.length];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function fillRecords(columns: EmptyColumn[], units: CorpusUnit[], planText: string, year = 2020): ImportRecord[] {
  const plan = planSentences(planText);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const serial = new Map<string, number>();
  const numbers = new Map<string, number>();
  const out: ImportRecord[] = [];
  for (const col of columns) {
    const u = byCode.get(col.unitCode);
    if (!u) continue;
    const rules = col.type === RULES_TYPE;
    const kinds = rules ? RULES_KINDS : KINDS[col.type] ?? DEFAULT_KINDS;
    const name = col.name.replace(/[（(].*?[）)]/g, '').replace(/信息$/, '') || col.name;
    kinds.forEach(([tpl, docType], k) => {
      const h = hash(`${col.unitCode}|${col.slug}|${k}`);
      const written = dayOf(year, h % 300 + k * 7);
      const published = dayOf(year, (h % 300) + k * 7 + (h % 4));
      const n = (serial.get(u.code) ?? 0) + 1;
      serial.set(u.code, n);
      const title = `${u.name}${tpl.replace('{n}', name).replace('{y}', String(year)).replace('{u}', u.name)}`;
      let docNumber: string | undefined;
      if ((rules || ISSUED.has(col.type)) && docType !== 'other' && docType !== 'bulletin') {
        const ag = agencyCode(u);
        const m = (numbers.get(ag) ?? 300) + 1; // above the corpus's own numbers of the year
        numbers.set(ag, m);
        docNumber = `${ag}〔${year}〕${m}号`;
      }
      const basis = col.statutoryRef ? `根据${col.statutoryRef.replace(/^政府信息公开条例/, '《中华人民共和国政府信息公开条例》')}的规定` : '根据政府信息公开有关规定';
      const q = quote(plan, name, h);
      const inner = /《(.+)》/.exec(title)?.[1];
      const body = rules && inner ? [
        `<p>${esc(addressee(u))}：</p><p>《朝阳市2020年政务公开工作要点》提出：${esc(q)}现将《${esc(inner)}》印发给你们，请认真贯彻执行。</p>`,
        `<p>${esc(u.name)}</p><p>${zh(written)}</p>`,
        `<h2>${esc(inner)}</h2>`, RULES_BODY,
        `<p>${DEMO_MARK}</p>`,
      ].join('') : [
        `<p>${esc(basis)}，现将${esc(u.shortName)}${year}年${esc(name)}有关情况公开如下。</p>`,
        `<h3>一、工作依据</h3><p>《朝阳市2020年政务公开工作要点》提出：${esc(q)}</p>`,
        `<h3>二、主要内容</h3><p>${esc(u.shortName)}按照“${esc(col.name)}”栏目的公开要求，梳理本单位${esc(name)}事项${3 + (h % 9)}项，明确责任科室和公开时限，做到应公开尽公开。</p>`,
        `<h3>三、下一步工作</h3><p>及时更新本栏目内容，对社会关注度高的事项做好解读和回应，接受社会监督。联系电话：0421-26${pad(h % 100000, 5)}（工作日）。</p>`,
        `<p>${zh(written)}</p>`,
        `<p>${DEMO_MARK}</p>`,
      ].join('');
      out.push({
        unit: u.code, externalId: `demo-fill-${u.code}-${col.slug}-${k + 1}`, indexNo: `${u.code}/${year}-${pad(800 + n, 5)}`, status: 'published',
        title, docNumber, docType, legalForm: 'none', writtenDate: written, publishDate: published, publishedAt: `${published}T01:30:00.000Z`,
        disclosure: 'proactive', source: u.name, issuingUnits: [u.code], topic: '0201',
        summary: rules && inner ? `印发${inner}（演示数据）。` : `公开${u.shortName}${year}年${name}有关情况（演示数据）。`, keywords: [name.slice(0, 10), '演示数据'], columns: [col.slug], bodyHtml: body,
      });
    });
  }
  return out;
}

/** The enabled leaf columns of the units with no published 主动公开 document (and not filled by another module). */
export async function emptyColumns(db: Db, unitCodes: string[]): Promise<EmptyColumn[]> {
  if (!unitCodes.length) return [];
  const r = await sql<{ code: string; slug: string; name_zh: string; column_type: string; statutory_ref: string | null }>`
    select u.code, c.slug, c.name_zh, c.column_type, c.statutory_ref
    from doc_columns c join units u on u.id = c.unit_id
    where c.enabled and u.code in (${sql.join(unitCodes)})
      and not exists (select 1 from doc_columns k where k.parent_id = c.id and k.enabled)
      and not exists (select 1 from document_columns dc join documents d on d.id = dc.document_id
                      where dc.column_id = c.id and d.status = 'published' and d.disclosure = 'proactive')
    order by u.code, c.sort, c.id`.execute(db);
  return r.rows.filter((c) => !filledElsewhere({ type: c.column_type }))
    .map((c) => ({ unitCode: c.code, slug: c.slug, name: c.name_zh, type: c.column_type, statutoryRef: c.statutory_ref }));
}

/** `attachments`: the 印发 notices carry the 办法/方案 they name as a Word file (needs a file store). */
export async function fillEmptyColumns(db: Db, ctx: CommandContext, units: CorpusUnit[], store: { dataDir: string; maxUploadMb: number; attachments?: boolean }): Promise<{ columns: number; created: number; errors: string[] }> {
  const cols = await emptyColumns(db, units.map((u) => u.code));
  const plan = readFileSync(join(import.meta.dirname, 'corpus', 'work-plan-2020.zh-Hans.txt'), 'utf8');
  const records = fillRecords(cols, units, plan);
  if (store.attachments) await addDemoAttachments(records);
  const res = await importRecords(db, ctx, records, { dataDir: store.dataDir, maxUploadMb: store.maxUploadMb, batchSize: 200 });
  return { columns: cols.length, created: res.created, errors: res.errors.map((e) => `record ${e.line}: ${e.message}`) };
}
