/**
 * Demo 办事指南: a few published guides of the city's bureaus with all ten elements, one draft
 * lacking some, and a 一件事 bundle of the city ("开办小餐馆"). Addresses and telephone numbers are
 * fictional (the demo city's service centre); legal bases name real statutes.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { saveBundle, saveGuide, setGuideStatus } from '../commands.ts';

const CENTRE = '朝阳市政务服务中心（演示地址：朝阳大街 100 号）';
const HOURS = '工作日上午 8:30—11:30，下午 13:00—17:00（法定节假日除外）';

type Demo = { unit: string; key: string; publish: boolean; g: Record<string, string> };

const GUIDES: Demo[] = [
  { unit: 'scjg', key: 'geti', publish: true, g: { kind: 'confirmation', code: 'DEMO-SCJG-001', name: '个体工商户设立登记', basis: '《促进个体工商户发展条例》第八条\n《中华人民共和国市场主体登记管理条例》第三条', conditions: '有经营能力的自然人；经营场所符合规定；名称符合名称登记管理规定', materials: '1. 个体工商户登记（备案）申请书\n2. 经营者身份证明\n3. 经营场所使用证明\n4. 委托他人办理的，提交委托书及受托人身份证明', place: `${CENTRE}一楼市场监管窗口`, office: '朝阳市市场监督管理局', fees: '不收费', hours: HOURS, phone: '0421-2600001（演示）', process: '1. 申请：网上或窗口提交材料\n2. 受理：材料齐全、符合法定形式的当场受理\n3. 审核：核对材料\n4. 决定：准予登记的发给营业执照', time_limit: '材料齐全的当场办结', online_url: '' } },
  { unit: 'scjg', key: 'food', publish: true, g: { kind: 'licensing', code: 'DEMO-SCJG-002', name: '食品经营许可（餐饮服务）', basis: '《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》', conditions: '具有与经营的食品品种、数量相适应的经营场所；有食品安全管理人员和规章制度；设备布局和工艺流程合理', materials: '1. 食品经营许可申请书\n2. 营业执照\n3. 与食品经营相适应的主要设备设施布局、操作流程等文件\n4. 食品安全自查、从业人员健康管理等制度目录', place: `${CENTRE}一楼市场监管窗口`, office: '朝阳市市场监督管理局', fees: '不收费', hours: HOURS, phone: '0421-2600002（演示）', process: '1. 申请\n2. 受理\n3. 审查（必要时现场核查）\n4. 决定\n5. 发证', time_limit: '承诺 5 个工作日（法定 10 个工作日）', online_url: '' } },
  { unit: 'sfj', key: 'aid', publish: true, g: { kind: 'public_service', code: 'DEMO-SFJ-001', name: '法律援助申请', basis: '《中华人民共和国法律援助法》第二十二条、第三十一条', conditions: '因经济困难没有委托代理人，且属于法律援助事项范围的公民', materials: '1. 法律援助申请表\n2. 身份证明\n3. 经济困难状况说明表\n4. 与所申请法律援助事项有关的材料', place: `${CENTRE}二楼公共法律服务窗口`, office: '朝阳市法律援助中心', fees: '不收费', hours: HOURS, phone: '12348', process: '1. 申请\n2. 审查（经济困难状况和事项范围）\n3. 决定：给予援助的指派律师，不予援助的书面告知理由\n4. 援助实施', time_limit: '收到申请之日起 7 日内决定', online_url: '' } },
  { unit: 'sfj', key: 'lawyer', publish: false, g: { kind: 'licensing', code: 'DEMO-SFJ-002', name: '律师执业许可（初审）', basis: '《中华人民共和国律师法》第五条、第六条', conditions: '拥护宪法；取得法律职业资格证书；在律师事务所实习满一年；品行良好', materials: '1. 执业申请书\n2. 法律职业资格证书\n3. 实习考核合格材料', place: '', office: '朝阳市司法局', fees: '', hours: '', phone: '', process: '', time_limit: '', online_url: '' } },
  { unit: 'mzj', key: 'marriage', publish: true, g: { kind: 'confirmation', code: 'DEMO-MZJ-001', name: '内地居民结婚登记', basis: '《中华人民共和国民法典》第一千零四十九条\n《婚姻登记条例》第四条', conditions: '男女双方完全自愿；达到法定婚龄；双方均无配偶；无禁止结婚的亲属关系', materials: '1. 本人的居民身份证\n2. 本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明\n3. 近期半身免冠合影照片 2 张', place: '朝阳市婚姻登记处（演示地址：民政路 8 号）', office: '朝阳市民政局', fees: '不收费', hours: '工作日 8:30—16:30；每年 5 月 20 日、七夕等日期另行公告', phone: '0421-2600003（演示）', process: '1. 双方共同到场\n2. 查验材料\n3. 签字声明\n4. 颁发结婚证', time_limit: '当场办结', online_url: '' } },
  { unit: 'rsj', key: 'unemployment', publish: true, g: { kind: 'payment', code: 'DEMO-RSJ-001', name: '失业保险金申领', basis: '《中华人民共和国社会保险法》第四十五条\n《失业保险条例》第十四条', conditions: '失业前用人单位和本人已缴纳失业保险费满一年；非因本人意愿中断就业；已办理失业登记并有求职要求', materials: '1. 社会保障卡或居民身份证\n2. 与原单位解除或终止劳动关系的证明', place: `${CENTRE}三楼社保窗口`, office: '朝阳市社会保险事业服务中心', fees: '不收费', hours: HOURS, phone: '12333', process: '1. 网上或窗口申请\n2. 审核\n3. 按月发放失业保险金', time_limit: '即时办结', online_url: '' } },
];

export async function seedGuides(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<number> {
  const units = new Map((await listUnits(db, { activeOnly: true })).map((u) => [u.slug, u]));
  const ids = new Map<string, number>();
  for (const d of GUIDES) {
    const unit = units.get(d.unit);
    if (!unit) continue;
    const id = await saveGuide(db, ctx, { id: null, unitId: unit.id }, d.g);
    if (d.publish) await setGuideStatus(db, ctx, id, 'published');
    ids.set(d.key, id);
  }
  const city = [...units.values()].find((u) => u.type === 'city_government');
  if (city && ids.has('geti') && ids.has('food')) {
    await saveBundle(db, ctx, { id: null, unitId: city.id }, { name: '开办小餐馆"一件事"', description: '从领取营业执照到取得食品经营许可，按顺序办理以下事项；材料可在政务服务中心"一件事"窗口一次提交。（演示）', guides: [String(ids.get('geti')), String(ids.get('food'))] });
  }
  log(`  ${ids.size} 个办事指南（演示）`);
  return ids.size;
}

DEMO_SEEDERS.push({ name: 'guides', run: async (db, ctx, log) => void (await seedGuides(db, ctx, log)) });
