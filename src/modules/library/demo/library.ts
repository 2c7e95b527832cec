/**
 * Demo media library (issue #13 item 6: every screen meaningful on first start): 市政府办公室,
 * 市司法局 and 双塔区 get a few charts, flow charts and marks drawn at seed time (images.ts) with
 * text alternatives that say what the picture shows, and 市政府办公室 a PDF form. One published
 * document of each unit then shows its unit's first image in its body, so the item page lists where
 * it is used and its delete is refused. Names carry 【演示】; figures are fictional.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { loadConfig } from '../../../config/env.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { budgetPdf } from '../../documents/demo/seed.ts';
import { updateDocument } from '../../documents/commands.ts';
import { libraryUrl } from '../domain/rules.ts';
import { uploadItem } from '../commands.ts';
import { barChart, emblem, flowChart, pieChart, PALETTE } from './images.ts';

interface DemoFile { filename: string; name: string; alt?: string; data: () => Promise<Buffer> | Buffer }

const MONTHS = [12, 30, 25, 41, 38, 52, 47, 60, 55, 63, 70];

export const DEMO_LIBRARY: Record<string, DemoFile[]> = {
  szfb: [
    {
      filename: 'zhudong-gongkai-2020.png', name: '【演示】2020年1—11月主动公开信息数量图解',
      alt: `柱状图：2020年1月至11月市政府办公室每月主动公开政府信息数量，由1月的12条增至11月的70条，合计${MONTHS.reduce((a, b) => a + b, 0)}条，总体逐月上升。`,
      data: () => barChart(MONTHS),
    },
    { filename: 'zhuanlan-biaoshi.png', name: '【演示】政务公开专栏标识', alt: '政务公开专栏标识：红色圆环中一本打开的书，寓意公开透明。', data: () => emblem() },
    {
      filename: 'yishenqing-liucheng.png', name: '【演示】依申请公开办理流程图',
      alt: '流程图：依申请公开办理共四步，依次为提出申请、登记受理、审查办理、作出答复；能当场答复的当场答复，否则自收到申请之日起20个工作日内答复。',
      data: () => flowChart(4),
    },
    {
      filename: 'shenqingbiao.pdf', name: '【演示】政府信息公开申请表（样表）',
      data: () => budgetPdf('【演示】朝阳市人民政府办公室政府信息公开申请表（样表）', [
        ['申请人姓名或名称', '（自然人填写姓名，法人或其他组织填写名称）'], ['联系电话', ''], ['通信地址', ''],
        ['所需信息的内容描述', '（请尽量写明文件名称、文号或其他特征描述）'], ['获取信息的方式', '□ 邮寄  □ 电子邮件  □ 当面领取'],
        ['申请日期', '    年  月  日'], ['说明', '本表为演示数据，不作实际受理之用。'],
      ]),
    },
  ],
  sfj: [
    {
      filename: 'fuyi-shenjie-2020.png', name: '【演示】2020年行政复议案件审结情况图解',
      alt: '饼图：2020年市司法局审结的行政复议案件中，维持占62%，驳回复议申请占21%，撤销或确认违法占11%，终止审理占6%。',
      data: () => pieChart([62, 21, 11, 6]),
    },
    {
      filename: 'gonggong-falv-fuwu.png', name: '【演示】公共法律服务申请流程图',
      alt: '流程图：申请公共法律服务共五步，依次为咨询登记、材料审查、指派承办、提供服务、回访评价。',
      data: () => flowChart(5),
    },
    {
      filename: 'pufa-huodong-2020.png', name: '【演示】2020年各季度普法活动场次',
      alt: '柱状图：2020年市司法局各季度举办普法活动场次，第一季度18场，第二季度26场，第三季度31场，第四季度40场。',
      data: () => barChart([18, 26, 31, 40], PALETTE[1]),
    },
  ],
  shuangta: [
    {
      filename: 'zhuanqu-renci-2020.png', name: '【演示】2020年政务公开专区接待人次图解',
      alt: '柱状图：2020年双塔区政务公开专区各季度接待群众人次，第一季度320人次，第二季度410人次，第三季度530人次，第四季度600人次。',
      data: () => barChart([320, 410, 530, 600], PALETTE[2]),
    },
    { filename: 'zhuanqu-biaoshi.png', name: '【演示】双塔区政务公开专区标识', alt: '双塔区政务公开专区标识：蓝色圆环中一本打开的书。', data: () => emblem(PALETTE[0]) },
    {
      filename: 'dafu-leixing-2020.png', name: '【演示】2020年依申请公开答复类型构成',
      alt: '饼图：2020年双塔区依申请公开答复中，予以公开占55%，部分公开占15%，信息不存在占20%，其他答复占10%。',
      data: () => pieChart([55, 15, 20, 10]),
    },
  ],
};

/** Where a body shows its unit's first library image: after its first paragraph. */
export function withImage(bodyHtml: string, url: string, alt: string, caption: string): string {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const figure = `<p><img src="${esc(url)}" alt="${esc(alt)}"></p><p>${esc(caption)}</p>`;
  const i = bodyHtml.indexOf('</p>');
  return i < 0 ? bodyHtml + figure : bodyHtml.slice(0, i + 4) + figure + bodyHtml.slice(i + 4);
}

export async function seedLibrary(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<{ items: number; documents: number }> {
  let store: { dataDir: string; maxUploadMb: number };
  try {
    const cfg = loadConfig();
    store = { dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb };
  } catch {
    log('library: no configuration (data directory), skipped');
    return { items: 0, documents: 0 };
  }
  let items = 0;
  let documents = 0;
  for (const [slug, files] of Object.entries(DEMO_LIBRARY)) {
    const unit = await db.selectFrom('units').select('id').where('slug', '=', slug).where('active', '=', true).executeTakeFirst();
    if (!unit) continue;
    const keys: { key: string; alt: string; name: string }[] = [];
    for (const f of files) {
      const id = await uploadItem(db, ctx, store, unit.id, { filename: f.filename, data: await f.data() }, { name: f.name, alt: f.alt });
      const row = await db.selectFrom('library_items').select(['key', 'alt', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
      keys.push(row);
      items++;
    }
    const image = keys.find((k) => k.alt);
    if (!image) continue;
    // a published document of the unit shows the image, through the documents module's edit command
    // (a published edit: a new version with a change note, as an editor inserting a 图解 would make)
    const candidates = await db.selectFrom('documents').select(['id', 'body_html']).where('unit_id', '=', unit.id).where('status', '=', 'published')
      .where('disclosure', '=', 'proactive').where('personal_data_findings', '=', 0).orderBy('publish_date', 'desc').orderBy('id', 'desc').limit(5).execute();
    for (const d of candidates) {
      try {
        await updateDocument(db, ctx, d.id, { bodyHtml: withImage(d.body_html, libraryUrl(image.key), image.alt, `图：${image.name}`) }, { changeNote: '【演示】正文插入媒体库图解' });
        documents++;
        break;
      } catch (e) {
        log(`library: document ${d.id} not edited (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  }
  log(`library: ${items} demo files, ${documents} documents showing one`);
  return { items, documents };
}

DEMO_SEEDERS.push({ name: 'library', run: async (db, ctx, log) => void (await seedLibrary(db, ctx, log)) });
