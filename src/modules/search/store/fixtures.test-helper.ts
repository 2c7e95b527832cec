/**
 * Shared by the search tests: the test unit tree (test/helpers/fixtures.ts) and a handful of
 * documents chosen to exercise one rule each, imported through the documents importer (the same
 * path as `gongkai import documents`) and then indexed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../core/db/index.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { CODES, seedTree } from '../../../../test/helpers/fixtures.ts';
import { importRecords, type ImportRecord } from '../../documents/store/importer.ts';
import { ensureTopics } from '../../documents/store/columns.ts';
import { budgetPdf } from '../../documents/demo/seed.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { indexDocuments } from './indexer.ts';

export type FixtureKey =
  | 'plan' | 'law' | 'forest' | 'lowIncome' | 'script' | 'budget' | 'withdrawn' | 'onRequest' | 'expired' | 'joint' | 'news2022' | 'interpretation';

const p = (html: string) => html.split('\n').map((l) => `<p>${l}</p>`).join('');

export function fixtureRecords(): Record<FixtureKey, ImportRecord> {
  const base = (unit: string, date: string): ImportRecord => ({
    unit, status: 'published', publishDate: date, publishedAt: `${date}T02:00:00.000Z`, writtenDate: date, disclosure: 'proactive', legalForm: 'none', topic: '0201', summary: '内容概述见正文。',
  });
  return {
    plan: {
      ...base(CODES.city, '2020-08-25'),
      externalId: 'fx-plan',
      title: '测试市人民政府办公室关于印发2020年政务公开工作要点的通知',
      docNumber: '测政办发〔2020〕12号',
      docType: 'notice', legalForm: 'other_policy', validity: 'effective', writtenDate: '2020-08-20',
      summary: '部署全年政务公开重点工作。', keywords: ['政务公开', '工作要点'],
      columns: ['rules'], topics: ['six-stabilities-six-guarantees/policies'],
      bodyHtml: p('各县（市）区人民政府，市政府各部门：\n现将《2020年政务公开工作要点》印发给你们，请认真贯彻执行。\n一、完成政府信息公开平台建设，规范用权信息公开。\n二、围绕优化营商环境加强信息公开。'),
    },
    law: {
      ...base(CODES.bureau, '2020-09-01'),
      externalId: 'fx-law',
      title: '测试市司法局关于开展法治宣传月活动的通知',
      docNumber: '测司发〔2020〕3号', docType: 'notice', topic: '1603',
      summary: '部署全市法治宣传月活动。', keywords: ['法治宣传', '普法'],
      bodyHtml: p('各区县司法局：\n为深入开展法治宣传教育，决定在九月开展法治宣传月活动。'),
    },
    forest: {
      ...base(CODES.county, '2021-03-10'),
      externalId: 'fx-forest',
      title: '测试县人民政府关于做好春季森林防火工作的通知',
      docNumber: '测县政发〔2021〕5号', docType: 'notice', validity: 'effective',
      summary: '部署春季森林防火。', keywords: ['森林防火'],
      bodyHtml: p('各乡镇人民政府：\n做好春季森林防火工作，同时做好政务公开，及时发布火险预警信息。'),
    },
    lowIncome: {
      ...base(CODES.town, '2021-05-06'),
      externalId: 'fx-low',
      title: '某镇2021年5月城乡低保动态管理情况公示',
      docType: 'other', topic: '1703', keywords: ['低保'],
      bodyHtml: p('公示5月新增、停发低保对象情况（姓名已脱敏）。'),
    },
    script: {
      ...base(CODES.other, '2022-01-10'),
      externalId: 'fx-script',
      title: '<script>alert(1)</script>卫生健康政策解读',
      docType: 'other', topic: '1301',
      bodyHtml: p('本期卫生健康政策解读介绍家庭医生签约服务。'),
    },
    budget: {
      ...base(CODES.bureau, '2020-03-01'),
      externalId: 'fx-budget',
      title: '测试市司法局2020年部门预算',
      docType: 'other', topic: '0401',
      bodyHtml: p('详见附件。'),
    },
    withdrawn: {
      ...base(CODES.bureau, '2020-10-01'),
      externalId: 'fx-withdrawn',
      title: '测试市司法局关于公证收费标准的公告',
      docType: 'announcement',
      bodyHtml: p('公证收费标准调整。撤回测试专用词：琉璃瓦。'),
    },
    onRequest: {
      ...base(CODES.bureau, '2020-10-02'),
      externalId: 'fx-onrequest',
      disclosure: 'on_request', disclosureReason: '涉及第三方权益，依申请公开',
      title: '测试市司法局内部琉璃瓦采购情况说明',
      docType: 'other',
      bodyHtml: p('琉璃瓦。'),
    },
    expired: {
      ...base(CODES.city, '2018-06-01'),
      externalId: 'fx-expired',
      title: '测试市人民政府关于印发政务公开工作考核办法的通知',
      docNumber: '测政发〔2018〕7号', docType: 'notice', legalForm: 'normative', validity: 'expired', effectiveDate: '2018-06-01', expiryDate: '2020-05-31',
      writtenDate: '2018-05-20',
      bodyHtml: p('政务公开工作考核办法（已失效）。'),
    },
    joint: {
      ...base(CODES.county, '2021-07-01'),
      externalId: 'fx-joint',
      issuingUnits: [CODES.county, CODES.bureau],
      title: '测试县人民政府 测试市司法局关于联合开展普法进乡村活动的通知',
      docType: 'notice',
      bodyHtml: p('普法进乡村。'),
    },
    news2022: {
      ...base(CODES.city, '2022-06-15'),
      externalId: 'fx-news',
      title: '测试市召开政务公开工作推进会',
      docType: 'other',
      bodyHtml: p('会议要求，扎实推进政务公开工作，提升政务公开质量。'),
    },
    interpretation: {
      ...base(CODES.city, '2020-08-26'),
      externalId: 'fx-interp',
      title: '《2020年政务公开工作要点》政策解读',
      docType: 'other', interpretationOf: 'PLAN_INDEX_NO', interpretationKind: 'text',
      bodyHtml: p('一图读懂工作要点：平台建设、政策解读、营商环境。'),
    },
  };
}

export interface Fixtures {
  ids: Record<FixtureKey, number>;
  dataDir: string;
  tree: Awaited<ReturnType<typeof seedTree>>;
}

/** Units, users, the fixture documents (with a PDF attachment on `budget`), indexed. */
export async function seedSearchFixtures(db: Db, o: { dataDir?: string; index?: boolean } = {}): Promise<Fixtures> {
  const tree = await seedTree(db);
  await inTransaction(db, (tx) => ensureTopics(tx));
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'gongkai-search-'));
  const recs = fixtureRecords();
  const pdf = await budgetPdf('测试市司法局2020年部门预算公开表', [['收入合计', '523.40 万元'], ['“三公”经费', '12.30 万元'], ['公务接待费', '1.20 万元']]);
  recs.budget.attachments = [{ filename: '部门预算公开表.pdf', contentBase64: pdf.toString('base64') }];
  const ctx = systemContext('test');
  const first = Object.entries(recs).filter(([k]) => k !== 'interpretation').map(([, r]) => r);
  const r1 = await importRecords(db, ctx, first, { dataDir, maxUploadMb: 20 });
  if (r1.errors.length) throw new Error('fixture import: ' + JSON.stringify(r1.errors));
  const plan = await db.selectFrom('documents').select('index_no').where('external_id', '=', 'fx-plan').executeTakeFirstOrThrow();
  const r2 = await importRecords(db, ctx, [{ ...recs.interpretation, interpretationOf: plan.index_no }], { dataDir, maxUploadMb: 20 });
  if (r2.errors.length) throw new Error('fixture import: ' + JSON.stringify(r2.errors));
  const rows = await db.selectFrom('documents').select(['id', 'external_id']).where('external_id', 'like', 'fx-%').execute();
  const byExt = new Map(rows.map((r) => [r.external_id, r.id]));
  const ids = Object.fromEntries(Object.entries(recs).map(([k, r]) => [k, byExt.get(r.externalId as string)!])) as Record<FixtureKey, number>;
  if (o.index !== false) await indexDocuments(db, Object.values(ids), { dataDir });
  return { ids, dataDir, tree };
}
