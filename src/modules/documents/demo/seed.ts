/**
 * Demo documents (DEMO_SEEDERS): the 专题 topics, the real 2020 work plan as a document of the
 * 政务公开领导小组 / 市政府办公室, ~300 fictional documents from corpus.ts loaded through the
 * importer (the same path as `gongkai import documents`), the attachments their bodies name (demo/attachments.ts),
 * and some drafts at 市司法局 so the review workflow has something to show.
 */
import { inTransaction, type Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { loadConfig } from '../../../config/env.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { DEMO_UNITS, demoUnitFields } from '../../units/demo.ts';
import { ensureTopics } from '../store/columns.ts';
import { importRecords } from '../store/importer.ts';
import { synthesizeDocuments, workPlanDocument } from './corpus.ts';
import type { CorpusUnit } from './corpus-parts.ts';
import { fillEmptyColumns } from './corpus-fill.ts';
import { addDemoAttachments } from './attachments.ts';
import { createDocument, reviewDocument, submitDocument } from '../commands.ts';

export const DEMO_DOCUMENT_COUNT = 300;
export const DEMO_SEED = 20200825;

export function demoCorpusUnits(): CorpusUnit[] {
  return DEMO_UNITS.map((u, i) => ({ code: demoUnitFields(u, i).code, name: u.name, shortName: u.short, type: u.type, key: u.key }));
}

export { budgetPdf, budgetRows } from './budget-pdf.ts';

async function seedDocuments(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<void> {
  await inTransaction(db, (tx) => ensureTopics(tx));
  const units = demoCorpusUnits();
  const szfb = units.find((u) => u.key === 'szfb')!;
  // the work plan last: its 索引号 is allocated after the corpus's own numbers
  const records = [...synthesizeDocuments(DEMO_DOCUMENT_COUNT, units, DEMO_SEED), workPlanDocument(szfb.code)];

  let store: { dataDir: string; maxUploadMb: number } | null = null;
  try {
    const cfg = loadConfig();
    store = { dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb };
  } catch {
    store = null; // no configuration here (e.g. a bare script): documents without attachments
  }
  // every attachment a body names (附件：…) is made from that document's own data (demo/attachments.ts)
  if (store) log(`documents: ${await addDemoAttachments(records)} attachments made from their documents`);
  const res = await importRecords(db, ctx, records, { dataDir: store?.dataDir ?? '/nonexistent', maxUploadMb: store?.maxUploadMb ?? 20, batchSize: 100 });
  log(`documents: ${res.created} created, ${res.errors.length} rejected`);
  for (const e of res.errors.slice(0, 10)) log(`  record ${e.line}: ${e.message}`);
  // every statutory column of a demo unit that the corpus left empty gets two demo documents
  const fill = await fillEmptyColumns(db, ctx, units, { dataDir: store?.dataDir ?? '/nonexistent', maxUploadMb: store?.maxUploadMb ?? 20, attachments: !!store });
  log(`documents: ${fill.created} demo documents in ${fill.columns} columns that were empty, ${fill.errors.length} rejected`);
  for (const e of fill.errors.slice(0, 10)) log(`  ${e}`);

  // work in progress at 市司法局 for the review workflow (sfj.editor / sfj.reviewer)
  const sfj = await db.selectFrom('units').select('id').where('code', '=', units.find((u) => u.key === 'sfj')!.code).executeTakeFirst();
  if (!sfj) return;
  const draft = (title: string, summary: string) => ({
    title, summary, docType: 'notice', legalForm: 'none', writtenDate: '2020-11-20', topic: '1603', keywords: ['普法'], source: '朝阳市司法局', disclosure: 'proactive',
    bodyHtml: `<p>各县（市）区司法局，市直各单位：</p><p>${summary}</p>`,
  });
  await createDocument(db, ctx, sfj.id, draft('朝阳市司法局关于开展2020年“宪法宣传周”活动的通知', '部署12月4日国家宪法日前后的宪法宣传活动。'));
  const s = await createDocument(db, ctx, sfj.id, draft('朝阳市司法局关于做好2020年度行政执法数据公开工作的通知', '要求各行政执法机关于1月31日前公开上年度行政执法数据。'));
  await submitDocument(db, ctx, s.document.id);
  const r = await createDocument(db, ctx, sfj.id, draft('朝阳市司法局关于征集2021年度普法工作意见建议的公告', '面向社会公开征集2021年度普法工作的意见建议。'));
  await submitDocument(db, ctx, r.document.id);
  await reviewDocument(db, ctx, r.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  // an 应急预案 awaiting review that names a duty officer's mobile number (fictional): the reviewer sees the PII finding
  const plan = await createDocument(db, ctx, sfj.id, {
    ...draft('朝阳市司法局公共法律服务突发事件应急预案', '明确公共法律服务领域突发事件的组织体系、预警响应和保障措施。'),
    topic: '0203', keywords: ['应急预案'],
    bodyHtml: '<p>为有效应对公共法律服务领域突发事件，制定本预案。</p><h3>一、组织体系</h3><p>成立应急工作领导小组，办公室设在局办公室。</p>'
      + '<h3>二、应急值守</h3><p>值班联系人：赵振宇，手机13904217788。</p><h3>三、预警和响应</h3><p>按照事件严重程度实行三级响应。</p><p>【演示数据】本文为演示用虚构内容。</p>',
  });
  await submitDocument(db, ctx, plan.document.id);
}

DEMO_SEEDERS.push({ name: 'documents', run: seedDocuments });
