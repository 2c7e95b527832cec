/**
 * Demo 基层政务公开标准目录 of 双塔区 (a district: 义务教育, 社会救助, 公共法律服务) and its township
 * 桃花吐镇 (社会救助, 涉农补贴), 2020, published. Rows are written for the demo from the areas' nature
 * and the laws they cite; the 公开主体 names are fictional units of the demo city. Rows link to the
 * units' published demo documents and columns, with 起算日期 set so the coverage report shows rows
 * published, published late, pending, overdue and with nothing linked.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { addLink, createCatalog, importRows, moveCatalog, setTrigger } from '../commands.ts';
import { validateRow, type RowValue } from '../domain/rules.ts';

const WD20 = '信息形成或者变更之日起20个工作日内';
const r = (seq: number, item1: string, item2: string, content: string, basis: string, subject: string, o: Partial<Record<'deadline' | 'channels' | 'audiences' | 'modes' | 'levels', string>> = {}): RowValue =>
  validateRow({ seq: String(seq), item1, item2, content, basis, subject, deadline: o.deadline ?? WD20, channels: o.channels ?? '政府网站、公开查阅点', audiences: o.audiences ?? '全社会', modes: o.modes ?? '主动', levels: o.levels ?? '县级' }).value;

const EDU = '双塔区教育局（演示）';
const MZ = '双塔区民政局（演示）';
const SF = '双塔区司法局（演示）';
const TOWN = '桃花吐镇人民政府（演示）';
const EDU_LAW = '《中华人民共和国义务教育法》\n《中华人民共和国政府信息公开条例》';
const SA_LAW = '《社会救助暂行办法》\n《最低生活保障审核确认办法》';

const DISTRICT: Record<string, RowValue[]> = {
  '21': [
    r(1, '政策文件', '义务教育招生入学政策', '招生范围、入学条件、报名时间和方式、所需材料、咨询电话', EDU_LAW, EDU, { channels: '政府网站、两微一端、社区/企事业单位/村公示栏（电子屏）', levels: '县级、乡级' }),
    r(2, '学校信息', '辖区义务教育学校名录', '学校名称、地址、联系电话、办学性质、招生片区', EDU_LAW, EDU),
    r(3, '资助政策', '家庭经济困难学生生活补助', '补助对象、标准、申请程序、受助学生名单（不含个人敏感信息）', '《中华人民共和国义务教育法》第四十四条\n《学生资助资金管理办法》', EDU, { audiences: '全社会、特定群体', channels: '政府网站、精准推送', deadline: '资助名单确定后10个工作日内' }),
    r(4, '督导评估', '义务教育质量监测结果', '监测报告摘要、整改情况', '《教育督导条例》第二十四条', EDU, { deadline: '信息形成之日起二十个工作日内' }),
  ],
  '17': [
    r(1, '政策法规', '最低生活保障政策', '保障对象、标准、申请条件、办理流程、监督电话', SA_LAW, MZ, { levels: '县级、乡级', channels: '政府网站、政务服务中心、社区/企事业单位/村公示栏（电子屏）' }),
    r(2, '救助对象', '低保对象名单公示', '户主姓名（部分隐去）、所在村（社区）、保障人数、保障金额', '《最低生活保障审核确认办法》第二十二条', MZ, { deadline: '实时公开', channels: '社区/企事业单位/村公示栏（电子屏）、政府网站', levels: '县级、乡级' }),
    r(3, '资金管理', '社会救助资金发放情况', '资金来源、发放对象数量、发放金额、发放时间', SA_LAW, MZ),
    r(4, '办事服务', '临时救助申请指南', '申请条件、所需材料、办理时限、受理地点', '《社会救助暂行办法》第四十七条', MZ, { deadline: '长期公开', channels: '政府网站、政务服务中心、便民服务站' }),
  ],
  '25': [
    r(1, '公共法律服务', '公共法律服务实体平台目录', '中心、工作站、工作室名称、地址、服务时间、联系电话', '《关于加快推进公共法律服务体系建设的意见》', SF, { deadline: '长期公开', levels: '县级、乡级' }),
    r(2, '法律援助', '法律援助申请指南', '申请条件、经济困难标准、所需材料、办理流程', '《法律援助条例》第十条、第十七条', SF, { channels: '政府网站、政务服务中心、公开查阅点' }),
    r(3, '人民调解', '人民调解组织名录', '调解委员会名称、调解员、联系方式', '《中华人民共和国人民调解法》第七条', SF),
  ],
};
const TOWNSHIP: Record<string, RowValue[]> = {
  '17': [
    r(1, '救助对象', '本镇低保对象名单公示', '户主姓名（部分隐去）、所在村、保障人数', '《最低生活保障审核确认办法》第二十二条', TOWN, { deadline: '实时公开', channels: '社区/企事业单位/村公示栏（电子屏）', levels: '乡级' }),
    r(2, '办事服务', '特困人员供养申请', '申请条件、所需材料、办理地点、咨询电话', '《社会救助暂行办法》第十四条', TOWN, { deadline: '长期公开', channels: '便民服务站、政府网站', levels: '乡级' }),
  ],
  '20': [
    r(1, '补贴政策', '耕地地力保护补贴政策', '补贴对象、标准、发放方式', '《财政部 农业农村部关于实施农业支持保护补贴政策的通知》', TOWN, { levels: '乡级', audiences: '特定群体', channels: '政府网站、社区/企事业单位/村公示栏（电子屏）' }),
    r(2, '补贴发放', '耕地地力保护补贴发放名册', '农户姓名（部分隐去）、面积、金额', '《中华人民共和国政府信息公开条例》第二十一条', TOWN, { deadline: '补贴资金发放后7个工作日内', levels: '乡级', audiences: '特定群体', channels: '社区/企事业单位/村公示栏（电子屏）' }),
    r(3, '补贴发放', '农机购置补贴实施情况', '补贴机具、受益户数、补贴金额', '《农业机械购置补贴实施指导意见》', TOWN, { levels: '乡级' }),
  ],
};

const minus = (iso: string, days: number) => new Date(Date.parse(iso + 'T00:00:00Z') - days * 86400000).toISOString().slice(0, 10);

export async function seedCatalogs(db: Db, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = new Map((await listUnits(db, { activeOnly: true })).map((u) => [u.slug, u]));
  let n = 0;
  for (const [slug, areas] of [['shuangta', DISTRICT], ['shuangta-taohuatu', TOWNSHIP]] as const) {
    const unit = units.get(slug);
    if (!unit) continue;
    // the unit's published documents, newest first, to link rows to (fulfilled, late and overdue cases)
    const docs = await db.selectFrom('documents').select(['id', 'publish_date']).where('unit_id', '=', unit.id).where('status', '=', 'published').where('publish_date', 'is not', null).orderBy('publish_date', 'desc').limit(20).execute();
    // the unit's column that published most recently (a leaf column: documents are filed in leaves)
    const col = await db.selectFrom('document_columns as dc').innerJoin('documents as d', 'd.id', 'dc.document_id').innerJoin('doc_columns as c', 'c.id', 'dc.column_id')
      .select('c.id').where('c.unit_id', '=', unit.id).where('d.status', '=', 'published').orderBy('d.publish_date', 'desc').limit(1).executeTakeFirst();
    let k = 0;
    for (const [area, rows] of Object.entries(areas)) {
      const id = await createCatalog(db, ctx, unit.id, area, 2020);
      await importRows(db, ctx, id, rows, 'demo');
      await moveCatalog(db, ctx, id, 'publish');
      n++;
      const saved = await db.selectFrom('catalog_rows').select(['id', 'deadline_kind']).where('catalog_id', '=', id).orderBy('seq').execute();
      for (const row of saved) {
        const doc = docs[k % Math.max(docs.length, 1)];
        const plan = k % 5;
        k++;
        if (plan === 0 && doc?.publish_date) { // published within the limit
          await setTrigger(db, ctx, row.id, minus(doc.publish_date, 6));
          await addLink(db, ctx, row.id, { document: String(doc.id) });
        } else if (plan === 1 && doc?.publish_date) { // linked document older than the last change: overdue
          await setTrigger(db, ctx, row.id, minus(today, 90));
          await addLink(db, ctx, row.id, { document: String(doc.id) });
        } else if (plan === 2) { // a column of the unit: fulfilled while it publishes
          if (col) await addLink(db, ctx, row.id, { column: String(col.id) });
        } else if (plan === 3 && row.deadline_kind !== 'ongoing') { // changed two days ago: pending
          await setTrigger(db, ctx, row.id, minus(today, 2));
        } // plan 4: nothing linked yet
      }
    }
  }
  log(`  ${n} 份基层政务公开标准目录（演示）`);
  return n;
}

DEMO_SEEDERS.push({ name: 'catalogs', run: async (db, ctx, log) => void (await seedCatalogs(db, ctx, log)) });
